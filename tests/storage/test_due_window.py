"""storage/deliveries.due_now reads only the meetings and tasks near enough to have a
reminder due (an index range bounded by the days off after today) and, with a PlanMemo,
plans again only rows whose next reminder time has come. Both must find exactly what
planning every meeting and task of the store finds: checked hour by hour over Christmas
and Easter (reminders moved back over days off), in two deployment time zones, with the
clock once set back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from assistant.reminder_plan import (
    LOOKBACK_DAYS,
    MeetingSlot,
    SubscriptionRule,
    TaskSlot,
    due_agenda_reminder,
    due_task_reminder,
    task_window,
)
from storage import deliveries
from storage.database import Database
from storage.models import ChatConversation, Committee, Meeting, Subscription, Task

START = date(2026, 12, 14)
DAYS = 130  # past Easter 2027 (Thursday 25 March to Monday 29 March)
OFFSETS = [(7, 1), (1,), (0,), (2, 14)]


def _store(session: Session, tz: ZoneInfo) -> None:
    session.execute(
        insert(Committee),
        [{"id": n + 1, "tenant": "t", "name": f"C{n}", "short_name": f"C{n}", "aliases": []}
         for n in range(len(OFFSETS))],
    )  # fmt: skip
    made = datetime(2026, 1, 1, tzinfo=UTC)
    for n, offsets in enumerate(OFFSETS):
        session.execute(
            insert(ChatConversation),
            [{"id": n + 1, "tenant": "t", "channel": "msteams", "conversation_id": f"19:{n}",
              "kind": "channel", "service_url": "http://x", "reference": {}, "updated_at": made}],
        )  # fmt: skip
        session.execute(
            insert(Subscription),
            [{"id": n + 1, "tenant": "t", "conversation_ref_id": n + 1, "committee_id": n + 1,
              "offsets_days": list(offsets), "lead_days": max(offsets), "at_minute": 540,
              "active": True, "created_at": made, "updated_at": made}],
        )  # fmt: skip
    meetings, tasks = [], []
    for d in range(-10, DAYS + 30):
        day = START + timedelta(days=d)
        for n in range(len(OFFSETS)):
            hour = 8 if (d + n) % 2 else 13  # 08:00: a same-day reminder at 09:00 moves back
            start = datetime.combine(day, time(hour), tzinfo=tz) if d % 5 else None
            meetings.append({"committee_id": n + 1, "date": day, "starts_at": start,
                             "status": "planned", "origin": "minutes"})  # fmt: skip
        tasks.append({"committee_id": 1 + d % len(OFFSETS), "tenant": "t", "due_date": day,
                      "description": f"Oppgave {d}", "status": "open", "origin": "minutes",
                      "created_at": made})  # fmt: skip
    session.execute(insert(Meeting), meetings)
    session.execute(insert(Task), tasks)


@dataclass(frozen=True)
class _Store:
    """Every meeting (with its committee), subscription and open task of the store, read
    once: the test only reads, so planning these in full at each moment is planning the
    store (reading it again at each of the 391 moments took 7-10 s of the test's 12-16)."""

    meetings: list[tuple[int, MeetingSlot]]
    rules: list[tuple[int, SubscriptionRule]]
    tasks: list[TaskSlot]


def _read_store(session: Session) -> _Store:
    meetings = [
        (m.committee_id, MeetingSlot(m.id, m.date, m.starts_at))
        for m in session.scalars(select(Meeting)).unique()
    ]
    rules = [
        (s.committee_id, SubscriptionRule(s.id, "t", s.conversation_ref_id,
                                          tuple(s.offsets_days), s.at_minute, s.created_at))
        for s in session.scalars(select(Subscription)).unique()
    ]  # fmt: skip
    return _Store(meetings, rules, deliveries._task_slots(session, "t", date.min, date.max))


def _everything(store: _Store, now: datetime, tz: ZoneInfo) -> set[str]:
    """What planning every meeting and task of the store finds due by `now`."""
    today = now.astimezone(tz).date()
    found = set()
    for committee_id, slot in store.meetings:
        if slot.date < today - timedelta(days=LOOKBACK_DAYS):
            continue
        for subscribed, rule in store.rules:
            if subscribed != committee_id:
                continue
            if (planned := due_agenda_reminder(slot, rule, now, tz)) is not None:
                found.add(planned.key)
    first, _ = task_window(today)
    last = today + timedelta(days=60)
    for task in store.tasks:
        if not first <= task.due <= last:
            continue
        if (planned := due_task_reminder(task, now, tz)) is not None:
            found.add(planned.key)
    return found


@pytest.mark.parametrize("zone", ["Europe/Oslo", "America/New_York"])
async def test_the_near_rows_and_the_memo_find_what_planning_everything_finds(
    db: Database, zone: str
) -> None:
    tz = ZoneInfo(zone)
    await db.write(lambda s: _store(s, tz))
    store = await db.read(_read_store)
    memo = deliveries.PlanMemo()
    moments = [
        datetime.combine(START + timedelta(days=d), time(hour), tzinfo=tz)
        for d in range(DAYS)
        for hour in (8, 9, 13)
    ]
    moments.insert(60, moments[20])  # the clock set back once
    checked = 0
    for now in moments:

        def near(session: Session, now: datetime = now) -> set[str]:
            return {p.key for p in deliveries.due_now(session, "t", now, tz, memo)}

        everything = _everything(store, now, tz)
        assert await db.read(near) == everything, now
        checked += len(everything)
    assert checked > 1000 and len(memo) > 0
