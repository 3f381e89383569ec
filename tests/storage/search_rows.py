"""Postings written for search tests as the index writes them (storage/posting_store.py):
with their terms' rows and counts, which the search reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from storage.posting_store import write_postings


def add_posting_rows(session: Session, rows: Iterable[Mapping[str, object]]) -> None:
    """`rows`: {"term", "case_id", "weight"} each."""
    by_case: dict[int, dict[str, float]] = {}
    for row in rows:
        by_case.setdefault(int(row["case_id"]), {})[str(row["term"])] = float(row["weight"])
    write_postings(session, by_case)
