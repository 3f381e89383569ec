"""which open tasks a later meeting settled, recorded when the minutes are stored

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 10:30:00

The agenda and the task lists compared every open task with a year of its committee's
decided cases and done tasks at every answer (assistant/settled_tasks.py), a cost that grew
with history. The fact is now written when a meeting, case or task is stored: `settled_on`,
the date of the first later meeting that settled the task, and `settled_by_meeting_id`, that
meeting (set null when it is removed). Existing stores are filled once by the application
(assistant/settled_tasks.ensure_settled_current), not here: the rules are Python.

On SQLite the column is added with its reference in place (ALTER TABLE … ADD COLUMN …
REFERENCES): batch mode would copy the table and drop its expression index.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("task", sa.Column("settled_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE task ADD COLUMN settled_by_meeting_id INTEGER "
            "REFERENCES meeting (id) ON DELETE SET NULL"
        )
    else:
        op.add_column("task", sa.Column("settled_by_meeting_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_task_settled_by_meeting_id_meeting",
            "task",
            "meeting",
            ["settled_by_meeting_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # Removing a meeting sets its settled tasks' reference null: an index finds them.
    op.create_index("ix_task_settled_by_meeting_id", "task", ["settled_by_meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_task_settled_by_meeting_id", table_name="task")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE task DROP COLUMN settled_by_meeting_id")
    else:
        op.drop_constraint("fk_task_settled_by_meeting_id_meeting", "task", type_="foreignkey")
        op.drop_column("task", "settled_by_meeting_id")
    op.drop_column("task", "settled_on")
