"""Slack's App Home tab (issue 17, item 6), end to end: signed requests to the real aiohttp
server at /slack/events, views.publish and users.info at the local fake Slack Web API
(tests/bot/fake_slack.py), the project's example minutes on SQLite and PostgreSQL.

Payload shapes: the app_home_opened event (user, channel, event_ts, tab, and for the Home
tab its view: id, team_id, type, blocks, private_metadata, callback_id, hash, …) from the
example on api.slack.com/events/app_home_opened, in the event_callback envelope of
test_slack_events.py; the button pressed on the Home tab, a block_actions payload whose
container is {"type": "view", "view_id": …} with the source view in `view` and no channel,
message or response_url, from api.slack.com/reference/interaction-payloads/block-actions
(the same container shape as in slack-bolt's own tests, tests/scenario_tests_async/
test_block_suggestion.py); the users.info user objects as in test_slack_identity.py."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from assistant.texts import text
from bot.slack.blocks import DONE_ACTION, HEADER_CHARS, SECTION_CHARS
from bot.slack.home import HOME_BLOCKS, HOME_MEETINGS, HOME_TASKS
from bot.slack.mrkdwn import escape
from storage.database import Database
from storage.models import Committee, Meeting, MeetingParticipant, Person, Task

from . import test_slack_events as events
from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .fake_slack import BOT_ID, RESPONSE_URL, TEAM_ID, FakeSlack
from .test_slack_commands import post_action, task_state
from .test_slack_events import SETTLE_S, envelope, post_event
from .test_slack_identity import USER, slack_user

# The Slack fixtures of test_slack_events: the fake Web API and the server pointed at it.
slack = events.slack
bot_with_slack = events.bot_with_slack

HENRIK = "Henrik Berg"  # in the examples: LSU's task to call the emergency doctors together
HENRIKS_TASK = "Innkaller legevaktoverlegene"  # the heading, capitalised
VIEW_ID = "VHOME00001"


@pytest.fixture
def minutes(example_minutes: None) -> None:
    """The project's example minutes (LSU and SSU of Fjordby, with meetings in December
    2026) imported into the test's database."""


async def write(database_url: str, work: Any) -> Any:
    db = Database(database_url)
    try:
        return await db.write(work)
    finally:
        await db.close()


