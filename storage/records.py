"""Adding to the record from chat: tasks, proposed cases and planned meetings.

Each write is one transaction (`Database.write`) and returns a small frozen record of what
the chat should confirm; no ORM object leaves the session. Rows written here carry origin
'chat' and who wrote them.

Changes made by someone in a conversation (`actor`, a storage.changes.ChangeActor) are
recorded in the same transaction, with the row as it was, for «angre» (storage/undo.py).

Tenants: a task has its own (migration 0006: a task from chat may name someone the minutes
do not know, and point at nothing else); a meeting is its committee's tenant's. The changes
refuse a task of another tenant as if it did not exist (None). Ids handed in for the new rows
(committee, meeting, case, assignee) must be the tenant's, else ValueError: they come from
this tenant's lookups, so another tenant's id is a bug, not a user's mistake.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from assistant.indexing import index_cases
from assistant.settled_tasks import key_cases, refresh_meetings, refresh_tasks

from . import changes
from .changes import ChangeActor, log_change, meeting_fields, task_fields
from .database import Database
from .models import Case, Committee, Group, Meeting, Organisation, Person, Task, utcnow
from .task_rights import Refusal

if TYPE_CHECKING:
    from assistant.assignees import AssigneeOption

CHAT = "chat"
PROPOSAL_KINDS = ("orientering", "diskusjon", "beslutning")
_ASSIGNEE_MODELS: dict[str, type[Person] | type[Group] | type[Organisation]] = {
    "person": Person,
    "group": Group,
    "organisation": Organisation,
}


@dataclass(frozen=True, slots=True)
class TaskRecord:
    id: int
    description: str
    assignee: str | None  # as task listings show it: the name stored, or the text given
    assignee_kind: str | None  # person | group | organisation; None: not found in the store
    due_date: dt.date | None
    due_text: str | None
    due_is_approximate: bool
    committee: str | None  # Committee.label
    status: str  # open | done
    unchanged: bool = False  # it already was so (done twice): nothing was written
    case_number: str | None = None  # the case it belongs to, if any
    case_title: str | None = None
    refused: Refusal | None = None  # the asker may not change it: nothing was written


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: int
    title: str
    kind: str | None  # orientering | diskusjon | beslutning
    committee: str | None
    meeting_id: int | None
    meeting_date: dt.date | None
    position: int
    status: str


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    id: int
    committee: str | None
    date: dt.date
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    location: str | None
    status: str  # planned | held | cancelled
    existing: bool = False  # the committee already meets then: nothing was added


# ---- read helpers -------------------------------------------------------------------------


def committee_by_name(session: Session, tenant: str, text: str) -> list[Committee]:
    """The tenant's committees called `text`: short name, full name or an alias, case and
    spacing aside. Several when the name is shared. A tenant has a handful of committees,
    and aliases are a JSON list, so they are compared here rather than in SQL."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return []
    found = [
        c
        for c in session.scalars(select(Committee).where(Committee.tenant == tenant))
        if wanted
        in {" ".join(n.split()).casefold() for n in (c.short_name, c.name, *c.aliases) if n}
    ]
    return sorted(found, key=lambda c: (c.label.casefold(), c.id))


def next_meeting_of(
    session: Session, tenant: str, committee_id: int, now: dt.datetime
) -> Meeting | None:
    """The committee's next meeting not cancelled, as assistant/meeting_answer.next_meetings
    counts it (which picks committees by short name): `now` is aware and local, a meeting
    without a time is upcoming all of its day."""
    return session.scalar(
        select(Meeting)
        .join(Committee, Committee.id == Meeting.committee_id)
        .where(Committee.tenant == tenant, Meeting.committee_id == committee_id)
        .where(Meeting.status != "cancelled")
        .where(
            or_(
                Meeting.starts_at >= now,
                Meeting.starts_at.is_(None) & (Meeting.date >= now.date()),
            )
        )
        .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
        .limit(1)
    )


# ---- tenants ------------------------------------------------------------------------------


def _tenant_of(session: Session, model: Any, row_id: int) -> str | None:
    if model is Meeting:
        return session.scalar(
            select(Committee.tenant)
            .join(Meeting, Meeting.committee_id == Committee.id)
            .where(Meeting.id == row_id)
        )
    return session.scalar(select(model.tenant).where(model.id == row_id))


