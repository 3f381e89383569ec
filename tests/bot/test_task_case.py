"""A task belongs to the case it names («oppgave til sak 2023.30: …»), to the case its form
was shown for, or to the case the conversation was answered about just before — within
that exchange (10 minutes by the bot's clock), never hours later, and not once another
question was answered in between. End to end over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from assistant.clock import FixedClock

from .chat_records import chat_tasks
from .conftest import NOW, Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text

LAR = "hva ble bestemt om LAR?"  # answered with SSU's sak 2023.30 in the seeds


@pytest.fixture(params=["Europe/Oslo", "America/New_York"])
async def clock_bot(
    request: pytest.FixtureRequest, database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[tuple[Running, FixedClock]]:
    """The bot on a clock the test moves, in two committees' time zones."""
    clock = FixedClock(NOW)
    async for running in start_bot(database_url, connector, clock=clock, timezone=request.param):
        yield running, clock


async def _cases(database_url: str) -> list[str | None]:
    return [t["case"] for t in await chat_tasks(database_url)]


async def test_the_case_named_in_the_command(seeded: None, bot: Running, database_url: str) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    saved = _text(await chat.say("oppgave til sak 2023.30: Britt sender rutinen innen 1. mars"))
    assert saved.startswith("Lagt inn oppgave") and ": sender rutinen –" in saved
    assert saved.endswith(
        "Den hører til sak 2023.30 «Delavtale helhetlige pasientforløp, med vedlegg» (SSU)."
    )
    # A number several meetings of one committee used: the latest; «i LSU» says whose.
    await chat.say("ny oppgave i sak 3 i LSU")
    await chat.say("ringe fastlegene")
    await chat.say("Britt")
    assert "sak 3 «Tjenesteavtalene, status og oppfølging» (LSU)" in _text(await chat.say("ingen"))
    assert await _cases(database_url) == ["2023.30", "3"]


async def test_a_case_number_that_is_not_there_saves_nothing(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("oppgave til sak 2099.1: Britt sender rutinen")) == (
        "Jeg finner ingen sak 2099.1 i referatene. Sjekk nummeret, eller legg inn oppgaven "
        "uten sak: «oppgave: …»."
    )
    assert _text(await chat.say("oppgave til sak 2023.30 i LSU: Britt sender rutinen")) == (
        "Jeg finner ingen sak 2023.30 i LSU. Sjekk nummeret og utvalget, eller legg inn "
        "oppgaven uten sak: «oppgave: …»."
    )
    assert await chat_tasks(database_url) == []


async def test_a_case_named_inside_the_description_is_no_case_reference(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    saved = _text(await chat.say("oppgave: Britt følger opp sak 2023.30 innen 1. mars"))
    assert saved.startswith("Lagt inn oppgave") and "Den hører til" not in saved
    assert await _cases(database_url) == [None]


async def test_the_case_answered_just_before_within_ten_minutes(
    seeded: None, clock_bot: tuple[Running, FixedClock], database_url: str
) -> None:
    bot, clock = clock_bot
    chat = Conversation(bot, "Britt Kveseth")
    assert "2023.30" in _text(await chat.say(LAR))
    clock.at += timedelta(minutes=9)
    saved = _text(await chat.say("oppgave: Britt sender rutinen innen 1. mars"))
    assert "Den hører til sak 2023.30" in saved
    clock.at += timedelta(minutes=2)  # 11 minutes after the answer: another exchange
    saved = _text(await chat.say("oppgave: Britt ringer kommunene innen 1. mars"))
    assert saved.startswith("Lagt inn oppgave") and "Den hører til" not in saved
    assert await _cases(database_url) == ["2023.30", None]


async def test_hours_later_the_case_is_forgotten(
    seeded: None, clock_bot: tuple[Running, FixedClock], database_url: str
) -> None:
    bot, clock = clock_bot
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say(LAR)
    clock.at += timedelta(hours=3)
    await chat.say("ny oppgave")
    await chat.say("sende rutinen til kommunene")
    await chat.say("Britt")
    assert "Den hører til" not in _text(await chat.say("ingen"))
    assert await _cases(database_url) == [None]


async def test_another_question_in_between_ends_the_exchange(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say(LAR)
    await chat.say("hvilke oppgaver har jeg?")
    saved = _text(await chat.say("oppgave: Britt sender rutinen innen 1. mars"))
    assert "Den hører til" not in saved
    assert await _cases(database_url) == [None]


async def test_the_form_keeps_the_case_it_was_shown_for(
    seeded: None, clock_bot: tuple[Running, FixedClock], database_url: str
) -> None:
    bot, clock = clock_bot
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say(LAR)
    shown = await chat.say("ny oppgave")
    [form] = shown["attachments"]
    data = form["content"]["actions"][0]["data"]
    assert data["referent"] == "form.task" and isinstance(data["case_id"], int)
    clock.at += timedelta(minutes=30)  # filled in slowly: still the case it was shown for
    fields = {"description": "sende rutinen", "assignee": "Britt Kveseth", "due": "2027-03-01"}
    saved = await chat.press({**data, **fields})
    assert "Den hører til sak 2023.30" in saved
    # A form shown with no case before it has none, whatever was asked since.
    shown = await chat.say("ny oppgave")
    data = shown["attachments"][0]["content"]["actions"][0]["data"]
    assert data == {"referent": "form.task"}
    await chat.say("avbryt")
    assert await _cases(database_url) == ["2023.30"]


async def test_a_forged_case_in_a_form_is_ignored(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave")
    fields = {"description": "sende rutinen", "assignee": "Britt Kveseth", "due": "2027-03-01"}
    saved = await chat.press({"referent": "form.task", "case_id": 999999, **fields})
    assert saved.startswith("Lagt inn oppgave") and "Den hører til" not in saved
    assert await _cases(database_url) == [None]
