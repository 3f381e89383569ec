"""Exactly once: two bot instances on one PostgreSQL database, 200 meetings and 500 tasks
falling due over six weeks, the clock advanced day by day with both schedulers running
each pass at once. Every planned reminder arrives at the Connector fake once; none twice,
none missing. One instance is killed halfway through a busy pass; the other finishes."""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from assistant.reminder_plan import (
    MeetingSlot,
    SubscriptionRule,
    agenda_reminders,
    meeting_moment,
    task_stages,
)
from bot.app import SCHEDULER
from bot.scheduler import Scheduler
from storage import deliveries
from storage.models import Committee, Delivery, Meeting, Task
from tests.conftest import _pg_admin, _pg_url

from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .reminder_world import OSLO, card_text, oslo, subscribe_channel

START, END = oslo("2026-11-23 09:30"), oslo("2027-01-10 09:30")
BUSY_DAY = date(2026, 12, 10)  # 100 tasks due: the pass an instance is killed in
pytestmark = pytest.mark.slow


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    name = f"referent_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield _pg_url(name)
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def populate(session: Session, connector_url: str) -> Counter[str]:
    """20 committees with 10 meetings each in December (13:00), 10 more whose 500 tasks
    fall due from 26 November to 24 December (a hundred on BUSY_DAY); each committee's
    channel subscribed. Returns what should arrive: each meeting's location or task's
    tag, as many times as it has reminders in the window."""
    expected: Counter[str] = Counter()
    for c in range(20):
        committee = Committee(tenant="default", name=f"Utvalg {c}", short_name=f"U{c:02d}")
        session.add(committee)
        session.flush()
        subscribe_channel(
            session, committee, f"19:{committee.short_name}@thread.tacv2", connector_url, START
        )
        for m in range(10):
            day = date(2026, 12, 1) + timedelta(days=(c + 3 * m) % 31)
            meeting = Meeting(committee_id=committee.id, date=day, status="planned",
                              starts_at=oslo(f"{day} 13:00"),
                              location=f"Rom M{c * 10 + m:03d}")  # fmt: skip
            session.add(meeting)
            session.flush()
            slot = MeetingSlot(meeting.id, day, meeting.starts_at)
            rule = SubscriptionRule(0, "default", 0, (7, 1), 9 * 60)
            moment = meeting_moment(slot, OSLO)
            for planned in agenda_reminders(slot, rule, OSLO):
                if START < planned.at <= END and planned.at < moment:
                    expected[meeting.location] += 1
    for c in range(10):
        committee = Committee(tenant="default", name=f"Arbeidsgruppe {c}", short_name=f"A{c}")
        session.add(committee)
        session.flush()
        subscribe_channel(
            session, committee, f"19:{committee.short_name}@thread.tacv2", connector_url, START
        )
        for t in range(50):
            n = c * 50 + t
            due = BUSY_DAY if n % 5 == 0 else date(2026, 11, 26) + timedelta(days=n % 29)
            tag = f"X{n:03d}"
            session.add(Task(committee_id=committee.id, description=f"Oppgave {tag}",
                             due_date=due, tenant="default"))  # fmt: skip
            expected[tag] += sum(START < at <= END for _, at in task_stages(due, OSLO))
    return expected


def _arrived(connector: FakeConnector) -> Counter[str]:
    """What reached the fake, by meeting location or task tag."""
    found: Counter[str] = Counter()
    for sent in connector.proactive():
        text = card_text(sent)
        tags = re.findall(r"Rom M\d{3}", text) or re.findall(r"Oppgave (X\d{3})", text)
        assert len(tags) == 1, text
        found[tags[0]] += 1
    return found


async def _two_bots(
    url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[tuple[Running, Running]]:
    clock_a, clock_b = FixedClock(START), FixedClock(START)
    async with contextlib.AsyncExitStack() as stack:
        a = await stack.enter_async_context(_bot(url, connector, clock_a))
        b = await stack.enter_async_context(_bot(url, connector, clock_b))
        yield a, b


@contextlib.asynccontextmanager
async def _bot(
    url: str, connector: tuple[FakeConnector, str], clock: FixedClock
) -> AsyncIterator[Running]:
    bots = start_bot(url, connector, clock=clock, reminders=False, pacing=False)
    running = await anext(bots)
    try:
        yield running
    finally:
        with contextlib.suppress(StopAsyncIteration):
            await anext(bots)


def _senders(session: Session, at: datetime) -> Counter[str | None]:
    """Which instances sent the reminders recorded as sent at `at`."""
    sent = select(Delivery.claimed_by).where(Delivery.sent_at == at)
    return Counter(session.scalars(sent).all())


def _scheduler(bot: Running) -> Scheduler:
    return bot.app[SCHEDULER]


async def _pass(moment: datetime, *schedulers: Scheduler) -> None:
    for scheduler in schedulers:
        scheduler.clock.at = moment  # type: ignore[attr-defined]
    await asyncio.gather(*(s.run_once() for s in schedulers))


async def test_two_instances_send_every_reminder_exactly_once(
    pg_url: str, connector: tuple[FakeConnector, str]
) -> None:
    fake, connector_url = connector
    async for a, b in _two_bots(pg_url, connector):
        expected = await _scheduler(a).db.write(lambda s: populate(s, connector_url))
        assert sum(1 for k in expected if k.startswith("Rom")) == 200
        assert sum(1 for k in expected if k.startswith("X")) == 500

        first, second = _scheduler(a), _scheduler(b)
        day = START
        while day.date() < BUSY_DAY:
            await _pass(day, first, second)
            day += timedelta(days=1)

        # The busy day: instance A is killed while its pass is sending
        fake.delay = 0.01
        first.clock.at = second.clock.at = day  # type: ignore[attr-defined]
        before = len(fake.proactive())
        killed = asyncio.create_task(first.run_once())
        survivor = asyncio.create_task(second.run_once())
        await fake.wait_for_messages(len(fake.messages()) + 20)
        killed.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await killed
        assert killed.cancelled()
        await survivor
        await second.run_once()  # the survivor's next pass takes what A gave back
        assert len(fake.proactive()) - before >= 100
        busy = await second.db.read(partial(_senders, at=day))
        assert set(busy) == {first.instance, second.instance}  # both sent that day
        fake.delay = 0.0

        day += timedelta(days=1)
        while day <= END:
            await _pass(day, second)
            day += timedelta(days=1)

        arrived = _arrived(fake)
        twice = {k: n for k, n in arrived.items() if n > expected[k]}
        missing = {k: n - arrived[k] for k, n in expected.items() if arrived[k] < n}
        assert (twice, missing) == ({}, {})
        assert arrived == expected
        ledger = await second.db.read(deliveries.counts)
        assert ledger == {"sent": sum(expected.values())}
        claimed_by = await second.db.read(
            lambda s: set(s.scalars(select(Delivery.claimed_by)).all())
        )
        assert len(claimed_by) == 2  # both instances did their share
