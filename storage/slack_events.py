"""Slack Events API deliveries already taken (migration 0010): one row per event id, so a
retried delivery — to this server or another on the same database — is answered once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Column, MetaData, String, Table, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .database import Database
from .models import UTCDateTime

# A table of its own (not on models.Base): only this module reads or writes it.
slack_event = Table(
    "slack_event",
    MetaData(),
    Column("event_id", String(100), primary_key=True),
    Column("received_at", UTCDateTime, nullable=False),
)


# Slack retries an event three times within about an hour (api.slack.com/apis/events-api:
# at once, after 1 minute, after 5 minutes); ids older than a day are no use and go.
KEPT = timedelta(days=1)


async def first_delivery(db: Database, event_id: str, received_at: datetime) -> bool:
    """Record `event_id`; True when this is its first delivery, False when it was taken
    before. One atomic insert that skips on the primary key, so two instances racing on
    the same event cannot both win. Ids older than KEPT are deleted on the way (an index
    range on received_at), so the table stays the size of a day's events."""

    def insert(session: Session) -> bool:
        session.execute(delete(slack_event).where(slack_event.c.received_at < received_at - KEPT))
        dialect = session.get_bind().dialect.name
        module = postgresql if dialect == "postgresql" else sqlite
        statement = (
            module.insert(slack_event)
            .values(event_id=event_id, received_at=received_at)
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        return session.execute(statement).rowcount == 1

    return await db.write(insert)
