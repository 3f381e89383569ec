"""Answering "LSU's meeting dates in 2027" and "when does SSU meet?": the committee's
meetings in the period (from today on when none is named), with time, place and status."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer, MeetingResult
from .intents import Intent
from .meeting_answer import meeting_result
from .meeting_choice import (
    Scope,
    asked_about,
    held_count,
    held_meetings,
    known_scope,
    meetings_between,
    nearest_lines,
    nearest_meetings,
    status_word,
)
from .texts import text

MAX_MEETINGS = 12  # a year of monthly meetings; more are counted, not listed


def answer_meeting_dates(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> None:
    lang, today = answer.language, context.today
    where = known_scope(session, context, intent, answer)
    if where is None:
        return
    if intent.held and not intent.period:
        _held(session, context, intent, answer, where)
        return
    start, end = (intent.period.start, intent.period.end) if intent.period else (today, date.max)
    listed = meetings_between(session, context.tenant, where, start, end)
    found = [meeting_result(m) for m in listed]
    looked_for = asked_about(lang, where, intent.period)
    if not found:
        answer.found = False
        key = "dates.none" if intent.period else "dates.none_upcoming"
        lines = [text(lang, key, scope=looked_for)]
        nearest = nearest_meetings(session, context.tenant, where, intent.period, today, held=False)
        if nearest:
            answer.meetings = [meeting_result(m) for m in nearest]
            lines += [text(lang, "q.nearest_meetings"), *nearest_lines(nearest, lang, today)]
        answer.text = "\n".join(lines)
        return
    answer.meetings = found
    key = "dates.title" if intent.period else "dates.title_upcoming"
    lines = [text(lang, key, scope=looked_for)]
    lines += [_line(m, lang, context, named=where.committee is None) for m in found[:MAX_MEETINGS]]
    if len(found) > MAX_MEETINGS:
        lines.append(text(lang, "dates.more", count=len(found) - MAX_MEETINGS))
    unplaced = sum(1 for m in found if not m.location)
    if unplaced:
        key = "dates.no_place_all" if unplaced == len(found) else "dates.no_place_some"
        lines.append(text(lang, key, count=unplaced))
    answer.text = "\n".join(lines)


def _held(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer, where: Scope
) -> None:
    """ "når møttes SSU sist": the last meeting held; "when did LSU meet": those held,
    newest first."""
    lang, tenant, today = answer.language, context.tenant, context.today
    looked_for = asked_about(lang, where, None)
    shown = 1 if intent.last_meeting else MAX_MEETINGS
    held = held_meetings(session, tenant, where, None, today, limit=shown)
    if not held:
        answer.found = False
        answer.text = text(lang, "dates.none_held", scope=looked_for)
        return
    found = [meeting_result(m) for m in held]
    answer.meetings = found
    named = where.committee is None
    if intent.last_meeting:
        last = found[0]
        if named and last.committee:  # "when did we last meet": the committee that did
            looked_for = asked_about(lang, Scope(last.committee, None), None)
        when = render.meeting_when(last, lang, context.timezone)
        answer.text = text(lang, "dates.last_held", scope=looked_for, when=when)
        return
    lines = [text(lang, "dates.title_held", scope=looked_for)]
    lines += [_line(m, lang, context, named=named) for m in found]
    if len(held) == MAX_MEETINGS:  # a full page: are there more?
        more = held_count(session, tenant, where, None, today) - MAX_MEETINGS
        if more > 0:
            lines.append(text(lang, "dates.more", count=more))
    answer.text = "\n".join(lines)


def _line(meeting: MeetingResult, language: str, context: AnswerContext, *, named: bool) -> str:
    """ "- onsdag 9. desember 2026 kl. 12:30–15:00 (sted: …) — planlagt"; with the
    committee first when the list is of several committees."""
    when = render.meeting_when(meeting, language, context.timezone)
    status = status_word(meeting, language, context.today)
    committee = f"{meeting.committee or '?'}: " if named else ""
    return f"- {committee}{when} — {status}"
