"""Read-side queries: meetings, and tasks for a person or group."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, union
from sqlalchemy.orm import Session, joinedload, lazyload, load_only
from sqlalchemy.orm.interfaces import LoaderOption

from .models import (
    Case,
    Committee,
    Document,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Person,
    Task,
)
from .names import name_key
from .paging import shown_page


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting: Meeting
    committee: Committee | None
    document: Document | None
    cases: int


def meetings(
    session: Session, *, tenant: str, upcoming_from: dt.datetime | None = None
) -> list[MeetingRow]:
    """All meetings in date order; with `upcoming_from`, only those not yet started."""
    case_count = (
        select(Case.meeting_id, func.count(Case.id).label("n")).group_by(Case.meeting_id).subquery()
    )
    query: Select[tuple[Meeting, Committee | None, Document | None, int | None]] = (
        select(Meeting, Committee, Document, case_count.c.n)
        .outerjoin(Committee, Meeting.committee_id == Committee.id)
        .outerjoin(Document, Meeting.document_id == Document.id)
        .outerjoin(case_count, case_count.c.meeting_id == Meeting.id)
        .where(or_(Committee.id.is_(None), Committee.tenant == tenant))
        .where(Meeting.status != "cancelled")
        .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
    )
    if upcoming_from is not None:
        # The date bound lets the date index skip the past (a meeting starting after
        # `upcoming_from` is on its day or, in another zone, at most the day before).
        query = query.where(Meeting.date >= upcoming_from.date() - dt.timedelta(days=1))
        query = query.where(
            or_(
                Meeting.starts_at >= upcoming_from,
                Meeting.starts_at.is_(None) & (Meeting.date >= upcoming_from.date()),
            )
        )
    rows = session.execute(query)
    return [MeetingRow(m, c, d, n or 0) for m, c, d, n in rows]


@dataclass(frozen=True, slots=True)
class TasksFor:
    person: Person | None
    groups: list[Group]
    tasks: list[Task]  # all of them, or the page asked for
    candidates: list[Person]  # several people answer to the name: the caller must ask
    total: int = 0  # how many there are in all
    page: int = 1  # the page `tasks` is (the last when one past it was asked for)
    committee_ids: frozenset[int] = frozenset()  # of all of them (asked with `committees`)
    # Some task is owned under the name (before `where` narrowed them): "oppgaver for Fjordby
    # sykehus i LSU" knows the hospital by its tasks in SSU and has none in LSU to show.
    named: bool = False


@functools.cache  # built once: building the options cost more than reading a short list
def task_list_options() -> tuple[LoaderOption, ...]:
    """What a task list shows of each task's case, meeting, document and committee, and no
    more: by default a task came with its case's text, JSON lists, meeting, document and
    committee, which cost more than the task itself once a list holds a hundred."""
    return (
        joinedload(Task.case).options(
            load_only(Case.id, Case.number, Case.title),  # the title: task_scope's topic
            lazyload(Case.meeting), lazyload(Case.document), lazyload(Case.committee),
        ),
        joinedload(Task.meeting).options(load_only(Meeting.id, Meeting.date),
                                         lazyload(Meeting.committee)),
        joinedload(Task.document).load_only(Document.id, Document.name),
    )  # fmt: skip


def tasks_for(
    session: Session,
    *,
    tenant: str,
    name: str,
    include_done: bool = False,
    page: int = 1,
    per_page: int | None = None,
    committees: bool = False,
    where: Iterable[ColumnElement[bool]] = (),
) -> TasksFor:
    """Tasks for `name`: a group ("AU"), or a person — their own tasks plus those of the
    groups they belong to — or an organisation as written in the minutes. Open tasks first
    (those a later meeting settled after the others), then by due date. With `per_page`,
    only page `page` of them (counted and cut in SQL: a person of a large archive owns
    hundreds, and a chat shows fifteen). With `committees`, also the committees of all of
    them. `where`: conditions on Task that narrow the list (a committee, a period:
    assistant/task_scope.py)."""
    key = name_key(name)
    groups = list(
        session.scalars(
            select(Group).where(
                Group.tenant == tenant,
                or_(func.lower(Group.short_name) == key, func.lower(Group.name) == key),
            )
        )
    )
    person: Person | None = None
    people: list[Person] = []
    if not groups:
        people = find_people(session, tenant=tenant, name=name)
        person = people[0] if len(people) == 1 else None
    if person is not None:
        groups = list(
            session.scalars(
                select(Group)
                .join(GroupMembership, GroupMembership.group_id == Group.id)
                .where(GroupMembership.person_id == person.id)
                .order_by(Group.short_name)
            )
        )

    # One index lookup per way of owning a task (migration 0013), not an OR that reads
    # every task of the tenant; each filtered there, so what they find is the answer's
    # tasks alone (PostgreSQL joined a union of every task ever owned with a scan of them all).
    narrowed = list(where)

    def owning(*conditions: ColumnElement[bool], narrow: bool = True) -> Select[tuple[int]]:
        owns = select(Task.id).where(*conditions)
        owns = owns.where(*narrowed) if narrow else owns
        return owns if include_done else owns.where(Task.status == "open")

    # A name may be anyone's: its lookup keeps to the tenant. The person's and the groups'
    # lookups leave the tenant to the statements that read what they find: beside
    # `group_id IN (…)`, SQLite's sampled statistics took `tenant = ?` for the narrower and
    # read every task of the tenant (14 ms at 40,000 tasks, for a member of two busy groups).
    own_name = func.lower(Task.assignee_name) == key
    owners = [owning(own_name, Task.tenant == tenant)]
    if person is not None:
        owners.append(owning(Task.person_id == person.id))
    if groups:
        owners.append(owning(Task.group_id.in_([g.id for g in groups])))
    owned = (Task.tenant == tenant, Task.id.in_(union(*owners)))
    # Open tasks first, those a later meeting settled (shown as such) after the others: they
    # are not urgent, and a member of long-standing groups has pages of them.
    standing = case(
        (and_(Task.status == "open", Task.settled_by_meeting_id.is_(None)), 0),
        (Task.status == "open", 1),
        else_=2,
    )
    order = (standing, Task.due_date.is_(None), Task.due_date, Task.id)
    candidates = people if len(people) > 1 else []
    committee_ids: frozenset[int] = frozenset()
    total: int | None = None
    if committees:  # the count comes with them
        by_committee = session.execute(
            select(Task.committee_id, func.count()).where(*owned).group_by(Task.committee_id)
        ).all()
        committee_ids = frozenset(c for c, _ in by_committee if c is not None)
        total = sum(n for _, n in by_committee)
    wanted: tuple[ColumnElement[bool], ...] = owned
    if per_page is not None:
        if total is None:
            total = session.scalar(select(func.count()).select_from(Task).where(*owned)) or 0
        page = shown_page(page, total, per_page)
        # The page's ids first, sorted on the task rows alone: the cases, meetings and
        # documents are then read for the page's tasks, not for every task owned.
        ids = select(Task.id).where(*owned).order_by(*order)
        wanted = (Task.id.in_(ids.offset((page - 1) * per_page).limit(per_page)),)
    query = select(Task).where(*wanted).options(*task_list_options()).order_by(*order)
    tasks = list(session.scalars(query).unique())
    if per_page is None:
        total, page = len(tasks), 1
    named = bool(tasks)
    if not named and narrowed and not (person or groups or candidates):
        # Does the name own anything at all, outside what was asked about?
        anywhere = owning(own_name, Task.tenant == tenant, narrow=False)
        named = session.scalar(anywhere.limit(1)) is not None
    return TasksFor(person, groups, tasks, candidates, total, page, committee_ids, named)


def find_people(
    session: Session, *, tenant: str, name: str, committee_id: int | None = None
) -> list[Person]:
    """People called `name`: the full name (spelling-tolerant, see name_key), else everyone
    whose name has all its words ("Christine"). With a committee, a first name that only one
    of its members or participants has is enough even when others elsewhere share it."""
    key = name_key(name)
    if not key:
        return []
    exact = list(
        session.scalars(select(Person).where(Person.tenant == tenant, Person.name_key == key))
    )
    if exact:
        return exact
    words = key.split()
    candidates = session.scalars(
        select(Person).where(Person.tenant == tenant, Person.name_key.contains(words[0]))
    )
    matches = [p for p in candidates if set(words) <= set(p.name_key.split())]
    if len(matches) > 1 and committee_id is not None:
        local = committee_people(session, committee_id)
        in_committee = [p for p in matches if p.id in local]
        if len(in_committee) == 1:
            return in_committee
    return matches


def committee_people(session: Session, committee_id: int) -> set[int]:
    """Ids of everyone who took part in the committee's meetings or is in its groups."""
    participants = (
        select(MeetingParticipant.person_id)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(Meeting.committee_id == committee_id)
    )
    members = (
        select(GroupMembership.person_id)
        .join(Group, Group.id == GroupMembership.group_id)
        .where(Group.committee_id == committee_id)
    )
    return set(session.scalars(participants.union(members)))


