"""What an agenda reads of a case's text, worked out once, when the case is stored.

An agenda lists what the committee's earlier minutes set for the meeting and the cases
postponed to it (assistant/meeting_answer.py). Both come from the earlier cases' text
(assistant/planned_items.py), and most cases say nothing of the kind: reading a dozen
meetings' texts at every first answer for a meeting was most of the agenda's time. So the
facts are kept on the case (`case.agenda_facts`, migration 0020): the sentences that bring
something to a meeting, with the dates they name and whether they say "neste møte", and
where a postponed case went; null when there are none. The dates of a text depend on the
day of its meeting (a date without a year), so `case.facts_read_on` keeps that day.

The facts and their stored form are in assistant/agenda_facts.py. They are worked out in
the import's parse worker (stored by storage/minutes_store.py), for a case proposed in chat
(`record_cases`, through assistant/indexing.index_cases), and for a store from before the
columns or these rules once at start-up (`ensure_planned_current`). A case read against
another day than its meeting's (a planned meeting moved since) or not read at all is read
when an agenda needs it (`facts_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Meeting, SearchMeta

from .agenda_facts import AgendaFacts, case_facts, from_stored, work_out
from .planned_items import RULES_VERSION

PLANNED_KEY = "agenda_facts"  # SearchMeta: the rules the store's facts were worked out by
_BATCH = 2000  # cases read and written per round when a whole store is filled


def facts_of(case: Case, held: date) -> AgendaFacts:
    """The case's facts for its meeting on `held`: as stored when read against that day,
    else read now (a store not filled yet, or a planned meeting moved since)."""
    if case.facts_read_on == held:
        return from_stored(case.agenda_facts)
    return work_out(case.body, case.decision, case.status, held)


def _write(session: Session, values: list[dict[str, Any]]) -> None:
    if not values:
        return
    table = Case.__table__
    session.execute(
        update(table)
        .where(table.c.id == bindparam("case_id"))
        .values(agenda_facts=bindparam("facts"), facts_read_on=bindparam("day")),
        values,
    )


def record_cases(session: Session, cases: Iterable[Case]) -> None:
    """Store the facts of cases written in this transaction (a case proposed in chat): those
    with a meeting; a case without one is on no agenda."""
    values = []
    for case in cases:
        meeting = case.meeting
        if meeting is None:
            continue
        facts = case_facts(case.body, case.decision, case.status, meeting.date)
        values.append({"case_id": case.id, "facts": facts, "day": meeting.date})
    _write(session, values)


def fill_all(session: Session) -> int:
    """Work out the facts of every case at a meeting, in batches by id. Returns how many
    cases have any."""
    found = 0
    last = 0
    while True:
        rows = session.execute(
            select(Case.id, Case.body, Case.decision, Case.status, Meeting.date)
            .join(Meeting, Meeting.id == Case.meeting_id)
            .where(Case.id > last)
            .order_by(Case.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return found
        values = []
        for row in rows:
            facts = case_facts(row.body, row.decision, row.status, row.date)
            found += facts is not None
            values.append({"case_id": row.id, "facts": facts, "day": row.date})
        _write(session, values)
        last = rows[-1].id


def planned_fingerprint() -> str:
    return str(RULES_VERSION)


async def ensure_planned_current(db: Database) -> int | None:
    """Fill `case.agenda_facts` for a store that lacks them (just migrated) or whose facts
    were worked out by other rules. Returns the number of cases with facts, or None when
    the store was current."""
    current = planned_fingerprint()

    def work(session: Session) -> int | None:
        if session.scalar(select(SearchMeta.value).where(SearchMeta.key == PLANNED_KEY)) == current:
            return None
        count = fill_all(session)
        session.merge(SearchMeta(key=PLANNED_KEY, value=current))
        return count

    return await db.write(work)
