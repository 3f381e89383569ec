"""Answering "when is the next meeting?" and "what is on the agenda?"."""

from __future__ import annotations

import functools
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, or_, select
from sqlalchemy.orm import Session, defer, joinedload, lazyload

from storage.models import Case, Committee, Meeting, Task
from storage.queries import task_list_options

from .agenda_facts import POSTPONED
from .answer_types import CaseResult, MeetingResult, TaskResult
from .decision_answer import MatterKeys, case_result, names_committee, same_matter
from .excerpt import clip_words
from .planned_facts import facts_of
from .planned_items import set_among
from .settled_tasks import unsettled
from .task_answer import task_result

# Open tasks from the committee's meetings of the past year are carried onto the agenda.
# What earlier meetings postponed to it or set for it is read from their cases' facts stored
# with them (assistant/planned_facts.py), each case that has any compared with the others:
# from the past year's meetings, but of a committee that meets
# often only its last CARRY_OVER_MEETINGS (a monthly committee's year), so that reading
# costs the same however dense the history.
CARRY_OVER_DAYS = 365
CARRY_OVER_MEETINGS = 12


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
    given: dict[str, Any] = {"tenant": tenant, "now": now, "today": local_today}
    given["yesterday"] = local_today - timedelta(days=1)
    if committee:
        given["committee"] = committee
    # Each committee's first, found from the rows' keys alone: a committee may have a year
    # of meetings planned, and only its first is loaded as a Meeting.
    firsts: dict[int, int] = {}
    for meeting_id, committee_id in session.execute(_upcoming(bool(committee)), given):
        if committee_id is not None:
            firsts.setdefault(committee_id, meeting_id)
    if not firsts:
        return []
    found = session.scalars(_meetings(), {"ids": list(firsts.values())})
    return sorted(found, key=lambda m: (m.date, m.id))


# The statements of these answers are built once, their values bound when run: building
# them and their cache keys anew for each answer cost a fifth of an agenda's CPU.
@functools.cache
def _upcoming(by_committee: bool) -> Select[tuple[int, int | None]]:
    query = (
        select(Meeting.id, Meeting.committee_id)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Committee.tenant == bindparam("tenant"), Meeting.status != "cancelled")
        # A range on the (committee, date) index, so only meetings from yesterday on are
        # read, not the committee's whole history: a meeting starting after `now` is on
        # its local day or at most a day before it in another zone.
        .where(Meeting.date >= bindparam("yesterday"))
        .where(
            or_(
                Meeting.starts_at >= bindparam("now"),
                Meeting.starts_at.is_(None) & (Meeting.date >= bindparam("today")),
            )
        )
        .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
    )
    return query.where(names_committee(bindparam("committee"))) if by_committee else query


@functools.cache
def _meetings() -> Select[tuple[Meeting]]:
    return select(Meeting).where(Meeting.id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True, slots=True)
class Agenda:
    meeting: MeetingResult
    cases: list[CaseResult]  # filed for the meeting (role "agenda")
    open_tasks: list[TaskResult]
    # Postponed at an earlier meeting of the committee to this one and not treated since
    # (role "carried"); what earlier minutes set for this meeting, each with the sentence
    # that set it as its excerpt (role "set").
    carried: list[CaseResult] = field(default_factory=list)
    set_items: list[CaseResult] = field(default_factory=list)

    @property
    def results(self) -> list[CaseResult]:
        return [*self.cases, *self.carried, *self.set_items]


SET_ITEM_CHARS = 240  # the sentence that set an item, as an agenda line shows it


@dataclass(frozen=True, slots=True)
class AgendaCases:
    filed: list[CaseResult]  # filed for the meeting (role "agenda")
    carried: list[CaseResult]  # postponed to it and not treated since (role "carried")
    set_items: list[CaseResult]  # what earlier minutes set for it (role "set")


def agenda_cases(session: Session, meeting: Meeting) -> AgendaCases:
    """The cases filed for the meeting, the committee's cases postponed to it and what its
    earlier minutes set for it: what the agenda answer and the agenda reminder list."""
    filed = list(session.scalars(_filed(), {"meeting": meeting.id}))
    since = carry_over_since(session, meeting)
    earlier = _earlier_cases(session, meeting, since)
    dates = _meeting_dates(session, meeting.committee_id, since)
    carried = _carried(session, meeting, filed, earlier, dates)
    return AgendaCases(
        filed=[case_result(c, "agenda") for c in filed],
        carried=[case_result(c, "carried") for c in carried],
        set_items=_set_items(session, meeting, filed, earlier, carried, dates),
    )


