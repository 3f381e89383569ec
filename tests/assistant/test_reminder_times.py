"""assistant/reminder_times.py: the moments a meeting's reminders go out, run with the
process's own time zone set to each of the test zones (it must not matter)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from assistant.reminder_times import (
    PlannedReminder,
    ReminderRule,
    is_working_day,
    planned_reminders,
)

OSLO = ZoneInfo("Europe/Oslo")


def _plan(start: datetime, rule: ReminderRule | None = None) -> list[tuple[int, str]]:
    found = planned_reminders(start, rule or ReminderRule(), OSLO)
    return [(r.offset_days, r.at.astimezone(OSLO).strftime("%a %Y-%m-%d %H:%M")) for r in found]


def _oslo(y: int, m: int, d: int, h: int = 13) -> datetime:
    return datetime(y, m, d, h, tzinfo=OSLO)


@pytest.mark.usefixtures("process_tz")
@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Thursday 13:00: a week before and the day before, at nine
        (_oslo(2026, 12, 10), [(7, "Thu 2026-12-03 09:00"), (1, "Wed 2026-12-09 09:00")]),
        # Monday: the day before is a Sunday -> Monday morning, still before 13:00
        (_oslo(2026, 12, 14), [(7, "Mon 2026-12-07 09:00"), (1, "Mon 2026-12-14 09:00")]),
        # Monday 08:00: Monday 09:00 is too late -> the Friday before
        (_oslo(2026, 12, 14, 8), [(7, "Mon 2026-12-07 09:00"), (1, "Fri 2026-12-11 09:00")]),
        # Tuesday 29 December: the day before is a working Monday; 7 days before is the 22nd
        (_oslo(2026, 12, 29), [(7, "Tue 2026-12-22 09:00"), (1, "Mon 2026-12-28 09:00")]),
        # Thursday 2 April 2026 (skjærtorsdag) is a holiday: a week before -> 26 March;
        # a meeting on 7 April (after Easter Monday): the day before is Easter Monday
        # -> Tuesday 7 April 09:00, before 13:00
        (_oslo(2026, 4, 7), [(7, "Tue 2026-03-31 09:00"), (1, "Tue 2026-04-07 09:00")]),
        # 18 May 2026: the day before is 17 May (Sunday, and a holiday)
        (_oslo(2026, 5, 18), [(7, "Mon 2026-05-11 09:00"), (1, "Mon 2026-05-18 09:00")]),
    ],
)
def test_reminders_go_out_on_working_days_at_nine(
    start: datetime, expected: list[tuple[int, str]]
) -> None:
    assert _plan(start) == expected


def test_nine_oclock_is_local_across_daylight_saving() -> None:
    # A meeting on 1 April 2026: 7 days before (25 March) is winter time (UTC+1), the day
    # before (31 March) summer time (UTC+2, since 29 March)
    (week, day) = planned_reminders(_oslo(2026, 4, 1, 13), ReminderRule(), OSLO)
    assert (week.at.utcoffset(), day.at.utcoffset()) == (
        datetime(2026, 3, 25, tzinfo=OSLO).utcoffset(),
        datetime(2026, 3, 31, tzinfo=OSLO).utcoffset(),
    )
    assert week.at.time() == day.at.time() == time(9)


def test_offsets_that_meet_are_one_reminder() -> None:
    # Meeting Monday 13:00; offsets 2 (Saturday -> Monday 09:00) and 0 (Monday 09:00)
    found = planned_reminders(_oslo(2026, 12, 14), ReminderRule((2, 0)), OSLO)
    assert found == [PlannedReminder(0, datetime(2026, 12, 14, 9, tzinfo=OSLO))]


def test_no_working_morning_before_an_early_meeting_is_no_reminder() -> None:
    assert planned_reminders(_oslo(2026, 12, 14, 8), ReminderRule((0,)), OSLO) == [
        PlannedReminder(0, datetime(2026, 12, 11, 9, tzinfo=OSLO))
    ]
    # a meeting at 06:00 on the Tuesday after Easter: the nearest working morning before
    # it is the Wednesday before Easter (Thursday to Monday are holidays or weekend)
    found = planned_reminders(_oslo(2026, 4, 7, 6), ReminderRule((1,)), OSLO)
    assert found == [PlannedReminder(1, datetime(2026, 4, 1, 9, tzinfo=OSLO))]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # julaften is not a public holiday
        (date(2026, 12, 25), False),
        (date(2026, 5, 14), False),  # Kristi himmelfartsdag
        (date(2026, 5, 17), False),
        (date(2026, 11, 23), True),
        (date(2026, 11, 28), False),  # Saturday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("offsets", "at"),
    [((), time(9)), ((-1,), time(9)), ((61,), time(9)), ((7,), time(22)), ((7,), time(6))],
)
def test_a_rule_outside_office_hours_or_days_is_refused(offsets: tuple[int, ...], at: time) -> None:
    with pytest.raises(ValueError):
        ReminderRule(offsets, at)
