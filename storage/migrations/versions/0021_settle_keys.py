"""what settling compares of each case and task, kept in small indexed tables

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 13:30:00

Issue 18: settling (assistant/settled_tasks.py) ran once per import batch and read the
committee's later decided cases with their text, its later done tasks and its earlier open
tasks, and indexed them in Python: a cost that grew with the committee's history (~85 % of
storing at 50,000 cases). These tables hold what the rules compare, per row, so a batch asks
the database for the few cases and tasks that can match and reads text only for those:
`case_key` a case's title terms (with how many it has), its case number when that carries a
year, and the numbers its text refers to; `task_term` a task's description terms. Each row
carries its case's or task's committee, whether the case is decided or the task done, and
its meeting's day, for the index. The rules are
Python: rows are written when minutes or chat store a case or task, and for a store from
before this migration once at start-up (assistant/settled_tasks.ensure_settled_current), not
here. They go with their case or task (ON DELETE CASCADE).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_key",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(1), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("decided", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_item.id"], name="fk_case_key_case_id_case_item", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "kind", "key", name="pk_case_key"),
    )
    op.create_index(
        "ix_case_key_lookup", "case_key", ["key", "committee_id", "kind", "decided", "day"]
    )
    op.create_table(
        "task_term",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("committee_id", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["task.id"], name="fk_task_term_task_id_task", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", "term", name="pk_task_term"),
    )
    op.create_index("ix_task_term_lookup", "task_term", ["term", "committee_id", "done", "day"])


def downgrade() -> None:
    op.drop_index("ix_task_term_lookup", table_name="task_term")
    op.drop_table("task_term")
    op.drop_index("ix_case_key_lookup", table_name="case_key")
    op.drop_table("case_key")
