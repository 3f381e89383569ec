"""Reading a message takes time linear in its length (issue 13: one 200 KB message, "a a a …",
kept the bot's event loop busy for 23 s in intent recognition).

Linear, shown without a wall-clock limit: each shape of message is timed at n and at 8n
characters. Linear work takes about 8 times as long for 8 times the text, quadratic work 64
times; the bound is 20 — 2.5 times linear, room for a loaded two-core machine, and far below
what the quadratic spots fixed here took (50-70 times, more for the cubic ones). Timings are
of this thread's CPU time, which other processes on the machine do not add to; each is the
best of three (a run slowed by anything else is slower, never faster), repeats the call
until it has run 10 ms (so the clock's grain and a call's fixed cost do not count), and runs
with the garbage collector paused. Each shape's answer for the long text is checked too: a
long message is read the way its short form is, and the near misses still miss.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.commands import AddTask, ScheduleMeeting, TaskAction, parse_command
from assistant.intents import Intent, IntentKind, Period, recognize
from assistant.when import parse_when
from dialogs.capture_dialog import is_cancel
from dialogs.prompts import means_none

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
OSLO = ZoneInfo("Europe/Oslo")
RATIO = 20  # for 8 times the text; see the module's docstring


def _run_for(f: Callable[[str], object], text: str, runs: int) -> float:
    started = time.thread_time()
    for _ in range(runs):
        f(text)
    return time.thread_time() - started


def _seconds_per_call(f: Callable[[str], object], text: str) -> float:
    runs = 1
    while (elapsed := _run_for(f, text, runs)) < 0.01:
        runs *= 4
    return min([elapsed, _run_for(f, text, runs), _run_for(f, text, runs)]) / runs


def assert_linear(f: Callable[[str], object], shape: Callable[[int], str], n: int) -> None:
    """f takes less than RATIO times as long for shape(8n) as for shape(n)."""
    gc.collect()
    gc.disable()
    try:
        small = _seconds_per_call(f, shape(n))
        large = _seconds_per_call(f, shape(8 * n))
    finally:
        gc.enable()
    assert large < RATIO * small, f"{large / small:.1f} times the time for 8 times the text"


def _repeated(head: str, unit: str, tail: str = "") -> Callable[[int], str]:
    """A message of about n characters: head, unit again and again, tail."""
    return lambda n: head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


def _recognize(text: str) -> Intent:
    return recognize(text, today=TODAY)


LAR = Intent(IntentKind.DECISION, "nb", topic="LAR")
UNKNOWN = Intent(IntentKind.UNKNOWN, "nb")

# (shape, n, the intent of the long message): the shapes the issue names, and one for each
# spot that was quadratic.
RECOGNIZED = {
    "a a a (the issue's message)": (_repeated("", "a "), 8000, UNKNOWN),
    "one long word": (_repeated("", "a"), 2000, UNKNOWN),
    "a question again and again": (
        _repeated("", "Hva ble bestemt om LAR og TUD i SSU i 2023? "),
        2000,
        None,
    ),
    "numbers 1. 2. 3.": (_repeated("", "1. 2. 3. 4. 5. "), 2000, UNKNOWN),
    "dates": (_repeated("", "5.12 "), 2000, None),
    "og og og": (_repeated("", "og "), 1000, UNKNOWN),
    "committee names": (_repeated("", "SSU LSU OSU FSU "), 2000, None),
    "punctuation": (_repeated("", "?!.,;-"), 2000, UNKNOWN),
    "**a": (_repeated("", "**a "), 2000, UNKNOWN),
    "thanks at the end": (_repeated("hva ble bestemt om LAR", " takk"), 1000, LAR),
    "og before the question": (_repeated("", "og ", "hva ble bestemt om LAR"), 1000, LAR),
    "politeness before it": (_repeated("", "kan du si meg ", "hva ble bestemt om LAR"), 1000, LAR),
    "link words before the topic": (_repeated("hva ble bestemt om ", "om ", "LAR"), 1000, LAR),
    "dates in the topic": (_repeated("hva ble bestemt om ", "planen for 2024 "), 1000, None),
    "a frame that looks to the end": (_repeated("how is LAR going", " takk"), 1000, None),
    "owner words before the task noun": (
        _repeated("", "have ", "a b c d tasks"),
        1000,
        Intent(IntentKind.MY_TASKS, "en"),
    ),
    "mentions": (_repeated("", "@Referent ", "hva ble bestemt om LAR"), 1000, LAR),
}


@pytest.mark.parametrize(("shape", "n", "intent"), RECOGNIZED.values(), ids=list(RECOGNIZED))
def test_recognize_is_linear(shape: Callable[[int], str], n: int, intent: Intent | None) -> None:
    assert_linear(_recognize, shape, n)
    if intent is not None:
        assert _recognize(shape(8 * n)) == intent


def test_long_forms_read_as_the_short_ones() -> None:
    long = _recognize("Hva ble bestemt om LAR og TUD i SSU i 2023? " * 100)
    assert (long.kind, long.committee) == (IntentKind.DECISION, "SSU")
    assert long.period == Period(date(2023, 1, 1), date(2023, 12, 31))
    topic = _recognize("hva ble bestemt om " + "planen for 2024 " * 100)
    assert topic.period is None and (topic.topic or "").startswith("planen for 2024 planen")
    how = _recognize("how is LAR going" + " takk" * 1000)
    assert (how.kind, how.topic) == (IntentKind.DECISION, "LAR")


def test_dates_in_the_topic_are_passed_over_four_times() -> None:
    """Each date that names a thing costs a new search for the period, so only four are
    passed over; with a fifth the question is read without a period."""
    four = (
        "hva ble bestemt om planen for 2024, planen for 2025, planen for 2026 og planen for 2027"
        " i fjor"
    )
    assert _recognize(four).period == Period(date(2025, 1, 1), date(2025, 12, 31))
    five = (
        "hva ble bestemt om planen for 2023, planen for 2024, planen for 2025, planen for 2026"
        " og planen for 2027 i fjor"
    )
    assert _recognize(five).period is None


def _command(text: str) -> object:
    return parse_command(text, NOW, OSLO)


# Commands after long runs of spaces: each was quadratic or cubic in them, and each is a
# near miss (something follows that the command does not allow), except where noted.
SPACES = " "
COMMANDS = {
    "reminder settings without før": (_repeated("påminnelser", SPACES, "x"), 200, None),
    "postpone across a line break": (_repeated("utsett oppgave 12 ", SPACES, "a\nb"), 200, None),
    "done with a word after": (_repeated("ferdig med oppgave 12", SPACES, "x"), 500, None),
    "reopen with a word after": (_repeated("gjenåpne oppgave 12", SPACES, "x"), 500, None),
    "identity with a word after": (_repeated("jeg er Britt", SPACES, "x"), 500, None),
    "subscribe with a word after": (_repeated("abonner på SSU", SPACES, "x"), 500, None),
    "unsubscribe with a word after": (_repeated("stopp påminnelsene", SPACES, "x"), 500, None),
    "move a meeting: many til, no date": (_repeated("flytt møtet ", "til ", "x"), 500, None),
}


@pytest.mark.parametrize(("shape", "n", "command"), COMMANDS.values(), ids=list(COMMANDS))
def test_parse_command_is_linear(shape: Callable[[int], str], n: int, command: object) -> None:
    assert_linear(_command, shape, n)
    assert _command(shape(8 * n)) == command


def test_parse_command_long_commands_are_linear_and_still_read() -> None:
    reassign = _repeated("gi oppgave 12 til a", SPACES, "b")
    assert_linear(_command, reassign, 500)
    assert _command(reassign(4000)) == TaskAction(
        "reassign", 12, assignee=reassign(4000).split("til ", 1)[1]
    )
    task = _repeated("oppgave: ", "lag et notat ", "innen 5.12")
    assert_linear(_command, task, 1000)
    added = _command(task(8000))
    assert isinstance(added, AddTask) and added.due and added.due.day == date(2026, 12, 5)
    meeting = _repeated("nytt møte SSU 24. desember kl 13 ", "Grønland 32 ")
    assert_linear(_command, meeting, 1000)
    scheduled = _command(meeting(8000))
    assert isinstance(scheduled, ScheduleMeeting) and scheduled.committee == "SSU"


@pytest.mark.parametrize(
    "shape",
    [_repeated("5.12", SPACES, "a kl 13"), _repeated("kl 13", SPACES, "a 5.12")],
    ids=["date then a far time", "time then a far date"],
)
def test_a_dialog_date_answer_is_linear(shape: Callable[[int], str]) -> None:
    """A day and a time join only across a short gap; a long one is no join, found out in
    linear time (and the answer, not all one date, is no date)."""
    assert_linear(lambda text: parse_when(text, NOW, OSLO), shape, 500)
    assert parse_when(shape(4000), NOW, OSLO) is None


@pytest.mark.parametrize(
    ("check", "word"),
    [(is_cancel, "avbryt"), (means_none, "ingen frist")],
    ids=["cancel", "no due date"],
)
def test_dialog_answers_are_linear(check: Callable[[str], bool], word: str) -> None:
    """What every dialog answer is checked for first ("avbryt"; "hjelp" ends the same way)
    and a deadline's "ingen frist": a long answer that is neither is found out in linear
    time."""
    shape = _repeated(word, SPACES, "x")
    assert_linear(check, shape, 500)
    assert not check(shape(4000))
    assert check(word + SPACES * 4000 + "!  ")
