"""Where an agenda entry is treated when the notes are a list rather than headings:

    ## Agenda                                   ## Minutes
    - Figure out regular meeting cadence        - Figuring out meeting cadence
    - Plan process for announcement blog post       - Ryan: Initial proposal of 1/week …
                                                - Eric Huss: Three things expected today …
                                                    - Ryan: Blog post posting - let's move
                                                      this to an async discussion?

An entry's treatment is the list line of the notes (at any depth) that names it: one that shares
at least two of the entry's own words (words no other entry has), or reads like the entry
written again. A line can treat one entry only; when several fit, the one the entry's words
make up most of ("Blog post posting …", not "Three things expected today - merge RFC, …, post
blog post"). The treatment is that line with what stands under it, up to the next line at its
depth or above, the next heading, or the next entry's treatment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .model import Line

_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*•+]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
# "Ryan: …", "Eric Huss: …", "Jack (PD): …": who speaks is not what the line is about.
_SPEAKER = re.compile(
    r"^[A-ZÆØÅÄÖ][\w.'’-]{0,20}(?:\s+[A-ZÆØÅÄÖ][\w.'’-]{0,20}){0,2}\s*(?:\([^)]{0,30}\))?:\s+"
)
_LINK = re.compile(r"\]\([^)\s]{0,2000}\)|https?://\S+")
_WORD = re.compile(r"[^\W_]{3,}")
_STOP = frozenset({
    "the", "and", "for", "with", "this", "that", "are", "was", "were", "how", "what", "who",
    "can", "our", "its", "has", "not", "but", "all", "any", "from", "into", "about", "will",
    "som", "med", "til", "det", "den", "har", "ikke", "och", "att", "för",
})  # fmt: skip
_OWN_WORDS = 2
_SAME = 85  # fuzz.ratio of an entry and a line that writes it again ("Check-in", "Check in")


@dataclass(slots=True)
class _Item:
    index: int
    depth: int
    text: str
    words: frozenset[str]


def _words(text: str) -> frozenset[str]:
    text = _LINK.sub(" ", text).lower()
    return frozenset(w[:5] for w in _WORD.findall(text) if w not in _STOP)


def _plain(text: str) -> str:
    return " ".join(_LINK.sub(" ", _SPEAKER.sub("", text.strip())).lower().split())


def _list_lines(lines: list[Line], start: int, skip: set[int]) -> list[_Item]:
    found = []
    for i in range(start, len(lines)):
        if i in skip or lines[i].heading:
            continue
        m = _BULLET.match(lines[i].text)
        if m:
            text = _SPEAKER.sub("", m["text"])
            depth = len(m["indent"].expandtabs(4))
            found.append(_Item(i, depth, text, _words(text)))
    return found


def list_treatments(
    titles: list[str], lines: list[Line], start: int, skip: set[int]
) -> list[list[Line] | None]:
    """For each agenda entry (by title), the lines of the notes' list that treat it, or None.
    `start`: where the notes begin (after the agenda)."""
    items = _list_lines(lines, start, skip)
    if not items:
        return [None] * len(titles)
    entries = [_words(_SPEAKER.sub("", t)) for t in titles]
    own = [e - frozenset().union(*(x for j, x in enumerate(entries) if j != k)) for k, e in
           enumerate(entries)]  # fmt: skip
    plain_items = [_plain(item.text) for item in items]
    pairs = []
    for k, title in enumerate(titles):
        plain_title = _plain(title)
        for n, item in enumerate(items):
            shared = item.words & own[k]
            same = fuzz.ratio(plain_title, plain_items[n], score_cutoff=_SAME) >= _SAME
            if len(shared) >= _OWN_WORDS or same:
                share = len(item.words & entries[k]) / max(len(item.words), 1)
                pairs.append((same, len(shared), share, -item.index, k, n))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for *_, k, n in sorted(pairs, reverse=True):
        if k not in chosen and n not in used:
            chosen[k] = n
            used.add(n)
    starts = sorted(items[n].index for n in chosen.values())
    result: list[list[Line] | None] = []
    for k in range(len(titles)):
        if k not in chosen:
            result.append(None)
            continue
        item = items[chosen[k]]
        result.append(_section(lines, item, starts, skip))
    return result


def _section(lines: list[Line], item: _Item, starts: list[int], skip: set[int]) -> list[Line]:
    """The line and what stands under it."""
    body = [lines[item.index]]
    for i in range(item.index + 1, len(lines)):
        line = lines[i]
        if line.heading or i in starts:
            break
        m = _BULLET.match(line.text)
        if m and len(m["indent"].expandtabs(4)) <= item.depth:
            break
        if i not in skip:
            body.append(line)
    return body
