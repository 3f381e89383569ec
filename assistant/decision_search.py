"""Ranking cases for a topic: analysed query terms -> BM25 over the SQL postings."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, defer, joinedload

from storage.models import Case, Document, Meeting
from storage.search_index import (
    Filters,
    cases_with_terms,
    index_version,
    indexed_cases,
    search,
    vocabulary,
)

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
        self._lock = threading.Lock()  # answers run in worker threads

    def _current(self, session: Session) -> tuple[TermVocabulary, int]:
        version = index_version(session)
        if version != self._version:
            with self._lock:
                if version != self._version:
                    if self._vocabulary is None or version[0] != self._terms_version:
                        self._vocabulary = TermVocabulary(vocabulary(session))
                        self._terms_version = version[0]
                    self._total = indexed_cases(session)
                    self._frequencies = {}
                    self._version = version
        assert self._vocabulary is not None
        return self._vocabulary, self._total

    def search(
        self,
        session: Session,
        topic: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
    ) -> list[CaseHit]:
        vocab, total = self._current(session)
        terms = query_terms(topic, vocab)
        weights: dict[str, float] = {}
        for term in terms:
            weights[term.term] = max(weights.get(term.term, 0.0), term.weight)
        hits = search(
            session, weights, filters=filters, limit=limit, total=total, known=self._frequencies
        )
        if not hits:
            return []
        ids = [h.case_id for h in hits]
        cases = {c.id: c for c in session.scalars(_cases(), {"ids": ids})}
        strong = _strong_cases(session, ids, terms)
        return [CaseHit(cases[h.case_id], h.score, h.case_id in strong) for h in hits]


_LONG_CASE_FIELDS = (Case.body, Case.kinds, Case.responsible, Case.links)


@functools.cache
def _cases() -> Select[tuple[Case]]:
    """The hits' cases with what an answer shows of them; not their long texts (body, the
    document's notes), which an answer never reads and loading them cost a third of it."""
    return (
        select(Case)
        .where(Case.id.in_(bindparam("ids", expanding=True)))
        .options(
            *(
                defer(c, raiseload=True)
                for c in (Case.body, Case.kinds, Case.responsible, Case.links)
            ),
            joinedload(Case.document).load_only(Document.name, raiseload=True),
            joinedload(Case.meeting).load_only(Meeting.date, raiseload=True),
        )
    )


def _strong_cases(session: Session, case_ids: list[int], terms: list[QueryTerm]) -> set[int]:
    wanted = {t.term for t in terms if t.source in _STRONG_SOURCES}
    if not wanted:
        return set()
    return cases_with_terms(session, case_ids, sorted(wanted))
