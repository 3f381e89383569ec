"""Removing one imported document and everything read from it (an administrator's command:
`referent documents delete ID`, «slett dokument …» in chat).

What goes, in the caller's one transaction (`Database.write`), so a failure part-way leaves
everything as it was:
- the document's meetings (the meeting its minutes describe and the meetings it announced),
  their participant lists, its cases and their search postings, its tasks;
- the reminder ledger's rows for those meetings and tasks, sent or not (`delivery`: a
  pending reminder would go out for a meeting that is no longer in the record, and a sent
  card's row would point a «Marker som ferdig» pressed later at whatever row reuses the id:
  SQLite reuses the highest ids);
- the «angre» log's entries about those rows (`chat_change`), for the same reason;
- what its meetings settled: another document's open tasks that its minutes marked done
  or decided again are settled anew without them (assistant/document_deletion.py).

What stays, and is said so in the report (`Removal.kept`):
- tasks and cases added in chat that hang on a removed meeting or case: they are a user's
  own words, not read from the document, so they are kept and detached (their case or
  meeting left empty; the committee stays, so they are still the committee's and still
  listed and reminded);
- rows of other documents that point at a removed meeting (rare: a case paper for a meeting
  announced by the removed minutes) are detached the same way;
- committees, people, groups and group memberships: shared with other documents and with
  chat identities (a membership keeps no link to the removed document);
- search terms left with no postings (the vocabulary only grows; unused terms match nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from .models import (
    Case,
    ChatChange,
    Committee,
    Delivery,
    Document,
    Meeting,
    MeetingParticipant,
    SearchCase,
    Task,
)
from .posting_codec import count
from .posting_store import postings_removed

# chat_change kinds by the table their target_id is in (storage/models.ChatChange).
_TASK_CHANGES = ("task_added", "task_done", "task_reopened", "task_postponed", "task_reassigned")
_CASE_CHANGES = ("case_added",)
_MEETING_CHANGES = ("meeting_added", "meeting_moved")


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored document as the listing shows it."""

    id: int
    name: str
    committee: str | None  # short name, else full name
    meeting_date: dt.date | None  # the meeting its minutes describe (none: an action plan…)
    imported_at: dt.datetime
    cases: int
    tasks: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "imported_at": self.imported_at.isoformat(),
            "cases": self.cases,
            "tasks": self.tasks,
        }


@dataclass(frozen=True, slots=True)
class KeptItem:
    """A row that stays, detached from what was removed."""

    kind: str  # "task" | "case"
    id: int
    text: str  # the task's description, the case's title
    origin: str  # "chat" | "minutes" (of another document)
    created_by: str | None

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "text": self.text, "origin": self.origin,
                "created_by": self.created_by}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Removal:
    """What removing a document takes away (or took away), and what it keeps."""

    document: DocumentRow
    meetings: int
    participants: int
    cases: int
    postings: int
    tasks: int
    deliveries: int
    changes: int  # «angre» entries about removed rows
    kept: tuple[KeptItem, ...] = field(default=())
    # Meetings whose open tasks a removed meeting had settled (assistant/settled_tasks.py):
    # their settling is cleared here and worked out anew by the caller.
    resettle: tuple[int, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document.as_json(),
            "removed": {
                "meetings": self.meetings, "participants": self.participants,
                "cases": self.cases, "search_postings": self.postings, "tasks": self.tasks,
                "reminder_deliveries": self.deliveries, "undo_entries": self.changes,
            },
            "kept": [k.as_json() for k in self.kept],
        }  # fmt: skip


def _meeting_date(document_id: Any) -> Any:
    """The date of the held meeting the document describes (its earliest, to be sure)."""
    return (
        select(func.min(Meeting.date))
        .where(Meeting.document_id == document_id, Meeting.status == "held")
        .scalar_subquery()
    )