def _require(session: Session, model: Any, row_id: int, tenant: str) -> Any:
    """The row, which must be the tenant's (see the module docstring)."""
    if _tenant_of(session, model, row_id) != tenant:
        raise ValueError(f"no {model.__tablename__} {row_id} in tenant {tenant!r}")
    return session.get(model, row_id)


def task_of(session: Session, tenant: str, task_id: int) -> Task | None:
    """The tenant's task `task_id`; None for another tenant's or none."""
    task = session.get(Task, task_id)
    return task if task is not None and task.tenant == tenant else None


# ---- tasks --------------------------------------------------------------------------------


def _task_record(
    task: Task, *, unchanged: bool = False, refused: Refusal | None = None
) -> TaskRecord:
    return TaskRecord(
        id=task.id,
        description=task.description,
        assignee=task.assignee_name,
        assignee_kind=task.assignee_kind,
        due_date=task.due_date,
        due_text=task.due_text,
        due_is_approximate=task.due_is_approximate,
        committee=task.committee.label if task.committee else None,
        status=task.status,
        unchanged=unchanged,
        case_number=task.case.number if task.case else None,
        case_title=task.case.title if task.case else None,
        refused=refused,
    )


def _assign(session: Session, task: Task, tenant: str, assignee: AssigneeOption) -> Any:
    """Make `assignee` the task's; returns the person, group or organisation."""
    model = _ASSIGNEE_MODELS.get(assignee.kind)
    if model is None:
        raise ValueError(f"unknown assignee kind {assignee.kind!r}")
    owner = _require(session, model, assignee.id, tenant)
    task.assignee_kind = assignee.kind
    task.assignee_name = assignee.name
    task.person_id = assignee.id if assignee.kind == "person" else None
    task.group_id = assignee.id if assignee.kind == "group" else None
    task.organisation_id = assignee.id if assignee.kind == "organisation" else None
    return owner


async def add_task(
    db: Database,
    *,
    tenant: str,
    description: str,
    assignee: AssigneeOption | None,
    assignee_text: str | None = None,
    due_date: dt.date | None = None,
    due_text: str | None = None,
    due_is_approximate: bool = False,
    committee_id: int | None = None,
    case_id: int | None = None,
    meeting_id: int | None = None,
    created_by: str | None = None,
    chat_key: str | None = None,
    unknown_person: bool = False,
    actor: ChangeActor | None = None,
) -> TaskRecord:
    """An open task added in chat. Without `assignee` (nobody in the store fits) the task
    keeps `assignee_text` as its assignee's name; `unknown_person`: that name is a person's
    the minutes do not know yet (kind person, no person id; storage/task_links.py links it
    when they appear). The committee, when not given, is the case's, the meeting's or the
    assigned group's, or none. `chat_key` names the message that adds it: the same key
    again returns that task (a turn done again adds nothing)."""
    description = " ".join(description.split())
    if not description:
        raise ValueError("a task needs a description")

    def work(session: Session) -> TaskRecord:
        if chat_key is not None:
            added = session.scalar(
                select(Task).where(Task.tenant == tenant, Task.chat_key == chat_key)
            )
            if added is not None:
                return _task_record(added, unchanged=True)
        committee = committee_id
        meeting = meeting_id
        if meeting is not None:
            held_by = _require(session, Meeting, meeting, tenant).committee_id
            committee = held_by if committee is None else committee
        if case_id is not None:
            case = _require(session, Case, case_id, tenant)
            committee = case.committee_id if committee is None else committee
            meeting = case.meeting_id if meeting is None else meeting  # where the task arose
        task = Task(
            tenant=tenant,
            chat_key=chat_key,
            origin=CHAT,
            created_by=created_by,
            description=description,
            assignee_name=(assignee_text or "").strip() or None,
            assignee_kind="person" if unknown_person and (assignee_text or "").strip() else None,
            due_date=due_date,
            due_text=due_text,
            due_is_approximate=due_is_approximate,
            status="open",
            case_id=case_id,
            meeting_id=meeting,
        )
        if assignee is not None:
            owner = _assign(session, task, tenant, assignee)
            if committee is None and isinstance(owner, Group):  # AU's task is its committee's
                committee = owner.committee_id
        if committee is not None:
            task.committee = _require(session, Committee, committee, tenant)
        session.add(task)
        session.flush()
        refresh_tasks(session, [task.id])  # a later meeting may have settled it already
        log_change(session, actor, tenant, changes.TASK_ADDED, task.id, None, task_fields(task))
        return _task_record(task)

    return await db.write(work)


