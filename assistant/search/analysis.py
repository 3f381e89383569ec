"""Text analysis for decision search: the same terms at index time and at query time.

    index_terms(text)               -> terms of a case text, repeated as often as they occur
    query_terms(topic, vocabulary)  -> weighted terms of a question's topic

A term is a Norwegian Snowball stem, folded to a-z0-9 ("Øyeblikkelig" -> "oyeblikk").
Index text: words (see `words`) -> drop stopwords -> stem -> fold, plus the parts of
compounds known from the static list ("kompetansesamarbeid" -> kompetansesamarbeid,
kompetans, samarbeid). Query topic: the same for its own words (weight 1.0), and expansions:

    source        weight  what
    query         1.0     the topic's own words, and its hyphen compounds joined
    translation   0.8     English phrases in Norwegian (bilingual.tsv)
    glossary      0.7     acronym -> expansion, and expansion -> acronym (glossary.tsv)
    compound      0.6     parts of a compound, or two words written as one (0.4 when the word
                          itself is in the vocabulary; x0.8/x0.7 for parts of expansions)
    typo          0.5     vocabulary terms one edit away (0.4 for two edits)

A term reached in several ways keeps its highest weight. No database: the vocabulary, when
given, is anything with `in` and `terms()`; `TermVocabulary` does typo lookups fast.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from assistant.search import compounds
from assistant.search.glossary import (
    BilingualTable,
    Glossary,
    default_bilingual,
    default_glossary,
    phrase_sequences,
)
from assistant.search.normalize import (
    Token,
    data_text,
    english_stem,
    fold,
    is_question_word,
    is_stopword,
    raw_words,
    term,
    token_of,
    tokens,
    words,
)
from assistant.search.typos import (
    TermVocabulary,
    Vocabulary,
    max_distance,
    similar_terms,
)

__all__ = [
    "QueryTerm",
    "TermVocabulary",
    "Vocabulary",
    "analysis_fingerprint",
    "fold",
    "index_terms",
    "query_terms",
    "vocabulary_from_texts",
    "words",
]

# Bump when a code change changes the terms of some text (the index must then be rebuilt).
ANALYSIS_VERSION = 1

QUERY = 1.0
TRANSLATION = 0.8
GLOSSARY = 0.7
COMPOUND = 0.6
COMPOUND_KNOWN = 0.4  # the parts of a word that is itself in the vocabulary
TYPO = (0.5, 0.4)  # one edit, two edits
TYPO_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class QueryTerm:
    term: str
    weight: float
    source: str  # "query" | "glossary" | "translation" | "compound" | "typo"


# --- index --------------------------------------------------------------------------------


def index_terms(text: str) -> list[str]:
    """The terms of a text, in order, repeated as often as they occur (tf matters).

    Each word gives its term and the terms of its compound parts (static list); a hyphen
    compound gives its parts' terms and the joined word's term.
    """
    # in C: the cached terms of each word, chained (most words are cache hits)
    return list(chain.from_iterable(map(_raw_terms, raw_words(text))))


@functools.lru_cache(maxsize=1 << 19)
def _raw_terms(raw: str) -> tuple[str, ...]:
    """The terms of one of `raw_words`, as written (not lower-cased first): cached, so a
    text costs one lookup per word it has seen before (the analysis is most of a rebuild's
    CPU, and of an import's parsing)."""
    if raw.isalpha():  # fast path for the common case, same result as token_of
        return _word_terms(raw.lower()) if len(raw) > 1 else ()
    token = token_of(raw)
    if token is None:
        return ()
    found = [t for part in token.parts for t in _word_terms(part.lower())]
    if token.joined is not None:
        joined = term(token.joined.lower())
        if joined:
            found.append(joined)
    return tuple(found)


@functools.lru_cache(maxsize=1 << 19)
def _word_terms(word: str) -> tuple[str, ...]:
    """Term and compound-part terms of one lower-case word; () for a stopword. Cached: a
    corpus costs one lookup per word after its first occurrence."""
    if is_stopword(word):
        return ()
    whole = term(word)
    if not whole:
        return ()
    parts = (term(p) for p in compounds.static_parts(word))
    return (whole, *(p for p in parts if p and p != whole))


@functools.cache
def analysis_fingerprint() -> str:
    """Identifies what `index_terms` does: the code version, the stemmer's version and the data
    files it reads (stopwords, compound parts). Store it with the index and rebuild the index
    when it changes; the glossary and the bilingual table affect queries only."""
    digest = hashlib.sha256(str(ANALYSIS_VERSION).encode())
    digest.update(importlib.metadata.version("snowballstemmer").encode())
    for name in ("stopwords.txt", "compound_parts.txt"):
        digest.update(data_text(name).encode())
    return f"{ANALYSIS_VERSION}-{digest.hexdigest()[:16]}"


def vocabulary_from_texts(texts: Iterable[str]) -> TermVocabulary:
    """A TermVocabulary of the index terms of some texts, with document frequencies."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(index_terms(text)):
            df[t] = df.get(t, 0) + 1
    return TermVocabulary(df)


# --- query --------------------------------------------------------------------------------


class _Terms:
    """Collects query terms; a term keeps its highest weight (first source on a tie)."""

    def __init__(self) -> None:
        self._best: dict[str, QueryTerm] = {}

    def add(self, t: str, weight: float, source: str) -> None:
        if not t:
            return
        old = self._best.get(t)
        if old is None or weight > old.weight:
            self._best[t] = QueryTerm(t, round(weight, 4), source)

    def result(self) -> list[QueryTerm]:
        return sorted(self._best.values(), key=lambda q: -q.weight)


@dataclass(frozen=True, slots=True)
class _Word:
    written: str
    lower: str
    token: int  # index of its token: words of one hyphen compound share it


def query_terms(
    question_topic: str,
    vocabulary: Vocabulary | None = None,
    *,
    glossary: Glossary | None = None,
    bilingual: BilingualTable | None = None,
) -> list[QueryTerm]:
    """Weighted terms for the topic of a question ("LAR", "digital home monitoring").

    Highest weight first. The whole question may be passed: stopwords and question words
    ("hva ble bestemt om", "what was decided about the") are dropped; question nouns
    ("vedtak", "decisions") only when there is something else to search for. A topic of
    stopwords only gives []. With a `vocabulary` of the index's terms, compounds are split
    and joined by what the index contains and typos reach the closest indexed terms; without
    one, compounds use the static list and there is no typo tolerance.
    """
    glossary = glossary if glossary is not None else default_glossary()
    bilingual = bilingual if bilingual is not None else default_bilingual()
    toks = tokens(question_topic)
    all_words = [_Word(p, p.lower(), i) for i, tok in enumerate(toks) for p in tok.parts]
    kept = [not is_stopword(w.lower) for w in all_words]
    if any(k and not is_question_word(w.lower) for w, k in zip(all_words, kept, strict=True)):
        kept = [k and not is_question_word(w.lower) for w, k in zip(all_words, kept, strict=True)]
    kept_toks = _kept_tokens(toks, all_words, kept)

    out = _Terms()
    for w, k in zip(all_words, kept, strict=True):
        if k:
            _add_word(out, w.lower, vocabulary)
    for tok in kept_toks:
        if tok.joined is not None:
            out.add(term(tok.joined.lower()), QUERY, "query")
    _add_joins(out, all_words, kept, vocabulary)

    # Acronyms as written, and expansions found in the topic.
    for w in all_words:
        entry = glossary.acronym(w.written)
        if entry is not None and (w.written != w.lower or not is_stopword(w.lower)):
            for expansion in entry.expansions:
                _add_phrase(out, expansion, GLOSSARY, "glossary")
    for sequence in set(phrase_sequences(kept_toks, term, keep=lambda _: True)):
        for entry in glossary.expanded_in(sequence):
            out.add(entry.term, GLOSSARY, "glossary")
            for expansion in entry.expansions:
                _add_phrase(out, expansion, GLOSSARY, "glossary")

    # English phrases.
    for sequence in set(phrase_sequences(kept_toks, english_stem, keep=lambda _: True)):
        for norwegian in bilingual.translations_in(sequence):
            for phrase in norwegian:
                _add_phrase(out, phrase, TRANSLATION, "translation")
    # Norwegian phrases, for minutes written in English; a compound's parts each on their own
    # ("terminologisamarbeidet": terminologi, samarbeid).
    # Question nouns ("vedtak", "beslutning") frame a Norwegian question: not translated.
    parts = {(t.term,) for t in out.result() if t.source == "compound"}
    asked = [t for t in kept_toks if not all(is_question_word(p.lower()) for p in t.parts)]
    for sequence in set(phrase_sequences(asked, term, keep=lambda _: True)):
        for english in bilingual.english_in(sequence):
            for phrase in english:
                _add_phrase(out, phrase, TRANSLATION, "translation")
    for sequence in parts:
        for english in bilingual.english_in(sequence):
            for phrase in english:
                _add_phrase(out, phrase, COMPOUND, "compound")
    return out.result()


def _add_word(out: _Terms, word: str, vocabulary: Vocabulary | None) -> None:
    whole = term(word)
    if not whole:
        return
    out.add(whole, QUERY, "query")
    if vocabulary is None:
        for part in compounds.static_parts(word):
            out.add(term(part), COMPOUND, "compound")
        return
    folded = fold(word)
    if whole not in vocabulary and folded != whole and folded in vocabulary:
        # Typed without diacritics and so stemmed differently: "foreslar" is how "foreslår"
        # was indexed, though "foreslar" itself stems to "foresl".
        whole = folded
        out.add(whole, QUERY, "query")
    if whole in vocabulary:
        # A known word: only the splits the static list vouches for ("fastlege" is not "fast").
        for part in compounds.static_parts(word):
            out.add(term(part), COMPOUND_KNOWN, "compound")
        return
    split = compounds.vocabulary_split(word, vocabulary.__contains__)
    parts = split if split is not None else compounds.static_parts(word)
    for part in parts:
        out.add(term(part), COMPOUND, "compound")
    for candidate, edits in _typo_candidates(word, whole, vocabulary):
        out.add(candidate, TYPO[min(edits, 2) - 1], "typo")


def _typo_candidates(word: str, whole: str, vocabulary: Vocabulary) -> list[tuple[str, int]]:
    """Indexed terms close to a word's term, or else to the word itself: a typo near the end
    can change what the stemmer strips ("budsjet" -> "budsj", but "budsjet" ~ "budsjett")."""
    folded = fold(word)
    distance = max_distance(len(folded), len(whole))
    if distance == 0:
        return []
    found = dict(similar_terms(vocabulary, whole, distance, TYPO_CANDIDATES))
    if not found and folded != whole:
        unstemmed = max_distance(len(folded), len(folded))
        for candidate, edits in similar_terms(vocabulary, folded, unstemmed, TYPO_CANDIDATES):
            if candidate != whole and edits < found.get(candidate, unstemmed + 1):
                found[candidate] = edits
    ranked = sorted(found.items(), key=lambda item: (item[1], item[0]))
    return ranked[:TYPO_CANDIDATES]


def _add_joins(
    out: _Terms, all_words: list[_Word], kept: list[bool], vocabulary: Vocabulary | None
) -> None:
    """Two neighbouring words that may be one compound: "kompetanse samarbeid"."""
    for i in range(len(all_words) - 1):
        first, second = all_words[i], all_words[i + 1]
        if not (kept[i] and kept[i + 1]) or first.token == second.token:
            continue
        if vocabulary is None:
            for form in compounds.likely_join(first.lower, second.lower):
                out.add(term(form), COMPOUND, "compound")
            continue
        for form in compounds.join_forms(first.lower, second.lower):
            joined = term(form)
            if joined and joined in vocabulary:
                out.add(joined, COMPOUND, "compound")


def _add_phrase(out: _Terms, phrase: str, weight: float, source: str) -> None:
    for t, is_part in phrase_terms(phrase):
        if is_part:
            out.add(t, weight * COMPOUND, "compound")
        else:
            out.add(t, weight, source)


def phrase_terms(phrase: str) -> Iterator[tuple[str, bool]]:
    """Terms of a glossary or translation phrase: (term, is a compound part)."""
    for token in tokens(phrase):
        for part in token.parts:
            for n, t in enumerate(_word_terms(part.lower())):
                yield t, n > 0
        if token.joined is not None:
            yield term(token.joined.lower()), False


def _kept_tokens(toks: list[Token], all_words: list[_Word], kept: list[bool]) -> list[Token]:
    """The tokens with only their kept words (a compound keeps its joined form if whole)."""
    parts_of: list[list[str]] = [[] for _ in toks]
    for w, k in zip(all_words, kept, strict=True):
        if k:
            parts_of[w.token].append(w.written)
    out: list[Token] = []
    for tok, parts in zip(toks, parts_of, strict=True):
        if parts:
            joined = tok.joined if len(parts) == len(tok.parts) else None
            out.append(Token(tuple(parts), joined))
    return out
