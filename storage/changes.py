"""The record of changes made in chat, written in the change's own transaction, so that
«angre» (storage/undo.py) can put back what a chat user did. Only changes made by someone
in a conversation are recorded (`ChangeActor`); imports and scripts pass none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .models import ChatChange, Meeting, Task

TASK_ADDED = "task_added"
TASK_DONE = "task_done"
TASK_REOPENED = "task_reopened"
TASK_POSTPONED = "task_postponed"
TASK_REASSIGNED = "task_reassigned"
CASE_ADDED = "case_added"
MEETING_ADDED = "meeting_added"
MEETING_MOVED = "meeting_moved"


@dataclass(frozen=True, slots=True)
class ChangeActor:
    """Who changes the record from chat, where and when (the bot's clock, aware, in the
    deployment's time zone: its date is the day a changed task shows)."""

    conversation_id: str
    user_key: str
    name: str | None
    at: dt.datetime


def log_change(
    session: Session,
    actor: ChangeActor | None,
    tenant: str,
    kind: str,
    target_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Record one change (nothing without an actor); the caller's transaction commits it."""
    if actor is None:
        return
    session.add(
        ChatChange(
            tenant=tenant,
            conversation_id=actor.conversation_id[:1024],
            user_key=actor.user_key[:300],
            user_name=actor.name[:300] if actor.name else None,
            kind=kind,
            target_id=target_id,
            before=before,
            after=after,
            made_at=actor.at,
        )
    )


def task_fields(task: Task) -> dict[str, Any]:
    """What a change to a task can alter, as plain JSON."""
    return {
        "description": task.description,
        "status": task.status,
        "status_changed_by": task.status_changed_by,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "due_text": task.due_text,
        "due_is_approximate": bool(task.due_is_approximate),
        "assignee_kind": task.assignee_kind,
        "assignee_name": task.assignee_name,
        "person_id": task.person_id,
        "group_id": task.group_id,
        "organisation_id": task.organisation_id,
        "last_change": task.last_change,
        "last_change_by": task.last_change_by,
        "last_change_on": task.last_change_on.isoformat() if task.last_change_on else None,
        "last_change_from": task.last_change_from,
    }


def mark_task_change(task: Task, kind: str, actor: ChangeActor, previous_owner: str | None) -> None:
    """Keep the change on the task, for every list to show who changed it and when
    (`previous_owner`: who had a reassigned task before)."""
    task.last_change = kind
    task.last_change_by = actor.name[:300] if actor.name else None
    task.last_change_on = actor.at.date()
    task.last_change_from = previous_owner if kind == TASK_REASSIGNED else None


def meeting_fields(meeting: Meeting) -> dict[str, Any]:
    """What a change to a meeting can alter, as plain JSON."""
    return {
        "date": meeting.date.isoformat(),
        "starts_at": _utc(meeting.starts_at),
        "ends_at": _utc(meeting.ends_at),
        "location": meeting.location,
        "status": meeting.status,
    }


def _utc(moment: dt.datetime | None) -> str | None:
    """In UTC, so that a time set in the committee's zone compares equal to it read back."""
    return moment.astimezone(dt.UTC).isoformat() if moment else None
