"""Who may change a task from chat (complete, reopen, postpone, give to someone else).

A task is changed by the people it concerns and those who keep the committee's record:
- its owner (the person it is given to);
- the members of the group it is given to («AU»);
- the one who added it from chat (by name: `created_by`);
- the committee's chair and secretary, as the minutes of its latest meetings name them
  (`meeting_participant` roles "chair" and "secretary" of the OFFICER_MEETINGS newest
  meetings that name any), and those configured for it (REFERENT_SECRETARIES);
- the deployment's administrators (REFERENT_ADMINS).
Anyone else is refused, and told who can; someone the bot does not know (no link to a
person in the minutes) is told to say who they are first. The check runs in the change's
own transaction, so what it read is what the change is made against."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from .models import (
    ChatIdentity,
    Committee,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Person,
    Task,
)
from .names import name_key

OFFICERS = ("chair", "secretary")
OFFICER_MEETINGS = 3  # a committee's officers: those of its newest meetings that name them


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a change was refused: the asker is not known, or not among `who_can`."""

    who_can: tuple[str, ...]
    unknown_asker: bool = False
    # The task is of a committee kept to members the asker does not read: told as if there
    # were no such task (storage/committee_access.py), not who can.
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class TaskRights:
    """The rule, with what is configured: administrators (names or emails of people in
    the minutes) and each committee's secretaries besides the minutes' own (by the
    committee's short name, case-folded: {"ssu": ("Kari Nordmann",)})."""

    admins: tuple[str, ...] = ()
    secretaries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def refusal(self, session: Session, task: Task, person_id: int | None) -> Refusal | None:
        """None when `person_id` may change `task`; else why not, and who may."""
        if person_id is not None and (
            task.person_id == person_id
            or (task.group_id is not None and _member(session, task.group_id, person_id))
            or _added_by(session, task, person_id)
        ):
            return None
        keepers = self._keepers(session, task)  # read once: for the check and the refusal
        if person_id is not None and person_id in keepers:
            return None
        return Refusal(self._who_can(session, task, keepers), unknown_asker=person_id is None)

    def is_admin(self, session: Session, tenant: str, person_id: int | None) -> bool:
        """Whether `person_id` is one of the tenant's people REFERENT_ADMINS names."""
        return person_id is not None and person_id in _people_named(
            session, tenant, list(self.admins)
        )

    def admin_names(self, session: Session, tenant: str) -> tuple[str, ...]:
        """The tenant's people REFERENT_ADMINS names, by name (for a refusal's «who can»)."""
        ids = _people_named(session, tenant, list(self.admins))
        if not ids:
            return ()
        return tuple(sorted(session.scalars(select(Person.name).where(Person.id.in_(ids))).all()))

    def _keepers(self, session: Session, task: Task) -> set[int]:
        """The committee's officers and the administrators: their person ids."""
        committee = _committee_of(session, task)
        ids = _officers(session, committee.id) if committee else set()
        names = [
            *self.admins,
            *(self.secretaries.get(committee.label.casefold(), ()) if committee else ()),
        ]
        return ids | _people_named(session, task.tenant, names)

    def _who_can(self, session: Session, task: Task, keepers: set[int]) -> tuple[str, ...]:
        who: list[str] = []
        if task.person_id is not None and (person := session.get(Person, task.person_id)):
            who.append(person.name)
        elif task.group_id is not None and (group := session.get(Group, task.group_id)):
            who.append(group.label)
        if keepers:
            people = session.scalars(select(Person.name).where(Person.id.in_(keepers))).all()
            who.extend(sorted(set(people) - set(who)))
        return tuple(who)


def _member(session: Session, group_id: int, person_id: int) -> bool:
    return bool(
        session.scalar(
            select(
                exists().where(
                    GroupMembership.group_id == group_id, GroupMembership.person_id == person_id
                )
            )
        )
    )


def _added_by(session: Session, task: Task, person_id: int) -> bool:
    if task.origin != "chat" or not task.created_by:
        return False
    person = session.get(Person, person_id)
    return person is not None and person.name_key == name_key(task.created_by)


def _committee_of(session: Session, task: Task) -> Committee | None:
    committee_id = task.committee_id
    if committee_id is None and task.meeting_id is not None:
        committee_id = session.scalar(
            select(Meeting.committee_id).where(Meeting.id == task.meeting_id)
        )
    return session.get(Committee, committee_id) if committee_id is not None else None


def _officers(session: Session, committee_id: int) -> set[int]:
    """The chair and secretary of the committee's newest meetings that name any."""
    meetings = (
        select(Meeting.id)
        .where(Meeting.committee_id == committee_id)
        .where(
            exists().where(
                MeetingParticipant.meeting_id == Meeting.id,
                MeetingParticipant.role.in_(OFFICERS),
            )
        )
        .order_by(Meeting.date.desc())
        .limit(OFFICER_MEETINGS)
        .subquery()
    )
    return set(
        session.scalars(
            select(MeetingParticipant.person_id).where(
                MeetingParticipant.meeting_id.in_(select(meetings.c.id)),
                MeetingParticipant.role.in_(OFFICERS),
            )
        ).all()
    )


def _people_named(session: Session, tenant: str, names: list[str]) -> set[int]:
    """The tenant's people a configured name or email stands for (an email: theirs in the
    store, or the one a chat user linked to them showed)."""
    emails = {n.strip().casefold() for n in names if "@" in n}
    keys = {name_key(n) for n in names if "@" not in n} - {""}
    if not emails and not keys:
        return set()
    found: set[int] = set()
    if keys:
        found |= set(
            session.scalars(
                select(Person.id).where(Person.tenant == tenant, Person.name_key.in_(keys))
            ).all()
        )
    if emails:
        # The address a chat user's profile gave when they were linked (Teams, Slack): the
        # minutes know no addresses, so this is how an email configured finds its person.
        found |= set(
            session.scalars(
                select(ChatIdentity.person_id).where(
                    ChatIdentity.tenant == tenant, func.lower(ChatIdentity.email).in_(emails)
                )
            ).all()
        )
        for person_id, addresses in session.execute(
            select(Person.id, Person.emails).where(Person.tenant == tenant)
        ).all():
            if emails & {a.casefold() for a in addresses or []}:
                found.add(person_id)
    return found
