"""the cases' meeting-scope index that migration 0012 describes but never created

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05 16:10:00

Migration 0012's text (and storage/models.py) has ix_case_item_meeting_scope (meeting_id,
tenant, committee_id, id): a search filtered to a period selects the cases of the period's
meetings from it alone. The index was added to the model and the migration's docstring but
not to its upgrade, so no store has it; the selection read the case rows through
ix_case_item_meeting_position instead. A test now checks that every index the models
declare is in a migrated store.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_case_item_meeting_scope", "case_item", ["meeting_id", "tenant", "committee_id", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_case_item_meeting_scope", table_name="case_item")
