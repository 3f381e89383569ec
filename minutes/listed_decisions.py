"""A "Decisions" section that lists the meeting's decisions apart from the items, as working
groups write it ("## Decisions", "### Consented Decisions"): each entry goes to the item it is
about, judged by the words they share.

Words of an item's title count double, and a word counts less the more items have it ("CVE",
"Services" in every title of a CVE group). An entry goes to an item when it shares with it two
title words that (nearly) no other item has, or three words of its title and text; "See notes
above" or "None" go nowhere. Such lists have one entry per item as a rule: each entry, in
order, goes to the best item no earlier entry went to, and only when none fits to one that has
an entry already. An item may also have a decision of its own in its notes: it keeps both, the
listed one first — that is what the body itself recorded as decided.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import CaseStatus, Line, ParsedCase

_DECISIONS_SECTION = re.compile(
    r"^\s*(?:consented\s+|key\s+)?decisions(?:\s+made)?|beslutninger|vedtak\s+i\s+møtet|"
    r"beslut\s+i\s+korthet\s*:?\s*$",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"^\s{0,3}(?:[-*•+]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
_STOP = frozenset({
    "the", "a", "an", "of", "to", "and", "for", "in", "on", "was", "were", "is", "be", "that",
    "it", "as", "by", "at", "this", "with", "og", "i", "på", "av", "til", "som", "det", "er",
    "en", "et", "med", "om",
})  # fmt: skip
_DISTINCTIVE = 3.5  # two title words that (nearly) no other item has: 2 × (1 + 0.75)
_SOME = 2.0  # with three shared words
_SHARED = 3


def listed_decisions(lines: list[Line]) -> list[str]:
    """The entries of a "Decisions" section (top-level list items)."""
    found: list[str] = []
    for i, line in enumerate(lines):
        if not line.heading or not _DECISIONS_SECTION.match(line.text):
            continue
        for following in lines[i + 1 :]:
            if following.heading and following.heading <= line.heading:
                break
            if m := _LIST_LINE.match(following.text):
                found.append(m["text"].strip())
    return found


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[\w.]+", text.lower()) if w not in _STOP and len(w) > 1}


def attach_listed(decisions: list[str], cases: list[ParsedCase]) -> None:
    """Each listed decision to the item it is about (see the module's text)."""
    if not decisions or not cases:
        return
    words = [(_stems(c.title), _stems(c.body)) for c in cases]
    spread = Counter(w for title, body in words for w in title | body)

    def fits(k: int, said: set[str]) -> float:
        """How well the entry fits item k; 0 when not enough."""
        title, body = words[k]
        score = 2 * sum(1 / spread[w] for w in said & title)
        score += sum(1 / spread[w] for w in (said & body) - title)
        shared = len(said & (title | body))
        return score if score >= _DISTINCTIVE or (shared >= _SHARED and score >= _SOME) else 0

    given: dict[int, list[str]] = {}
    for text in decisions:
        said = _stems(text)
        ranked = sorted(range(len(cases)), key=lambda k: -fits(k, said))
        free = [k for k in ranked if k not in given and fits(k, said)]
        best = free[0] if free else ranked[0]
        if fits(best, said):
            given.setdefault(best, []).append(text)
    for k, texts in given.items():
        case = cases[k]
        own = [case.decision] if case.decision else []
        texts = [t for t in texts if t not in (case.decision or "")]
        if texts:
            case.decision = "\n".join([*texts, *own])
            case.status = CaseStatus.DECIDED
