"""The bot server over real HTTP on loopback, with a fake Bot Connector beside it."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from assistant.clock import FixedClock
from bot.app import create_app
from bot.config import BotIdentity, Config

from .fake_connector import FakeConnector

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}"


@dataclass
class Running:
    url: str
    connector: FakeConnector
    connector_url: str
    http: aiohttp.ClientSession
    app: web.Application

    async def post(self, activity: dict, **kwargs) -> aiohttp.ClientResponse:  # type: ignore[no-untyped-def]
        return await self.http.post(f"{self.url}/api/messages", json=activity, **kwargs)


@pytest.fixture
def seeded(seed_minutes: None) -> None:
    """The five seed minutes imported into the test's database (tests/conftest.py)."""


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    fake = FakeConnector()
    runner, url = await serve(fake.app())
    yield fake, url
    await runner.cleanup()


async def start_bot(
    database_url: str,
    connector: tuple[FakeConnector, str],
    identity: BotIdentity | None = None,
    *,
    clock: FixedClock | None = None,
    **settings: Any,
) -> AsyncIterator[Running]:
    """The bot on `database_url`; `settings` are Config's (e.g. reminders=False)."""
    config = Config(database_url=database_url, bot=identity or BotIdentity(), **settings)
    app = create_app(config, clock=clock or FixedClock(NOW))
    runner, url = await serve(app)
    async with aiohttp.ClientSession() as http:
        yield Running(url, connector[0], connector[1], http, app)
    await runner.cleanup()


@pytest.fixture
async def bot(database_url: str, connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    async for running in start_bot(database_url, connector):
        yield running


class ThreadedServer:
    """An aiohttp app on its own event loop in a thread. For fakes the SDK calls with
    blocking `requests` from the bot's event loop (the OpenID metadata fetch): served on
    that same loop they would never answer."""

    def __init__(self, app: web.Application, ssl_context: ssl.SSLContext | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.port = free_port()
        scheme = "https" if ssl_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self._runner = web.AppRunner(app)
        started = threading.Event()

        def run() -> None:
            asyncio.set_event_loop(self.loop)
            self.loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", self.port, ssl_context=ssl_context)
            self.loop.run_until_complete(site.start())
            started.set()
            self.loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        started.wait(10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


@pytest.fixture
async def keys():  # type: ignore[no-untyped-def]
    """A local host of Bot Framework signing keys (OpenID metadata and JWKS)."""
    from .fake_identity import signing_keys_served  # it imports this module

    async with signing_keys_served() as fake:
        yield fake


@pytest.fixture
def login(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A local login authority that gives the bot its outbound tokens."""
    from .fake_identity import APP_ID, SECRET, login_served

    with login_served(APP_ID, SECRET, tmp_path) as (fake, certificate):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate))  # MSAL's requests trusts it
        yield fake


@pytest.fixture
async def ssu(database_url, connector):  # type: ignore[no-untyped-def]
    """The bot on 30 Nov 2026 10:00 (Oslo) with the SSU committee's meetings and tasks
    (tests/bot/reminder_world.py); a module that wants it subscribed overrides this."""
    from .reminder_world import add_ssu, world  # it imports this module

    async for running in world(database_url, connector, "2026-11-30 10:00"):
        running.ssu = await running.db.write(add_ssu)
        yield running
