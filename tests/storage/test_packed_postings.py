"""The packed index (migration 0027) stays what its cases' rows say through any mix of writes:
import batches of new cases, cases rewritten in chat (older ids, also before a term's first
block), cases deleted (queued, then purged), deleted ids given to new cases (SQLite does),
and a whole rebuild. After every step the terms' blocks, tops and counts agree with the
cases' rows (`index_problems`), and searches rank as an oracle over the cases' rows alone
does: the candidates are each term's best CANDIDATES_PER_TERM postings (weight, then case
id), scored in full, and with a filter that none of them passes, every case it allows.

The terms are drawn so that common ones span several blocks (BLOCK postings each) and more
than CANDIDATES_PER_TERM cases, and rare ones have a few."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Committee, Meeting
from storage.posting_codec import pack, unpack
from storage.posting_store import (
    BLOCK,
    Rebuild,
    case_postings,
    index_problems,
    postings_removed,
    replace_postings,
    start_rebuild,
    write_postings,
)
from storage.search_index import (
    CANDIDATES_PER_TERM,
    WEIGHT_SCALE,
    Filters,
    TermRow,
    collection_size,
    idf,
    search,
    term_rows,
)

TERMS = [f"ord{i}" for i in range(40)]
# Zipf-like: ord0 in most cases, ord39 in a few.
TERM_SHARE = [0.9 / (1 + i) ** 1.1 for i in range(len(TERMS))]


def _weights(rng: random.Random) -> dict[str, float]:
    held = {
        t: round(rng.uniform(0.05, 2.0), 3)
        for t, p in zip(TERMS, TERM_SHARE, strict=True)
        if rng.random() < p
    }
    # Equal weights on purpose now and then: ties break on case id.
    return {t: (1.0 if rng.random() < 0.1 else w) for t, w in held.items()}


def _seed(session: Session) -> None:
    session.add_all([Committee(id=1, name="Samarbeidsutvalg"), Committee(id=2, name="Styret")])
    session.add_all(
        [
            Meeting(id=1, committee_id=1, date=dt.date(2015, 1, 5)),
            Meeting(id=2, committee_id=2, date=dt.date(2016, 3, 1)),
        ]
    )


def _add_cases(session: Session, ids: list[int], rng: random.Random) -> dict[int, dict[str, float]]:
    # Committee 2 holds a few cases only: a filter on it is often passed by no candidate.
    session.execute(
        insert(Case),
        [
            {
                "id": i,
                "meeting_id": 2 if i % 17 == 0 else 1,
                "committee_id": 2 if i % 17 == 0 else 1,
                "title": f"Sak {i}",
                "status": "decided",
            }
            for i in ids
        ],
    )
    return {i: _weights(rng) for i in ids}


def _oracle(
    session: Session, query: dict[str, float], committee: int | None, limit: int = 10
) -> list[tuple[int, float]]:
    """The ranking from the cases' rows alone (`case_postings`), by the rules in the module
    docstring; scores added in term order, as the search adds them."""
    ids = {t: row.id for t, row in term_rows(session, list(query)).items()}
    if not ids:
        return []
    by_term: dict[int, list[tuple[int, int]]] = defaultdict(list)
    by_case: dict[int, dict[int, int]] = defaultdict(dict)
    for case_id, term, weight in case_postings(session):
        by_term[term].append((case_id, weight))
        by_case[case_id][term] = weight
    n = collection_size(session)
    factor = {ids[t]: query[t] * idf(n, len(by_term[ids[t]])) / WEIGHT_SCALE for t in sorted(ids)}
    factor = {t: factor[t] for t in sorted(factor)}
    candidates = {
        c
        for t in factor
        for c, _ in sorted(by_term[t], key=lambda p: (-p[1], p[0]))[:CANDIDATES_PER_TERM]
    }
    allowed = set(by_case)
    if committee is not None:
        allowed = set(session.scalars(select(Case.id).where(Case.committee_id == committee)))
    scored = (candidates & allowed) or {c for c in allowed if by_case[c].keys() & factor.keys()}

    def score(case_id: int) -> float:
        total = 0.0
        for term, f in factor.items():
            if term in by_case[case_id]:
                total += by_case[case_id][term] * f
        return total

    ranked = sorted(((c, score(c)) for c in scored if c in by_case), key=lambda h: (-h[1], h[0]))
    return ranked[:limit]


def _check(session: Session, rng: random.Random) -> None:
    assert index_problems(session) == []
    known: dict[str, TermRow] = {}
    queries = [{t: 1.0} for t in (TERMS[0], TERMS[3], TERMS[-1])]
    queries += [{t: rng.uniform(0.5, 1.5) for t in rng.sample(TERMS, 3)} for _ in range(4)]
    for query in queries:
        for committee in (None, 2):
            filters = Filters(
                tenant="default", committee_ids=None if committee is None else (committee,)
            )
            hits = search(session, query, filters=filters, known=known)
            expected = _oracle(session, query, committee)
            assert [h.case_id for h in hits] == [c for c, _ in expected], (query, committee)
            for hit, (_, score) in zip(hits, expected, strict=True):
                assert hit.score == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_index_follows_every_kind_of_write(db: Database, seed: int) -> None:
    rng = random.Random(seed)
    await db.write(_seed)
    live: dict[int, dict[str, float]] = {}
    next_id = 1

    def batch(session: Session, size: int) -> None:
        nonlocal next_id
        ids = list(range(next_id, next_id + size))
        next_id += size
        weights = _add_cases(session, ids, rng)
        write_postings(session, weights, more_terms=["utenfor"])
        live.update(weights)

    for size in (150, 260, 90):  # the common terms reach several blocks
        await db.write(lambda s, n=size: batch(s, n))
    await db.read(lambda s: _check(s, rng))
    assert max(len(b) for b in _blocks_by_term(await db.read(case_postings)).values()) > BLOCK

    def rewrite(session: Session) -> None:  # chat edits: older cases, the very first ones too
        chosen = sorted([*rng.sample(sorted(live), 12), min(live)])
        weights = {c: _weights(rng) for c in chosen}
        replace_postings(session, weights)
        live.update(weights)

    await db.write(rewrite)
    await db.read(lambda s: _check(s, rng))

    def remove(session: Session) -> None:  # a run of cases (a document's) and a few others
        start = rng.choice(sorted(live)[:-40])
        gone = [c for c in sorted(live) if start <= c < start + 25] + rng.sample(sorted(live), 5)
        gone = sorted(set(gone))
        session.execute(delete(Case).where(Case.id.in_(gone)))
        postings_removed(session)
        for c in gone:
            del live[c]

    await db.write(remove)
    await db.read(lambda s: _check(s, rng))

    def reuse(session: Session) -> None:  # ids freed by the removal, below every last block
        free = sorted(set(range(1, next_id)) - live.keys())[:6]
        weights = _add_cases(session, free, rng)
        write_postings(session, weights)
        live.update(weights)

    await db.write(reuse)
    await db.read(lambda s: _check(s, rng))

    def rebuild(session: Session) -> None:
        start_rebuild(session)
        writer = Rebuild()
        ids = sorted(live)
        for at in range(0, len(ids), 70):
            writer.write(session, {c: live[c] for c in ids[at : at + 70]})
        writer.finish(session)

    before = await db.read(lambda s: sorted(case_postings(s)))
    await db.write(rebuild)
    assert await db.read(lambda s: sorted(case_postings(s))) == before
    await db.read(lambda s: _check(s, rng))


def _blocks_by_term(postings: list[tuple[int, ...]]) -> dict[int, list[int]]:
    by_term: dict[int, list[int]] = defaultdict(list)
    for case_id, term, _ in postings:
        by_term[term].append(case_id)
    return by_term


async def test_a_near_miss_the_check_finds(db: Database) -> None:
    """`index_problems` is what the test above relies on: a block that lost a posting, a
    top out of order and a count off by one are each found."""
    rng = random.Random(7)
    await db.write(_seed)

    def seeded(session: Session) -> None:
        write_postings(session, _add_cases(session, list(range(1, 301)), rng))

    await db.write(seeded)
    assert await db.read(index_problems) == []

    def damage(session: Session) -> None:
        term, first, blob = session.execute(
            text("SELECT term_id, first_case, postings FROM search_block ORDER BY 1, 2 LIMIT 1")
        ).one()
        cases, weights = unpack(blob)
        session.execute(
            text("UPDATE search_block SET postings = :p WHERE term_id = :t AND first_case = :f"),
            {"p": pack(cases[:-1], weights[:-1]), "t": term, "f": first},
        )
        session.execute(text("UPDATE search_term SET cases = cases + 1 WHERE id = :t"), {"t": term})
        session.execute(text("UPDATE search_term SET top = NULL WHERE id = :t"), {"t": term + 1})

    await db.write(damage)
    problems = await db.read(index_problems)
    assert any(p.startswith("blocks: 0 postings no case has, 1 missing") for p in problems)
    assert any("counts" in p for p in problems)
    assert any("its top is not its best postings" in p for p in problems)


async def test_a_tenant_none_of_whose_cases_is_among_the_best_still_finds_them(
    db: Database,
) -> None:
    """A common word's best postings may all be another tenant's: the search then ranks
    every case holding the word and keeps the asker's, best first. Near miss: a tenant
    with no case finds nothing."""
    await db.write(_seed)

    def seeded(session: Session) -> None:
        rows = [
            {"id": i, "tenant": "a", "title": f"Sak {i}", "status": "decided"}
            for i in range(1, 151)
        ]
        rows += [
            {"id": i, "tenant": "b", "title": f"Sak {i}", "status": "decided"}
            for i in range(151, 156)
        ]
        session.execute(insert(Case), rows)
        weights = {i: {"budsjett": 2.0 if i <= 150 else 0.1 * (i - 150)} for i in range(1, 156)}
        write_postings(session, weights)

    await db.write(seeded)
    for tenant, expected in (("b", [155, 154, 153, 152, 151]), ("c", [])):
        hits = await db.read(
            lambda s, t=tenant: search(s, {"budsjett": 1.0}, filters=Filters(tenant=t))
        )
        assert [h.case_id for h in hits] == expected
