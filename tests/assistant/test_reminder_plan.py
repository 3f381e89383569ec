"""assistant/reminder_plan.py: the keys and stages of reminders, and which is due when;
run with the process's time zone set to each test zone (it must not matter)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.reminder_plan import (
    MeetingSlot,
    SubscriptionRule,
    TaskSlot,
    agenda_reminders,
    assignee_key,
    due_agenda_reminder,
    due_task_reminder,
    meeting_moment,
    task_stages,
)

OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.usefixtures("process_tz")


def _oslo(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=OSLO)


THURSDAY = MeetingSlot(7, date(2026, 12, 10), _oslo("2026-12-10 13:00"))
RULE = SubscriptionRule(3, "default", 11, (7, 1), 9 * 60)


def test_agenda_keys_name_the_meeting_time_and_offset() -> None:
    keys = [p.key for p in agenda_reminders(THURSDAY, RULE, OSLO)]
    assert keys == ["agenda:3:7:20261210T1200Z:7d", "agenda:3:7:20261210T1200Z:1d"]


def test_a_moved_meeting_has_other_keys() -> None:
    moved = MeetingSlot(7, date(2026, 12, 10), _oslo("2026-12-10 14:00"))
    before = {p.key for p in agenda_reminders(THURSDAY, RULE, OSLO)}
    after = {p.key for p in agenda_reminders(moved, RULE, OSLO)}
    assert not before & after


def test_only_the_latest_due_reminder_is_taken_and_a_passed_meeting_marks_it() -> None:
    assert due_agenda_reminder(THURSDAY, RULE, _oslo("2026-12-03 08:59"), OSLO) is None
    due = due_agenda_reminder(THURSDAY, RULE, _oslo("2026-12-09 10:00"), OSLO)
    assert due is not None and due.stage == "1d" and not due.passed
    late = due_agenda_reminder(THURSDAY, RULE, _oslo("2026-12-10 13:00"), OSLO)
    assert late is not None and late.passed


def test_a_meeting_without_a_time_is_taken_to_start_at_noon() -> None:
    untimed = MeetingSlot(8, date(2026, 12, 10), None)
    assert meeting_moment(untimed, OSLO) == _oslo("2026-12-10 12:00")


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        # Tuesday: two days before is Sunday -> back to Friday; overdue on Tuesdays
        ("2026-12-08", ["before Fri 04.12", "due Tue 08.12", "overdue1 Tue 15.12"]),
        # Saturday: two days before is Thursday; the due day -> back to Friday; a week
        # later is a Saturday -> on to Monday
        ("2026-12-12", ["before Thu 10.12", "due Fri 11.12", "overdue1 Mon 21.12"]),
        # Sunday 27 December: the due day goes back past Christmas Day (a holiday) to
        # Thursday 24th, where two days before (Friday 25th) lands too: one reminder
        ("2026-12-27", ["due Thu 24.12", "overdue1 Mon 04.01"]),
    ],
)
def test_task_stages_fall_on_working_days(due: str, expected: list[str]) -> None:
    stages = task_stages(date.fromisoformat(due), OSLO)
    shown = [f"{s} {at.astimezone(OSLO):%a %d.%m}" for s, at in stages]
    assert shown[: len(expected)] == expected
    assert all(at.astimezone(OSLO).strftime("%H:%M") == "09:00" for _, at in stages)


def test_task_reminders_stop_after_eight_overdue_weeks() -> None:
    stages = [s for s, _ in task_stages(date(2026, 12, 8), OSLO)]
    assert stages[-1] == "overdue8" and len(stages) == 10


def test_a_task_stage_is_keyed_by_due_date_and_assignee() -> None:
    task = TaskSlot(5, "default", date(2026, 12, 8), assignee_key(12, None), 11)
    due = due_task_reminder(task, _oslo("2026-12-08 09:00"), OSLO)
    assert due is not None and due.key == "task:5:2026-12-08:due:p12"
    postponed = TaskSlot(5, "default", date(2026, 12, 15), "p12", 11)
    later = due_task_reminder(postponed, _oslo("2026-12-08 09:00"), OSLO)
    assert later is None  # its first stage is on the 11th


def test_assignee_keys() -> None:
    assert (assignee_key(3, 9), assignee_key(None, 9), assignee_key(None, None)) == (
        "p3",
        "g9",
        "c",
    )