def agenda(session: Session, meeting: Meeting) -> Agenda:
    """The meeting's cases (`agenda_cases`) and its open tasks due by then that no later
    meeting settled."""
    cases = agenda_cases(session, meeting)
    recent = meeting.date - timedelta(days=CARRY_OVER_DAYS)
    given = {"committee": meeting.committee_id, "since": recent, "day": meeting.date}
    due = list(session.scalars(_due_tasks(), given).unique())
    return Agenda(
        meeting=meeting_result(meeting),
        cases=cases.filed,
        open_tasks=[task_result(t) for t in due],
        carried=cases.carried,
        set_items=cases.set_items,
    )


@functools.cache
def _filed() -> Select[tuple[Case]]:
    return (
        select(Case).where(Case.meeting_id == bindparam("meeting")).order_by(Case.position, Case.id)
    )


@functools.cache
def _due_tasks() -> Select[tuple[Task]]:
    """The committee's open tasks from its meetings `since` until `day` that are due by
    then and that no meeting before `day` settled."""
    day = bindparam("day")
    return (
        select(Task)
        .join(Meeting, Meeting.id == Task.meeting_id)
        .where(Task.committee_id == bindparam("committee"), Task.status == "open")
        .where(Meeting.date >= bindparam("since"), Meeting.date < day)
        .where(or_(Task.due_date.is_(None), Task.due_date <= day))
        .where(unsettled(before=day))
        .options(*task_list_options())
        .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
    )


def carry_over_since(session: Session, meeting: Meeting) -> date:
    """The first day whose cases an agenda reads for what was postponed to or set for it:
    a year before the meeting, or the committee's CARRY_OVER_MEETINGS-th meeting before it
    when that is later (one read of the (committee, date) index)."""
    year_ago = meeting.date - timedelta(days=CARRY_OVER_DAYS)
    if meeting.committee_id is None:
        return year_ago
    given = {"committee": meeting.committee_id, "since": year_ago, "day": meeting.date}
    return session.scalar(_carry_over_start(), given) or year_ago


@functools.cache
def _carry_over_start() -> Select[tuple[date]]:
    return (
        select(Meeting.date)
        .where(Meeting.committee_id == bindparam("committee"), Meeting.status != "cancelled")
        .where(Meeting.date >= bindparam("since"), Meeting.date < bindparam("day"))
        .order_by(Meeting.date.desc())
        .offset(CARRY_OVER_MEETINGS - 1)
        .limit(1)
    )


def _earlier_cases(session: Session, meeting: Meeting, since: date) -> list[Case]:
    """The committee's cases of its meetings from `since` until this one that an agenda
    reads, oldest first: those postponed, and those whose stored facts say they bring
    something to a meeting (or that were not read against their meeting's day). Most cases
    are neither: a postponed case is compared with them by number and title alone
    (`_later_cases`)."""
    if meeting.committee_id is None:
        return []
    given = {"committee": meeting.committee_id, "since": since, "day": meeting.date}
    return list(session.scalars(_earlier(), given).unique())


@functools.cache
def _earlier() -> Select[tuple[Case]]:
    return (
        select(Case)
        .join(Meeting, Meeting.id == Case.meeting_id)
        .where(Meeting.committee_id == bindparam("committee"), Meeting.status != "cancelled")
        .where(Meeting.date >= bindparam("since"), Meeting.date < bindparam("day"))
        .where(
            or_(
                Case.status == POSTPONED,
                Case.agenda_facts.is_not(None),
                Case.facts_read_on.is_distinct_from(Meeting.date),
            )
        )
        .order_by(Meeting.date, Case.position, Case.id)
        # The few shown load their document when shown, their committee is known; the body
        # is read only of a case whose facts are not stored (planned_facts.facts_of).
        .options(lazyload(Case.document), lazyload(Case.committee))
        .options(defer(Case.kinds), defer(Case.responsible), defer(Case.links))
        .options(defer(Case.body))
        .options(joinedload(Case.meeting).lazyload(Meeting.committee))
    )


