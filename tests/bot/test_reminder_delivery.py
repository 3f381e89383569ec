"""How reminders reach people: Connector failures and retries, a bot removed from its
channel, a restart, task reminders in a personal chat (opened for the occasion where
needed) with «Marker som ferdig», and the scheduler running by itself in the app."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from storage import deliveries
from storage.models import (
    ChatConversation,
    ChatIdentity,
    Committee,
    Delivery,
    Person,
    Subscription,
    Task,
)
from storage.names import name_key

from .activities import TENANT, aad_object_id, teams_message
from .conftest import start_bot
from .fake_connector import FakeConnector
from .reminder_world import OSLO, World, add_ssu, card_text, oslo, world


@pytest.fixture
async def ssu(ssu: World) -> World:
    """The SSU world, subscribed to SSU in the team's channel."""
    await ssu.say("abonner på SSU")
    return ssu


async def _agenda_ledger(w: World) -> list[tuple[str, int]]:
    return await w.db.read(
        lambda s: [
            (d.status, d.attempts)
            for d in s.scalars(select(Delivery).where(Delivery.kind == "agenda"))
        ]
    )


async def test_429_then_500_then_200_arrives_once(ssu: World) -> None:
    ssu.connector.script[ssu.channel] = [(429, {"Retry-After": "7"}), 500]
    first = await ssu.at("2026-12-03 09:00:00")
    assert first.retrying == 1 and ssu.connector.refused == [(ssu.channel, 429)]
    # Retry-After is honoured: not again before seven seconds have passed
    assert not (await ssu.at("2026-12-03 09:00:05"))
    second = await ssu.at("2026-12-03 09:00:07")
    assert second.retrying == 1 and ssu.connector.refused[-1] == (ssu.channel, 500)
    await ssu.at("2026-12-03 09:00:09")
    assert ssu.agenda_posts() == []
    third = await ssu.at("2026-12-03 09:00:11")  # backoff after the 500: 4 seconds
    assert third.sent == 1
    assert len(ssu.agenda_posts()) == 1
    assert await _agenda_ledger(ssu) == [("sent", 3)]
    await ssu.at("2026-12-03 12:00")
    assert len(ssu.agenda_posts()) == 1


async def test_403_disables_the_subscription(ssu: World, caplog: pytest.LogCaptureFixture) -> None:
    ssu.connector.script[ssu.channel] = [403]
    with caplog.at_level("WARNING"):
        report = await ssu.at("2026-12-03 09:00")
    assert (report.failed, report.disabled) == (1, 1)
    assert "the bot was removed; 1 subscription(s) in that conversation disabled" in caplog.text
    state = await ssu.db.read(
        lambda s: [(x.active, x.disabled_reason) for x in s.scalars(select(Subscription))]
    )
    assert state == [(False, "the Connector answered 403: the bot was removed")]
    await ssu.at("2026-12-09 09:00")
    assert ssu.connector.refused == [(ssu.channel, 403)] and ssu.posts() == []
    # Added back, subscribed again: reminders resume
    assert "SSU" in await ssu.say("abonner på SSU")
    await ssu.at("2026-12-09 09:01")
    assert len(ssu.agenda_posts()) == 1


async def test_claims_of_a_dead_instance_are_taken_over_when_their_lease_runs_out(
    ssu: World,
) -> None:
    ssu.clock.at = moment = oslo("2026-12-03 09:00")
    await ssu.db.write(lambda s: deliveries.write_due(s, "default", moment, OSLO))
    # An instance claims it and dies before sending or giving it back
    await ssu.db.write(lambda s: deliveries.claim(s, moment, "ghost", 10, timedelta(minutes=5)))
    await ssu.at("2026-12-03 09:04")
    assert ssu.agenda_posts() == []  # still held by the claim
    await ssu.at("2026-12-03 09:05:01")
    assert len(ssu.agenda_posts()) == 1


