"""Slack event ids recorded once (storage/slack_events.py): a redelivery within the day is
refused, ids older than a day are deleted as new events come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from storage.database import Database
from storage.slack_events import KEPT, first_delivery, slack_event

NOON = datetime(2026, 12, 5, 12, tzinfo=UTC)


async def _ids(db: Database) -> list[str]:
    return await db.read(lambda s: sorted(s.scalars(select(slack_event.c.event_id)).all()))


async def test_an_event_is_taken_once(db: Database) -> None:
    assert await first_delivery(db, "Ev0000001", NOON)
    assert not await first_delivery(db, "Ev0000001", NOON + timedelta(minutes=5))  # Slack's retry
    assert not await first_delivery(db, "Ev0000001", NOON + KEPT - timedelta(seconds=1))


async def test_ids_older_than_a_day_go_as_new_events_come(db: Database) -> None:
    await first_delivery(db, "Ev0OLD0001", NOON - KEPT - timedelta(minutes=1))
    await first_delivery(db, "Ev0RECENT1", NOON - timedelta(hours=23))
    assert await first_delivery(db, "Ev0NEW0001", NOON)
    assert await _ids(db) == ["Ev0NEW0001", "Ev0RECENT1"]
    count = await db.read(lambda s: s.scalar(select(func.count()).select_from(slack_event)))
    assert count == 2
