"""What the chat dialogs wrote, read back from the database the bot runs on."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update

from storage.database import Database
from storage.models import Case, ChatChange, ChatIdentity, Meeting, Person, Task

from .conftest import Running


async def chat_tasks(database_url: str) -> list[dict[str, Any]]:
    """Every task added in chat, oldest first, as its fields."""
    db = Database(database_url)
    try:

        def read(session: Any) -> list[dict[str, Any]]:
            rows = session.scalars(select(Task).where(Task.origin == "chat").order_by(Task.id))
            return [
                {
                    "id": t.id,
                    "description": t.description,
                    "assignee": t.assignee_name,
                    "kind": t.assignee_kind,
                    "person_id": t.person_id,
                    "due": t.due_date,
                    "status": t.status,
                    "case": t.case.number if t.case else None,
                    "case_id": t.case_id,
                }
                for t in rows
            ]

        return await db.read(read)
    finally:
        await db.close()


async def task_fields(database_url: str, task_id: int) -> dict[str, Any] | None:
    """One task's status, due date and owner (None when it is gone)."""
    db = Database(database_url)
    try:

        def read(session: Any) -> dict[str, Any] | None:
            task = session.get(Task, task_id)
            if task is None:
                return None
            return {
                "status": task.status,
                "due": task.due_date,
                "assignee": task.assignee_name,
                "person_id": task.person_id,
            }

        return await db.read(read)
    finally:
        await db.close()


async def chat_cases(database_url: str) -> list[str]:
    db = Database(database_url)
    try:
        return await db.read(
            lambda s: list(s.scalars(select(Case.title).where(Case.origin == "chat")))
        )
    finally:
        await db.close()


async def chat_meetings(database_url: str) -> list[tuple[date, str | None]]:
    """(day, start "HH:MM" UTC) of every meeting added in chat."""
    db = Database(database_url)
    try:

        def read(session: Any) -> list[tuple[date, str | None]]:
            rows = session.scalars(select(Meeting).where(Meeting.origin == "chat"))
            return [(m.date, m.starts_at.strftime("%H:%M") if m.starts_at else None) for m in rows]

        return await db.read(read)
    finally:
        await db.close()


async def changes_recorded(database_url: str) -> list[tuple[str, str | None, bool]]:
    """(kind, user name, undone) of every change recorded, oldest first."""
    db = Database(database_url)
    try:
        return await db.read(
            lambda s: [
                (c.kind, c.user_name, c.undone_at is not None)
                for c in s.scalars(select(ChatChange).order_by(ChatChange.id))
            ]
        )
    finally:
        await db.close()


def last_reply(bot: Running) -> dict[str, Any]:
    return bot.connector.messages()[-1]


async def identity_links(database_url: str) -> list[tuple[ChatIdentity, str]]:
    """Every chat user linked to a person in the minutes, with the person's name."""
    db = Database(database_url)
    try:
        async with db.session() as session:
            rows = await session.execute(
                select(ChatIdentity, Person.name).join(Person, Person.id == ChatIdentity.person_id)
            )
            return [(link, name) for link, name in rows]
    finally:
        await db.close()


async def set_emails(database_url: str, emails: dict[str, list[str]]) -> None:
    """Give people of the minutes (by name) these email addresses."""
    db = Database(database_url)
    try:
        async with db.session() as session, session.begin():
            for name, addresses in emails.items():
                await session.execute(
                    update(Person).where(Person.name == name).values(emails=addresses)
                )
    finally:
        await db.close()
