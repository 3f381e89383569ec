"""The Bot Framework adapter: CloudAdapter with request handling a server can rely on.

The stock `CloudAdapter.process` answers 500 to an invoke whose handler returns a plain
body (messaging-extension queries) and lets malformed requests surface as 500s. Here a
malformed activity is a 400, an oversized body 413, a bad or missing token 401, a token that
cannot be checked because the signing keys cannot be fetched 503; an invoke's body is
returned as the JSON it is.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp import web
from botbuilder.core import Bot, TurnContext
from botbuilder.integration.aiohttp import (
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
)
from botbuilder.schema import Activity, ActivityTypes
from botframework.connector.auth import AuthenticationConstants, ClaimsIdentity, ConnectorFactory
from msrest.exceptions import DeserializationError, SerializationError

from assistant.clean_text import clean_json
from assistant.clock import Clock, SystemClock
from assistant.texts import text

from .activity_shape import shape_problem
from .config import BotIdentity, KeyFetch
from .connector_client import use_aiohttp
from .conversation_language import turn_memory
from .credentials import CredentialsFactory
from .languages import LanguageMemory, message_language, reply_language
from .model_json import activity_from_json
from .openid_keys import (
    SigningKeys,
    SigningKeysUnavailable,
    install_metadata_cache,
    retry_after_header,
)
from .transport import connector_failure

log = logging.getLogger(__name__)

MAX_ACTIVITY_BYTES = 1024 * 1024
# A Bot Connector call that takes longer has failed; the SDK's requests had no limit at all.
OUTBOUND_TIMEOUT_S = 30.0


class ReusedConnectors(ConnectorFactory):
    """The SDK builds a new ConnectorClient for every turn, and with it msrest's retry
    policy, whose constructor alone costs ~5 ms of CPU. One client per service URL and
    audience is what the SDK's older BotFrameworkAdapter did; each sends through the app's
    aiohttp session instead of `requests` in a thread (bot/transport.py)."""

    def __init__(self, inner: ConnectorFactory, owner: ReferentAuthentication, app_id: str):
        self._inner, self._owner, self._app_id = inner, owner, app_id

    async def create(self, service_url: str, audience: str | None = None) -> Any:
        key = (self._app_id, service_url, audience or "")
        cache = self._owner.connectors
        client = cache.get(key)
        if client is None:
            client = await self._inner.create(service_url, audience)
            client = cache[key] = use_aiohttp(client, self._owner.http_session())
        return client


class ReferentAuthentication(ConfigurationBotFrameworkAuthentication):
    """The SDK's authentication, with its per-turn clients (connector, user token) kept
    for reuse: they hold no per-turn state; and inbound tokens checked against signing
    keys fetched by bot/openid_keys.py instead of the SDK's blocking fetch."""

    def __init__(
        self,
        settings: Any,
        *,
        credentials_factory: CredentialsFactory,
        clock: Clock | None = None,
        key_fetch: KeyFetch | None = None,
    ) -> None:
        super().__init__(settings, credentials_factory=credentials_factory)
        self.connectors: dict[tuple[str, ...], Any] = {}
        self._token_clients: dict[str, Any] = {}
        self._http: aiohttp.ClientSession | None = None
        # The SDK's token extractors find their keys in a class-level cache, the only hook
        # that reaches all of them (channel, emulator, skill validation): ours goes in its
        # place, once per process, and hands each request this application's keys.
        self._metadata = install_metadata_cache()
        self.clock = clock or SystemClock()
        self.signing_keys = SigningKeys(self.clock, key_fetch or KeyFetch())

    def http_session(self) -> aiohttp.ClientSession:
        """One keep-alive session for all outbound Bot Connector calls (made in the loop)."""
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=OUTBOUND_TIMEOUT_S)
            )
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
        self.connectors.clear()
        await self.signing_keys.close()

    async def authenticate_request(self, activity: Activity, auth_header: str) -> Any:
        with self._metadata.serving(self.signing_keys):
            result = await super().authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            app_id = _app_id(result.claims_identity)
            result.connector_factory = ReusedConnectors(result.connector_factory, self, app_id)
        return result

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> Any:
        app_id = _app_id(claims_identity)
        if app_id not in self._token_clients:
            self._token_clients[app_id] = await super().create_user_token_client(claims_identity)
        return self._token_clients[app_id]


def _app_id(claims: ClaimsIdentity | None) -> str:
    if claims is None:
        return ""
    value = claims.get_claim_value(
        AuthenticationConstants.AUDIENCE_CLAIM
    ) or claims.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
    return str(value or "")


def authentication(identity: BotIdentity, clock: Clock | None = None) -> ReferentAuthentication:
    settings = SimpleNamespace(
        APP_ID=identity.app_id,
        APP_PASSWORD=identity.app_password,
        APP_TYPE=identity.app_type,
        APP_TENANTID=identity.app_tenant_id,
    )
    if identity.openid_metadata_url:
        # Setting any endpoint switches the SDK to its "parameterized" mode, which then needs
        # all of them: the public cloud's, but for the signing keys.
        settings.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL = identity.openid_metadata_url
        settings.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL = identity.openid_metadata_url
        settings.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER = (
            AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
        )
        settings.TO_CHANNEL_FROM_BOT_LOGIN_URL = (
            AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL
        )
        settings.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE = (
            AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
        )
        settings.OAUTH_URL = AuthenticationConstants.OAUTH_URL
    credentials = CredentialsFactory(
        identity.app_id, identity.app_password, identity.app_tenant_id, identity.login_authority
    )
    return ReferentAuthentication(
        settings, credentials_factory=credentials, clock=clock, key_fetch=identity.key_fetch
    )


