"""search postings on SQLite: one clustered table instead of a table and two indexes

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 10:45:00

On SQLite the postings were a rowid table plus (term, weight DESC, case_id) and (case_id,
term, weight): every posting stored three times. Now the table itself is the search's index:
a WITHOUT ROWID table keyed (term, weight DESC, case_id) (unique, as (term, case_id) is:
postings are only written for cases that have none), plus (case_id, term), to which SQLite
adds the key's weight, so it still answers the strong-match check and a short candidate
list's scoring without reading the table, and serves the cascading delete. The same rows,
read in the same orders (the same answers, scores and all). On search_bench's 50,000 cases
448 MB -> 255 MB; on import_bench's 50,000 generated cases 187 MB -> 108 MB, and writing
their postings as an import does (a transaction per ~760 cases) 59 s -> 31 s. The rebuild
of a 50,000-case store's 4.9 million postings took 72 s (a loaded machine).

PostgreSQL keeps its layout (a heap is always there; see 0003).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FOREIGN_KEY = (
    "CONSTRAINT fk_search_posting_case_id_case_item FOREIGN KEY (case_id) "
    "REFERENCES case_item (id) ON DELETE CASCADE"
)
_COLUMNS = "term VARCHAR(200) NOT NULL, case_id INTEGER NOT NULL, weight FLOAT NOT NULL"


def _rebuild(create: str, order: str, indexes: list[str]) -> None:
    op.execute(f"CREATE TABLE search_posting_new {create}")
    op.execute(
        "INSERT INTO search_posting_new (term, case_id, weight) "
        f"SELECT term, case_id, weight FROM search_posting ORDER BY {order}"
    )
    op.execute("DROP TABLE search_posting")  # its indexes go with it
    op.execute("ALTER TABLE search_posting_new RENAME TO search_posting")
    for index in indexes:
        op.execute(index)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(
        f"({_COLUMNS}, CONSTRAINT pk_search_posting PRIMARY KEY (term, weight DESC, case_id), "
        f"{_FOREIGN_KEY}) WITHOUT ROWID",
        "term, weight DESC, case_id",
        ["CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, term)"],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rebuild(
        f"({_COLUMNS}, {_FOREIGN_KEY})",
        "term, case_id",
        [
            "CREATE INDEX ix_search_posting_term_weight ON search_posting "
            "(term, weight DESC, case_id)",
            "CREATE INDEX ix_search_posting_case_id ON search_posting (case_id, term, weight)",
        ],
    )
