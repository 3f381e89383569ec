"""Folding chat text for matching, while keeping the way back to the user's own words.

Folded text is lower case, æ/ø/å become ae/o/a (so "nar er neste mote" and "når er neste
møte" read the same), "aa" becomes "a" ("naar"), other accents are dropped, and punctuation
becomes single spaces — except where it belongs to a word: hyphens in "LAR-avtalen", the dot
and slash in case numbers "2023.30" and "14/2022", the apostrophe in "what's". Every folded
character remembers the span of the original text it came from, so a slot can be cut out of
the original with the user's spelling and capitals intact.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

_LETTERS = MappingProxyType(
    {"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u", "ß": "ss"}
)
_DASHES = frozenset("-‐‑‒–—")
_APOSTROPHES = frozenset("'’ʼ´`")

# A bot mention at the start that the channel left in: Teams "<at>Referent</at>", Slack
# "<@U0123ABC>" or "<@U0123ABC|referent>", or plain "@Referent".
# Matched at a position (not on a sliced copy), so many mentions cost linear time.
_MENTION = re.compile(r"\s*(?:<at>[^<]*</at>|<@[^>\s]+>|@[\w.-]+)[\s,:;.!-]*")


def strip_mentions(text: str) -> str:
    start = 0
    while m := _MENTION.match(text, start):
        start = m.end()
    return text[start:]


@dataclass(frozen=True, slots=True)
class Folded:
    original: str
    text: str
    starts: tuple[int, ...]  # per folded character: where its source starts in `original`
    ends: tuple[int, ...]  # ... and where it ends (exclusive)

    def source(self, i: int, j: int) -> str:
        """The original text behind folded text[i:j]."""
        if j <= i:
            return ""
        return self.original[self.starts[i] : self.ends[j - 1]]


@functools.lru_cache(maxsize=1024)  # a chat's letters repeat: normalizing each is dear
def _fold_char(c: str) -> str:
    low = c.lower()
    if low in _LETTERS:
        return _LETTERS[low]
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch)
    )
    return plain or low


def fold(original: str) -> Folded:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    merged_a = False
    last = len(original) - 1
    for k, c in enumerate(original):
        if c.isalnum():
            out = _fold_char(c)
        elif c in _DASHES:
            near = (k > 0 and original[k - 1].isalnum()) or (k < last and original[k + 1].isalnum())
            out = "-" if near else " "
        elif c in "./":
            near = 0 < k < last and original[k - 1].isdigit() and original[k + 1].isdigit()
            out = c if near else " "
        elif c in _APOSTROPHES:
            near = 0 < k < last and original[k - 1].isalnum() and original[k + 1].isalnum()
            out = "'" if near else " "
        else:
            out = " "
        for ch in out:
            if ch == " " and (not chars or chars[-1] == " "):
                continue  # spaces run together
            if ch == "a" and chars and chars[-1] == "a" and not merged_a:
                ends[-1] = k + 1  # "aa" is how å is written without the key
                merged_a = True
                continue
            merged_a = False
            chars.append(ch)
            starts.append(k)
            ends.append(k + 1)
    while chars and chars[-1] == " ":
        chars.pop(), starts.pop(), ends.pop()
    return Folded(original, "".join(chars), tuple(starts), tuple(ends))


def fold_word(word: str) -> str:
    return fold(word).text


def fold_pattern(pattern: str) -> str:
    """A regular expression written with æøå, in the folded alphabet. Patterns are written in
    lower case and without "aa", so only the three letters need replacing."""
    return pattern.replace("æ", "ae").replace("ø", "o").replace("å", "a")


def within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


_WORD = re.compile(r"[a-z]+")


def correct_typos(
    folded: Folded,
    vocabulary: Iterable[str],
    respellings: Mapping[str, str] | None = None,
    min_length: int = 6,
) -> Folded:
    """Replace words one typing slip away from a key word ("bestem" -> "bestemt"), and words
    with a known other spelling ("moete" -> "mote", ø typed as oe).

    Only words of `min_length` letters or more, with the same first letter as the key word,
    that are not key words themselves; the replacement keeps pointing at the original word.
    """
    vocab = frozenset(vocabulary)
    ordered = sorted(vocab)  # once, not per word
    respellings = respellings or {}
    pieces: list[tuple[str, list[int], list[int]]] = []
    last = 0
    text = folded.text
    for m in _WORD.finditer(text):
        word = m.group(0)
        fix = respellings.get(word)
        if fix is None and (len(word) < min_length or word in vocab):
            continue
        fix = fix or next(
            (v for v in ordered if v[0] == word[0] and within_one_edit(word, v)), None
        )
        if fix is None:
            continue
        i, j = m.span()
        pieces.append((text[last:i], list(folded.starts[last:i]), list(folded.ends[last:i])))
        s, e = folded.starts[i], folded.ends[j - 1]
        pieces.append((fix, [s] * len(fix), [e] * len(fix)))
        last = j
    if not pieces:
        return folded
    pieces.append((text[last:], list(folded.starts[last:]), list(folded.ends[last:])))
    return Folded(
        folded.original,
        "".join(p[0] for p in pieces),
        tuple(x for p in pieces for x in p[1]),
        tuple(x for p in pieces for x in p[2]),
    )
