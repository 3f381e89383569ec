"""One committee's record as JSON (an administrator's command: `referent export SSU`, «eksporter
SSU» in chat): for an archive, a hand-over or another system.

The shape is versioned (`SCHEMA` and `SCHEMA_VERSION`: a reader checks them; a field added
keeps the version, a field renamed or removed raises it). Every list has a fixed order, so
the same record exports to the same JSON apart from `exported_at`. Only the committee's
rows are read, each query bounded by the committee and the tenant: nothing of another
committee or tenant can come along (a task given to a person shows the person's name only).

Dates are ISO `YYYY-MM-DD`, times ISO 8601 in UTC; case numbers as written in the minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, lazyload

from .models import Case, Committee, Document, Meeting, MeetingParticipant, Person, Task
from .records import committee_by_name, next_meeting_of

SCHEMA = "referent.committee-export"
SCHEMA_VERSION = 1
# Participant roles in the order minutes list them; others after, by name.
_ROLE_ORDER = ("chair", "secretary", "present", "absent")


class ExportError(LookupError):
    """The committee asked for is not one (no such name, or several share it)."""

    def __init__(self, named: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(named)
        self.named = named
        self.candidates = candidates  # several committees answer to the name


def export_committee(session: Session, tenant: str, named: str, now: dt.datetime) -> dict[str, Any]:
    """The tenant's committee `named` (short name, name or alias), as of `now` (aware):
    its meetings, cases, tasks and next meeting. Raises ExportError when the name is not
    exactly one of the tenant's committees."""
    found = committee_by_name(session, tenant, named)
    if len(found) != 1:
        raise ExportError(named, tuple(f"{c.label} ({c.name})" for c in found))
    return export_committee_id(session, tenant, found[0].id, now)


def export_committee_id(
    session: Session, tenant: str, committee_id: int, now: dt.datetime
) -> dict[str, Any]:
    """As export_committee, for the tenant's committee with this id (a signed link's);
    ExportError when the tenant has none such."""
    committee = session.scalar(
        select(Committee).where(Committee.id == committee_id, Committee.tenant == tenant)
    )
    if committee is None:
        raise ExportError(str(committee_id))
    documents = dict(
        session.execute(
            select(Document.id, Document.name).where(
                Document.tenant == tenant, Document.committee_id == committee.id
            )
        ).all()
    )
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.committee_id == committee.id)
        .order_by(Meeting.date, Meeting.id)
    ).all()
    days = {m.id: m.date.isoformat() for m in meetings}
    upcoming = next_meeting_of(session, tenant, committee.id, now)
    participants = _participants(session, committee.id)
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "exported_at": _utc(now),
        "tenant": tenant,
        "committee": {
            "name": committee.name,
            "short_name": committee.short_name,
            "aliases": sorted(committee.aliases or []),
        },
        "meetings": [_meeting(m, documents, participants.get(m.id, [])) for m in meetings],
        "cases": _cases(session, tenant, committee.id, days, documents),
        "tasks": _tasks(session, tenant, committee.id, days, documents),
        "next_meeting": _next(upcoming),
    }


def _utc(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _meeting(
    meeting: Meeting, documents: dict[int, str], participants: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "date": meeting.date.isoformat(),
        "starts_at": _utc(meeting.starts_at),
        "ends_at": _utc(meeting.ends_at),
        "place": meeting.location,
        "status": meeting.status,
        "origin": meeting.origin,
        "created_by": meeting.created_by,
        "document": documents.get(meeting.document_id) if meeting.document_id else None,
        "participants": participants,
    }


def _participants(session: Session, committee_id: int) -> dict[int, list[dict[str, Any]]]:
    """Each of the committee's meetings' participants, chair and secretary first (one
    query for all the meetings: a committee has hundreds)."""
    order = case(
        {role: i for i, role in enumerate(_ROLE_ORDER)},
        value=MeetingParticipant.role,
        else_=len(_ROLE_ORDER),
    )
    rows = session.execute(
        select(MeetingParticipant.meeting_id, Person.name, MeetingParticipant.role,
               Person.organisation)
        .join(Person, Person.id == MeetingParticipant.person_id)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(Meeting.committee_id == committee_id)
        .order_by(MeetingParticipant.meeting_id, order, MeetingParticipant.role, Person.name,
                  Person.id)
    ).all()  # fmt: skip
    found: dict[int, list[dict[str, Any]]] = {}
    for meeting_id, name, role, organisation in rows:
        found.setdefault(meeting_id, []).append(
            {"name": name, "role": role, "organisation": organisation}
        )
    return found


def _cases(
    session: Session,
    tenant: str,
    committee_id: int,
    days: dict[int, str],
    documents: dict[int, str],
) -> list[dict[str, Any]]:
    cases = session.scalars(
        select(Case)
        .options(lazyload("*"))  # the rows alone: their meeting and document are in hand
        .where(Case.tenant == tenant, Case.committee_id == committee_id)
        .order_by(Case.meeting_id.is_(None), Case.document_id, Case.position, Case.id)
    ).all()
    items = [
        {
            "meeting_date": days.get(c.meeting_id) if c.meeting_id else None,
            "number": c.number,
            "title": c.title,
            "kinds": list(c.kinds or []),
            "status": c.status,
            "decision": c.decision,
            "decision_label": c.decision_label,
            "proposal": c.proposal,
            "body": c.body,
            "responsible": list(c.responsible or []),
            "origin": c.origin,
            "proposed_by": c.proposed_by,
            "created_by": c.created_by,
            "document": documents.get(c.document_id) if c.document_id else None,
            "line": c.line,
        }
        for c in cases
    ]
    # By meeting date (cases of no meeting last), then as the minutes list them.
    return sorted(items, key=lambda c: (c["meeting_date"] is None, c["meeting_date"] or ""))


def _tasks(
    session: Session,
    tenant: str,
    committee_id: int,
    days: dict[int, str],
    documents: dict[int, str],
) -> list[dict[str, Any]]:
    mine = (Task.tenant == tenant) & (Task.committee_id == committee_id)
    tasks = session.scalars(select(Task).options(lazyload("*")).where(mine).order_by(Task.id)).all()
    numbers = dict(
        session.execute(
            select(Case.id, Case.number).where(
                Case.tenant == tenant, Case.id.in_(select(Task.case_id).where(mine))
            )
        ).all()
    )
    return [
        {
            "id": t.id,
            "description": t.description,
            "owner": {"kind": t.assignee_kind, "name": t.assignee_name},
            "due": t.due_date.isoformat() if t.due_date else None,
            "due_text": t.due_text,
            "status": t.status,
            "status_text": t.status_text,
            "changed_by": t.status_changed_by,
            "changed_at": _utc(t.updated_at),
            "case": numbers.get(t.case_id) if t.case_id else None,
            "meeting_date": days.get(t.meeting_id) if t.meeting_id else None,
            "origin": t.origin,
            "created_by": t.created_by,
            "created_at": _utc(t.created_at),
            "document": documents.get(t.document_id) if t.document_id else None,
        }
        for t in tasks
    ]


def _next(meeting: Meeting | None) -> dict[str, Any] | None:
    if meeting is None:
        return None
    return {
        "date": meeting.date.isoformat(),
        "starts_at": _utc(meeting.starts_at),
        "place": meeting.location,
    }
