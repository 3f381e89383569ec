"""Small minutes of our own for the settling tests (test_settled_on_store.py,
test_settle_keys.py): cases and tasks as the parser gives them, stored one document per
transaction or as the importer stores a batch, and the settled facts read back."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from datetime import date
from functools import partial
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from minutes.model import (
    AssigneeKind,
    CaseStatus,
    CommitteeRef,
    DocumentKind,
    ParsedCase,
    ParsedMinutes,
    ParsedTask,
    TaskStatus,
)
from storage.changes import ChangeActor
from storage.database import Database
from storage.document_info import DocumentInfo
from storage.minutes_store import save_minutes, write_pending
from storage.models import Meeting, Task

OSLO = ZoneInfo("Europe/Oslo")
LSU = CommitteeRef("Lokalt samarbeidsutvalg", "LSU")


def case(number: str, title: str, body: str = "", *, decided: bool = False) -> ParsedCase:
    status = CaseStatus.DECIDED if decided else CaseStatus.NOTED
    return ParsedCase(number=number, title=title, body=body, status=status,
                      decision="Vedtatt." if decided else None)  # fmt: skip


def task(description: str, case: str | None = None, *, done: bool = False) -> ParsedTask:
    status = TaskStatus.DONE if done else TaskStatus.OPEN
    who = " ".join(description.split()[:2])
    return ParsedTask(description=description, assignee=who, assignee_kind=AssigneeKind.PERSON,
                      case_number=case, status=status)  # fmt: skip


def minutes(committee: CommitteeRef, day: date, cases: list[ParsedCase],
            tasks: list[ParsedTask]) -> ParsedMinutes:  # fmt: skip
    return ParsedMinutes(kind=DocumentKind.MINUTES, committee=committee, meeting_date=day,
                         cases=cases, tasks=tasks)  # fmt: skip


def info(name: str) -> DocumentInfo:
    return DocumentInfo(hashlib.sha256(name.encode()).hexdigest(), f"{name}.txt", None, "txt", 1)


async def store(
    db: Database, documents: Mapping[str, ParsedMinutes], names: list[str], *, one_batch: bool
) -> None:
    """`documents[name]` for each of `names`, in that order."""
    if not one_batch:  # a transaction each, as documents imported one at a time
        for name in names:
            await db.write(partial(save_minutes, tenant="default", info=info(name),
                                   minutes=documents[name], tz=OSLO))  # fmt: skip
        return

    def batch(session: Session) -> None:  # as the importer stores a batch
        for name in names:
            save_minutes(session, tenant="default", info=info(name), minutes=documents[name],
                         tz=OSLO, defer=True)  # fmt: skip
        write_pending(session)

    await db.write(batch)


def settled(session: Session) -> dict[str, date]:
    """The open tasks recorded as settled, with the date of the meeting that settled them
    (checked against the meeting recorded)."""
    rows = session.execute(
        select(Task.description, Task.settled_on, Meeting.date)
        .outerjoin(Meeting, Meeting.id == Task.settled_by_meeting_id)
        .where(Task.status == "open", Task.settled_by_meeting_id.is_not(None))
    ).all()
    assert all(on == held for _, on, held in rows)
    return {description: on for description, on, _ in rows}


def actor() -> ChangeActor:
    return ChangeActor("conv", "user-1", "Sekretær", dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC))
