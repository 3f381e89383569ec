"""Owners that mean the asker ("meg", "jeg", "I") and dates without a year whose this-year
date has just passed ("1. desember" typed on 4 December), with the near misses of each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.commands import AddTask, parse_command
from assistant.self_reference import leading_asker, means_asker
from assistant.when import find_when, parse_when, recently_passed

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")
DEC_4 = datetime(2026, 12, 4, 10, tzinfo=UTC)  # Friday 4 December 2026, in both zones


@pytest.mark.parametrize(
    "answer",
    ["meg", "Meg", "jeg", "Jeg.", "eg", "me", "I", "i", "myself", "meg selv", " MEG! "],
)
def test_answers_that_mean_the_asker(answer: str) -> None:
    assert means_asker(answer)


@pytest.mark.parametrize(
    "answer",
    ["Meg Ryan", "Megan", "Ingrid", "Ine", "IT", "jeger", "meget", "meg og Britt", "jeg er Per",
     "me and Amir", "Iver", "mei", "egil", "deg", ""],
)  # fmt: skip
def test_near_misses_are_not_the_asker(answer: str) -> None:
    assert not means_asker(answer)


@pytest.mark.parametrize(
    ("description", "language", "rest"),
    [
        ("jeg sender rapport til LSU", "nb", "sender rapport til LSU"),
        ("Jeg lager programforslag", "nb", "lager programforslag"),
        ("eg ringjer fastlegane", "nb", "ringjer fastlegane"),
        ("I draft the budget note", "en", "draft the budget note"),
        ("jeg sender rapport", "en", "sender rapport"),
    ],
)
def test_a_description_led_by_the_asker(description: str, language: str, rest: str) -> None:
    assert leading_asker(description, language) == rest


@pytest.mark.parametrize(
    ("description", "language"),
    [
        ("Meg Ryan sender rapport", "nb"),  # a first name and a surname
        ("meg sender rapport", "nb"),  # the object form leads no sentence
        ("I morgen sender Per rapporten", "nb"),  # Norwegian "i morgen": tomorrow
        ("I Drammen sender Per rapporten", "en"),  # a capital after "I": a place, not a verb
        ("jeg og Britt sender rapport", "nb"),  # more than the asker
        ("I and Amir draft it", "en"),
        ("Ingrid sender rapport", "nb"),
        ("jeger ordner jaktlaget", "nb"),
        ("jeg", "nb"),  # nothing to do
        ("sender rapport, jeg", "nb"),  # not in front
    ],
)
def test_descriptions_not_led_by_the_asker(description: str, language: str) -> None:
    assert leading_asker(description, language) is None


def test_a_one_line_command_led_by_jeg_keeps_its_deadline() -> None:
    command = parse_command("oppgave: jeg sender rapport til LSU innen 15. desember", DEC_4, OSLO)
    assert isinstance(command, AddTask)
    assert command.description == "jeg sender rapport til LSU"
    assert command.due is not None and command.due.day == date(2026, 12, 15)
    assert leading_asker(command.description, "nb") == "sender rapport til LSU"


@pytest.mark.parametrize(
    ("written", "day", "passed"),
    [
        ("innen 1. desember", date(2027, 12, 1), date(2026, 12, 1)),
        ("frist 1.12", date(2027, 12, 1), date(2026, 12, 1)),
        ("by December 3rd", date(2027, 12, 3), date(2026, 12, 3)),
        ("innen 1. juli", date(2027, 7, 1), date(2026, 7, 1)),  # nearer than next July
        ("innen fredag 27. november", date(2027, 11, 27), date(2026, 11, 27)),
    ],
)
def test_a_date_just_passed_is_next_years_and_says_so(
    written: str, day: date, passed: date
) -> None:
    found = find_when(f"oppgave: Per sender brevet {written}", DEC_4, OSLO)
    assert found is not None and (found.day, found.passed) == (day, passed)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("innen 4. desember", date(2026, 12, 4)),  # today
        ("innen 5.12", date(2026, 12, 5)),
        ("innen 5. januar", date(2027, 1, 5)),  # next year's, as meant
        ("innen 1. juni", date(2027, 6, 1)),  # next June is nearer than the last
        ("innen 1.12.2026", date(2026, 12, 1)),  # a year written: past, asked otherwise
        ("innen 1. desember 2027", date(2027, 12, 1)),
        ("innen 2026-12-01", date(2026, 12, 1)),
        ("innen fredag", date(2026, 12, 11)),  # weekdays are never behind
        ("uke 48", date(2027, 12, 3)),  # approximate: not a date written without a year
    ],
)
def test_dates_that_are_not_a_passed_one_moved_on(written: str, day: date) -> None:
    found = find_when(written, DEC_4, OSLO)
    assert found is not None and found.day == day and found.passed is None


def test_a_whole_answer_read_by_dateparser_says_so_too() -> None:
    found = parse_when("December the 1st", DEC_4, OSLO)
    assert found is not None and (found.day, found.passed) == (date(2027, 12, 1), date(2026, 12, 1))
    found = parse_when("December the 1st 2026", DEC_4, OSLO)
    assert found is None or found.passed is None


def test_passed_depends_on_the_committees_zone() -> None:
    # 23:30 UTC on 3 December: already 4 December in Oslo, still 3 December in New York.
    late = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    oslo = find_when("innen 3. desember", late, OSLO)
    assert oslo is not None and (oslo.day, oslo.passed) == (date(2027, 12, 3), date(2026, 12, 3))
    new_york = find_when("innen 3. desember", late, NEW_YORK)
    assert new_york is not None and (new_york.day, new_york.passed) == (date(2026, 12, 3), None)


def test_recently_passed_edges() -> None:
    today = date(2027, 3, 1)
    assert recently_passed(today, date(2028, 2, 29)) is None  # no 29 February in 2027
    assert recently_passed(today, date(2028, 2, 28)) == date(2027, 2, 28)
    assert recently_passed(today, date(2027, 2, 28)) is None  # this year's: not moved on
