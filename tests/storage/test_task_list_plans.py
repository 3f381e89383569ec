"""A person's task list reads the tasks they own, not every task of the tenant, on the
statistics an import leaves (`Database.optimize`: a sampled ANALYZE on SQLite, VACUUM
ANALYZE on PostgreSQL).

The store: one tenant with 20,000 tasks, of which two groups own 700 each and the person
60. On SQLite's sampled statistics `tenant = ?` looked narrower than two groups' ids, and
the group lookup read all 20,000 tasks (14 ms of a 17 ms answer at 40,000 tasks). Each
statement the list runs is explained: on SQLite no plan may scan the task table or search
it by the tenant alone; on PostgreSQL, run, none may read and throw away a quarter of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Committee, Group, GroupMembership, Person, Task
from storage.names import name_key
from storage.queries import tasks_for

TASKS = 20_000
GROUP_TASKS = 700  # each of the person's two groups
OWN_TASKS = 60
WIDE = 0.25  # of the tasks: a plan that reads and drops this many reads most of them
# A scan of the tasks, or a search by the tenant alone (its rowid not given).
_SQLITE_WIDE = re.compile(r"SCAN task\b|INDEX ix_task_tenant \(tenant=\?\)$")


def _seed(session: Session) -> None:
    session.add(Committee(id=1, name="Samarbeidsutvalg"))
    session.add(Person(id=1, name="Kari Nordmann", name_key=name_key("Kari Nordmann")))
    session.add_all([Group(id=1, name="Arbeidsutvalget", short_name="AU"),
                     Group(id=2, name="Arbeidsgruppe for samhandling")])  # fmt: skip
    session.flush()
    session.add_all([GroupMembership(group_id=g, person_id=1) for g in (1, 2)])
    rows = []
    for i in range(1, TASKS + 1):
        group = 1 + (i - 1) // GROUP_TASKS if i <= 2 * GROUP_TASKS else None
        own = 2 * GROUP_TASKS < i <= 2 * GROUP_TASKS + OWN_TASKS
        rows.append({
            "id": i, "committee_id": 1, "tenant": "default", "description": f"Oppgave {i}",
            "assignee_kind": "group" if group else "person",
            "assignee_name": "Kari Nordmann" if own else None if group else f"Person {i % 300}",
            "person_id": 1 if own else None, "group_id": group,
            "due_date": dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000),
            "status": "open" if i % 3 else "done",
        })  # fmt: skip
    session.execute(insert(Task), rows)


def _plans(session: Session, dialect: str) -> list[tuple[str, list[str]]]:
    """Each statement of a page of the person's list (with its committees, as Slack's home
    tab asks) and of the whole list, with what its plan does wrong."""
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((statement, parameters))

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", record)
    try:
        page = tasks_for(session, tenant="default", name="Kari Nordmann", per_page=15,
                         committees=True)  # fmt: skip
        whole = tasks_for(session, tenant="default", name="Kari Nordmann")
    finally:
        event.remove(connection, "before_cursor_execute", record)
    owned = 2 * (GROUP_TASKS - GROUP_TASKS // 3) + OWN_TASKS - OWN_TASKS // 3
    assert page.total == len(whole.tasks) >= owned - 2, "the person owns the tasks seeded"
    found = []
    for statement, parameters in statements:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        if dialect == "sqlite":
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            wrong = [row[3] for row in plan if _SQLITE_WIDE.search(row[3])]
        else:
            tree = connection.exec_driver_sql(
                f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters
            ).scalar_one()
            tree = json.loads(tree) if isinstance(tree, str) else tree
            wrong = _discarding(tree[0]["Plan"])
        found.append((statement, wrong))
    return found


def _discarding(node: dict[str, Any]) -> list[str]:
    """Scans of the task table that read and dropped a quarter of it."""
    found = []
    removed = node.get("Rows Removed by Filter", 0) * node.get("Actual Loops", 1)
    if node.get("Relation Name") == "task" and removed >= WIDE * TASKS:
        found.append(f"{node['Node Type']} on task: {removed:.0f} rows dropped")
    for child in node.get("Plans", []):
        found += _discarding(child)
    return found


async def test_a_member_of_busy_groups_has_their_tasks_read_not_the_tenant_s(
    db: Database,
) -> None:
    await db.write(_seed)
    await db.optimize()
    plans = await db.read(lambda s: _plans(s, db.dialect))
    assert len(plans) >= 4, "the page, its count by committee, the whole list"
    wide = [f"{wrong}\n{statement}" for statement, wrong in plans if wrong]
    assert not wide, "plans that read the tenant's tasks:\n\n" + "\n\n".join(wide)
