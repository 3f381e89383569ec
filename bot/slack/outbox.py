"""Writing to Slack unprompted (reminders): chat.postMessage and conversations.open through
slack_sdk's AsyncWebClient, with the workspace's bot token.

What Slack answers is turned into a `SendError` (bot/outbox.py) the scheduler acts on as it
does for Teams: a 429 is tried again after its Retry-After; an answer saying the bot can no
longer write there (not in the channel, archived, uninstalled: no token) is `gone`, and the
conversation's subscriptions stop, as after a Teams 403/404; Slack being unwell or the
network failing is tried again; any other refusal fails the reminder.

The client retries nothing itself (no retry handlers): the ledger's retries are the only
ones, so a throttled send waits as long as Slack asked, once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from ..outbox import SendError, retry_after
from .blocks import SlackMessage
from .workspaces import SlackWorkspaces

# The bot cannot write there any more (api.slack.com/methods/chat.postMessage, "Errors").
GONE = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "token_revoked",
        "invalid_auth",
        "no_token",  # the workspace uninstalled the app: we hold no token for it
    }
)
# Slack's own trouble, worth another try later (as HTTP 5xx and 429 are).
RETRYABLE = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)
TIMEOUT_S = 10  # a reminder is not urgent; a hung call must not hold a send slot long

Tokens = Callable[[str], Awaitable[str | None]]  # team id → bot token (None: uninstalled)


@dataclass(frozen=True, slots=True)
class SlackTarget:
    """Where a Slack message goes: the workspace (for its token) and the channel id."""

    team_id: str
    channel: str


class SlackSendError(SendError):
    """Slack refused: its HTTP status (200 with ok: false for most) and error code."""

    def __init__(self, status: int | None, code: str, retry_after: float | None = None):
        super().__init__(status, code, retry_after)
        self.code = code

    @property
    def gone(self) -> bool:
        return self.code in GONE

    @property
    def retryable(self) -> bool:
        if self.gone:
            return False
        status = self.status or 0
        return status == 429 or status >= 500 or self.code in RETRYABLE

    @property
    def answered(self) -> str:
        return f"Slack answered {self.code}"


class SlackOutbox:
    def __init__(self, api_url: str, tokens: Tokens, *, timeout: int = TIMEOUT_S) -> None:
        self._api_url = api_url
        self._tokens = tokens
        self._timeout = timeout
        self._clients: dict[str, AsyncWebClient] = {}

    async def _client(self, team_id: str) -> AsyncWebClient:
        token = await self._tokens(team_id)
        if not token:
            raise SlackSendError(None, "no_token")
        client = self._clients.get(token)
        if client is None:
            if len(self._clients) > 1000:  # tokens rotated or revoked: start afresh
                self._clients.clear()
            client = AsyncWebClient(
                token=token, base_url=self._api_url, timeout=self._timeout, retry_handlers=[]
            )
            self._clients[token] = client
        return client

    async def send(self, target: SlackTarget, message: SlackMessage) -> str | None:
        """Post `message` in the channel; the message's ts (its id in the channel)."""
        client = await self._client(target.team_id)
        response = await _call(
            client.chat_postMessage(
                channel=target.channel,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        )
        ts = response.get("ts")
        return str(ts) if ts else None

    async def open_dm(self, team_id: str, user_id: str) -> str:
        """The DM channel (D…) between the bot and a user of the workspace: Slack gives the
        existing one if there is one."""
        client = await self._client(team_id)
        response = await _call(client.conversations_open(users=user_id))
        channel = (response.get("channel") or {}).get("id")
        if not channel:
            raise SlackSendError(None, "no_channel_opened")
        return str(channel)


async def _call(operation: Awaitable[Any]) -> Any:
    try:
        return await operation
    except SlackApiError as error:
        response = error.response
        status = getattr(response, "status_code", None)
        data = getattr(response, "data", None)
        code = data.get("error") if isinstance(data, dict) else None
        headers = getattr(response, "headers", None) or {}
        wait = retry_after(headers.get("Retry-After") or headers.get("retry-after"))
        raise SlackSendError(status, code or f"http_{status}", wait) from error
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise SendError(None, f"{type(error).__name__}: {error}") from error


def slack_outbox(workspaces: SlackWorkspaces | None) -> SlackOutbox | None:
    """The scheduler's Slack outbox when Slack is configured: each workspace's token as
    bot/slack/workspaces.py knows it (the one SLACK_BOT_TOKEN, or an OAuth install's)."""
    if workspaces is None:
        return None
    return SlackOutbox(workspaces.settings.api_url, workspaces.bot_token)
