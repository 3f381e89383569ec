"""an index of tasks by their case

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 10:40:00

Every answer about a decision shows the tasks given under its cases (assistant/case_details
tasks_of: `task.case_id IN (…)`). Without an index that read every task of the archive — a
cost that grew with history (10,000 tasks at 50,000 cases) — where it now reads only the
tasks of the cases shown.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_task_case_id", "task", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_task_case_id", table_name="task")
