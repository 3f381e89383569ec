"""Short-lived signed links to a committee's export (GET /exports/{token}), for «eksporter SSU».

Why a link: Teams and Slack both show a link in a message, and both open it in the user's
browser; a file attachment works differently in each (Teams bots need a consent card and
OneDrive for files in personal chats, Slack an upload with other scopes), and a JSON export
is too large for a message. The link carries its own authority, so the download needs no
sign-in:

- the token says which tenant and committee, and until when (EXPIRY, 15 minutes), and is
  signed with HMAC-SHA256: changed by one character it is refused (403), and so is an
  expired one (403);
- the export is read when the link is opened, in the token's tenant only: a committee that
  is not that tenant's (or no longer there) is a 404;
- the key is derived from the bot's secret (MicrosoftAppPassword, else the Slack signing
  secret), so every instance of a deployment accepts the others' links; without either
  (local mode) it is random per process, and links end with the process;
- the reply with the link goes only to a personal chat (bot/admin_chat.py): whoever has
  the link can download the export until it expires, so it is not posted in channels.

The link's address: REFERENT_PUBLIC_URL when set (behind a proxy that terminates TLS, say);
else the scheme and host the chat message came in on, which is the address the Bot
Connector and Slack use for this bot.
"""

from __future__ import annotations

import base64
import contextvars
import hashlib
import hmac
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta, tzinfo

from aiohttp import web

from assistant.clock import Clock
from storage.committee_export import ExportError, export_committee_id
from storage.database import Database

log = logging.getLogger(__name__)

EXPIRY = timedelta(minutes=15)
EXPORTS_PATH = "/exports/{token}"
_VERSION = "v1"
_CONTEXT = b"referent committee export link v1"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$")

# The origin ("https://bot.example.org") of the request the current turn came in on.
_origin: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "referent_request_origin", default=None
)


class LinkRefused(Exception):
    """A token that is not one of ours (403), or has expired (403)."""


def link_key(secrets_known: tuple[str, ...]) -> bytes:
    """The signing key: derived from the first secret configured (the same on every
    instance), else random for this process."""
    for secret in secrets_known:
        if secret:
            return hmac.new(secret.encode(), _CONTEXT, hashlib.sha256).digest()
    return secrets.token_bytes(32)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class ExportGrant:
    tenant: str
    committee_id: int
    expires: int  # Unix time


class ExportLinks:
    def __init__(
        self, key: bytes, clock: Clock, db: Database, tz: tzinfo, *, public_url: str = ""
    ) -> None:
        self._key = key
        self.clock, self.db, self.tz = clock, db, tz
        self.public_url = public_url.rstrip("/")

    def _signature(self, payload: str) -> str:
        mac = hmac.new(self._key, f"{_VERSION}.{payload}".encode(), hashlib.sha256)
        return _b64(mac.digest())

    def token(self, tenant: str, committee_id: int) -> str:
        expires = int((self.clock.now() + EXPIRY).timestamp())
        body = json.dumps({"t": tenant, "c": committee_id, "e": expires}, separators=(",", ":"))
        payload = _b64(body.encode())
        return f"{payload}.{self._signature(payload)}"

    def grant(self, token: str) -> ExportGrant:
        """What a token allows; LinkRefused when it is not ours, or has expired."""
        if not _TOKEN.match(token):
            raise LinkRefused("malformed")
        payload, signature = token.split(".")
        if not hmac.compare_digest(signature, self._signature(payload)):
            raise LinkRefused("bad signature")
        try:
            body = json.loads(_unb64(payload))
            grant = ExportGrant(str(body["t"]), int(body["c"]), int(body["e"]))
        except (ValueError, KeyError, TypeError) as error:  # signed by us: never, but still
            raise LinkRefused("unreadable") from error
        if self.clock.now().timestamp() >= grant.expires:
            raise LinkRefused("expired")
        return grant

    def url(self, token: str) -> str | None:
        """The link for `token`: on REFERENT_PUBLIC_URL, else on the origin the current
        request came in on; None when neither is known."""
        base = self.public_url or _origin.get()
        return f"{base}/exports/{token}" if base else None

    async def serve(self, request: web.Request) -> web.Response:
        """GET /exports/{token}: the committee's export as a JSON download."""
        try:
            grant = self.grant(request.match_info["token"])
        except LinkRefused as refused:
            log.info("export link refused: %s", refused)
            return web.json_response({"error": "link not valid"}, status=403, headers=_PRIVATE)
        now = self.clock.now()
        tenant, committee_id = grant.tenant, grant.committee_id
        try:
            exported = await self.db.read(
                lambda s: export_committee_id(s, tenant, committee_id, now.astimezone(self.tz))
            )
        except ExportError:
            return web.json_response({"error": "not found"}, status=404, headers=_PRIVATE)
        label = exported["committee"]["short_name"] or exported["committee"]["name"]
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{label}-export-{now:%Y-%m-%d}").strip("-")
        headers = {**_PRIVATE, "Content-Disposition": f'attachment; filename="{name}.json"'}
        body = json.dumps(exported, ensure_ascii=False, indent=2)
        return web.json_response(text=body, headers=headers)


# Nothing keeps a copy: not the browser's cache, not a proxy's.
_PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def _remember_origin(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The request's scheme and host, for the links a turn it carries may hand out."""
    token = _origin.set(f"{request.scheme}://{request.host}")
    try:
        return await handler(request)
    finally:
        _origin.reset(token)


def add_export_links(app: web.Application, links: ExportLinks) -> None:
    """GET /exports/{token}, and the middleware that lets a turn know its origin."""
    app.middlewares.append(_remember_origin)
    app.router.add_get(EXPORTS_PATH, links.serve)