async def test_a_restarted_bot_does_not_resend(
    ssu: World, database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    await ssu.at("2026-12-03 09:00")
    assert len(ssu.agenda_posts()) == 1
    await ssu.bot.app.shutdown()
    clock = ssu.clock
    async for again in start_bot(database_url, connector, clock=clock, reminders=False):
        restarted = World(again, clock, ssu.channel)
        assert not (await restarted.at("2026-12-03 09:30"))
        await restarted.at("2026-12-09 09:00")
    assert len(ssu.agenda_posts()) == 2


async def _henrik(w: World, *, chat: bool) -> int:
    """Henrik Berg linked to his Teams user; with `chat`, he has talked to the bot in a
    personal chat (so it is stored)."""

    def link(session) -> int:  # type: ignore[no-untyped-def]
        person = session.scalar(select(Person).where(Person.name == "Henrik Berg"))
        session.add(ChatIdentity(tenant="default", channel="msteams", person_id=person.id,
                                 user_key=aad_object_id("Henrik Berg")))  # fmt: skip
        return person.id

    person_id = await w.db.write(link)
    if chat:
        before = len(w.connector.messages())
        activity = teams_message("hei", w.bot.connector_url, user="Henrik Berg")
        activity["conversation"]["id"] = "a:henrik-personal"
        assert (await w.bot.post(activity)).status == 201
        await w.connector.wait_for_messages(before + 1)
    return person_id


async def test_a_task_reminder_in_a_personal_chat_and_marked_done_from_it(ssu: World) -> None:
    await _henrik(ssu, chat=True)
    await ssu.at("2026-12-04 09:00")
    (reminder,) = ssu.task_posts()
    assert reminder.conversation_id == "a:henrik-personal"
    card = card_text(reminder)
    assert card.startswith("Påminnelse: oppgaven har frist 8. desember 2026.")
    assert "Sende budsjettforslag" in card and "Henrik Berg" in card
    button = next(a for a in _actions(reminder.activity) if a.get("type") == "Action.Submit")
    assert button["title"] == "Marker som ferdig"

    # Henrik presses the button: Teams sends its data, replying to the reminder
    before = len(ssu.connector.messages())
    press = teams_message("", ssu.bot.connector_url, user="Henrik Berg")
    press["conversation"]["id"] = "a:henrik-personal"
    press["replyToId"] = reminder.id
    del press["text"]
    press["value"] = button["data"]
    assert (await ssu.bot.post(press)).status == 201
    reply = (await ssu.connector.wait_for_messages(before + 1))[before]
    assert "er markert som ferdig" in reply["text"]
    (update,) = ssu.connector.updates
    assert (update.conversation_id, update.reply_to) == ("a:henrik-personal", reminder.id)
    updated = str(update.activity)
    assert "Ferdig: markert av Henrik Berg." in updated and "Action.Submit" not in updated
    # Done: its due-day reminder is not sent
    await ssu.at("2026-12-08 09:00")
    assert len(ssu.task_posts()) == 1


def _actions(node: object) -> list[dict]:
    found: list[dict] = []
    if isinstance(node, dict):
        found += node.get("actions") or []
        for value in node.values():
            found += _actions(value)
    elif isinstance(node, list):
        for item in node:
            found += _actions(item)
    return found


async def _osu_task(w: World, person_id: int) -> None:
    """A task of Henrik's in OSU, a committee without a channel of its own."""

    def add(session) -> None:  # type: ignore[no-untyped-def]
        osu = Committee(tenant="default", name="Overordnet samarbeidsorgan", short_name="OSU")
        session.add(osu)
        session.flush()
        session.add(Task(committee_id=osu.id, description="Skrive høringssvar",
                         assignee_kind="person", assignee_name="Henrik Berg",
                         person_id=person_id, due_date=date(2026, 12, 16)))  # fmt: skip

    await w.db.write(add)


async def test_a_personal_chat_is_opened_for_a_task_reminder(ssu: World) -> None:
    person_id = await _henrik(ssu, chat=False)
    await _osu_task(ssu, person_id)
    await ssu.at("2026-12-14 09:00")
    (created,) = ssu.connector.created
    assert created["members"] == [{"id": aad_object_id("Henrik Berg")}]
    # Teams reads the tenant from channelData (the SDK spells the top-level one "tenantID")
    assert created["channelData"]["tenant"]["id"] == TENANT
    opened = [p for p in ssu.task_posts() if "Skrive høringssvar" in card_text(p)]
    assert len(opened) == 1 and opened[0].conversation_id.startswith("a:personal-")
    stored = await ssu.db.read(
        lambda s: s.scalars(select(ChatConversation.kind).where(
            ChatConversation.conversation_id == opened[0].conversation_id)).all()
    )  # fmt: skip
    assert stored == ["personal"]


async def test_a_personal_chat_teams_refuses_fails_that_reminder_alone(ssu: World) -> None:
    person_id = await _henrik(ssu, chat=False)
    await _osu_task(ssu, person_id)
    ssu.connector.create_status = 403  # the app is not installed for him
    report = await ssu.at("2026-12-14 09:00")
    assert report.failed == 1
    assert not any("Skrive høringssvar" in card_text(p) for p in ssu.task_posts())
    active = await ssu.db.read(lambda s: s.scalars(select(Subscription.active)).all())
    assert active == [True]  # the channel's subscription is not touched


async def test_the_scheduler_runs_by_itself_in_the_app(
    database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    async for running in world(
        database_url, connector, "2026-12-03 09:00", reminders=True, reminder_poll_seconds=0.2
    ):
        await running.db.write(add_ssu)
        await running.say("abonner på SSU")  # nudges the loop: the 7-day reminder is due
        await running.connector.wait_for_messages(2)  # the reply, then the reminder
        await asyncio.sleep(0.5)  # a few more passes: nothing more
        assert len(running.agenda_posts()) == 1


async def test_stopping_the_app_gives_back_claims_not_yet_sent(
    ssu: World, database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    # 30 tasks due for Henrik in the channel, each send slow: stopped halfway
    def add(session) -> None:  # type: ignore[no-untyped-def]
        person = session.scalar(select(Person).where(Person.name_key == name_key("Henrik Berg")))
        committee = session.scalar(select(Committee))
        for n in range(30):
            session.add(Task(committee_id=committee.id, description=f"Oppgave {n}",
                             assignee_kind="person", assignee_name="Henrik Berg",
                             person_id=person.id, due_date=date(2026, 12, 2)))  # fmt: skip

    await ssu.db.write(add)
    ssu.connector.delay = 0.05
    ssu.clock.at = oslo("2026-12-02 09:00")
    before = len(ssu.connector.messages())
    running = asyncio.create_task(ssu.scheduler.run_once())
    await ssu.connector.wait_for_messages(before + 5)
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    statuses = await ssu.db.read(lambda s: s.scalars(select(Delivery.status)).all())
    assert "sending" not in statuses  # nothing left claimed
    sent_before = len(ssu.task_posts())
    assert statuses.count("sent") == sent_before < 30
    async for again in start_bot(database_url, connector, clock=ssu.clock, reminders=False):
        await World(again, ssu.clock, ssu.channel).at("2026-12-02 09:05")
    descriptions = [card_text(p) for p in ssu.task_posts()]
    assert len(descriptions) == 30
    assert len({d for d in descriptions}) == 30  # none twice