def _problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _body(value: Any) -> Any:
    """An invoke body as JSON: msrest models serialise themselves, dicts are as they are."""
    if value is None:
        return None
    if hasattr(value, "serialize"):
        return value.serialize()
    if isinstance(value, list):
        return [_body(v) for v in value]
    return value


class ReferentAdapter(CloudAdapter):
    def __init__(self, auth: ReferentAuthentication, *, language: str) -> None:
        super().__init__(auth)
        self.auth = auth
        self.language = language
        self.on_turn_error = self._turn_failed

    async def _turn_failed(self, turn_context: TurnContext, error: Exception) -> None:
        await apologize(turn_context, error, default=self.language, now=self.auth.clock.now())

    async def process(self, request: web.Request, bot: Bot, ws_response: Any = None) -> Any:
        if request.method != "POST":
            return _problem(405, "POST an activity")
        try:
            raw = await request.read()  # the app's client_max_size is MAX_ACTIVITY_BYTES
        except web.HTTPRequestEntityTooLarge:
            return _problem(413, "activity too large")
        try:
            # Cleaned here, where it enters: NUL and lone surrogates cannot be stored.
            body = clean_json(json.loads(raw))
        except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nesting
            return _problem(400, "the body is not JSON")
        if not isinstance(body, dict) or not isinstance(body.get("type"), str):
            return _problem(400, "the body is not an activity (no type)")
        if problem := shape_problem(body):
            return _problem(400, f"the body is not an activity ({problem})")
        try:
            activity = activity_from_json(body)
        except DeserializationError as error:
            log.info("not an activity: %s", error)  # msrest's words stay in the log
            return _problem(400, "the body is not an activity")
        if not activity.service_url or not activity.conversation:
            return _problem(400, "the activity has no serviceUrl or conversation")
        try:
            # The SDK reports a bad token as PermissionError, jwt errors, IndexError (unknown
            # key id) or bare Exception; whatever it is, before the turn it means 401.
            authenticated = await self.bot_framework_authentication.authenticate_request(
                activity, request.headers.get("Authorization")
            )
        except SigningKeysUnavailable as error:
            # 503, not 401: the token may well be good, we cannot tell yet. The Bot Connector
            # retries a 5xx (and gives up on a 401), so a message sent while the keys host
            # is down arrives once it is back instead of being lost. A forger gains nothing:
            # tokens not from a Bot Framework issuer are refused before any key is needed,
            # and the failure is remembered, so retries cost no fetch. Logged once per failed
            # fetch (bot/openid_keys.py), not here for each request.
            return web.json_response(
                {"error": "token signing keys unavailable, try again later"},
                status=503,
                headers={"Retry-After": retry_after_header(error)},
            )
        except Exception as error:
            log.info("rejected an activity: %s: %s", type(error).__name__, error)
            return _problem(401, "unauthorized")
        invoke_response = await self.process_activity(authenticated, activity, bot.on_turn)
        if invoke_response:
            status = invoke_response.status or 200
            if status == 501:  # the SDK's answer to an invoke name no handler takes
                return _problem(400, "this invoke is not handled")
            try:
                body = _body(invoke_response.body)
            except SerializationError as error:
                if not 400 <= status < 500:
                    raise
                # The SDK's own refusal of a malformed invoke (adaptiveCard/action without
                # an action) carries an Exception as its value, which does not serialise.
                log.info("refused an invoke: %s", error)
                return _problem(status, "the invoke could not be handled")
            return web.json_response(body, status=status)
        # Received and done with, whether the turn went well or failed (apologised for, or
        # logged): 201, as the SDK's own adapter answers. A 5xx would say the activity was
        # not taken, so the Connector could send it again and the message be handled twice.
        return web.Response(status=201)


async def apologize(
    turn_context: TurnContext, error: Exception, *, default: str, now: datetime
) -> None:
    """A turn that failed (database gone, a bug, the Connector) gets an apology, not
    silence, tried once. Nothing escapes: the SDK's run_pipeline would let it through
    to aiohttp, a 500 with a second traceback. The Connector failing is one log line
    (its traceback says nothing we don't know); anything else, the traceback. The
    Slack transport's turns use it too (bot/slack/turns.py)."""
    cause = connector_failure(error)
    if cause:
        log.warning("turn failed: %s", cause)
    else:
        log.exception("turn failed", exc_info=error)
    activity = turn_context.activity
    if activity.type != ActivityTypes.message:
        return
    try:
        language = _apology_language(turn_context, default, now)
        await turn_context.send_activity(text(language, "error"))
    except Exception as apology_error:
        why = connector_failure(apology_error)
        why = why or f"{type(apology_error).__name__}: {apology_error}"
        log.warning("the apology for a failed turn was not sent either: %s", why)


def _apology_language(turn_context: TurnContext, default: str, now: datetime) -> str:
    """The turn's reply language by the one rule (bot/languages.py), from what the turn
    got to know before it failed: the conversation's language if it was read, and the
    message's own (worked out here again: the turn may have failed before it did)."""
    activity = turn_context.activity
    try:
        evident = message_language(activity.text or "", now.date())
    except Exception:  # the message may be what broke the turn
        evident = None
    memory = turn_memory(turn_context) or LanguageMemory()
    return reply_language(memory, evident=evident, locale=activity.locale, default=default)
