"""Writing to a conversation unprompted (reminders), through the SDK's Connector client.

Every call goes through the same connector clients as replies (bot/adapter.py: one per
service URL, sending on the app's aiohttp session, with the bot's token). What the
Connector answers is turned into a `SendError` the scheduler can act on: its status (None
for a network failure) and the Retry-After it asked for.
"""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
from botbuilder.core import TurnContext
from botbuilder.schema import (
    Activity,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from botframework.connector.auth import AuthenticationConstants, ClaimsIdentity
from msrest.exceptions import ClientRequestError, HttpOperationError

from .adapter import ReferentAuthentication, ReusedConnectors

# Statuses worth trying again later: throttled (429), a conflict (412, Teams uses it for
# a busy conversation) and the Connector or channel being unwell.
RETRYABLE = frozenset({412, 429, 500, 502, 503, 504})
# The bot can no longer write there: removed from the channel, or the chat is gone.
GONE = frozenset({403, 404})


class SendError(Exception):
    def __init__(self, status: int | None, message: str, retry_after: float | None = None):
        super().__init__(f"{status or 'network'}: {message}")
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.status is None or self.status in RETRYABLE

    @property
    def gone(self) -> bool:
        return self.status in GONE

    @property
    def answered(self) -> str:
        """Who answered what: for the log, and the reason a stopped subscription gives."""
        return f"the Connector answered {self.status}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where a message goes: a stored conversation reference and the Teams tenant."""

    reference: dict[str, Any]
    teams_tenant_id: str | None = None


class Outbox:
    def __init__(self, auth: ReferentAuthentication, app_id: str) -> None:
        self._auth = auth
        self._app_id = app_id
        claims = ClaimsIdentity(
            {
                AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                AuthenticationConstants.APP_ID_CLAIM: app_id,
            },
            True,
        )
        self._connectors = ReusedConnectors(auth.create_connector_factory(claims), auth, app_id)

    async def _client(self, service_url: str) -> Any:
        return await self._connectors.create(service_url, self._auth.get_originating_audience())

    def _addressed(self, target: Target, activity: Activity) -> Activity:
        reference = ConversationReference().deserialize(target.reference)
        TurnContext.apply_conversation_reference(activity, reference)
        if target.teams_tenant_id:
            activity.conversation.tenant_id = target.teams_tenant_id
            channel_data = dict(activity.channel_data or {})
            channel_data.setdefault("tenant", {"id": target.teams_tenant_id})
            activity.channel_data = channel_data
        return activity

    async def send(self, target: Target, activity: Activity) -> str | None:
        """Post `activity` as a new message in the conversation; its id, if the channel
        gives one."""
        activity = self._addressed(target, activity)
        client = await self._client(activity.service_url)
        response = await _call(
            client.conversations.send_to_conversation(activity.conversation.id, activity)
        )
        return getattr(response, "id", None)

    async def update(self, target: Target, activity_id: str, activity: Activity) -> None:
        """Replace a message sent earlier (a reminder card once its task is done)."""
        activity = self._addressed(target, activity)
        activity.id = activity_id
        client = await self._client(activity.service_url)
        await _call(
            client.conversations.update_activity(activity.conversation.id, activity_id, activity)
        )

    async def open_personal_chat(
        self, service_url: str, teams_tenant_id: str, user_key: str, bot: dict[str, Any]
    ) -> str:
        """A personal chat between the bot and a Teams user (their AAD object id): Teams
        gives the existing one if there is one. Fails with 403 when the app is not
        installed for the user."""
        parameters = ConversationParameters(
            is_group=False,
            bot=ChannelAccount().deserialize(bot),
            members=[ChannelAccount(id=user_key)],
            tenant_id=teams_tenant_id,
            channel_data={"tenant": {"id": teams_tenant_id}},
        )
        client = await self._client(service_url)
        response = await _call(client.conversations.create_conversation(parameters))
        if not getattr(response, "id", None):
            raise SendError(None, "the Connector created no conversation")
        return str(response.id)


async def _call(operation: Any) -> Any:
    try:
        return await operation
    except HttpOperationError as error:
        response = error.response  # msrest's response, or aiohttp's (which says `status`)
        status = getattr(response, "status_code", None) or getattr(response, "status", None)
        headers = getattr(response, "headers", None) or {}
        raise SendError(status, str(error), retry_after(headers.get("Retry-After"))) from error
    except (ClientRequestError, aiohttp.ClientError, TimeoutError, OSError) as error:
        raise SendError(None, f"{type(error).__name__}: {error}") from error


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
