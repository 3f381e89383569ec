"""A case named by its number in chat («oppgave til sak 2023.30: …»): the number as the
minutes write it (case and spaces aside), in the named committee if one is given. A case
treated at several meetings keeps its number: its latest treatment is the one meant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Case, Meeting
from .records import committee_by_name

_FAR_PAST = dt.date.min


@dataclass(frozen=True, slots=True)
class NumberedCase:
    id: int
    number: str
    title: str
    committee: str | None  # label
    meeting_date: dt.date | None


def cases_numbered(
    session: Session, tenant: str, number: str, committee: str | None = None
) -> list[NumberedCase]:
    """The latest case with that number in each committee that has one (several: the
    number alone does not say which), newest first."""
    wanted = "".join(number.split()).casefold()
    if not wanted:
        return []
    query = (
        select(Case)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Case.tenant == tenant, func.lower(func.replace(Case.number, " ", "")) == wanted)
    )
    if committee:
        ids = [c.id for c in committee_by_name(session, tenant, committee)]
        if not ids:
            return []
        query = query.where(Case.committee_id.in_(ids))
    latest: dict[int | None, Case] = {}
    for case in session.scalars(query):
        held = _held(case)
        known = latest.get(case.committee_id)
        if known is None or (held, case.id) > (_held(known), known.id):
            latest[case.committee_id] = case
    found = sorted(latest.values(), key=lambda c: (_held(c), c.id), reverse=True)
    return [
        NumberedCase(
            c.id,
            c.number or number,
            c.title,
            c.committee.label if c.committee else None,
            c.meeting.date if c.meeting else None,
        )
        for c in found
    ]


def case_label(session: Session, tenant: str, case_id: int) -> NumberedCase | None:
    """The tenant's case `case_id` as NumberedCase, None if it has none."""
    case = session.get(Case, case_id)
    if case is None or case.tenant != tenant:
        return None
    return NumberedCase(
        case.id,
        case.number or "",
        case.title,
        case.committee.label if case.committee else None,
        case.meeting.date if case.meeting else None,
    )


def _held(case: Case) -> dt.date:
    return case.meeting.date if case.meeting else _FAR_PAST
