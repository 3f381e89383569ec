"""Ranking cases for a topic: analysed query terms -> BM25 over the SQL postings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Case, SearchPosting
from storage.search_index import Filters, indexed_cases, search, vocabulary, vocabulary_version

from .search.analysis import QueryTerm, TermVocabulary, query_terms

# Terms typed (or translated / expanded from what was typed) make a match "strong"; a case
# found only through a typo guess or a compound split is offered as a near match.
_STRONG_SOURCES = frozenset({"query", "glossary", "translation"})


@dataclass(frozen=True, slots=True)
class CaseHit:
    case: Case
    score: float
    strong: bool


class DecisionSearch:
    """One per process: keeps the term vocabulary in memory and reloads it when the index
    has grown (vocabulary ids only grow, so their maximum is a cheap version number)."""

    def __init__(self) -> None:
        self._vocabulary: TermVocabulary | None = None
        self._version = -1
        self._total: tuple[int, int] | None = None  # (version, indexed cases)
        self._lock = asyncio.Lock()

    async def _current(self, session: AsyncSession) -> tuple[TermVocabulary, int]:
        version = await vocabulary_version(session)
        if self._vocabulary is None or version != self._version:
            async with self._lock:
                if self._vocabulary is None or version != self._version:
                    self._vocabulary = TermVocabulary(await vocabulary(session))
                    self._version = version
                    self._total = None
        if self._total is None or self._total[0] != version:
            self._total = (version, await indexed_cases(session))
        assert self._vocabulary is not None
        return self._vocabulary, self._total[1]

    async def search(
        self,
        session: AsyncSession,
        topic: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
    ) -> list[CaseHit]:
        vocab, total = await self._current(session)
        terms = query_terms(topic, vocab)
        weights: dict[str, float] = {}
        for term in terms:
            weights[term.term] = max(weights.get(term.term, 0.0), term.weight)
        hits = await search(session, weights, filters=filters, limit=limit, total=total)
        if not hits:
            return []
        ids = [h.case_id for h in hits]
        cases = {c.id: c for c in await session.scalars(select(Case).where(Case.id.in_(ids)))}
        strong = await _strong_cases(session, ids, terms)
        return [CaseHit(cases[h.case_id], h.score, h.case_id in strong) for h in hits]


async def _strong_cases(
    session: AsyncSession, case_ids: list[int], terms: list[QueryTerm]
) -> set[int]:
    wanted = {t.term for t in terms if t.source in _STRONG_SOURCES}
    if not wanted:
        return set()
    rows = await session.execute(
        select(SearchPosting.case_id).where(
            SearchPosting.case_id.in_(case_ids), SearchPosting.term.in_(wanted)
        )
    )
    return set(rows.scalars())
