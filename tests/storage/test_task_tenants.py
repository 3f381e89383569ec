"""A task is found by its owner's name only within the asking tenant: two deployments that
both have an "AU" never see each other's tasks (found by the member question suite)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Task
from storage.queries import tasks_for


def _add(session: Session) -> None:
    for tenant, description in (("a", "AU lager budsjett"), ("b", "AU lager program")):
        session.add(
            Task(tenant=tenant, description=description, assignee_kind="group",
                 assignee_name="AU")
        )  # fmt: skip


async def test_a_name_finds_only_its_own_tenants_tasks(db: Database) -> None:
    await db.upgrade()
    await db.write(_add)
    for tenant, description in (("a", "AU lager budsjett"), ("b", "AU lager program")):
        found = await db.read(lambda s, t=tenant: tasks_for(s, tenant=t, name="AU"))
        assert [task.description for task in found.tasks] == [description]
    nobody = await db.read(lambda s: tasks_for(s, tenant="c", name="AU"))
    assert nobody.tasks == []
