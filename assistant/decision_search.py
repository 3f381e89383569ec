"""Ranking cases for a topic: analysed query terms -> BM25 over the SQL postings."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass, field

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, defer, joinedload

from storage.database import Database
from storage.models import Case, Document, Meeting
from storage.search_index import (
    CaseRows,
    Filters,
    Hit,
    TermRow,
    collection_size,
    highest_score,
    idf,
    index_state,
    search,
    term_rows,
    terms_in_case,
    vocabulary,
)

from .search.analysis import QueryTerm, TermVocabulary, index_terms, query_terms
from .search.normalize import is_question_word, is_stopword, tokens

# Terms typed (or translated / expanded from what was typed) make a match "strong"; a case
# found only through a typo guess or a compound split is offered as a near match.
_STRONG_SOURCES = frozenset({"query", "glossary", "translation"})


@dataclass(frozen=True, slots=True)
class CaseHit:
    case: Case
    score: float
    strong: bool


@dataclass(frozen=True, slots=True)
class Ranked:
    """A search's ranking before its cases are loaded: enough to compare it with another."""

    hits: list[Hit]

    def strongest(self) -> float:
        """The best score of a strong match; 0 when there is none."""
        return max((h.score for h in self.hits if h.strong), default=0.0)


@dataclass(frozen=True, slots=True)
class _Index:
    """What a search needs to know of the whole index, as of one index version."""

    version: tuple[int, int, int]
    vocabulary: TermVocabulary
    total: int  # cases indexed
    tenants: tuple[str | None, str | None]  # the cases' lowest and highest tenant
    # term -> its id and document frequency, filled as terms are asked
    frequencies: dict[str, TermRow] = field(default_factory=dict)
    case_rows: CaseRows | None = None  # candidates' postings as read, if kept


class StaleIndex(Exception):
    """The index moved since this process loaded its snapshot of it (or none is loaded)."""


