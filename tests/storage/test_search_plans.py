"""Every statement a decision search runs is an index lookup on PostgreSQL even as a
prepared statement's generic plan: asyncpg prepares each statement, and after five runs
PostgreSQL may plan it once for any parameters. A generic plan that scans the case table or
the postings costs tens of milliseconds on a large store (the "other tenants?" probe did:
25 ms at 50,000 cases).

The store holds 20,000 cases, enough that the planner's choices are the ones it makes on a
real archive (on a few rows a scan is the cheapest plan and the test would prove nothing).
The statements are recorded from real searches (unfiltered, by committee, by period, by
meeting, with one tenant in the store and with two) and the index state each answer's
refresh reads (its version and the cases' tenant bounds), then each is PREPAREd and EXPLAINed
with `plan_cache_mode = force_generic_plan` (PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN)).
A plan fails on a Seq Scan of the case or postings table, and on any scan of them that the
planner expects to return a quarter of the table or more (reading a whole index, such as
every case of the tenant through the tenant index, is no better), unless a LIMIT above it
stops it early (the min/max probes).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from assistant.decision_search import DecisionSearch
from assistant.indexing import index_cases
from assistant.search.case_weights import case_weights
from storage.database import Database
from storage.models import Case, Committee, Meeting
from storage.posting_store import replace_postings
from storage.search_index import Filters, index_state

CASES = 20_000
MEETINGS = 200
SCANNED = ("case_item", "search_block", "search_case")
WIDE = 0.25  # of a table's rows: a scan expected to return this many reads most of it


def _seed(session: Session) -> None:
    """Two committees and one real, indexed case; then by SQL 20,000 copies of it, indexed
    with their own weights and one rare word each. Committee 2 holds only the last meeting, whose
    cases weigh least: none is among a common word's best postings, so a search filtered
    to it scores every posting the filter allows (the widest statement a search runs)."""
    session.add_all([Committee(id=1, name="Samarbeidsutvalg"), Committee(id=2, name="Styret")])
    session.add(Meeting(id=1, committee_id=1, date=dt.date(2015, 1, 5)))
    session.flush()
    case = Case(
        id=1,
        meeting_id=1,
        committee_id=1,
        title="Budsjett for samhandling",
        body="Budsjettet for samhandlingen mellom kommunene og sykehuset ble drøftet.",
        decision="Budsjettet vedtas.",
        status="decided",
    )
    session.add(case)
    session.flush()
    index_cases(session, [case])
    session.execute(
        text(
            "INSERT INTO meeting (id, committee_id, date, status, origin) "
            f"SELECT g, CASE WHEN g = {MEETINGS} THEN 2 ELSE 1 END, "
            "DATE '2015-01-05' + g * 14, 'held', 'minutes' "
            f"FROM generate_series(2, {MEETINGS}) g"
        )
    )
    per_meeting = CASES // MEETINGS
    session.execute(
        text(
            "INSERT INTO case_item (id, tenant, meeting_id, committee_id, position, title, "
            "kinds, body, status, responsible, links, origin) "
            f"SELECT g, 'default', (g - 1) / {per_meeting} + 1, "
            f"CASE WHEN (g - 1) / {per_meeting} + 1 = {MEETINGS} THEN 2 ELSE 1 END, 0, "
            "'Sak ' || g, '[]', '', 'decided', '[]', '[]', 'minutes' "
            f"FROM generate_series(2, {CASES}) g"
        )
    )
    # Their postings as the index writes them (packed: storage/posting_store.py).
    weights = case_weights(case)
    by_case = {
        g: {t: w * (0.1 if g > CASES - per_meeting else 1 + g % 7) for t, w in weights.items()}
        | {f"sjeldenord{g}": 1.0}
        for g in range(1, CASES + 1)
    }
    replace_postings(session, by_case)


def _other_tenant(session: Session) -> None:
    session.execute(
        text(
            "INSERT INTO case_item (id, tenant, meeting_id, committee_id, position, title, "
            "kinds, body, status, responsible, links, origin) VALUES "
            f"({CASES + 1}, 'other', 1, 1, 1, 'Budsjett', '[]', '', 'decided', '[]', '[]', "
            "'minutes')"
        )
    )


@contextmanager
def _recorded(db: Database) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """The statements and parameters sent to the driver meanwhile."""
    statements: list[tuple[str, tuple[Any, ...]]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        statements.append((statement, tuple(parameters or ())))

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


async def _generic_plans(
    url: str, statements: list[tuple[str, tuple[Any, ...]]]
) -> tuple[list[str], list[dict[str, Any]], dict[str, float]]:
    """EXPLAIN of each statement's generic plan, as text and as JSON with what it read when
    run, and the scanned tables' row counts (as the planner knows them)."""
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn, timeout=5)
    texts, trees = [], []
    try:
        await conn.execute("SET plan_cache_mode = force_generic_plan")
        for i, (statement, parameters) in enumerate(statements):
            await conn.execute(f"PREPARE q{i} AS {statement}")
            arguments = ", ".join(map(_literal, parameters))
            call = f"q{i}({arguments})" if parameters else f"q{i}"
            rows = await conn.fetch(f"EXPLAIN EXECUTE {call}")
            texts.append("\n".join(r[0] for r in rows))
            tree = await conn.fetchval(f"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE {call}")
            trees.append(json.loads(tree)[0]["Plan"])
        sizes = await conn.fetch(
            "SELECT relname, reltuples FROM pg_class WHERE relname = ANY($1::text[])", SCANNED
        )
    finally:
        await conn.close()
    return texts, trees, {r["relname"]: float(r["reltuples"]) for r in sizes}


