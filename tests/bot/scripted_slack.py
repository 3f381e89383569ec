"""The fake Slack Web API (tests/bot/fake_slack.py) with what reminders need: chat.postMessage
answering, per channel, a scripted refusal before it posts, and conversations.open giving
a user's DM channel. Kept beside fake_slack.py, which other work is changing.

Shapes, from Slack's documentation: conversations.open answers {"ok": true, "channel":
{"id": "D…"}} (api.slack.com/methods/conversations.open); a refused chat.postMessage is
{"ok": false, "error": "channel_not_found"} with HTTP 200 (api.slack.com/methods/
chat.postMessage, "Errors"); a throttled call is HTTP 429 with a Retry-After header in
seconds (api.slack.com/apis/rate-limits) and the error "ratelimited" (chat.postMessage's
error list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from .fake_slack import Call, FakeSlack


@dataclass(frozen=True)
class Throttled:
    """A 429 asking to wait `retry_after` seconds."""

    retry_after: int


Refusal = str | Throttled  # an error code (HTTP 200, ok: false), or a 429


class ScriptedSlack(FakeSlack):
    def __init__(self) -> None:
        super().__init__()
        # channel id → what its next chat.postMessage calls answer, in turn; then it posts
        self.script: dict[str, list[Refusal]] = {}
        self.refused: list[tuple[str, str]] = []  # (channel, error) answered
        self.on_post: Callable[[str], None] | None = None  # told each channel posted to

    def app(self) -> web.Application:
        app = super().app()
        app.middlewares.append(self._scripted)  # before the fake's own routes answer
        return app

    @web.middleware
    async def _scripted(self, request: web.Request, handler: Callable) -> web.StreamResponse:  # type: ignore[type-arg]
        method = request.match_info.get("method")
        if method == "conversations.open":
            args = {**request.query, **dict(await request.post())}
            user = str(args.get("users") or "")
            token = request.headers.get("Authorization", "").removeprefix("Bearer ")
            self.calls.append(Call(method, args, token))
            return web.json_response({"ok": True, "channel": {"id": dm_of(user)}})
        if method == "chat.postMessage" and request.content_type == "application/json":
            args = await request.json()
            channel = str(args.get("channel") or "")
            waiting = self.script.get(channel)
            if waiting:
                refusal = waiting.pop(0)
                token = request.headers.get("Authorization", "").removeprefix("Bearer ")
                self.calls.append(Call("refused.postMessage", args, token))
                if isinstance(refusal, Throttled):
                    self.refused.append((channel, "ratelimited"))
                    return web.json_response(
                        {"ok": False, "error": "ratelimited"},
                        status=429,
                        headers={"Retry-After": str(refusal.retry_after)},
                    )
                self.refused.append((channel, refusal))
                return web.json_response({"ok": False, "error": refusal})
            if self.on_post is not None:
                self.on_post(channel)
        return await handler(request)


def dm_of(user_id: str) -> str:
    """The DM channel id the fake gives a user: "U2147483697" → "D2147483697"."""
    return "D" + user_id.removeprefix("U")
