"""Conversations the bot can write to later, and the committees' reminder subscriptions
in them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Insert, Select, bindparam, case, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .models import ChatConversation, Committee, Subscription

_table = ChatConversation.__table__


@dataclass(frozen=True, slots=True)
class ConversationInfo:
    """A conversation as the channel showed it in a turn (built in bot/, stored here)."""

    tenant: str
    channel: str
    conversation_id: str
    kind: str  # personal | channel | groupChat
    service_url: str
    reference: dict[str, Any] = field(default_factory=dict)
    user_key: str | None = None
    teams_tenant_id: str | None = None
    name: str | None = None
    language: str | None = None
    # Where `language` comes from: LOCALE (a guess), WRITTEN or CHOSEN (see LANGUAGE_RANK).
    language_source: str | None = None
    team_id: str | None = None  # a Teams channel's team


LOCALE, WRITTEN, CHOSEN = "locale", "written", "chosen"
# A stored language gives way only to one from as good a source: a chat client's locale
# never overwrites the language the conversation was seen writing in, and neither of them
# overwrites a chosen one.
LANGUAGE_RANK = {LOCALE: 0, WRITTEN: 1, CHOSEN: 2}


@dataclass(frozen=True, slots=True)
class StoredLanguage:
    language: str
    source: str  # LOCALE | WRITTEN | CHOSEN


def remember_conversation(session: Session, info: ConversationInfo, now: datetime) -> int:
    """Store (or refresh) the conversation; a conversation the bot was removed from and
    is back in counts as present again. Its language changes only for one from as good a
    source (LANGUAGE_RANK). Returns its id."""
    language = bool(info.language and info.language_source in LANGUAGE_RANK)
    statement = _upsert(
        session.get_bind().dialect.name, bool(info.name), bool(info.team_id), language
    )
    row = {
        "tenant": info.tenant,
        "channel": info.channel,
        "conversation_id": info.conversation_id,
        "name": info.name,
        "team_id": info.team_id,
        "language": info.language,
        "language_source": info.language_source if info.language else None,
        "kind": info.kind,
        "user_key": info.user_key,
        "teams_tenant_id": info.teams_tenant_id,
        "service_url": info.service_url,
        "reference": info.reference,
        "removed_at": None,
        "updated_at": now,
    }
    params = {f"new_{column}": value for column, value in row.items()}
    params["new_rank"] = LANGUAGE_RANK.get(info.language_source or "", -1)
    return int(session.execute(statement, params).scalar_one())


# Refreshed from the turn whenever the conversation is stored again.
_REFRESHED = ("kind", "user_key", "teams_tenant_id", "service_url", "reference", "removed_at")


@functools.cache
def _upsert(dialect: str, name: bool, team: bool, language: bool) -> Insert:
    """The upsert for one shape of turn, built once: building it anew (its values, the
    conflict clause and the language's CASE) cost ~0.8 ms of CPU, a conversation's every
    change of language (a statement of it, with its bound values, is ~20 µs in SQLite)."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    columns = (
        "tenant", "channel", "conversation_id", "name", "team_id", "language",
        "language_source", *_REFRESHED, "updated_at",
    )  # fmt: skip
    statement = insert(_table).values(
        {c: bindparam(f"new_{c}", type_=_table.c[c].type) for c in columns}
    )
    proposed = statement.excluded
    values: dict[str, Any] = {c: proposed[c] for c in (*_REFRESHED, "updated_at")}
    if name:
        values["name"] = proposed.name  # a later turn without the name keeps the one known
    if team:
        values["team_id"] = proposed.team_id
    if language:
        stored_rank = case(
            {source: r for source, r in LANGUAGE_RANK.items()},
            value=_table.c.language_source,
            else_=-1,
        )
        keeps = _table.c.language.is_not(None) & (stored_rank > bindparam("new_rank"))
        values["language"] = case((keeps, _table.c.language), else_=proposed.language)
        values["language_source"] = case(
            (keeps, _table.c.language_source), else_=proposed.language_source
        )
    return statement.on_conflict_do_update(
        index_elements=[_table.c.tenant, _table.c.channel, _table.c.conversation_id], set_=values
    ).returning(_table.c.id)


def stored_language(
    session: Session, tenant: str, channel: str, conversation_id: str
) -> StoredLanguage | None:
    """The conversation's language as stored, and where it came from; None if unknown."""
    key = {"tenant": tenant, "channel": channel, "conversation": conversation_id}
    row = session.execute(_language_query(), key).first()
    if row is None or not row.language:
        return None
    return StoredLanguage(row.language, row.language_source or LOCALE)


@functools.cache
def _language_query() -> Select[tuple[str | None, str | None]]:
    """Read at every turn: built once (building an ORM select cost ~150 µs of CPU a turn,
    three times what running it costs)."""
    return select(_table.c.language, _table.c.language_source).where(
        _table.c.tenant == bindparam("tenant"),
        _table.c.channel == bindparam("channel"),
        _table.c.conversation_id == bindparam("conversation"),
    )


