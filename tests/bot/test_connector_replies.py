"""Whatever success the Bot Connector answers a send with, the turn is done and its reply
delivered: 200 or 201 with the message's id, 202 or 204 with no body (Microsoft's Teams
emulator answers text-and-card replies so), 200 with no body or one that is not JSON.
Over real HTTP, with the Connector fake answering each way, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.teams_bot import TYPING_AFTER_S
from storage.database import Database
from storage.models import ChatIdentity, Delivery, Person, Task

from .activities import aad_object_id, teams_member, teams_message, user_id
from .conftest import Running, start_bot
from .fake_connector import ANSWERS, FakeConnector, Sent
from .reminder_world import World

# Every way the fake can answer an accepted send (200 {"id": …} is the usual one).
SUCCESS = sorted(ANSWERS)
HENRIK = "a:henrik-personal"


@pytest.fixture(params=SUCCESS)
async def bot(
    request: pytest.FixtureRequest, database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[Running]:
    connector[0].answer = request.param
    async for running in start_bot(database_url, connector):
        yield running


class Chat:
    """One personal Teams chat: each message posted, the replies it got."""

    def __init__(self, bot: Running, user: str = "Britt Kveseth") -> None:
        self.bot, self.user = bot, user
        self.id = teams_message("x", bot.connector_url)["conversation"]["id"]

    async def say(self, text: str, replies: int = 1) -> list[dict[str, Any]]:
        fake = self.bot.connector
        before = len(fake.messages())
        activity = teams_message(text, self.bot.connector_url, user=self.user)
        activity["conversation"]["id"] = self.id
        response = await self.bot.post(activity)
        assert response.status == 201, await response.text()
        got = (await fake.wait_for_messages(before + replies))[before:]
        assert len(fake.messages()) == before + replies  # no apology after them
        return got


def failures(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the bot logged about something going wrong."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING or "failed" in r.getMessage()
    ]


def card(reply: dict[str, Any]) -> str:
    return str([a.get("content") for a in reply.get("attachments") or []])


async def test_a_question_is_answered_with_its_card(
    seeded: None, bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot"):
        (reply,) = await Chat(bot).say("hva ble bestemt om LAR?")
    assert "LAR" in card(reply) and reply.get("summary")
    assert failures(caplog) == []


async def test_a_dialog_with_cards_and_help_keeps_its_state(
    seeded: None, bot: Running, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    chat = Chat(bot)
    with caplog.at_level(logging.DEBUG, logger="bot"):
        (ask,) = await chat.say("ny oppgave")
        assert ask["text"].startswith("Hva er oppgaven?") and ask.get("attachments")
        helped = await chat.say("hjelp", replies=2)
        assert helped[0]["text"].startswith("Beskriv oppgaven")
        assert helped[1]["text"].startswith("Hva er oppgaven?")
        # the dialog's state was saved: it goes on from where it was
        (who,) = await chat.say("lage et notat om legevakt")
        assert who["text"].startswith("Hvem skal gjøre det?")
        (when,) = await chat.say("Britt Kveseth")
        assert when["text"].startswith("Når er fristen?")
        (saved,) = await chat.say("ingen")
    assert saved["text"].startswith("Lagt inn oppgave")
    db = Database(database_url)
    try:
        async with db.session() as session:
            added = select(Task.description).where(Task.description.contains("legevakt"))
            tasks = (await session.scalars(added)).all()
    finally:
        await db.close()
    assert tasks == ["lage et notat om legevakt"]
    assert failures(caplog) == []


async def test_help_is_answered(bot: Running, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="bot"):
        (reply,) = await Chat(bot).say("hjelp")
    said = reply["text"].lower()
    assert all(word in said for word in ("vedtak", "møte", "oppgave", "abonner"))
    assert failures(caplog) == []


async def test_typing_then_the_answer(bot: Running, caplog: pytest.LogCaptureFixture) -> None:
    # The member lookup behind «my tasks» is slow: the typing indicator goes out first.
    bot.connector.member_delay = TYPING_AFTER_S + 0.3
    bot.connector.members[user_id("Britt Kveseth")] = teams_member("Britt Kveseth")
    with caplog.at_level(logging.DEBUG, logger="bot"):
        (reply,) = await Chat(bot).say("hvilke oppgaver har jeg?")
    assert reply["text"]
    assert len(bot.connector.typing()) == 1
    assert [s.activity["type"] for s in bot.connector.sent] == ["typing", "message"]
    assert failures(caplog) == []  # not even "typing indicator failed"


# ---- reminders: sent once and recorded, with no id to keep when the Connector gives none --


@pytest.fixture
async def ssu(ssu: World) -> World:
    """The SSU world, subscribed to SSU in the team's channel."""
    await ssu.say("abonner på SSU")
    return ssu


