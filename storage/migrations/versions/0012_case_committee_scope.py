"""narrow indexes of cases by committee and by meeting, for filtered searches

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 08:20:00

A search whose filter none of a common word's best postings passes scores the word's
postings of the filtered cases only: it selects those cases first (storage/search_index.py).
Without an index led by the committee that selection read every case row of the tenant,
with its text (68 ms at 50,000 cases on SQLite); a period's cases are found from its
meetings, and with the tenant and committee in the meeting's index too, from the index
alone (PostgreSQL's generic plan otherwise read every case of the tenant through the tenant
index). The id is in both for PostgreSQL's index-only scans; on SQLite it is the rowid,
which every index holds anyway.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_case_item_committee_scope", "case_item", ["committee_id", "tenant", "id"])


def downgrade() -> None:
    op.drop_index("ix_case_item_committee_scope", table_name="case_item")