def _listing() -> Select[Any]:
    cases = select(func.count(Case.id)).where(Case.document_id == Document.id).scalar_subquery()
    tasks = select(func.count(Task.id)).where(Task.document_id == Document.id).scalar_subquery()
    return (
        select(
            Document.id,
            Document.name,
            func.coalesce(Committee.short_name, Committee.name),
            _meeting_date(Document.id),
            Document.imported_at,
            cases,
            tasks,
        )
        .outerjoin(Committee, Committee.id == Document.committee_id)
        .order_by(Document.imported_at, Document.id)
    )


def list_documents(session: Session, tenant: str) -> list[DocumentRow]:
    """The tenant's documents, oldest import first."""
    rows = session.execute(_listing().where(Document.tenant == tenant))
    return [DocumentRow(*row) for row in rows.all()]


def document_row(session: Session, tenant: str, document_id: int) -> DocumentRow | None:
    """The tenant's document `document_id`; None for another tenant's or none."""
    row = session.execute(
        _listing().where(Document.tenant == tenant, Document.id == document_id)
    ).first()
    return DocumentRow(*row) if row is not None else None


def find_documents(session: Session, tenant: str, named: str) -> list[DocumentRow]:
    """The tenant's documents `named` means: its id ("12", "#12"; a number is never read
    as part of a name), its file name (case aside, with or without the extension), else
    every document whose name holds it."""
    wanted = named.strip().strip("«»\"'").strip()
    if not wanted:
        return []
    number = wanted.removeprefix("#")
    if number.isdecimal():  # an id, and only that ("¹" is a digit, not a number)
        row = document_row(session, tenant, int(number)) if len(number) <= 9 else None
        return [row] if row is not None else []
    every = list_documents(session, tenant)
    folded = wanted.casefold()
    exact = [d for d in every if folded in (d.name.casefold(), _stem(d.name).casefold())]
    return exact or [d for d in every if folded in d.name.casefold()]


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True, slots=True)
class _Scope:
    """The rows of one document, as subqueries (a document may have thousands of cases:
    no id lists in statements)."""

    document_id: int

    def meetings(self) -> Any:
        return select(Meeting.id).where(Meeting.document_id == self.document_id)

    def cases(self) -> Any:
        return select(Case.id).where(Case.document_id == self.document_id)

    def tasks(self) -> Any:
        return select(Task.id).where(Task.document_id == self.document_id)

    def other_tasks(self) -> Any:
        """Tasks not of this document that hang on its cases or meetings."""
        return and_(
            or_(Task.document_id.is_(None), Task.document_id != self.document_id),
            or_(Task.case_id.in_(self.cases()), Task.meeting_id.in_(self.meetings())),
        )

    def other_cases(self) -> Any:
        return and_(
            or_(Case.document_id.is_(None), Case.document_id != self.document_id),
            Case.meeting_id.in_(self.meetings()),
        )

    def deliveries(self) -> Any:
        return or_(Delivery.task_id.in_(self.tasks()), Delivery.meeting_id.in_(self.meetings()))

    def changes(self, tenant: str) -> Any:
        return and_(
            ChatChange.tenant == tenant,
            or_(
                ChatChange.kind.in_(_TASK_CHANGES) & ChatChange.target_id.in_(self.tasks()),
                ChatChange.kind.in_(_CASE_CHANGES) & ChatChange.target_id.in_(self.cases()),
                ChatChange.kind.in_(_MEETING_CHANGES) & ChatChange.target_id.in_(self.meetings()),
            ),
        )

    def participants(self) -> Any:
        return or_(
            MeetingParticipant.document_id == self.document_id,
            MeetingParticipant.meeting_id.in_(self.meetings()),
        )


def _count(session: Session, model: Any, clause: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(clause)) or 0)


def _postings(session: Session, cases: Any) -> int:
    """How many postings the cases hold (each case's row packs them)."""
    rows = session.scalars(select(SearchCase.postings).where(SearchCase.case_id.in_(cases)))
    return sum(map(count, rows))


