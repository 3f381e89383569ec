"""an index on the tasks' meeting

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 01:40:00

The task table had none on meeting_id. What an import batch stored is settled by the tasks
of its meetings (`settled_tasks.refresh_meetings`: the open tasks of these meetings or
settled by them, and their keys): each such read scanned every task, ~2 ms a statement at
50,000 cases and growing with the archive. Removing a meeting (its foreign key sets the
tasks' meeting to null) scanned them too.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_task_meeting_id", "task", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_task_meeting_id", table_name="task")
