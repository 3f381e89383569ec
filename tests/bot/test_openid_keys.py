"""Bot Framework's signing keys (bot/openid_keys.py) through the real server over HTTP,
against a local metadata host that answers, hangs or fails: the loop stays free, one fetch
serves all who wait, a failure is remembered (503, back-off, one log line), keys are kept
as the SDK intends."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
import pytest
from botframework.connector.auth import JwtTokenExtractor

from assistant.clock import FixedClock
from bot.config import KeyFetch
from bot.openid_keys import MetadataCache, install_metadata_cache

from .activities import teams_message
from .conftest import NOW, FakeConnector, Running, start_bot
from .fake_identity import APP_ID, FakeLogin, FakeSigningKeys, secured_identity

# Short, so a hanging host costs the test a second, not the default ten. Only the tests
# of a hanging host use it: elsewhere a busy CI machine can take longer than a second to
# get an answer from the local host (it did once, under xdist), and that is not a failure.
TIMEOUT_S = 1.0
ANSWERING_TIMEOUT_S = 30.0
FIRST_BACKOFF_S = 5.0


@dataclass
class Bot:
    running: Running
    keys: FakeSigningKeys
    clock: FixedClock

    async def send(self, token: str | None = None, *, kid: str | None = None,
                   issuer: str | None = None) -> aiohttp.ClientResponse:  # fmt: skip
        """A message with a token (a good one unless told otherwise)."""
        url = self.running.connector_url
        if token is None:
            extra = {"issuer": issuer} if issuer else {}
            token = self.keys.mint(audience=APP_ID, service_url=url, kid=kid, **extra)
        headers = {"Authorization": f"Bearer {token}"}
        return await self.running.post(teams_message("hjelp", url), headers=headers)

    async def healthz_ms(self) -> float:
        start = time.perf_counter()
        async with self.running.http.get(f"{self.running.url}/healthz") as response:
            assert response.status == 200
        return (time.perf_counter() - start) * 1000

    def fetches(self) -> tuple[int, int]:
        return self.keys.metadata_requests, self.keys.keys_requests

    def later(self, seconds: float) -> None:
        self.clock.at += timedelta(seconds=seconds)


@pytest.fixture
def fetch_timeout_s() -> float:
    """The fetch's time limit; tests of a hanging host parametrize it to TIMEOUT_S."""
    return ANSWERING_TIMEOUT_S


hanging = pytest.mark.parametrize("fetch_timeout_s", [TIMEOUT_S], ids=["timeout 1 s"])


@pytest.fixture
async def bot(
    fetch_timeout_s: float,
    database_url: str,
    connector: tuple[FakeConnector, str],
    keys: FakeSigningKeys,
    login: FakeLogin,
) -> AsyncIterator[Bot]:
    key_fetch = KeyFetch(timeout_s=fetch_timeout_s, backoff_first_s=FIRST_BACKOFF_S)
    identity = secured_identity(keys, login, key_fetch=key_fetch)
    clock = FixedClock(NOW)
    async for running in start_bot(database_url, connector, identity, clock=clock):
        yield Bot(running, keys, clock)