def _kept(session: Session, scope: _Scope) -> tuple[KeptItem, ...]:
    tasks = session.execute(
        select(Task.id, Task.description, Task.origin, Task.created_by)
        .where(scope.other_tasks())
        .order_by(Task.id)
    ).all()
    cases = session.execute(
        select(Case.id, Case.title, Case.origin, Case.created_by)
        .where(scope.other_cases())
        .order_by(Case.id)
    ).all()
    return tuple(
        [KeptItem("task", *row) for row in tasks] + [KeptItem("case", *row) for row in cases]
    )


def removal_plan(session: Session, tenant: str, document_id: int) -> Removal | None:
    """What removing the tenant's document `document_id` would take away and keep; None
    when the tenant has no such document. Changes nothing."""
    row = document_row(session, tenant, document_id)
    if row is None:
        return None
    scope = _Scope(document_id)
    return Removal(
        document=row,
        meetings=_count(session, Meeting, Meeting.document_id == document_id),
        participants=_count(session, MeetingParticipant, scope.participants()),
        cases=row.cases,
        postings=_postings(session, scope.cases()),
        tasks=row.tasks,
        deliveries=_count(session, Delivery, scope.deliveries()),
        changes=_count(session, ChatChange, scope.changes(tenant)),
        kept=_kept(session, scope),
    )


def remove_document(session: Session, tenant: str, document_id: int) -> Removal | None:
    """Remove the tenant's document `document_id` and everything read from it (see the
    module docstring), in the caller's transaction; None when the tenant has no such
    document (nothing changes). Returns what was removed and kept."""
    plan = removal_plan(session, tenant, document_id)
    if plan is None:
        return None
    scope = _Scope(document_id)
    # Detach what stays first, while the removed rows can still be named.
    session.execute(
        update(Task)
        .where(scope.other_tasks(), Task.case_id.in_(scope.cases()))
        .values(case_id=None),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(Task)
        .where(scope.other_tasks(), Task.meeting_id.in_(scope.meetings()))
        .values(meeting_id=None),
        execution_options={"synchronize_session": False},
    )
    session.execute(
        update(Case).where(scope.other_cases()).values(meeting_id=None),
        execution_options={"synchronize_session": False},
    )
    # Tasks a removed meeting settled are no longer settled by it (worked out anew by the
    # caller, assistant/document_deletion.py: another meeting may settle them).
    settled = session.execute(
        select(Task.id, Task.meeting_id).where(
            Task.settled_by_meeting_id.in_(scope.meetings()),
            or_(Task.document_id.is_(None), Task.document_id != document_id),
        )
    ).all()
    if settled:
        session.execute(
            update(Task)
            .where(Task.id.in_([task_id for task_id, _ in settled]))
            .values(settled_on=None, settled_by_meeting_id=None),
            execution_options={"synchronize_session": False},
        )
    resettle = tuple(sorted({meeting_id for _, meeting_id in settled if meeting_id}))
    # Then the rows that refer to the document's rows, and the rows themselves. Each
    # delete names its rows (no reliance on ON DELETE CASCADE), so the counts are exact.
    removed: dict[str, int] = {}
    for name, statement in (
        ("deliveries", delete(Delivery).where(scope.deliveries())),
        ("changes", delete(ChatChange).where(scope.changes(tenant))),
        ("postings", delete(SearchCase).where(SearchCase.case_id.in_(scope.cases()))),
        ("participants", delete(MeetingParticipant).where(scope.participants())),
        ("tasks", delete(Task).where(Task.document_id == document_id)),
        ("cases", delete(Case).where(Case.document_id == document_id)),
        ("meetings", delete(Meeting).where(Meeting.document_id == document_id)),
    ):
        result = session.execute(statement, execution_options={"synchronize_session": False})
        removed[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    removed["postings"] = plan.postings  # a case's postings are one row
    session.execute(delete(Document).where(Document.id == document_id))
    if removed["postings"]:
        postings_removed(session)  # out of the index; each process's search reloads it
    session.expire_all()
    return Removal(document=plan.document, kept=plan.kept, resettle=resettle, **removed)
