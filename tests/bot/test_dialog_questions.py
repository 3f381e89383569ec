"""A question asked while a dialog waits for an answer is answered, through the same
Assistant the bot answers every question with, and the dialog goes on where it was: its
question again. Text that is the answer (a task, a name, a date) is taken as the answer,
however much it looks like a topic. End to end over HTTP, SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .chat_records import chat_cases, chat_tasks
from .conftest import Running
from .test_capture import Conversation, _text

WHO = "Hvem skal gjøre det?"
WHAT = "Hva er oppgaven?"


async def _replies(chat: Conversation, text: str, count: int) -> list[str]:
    """The `count` replies to `text`, each as one string."""
    await chat.say(text, replies=count)
    return [_text(m) for m in chat.bot.connector.messages()[-count:]]


async def test_a_question_instead_of_who_is_answered_then_who_is_asked_again(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave")
    assert _text(await chat.say("skrive notat om legevakt")).startswith(WHO)
    answer, again = await _replies(chat, "hva ble bestemt om LAR?", 2)
    assert "2023.30" in answer and "LAR" in answer  # the decision card, as outside a dialog
    assert again.startswith(WHO)
    assert _text(await chat.say("Britt Kveseth")).startswith("Når er fristen?")
    saved = _text(await chat.say("ingen"))
    assert saved.startswith("Lagt inn oppgave") and "skrive notat om legevakt" in saved
    [task] = await chat_tasks(database_url)
    assert (task["description"], task["assignee"]) == ("skrive notat om legevakt", "Britt Kveseth")


async def test_a_question_instead_of_the_task_then_a_task_that_looks_like_a_topic(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("ny oppgave")).startswith(WHAT)
    answer, again = await _replies(chat, "når er neste møte?", 2)
    assert not answer.startswith(WHAT) and again.startswith(WHAT)
    # The recognizer reads this as a decision search (a topic and a committee); here it is
    # the task, and Kari its owner (two Karis in the minutes: which one?).
    which = _text(await chat.say("Kari sender rapport til LSU"))
    assert which.startswith("Mener du 1. Kari Hesselberg")
    assert _text(await chat.say("2")).startswith("Når er fristen?")
    await chat.say("ingen")
    [task] = await chat_tasks(database_url)
    assert (task["description"], task["assignee"]) == ("sender rapport til LSU", "Kari Ringstad")


@pytest.mark.parametrize(
    ("answer", "next_prompt"),
    [
        ("Britt Kveseth", "Når er fristen?"),  # a name: a "decision" to the recognizer
        ("AU", "Når er fristen?"),
        ("meg", "Når er fristen?"),
        ("Kari?", "Mener du 1. Kari Hesselberg"),  # an unsure name, not a question
    ],
)
async def test_answers_to_who_that_look_like_topics_are_answers(
    seeded: None, bot: Running, answer: str, next_prompt: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("ny oppgave: skrive notat om legevakt")).startswith(WHO)
    before = len(bot.connector.messages())
    assert _text(await chat.say(answer)).startswith(next_prompt)
    assert len(bot.connector.messages()) == before + 1  # one reply: no answer, no re-ask


@pytest.mark.parametrize(
    "description",
    [
        "sende oppgavene til LSU",  # the recognizer: someone's tasks
        "lage et notat om legevakt",  # a topic
        "innkalle til møte i SSU",  # a committee and a meeting
        "hvordan vi håndterer korridorpasienter",  # a question word, but no known question
    ],
)
async def test_a_task_that_reads_like_a_topic_is_the_task(
    seeded: None, bot: Running, description: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave")
    assert _text(await chat.say(description)).startswith(WHO)


async def test_a_question_while_a_deadline_is_asked_for(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("oppgave: Britt rydder arkivet")).startswith("Når er fristen?")
    answer, again = await _replies(chat, "hvilke oppgaver har jeg?", 2)
    assert "Britt Kveseth" in answer and again.startswith("Når er fristen?")
    # Without "?" but led by a question word, and known: a question too.
    answer, again = await _replies(chat, "når er neste møte", 2)
    assert again.startswith("Når er fristen?")
    saved = _text(await chat.say("fredag"))
    assert saved.startswith("Lagt inn oppgave") and "27. november 2026" in saved


async def test_a_question_while_a_summary_waits_for_ja(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("meld inn sak til SSU: Legevaktsamarbeid")
    await chat.say("ingen")
    summary = _text(await chat.say("beslutning"))
    assert summary.endswith("(ja/nei)")
    _answer, again = await _replies(chat, "hva står på sakslisten til SSU?", 2)
    assert again == summary  # the same summary and question again
    assert _text(await chat.say("ja")).startswith("Saken «Legevaktsamarbeid» er meldt inn")
    assert await chat_cases(database_url) == ["Legevaktsamarbeid"]


async def test_a_title_written_as_a_question_is_the_title_when_sent_again(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    asked = _text(await chat.say("ny sak til SSU"))
    title = "Hva skal vi gjøre med korridorpasientene?"
    _answer, again = await _replies(chat, title, 2)  # read as a question first
    assert again.split(" {")[0] == asked.split(" {")[0]  # the title asked again (form aside)
    assert _text(await chat.say(title)).startswith("Beskriv saken kort")
    await chat.say("ingen")
    await chat.say("diskusjon")
    await chat.say("ja")
    assert await chat_cases(database_url) == [title.rstrip(" .")]


async def test_in_english_the_question_is_answered_and_the_dialog_asks_in_english(
    seeded: None, bot: Running
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    assert _text(await chat.say("new task")).startswith("What is the task?")
    answer, again = await _replies(chat, "what was decided about LAR?", 2)
    assert "2023.30" in answer and again.startswith("What is the task?")


async def test_help_and_cancel_still_belong_to_the_dialog(seeded: None, bot: Running) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave: skrive notat")
    assert _text(await chat.say("hjelp", replies=2)).startswith("Skriv fullt navn")
    assert _text(await chat.say("avbryt")) == "Avbrutt. Ingenting er lagret."
    # the dialog is over: a question is a question, nothing is asked again after it
    before = len(bot.connector.messages())
    reply: dict[str, Any] = await chat.say("hvilke oppgaver har jeg?")
    assert len(bot.connector.messages()) == before + 1
    assert WHO not in json.dumps(reply, ensure_ascii=False)


async def test_a_question_repeated_in_a_later_dialog_is_a_question_again(
    seeded: None, bot: Running, database_url: str
) -> None:
    chat = Conversation(bot, "Britt Kveseth")
    await chat.say("ny oppgave")
    await _replies(chat, "hvilke oppgaver har jeg?", 2)
    await chat.say("avbryt")
    await chat.say("ny oppgave")
    _answer, again = await _replies(chat, "hvilke oppgaver har jeg?", 2)
    assert again.startswith(WHAT)  # not taken as the task: that dialog never saw it
    assert await chat_tasks(database_url) == []
