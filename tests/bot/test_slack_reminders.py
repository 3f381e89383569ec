"""Reminders to Slack end to end: the real scheduler on the real database (SQLite and
PostgreSQL), on a clock the test turns, posting through slack_sdk's AsyncWebClient to a
local fake of Slack's Web API (tests/bot/scripted_slack.py over tests/bot/fake_slack.py),
beside the Bot Connector fake for Teams.

The Slack conversations are stored as the Slack transport stores them: channel "slack",
the channel id (C…, D… for a DM), team_id and reference {"channelId": "slack", "team",
"channel"}; a Slack user linked to a person is chat_identity ("slack", "T…:U…"). Slack's
answers (chat.postMessage's ok and its errors, a 429 with Retry-After, conversations.open's
channel) are shaped as Slack's documentation gives them: see scripted_slack.py. The blocks
are checked by parsing them back through slack_sdk.models and its validation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime
from functools import partial
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from bot.config import SlackSettings
from bot.pacing import Pacer, PacingLimits
from bot.scheduler import Scheduler, SchedulerSettings
from bot.slack.blocks import DONE_ACTION, MAX_BLOCKS
from bot.slack.outbox import SlackOutbox
from bot.slack.workspaces import SlackWorkspaces
from storage import deliveries
from storage.chat_conversations import ConversationInfo, remember_conversation, subscribe
from storage.database import Database
from storage.models import (
    ChatConversation,
    ChatIdentity,
    Committee,
    Delivery,
    Person,
    Subscription,
    Task,
)

from .conftest import serve
from .fake_connector import FakeConnector
from .fake_slack import TEAM_ID
from .reminder_world import (
    OSLO,
    World,
    add_earlier_items,
    add_ssu,
    card_text,
    oslo,
    subscribe_channel,
    world,
)
from .scripted_slack import ScriptedSlack, Throttled, dm_of
from .test_pacing import VirtualTime, _most_in_window
from .test_slack_commands import block_action, post_action

TOKEN = "xoxb-reminders-token"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
CHANNEL = "C0SSU00001"  # the committee's Slack channel
OTHER = "C0LEDER0002"  # another channel of the workspace
HENRIK = "U2147483697"  # Henrik Berg's Slack user
WORKSPACE = "ws-fjordby"  # the workspace's tenant: not the configured one ("default")
AGENDA_TITLE = (
    "Påminnelse: SSU-møte torsdag 10. desember 2026 kl. 13:00–15:00 (sted: Helsehuset, møterom 2)"
)


@pytest.fixture
async def slack() -> AsyncIterator[tuple[ScriptedSlack, str]]:
    fake = ScriptedSlack()
    runner, url = await serve(fake.app())
    yield fake, f"{url}/api/"
    await runner.cleanup()


async def _the_token(team_id: str) -> str | None:
    return TOKEN


async def _world(
    database_url: str, connector: tuple[FakeConnector, str], api_url: str, tenant: str
) -> AsyncIterator[World]:
    settings = SlackSettings(signing_secret=SECRET, bot_token=TOKEN, api_url=api_url)
    async for w in world(database_url, connector, "2026-11-30 10:00", slack=settings):
        assert w.scheduler.slack is not None, "bot/app.py gives the Scheduler slack_outbox(…)"
        w.ssu = await w.db.write(add_ssu)
        if tenant != "default":
            await w.db.write(partial(_move_to, committee_id=w.ssu.committee_id, tenant=tenant))
        yield w


@pytest.fixture
async def ws(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[ScriptedSlack, str]
) -> AsyncIterator[World]:
    """SSU (tests/bot/reminder_world.py) in a Slack workspace's own tenant."""
    async for w in _world(database_url, connector, slack[1], WORKSPACE):
        yield w


@pytest.fixture
async def both(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[ScriptedSlack, str]
) -> AsyncIterator[World]:
    """SSU in the configured tenant, where Teams is too."""
    async for w in _world(database_url, connector, slack[1], "default"):
        yield w


