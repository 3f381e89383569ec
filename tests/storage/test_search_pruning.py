"""A ranking reads the postings only of the candidates that can still be among the best,
and ranks exactly as scoring every candidate would: the same cases, scores, strong flags and
order, ties by case id, with and without filters, on SQLite and PostgreSQL. The weights are
drawn from a few values so that many cases tie, and a case's bound often equals the best
scores known (the edge the pruning must keep). The highest score a query can reach, known
from the same bounds, is never below any case's score. Rows of postings kept between
searches change no ranking, and are read once."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Committee, Meeting
from storage.search_index import (
    CANDIDATES_PER_TERM,
    CaseRows,
    Filters,
    highest_score,
    idf,
    search,
)
from tests.storage.search_rows import add_posting_rows

CASES = 4 * CANDIDATES_PER_TERM
# term -> share of the cases holding it: three common terms and a rare one.
TERMS = {"budsjett": 0.9, "plan": 0.6, "helse": 0.4, "rus": 0.1}
WEIGHTS = (0.5, 1.0, 1.5, 2.0)
CASE_LIMIT_SMALL = 50  # rows kept: fewer than a search of QUERIES reads


def _postings() -> dict[tuple[int, str], float]:
    rng = random.Random(7)
    return {
        (case_id, term): rng.choice(WEIGHTS)
        for term, share in TERMS.items()
        for case_id in range(1, CASES + 1)
        if rng.random() < share
    }


def _committee(case_id: int) -> int:
    return 1 + case_id % 3


def _seed(session: Session) -> None:
    session.add_all(Committee(id=i, name=f"Utvalg {i}") for i in (1, 2, 3))
    session.add_all(Meeting(id=i, committee_id=i, date=dt.date(2020, 1, i)) for i in (1, 2, 3))
    session.flush()
    session.execute(
        insert(Case),
        [
            {
                "id": i,
                "meeting_id": _committee(i),
                "committee_id": _committee(i),
                "title": f"Sak {i}",
                "status": "decided",
            }
            for i in range(1, CASES + 1)
        ],
    )
    rows = [{"case_id": c, "term": t, "weight": w} for (c, t), w in _postings().items()]
    add_posting_rows(session, rows)


def _frequencies(query: dict[str, float]) -> dict[str, int]:
    """term -> how many cases hold it."""
    postings = _postings()
    return {t: sum(1 for (_, term) in postings if term == t) for t in query}


def _weighted(query: dict[str, float]) -> dict[str, float]:
    """term -> its query weight times its idf, weighed against every case in the store
    (collection_size), postings or not."""
    df = _frequencies(query)
    return {t: q * idf(CASES, df[t]) for t, q in query.items()}


def _expected(query: dict[str, float], committees: set[int] | None) -> dict[int, float]:
    """The scores scoring every candidate gives: the cases among each common term's best
    postings (ties by case id) or holding a rare term, scored on every posting of the
    query's terms."""
    postings = _postings()
    df = _frequencies(query)
    weighted = _weighted(query)
    candidates: set[int] = set()
    for term in query:
        holders = sorted(
            (c for (c, t) in postings if t == term), key=lambda c: (-postings[c, term], c)
        )
        common = df[term] > CANDIDATES_PER_TERM
        candidates |= set(holders[:CANDIDATES_PER_TERM] if common else holders)
    if committees is not None:
        candidates = {c for c in candidates if _committee(c) in committees}
    return {c: sum(postings.get((c, t), 0.0) * w for t, w in weighted.items()) for c in candidates}


QUERIES = [
    {"budsjett": 1.0},
    {"budsjett": 1.0, "plan": 1.0},
    {"budsjett": 0.5, "plan": 1.0, "helse": 2.0},
    {"budsjett": 1.0, "plan": 1.0, "helse": 1.0, "rus": 1.0},
    {"plan": 1.0, "rus": 0.3},
]


