"""search postings name their term by its id and store the weight as an integer

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05 20:40:00

Issue 18: the postings index was 7.5× the size of an FTS5 index on SQLite and 8.4× a GIN
index on PostgreSQL. Each posting stored its term's text (in both b-trees) and an 8-byte
float. Now it stores the term's search_term id and the weight times 10,000, rounded (four
decimals; BM25 weights are below 2.2, so on SQLite two bytes): on search_bench's 50,000
cases 262 MB -> 139 MB on SQLite. Reads compare integers instead of text, and a statement
names its terms by number, so it needs no bound parameters.

The tables are rebuilt with the same layout as before (0017 on SQLite, 0018 and 0024 on
PostgreSQL), and the term-count trigger of 0022 now finds the term by id.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# storage.search_index.WEIGHT_SCALE when this was written (a migration stays as it was).
_SCALE = 10_000
_FOREIGN_KEY = (
    "CONSTRAINT fk_search_posting_case_id_case_item FOREIGN KEY (case_id) "
    "REFERENCES case_item (id) ON DELETE CASCADE"
)
_SQLITE_TRIGGER = (
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE {match}; END"
)
_POSTGRESQL_FUNCTION = (
    "CREATE OR REPLACE FUNCTION search_posting_gone() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE search_term SET cases = cases - 1 WHERE {match}; RETURN NULL; END $$"
)
_POSTGRESQL_TRIGGER = (
    "CREATE TRIGGER search_posting_gone AFTER DELETE ON search_posting "
    "FOR EACH ROW EXECUTE FUNCTION search_posting_gone()"
)


def _rebuild(term: str, select: str, trigger_match: str) -> None:
    """search_posting with its term as the column `term` (definition), filled by `select`
    (over the old table `p` joined to its terms `t`) in the order of its main b-tree, with
    the layout of 0017 on SQLite and of 0018 and 0024 on PostgreSQL, and 0022's trigger."""
    name = term.split()[0]
    columns = f"{term} NOT NULL, case_id INTEGER NOT NULL, weight {{weight}} NOT NULL"
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        create = (
            f"({columns}, CONSTRAINT pk_search_posting PRIMARY KEY ({name}, weight DESC, "
            f"case_id), {_FOREIGN_KEY}) WITHOUT ROWID"
        )
        indexes = [f"CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, {name})"]
    else:
        create = f"({columns})"
        indexes = [
            "CREATE INDEX ix_search_posting_term_weight ON search_posting "
            f"({name}, weight DESC, case_id)",
            f"CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, {name}) "
            "INCLUDE (weight)",
        ]
    weight = "INTEGER" if name == "term_id" else "FLOAT"
    op.execute(f"CREATE TABLE search_posting_new {create.format(weight=weight)}")
    op.execute(f"INSERT INTO search_posting_new {select} ORDER BY 1, 3 DESC, 2")
    op.execute("DROP TABLE search_posting")  # its indexes and trigger go with it
    op.execute("ALTER TABLE search_posting_new RENAME TO search_posting")
    for index in indexes:
        op.execute(index)
    if sqlite:
        op.execute(_SQLITE_TRIGGER.format(match=trigger_match))
    else:
        op.execute(_POSTGRESQL_FUNCTION.format(match=trigger_match))
        op.execute(_POSTGRESQL_TRIGGER)


# Every posting's term has a row since 0022 and writes add the row with the posting; one
# that lacks it all the same (a row deleted by hand) gets it here rather than being dropped
# by the join below.
_MISSING_TERMS = (
    "INSERT INTO search_term (term, cases) SELECT p.term, count(*) FROM search_posting p "
    "WHERE NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = p.term) GROUP BY p.term"
)


def upgrade() -> None:
    op.execute(_MISSING_TERMS)
    # Rounded as storage.search_index.stored_weight does: truncating weight × scale + 0.5
    # (PostgreSQL's cast to integer would round instead).
    scaled = f"p.weight * {_SCALE} + 0.5"
    if op.get_bind().dialect.name == "postgresql":
        scaled = f"trunc({scaled})"
    _rebuild(
        "term_id INTEGER",
        f"SELECT t.id, p.case_id, CAST({scaled} AS INTEGER) "
        "FROM search_posting p JOIN search_term t ON t.term = p.term",
        "id = OLD.term_id",
    )


def downgrade() -> None:
    _rebuild(
        "term VARCHAR(200)",
        f"SELECT t.term, p.case_id, p.weight / {_SCALE}.0 "
        "FROM search_posting p JOIN search_term t ON t.id = p.term_id",
        "term = OLD.term",
    )
