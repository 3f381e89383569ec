"""Which people the bot can write to in Slack by direct message: what the reminder planner
(storage/deliveries.py) and the scheduler agree on.

A person is reachable when linked to a Slack user (chat_identity, channel "slack", key
"T…:U…") in a workspace where the bot still has a conversation it was not removed from.
The planner cannot ask for the workspace's token, so a live conversation there stands for
"installed": an uninstalled workspace's conversations are marked removed as their sends
fail (no token, invalid_auth, token_revoked). Not for someone whose DM with the bot was
marked removed (a deactivated account): Slack would refuse again."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import ChatConversation, ChatIdentity

SLACK = "slack"


def team_of(user_key: str) -> str | None:
    """The workspace of a Slack identity key "T…:U…" (None for a key without one)."""
    team, colon, _ = user_key.partition(":")
    return team if colon else None


def slack_users(session: Session, tenant: str, people: Iterable[int]) -> dict[int, str]:
    """person id → the key ("T…:U…") of the Slack user to write to, the latest linked
    first, for those of `people` reachable in Slack."""
    people = set(people)
    if not people:
        return {}
    links = session.execute(
        select(ChatIdentity.person_id, ChatIdentity.user_key)
        .where(ChatIdentity.tenant == tenant, ChatIdentity.channel == SLACK)
        .where(ChatIdentity.person_id.in_(people))
        .order_by(ChatIdentity.linked_at.desc(), ChatIdentity.id.desc())
    ).all()
    if not links:
        return {}
    live_teams = set(
        session.scalars(
            select(ChatConversation.team_id)
            .where(ChatConversation.tenant == tenant, ChatConversation.channel == SLACK)
            .where(ChatConversation.removed_at.is_(None))
            .distinct()
        )
    )
    refused = set(
        session.scalars(
            select(ChatConversation.user_key)
            .where(ChatConversation.tenant == tenant, ChatConversation.channel == SLACK)
            .where(ChatConversation.kind == "personal")
            .where(ChatConversation.removed_at.is_not(None))
        )
    )
    found: dict[int, str] = {}
    for person_id, key in links:
        if team_of(key) in live_teams and key not in refused:
            found.setdefault(person_id, key)
    return found
