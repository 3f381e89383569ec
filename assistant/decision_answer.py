"""Answering "what was decided about X?": rank, gather the case's history, lead with the
decision in force."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, Committee, Meeting
from storage.search_index import Filters

from .answer_types import CaseResult, Source
from .decision_search import CaseHit, DecisionSearch
from .intents import Intent
from .search.normalize import is_stopword, term, words

_CASE_NUMBER = re.compile(r"^\s*(?:sak\s+)?(?P<n>\d{4}\.\d{1,3}|\d{1,3}/\d{2,4})\s*$", re.I)
_SAME_MATTER = 0.5  # share of the shorter title's words two titles of one matter have in common
DEFAULT_LIMIT = 5
_OTHER_MATCH_SHARE = 0.3  # of the best score, below which a hit is not worth showing
_FAR_PAST = date.min


@dataclass(frozen=True, slots=True)
class DecisionFindings:
    results: list[CaseResult]
    found: bool  # False when only near matches (or nothing) fitted


def committee_ids(session: Session, tenant: str, short_name: str) -> tuple[int, ...]:
    rows = session.scalars(
        select(Committee.id).where(Committee.tenant == tenant, Committee.short_name == short_name)
    )
    return tuple(rows)


def _filters(session: Session, tenant: str, intent: Intent) -> Filters:
    ids = committee_ids(session, tenant, intent.committee) if intent.committee else None
    meeting_id = None
    if intent.last_meeting:
        query = (
            select(Meeting.id)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Committee.tenant == tenant, Meeting.status == "held")
            .order_by(Meeting.date.desc(), Meeting.id.desc())
        )
        if ids is not None:
            query = query.where(Meeting.committee_id.in_(ids))
        meeting_id = session.scalar(query.limit(1))
    return Filters(
        tenant=tenant,
        committee_ids=ids,
        start=intent.period.start if intent.period else None,
        end=intent.period.end if intent.period else None,
        meeting_id=meeting_id,
    )


def case_result(case: Case, role: str) -> CaseResult:
    committee = case.committee.label if case.committee else None
    return CaseResult(
        committee=committee,
        meeting_date=case.meeting.date if case.meeting else None,
        case=case.number,
        title=case.title,
        decision=case.decision,
        decision_label=case.decision_label,
        proposal=case.proposal,
        status=case.status,
        role=role,
        source=Source(case.document.name if case.document else None, case.line, case.page),
        case_id=case.id,
    )


# Words that many case titles share without being about the same thing.
_GENERIC_TITLE_WORDS = (
    "sak", "forslag", "status", "oppfølging", "orientering", "orienteringssaker", "felles",
    "ny", "nytt", "nye", "møte", "referat", "godkjenning", "innkalling", "vedlegg", "plan",
)  # fmt: skip


@functools.cache
def _generic_terms() -> frozenset[str]:
    return frozenset(term(w) for w in _GENERIC_TITLE_WORDS)


def _title_terms(case: Case) -> set[str]:
    """The distinctive whole words of a title, as stems (no compound parts)."""
    return {term(w) for w in words(case.title) if not is_stopword(w)} - _generic_terms()


def _same_matter(a: Case, b: Case) -> bool:
    """One matter treated at several meetings of the same committee: the same case number,
    or titles that share most of their words."""
    if a.committee_id != b.committee_id:
        return False
    if a.number and a.number == b.number:
        return True
    ta, tb = _title_terms(a), _title_terms(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= _SAME_MATTER


def find_decisions(
    session: Session, search: DecisionSearch, tenant: str, intent: Intent
) -> DecisionFindings:
    topic = (intent.topic or "").strip()
    filters = _filters(session, tenant, intent)
    limit = intent.limit or DEFAULT_LIMIT
    number = _CASE_NUMBER.match(topic)
    if number:
        query = select(Case).where(Case.tenant == tenant, Case.number == number["n"])
        if filters.committee_ids is not None:
            query = query.where(Case.committee_id.in_(filters.committee_ids))
        hits = [CaseHit(c, 1.0, True) for c in session.scalars(query)]
    else:
        hits = search.search(session, topic, filters=filters, limit=max(10, limit * 2))
    if not hits:
        return DecisionFindings([], False)

    def when(case: Case) -> tuple[date, int]:
        return (case.meeting.date if case.meeting else _FAR_PAST), case.id

    strong = [h for h in hits if h.strong]
    if not strong:
        near = [case_result(h.case, "near") for h in hits[:3]]
        return DecisionFindings(near, False)

    top = strong[0].case
    matter = sorted((h.case for h in strong if _same_matter(top, h.case)), key=when)
    decided = [c for c in matter if c.status == "decided"]
    current = decided[-1] if decided else matter[-1]
    results = [case_result(current, "current")]
    results += [case_result(c, "history") for c in matter if c.id != current.id]
    # Other matches only while they are in the same league as the best one.
    floor = _OTHER_MATCH_SHARE * strong[0].score
    others = [h.case for h in strong if h.case not in matter and h.score >= floor]
    results += [case_result(c, "match") for c in others[: max(0, limit - 1)]]
    return DecisionFindings(results, True)
