"""Slack conversations run the same commands and dialogs as Teams, through the real server
at /slack/events (signed) and a local fake of Slack's Web API.

Payload shapes: app_mention from api.slack.com/events/app_mention; a thread reply is a
`message` event with `thread_ts` as api.slack.com/events/message (and "Threading
messages") shows it, with channel_type "channel" (api.slack.com/events/message.channels);
member_joined_channel from api.slack.com/events/member_joined_channel; channel_left from
api.slack.com/events/channel_left; conversations.info's answer from
api.slack.com/methods/conversations.info."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from sqlalchemy import select, text

from storage.database import Database
from storage.models import ChatConversation, Subscription, Task

from . import test_slack_events as events
from .conftest import Running
from .fake_slack import BOT_USER_ID, TEAM_ID, FakeSlack
from .test_slack_events import envelope, post_event

# The Slack fixtures of test_slack_events: the fake Web API and the server pointed at it.
slack = events.slack
bot_with_slack = events.bot_with_slack

CHANNEL = "C0SSU00001"
USER = "U0BRITT001"
_ids = itertools.count(1)


def _event(kind: str, **fields: Any) -> dict:
    return envelope({"type": kind, **fields}, f"Ev{next(_ids):08d}X")


def mention(text: str, ts: str, thread_ts: str | None = None) -> dict:
    event = {"user": USER, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": CHANNEL}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return _event("app_mention", event_ts=ts, **event)


def thread_reply(text: str, ts: str, thread_ts: str) -> dict:
    return _event(
        "message",
        user=USER,
        text=text,
        ts=ts,
        thread_ts=thread_ts,
        channel=CHANNEL,
        channel_type="channel",
        event_ts=ts,
    )


async def say(bot: Running, fake: FakeSlack, payload: dict, answers: int = 1) -> list[str]:
    """Post the event; the texts of the `answers` messages it brings."""
    before = len(fake.posted())
    response = await post_event(bot.url, payload)
    assert response.status == 200
    posts = await fake.wait_for_posts(before + answers)
    return [str(c.args.get("text")) for c in posts[before:]]


async def test_a_dialog_runs_in_a_thread_and_needs_no_mention_there(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    top = "1700000000.000100"
    (asked,) = await say(bot_with_slack, fake, mention("ny oppgave", top))
    assert asked.startswith("Hva er oppgaven?")
    assert fake.posted()[-1].args["thread_ts"] == top
    (who,) = await say(bot_with_slack, fake, thread_reply("lage notat om legevakt", "1.2", top))
    assert who.startswith("Hvem skal gjøre det?")
    (when,) = await say(bot_with_slack, fake, thread_reply("Britt Kveseth", "1.3", top))
    assert when.startswith("Når er fristen?")
    (saved,) = await say(bot_with_slack, fake, thread_reply("fredag", "1.4", top))
    assert saved.startswith("Lagt inn oppgave") and "lage notat om legevakt" in saved
    assert all(c.args["thread_ts"] == top for c in fake.posted())
    db = Database(database_url)
    try:
        tasks = await db.read(
            lambda s: s.scalars(select(Task).where(Task.description.contains("legevakt"))).all()
        )
    finally:
        await db.close()
    assert len(tasks) == 1
    # The dialog is over: the thread's chatter is no longer for the bot.
    await post_event(bot_with_slack.url, thread_reply("takk!", "1.5", top))
    await say(bot_with_slack, fake, mention("neste møte", "1700000001.000100"))
    assert "takk" not in " ".join(str(c.args.get("text")) for c in fake.posted())
    assert len(fake.posted()) == 5


async def test_thread_chatter_without_a_dialog_is_ignored(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    """Near-misses: a thread reply where no dialog waits, a channel message outside any
    thread, and a thread reply that mentions the bot (app_mention has it) get nothing."""
    fake = slack[0]
    await post_event(bot_with_slack.url, thread_reply("hva ble bestemt om LAR?", "2.1", "2.0"))
    plain = _event(
        "message", user=USER, text="ny oppgave", ts="2.2", channel=CHANNEL, channel_type="channel"
    )
    await post_event(bot_with_slack.url, plain)
    mentioned = thread_reply(f"<@{BOT_USER_ID}> neste møte", "2.3", "2.0")
    await post_event(bot_with_slack.url, mentioned)
    await say(bot_with_slack, fake, mention("neste møte", "2.4"))
    assert len(fake.posted()) == 1


async def test_subscribing_in_a_channel_stores_it_for_reminders(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    (reply,) = await say(bot_with_slack, fake, mention("abonner på SSU", "3.0"))
    assert "SSU" in reply and "Jeg forsto ikke" not in reply
    db = Database(database_url)
    try:
        rows = await db.read(
            lambda s: s.execute(
                select(ChatConversation, Subscription).join(
                    Subscription, Subscription.conversation_ref_id == ChatConversation.id
                )
            ).all()
        )
    finally:
        await db.close()
    ((conversation, subscription),) = rows
    assert (conversation.channel, conversation.conversation_id) == ("slack", CHANNEL)
    assert (conversation.kind, conversation.team_id) == ("channel", TEAM_ID)
    assert conversation.reference == {"channelId": "slack", "team": TEAM_ID, "channel": CHANNEL}
    assert subscription.active
    (listed,) = await say(bot_with_slack, fake, mention("hvilke abonnementer har vi?", "3.1"))
    assert "SSU" in listed


async def test_invited_to_a_committee_channel_it_welcomes_and_subscribes_and_leaving_stops(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    fake.channels[CHANNEL] = {"id": CHANNEL, "name": "ssu-fjordby", "is_channel": True}
    joined = _event(
        "member_joined_channel",
        user=BOT_USER_ID,
        channel=CHANNEL,
        channel_type="C",
        team=TEAM_ID,
        inviter=USER,
    )
    (welcome,) = await say(bot_with_slack, fake, joined)
    assert "før hvert SSU-møte" in welcome
    # Someone else joining is no business of the bot's.
    other = _event("member_joined_channel", user="U0OTHER01", channel=CHANNEL, channel_type="C")
    await post_event(bot_with_slack.url, other)
    left = _event("channel_left", channel=CHANNEL, actor_id=USER, event_ts="4.0")
    assert (await post_event(bot_with_slack.url, left)).status == 200
    db = Database(database_url)
    try:
        for _ in range(100):
            active = await db.read(lambda s: s.scalars(select(Subscription.active)).all())
            if active == [False]:
                break
            await _pause()
    finally:
        await db.close()
    assert active == [False]
    await say(bot_with_slack, fake, mention("neste møte", "4.1"))
    assert len(fake.posted()) == 2


async def _pause() -> None:
    await asyncio.sleep(0.05)


async def test_a_turn_that_fails_gets_the_apology_in_its_thread(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    """A fault inside the turn (here: the meetings table gone from under the bot) gets
    the same apology as in Teams, where the question was asked."""
    fake = slack[0]
    db = Database(database_url)
    try:
        async with db.engine.begin() as connection:
            await connection.execute(text("ALTER TABLE meeting RENAME TO meeting_away"))
    finally:
        await db.close()
    (reply,) = await say(bot_with_slack, fake, mention("når er neste møte?", "5.0"))
    assert "noe gikk galt" in reply
    assert fake.posted()[-1].args["thread_ts"] == "5.0"
