"""What minutes set for a later meeting, read from a case's own sentences: "Arbeidsgruppen
legger fram en anbefaling i SSU 14. desember", "… og legger den fram i neste møte",
"Kommunene orienterer om sine budsjetter i SSU 14. desember"; and where a postponed case
went ("saken ble utsatt til 5. mars").

Pure functions of the text and the dates around it. A sentence is an item for a meeting
when it names that meeting (its date, or "neste møte" when it is the next one) and says
something will be brought to it: a deadline before it ("før neste møte"), the meeting's
own announcement ("Neste møte 14. desember blir digitalt") or a past treatment ("ble
behandlet 14. desember") is not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from minutes.dates import find_dates

from .excerpt import sentences

# Bringing something to a meeting, in the present or future: nb, nn, en. The patterns
# searched in every case and sentence open with (?<!\w), not \b: the same before a word's
# first letter, where each of their words starts, and searched in two thirds of the time.
_BRINGS = re.compile(
    r"(?<!\w)(?:legg(?:e|er|es|ast)\s+(?:\w+\s+){0,6}?(?:fram|frem)|(?:fram|frem)legg(?:e|es|ast)|"
    r"orienterer|orientere[rs]?\s+om|orienteres|tas\s+opp|tek\s+opp|takast\s+opp|"
    r"behandles|handsamast|settes\s+opp|kommer\s+tilbake|kjem\s+tilbake|"
    r"presenterer|presenteres|drøftes|diskuteres|rapporterer|"
    r"(?:will|to|shall)\s+(?:be\s+)?(?:present(?:ed)?|report(?:ed)?|discuss(?:ed)?|"
    r"consider(?:ed)?|brought|tabled|come\s+back|bring)|reports?\s+back|comes?\s+back|"
    r"brings?\s+back|on\s+the\s+agenda|på\s+sakslist[ae]n?)",
    re.I,
)
# Where a sentence says when: a deadline ("før", "innen", "by") is no item for the meeting.
_BEFORE = re.compile(r"\b(?:før|innen|senest|by|before|prior\s+to)\s*$", re.I)
_NEXT_MEETING = re.compile(
    r"(?<!\w)(?:i|til|på|for|at|to)\s+(?:(?:det\s+)?neste|førstkommende|the\s+next)\s+(?:\w+[\s-])?"
    r"(?:møte|møtet|meeting)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
_ANNOUNCEMENT = re.compile(r"^\s*(?:neste|siste|kommende|next)\s+(?:møte|meeting)", re.I)
_POSTPONED_TO = re.compile(
    r"\b(?:utsatt|utsett|utsettes|deferred|postponed|held\s+over)\s+(?:\w+\s+){0,3}?"
    r"(?:til|to|until)\b",
    re.I,
)
_TO_WINDOW = 40  # characters after "utsatt til" in which its date stands
_POSTPONES = re.compile(r"(?<!\w)(?:utsatt|utsett|utsettes|deferred|postponed|held\s+over)\b", re.I)


# Bump when these rules change (or what they read with: excerpt.sentences, minutes.dates):
# every store reads its cases again at its next start (assistant/planned_facts.py).
RULES_VERSION = 1


def case_text(body: str, decision: str | None) -> str:
    """What the rules read of a case: its body, and its decision when the body lacks it."""
    if decision and decision.strip() not in body:
        return f"{body}\n{decision}"
    return body


def set_for_meeting(
    text: str,
    written: date,
    meeting: date,
    *,
    is_next: bool,
    committee: str | None = None,
    others: frozenset[str] = frozenset(),
) -> list[str]:
    """The sentences of `text` (a case of minutes from `written`) that set something for the
    meeting on `meeting`: by its date, or by "neste møte" when `is_next` (it is the first
    meeting after `written`). A sentence naming another committee (`others`, short names)
    and not this one (`committee`) is for that committee's meeting."""
    return set_among(
        _bringing(text, written), meeting, is_next=is_next, committee=committee, others=others
    )


def set_among(
    bringing: Iterable[Bringing],
    meeting: date,
    *,
    is_next: bool,
    committee: str | None = None,
    others: frozenset[str] = frozenset(),
) -> list[str]:
    """set_for_meeting from a case's sentences that bring something (`bringing`, as
    `brought` found them or as they were stored)."""
    found: list[str] = []
    for said in bringing:
        if meeting not in said.dates and not (is_next and said.next_meeting):
            continue
        if not _names_other(said.sentence, committee, others) and said.sentence not in found:
            found.append(said.sentence)
    return found


@dataclass(frozen=True, slots=True)
class Bringing:
    sentence: str
    dates: frozenset[date]  # the meetings it names by date (not as a deadline: "før …")
    next_meeting: bool  # "i neste møte"


def brought(text: str, written: date) -> tuple[Bringing, ...]:
    """The sentences of `text` (written at a meeting on `written`) that bring something to a
    meeting they name, whichever meeting is asked about. Not cached: for a case being
    stored, read once."""
    return _bringing.__wrapped__(text, written)


@functools.lru_cache(maxsize=4096)
def _bringing(text: str, written: date) -> tuple[Bringing, ...]:
    """The sentences of `text` that bring something to a meeting they name, whichever
    meeting is asked about. Cached: an agenda reads a case whose facts were not stored
    (assistant/planned_facts.py) at every answer, and its sentences are the same each time."""
    if not _BRINGS.search(text):
        return ()  # no sentence of it can bring anything (cheap: most cases do not)
    found = []
    for sentence in sentences(text):
        # A sentence names a meeting by a date (every date has a digit) or as "neste møte":
        # the cheap tests first, as most sentences do neither.
        dated = _DIGIT.search(sentence) is not None
        next_meeting = _NEXT_MEETING.search(sentence) is not None
        if not dated and not next_meeting:
            continue
        if _ANNOUNCEMENT.search(sentence) or _POSTPONES.search(sentence):
            continue  # the meeting's announcement; a postponed case is carried as a case
        if not _BRINGS.search(sentence):
            continue
        dates = frozenset(
            d.date
            for d in (find_dates(sentence, written) if dated else ())
            if not _BEFORE.search(sentence[: d.start])
        )
        if dates or next_meeting:
            found.append(Bringing(sentence, dates, next_meeting))
    return tuple(found)


def postponed_to(text: str, written: date) -> date | None:
    """The date a case was postponed to, when the minutes say it ("utsatt til 5. mars",
    "deferred to the meeting on 12 March 2025"); None for "utsatt til neste møte" or no
    date (the next meeting, which the store knows, is meant then)."""
    for m in _POSTPONED_TO.finditer(text):
        window = text[m.end() : m.end() + _TO_WINDOW]
        for found in find_dates(window, written):
            if found.date > written:
                return found.date
    return None


def _names_other(sentence: str, committee: str | None, others: frozenset[str]) -> bool:
    said = set(re.findall(r"\b[A-ZÆØÅ]{2,}\b", sentence))
    return bool(said & others) and (committee is None or committee not in said)
