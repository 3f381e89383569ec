"""Which meetings a question means — a committee's last held meeting, the one on a day,
those in a period — and, when none fits, the nearest ones, so an answer never ends empty.

Shared by the meeting summary, attendance, meeting dates and the list of a committee's
decisions. A meeting belongs to a tenant through its committee, or through its minutes
when they name no committee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from storage.models import Committee, Document, Meeting

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer, MeetingResult
from .decision_answer import committee_ids
from .intents import Intent, Period
from .meeting_answer import meeting_result
from .texts import format_date, format_period, short_date, text

# How many meetings an answer names when none fits what was asked.
NEAREST = 3


@dataclass(frozen=True, slots=True)
class Scope:
    """The committee a question is limited to (None: every committee of the tenant)."""

    committee: str | None
    committee_ids: tuple[int, ...] | None

    @property
    def known(self) -> bool:
        """False when the committee asked about has no minutes in this tenant."""
        return self.committee_ids is None or bool(self.committee_ids)


def scope(session: Session, tenant: str, committee: str | None) -> Scope:
    if not committee:
        return Scope(None, None)
    return Scope(committee, committee_ids(session, tenant, committee))


def known_committees(session: Session, tenant: str) -> list[str]:
    committees = session.scalars(select(Committee).where(Committee.tenant == tenant))
    return sorted({c.label for c in committees})


def unknown_committee(session: Session, tenant: str, committee: str, language: str) -> str:
    known = ", ".join(known_committees(session, tenant)) or "–"
    return text(language, "q.committee.unknown", committee=committee, known=known)


def _meetings(tenant: str, where: Scope) -> Select[tuple[Meeting]]:
    query = (
        select(Meeting)
        .outerjoin(Committee, Committee.id == Meeting.committee_id)
        .outerjoin(Document, Document.id == Meeting.document_id)
        .where(
            or_(
                Committee.tenant == tenant,
                and_(Meeting.committee_id.is_(None), Document.tenant == tenant),
            )
        )
    )
    if where.committee_ids is not None:
        query = query.where(Meeting.committee_id.in_(where.committee_ids))
    return query


def _in(query: Select[tuple[Meeting]], period: Period | None) -> Select[tuple[Meeting]]:
    if period is None:
        return query
    return query.where(Meeting.date >= period.start, Meeting.date <= period.end)


def _held(tenant: str, where: Scope, period: Period | None, today: date) -> Select[tuple[Meeting]]:
    """Meetings with minutes (held, not after today) in the period."""
    return _in(_meetings(tenant, where), period).where(
        Meeting.status == "held", Meeting.date <= today
    )


def held_meetings(
    session: Session,
    tenant: str,
    where: Scope,
    period: Period | None,
    today: date,
    *,
    limit: int | None = None,
) -> list[Meeting]:
    """Meetings with minutes (held, not after today) in the period, newest first; the
    first `limit` of them: a committee's history is not read to show its newest."""
    query = _held(tenant, where, period, today).order_by(Meeting.date.desc(), Meeting.id.desc())
    return list(session.scalars(query.limit(limit) if limit is not None else query))


def held_count(
    session: Session, tenant: str, where: Scope, period: Period | None, today: date
) -> int:
    """How many meetings `held_meetings` would list."""
    held = _held(tenant, where, period, today).with_only_columns(Meeting.id).subquery()
    return session.scalar(select(func.count()).select_from(held)) or 0


def last_held(session: Session, tenant: str, where: Scope, today: date) -> Meeting | None:
    """The newest meeting with minutes (held, not after today): "forrige møte"."""
    newest = held_meetings(session, tenant, where, None, today, limit=1)
    return newest[0] if newest else None


def meetings_between(
    session: Session, tenant: str, where: Scope, start: date, end: date
) -> list[Meeting]:
    """Every meeting from `start` to `end` (planned, held and cancelled), soonest first."""
    query = _in(_meetings(tenant, where), Period(start, end))
    return list(session.scalars(query.order_by(Meeting.date, Meeting.starts_at, Meeting.id)))


def nearest_meetings(
    session: Session,
    tenant: str,
    where: Scope,
    period: Period | None,
    today: date,
    *,
    held: bool,
) -> list[Meeting]:
    """The meetings closest to the period (to today when there is none): the last ones
    before it and the first after it, soonest first. `held`: only meetings with minutes."""
    start, end = (period.start, period.end) if period else (today, today)
    query = _meetings(tenant, where).where(Meeting.status != "cancelled")
    if held:
        query = query.where(Meeting.status == "held")
    before = session.scalars(
        query.where(Meeting.date < start).order_by(Meeting.date.desc(), Meeting.id.desc())
    ).all()[:NEAREST]
    after = session.scalars(
        query.where(Meeting.date > end).order_by(Meeting.date, Meeting.id)
    ).all()[:NEAREST]

    # The closest first, from either side, then back in date order.
    def distance(m: Meeting) -> tuple[int, date]:
        return min(abs((m.date - start).days), abs((m.date - end).days)), m.date

    chosen = sorted((*before, *after), key=distance)[:NEAREST]
    return sorted(chosen, key=lambda m: (m.date, m.id))


def document_name(session: Session, meeting: Meeting) -> str | None:
    if meeting.document_id is None:
        return None
    return session.scalar(select(Document.name).where(Document.id == meeting.document_id))


