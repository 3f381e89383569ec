"""A filtered search that none of a common word's best postings passes scores only the
cases the filter allows, and ranks them exactly as scoring every posting would: by the
words' weights, ties by case id. Both ways of reading them are reached, on SQLite and
PostgreSQL: case by case (the period, the meeting: ten cases) and the words' postings kept
when their case passes (the committee: 410 cases, more than the words' postings)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Committee, Meeting
from storage.search_index import CANDIDATES_PER_TERM, Filters, Hit, idf, search
from tests.storage.search_rows import add_posting_rows

CASES = 3 * CANDIDATES_PER_TERM
LAST_MEETING = 31
EMPTY = 400  # committee 2's cases without the words, at meeting 32


def _weight(case_id: int) -> float:
    """Committee 2's cases (the last meeting's, in 2016) weigh least: never among the best."""
    if case_id > CASES - 10:
        return 0.01 * (case_id % 4 + 1)  # ties, broken by case id
    return 1.0 + case_id % 13


def _seed(session: Session) -> None:
    session.add_all([Committee(id=1, name="Samarbeidsutvalg"), Committee(id=2, name="Styret")])
    session.add_all(
        Meeting(id=i, committee_id=2 if i == LAST_MEETING else 1, date=dt.date(2015, 1, i))
        for i in range(1, LAST_MEETING)
    )
    session.add(Meeting(id=LAST_MEETING, committee_id=2, date=dt.date(2016, 3, 1)))
    session.add(Meeting(id=LAST_MEETING + 1, committee_id=2, date=dt.date(2017, 3, 1)))
    session.flush()
    session.execute(
        insert(Case),
        [
            {
                "id": i,
                "meeting_id": LAST_MEETING if i > CASES - 10 else 1 + i % 30,
                "committee_id": 2 if i > CASES - 10 else 1,
                "title": f"Sak {i}",
                "status": "decided",
            }
            for i in range(1, CASES + 1)
        ]
        + [
            {
                "id": i,
                "meeting_id": LAST_MEETING + 1,
                "committee_id": 2,
                "title": f"Sak {i}",
                "status": "noted",
            }
            for i in range(CASES + 1, CASES + EMPTY + 1)
        ],
    )
    rows = [{"term": "budsjett", "case_id": i, "weight": _weight(i)} for i in range(1, CASES + 1)]
    # A second, rarer term held by the first 150 cases (more than the last meeting's ten).
    rows += [{"term": "plan", "case_id": i, "weight": 1.0} for i in range(1, 151)]
    rows += [{"term": "plan", "case_id": i, "weight": 2.0} for i in range(CASES - 9, CASES + 1)]
    add_posting_rows(session, rows)


def _expected(query: dict[str, float], cases: range, limit: int) -> list[int]:
    plan = set(range(1, 151)) | set(range(CASES - 9, CASES + 1))
    scores = {}
    for i in cases:
        scores[i] = query.get("budsjett", 0) * _weight(i)
        if i in plan:
            scores[i] += query.get("plan", 0) * (2.0 if i > CASES - 10 else 1.0)
    return sorted(scores, key=lambda i: (-scores[i], i))[:limit]


async def test_a_filter_none_of_the_best_pass_ranks_all_it_allows(db: Database) -> None:
    await db.write(_seed)
    last = range(CASES - 9, CASES + 1)
    asked = [
        ({"budsjett": 1.0}, Filters(tenant="default", committee_ids=(2,))),
        ({"budsjett": 1.0, "plan": 0.5}, Filters(tenant="default", committee_ids=(2,))),
        ({"budsjett": 1.0}, Filters(tenant="default", meeting_id=LAST_MEETING)),
        (
            {"budsjett": 1.0, "plan": 0.5},
            Filters(tenant="default", start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31)),
        ),
    ]
    for query, filters in asked:
        hits: list[Hit] = await db.read(
            lambda s, q=query, f=filters: search(s, q, filters=f, limit=5)
        )
        # The search weighs each query term by its idf (cases holding it, of those indexed).
        weighted = {
            t: w * idf(CASES, {"budsjett": CASES, "plan": 160}[t]) for t, w in query.items()
        }
        assert [h.case_id for h in hits] == _expected(weighted, last, 5), (query, filters)


async def test_a_filter_nothing_passes_finds_nothing(db: Database) -> None:
    await db.write(_seed)
    nothing = Filters(tenant="default", start=dt.date(2030, 1, 1))
    assert await db.read(lambda s: search(s, {"budsjett": 1.0}, filters=nothing)) == []
    other = Filters(tenant="other", committee_ids=(2,))
    assert await db.read(lambda s: search(s, {"budsjett": 1.0}, filters=other)) == []
