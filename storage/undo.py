"""«angre» / "undo": put back the newest change a chat user made in a conversation
(storage/changes.py), in one transaction with marking it undone.

Only a change that still stands is put back: a task or meeting someone has changed since
(its fields differ from what the change made them) is left alone (`changed`), and a case or
meeting that tasks, cases or reminders hang on is not deleted (`in_use`). Either way the
change stays on record, not undone: the user is told why, and nothing older is undone in
its place. A row that no longer exists (`gone`) has nothing left to undo: the change is
stamped undone. The message that undid a change is kept with it, so the same message
handled again (a turn done again) answers as before and undoes nothing more.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from assistant.settled_tasks import refresh_meetings, refresh_tasks

from . import changes
from .changes import meeting_fields, task_fields
from .database import Database
from .models import (
    Case,
    ChatChange,
    Committee,
    Delivery,
    Group,
    Meeting,
    Organisation,
    Person,
    Task,
    utcnow,
)
from .posting_store import postings_removed

WINDOW = dt.timedelta(hours=24)  # older changes are history, not a slip to undo

# Who changed a task last and when: set by every change, put back with it, and no sign
# that someone changed the task since.
_WHO_KEYS = (
    "status_changed_by", "last_change", "last_change_by", "last_change_on", "last_change_from",
)  # fmt: skip
# The task fields each kind of change sets (and undoing it puts back).
_TASK_KEYS: dict[str, tuple[str, ...]] = {
    changes.TASK_DONE: ("status", *_WHO_KEYS),
    changes.TASK_REOPENED: ("status", *_WHO_KEYS),
    changes.TASK_POSTPONED: ("due_date", "due_text", "due_is_approximate", *_WHO_KEYS),
    changes.TASK_REASSIGNED: (
        "assignee_kind", "assignee_name", "person_id", "group_id", "organisation_id",
        *_WHO_KEYS,
    ),
}  # fmt: skip
_OWNERS = {"person_id": Person, "group_id": Group, "organisation_id": Organisation}


@dataclass(frozen=True, slots=True)
class Undone:
    """What «angre» found: the change (`kind`, its row and fields before and after) and
    what became of it: undone | changed | in_use | gone."""

    kind: str
    outcome: str
    target_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    description: str | None = None  # a task's
    title: str | None = None  # a case's
    committee: str | None = None  # a case's or meeting's (label)


async def undo_last(
    db: Database,
    *,
    tenant: str,
    conversation_id: str,
    user_key: str,
    now: dt.datetime,
    message_key: str | None,
    window: dt.timedelta = WINDOW,
) -> Undone | None:
    """Undo the user's newest change in the conversation made within `window` of `now`;
    None when there is none."""

    def work(session: Session) -> Undone | None:
        if message_key is not None:
            again = session.scalar(
                select(ChatChange).where(
                    ChatChange.tenant == tenant, ChatChange.undone_key == message_key
                )
            )
            if again is not None:
                return _undone(session, again, "undone", tenant)
        change = session.scalar(
            select(ChatChange)
            .where(
                ChatChange.tenant == tenant,
                ChatChange.conversation_id == conversation_id,
                ChatChange.user_key == user_key,
                ChatChange.undone_at.is_(None),
                ChatChange.made_at >= now - window,
                ChatChange.made_at <= now,
            )
            .order_by(ChatChange.made_at.desc(), ChatChange.id.desc())
            .limit(1)
            .with_for_update()
        )
        if change is None:
            return None
        found = _undone(session, change, "undone", tenant)  # described before it goes
        outcome = _revert(session, change, tenant)
        if outcome in ("undone", "gone"):
            change.undone_at = now
            change.undone_key = message_key
        return dataclasses.replace(found, outcome=outcome)

    return await db.write(work)


def _undone(session: Session, change: ChatChange, outcome: str, tenant: str) -> Undone:
    """The change as replies show it: the task's description, the case's title and
    committee, the meeting's committee (as they are now, or as the change left them)."""
    description = title = committee = None
    if change.kind.startswith("task_"):
        task = _row(session, Task, change.target_id, tenant)
        recorded = change.after or change.before or {}
        description = task.description if task is not None else recorded.get("description")
    elif change.kind == changes.CASE_ADDED:
        case = _row(session, Case, change.target_id, tenant)
        title = case.title if case else (change.after or {}).get("title")
        committee = case.committee.label if case and case.committee else None
    else:
        meeting = _row(session, Meeting, change.target_id, tenant)
        committee = meeting.committee.label if meeting and meeting.committee else None
    return Undone(
        change.kind, outcome, change.target_id, change.before, change.after,
        description, title, committee,
    )  # fmt: skip