def home_opened(tab: str = "home", event_id: str = "Ev0HOME0001", user: str = USER) -> dict:
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0LAN2Q65",
        "event_ts": "1515449522000016",
        "tab": tab,
    }
    if tab == "home":  # the Home tab's current view comes along
        event["view"] = {
            "id": VIEW_ID,
            "team_id": TEAM_ID,
            "type": "home",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "hash": "1231232323.12321312",
            "clear_on_close": False,
            "notify_on_close": False,
            "root_view_id": VIEW_ID,
            "app_id": "A123ABC456",
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
    return envelope(event, event_id)


def done_on_home(task_id: str, view: dict[str, Any]) -> dict[str, Any]:
    """«Marker som ferdig» pressed on the Home tab showing `view`."""
    return {
        "type": "block_actions",
        "user": {"id": USER, "username": "henrik", "name": HENRIK, "team_id": TEAM_ID},
        "api_app_id": "A0CA5",
        "token": "Shh_its_a_seekrit",
        "container": {"type": "view", "view_id": VIEW_ID},
        "trigger_id": "12466734323.1395872398",
        "team": {"id": TEAM_ID, "domain": "acme-creamery"},
        "enterprise": None,
        "is_enterprise_install": False,
        "view": {
            **view,
            "id": VIEW_ID,
            "team_id": TEAM_ID,
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": "1548261231.000200",
            "clear_on_close": False,
            "notify_on_close": False,
            "root_view_id": VIEW_ID,
            "app_id": "A0CA5",
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        },
        "actions": [
            {
                "type": "button",
                "block_id": "b1",
                "action_id": DONE_ACTION,
                "text": {"type": "plain_text", "text": "Marker som ferdig", "emoji": True},
                "value": task_id,
                "action_ts": "1548426417.840180",
            }
        ],
    }


async def open_home(fake: FakeSlack, url: str, event_id: str = "Ev0HOME0001") -> dict[str, Any]:
    """The view published for the user opening the Home tab (checked as Slack would)."""
    already = len(fake.of("views.publish"))
    assert (await post_event(url, home_opened(event_id=event_id))).status == 200
    call = (await fake.wait_for("views.publish", already + 1))[already]
    assert call.args["user_id"] == USER
    return valid(call.args["view"])


def valid(view: dict[str, Any]) -> dict[str, Any]:
    """The view parsed back through slack_sdk.models and validated, within Slack's limits."""
    assert view["type"] == "home"
    View(**view).validate_json()  # raises SlackObjectFormationError
    assert 0 < len(view["blocks"]) <= HOME_BLOCKS
    for block in view["blocks"]:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_CHARS
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_CHARS
    return view


def shown(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def done_buttons(view: dict[str, Any]) -> list[str]:
    """The task ids of the view's «Marker som ferdig» buttons, in order."""
    return [
        b["accessory"]["value"]
        for b in view["blocks"]
        if (b.get("accessory") or {}).get("action_id") == DONE_ACTION
    ]


def row_of(view: dict[str, Any], fragment: str) -> str:
    (row,) = [
        b["text"]["text"]
        for b in view["blocks"]
        if b["type"] == "section" and fragment in b["text"]["text"]
    ]
    return row


async def test_a_linked_user_sees_their_open_tasks_and_next_meeting(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK, display_name="Henrik")
    view = await open_home(fake, bot_with_slack.url)
    said = shown(view)
    assert view["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": text("nb", "slack.home.title"), "emoji": False},
    }
    assert f"*Dine oppgaver ({HENRIK})*" in said
    task = row_of(view, HENRIKS_TASK)
    assert "15. november 2026, forfalt" in task  # overdue on 23 November, and marked so
    (task_id,) = done_buttons(view)
    assert task_id.isdigit()
    # His committee is LSU (his task's, and he was at its meeting): its next meeting, with
    # its time and the place it last met, as «når er neste møte?» says it.
    assert text("nb", "slack.home.meetings") in said
    lsu = row_of(view, "*LSU*")
    assert "onsdag 9. desember 2026 kl. 12:30–15:00" in lsu
    assert "Møterom Havblikk" in lsu
    assert text("nb", "slack.home.help") in said
    await asyncio.sleep(SETTLE_S)
    assert len(fake.of("views.publish")) == 1


def _many_lsu_tasks_and_one_for_ssu_last(session: Session) -> None:
    """Henrik gets HOME_TASKS more urgent LSU tasks and one SSU task without a deadline: the
    least urgent, so not among those the tab shows."""
    henrik = session.scalar(select(Person).where(Person.name == HENRIK))
    task = session.scalar(select(Task).where(Task.person_id == henrik.id))
    ssu = session.scalar(select(Committee).where(Committee.short_name == "SSU"))
    for n in range(HOME_TASKS + 1):
        last = n == HOME_TASKS
        session.add(
            Task(
                document_id=task.document_id,
                meeting_id=None if last else task.meeting_id,
                committee_id=ssu.id if last else task.committee_id,
                tenant=task.tenant,
                description=f"Henrik Berg sjekker punkt {n}",
                assignee_kind="person",
                assignee_name=HENRIK,
                person_id=henrik.id,
                due_date=None if last else date(2026, 12, 1) + timedelta(days=n),
                status="open",
                line=100 + n,
            )
        )


async def test_a_committee_of_a_task_beyond_the_tab_still_shows_its_next_meeting(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    """The tab reads only the tasks it shows; the committees come from all of them."""
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK)
    view = await open_home(fake, bot_with_slack.url)
    assert "*SSU*" not in shown(view)  # near miss: no task of his there, nor a meeting
    await write(database_url, _many_lsu_tasks_and_one_for_ssu_last)
    fake.calls.clear()
    view = await open_home(fake, bot_with_slack.url)
    said = shown(view)
    assert len(done_buttons(view)) == HOME_TASKS
    assert "punkt " + str(HOME_TASKS) not in said  # the SSU task is not shown …
    assert text("nb", "slack.home.more_tasks", count=2) in said  # … but counted
    assert "mandag 14. desember 2026" in row_of(view, "*SSU*")  # … and its committee is his


async def test_a_user_linked_to_nobody_is_told_so_and_sees_every_committees_meeting(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name="Christine Hansen", display_name="Christine H")
    view = await open_home(fake, bot_with_slack.url)
    said = shown(view)
    assert text("nb", "slack.home.unlinked") in said
    assert escape(text("nb", "slack.home.how_to_link")) in said  # "<navn>" escaped
    assert done_buttons(view) == [] and HENRIKS_TASK.casefold() not in said.casefold()
    assert text("nb", "slack.home.meetings_all") in said
    assert "9. desember 2026" in row_of(view, "*LSU*")
    assert "mandag 14. desember 2026" in row_of(view, "*SSU*")


async def test_done_on_the_home_tab_publishes_it_again_without_the_task(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK)
    view = await open_home(fake, bot_with_slack.url)
    (task_id,) = done_buttons(view)
    response = await post_action(bot_with_slack.url, done_on_home(task_id, view))
    assert response.status == 200
    _, again = await fake.wait_for("views.publish", 2)
    assert again.args["user_id"] == USER
    after = valid(again.args["view"])
    assert done_buttons(after) == [] and HENRIKS_TASK.casefold() not in shown(after).casefold()
    assert text("nb", "tasks.none", name=HENRIK) in shown(after)
    assert await task_state(database_url, int(task_id)) == ("done", HENRIK)
    # No message to update and no response_url: nothing else went to Slack.
    await asyncio.sleep(SETTLE_S)
    assert fake.of("chat.update") == [] and fake.of(RESPONSE_URL) == []
    assert fake.posted() == [] and len(fake.of("views.publish")) == 2


async def test_another_tab_publishes_nothing(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK)
    for tab, event_id in (("messages", "Ev0HOME0002"), ("about", "Ev0HOME0003")):
        assert (await post_event(bot_with_slack.url, home_opened(tab, event_id))).status == 200
    await asyncio.sleep(SETTLE_S)
    assert fake.of("views.publish") == [] and fake.users_info_calls() == []


# ------------------------------------------------------------------ dates in two zones


@pytest.mark.usefixtures("process_tz")
@pytest.mark.parametrize("deployment", ["Europe/Oslo", "America/New_York"])
async def test_overdue_and_the_next_meeting_by_the_deployments_day(
    minutes: None,
    database_url: str,
    connector: tuple[FakeConnector, str],
    slack: tuple[FakeSlack, str],
    deployment: str,
) -> None:
    """At 03:00 UTC on 4 December it is the 4th in Oslo and still the 3rd in New York: a
    task due on the 3rd is overdue only in Oslo, and an LSU meeting without a time on the
    3rd is still to come only in New York."""
    fake, api_url = slack
    fake.users[USER] = slack_user(real_name=HENRIK)

    def due_and_met(session: Session) -> None:
        henrik = session.scalar(select(Person).where(Person.name == HENRIK))
        task = session.scalar(select(Task).where(Task.person_id == henrik.id))
        lsu = session.scalar(select(Committee).where(Committee.short_name == "LSU"))
        session.add(
            Task(
                document_id=task.document_id,
                meeting_id=task.meeting_id,
                committee_id=task.committee_id,
                tenant=task.tenant,
                description="Henrik Berg sender innkallingen",
                assignee_kind="person",
                assignee_name=HENRIK,
                person_id=henrik.id,
                due_date=date(2026, 12, 3),
                status="open",
                line=1,
            )
        )
        session.add(Meeting(committee_id=lsu.id, date=date(2026, 12, 3), status="planned"))

    await write(database_url, due_and_met)
    at = FixedClock(datetime(2026, 12, 4, 3, tzinfo=UTC))
    settings = events.settings(api_url)
    async for bot in start_bot(
        database_url, connector, clock=at, slack=settings, timezone=deployment
    ):
        view = await open_home(fake, bot.url)
    sends = row_of(view, "sender innkallingen")
    lsu = row_of(view, "*LSU*")
    if deployment == "Europe/Oslo":
        assert "3. desember 2026, forfalt" in sends
        assert "9. desember 2026" in lsu
    else:
        assert "3. desember 2026" in sends and "forfalt" not in sends
        assert "torsdag 3. desember 2026" in lsu


# ------------------------------------------------------------------ the longest texts


TASKS = 200
COMMITTEES = 150


def _longest(session: Session) -> None:
    """Henrik Berg with 200 open overdue tasks of 2,000 characters, and a member of 150
    committees named with 300 characters (the column's length), each meeting next at a
    place of 500 characters; Slack's control characters and Markdown marks inside."""
    words = "LAR-rutinen gjelder for alle kommunene & sykehuset <alle> a*b*c snake_case "
    henrik = session.scalar(select(Person).where(Person.name == HENRIK))
    task = session.scalar(select(Task).where(Task.person_id == henrik.id))
    for n in range(TASKS):
        session.add(
            Task(
                document_id=task.document_id,
                meeting_id=task.meeting_id,
                case_id=task.case_id,
                committee_id=task.committee_id,
                tenant=task.tenant,
                description=f"Henrik Berg følger opp punkt {n}: " + (words * 30)[:2000],
                assignee_kind="person",
                assignee_name=HENRIK,
                person_id=henrik.id,
                due_date=date(2026, 1, 1) + timedelta(days=n),
                due_text=("til høsten " * 10)[:100],
                status="open",
                line=n,
            )
        )
    for n in range(COMMITTEES):
        committee = Committee(tenant=task.tenant, name=f"{n:03} {words * 5}"[:300])
        session.add(committee)
        session.flush()
        held = Meeting(committee_id=committee.id, date=date(2026, 6, 1), status="held")
        session.add(held)
        session.flush()
        session.add(MeetingParticipant(meeting_id=held.id, person_id=henrik.id, role="present"))
        session.add(
            Meeting(
                committee_id=committee.id,
                date=date(2027, 1, 1) + timedelta(days=n),
                starts_at=datetime(2027, 1, 1, 12, tzinfo=UTC) + timedelta(days=n),
                location=(words * 10)[:500],
                status="planned",
            )
        )


async def test_the_longest_texts_the_store_holds_fit_the_home_tab(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK)
    await write(database_url, _longest)
    view = await open_home(fake, bot_with_slack.url)  # built, published and valid
    assert len(view["blocks"]) <= HOME_BLOCKS
    assert len(done_buttons(view)) == HOME_TASKS
    said = shown(view)
    more_tasks = text("nb", "slack.home.more_tasks", count=TASKS + 1 - HOME_TASKS)
    assert more_tasks in said
    # His committees: LSU and the 150 new ones, each with a meeting to come.
    more = text("nb", "slack.home.more_meetings", count=COMMITTEES + 1 - HOME_MEETINGS)
    assert more in said
    assert "&amp; sykehuset &lt;alle&gt;" in said and "<alle>" not in said


async def test_two_workspace_users_each_get_their_own_tab(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    """Near miss: the view goes to the user who opened the tab, linked as that user."""
    fake = slack[0]
    other = "U0OTHER0001"
    fake.users[USER] = slack_user(real_name=HENRIK)
    fake.users[other] = slack_user(other, real_name="Christine Hansen")
    assert (await post_event(bot_with_slack.url, home_opened(user=other))).status == 200
    (call,) = await fake.wait_for("views.publish")
    assert call.args["user_id"] == other
    assert text("nb", "slack.home.unlinked") in shown(call.args["view"])
    mine = await open_home(fake, bot_with_slack.url, event_id="Ev0HOME0009")
    assert HENRIKS_TASK in shown(mine)
