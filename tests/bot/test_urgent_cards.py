"""Urgent tasks come as a task list in Teams and Slack, as other task lists do: each task
with «Marker som ferdig», and the text's line under the list ("I tillegg 2 åpne oppgaver …")
kept under it — on the project's example minutes, SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from assistant.answer_types import Answer
from bot.cards import card_for
from bot.slack.blocks import DONE_ACTION, MAX_BLOCKS, message_for
from storage.database import Database
from tests.assistant import test_question_types as question_types

examples = question_types.examples  # the example minutes imported into the `db` fixture
TODAY = date(2026, 12, 4)


async def ask(db: Database, question: str, asker: str | None = None) -> Answer:
    return await question_types.assistant_for(db, "Europe/Oslo").answer(question, asker=asker)


def card_texts(card: dict) -> list[str]:
    return [b["text"] for b in card["body"] if b["type"] == "TextBlock"]


def done_buttons(node: object) -> list[int]:
    """The task ids of every «Marker som ferdig» in a card, however deep."""
    if isinstance(node, list):
        return [i for item in node for i in done_buttons(item)]
    if not isinstance(node, dict):
        return []
    if node.get("type") == "Action.Submit" and "task_id" in node.get("data", {}):
        return [node["data"]["task_id"]]
    return [i for value in node.values() for i in done_buttons(value)]


async def test_a_committees_urgent_tasks_are_a_card_with_the_line_under_them(
    examples: Database,
) -> None:
    answer = await ask(examples, "hvilke oppgaver i SSU har forfalt?")
    later = "I tillegg 2 åpne oppgaver med senere eller ingen frist."
    card = card_for(answer, TODAY)
    assert card is not None
    texts = card_texts(card)
    assert texts[0] == "Dette haster i SSU – forfalt eller frist senest 11. desember 2026:"
    assert texts[-1] == later
    assert sorted(done_buttons(card)) == sorted(t.task_id for t in answer.tasks)
    assert len(answer.tasks) == 3

    msg = message_for(answer, TODAY)
    assert len(msg.blocks) <= MAX_BLOCKS
    shown = json.dumps(msg.blocks, ensure_ascii=False)
    assert later in shown and "Dette haster i SSU" in shown
    buttons = [b["accessory"] for b in msg.blocks if b.get("accessory")]
    assert [b["action_id"] for b in buttons] == [DONE_ACTION] * 3


async def test_nothing_urgent_stays_text(examples: Database) -> None:
    """Near miss: no task to show, no card (the text says why and what is open)."""
    answer = await ask(examples, "mine oppgaver i SSU som haster", asker="Henrik Berg")
    assert answer.tasks == []
    assert card_for(answer, TODAY) is None


async def test_a_task_list_keeps_its_next_page_line_once(examples: Database) -> None:
    """Near miss: a task list's last line is its next page's words, shown once under it."""
    bot = question_types.assistant_for(examples, "Europe/Oslo")
    bot.list_cap = 1
    answer = await bot.answer("oppgaver for SSU")
    card = card_for(answer, TODAY)
    assert card is not None
    assert card_texts(card).count(answer.more) == 1
