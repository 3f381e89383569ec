"""chat conversations: the team a channel belongs to, and where its language came from

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 10:00:00

The bot removed from a team is told so with the team's id, not its channels': `team_id`
keeps the team beside each of its channels, so every channel of the team stops. A
conversation's `language` was the chat client's locale; it is now what the conversation
writes in, or what someone there chose («snakk norsk»), and `language_source` says which
("locale", "written", "chosen"), so that a locale never overwrites what was seen or chosen.
Existing languages came from locales. Only columns and an index are added.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_conversation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.String(length=1024), nullable=True))
        batch_op.add_column(sa.Column("language_source", sa.String(length=10), nullable=True))
    op.execute("UPDATE chat_conversation SET language_source = 'locale' WHERE language IS NOT NULL")
    op.create_index("ix_chat_conversation_team", "chat_conversation", ["tenant", "team_id"])


def downgrade() -> None:
    op.drop_index("ix_chat_conversation_team", table_name="chat_conversation")
    with op.batch_alter_table("chat_conversation", schema=None) as batch_op:
        batch_op.drop_column("language_source")
        batch_op.drop_column("team_id")
