"""what an agenda reads of a case's text, kept on the case when it is stored

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 13:15:00

Issue 18: an agenda read every case (with its text) of the committee's dozen earlier
meetings and looked in each for sentences that bring something to the meeting («legger fram
… i SSU 14. desember», «… i neste møte»); most say nothing of the kind, and the first answer
for a meeting paid for reading them all. `agenda_facts` keeps what those rules find (the
sentences with the dates they name, and where a postponed case went; null when nothing),
`facts_read_on` the meeting day the text was read against. The rules are Python: the columns
are filled when minutes or chat store a case, and for a store from before this migration
once at start-up (assistant/planned_facts.ensure_planned_current), not here. Until then an
agenda reads an unread case's text as before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case_item", sa.Column("agenda_facts", sa.JSON(), nullable=True))
    op.add_column("case_item", sa.Column("facts_read_on", sa.Date(), nullable=True))
    # A store that had the facts once (migrated down and up again) reads them all again.
    op.execute("DELETE FROM search_meta WHERE key = 'agenda_facts'")


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a column itself): a rebuilt table would take the
    # postings and task links with it through their foreign keys.
    op.drop_column("case_item", "facts_read_on")
    op.drop_column("case_item", "agenda_facts")
