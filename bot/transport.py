"""Outbound HTTP for the SDK's connector clients, on the app's own event loop.

msrest sends every Bot Connector call (replies, member lookups) through `requests` in a
worker thread, one blocking call per reply with a thread hop each way; its own aiohttp
sender passes neither headers nor body. This sender speaks for msrest's pipeline, and for
the activities bot/activity_calls.py sends without it (`exchange`), with one shared aiohttp
session (keep-alive), and puts the bot's token on each request, fetched off the loop and
reused until shortly before it expires.

It also makes what the Connector answers something the SDK's generated operations take.
They accept different successes per call (204 never for a send) and deserialize the same
model for each, msrest's response class takes an empty body for one not read yet, and its
deserializer fails on a body that is not JSON: a Connector answering a send with 202 or
204 and no body (Microsoft's Teams emulator does) failed the turn after the message had
arrived. Here every 2xx is a success whose body, if any, is read when it is JSON; a
Connector that cannot be reached is msrest's ClientRequestError, as with its own senders.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
from msrest import Serializer
from msrest.exceptions import ClientRequestError, DeserializationError, HttpOperationError
from msrest.pipeline import AsyncHTTPSender, Request, Response
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http import ClientRequest
from msrest.universal_http.aiohttp import AioHttpClientResponse

from .model_json import UNSURE, model_json, plain_json

log = logging.getLogger(__name__)

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


class ConnectorResponse(AioHttpClientResponse):
    """A Connector's answer, read whole, as the SDK's operations take it: any 2xx is 200
    (every operation accepts 200, and treats its other successes alike), an empty body is
    no body rather than msrest's "Body is not available"."""

    def __init__(self, request: ClientRequest, raw: aiohttp.ClientResponse, body: bytes):
        super().__init__(request, raw)
        self._body = body
        self.answered = raw.status  # what the Connector said, for logs
        if 200 <= raw.status < 300:
            self.status_code = 200

    def body(self) -> bytes:
        return self._body


class ConnectorBodies(RawDeserializer):
    """msrest's deserializer, but a body that is not JSON (nor anything it reads) is no
    body (`answer_data`)."""

    def on_response(self, request: Request, response: Response, **kwargs: Any) -> None:
        if kwargs.get("stream", True):
            return  # as msrest: a streamed answer is read by its caller
        response.context[self.CONTEXT_NAME] = answer_data(response.http_response)


def answer_data(response: Any) -> Any:
    """What msrest's RawDeserializer reads from a Connector's answer (JSON, as its content
    type says), but None for a body that is not JSON (nor anything it reads): a success
    needs none, and an error is told by its status (a proxy's HTML 503)."""
    try:
        return RawDeserializer.deserialize_from_http_generics(response.text(), response.headers)
    except (DeserializationError, UnicodeDecodeError) as error:
        log.debug("the Connector answered %s with a body that is not JSON: %s",
                  getattr(response, "answered", response.status_code), error)  # fmt: skip
        return None


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
        return Response(request, await self.exchange(request.http_request))

    async def exchange(self, http: ClientRequest) -> ConnectorResponse:
        """One call to the Connector, with the bot's token: its answer, read whole."""
        headers = dict(http.headers)
        if self._tokens.needed:
            headers["Authorization"] = await self._tokens.header()
        try:
            async with self._session.request(
                http.method, http.url, data=http.data, headers=headers
            ) as raw:
                return ConnectorResponse(http, raw, await raw.read())
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            timed_out = isinstance(error, TimeoutError)
            detail = str(error) or ("no answer in time" if timed_out else "no detail")
            raise ClientRequestError(
                f"{http.method} {http.url}: {type(error).__name__}: {detail}"
            ) from error


class CardSerializer(Serializer):
    """msrest's serializer, taking a value that is plain JSON already as it is. An Adaptive
    Card is a dict of a few hundred strings, numbers and lists, which msrest walks value by
    value (a type lookup and `eval` each): about half the CPU of sending an answer. Any
    other value (a model, a date, an enum) goes through msrest as before."""

    def serialize_object(self, attr: Any, **kwargs: Any) -> Any:
        if plain_json(attr):
            return attr
        return super().serialize_object(attr, **kwargs)

    def body(self, data: Any, data_type: str, **kwargs: Any) -> Any:
        """A reply (or any request body) written directly when it is a model of plain
        values (bot/model_json.py), else by msrest."""
        written = UNSURE if kwargs else model_json(data, data_type, self.dependencies)
        return written if written is not UNSURE else super().body(data, data_type, **kwargs)


def connector_failure(error: BaseException) -> str | None:
    """What went wrong, in one line, when `error` (or what caused it) is the Bot Connector
    answering with an error or not being reachable; None for any other error."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, HttpOperationError):
            response = seen.response  # aiohttp's (which says `status`) or msrest's
            status = getattr(response, "status", None) or getattr(response, "status_code", "?")
            return f"the Bot Connector answered {status}: {seen}"
        if isinstance(seen, ClientRequestError):
            return f"the Bot Connector could not be reached: {seen}"
        seen = seen.__cause__
    return None
