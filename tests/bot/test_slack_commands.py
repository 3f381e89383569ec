"""Slack's slash command `/referent` and the buttons on Referent's messages, end to end:
signed requests to the real aiohttp server at /slack/events, the Web API and the
response_url at a local fake of Slack (tests/bot/fake_slack.py), SQLite and PostgreSQL.

Payload shapes are from Slack's documentation: the slash command's form fields from
api.slack.com/interactivity/slash-commands ("Preparing your app to receive commands":
token, team_id, team_domain, channel_id, channel_name, user_id, user_name, command, text,
response_url, trigger_id, api_app_id), the block_actions payload (a form field `payload`
holding JSON) from api.slack.com/reference/interaction-payloads/block-actions; the
signature as in test_slack_events.py (api.slack.com/authentication/verifying-requests-
from-slack), computed over the form-encoded body."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlalchemy import select

from assistant.texts import text
from bot.slack.blocks import DONE_ACTION
from bot.slack.turns import SHARE_ACTION
from storage.database import Database
from storage.models import Person, Task

from .conftest import Running, serve
from .fake_connector import FakeConnector
from .fake_slack import RESPONSE_URL, TEAM_ID, FakeSlack
from .test_slack_events import SETTLE_S, signed, slack_bot

USER = {"id": "U2147483697", "username": "steve", "name": "Steve Berg", "team_id": TEAM_ID}
CHANNEL = "C2147483705"


@pytest.fixture
async def slack() -> AsyncIterator[tuple[FakeSlack, str]]:
    fake = FakeSlack()
    runner, url = await serve(fake.app())
    yield fake, f"{url}/api/"
    await runner.cleanup()


@pytest.fixture
async def bot_with_slack(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[FakeSlack, str]
) -> AsyncIterator[Running]:
    async for running in slack_bot(database_url, connector, slack[1]):
        yield running


def api_root(api_url: str) -> str:
    return api_url.removesuffix("/api/")


def command(api_url: str, question: str, hook: str = "cmd1") -> dict[str, str]:
    return {
        "token": "gIkuvaNzQIHg97ATvDxqgjtO",
        "team_id": TEAM_ID,
        "team_domain": "example",
        "channel_id": CHANNEL,
        "channel_name": "test",
        "user_id": USER["id"],
        "user_name": "Steve",
        "command": "/referent",
        "text": question,
        "response_url": f"{api_root(api_url)}/response/{hook}",
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "api_app_id": "A123456",
    }


def block_action(
    api_url: str, action_id: str, value: str, message: dict | None, hook: str = "act1"
) -> dict:
    container = {"type": "message", "message_ts": "1548261231.000200", "channel_id": CHANNEL}
    if message is None:
        container["is_ephemeral"] = True
    payload = {
        "type": "block_actions",
        "user": USER,
        "api_app_id": "A0CA5",
        "token": "Shh_its_a_seekrit",
        "container": container,
        "trigger_id": "12466734323.1395872398",
        "team": {"id": TEAM_ID, "domain": "acme-creamery"},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": CHANNEL, "name": "general"},
        "response_url": f"{api_root(api_url)}/response/{hook}",
        "actions": [
            {
                "type": "button",
                "block_id": "b1",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": "…", "emoji": True},
                "value": value,
                "action_ts": "1548426417.840180",
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    return payload


async def post_form(url: str, fields: dict[str, str], **sign: object) -> aiohttp.ClientResponse:
    body = urlencode(fields)
    headers = {**signed(body, **sign), "Content-Type": "application/x-www-form-urlencoded"}
    async with aiohttp.ClientSession() as http:
        response = await http.post(f"{url}/slack/events", data=body, headers=headers)
        await response.read()
        return response


async def post_action(url: str, payload: dict) -> aiohttp.ClientResponse:
    return await post_form(url, {"payload": json.dumps(payload)})


OWNER = "Christine Furuholmen"  # has open tasks in the seeds


def owner_profile(fake: FakeSlack) -> None:
    """USER's Slack profile names OWNER: the tasks of an_open_task are theirs to change."""
    fake.users[USER["id"]] = {
        "id": USER["id"],
        "name": "steve",
        "real_name": OWNER,
        "profile": {"real_name": OWNER, "display_name": "CF"},
    }


async def an_open_task(database_url: str) -> int:
    """An open task of OWNER's."""
    db = Database(database_url)
    try:
        return await db.read(
            lambda s: s.scalar(
                select(Task.id)
                .join(Person, Person.id == Task.person_id)
                .where(Task.status == "open", Person.name == OWNER)
                .order_by(Task.id)
            )
        )
    finally:
        await db.close()


