"""When a meeting's reminders go out: the committee's offsets (default 7 days and 1 day
before) at its hour (default 09:00) in its time zone, moved off weekends and Norwegian
public holidays (the `holidays` package's calendar, not a list of our own).

- A reminder day that is not a working day moves to the next working day, same hour.
- If that is not before the meeting any more, it moves back to the last working day
  before the meeting instead; if there is none in time, the reminder is dropped.
- Two offsets that land on the same moment are one reminder (the nearer offset's).
- Hours are wall-clock hours in the committee's zone: 09:00 stays 09:00 across DST.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

import holidays

DEFAULT_OFFSETS = (7, 1)
DEFAULT_HOUR = time(9, 0)
# Reminders are meant for office hours: a configured hour outside these is refused.
EARLIEST, LATEST = time(7, 0), time(18, 0)


@dataclass(frozen=True, slots=True)
class ReminderRule:
    offsets_days: tuple[int, ...] = DEFAULT_OFFSETS
    at: time = DEFAULT_HOUR

    def __post_init__(self) -> None:
        if not self.offsets_days or any(d < 0 or d > 60 for d in self.offsets_days):
            raise ValueError("offsets are whole days before the meeting, 0 to 60")
        if not EARLIEST <= self.at <= LATEST:
            raise ValueError(f"reminders go out between {EARLIEST:%H:%M} and {LATEST:%H:%M}")


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    offset_days: int
    at: datetime  # aware


@functools.lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def _at(day: date, hour: time, tz: tzinfo) -> datetime:
    return datetime.combine(day, hour, tzinfo=tz)


def planned_reminders(
    meeting_start: datetime, rule: ReminderRule, tz: tzinfo
) -> list[PlannedReminder]:
    """The reminders for a meeting starting at `meeting_start` (aware), soonest first."""
    start = meeting_start.astimezone(tz)
    by_moment: dict[datetime, int] = {}
    for offset in sorted(set(rule.offsets_days), reverse=True):
        day = start.date() - timedelta(days=offset)
        while not is_working_day(day):
            day += timedelta(days=1)
        if _at(day, rule.at, tz) >= start:
            day = start.date() - timedelta(days=offset)
            while not is_working_day(day) or _at(day, rule.at, tz) >= start:
                day -= timedelta(days=1)
                if (start.date() - day).days > offset + 14:
                    break
            else:
                by_moment[_at(day, rule.at, tz)] = offset
            continue
        by_moment[_at(day, rule.at, tz)] = offset
    return [PlannedReminder(offset, at) for at, offset in sorted(by_moment.items())]