_Change = Callable[[Session, Task], bool]
# Whether the asker may change the task (storage/task_rights.TaskRights.refusal, bound).
Permitted = Callable[[Session, Task], Refusal | None]
# Whether the asker reads committee `id` (storage/committee_access.hides, bound): asked in
# the change's own transaction, so an access taken away a moment before still counts.
Sees = Callable[[Session, int], bool]


def _require_seen(session: Session, sees: Sees | None, committee_id: int, tenant: str) -> None:
    """A committee the asker does not read is, to them, one that is not there."""
    if sees is not None and not sees(session, committee_id):
        raise ValueError(f"no committee {committee_id} in tenant {tenant!r}")


async def _change_task(
    db: Database,
    tenant: str,
    task_id: int,
    by: str | None,
    change: _Change,
    kind: str,
    actor: ChangeActor | None,
    permitted: Permitted | None,
) -> TaskRecord | None:
    """Apply `change(session, task) -> bool` (False: it was already so) to the tenant's task;
    a change is recorded as `kind` for the actor. `permitted` says, in the same transaction,
    whether the asker may (storage/task_rights.py); refused, nothing is written."""

    def work(session: Session) -> TaskRecord | None:
        task = task_of(session, tenant, task_id)
        if task is None:
            return None
        if permitted is not None and (refusal := permitted(session, task)) is not None:
            return _task_record(task, unchanged=True, refused=refusal)
        before = task_fields(task)
        if not change(session, task):
            return _task_record(task, unchanged=True)
        task.updated_at = utcnow()
        task.status_changed_by = by
        if actor is not None:
            changes.mark_task_change(task, kind, actor, before["assignee_name"])
        session.flush()
        if kind in (changes.TASK_DONE, changes.TASK_REOPENED):
            # Done, it may settle earlier open tasks, and is not settled itself; reopened,
            # the other way round.
            refresh_tasks(session, [task.id])
        log_change(session, actor, tenant, kind, task.id, before, task_fields(task))
        return _task_record(task)

    return await db.write(work)


def _set_status(status: str) -> _Change:
    def change(_session: Session, task: Task) -> bool:
        if task.status == status:
            return False
        task.status = status
        return True

    return change


async def complete_task(
    db: Database,
    *,
    tenant: str,
    task_id: int,
    by: str | None,
    actor: ChangeActor | None = None,
    permitted: Permitted | None = None,
) -> TaskRecord | None:
    """Mark the task done. None when the tenant has no such task; done twice is no error
    (`unchanged`, and who closed it first stays recorded)."""
    done = _set_status("done")
    return await _change_task(db, tenant, task_id, by, done, changes.TASK_DONE, actor, permitted)


async def reopen_task(
    db: Database,
    *,
    tenant: str,
    task_id: int,
    by: str | None,
    actor: ChangeActor | None = None,
    permitted: Permitted | None = None,
) -> TaskRecord | None:
    """Open a done task again (a mistaken "ferdig"). As complete_task otherwise."""
    reopen = _set_status("open")
    return await _change_task(
        db, tenant, task_id, by, reopen, changes.TASK_REOPENED, actor, permitted
    )


async def postpone_task(
    db: Database,
    *,
    tenant: str,
    task_id: int,
    due_date: dt.date | None,
    due_text: str | None,
    by: str | None,
    due_is_approximate: bool = False,
    actor: ChangeActor | None = None,
    permitted: Permitted | None = None,
) -> TaskRecord | None:
    """A new deadline. The status stays: a done task postponed is still done.
    `status_changed_by` records who, as for every change made in chat. The same deadline
    again is `unchanged`."""

    def change(_session: Session, task: Task) -> bool:
        new = (due_date, due_text, due_is_approximate)
        if (task.due_date, task.due_text, bool(task.due_is_approximate)) == new:
            return False
        task.due_date, task.due_text = due_date, due_text
        task.due_is_approximate = due_is_approximate
        return True

    return await _change_task(
        db, tenant, task_id, by, change, changes.TASK_POSTPONED, actor, permitted
    )


