"""Norwegian compounds: split "kompetansesamarbeid", join "kompetanse samarbeid".

Two sources of knowledge:
- the static list `assistant/data/compound_parts.txt` (used at index time, and at query time
  when there is no vocabulary): a word splits into HEAD + TAIL when the tail is a listed part
  in some inflected form and the head is a listed part or at least 6 letters long;
- a vocabulary of indexed terms (query time): a split is good when both parts' terms are in it.

Parts are at least 4 letters, so "samarbeid" never splits into "sam" + "arbeid". A linking
"s" or "e" between the parts is allowed ("arbeid-s-gruppe", "hjelp-e-plasser").
All functions take lower-case, unfolded words and return words (not terms).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from assistant.search.normalize import data_lines, data_text, fold, is_stopword, term

MIN_PART = 4  # letters in each part of a compound
MIN_UNKNOWN_HEAD = 6  # letters in a head that is not a listed part
MAX_DEPTH = 3  # parts of parts of parts
# Longer "words" are not split: real compounds are far shorter, and trying every cut of a
# 19 MB run of letters took minutes (each cut copies the tail).
MAX_SPLIT_LETTERS = 64

# Inflection endings after a listed base form ("plass-er", "møte-ne", "avtal-en", "kommunal-e").
_ENDINGS = frozenset(
    {
        "",
        "a",
        "e",
        "n",
        "r",
        "s",
        "t",
        "ar",
        "as",
        "en",
        "er",
        "es",
        "et",
        "ne",
        "ns",
        "rs",
        "ts",
        "ane",
        "ene",
        "ens",
        "ere",
        "ers",
        "ets",
        "nes",
        "enes",
    }
)
_MAX_ENDING = max(len(e) for e in _ENDINGS)
_VOWELS = frozenset("aeiouyæøåéèêäöü")
# A head ending in one of these takes a linking "s": "handling-s-plan", "arbeid-s-gruppe".
_S_LINKERS = ("ing", "het", "sjon", "skap", "dom", "tet", "ment", "nad", "arbeid")


@dataclass(frozen=True, slots=True)
class CompoundParts:
    bases: frozenset[str]  # listed base forms, also folded
    stems: frozenset[str]  # bases without a final "e" ("avtal" for "avtal-en")
    never_split: frozenset[str]


@functools.cache
def compound_parts() -> CompoundParts:
    bases: set[str] = set()
    never: set[str] = set()
    for line in data_lines(data_text("compound_parts.txt")):
        word = line.strip().lower()
        if word.startswith("!"):
            never.add(word[1:])
        elif len(word) >= MIN_PART:
            bases.add(word)
    # Also as typed without diacritics: "oppfolging" is "oppfølging".
    bases |= {fold(b) for b in bases if len(fold(b)) >= MIN_PART}
    stems = {b[:-1] for b in bases if b.endswith("e") and len(b) > MIN_PART}
    return CompoundParts(frozenset(bases), frozenset(stems), frozenset(never))


def is_known_part(word: str) -> bool:
    """A listed part in its base form or with an inflection ending ("plasser", "gruppene")."""
    parts = compound_parts()
    for cut in range(max(MIN_PART, len(word) - _MAX_ENDING), len(word) + 1):
        if word[cut:] not in _ENDINGS:
            continue
        stem = word[:cut]
        if stem in parts.bases or stem in parts.stems:
            return True
        # A doubled final consonant before an ending: "programm-et", "team-et".
        if cut < len(word) and stem[-1] == stem[-2] and stem[:-1] in parts.bases:
            return True
    return False


def _head_forms(head: str) -> tuple[str, ...]:
    """The head as written and without a linking "s"/"e", longest first, each >= 4 letters."""
    forms = [head]
    if head[-1] in "se" and len(head) > MIN_PART:
        forms.append(head[:-1])
    return tuple(forms)


def _plausible_word(word: str) -> bool:
    return any(c in _VOWELS for c in word) and not is_stopword(word)


@functools.lru_cache(maxsize=1 << 18)
def static_split(word: str) -> tuple[str, str] | None:
    """The best HEAD, TAIL split of a word by the static list, or None.

    The tail must be a listed part; the head (without a linking letter) a listed part or at
    least 6 letters. Preferred: a listed head, then the longest tail.
    """
    if not 2 * MIN_PART <= len(word) <= MAX_SPLIT_LETTERS or not word.isalpha():
        return None
    if word in compound_parts().never_split:
        return None
    best: tuple[tuple[bool, int], tuple[str, str]] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[cut:]
        if not is_known_part(tail):
            continue
        head = _static_head(word[:cut])
        if head is None:
            continue
        score = (is_known_part(head) or head in compound_parts().bases, len(tail))
        if best is None or score > best[0]:
            best = (score, (head, tail))
    return best[1] if best else None


def _static_head(head: str) -> str | None:
    forms = _head_forms(head)
    for form in forms:
        if form in compound_parts().bases:
            return form
    for form in forms:
        if is_known_part(form):
            return form
    # Not a listed part: long enough, a word, and a linking "s" only after a typical ending.
    if len(head) > MIN_UNKNOWN_HEAD and head.endswith("s") and head[:-1].endswith(_S_LINKERS):
        head = head[:-1]
    if len(head) >= MIN_UNKNOWN_HEAD and _plausible_word(head):
        return head
    return None


@functools.lru_cache(maxsize=1 << 18)
def static_parts(word: str) -> tuple[str, ...]:
    """All parts of a compound by the static list, recursively, left to right (may be empty).

    "kommunehelsetjenesten" -> ("kommunehelse", "kommune", "helse", "tjenesten").
    """
    return _static_parts(word, MAX_DEPTH)


def _static_parts(word: str, depth: int) -> tuple[str, ...]:
    if depth == 0:
        return ()
    split = static_split(word)
    if split is None:
        return ()
    head, tail = split
    return (
        head,
        *_static_parts(head, depth - 1),
        tail,
        *_static_parts(tail, depth - 1),
    )


def vocabulary_split(word: str, contains: Callable[[str], bool]) -> tuple[str, str] | None:
    """The best HEAD, TAIL split whose terms are both in a vocabulary, or None.

    Each part >= 4 letters, the head with or without a linking "s"/"e". Preferred: both parts
    listed in the static list, then the most even split (longest shorter part).
    """
    if not 2 * MIN_PART <= len(word) <= MAX_SPLIT_LETTERS or not word.isalpha():
        return None
    best: tuple[tuple[bool, int], tuple[str, str]] | None = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = word[cut:]
        tail_term = term(tail)
        if not tail_term or not contains(tail_term):
            continue
        for head in _head_forms(word[:cut]):
            head_term = term(head)
            if len(head) < MIN_PART or not head_term or not contains(head_term):
                continue
            if is_stopword(head) or is_stopword(tail):
                continue
            listed = is_known_part(head) and is_known_part(tail)
            score = (listed, min(len(head), len(tail)))
            if best is None or score > best[0]:
                best = (score, (head, tail))
    return best[1] if best else None


def join_forms(first: str, second: str) -> tuple[str, ...]:
    """Ways two words may be written as one: "kompetanse"+"samarbeid", "arbeid"+"s"+"gruppe"."""
    if len(first) < MIN_PART or len(second) < MIN_PART:
        return ()
    if not (first.isalpha() and second.isalpha()):
        return ()
    forms = [first + second]
    if first[-1] not in "se":
        forms.append(first + "s" + second)
    if first[-1] not in _VOWELS:
        forms.append(first + "e" + second)
    return tuple(forms)


def likely_join(first: str, second: str) -> tuple[str, ...]:
    """Without a vocabulary: the one joined form two listed parts would take, if both are
    listed ("kompetanse" + "samarbeid" -> "kompetansesamarbeid", "handling" + "plan" ->
    "handlingsplan"). Unlisted words are not joined: nothing says the compound exists."""
    if len(first) < MIN_PART or len(second) < MIN_PART:
        return ()
    if not (is_known_part(first) and is_known_part(second)):
        return ()
    return (first + "s" + second if first.endswith(_S_LINKERS) else first + second,)
