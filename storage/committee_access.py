"""Who reads a committee: everyone in its tenant (`open`) or its members and the
conversations subscribed to it (`members`).

A committee's members are
- the people its minutes name (present, absent with apologies, chair, secretary) at its
  meetings of the last year of its minutes (a year back from its newest held meeting, so
  an archive whose last minutes are old keeps its last members), and the members of its
  groups as the minutes name them (its working committee, AU: a task given to AU is its
  members' to read);
- the people an administrator added (`referent committees members SSU add "Name"`), less
  those an administrator removed (a guest the minutes list among those present);
- the deployment's administrators (REFERENT_ADMINS).
A conversation subscribed to the committee (its reminders) reads it too: subscribing is
allowed only to those who read it, so the subscription is the channel's access.

The rule is applied here, in the storage layer, not in the answer code: `limit_to` marks a
session with a `Viewer`, and every ORM query in it then leaves out the committees the
viewer may not read, with their meetings, cases, tasks, groups and documents
(SQLAlchemy's loader criteria, added to each statement as it is executed). The search's
hand-written SQL reads the same viewer (storage/search_index.py). An answer cannot tell a
hidden match from no match: the rows are simply not there.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    event,
    false,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from .models import (
    Case,
    ChatConversation,
    Committee,
    CommitteeMember,
    Document,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Subscription,
    Task,
)
from .task_rights import _people_named  # the same reading of REFERENT_ADMINS as task rights

OPEN, MEMBERS = "open", "members"
CommitteeNaming = tuple[str, str | None, list[str]]  # name, short name, aliases
ACCESS_LEVELS = (OPEN, MEMBERS)
ADDED, REMOVED = "added", "removed"
MEMBERSHIP_SPAN = dt.timedelta(days=365)  # back from the committee's newest held meeting
_NAMED, _SUBSCRIBED = "named", "subscribed"  # ways in, besides ADDED (and REMOVED: out)
_VIEWER = "referent.viewer"
_LISTENING = "referent.viewer_listening"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is reading: the tenant, and the committees of it they may not read (the
    `members` committees they are not in). Hidden ids rather than visible ones: a
    committee added later is open, and rows of no committee stay readable."""

    tenant: str
    hidden: frozenset[int] = frozenset()

    def sees(self, committee_id: int | None) -> bool:
        return committee_id is None or committee_id not in self.hidden


@dataclass(frozen=True, slots=True)
class Reader:
    """Who asks, as far as access goes: the person (None: a chat user the bot could not
    link to anyone in the minutes) and the conversation they ask in (channel,
    conversation id), if any."""

    person_id: int | None = None
    conversation: tuple[str, str] | None = None


def members_only(session: Session, tenant: str) -> list[int]:
    """The ids of the tenant's `members` committees (usually none)."""
    return list(
        session.scalars(
            select(Committee.id).where(Committee.tenant == tenant, Committee.access == MEMBERS)
        )
    )


def committees_seen(session: Session, tenant: str) -> tuple[bool, list[CommitteeNaming]]:
    """Whether the tenant keeps any committee to its members, and every committee's name,
    short name and aliases (a question may name it): in one statement."""
    rows = session.execute(
        select(Committee.name, Committee.short_name, Committee.aliases, Committee.access).where(
            Committee.tenant == tenant
        )
    ).all()
    closed = any(access == MEMBERS for *_, access in rows)
    return closed, [(name, short, list(aliases or ())) for name, short, aliases, _ in rows]


def viewer_for(
    session: Session, tenant: str, reader: Reader | None, *, admins: Collection[str] = ()
) -> Viewer:
    """The viewer `reader` is in `tenant`; None reads everything (the operator's CLI).
    `admins`: the deployment's administrators, by name or email (REFERENT_ADMINS). Read
    before `limit_to`, which would hide what this needs to read. Two statements (three
    with administrators configured): the committees kept to members, and what makes the
    reader one of theirs."""
    if reader is None:
        return Viewer(tenant)
    closed = _closed(session, tenant)
    if not closed:
        return Viewer(tenant)
    person = reader.person_id
    if person is not None and admins and person in _people_named(session, tenant, list(admins)):
        return Viewer(tenant)
    return Viewer(tenant, frozenset(closed) - _let_in(session, tenant, reader, closed))


def hides(
    session: Session,
    tenant: str,
    committee_id: int | None,
    reader: Reader,
    *,
    admins: Collection[str] = (),
) -> bool:
    """Whether `reader` may not read the committee (None: no committee, readable)."""
    if committee_id is None:
        return False
    return not viewer_for(session, tenant, reader, admins=admins).sees(committee_id)


def restrict(
    session: Session, tenant: str, reader: Reader | None, *, admins: Collection[str] = ()
) -> Viewer:
    """`viewer_for` and `limit_to` in one: the session reads only what `reader` may."""
    viewer = viewer_for(session, tenant, reader, admins=admins)
    limit_to(session, viewer)
    return viewer


def committees_of(session: Session, person_id: int, committee_ids: Collection[int]) -> set[int]:
    """Of `committee_ids`, those `person_id` is a member of (see the module's rule)."""
    newest = _newest(session, committee_ids)
    return _let_in(session, "", Reader(person_id=person_id), newest)


def _closed(session: Session, tenant: str) -> dict[int, dt.date | None]:
    """The tenant's `members` committees, each with the date of its newest held meeting."""
    return {c: day for c, day in session.execute(_closed_query(), {"tenant": tenant})}