@pytest.mark.parametrize("limit", [1, 3, 10, 40])
async def test_the_ranking_is_that_of_every_candidate(db: Database, limit: int) -> None:
    """The same scores in the same order. Cases of equal weights tie on score, and the
    databases add a case's weights in an order of their own, so of two tied cases either
    may come first by a rounding: a hit is checked to be one of the cases with its score."""
    await db.write(_seed)
    postings = _postings()
    for query in QUERIES:
        for committees in (None, {2}, {1, 3}):
            strong = set(sorted(query)[:1])
            filters = Filters(
                tenant="default",
                committee_ids=None if committees is None else tuple(sorted(committees)),
            )
            hits = await db.read(
                lambda s, q=query, f=filters, st=strong: search(
                    s, q, filters=f, limit=limit, strong=st
                )
            )
            scores = _expected(query, committees)
            best = sorted(scores.values(), reverse=True)[:limit]
            assert [h.score for h in hits] == pytest.approx(best, rel=1e-9), (query, committees)
            assert len({h.case_id for h in hits}) == len(hits)
            for hit in hits:
                assert scores[hit.case_id] == pytest.approx(hit.score, rel=1e-9)
                assert hit.strong == any((hit.case_id, t) in postings for t in strong)


def _scores(query: dict[str, float]) -> dict[int, float]:
    """Every case's score on all its postings of the query's terms, candidate or not."""
    postings = _postings()
    weighted = _weighted(query)
    return {
        c: sum(postings.get((c, t), 0.0) * w for t, w in weighted.items())
        for c in range(1, CASES + 1)
    }


async def test_no_case_scores_above_the_highest_score(db: Database) -> None:
    await db.write(_seed)
    postings = _postings()
    for query in QUERIES:
        highest = await db.read(lambda s, q=query: highest_score(s, q))
        scores = _scores(query)
        assert max(scores.values()) <= highest, query
        # and a bound worth having: at most every term at its highest weight
        ceiling = sum(
            max(w for (_, term), w in postings.items() if term == t) * weight
            for t, weight in _weighted(query).items()
        )
        assert highest <= ceiling * (1 + 1e-9), query
    # near miss: a query of terms no case holds can reach nothing
    assert await db.read(lambda s: highest_score(s, {"ukjent": 1.0})) == 0.0


async def test_rows_kept_between_searches_change_no_ranking(db: Database) -> None:
    """The same hits with the candidates' rows kept between searches as without, also when
    the rows kept are fewer than a search reads (they are dropped and read again)."""
    await db.write(_seed)
    filters = Filters(tenant="default")
    for limit in (CASE_LIMIT_SMALL, 100_000):
        kept = CaseRows(limit)
        for query in QUERIES + QUERIES:  # the second time from the rows kept
            plain, cached = await db.read(
                lambda s, q=query, k=kept: (
                    search(s, q, filters=filters, limit=10),
                    search(s, q, filters=filters, limit=10, case_rows=k),
                )
            )
            assert cached == plain, (query, limit)


async def test_rows_kept_are_read_once(db: Database) -> None:
    await db.write(_seed)
    kept = CaseRows()

    def read_twice(session: Session) -> tuple[list[str], bool]:
        statements: list[str] = []
        connection = session.connection()
        event.listen(connection, "before_cursor_execute", lambda *a: statements.append(a[2]))
        first = kept.read(session, range(1, 60))
        again = kept.read(session, range(20, 80))  # 40 of them kept, 20 new
        return statements, all(again.get(c) == first.get(c) for c in range(20, 60))

    statements, same = await db.read(read_twice)
    assert same
    # One statement each time, the second for the 20 cases not asked before and those
    # asked before that have no row to keep.
    held = {case_id for case_id, _ in _postings()}
    rowless = len(set(range(20, 60)) - held)
    asked = [len(re.findall(r"\d+", s.split(" IN ")[1])) for s in statements]
    assert asked == [59, 20 + rowless]
    # near miss: rows of cases with no postings are not made up
    assert await db.read(lambda s: kept.read(s, [CASES + 1])) == {}
