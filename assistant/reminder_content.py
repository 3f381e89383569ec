"""What a reminder says, read from the record when it is sent (not when it was planned),
and whether it is still true: a meeting moved or cancelled since, a task done or
postponed since, makes the reminder stale and it is dropped instead of sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Delivery, Document, Meeting, Subscription, Task

from . import render
from .answer_types import CaseResult, MeetingResult, TaskResult
from .meeting_answer import CARRY_OVER_DAYS, agenda_cases, meeting_result
from .reminder_plan import MeetingSlot, assignee_key, meeting_moment
from .task_answer import task_result
from .texts import format_date, short_date, text


@dataclass(frozen=True, slots=True)
class Stale:
    reason: str  # for the log and the ledger, in English


@dataclass(frozen=True, slots=True)
class AgendaReminder:
    meeting: MeetingResult
    meeting_id: int
    # Where the meeting comes from: ("minutes", document name) or ("chat", who added it).
    source: tuple[str, str] | None
    cases: list[CaseResult]  # filed for the meeting
    # Postponed to it from an earlier meeting, and what earlier minutes set for it (roles
    # "carried" and "set"), as the agenda answer lists them.
    earlier: list[CaseResult]
    due_before: list[TaskResult]  # open tasks of the committee due by the meeting
    previous: date | None  # the committee's previous meeting
    carried_over: list[TaskResult]  # unfinished tasks from it

    def text(self, language: str, tz: tzinfo, today: date) -> str:
        """The reminder as chat text (Slack, or where cards are not shown)."""
        lines = [self.title(language, tz)]
        if self.cases:
            lines += ["", text(language, "reminder.agenda.cases")]
            lines += [f"- {render.case_heading(c, language)}" for c in self.cases]
        elif not self.earlier:
            lines += ["", text(language, "reminder.agenda.no_cases")]
        for head, items in render.earlier_items(self.earlier, language):
            lines += ["", head, *(f"- {item}" for item in items)]
        if self.due_before:
            lines += ["", text(language, "reminder.agenda.due_before")]
            lines += [render.task_line(t, language, today) for t in self.due_before]
        if self.carried_over and self.previous:
            lines += ["", self.carried_over_heading(language)]
            lines += [render.task_line(t, language, today) for t in self.carried_over]
        if (source := self.source_line(language)) is not None:
            lines += ["", source]
        return "\n".join(lines)

    def source_line(self, language: str) -> str | None:
        if self.source is None:
            return None
        kind, value = self.source
        return text(language, f"reminder.source.{kind}", source=value)

    def title(self, language: str, tz: tzinfo) -> str:
        committee = self.meeting.committee or "?"
        when = render.meeting_when(self.meeting, language, tz)
        return text(language, "reminder.agenda.title", committee=committee, when=when)

    def carried_over_heading(self, language: str) -> str:
        day = short_date(self.previous) if self.previous else "?"
        return text(language, "reminder.agenda.carried_over", date=day)


@dataclass(frozen=True, slots=True)
class TaskReminder:
    task: TaskResult
    stage: str  # before | due | overdueN: when it was planned for (its key), not what it says

    def heading(self, language: str, today: date) -> str:
        """What the due date is from `today` (the day it is sent, in the committee's zone),
        as the card's «forfalt» reckons it: a due-day reminder sent late (a Connector
        retrying, the bot down) says the task is overdue, not that it is due today."""
        due = self.task.due_date
        if due is None:  # not sent: a task whose due date went is stale (see _task)
            return text(language, "reminder.task.before", due="?")
        when = format_date(due, language)
        if due > today:
            return text(language, "reminder.task.before", due=when)
        if due == today:
            return text(language, "reminder.task.due")
        return text(language, "reminder.task.overdue", due=when)

    def text(self, language: str, today: date) -> str:
        owner_line = render.task_line(self.task, language, today)
        source = render.source_line(self.task, language)
        return "\n".join([self.heading(language, today), owner_line, source])


Content = AgendaReminder | TaskReminder | Stale


def reminder_content(session: Session, delivery: Delivery, now: datetime, tz: tzinfo) -> Content:
    if delivery.kind == "agenda":
        return _agenda(session, delivery, now, tz)
    return _task(session, delivery)


def _agenda(session: Session, delivery: Delivery, now: datetime, tz: tzinfo) -> Content:
    meeting = session.get(Meeting, delivery.meeting_id) if delivery.meeting_id else None
    if meeting is None or meeting.status == "cancelled":
        return Stale("the meeting was cancelled")
    moment = meeting_moment(MeetingSlot(meeting.id, meeting.date, meeting.starts_at), tz)
    if delivery.meeting_at is not None and moment != delivery.meeting_at:
        return Stale(f"the meeting was moved (to {moment:%Y-%m-%d %H:%M} UTC)")
    if moment <= now:
        return Stale("the meeting had begun")
    subscription = (
        session.get(Subscription, delivery.subscription_id) if delivery.subscription_id else None
    )
    if subscription is None or not subscription.active:
        return Stale("the subscription was stopped")
    return agenda_reminder(session, meeting)


def agenda_reminder(session: Session, meeting: Meeting) -> AgendaReminder:
    """The meeting's cases (those added in chat too) with those postponed to it and what
    earlier minutes set for it, the committee's open tasks due by the meeting, and what is
    still open from its previous meeting."""
    cases = agenda_cases(session, meeting)
    previous = session.scalar(
        select(Meeting)
        .where(Meeting.committee_id == meeting.committee_id, Meeting.status != "cancelled")
        .where(Meeting.date < meeting.date)
        .order_by(Meeting.date.desc(), Meeting.id.desc())
        .limit(1)
    )
    carried: list[Task] = []
    if previous is not None:
        carried = list(
            session.scalars(
                select(Task)
                .where(Task.meeting_id == previous.id, Task.status == "open")
                .order_by(Task.due_date.is_(None), Task.due_date, Task.id)
            ).unique()
        )
    carried_ids = {t.id for t in carried}
    recent = meeting.date - timedelta(days=CARRY_OVER_DAYS)
    due = [
        t
        for t in session.scalars(
            select(Task)
            .outerjoin(Meeting, Meeting.id == Task.meeting_id)
            .where(Task.committee_id == meeting.committee_id, Task.status == "open")
            .where(Task.due_date.is_not(None), Task.due_date <= meeting.date)
            .where(or_(Task.meeting_id.is_(None), Meeting.date >= recent))
            .order_by(Task.due_date, Task.id)
        ).unique()
        if t.id not in carried_ids
    ]
    source: tuple[str, str] | None = None
    if meeting.origin == "chat":
        source = ("chat", meeting.created_by or "?")
    elif meeting.document_id is not None and (doc := session.get(Document, meeting.document_id)):
        source = ("minutes", doc.name)
    return AgendaReminder(
        meeting=meeting_result(meeting),
        meeting_id=meeting.id,
        source=source,
        cases=cases.filed,
        earlier=[*cases.carried, *cases.set_items],
        due_before=[task_result(t) for t in due],
        previous=previous.date if previous else None,
        carried_over=[task_result(t) for t in carried],
    )


def _task(session: Session, delivery: Delivery) -> Content:
    task = session.get(Task, delivery.task_id) if delivery.task_id else None
    if task is None:
        return Stale("the task was deleted")
    if task.status != "open":
        return Stale("the task was done")
    if delivery.task_due is not None and task.due_date != delivery.task_due:
        return Stale("the task's due date changed")
    if delivery.key.rsplit(":", 1)[-1] != assignee_key(task.person_id, task.group_id):
        return Stale("the task was given to someone else")
    return TaskReminder(task_result(task), delivery.stage)


def sent_task_reminder(session: Session, activity_id: str | None) -> TaskReminder | None:
    """The task reminder that went out as message `activity_id`, with the task as it is
    now (for updating its card)."""
    if not activity_id:
        return None
    delivery = session.scalar(
        select(Delivery)
        .where(Delivery.activity_id == activity_id, Delivery.kind == "task")
        .limit(1)
    )
    if delivery is None or delivery.task_id is None:
        return None
    task = session.get(Task, delivery.task_id)
    return TaskReminder(task_result(task), delivery.stage) if task is not None else None
