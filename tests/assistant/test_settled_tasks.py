"""Open tasks a later meeting settled (assistant/settled_tasks.py), over the example minutes
on SQLite and PostgreSQL: AU's cost split (SSU 07.09.2026, sak 32/2026) was treated with a
decision on 26 October ("Oppfølging av sak 32/2026"); nothing else was."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from assistant.settled_tasks import settled_among
from storage.database import Database
from storage.models import Task
from tests.conftest import EXAMPLES


async def test_a_task_whose_case_a_later_meeting_decided_is_settled(db: Database) -> None:
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.status == "imported" for r in results)

    def settled(session: Session) -> tuple[list[str], list[str]]:
        tasks = session.scalars(select(Task).where(Task.status == "open")).unique().all()
        ids = settled_among(session, [t.id for t in tasks])
        before = settled_among(session, [t.id for t in tasks], before=date(2026, 10, 26))
        names = {t.id: t.description for t in tasks}
        return sorted(names[i] for i in ids), sorted(names[i] for i in before)

    after_october, before_october = await db.read(settled)
    assert after_october == [
        "Arbeidsutvalget utarbeider et forslag til kostnadsfordeling mellom kommunene og "
        "Fjordby sykehus."
    ]
    # near misses: the October meeting does not count before it was held; a task under a
    # case decided at its own meeting (Arne Vold's, sak 2026.42) is not settled by it
    assert before_october == []