async def task_state(database_url: str, task_id: int) -> tuple[str, str | None]:
    db = Database(database_url)
    try:
        task = await db.read(lambda s: s.get(Task, task_id))
        return task.status, task.status_changed_by
    finally:
        await db.close()


async def test_the_command_acks_at_once_and_answers_the_asker_alone(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    started = time.perf_counter()
    response = await post_form(bot_with_slack.url, command(api_url, "hva ble bestemt om LAR?"))
    assert response.status == 200
    assert time.perf_counter() - started < 3  # acknowledged before the answer is made
    (answer,) = await fake.wait_for(RESPONSE_URL)
    assert answer.args["hook"] == "cmd1"
    assert answer.args["response_type"] == "ephemeral"
    assert "2023.30" in answer.args["text"]
    blocks = json.dumps(answer.args["blocks"], ensure_ascii=False)
    assert "2023.30" in blocks and "arbeidsgruppe i regi av AU" in blocks
    (share,) = answer.args["blocks"][-1]["elements"]
    assert share["action_id"] == SHARE_ACTION and share["value"] == "hva ble bestemt om LAR?"
    assert share["text"]["text"] == text("nb", "slack.command.share")
    await asyncio.sleep(SETTLE_S)
    assert fake.posted() == []  # nothing in the channel


async def test_commands_and_dialogs_work_through_the_slash_command_too(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    """The command's words are a turn as in Teams: a one-line task is stored, and a dialog
    begun with /referent goes on with /referent, privately to the asker."""
    fake, api_url = slack
    line = "oppgave: Britt lager budsjettnotat innen 1. mars"
    await post_form(bot_with_slack.url, command(api_url, line, hook="line"))
    (saved,) = await fake.wait_for(RESPONSE_URL)
    assert (
        saved.args["text"].startswith("Lagt inn oppgave") and "1. mars 2027" in saved.args["text"]
    )
    assert "blocks" not in saved.args or not any(
        b.get("type") == "actions" for b in saved.args.get("blocks") or []
    )  # «Del i kanalen» is for answers to questions only
    await post_form(bot_with_slack.url, command(api_url, "ny oppgave: rydde arkivet", hook="a"))
    asked = await fake.wait_for(RESPONSE_URL, 2)
    assert asked[1].args["text"].startswith("Hvem skal gjøre det?")
    await post_form(bot_with_slack.url, command(api_url, "Britt Kveseth", hook="b"))
    asked = await fake.wait_for(RESPONSE_URL, 3)
    assert asked[2].args["text"].startswith("Når er fristen?")
    db = Database(database_url)
    try:
        tasks = await db.read(
            lambda s: s.scalars(select(Task).where(Task.description.contains("budsjett"))).all()
        )
    finally:
        await db.close()
    assert len(tasks) == 1
    assert fake.posted() == []  # everything went to the asker alone


async def test_an_empty_command_gets_the_help(
    bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    assert (await post_form(bot_with_slack.url, command(api_url, "  "))).status == 200
    (answer,) = await fake.wait_for(RESPONSE_URL)
    assert answer.args["response_type"] == "ephemeral"
    assert "LAR" in answer.args["text"]  # the help's examples
    assert fake.posted() == []


async def test_share_in_channel_posts_the_answer_there(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    payload = block_action(api_url, SHARE_ACTION, "hva ble bestemt om LAR?", None)
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == CHANNEL
    assert "2023.30" in post.args["text"]
    assert "2023.30" in json.dumps(post.args["blocks"], ensure_ascii=False)


def posted_task_message(task_id: int) -> dict:
    """A message of Referent's with the task's row and its «Marker som ferdig» button."""
    button = {
        "type": "button",
        "action_id": DONE_ACTION,
        "value": str(task_id),
        "text": {"type": "plain_text", "text": "Marker som ferdig"},
    }
    row = {"type": "section", "text": {"type": "mrkdwn", "text": "*Oppgaven*"}}
    return {
        "type": "message",
        "user": "U0LAN0Z89",
        "ts": "1548261231.000200",
        "text": "Oppgaver",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Oppgaver"}},
            {**row, "accessory": button},
        ],
    }


async def test_mark_done_completes_the_task_and_updates_the_message_once(
    seeded: None, database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    owner_profile(fake)
    task_id = await an_open_task(database_url)
    payload = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id))
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (update,) = await fake.wait_for("chat.update")
    assert await task_state(database_url, task_id) == ("done", OWNER)
    assert update.args["channel"] == CHANNEL and update.args["ts"] == "1548261231.000200"
    _header, row = update.args["blocks"]
    assert "accessory" not in row  # no button on a done task
    assert text("nb", "slack.task.done_by", who=OWNER) in row["text"]["text"]
    # Clicked again (a second click, another copy of the message): explained, not redone.
    again = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id), "b")
    again["user"] = {**USER, "name": "Someone Else"}
    assert (await post_action(bot_with_slack.url, again)).status == 200
    (explained,) = await fake.wait_for(RESPONSE_URL)
    assert explained.args["response_type"] == "ephemeral"
    assert explained.args["replace_original"] is False
    assert explained.args["text"] == text("nb", "slack.task.already_done", id=task_id)
    await asyncio.sleep(SETTLE_S)
    assert len(fake.of("chat.update")) == 1
    assert await task_state(database_url, task_id) == ("done", OWNER)


