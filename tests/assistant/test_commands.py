"""assistant/commands.py: one-line commands, and the questions that must stay questions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from assistant.commands import (
    AddTask,
    LinkIdentity,
    MoveMeeting,
    NewCase,
    ScheduleMeeting,
    Subscription,
    TaskAction,
    parse_command,
)

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Monday
ZONES = [ZoneInfo("Europe/Oslo"), ZoneInfo("America/New_York")]


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(
    ("text", "description", "due"),
    [
        (
            "oppgave: Christine sender forespørsel til LSU-ene innen 5. desember",
            "Christine sender forespørsel til LSU-ene",
            date(2026, 12, 5),
        ),
        (
            "/oppgave AU lager programforslag frist 24.10",
            "AU lager programforslag",
            date(2027, 10, 24),
        ),
        (
            "task: Amir drafts the proposal by next Friday",
            "Amir drafts the proposal",
            date(2026, 12, 4),
        ),
        (
            "Oppgave: Britt lager budsjettnotat innen 1. mars.",
            "Britt lager budsjettnotat",
            date(2027, 3, 1),
        ),
        ("ny oppgave: AU rydder i mappen", "AU rydder i mappen", None),
        ("add task: Geir calls the GP", "Geir calls the GP", None),
        ("ny oppgave", "", None),
        ("/task", "", None),
    ],
)
def test_add_task(text: str, description: str, due: date | None, tz: ZoneInfo) -> None:
    command = parse_command(text, NOW, tz)
    assert isinstance(command, AddTask)
    assert command.description == description
    assert (command.due.day if command.due else None) == due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ferdig med oppgave 12", TaskAction("done", 12)),
        ("oppgave 12 er ferdig", TaskAction("done", 12)),
        ("Oppgave nr. 7 utført!", TaskAction("done", 7)),
        ("marker oppgave 3 som ferdig", TaskAction("done", 3)),
        ("done with task 12", TaskAction("done", 12)),
        ("mark task #9 as done", TaskAction("done", 9)),
        ("gjenåpne oppgave 4", TaskAction("reopen", 4)),
        ("gi oppgave 12 til Britt Kveseth", TaskAction("reassign", 12, assignee="Britt Kveseth")),
        ("reassign task 5 to AU", TaskAction("reassign", 5, assignee="AU")),
    ],
)
def test_task_actions(text: str, expected: TaskAction) -> None:
    assert parse_command(text, NOW, ZONES[0]) == expected


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("utsett oppgave 12 til 1. februar", date(2027, 2, 1)),
        ("ny frist for oppgave 12: 15.12", date(2026, 12, 15)),
        ("flytt oppgave 12 til 4. desember", date(2026, 12, 4)),  # a date, not a person
        ("postpone task 12 to January 10", date(2027, 1, 10)),
    ],
)
def test_postpone(text: str, due: date, tz: ZoneInfo) -> None:
    command = parse_command(text, NOW, tz)
    assert isinstance(command, TaskAction) and command.action == "postpone"
    assert command.task_id == 12 and command.due is not None and command.due.day == due


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ny sak", NewCase(None, None)),
        ("meld inn sak", NewCase(None, None)),
        ("meld inn en sak til SSU: Legevaktsamarbeid", NewCase("SSU", "Legevaktsamarbeid")),
        ("ny sak for lsu", NewCase("LSU", None)),
        ("new case item: Budget 2027", NewCase(None, "Budget 2027")),
        ("jeg er Christine Furuholmen", LinkIdentity("Christine Furuholmen")),
        ("I am Amir Haddad.", LinkIdentity("Amir Haddad")),
    ],
)
def test_cases_and_identity(text: str, expected: object) -> None:
    assert parse_command(text, NOW, ZONES[0]) == expected


def test_schedule_meeting() -> None:
    command = parse_command(
        "nytt møte SSU 24. oktober kl 13-15 Grønland 32, Drammen", NOW, ZONES[0]
    )
    assert isinstance(command, ScheduleMeeting)
    assert command.committee == "SSU" and command.location == "Grønland 32, Drammen"
    assert command.when is not None and command.when.day == date(2027, 10, 24)
    assert (command.when.start, command.when.end) == (time(13), time(15))
    bare = parse_command("nytt møte", NOW, ZONES[0])
    assert bare == ScheduleMeeting(None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "hvilke oppgaver har jeg?",
        "oppgaver for AU",
        "oppgavene til Britt",
        "hva er oppgave 12?",
        "hva ble bestemt om oppgavefordeling?",
        "hva ble bestemt om ny sak om legevakt?",
        "når er neste møte?",
        "hva skjedde på forrige møte i SSU?",
        "jeg er ferdig",  # not a name
        "jeg er usikker på fristen",
        "ferdig",
        "utsett møtet",
        "gi meg oppgavene",
        "task list",
        "which tasks are mine?",
        "sak 2023.30",
        "oppgave 12",
        "hjelp",
    ],
)
def test_questions_are_not_commands(text: str) -> None:
    assert parse_command(text, NOW, ZONES[0]) is None


@pytest.mark.parametrize("tz", ZONES)
@pytest.mark.parametrize(
    ("text", "committee", "from_day", "to_day", "start"),
    [
        (
            "flytt møtet i SSU 14. desember til 15. desember kl 10",
            "SSU",
            date(2026, 12, 14),
            date(2026, 12, 15),
            time(10),
        ),
        ("flytt SSU-møtet til 15. desember", "SSU", None, date(2026, 12, 15), None),
        ("Flytt ssu-møtet til fredag.", "SSU", None, date(2026, 11, 27), None),
        ("move the SSU meeting to 15 December", "SSU", None, date(2026, 12, 15), None),
        (
            "move the meeting of SSU on 14 December to 15 December at 10am",
            "SSU",
            date(2026, 12, 14),
            date(2026, 12, 15),
            time(10),
        ),
        ("flytt neste møte i LSU til 1.12 kl 13-15", "LSU", None, date(2026, 12, 1), time(13)),
        ("flytt møtet fra 14.12 til 15.12", None, date(2026, 12, 14), date(2026, 12, 15), None),
        ("flytt møtet 15. desember", None, None, date(2026, 12, 15), None),
    ],
)
def test_move_meeting(
    text: str,
    committee: str | None,
    from_day: date | None,
    to_day: date,
    start: time | None,
    tz: ZoneInfo,
) -> None:
    command = parse_command(text, NOW, tz)
    assert isinstance(command, MoveMeeting)
    assert (command.committee, command.from_day) == (committee, from_day)
    assert command.when is not None and (command.when.day, command.when.start) == (to_day, start)


def test_move_meeting_without_a_date_asks_for_it() -> None:
    assert parse_command("flytt møtet", NOW, ZONES[0]) == MoveMeeting(None, None, None)
    assert parse_command("/flytt møtet i SSU", NOW, ZONES[0]) == MoveMeeting("SSU", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "utsett møtet",
        "flytt møtet?",
        "flytt møtet til fredag?",  # a question
        "flytt møtet til et større rom",  # no date: not a move
        "flytt møterommet til 2. etasje",
        "flytt møtene i SSU til tirsdager",
        "flytt det til fredag",
        "kan vi flytte møtet til fredag?",
        "hvorfor ble møtet flyttet?",
        "når er møtet flyttet til?",
    ],
)
def test_near_misses_of_moving_a_meeting(text: str) -> None:
    assert parse_command(text, NOW, ZONES[0]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("flytt oppgave 12 til fredag", "postpone"),  # a task, not a meeting
        ("move task 12 to Friday", "postpone"),
    ],
)
def test_moving_a_task_is_not_moving_a_meeting(text: str, expected: str) -> None:
    command = parse_command(text, NOW, ZONES[0])
    assert isinstance(command, TaskAction) and command.action == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("abonner på SSU", Subscription("subscribe", "SSU")),
        ("abonner på lsu-møtene", Subscription("subscribe", "LSU")),
        ("subscribe to SSU", Subscription("subscribe", "SSU")),
        ("avslutt abonnement", Subscription("unsubscribe")),
        ("avslutt abonnementet på SSU", Subscription("unsubscribe", "SSU")),
        ("unsubscribe from LSU", Subscription("unsubscribe", "LSU")),
        (
            "påminnelser 7 dager og 1 dag før kl 09",
            Subscription("settings", None, (7, 1), time(9)),
        ),
        (
            "påminnelser: en uke og samme dag før kl 10.30",
            Subscription("settings", None, (7, 0), time(10, 30)),
        ),
        ("reminders 2 days before at 8", Subscription("settings", None, (2,), time(8))),
        ("påminnelse tre dager før", Subscription("settings", None, (3,), None)),
    ],
)
def test_subscription_commands(text: str, expected: Subscription) -> None:
    assert parse_command(text, NOW, ZONES[0]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hva er påminnelser?",
        "abonnement",
        "abonner",
        "abonner på alt mulig rart her",
        "påminnelser før møtet",  # no days
        "påminnelser 2 dager før kl 25",  # no such hour
        "har SSU påminnelser?",
        "hvem abonnerer på SSU?",
    ],
)
def test_questions_about_reminders_are_not_commands(text: str) -> None:
    assert parse_command(text, NOW, ZONES[0]) is None
