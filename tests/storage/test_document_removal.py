"""Removing a document and everything read from it (storage/document_removal.py), on SQLite
and PostgreSQL: exactly its rows go (another document of the same committee and another
tenant's copy of the same file stay), chat-added items hanging on it are kept and detached,
search no longer finds its cases, the same file imports again afterwards, and a failure
part-way leaves everything as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.document_deletion import delete_document
from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from storage.document_removal import (
    find_documents,
    list_documents,
    removal_plan,
    remove_document,
)
from storage.models import (
    Case,
    ChatChange,
    Delivery,
    Document,
    Meeting,
    MeetingParticipant,
    SearchCase,
    Task,
)
from storage.posting_store import case_postings, index_problems
from storage.search_index import index_version
from tests.conftest import EXAMPLES

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
SSU_SEPTEMBER = EXAMPLES / "ssu-fjordby-2026-09-07.html"
SSU_OCTOBER = EXAMPLES / "ssu-fjordby-2026-10-26.md"
LSU = EXAMPLES / "lsu-fjordby-2026-10-14.txt"
OTHER_TENANT = "lindvik"
TABLES: dict[str, Any] = {
    "document": Document, "meeting": Meeting, "meeting_participant": MeetingParticipant,
    "case_item": Case, "task": Task, "search_case": SearchCase, "delivery": Delivery,
    "chat_change": ChatChange,
}  # fmt: skip


async def _import(db: Database, paths: list[Path], tenant: str = "default") -> None:
    results = await import_paths(db, paths, ImportOptions(tenant=tenant))
    assert [r.status for r in results] == ["imported"] * len(paths), [r.error for r in results]


def _doc_id(session: Session, name: str, tenant: str = "default") -> int:
    return session.scalar(
        select(Document.id).where(Document.name == name, Document.tenant == tenant)
    )


def _chat_additions(session: Session) -> dict[str, int]:
    """A chat-added task on an October case, a chat-proposed case for the October meeting,
    a pending and a sent reminder of an October task, and an «angre» entry about it: what
    hangs on the October minutes without being read from them."""
    october = _doc_id(session, SSU_OCTOBER.name)
    case = session.scalars(
        select(Case).where(Case.document_id == october).order_by(Case.id)
    ).first()
    task = session.scalars(
        select(Task).where(Task.document_id == october).order_by(Task.id)
    ).first()
    chat_task = Task(
        tenant="default", committee_id=case.committee_id, case_id=case.id,
        meeting_id=case.meeting_id, description="Ringe fastlegene om LAR", origin="chat",
        created_by="Kari Nordmann", assignee_name="Kari Nordmann",
    )  # fmt: skip
    chat_case = Case(
        tenant="default", committee_id=case.committee_id, meeting_id=case.meeting_id,
        title="Rekruttering av fastleger", status="proposed", origin="chat",
        created_by="Kari Nordmann", proposed_by="Kari Nordmann",
    )  # fmt: skip
    session.add_all([chat_task, chat_case])
    session.flush()
    for key, status in (("pending", "pending"), ("sent", "sent")):
        session.add(
            Delivery(
                key=f"task:{task.id}:{key}", tenant="default", kind="task", stage="due",
                status=status, due_at=NOW, next_attempt_at=NOW, task_id=task.id,
                activity_id="activity-1" if status == "sent" else None,
            )
        )  # fmt: skip
    session.add(
        ChatChange(
            tenant="default", conversation_id="a:1", user_key="u1", kind="task_done",
            target_id=task.id, before={"status": "open"}, after={"status": "done"}, made_at=NOW,
        )
    )  # fmt: skip
    return {"task": chat_task.id, "case": chat_case.id, "document": october}


def _dump(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    """Every row of the tables a removal touches, as tuples of their columns."""
    dumped: dict[str, set[tuple[Any, ...]]] = {}
    for name, model in TABLES.items():
        columns = [c for c in model.__table__.columns]
        rows = session.execute(select(*columns)).all()
        dumped[name] = {tuple(repr(v) for v in row) for row in rows}
    return dumped


@pytest.fixture
async def world(db: Database) -> dict[str, int]:
    await db.upgrade()
    await _import(db, [SSU_SEPTEMBER, SSU_OCTOBER, LSU])
    await _import(db, [SSU_OCTOBER], tenant=OTHER_TENANT)  # the same file, another tenant
    return await db.write(_chat_additions)


async def _rows_of(db: Database, document_id: int) -> dict[str, int]:
    def count(session: Session) -> dict[str, int]:
        cases = select(Case.id).where(Case.document_id == document_id)
        return {
            "cases": len(session.scalars(cases).all()),
            "tasks": len(
                session.scalars(select(Task.id).where(Task.document_id == document_id)).all()
            ),
            "meetings": len(
                session.scalars(select(Meeting.id).where(Meeting.document_id == document_id)).all()
            ),
            "postings": len(case_postings(session, session.scalars(cases).all())),
        }

    return await db.read(count)


async def _found(db: Database, tenant: str, words: str) -> list[str | None]:
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=OSLO, tenant=tenant)
    answer = await assistant.decisions(words)
    return [r.case for r in answer.results]


async def test_removing_a_document_takes_exactly_its_rows(
    db: Database, world: dict[str, int]
) -> None:
    october = world["document"]
    assert await _found(db, "default", "Læringsbrua") == ["2026.43"]
    before = await db.read(_dump)
    counted = await _rows_of(db, october)
    assert counted["cases"] == 6 and counted["tasks"] == 2 and counted["postings"] > 0

    settled = await db.read(_settled_descriptions)
    assert [d.split()[0] for d in settled] == ["Arbeidsutvalget"]  # by sak 2026.44, October
    plan = await db.read(lambda s: removal_plan(s, "default", october))
    assert plan is not None and plan.cases == 6 and plan.tasks == 2
    assert await db.read(_dump) == before  # the plan changes nothing

    version = await db.read(index_version)
    removed = await db.write(lambda s: remove_document(s, "default", october))
    assert removed is not None
    # The index's version moves on, so every process's search reloads its term counts.
    assert await db.read(index_version) != version
    assert (removed.cases, removed.tasks, removed.deliveries, removed.changes) == (6, 2, 2, 1)
    assert removed.meetings == plan.meetings == 1  # (its next meeting was announced before)
    assert removed.postings == plan.postings == counted["postings"]
    kept = {(k.kind, k.id, k.origin) for k in removed.kept}
    assert kept == {("task", world["task"], "chat"), ("case", world["case"], "chat")}

    after = await db.read(_dump)
    # Nothing of it is left, and nothing else changed but the two detached chat items.
    assert await _rows_of(db, october) == {"cases": 0, "tasks": 0, "meetings": 0, "postings": 0}
    assert await db.read(index_problems) == []  # out of the terms' blocks, tops and counts
    gone = {name: before[name] - after[name] for name in TABLES}
    added = {name: after[name] - before[name] for name in TABLES}
    # (and the open task its minutes settled: AU's cost split, by sak 2026.44, is open again)
    assert {n: len(rows) for n, rows in added.items() if rows} == {"task": 2, "case_item": 1}
    assert len(gone["document"]) == 1 and len(gone["delivery"]) == 2
    assert len(gone["task"]) == 2 + 2  # its two; the chat task and AU's as they were before
    assert await db.read(_settled_descriptions) == []

    def detached(session: Session) -> tuple[Task, Case]:
        return session.get(Task, world["task"]), session.get(Case, world["case"])

    task, case = await db.read(detached)
    assert (task.case_id, task.meeting_id, task.description) == (
        None,
        None,
        "Ringe fastlegene om LAR",
    )
    assert task.committee_id is not None and case.meeting_id is None
    assert case.title == "Rekruttering av fastleger"

    # Search no longer finds its cases; the other tenant's copy is still found.
    assert await _found(db, "default", "Læringsbrua") == []
    assert await _found(db, OTHER_TENANT, "Læringsbrua") == ["2026.43"]
    assert "31/2026" in await _found(db, "default", "referat fra møtet 15.06.26")

    # The same file imports again afterwards, whole.
    await _import(db, [SSU_OCTOBER])
    again = await db.read(lambda s: _doc_id(s, SSU_OCTOBER.name))
    assert (await _rows_of(db, again))["cases"] == 6
    assert await _found(db, "default", "Læringsbrua") == ["2026.43"]


def _settled_descriptions(session: Session) -> list[str]:
    query = select(Task.description).where(
        Task.tenant == "default", Task.settled_by_meeting_id.is_not(None)
    )
    return list(session.scalars(query))


async def test_another_tenants_document_is_not_removed(db: Database, world: dict[str, int]) -> None:
    theirs = await db.read(lambda s: _doc_id(s, SSU_OCTOBER.name, OTHER_TENANT))
    before = await db.read(_dump)
    assert await db.read(lambda s: removal_plan(s, "default", theirs)) is None
    assert await db.write(lambda s: remove_document(s, "default", theirs)) is None
    assert await db.write(lambda s: remove_document(s, "default", 999_999)) is None
    assert await db.read(_dump) == before


_FAIL = {
    "sqlite": [
        "CREATE TRIGGER referent_test_fail BEFORE DELETE ON meeting "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION referent_test_fail() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'disk on fire'; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER referent_test_fail BEFORE DELETE ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION referent_test_fail()",
    ],
}
_UNFAIL = {
    "sqlite": ["DROP TRIGGER IF EXISTS referent_test_fail"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS referent_test_fail ON meeting",
        "DROP FUNCTION IF EXISTS referent_test_fail()",
    ],
}


async def _run(db: Database, statements: list[str]) -> None:
    async with db.engine.begin() as conn:
        for statement in statements:
            await conn.execute(text(statement))


async def test_a_failure_part_way_leaves_everything(db: Database, world: dict[str, int]) -> None:
    """The database refuses to delete a meeting: by then the removal has deleted the
    postings, participants, tasks and cases. All of it comes back."""
    before = await db.read(_dump)
    await _run(db, _FAIL[db.dialect])
    try:
        with pytest.raises(DBAPIError, match="disk on fire"):
            await db.write(lambda s: remove_document(s, "default", world["document"]))
    finally:
        await _run(db, _UNFAIL[db.dialect])
    assert await db.read(_dump) == before
    assert await _found(db, "default", "Læringsbrua") == ["2026.43"]


async def test_the_listing_and_finding_by_name_or_id(db: Database, world: dict[str, int]) -> None:
    listed = await db.read(lambda s: list_documents(s, "default"))
    assert [(d.name, d.committee, d.meeting_date, d.cases, d.tasks) for d in listed] == [
        (SSU_SEPTEMBER.name, "SSU", date(2026, 9, 7), 6, 4),
        (SSU_OCTOBER.name, "SSU", date(2026, 10, 26), 6, 2),
        (LSU.name, "LSU", date(2026, 10, 14), 6, 3),
    ]
    theirs = await db.read(lambda s: list_documents(s, OTHER_TENANT))
    assert [d.name for d in theirs] == [SSU_OCTOBER.name]

    october = world["document"]
    for named in (str(october), f"#{october}", SSU_OCTOBER.name, "SSU-FJORDBY-2026-10-26",
                  "2026-10-26", f"«{SSU_OCTOBER.name}»"):  # fmt: skip
        found = await db.read(lambda s, n=named: find_documents(s, "default", n))
        assert [d.id for d in found] == [october], named
    several = await db.read(lambda s: find_documents(s, "default", "ssu-fjordby"))
    assert len(several) == 2
    # Near misses: another tenant's id, no such name, nothing, a superscript digit.
    their_id = theirs[0].id
    for named in (str(their_id), "referat.docx", "", "  ", "¹"):
        assert await db.read(lambda s, n=named: find_documents(s, "default", n)) == [], named


async def test_what_its_meeting_settled_is_settled_anew(
    db: Database, world: dict[str, int]
) -> None:
    """The October minutes settle a September task (the working committee's cost proposal,
    decided again in October): without them, it is open and unsettled again."""

    def september_settled(session: Session) -> list[tuple[str, Any, Any]]:
        september = _doc_id(session, SSU_SEPTEMBER.name)
        rows = session.execute(
            select(Task.description, Task.settled_on, Task.settled_by_meeting_id).where(
                Task.document_id == september, Task.settled_by_meeting_id.is_not(None)
            )
        ).all()
        return [tuple(row) for row in rows]

    (settled,) = await db.read(september_settled)
    assert settled[1] == date(2026, 10, 26)
    removed = await db.write(lambda s: delete_document(s, "default", world["document"]))
    assert removed is not None and len(removed.resettle) == 1
    assert await db.read(september_settled) == []
    # Imported again, the October minutes settle it again.
    await _import(db, [SSU_OCTOBER])
    (again,) = await db.read(september_settled)
    assert again[:2] == settled[:2]
