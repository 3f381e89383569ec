"""chat records: tasks, cases and meetings added from chat, and who added or changed them

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 10:00:00

`origin` tells what the minutes said ('minutes', every existing row) from what someone
added in chat ('chat'); `created_by` is that chat user's display name or linked person.
Tasks get a tenant of their own and record who last changed them in chat and when; proposed
cases what kind of case they are meant to be and who proposed them. Only columns are added,
so SQLite alters the tables in place (ALTER TABLE ADD COLUMN) instead of copying them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _origin() -> sa.Column[str]:
    return sa.Column("origin", sa.String(length=10), nullable=False, server_default="minutes")


def _created_by() -> sa.Column[str]:
    return sa.Column("created_by", sa.String(length=300), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("task", schema=None) as batch_op:
        # A task from chat may point at nothing else that has a tenant (a name nobody in
        # the minutes has); imported tasks take their document's.
        batch_op.add_column(
            sa.Column("tenant", sa.String(length=100), nullable=False, server_default="default")
        )
        batch_op.add_column(_origin())
        batch_op.add_column(_created_by())
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("status_changed_by", sa.String(length=300), nullable=True))
        # The chat message a task was added by: a turn done again (bot/conversations.py)
        # finds its task instead of adding it twice.
        batch_op.add_column(sa.Column("chat_key", sa.String(length=300), nullable=True))
    with op.batch_alter_table("case_item", schema=None) as batch_op:
        batch_op.add_column(_origin())
        batch_op.add_column(_created_by())
        batch_op.add_column(sa.Column("proposal_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("proposed_by", sa.String(length=300), nullable=True))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(_origin())
        batch_op.add_column(_created_by())
    op.execute(
        "UPDATE task SET tenant = (SELECT document.tenant FROM document "
        "WHERE document.id = task.document_id) WHERE task.document_id IS NOT NULL"
    )
    op.create_index("ix_task_tenant", "task", ["tenant"])
    op.create_index("ix_task_chat_key", "task", ["tenant", "chat_key"], unique=True)


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35), not a batch copy: with foreign keys on, dropping
    # the old copy of case_item would cascade to the search postings and tasks.
    for table, columns in (
        ("meeting", ("created_by", "origin")),
        ("case_item", ("proposed_by", "proposal_kind", "created_by", "origin")),
        ("task", ("chat_key", "status_changed_by", "updated_at", "created_by", "origin", "tenant")),
    ):
        if table == "task":
            op.drop_index("ix_task_chat_key", table_name="task")
            op.drop_index("ix_task_tenant", table_name="task")
        for column in columns:
            op.drop_column(table, column)
