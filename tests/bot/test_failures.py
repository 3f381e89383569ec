"""When the database is gone the server stays up, says so on /readyz, and apologises;
when the Bot Connector fails too, or alone, the request is still answered (201) and each
failure is one line in the log, a traceback only for an error that is not the Connector's."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from .activities import teams_message
from .conftest import FakeConnector, Running, start_bot
from .fake_connector import closed_url


@pytest.fixture
async def broken_bot(connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    # A PostgreSQL server that is not there (a closed port on loopback).
    url = "postgresql+asyncpg://nobody@127.0.0.1:9/none"
    async for running in start_bot(url, connector, reminders=False):
        yield running


async def test_database_down_is_not_ready_and_turns_get_an_apology(
    broken_bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    async with broken_bot.http.get(broken_bot.url + "/readyz") as response:
        assert response.status == 503
    async with broken_bot.http.get(broken_bot.url + "/healthz") as response:
        assert response.status == 200
    caplog.clear()  # what the start logged
    with caplog.at_level(logging.INFO):
        response = await broken_bot.post(
            teams_message("hva ble bestemt om LAR?", broken_bot.connector_url)
        )
    assert response.status == 201
    (reply,) = await broken_bot.connector.wait_for_messages(1)
    assert "noe gikk galt" in reply["text"]
    (failed,) = [r for r in caplog.records if r.exc_info]  # the one traceback: the cause
    assert failed.getMessage() == "turn failed"


# ---- a Bot Connector that fails: every failure one line, the request still answered 201 ----


@pytest.fixture(params=["500", "503-html", "down"])
async def unwell(
    request: pytest.FixtureRequest, database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[tuple[Running, str]]:
    """The bot, and the service URL of a Connector that answers every send with 500 (its
    JSON error), with 503 (a proxy's HTML page), or is not there at all."""
    fake, url = connector
    if request.param == "down":
        url = closed_url()
    else:
        fake.failing = int(request.param[:3])
        fake.failing_html = request.param.endswith("html")
    async for running in start_bot(database_url, connector):
        yield running, url


def _lines(caplog: pytest.LogCaptureFixture, words: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if words in r.getMessage()]


async def test_a_failing_connector_costs_one_line_per_failure_and_no_500(
    unwell: tuple[Running, str], caplog: pytest.LogCaptureFixture
) -> None:
    bot, service_url = unwell
    caplog.clear()  # what the start logged
    with caplog.at_level(logging.INFO):
        for words in ("hjelp", "ny oppgave"):
            response = await bot.post(teams_message(words, service_url))
            assert response.status == 201, await response.text()
    failed, apologies = _lines(caplog, "turn failed"), _lines(caplog, "apology")
    assert len(failed) == 2 and len(apologies) == 2  # one of each per turn
    assert all("Bot Connector" in r.getMessage() for r in failed + apologies)
    assert [r for r in caplog.records if r.exc_info] == []  # no traceback: the cause is known
    assert _lines(caplog, "Error handling request") == []
    if bot.connector.failing:  # each turn: its reply, then the apology, once
        assert len(bot.connector.refused) == 4
    assert bot.connector.sent == []


async def test_a_failed_turn_whose_apology_fails_too_logs_one_traceback(
    broken_bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    # The database is gone (a bug-like failure: its traceback is wanted) and so is the
    # Connector the apology would go through.
    caplog.clear()  # what the start logged
    with caplog.at_level(logging.INFO):
        response = await broken_bot.post(teams_message("hva ble bestemt om LAR?", closed_url()))
    assert response.status == 201
    (failed,) = _lines(caplog, "turn failed")
    assert failed.exc_info is not None
    (apology,) = _lines(caplog, "apology")
    assert apology.exc_info is None and "could not be reached" in apology.getMessage()
    assert [r for r in caplog.records if r.exc_info] == [failed]
