"""Answering "what did SSU decide in 2026?" and "what was decided at the last meeting?" —
a decision question without a topic: the committee's decided cases in the period or at
the meeting, newest first, one line each."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Case, Meeting

from . import render
from .answer_context import AnswerContext
from .answer_lines import cited_line, item_line
from .answer_types import Answer, CaseResult
from .decision_answer import case_result
from .intents import Intent, Period
from .meeting_answer import meeting_result
from .meeting_choice import Scope, asked_about, asked_meetings, scope, unknown_committee
from .texts import text

MAX_LISTED = 8  # more are counted, not listed

# Items every meeting decides (its agenda, the last minutes): left out of a list of what a
# committee decided while it decided anything else.
_FORMALITY = re.compile(
    r"^\s*(?:godkjenning\s+av\s+(?:innkalling|referat|protokoll|dagsorden|saksliste)|"
    r"innkalling\s+(?:med|og)\s+sak|referat\s+fra\s+(?:møtet|forrige)|"
    r"approval\s+of\s+(?:the\s+)?(?:agenda|minutes)|eventuelt\b)",
    re.IGNORECASE,
)


def _decided(
    session: Session, tenant: str, where: Scope, period: Period | None, meeting_id: int | None
) -> list[Case]:
    query = (
        select(Case)
        .join(Meeting, Meeting.id == Case.meeting_id)
        .where(Case.tenant == tenant, Case.status == "decided")
        .order_by(Meeting.date.desc(), Meeting.id.desc(), Case.position, Case.id)
    )
    if where.committee_ids is not None:
        query = query.where(Case.committee_id.in_(where.committee_ids))
    if period is not None:
        query = query.where(Meeting.date >= period.start, Meeting.date <= period.end)
    if meeting_id is not None:
        query = query.where(Case.meeting_id == meeting_id)
    cases = list(session.scalars(query))
    substantive = [c for c in cases if not _FORMALITY.match(c.title)]
    return substantive or cases


def answer_decision_list(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang = answer.language
    where = scope(session, context.tenant, intent.committee)
    if not where.known:
        assert intent.committee
        answer.text = unknown_committee(session, context.tenant, intent.committee, lang)
        answer.found = False
        return
    if intent.last_meeting:
        held = asked_meetings(session, context, intent, answer)
        if not held:
            return
        found = meeting_result(held[0])
        cases = _decided(session, context.tenant, where, None, held[0].id)
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
    cases = _decided(session, context.tenant, where, intent.period, None)
    looked_for = asked_about(lang, where, intent.period)
    if cases:
        answer.results = [case_result(c, "match") for c in cases[:MAX_LISTED]]
        title = text(lang, "decisions.list", scope=looked_for, count=len(cases))
        answer.text = "\n".join([title, *_listed(answer.results, len(cases), lang)])
        return
    # Nothing in the period: the committee's latest decisions from any time, said as such.
    answer.found = False
    lines = [text(lang, "decisions.list.none", scope=looked_for)]
    anytime = _decided(session, context.tenant, where, None, None) if intent.period else []
    if anytime:
        answer.results = [case_result(c, "near") for c in anytime[:MAX_LISTED]]
        lines.append(text(lang, "decisions.list.elsewhere", scope=asked_about(lang, where, None)))
        lines += _listed(answer.results, len(anytime), lang)
    answer.text = "\n".join(lines)


def _listed(results: list[CaseResult], total: int, language: str) -> list[str]:
    """The listed cases, and how many more there are of `total`."""
    lines = [cited_line(r, language) for r in results]
    if total > len(results):
        lines.append(text(language, "decisions.list.more", count=total - len(results)))
    return lines
