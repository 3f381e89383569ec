"""Typo tolerance: vocabulary terms within a small edit distance of a query term.

Distance is the optimal string alignment distance (Levenshtein plus transposition of two
neighbouring letters, "Damerau-Levenshtein" as usually meant), computed by rapidfuzz.
`TermVocabulary` buckets its terms by length and by first and second letter, so a lookup
compares a term with a few thousand candidates instead of the whole vocabulary. The price:
a term whose first two letters are both wrong is not found ("cimpetanse" for "kompetanse").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol, runtime_checkable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_TYPO_WORD = 5  # shorter words as typed get no typo candidates ("plan" is not "plass")
MIN_CANDIDATE = 4  # nor are shorter terms offered as candidates


@runtime_checkable
class Vocabulary(Protocol):
    """The terms of an index."""

    def __contains__(self, term: str) -> bool: ...

    def terms(self) -> Iterable[str]:
        """All indexed terms, for typo candidates."""
        ...


def max_distance(word_length: int, term_length: int) -> int:
    """The edit distance allowed for a query word of `word_length` letters as typed (folded)
    whose term (stem) has `term_length` letters: 0 below 5 letters, 1 for 5-7, 2 from 8; and
    never more than a quarter of the term ("Ranveig" -> "ranv" allows 1, "kommunene" ->
    "kommun" allows 1)."""
    if word_length < MIN_TYPO_WORD:
        return 0
    allowed = 1 if word_length <= 7 else 2
    return min(allowed, term_length // 4)


class TermVocabulary:
    """A vocabulary of index terms with a fast lookup of similar terms.

    Build it once from the index (terms, or a mapping term -> document frequency, which breaks
    ties between equally distant candidates) and reuse it for every query. Immutable.
    """

    __slots__ = ("_buckets", "_counts")

    def __init__(self, terms: Iterable[str] | Mapping[str, int]) -> None:
        counts: dict[str, int] = {}
        if isinstance(terms, Mapping):
            counts = {t: int(n) for t, n in terms.items() if t}
        else:
            for t in terms:
                if t:
                    counts[t] = counts.get(t, 0) + 1
        buckets: dict[tuple[int, int, str], list[str]] = {}
        for t in counts:
            buckets.setdefault((len(t), 0, t[0]), []).append(t)
            if len(t) > 1:
                buckets.setdefault((len(t), 1, t[1]), []).append(t)
        self._counts = counts
        self._buckets = {key: tuple(sorted(value)) for key, value in buckets.items()}

    def __contains__(self, term: object) -> bool:
        return term in self._counts

    def __len__(self) -> int:
        return len(self._counts)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def terms(self) -> Iterable[str]:
        return self._counts.keys()

    def count(self, term: str) -> int:
        """How often the term was given (document frequency when built from documents)."""
        return self._counts.get(term, 0)

    def similar(self, term: str, max_distance: int, limit: int = 3) -> list[tuple[str, int]]:
        """Up to `limit` other terms within `max_distance` edits, as (term, distance), closest
        first, then the more frequent, then alphabetical.

        Only candidates that keep the first letter, or whose difference includes the first
        letter (wrong, missing, extra, or swapped with the second), are compared."""
        if max_distance <= 0 or len(term) < 2:
            return []
        found: dict[str, int] = {}
        for key in _bucket_keys(term, max_distance):
            bucket = self._buckets.get(key)
            if bucket:
                _collect(term, bucket, max_distance, found)
        found.pop(term, None)
        ranked = sorted(found.items(), key=lambda item: (item[1], -self.count(item[0]), item[0]))
        return ranked[:limit]


def _bucket_keys(term: str, d: int) -> dict[tuple[int, int, str], None]:
    """(length, letter position, letter) of the buckets that may hold a term's neighbours."""
    n, first, second = len(term), term[0], term[1]
    keys: dict[tuple[int, int, str], None] = {}

    def add(lengths: range, position: int, letter: str) -> None:
        for length in lengths:
            if length >= MIN_CANDIDATE:
                keys[(length, position, letter)] = None

    add(range(n - d, n + d + 1), 0, first)  # same first letter
    add(range(n - d + 1, n + d), 1, second)  # first letter wrong
    add(range(n + 2 - d, n + d + 1), 1, first)  # first letter missing
    add(range(n - d, n + d), 0, second)  # extra first letter, or the first two swapped
    return keys


def _collect(term: str, choices: tuple[str, ...], cutoff: int, found: dict[str, int]) -> None:
    for choice, distance, _ in process.extract(
        term, choices, scorer=OSA.distance, score_cutoff=cutoff, limit=None
    ):
        found[choice] = distance


def similar_terms(
    vocabulary: Vocabulary, term: str, max_distance: int, limit: int = 3
) -> list[tuple[str, int]]:
    """Similar terms from any vocabulary: fast for a TermVocabulary (or anything with the same
    `similar` method); otherwise a scan of `terms()`, fine for small vocabularies only."""
    similar = getattr(vocabulary, "similar", None)
    if callable(similar):
        return similar(term, max_distance, limit)
    if max_distance <= 0:
        return []
    choices = [
        t
        for t in vocabulary.terms()
        if len(t) >= MIN_CANDIDATE and abs(len(t) - len(term)) <= max_distance and t != term
    ]
    found: dict[str, int] = {}
    _collect(term, tuple(choices), max_distance, found)
    return sorted(found.items(), key=lambda item: (item[1], item[0]))[:limit]
