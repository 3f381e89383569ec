"""A local fake of the Bot Connector REST API v3: records what the bot sends.

The routes a bot replying to a turn uses, the member lookup (TeamsInfo.get_member), and
what proactive messages use: sending to a conversation, updating a message, creating a
personal chat. Anything else is recorded and answered 200 {} so an unexpected call shows
up in `other` instead of failing the turn. `script` makes a conversation answer with
errors first (a status, or a status and headers such as Retry-After).

A real Connector does not always answer an accepted send with 200 {"id": …}: `answer`
(for every conversation) and `answers` (for one) pick another of ANSWERS, as Microsoft's
Teams emulator answers 202 with no body. `failing` makes every send and update fail with
a status, with the Connector's JSON error or (`failing_html`) a proxy's HTML page.
A Connector that is down is a service URL nobody listens on (`closed_url`).
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# How an accepted send or update can be answered: a status, and whether the body is the
# message's id as JSON ({"id": …}), nothing at all, or something that is not JSON.
ANSWERS: dict[str, tuple[int, str]] = {
    "200": (200, "id"),
    "201": (201, "id"),
    "202-empty": (202, "empty"),
    "204-empty": (204, "empty"),
    "200-empty": (200, "empty"),
    "200-text": (200, "text"),
}


@dataclass
class Sent:
    conversation_id: str
    reply_to: str | None
    activity: dict[str, Any]
    authorization: str | None
    id: str = ""  # the id the fake gave the message


@dataclass
class FakeConnector:
    sent: list[Sent] = field(default_factory=list)
    other: list[tuple[str, str]] = field(default_factory=list)
    # GET …/members/{user id}: a TeamsChannelAccount as JSON, or an HTTP status to fail with;
    # a user not listed gets 404, as Teams answers for someone not in the conversation.
    members: dict[str, dict[str, Any] | int] = field(default_factory=dict)
    member_calls: list[tuple[str, str]] = field(default_factory=list)  # (conversation, user)
    # conversation id -> what its next sends are answered with, in turn, before a 200
    script: dict[str, list[int | tuple[int, dict[str, str]]]] = field(default_factory=dict)
    refused: list[tuple[str, int]] = field(default_factory=list)  # (conversation, status)
    updates: list[Sent] = field(default_factory=list)  # PUT …/activities/{id}
    created: list[dict[str, Any]] = field(default_factory=list)  # POST /v3/conversations
    create_status: int | None = None  # answer creating a conversation with this status
    delay: float = 0.0  # seconds each send takes
    member_delay: float = 0.0  # seconds each member lookup takes
    answer: str = "200"  # how every accepted send and update is answered (ANSWERS)
    answers: dict[str, str] = field(default_factory=dict)  # conversation id -> ANSWERS key
    failing: int | None = None  # every send and update fails with this status
    failing_html: bool = False  # …with an HTML page (a proxy in front) instead of JSON
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._activity)
        app.router.add_post("/v3/conversations/{cid}/activities", self._activity)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._update)
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_get("/v3/conversations/{cid}/members/{uid}", self._member)
        app.router.add_route("*", "/{tail:.*}", self._other)
        return app

    async def _activity(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.delay:
            await asyncio.sleep(self.delay)
        conversation = request.match_info["cid"]
        if self.failing is not None:
            self.refused.append((conversation, self.failing))
            return self._failure(self.failing)
        if self.script.get(conversation):
            answer = self.script[conversation].pop(0)
            status, headers = answer if isinstance(answer, tuple) else (answer, {})
            self.refused.append((conversation, status))
            error = {"code": "Throttled" if status == 429 else "Fake", "message": str(status)}
            return web.json_response({"error": error}, status=status, headers=headers)
        sent = Sent(
            conversation,
            request.match_info.get("aid"),
            body,
            request.headers.get("Authorization"),
            str(uuid.uuid4()),
        )
        self.sent.append(sent)
        self._arrived.set()
        return self._accepted(conversation, sent.id)

    async def _update(self, request: web.Request) -> web.Response:
        body = await request.json()
        conversation = request.match_info["cid"]
        if self.failing is not None:
            self.refused.append((conversation, self.failing))
            return self._failure(self.failing)
        self.updates.append(
            Sent(conversation, request.match_info["aid"], body,
                 request.headers.get("Authorization"))
        )  # fmt: skip
        return self._accepted(conversation, request.match_info["aid"])

    def _accepted(self, conversation: str, activity_id: str) -> web.Response:
        status, body = ANSWERS[self.answers.get(conversation, self.answer)]
        if body == "id":
            return web.json_response({"id": activity_id}, status=status)
        if body == "text":
            return web.Response(status=status, text="Accepted", content_type="text/plain")
        return web.Response(status=status)

    def _failure(self, status: int) -> web.Response:
        if self.failing_html:
            page = f"<html><body><h1>{status} Service Unavailable</h1></body></html>"
            return web.Response(status=status, text=page, content_type="text/html")
        error = {"code": "ServiceError", "message": f"fake connector: {status}"}
        return web.json_response({"error": error}, status=status)

    async def _create(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.create_status is not None:
            error = {"code": "Forbidden", "message": "the app is not installed for the user"}
            return web.json_response({"error": error}, status=self.create_status)
        self.created.append(body)
        return web.json_response({"id": f"a:personal-{uuid.uuid4().hex[:12]}"})

    async def _member(self, request: web.Request) -> web.Response:
        user = request.match_info["uid"]
        if self.member_delay:
            await asyncio.sleep(self.member_delay)
        self.member_calls.append((request.match_info["cid"], user))
        member = self.members.get(user, 404)
        if isinstance(member, int):
            error = {"code": "MemberNotFoundInConversation" if member == 404 else "ServiceError",
                     "message": f"fake connector: {member} for {user}"}  # fmt: skip
            return web.json_response({"error": error}, status=member)
        return web.json_response(member)

    async def _other(self, request: web.Request) -> web.Response:
        self.other.append((request.method, request.path))
        return web.json_response({})

    def typing(self) -> list[dict[str, Any]]:
        return [s.activity for s in self.sent if s.activity.get("type") == "typing"]

    def messages(self) -> list[dict[str, Any]]:
        return [s.activity for s in self.sent if s.activity.get("type") == "message"]

    def proactive(self) -> list[Sent]:
        """Messages the bot sent unprompted (to a conversation, not as a reply)."""
        return [s for s in self.sent if s.reply_to is None and s.activity.get("type") == "message"]

    async def wait_for_messages(self, count: int = 1) -> list[dict]:
        """The messages so far, once there are `count` of them (10 s at most)."""
        async with asyncio.timeout(10):
            while len(self.messages()) < count:
                self._arrived.clear()
                await self._arrived.wait()
        return self.messages()


def closed_url() -> str:
    """A service URL on loopback where nothing listens: a Connector that is down."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"
