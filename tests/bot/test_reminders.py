"""Agenda reminders end to end: subscribed from a Teams channel over HTTP, planned from the
real database, sent by the real scheduler through the SDK's Connector client to the local
Connector fake, with the clock turned by the test."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from sqlalchemy import Select, select

from assistant.meeting_answer import agenda
from storage import deliveries
from storage.models import Delivery, Meeting, Subscription
from storage.records import cancel_meeting, move_meeting

from .activities import BOT_ID, teams_message
from .reminder_world import OSLO, SsuRecord, World, add_earlier_items, card_text, oslo


def record(w: World) -> SsuRecord:
    assert w.ssu is not None
    return w.ssu


def _agenda_deliveries() -> Select[tuple[Delivery]]:
    return select(Delivery).where(Delivery.kind == "agenda").order_by(Delivery.id)


@pytest.mark.usefixtures("process_tz")
async def test_a_thursday_meeting_gets_two_agenda_posts_at_nine(ssu: World) -> None:
    reply = await ssu.say("abonner på SSU")
    assert "SSU" in reply and "7 dager og 1 dag før" in reply and "09:00" in reply

    await ssu.at("2026-12-03 08:59")
    assert ssu.agenda_posts() == []
    await ssu.at("2026-12-03 09:00")
    assert len(ssu.agenda_posts()) == 1
    await ssu.at("2026-12-03 15:00")  # nothing more that day
    await ssu.at("2026-12-04 09:00")
    await ssu.at("2026-12-08 09:30")
    assert len(ssu.agenda_posts()) == 1
    await ssu.at("2026-12-09 09:00")
    await ssu.at("2026-12-10 09:00")  # no reminder on the day itself (offsets 7 and 1)
    await ssu.at("2026-12-10 14:00")
    posts = ssu.agenda_posts()
    assert len(posts) == 2

    # A new post in the channel (not a reply in the thread it was asked in)
    assert {p.conversation_id for p in posts} == {ssu.channel}
    card = card_text(posts[0])
    assert card.splitlines()[0] == (
        "Påminnelse: SSU-møte torsdag 10. desember 2026 kl. 13:00–15:00 "
        "(sted: Helsehuset, møterom 2)"
    )
    assert "SSU 10.12.2026, sak 2026.41 «Budsjett for legevakten 2027»" in card
    assert "«Felles rutine for utskrivning»" in card  # proposed in chat
    due, carried = card.index("Oppgaver med frist før møtet:"), card.index("forrige møte")
    assert "Sende budsjettforslag" in card[due:carried]
    assert "Uferdige oppgaver fra forrige møte (05.11.2026):" in card
    assert "Oppdatere rutinen for LAR" in card[carried:]
    assert "Henrik Berg" in card
    assert "Evaluere prosjektet" not in card  # due after the meeting
    assert "Møtet er kunngjort i ssu-referat-2026-11-05.md." in card
    assert posts[0].activity["summary"].startswith("Påminnelse: SSU-møte torsdag")

    # Beside them, Henrik's task due on 8 December was reminded in the channel (he has no
    # chat with the bot): on Friday the 4th (two days before is a Sunday), and on the day
    tasks = ssu.task_posts()
    assert [card_text(p).splitlines()[0] for p in tasks] == [
        "Påminnelse: oppgaven har frist 8. desember 2026.",
        "Påminnelse: oppgaven har frist i dag.",
    ]
    assert "Sende budsjettforslag" in card_text(tasks[0])
    ledger = await ssu.db.read(deliveries.counts)
    assert ledger == {"sent": 4}


@pytest.mark.usefixtures("process_tz")
async def test_the_agenda_post_lists_what_earlier_meetings_bring_as_the_agenda_answer_does(
    ssu: World,
) -> None:
    """Before, the post listed only the cases filed for the meeting: a case postponed to it
    and a report the last minutes set for it were on the agenda answer, not in the post."""
    await ssu.db.write(partial(add_earlier_items, ssu=record(ssu)))
    await ssu.say("abonner på SSU")
    await ssu.at("2026-12-03 09:00")
    [post] = ssu.agenda_posts()
    lines = card_text(post).splitlines()
    carried, set_for = (
        lines.index("Utsatt fra tidligere møter:"),
        lines.index("Satt opp til dette møtet i tidligere referater:"),
    )
    assert lines[carried + 1] == "• SSU 05.11.2026, sak 2026.37 «Samarbeid om jordmortjenesten»"
    assert lines[set_for + 1] == (
        "• Henrik Berg legger fram en oversikt over ambulanseberedskapen i neste møte. "
        "(SSU 05.11.2026 sak 2026.38)"
    )
    assert lines.index("Saker på sakslisten:") < carried < set_for
    assert set_for < lines.index("Oppgaver med frist før møtet:")
    # near miss: a case decided at the last meeting that brings nothing is not listed
    assert not any("Referatsaker" in line for line in lines)
    # the same lists as the agenda answer in chat
    answer = await ssu.db.read(
        lambda s: agenda(s, s.get(Meeting, record(ssu).meeting_id))  # type: ignore[arg-type]
    )
    assert [r.case for r in answer.carried] == ["2026.37"]
    assert [r.case for r in answer.set_items] == ["2026.38"]


async def test_moving_the_meeting_plans_its_reminders_anew(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    # Moved from Thursday 10th to Tuesday 15 December 10:00 before any reminder went
    moved = await move_meeting(
        ssu.db, tenant="default", meeting_id=record(ssu).meeting_id, date=date(2026, 12, 15),
        starts_at=oslo("2026-12-15 10:00"), ends_at=None,
    )  # fmt: skip
    assert moved is not None
    for day in ("2026-12-03", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-14"):
        await ssu.at(f"{day} 09:05")
    posts = ssu.agenda_posts()
    assert len(posts) == 2
    assert all("tirsdag 15. desember 2026 kl. 10:00" in card_text(p) for p in posts)
    sent_at = await ssu.db.read(lambda s: [d.due_at for d in s.scalars(_agenda_deliveries())])
    assert sent_at == [oslo("2026-12-08 09:00"), oslo("2026-12-14 09:00")]


async def test_a_reminder_planned_before_the_meeting_moved_is_not_sent(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    ssu.clock.at = oslo("2026-12-03 09:00")
    # Fallen due and written down, then the meeting moves before it is sent
    await ssu.db.write(lambda s: deliveries.write_due(s, "default", ssu.clock.at, OSLO))
    await move_meeting(
        ssu.db, tenant="default", meeting_id=record(ssu).meeting_id, date=date(2026, 12, 11),
        starts_at=oslo("2026-12-11 13:00"),
    )  # fmt: skip
    report = await ssu.at("2026-12-03 09:01")
    # The stale one is dropped; the moved meeting's own 7-day reminder (4 December) is
    # not due yet
    assert (report.sent, report.dropped) == (0, 1)
    assert ssu.agenda_posts() == []
    await ssu.at("2026-12-04 09:00")
    assert len(ssu.agenda_posts()) == 1 and "fredag 11. desember" in card_text(
        ssu.agenda_posts()[0]
    )


async def test_a_cancelled_meeting_sends_nothing(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    ssu.clock.at = oslo("2026-12-03 09:00")
    await ssu.db.write(lambda s: deliveries.write_due(s, "default", ssu.clock.at, OSLO))
    await cancel_meeting(ssu.db, tenant="default", meeting_id=record(ssu).meeting_id)
    for moment in ("2026-12-03 09:01", "2026-12-09 09:00", "2026-12-10 12:00"):
        await ssu.at(moment)
    assert ssu.agenda_posts() == []
    ledger = await ssu.db.read(
        lambda s: [(d.status, d.error) for d in s.scalars(_agenda_deliveries())]
    )
    assert ledger == [("dropped", "the meeting was cancelled")]


@pytest.mark.usefixtures("process_tz")
async def test_a_weekend_offset_moves_to_monday_morning(ssu: World) -> None:
    await ssu.say("abonner på SSU")
    # Tuesday 15 December 13:00, three days before: Saturday 12th -> Monday 14th 09:00
    reply = await ssu.say("påminnelser 3 dager før kl 09")
    assert "3 dager før møtet, kl. 09:00" in reply
    await move_meeting(
        ssu.db, tenant="default", meeting_id=record(ssu).meeting_id, date=date(2026, 12, 15),
        starts_at=oslo("2026-12-15 13:00"),
    )  # fmt: skip
    await ssu.at("2026-12-12 09:00")
    await ssu.at("2026-12-13 12:00")
    assert ssu.agenda_posts() == []
    await ssu.at("2026-12-14 08:59")
    assert ssu.agenda_posts() == []
    await ssu.at("2026-12-14 09:00")
    assert len(ssu.agenda_posts()) == 1


async def test_after_downtime_a_late_reminder_goes_and_a_passed_one_is_dropped(
    ssu: World, caplog: pytest.LogCaptureFixture
) -> None:
    await ssu.say("abonner på SSU")
    # Down from before the 7-day reminder until the morning of the 10th: the day-before
    # reminder is the one still due (sent late); the 7-day one is superseded by it
    await ssu.at("2026-12-10 08:00")
    assert len(ssu.agenda_posts()) == 1
    keys = await ssu.db.read(lambda s: [d.key for d in s.scalars(_agenda_deliveries())])
    assert [k.rsplit(":", 1)[-1] for k in keys] == ["1d"]
    # The overdue task's reminder came too, after the agenda in the same channel
    assert ssu.posts() == [*ssu.agenda_posts(), *ssu.task_posts()]
    assert len(ssu.task_posts()) == 1

    # Another channel subscribed before the day-before reminder, then down until after
    # the meeting: that reminder is dropped, and logged
    await ssu.say("avslutt abonnement")
    ssu.clock.at = oslo("2026-12-08 12:00")
    await ssu.say("abonner på SSU", conversation="19:other@thread.tacv2")
    with caplog.at_level("WARNING"):
        report = await ssu.at("2026-12-10 14:00")
    assert report.dropped == 1
    assert "1 reminder(s) dropped: their meetings began before they could be sent" in caplog.text
    # A channel subscribed after the meeting is not owed its reminders: nothing recorded
    await ssu.say("abonner på SSU", conversation="19:late@thread.tacv2")
    assert not (await ssu.at("2026-12-10 14:05"))
    assert len(ssu.agenda_posts()) == 1


async def test_subscription_commands_and_their_near_misses(ssu: World) -> None:
    assert "Jeg kjenner ikke noe utvalg som heter «XYZ»" in await ssu.say("abonner på XYZ")
    assert "ingen påminnelser å stoppe" in await ssu.say("avslutt abonnement")
    assert "ingen påminnelser ennå" in await ssu.say("påminnelser 2 dager før")
    await ssu.say("abonner på SSU")
    assert "allerede" in await ssu.say("abonner på SSU")
    assert "mellom kl. 07 og 18" in await ssu.say("påminnelser 1 dag før kl 22")
    assert "Stoppet" in await ssu.say("avslutt abonnement")
    active = await ssu.db.read(lambda s: s.scalars(select(Subscription.active)).all())
    assert active == [False]


def _channel_update(w: World, team: str, *, added: bool) -> dict:
    activity = teams_message("", w.bot.connector_url, conversation_type="channel")
    del activity["text"]
    activity["conversation"]["id"] = w.channel
    activity["channelData"].update(
        team={"id": "19:team@thread.tacv2", "name": team},
        eventType="teamMemberAdded" if added else "teamMemberRemoved",
    )
    activity["type"] = "conversationUpdate"
    activity["membersAdded" if added else "membersRemoved"] = [{"id": BOT_ID}]
    return activity


async def test_added_to_a_team_named_after_a_committee_subscribes_and_removal_stops(
    ssu: World,
) -> None:
    before = len(ssu.connector.messages())
    assert (await ssu.bot.post(_channel_update(ssu, "SSU Fjordby", added=True))).status == 201
    welcome = (await ssu.connector.wait_for_messages(before + 1))[before]["text"]
    assert "før hvert SSU-møte (7 dager og 1 dag før, kl. 09:00)" in welcome
    await ssu.at("2026-12-03 09:00")
    assert [p.conversation_id for p in ssu.agenda_posts()] == [ssu.channel]

    assert (await ssu.bot.post(_channel_update(ssu, "SSU Fjordby", added=False))).status == 201
    state = await ssu.db.read(
        lambda s: [(x.active, x.disabled_reason) for x in s.scalars(select(Subscription))]
    )
    assert state == [(False, "the bot was removed")]
    await ssu.at("2026-12-09 09:00")
    assert len(ssu.agenda_posts()) == 1


async def test_added_to_a_team_that_names_no_committee_says_how_to_subscribe(
    ssu: World,
) -> None:
    before = len(ssu.connector.messages())
    assert (await ssu.bot.post(_channel_update(ssu, "Helsefellesskapet", added=True))).status == 201
    welcome = (await ssu.connector.wait_for_messages(before + 1))[before]["text"]
    assert "Skriv «abonner på SSU»" in welcome
    assert await ssu.db.read(lambda s: s.scalars(select(Subscription)).all()) == []
