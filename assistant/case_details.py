"""What an answer shows of a case besides its decision: what was reported (a case not
decided), the tasks given under it, the meeting a postponed case went to, and whether a
noted case was discussed or only reported. Read in one query per kind for all of an
answer's cases."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from storage.models import Case, Meeting, Task
from storage.queries import task_list_options

from .answer_types import CaseResult, TaskResult
from .excerpt import beyond_decision, excerpt, sentences
from .planned_items import postponed_to
from .task_answer import task_result

_DISCUSSION_KINDS = frozenset({"diskusjon", "drøfting", "drofting", "discussion", "debate"})
_INFORMATION_KINDS = frozenset({"orientering", "information", "info", "referat", "report"})
_DISCUSSED = re.compile(
    r"\b(?:diskuterte|diskutert|drøftet|drøfta|drøfte|drøftingen|discussed|debated)\b", re.I
)
_REPORTED = re.compile(
    r"\b(?:orienterte|orientert|orienterer|orientering|informerte|informert|briefed|"
    r"reported|presented|presentation|introduc\w*|updated|gave)\b",
    re.I,
)


def with_details(
    session: Session, results: Sequence[CaseResult], question: str
) -> list[CaseResult]:
    """`results` with their tasks; what was reported (for a case not decided the sentences
    most about `question`, for a decided one those about what its decision does not say);
    the meeting a postponed case went to; whether a noted case was discussed."""
    if not results:
        return []
    ids = sorted({r.case_id for r in results})
    rows = {row.id: row for row in session.execute(_case_texts(), {"ids": ids})}
    tasks = tasks_of(session, ids)
    meetings = _MeetingDates(session)
    out = []
    for result in results:
        row = rows.get(result.case_id)
        given = tasks.get(result.case_id, ())
        details: dict[str, object] = {"tasks": given}
        if row is not None:
            # A case not decided shows what was reported; a decided one only what the
            # question asks that its decision does not say.
            body, leave_out = row.body or "", [t.description for t in given]
            leave_out.append(result.proposal or "")
            if result.status != "decided":
                said = excerpt(body, question, decision=result.decision, leave_out=leave_out)
            else:
                said = beyond_decision(
                    body, question, title=result.title, decision=result.decision,
                    leave_out=leave_out,
                )  # fmt: skip
            details["excerpt"] = said
        if row is not None and result.status == "postponed" and row.date is not None:
            details["postponed_to"] = postponed_to(row.body or "", row.date) or meetings.next(
                row.committee_id, row.date
            )
        if row is not None and result.status == "noted":
            details["discussed"] = discussed(row.kinds or [], row.body or "")
        out.append(replace(result, **details))  # type: ignore[arg-type]
    return out


def tasks_of(session: Session, case_ids: Sequence[int]) -> dict[int, tuple[TaskResult, ...]]:
    """The tasks given under each case, soonest due first."""
    found: dict[int, list[TaskResult]] = {}
    for task in session.scalars(_case_tasks(), {"ids": list(case_ids)}).unique():
        assert task.case_id is not None
        found.setdefault(task.case_id, []).append(task_result(task))
    return {k: tuple(v) for k, v in found.items()}


# Built once and reused: building these statements and their cache keys for every answer
# cost about as much CPU as running them.
@functools.cache
def _case_texts() -> Select[tuple[int, str, list[str], int | None, date | None]]:
    return (
        select(Case.id, Case.body, Case.kinds, Case.committee_id, Meeting.date)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Case.id.in_(bindparam("ids", expanding=True)))
    )


@functools.cache
def _case_tasks() -> Select[tuple[Task]]:
    return (
        select(Task)
        .where(Task.case_id.in_(bindparam("ids", expanding=True)))
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
        .options(*task_list_options())
    )


def discussed(kinds: Sequence[str], body: str) -> bool:
    """Whether a case without a decision was a discussion rather than a report: its kind
    says so ("Diskusjon" without "Orientering"), or, where the minutes give no kind or
    both, its first sentence says the body discussed it ("Utvalget diskuterte …") and not
    that someone reported or presented."""
    said = {k.strip().lower() for k in kinds}
    if said & _DISCUSSION_KINDS and not said & _INFORMATION_KINDS:
        return True
    if said & _INFORMATION_KINDS and not said & _DISCUSSION_KINDS:
        return False
    first = next(iter(sentences(body)), "")
    return bool(_DISCUSSED.search(first)) and not _REPORTED.search(first)


class _MeetingDates:
    """The committee's first meeting (held or planned, not cancelled) after a day, each read
    once per answer off ix_meeting_committee_date. (Reading all the committee's meeting
    dates instead grew with its history: 5,000 rows at 50,000 cases.)"""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.found: dict[tuple[int, date], date | None] = {}

    def next(self, committee_id: int | None, after: date) -> date | None:
        if committee_id is None:
            return None
        key = (committee_id, after)
        if key not in self.found:
            self.found[key] = self.session.scalar(
                select(func.min(Meeting.date)).where(
                    Meeting.committee_id == committee_id,
                    Meeting.date > after,
                    Meeting.status != "cancelled",
                )
            )
        return self.found[key]
