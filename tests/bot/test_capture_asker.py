"""«meg» as a task's owner and a deadline that has just passed, end to end over HTTP: the
real server and adapter, the dialog state and records in the real database, replies at the
local Connector fake (which knows no Teams profiles: users are found by display name)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest

from assistant.clock import FixedClock
from assistant.task_answer import find_tasks
from storage.database import Database

from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text


async def _open_tasks(database_url: str, name: str) -> list[tuple[str, date | None]]:
    db = Database(database_url)
    try:
        found = await db.read(lambda session: find_tasks(session, "default", name))
    finally:
        await db.close()
    return [(t.description, t.due_date) for t in found.tasks if t.status == "open"]


async def _new_tasks(database_url: str, name: str) -> list[tuple[str, date | None]]:
    """The person's open tasks added in these tests (the seeds' are about other things)."""
    mine = ("rapport", "notat", "ringe")
    return [t for t in await _open_tasks(database_url, name) if any(w in t[0] for w in mine)]


# ---------------------------------------------------------------- «meg», «jeg»


async def test_meg_as_the_answer_to_who_is_the_asker(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("ny oppgave")).startswith("Hva er oppgaven?")
    assert _text(await chat.say("skrive notat om legevakt")).startswith("Hvem skal gjøre det?")
    assert _text(await chat.say("meg")).startswith("Når er fristen?")
    saved = _text(await chat.say("fredag"))
    assert saved.startswith("Lagt inn oppgave") and "ansvarlig Britt Kveseth" in saved


async def test_a_one_line_task_led_by_jeg_is_the_askers(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    saved = _text(await chat.say("oppgave: jeg sender rapport til LSU innen 1. desember"))
    assert saved.startswith("Lagt inn oppgave") and ": sender rapport til LSU –" in saved
    assert "ansvarlig Britt Kveseth" in saved and "frist 1. desember 2026" in saved
    assert await _new_tasks(database_url, "Britt Kveseth") == [
        ("sender rapport til LSU", date(2026, 12, 1))
    ]


async def test_an_asker_the_bot_does_not_know_is_asked_for_their_name(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Chris F.")  # a display name nobody in the minutes has
    asked = _text(await chat.say("oppgave: jeg sender rapport til LSU innen 1. desember"))
    assert asked == "Jeg vet ikke hvem du er i referatene. Hva heter du?"
    assert _text(await chat.say("meg")) == asked  # still not known
    saved = _text(await chat.say("Christine Furuholmen"))
    assert saved.startswith("Lagt inn oppgave") and "ansvarlig Christine Furuholmen" in saved
    assert await _new_tasks(database_url, "Christine Furuholmen") == [
        ("sender rapport til LSU", date(2026, 12, 1))
    ]


async def test_meg_ryan_is_a_name_not_the_asker(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    asked = _text(await chat.say("oppgave: Meg Ryan ringer fastlegene innen fredag"))
    assert asked.startswith("Hvem skal gjøre det?")  # nobody called Meg Ryan: asked for
    assert "Jeg finner ingen «Meg Ryan»" in _text(await chat.say("Meg Ryan"))
    assert await _new_tasks(database_url, "Britt Kveseth") == []


# ---------------------------------------------------------------- a deadline just passed


@pytest.fixture
async def december_4(
    database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[Running]:
    """The bot on Friday 4 December 2026, 10:00 in Oslo."""
    clock = FixedClock(datetime(2026, 12, 4, 9, tzinfo=UTC))
    async for running in start_bot(database_url, connector, clock=clock):
        yield running


PASSED = "1. desember er passert – mente du 1. desember 2027, eller en annen dato?"


async def test_a_one_line_task_due_just_passed_asks_instead_of_storing(
    seeded: None, december_4: Running, database_url: str
) -> None:
    chat = Conversation(december_4, "Britt Kveseth")
    asked = _text(await chat.say("oppgave: Britt skriver notat innen 1. desember"))
    assert asked == PASSED
    assert await _new_tasks(database_url, "Britt Kveseth") == []
    saved = _text(await chat.say("15. desember"))
    assert saved.startswith("Lagt inn oppgave") and "frist 15. desember 2026" in saved
    assert await _new_tasks(database_url, "Britt Kveseth") == [
        ("skriver notat", date(2026, 12, 15))
    ]


async def test_ja_keeps_next_years_date(
    seeded: None, december_4: Running, database_url: str
) -> None:
    chat = Conversation(december_4, "Britt Kveseth")
    assert _text(await chat.say("oppgave: jeg skriver notat frist 1.12")) == PASSED
    assert "frist 1. desember 2027" in _text(await chat.say("ja"))
    assert await _new_tasks(database_url, "Britt Kveseth") == [("skriver notat", date(2027, 12, 1))]


async def test_the_guided_dialog_asks_too_and_nei_asks_for_the_deadline_again(
    seeded: None, december_4: Running, database_url: str
) -> None:
    chat = Conversation(december_4, "Britt Kveseth")
    await chat.say("ny oppgave")
    await chat.say("ringe fastlegene")
    assert _text(await chat.say("meg")).startswith("Når er fristen?")
    assert _text(await chat.say("1. desember")) == PASSED
    assert _text(await chat.say("tja")).startswith("Svar «ja» for 1. desember 2027")
    assert _text(await chat.say("nei")).startswith("Når er fristen?")
    saved = _text(await chat.say("ingen"))
    assert "ingen frist" in saved
    assert await _new_tasks(database_url, "Britt Kveseth") == [("ringe fastlegene", None)]


async def test_a_past_date_given_instead_is_questioned_as_past(
    seeded: None, december_4: Running, database_url: str
) -> None:
    chat = Conversation(december_4, "Britt Kveseth")
    assert _text(await chat.say("oppgave: Britt skriver notat innen 1. desember")) == PASSED
    asked = _text(await chat.say("2.12.2026"))
    assert asked == "Fristen 2. desember 2026 har allerede vært. Vil du bruke den likevel? (ja/nei)"
    assert "frist 2. desember 2026" in _text(await chat.say("ja"))


@pytest.mark.parametrize(
    ("timezone", "reply"),
    [
        ("Europe/Oslo", "3. desember er passert – mente du 3. desember 2027, eller en annen dato?"),
        ("America/New_York", "Lagt inn oppgave"),  # still 3 December there: due today
    ],
)
async def test_just_passed_is_the_committees_today(
    seeded: None,
    database_url: str,
    connector: tuple[FakeConnector, str],
    timezone: str,
    reply: str,
) -> None:
    clock = FixedClock(datetime(2026, 12, 3, 23, 30, tzinfo=UTC))  # 00:30 on 4 Dec in Oslo
    async for running in start_bot(database_url, connector, clock=clock, timezone=timezone):
        chat = Conversation(running, "Britt Kveseth")
        answer = _text(await chat.say("oppgave: Britt skriver notat innen 3. desember"))
        assert answer.startswith(reply), answer
        if timezone == "America/New_York":
            assert "frist 3. desember 2026" in answer
