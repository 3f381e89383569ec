"""Does a short text speak of a question's topic? For narrowing a list that is already
chosen ("mine oppgaver om LAR", "tasks about the budget"), where ranking is not wanted: a
task's few words either say the topic or they do not.

A text holds the topic when it holds every word of it, or a phrase of the glossary or the
bilingual table that stands for some of the words together. A word is held by its own term
(its inflections, a spelling without diacritics, typos near an indexed term) or by one of its
glossary expansions or translations in full: "LAR" by "LAR-pasienter" or by "legemiddel-
assistert rehabilitering", not by "rehabilitering" alone; "budget" by "budsjettet"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.search.analysis import Vocabulary, index_terms, phrase_terms, query_terms
from assistant.search.glossary import (
    BilingualTable,
    Glossary,
    default_bilingual,
    default_glossary,
)
from assistant.search.normalize import english_stem, is_question_word, is_stopword, term, tokens

_OWN_SOURCES = frozenset({"query", "typo"})
_LONGEST_PHRASE = 4  # words; the tables' phrases are shorter


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """The topic's words, each with the sets of terms that say it ("readings"); `spans`
    holds readings of several neighbouring words together (from, to, readings)."""

    words: tuple[tuple[frozenset[str], ...], ...]
    spans: tuple[tuple[int, int, tuple[frozenset[str], ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words)

    def held_by(self, text: str) -> bool:
        """Whether `text` speaks of the topic (always, for a topic without words)."""
        if not self.words:
            return True
        held = set(index_terms(text))

        def says(readings: Iterable[frozenset[str]]) -> bool:
            return any(r <= held for r in readings)

        # covered[i]: the words from i on are all held, alone or within a held span.
        covered = [False] * len(self.words) + [True]
        for i in range(len(self.words) - 1, -1, -1):
            covered[i] = covered[i + 1] and says(self.words[i])
            if not covered[i]:
                covered[i] = any(
                    covered[end] and says(readings)
                    for start, end, readings in self.spans
                    if start == i
                )
        return covered[0]


def topic_match(
    topic: str,
    vocabulary: Vocabulary | None = None,
    *,
    glossary: Glossary | None = None,
    bilingual: BilingualTable | None = None,
) -> TopicMatch:
    """The readings of `topic`'s words that say something (stopwords and question words
    left out). With `vocabulary` (the index's terms), typos reach the closest indexed
    terms, as the search's do."""
    glossary = glossary if glossary is not None else default_glossary()
    bilingual = bilingual if bilingual is not None else default_bilingual()
    written = [
        part
        for token in tokens(topic)
        for part in token.parts
        if not is_stopword(part.lower()) and not is_question_word(part.lower())
    ]
    norwegian = [term(w.lower()) for w in written]
    english = [english_stem(w.lower()) for w in written]
    words = []
    for w, nb, en in zip(written, norwegian, english, strict=True):
        readings = {
            frozenset({t.term})
            for t in query_terms(w, vocabulary, glossary=glossary, bilingual=bilingual)
            if t.source in _OWN_SOURCES
        }
        if (entry := glossary.acronym(w)) is not None:
            readings.update(_phrase_reading(e) for e in entry.expansions)
        readings.update(_readings(bilingual.translations_of([en]) + bilingual.english_of([nb])))
        readings.discard(frozenset())
        words.append(tuple(readings))
    spans = []
    for start in range(len(written)):
        for end in range(start + 2, min(len(written), start + _LONGEST_PHRASE) + 1):
            readings = _readings(
                bilingual.translations_of(english[start:end])
                + bilingual.english_of(norwegian[start:end])
            )
            if (entry := glossary.expansion_of(norwegian[start:end])) is not None:
                readings.add(frozenset({entry.term}))
            readings.discard(frozenset())
            if readings:
                spans.append((start, end, tuple(readings)))
    return TopicMatch(tuple(words), tuple(spans))


def _readings(phrases: Iterable[str]) -> set[frozenset[str]]:
    return {_phrase_reading(p) for p in phrases}


def _phrase_reading(phrase: str) -> frozenset[str]:
    """A phrase's terms, without the parts of its compounds: all must be there."""
    return frozenset(t for t, is_part in phrase_terms(phrase) if not is_part)
