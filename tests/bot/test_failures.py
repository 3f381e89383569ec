"""When the database is gone the server stays up, says so on /readyz, and apologises."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from .activities import teams_message
from .conftest import FakeConnector, Running, start_bot


@pytest.fixture
async def broken_bot(connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    # A PostgreSQL server that is not there (a closed port on loopback).
    url = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
    async for running in start_bot(url, connector):
        yield running


async def test_database_down_is_not_ready_and_turns_get_an_apology(broken_bot: Running) -> None:
    async with broken_bot.http.get(broken_bot.url + "/readyz") as response:
        assert response.status == 503
    async with broken_bot.http.get(broken_bot.url + "/healthz") as response:
        assert response.status == 200
    response = await broken_bot.post(
        teams_message("hva ble bestemt om LAR?", broken_bot.connector_url)
    )
    assert response.status == 201
    (reply,) = await broken_bot.connector.wait_for_messages(1)
    assert "noe gikk galt" in reply["text"]
