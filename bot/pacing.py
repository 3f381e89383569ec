"""Pacing proactive messages below Teams' rate limits, so a burst is spread, not refused.

Teams documents, per bot and conversation, 7 messages a second and 60 in 30 seconds, and
per app and tenant about 30 requests a second (learn.microsoft.com, "Rate limiting for
bots"). The defaults keep a margin under each: a 429 costs a retry and the Retry-After
wait, which is slower than going a little slower to begin with. Each limit is a sliding
window: a send waits until every window it falls in has room. A per-second limit also
spaces its sends evenly (1/25 s apart): a burst of 25 let through at once arrives bunched
up with the next second's, and the receiving end counts more than 25 in a second.

Slack allows chat.postMessage about one message a second per channel (api.slack.com/
methods/chat.postMessage, "Rate limiting"): its channels have a limit of their own, keyed
apart from Teams' conversations, and do not count against Teams' per-tenant limit.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

# A microsecond over each edge, so that rounding never fits count+1 sends in one window.
_MARGIN = 1e-6


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    seconds: float


@dataclass(frozen=True, slots=True)
class PacingLimits:
    per_conversation: tuple[Limit, ...] = (Limit(6, 1.0), Limit(50, 30.0))
    overall: tuple[Limit, ...] = (Limit(25, 1.0),)
    per_slack_channel: tuple[Limit, ...] = (Limit(1, 1.0),)
    headroom: float = 0.08  # seconds added to every window (see above)

    @classmethod
    def off(cls) -> PacingLimits:
        return cls((), (), ())


class _Window:
    def __init__(self, limit: Limit, headroom: float) -> None:
        self.limit = limit
        self.seconds = limit.seconds + headroom
        self.sent: deque[float] = deque()
        self.gap = self.seconds / limit.count + _MARGIN if limit.seconds <= 1.0 else 0.0

    def wait(self, now: float) -> float:
        """Seconds until one more send fits in the window (and its spacing)."""
        while self.sent and self.sent[0] + self.seconds <= now:
            self.sent.popleft()
        spacing = self.sent[-1] + self.gap - now if self.sent and self.gap else 0.0
        if len(self.sent) < self.limit.count:
            return max(0.0, spacing)
        return max(spacing, self.sent[0] + self.seconds + _MARGIN - now)


class Pacer:
    """`await pacer.turn(conversation)` before each send. `now` and `sleep` are the event
    loop's unless given (tests drive them)."""

    def __init__(
        self,
        limits: PacingLimits | None = None,
        *,
        now: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.limits = limits or PacingLimits()
        self._now = now or (lambda: asyncio.get_running_loop().time())
        self._sleep = sleep or asyncio.sleep
        self._overall = [_Window(limit, self.limits.headroom) for limit in self.limits.overall]
        self._conversations: dict[tuple[str, str], list[_Window]] = {}
        self.waited = 0.0  # seconds spent waiting, for the bench and logs

    async def turn(self, conversation: str, channel: str = "msteams") -> None:
        """Wait until a message to `conversation` (of `channel`: "slack" has its own
        limits) fits every limit, and count it."""
        slack = channel == "slack"
        limits = self.limits.per_slack_channel if slack else self.limits.per_conversation
        overall = [] if slack else self._overall
        if not overall and not limits:
            return
        key = (channel if slack else "", conversation)
        windows = self._conversations.get(key)
        if windows is None:
            windows = [_Window(limit, self.limits.headroom) for limit in limits]
            self._conversations[key] = windows
        # Deciding and recording happen together (no await between): two senders never
        # both take the last place in a window. A sender that must wait does so without
        # holding up senders to other conversations.
        while True:
            now = self._now()
            wait = max((w.wait(now) for w in (*overall, *windows)), default=0.0)
            if wait <= 0:
                for window in (*overall, *windows):
                    window.sent.append(now)
                break
            self.waited += wait
            await self._sleep(wait)
        if len(self._conversations) > 10_000:  # forget idle conversations
            self._forget_idle()

    def _forget_idle(self) -> None:
        now = self._now()
        limits = (*self.limits.per_conversation, *self.limits.per_slack_channel)
        longest = max((limit.seconds for limit in limits), default=0.0) + self.limits.headroom
        self._conversations = {
            key: windows
            for key, windows in self._conversations.items()
            if any(w.sent and w.sent[-1] > now - longest for w in windows)
        }