async def reassign_task(
    db: Database,
    *,
    tenant: str,
    task_id: int,
    assignee: AssigneeOption,
    by: str | None,
    actor: ChangeActor | None = None,
    permitted: Permitted | None = None,
) -> TaskRecord | None:
    """Give the task to someone else (a person, group or organisation of the tenant); to
    whom it already has is `unchanged`."""

    def change(session: Session, task: Task) -> bool:
        before = task_fields(task)
        _assign(session, task, tenant, assignee)
        return task_fields(task) != before

    return await _change_task(
        db, tenant, task_id, by, change, changes.TASK_REASSIGNED, actor, permitted
    )


# ---- cases --------------------------------------------------------------------------------


async def propose_case(
    db: Database,
    *,
    tenant: str,
    committee_id: int | None,
    meeting_id: int | None,
    title: str,
    description: str | None = None,
    kind: str | None = None,
    proposed_by: str | None = None,
    created_by: str | None = None,
    actor: ChangeActor | None = None,
    sees: Sees | None = None,
) -> CaseRecord:
    """A case proposed for the meeting's agenda: status 'proposed', no number (the
    secretariat numbers cases), placed after the meeting's last case, and indexed in this
    transaction so agenda and decision search see it at once. Without a meeting it waits
    for one, on no agenda. The committee defaults to the meeting's; one the asker does not
    read (`sees`) is refused as one not there."""
    title = " ".join(title.split())
    if not title:
        raise ValueError("a case needs a title")
    if kind is not None and kind not in PROPOSAL_KINDS:
        raise ValueError(f"kind must be one of {PROPOSAL_KINDS}, not {kind!r}")

    def work(session: Session) -> CaseRecord:
        meeting: Meeting | None = None
        position = 0
        committee = committee_id
        if meeting_id is not None:
            meeting = _require(session, Meeting, meeting_id, tenant)
            # Before anything about the meeting is told: a hidden one is not there.
            _require_seen(session, sees, meeting.committee_id, tenant)
            if meeting.status == "cancelled":
                raise ValueError(f"meeting {meeting_id} is cancelled")
            if committee is not None and committee != meeting.committee_id:
                raise ValueError(f"meeting {meeting_id} is not committee {committee}'s")
            committee = meeting.committee_id
            last = session.scalar(
                select(func.max(Case.position)).where(Case.meeting_id == meeting_id)
            )
            position = 0 if last is None else last + 1
        elif committee is not None:
            _require_seen(session, sees, committee, tenant)
        if committee is None:
            raise ValueError("a case needs a committee or a meeting")
        case = Case(
            tenant=tenant,
            committee=_require(session, Committee, committee, tenant),
            meeting=meeting,
            position=position,
            number=None,
            title=title,
            kinds=[kind] if kind else [],
            body=(description or "").strip(),
            status="proposed",
            responsible=[],
            links=[],
            origin=CHAT,
            created_by=created_by,
            proposal_kind=kind,
            proposed_by=proposed_by,
        )
        session.add(case)
        session.flush()
        index_cases(session, [case])
        key_cases(session, [case.id])  # a later treatment of an earlier matter, found by them
        after = {"title": case.title, "status": case.status, "meeting_id": case.meeting_id}
        log_change(session, actor, tenant, changes.CASE_ADDED, case.id, None, after)
        return CaseRecord(
            id=case.id,
            title=case.title,
            kind=kind,
            committee=case.committee.label if case.committee else None,
            meeting_id=meeting.id if meeting else None,
            meeting_date=meeting.date if meeting else None,
            position=position,
            status=case.status,
        )

    return await db.write(work)


# ---- meetings -----------------------------------------------------------------------------


def _meeting_record(meeting: Meeting, *, existing: bool = False) -> MeetingRecord:
    return MeetingRecord(
        id=meeting.id,
        committee=meeting.committee.label if meeting.committee else None,
        date=meeting.date,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        status=meeting.status,
        existing=existing,
    )


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at < starts_at:
        raise ValueError("a meeting cannot end before it starts")


