"""search postings packed several to a row

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06 03:30:00

Issue 18: a row per posting made the index 4.0× the size of an FTS5 index on SQLite and 7.0×
a GIN index on PostgreSQL at 50,000 cases, and an import batch's postings landed all over
the (term, weight) b-tree. Now (storage/posting_store.py):

- search_block: a term's postings in case order, packed about 192 to a row;
- search_term.top: the term's best 100 postings, all of them for a rarer term;
- search_case: each case's postings in one row; deleting it (with its case) queues them in
  search_gone by a trigger, and writers take them out of the blocks, tops and counts.

The old postings are dropped and the analysis fingerprint with them: the next start (the
server's or any CLI command's) rebuilds the index from the cases, as after a change of the
text analysis.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ANALYSIS = "DELETE FROM search_meta WHERE key = 'analysis'"  # assistant.indexing.ANALYSIS_KEY
_SQLITE_QUEUE = (
    "CREATE TRIGGER search_case_gone AFTER DELETE ON search_case BEGIN "
    "INSERT INTO search_gone (case_id, postings) VALUES (OLD.case_id, OLD.postings); END"
)
_POSTGRESQL_FUNCTION = (
    "CREATE FUNCTION search_case_gone() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO search_gone (case_id, postings) VALUES (OLD.case_id, OLD.postings); "
    "RETURN NULL; END $$"
)
_POSTGRESQL_QUEUE = (
    "CREATE TRIGGER search_case_gone AFTER DELETE ON search_case "
    "FOR EACH ROW EXECUTE FUNCTION search_case_gone()"
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER case_item_postings_gone ON case_item")
        op.execute("DROP FUNCTION case_item_postings_gone()")
    op.execute("DROP TABLE search_posting")  # its indexes and trigger go with it
    if postgresql:
        op.execute("DROP FUNCTION search_posting_gone()")
    op.add_column("search_term", sa.Column("top", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE search_term SET cases = 0")
    op.create_table(
        "search_case",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("postings", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_item.id"],
            name="fk_search_case_case_id_case_item",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name="pk_search_case"),
    )
    op.create_table(
        "search_block",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("first_case", sa.Integer(), nullable=False),
        sa.Column("postings", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("term_id", "first_case", name="pk_search_block"),
    )
    op.create_table(
        "search_gone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("postings", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_gone"),
    )
    if postgresql:
        op.execute(_POSTGRESQL_FUNCTION)
        op.execute(_POSTGRESQL_QUEUE)
    else:
        op.execute(_SQLITE_QUEUE)
    op.execute(_ANALYSIS)


# The layout of 0025 (and 0022's and 0024's triggers), empty: the older code rebuilds it.
_OLD_SQLITE = (
    "CREATE TABLE search_posting (term_id INTEGER NOT NULL, case_id INTEGER NOT NULL, "
    "weight INTEGER NOT NULL, CONSTRAINT pk_search_posting PRIMARY KEY (term_id, weight DESC, "
    "case_id), CONSTRAINT fk_search_posting_case_id_case_item FOREIGN KEY (case_id) "
    "REFERENCES case_item (id) ON DELETE CASCADE) WITHOUT ROWID",
    "CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, term_id)",
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE id = OLD.term_id; END",
)
_OLD_POSTGRESQL = (
    "CREATE TABLE search_posting (term_id INTEGER NOT NULL, case_id INTEGER NOT NULL, "
    "weight INTEGER NOT NULL)",
    "CREATE INDEX ix_search_posting_term_weight ON search_posting (term_id, weight DESC, case_id)",
    "CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, term_id) INCLUDE (weight)",
    "CREATE FUNCTION search_posting_gone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE id = OLD.term_id; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "FOR EACH ROW EXECUTE FUNCTION search_posting_gone()",
    "CREATE FUNCTION case_item_postings_gone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN DELETE FROM search_posting WHERE case_id = OLD.id; RETURN NULL; END $$",
    "CREATE TRIGGER case_item_postings_gone AFTER DELETE ON case_item "
    "FOR EACH ROW EXECUTE FUNCTION case_item_postings_gone()",
)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in ("search_gone", "search_block", "search_case"):
        op.execute(f"DROP TABLE {table}")  # search_case's trigger goes with it
    if postgresql:
        op.execute("DROP FUNCTION search_case_gone()")
    with op.batch_alter_table("search_term") as batch:
        batch.drop_column("top")
    op.execute("UPDATE search_term SET cases = 0")
    for statement in _OLD_POSTGRESQL if postgresql else _OLD_SQLITE:
        op.execute(statement)
    op.execute(_ANALYSIS)
