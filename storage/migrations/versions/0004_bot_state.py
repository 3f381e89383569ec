"""bot state: the Bot Framework Storage table (storage/bot_state.py)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:00:00

Conversation, user and dialog state of the Teams bot, so several bot instances share it.
One row per Bot Framework storage key; `e_tag` changes on every write and guards the
optimistic concurrency (UPDATE … WHERE e_tag = :seen).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(length=1024), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("e_tag", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_bot_state")),
    )


def downgrade() -> None:
    op.drop_table("bot_state")
