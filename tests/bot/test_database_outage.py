"""PostgreSQL gone during traffic and back (issue 19, faults), through the real server.

The bot reaches PostgreSQL through a TCP relay in this test (the network, not our code):
cutting it drops every open connection and refuses new ones, as a restarting server does.
While it is cut, /readyz says 503 and a question gets the polite apology (no 500, no hang);
once it is back, the next question is answered — the same process, nothing restarted (the
pool's pre-ping throws away the dead connections)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

from .activities import teams_message
from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .test_teams_tenants import SEEDS

ANSWER_WITHIN_S = 60.0  # generous: the point is an answer at all, not its speed


class Relay:
    """A TCP relay to PostgreSQL that can be cut (connections dropped, new ones refused)."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.cut = False
        self._pipes: set[asyncio.StreamWriter] = set()
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            writer.close()
            return
        self._pipes |= {writer, up_writer}
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        self._pipes -= {writer, up_writer}

    def drop(self) -> None:
        self.cut = True
        for writer in list(self._pipes):
            writer.transport.abort()

    def restore(self) -> None:
        self.cut = False

    async def close(self) -> None:
        self.drop()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, asyncio.CancelledError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.transport.abort()


@pytest.fixture
async def relayed(
    database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[tuple[Running, Relay]]:
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a database server to lose is PostgreSQL's case; SQLite is a file")
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS}")
    db = Database(database_url)
    try:
        await import_paths(db, sorted(SEEDS.glob("*.txt")), ImportOptions())
    finally:
        await db.close()
    relay = Relay(url.host or "127.0.0.1", url.port or 5432)
    port = await relay.start()
    through = url.set(port=port, host="127.0.0.1").render_as_string(hide_password=False)
    try:
        async for running in start_bot(through, connector, reminders=False):
            yield running, relay
    finally:
        await relay.close()


async def _ask(bot: Running, text: str) -> str:
    before = len(bot.connector.messages())
    async with asyncio.timeout(ANSWER_WITHIN_S):
        response = await bot.post(teams_message(text, bot.connector_url))
        assert response.status == 201
        replies = await bot.connector.wait_for_messages(before + 1)
    return json.dumps(replies[before], ensure_ascii=False)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_postgresql_lost_and_back_needs_no_restart(
    relayed: tuple[Running, Relay],
) -> None:
    bot, relay = relayed
    assert "2023.30" in await _ask(bot, "hva ble bestemt om LAR?")
    relay.drop()
    async with bot.http.get(bot.url + "/readyz") as response:
        assert response.status == 503
        assert "127.0.0.1" not in await response.text()  # no internals to whoever asks
    assert "noe gikk galt" in await _ask(bot, "når er neste møte?")
    relay.restore()
    async with bot.http.get(bot.url + "/readyz") as response:
        assert response.status == 200
    assert "2023.30" in await _ask(bot, "hva ble bestemt om LAR?")
