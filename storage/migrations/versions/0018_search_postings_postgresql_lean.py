"""search postings on PostgreSQL: no primary key; the case index carries term and weight

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 11:20:00

The postings had a heap and three b-trees: the primary key (term, case_id) INCLUDE (weight),
(term, weight DESC, case_id) and (case_id). The key answered nothing the other two do not:
a term's postings are read from (term, weight DESC, case_id), a case's from the case index,
which now holds (case_id, term) INCLUDE (weight) so scoring a short candidate list and the
strong-match check read no heap. (term, case_id) stays unique as on SQLite: postings are
only written for cases that have none. On 50,000 generated cases 394 MB -> 320 MB, and an
import batch's 32,000 postings inserted in 0.71-0.79 s instead of 0.88-0.96 s.

SQLite: unchanged (see 0017).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE INDEX ix_search_posting_case_term ON search_posting (case_id, term) "
        "INCLUDE (weight)"
    )
    op.execute("DROP INDEX ix_search_posting_case_id")
    op.execute("ALTER INDEX ix_search_posting_case_term RENAME TO ix_search_posting_case_id")
    op.execute("ALTER TABLE search_posting DROP CONSTRAINT pk_search_posting")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_posting ADD CONSTRAINT pk_search_posting "
        "PRIMARY KEY (term, case_id) INCLUDE (weight)"
    )
    op.execute("DROP INDEX ix_search_posting_case_id")
    op.execute("CREATE INDEX ix_search_posting_case_id ON search_posting (case_id)")
