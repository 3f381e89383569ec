"""reminders: the conversations the bot can write to, subscriptions, and deliveries

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 01:00:00

`chat_conversation` keeps what is needed to write to a conversation later, unprompted: the
Bot Framework conversation reference and, separately, the Teams tenant id (the reference's
serialisation drops it). `subscription` says a conversation gets a committee's meeting
reminders, and when. `delivery` is the scheduler's ledger: one row per reminder that fell
due, under a unique key, so a reminder is claimed and sent once by whichever instance gets
it first, and never again after a restart.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "chat_conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("conversation_id", sa.String(length=1024), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_key", sa.String(length=300), nullable=True),
        sa.Column("teams_tenant_id", sa.String(length=100), nullable=True),
        sa.Column("service_url", sa.String(length=500), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=True),
        _when("removed_at"),
        _when("updated_at", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_conversation")),
        sa.UniqueConstraint(
            "tenant", "channel", "conversation_id", name="uq_chat_conversation_tenant_channel_id"
        ),
    )
    op.create_index("ix_chat_conversation_user", "chat_conversation", ["tenant", "user_key"])
    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("conversation_ref_id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=False),
        sa.Column("offsets_days", sa.JSON(), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("at_minute", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=300), nullable=True),
        _when("created_at", nullable=False),
        _when("updated_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_ref_id"],
            ["chat_conversation.id"],
            name=op.f("fk_subscription_conversation_ref_id_chat_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["committee_id"],
            ["committee.id"],
            name=op.f("fk_subscription_committee_id_committee"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription")),
        sa.UniqueConstraint(
            "conversation_ref_id", "committee_id", name="uq_subscription_conversation_committee"
        ),
    )
    op.create_index("ix_subscription_committee", "subscription", ["committee_id"])
    op.create_table(
        "delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        _when("due_at", nullable=False),
        _when("next_attempt_at", nullable=False),
        _when("lease_until"),
        sa.Column("claimed_by", sa.String(length=100), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("conversation_ref_id", sa.Integer(), nullable=True),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        _when("meeting_at"),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("task_due", sa.Date(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("activity_id", sa.String(length=300), nullable=True),
        _when("sent_at"),
        sa.Column("error", sa.Text(), nullable=True),
        _when("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_ref_id"],
            ["chat_conversation.id"],
            name=op.f("fk_delivery_conversation_ref_id_chat_conversation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscription.id"],
            name=op.f("fk_delivery_subscription_id_subscription"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_delivery_meeting_id_meeting"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name=op.f("fk_delivery_task_id_task"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_delivery_person_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint("key", name="uq_delivery_key"),
    )
    # What a claim reads: the waiting deliveries, oldest due first.
    op.create_index("ix_delivery_waiting", "delivery", ["status", "next_attempt_at"])
    op.create_index("ix_delivery_activity", "delivery", ["activity_id"])
    op.create_index("ix_delivery_meeting", "delivery", ["meeting_id"])
    op.create_index("ix_delivery_task", "delivery", ["task_id"])
    # Meetings are looked up by time, across committees, on every scheduler pass.
    op.create_index("ix_meeting_date", "meeting", ["date"])


def downgrade() -> None:
    op.drop_index("ix_meeting_date", table_name="meeting")
    op.drop_table("delivery")
    op.drop_table("subscription")
    op.drop_table("chat_conversation")