class DecisionSearch:
    """One per process: keeps the term vocabulary, the number of indexed cases and the
    terms' document frequencies in memory, and reloads them when cases or terms were added
    (ids only grow, so their maxima are a cheap version).

    `refresh` brings them up to date before a search: asynchronously, so no thread lock is
    held while the database is asked (on PostgreSQL the searches run on the event loop's
    thread, where a lock held across a query froze the server), and the vocabulary is built
    in a worker thread (tens of milliseconds of CPU on a large index). A search then reads
    one immutable snapshot, whatever thread it runs in."""

    def __init__(self, *, keep_rows: bool = True) -> None:
        """`keep_rows`: keep the candidates' rows of postings between searches (`CaseRows`);
        a benchmark that repeats its questions turns it off to measure reading them."""
        self._index: _Index | None = None
        self._keep_rows = keep_rows
        self._refreshing: asyncio.Lock | None = None

    async def refresh(self, db: Database) -> None:
        state = await db.read(index_state)
        version = state.version
        if self._index is not None and self._index.version == version:
            return
        if self._refreshing is None:
            self._refreshing = asyncio.Lock()
        async with self._refreshing:  # one reload at a time; the others wait for it
            current = self._index
            if current is not None and current.version == version:
                return
            if current is not None and current.version[0] == version[0]:
                vocab = current.vocabulary  # no new terms: only the count of cases changed
                total = await db.read(collection_size)
            else:
                terms, total = await db.read(lambda s: (vocabulary(s), collection_size(s)))
                vocab = await asyncio.to_thread(TermVocabulary, terms)
            rows = CaseRows() if self._keep_rows else None
            self._index = _Index(version, vocab, total, state.tenants, case_rows=rows)

    def ensure_current(self, session: Session) -> None:
        """Raise StaleIndex unless the snapshot is the index `session` reads: checked in an
        answer's own session, so an answer while the index stands still reads once (the
        caller refreshes and asks again when it moved)."""
        index = self._index
        if index is None or index_state(session).version != index.version:
            raise StaleIndex

    def vocabulary(self) -> TermVocabulary | None:
        """The index's terms as of the snapshot (None before the first refresh)."""
        return self._index.vocabulary if self._index is not None else None

    def search(
        self,
        session: Session,
        topic: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
    ) -> list[CaseHit]:
        return self.cases(session, self.rank(session, topic, filters=filters, limit=limit))

    def rank(
        self,
        session: Session,
        topic: str,
        *,
        filters: Filters | None = None,
        limit: int = 10,
    ) -> Ranked:
        """The ranking `search` gives, without loading its cases (`cases` does)."""
        index = self._current()
        terms = query_terms(topic, index.vocabulary)
        hits = search(
            session,
            _weights(terms),
            filters=filters,
            limit=limit,
            total=index.total,
            known=index.frequencies,
            strong={t.term for t in terms if t.source in _STRONG_SOURCES},
            tenants=index.tenants,
            case_rows=index.case_rows,
        )
        return Ranked(hits)

    def highest(self, session: Session, topic: str) -> float:
        """At least the score of the best case `rank` could find for `topic`, whatever the
        filters: known without reading a posting, so a search need not be run to learn
        that nothing can beat a found match by far."""
        index = self._current()
        weights = _weights(query_terms(topic, index.vocabulary))
        return highest_score(session, weights, total=index.total, known=index.frequencies)

    def _current(self) -> _Index:
        if self._index is None:
            raise RuntimeError("DecisionSearch.refresh must run before the first search")
        return self._index

    def cases(self, session: Session, ranked: Ranked) -> list[CaseHit]:
        """The ranking's cases, with what an answer shows of them."""
        if not ranked.hits:
            return []
        ids = [h.case_id for h in ranked.hits]
        cases = {c.id: c for c in session.scalars(_cases(), {"ids": ids})}
        # (A case deleted since its postings were read is not among them.)
        return [
            CaseHit(cases[h.case_id], h.score, h.strong) for h in ranked.hits if h.case_id in cases
        ]

    def foreign(self, topic: str) -> tuple[int, int]:
        """(words of `topic` the minutes know nothing of, its content words): a word is
        known when it, a part of it or its translation is indexed."""
        index = self._current()
        said = content_words(topic)

        def found(words: str, source: str | None = None) -> set[str]:
            # Not by a typing slip: among several words, one that is only a slip away from
            # an indexed word ("blah" ~ "blad") was more likely not meant for the minutes.
            return {
                t.term
                for t in query_terms(words, index.vocabulary)
                if t.term in index.vocabulary and source in (None, t.source) and t.source != "typo"
            }

        alone = [found(w) for w in said]
        covered = [bool(terms) for terms in alone]
        # A word may be known only in a phrase with its neighbours ("long-term plan" is
        # "langtidsplan"): a translation of the phrase, not of its words one by one, counts
        # for each of its words.
        for width in (2, 3):
            for i in range(len(said) - width + 1):
                if all(covered[i : i + width]):
                    continue  # nothing for the phrase to add (most questions: every window)
                own = set().union(*alone[i : i + width])
                if found(" ".join(said[i : i + width]), "translation") - own:
                    covered[i : i + width] = [True] * width
        unknown = covered.count(False)
        return unknown, len(said)

    def coverage(self, session: Session, case_id: int, about: str, topic: str) -> Coverage:
        """How much of what `topic` says the case holds, in all its text and in `about` (its
        title and decision), weighing each typed word as the ranking does (rarer words weigh
        more). Words the index does not know at all count for nothing either way."""
        index = self._current()
        typed = sorted(
            {t.term for t in query_terms(topic, index.vocabulary) if t.source == "query"}
        )
        rows = term_rows(session, typed, index.frequencies)
        if not rows:
            return Coverage(0.0, 0.0, 0)
        weight = {t: idf(index.total, row.cases) for t, row in rows.items()}
        total = sum(weight.values())
        terms = {row.id: t for t, row in rows.items()}
        held = terms_in_case(session, case_id, terms, index.case_rows)
        named = set(index_terms(about)) & set(weight)
        return Coverage(
            sum(weight[t] for t in held) / total, sum(weight[t] for t in named) / total, len(rows)
        )


@dataclass(frozen=True, slots=True)
class Coverage:
    text: float  # share of the question's weight found anywhere in the case
    about: float  # … in what the case is about: its title and decision
    words: int  # the question's words that the index knows


def _weights(terms: list[QueryTerm]) -> dict[str, float]:
    """term -> its query weight: the highest of the ways the question reached it."""
    weights: dict[str, float] = {}
    for term in terms:
        weights[term.term] = max(weights.get(term.term, 0.0), term.weight)
    return weights


def content_words(topic: str) -> list[str]:
    """The words of `topic` that say something: not stopwords, not question words."""
    return [
        part
        for token in tokens(topic)
        for part in token.parts
        if not is_stopword(part.lower()) and not is_question_word(part.lower())
    ]


_LONG_CASE_FIELDS = (Case.body, Case.kinds, Case.responsible, Case.links)


@functools.cache
def _cases() -> Select[tuple[Case]]:
    """The hits' cases with what an answer shows of them; not their long texts (body, the
    document's notes), which an answer never reads and loading them cost a third of it."""
    return (
        select(Case)
        .where(Case.id.in_(bindparam("ids", expanding=True)))
        .options(
            *(defer(c, raiseload=True) for c in _LONG_CASE_FIELDS),
            joinedload(Case.document).load_only(Document.name, raiseload=True),
            joinedload(Case.meeting).load_only(Meeting.date, raiseload=True),
        )
    )