def _move_to(session: Session, committee_id: int, tenant: str) -> None:
    """The committee, its tasks and their people belong to `tenant`."""
    people = select(Task.person_id).where(Task.committee_id == committee_id)
    session.execute(update(Person).where(Person.id.in_(people)).values(tenant=tenant))
    session.execute(update(Task).where(Task.committee_id == committee_id).values(tenant=tenant))
    session.execute(update(Committee).where(Committee.id == committee_id).values(tenant=tenant))


def slack_channel(
    session: Session, tenant: str, channel: str, now: datetime, committee_id: int | None = None
) -> int:
    """A Slack channel as the Slack transport stores it; subscribed to the committee."""
    info = ConversationInfo(
        tenant=tenant, channel="slack", conversation_id=channel, kind="channel",
        service_url="", team_id=TEAM_ID,
        reference={"channelId": "slack", "team": TEAM_ID, "channel": channel},
    )  # fmt: skip
    stored = remember_conversation(session, info, now)
    if committee_id is not None:
        committee = session.get(Committee, committee_id)
        assert committee is not None
        subscribe(session, stored, committee, by=None, now=now)
    return stored


def link_henrik(session: Session, tenant: str) -> int:
    henrik = session.scalar(select(Person).where(Person.name == "Henrik Berg"))
    assert henrik is not None
    session.add(ChatIdentity(tenant=tenant, channel="slack", user_key=f"{TEAM_ID}:{HENRIK}",
                             person_id=henrik.id, display_name="Henrik Berg"))  # fmt: skip
    return henrik.id


async def _subscribed(w: World, tenant: str, *channels: str) -> None:
    assert w.ssu is not None
    committee_id, now = w.ssu.committee_id, w.clock.now()
    for channel in channels:
        await w.db.write(lambda s, c=channel: slack_channel(s, tenant, c, now, committee_id))


def texts(node: Any) -> list[str]:
    """Every "text" string in blocks, depth first."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                found.append(value)
            else:
                found += texts(value)
    elif isinstance(node, list):
        for item in node:
            found += texts(item)
    return found


def buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (b["accessory"]["action_id"], b["accessory"]["value"])
        for b in blocks
        if b.get("accessory", {}).get("type") == "button"
    ]


def assert_valid(blocks: list[dict[str, Any]]) -> None:
    """Within Slack's block count, and each block as slack_sdk would build it, valid."""
    assert 1 <= len(blocks) <= MAX_BLOCKS
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()
        assert parsed.to_dict() == block


async def _task_ids(w: World) -> dict[str, int]:
    return await w.db.read(
        lambda s: {t.description: t.id for t in s.scalars(select(Task)).unique()}
    )


# ---- agenda reminders -----------------------------------------------------------------------


@pytest.mark.usefixtures("process_tz")
async def test_an_agenda_reminder_reaches_the_subscribed_slack_channel_once(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    fake = slack[0]
    await _subscribed(ws, WORKSPACE, CHANNEL)
    await ws.at("2026-12-03 08:59")
    assert fake.posted() == []
    report = await ws.at("2026-12-03 09:00")
    assert report.sent == 1
    await ws.at("2026-12-03 09:00:30")  # two more passes: nothing again
    await ws.at("2026-12-03 15:00")
    [post] = fake.posted()
    assert post.args["channel"] == CHANNEL and post.token == TOKEN
    # The same words as Teams: the fallback text is the reminder's chat text
    assert post.args["text"].splitlines()[0] == AGENDA_TITLE
    blocks = post.args["blocks"]
    assert_valid(blocks)
    assert blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": AGENDA_TITLE,
                                                      "emoji": False}}  # fmt: skip
    words = "\n".join(texts(blocks))
    assert "«Budsjett for legevakten 2027»" in words
    assert "«Felles rutine for utskrivning»" in words
    assert "*Oppgaver med frist før møtet*" in words and "Sende budsjettforslag" in words
    assert "*Uferdige oppgaver fra forrige møte (05.11.2026)*" in words
    assert "Oppdatere rutinen for LAR" in words and "Henrik Berg" in words
    assert "Evaluere prosjektet" not in words  # due after the meeting
    assert texts(blocks[-1]) == ["Møtet er kunngjort i ssu-referat-2026-11-05.md."]
    ids = await _task_ids(ws)
    assert sorted(buttons(blocks)) == sorted(
        (DONE_ACTION, str(ids[d])) for d in ("Sende budsjettforslag", "Oppdatere rutinen for LAR")
    )
    # Nothing to Teams; the ledger has it sent once, in the workspace's tenant
    assert ws.posts() == []
    ledger = await ws.db.read(
        lambda s: [(d.status, d.tenant, d.activity_id is not None) for d in s.scalars(
            select(Delivery))]
    )  # fmt: skip
    assert ledger == [("sent", WORKSPACE, True)]


