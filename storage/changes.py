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
    """Who changes the record from chat, where and when (the bot's clock, aware)."""

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
    }


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
