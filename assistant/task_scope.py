"""What a task question narrows its list by, besides whose tasks: a committee ("i SSU"), a
topic ("om LAR"), a period ("fra 2025", "fra møtet 14.10.") or the last meeting ("fra
forrige SSU-møte"). The committee, period and meeting narrow in SQL; the topic is read in
the tasks' own words and their cases' titles (topic_match), after SQL has found the few
tasks the rest allows. A task is of a period by the meeting that gave it, or, added in
chat with no meeting, by the day it was added (in the asker's time zone); asked by its
deadline ("med frist i desember", "due this week"), by its due date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from storage.models import Meeting, Task
from storage.records import committee_by_name

from .answer_context import AnswerContext
from .intents import Intent, Period
from .meeting_choice import Scope, last_held
from .search.analysis import Vocabulary
from .search.topic_match import TopicMatch, topic_match
from .texts import format_period, short_date, text


@dataclass(frozen=True, slots=True)
class TaskScope:
    committee: str | None = None  # as asked
    committee_ids: tuple[int, ...] | None = None
    topic: str | None = None
    period: Period | None = None
    last_meeting: bool = False
    meeting: Meeting | None = None  # the meeting "forrige møte" meant (None: there is none)
    about: TopicMatch = field(default_factory=lambda: TopicMatch(()))
    task_id: int | None = None  # "er oppgave 5 ferdig?": that one
    zone: ZoneInfo | None = None  # whose days a period's are (a chat task's day added)
    due: bool = False  # the period is the tasks' deadline

    def where(self) -> list[ColumnElement[bool]]:
        """The SQL conditions on Task of the committee, the period and the meeting."""
        conditions: list[ColumnElement[bool]] = []
        if self.task_id is not None:
            conditions.append(Task.id == self.task_id)
        if self.committee_ids is not None:
            conditions.append(Task.committee_id.in_(self.committee_ids))
        if self.last_meeting:  # none held yet: nothing (not the tasks of no meeting)
            conditions.append(Task.meeting_id == self.meeting.id if self.meeting else false())
        if self.period is not None and self.due:
            conditions.append(Task.due_date.between(self.period.start, self.period.end))
        elif self.period is not None:
            within = select(Meeting.id).where(
                Meeting.date >= self.period.start, Meeting.date <= self.period.end
            )
            conditions.append(or_(Task.meeting_id.in_(within), self._added_within()))
        return conditions

    def _added_within(self) -> ColumnElement[bool]:
        """A task added in chat without a meeting, on a day of the period."""
        assert self.period is not None
        added = [Task.meeting_id.is_(None)]
        zone = self.zone or ZoneInfo("UTC")
        if self.period.start > date.min:
            added.append(Task.created_at >= datetime.combine(self.period.start, time(), zone))
        if self.period.end < date.max:
            after = self.period.end + timedelta(days=1)
            added.append(Task.created_at < datetime.combine(after, time(), zone))
        return and_(*added)

    def keep(self) -> Callable[[Task], bool] | None:
        """The check of the topic on each task `where` found, in its own description and its
        case's title; None when there is no topic (SQL alone narrows)."""
        about = self.about
        if not about:
            return None

        def speaks_of_topic(task: Task) -> bool:
            title = task.case.title if task.case is not None else ""
            return about.held_by(f"{task.description}\n{title}")

        return speaks_of_topic

    def words(self, language: str) -> str:
        """The scope as a heading says it, and as the next page's words ask for it again:
        " om LAR i SSU fra 2025", " fra LSU-møtet 14.10.2026" (the last meeting, or a day
        in a committee, said the same way)."""
        parts = []
        if self.topic:
            parts.append(text(language, "tasks.scope.topic", topic=self.topic))
        committee, period = self.committee, self.period
        if self.due and period is not None:  # " med frist desember 2026"
            if committee:
                parts.append(text(language, "tasks.scope.committee", committee=committee))
            found = format_period(period.start, period.end, language)
            return "".join([*parts, text(language, "tasks.scope.due", period=found)])
        if self.last_meeting and self.meeting is not None:
            committee = self.meeting.committee.label if self.meeting.committee else None
            period = Period(self.meeting.date, self.meeting.date)
        if period is not None and period.start == period.end:
            day = short_date(period.start)
            if committee:
                parts.append(text(language, "tasks.scope.meeting", committee=committee, day=day))
            else:
                parts.append(text(language, "tasks.scope.day", day=day))
            return "".join(parts)
        if committee:
            parts.append(text(language, "tasks.scope.committee", committee=committee))
        if period is not None:
            parts.append(_period_words(period, language))
        elif self.last_meeting:  # there is none
            parts.append(text(language, "tasks.scope.last_meeting"))
        return "".join(parts)


def task_scope(
    session: Session,
    context: AnswerContext,
    intent: Intent,
    vocabulary: Vocabulary | None = None,
) -> TaskScope:
    """The scope `intent` asks for; `vocabulary` (the index's terms) lets a topic's typos
    reach the words of the minutes."""
    tenant, today = context.tenant, context.today
    ids = None
    if intent.committee:  # by name or alias (decision_answer.committee_ids: short name only)
        ids = tuple(c.id for c in committee_by_name(session, tenant, intent.committee))
    meeting = None
    if intent.last_meeting:
        meeting = last_held(session, tenant, Scope(intent.committee, ids), today)
    return TaskScope(
        committee=intent.committee,
        committee_ids=ids,
        topic=intent.topic,
        period=intent.period,
        last_meeting=intent.last_meeting,
        meeting=meeting,
        about=topic_match(intent.topic, vocabulary) if intent.topic else TopicMatch(()),
        task_id=intent.task_number,
        zone=context.timezone,
        due=intent.due,
    )


def _period_words(period: Period, language: str) -> str:
    if period.start == date.min:  # "før 1. januar 2024" says its own preposition
        return " " + format_period(period.start, period.end, language)
    found = format_period(period.start, period.end, language)
    return text(language, "tasks.scope.period", period=found)