@functools.cache
def _closed_query() -> Select[tuple[int, dt.date | None]]:
    """Read at every answer: built once (building it cost more CPU than running it)."""
    committee, meeting = Committee.__table__, Meeting.__table__
    held = (meeting.c.committee_id == committee.c.id) & (meeting.c.status == "held")
    return (
        select(committee.c.id, func.max(meeting.c.date))
        .select_from(committee.outerjoin(meeting, held))
        .where(committee.c.tenant == bindparam("tenant"), committee.c.access == MEMBERS)
        .group_by(committee.c.id)
    )


def _newest(session: Session, committee_ids: Iterable[int]) -> dict[int, dt.date | None]:
    """Each committee's newest held meeting's date (None: it has none)."""
    ids = list(committee_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Meeting.committee_id, func.max(Meeting.date))
        .where(Meeting.committee_id.in_(ids), Meeting.status == "held")
        .group_by(Meeting.committee_id)
    )
    return dict.fromkeys(ids) | dict(rows.all())


def _within_a_year(newest: dict[int, dt.date | None]) -> ColumnElement[bool]:
    """Meeting of one of the committees in the year up to its newest held meeting."""
    spans = [
        (Meeting.committee_id == committee_id) & (Meeting.date >= day - MEMBERSHIP_SPAN)
        for committee_id, day in newest.items()
        if day is not None
    ]
    return or_(*spans) if spans else false()


def _let_in(
    session: Session, tenant: str, reader: Reader, newest: dict[int, dt.date | None]
) -> set[int]:
    """Of the committees `newest` names, those `reader` reads: in one statement, each way
    in (named in the minutes, in a group, added or removed by hand, subscribed)."""
    ids = sorted(newest)
    parts: list[Select[tuple[int, str]]] = []
    if reader.person_id is not None:
        person = reader.person_id
        parts.append(
            select(Meeting.committee_id, literal(_NAMED))
            .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
            .where(
                MeetingParticipant.person_id == person,
                Meeting.status == "held",
                _within_a_year(newest),
            )
        )
        parts.append(
            select(Group.committee_id, literal(_NAMED))
            .join(GroupMembership, GroupMembership.group_id == Group.id)
            .where(GroupMembership.person_id == person, Group.committee_id.in_(ids))
        )
        parts.append(
            select(CommitteeMember.committee_id, CommitteeMember.kind).where(
                CommitteeMember.person_id == person, CommitteeMember.committee_id.in_(ids)
            )
        )
    if reader.conversation is not None:
        channel, conversation_id = reader.conversation
        parts.append(
            select(Subscription.committee_id, literal(_SUBSCRIBED))
            .join(ChatConversation, ChatConversation.id == Subscription.conversation_ref_id)
            .where(
                ChatConversation.tenant == tenant,
                ChatConversation.channel == channel,
                ChatConversation.conversation_id == conversation_id,
                Subscription.active.is_(True),
                Subscription.committee_id.in_(ids),
            )
        )
    if not parts:
        return set()
    rows = session.execute(union_all(*parts)).all()
    said = {c: way for c, way in rows if way in (ADDED, REMOVED)}
    named = {c for c, way in rows if way == _NAMED}
    subscribed = {c for c, way in rows if way == _SUBSCRIBED}
    members = {c for c in ids if said.get(c) == ADDED or (c in named and c not in said)}
    return members | subscribed


def named_members(
    session: Session, committee_ids: Iterable[int], *, person_id: int | None = None
) -> dict[int, set[int]]:
    """Committee id -> the people its minutes of the last year name, and its groups'
    members (of `person_id` alone, when given)."""
    newest = _newest(session, committee_ids)
    if not newest:
        return {}
    query = (
        select(Meeting.committee_id, MeetingParticipant.person_id)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(Meeting.status == "held", _within_a_year(newest))
        .distinct()
    )
    grouped = (
        select(Group.committee_id, GroupMembership.person_id)
        .join(Group, Group.id == GroupMembership.group_id)
        .where(Group.committee_id.in_(list(newest)))
    )
    if person_id is not None:
        query = query.where(MeetingParticipant.person_id == person_id)
        grouped = grouped.where(GroupMembership.person_id == person_id)
    found: dict[int, set[int]] = {}
    for committee_id, member in [*session.execute(query).all(), *session.execute(grouped).all()]:
        found.setdefault(committee_id, set()).add(member)
    return found


def members(session: Session, committee_id: int) -> set[int]:
    """Everyone who is a member of the committee (administrators aside)."""
    named = named_members(session, [committee_id]).get(committee_id, set())
    said = dict(
        session.execute(
            select(CommitteeMember.person_id, CommitteeMember.kind).where(
                CommitteeMember.committee_id == committee_id
            )
        ).all()
    )
    added = {p for p, kind in said.items() if kind == ADDED}
    removed = {p for p, kind in said.items() if kind == REMOVED}
    return (named | added) - removed


def limit_to(session: Session, viewer: Viewer | None) -> None:
    """From now on, `session` reads only what `viewer` may (None: everything)."""
    session.info[_VIEWER] = viewer
    if viewer is not None and viewer.hidden and not session.info.get(_LISTENING):
        event.listen(session, "do_orm_execute", _leave_out_hidden)
        session.info[_LISTENING] = True


def viewer_of(session: Session) -> Viewer | None:
    """The viewer `limit_to` gave the session, if any."""
    return session.info.get(_VIEWER)


def _leave_out_hidden(state: ORMExecuteState) -> None:
    viewer = viewer_of(state.session)
    if viewer is None or not viewer.hidden or not state.is_select:
        return
    hidden = sorted(viewer.hidden)
    state.statement = state.statement.options(
        with_loader_criteria(Committee, Committee.id.not_in(hidden), include_aliases=True),
        *(
            with_loader_criteria(
                entity,
                or_(entity.committee_id.is_(None), entity.committee_id.not_in(hidden)),
                include_aliases=True,
            )
            for entity in (Meeting, Case, Task, Group, Document)
        ),
    )
