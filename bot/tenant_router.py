"""Teams (and the dev chat) to the tenant a turn belongs to: its organisation's stack.

One deployment may serve several organisations — a health community's hospital trust and
its municipalities, each with its own Microsoft 365 tenant. REFERENT_TEAMS_TENANTS maps
each Microsoft (Entra) tenant id to Referent's tenant ("<tenant id>=helse-fjordby, …";
several may share one). With a map, an organisation not in it is told Referent is not set
up for it, and nothing of any tenant is read. Without one, every turn is the deployment's
tenant (REFERENT_TENANT), as a single-organisation deployment (or the dev chat) wants."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from botbuilder.core import Bot, MessageFactory, TurnContext
from botbuilder.schema import Activity, ActivityTypes

from assistant.texts import text

from .languages import locale_language
from .stacks import TenantStacks

log = logging.getLogger(__name__)


class TenantRouter(Bot):
    def __init__(self, stacks: TenantStacks, default: str, teams: Mapping[str, str]) -> None:
        self.stacks, self.default, self.teams = stacks, default, teams

    def tenant_of(self, activity: Activity) -> str | None:
        """The turn's tenant; None for an organisation the map leaves out."""
        if not self.teams:
            return self.default
        return self.teams.get(microsoft_tenant(activity) or "")

    async def on_turn(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        tenant = self.tenant_of(activity)
        if tenant is not None:
            await self.stacks(tenant).bot.on_turn(turn_context)
            return
        log.info(
            "a turn from tenant %r, which REFERENT_TEAMS_TENANTS leaves out",
            microsoft_tenant(activity),
        )
        if activity.type == ActivityTypes.message:
            language = locale_language(activity.locale) or self.stacks.language
            await turn_context.send_activity(MessageFactory.text(text(language, "tenant.unknown")))


def microsoft_tenant(activity: Activity) -> str | None:
    """The Microsoft 365 tenant id a Teams activity comes from."""
    if activity.conversation and activity.conversation.tenant_id:
        return str(activity.conversation.tenant_id)
    data: Any = activity.channel_data
    tenant = (data.get("tenant") if isinstance(data, dict) else None) or {}
    return str(tenant.get("id")) if isinstance(tenant, dict) and tenant.get("id") else None
