"""NUL bytes and lone surrogates at the HTTP edge: cleaned where they enter, so a task
holding one is stored (PostgreSQL refuses NUL in text) and a question holding a lone
surrogate (which no database, nor the reply, can encode as UTF-8) gets its answer.

The raw JSON is written by hand: "\\u0000" and "\\ud800" are what a client's JSON carries."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select

from assistant.clean_text import clean_json, clean_text
from storage.database import Database
from storage.models import Task

from .activities import teams_message
from .conftest import Running
from .fake_slack import FakeSlack
from .test_slack_commands import bot_with_slack, slack
from .test_slack_events import direct_message, signed

__all__ = ["bot_with_slack", "slack"]  # the fixtures, used here


def test_the_rule() -> None:
    assert clean_text("a\x00b") == "ab"
    assert clean_text("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert clean_text("\ud83d\ude00") == "\U0001f600"  # a pair, as two code points: joined
    plain = "Æøå – «sitat» \U0001f600 \t\n\r\x01"
    assert clean_text(plain) is plain  # other text untouched, not even copied
    deep: list = []
    node = deep
    for _ in range(5000):  # deeper than recursion allows
        node.append([])
        node = node[0]
    node.append("x\x00")
    assert clean_json(deep) is deep and node == ["x"]
    assert clean_json({"k\x00": {"v": ["\ud800", 1, None]}}) == {"k": {"v": ["\ufffd", 1, None]}}


async def _post_raw(bot: Running, activity: dict, text_json: str) -> int:
    """`activity` with its "text" replaced by the JSON string literal `text_json`."""
    body = json.dumps({**activity, "text": "@@TEXT@@"}).replace('"@@TEXT@@"', text_json)
    async with bot.http.post(
        f"{bot.url}/api/messages", data=body, headers={"Content-Type": "application/json"}
    ) as response:
        return response.status


def _text(reply: dict) -> str:
    cards = [
        json.dumps(a.get("content"), ensure_ascii=False) for a in reply.get("attachments") or []
    ]
    return " ".join([reply.get("text") or "", *cards])


@pytest.mark.parametrize(
    ("escape", "stored"), [(r"\u0000", "budsjettnotat"), (r"\ud800", "budsjett\ufffdnotat")]
)
async def test_a_task_with_a_nul_or_a_lone_surrogate_is_stored(
    seeded: None,
    bot: Running,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    escape: str,
    stored: str,
) -> None:
    caplog.set_level(logging.WARNING)
    activity = teams_message("x", bot.connector_url, user="Britt Kveseth")
    status = await _post_raw(
        bot, activity, f'"oppgave: Britt lager budsjett{escape}notat innen 1. mars"'
    )
    assert status == 201
    (reply,) = await bot.connector.wait_for_messages(1)
    assert _text(reply).startswith("Lagt inn oppgave"), _text(reply)
    db = Database(database_url)
    try:
        titles = await db.read(lambda s: s.scalars(select(Task.description)).all())
    finally:
        await db.close()
    assert any(stored in t for t in titles), titles
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_a_lone_surrogate_in_a_question_gets_an_answer(
    seeded: None, bot: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    activity = teams_message("x", bot.connector_url)
    activity["from"]["name"] = "Christine \ud800 Furuholmen"  # json.dumps escapes it
    assert await _post_raw(bot, activity, r'"hva ble bestemt om LAR\ud800?"') == 201
    (reply,) = await bot.connector.wait_for_messages(1)
    assert "2023.30" in _text(reply)  # the answer, not the apology
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    ("escape", "stored"), [(r"\u0000", "budsjettnotat"), (r"\ud800", "budsjett\ufffdnotat")]
)
async def test_a_task_from_slack_with_a_nul_or_a_lone_surrogate_is_stored(
    seeded: None,
    bot_with_slack: Running,
    slack: tuple[FakeSlack, str],
    database_url: str,
    caplog: pytest.LogCaptureFixture,
    escape: str,
    stored: str,
) -> None:
    """The same through Slack: signed over the raw body as sent, escapes and all (the
    cleaning must come after the signature check and reach the lazy listener)."""
    caplog.set_level(logging.WARNING)
    payload = direct_message("@@TEXT@@", "Ev0CLEAN001")
    text = f'"oppgave: Britt lager budsjett{escape}notat innen 1. mars"'
    body = json.dumps(payload).replace('"@@TEXT@@"', text)
    async with bot_with_slack.http.post(
        f"{bot_with_slack.url}/slack/events", data=body, headers=signed(body)
    ) as response:
        assert response.status == 200
    (post,) = await slack[0].wait_for_posts(1)
    assert "Lagt inn oppgave" in json.dumps(post.args, ensure_ascii=False), post.args
    db = Database(database_url)
    try:
        titles = await db.read(lambda s: s.scalars(select(Task.description)).all())
    finally:
        await db.close()
    assert any(stored in t for t in titles), titles
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
