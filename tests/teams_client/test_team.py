"""Referent in a team in the Teams emulator: added to a channel, a meeting planned and a case
filed with their forms, the channel subscribed and the agenda arriving in it, and the bot
removed from the team, which stops every channel's reminders. One story in order (see
conftest.py); the bot runs on the real clock, so the meeting is planned when its agenda is
due already."""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.reminder_times import (
    DEFAULT_HOUR,
    DEFAULT_OFFSETS,
    ReminderRule,
    is_working_day,
    planned_reminders,
)
from assistant.texts import format_date, text
from storage.database import Database
from storage.models import ChatConversation, Subscription
from tests.bot.served import Served

from .bot_log import problems
from .client import WAIT_MS, TeamsClient, counted, shown
from .playground import TEAM_CHANNEL, TEAM_GENERAL

pytestmark = pytest.mark.asyncio(loop_scope="module")

NB = "nb"
OSLO = ZoneInfo("Europe/Oslo")  # the bot's REFERENT_TIMEZONE (its default)
STARTS, ENDS = time(13, 0), time(15, 0)
CASE_TITLE = "Felles rutine for utskrivning"
CHANNEL_WELCOME = "Skriv «abonner på SSU»"


def meeting_day(now: datetime) -> date:
    """The first working day from tomorrow whose meeting at 13:00 has a reminder (the default
    subscription's: 7 and 1 days before, 09:00) due already: subscribed now, a channel
    gets its agenda at once."""
    rule = ReminderRule(DEFAULT_OFFSETS, DEFAULT_HOUR)
    today = now.astimezone(OSLO).date()
    for ahead in range(1, 15):
        day = today + timedelta(days=ahead)
        if not is_working_day(day):
            continue
        start = datetime.combine(day, STARTS, tzinfo=OSLO)
        if any(r.at <= now - timedelta(minutes=1) for r in planned_reminders(start, rule, OSLO)):
            return day
    raise AssertionError(f"no meeting day found with a reminder due by {now}")


async def subscriptions(database_url: str) -> dict[str, list[tuple[bool, str | None]]]:
    """Each conversation's subscriptions as (active, why stopped), by conversation id."""
    db = Database(database_url)

    def read(session: Session) -> dict[str, list[tuple[bool, str | None]]]:
        found: dict[str, list[tuple[bool, str | None]]] = {}
        rows = session.execute(
            select(
                ChatConversation.conversation_id, Subscription.active, Subscription.disabled_reason
            ).join(Subscription, Subscription.conversation_ref_id == ChatConversation.id)
        )
        for conversation, active, why in rows:
            found.setdefault(conversation, []).append((active, why))
        return found

    try:
        return await db.read(read)
    finally:
        await db.close()


async def test_added_to_a_team_channel_it_says_how_to_subscribe(teams: TeamsClient) -> None:
    await teams.open(TEAM_CHANNEL)  # the playground adds the bot on opening it
    await shown(teams.message(CHANNEL_WELCOME))


@pytest.fixture(scope="module")
def day() -> date:
    """The meeting's day, chosen once for the module's tests."""
    return meeting_day(datetime.now(OSLO))


async def test_a_meeting_is_planned_with_the_meeting_form(teams: TeamsClient, day: date) -> None:
    await teams.say("nytt møte", mention=True)
    form = teams.form(text(NB, "form.meeting.submit"))
    await shown(form)
    await form.get_by_role("combobox", name=text(NB, "form.meeting.committee")).click()
    await teams.page.get_by_role("option", name=re.compile(r"^SSU\b")).click()
    when = form.get_by_role("combobox", name=text(NB, "form.meeting.date"))
    await when.fill(f"{day.month}/{day.day}/{day.year}")
    await when.press("Tab")
    for label, at in (("form.meeting.start", STARTS), ("form.meeting.end", ENDS)):
        clock = form.get_by_role("combobox", name=text(NB, label))
        await clock.fill(at.strftime("%H:%M"))
        await clock.press("Enter")
    await form.get_by_role("textbox", name=text(NB, "form.meeting.location")).fill("Helsehuset")
    await teams.screenshot("playground-meeting-form", form)
    await form.get_by_role("button", name=text(NB, "form.meeting.submit")).click()
    question = teams.message(text(NB, "meeting.new.confirm"))
    await shown(question)
    assert await question.last.evaluate("e => e.tagName") == "P"  # not in the list's last item
    await teams.say("ja", mention=True)
    saved = teams.message("Lagt inn møte i SSU").filter(has_text=format_date(day, NB))
    await shown(saved)
    assert "13:00–15:00, Helsehuset" in await saved.last.inner_text()


