"""search postings readable from one index; a narrow index for filtering cases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:40:00

A search reads postings by term, and for a term found in many cases only its best-weighted
ones (storage/search_index.py). The (term, weight DESC, case_id) index serves both and holds
every column a search needs, so the table itself is not read:

- SQLite: that index and (case_id, term, weight) are the only ones; the table is a plain
  rowid table without a primary key, so each posting costs one random index insert and
  one append (case ids grow), not three random inserts (measured: 7.4 against 12 ms per
  imported document). (term, case_id) stays unique because postings are only ever
  written for cases that have none. The planner needs statistics to start from the
  postings rather than from the cases: Database.optimize() after imports.
- PostgreSQL: the primary key INCLUDEs the weight, for index-only scans, plus the same index.

Filtering hits by tenant and committee read the wide case rows (with their text); the
narrow ix_case_item_filter answers from a few pages.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_sqlite_postings(*, primary_key: bool) -> None:
    op.drop_index("ix_search_posting_case_id", table_name="search_posting")
    op.rename_table("search_posting", "search_posting_old")
    key = [sa.PrimaryKeyConstraint("term", "case_id", name=op.f("pk_search_posting"))]
    op.create_table(
        "search_posting",
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_item.id"],
            name=op.f("fk_search_posting_case_id_case_item"),
            ondelete="CASCADE",
        ),
        *(key if primary_key else []),
    )
    op.execute(
        "INSERT INTO search_posting (term, case_id, weight) "
        "SELECT term, case_id, weight FROM search_posting_old ORDER BY term, case_id"
    )
    op.drop_table("search_posting_old")
    # (case_id, term, weight): cascading deletes, and a case's postings for given terms
    # without touching the table (the strong-match check, scoring a short candidate list).
    columns = ["case_id", "term", "weight"] if not primary_key else ["case_id"]
    op.create_index("ix_search_posting_case_id", "search_posting", columns)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_postings(primary_key=False)
    else:
        op.execute("ALTER TABLE search_posting DROP CONSTRAINT pk_search_posting")
        op.execute(
            "ALTER TABLE search_posting ADD CONSTRAINT pk_search_posting "
            "PRIMARY KEY (term, case_id) INCLUDE (weight)"
        )
    op.create_index(
        "ix_search_posting_term_weight",
        "search_posting",
        ["term", sa.text("weight DESC"), "case_id"],
    )
    op.create_index(
        "ix_case_item_filter", "case_item", ["id", "tenant", "committee_id", "meeting_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_case_item_filter", table_name="case_item")
    op.drop_index("ix_search_posting_term_weight", table_name="search_posting")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_postings(primary_key=True)
    else:
        op.execute("ALTER TABLE search_posting DROP CONSTRAINT pk_search_posting")
        op.execute(
            "ALTER TABLE search_posting ADD CONSTRAINT pk_search_posting "
            "PRIMARY KEY (term, case_id)"
        )
