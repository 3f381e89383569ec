"""bot/pacing.py on a virtual clock: sends are spread to stay within every window."""

from __future__ import annotations

import asyncio

import pytest

from bot.pacing import Limit, Pacer, PacingLimits


class VirtualTime:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.t += seconds
        await asyncio.sleep(0)


def _most_in_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - seconds:
            start += 1
        most = max(most, end - start + 1)
    return most


async def _send(pacer: Pacer, clock: VirtualTime, conversations: list[str]) -> list[float]:
    times: list[float] = []
    for conversation in conversations:
        await pacer.turn(conversation)
        times.append(clock.now())
    return times


async def test_one_conversation_stays_under_its_second_and_half_minute_limits() -> None:
    clock = VirtualTime()
    pacer = Pacer(now=clock.now, sleep=clock.sleep)
    times = await _send(pacer, clock, ["19:ssu"] * 120)
    assert _most_in_window(times, 1.0) <= 6
    assert _most_in_window(times, 30.0) <= 50
    # and no slower than the half-minute limit makes it: 120 messages in under 75 s
    assert times[-1] < 75


async def test_many_conversations_stay_under_the_overall_limit() -> None:
    clock = VirtualTime()
    pacer = Pacer(now=clock.now, sleep=clock.sleep)
    times = await _send(pacer, clock, [f"19:c{n}" for n in range(300)])
    assert _most_in_window(times, 1.0) <= 25
    # 300 evenly at 25 in 1.08 s (the window's headroom): 299 gaps of 43.2 ms
    assert times[-1] == pytest.approx(299 * 1.08 / 25, abs=0.1)


async def test_senders_to_other_conversations_are_not_held_up() -> None:
    pacer = Pacer(PacingLimits((Limit(1, 30.0),), ()))  # the event loop's own time
    await pacer.turn("busy")
    waiting = asyncio.create_task(pacer.turn("busy"))  # must wait 30 s
    await asyncio.sleep(0)
    async with asyncio.timeout(5):
        await pacer.turn("quiet")  # goes at once, while the other waits
    assert not waiting.done()
    waiting.cancel()


async def test_pacing_off_never_waits() -> None:
    clock = VirtualTime()
    pacer = Pacer(PacingLimits.off(), now=clock.now, sleep=clock.sleep)
    await _send(pacer, clock, ["19:ssu"] * 1000)
    assert clock.now() == 0.0 and pacer.waited == 0.0
