"""chat changes: what each chat user changed, so that «angre» can put it back

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 10:00:00

One row per change made in chat (a task added, done, reopened, postponed or given to
someone else; a case proposed; a meeting planned or moved), written in the transaction
of the change itself: who (the chat user's key and name), in which conversation, when,
what it was before and what it became. «angre» / "undo" puts back the newest change of
that user in that conversation and stamps it `undone_at`; `undone_key` is the message
that did it, so a turn done again does not undo a second change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("conversation_id", sa.String(length=1024), nullable=False),
        sa.Column("user_key", sa.String(length=300), nullable=False),
        sa.Column("user_name", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_key", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_change")),
    )
    op.create_index(
        "ix_chat_change_who",
        "chat_change",
        ["tenant", "conversation_id", "user_key", "made_at"],
    )
    op.create_index("ix_chat_change_undone_key", "chat_change", ["tenant", "undone_key"])


def downgrade() -> None:
    op.drop_index("ix_chat_change_undone_key", table_name="chat_change")
    op.drop_index("ix_chat_change_who", table_name="chat_change")
    op.drop_table("chat_change")
