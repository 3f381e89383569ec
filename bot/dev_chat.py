"""The local dev chat: talk to the bot from a browser, without Azure.

Only when no app id is configured. The page's messages go to the bot as real Bot Framework
activities over HTTP (POST /api/messages, channel "webchat"), and the bot's replies come
back through the real connector client to a small Connector endpoint here, which keeps them
per conversation for the page to fetch. So the dev chat exercises the same path as Teams.

Both go to the server's own address (the socket the page's request came in on), never to
the Host header's: a forged Host would make the server post wherever it names. What is kept
is bounded: per conversation the last MAX_KEPT replies within MAX_KEPT_BYTES, and of all
conversations the most recently used within MAX_TOTAL_BYTES and MAX_CONVERSATIONS.
"""

from __future__ import annotations

import json
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import aiohttp
from aiohttp import web

from assistant.clean_text import clean_json

MAX_KEPT = 200  # replies kept per conversation
MAX_KEPT_BYTES = 2 * 1024 * 1024  # of replies kept per conversation (JSON)
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # of all conversations' replies
MAX_CONVERSATIONS = 1000  # the least recently used forgotten first


@dataclass
class _Kept:
    """One conversation's recent replies; `dropped` counts those forgotten, so a page's
    `after` (how many it has seen) still points at the right one."""

    replies: deque[tuple[dict[str, Any], int]] = field(default_factory=deque)
    size: int = 0
    dropped: int = 0

    def add(self, activity: dict[str, Any]) -> int:
        """Keeps `activity`; how many bytes more are kept now (may be fewer)."""
        before = self.size
        size = len(json.dumps(activity, ensure_ascii=False).encode("utf-8", "replace"))
        self.replies.append((activity, size))
        self.size += size
        while len(self.replies) > MAX_KEPT or (self.size > MAX_KEPT_BYTES and self.replies):
            _, forgotten = self.replies.popleft()
            self.size -= forgotten
            self.dropped += 1
        return self.size - before

    def after(self, seen: int) -> list[dict[str, Any]]:
        return [a for a, _ in list(self.replies)[max(0, seen - self.dropped) :]]

    @property
    def total(self) -> int:
        return self.dropped + len(self.replies)


@dataclass
class _Conversations:
    kept: OrderedDict[str, _Kept] = field(default_factory=OrderedDict)
    size: int = 0  # bytes of replies kept, all conversations

    def keep(self, conversation: str, activity: dict[str, Any]) -> None:
        kept = self.kept.pop(conversation, None) or _Kept()
        self.kept[conversation] = kept  # now the most recently used
        self.size += kept.add(activity)
        while len(self.kept) > 1 and (
            len(self.kept) > MAX_CONVERSATIONS or self.size > MAX_TOTAL_BYTES
        ):
            _, forgotten = self.kept.popitem(last=False)
            self.size -= forgotten.size


CONVERSATIONS = web.AppKey("dev_chat_conversations", _Conversations)
HTTP = web.AppKey("dev_chat_http", aiohttp.ClientSession)


def add_dev_chat(app: web.Application) -> None:
    app[CONVERSATIONS] = _Conversations()

    async def http_client(app: web.Application):  # type: ignore[no-untyped-def]
        async with aiohttp.ClientSession() as session:
            app[HTTP] = session
            yield

    app.cleanup_ctx.append(http_client)
    app.router.add_get("/chat", page)
    app.router.add_post("/chat/send", send)
    app.router.add_get("/chat/replies", replies)
    # The connector the bot replies to (serviceUrl of the dev chat's activities).
    app.router.add_post("/chat/connector/v3/conversations/{cid}/activities/{aid}", received)
    app.router.add_post("/chat/connector/v3/conversations/{cid}/activities", received)
    app.router.add_put("/chat/connector/v3/conversations/{cid}/activities/{aid}", updated)


