"""Answering "when is the next meeting?" and "what is on the agenda?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Case, Committee, Meeting, Task

from .answer_types import CaseResult, MeetingResult, TaskResult
from .decision_answer import case_result
from .task_answer import task_result

# Open tasks from the committee's meetings of the past year are carried onto the agenda.
CARRY_OVER_DAYS = 365


def meeting_result(meeting: Meeting) -> MeetingResult:
    committee = meeting.committee
    return MeetingResult(
        committee=committee.label if committee else None,
        date=meeting.date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        status=meeting.status,
    )


def next_meetings(
    session: Session, tenant: str, now: datetime, committee: str | None
) -> list[Meeting]:
    """The next meeting of each committee (or of the one asked about), soonest first.
    `now` is aware; a meeting without a time counts as upcoming all of its day."""
    local_today = now.date()
    query = (
        select(Meeting)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Committee.tenant == tenant, Meeting.status != "cancelled")
        .where(
            or_(
                Meeting.starts_at >= now,
                Meeting.starts_at.is_(None) & (Meeting.date >= local_today),
            )
        )
        .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
    )
    if committee:
        query = query.where(Committee.short_name == committee)
    firsts: dict[int, Meeting] = {}
    for meeting in session.scalars(query):
        if meeting.committee_id is not None:
            firsts.setdefault(meeting.committee_id, meeting)
    return sorted(firsts.values(), key=lambda m: (m.date, m.id))


@dataclass(frozen=True, slots=True)
class Agenda:
    meeting: MeetingResult
    cases: list[CaseResult]
    open_tasks: list[TaskResult]


def agenda(session: Session, meeting: Meeting) -> Agenda:
    """The cases filed for the meeting and the committee's open tasks due by then."""
    cases = session.scalars(
        select(Case).where(Case.meeting_id == meeting.id).order_by(Case.position, Case.id)
    )
    recent = meeting.date - timedelta(days=CARRY_OVER_DAYS)
    tasks = session.scalars(
        select(Task)
        .join(Meeting, Meeting.id == Task.meeting_id)
        .where(Task.committee_id == meeting.committee_id, Task.status == "open")
        .where(Meeting.date >= recent, Meeting.date < meeting.date)
        .where(or_(Task.due_date.is_(None), Task.due_date <= meeting.date))
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
    )
    return Agenda(
        meeting=meeting_result(meeting),
        cases=[case_result(c, "agenda") for c in cases],
        open_tasks=[task_result(t) for t in tasks.unique()],
    )