def _row(session: Session, model: Any, row_id: int, tenant: str) -> Any:
    row = session.get(model, row_id)
    if row is None:
        return None
    if model is Meeting:
        owner = session.scalar(select(Committee.tenant).where(Committee.id == row.committee_id))
        return row if owner == tenant else None
    return row if row.tenant == tenant else None


def _revert(session: Session, change: ChatChange, tenant: str) -> str:
    kind = change.kind
    if kind == changes.TASK_ADDED:
        return _delete_task(session, change, tenant)
    if kind in _TASK_KEYS:
        return _restore_task(session, change, tenant, _TASK_KEYS[kind])
    if kind == changes.CASE_ADDED:
        return _delete_case(session, change, tenant)
    if kind == changes.MEETING_ADDED:
        return _delete_meeting(session, change, tenant)
    if kind == changes.MEETING_MOVED:
        return _restore_meeting(session, change, tenant)
    raise ValueError(f"unknown change kind {kind!r}")


def _delete_task(session: Session, change: ChatChange, tenant: str) -> str:
    task = _row(session, Task, change.target_id, tenant)
    if task is None:
        return "gone"
    if task_fields(task) != change.after:
        return "changed"
    session.delete(task)
    return "undone"


def _restore_task(session: Session, change: ChatChange, tenant: str, keys: tuple[str, ...]) -> str:
    task = _row(session, Task, change.target_id, tenant)
    if task is None:
        return "gone"
    now, after, before = task_fields(task), change.after or {}, change.before or {}
    if any(now[k] != after.get(k) for k in keys if k not in _WHO_KEYS):
        return "changed"
    if any(now[k] != after.get(k) for k in _WHO_KEYS if k != "status_changed_by"):
        keys = tuple(k for k in keys if k not in _WHO_KEYS)  # a later change is the last one
    for key in keys:
        value = before.get(key)
        if key in ("due_date", "last_change_on"):
            value = dt.date.fromisoformat(value) if value else None
        elif key in _OWNERS and value is not None and session.get(_OWNERS[key], value) is None:
            value = None  # the old owner is gone from the store: the name as written stays
        setattr(task, key, value)
    task.updated_at = utcnow()
    if "status" in keys:  # done again, or open again: what it settles, and whether it is
        session.flush()
        refresh_tasks(session, [task.id])
    return "undone"


def _delete_case(session: Session, change: ChatChange, tenant: str) -> str:
    case = _row(session, Case, change.target_id, tenant)
    if case is None:
        return "gone"
    if case.status != (change.after or {}).get("status"):
        return "changed"
    if session.scalar(select(exists().where(Task.case_id == case.id))):
        return "in_use"
    session.delete(case)
    session.flush()  # its postings' row goes with it, queued for the purge
    postings_removed(session)
    return "undone"


def _delete_meeting(session: Session, change: ChatChange, tenant: str) -> str:
    meeting = _row(session, Meeting, change.target_id, tenant)
    if meeting is None:
        return "gone"
    if meeting_fields(meeting) != change.after:
        return "changed"
    for model in (Case, Task, Delivery):
        if session.scalar(select(exists().where(model.meeting_id == meeting.id))):
            return "in_use"
    session.delete(meeting)
    return "undone"


def _restore_meeting(session: Session, change: ChatChange, tenant: str) -> str:
    meeting = _row(session, Meeting, change.target_id, tenant)
    if meeting is None:
        return "gone"
    if meeting_fields(meeting) != change.after:
        return "changed"
    before = change.before or {}
    meeting.date = dt.date.fromisoformat(before["date"])
    meeting.starts_at = _moment(before.get("starts_at"))
    meeting.ends_at = _moment(before.get("ends_at"))
    meeting.location = before.get("location")
    session.flush()
    refresh_meetings(session, [meeting.id])
    return "undone"


def _moment(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