def conversation_removed(session: Session, info: ConversationInfo, now: datetime) -> int:
    """The bot was removed from the conversation (it said so in a turn): see
    `stop_conversation`. Returns how many subscriptions stopped."""
    found = session.scalar(
        select(ChatConversation.id).where(
            ChatConversation.tenant == info.tenant,
            ChatConversation.channel == info.channel,
            ChatConversation.conversation_id == info.conversation_id,
        )
    )
    if found is None:
        return 0
    return stop_conversation(session, found, now, "the bot was removed")


def team_removed(session: Session, tenant: str, channel: str, team_id: str, now: datetime) -> int:
    """The bot was removed from a Teams team (the event names the team, not a channel):
    every channel of the team stops, and the team's own conversation (its General
    channel, whose id is the team's). Returns how many subscriptions stopped."""
    found = session.scalars(
        select(ChatConversation.id).where(
            ChatConversation.tenant == tenant,
            ChatConversation.channel == channel,
            or_(ChatConversation.team_id == team_id, ChatConversation.conversation_id == team_id),
        )
    ).all()
    return sum(stop_conversation(session, c, now, "the bot was removed") for c in found)


def stop_conversation(session: Session, conversation_ref_id: int, now: datetime, why: str) -> int:
    """The bot can no longer write in the conversation (removed, or the Connector answers
    403/404): it is marked removed and its subscriptions stop, saying `why`. Returns how
    many stopped."""
    session.execute(
        update(ChatConversation)
        .where(ChatConversation.id == conversation_ref_id)
        .values(removed_at=now)
        .execution_options(synchronize_session=False)
    )
    result = session.execute(
        update(Subscription)
        .where(Subscription.conversation_ref_id == conversation_ref_id)
        .where(Subscription.active.is_(True))
        .values(active=False, disabled_reason=why, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def teams_contact(session: Session, tenant: str) -> ChatConversation | None:
    """The Teams conversation seen last in the tenant: its service URL, Teams tenant and
    bot account are what opening a personal chat with someone there needs."""
    return session.scalar(
        select(ChatConversation)
        .where(ChatConversation.tenant == tenant, ChatConversation.channel == "msteams")
        .where(ChatConversation.teams_tenant_id.is_not(None))
        .order_by(ChatConversation.updated_at.desc())
        .limit(1)
    )


def subscriptions_of(
    session: Session, conversation_ref_id: int, *, active: bool = True
) -> list[Subscription]:
    query = select(Subscription).where(Subscription.conversation_ref_id == conversation_ref_id)
    if active:
        query = query.where(Subscription.active.is_(True))
    return list(session.scalars(query.order_by(Subscription.id)).unique())


def subscribe(
    session: Session,
    conversation_ref_id: int,
    committee: Committee,
    *,
    by: str | None,
    now: datetime,
    offsets_days: tuple[int, ...] | None = None,
    at_minute: int | None = None,
) -> tuple[Subscription, bool]:
    """Start (or restart) the committee's reminders in the conversation; a new one takes
    the timing the conversation's other subscriptions have. (subscription, was it new)."""
    found = session.scalar(
        select(Subscription).where(
            Subscription.conversation_ref_id == conversation_ref_id,
            Subscription.committee_id == committee.id,
        )
    )
    if found is not None:
        was_active = found.active
        found.active, found.disabled_reason, found.updated_at = True, None, now
        return found, not was_active
    sibling = next(iter(subscriptions_of(session, conversation_ref_id)), None)
    offsets = offsets_days or (tuple(sibling.offsets_days) if sibling else (7, 1))
    at = at_minute if at_minute is not None else (sibling.at_minute if sibling else 9 * 60)
    subscription = Subscription(
        tenant=committee.tenant,
        conversation_ref_id=conversation_ref_id,
        committee_id=committee.id,
        offsets_days=list(offsets),
        lead_days=max(offsets),
        at_minute=at,
        active=True,
        created_by=by,
        created_at=now,
        updated_at=now,
    )
    session.add(subscription)
    session.flush()
    return subscription, True


def unsubscribe(
    session: Session, conversation_ref_id: int, committee_id: int | None, now: datetime
) -> list[Subscription]:
    """Stop the conversation's reminders (of one committee, or all). Returns those stopped."""
    stopped = [
        s
        for s in subscriptions_of(session, conversation_ref_id)
        if committee_id is None or s.committee_id == committee_id
    ]
    for subscription in stopped:
        subscription.active = False
        subscription.disabled_reason = "stopped in chat"
        subscription.updated_at = now
    return stopped


def set_timing(
    session: Session,
    conversation_ref_id: int,
    offsets_days: tuple[int, ...],
    at_minute: int | None,
    now: datetime,
) -> list[Subscription]:
    """New offsets (and hour, if given) for all the conversation's subscriptions."""
    changed = subscriptions_of(session, conversation_ref_id)
    for subscription in changed:
        subscription.offsets_days = list(offsets_days)
        subscription.lead_days = max(offsets_days)
        if at_minute is not None:
            subscription.at_minute = at_minute
        subscription.updated_at = now
    return changed
