"""Slack's modals «Ny oppgave», «Ny sak», «Nytt møte» end to end: signed requests to the
real aiohttp server at /slack/events, views.open and the confirmations at the local fake
Slack Web API (tests/bot/fake_slack.py), what is stored read from the database, SQLite and
PostgreSQL.

Payload shapes are from Slack's documentation: the slash command's form fields as in
test_slack_commands.py (api.slack.com/interactivity/slash-commands); the global shortcut
(type "shortcut": token, action_ts, team, user {id, username, team_id}, callback_id,
trigger_id) and the message shortcut (type "message_action": callback_id, trigger_id,
response_url, team, channel, user {id, name}, message {type, user, ts, text}) from
api.slack.com/reference/interaction-payloads/shortcuts; the view_submission (type, team,
user, api_app_id, token, trigger_id, view {id, type, blocks, private_metadata,
callback_id, state.values[block_id][action_id] = {type: plain_text_input, value} or {type:
static_select, selected_option {text, value}}, hash}, response_urls,
is_enterprise_install, enterprise) from api.slack.com/reference/interaction-payloads/views
and its block state from api.slack.com/reference/interaction-payloads/block-actions; the
answer to a submission ({"response_action": "errors", "errors": {block_id: message}})
from api.slack.com/surfaces/modals ("Displaying errors in views")."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from assistant.capture import Capture
from assistant.clock import FixedClock
from bot.slack.case_modal import CASE_MODAL, case_view
from bot.slack.meeting_modal import MEETING_MODAL, meeting_view
from bot.slack.modal_parts import OPTION_CHARS, Origin
from bot.slack.slack_text import plain_text
from bot.slack.task_modal import TASK_MODAL, task_view
from manifest.slack_manifest import NEW_TASK_CALLBACK, TASK_FROM_MESSAGE_CALLBACK
from storage.database import Database

from .chat_records import changes_recorded, chat_cases, chat_meetings, chat_tasks
from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .fake_slack import RESPONSE_URL, TEAM_ID, FakeSlack
from .test_slack_commands import CHANNEL, USER, bot_with_slack, command, post_form, slack
from .test_slack_events import SETTLE_S, settings, signed
from .test_slack_identity import slack_user

__all__ = ["bot_with_slack", "slack"]  # the fixtures, imported for the tests here


# ---- payloads -------------------------------------------------------------------------


def global_shortcut(callback_id: str = NEW_TASK_CALLBACK) -> dict[str, Any]:
    return {
        "type": "shortcut",
        "token": "XXXXXXXXXXXXX",
        "action_ts": "1581106241.371594",
        "team": {"id": TEAM_ID, "domain": "shortcuts-test"},
        "user": {"id": USER["id"], "username": "steve", "team_id": TEAM_ID},
        "callback_id": callback_id,
        "trigger_id": "944799105734.773906753841.38b5894552bdd4a780554ee59d1f3638",
    }


def message_shortcut(message_text: str, api_url: str) -> dict[str, Any]:
    return {
        "callback_id": TASK_FROM_MESSAGE_CALLBACK,
        "type": "message_action",
        "trigger_id": "13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536",
        "response_url": f"{api_url.removesuffix('/api/')}/response/shortcut1",
        "team": {"id": TEAM_ID, "domain": "pandamonium"},
        "channel": {"id": CHANNEL, "name": "cats"},
        "user": {"id": USER["id"], "name": "Steve Berg"},
        "message": {
            "type": "message",
            "user": "U0MJRG1AL",
            "ts": "1516229207.000133",
            "text": message_text,
        },
    }


def submission(opened: dict[str, Any], values: dict[str, str | None]) -> dict[str, Any]:
    """The view_submission of the view views.open got, filled with `values` by block id
    (a select's by the value of one of its options)."""
    state: dict[str, Any] = {}
    for block in opened["blocks"]:
        block_id, element = block["block_id"], block["element"]
        value = values.get(block_id)
        if element["type"] == "static_select":
            chosen = next((o for o in element["options"] if o["value"] == value), None)
            if chosen is None and value is not None:  # a value no option has (forged)
                chosen = {"text": {"type": "plain_text", "text": "?"}, "value": value}
            state[block_id] = {"value": {"type": "static_select", "selected_option": chosen}}
        else:
            state[block_id] = {"value": {"type": "plain_text_input", "value": value}}
    return {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "pandamonium"},
        "user": {"id": USER["id"], "username": "steve", "name": "Steve Berg", "team_id": TEAM_ID},
        "api_app_id": "A0MJRJ4BQ",
        "token": "Shh_its_a_seekrit",
        "trigger_id": "12466734323.1395872398",
        "view": {
            **opened,
            "id": "VNHU13V36",
            "team_id": TEAM_ID,
            "state": {"values": state},
            "hash": "156663117.cd33ad1f",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


async def post_payload(url: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
    """The status and the JSON answer (None for an empty ack) of an interaction."""
    body = urlencode({"payload": json.dumps(payload)})
    headers = {**signed(body), "Content-Type": "application/x-www-form-urlencoded"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{url}/slack/events", data=body, headers=headers) as response,
    ):
        answer = await response.text()
        return response.status, json.loads(answer) if answer.strip() else None


async def opened_by_command(
    bot: Running, fake: FakeSlack, api_url: str, words: str
) -> dict[str, Any]:
    """The view `/referent <words>` opened (views.open, with the command's trigger_id)."""
    count = len(fake.of("views.open")) + 1
    started = time.perf_counter()
    assert (await post_form(bot.url, command(api_url, words))).status == 200
    call = (await fake.wait_for("views.open", count))[-1]
    assert time.perf_counter() - started < 3  # within the trigger_id's life
    assert call.args["trigger_id"] == command(api_url, words)["trigger_id"]
    return call.args["view"]


def block_ids(view: dict[str, Any]) -> list[str]:
    return [b["block_id"] for b in view["blocks"]]


def option_value(view: dict[str, Any], block_id: str, shown: str) -> str:
    """The value of the select's option whose text starts with `shown`."""
    (block,) = [b for b in view["blocks"] if b["block_id"] == block_id]
    options = block["element"]["options"]
    return next(o["value"] for o in options if o["text"]["text"].startswith(shown))


# ---- opening --------------------------------------------------------------------------


async def test_the_command_alone_opens_each_modal(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    view = await opened_by_command(bot_with_slack, fake, api_url, "ny oppgave")
    assert view["type"] == "modal" and view["callback_id"] == TASK_MODAL
    assert view["title"]["text"] == "Ny oppgave" and view["submit"]["text"] == "Lagre"
    assert block_ids(view) == ["description", "owner", "due", "case"]
    assert json.loads(view["private_metadata"]) == {"channel": CHANNEL, "language": "nb"}

    view = await opened_by_command(bot_with_slack, fake, api_url, "new task")
    assert view["title"]["text"] == "New task"  # the English command words: English texts
    assert json.loads(view["private_metadata"])["language"] == "en"

    view = await opened_by_command(bot_with_slack, fake, api_url, "ny sak til SSU")
    assert view["callback_id"] == CASE_MODAL
    assert block_ids(view)[:4] == ["committee", "title", "description", "kind"]
    committee = view["blocks"][0]["element"]
    assert committee["initial_option"]["text"]["text"].startswith("SSU")  # «til SSU»
    assert len(committee["options"]) > 1

    view = await opened_by_command(bot_with_slack, fake, api_url, "nytt møte")
    assert view["callback_id"] == MEETING_MODAL
    assert block_ids(view) == ["committee", "date", "time", "location"]
    assert "initial_option" not in view["blocks"][0]["element"]

    view = await opened_by_command(bot_with_slack, fake, api_url, "ny oppgave til sak 3 i LSU")
    (case,) = [b for b in view["blocks"] if b["block_id"] == "case"]
    assert case["element"]["initial_value"] == "3 i LSU"
    assert fake.of(RESPONSE_URL) == []  # a modal, no answer


async def test_a_command_with_details_is_no_modal(
    bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    """Near-misses: the command words with more after them stay what they were."""
    fake, api_url = slack
    for n, words in enumerate(
        ["ny oppgave: Ring Kari innen fredag", "ny sak til SSU: Legevakt", "nytt møte SSU fredag"]
    ):
        hook = f"cmd{n}"
        assert (await post_form(bot_with_slack.url, command(api_url, words, hook))).status == 200
        answers = await fake.wait_for(RESPONSE_URL, n + 1)
        assert answers[-1].args["hook"] == hook
    await asyncio.sleep(SETTLE_S)
    assert fake.of("views.open") == []


async def test_the_shortcuts_open_the_task_modal(
    bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    status, answer = await post_payload(bot_with_slack.url, global_shortcut())
    assert (status, answer) == (200, None)
    (call,) = await fake.wait_for("views.open")
    assert call.args["trigger_id"] == global_shortcut()["trigger_id"]
    view = call.args["view"]
    assert view["callback_id"] == TASK_MODAL
    assert json.loads(view["private_metadata"])["channel"] is None  # confirmed by DM

    written = "*Husk* å sende <https://x.no/r|rutinen> til <@U0MJRG1AL|kari> &amp; _AU_ i dag"
    status, _ = await post_payload(bot_with_slack.url, message_shortcut(written, api_url))
    assert status == 200
    call = (await fake.wait_for("views.open", 2))[-1]
    description = call.args["view"]["blocks"][0]
    assert description["element"]["initial_value"] == "Husk å sende rutinen til @kari & AU i dag"
    assert json.loads(call.args["view"]["private_metadata"])["channel"] == CHANNEL


def test_message_text_as_plain_text() -> None:
    assert plain_text("<https://a.no>, <mailto:a@b.no|skriv>, <#C1|general> <!here>") == (
        "https://a.no, skriv, #general @here"
    )
    assert plain_text("`kode` og ```blokk```, ~borte~, snake_case_name, 2*3*4") == (
        "kode og blokk, borte, snake_case_name, 2*3*4"
    )
    assert plain_text("&gt; sitat\n&lt;ikke lenke&gt;") == "sitat\n<ikke lenke>"


# ---- the task modal ---------------------------------------------------------------------


async def test_a_task_from_the_modal_is_stored_and_confirmed(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake, api_url = slack
    view = await opened_by_command(bot_with_slack, fake, api_url, "ny oppgave")
    filled = {
        "description": "Sende rutinen til kommunene",
        "owner": "Britt Kveseth",
        "due": "fredag",
        "case": "2023.30",
    }
    status, answer = await post_payload(bot_with_slack.url, submission(view, filled))
    assert (status, answer) == (200, None)  # closed
    (post,) = await fake.wait_for_posts(1)
    (task,) = await chat_tasks(database_url)
    assert post.args["channel"] == CHANNEL
    assert post.args["text"] == (
        f"Lagt inn oppgave {task['id']}: Sende rutinen til kommunene – ansvarlig Britt "
        "Kveseth, frist 27. november 2026. Den hører til sak 2023.30 «Delavtale helhetlige "
        "pasientforløp, med vedlegg» (SSU)."
    )
    assert task["description"] == "Sende rutinen til kommunene"
    assert task["kind"] == "person" and task["person_id"] is not None
    assert task["due"] == date(2026, 11, 27) and task["case"] == "2023.30"
    assert await changes_recorded(database_url) == [("task_added", "Steve Berg", False)]


async def test_the_owner_from_the_description_and_a_name_kept_as_written(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    assert (await post_payload(bot_with_slack.url, global_shortcut()))[0] == 200
    view = (await fake.wait_for("views.open"))[-1].args["view"]
    filled = {"description": "Britt Kveseth ringer fastlegene", "due": "ingen"}
    assert (await post_payload(bot_with_slack.url, submission(view, filled)))[1] is None
    filled = {"description": "Lage programforslag", "owner": "Solveig Dahl", "due": "15.1."}
    assert (await post_payload(bot_with_slack.url, submission(view, filled)))[1] is None
    posts = await fake.wait_for_posts(2)
    assert {p.args["channel"] for p in posts} == {USER["id"]}  # by DM: no channel
    # «meg»: the Slack user's person in the minutes (users.info's name matched, then linked)
    fake.users[USER["id"]] = slack_user(USER["id"], name="britt", real_name="Britt Kveseth")
    filled = {"description": "Sende referatet", "owner": "meg"}
    assert (await post_payload(bot_with_slack.url, submission(view, filled)))[1] is None
    third = (await fake.wait_for_posts(3))[-1]
    assert "ansvarlig Britt Kveseth, ingen frist." in third.args["text"]
    # The first two submissions are handled side by side: found by what they say, not by
    # the order they were stored in.
    tasks = {t["description"]: t for t in await chat_tasks(database_url)}
    first, second = tasks["ringer fastlegene"], tasks["Lage programforslag"]
    mine = tasks["Sende referatet"]
    assert (mine["assignee"], mine["kind"]) == ("Britt Kveseth", "person")
    assert (first["kind"], first["due"]) == ("person", None)
    assert (second["assignee"], second["person_id"]) == ("Solveig Dahl", None)
    assert second["due"] == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("block", "value", "error"),
    [
        ("due", "snart en gang", "Jeg forstår ikke «snart en gang» som en dato."),
        ("due", "20.11.2026", "20. november 2026 har allerede vært."),
        (
            "due",
            "1.11.",
            "1. november har nettopp vært. Skriv året med om du mener 1. november 2027.",
        ),
        ("description", "   ", "Dette feltet må fylles ut."),
        ("owner", "Kari", "Flere passer: Kari Hesselberg (Øvre Eiker kommune), Kari Ringstad"),
        ("owner", "1234", "«1234» ser ikke ut som et navn."),
        ("owner", "meg", "Jeg vet ikke hvem du er i referatene."),
        ("case", "2099.1", "Jeg finner ingen sak 2099.1 i referatene."),
        ("case", "om legevakt", "Skriv saksnummeret"),
    ],
)
async def test_a_field_that_makes_no_sense_is_refused_on_its_block(
    seeded: None,
    bot_with_slack: Running,
    slack: tuple[FakeSlack, str],
    database_url: str,
    block: str,
    value: str,
    error: str,
) -> None:
    fake, api_url = slack
    view = await opened_by_command(bot_with_slack, fake, api_url, "ny oppgave")
    filled = {"description": "Ringe fastlegene", "owner": "Britt Kveseth", block: value}
    started = time.perf_counter()
    status, answer = await post_payload(bot_with_slack.url, submission(view, filled))
    assert time.perf_counter() - started < 3  # inside Slack's 3 seconds
    assert status == 200 and answer is not None
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block]
    assert answer["errors"][block].startswith(error)
    await asyncio.sleep(SETTLE_S)
    assert await chat_tasks(database_url) == [] and fake.posted() == []


async def test_errors_are_in_the_modals_language(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake, api_url = slack
    view = await opened_by_command(bot_with_slack, fake, api_url, "new task")
    filled = {"description": "Call the GPs", "owner": "Britt", "due": "sometime soon"}
    _, answer = await post_payload(bot_with_slack.url, submission(view, filled))
    assert answer is not None
    assert answer["errors"]["due"] == (
        "I don't understand “sometime soon” as a date. Write, for example, “Friday” or “15.1.”."
    )
    assert await chat_tasks(database_url) == []


@pytest.fixture(params=["Europe/Oslo", "America/New_York"])
async def late_bot(
    request: pytest.FixtureRequest,
    database_url: str,
    connector: tuple[FakeConnector, str],
    slack: tuple[FakeSlack, str],
) -> AsyncIterator[tuple[Running, str]]:
    """23:30 UTC on Monday 23 November: Tuesday the 24th in Oslo, still the 23rd in New York."""
    clock = FixedClock(datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    config = {"clock": clock, "timezone": request.param, "slack": settings(slack[1])}
    async for running in start_bot(database_url, connector, **config):
        yield running, request.param


async def test_today_is_the_committees_day_not_utcs(
    seeded: None, late_bot: tuple[Running, str], slack: tuple[FakeSlack, str], database_url: str
) -> None:
    bot, zone = late_bot
    fake, api_url = slack
    view = await opened_by_command(bot, fake, api_url, "ny oppgave")
    filled = {"description": "Ringe fastlegene", "owner": "Britt Kveseth", "due": "23.11.2026"}
    _, answer = await post_payload(bot.url, submission(view, filled))
    if zone == "Europe/Oslo":  # the 23rd is yesterday
        assert answer is not None
        assert answer["errors"] == {
            "due": "23. november 2026 har allerede vært. Skriv en dato fram i tid."
        }
        assert await chat_tasks(database_url) == []
    else:  # the 23rd is today
        assert answer is None
        await fake.wait_for_posts(1)
        (task,) = await chat_tasks(database_url)
        assert task["due"] == date(2026, 11, 23)
    filled["due"] = "i morgen"
    posts = len(fake.posted()) + 1
    assert (await post_payload(bot.url, submission(view, filled)))[1] is None
    await fake.wait_for_posts(posts)
    tomorrow = date(2026, 11, 25) if zone == "Europe/Oslo" else date(2026, 11, 24)
    assert (await chat_tasks(database_url))[-1]["due"] == tomorrow


# ---- the meeting and case modals --------------------------------------------------------


async def test_a_meeting_and_a_case_for_it_from_their_modals(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake, api_url = slack
    url = bot_with_slack.url
    view = await opened_by_command(bot_with_slack, fake, api_url, "nytt møte")
    ssu = option_value(view, "committee", "SSU")
    filled = {"committee": ssu, "date": "14. desember", "time": "13-15", "location": "Grønland 32"}
    bad = {**filled, "date": "1. november 2026", "time": "om ettermiddagen"}
    _, answer = await post_payload(url, submission(view, bad))
    assert answer is not None and answer["errors"] == {
        "date": "1. november 2026 har allerede vært. Skriv en dato fram i tid.",
        "time": "Jeg forstår ikke «om ettermiddagen» som et klokkeslett. Skriv for eksempel "
        "«13-15» eller «kl 13».",
    }
    _, answer = await post_payload(url, submission(view, {**filled, "committee": "999999"}))
    assert answer is not None and list(answer["errors"]) == ["committee"]
    assert await chat_meetings(database_url) == []

    assert (await post_payload(url, submission(view, filled)))[1] is None
    (post,) = await fake.wait_for_posts(1)
    assert post.args["text"] == (
        "Lagt inn møte i SSU: mandag 14. desember 2026 kl. 13:00–15:00, Grønland 32."
    )
    assert await chat_meetings(database_url) == [(date(2026, 12, 14), "12:00")]  # UTC
    assert (await post_payload(url, submission(view, filled)))[1] is None  # the same again
    post = (await fake.wait_for_posts(2))[-1]
    assert post.args["text"].startswith("SSU har allerede et møte mandag 14. desember 2026")
    assert len(await chat_meetings(database_url)) == 1

    view = await opened_by_command(bot_with_slack, fake, api_url, "ny sak")
    meeting = option_value(view, "meeting", "SSU: mandag 14. desember 2026")
    lsu = option_value(view, "committee", "LSU")
    filled = {
        "committee": lsu,
        "title": "Legevaktsamarbeid",
        "kind": "beslutning",
        "meeting": meeting,
    }
    _, answer = await post_payload(url, submission(view, filled))
    assert answer is not None and list(answer["errors"]) == ["meeting"]  # SSU's, not LSU's
    _, answer = await post_payload(url, submission(view, {**filled, "kind": "vet ikke"}))
    assert answer is not None and set(answer["errors"]) == {"meeting", "kind"}
    assert await chat_cases(database_url) == []

    filled["committee"] = option_value(view, "committee", "SSU")
    assert (await post_payload(url, submission(view, filled)))[1] is None
    post = (await fake.wait_for_posts(3))[-1]
    assert post.args["channel"] == CHANNEL
    assert post.args["text"] == (
        "Saken «Legevaktsamarbeid» er meldt inn til møtet i SSU mandag 14. desember 2026 "
        "kl. 13:00–15:00. Den står nå på sakslisten."
    )
    assert await chat_cases(database_url) == ["Legevaktsamarbeid"]


async def test_a_case_without_a_meeting_to_choose_goes_to_none(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake, api_url = slack
    view = await opened_by_command(bot_with_slack, fake, api_url, "new case")
    assert "meeting" not in block_ids(view)  # no upcoming meeting in the seeds
    filled = {"committee": option_value(view, "committee", "LSU"), "title": "Legevakt",
              "description": "Felles legevakt fra 2027", "kind": "diskusjon"}  # fmt: skip
    assert (await post_payload(bot_with_slack.url, submission(view, filled)))[1] is None
    (post,) = await fake.wait_for_posts(1)
    assert post.args["text"].startswith("The case “Legevakt” is submitted to LSU, but without")
    assert await chat_cases(database_url) == ["Legevakt"]


# ---- the longest texts --------------------------------------------------------------------


async def test_every_view_takes_the_longest_texts_the_store_holds(db: Database) -> None:
    """Committee names (300 characters), a 300-character committee and a 500-character place
    in a meeting's label, a message of 40,000 characters: clipped to Slack's limits, so
    building the views raises no SlackObjectFormationError."""
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    capture = Capture(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"), tenant="t")
    long_name = "Samarbeidsutvalget " * 16  # over 300
    committees = [
        {"id": i, "label": (long_name * 2)[:300], "name": (long_name * 2)[:300]} for i in range(150)
    ]
    meetings = [
        {"id": i, "committee": "X" * 300, "day": "2026-12-14", "start": "13:00", "end": "15:00",
         "location": "Y" * 500, "status": "planned"}
        for i in range(150)
    ]  # fmt: skip
    for language in ("nb", "en"):
        origin = Origin("C" * 20, language)
        views = [
            task_view(origin, description="ord " * 10_000, case="2023.30 i " + "S" * 300),
            case_view(origin, committees, meetings, capture, committee_id=3),
            meeting_view(origin, committees, committee_id=149),
        ]
        for view in views:
            shown = view.to_dict()  # validates again
            for block in shown["blocks"]:
                element = block["element"]
                for option in element.get("options", []):
                    assert len(option["text"]["text"]) <= OPTION_CHARS
                assert len(element.get("initial_value", "")) <= 3000
                assert len(element.get("options", [])) <= 100