async def schedule_meeting(
    db: Database,
    *,
    tenant: str,
    committee_id: int,
    date: dt.date,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    location: str | None = None,
    created_by: str | None = None,
    actor: ChangeActor | None = None,
    sees: Sees | None = None,
) -> MeetingRecord:
    """A planned meeting. When the committee already has one (not cancelled) on that date
    at that start, or both without a start, that one is returned (`existing`) unchanged.
    A committee the asker does not read (`sees`) is refused as one not there."""
    _check_times(starts_at, ends_at)

    def work(session: Session) -> MeetingRecord:
        # A no-op write to the committee row first, so two of these for one committee run
        # one after the other and the second sees the first's meeting: a row lock on
        # PostgreSQL; on SQLite this starts the transaction with the database's write lock.
        locked = session.execute(
            update(Committee)
            .where(Committee.id == committee_id, Committee.tenant == tenant)
            .values(name=Committee.name)
            .execution_options(synchronize_session=False)
        )
        if locked.rowcount == 0:
            raise ValueError(f"no committee {committee_id} in tenant {tenant!r}")
        _require_seen(session, sees, committee_id, tenant)
        same_start = (
            Meeting.starts_at.is_(None) if starts_at is None else Meeting.starts_at == starts_at
        )
        found = session.scalar(
            select(Meeting)
            .where(Meeting.committee_id == committee_id, Meeting.date == date, same_start)
            .where(Meeting.status != "cancelled")
            .order_by(Meeting.id)
            .limit(1)
        )
        if found is not None:
            return _meeting_record(found, existing=True)
        meeting = Meeting(
            committee=session.get(Committee, committee_id),
            date=date,
            starts_at=starts_at,
            ends_at=ends_at,
            location=(location or "").strip() or None,
            status="planned",
            origin=CHAT,
            created_by=created_by,
        )
        session.add(meeting)
        session.flush()
        after = meeting_fields(meeting)
        log_change(session, actor, tenant, changes.MEETING_ADDED, meeting.id, None, after)
        return _meeting_record(meeting)

    return await db.write(work)


def _meeting_of(session: Session, tenant: str, meeting_id: int) -> Meeting | None:
    if _tenant_of(session, Meeting, meeting_id) != tenant:
        return None
    return session.get(Meeting, meeting_id)


async def move_meeting(
    db: Database,
    *,
    tenant: str,
    meeting_id: int,
    date: dt.date,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    location: str | None = None,
    actor: ChangeActor | None = None,
    sees: Sees | None = None,
) -> MeetingRecord | None:
    """Move a planned meeting: the date and times are replaced (None: no time known), the
    location only when one is given. None when the tenant has no such meeting, or it was
    held or cancelled (a held meeting is history; a cancelled one is not planned again),
    or its committee is one the asker does not read (`sees`)."""
    _check_times(starts_at, ends_at)

    def work(session: Session) -> MeetingRecord | None:
        meeting = _meeting_of(session, tenant, meeting_id)
        if meeting is None or meeting.status != "planned":
            return None
        if sees is not None and not sees(session, meeting.committee_id):
            return None
        before = meeting_fields(meeting)
        meeting.date, meeting.starts_at, meeting.ends_at = date, starts_at, ends_at
        if location and location.strip():
            meeting.location = location.strip()
        session.flush()
        after = meeting_fields(meeting)
        if after != before:
            refresh_meetings(session, [meeting.id])  # its tasks are of another date now
            log_change(session, actor, tenant, changes.MEETING_MOVED, meeting.id, before, after)
        return _meeting_record(meeting)

    return await db.write(work)


async def cancel_meeting(db: Database, *, tenant: str, meeting_id: int) -> MeetingRecord | None:
    """Cancel a planned meeting (again is no error). None when the tenant has no such
    meeting or it was held. Cases proposed for it stay with it."""

    def work(session: Session) -> MeetingRecord | None:
        meeting = _meeting_of(session, tenant, meeting_id)
        if meeting is None or meeting.status == "held":
            return None
        meeting.status = "cancelled"
        session.flush()
        return _meeting_record(meeting)

    return await db.write(work)
