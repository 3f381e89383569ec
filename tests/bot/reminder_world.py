"""A committee with meetings, cases and tasks, a Teams channel subscribed to it, and the
bot with its scheduler on a clock the test turns: the setting of the reminder tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from bot.app import SCHEDULER
from bot.scheduler import PassReport, Scheduler
from storage.chat_conversations import ConversationInfo, remember_conversation, subscribe
from storage.database import Database
from storage.models import Case, Committee, Document, Meeting, Person, Task
from storage.names import name_key

from .activities import teams_message
from .conftest import Running, start_bot
from .fake_connector import FakeConnector, Sent

OSLO = ZoneInfo("Europe/Oslo")


def oslo(text: str) -> datetime:
    """ "2026-12-03 09:00" (or "09:00:07") in Oslo, aware."""
    form = "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(text, form).replace(tzinfo=OSLO)


@dataclass
class SsuRecord:
    committee_id: int
    meeting_id: int  # Thursday 10 December 2026, 13:00
    previous_id: int  # 5 November 2026


def subscribe_channel(
    session: Session,
    committee: Committee,
    conversation_id: str,
    connector_url: str,
    now: datetime,
    name: str | None = None,
) -> None:
    """A Teams channel (its reference pointing at the Connector fake) subscribed to the
    committee, as «abonner på …» in it would leave it."""
    info = ConversationInfo(
        tenant="default", channel="msteams", conversation_id=conversation_id, kind="channel",
        service_url=connector_url, name=name,
        reference={"bot": {"id": "28:referent-bot"}, "conversation": {"id": conversation_id},
                   "channelId": "msteams", "serviceUrl": connector_url},
    )  # fmt: skip
    subscribe(session, remember_conversation(session, info, now), committee, by=None, now=now)


def add_ssu(session: Session) -> SsuRecord:
    """SSU: its next meeting on Thursday 10 December 13:00 with two cases (one proposed in
    chat), a task from the previous meeting still open, one due before the meeting from
    longer ago, and one due after it (not on the reminder)."""
    committee = Committee(tenant="default", name="Samarbeidsutvalget", short_name="SSU")
    document = Document(sha256="a" * 64, name="ssu-referat-2026-11-05.md", format="md",
                        kind="minutes", size_bytes=1)  # fmt: skip
    session.add_all([committee, document])
    session.flush()
    document.committee_id = committee.id
    older = Meeting(committee_id=committee.id, date=date(2026, 9, 24), status="held")
    previous = Meeting(committee_id=committee.id, date=date(2026, 11, 5), status="held",
                       document_id=document.id)  # fmt: skip
    meeting = Meeting(
        committee_id=committee.id,
        document_id=document.id,
        date=date(2026, 12, 10),
        starts_at=oslo("2026-12-10 13:00"),
        ends_at=oslo("2026-12-10 15:00"),
        location="Helsehuset, møterom 2",
        status="planned",
    )
    session.add_all([older, previous, meeting])
    session.flush()
    henrik = Person(name="Henrik Berg", name_key=name_key("Henrik Berg"))
    session.add(henrik)
    session.flush()
    session.add_all([
        Case(committee_id=committee.id, meeting_id=meeting.id, document_id=document.id,
             position=1, number="2026.41", title="Budsjett for legevakten 2027",
             status="noted"),
        Case(committee_id=committee.id, meeting_id=meeting.id, position=2,
             title="Felles rutine for utskrivning", status="proposed", origin="chat",
             created_by="Britt Kveseth", proposed_by="Britt Kveseth"),
        Task(committee_id=committee.id, meeting_id=previous.id, document_id=document.id,
             description="Oppdatere rutinen for LAR", assignee_kind="person",
             assignee_name="Henrik Berg", person_id=henrik.id, due_date=date(2026, 12, 20)),
        Task(committee_id=committee.id, meeting_id=older.id, description="Sende budsjettforslag",
             assignee_kind="person", assignee_name="Henrik Berg", person_id=henrik.id,
             due_date=date(2026, 12, 8)),
        Task(committee_id=committee.id, meeting_id=older.id, description="Evaluere prosjektet",
             assignee_kind="person", assignee_name="Henrik Berg", person_id=henrik.id,
             due_date=date(2027, 1, 20)),
    ])  # fmt: skip
    session.flush()
    return SsuRecord(committee.id, meeting.id, previous.id)


def add_earlier_items(session: Session, ssu: SsuRecord, tenant: str = "default") -> None:
    """At SSU's previous meeting (5 November): a case postponed (to its next meeting, 10
    December), one whose minutes set a report for the next meeting, and a decided one that
    brings nothing to it."""
    at = {"tenant": tenant, "committee_id": ssu.committee_id, "meeting_id": ssu.previous_id}
    session.add_all([
        Case(**at, position=3, number="2026.37", title="Samarbeid om jordmortjenesten",
             status="postponed", body="Saken ble utsatt til neste møte."),
        Case(**at, position=4, number="2026.38", title="Ambulanseberedskap", status="decided",
             decision="Saken tas til orientering.",
             body="Henrik Berg legger fram en oversikt over ambulanseberedskapen i neste møte."),
        Case(**at, position=5, number="2026.39", title="Referatsaker", status="decided",
             decision="Referatsakene tas til orientering.", body="Referatsakene ble gjennomgått."),
    ])  # fmt: skip


@dataclass
class World:
    bot: Running
    clock: FixedClock
    channel: str  # the Teams channel's conversation id (a thread's id carries ";messageid=")
    ssu: SsuRecord | None = None

    @property
    def db(self) -> Database:
        return self.bot.app[SCHEDULER].db

    @property
    def scheduler(self) -> Scheduler:
        return self.bot.app[SCHEDULER]

    @property
    def connector(self) -> FakeConnector:
        return self.bot.connector

    async def at(self, local: str, scheduler: Scheduler | None = None) -> PassReport:
        """Turn the clock to `local` (Oslo) and run one scheduler pass."""
        self.clock.at = oslo(local)
        return await (scheduler or self.scheduler).run_once()

    async def say(self, words: str, *, conversation: str | None = None) -> str:
        """Say `words` to the bot in the channel (mentioning it); its reply's text."""
        before = len(self.connector.messages())
        activity = teams_message(
            words, self.bot.connector_url, conversation_type="channel", mention=True
        )
        activity["conversation"]["id"] = f"{conversation or self.channel};messageid=1"
        activity["channelData"].update(
            team={"id": "19:team@thread.tacv2", "name": "Helsefellesskapet"},
            channel={"id": conversation or self.channel, "name": "Generelt"},
        )
        response = await self.bot.post(activity)
        assert response.status == 201, await response.text()
        return (await self.connector.wait_for_messages(before + 1))[before].get("text") or ""

    def posts(self) -> list[Sent]:
        """Everything sent unprompted (agenda and task reminders)."""
        return self.connector.proactive()

    def agenda_posts(self) -> list[Sent]:
        return [p for p in self.posts() if "-møte " in (p.activity.get("summary") or "")]

    def task_posts(self) -> list[Sent]:
        return [p for p in self.posts() if "oppgaven" in (p.activity.get("summary") or "")]


def card_text(sent: Sent) -> str:
    """All the text blocks of a message's card (or its text), one per line."""
    lines: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "TextBlock":
                lines.append(node["text"])
            for key, value in node.items():
                if key == "facts":
                    lines.extend(f"{f['title']}: {f['value']}" for f in value)
                elif isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    attachments = sent.activity.get("attachments") or []
    if not attachments:
        return sent.activity.get("text") or ""
    walk([a.get("content") for a in attachments])
    return "\n".join(lines)


async def world(
    database_url: str, connector: tuple[FakeConnector, str], start: str, **settings: Any
) -> AsyncIterator[World]:
    clock = FixedClock(oslo(start))
    settings.setdefault("reminders", False)  # the test runs the passes
    async for running in start_bot(database_url, connector, clock=clock, **settings):
        yield World(running, clock, "19:ssu-channel@thread.tacv2")
