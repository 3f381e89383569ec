"""Acronym glossary and English -> Norwegian term table, both kept as data files.

- `assistant/data/glossary.tsv`: `ACRONYM<TAB>expansion[|alternative][<TAB>case]`.
- `assistant/data/bilingual.tsv`: `english phrase<TAB>norwegian phrase[|alternative]`.

Phrases are compared as sequences of analysed words (stopwords left out; Norwegian terms for
glossary expansions, English stems for the bilingual table), the longest phrase first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from assistant.search.normalize import (
    Token,
    data_lines,
    data_text,
    english_stem,
    is_stopword,
    term,
    tokens,
)

V = TypeVar("V")


# --- phrases ------------------------------------------------------------------------------


def phrase_sequences(
    toks: Sequence[Token],
    normalise: Callable[[str], str],
    keep: Callable[[str], bool] = lambda word: not is_stopword(word),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A text as two sequences of normalised words: with hyphen compounds as their parts
    ("sørøst", "norge") and as one joined word ("sørøstnorge"). Words failing `keep` (lower
    case) are left out."""
    split: list[str] = []
    joined: list[str] = []
    for token in toks:
        parts = [n for n in (normalise(p.lower()) for p in token.parts if keep(p.lower())) if n]
        split.extend(parts)
        whole = token.joined.lower() if token.joined is not None else ""
        if whole and keep(whole) and normalise(whole):
            joined.append(normalise(whole))
        else:
            joined.extend(parts)
    return tuple(split), tuple(joined)


def _phrase_keys(text: str, normalise: Callable[[str], str]) -> set[tuple[str, ...]]:
    """The keys a phrase is found under: joined form always; parts when no part was lost."""
    toks = tokens(text)
    split, joined = phrase_sequences(toks, normalise)
    keys = {joined} if joined else set()
    complete = all(t.joined is None or "".join(t.parts) == t.joined for t in toks)
    if split and complete:
        keys.add(split)
    return keys


def match_phrases(
    sequence: Sequence[str], index: Mapping[tuple[str, ...], V], longest: int
) -> list[V]:
    """Greedy left-to-right matching of phrases, the longest phrase at each position first."""
    found: list[V] = []
    i = 0
    while i < len(sequence):
        for n in range(min(longest, len(sequence) - i), 0, -1):
            value = index.get(tuple(sequence[i : i + n]))
            if value is not None:
                found.append(value)
                i += n
                break
        else:
            i += 1
    return found


# --- glossary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    acronym: str  # as usually written: "LAR", "SiV"
    expansions: tuple[str, ...]
    forms: frozenset[str] = frozenset()  # other written forms ("Hdir" for "HDIR")
    capitals_only: bool = False  # "fact" is a word; only "FACT" is the acronym

    @property
    def term(self) -> str:
        return term(self.acronym.lower())

    def written_as(self, word: str) -> bool:
        """Whether a word as written in a question is this acronym.

        Exactly as listed, in capitals, or (unless capitals_only) all lower case; never
        capitalised ("Siv" is a name, "Lar" a sentence start) and never with other letters
        ("lår", "klar", "lars").
        """
        if word == self.acronym or word in self.forms:
            return True
        if word.lower() != self.acronym.lower():
            return False
        if word.isupper():
            return True
        return word.islower() and not self.capitals_only


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    _by_word: Mapping[str, GlossaryEntry] = field(init=False, repr=False, compare=False)
    _by_phrase: Mapping[tuple[str, ...], GlossaryEntry] = field(
        init=False, repr=False, compare=False
    )
    _longest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_word = {e.acronym.lower(): e for e in self.entries}
        by_phrase: dict[tuple[str, ...], GlossaryEntry] = {}
        for entry in self.entries:
            for expansion in entry.expansions:
                for key in _phrase_keys(expansion, term):
                    by_phrase.setdefault(key, entry)
        object.__setattr__(self, "_by_word", MappingProxyType(by_word))
        object.__setattr__(self, "_by_phrase", MappingProxyType(by_phrase))
        object.__setattr__(self, "_longest", max((len(k) for k in by_phrase), default=0))

    def acronym(self, word: str) -> GlossaryEntry | None:
        """The entry a word as written stands for, if it is an acronym (see written_as)."""
        entry = self._by_word.get(word.lower())
        if entry is not None and entry.written_as(word):
            return entry
        return None

    def expanded_in(self, sequence: Sequence[str]) -> list[GlossaryEntry]:
        """Entries whose expansion occurs in a sequence of terms."""
        return match_phrases(sequence, self._by_phrase, self._longest)

    def expansion_of(self, sequence: Sequence[str]) -> GlossaryEntry | None:
        """The entry whose expansion is exactly this sequence of terms."""
        return self._by_phrase.get(tuple(sequence))


def parse_glossary(text: str, source: str = "glossary") -> list[GlossaryEntry]:
    entries = []
    for number, line in enumerate(data_lines(text), start=1):
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) < 2 or not columns[0] or not columns[1]:
            raise ValueError(f"{source}: line {number}: expected ACRONYM<TAB>expansion: {line!r}")
        flags = {f.strip().lower() for f in columns[2].split(",")} if len(columns) > 2 else set()
        expansions = tuple(e.strip() for e in columns[1].split("|") if e.strip())
        entries.append(GlossaryEntry(columns[0], expansions, capitals_only="case" in flags))
    return entries