async def _ledger(w: World, kind: str) -> list[tuple[str, int, str | None]]:
    return await w.db.read(
        lambda s: [
            (d.status, d.attempts, d.activity_id)
            for d in s.scalars(select(Delivery).where(Delivery.kind == kind))
        ]
    )


@pytest.mark.parametrize("answer", ["202-empty", "204-empty", "200-text"])
async def test_a_reminder_answered_without_an_id_is_sent_once(
    ssu: World, answer: str, caplog: pytest.LogCaptureFixture
) -> None:
    ssu.connector.answer = answer
    with caplog.at_level(logging.DEBUG, logger="bot"):
        report = await ssu.at("2026-12-03 09:00")
        assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
        assert await _ledger(ssu, "agenda") == [("sent", 1, None)]
        assert not await ssu.at("2026-12-03 09:05")
        await ssu.at("2026-12-03 12:00")
    assert len(ssu.agenda_posts()) == 1  # not again: the Connector had taken it
    assert failures(caplog) == []


async def test_a_reminder_answered_with_201_keeps_its_id(ssu: World) -> None:
    ssu.connector.answer = "201"
    assert (await ssu.at("2026-12-03 09:00")).sent == 1
    (post,) = ssu.agenda_posts()
    assert await _ledger(ssu, "agenda") == [("sent", 1, post.id)]


async def _henrik_chats(w: World) -> None:
    """Henrik Berg, linked to his Teams user, has talked to the bot in a personal chat."""

    def link(session: Any) -> None:
        person = session.scalar(select(Person).where(Person.name == "Henrik Berg"))
        session.add(ChatIdentity(tenant="default", channel="msteams", person_id=person.id,
                                 user_key=aad_object_id("Henrik Berg")))  # fmt: skip

    await w.db.write(link)
    before = len(w.connector.messages())
    activity = teams_message("hei", w.bot.connector_url, user="Henrik Berg")
    activity["conversation"]["id"] = HENRIK
    assert (await w.bot.post(activity)).status == 201
    await w.connector.wait_for_messages(before + 1)


async def _press_done(w: World, reminder: Sent) -> str:
    """Henrik presses «Marker som ferdig» on the reminder's card; the bot's reply."""
    (button,) = [a for a in _actions(reminder.activity) if a.get("type") == "Action.Submit"]
    before = len(w.connector.messages())
    press = teams_message("", w.bot.connector_url, user="Henrik Berg")
    press["conversation"]["id"] = HENRIK
    press["replyToId"] = reminder.id  # Teams knows the message's id even if we were not told
    del press["text"]
    press["value"] = button["data"]
    assert (await w.bot.post(press)).status == 201
    return (await w.connector.wait_for_messages(before + 1))[before]["text"]


def _actions(node: object) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return list(node.get("actions") or []) + [
            a for value in node.values() for a in _actions(value)
        ]
    if isinstance(node, list):
        return [a for item in node for a in _actions(item)]
    return []


async def test_a_task_reminder_card_is_updated_when_the_update_gets_202(
    ssu: World, caplog: pytest.LogCaptureFixture
) -> None:
    await _henrik_chats(ssu)
    await ssu.at("2026-12-04 09:00")  # sent with 200 {"id": …}: the id is kept
    (reminder,) = ssu.task_posts()
    ssu.connector.answer = "202-empty"  # the reply to the press and the card's update
    with caplog.at_level(logging.DEBUG, logger="bot"):
        assert "er markert som ferdig" in await _press_done(ssu, reminder)
    (update,) = ssu.connector.updates
    assert update.reply_to == reminder.id and "Ferdig: markert av" in str(update.activity)
    assert failures(caplog) == []


async def test_a_task_reminder_sent_without_an_id_is_done_but_its_card_stays(
    ssu: World, caplog: pytest.LogCaptureFixture
) -> None:
    await _henrik_chats(ssu)
    ssu.connector.answer = "202-empty"
    with caplog.at_level(logging.DEBUG, logger="bot"):
        report = await ssu.at("2026-12-04 09:00")
        assert (report.failed, report.retrying) == (0, 0)
        (reminder,) = ssu.task_posts()
        assert await _ledger(ssu, "task") == [("sent", 1, None)]
        # The task is marked done; the card cannot be found by its id (the Connector gave
        # none), so it is left as it was rather than guessed at.
        assert "er markert som ferdig" in await _press_done(ssu, reminder)
    assert ssu.connector.updates == []
    status = await ssu.db.read(
        lambda s: s.scalar(select(Task.status).where(Task.description == "Sende budsjettforslag"))
    )
    assert status == "done"
    assert failures(caplog) == []
    await ssu.at("2026-12-08 09:00")  # done: its due-day reminder is not sent
    assert len(ssu.task_posts()) == 1