class _Later(NamedTuple):
    """A later case as same_matter compares it (decision_answer.MatterKeys), read without
    loading it: a dozen meetings' cases."""

    id: int
    committee_id: int | None
    meeting_id: int | None
    number: str | None
    title: str
    day: date


def _later_cases(session: Session, meeting: Meeting, after: date) -> list[_Later]:
    """The committee's cases of its meetings after `after` until this one, oldest first:
    what a postponed case may have been treated as since."""
    given = {"committee": meeting.committee_id, "after": after, "day": meeting.date}
    return [_Later(*row) for row in session.execute(_later(), given)]


@functools.cache
def _later() -> Select[tuple[int, int | None, int | None, str | None, str, date]]:
    return (
        select(Case.id, Case.committee_id, Case.meeting_id, Case.number, Case.title, Meeting.date)
        .join(Meeting, Meeting.id == Case.meeting_id)
        .where(Meeting.committee_id == bindparam("committee"), Meeting.status != "cancelled")
        .where(Meeting.date > bindparam("after"), Meeting.date < bindparam("day"))
        .order_by(Meeting.date, Case.position, Case.id)
    )


def _meeting_dates(session: Session, committee_id: int | None, since: date) -> list[date]:
    """The committee's meeting days from `since` on: what follows an earlier case (never
    older than `since`) is among them; older ones are history the agenda does not read."""
    if committee_id is None:
        return []
    return list(session.scalars(_dates_since(), {"committee": committee_id, "since": since}))


@functools.cache
def _dates_since() -> Select[tuple[date]]:
    return (
        select(Meeting.date)
        .where(Meeting.committee_id == bindparam("committee"), Meeting.status != "cancelled")
        .where(Meeting.date >= bindparam("since"))
        .order_by(Meeting.date)
    )


def _next_after(dates: list[date], day: date) -> date | None:
    at = bisect_right(dates, day)
    return dates[at] if at < len(dates) else None


def _held(case: Case) -> date:
    assert case.meeting is not None  # _earlier_cases joins the meeting
    return case.meeting.date


def _carried(
    session: Session, meeting: Meeting, filed: list[Case], earlier: list[Case], dates: list[date]
) -> list[Case]:
    """Cases postponed to this meeting (or to one before it that did not treat them): not
    treated at a later meeting, not filed for this one again."""
    postponed = [c for c in earlier if c.status == POSTPONED]
    if not postponed:
        return []
    later = _later_cases(session, meeting, _held(postponed[0]))
    held = [c.day for c in later]  # in order: _later_cases sorts by meeting date
    found = []
    for case in postponed:
        day = _held(case)
        target = facts_of(case, day).postponed_to or _next_after(dates, day)
        if target is not None and target > meeting.date:
            continue  # postponed to a later meeting than this one
        treated: list[MatterKeys] = [*later[bisect_right(held, day) :], *filed]
        if not any(same_matter(case, other) for other in treated):
            found.append(case)
    return found


def _set_items(
    session: Session,
    meeting: Meeting,
    filed: list[Case],
    earlier: list[Case],
    carried: list[Case],
    dates: list[date],
) -> list[CaseResult]:
    """What the committee's earlier minutes set for this meeting ("legger fram … i SSU
    14. desember", "… i neste møte"), each with the sentence that set it."""
    committee = meeting.committee
    short = committee.short_name if committee else None
    others = _other_committees(session, meeting)
    found: list[CaseResult] = []
    for case in earlier:
        bringing = facts_of(case, _held(case)).bringing
        if not bringing:
            continue
        is_next = _next_after(dates, _held(case)) == meeting.date
        said = set_among(bringing, meeting.date, is_next=is_next, committee=short, others=others)
        # Most cases set nothing for this meeting: only those that do are compared.
        if not said or case in carried or any(same_matter(case, f) for f in filed):
            continue
        for sentence in said:
            item = replace(case_result(case, "set"), excerpt=clip_words(sentence, SET_ITEM_CHARS))
            found.append(item)
    return found


def _other_committees(session: Session, meeting: Meeting) -> frozenset[str]:
    committee = meeting.committee
    if committee is None:
        return frozenset()
    given = {"tenant": committee.tenant, "committee": committee.id}
    return frozenset(n for n in session.scalars(_other_names(), given) if n)


@functools.cache
def _other_names() -> Select[tuple[str | None]]:
    return select(Committee.short_name).where(
        Committee.tenant == bindparam("tenant"), Committee.id != bindparam("committee")
    )
