"""The conversation's language wins over the chat client's locale (Microsoft's Teams
emulator says en-US whatever the user writes): buttons, forms, the compose-box search,
the apology for a failed turn and reminders come in the language the conversation writes
in, and a language someone chose («snakk norsk» / "speak English") wins over everything.
Over real HTTP with the Connector fake, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import DATABASE
from storage.models import ChatConversation

from .activities import compose_query, installed, teams_message
from .conftest import FakeConnector, Running, start_bot
from .reminder_world import World, card_text


class Chat:
    """A personal chat whose Teams client has `locale`."""

    def __init__(self, bot: Running, locale: str, user: str = "Britt Kveseth") -> None:
        self.bot, self.locale, self.user = bot, locale, user
        self.id = teams_message("x", bot.connector_url)["conversation"]["id"]

    def _activity(self, text: str) -> dict[str, Any]:
        activity = teams_message(text, self.bot.connector_url, user=self.user, locale=self.locale)
        activity["conversation"]["id"] = self.id
        return activity

    async def _post(self, activity: dict[str, Any]) -> dict[str, Any]:
        before = len(self.bot.connector.messages())
        response = await self.bot.post(activity)
        assert response.status == 201, await response.text()
        return (await self.bot.connector.wait_for_messages(before + 1))[before]

    async def say(self, text: str) -> str:
        """The reply's text and card, as one string."""
        return _all_text(await self._post(self._activity(text)))

    async def press(self, value: dict[str, Any]) -> str:
        """A card's button (Action.Submit): its data as the value, no text."""
        activity = self._activity("")
        del activity["text"]
        activity["value"] = value
        return _all_text(await self._post(activity))


def _all_text(reply: dict[str, Any]) -> str:
    cards = [
        json.dumps(a.get("content"), ensure_ascii=False) for a in reply.get("attachments") or []
    ]
    return " ".join([reply.get("text") or "", *cards])


def _task_id(reply: str) -> int:
    found = re.search(r"(?:oppgave|task) (\d+)", reply, re.IGNORECASE)
    assert found, reply
    return int(found[1])


async def _stored(bot: Running, conversation_id: str) -> tuple[str | None, str | None]:
    return await bot.app[DATABASE].read(
        lambda s: s.execute(
            select(ChatConversation.language, ChatConversation.language_source).where(
                ChatConversation.conversation_id == conversation_id
            )
        ).one()
    )


async def test_buttons_forms_and_the_search_answer_in_the_language_written(
    seeded: None, bot: Running
) -> None:
    chat = Chat(bot, "en-US")
    saved = await chat.say("oppgave: Britt lager budsjettnotat innen 1. mars")
    assert saved.startswith("Lagt inn oppgave"), saved
    # «Marker som ferdig»: a button press has no words; the chat wrote Norwegian
    done = await chat.press({"referent": "task.done", "task_id": _task_id(saved)})
    assert done.startswith(f"Oppgave {_task_id(saved)} er markert som ferdig"), done
    # the task form, sent filled: its summary
    form = {"referent": "form.task", "description": "skrive referat",
            "assignee": "Britt Kveseth", "due": "2027-03-01"}  # fmt: skip
    summary = await chat.press(form)
    assert summary.startswith("Lagt inn oppgave") and "1. mars 2027" in summary, summary
    # a bare topic shows no language: the chat's, not the client's
    assert "Gjeldende vedtak" in await chat.say("LAR")
    # the compose-box search from this chat
    query = compose_query("LAR", bot.connector_url)
    query["locale"] = "en-US"
    query["conversation"]["id"] = chat.id
    response = await bot.post(query)
    assert response.status == 200
    first = (await response.json())["composeExtension"]["attachments"][0]
    assert "Gjeldende vedtak" in json.dumps(first["content"], ensure_ascii=False)
    assert await _stored(bot, chat.id) == ("nb", "written")


async def test_without_a_word_written_the_locale_still_decides(seeded: None, bot: Running) -> None:
    english, norwegian = Chat(bot, "en-US"), Chat(bot, "nb-NO")
    assert "Current decision" in await english.say("LAR")
    assert "Gjeldende vedtak" in await norwegian.say("LAR")
    # an English question in a Norwegian client: English, and the chat is English now
    assert "Current decision" in await norwegian.say("what was decided about LAR?")
    assert "Current decision" in await norwegian.say("LAR")
    assert await _stored(bot, norwegian.id) == ("en", "written")


async def test_a_chosen_language_wins_over_everything(seeded: None, bot: Running) -> None:
    chat = Chat(bot, "nb-NO")
    assert await chat.say("speak English") == "OK, I'll answer in English here from now on."
    assert "Current decision" in await chat.say("hva ble bestemt om LAR?")
    saved = await chat.say("oppgave: Britt lager budsjettnotat innen 1. mars")
    assert saved.startswith("Added task"), saved
    done = await chat.press({"referent": "task.done", "task_id": _task_id(saved)})
    assert done.startswith(f"Task {_task_id(saved)} is marked as done"), done
    assert await _stored(bot, chat.id) == ("en", "chosen")
    # near misses: not a request for a language, and the choice stands
    assert not (await chat.say("snakk norsk med Britt om LAR")).startswith("Greit")
    assert await _stored(bot, chat.id) == ("en", "chosen")
    assert await chat.say("Snakk norsk, takk!") == "Greit, jeg svarer på norsk her fra nå av."
    assert "Gjeldende vedtak" in await chat.say("what was decided about LAR?")
    assert await _stored(bot, chat.id) == ("nb", "chosen")


