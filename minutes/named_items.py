"""Items that have no heading of their own, only a sentence that disposes of them by number:
"… the Notice of Motion at Item No. 18 on the Agenda would be deferred to the December Meeting",
"Sak 7 ble trukket". Councils write this for an item deferred or withdrawn in a member's
absence, wherever the chair said it — often under another item.

Such a sentence is the item when its number is missing from the items found and lies within
their numbering (a gap, or the next one): it becomes an item of its own, placed where it is
written, and is no longer part of the item it stood under. A number the document has an item
for ("The Cathaoirleach deferred Item 5" under item 5) is that item's own outcome.
"""

from __future__ import annotations

import re

from . import role_patterns as rp
from .formats.common import RawCase
from .model import Line

# "Item No. 18", "item 18", "Sak 7", "ärende 4", "Item 4 (a)"
_REFERENCE = re.compile(
    r"\b(?:agenda\s+)?(?:item|sak|saken|ärende|punkt)\s+(?:no\.?\s*|nr\.?\s*)?"
    r"(?P<number>\d{1,3})(?:\s*\((?P<letter>[a-z])\))?(?![\d/.,]\d)",
    re.IGNORECASE,
)
# What the sentence calls the item: "the Notice of Motion at Item No. 18".
_WHAT = re.compile(
    r"(?:\bthe\s+)?(?P<what>[A-Z][\w’'-]*(?:\s+(?:of|on|for|[A-Z][\w’'-]*)){0,5})\s+"
    r"(?:at|under|in)\s+$"
)
_ENDS = re.compile(r"[.!?:][”\"’)]*$")
_DISPOSALS = ("POSTPONED_PHRASES", "WITHDRAWN_PHRASES")


def items_named_in_outcomes(cases: list[RawCase]) -> list[RawCase]:
    """`cases` with each item that only a deferral or withdrawal names split out of the item
    it was written under."""
    numbers = {_key(c.number) for c in cases if c.number}
    plain = sorted(int(n) for n in numbers if n.isdigit())
    if len(plain) < 2:
        return cases
    low, high = plain[0], plain[-1] + 1
    out: list[RawCase] = []
    for case in cases:
        out.append(case)
        text = " ".join(line.text.strip() for line in case.body)
        if not rp.might_match(_DISPOSALS, text.lower()) or not _REFERENCE.search(text):
            continue  # defers or withdraws nothing, or names no item
        for lines, number, what in _disposals(case.body, numbers, low, high):
            kept = {id(x) for x in lines}
            case.body = [x for x in case.body if id(x) not in kept]
            out.append(RawCase(number, what, lines, lines[0]))
            numbers.add(_key(number))
    return out


def _key(number: str) -> str:
    return re.sub(r"\s+", "", number).lower()


def _sentences(body: list[Line]) -> list[list[Line]]:
    """The body's lines grouped by sentence (a sentence ends with its punctuation or at a
    line set like a heading)."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in body:
        text = line.text.strip()
        if not text:
            continue
        heading = line.heading or not any(c.islower() for c in text)
        if heading:
            if current:
                groups.append(current)
            groups.append([line])
            current = []
            continue
        current.append(line)
        if _ENDS.search(text):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _disposals(
    body: list[Line], numbers: set[str], low: int, high: int
) -> list[tuple[list[Line], str, str]]:
    """(the sentence's lines, the item's number, what it is called) of each sentence that
    defers or withdraws an item the document has no other place for."""
    found: list[tuple[list[Line], str, str]] = []
    for lines in _sentences(body):
        sentence = " ".join(" ".join(x.text.split()) for x in lines)
        m = _REFERENCE.search(sentence)
        if m is None:
            continue
        number = m["number"] + (f"({m['letter'].lower()})" if m["letter"] else "")
        if _key(number) in numbers or not low <= int(m["number"]) <= high:
            continue
        if not any(rp.search(table, sentence) for table in _DISPOSALS):
            continue
        what = _WHAT.search(sentence[: m.start()])
        found.append((lines, number, what["what"] if what else m[0]))
        numbers = numbers | {_key(number)}
    return found
