"""Ranking cases for a topic: analysed query terms -> BM25 over the SQL postings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Case, SearchPosting
from storage.search_index import Filters, index_version, indexed_cases, search, vocabulary

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
    """One per process: keeps the term vocabulary, the number of indexed cases and the
    terms' document frequencies in memory, and reloads them when cases or terms were added
    (ids only grow, so their maxima are a cheap version)."""

    def __init__(self) -> None:
        self._vocabulary: TermVocabulary | None = None
        self._terms_version = -1
        self._version: tuple[int, int] | None = None
        self._total = 0
        self._frequencies: dict[str, int] = {}
        self._lock = asyncio.Lock()

    async def _current(self, session: AsyncSession) -> tuple[TermVocabulary, int]:
        version = await index_version(session)
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    if self._vocabulary is None or version[0] != self._terms_version:
                        self._vocabulary = TermVocabulary(await vocabulary(session))
                        self._terms_version = version[0]
                    self._total = await indexed_cases(session)
                    self._frequencies = {}
                    self._version = version
        assert self._vocabulary is not None
        return self._vocabulary, self._total

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
        hits = await search(
            session, weights, filters=filters, limit=limit, total=total, known=self._frequencies
        )
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
