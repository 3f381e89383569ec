"""each search term carries how many cases hold it

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 16:00:00

Issue 18: a decision search weighs each term by how many cases hold it, and counted that by
reading the term's postings: for a common word ~90,000 index entries at 200,000 cases, a
quarter of a decision answer's time on SQLite the first time a word was asked after a start
or an import. The count is now kept on the term's row: writes add their postings' counts as
they add the terms (storage/posting_writes.py, storage/search_index.add_postings), and a
trigger takes away each posting deleted, however it goes (a case's postings replaced, a
case or document removed, cascading). Filled here from the postings, adding any term the
postings hold that the vocabulary lacked.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILL = (
    "INSERT INTO search_term (term, cases) "
    "SELECT term, count(*) FROM search_posting WHERE true GROUP BY term ORDER BY term "
    "ON CONFLICT (term) DO UPDATE SET cases = excluded.cases"
)
_SQLITE_TRIGGER = (
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE term = OLD.term; END"
)
_POSTGRESQL_FUNCTION = (
    "CREATE FUNCTION search_posting_gone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE term = OLD.term; RETURN NULL; END $$"
)
_POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "FOR EACH ROW EXECUTE FUNCTION search_posting_gone()"
)


def upgrade() -> None:
    op.add_column(
        "search_term", sa.Column("cases", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(_FILL)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRESQL_FUNCTION)
        op.execute(_POSTGRESQL_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    op.execute(
        "DROP TRIGGER search_posting_gone"
        + (" ON search_posting" if op.get_bind().dialect.name == "postgresql" else "")
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION search_posting_gone()")
    with op.batch_alter_table("search_term") as batch:
        batch.drop_column("cases")
