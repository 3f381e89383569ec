"""Where a reminder goes in Slack: a stored Slack conversation as a target, or a DM opened
for a person linked to a Slack user (conversations.open) and stored like any conversation,
so the next reminder finds it (storage/deliveries._personal_chats)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storage.chat_conversations import ConversationInfo, remember_conversation
from storage.database import Database
from storage.models import ChatConversation
from storage.slack_reach import slack_users, team_of

from .identity import CHANNEL
from .outbox import SlackOutbox, SlackTarget


@dataclass(frozen=True, slots=True)
class SlackDm:
    """A DM to open before sending: the person has none with the bot yet."""

    tenant: str
    team_id: str
    user_id: str

    @property
    def user_key(self) -> str:  # as chat_identity's (bot/slack/identity.user_key)
        return f"{self.team_id}:{self.user_id}"


def slack_target(conversation: ChatConversation) -> SlackTarget:
    team = conversation.team_id or str((conversation.reference or {}).get("team") or "")
    return SlackTarget(team, conversation.conversation_id)


def slack_dm_for(session: Session, tenant: str, person_id: int) -> SlackDm | None:
    """The DM to open for the person, when they are reachable in Slack."""
    key = slack_users(session, tenant, [person_id]).get(person_id)
    team = team_of(key) if key else None
    if key is None or team is None:
        return None
    return SlackDm(tenant, team, key.partition(":")[2])


async def open_dm(
    outbox: SlackOutbox, db: Database, dm: SlackDm, now: datetime
) -> tuple[SlackTarget, int]:
    """Open (or find) the DM with the user and store it; its target and stored id."""
    channel = await outbox.open_dm(dm.team_id, dm.user_id)
    info = ConversationInfo(
        tenant=dm.tenant,
        channel=CHANNEL,
        conversation_id=channel,
        kind="personal",
        service_url="",
        reference={"channelId": CHANNEL, "team": dm.team_id, "channel": channel},
        user_key=dm.user_key,
        team_id=dm.team_id,
    )
    stored = await db.write(lambda s: remember_conversation(s, info, now))
    return SlackTarget(dm.team_id, channel), stored
