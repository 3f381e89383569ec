"""Adding to the record from chat, for every channel: what the dialogs call, with no
botbuilder in it. Reads and writes go through the store's own helpers."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from storage.database import Database
from storage.records import (
    TaskRecord,
    add_task,
    complete_task,
    postpone_task,
    reassign_task,
    reopen_task,
)

from .assignees import AssigneeOption, resolve_assignee
from .clock import Clock
from .commands import TaskAction
from .texts import format_date, text
from .when import When

# A description starts with its owner's name: up to three capitalised words ("Christine",
# "Britt Kveseth", "AU"), tried longest first.
_LEADING_NAME = re.compile(r"^\s*((?:[A-ZÆØÅ][\w'’.-]*\s+){1,3})")


@dataclass
class Capture:
    db: Database
    clock: Clock
    timezone: ZoneInfo
    tenant: str

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().astimezone(self.timezone).date()

    async def assignees(self, name: str) -> list[AssigneeOption]:
        return await self.db.read(lambda session: resolve_assignee(session, self.tenant, name))

    async def leading_assignee(self, description: str) -> tuple[list[AssigneeOption], str]:
        """Who the description names first, and the description without the name.
        ([], description) when it does not start with someone the store knows."""
        m = _LEADING_NAME.match(description + " ")
        if not m:
            return [], description
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            found = await self.assignees(" ".join(words[:n]))
            if found:
                rest = description.strip().split(None, n)
                return found, rest[n] if len(rest) > n else ""
        return [], description

    async def add_task(
        self,
        *,
        description: str,
        assignee: dict[str, Any] | None,
        due: dict[str, Any] | None,
        case_id: int | None,
        created_by: str | None,
        chat_key: str | None = None,
    ) -> TaskRecord:
        option = option_from(assignee)
        return await add_task(
            self.db,
            tenant=self.tenant,
            description=description,
            assignee=option,
            assignee_text=(assignee or {}).get("name") if option is None else None,
            due_date=date.fromisoformat(due["day"]) if due else None,
            due_text=due["text"] if due and due.get("approximate") else None,
            due_is_approximate=bool(due and due.get("approximate")),
            committee_id=None,
            case_id=case_id,
            meeting_id=None,
            created_by=created_by,
            chat_key=chat_key,
        )

    async def act_on_task(self, action: TaskAction, *, by: str | None, language: str) -> str:
        """Done / reopen / postpone / reassign one task; the reply to give."""
        kwargs: dict[str, Any] = {"tenant": self.tenant, "task_id": action.task_id, "by": by}
        if action.action == "done":
            record, key = await complete_task(self.db, **kwargs), "task.done"
        elif action.action == "reopen":
            record, key = await reopen_task(self.db, **kwargs), "task.reopened"
        elif action.action == "postpone" and action.due and action.due.day:
            due = action.due
            record = await postpone_task(
                self.db,
                **kwargs,
                due_date=due.day,
                due_text=due.text if due.approximate else None,
                due_is_approximate=due.approximate,
            )
            key = "task.postponed"
        else:
            raise ValueError(f"not a direct task action: {action}")
        if record is None:
            return text(language, "task.not_found", id=action.task_id)
        return self.describe(record, key, language)

    async def reassign(self, task_id: int, assignee: dict[str, Any], *, by: str | None) -> Any:
        option = option_from(assignee)
        assert option is not None
        return await reassign_task(
            self.db, tenant=self.tenant, task_id=task_id, assignee=option, by=by
        )

    def describe(self, record: TaskRecord, key: str, language: str) -> str:
        due = (
            text(
                language,
                "task.saved.due",
                due=record.due_text or format_date(record.due_date, language),
            )
            if record.due_date
            else text(language, "task.saved.no_due")
        )
        return text(
            language,
            key,
            id=record.id,
            description=record.description.rstrip(" ."),
            assignee=record.assignee or text(language, "task.unassigned"),
            due=due,
        )


def when_dict(when: When) -> dict[str, Any]:
    """A date as dialog state keeps it (plain JSON)."""
    assert when.day is not None
    return {"day": when.day.isoformat(), "text": when.text, "approximate": when.approximate}


def option_dict(option: AssigneeOption) -> dict[str, Any]:
    """An assignee as dialog state keeps it (plain JSON)."""
    return dataclasses.asdict(option)


def option_from(value: dict[str, Any] | None) -> AssigneeOption | None:
    """Back from dialog state; a name typed as written (nobody in the store) gives None."""
    if not value or value.get("kind") is None:
        return None
    return AssigneeOption(**value)


def option_label(value: dict[str, Any]) -> str:
    option = option_from(value)
    return option.label if option else str(value.get("name"))