def merge_glossary(entries: Iterable[GlossaryEntry]) -> Glossary:
    """One entry per acronym (case-insensitive): written forms and expansions are merged."""
    merged: dict[str, GlossaryEntry] = {}
    for entry in entries:
        key = entry.acronym.lower()
        old = merged.get(key)
        if old is None:
            merged[key] = entry
            continue
        expansions = old.expansions + tuple(e for e in entry.expansions if e not in old.expansions)
        forms = old.forms | entry.forms | ({entry.acronym} - {old.acronym})
        merged[key] = GlossaryEntry(
            old.acronym, expansions, frozenset(forms), old.capitals_only or entry.capitals_only
        )
    return Glossary(tuple(merged.values()))


@functools.cache
def default_glossary() -> Glossary:
    return merge_glossary(parse_glossary(data_text("glossary.tsv"), "glossary.tsv"))


def load_glossary(extra_path: Path | None = None) -> Glossary:
    """The shipped glossary, merged with a deployment's own file of the same format."""
    if extra_path is None:
        return default_glossary()
    extra = parse_glossary(Path(extra_path).read_text(encoding="utf-8"), str(extra_path))
    return merge_glossary([*default_glossary().entries, *extra])


# --- bilingual table ----------------------------------------------------------------------


@dataclass(frozen=True)
class BilingualTable:
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (english phrase, norwegian phrases)
    _by_phrase: Mapping[tuple[str, ...], tuple[str, ...]] = field(
        init=False, repr=False, compare=False
    )
    _longest: int = field(init=False, repr=False, compare=False)
    # The other way: Norwegian phrases (as index terms) -> English phrases, for Norwegian
    # questions over English minutes ("nordisk terminologisamarbeid", "Terminology nordic coop").
    _by_norwegian: Mapping[tuple[str, ...], tuple[str, ...]] = field(
        init=False, repr=False, compare=False
    )
    _longest_norwegian: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_phrase: dict[tuple[str, ...], tuple[str, ...]] = {}
        by_norwegian: dict[tuple[str, ...], tuple[str, ...]] = {}
        for english, norwegian in self.rows:
            for key in _phrase_keys(english, english_stem):
                old = by_phrase.get(key, ())
                by_phrase[key] = old + tuple(n for n in norwegian if n not in old)
            for phrase in norwegian:
                for key in _phrase_keys(phrase, term):
                    old = by_norwegian.get(key, ())
                    by_norwegian[key] = old + ((english,) if english not in old else ())
        object.__setattr__(self, "_by_phrase", MappingProxyType(by_phrase))
        object.__setattr__(self, "_longest", max((len(k) for k in by_phrase), default=0))
        object.__setattr__(self, "_by_norwegian", MappingProxyType(by_norwegian))
        longest = max((len(k) for k in by_norwegian), default=0)
        object.__setattr__(self, "_longest_norwegian", longest)

    def keys(self, english: str) -> set[tuple[str, ...]]:
        """The stem sequences an English phrase is matched by (empty: it never matches)."""
        return _phrase_keys(english, english_stem)

    def translations_in(self, sequence: Sequence[str]) -> list[tuple[str, ...]]:
        """Norwegian phrases for the English phrases in a sequence of English stems."""
        return match_phrases(sequence, self._by_phrase, self._longest)

    def english_in(self, sequence: Sequence[str]) -> list[tuple[str, ...]]:
        """English phrases for the Norwegian phrases in a sequence of index terms."""
        return match_phrases(sequence, self._by_norwegian, self._longest_norwegian)

    def translations_of(self, sequence: Sequence[str]) -> tuple[str, ...]:
        """Norwegian phrases for the English phrase that is exactly this sequence of stems."""
        return self._by_phrase.get(tuple(sequence), ())

    def english_of(self, sequence: Sequence[str]) -> tuple[str, ...]:
        """English phrases for the Norwegian phrase that is exactly this sequence of terms."""
        return self._by_norwegian.get(tuple(sequence), ())


def parse_bilingual(text: str, source: str = "bilingual") -> list[tuple[str, tuple[str, ...]]]:
    rows = []
    for number, line in enumerate(data_lines(text), start=1):
        columns = [c.strip() for c in line.split("\t")]
        if len(columns) != 2 or not columns[0] or not columns[1]:
            raise ValueError(f"{source}: line {number}: expected english<TAB>norwegian: {line!r}")
        rows.append((columns[0], tuple(n.strip() for n in columns[1].split("|") if n.strip())))
    return rows


@functools.cache
def default_bilingual() -> BilingualTable:
    return BilingualTable(tuple(parse_bilingual(data_text("bilingual.tsv"), "bilingual.tsv")))


def load_bilingual(extra_path: Path | None = None) -> BilingualTable:
    """The shipped English -> Norwegian table, extended by a deployment's own file."""
    if extra_path is None:
        return default_bilingual()
    extra = parse_bilingual(Path(extra_path).read_text(encoding="utf-8"), str(extra_path))
    return BilingualTable((*default_bilingual().rows, *extra))
