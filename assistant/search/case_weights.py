"""A case's search-index postings: its terms and their BM25 weights. Pure text analysis,
so an import works them out in its parse workers, which load no database code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from .analysis import index_terms

# BM25 parameters. Document length is normalised against a fixed average so stored weights
# need no rewrite as the collection grows; case texts are of similar length everywhere.
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 120.0
# A word in the title or the decision says more about what a case is than one in the body.
FIELD_BOOSTS = (("title", 3.0), ("decision", 2.0), ("proposal", 1.5), ("body", 1.0))


class CaseText(Protocol):
    title: str
    body: str
    decision: str | None
    proposal: str | None


def bm25_weights(term_counts: Mapping[str, float], length: float) -> dict[str, float]:
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    k1_plus_1 = K1 + 1
    return {term: tf * k1_plus_1 / (tf + norm) for term, tf in term_counts.items()}


def case_weights(case: CaseText) -> dict[str, float]:
    counts: dict[str, float] = {}
    get = counts.get  # a plain dict: a Counter's missing key costs a call of __missing__
    length = 0
    for field, boost in FIELD_BOOSTS:
        terms = index_terms(getattr(case, field) or "")
        length += len(terms)
        # Counted in C, then boosted: n × boost is the sum of n boosts exactly (the boosts
        # are halves and wholes).
        for term, n in Counter(terms).items():
            counts[term] = get(term, 0) + n * boost
    return bm25_weights(counts, float(max(length, 1)))


class Text(NamedTuple):
    """A case's text as the index reads it: what a worker process is sent."""

    id: int
    title: str
    body: str
    decision: str | None
    proposal: str | None


def weights_of(texts: Iterable[Text]) -> dict[int, dict[str, float]]:
    """case id -> `case_weights`, for a batch of cases (a rebuild's worker processes)."""
    return {text.id: case_weights(text) for text in texts}