class Warnings(logging.Handler):
    """What bot/openid_keys.py logs at WARNING and above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self._logged = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
        self._logged.set()

    async def wait_for(self, count: int) -> None:
        async with asyncio.timeout(10):
            while len(self.lines) < count:
                self._logged.clear()
                await self._logged.wait()


@pytest.fixture
def warnings() -> Iterator[Warnings]:
    handler, logger = Warnings(), logging.getLogger("bot.openid_keys")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@hanging
async def test_the_server_answers_while_the_metadata_host_hangs(bot: Bot) -> None:
    bot.keys.fault = "hang"
    started = time.perf_counter()
    waiting = asyncio.create_task(bot.send())
    await bot.keys.wait_for_requests(metadata=1)
    # The bound: /healthz within 100 ms while the fetch hangs. Best of five, so a
    # busy test machine's hiccup does not decide it; before the fix every one took until
    # the host let go (7.7 s of an 8 s hang, measured).
    latencies = [await bot.healthz_ms() for _ in range(5)]
    assert not waiting.done(), "the token request should still wait for the keys"
    assert min(latencies) < 100, latencies
    response = await waiting
    elapsed = time.perf_counter() - started
    assert response.status == 503
    assert response.headers["Retry-After"] == "5"
    # Ends by the fetch's time limit (generous margin for a slow machine, far below the
    # 30 s the SDK waited).
    assert TIMEOUT_S * 0.9 <= elapsed < TIMEOUT_S + 4, elapsed


@hanging
async def test_a_failure_is_remembered_for_the_back_off_then_tried_again(
    bot: Bot, warnings: Warnings
) -> None:
    bot.keys.fault = "hang"
    assert (await bot.send()).status == 503
    assert bot.fetches() == (1, 0)

    # Answered at once: without a fetch there is nothing to wait for. (Not timed on the
    # wall clock: under a loaded suite a 503 once took longer than TIMEOUT_S to arrive.)
    again = await bot.send()
    assert again.status == 503
    assert bot.fetches() == (1, 0), "no fetch during the back-off"
    bot.later(2)
    assert (await bot.send()).headers["Retry-After"] == "3"
    assert bot.fetches() == (1, 0)

    # Still failing after the back-off: tried once, and the back-off doubles.
    bot.keys.fault = "500"
    bot.later(3)
    failed = await bot.send()
    assert (failed.status, failed.headers["Retry-After"]) == (503, "10")
    assert bot.fetches() == (2, 0)

    bot.keys.fault = ""
    bot.later(9)
    assert (await bot.send()).status == 503, "still within the doubled back-off"
    bot.later(1)
    response = await bot.send()
    assert response.status == 201, await response.text()
    assert bot.fetches() == (3, 1)
    await bot.running.connector.wait_for_messages(1)
    assert len(warnings.lines) == 2  # one per failed fetch, none per refused request


async def test_the_back_off_doubles_up_to_five_minutes(bot: Bot) -> None:
    bot.keys.fault = "500"
    waits = []
    for _ in range(9):
        response = await bot.send()
        assert response.status == 503
        waits.append(int(response.headers["Retry-After"]))
        bot.later(waits[-1])
    assert waits == [5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert bot.fetches() == (9, 0)


async def test_concurrent_requests_on_a_cold_cache_share_one_fetch(bot: Bot) -> None:
    bot.keys.gate = asyncio.Event()  # the host answers only once all eight are waiting
    requests = [asyncio.create_task(bot.send()) for _ in range(8)]
    await bot.keys.wait_for_requests(metadata=1)
    await asyncio.sleep(0.3)  # the other seven reach the keys meanwhile (they take ms)
    bot.keys.gate.set()
    responses = await asyncio.gather(*requests)
    assert [r.status for r in responses] == [201] * 8
    assert bot.fetches() == (1, 1)
    await bot.running.connector.wait_for_messages(8)


@hanging
async def test_concurrent_requests_share_one_failure(bot: Bot, warnings: Warnings) -> None:
    bot.keys.fault = "hang"
    responses = await asyncio.gather(*(bot.send() for _ in range(8)))
    assert [r.status for r in responses] == [503] * 8
    assert bot.fetches() == (1, 0)
    (line,) = warnings.lines
    assert f"no answer within {TIMEOUT_S:g} s" in line and bot.keys.metadata_url in line


async def test_keys_are_kept_and_unknown_key_ids_refresh_at_most_hourly(bot: Bot) -> None:
    for _ in range(50):
        assert (await bot.send()).status == 201
    assert bot.fetches() == (1, 1)

    # Unknown key ids (a near miss: 401, not 503: the keys are there, the token is not
    # signed with one of them). Fetched just now: no new fetch.
    assert (await bot.send(kid="made-up-1")).status == 401
    assert bot.fetches() == (1, 1)
    bot.later(3600)
    assert (await bot.send(kid="made-up-2")).status == 401
    assert bot.fetches() == (2, 2), "an hour on, an unknown key id refreshes once"
    assert (await bot.send(kid="made-up-3")).status == 401
    bot.later(3599)
    assert (await bot.send(kid="made-up-4")).status == 401
    assert bot.fetches() == (2, 2), "and not again within the hour"

    # A key published since (a rotation) is found by that hourly refresh.
    new_kid = bot.keys.publish()
    bot.later(1)
    assert (await bot.send(kid=new_kid)).status == 201
    assert bot.fetches() == (3, 3)
    await bot.running.connector.wait_for_messages(51)


async def test_day_old_keys_are_refreshed_and_kept_if_the_refresh_fails(
    bot: Bot, warnings: Warnings
) -> None:
    assert (await bot.send()).status == 201
    new_kid = bot.keys.publish()
    bot.later(24 * 3600)
    assert (await bot.send()).status == 201  # answered with the keys held...
    await bot.keys.wait_for_requests(metadata=2, keys=2)  # ...while they are refreshed
    assert (await bot.send(kid=new_kid)).status == 201  # (joins that refresh if under way)
    assert bot.fetches() == (2, 2)

    bot.keys.fault, bot.keys.gate = "500", asyncio.Event()  # answers 500 when let go
    bot.later(24 * 3600)
    for _ in range(3):
        assert (await bot.send()).status == 201  # not waiting for the refresh
    assert bot.fetches() == (3, 2)
    bot.keys.gate.set()
    await warnings.wait_for(1)
    assert "HTTP 500" in warnings.lines[0]
    assert "the keys held are used meanwhile" in warnings.lines[0]
    assert (await bot.send()).status == 201
    assert bot.fetches() == (3, 2), "no fetch during the back-off"
    await bot.running.connector.wait_for_messages(7)


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        ("500", "openidconfiguration: HTTP 500"),
        ("not json", "openidconfiguration: not JSON"),
        ("no jwks_uri", "no jwks_uri in the metadata"),
        ("jwks unreachable", "ClientConnectorError"),
        ("no keys", "no usable RSA signing keys among 1"),
    ],
)
async def test_a_failing_metadata_host_is_a_clear_503_logged_once(
    bot: Bot, warnings: Warnings, fault: str, reason: str
) -> None:
    bot.keys.fault = fault
    for _ in range(3):
        response = await bot.send()
        assert response.status == 503
        assert await response.json() == {"error": "token signing keys unavailable, try again later"}
    (line,) = warnings.lines
    assert reason in line and "next try in 5 s" in line, line
    assert bot.keys.metadata_requests == 1
    assert bot.running.connector.sent == []


async def test_tokens_refused_on_their_face_stay_401_while_the_keys_are_unavailable(
    bot: Bot,
) -> None:
    bot.keys.fault = "500"
    assert (await bot.send("not-a-token")).status == 401
    assert (await bot.send(issuer="https://evil.example")).status == 401
    assert bot.fetches() == (0, 0), "neither needs a key"
    assert (await bot.send()).status == 503


def test_installing_the_cache_twice_keeps_one() -> None:
    first = install_metadata_cache()
    assert install_metadata_cache() is first
    assert JwtTokenExtractor.metadataCache is first
    assert isinstance(first, MetadataCache)