def people_committees(session: Session, person_ids: Iterable[int]) -> dict[int, Committee]:
    """The committee each person sits in, the other way round from committee_people: the
    one whose meeting they last took part in, else the first of their groups' committees.
    People in none are left out."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    last_met = session.execute(
        select(MeetingParticipant.person_id, Meeting.committee_id, func.max(Meeting.date))
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(MeetingParticipant.person_id.in_(ids), Meeting.committee_id.is_not(None))
        .group_by(MeetingParticipant.person_id, Meeting.committee_id)
    )
    latest: dict[int, tuple[dt.date, int]] = {}
    for person_id, committee_id, day in last_met.all():
        # The latest meeting wins; on the same day the lower committee id, so it is stable.
        seen = latest.get(person_id)
        if seen is None or (day, -committee_id) > (seen[0], -seen[1]):
            latest[person_id] = (day, committee_id)
    chosen = {person_id: committee_id for person_id, (_, committee_id) in latest.items()}
    in_groups = session.execute(
        select(GroupMembership.person_id, Group.committee_id)
        .join(Group, Group.id == GroupMembership.group_id)
        .where(GroupMembership.person_id.in_(ids), Group.committee_id.is_not(None))
        .order_by(GroupMembership.person_id, Group.committee_id)
    )
    for person_id, committee_id in in_groups.all():
        chosen.setdefault(person_id, committee_id)
    if not chosen:
        return {}
    committees = {
        c.id: c
        for c in session.scalars(select(Committee).where(Committee.id.in_(set(chosen.values()))))
    }
    return {person_id: committees[committee_id] for person_id, committee_id in chosen.items()}


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    committee: str | None
    meeting_date: dt.date | None
    next_meeting: dt.date | None
    cases: int
    tasks: int


def document_summary(session: Session, document: Document) -> DocumentSummary:
    """What an earlier import of this document stored (for "unchanged" reports)."""
    committee = session.get(Committee, document.committee_id) if document.committee_id else None
    held = session.scalar(
        select(Meeting.date).where(Meeting.document_id == document.id, Meeting.status == "held")
    )
    next_meeting = None
    if held is not None:
        next_meeting = session.scalar(
            select(func.min(Meeting.date)).where(
                Meeting.committee_id == document.committee_id,
                Meeting.date > held,
                Meeting.status != "cancelled",
            )
        )
    cases = session.scalar(select(func.count(Case.id)).where(Case.document_id == document.id))
    tasks = session.scalar(select(func.count(Task.id)).where(Task.document_id == document.id))
    return DocumentSummary(
        committee=committee.label if committee else None,
        meeting_date=held,
        next_meeting=next_meeting,
        cases=cases or 0,
        tasks=tasks or 0,
    )
