"""slack events: the Events API deliveries already taken, so a retry is answered once

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 06:40:00

Slack delivers an event again (X-Slack-Retry-Num) when it saw no acknowledgement within
3 seconds, possibly to another server instance. The first delivery inserts its `event_id`
here before any work; a delivery whose insert finds the id already there does nothing.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "slack_event",
        sa.Column("event_id", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_slack_event")),
    )
    op.create_index("ix_slack_event_received_at", "slack_event", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_event_received_at", table_name="slack_event")
    op.drop_table("slack_event")