async def test_a_case_is_filed_for_the_meeting_with_the_case_form(teams: TeamsClient) -> None:
    await teams.say("ny sak", mention=True)
    form = teams.form(text(NB, "form.case.submit"))
    await shown(form)
    await form.get_by_role("combobox", name=text(NB, "form.case.committee")).click()
    await teams.page.get_by_role("option", name=re.compile(r"^SSU\b")).click()
    await form.get_by_role("textbox", name=text(NB, "form.case.title")).fill(CASE_TITLE)
    await form.get_by_role("textbox", name=text(NB, "form.case.description")).fill(
        "Kommunene foreslår en felles rutine."
    )
    await form.get_by_role("combobox", name=text(NB, "form.case.kind")).click()
    await teams.page.get_by_role(
        "option", name=text(NB, "case.kind.beslutning").capitalize()
    ).click()
    await form.get_by_role("button", name=text(NB, "form.case.submit")).click()
    await shown(teams.message("Ny sak til SSU"))
    await teams.say("ja", mention=True)
    await shown(teams.message(f"Saken «{CASE_TITLE}» er meldt inn til møtet i SSU"))


async def test_a_subscribed_channel_gets_the_agenda(teams: TeamsClient, day: date) -> None:
    await teams.say("abonner på SSU", mention=True)
    await shown(teams.message("Denne samtalen får nå sakslisten før hvert SSU-møte"))
    # Nothing more said: the scheduler posts the agenda, which is due already
    agenda = teams.card(f"Påminnelse: SSU-møte {format_date(day, NB, weekday=True)}")
    await shown(agenda)
    assert CASE_TITLE in await agenda.last.inner_text()
    await teams.screenshot("playground-agenda-in-channel", agenda.last)


async def test_removed_from_the_team_every_channel_of_it_stops(
    teams: TeamsClient, database_file: str, day: date
) -> None:
    await teams.open(TEAM_GENERAL)  # the bot is in the team already: no welcome again
    agenda = teams.card(f"Påminnelse: SSU-møte {format_date(day, NB, weekday=True)}")
    await counted(agenda, 0)
    await teams.say("abonner på SSU", mention=True)
    await shown(agenda)  # General's own
    assert await subscriptions(database_file) == {
        "channel-id": [(True, None)],
        "team-id": [(True, None)],
    }

    await teams.mock("Remove application")  # from the team, in its General channel
    stopped = {
        "channel-id": [(False, "the bot was removed")],
        "team-id": [(False, "the bot was removed")],
    }
    for _ in range(WAIT_MS // 100):
        if await subscriptions(database_file) == stopped:
            break
        await asyncio.sleep(0.1)
    assert await subscriptions(database_file) == stopped

    # Added to the channel again, the bot has nothing to stop there: no reminders came back
    await teams.open(TEAM_CHANNEL)
    welcomes = await teams.message(CHANNEL_WELCOME).count()
    await teams.mock("Add application")
    welcome = teams.message(CHANNEL_WELCOME)
    await counted(welcome, welcomes + 1)
    await teams.say("avslutt abonnement", mention=True, newest_post=True)  # under the welcome
    nothing = teams.message(text(NB, "unsubscribe.none"))
    await shown(nothing)
    await teams.screenshot("playground-subscriptions-stopped", welcome.first)


async def test_no_turn_failed_in_the_bot_log(served_bot: Served) -> None:
    assert problems(served_bot.log_text()) == []
