"""Which reminders fall due, and under which key: plain functions of the record and a time.

A reminder's key names everything that makes it *this* reminder, so that it is sent once
and a changed record plans a new one instead of repeating or losing the old:

- agenda  `agenda:{subscription}:{meeting}:{meeting time, UTC}:{offset}d`: a meeting moved
  to another time has new keys (and the old ones are stale when they come up);
- task    `task:{task}:{due date}:{stage}:{assignee}`: a postponed task starts its stages
  again; a stage is never sent twice to the same assignee.

Of the reminders that have fallen due only the latest of each meeting (or task) is taken:
after downtime a reminder still before its meeting is sent late, the ones it supersedes
are not sent at all, and one whose meeting has passed is recorded as dropped.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from .reminder_times import (
    DEFAULT_HOUR,
    ReminderRule,
    is_working_day,
    planned_reminders,
)

# A meeting without a known time is taken to start at noon: its day-before reminder is
# still the day before, and it counts as passed after lunch.
ASSUMED_START = time(12, 0)
# Task stages: two days before the due date, on it, then weekly while overdue (at most
# this many weeks: a task months overdue is for the meeting, not for a reminder).
BEFORE_DAYS = 2
OVERDUE_WEEKS = 8
# SQL asks for meetings up to a subscription's lead time plus this many days ahead: a
# reminder moved back off a weekend or holiday is at most 14 days earlier than its offset.
SLACK_DAYS = 15
# Meetings this far back are still looked at, to record reminders that came too late.
LOOKBACK_DAYS = 7


@dataclass(frozen=True, slots=True)
class Planned:
    """A reminder: when it goes, where, about what, and its unique key."""

    key: str
    kind: str  # agenda | task
    stage: str
    at: datetime  # aware, UTC
    tenant: str
    conversation_ref_id: int | None
    subscription_id: int | None = None
    meeting_id: int | None = None
    meeting_at: datetime | None = None
    task_id: int | None = None
    task_due: date | None = None
    person_id: int | None = None  # a personal chat with them is created to send it
    passed: bool = False  # its meeting began before it could go: dropped


@dataclass(frozen=True, slots=True)
class MeetingSlot:
    meeting_id: int
    date: date
    starts_at: datetime | None


@dataclass(frozen=True, slots=True)
class SubscriptionRule:
    subscription_id: int
    tenant: str
    conversation_ref_id: int
    offsets_days: tuple[int, ...]
    at_minute: int
    since: datetime | None = None  # when it was made: a reminder before that was not owed

    @property
    def rule(self) -> ReminderRule:
        return ReminderRule(self.offsets_days, time(self.at_minute // 60, self.at_minute % 60))


def meeting_moment(meeting: MeetingSlot, tz: tzinfo) -> datetime:
    """When the meeting starts (UTC), or noon of its day when the minutes gave no time."""
    if meeting.starts_at is not None:
        return meeting.starts_at.astimezone(UTC)
    return datetime.combine(meeting.date, ASSUMED_START, tzinfo=tz).astimezone(UTC)


@functools.lru_cache(maxsize=8192)
def _agenda_times(
    moment: datetime, offsets: tuple[int, ...], at_minute: int, tz: tzinfo
) -> tuple[tuple[int, datetime], ...]:
    """(offset, UTC moment) of a meeting's reminders; cached: every pass asks again for
    the same meetings, and a committee's subscriptions share their rule."""
    rule = ReminderRule(offsets, time(at_minute // 60, at_minute % 60))
    return tuple((r.offset_days, r.at.astimezone(UTC)) for r in planned_reminders(moment, rule, tz))


def _agenda_planned(
    meeting: MeetingSlot,
    subscription: SubscriptionRule,
    moment: datetime,
    offset: int,
    at: datetime,
) -> Planned:
    return Planned(
        key=(
            f"agenda:{subscription.subscription_id}:{meeting.meeting_id}:"
            f"{moment:%Y%m%dT%H%MZ}:{offset}d"
        ),
        kind="agenda",
        stage=f"{offset}d",
        at=at,
        tenant=subscription.tenant,
        conversation_ref_id=subscription.conversation_ref_id,
        subscription_id=subscription.subscription_id,
        meeting_id=meeting.meeting_id,
        meeting_at=moment,
    )


def agenda_reminders(
    meeting: MeetingSlot, subscription: SubscriptionRule, tz: tzinfo
) -> list[Planned]:
    """All of a meeting's agenda reminders for one subscription, soonest first."""
    moment = meeting_moment(meeting, tz)
    times = _agenda_times(moment, subscription.offsets_days, subscription.at_minute, tz)
    return [_agenda_planned(meeting, subscription, moment, o, at) for o, at in times]


def due_agenda_reminder(
    meeting: MeetingSlot, subscription: SubscriptionRule, now: datetime, tz: tzinfo
) -> Planned | None:
    """The latest of the meeting's reminders that has fallen due by `now`, if any; marked
    `passed` when the meeting has begun."""
    moment = meeting_moment(meeting, tz)
    times = _agenda_times(moment, subscription.offsets_days, subscription.at_minute, tz)
    due = [(offset, at) for offset, at in times if at <= now]
    if not due:
        return None
    latest = _agenda_planned(meeting, subscription, moment, *due[-1])
    if moment <= now:
        if subscription.since is not None and latest.at < subscription.since:
            return None  # the meeting was over before the subscription began
        return _passed(latest)
    return latest


def _passed(planned: Planned) -> Planned:
    return Planned(**{**{f: getattr(planned, f) for f in planned.__slots__}, "passed": True})


@dataclass(frozen=True, slots=True)
class TaskSlot:
    task_id: int
    tenant: str
    due: date
    assignee: str  # "p12" (person), "g3" (group), "c" (the committee: nobody better known)
    conversation_ref_id: int | None  # where it goes; None with person_id: a chat is created
    person_id: int | None = None


def assignee_key(person_id: int | None, group_id: int | None) -> str:
    """Who a task reminder is for, as its key says: "p12", "g3", or "c" (the committee)."""
    if person_id is not None:
        return f"p{person_id}"
    return f"g{group_id}" if group_id is not None else "c"


def task_stages(due: date, tz: tzinfo, at: time = DEFAULT_HOUR) -> list[tuple[str, datetime]]:
    """(stage, moment) for a task due on `due`, soonest first: two days before and on the
    due date (moved back to the working day before a weekend or holiday), then a week,
    two weeks … after it (moved on to the next working day)."""
    return list(_task_times(due, tz, at))


@functools.lru_cache(maxsize=2048)
def _task_times(due: date, tz: tzinfo, at: time) -> tuple[tuple[str, datetime], ...]:
    stages: dict[datetime, str] = {}
    for stage, day in (("before", due - timedelta(days=BEFORE_DAYS)), ("due", due)):
        while not is_working_day(day):
            day -= timedelta(days=1)
        stages[datetime.combine(day, at, tzinfo=tz)] = stage  # "due" wins a shared day
    for week in range(1, OVERDUE_WEEKS + 1):
        day = due + timedelta(days=7 * week)
        while not is_working_day(day):
            day += timedelta(days=1)
        stages[datetime.combine(day, at, tzinfo=tz)] = f"overdue{week}"
    return tuple((stage, moment.astimezone(UTC)) for moment, stage in sorted(stages.items()))


def _task_planned(task: TaskSlot, stage: str, moment: datetime) -> Planned:
    return Planned(
        key=f"task:{task.task_id}:{task.due.isoformat()}:{stage}:{task.assignee}",
        kind="task",
        stage=stage,
        at=moment,
        tenant=task.tenant,
        conversation_ref_id=task.conversation_ref_id,
        task_id=task.task_id,
        task_due=task.due,
        person_id=task.person_id,
    )


def task_reminders(task: TaskSlot, tz: tzinfo) -> list[Planned]:
    return [_task_planned(task, s, m) for s, m in _task_times(task.due, tz, DEFAULT_HOUR)]


def due_task_reminder(task: TaskSlot, now: datetime, tz: tzinfo) -> Planned | None:
    """The task's latest stage that has fallen due by `now`; earlier stages not sent by
    then are superseded by it."""
    times = _task_times(task.due, tz, DEFAULT_HOUR)
    reached = bisect.bisect_right(times, now, key=lambda stage: stage[1])
    return _task_planned(task, *times[reached - 1]) if reached else None


def task_window(today: date) -> tuple[date, date]:
    """The due dates that can have a stage due today: from the last overdue week (and its
    move past a holiday) to the two days before (moved back)."""
    return today - timedelta(days=7 * OVERDUE_WEEKS + 7), today + timedelta(days=BEFORE_DAYS + 7)
