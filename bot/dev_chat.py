"""The local dev chat: talk to the bot from a browser, without Azure.

Only when no app id is configured. The page's messages go to the bot as real Bot Framework
activities over HTTP (POST /api/messages, channel "webchat"), and the bot's replies come
back through the real connector client to a small Connector endpoint here, which keeps them
per conversation for the page to fetch. So the dev chat exercises the same path as Teams.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import aiohttp
from aiohttp import web

MAX_KEPT = 200  # replies kept per conversation


@dataclass
class _Conversations:
    replies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


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
        body = await request.json()
    except ValueError:
        return web.json_response({"error": "the body is not JSON"}, status=400)
    text = str(body.get("text") or "").strip()
    value = body.get("value")
    conversation = str(body.get("conversation") or "")
    if not (text or isinstance(value, dict)) or not conversation:
        return web.json_response({"error": "text and conversation are needed"}, status=400)
    user = str(body.get("user") or "").strip() or "Utvikler"
    base = f"{request.scheme}://{request.host}"
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


async def received(request: web.Request) -> web.Response:
    activity = await request.json()
    activity["id"] = uuid.uuid4().hex
    _keep(request, activity)
    return web.json_response({"id": activity["id"]})


async def updated(request: web.Request) -> web.Response:
    """A message replaced (a reminder's card once its task is done): kept again under the
    same id; the page redraws the message it already shows."""
    activity = await request.json()
    activity["id"] = request.match_info["aid"]
    _keep(request, activity)
    return web.json_response({"id": activity["id"]})


def _keep(request: web.Request, activity: dict[str, Any]) -> None:
    kept = request.app[CONVERSATIONS].replies.setdefault(request.match_info["cid"], [])
    kept.append(activity)
    del kept[:-MAX_KEPT]


async def replies(request: web.Request) -> web.Response:
    """The conversation's replies after the first `after` (the page polls)."""
    conversation = request.query.get("conversation", "")
    try:
        after = max(0, int(request.query.get("after", "0")))
    except ValueError:
        return web.json_response({"error": "after must be a number"}, status=400)
    kept = request.app[CONVERSATIONS].replies.get(conversation, [])
    shown = [a for a in kept if a.get("type") in ("message", "typing")]
    return web.json_response({"replies": shown[after:], "total": len(shown)})
