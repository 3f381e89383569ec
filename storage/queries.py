"""Read-side queries: meetings, and tasks for a person or group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Case, Committee, Document, Group, GroupMembership, Meeting, Person, Task
from .names import name_key


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting: Meeting
    committee: Committee | None
    document: Document | None
    cases: int


async def meetings(
    session: AsyncSession, *, tenant: str, upcoming_from: dt.datetime | None = None
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
        query = query.where(
            or_(
                Meeting.starts_at >= upcoming_from,
                Meeting.starts_at.is_(None) & (Meeting.date >= upcoming_from.date()),
            )
        )
    rows = await session.execute(query)
    return [MeetingRow(m, c, d, n or 0) for m, c, d, n in rows.tuples()]


@dataclass(frozen=True, slots=True)
class TasksFor:
    person: Person | None
    groups: list[Group]
    tasks: list[Task]


def _tokens_match(column_key: str, query: str) -> bool:
    wanted = name_key(query).split()
    have = name_key(column_key).split()
    return all(any(h.startswith(w) for h in have) for w in wanted)


async def tasks_for(
    session: AsyncSession, *, tenant: str, name: str, include_done: bool = False
) -> TasksFor:
    """Tasks owned by the person called `name` (or by a group/organisation of that name),
    plus the tasks of the groups the person belongs to. Open first, then by due date."""
    people = list(await session.scalars(select(Person).where(Person.tenant == tenant)))
    exact = [p for p in people if p.name_key == name_key(name)]
    matches = exact or [p for p in people if _tokens_match(p.name_key, name)]
    person = matches[0] if len(matches) == 1 else None

    groups: list[Group] = []
    if person is not None:
        groups = list(
            await session.scalars(
                select(Group)
                .join(GroupMembership, GroupMembership.group_id == Group.id)
                .where(GroupMembership.person_id == person.id)
                .order_by(Group.short_name)
            )
        )
    owner = [func.lower(Task.assignee_name) == name_key(name)]
    if person is not None:
        owner.append(Task.person_id == person.id)
    if groups:
        owner.append(Task.group_id.in_([g.id for g in groups]))
    query = (
        select(Task)
        .where(or_(*owner))
        .order_by(
            case((Task.status == "open", 0), else_=1),
            Task.due_date.is_(None),
            Task.due_date,
            Task.id,
        )
    )
    if not include_done:
        query = query.where(Task.status == "open")
    tasks = list((await session.scalars(query)).unique())
    return TasksFor(person=person, groups=groups, tasks=tasks)
