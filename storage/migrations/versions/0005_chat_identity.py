"""chat identity: which person in the minutes a chat user is

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 12:00:00

One row per chat user (tenant, channel, user key: the AAD object id in Teams) once the bot
has matched them to exactly one person; deleting the person deletes the link.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chat_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=50), nullable=False),
        sa.Column("user_key", sa.String(length=300), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=True),
        sa.Column("email", sa.String(length=300), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_chat_identity_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_identity")),
        sa.UniqueConstraint(
            "tenant", "channel", "user_key", name="uq_chat_identity_tenant_channel_user_key"
        ),
    )
    with op.batch_alter_table("chat_identity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_identity_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("chat_identity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chat_identity_person_id"))

    op.drop_table("chat_identity")
