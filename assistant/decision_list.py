"""Answering "what did SSU decide in 2026?" and "what was decided at the last meeting?" —
a decision question without a topic: the committee's decided cases in the period or at
the meeting, newest first, one line each. Asked which cases were postponed ("hvilke saker
ble utsatt"), the postponed ones instead, each with the meeting it went to."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, Meeting

from . import render
from .answer_context import AnswerContext
from .answer_lines import cited_line, item_line
from .answer_types import Answer, CaseResult
from .case_details import with_details
from .decision_answer import case_result
from .intents import Intent, Period
from .meeting_answer import meeting_result
from .meeting_choice import Scope, asked_about, asked_meetings, known_scope
from .texts import short_date, text

MAX_LISTED = 8  # more are counted, not listed

# Items every meeting decides (its agenda, the last minutes): left out of a list of what a
# committee decided while it decided anything else.
_FORMALITY = re.compile(
    r"^\s*(?:godkjenning\s+av\s+(?:innkalling|referat|protokoll|dagsorden|saksliste)|"
    r"innkalling\s+(?:med|og)\s+sak|referat\s+fra\s+(?:møtet|forrige)|"
    r"approval\s+of\s+(?:the\s+)?(?:agenda|minutes)|eventuelt\b)",
    re.IGNORECASE,
)


def _cases(
    session: Session,
    tenant: str,
    where: Scope,
    period: Period | None,
    meeting_id: int | None,
    *,
    status: str | None = "decided",
) -> list[Case]:
    """The committee's cases (only those of `status`, unless None), newest first; a case
    paper that no meeting has treated yet first of all."""
    query = (
        select(Case)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Case.tenant == tenant)
        .order_by(
            Meeting.date.is_(None).desc(),
            Meeting.date.desc(),
            Meeting.id.desc(),
            Case.position,
            Case.id,
        )
    )
    if status is not None:
        query = query.where(Case.status == status)
    if where.committee_ids is not None:
        query = query.where(Case.committee_id.in_(where.committee_ids))
    if period is not None:
        query = query.where(Meeting.date >= period.start, Meeting.date <= period.end)
    if meeting_id is not None:
        query = query.where(Case.meeting_id == meeting_id)
    cases = list(session.scalars(query).unique())
    substantive = [c for c in cases if not _FORMALITY.match(c.title)]
    return substantive or cases


def answer_decision_list(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang = answer.language
    where = known_scope(session, context, intent, answer)
    if where is None:
        return
    if intent.postponed:
        _postponed(session, context, intent, answer, where)
        return
    if intent.last_meeting:
        held = asked_meetings(session, context, intent, answer)
        if not held:
            return
        found = meeting_result(held[0])
        cases = _cases(session, context.tenant, where, None, held[0].id)
        answer.meetings = [found]
        answer.results = [case_result(c, "match") for c in cases]
        when = render.meeting_when(found, lang, context.timezone)
        committee = found.committee or "?"
        if not cases:
            answer.text = text(lang, "decisions.list.none_at", committee=committee, when=when)
            return
        lines = [text(lang, "decisions.list.last", committee=committee, when=when)]
        answer.text = "\n".join(lines + [item_line(r, lang) for r in answer.results])
        return
    looked_for = asked_about(lang, where, intent.period)
    if intent.bare and intent.period is None:
        # A committee's name alone ("Overordnet samarbeidsutvalg"): what is about it, all
        # its cases and not only the decided ones.
        every = _cases(session, context.tenant, where, None, None, status=None)
        if every:
            title = text(lang, "decisions.list.cases", scope=looked_for, count=len(every))
            _list(answer, every, title)
            return
    cases = _cases(session, context.tenant, where, intent.period, None)
    if cases:
        _list(answer, cases, text(lang, "decisions.list", scope=looked_for, count=len(cases)))
        return
    # Nothing decided in the period: the committee's latest decisions from any time, else
    # its cases that were not decided, said as such.
    answer.found = False
    lines = [text(lang, "decisions.list.none", scope=looked_for)]
    anytime = _cases(session, context.tenant, where, None, None) if intent.period else []
    undecided = [] if anytime else _cases(session, context.tenant, where, None, None, status=None)
    anywhere = asked_about(lang, where, None)
    if anytime:
        lines.append(text(lang, "decisions.list.elsewhere", scope=anywhere))
    elif undecided:
        lines.append(text(lang, "decisions.list.undecided", scope=anywhere, count=len(undecided)))
    shown = anytime or undecided
    answer.results = [case_result(c, "near") for c in shown[:MAX_LISTED]]
    lines += _listed(answer.results, len(shown), lang)
    answer.text = "\n".join(lines)


def _postponed(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer, where: Scope
) -> None:
    """The postponed cases in the scope, period or at the last meeting, newest first, each
    with the meeting it was postponed to (as the minutes say, else the committee's next)."""
    lang = answer.language
    meeting_id, period, looked_for = None, intent.period, asked_about(lang, where, intent.period)
    if intent.last_meeting:
        held = asked_meetings(session, context, intent, answer)
        if not held:
            return
        found = meeting_result(held[0])
        answer.meetings = [found]
        meeting_id, period = held[0].id, None
        looked_for = text(
            lang, "postponed.at", committee=found.committee or "?", day=short_date(found.date)
        )
    cases = _cases(session, context.tenant, where, period, meeting_id, status="postponed")
    if not cases:
        answer.found = False
        answer.text = text(lang, "postponed.none", scope=looked_for)
        return
    shown = [case_result(c, "match") for c in cases[:MAX_LISTED]]
    answer.results = with_details(session, shown, "")
    title = text(lang, "postponed.list", scope=looked_for, count=len(cases))
    answer.text = "\n".join([title, *_listed(answer.results, len(cases), lang)])


def _list(answer: Answer, cases: list[Case], title: str) -> None:
    answer.results = [case_result(c, "match") for c in cases[:MAX_LISTED]]
    answer.text = "\n".join([title, *_listed(answer.results, len(cases), answer.language)])


def _listed(results: list[CaseResult], total: int, language: str) -> list[str]:
    """The listed cases, and how many more there are of `total`."""
    lines = [cited_line(r, language) for r in results]
    if total > len(results):
        lines.append(text(language, "decisions.list.more", count=total - len(results)))
    return lines