def _wide_scans(
    node: dict[str, Any], rows: dict[str, float], limit: float = float("inf")
) -> list[str]:
    """The scans of `SCANNED` tables in the plan that read most of the table."""
    if node["Node Type"] == "Limit":
        limit = min(limit, node["Plan Rows"])
    found = []
    table = node.get("Relation Name")
    if table in SCANNED:
        expected = min(node["Plan Rows"], limit)
        if node["Node Type"] == "Seq Scan" or expected >= WIDE * rows[table]:
            found.append(f"{node['Node Type']} on {table} ({expected:.0f} rows expected)")
    for child in node.get("Plans", []):
        found += _wide_scans(child, rows, limit)
    return found


def _discarding_scans(node: dict[str, Any]) -> list[str]:
    """The scans of `SCANNED` tables in the plan that, run, read and threw away more rows
    than a quarter of the cases and ten times what they kept: e.g. every posting of a common
    word, to keep those of a hundred candidate cases (an index scan the row estimates above
    do not show)."""
    found = []
    table = node.get("Relation Name")
    loops = node.get("Actual Loops", 1)
    removed = node.get("Rows Removed by Filter", 0) * loops
    kept = node.get("Actual Rows", 0) * loops
    if table in SCANNED and removed >= max(WIDE * CASES, 10 * kept):
        found.append(f"{node['Node Type']} on {table} ({removed:.0f} rows dropped, {kept} kept)")
    for child in node.get("Plans", []):
        found += _discarding_scans(child)
    return found


SEARCHES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("budsjett", {}),
    ("budsjettet for samhandling", {}),
    ("sjeldenord17", {}),
    ("budsjett", {"committee_ids": (2,)}),
    ("budsjett", {"committee_ids": (1,)}),
    ("budsjett", {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31)}),
    ("budsjett samhandling", {"committee_ids": (2,), "start": dt.date(2022, 1, 1)}),
    ("budsjett", {"meeting_id": MEETINGS}),
)


async def test_no_search_statement_scans_cases_or_postings(db: Database, database_url: str) -> None:
    if db.dialect != "postgresql":
        pytest.skip("generic plans of prepared statements are PostgreSQL's; SQLite has none")
    await db.write(_seed)
    # What an import does after its writes (Database.optimize: VACUUM ANALYZE): statistics,
    # without which the searches below took 4-5 s each (74 s in all) on rows the planner
    # knew nothing of, and the visibility map that makes index-only scans cheap (without it
    # a committee's cases were planned, from one ANALYZE sample to the next, as a scan of
    # every posting of the 20,000-case store).
    await db.optimize()
    search = DecisionSearch()
    await search.refresh(db)
    found: list[tuple[str, tuple[Any, ...]]] = []
    for tenants in ("one", "two"):
        if tenants == "two":
            await db.write(_other_tenant)
            await search.refresh(db)
        for topic, given in SEARCHES:
            filters = Filters(tenant="default", **given)
            with _recorded(db) as statements:
                hits = await db.read(
                    lambda s, t=topic, f=filters: search.search(s, t, filters=f, limit=10)
                )
            assert hits, f"{topic!r} {given} found nothing: the test searches nothing"
            found += [s for s in statements if s[0].lstrip().upper().startswith("SELECT")]
        with _recorded(db) as statements:  # what each answer's refresh reads first
            await db.read(index_state)
        found += statements
    unique = list({statement: (statement, p) for statement, p in found}.values())
    texts, trees, rows = await _generic_plans(database_url, unique)
    assert rows.keys() == set(SCANNED) and min(rows.values()) >= CASES, rows
    scans = [
        f"{'; '.join(wide)}\n{statement}\n{plan}"
        for (statement, _), plan, tree in zip(unique, texts, trees, strict=True)
        if (wide := _wide_scans(tree, rows) + _discarding_scans(tree))
    ]
    assert not scans, "generic plans that read most of a table:\n\n" + "\n\n".join(scans)
