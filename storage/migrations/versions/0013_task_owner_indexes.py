"""indexes of tasks by owner's written name and by committee, for answers whose cost does
not grow with history

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 08:30:00

«Mine oppgaver» finds a person's tasks by their person, their groups, or the name the
minutes wrote (lower(assignee_name)): with an index for each, every branch is an index
lookup, where the tenant's index alone read every task of the archive. The agenda and
«oppgaver for SSU» read a committee's open tasks: (committee_id, status) instead of every
task of the tenant.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_task_assignee_lower", "task", [sa.text("lower(assignee_name)")])
    op.create_index("ix_task_committee_status", "task", ["committee_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_task_committee_status", table_name="task")
    op.drop_index("ix_task_assignee_lower", table_name="task")