async def test_mark_done_is_recorded_by_the_person_the_slack_user_is(
    seeded: None, database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    """The Slack user whose profile names a person in the minutes marks the task done as
    that person (users.info, as for «mine oppgaver»), not as their Slack handle."""
    fake, api_url = slack
    owner_profile(fake)
    task_id = await an_open_task(database_url)
    payload = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id))
    await post_action(bot_with_slack.url, payload)
    (update,) = await fake.wait_for("chat.update")
    assert await task_state(database_url, task_id) == ("done", "Christine Furuholmen")
    assert "Christine Furuholmen" in update.args["blocks"][1]["text"]["text"]


async def test_mark_done_by_someone_else_is_refused_politely_and_changes_nothing(
    seeded: None, database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    """Near-miss of the above: the clicker is not the owner (nor known at all)."""
    fake, api_url = slack
    task_id = await an_open_task(database_url)
    payload = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id))
    await post_action(bot_with_slack.url, payload)
    (explained,) = await fake.wait_for(RESPONSE_URL)
    assert explained.args["response_type"] == "ephemeral"
    assert "jeg er" in explained.args["text"] and str(task_id) in explained.args["text"]
    assert await task_state(database_url, task_id) == ("open", None)
    britt = {"id": "U0BRITT001", "name": "britt", "real_name": "Britt Kveseth"}
    fake.users[britt["id"]] = britt  # in the minutes, but not the owner
    again = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id), "b")
    again["user"] = {**USER, "id": britt["id"], "name": "britt"}
    await post_action(bot_with_slack.url, again)
    explained = (await fake.wait_for(RESPONSE_URL, 2))[1]
    assert OWNER in explained.args["text"]  # who can
    await asyncio.sleep(SETTLE_S)
    assert fake.of("chat.update") == []
    assert await task_state(database_url, task_id) == ("open", None)


async def test_mark_done_on_an_unknown_task_is_explained(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    payload = block_action(api_url, DONE_ACTION, "999999", posted_task_message(999999))
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (explained,) = await fake.wait_for(RESPONSE_URL)
    assert explained.args["text"] == text("nb", "task.not_found", id=999999)
    await asyncio.sleep(SETTLE_S)
    assert fake.of("chat.update") == []


async def test_a_badly_signed_command_or_action_gets_401_and_changes_nothing(
    seeded: None, database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    task_id = await an_open_task(database_url)
    url = bot_with_slack.url
    bad = {"secret": "not-the-signing-secret"}
    assert (await post_form(url, command(api_url, "LAR"), **bad)).status == 401
    payload = block_action(api_url, DONE_ACTION, str(task_id), posted_task_message(task_id))
    assert (await post_form(url, {"payload": json.dumps(payload)}, **bad)).status == 401
    await asyncio.sleep(SETTLE_S)
    assert fake.calls == []
    assert await task_state(database_url, task_id) == ("open", None)


async def test_mark_done_on_an_ephemeral_message_replaces_it_through_response_url(
    seeded: None, database_url: str, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    owner_profile(fake)
    task_id = await an_open_task(database_url)
    # An ephemeral message (/referent's answer) comes without `message`: no ts to update.
    payload = block_action(api_url, DONE_ACTION, str(task_id), None)
    assert (await post_action(bot_with_slack.url, payload)).status == 200
    (replaced,) = await fake.wait_for(RESPONSE_URL)
    assert replaced.args["replace_original"] is True
    assert text("nb", "slack.task.done_by", who=OWNER) in json.dumps(
        replaced.args["blocks"], ensure_ascii=False
    )
    assert await task_state(database_url, task_id) == ("done", OWNER)
    assert fake.of("chat.update") == []