def status_word(meeting: MeetingResult, language: str, today: date) -> str:
    """ "holdt", "planlagt", "avlyst" — and a planned meeting whose day has passed without
    minutes says so."""
    if meeting.status == "planned" and meeting.date < today:
        return text(language, "meeting.status.planned_past")
    return text(language, f"meeting.status.{meeting.status}")


def meeting_cite(meeting: MeetingResult) -> str:
    """ "SSU 26.10.2026", as cases are cited."""
    return " ".join(x for x in (meeting.committee, short_date(meeting.date)) if x)


def asked_about(language: str, where: Scope, period: Period | None) -> str:
    """What was looked for, to be said when nothing fitted: " i SSU i oktober 2026"."""
    parts = []
    if where.committee:
        parts.append(text(language, "q.scope.committee", committee=where.committee))
    if period is not None:
        if period.start == period.end:
            parts.append(text(language, "q.scope.day", day=format_date(period.start, language)))
        elif period.start == date.min:
            parts.append(" " + format_period(period.start, period.end, language))
        else:
            found = format_period(period.start, period.end, language)
            parts.append(text(language, "q.scope.period", period=found))
    return "".join(parts)


def nearest_lines(meetings: list[Meeting], language: str, today: date) -> list[str]:
    """ "- SSU 14.12.2026 (planlagt)" for each meeting offered instead."""
    results = [meeting_result(m) for m in meetings]
    return [f"- {meeting_cite(m)} ({status_word(m, language, today)})" for m in results]


def known_scope(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> Scope | None:
    """The committee the question names, or all; None, with the answer saying so, when
    these minutes have no committee of that name."""
    where = scope(session, context.tenant, intent.committee)
    if where.known:
        return where
    assert intent.committee
    answer.text = unknown_committee(session, context.tenant, intent.committee, answer.language)
    answer.found = False
    return None


def asked_meetings(
    session: Session, context: AnswerContext, intent: Intent, answer: Answer
) -> list[Meeting]:
    """The held meetings a question about "the meeting" means, newest first: the last one
    when it names no period (or asks for the last), else those in the period. Empty when
    there are none, and then the answer says so: an unknown committee, a meeting still to
    come, or the meetings closest to what was asked."""
    where = known_scope(session, context, intent, answer)
    if where is None:
        return []
    every = intent.period is not None and not intent.last_meeting
    limit = None if every else 1  # the last one: not the committee's whole history
    held = held_meetings(session, context.tenant, where, intent.period, context.today, limit=limit)
    if held:
        return held
    _no_minutes(session, context, intent, where, answer)
    return []


def _no_minutes(
    session: Session, context: AnswerContext, intent: Intent, where: Scope, answer: Answer
) -> None:
    lang, today = answer.language, context.today
    answer.found = False
    unheld: list[Meeting] = []
    if intent.period:
        every = meetings_between(
            session, context.tenant, where, intent.period.start, intent.period.end
        )
        unheld = [m for m in every if m.status != "held"]
    if unheld:
        answer.meetings = [meeting_result(m) for m in unheld]
        answer.text = "\n".join(
            text(
                lang,
                "q.meeting_cancelled" if m.status == "cancelled" else "q.meeting_not_held",
                committee=m.committee or "?",
                when=render.meeting_when(m, lang, context.timezone),
            )
            for m in answer.meetings
        )
        return
    lines = [text(lang, "q.no_minutes", scope=asked_about(lang, where, intent.period))]
    nearest = nearest_meetings(session, context.tenant, where, intent.period, today, held=True)
    nearest = nearest or nearest_meetings(
        session, context.tenant, where, intent.period, today, held=False
    )
    if nearest:
        answer.meetings = [meeting_result(m) for m in nearest]
        lines += [text(lang, "q.nearest_meetings"), *nearest_lines(nearest, lang, today)]
    elif minuted := committees_with_minutes(session, context.tenant):
        lines.append(text(lang, "q.minutes_of", committees=joined(minuted, lang)))
    answer.text = "\n".join(lines)


def joined(names: list[str], language: str) -> str:
    """ "LSU, OSU og SSU" """
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {text(language, 'and')} {names[-1]}"


def committees_with_minutes(session: Session, tenant: str) -> list[str]:
    """The committees with a held meeting: what can be asked about instead."""
    held = session.scalars(
        select(Committee)
        .join(Meeting, Meeting.committee_id == Committee.id)
        .where(Committee.tenant == tenant, Meeting.status == "held")
    )
    return sorted({c.label for c in held.unique()})


def place_note(session: Session, tenant: str, meeting: MeetingResult, language: str) -> str:
    """For a meeting whose place the minutes do not give: says so, with where the
    committee last met (a hint, not a claim about this meeting)."""
    where = scope(session, tenant, meeting.committee)
    query = (
        _meetings(tenant, where)
        .where(Meeting.status == "held", Meeting.date < meeting.date)
        .where(Meeting.location.is_not(None))
        .order_by(Meeting.date.desc(), Meeting.id.desc())
    )
    last = session.scalars(query.limit(1)).first() if meeting.committee else None
    if last is None or not last.location:
        return text(language, "meeting.place_unknown")
    return text(language, "meeting.place_unknown.last", location=last.location)
