"""A local fake of Slack's Web API: records every call (method and arguments) and answers
as Slack does — auth.test with the bot's identity, chat.postMessage with {"ok": true, "ts"},
views.publish and views.open with the view."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TEAM_ID = "T123ABC456"
BOT_USER_ID = "U0LAN0Z89"
BOT_ID = "B0REFERENT"
RESPONSE_URL = "response_url"  # the Call.method of a POST to a response_url


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._changed = asyncio.Event()
        # users.info: the user object Slack gives per user id (unknown id → user_not_found);
        # users_info_error set → every users.info answers {"ok": false, "error": …}.
        self.users: dict[str, dict[str, Any]] = {}
        self.users_info_error: str | None = None
        self.users_info_drops = False  # True → users.info's connection is closed unanswered
        # conversations.info: the channel object per channel id (unknown → channel_not_found).
        self.channels: dict[str, dict[str, Any]] = {}

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/api/{method}", self._call)
        app.router.add_get("/api/users.info", self._users_info_get)  # slack_sdk GETs it
        app.router.add_get("/api/conversations.info", self._conversations_info_get)  # so too
        app.router.add_post("/response/{hook}", self._response)
        return app

    async def _response(self, request: web.Request) -> web.Response:
        """A POST to a command's or an action's response_url (Slack answers "ok")."""
        args = await request.json()
        self.calls.append(Call(RESPONSE_URL, {**args, "hook": request.match_info["hook"]}, ""))
        self._changed.set()
        return web.Response(text="ok")

    async def _call(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            args = await request.json()
        else:
            args = dict(await request.post())
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call(method, args, token))
        self._changed.set()
        if method == "auth.test":
            return web.json_response(
                {
                    "ok": True,
                    "url": "https://referent-test.slack.com/",
                    "team": "Referent test",
                    "user": "referent",
                    "team_id": TEAM_ID,
                    "user_id": BOT_USER_ID,
                    "bot_id": BOT_ID,
                    "is_enterprise_install": False,
                }
            )
        if method == "chat.update":
            return web.json_response(
                {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
            )
        if method == "chat.postMessage":
            return web.json_response(
                {"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}"}
            )
        if method == "users.info":
            return self._users_info(args.get("user"))
        if method == "conversations.info":
            return self._conversations_info(args.get("channel"))
        if method == "views.open":  # Slack answers with the view opened
            view = {**(args.get("view") or {}), "id": "VMODAL0001", "team_id": TEAM_ID}
            return web.json_response({"ok": True, "view": view})
        if method == "views.publish":  # Slack answers with the view as it now stands
            view = {**(args.get("view") or {}), "id": "VHOME00001", "team_id": TEAM_ID}
            return web.json_response({"ok": True, "view": view})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def _users_info_get(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call("users.info", dict(request.query), token))
        self._changed.set()
        if self.users_info_drops and request.transport is not None:
            request.transport.close()  # a network error at the client
        return self._users_info(request.query.get("user"))

    async def _conversations_info_get(self, request: web.Request) -> web.Response:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(Call("conversations.info", dict(request.query), token))
        self._changed.set()
        return self._conversations_info(request.query.get("channel"))

    def _conversations_info(self, channel_id: str | None) -> web.Response:
        channel = self.channels.get(channel_id or "")
        if channel is None:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        return web.json_response({"ok": True, "channel": channel})

    def _users_info(self, user_id: str | None) -> web.Response:
        user = self.users.get(user_id or "")
        if self.users_info_error or user is None:
            error = self.users_info_error or "user_not_found"
            return web.json_response({"ok": False, "error": error})
        return web.json_response({"ok": True, "user": user})

    def users_info_calls(self) -> list[Call]:
        return [c for c in self.calls if c.method == "users.info"]

    def posted(self) -> list[Call]:
        return [c for c in self.calls if c.method == "chat.postMessage"]

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1) -> list[Call]:
        """The calls of `method` (RESPONSE_URL: response_url POSTs) once there are `count`."""
        async with asyncio.timeout(20):
            while len(self.of(method)) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.of(method)

    async def wait_for_posts(self, count: int) -> list[Call]:
        """The chat.postMessage calls so far, once there are `count` of them (20 s at most:
        the first answer on a fresh database builds the search index)."""
        async with asyncio.timeout(20):
            while len(self.posted()) < count:
                self._changed.clear()
                await self._changed.wait()
        return self.posted()
