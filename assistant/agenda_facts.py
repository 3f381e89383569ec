"""What an agenda reads of a case's text (assistant/planned_facts.py), and how
`case.agenda_facts` keeps it: worked out from the text alone, so an import's parse workers,
which load no database code, work it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .planned_items import Bringing, brought, case_text, postponed_to

POSTPONED = "postponed"


@dataclass(frozen=True, slots=True)
class AgendaFacts:
    bringing: tuple[Bringing, ...] = ()
    postponed_to: date | None = None  # the date the minutes say it was postponed to


NOTHING = AgendaFacts()


def work_out(body: str, decision: str | None, status: str, written: date) -> AgendaFacts:
    """The facts of a case held on `written` (its meeting's day), from its text."""
    bringing = brought(case_text(body, decision), written)
    to = postponed_to(body, written) if status == POSTPONED else None
    return AgendaFacts(bringing, to)


def stored(facts: AgendaFacts) -> dict[str, Any] | None:
    """As `case.agenda_facts` keeps them (JSON): null when there are none."""
    out: dict[str, Any] = {}
    if facts.bringing:
        out["brings"] = [
            [b.sentence, sorted(d.isoformat() for d in b.dates), b.next_meeting]
            for b in facts.bringing
        ]
    if facts.postponed_to is not None:
        out["postponed_to"] = facts.postponed_to.isoformat()
    return out or None


def case_facts(
    body: str, decision: str | None, status: str, written: date
) -> dict[str, Any] | None:
    """What to store in `case.agenda_facts` for a case of minutes from `written`."""
    return stored(work_out(body, decision, status, written))


def from_stored(value: dict[str, Any] | None) -> AgendaFacts:
    if not value:
        return NOTHING
    bringing = tuple(
        Bringing(sentence, frozenset(date.fromisoformat(d) for d in dates), bool(next_meeting))
        for sentence, dates, next_meeting in value.get("brings", ())
    )
    to = value.get("postponed_to")
    return AgendaFacts(bringing, date.fromisoformat(to) if to else None)
