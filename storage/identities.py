"""Chat identities: which person in the minutes a chat user is, once the bot knows."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .database import Database
from .models import ChatIdentity, Person, utcnow
from .names import name_key

_table = ChatIdentity.__table__


async def linked_person(
    session: AsyncSession, *, tenant: str, channel: str, user_key: str
) -> Person | None:
    """The person a chat user was linked to, if any."""
    return await session.scalar(
        select(Person)
        .join(ChatIdentity, ChatIdentity.person_id == Person.id)
        .where(
            ChatIdentity.tenant == tenant,
            ChatIdentity.channel == channel,
            ChatIdentity.user_key == user_key,
        )
    )


async def link_person(
    db: Database,
    *,
    tenant: str,
    channel: str,
    user_key: str,
    person_id: int,
    display_name: str | None = None,
    email: str | None = None,
) -> None:
    """Remember that the chat user is `person_id`. An upsert: storing the same link again,
    or two turns of a new user storing it at once, succeeds (the last write wins)."""
    values = {
        "person_id": person_id,
        "display_name": display_name,
        "email": email,
        "linked_at": utcnow(),
    }
    insert = pg_insert if db.dialect == "postgresql" else sqlite_insert
    statement = insert(_table).values(tenant=tenant, channel=channel, user_key=user_key, **values)
    statement = statement.on_conflict_do_update(
        index_elements=[_table.c.tenant, _table.c.channel, _table.c.user_key], set_=values
    )

    def work(session: Session) -> None:
        session.execute(statement)

    await db.write(work)


async def people_by_email(
    session: AsyncSession, *, tenant: str, emails: Iterable[str]
) -> list[Person]:
    """People whose `emails` hold one of `emails` (case does not count)."""
    wanted = {e.strip().casefold() for e in emails if e and "@" in e}
    if not wanted:
        return []
    # A text prefilter on the JSON list works alike on SQLite and PostgreSQL (json, not
    # jsonb); the exact comparison follows in Python. The needle is JSON-escaped as the
    # list was when written.
    listed = func.lower(cast(Person.emails, String))
    needles = [listed.contains(json.dumps(e)[1:-1].lower(), autoescape=True) for e in wanted]
    candidates = await session.scalars(
        select(Person).where(Person.tenant == tenant, or_(*needles)).order_by(Person.id)
    )
    return [p for p in candidates if wanted & {e.strip().casefold() for e in p.emails or []}]


async def people_by_full_name(
    session: AsyncSession, *, tenant: str, names: Iterable[str]
) -> list[Person]:
    """People whose whole name is one of `names` (spelling-tolerant, see name_key). No
    partial matches: a shared first name is not the same person."""
    keys = {name_key(n) for n in names if n} - {""}
    if not keys:
        return []
    return list(
        await session.scalars(
            select(Person)
            .where(Person.tenant == tenant, Person.name_key.in_(keys))
            .order_by(Person.id)
        )
    )
