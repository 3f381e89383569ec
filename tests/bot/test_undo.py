"""«angre» / "undo" puts back the asker's last change made in chat in this conversation: a
task added, done, postponed or given to someone else, a case proposed, a meeting planned or
moved. Only their own, only here, only within a day; what was changed since, or what
something hangs on, is left as it is. End to end over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from assistant.clock import FixedClock

from .activities import teams_message
from .chat_records import (
    changes_recorded,
    chat_cases,
    chat_meetings,
    chat_tasks,
    task_fields,
)
from .conftest import NOW, Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text

NOTHING = "Det er ingenting å angre: du har ikke endret noe i denne samtalen det siste døgnet."


@pytest.fixture
async def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def chat_bot(
    database_url: str, connector: tuple[FakeConnector, str], clock: FixedClock
) -> AsyncIterator[Running]:
    """The bot on a clock the test can move."""
    async for running in start_bot(database_url, connector, clock=clock):
        yield running


def _id(reply: str) -> int:
    m = re.search(r"oppgave (\d+)", reply, re.IGNORECASE)
    assert m, reply
    return int(m.group(1))


async def test_a_task_added_is_deleted(seeded: None, chat_bot: Running, database_url: str) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    task = _id(_text(await chat.say("oppgave: Britt lager budsjettnotat innen 1. mars")))
    assert _text(await chat.say("angre")) == (
        f"Angret: oppgave {task} (lager budsjettnotat) er slettet."
    )
    assert await chat_tasks(database_url) == []
    assert _text(await chat.say("angre")) == NOTHING
    assert await changes_recorded(database_url) == [("task_added", "Britt Kveseth", True)]


async def test_done_postponed_and_reassigned_are_put_back_newest_first(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    task = _id(_text(await chat.say("oppgave: Britt lager notat innen 1. mars")))
    await chat.say(f"utsett oppgave {task} til 1. april")
    assert _text(await chat.say(f"gi oppgave {task} til AU")).endswith("er gitt til AU.")
    await chat.say(f"ferdig med oppgave {task}")
    assert (await task_fields(database_url, task))["status"] == "done"

    assert _text(await chat.say("angre")) == f"Angret: oppgave {task} (lager notat) er åpen igjen."
    assert (await task_fields(database_url, task))["status"] == "open"
    assert _text(await chat.say("angre siste")) == (
        f"Angret: oppgave {task} (lager notat) er gitt tilbake til Britt Kveseth."
    )
    assert (await task_fields(database_url, task))["assignee"] == "Britt Kveseth"
    assert _text(await chat.say("angre det")) == (
        f"Angret: oppgave {task} (lager notat) har frist 1. mars 2027 igjen."
    )
    assert (await task_fields(database_url, task))["due"] == date(2027, 3, 1)
    assert _text(await chat.say("angre")).endswith("er slettet.")
    assert await task_fields(database_url, task) is None


async def test_a_reopened_task_is_done_again(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    task = _id(_text(await chat.say("oppgave: Britt lager notat innen 1. mars")))
    await chat.say(f"ferdig med oppgave {task}")
    await chat.say(f"gjenåpne oppgave {task}")
    assert _text(await chat.say("undo")) == (
        f"Undone: task {task} (lager notat) is marked as done again."
    )
    assert (await task_fields(database_url, task))["status"] == "done"


async def test_the_card_button_is_a_change_too(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    task = _id(_text(await chat.say("oppgave: Britt lager notat innen 1. mars")))
    await chat.press({"referent": "task.done", "task_id": task})
    assert _text(await chat.say("angre")).endswith("er åpen igjen.")


async def test_a_case_and_a_meeting_added_are_deleted(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    await chat.say("nytt møte SSU 14. desember kl 13-15 Grønland 32, Drammen")
    await chat.say("ja")
    assert await chat_meetings(database_url) == [(date(2026, 12, 14), "12:00")]
    await chat.say("meld inn sak til SSU: Legevaktsamarbeid")
    await chat.say("ingen")
    await chat.say("beslutning")
    await chat.say("ja")
    assert await chat_cases(database_url) == ["Legevaktsamarbeid"]
    assert _text(await chat.say("angre")) == (
        "Angret: saken «Legevaktsamarbeid» er trukket, og står ikke lenger på sakslisten til SSU."
    )
    assert await chat_cases(database_url) == []
    assert "Legevaktsamarbeid" not in _text(await chat.say("hva står på sakslisten til SSU?"))
    assert _text(await chat.say("angre")) == (
        "Angret: møtet i SSU mandag 14. desember 2026 kl. 13:00–15:00 er slettet."
    )
    assert await chat_meetings(database_url) == []


async def test_a_meeting_moved_goes_back(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    await chat.say("nytt møte SSU 14. desember kl 13-15 Grønland 32, Drammen")
    await chat.say("ja")
    await chat.say("flytt SSU-møtet 14. desember til 15. desember kl 10")
    await chat.say("ja")
    assert await chat_meetings(database_url) == [(date(2026, 12, 15), "09:00")]
    assert _text(await chat.say("angre")) == (
        "Angret: møtet i SSU er flyttet tilbake til mandag 14. desember 2026 kl. 13:00–15:00."
    )
    assert await chat_meetings(database_url) == [(date(2026, 12, 14), "12:00")]


async def test_a_meeting_a_case_was_proposed_for_is_kept(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    britt = Conversation(chat_bot, "Britt Kveseth")
    await britt.say("nytt møte SSU 14. desember kl 13-15")
    await britt.say("ingen")
    await britt.say("ja")
    christine = Conversation(chat_bot, "Christine Furuholmen")
    christine.id = britt.id  # the same (group) chat
    await christine.say("meld inn sak til SSU: Legevaktsamarbeid")
    await christine.say("ingen")
    await christine.say("beslutning")
    await christine.say("ja")
    assert _text(await britt.say("angre")) == (
        "Det siste du la inn her var møtet i SSU mandag 14. desember 2026 kl. 13:00–15:00, "
        "men noe er knyttet til det nå (oppgaver, saker eller påminnelser), så jeg lar det stå."
    )
    assert await chat_meetings(database_url) == [(date(2026, 12, 14), "12:00")]


async def test_only_the_askers_own_changes_and_only_in_this_conversation(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    britt = Conversation(chat_bot, "Britt Kveseth")
    await britt.say("oppgave: Britt lager notat innen 1. mars")
    christine = Conversation(chat_bot, "Christine Furuholmen")
    christine.id = britt.id  # the same group chat, someone else
    assert _text(await christine.say("angre")) == NOTHING
    elsewhere = Conversation(chat_bot, "Britt Kveseth")  # her, in another chat
    assert _text(await elsewhere.say("angre")) == NOTHING
    assert len(await chat_tasks(database_url)) == 1


async def test_a_change_someone_made_since_is_not_overwritten(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    britt = Conversation(chat_bot, "Britt Kveseth")
    task = _id(_text(await britt.say("oppgave: Christine Furuholmen lager notat innen 1. mars")))
    christine = Conversation(chat_bot, "Christine Furuholmen")
    await christine.say(f"ferdig med oppgave {task}")  # in her own chat: it is hers
    assert _text(await britt.say("angre")) == (
        f"Det siste du endret her gjaldt oppgave {task} (lager notat), men det er endret "
        "siden, så jeg lar det være."
    )
    assert (await task_fields(database_url, task))["status"] == "done"
    assert _text(await christine.say("angre")).endswith("er åpen igjen.")  # hers, she may


@pytest.mark.parametrize("timezone", ["Europe/Oslo", "America/New_York"])
async def test_only_within_a_day(
    seeded: None, database_url: str, connector: tuple[FakeConnector, str], timezone: str
) -> None:
    clock = FixedClock(datetime(2026, 11, 23, 22, 30, tzinfo=UTC))
    async for running in start_bot(database_url, connector, clock=clock, timezone=timezone):
        chat = Conversation(running, "Britt Kveseth")
        await chat.say("oppgave: Britt lager notat innen 1. mars")
        clock.at += timedelta(hours=23, minutes=59)
        await chat.say("oppgave: Britt ringer fastlegene innen 1. mars")
        clock.at += timedelta(minutes=2)  # the first is a day and a minute old now
        assert _text(await chat.say("angre")).endswith("(ringer fastlegene) er slettet.")
        assert _text(await chat.say("angre")) == NOTHING
        assert [t["description"] for t in await chat_tasks(database_url)] == ["lager notat"]


async def test_the_same_message_handled_again_undoes_nothing_more(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    await chat.say("oppgave: Britt lager notat innen 1. mars")
    await chat.say("oppgave: Britt ringer fastlegene innen 1. mars")
    activity = teams_message("angre", chat_bot.connector_url, user="Britt Kveseth")
    activity["conversation"]["id"] = chat.id
    for _ in range(2):  # the Connector retrying one message, or a turn done again
        before = len(chat_bot.connector.messages())
        assert (await chat_bot.post(activity)).status == 201
        reply = (await chat_bot.connector.wait_for_messages(before + 1))[before]
        assert _text(reply).endswith("(ringer fastlegene) er slettet.")
    assert [t["description"] for t in await chat_tasks(database_url)] == ["lager notat"]


async def test_angre_in_a_dialog_cancels_it(
    seeded: None, chat_bot: Running, database_url: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    await chat.say("oppgave: Britt lager notat innen 1. mars")
    await chat.say("ny oppgave")
    await chat.say("ringe fastlegene")
    assert _text(await chat.say("angre")) == "Avbrutt. Ingenting er lagret."
    assert [t["description"] for t in await chat_tasks(database_url)] == ["lager notat"]


@pytest.mark.parametrize("said", ["jeg angrer på det", "kan jeg angre?", "angrefrist"])
async def test_near_misses_are_no_undo(
    seeded: None, chat_bot: Running, database_url: str, said: str
) -> None:
    chat = Conversation(chat_bot, "Britt Kveseth")
    await chat.say("oppgave: Britt lager notat innen 1. mars")
    reply = _text(await chat.say(said))
    assert not reply.startswith(("Angret", "Det er ingenting å angre"))
    assert len(await chat_tasks(database_url)) == 1
