"""What a search reads besides the ranking, in the ranking's own statements (issue 18): whether
each hit holds one of the question's strong terms (the words typed, not a typo guess), on
every way a search scores (a common word's best postings, all postings of rare words, the
cases a narrow filter allows); the cases' tenant bounds as `index_state` read them; and the
candidates an answer's searches share in one session, read again once postings are added."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Committee, Meeting
from storage.posting_store import write_postings
from storage.search_index import (
    CANDIDATES_PER_TERM,
    Filters,
    Hit,
    index_state,
    search,
)
from tests.storage.search_rows import add_posting_rows

CASES = 3 * CANDIDATES_PER_TERM
LAST = range(CASES - 9, CASES + 1)  # committee 2's cases: they weigh least
# The cases that also hold "plan", a common word too; committee 2's weakly, so that none of
# its cases is among either word's best postings.
PLAN = set(range(1, 151)) | {CASES - 1, CASES - 4}
SJELDEN = {7, CASES - 1}  # a rare word's cases
STRONG = {"plan", "sjelden", "ukjent"}  # typed words (one the index does not know)


def _seed(session: Session) -> None:
    session.add_all([Committee(id=1, name="Samarbeidsutvalg"), Committee(id=2, name="Styret")])
    session.add_all(
        [
            Meeting(id=1, committee_id=1, date=dt.date(2015, 1, 5)),
            Meeting(id=2, committee_id=2, date=dt.date(2016, 3, 1)),
        ]
    )
    session.flush()
    session.execute(
        insert(Case),
        [
            {
                "id": i,
                "meeting_id": 2 if i in LAST else 1,
                "committee_id": 2 if i in LAST else 1,
                "title": f"Sak {i}",
                "status": "decided",
            }
            for i in range(1, CASES + 1)
        ],
    )
    rows = [
        {"term": "budsjett", "case_id": i, "weight": 0.01 if i in LAST else 1.0 + i % 13}
        for i in range(1, CASES + 1)
    ]
    rows += [
        {"term": "plan", "case_id": i, "weight": 0.01 if i in LAST else 1.0} for i in sorted(PLAN)
    ]
    rows += [{"term": "sjelden", "case_id": i, "weight": 1.0} for i in sorted(SJELDEN)]
    rows += [{"term": "sjeldnere", "case_id": i, "weight": 1.0} for i in (8, 9)]
    add_posting_rows(session, rows)


def _expected_strong(hits: list[Hit], query: dict[str, float]) -> list[tuple[int, bool]]:
    """Strong: the case holds a strong term of the query."""
    holders = {"plan": PLAN, "sjelden": SJELDEN}
    held = set().union(*(holders[t] for t in STRONG & query.keys()))
    return [(h.case_id, h.case_id in held) for h in hits]


async def test_a_hit_is_strong_when_its_case_holds_a_strong_term(db: Database) -> None:
    await db.write(_seed)
    both = {"budsjett": 1.0, "plan": 0.5}
    asked = [
        # The common word's best postings, unfiltered and by committee.
        (both, Filters(tenant="default")),
        (both, Filters(tenant="default", committee_ids=(1,))),
        # None of the best pass: every case the filter allows is scored.
        (both, Filters(tenant="default", committee_ids=(2,))),
        (both, Filters(tenant="default", meeting_id=2)),
        # Rare words only: all their postings.
        ({"sjelden": 1.0, "sjeldnere": 0.5}, Filters(tenant="default")),
    ]
    seen: set[bool] = set()
    for query, filters in asked:

        def run(s: Session, q: dict[str, float] = query, f: Filters = filters) -> tuple:
            marked = search(s, q, filters=f, limit=20, strong=STRONG)
            plain = search(s, q, filters=f, limit=20)
            return marked, plain

        marked, plain = await db.read(run)
        assert marked, (query, filters)
        # The same ranking, each hit marked by whether its case holds a strong term.
        assert [(h.case_id, h.score) for h in marked] == [(h.case_id, h.score) for h in plain]
        assert [(h.case_id, h.strong) for h in marked] == _expected_strong(marked, query)
        assert not any(h.strong for h in plain)
        seen |= {h.strong for h in marked}
    assert seen == {True, False}


async def test_known_tenant_bounds_rank_as_the_read_ones(db: Database) -> None:
    await db.write(_seed)
    query = {"budsjett": 1.0, "plan": 0.5}
    state = await db.read(index_state)
    assert state.tenants == ("default", "default")
    read = await db.read(lambda s: search(s, query, filters=Filters(tenant="default")))
    known = await db.read(
        lambda s: search(s, query, filters=Filters(tenant="default"), tenants=state.tenants)
    )
    assert known == read

    def other_tenant(session: Session) -> None:
        session.add(Case(id=CASES + 1, tenant="other", title="Budsjett", status="decided"))
        session.flush()
        write_postings(session, {CASES + 1: {"budsjett": 99.0}})

    await db.write(other_tenant)
    state = await db.read(index_state)
    assert state.tenants == ("default", "other")
    for tenant in ("default", "other"):
        hits = await db.read(
            lambda s, t=tenant: search(s, query, filters=Filters(tenant=t), tenants=state.tenants)
        )
        assert hits and ((CASES + 1) in {h.case_id for h in hits}) == (tenant == "other")


async def test_postings_added_in_a_session_are_found_by_its_next_search(db: Database) -> None:
    await db.write(_seed)
    query = {"budsjett": 1.0}

    def search_add_search(session: Session) -> tuple[list[Hit], list[Hit]]:
        before = search(session, query, filters=Filters(tenant="default"), limit=3)
        session.add(Case(id=CASES + 1, meeting_id=1, committee_id=1, title="Ny", status="decided"))
        session.flush()
        write_postings(session, {CASES + 1: {"budsjett": 50.0}})
        return before, search(session, query, filters=Filters(tenant="default"), limit=3)

    before, after = await db.write(search_add_search)
    assert (CASES + 1) not in {h.case_id for h in before}
    assert after[0].case_id == CASES + 1