async def test_the_slack_agenda_post_lists_what_earlier_meetings_bring(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    """The Teams card's lists (test_reminders), in Block Kit: the case postponed to the
    meeting and the report the last minutes set for it, between the cases and the tasks."""
    assert ws.ssu is not None
    await ws.db.write(partial(add_earlier_items, ssu=ws.ssu, tenant=WORKSPACE))
    await _subscribed(ws, WORKSPACE, CHANNEL)
    await ws.at("2026-12-03 09:00")
    [post] = slack[0].posted()
    assert_valid(post.args["blocks"])
    words = "\n".join(texts(post.args["blocks"]))
    carried = words.index("*Utsatt fra tidligere møter*")
    set_for = words.index("*Satt opp til dette møtet i tidligere referater*")
    assert carried < words.index("«Samarbeid om jordmortjenesten»") < set_for
    assert (
        set_for
        < words.index("oversikt over ambulanseberedskapen")
        < words.index("*Oppgaver med frist før møtet*")
    )
    assert "Referatsaker" not in words  # decided, bringing nothing
    assert "Utsatt fra tidligere møter:" in post.args["text"]  # the chat text has them too


async def test_two_schedulers_racing_post_it_once(
    ws: World, slack: tuple[ScriptedSlack, str], database_url: str
) -> None:
    fake, api_url = slack
    await _subscribed(ws, WORKSPACE, CHANNEL)
    first = ws.scheduler
    second = Scheduler(
        Database(database_url), first.outbox, FixedClock(ws.clock.now()), tz=OSLO,
        tenant="default", settings=SchedulerSettings(pacing=PacingLimits.off()),
        slack=SlackOutbox(api_url, _the_token),
    )  # fmt: skip
    try:
        for moment in ("2026-12-03 09:00", "2026-12-03 09:00:01", "2026-12-03 09:05"):
            first.clock.at = second.clock.at = oslo(moment)  # type: ignore[attr-defined]
            reports = await asyncio.gather(first.run_once(), second.run_once())
            assert sum(r.sent for r in reports) == (1 if moment.endswith("09:00") else 0)
    finally:
        await second.db.close()
    assert len(fake.posted()) == 1
    assert await ws.db.read(deliveries.counts) == {"sent": 1}


async def test_a_long_agenda_keeps_within_slacks_limits(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    """80 tasks due before the meeting and 30 left from the last one: 50 blocks at most,
    each list shortened with its hint, the source still last, the text whole."""
    assert ws.ssu is not None
    ssu = ws.ssu

    def many(session: Session) -> None:
        for n in range(80):
            session.add(Task(committee_id=ssu.committee_id, tenant=WORKSPACE,
                             description=f"Frist-oppgave {n:02d} " + "lang tekst " * 80,
                             due_date=date(2026, 12, 9)))  # fmt: skip
        for n in range(30):
            session.add(Task(committee_id=ssu.committee_id, meeting_id=ssu.previous_id,
                             tenant=WORKSPACE, description=f"Gammel oppgave {n:02d}",
                             due_date=date(2027, 2, 1)))  # fmt: skip

    await ws.db.write(many)
    await _subscribed(ws, WORKSPACE, CHANNEL)
    await ws.at("2026-12-03 09:00")
    [post] = slack[0].posted()
    blocks = post.args["blocks"]
    assert_valid(blocks)
    assert len(blocks) == MAX_BLOCKS
    words = texts(blocks)
    hints = [w for w in words if w.startswith("Viser ")]
    assert len(hints) == 2 and "av 81 oppgaver" in hints[0] and "av 31 oppgaver" in hints[1]
    assert words[-1] == "Møtet er kunngjort i ssu-referat-2026-11-05.md."
    assert all(len(w) <= 3000 for w in words)
    assert len(post.args["text"]) <= 3000 and post.args["text"].startswith(AGENDA_TITLE)


# ---- Slack's refusals ------------------------------------------------------------------------


async def test_a_429_is_tried_again_after_its_retry_after_then_sent_once(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    fake = slack[0]
    await _subscribed(ws, WORKSPACE, CHANNEL)
    fake.script[CHANNEL] = [Throttled(30)]
    first = await ws.at("2026-12-03 09:00:00")
    assert first.retrying == 1 and fake.refused == [(CHANNEL, "ratelimited")]
    assert not await ws.at("2026-12-03 09:00:29")  # Retry-After honoured: not before 30 s
    assert fake.posted() == []
    second = await ws.at("2026-12-03 09:00:30")
    assert second.sent == 1 and len(fake.posted()) == 1
    await ws.at("2026-12-03 12:00")
    assert len(fake.posted()) == 1
    ledger = await ws.db.read(lambda s: [(d.status, d.attempts) for d in s.scalars(
        select(Delivery))])  # fmt: skip
    assert ledger == [("sent", 2)]


async def _subscriptions(w: World) -> list[tuple[bool, str | None]]:
    return await w.db.read(
        lambda s: [(x.active, x.disabled_reason) for x in s.scalars(select(Subscription))]
    )


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_a_channel_the_bot_cannot_write_in_stops_its_subscription(
    ws: World, slack: tuple[ScriptedSlack, str], error: str
) -> None:
    fake = slack[0]
    await _subscribed(ws, WORKSPACE, CHANNEL)
    fake.script[CHANNEL] = [error]
    report = await ws.at("2026-12-03 09:00")
    assert (report.failed, report.disabled) == (1, 1)
    assert await _subscriptions(ws) == [(False, f"Slack answered {error}: the bot was removed")]
    removed = await ws.db.read(
        lambda s: [c.removed_at is not None for c in s.scalars(select(ChatConversation))]
    )
    assert removed == [True]
    # Nothing more: not the 1-day reminder, nor Henrik's task reminders (his tasks went to
    # the committee's channel, and it has none now)
    for moment in ("2026-12-04 09:00", "2026-12-08 09:00", "2026-12-09 09:00"):
        await ws.at(moment)
    assert fake.posted() == [] and fake.refused == [(CHANNEL, error)]


async def test_an_uninstalled_workspace_no_token_stops_its_subscription(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    fake, api_url = slack

    async def uninstalled(team_id: str) -> str | None:
        return None

    ws.scheduler.slack = SlackOutbox(api_url, uninstalled)
    await _subscribed(ws, WORKSPACE, CHANNEL)
    report = await ws.at("2026-12-03 09:00")
    assert (report.failed, report.disabled) == (1, 1)
    assert await _subscriptions(ws) == [(False, "Slack answered no_token: the bot was removed")]
    await ws.at("2026-12-09 09:00")
    assert fake.calls == []  # never called Slack without a token


@pytest.mark.parametrize(
    ("error", "outcome"),
    [("internal_error", "pending"), ("msg_too_long", "failed")],
)
async def test_other_refusals_do_not_stop_the_subscription(
    ws: World, slack: tuple[ScriptedSlack, str], error: str, outcome: str
) -> None:
    """Near misses of "gone": Slack unwell is tried again, a refused message fails alone."""
    fake = slack[0]
    await _subscribed(ws, WORKSPACE, CHANNEL)
    fake.script[CHANNEL] = [error]
    report = await ws.at("2026-12-03 09:00")
    assert (report.retrying, report.failed, report.disabled) == (
        (1, 0, 0) if outcome == "pending" else (0, 1, 0)
    )
    assert await _subscriptions(ws) == [(True, None)]
    ledger = await ws.db.read(lambda s: [d.status for d in s.scalars(select(Delivery))])
    assert ledger == [outcome]
    await ws.at("2026-12-09 09:00")  # the next reminder goes
    assert [c.args["channel"] for c in fake.posted()][-1] == CHANNEL


# ---- task reminders by DM --------------------------------------------------------------------


@pytest.mark.usefixtures("process_tz")
async def test_a_task_reminder_reaches_a_linked_slack_user_by_dm(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    fake = slack[0]
    now = ws.clock.now()
    # The workspace has a channel with the bot (not subscribed: the task has no committee
    # channel to go to), and Henrik is linked to his Slack user
    await ws.db.write(lambda s: slack_channel(s, WORKSPACE, OTHER, now))
    await ws.db.write(lambda s: link_henrik(s, WORKSPACE))
    await ws.at("2026-12-03 09:00")
    assert fake.calls == []
    await ws.at("2026-12-04 09:00")  # «Sende budsjettforslag», due Tuesday the 8th
    [opened] = fake.of("conversations.open")
    assert opened.args["users"] == HENRIK and opened.token == TOKEN
    [post] = fake.posted()
    assert post.args["channel"] == dm_of(HENRIK)
    assert post.args["text"].splitlines()[0] == "Påminnelse: oppgaven har frist 8. desember 2026."
    assert_valid(post.args["blocks"])
    ids = await _task_ids(ws)
    assert buttons(post.args["blocks"]) == [(DONE_ACTION, str(ids["Sende budsjettforslag"]))]
    stored = await ws.db.read(lambda s: [
        (c.tenant, c.kind, c.conversation_id, c.user_key, c.team_id, c.service_url, c.reference)
        for c in s.scalars(select(ChatConversation).where(ChatConversation.kind == "personal"))
    ])  # fmt: skip
    dm = dm_of(HENRIK)
    reference = {"channelId": "slack", "team": TEAM_ID, "channel": dm}
    key = f"{TEAM_ID}:{HENRIK}"
    assert stored == [(WORKSPACE, "personal", dm, key, TEAM_ID, "", reference)]
    # On the day: to the stored DM, without opening it again
    await ws.at("2026-12-08 09:00")
    assert len(fake.of("conversations.open")) == 1
    posts = fake.posted()
    assert [p.args["channel"] for p in posts] == [dm_of(HENRIK)] * 2
    assert posts[1].args["text"].splitlines()[0] == "Påminnelse: oppgaven har frist i dag."


async def test_no_dm_without_a_live_conversation_in_the_workspace(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    """Near miss: Henrik is linked, but the bot has no conversation left in the workspace
    (the one it had was removed): nothing is planned for him, nothing opened."""
    fake = slack[0]
    now = ws.clock.now()
    gone = await ws.db.write(lambda s: slack_channel(s, WORKSPACE, OTHER, now))
    await ws.db.write(
        lambda s: s.execute(
            update(ChatConversation).where(ChatConversation.id == gone).values(removed_at=now)
        )
    )
    await ws.db.write(lambda s: link_henrik(s, WORKSPACE))
    for moment in ("2026-12-04 09:00", "2026-12-08 09:00"):
        await ws.at(moment)
    assert fake.calls == []
    assert await ws.db.read(deliveries.counts) == {}


# ---- Teams beside Slack ----------------------------------------------------------------------


async def test_a_teams_subscription_next_to_a_slack_one_still_goes_to_the_connector(
    both: World, slack: tuple[ScriptedSlack, str]
) -> None:
    fake = slack[0]
    assert both.ssu is not None
    committee_id, now = both.ssu.committee_id, both.clock.now()

    def teams(session: Session) -> None:
        committee = session.get(Committee, committee_id)
        assert committee is not None
        subscribe_channel(session, committee, both.channel, both.bot.connector_url, now)

    await both.db.write(teams)
    await _subscribed(both, "default", CHANNEL)
    report = await both.at("2026-12-03 09:00")
    assert report.sent == 2
    [teams_post] = both.agenda_posts()
    assert teams_post.conversation_id == both.channel
    assert card_text(teams_post).splitlines()[0] == AGENDA_TITLE
    assert [(c.args["channel"], c.args["text"].splitlines()[0]) for c in fake.posted()] == [
        (CHANNEL, AGENDA_TITLE)
    ]


# ---- pacing ----------------------------------------------------------------------------------


async def test_slack_channels_get_at_most_one_message_a_second(
    ws: World, slack: tuple[ScriptedSlack, str]
) -> None:
    """Six reminders for one Slack channel in one pass (a virtual clock under the pacer):
    a second apart at least, while the other channel's post is not held up behind them."""
    fake = slack[0]
    assert ws.ssu is not None
    ssu = ws.ssu
    clock = VirtualTime()
    ws.scheduler.pacer = Pacer(PacingLimits(), now=clock.now, sleep=clock.sleep)
    sent: dict[str, list[float]] = {}
    fake.on_post = lambda channel: sent.setdefault(channel, []).append(clock.now())

    def due_thursday(session: Session) -> None:
        for n in range(5):  # the committee's: reminded in its channel on Tuesday the 8th
            session.add(Task(committee_id=ssu.committee_id, tenant=WORKSPACE,
                             description=f"Oppgave {n}", due_date=date(2026, 12, 10)))  # fmt: skip

    await ws.db.write(due_thursday)
    await _subscribed(ws, WORKSPACE, CHANNEL, OTHER)  # tasks go to the first: CHANNEL
    report = await ws.at("2026-12-08 09:00")
    # The 7-day agenda reminders (late, still before the meeting) to both, and to CHANNEL
    # the five tasks and Henrik's due today
    assert report.sent == 8
    assert len(sent[CHANNEL]) == 7 and len(sent[OTHER]) == 1
    assert _most_in_window(sent[CHANNEL], 1.0) == 1
    gaps = [b - a for a, b in zip(sent[CHANNEL], sent[CHANNEL][1:], strict=False)]
    assert all(gap > 1.0 for gap in gaps) and max(gaps) < 1.1
    assert sent[OTHER][0] < sent[CHANNEL][-1]  # not queued behind CHANNEL's


async def test_the_slack_limit_is_its_own() -> None:
    """On the pacer alone: a Slack channel 1 a second; Teams' conversations keep theirs (6),
    and Slack's sends do not count against Teams' overall limit."""
    clock = VirtualTime()
    pacer = Pacer(now=clock.now, sleep=clock.sleep)
    slack_times = []
    for _ in range(5):
        await pacer.turn(CHANNEL, "slack")
        slack_times.append(clock.now())
    assert _most_in_window(slack_times, 1.0) == 1 and slack_times[-1] > 4.0
    start = clock.now()
    for _ in range(6):
        await pacer.turn(CHANNEL)  # the same id as a Teams conversation: not the same limit
    assert clock.now() - start < 1.0


# ---- workspaces installed through OAuth ------------------------------------------------------


async def test_an_installed_workspace_gets_its_reminders_with_its_own_token(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[ScriptedSlack, str]
) -> None:
    """OAuth mode: the workspace is the tenant of its team id, its token the one its install
    stored (slack_sdk's installation store, as bot/slack/workspaces.py keeps it); once it is
    gone (uninstalled), the next reminder finds no token and the subscription stops."""
    fake, api_url = slack
    settings = SlackSettings(
        signing_secret=SECRET, client_id="1234567890.0987654321", client_secret="secret",
        api_url=api_url,
    )  # fmt: skip
    async for w in world(database_url, connector, "2026-11-30 10:00", slack=settings):
        w.ssu = await w.db.write(add_ssu)
        await w.db.write(partial(_move_to, committee_id=w.ssu.committee_id, tenant=TEAM_ID))
        workspaces = SlackWorkspaces(settings, w.db, "default")
        assert workspaces.installations is not None
        installation = Installation(
            app_id="A0REFERENT", team_id=TEAM_ID, bot_token="xoxb-installed",
            bot_user_id="U0LAN0Z89", bot_scopes=["chat:write"], user_id="U0INSTALL1",
        )  # fmt: skip
        await workspaces.installations.async_save(installation)
        await _subscribed(w, TEAM_ID, CHANNEL)
        await w.at("2026-12-03 09:00")
        [post] = fake.posted()
        assert (post.args["channel"], post.token) == (CHANNEL, "xoxb-installed")
        await workspaces.forget(TEAM_ID)
        report = await w.at("2026-12-09 09:00")
        assert (report.failed, report.disabled) == (1, 1)
        assert await _subscriptions(w) == [(False, "Slack answered no_token: the bot was removed")]
        assert len(fake.posted()) == 1


# ---- «Marker som ferdig» on a reminder -------------------------------------------------------


async def test_marking_a_dm_reminders_task_done_stops_its_next_reminder(
    both: World, slack: tuple[ScriptedSlack, str]
) -> None:
    """The button on a task reminder in Henrik's DM, clicked (a signed block_actions
    request to the real server, shaped as in test_slack_commands.py): the task is done,
    the reminder's message updated in the DM, and the due-day reminder is not sent."""
    fake, api_url = slack
    now = both.clock.now()
    await both.db.write(lambda s: slack_channel(s, "default", OTHER, now))
    await both.db.write(lambda s: link_henrik(s, "default"))
    await both.at("2026-12-04 09:00")
    [post] = fake.posted()
    ts = await both.db.read(
        lambda s: s.scalar(select(Delivery.activity_id).where(Delivery.status == "sent"))
    )
    task_id = (await _task_ids(both))["Sende budsjettforslag"]
    message = {"type": "message", "user": "U0LAN0Z89", "ts": ts, "text": post.args["text"],
               "blocks": post.args["blocks"]}  # fmt: skip
    payload = block_action(api_url, DONE_ACTION, str(task_id), message)
    payload["channel"] = {"id": dm_of(HENRIK), "name": "directmessage"}
    payload["container"].update(channel_id=dm_of(HENRIK), message_ts=ts)
    payload["user"] = {"id": HENRIK, "username": "henrik", "name": "Henrik Berg",
                       "team_id": TEAM_ID}  # fmt: skip
    assert (await post_action(both.bot.url, payload)).status == 200
    [updated] = await fake.wait_for("chat.update")
    assert (updated.args["channel"], updated.args["ts"]) == (dm_of(HENRIK), ts)
    assert not buttons(updated.args["blocks"])  # the button gone, the task marked done
    assert any("Henrik Berg" in t for t in texts(updated.args["blocks"][-1]))
    status = await both.db.read(lambda s: s.get(Task, task_id).status)  # type: ignore[union-attr]
    assert status == "done"
    report = await both.at("2026-12-08 09:00")
    assert report.sent == 0 and len(fake.posted()) == 1
