"""Adding tasks from Teams, end to end over HTTP: the real server, the real adapter, the
dialog state in the real database, replies at the local Connector fake."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import BOT
from bot.cli import main
from storage.database import Database
from storage.models import Task

from .activities import teams_message
from .chat_records import task_fields
from .conftest import NOW, Running, start_bot
from .fake_connector import FakeConnector


class Conversation:
    """One Teams conversation with one user: each message gets the next reply."""

    def __init__(self, bot: Running, user: str) -> None:
        self.bot, self.user = bot, user
        self.id = teams_message("x", bot.connector_url)["conversation"]["id"]

    async def say(self, text: str, via: Running | None = None, replies: int = 1) -> dict[str, Any]:
        """The first reply to `text` (after waiting for `replies` of them)."""
        bot = via or self.bot
        before = len(bot.connector.messages())
        activity = teams_message(text, bot.connector_url, user=self.user)
        activity["conversation"]["id"] = self.id
        response = await bot.post(activity)
        assert response.status == 201, await response.text()
        return (await bot.connector.wait_for_messages(before + replies))[before]

    async def press(self, value: dict[str, Any]) -> str:
        """What Teams sends when a card's button is pressed (Action.Submit): the button's
        data and the card's fields as the message's value, no text. The first reply."""
        bot = self.bot
        before = len(bot.connector.messages())
        submit = teams_message("", bot.connector_url, user=self.user)
        submit["conversation"]["id"] = self.id
        del submit["text"]
        submit["value"] = value
        assert (await bot.post(submit)).status == 201
        return _text((await bot.connector.wait_for_messages(before + 1))[before])


def _text(reply: dict[str, Any]) -> str:
    """The reply as one string: its text and any card's content."""
    cards = [
        json.dumps(a.get("content"), ensure_ascii=False) for a in reply.get("attachments") or []
    ]
    return " ".join([reply.get("text") or "", *cards])


async def test_a_task_added_in_one_line_is_answerable_at_once(
    seeded: None, bot: Running, database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    saved = _text(await britt.say("oppgave: Britt lager budsjettnotat innen 1. mars"))
    assert saved.startswith("Lagt inn oppgave") and "Britt Kveseth" in saved
    assert "1. mars 2027" in saved
    mine = _text(await britt.say("hvilke oppgaver har jeg?"))
    assert "Lager budsjettnotat" in mine and "Lagt inn i chat av Britt Kveseth" in mine
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["tasks", "--for", "Britt Kveseth"]) == 0
    assert "lager budsjettnotat" in capsys.readouterr().out


async def test_a_whole_dialog_over_http(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("ny oppgave")).startswith("Hva er oppgaven?")
    assert _text(await chat.say("lage et notat om legevakt")).startswith("Hvem skal gjøre det?")
    assert _text(await chat.say("Britt Kveseth")).startswith("Når er fristen?")
    assert _text(await chat.say("hjelp", replies=2)).startswith("Skriv en dato")
    saved = _text(await chat.say("fredag"))
    assert saved.startswith("Lagt inn oppgave") and "27. november 2026" in saved
    # the dialog is over: a question is a question again
    assert "Lage et notat om legevakt" in _text(await chat.say("hvilke oppgaver har jeg?"))
    assert len(bot.connector.messages()) == 7  # one reply per message (help: text + prompt)


@pytest.fixture
async def second(database_url: str, bot: Running) -> AsyncIterator[Running]:
    """A second bot instance on the same database, replying to the same Connector fake."""
    async for running in start_bot(database_url, (bot.connector, bot.connector_url)):
        yield running


