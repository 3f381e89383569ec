"""«gi oppgave 12 til meg» gives the task to the asker, and «utsett oppgave 12 til
1. desember» typed on 5 December asks which 1 December is meant rather than moving the
deadline a year. End to end over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest

from assistant.clock import FixedClock

from .chat_records import task_fields
from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text


def _id(reply: str) -> int:
    m = re.search(r"oppgave (\d+)", reply, re.IGNORECASE)
    assert m, reply
    return int(m.group(1))


async def test_gi_oppgave_til_meg_is_the_askers(
    seeded: None, bot: Running, database_url: str
) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    task = _id(_text(await britt.say("oppgave: AU lager programforslag innen 1. mars")))
    christine = Conversation(bot, "Christine Furuholmen")
    reply = _text(await christine.say(f"gi oppgave {task} til meg"))
    assert reply == f"Oppgave {task} (lager programforslag) er gitt til Christine Furuholmen."
    assert (await task_fields(database_url, task))["assignee"] == "Christine Furuholmen"
    english = _text(await britt.say(f"give task {task} to me"))
    assert english == f"Task {task} (lager programforslag) now belongs to Britt Kveseth."


async def test_someone_the_bot_does_not_know_is_asked_to_say_who_they_are_first(
    seeded: None, bot: Running, database_url: str
) -> None:
    """A task is changed by those it concerns: «gi oppgave 12 til meg» from a stranger
    changes nothing and asks who they are; once linked («jeg er …»), a member of the
    group the task is given to (AU) takes it."""
    britt = Conversation(bot, "Britt Kveseth")
    task = _id(_text(await britt.say("oppgave: AU lager programforslag innen 1. mars")))
    stranger = Conversation(bot, "Chris F.")
    refused = _text(await stranger.say(f"gi oppgave {task} til meg"))
    assert refused.startswith("Jeg vet ikke hvem du er ennå, så jeg endrer ikke oppgave")
    assert (await task_fields(database_url, task))["assignee"] == "AU"
    assert _text(await stranger.say("jeg er Christine Furuholmen")).endswith("(ja/nei)")
    await stranger.say("ja")
    reply = _text(await stranger.say(f"gi oppgave {task} til meg"))
    assert reply.endswith("er gitt til Christine Furuholmen.")
    assert (await task_fields(database_url, task))["assignee"] == "Christine Furuholmen"


async def test_meg_as_part_of_a_name_is_a_name(seeded: None, bot: Running) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    task = _id(_text(await britt.say("oppgave: AU lager programforslag innen 1. mars")))
    reply = _text(await britt.say(f"gi oppgave {task} til Meg Ryan"))
    assert reply.startswith("Jeg finner ingen «Meg Ryan» i referatene")


@pytest.fixture
async def december_5(
    database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[Running]:
    """The bot on Saturday 5 December 2026, 10:00 in Oslo."""
    clock = FixedClock(datetime(2026, 12, 5, 9, tzinfo=UTC))
    async for running in start_bot(database_url, connector, clock=clock):
        yield running


PASSED = "1. desember er passert – mente du 1. desember 2027, eller en annen dato?"


async def _task(chat: Conversation) -> int:
    return _id(_text(await chat.say("oppgave: Britt skriver notat innen 20. desember")))


async def test_a_postponement_to_a_date_just_passed_is_asked_about(
    seeded: None, december_5: Running, database_url: str
) -> None:
    chat = Conversation(december_5, "Britt Kveseth")
    task = await _task(chat)
    assert _text(await chat.say(f"utsett oppgave {task} til 1. desember")) == PASSED
    assert (await task_fields(database_url, task))["due"] == date(2026, 12, 20)  # not yet
    assert _text(await chat.say("15. desember")) == (
        f"Ny frist for oppgave {task} (skriver notat): frist 15. desember 2026."
    )
    assert (await task_fields(database_url, task))["due"] == date(2026, 12, 15)


async def test_ja_keeps_next_years_and_nei_asks_again(
    seeded: None, december_5: Running, database_url: str
) -> None:
    chat = Conversation(december_5, "Britt Kveseth")
    task = await _task(chat)
    assert _text(await chat.say(f"utsett oppgave {task} til 1.12")) == PASSED
    assert _text(await chat.say("ja")).endswith("frist 1. desember 2027.")
    assert _text(await chat.say(f"utsett oppgave {task} til 1. desember")) == PASSED
    assert _text(await chat.say("nei")).startswith("Når er fristen?")
    assert _text(await chat.say("ingen")).endswith(": ingen frist.")
    assert (await task_fields(database_url, task))["due"] is None


async def test_a_past_year_is_questioned_and_a_fine_date_is_no_dialog(
    seeded: None, december_5: Running, database_url: str
) -> None:
    chat = Conversation(december_5, "Britt Kveseth")
    task = await _task(chat)
    asked = _text(await chat.say(f"utsett oppgave {task} til 1.11.2026"))
    assert asked == "Fristen 1. november 2026 har allerede vært. Vil du bruke den likevel? (ja/nei)"
    assert _text(await chat.say("ja")).endswith("frist 1. november 2026.")
    moved = _text(await chat.say(f"utsett oppgave {task} til 18. desember"))
    assert moved == f"Ny frist for oppgave {task} (skriver notat): frist 18. desember 2026."
    assert (await task_fields(database_url, task))["due"] == date(2026, 12, 18)
    # the questioned postponement is one change, undone as any
    assert _text(await chat.say("angre")).endswith("har frist 1. november 2026 igjen.")


async def test_a_postponement_of_a_task_that_is_not_there(
    seeded: None, december_5: Running
) -> None:
    chat = Conversation(december_5, "Britt Kveseth")
    reply = _text(await chat.say("utsett oppgave 99999 til 1. desember"))
    assert reply == "Jeg finner ingen oppgave 99999."