async def test_the_welcome_on_reinstalling_is_in_the_chosen_language(bot: Running) -> None:
    chat = Chat(bot, "nb-NO")
    await chat.say("speak English")
    activity = installed(bot.connector_url, locale="nb-NO")
    activity["conversation"]["id"] = chat.id
    before = len(bot.connector.messages())
    assert (await bot.post(activity)).status == 201
    welcome = (await bot.connector.wait_for_messages(before + 1))[before]["text"]
    assert welcome.startswith("Hi"), welcome


# ---- the apology for a failed turn ---------------------------------------------------------


@pytest.fixture
async def broken_bot(connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    """The database is a PostgreSQL server that is not there: every turn fails."""
    async for running in start_bot(
        "postgresql+asyncpg://nobody@127.0.0.1:9/none", connector, reminders=False
    ):
        yield running


@pytest.mark.parametrize(
    ("words", "locale", "apology"),
    [
        ("hva ble bestemt om LAR?", "en-US", "Beklager, noe gikk galt"),
        ("ny oppgave", "en-US", "Beklager, noe gikk galt"),
        ("what was decided about LAR?", "nb-NO", "Sorry, something went wrong"),
        ("LAR", "en-US", "Sorry, something went wrong"),  # no word shows it: the locale
        ("LAR", "nb-NO", "Beklager, noe gikk galt"),
    ],
)
async def test_the_apology_is_in_the_language_written(
    broken_bot: Running, words: str, locale: str, apology: str
) -> None:
    response = await broken_bot.post(teams_message(words, broken_bot.connector_url, locale=locale))
    assert response.status == 201
    (reply,) = await broken_bot.connector.wait_for_messages(1)
    assert reply["text"].startswith(apology), reply["text"]


# ---- reminders: written in the conversation's language ---------------------------------------


async def _say_in_channel(w: World, channel: str, words: str, locale: str) -> str:
    """`words` to the bot in a channel of the team (mentioning it), from a client with
    `locale`: the reply's text."""
    before = len(w.connector.messages())
    activity = teams_message(
        words, w.bot.connector_url, conversation_type="channel", mention=True, locale=locale
    )
    activity["conversation"]["id"] = f"{channel};messageid=1"
    activity["channelData"].update(
        team={"id": "19:team@thread.tacv2", "name": "Helsefellesskapet"},
        channel={"id": channel, "name": channel.split(":")[1].split("@")[0]},
    )
    assert (await w.bot.post(activity)).status == 201
    return (await w.connector.wait_for_messages(before + 1))[before].get("text") or ""


async def test_reminders_are_in_the_language_the_channel_writes_or_chose(ssu: World) -> None:
    norwegian, english, chosen = (
        "19:norsk@thread.tacv2",
        "19:english@thread.tacv2",
        "19:valgt@thread.tacv2",
    )
    said = await _say_in_channel(ssu, norwegian, "abonner på SSU", "en-US")
    assert said.startswith("Denne samtalen får nå sakslisten"), said
    said = await _say_in_channel(ssu, english, "subscribe to SSU", "nb-NO")
    assert said.startswith("This conversation now gets the agenda"), said
    await _say_in_channel(ssu, chosen, "abonner på SSU", "nb-NO")
    said = await _say_in_channel(ssu, chosen, "please speak English", "nb-NO")
    assert said.startswith("OK, I'll answer in English"), said
    await _say_in_channel(ssu, chosen, "hva står på sakslisten?", "nb-NO")  # chosen stands

    await ssu.at("2026-12-03 09:00")
    posts = {p.conversation_id: card_text(p) for p in ssu.posts()}
    assert posts[norwegian].startswith("Påminnelse: SSU-møte torsdag 10. desember 2026")
    assert posts[english].startswith("Reminder: SSU meeting Thursday 10 December 2026")
    assert posts[chosen].startswith("Reminder: SSU meeting Thursday 10 December 2026")


async def test_a_reminders_button_in_a_channel_answers_in_the_channels_language(
    ssu: World,
) -> None:
    channel = "19:norsk@thread.tacv2"
    await _say_in_channel(ssu, channel, "abonner på SSU", "en-US")
    await ssu.at("2026-12-04 09:00")  # Henrik's task, due 8 December: to the channel
    (reminder,) = ssu.task_posts()
    assert card_text(reminder).startswith("Påminnelse: oppgaven har frist 8. desember 2026.")
    # pressed in the reminder's own thread, which nobody has written in
    before = len(ssu.connector.messages())
    press = teams_message(  # by Henrik, whose task it is
        "", ssu.bot.connector_url, conversation_type="channel", locale="en-US", user="Henrik Berg"
    )
    press["conversation"]["id"] = f"{channel};messageid={reminder.id}"
    press["channelData"].update(team={"id": "19:team@thread.tacv2"}, channel={"id": channel})
    press["replyToId"] = reminder.id
    del press["text"]
    task_id = next(f["value"] for f in _facts(reminder.activity) if f["title"] == "Oppgave nr.")
    press["value"] = {"referent": "task.done", "task_id": int(task_id)}
    assert (await ssu.bot.post(press)).status == 201
    reply = (await ssu.connector.wait_for_messages(before + 1))[before]
    assert reply["text"].startswith(f"Oppgave {task_id} er markert som ferdig"), reply["text"]
    (update,) = ssu.connector.updates
    assert "Ferdig: markert av" in str(update.activity)


def _facts(node: object) -> list[dict[str, str]]:
    if isinstance(node, dict):
        return list(node.get("facts") or []) + [f for v in node.values() for f in _facts(v)]
    if isinstance(node, list):
        return [f for item in node for f in _facts(item)]
    return []
