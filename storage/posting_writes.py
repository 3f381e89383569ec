"""Writing a batch of new cases' postings (an import batch) in as few statements as the
driver allows. The same rows as `search_index.add_postings`, which writes one case's.

SQLite: one `executemany` on the driver (in-process; a statement per row costs nothing
but the row's own work). PostgreSQL: one `INSERT … SELECT FROM unnest(arrays)` for the
terms, returning their ids, and one for the postings: the rows travel as arrays in one
message and the server plans and runs one statement, where `executemany` sent a bind and an
execute per row (11,000 postings an import batch of 100 documents).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from .search_index import ADD_TERM_CASES, add_postings, add_terms, posting_rows, term_counts

_SQLITE_POSTINGS = "INSERT INTO search_posting (term_id, case_id, weight) VALUES (?, ?, ?)"
_POSTGRESQL_POSTINGS = (
    "INSERT INTO search_posting (term_id, case_id, weight) "
    "SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[])"
)
# Sorted, so two importers update shared terms in the same order (no deadlock). An upsert
# returns the rows it updated as well as those it inserted.
_POSTGRESQL_TERMS = (
    "INSERT INTO search_term (term, cases) SELECT * FROM unnest($1::varchar[], $2::integer[]) "
    f"ORDER BY 1 {ADD_TERM_CASES} RETURNING term, id"
)


def write_postings(
    session: Session,
    weights_by_case: Mapping[int, Mapping[str, float]],
    more_terms: Iterable[str] = (),
) -> None:
    """Postings of cases that have none yet (new cases), and their terms, with `more_terms`
    (of cases indexed and removed within the batch), in index order (`posting_rows`)."""
    cases = term_counts(weights_by_case)
    cases.update(dict.fromkeys(set(more_terms) - cases.keys(), 0))
    if not cases:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "postgresql" and dialect.paramstyle == "numeric_dollar":  # asyncpg
        # with how many more cases hold each (search_term.cases)
        names, counts = (list(column) for column in zip(*sorted(cases.items()), strict=True))
        ids = dict(connection.exec_driver_sql(_POSTGRESQL_TERMS, (names, counts)).all())
        rows = posting_rows(weights_by_case, ids)
        if rows:
            columns = [list(column) for column in zip(*rows, strict=True)]
            connection.exec_driver_sql(_POSTGRESQL_POSTINGS, tuple(columns))
    elif dialect.name == "sqlite":
        rows = posting_rows(weights_by_case, add_terms(session, cases))
        if rows:
            connection.exec_driver_sql(_SQLITE_POSTINGS, rows)
    else:  # another driver: the portable path
        add_postings(session, weights_by_case)
        add_terms(session, dict.fromkeys(more_terms, 0))