async def page(request: web.Request) -> web.Response:
    html = resources.files("bot").joinpath("static/chat.html").read_text(encoding="utf-8")
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def send(request: web.Request) -> web.Response:
    """{"conversation", "text" or "value", "user", "locale"} from the page -> an activity to
    the bot; "value" is what a card's Action.Submit sends (Teams sends it without text)."""
    try:
        body = clean_json(await request.json())  # cleaned: it goes into ids and the database
    except (ValueError, RecursionError):
        return web.json_response({"error": "the body is not JSON"}, status=400)
    if not isinstance(body, dict):
        return web.json_response({"error": "the body is not a JSON object"}, status=400)
    text = str(body.get("text") or "").strip()
    value = body.get("value")
    conversation = str(body.get("conversation") or "")
    if not (text or isinstance(value, dict)) or not conversation:
        return web.json_response({"error": "text and conversation are needed"}, status=400)
    user = str(body.get("user") or "").strip() or "Utvikler"
    base = _own_address(request)
    activity = {
        "type": "message",
        "id": uuid.uuid4().hex[:12],
        "timestamp": datetime.now(UTC).isoformat(),
        "serviceUrl": f"{base}/chat/connector/",
        "channelId": "webchat",
        "from": {"id": f"dev-{uuid.uuid5(uuid.NAMESPACE_DNS, user).hex[:12]}", "name": user},
        "conversation": {"id": conversation, "conversationType": "personal"},
        "recipient": {"id": "referent", "name": "Referent"},
        "text": text,
        "locale": str(body.get("locale") or "nb-NO"),
    }
    if isinstance(value, dict):
        activity["value"] = value
        if body.get("replyTo"):  # the card's message, as Teams says which card was used
            activity["replyToId"] = str(body["replyTo"])
    async with request.app[HTTP].post(f"{base}/api/messages", json=activity) as response:
        if response.status >= 400:
            return web.json_response({"error": f"the bot answered {response.status}"}, status=502)
    return web.json_response({"id": activity["id"]})


def _own_address(request: web.Request) -> str:
    """This server's address as the socket it was reached on has it (not the Host header,
    which the client writes)."""
    host, port = request.transport.get_extra_info("sockname")[:2]  # type: ignore[union-attr]
    host = f"[{host}]" if ":" in host else host  # IPv6
    return f"http://{host}:{port}"


async def _posted(request: web.Request) -> dict[str, Any] | None:
    try:
        activity = clean_json(await request.json())
    except (ValueError, RecursionError):
        return None
    return activity if isinstance(activity, dict) else None


async def received(request: web.Request) -> web.Response:
    activity = await _posted(request)
    if activity is None:
        return web.json_response({"error": "not an activity"}, status=400)
    activity["id"] = uuid.uuid4().hex
    _keep(request, activity)
    return web.json_response({"id": activity["id"]})


async def updated(request: web.Request) -> web.Response:
    """A message replaced (a reminder's card once its task is done): kept again under the
    same id; the page redraws the message it already shows."""
    activity = await _posted(request)
    if activity is None:
        return web.json_response({"error": "not an activity"}, status=400)
    activity["id"] = request.match_info["aid"]
    _keep(request, activity)
    return web.json_response({"id": activity["id"]})


def _keep(request: web.Request, activity: dict[str, Any]) -> None:
    if activity.get("type") in ("message", "typing"):  # what the page shows
        request.app[CONVERSATIONS].keep(request.match_info["cid"], activity)


async def replies(request: web.Request) -> web.Response:
    """The conversation's replies after the first `after` (the page polls)."""
    conversation = request.query.get("conversation", "")
    try:
        after = max(0, int(request.query.get("after", "0")))
    except ValueError:
        return web.json_response({"error": "after must be a number"}, status=400)
    kept = request.app[CONVERSATIONS].kept.get(conversation) or _Kept()
    return web.json_response({"replies": kept.after(after), "total": kept.total})
