"""Dialogs over botbuilder's TestAdapter, with their state in the real database (SQLite and
PostgreSQL) and the real store behind them: a chat is a list of (user says, bot replies)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from botbuilder.core import ConversationState, TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount
from sqlalchemy import select

from assistant.capture import Capture
from assistant.clock import FixedClock
from assistant.reminder_settings import ReminderSettings
from bot.conversation_language import ConversationLanguages
from bot.conversations import Conversations
from storage.bot_state import DatabaseStorage
from storage.database import Database
from storage.models import Committee, Group, GroupMembership, Meeting, Person
from storage.names import name_key

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Monday 23 November 2026
OSLO = ZoneInfo("Europe/Oslo")


@dataclass
class People:
    christine_f: int
    christine_h: int
    britt: int
    au: int


async def add_people(db: Database) -> People:
    async with db.session() as session, session.begin():
        ssu = Committee(name="Samhandlingsutvalget", short_name="SSU")
        session.add(ssu)
        await session.flush()
        rows = {
            "christine_f": Person(
                name="Christine Furuholmen",
                name_key=name_key("Christine Furuholmen"),
                organisation="Vestre Viken",
            ),
            "christine_h": Person(
                name="Christine Hansen", name_key=name_key("Christine Hansen"), organisation="Asker"
            ),
            "britt": Person(
                name="Britt Kveseth", name_key=name_key("Britt Kveseth"), organisation="Drammen"
            ),
        }
        session.add_all(rows.values())
        au = Group(name="Arbeidsutvalget", short_name="AU", committee_id=ssu.id)
        session.add(au)
        await session.flush()
        session.add(GroupMembership(group_id=au.id, person_id=rows["britt"].id))
    return People(rows["christine_f"].id, rows["christine_h"].id, rows["britt"].id, au.id)


async def add_committee_meeting(
    db: Database,
    committee: str = "SSU",
    day: date = date(2026, 12, 14),
    start: time | None = time(13),
    end: time | None = time(15),
    *,
    name: str | None = None,
    status: str = "planned",
) -> int:
    """A meeting of the committee called `committee` (short name), made with the committee
    (full name `name`) when there is none yet; its id. Times are Oslo time."""
    async with db.session() as session, session.begin():
        found = await session.scalar(select(Committee).where(Committee.short_name == committee))
        if found is None:
            found = Committee(name=name or f"{committee}-utvalget", short_name=committee)
            session.add(found)
            await session.flush()
        meeting = Meeting(
            committee_id=found.id,
            date=day,
            starts_at=datetime.combine(day, start, OSLO) if start else None,
            ends_at=datetime.combine(day, end, OSLO) if start and end else None,
            status=status,
        )
        session.add(meeting)
        await session.flush()
        return meeting.id


class Chat:
    """One conversation with the bot's dialog layer, as a user would type it."""

    def __init__(self, conversations: Conversations, conversation_id: str = "conv-1") -> None:
        self.conversations = conversations

        async def logic(turn_context: TurnContext) -> None:
            text = turn_context.activity.text or ""
            handled = await conversations.run(
                turn_context,
                lambda: conversations.handle(turn_context, text, "Britt Kveseth"),
            )
            if not handled:
                await turn_context.send_activity("(et spørsmål)")

        template = Activity(
            channel_id="msteams",
            service_url="https://test.invalid",
            from_property=ChannelAccount(id="user-1", name="Britt Kveseth"),
            recipient=ChannelAccount(id="bot", name="Referent"),
            conversation=ConversationAccount(id=conversation_id),
        )
        self.adapter = TestAdapter(logic, template)

    async def say(self, text: str) -> list[str]:
        """What the bot answers to `text`, message by message."""
        self.adapter.activity_buffer.clear()
        activity = Activity(type=ActivityTypes.message, text=text, locale="nb-NO")
        await self.adapter.receive_activity(activity)
        replies = [a.text or "" for a in self.adapter.activity_buffer if a.type == "message"]
        self.adapter.activity_buffer.clear()
        return replies


def conversations_on(db: Database, *, now: datetime = NOW, tz: ZoneInfo = OSLO) -> Conversations:
    """What the app builds (bot/app.py), on `db`: a new one is a restarted bot."""
    capture = Capture(db=db, clock=FixedClock(now), timezone=tz, tenant="default")
    reminders = ReminderSettings(db, capture.clock, "default")
    languages = ConversationLanguages(db, capture.clock, "default", "nb")
    return Conversations(ConversationState(DatabaseStorage(db)), capture, reminders, languages)


@pytest.fixture
async def people(db: Database) -> AsyncIterator[People]:
    yield await add_people(db)
