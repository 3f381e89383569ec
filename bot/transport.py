"""Outbound HTTP for the SDK's connector clients, on the app's own event loop.

msrest sends every Bot Connector call (replies, member lookups) through `requests` in a
worker thread, one blocking call per reply with a thread hop each way; its own aiohttp
sender passes neither headers nor body. This sender speaks for msrest's pipeline with one
shared aiohttp session (keep-alive) and puts the bot's token on each request, fetched off
the loop and reused until shortly before it expires.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
from msrest.pipeline import AsyncHTTPSender, AsyncPipeline, Request, Response
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http.aiohttp import AioHttpClientResponse

# Fetch a new token when the one held has less than this left (MSAL itself renews at 5 min).
TOKEN_MARGIN_S = 300.0
# A token whose lifetime we cannot see (a custom credentials class) is asked for again after.
UNKNOWN_LIFETIME_S = 600.0


class BearerTokens:
    """The bot's outbound token for one credentials object, kept between calls."""

    def __init__(self, credentials: Any) -> None:
        self._credentials = credentials
        self._token: str | None = None
        self._renew_at = 0.0
        self._lock = asyncio.Lock()

    @property
    def needed(self) -> bool:
        # The SDK's own rule: no app id means local, unauthenticated mode — no header.
        should = getattr(self._credentials, "_should_set_token", None)
        return bool(should(None)) if should else False

    async def header(self) -> str:
        if self._token is None or time.monotonic() >= self._renew_at:
            async with self._lock:
                if self._token is None or time.monotonic() >= self._renew_at:
                    # MSAL is synchronous and may go to the network: not on the loop.
                    self._token = await asyncio.to_thread(self._credentials.get_access_token)
                    lifetime = getattr(self._credentials, "last_token_lifetime", None)
                    usable = (lifetime - TOKEN_MARGIN_S) if lifetime else UNKNOWN_LIFETIME_S
                    self._renew_at = time.monotonic() + max(usable, 30.0)
        return f"Bearer {self._token}"


class AiohttpSender(AsyncHTTPSender):
    def __init__(self, session: aiohttp.ClientSession, tokens: BearerTokens) -> None:
        self._session = session
        self._tokens = tokens

    async def __aenter__(self) -> AiohttpSender:
        return self

    async def __aexit__(self, *exc_details: Any) -> None:
        return None  # the session belongs to the app, which closes it at shutdown

    def build_context(self) -> Any:
        return None

    async def send(self, request: Request, **config: Any) -> Response:
        http = request.http_request
        headers = dict(http.headers)
        if self._tokens.needed:
            headers["Authorization"] = await self._tokens.header()
        async with self._session.request(
            http.method, http.url, data=http.data, headers=headers
        ) as raw:
            response = AioHttpClientResponse(http, raw)
            await response.load_body()
        return Response(request, response)


def use_aiohttp(client: Any, session: aiohttp.ClientSession) -> Any:
    """Point an SDK connector client's msrest pipeline at `session`; returns the client."""
    config = client.config
    sender = AiohttpSender(session, BearerTokens(config.credentials))
    config.pipeline = AsyncPipeline(
        [config.user_agent_policy, RawDeserializer(), config.http_logger_policy], sender
    )
    return client
