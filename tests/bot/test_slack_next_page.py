"""«Vis flere» under a list cut to a page, in Slack: the button's value is the words for the
next page, and clicking it asks them where the list stands — in the list's thread for all
to see, or to the clicker alone under a /referent answer. Real server, signed payloads
(block_actions as in Slack's interaction payload reference), a local fake of the Web API;
SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from bot.slack.blocks import NEXT_PAGE_ACTION
from storage.database import Database

from .conftest import Running
from .fake_slack import RESPONSE_URL, FakeSlack
from .test_long_lists import _store
from .test_slack_commands import CHANNEL, block_action, bot_with_slack, post_action, slack

__all__ = ["bot_with_slack", "slack"]  # fixtures

LIST_TS = "1548261231.000200"


def _buttons(blocks: list[dict]) -> list[dict]:
    return [
        e
        for b in blocks
        if b.get("type") == "actions"
        for e in b.get("elements", [])
        if e.get("action_id") == NEXT_PAGE_ACTION
    ]


def _list_message() -> dict:
    return {"type": "message", "user": "U0LAN0Z89", "ts": LIST_TS, "text": "Oppgaver"}


@pytest.fixture
async def many_tasks(database_url: str) -> None:
    """SSU with 240 open tasks: «oppgaver for SSU» has pages."""
    db = Database(database_url)
    await _store(db)
    await db.close()


async def test_the_button_asks_for_the_next_page_in_the_lists_thread(
    many_tasks: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    payload = block_action(api_url, NEXT_PAGE_ACTION, "oppgaver for SSU side 2", _list_message())
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == CHANNEL and post.args["thread_ts"] == LIST_TS
    blocks = post.args["blocks"]
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    (button,) = _buttons(blocks)
    assert button["value"] == "oppgaver for SSU side 3"
    assert "«oppgaver for SSU side 3»" in json.dumps(blocks, ensure_ascii=False)


async def test_under_an_answer_only_the_clicker_sees_the_next_page_goes_to_them_alone(
    many_tasks: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    payload = block_action(api_url, NEXT_PAGE_ACTION, "oppgaver for SSU side 2", None)
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (answer,) = await fake.wait_for(RESPONSE_URL)
    assert answer.args.get("response_type", "ephemeral") == "ephemeral"
    assert "oppgaver for SSU side 3" in json.dumps(answer.args, ensure_ascii=False)
    assert fake.of("chat.postMessage") == []


async def test_a_button_without_words_asks_nothing(
    database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    payload = block_action(api_url, NEXT_PAGE_ACTION, "  ", _list_message())
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    # A question asked after it is answered, and is the only post
    follow = block_action(api_url, NEXT_PAGE_ACTION, "hjelp", _list_message())
    assert (await post_action(bot_with_slack.url, follow)).status == 200
    (post,) = await fake.wait_for_posts(1)
    assert "ny oppgave" in post.args["text"].lower()