async def test_two_messages_at_once_on_two_instances_lose_nothing(
    seeded: None, bot: Running, second: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave: rydde arkivet")  # waiting for who
    connector: FakeConnector = bot.connector
    before = len(connector.messages())
    first = teams_message("AU", bot.connector_url, user="Britt Kveseth")
    other = teams_message("Britt Kveseth", bot.connector_url, user="Britt Kveseth")
    for activity in (first, other):
        activity["conversation"]["id"] = chat.id
    responses = await asyncio.gather(bot.post(first), second.post(other))
    assert [r.status for r in responses] == [201, 201]
    replies = [_text(m) for m in (await connector.wait_for_messages(before + 2))[before:]]
    # Whichever came first answered "who?"; the other was then taken as the deadline, and
    # is no date: asked again. Neither was lost, neither answered twice.
    starts = ("Det leste jeg ikke som en dato", "Når er fristen?")
    assert sorted(next(s for s in starts if r.startswith(s)) for r in replies) == list(starts)
    retried = sum(running.app[BOT].conversations.retried for running in (bot, second))
    if database_url.startswith("postgresql"):
        assert retried == 0  # the advisory lock made them take turns
    # On SQLite (one process per file in production) they raced here, and usually one turn
    # was done again after its state save conflicted: what it replied above is that redo.
    saved = _text(await chat.say("ingen", via=second))
    assert saved.startswith("Lagt inn oppgave") and "rydde arkivet" in saved
    db = Database(database_url)
    try:
        async with db.session() as session:
            count = (
                select(func.count()).select_from(Task).where(Task.description == "rydde arkivet")
            )
            assert await session.scalar(count) == 1
    finally:
        await db.close()


def test_now_is_a_monday() -> None:
    assert NOW.weekday() == 0  # the deadlines above ("fredag" = 27 November) rely on it


async def test_the_task_card_button_marks_the_task_done(seeded: None, bot: Running) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    saved = _text(await britt.say("oppgave: Britt lager budsjettnotat innen 1. mars"))
    task_id = int(saved.split(":")[0].split()[-1])
    card = json.dumps((await britt.say("hvilke oppgaver har jeg?"))["attachments"][0]["content"])
    button = {"referent": "task.done", "task_id": task_id}
    assert json.dumps(button) in card and "Marker som ferdig" in card
    reply = await britt.press(button)
    assert reply.startswith(f"Oppgave {task_id} er markert som ferdig")
    assert "lager budsjettnotat" not in _text(await britt.say("hvilke oppgaver har jeg?"))


async def test_a_task_added_after_a_decision_belongs_to_that_case(
    seeded: None, bot: Running
) -> None:
    britt = Conversation(bot, "Britt Kveseth")
    assert "2023.30" in _text(await britt.say("hva ble bestemt om LAR?"))
    await britt.say("oppgave: Britt sender rutinen til kommunene innen 1. mars")
    mine = (await britt.say("hvilke oppgaver har jeg?"))["attachments"][0]["content"]
    rows = [c for c in mine["body"] if c.get("type") == "Container"]
    row = next(
        r for r in rows if "Sender rutinen til kommunene" in json.dumps(r, ensure_ascii=False)
    )
    assert "sak 2023.30" in json.dumps(row, ensure_ascii=False)


async def _send_form(chat: Conversation, value: dict[str, Any]) -> str:
    return await chat.press({"referent": "form.task", **value})


async def test_the_task_form_fills_the_dialog_at_once(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    ask = await chat.say("ny oppgave")
    assert ask["text"].startswith("Hva er oppgaven?")
    form = ask["attachments"][0]["content"]
    assert [e.get("id") for e in form["body"] if e.get("id")] == ["description", "assignee", "due"]
    fields = {"description": "lage notat om legevakt", "assignee": "Britt Kveseth"}
    saved = await _send_form(chat, {**fields, "due": "2026-12-01"})
    assert saved.startswith("Lagt inn oppgave") and "1. desember 2026" in saved
    assert "Lage notat om legevakt" in _text(await chat.say("hvilke oppgaver har jeg?"))
    # A form without a deadline: only that is asked; an unknown name is questioned first.
    await chat.say("ny oppgave")
    asked = await _send_form(chat, {"description": "ringe fastlegene", "assignee": "Zorro"})
    assert "Jeg finner ingen «Zorro»" in asked
    assert _text(await chat.say("Britt Kveseth")).startswith("Når er fristen?")
    assert _text(await chat.say("ingen")).startswith("Lagt inn oppgave")


async def test_the_cards_done_button_is_the_tasks_people_only(
    seeded: None, bot: Running, database_url: str
) -> None:
    """«Marker som ferdig» on a card: Britt's own task is done at her press; pressed by
    someone the task does not concern, it is refused, says who can, and stays open."""
    britt = Conversation(bot, "Britt Kveseth")
    saved = _text(await britt.say("oppgave: Britt lager budsjettnotat innen 1. mars"))
    task_id = int(re.search(r"oppgave (\d+)", saved).group(1))  # type: ignore[union-attr]
    stranger = Conversation(bot, "Erik Nordberg")
    refused = await stranger.press({"referent": "task.done", "task_id": task_id})
    assert refused.startswith(f"Oppgave {task_id} kan bare endres av Britt Kveseth")
    assert (await task_fields(database_url, task_id))["status"] == "open"  # type: ignore[index]
    done = await britt.press({"referent": "task.done", "task_id": task_id})
    assert done.startswith(f"Oppgave {task_id} er markert som ferdig")
