"""A personal chat opened in Teams for a task reminder (the person has none with the bot
yet): found from the person's Teams identity and the tenant's latest Teams conversation
(its service URL, Teams tenant and bot account), created through the Connector and stored
like any conversation, so the next reminder finds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.chat_conversations import ConversationInfo, remember_conversation, teams_contact
from storage.database import Database
from storage.models import ChatIdentity

from .outbox import Outbox, Target


@dataclass(frozen=True, slots=True)
class TeamsChat:
    """A personal chat to open before sending."""

    service_url: str
    teams_tenant_id: str
    user_key: str  # the person's AAD object id
    bot: dict[str, Any]
    tenant: str  # ours (the delivery's), not Teams'


def teams_chat_for(session: Session, tenant: str, person_id: int) -> TeamsChat | None:
    """The chat to open for the person, when they are linked to a Teams user in a tenant
    where the bot has a Teams conversation to learn the service URL from."""
    user_key = session.scalar(
        select(ChatIdentity.user_key)
        .where(ChatIdentity.tenant == tenant, ChatIdentity.person_id == person_id)
        .where(ChatIdentity.channel == "msteams")
        .order_by(ChatIdentity.linked_at.desc())
        .limit(1)
    )
    known = teams_contact(session, tenant)
    if user_key is None or known is None or not known.teams_tenant_id:
        return None
    bot = dict(known.reference.get("bot") or {})
    return TeamsChat(known.service_url, known.teams_tenant_id, user_key, bot, tenant)


async def open_teams_chat(
    outbox: Outbox, db: Database, opening: TeamsChat, now: datetime
) -> tuple[Target, int]:
    """Create (or find) the chat and store it; its target and stored id."""
    conversation_id = await outbox.open_personal_chat(
        opening.service_url, opening.teams_tenant_id, opening.user_key, opening.bot
    )
    reference = {
        "bot": opening.bot,
        "user": {"id": opening.user_key, "aadObjectId": opening.user_key},
        "conversation": {"id": conversation_id, "conversationType": "personal",
                         "tenantId": opening.teams_tenant_id},
        "channelId": "msteams",
        "serviceUrl": opening.service_url,
    }  # fmt: skip
    info = ConversationInfo(
        tenant=opening.tenant,
        channel="msteams",
        conversation_id=conversation_id,
        kind="personal",
        service_url=opening.service_url,
        reference=reference,
        user_key=opening.user_key,
        teams_tenant_id=opening.teams_tenant_id,
    )
    stored = await db.write(lambda s: remember_conversation(s, info, now))
    return Target(reference, opening.teams_tenant_id), stored
