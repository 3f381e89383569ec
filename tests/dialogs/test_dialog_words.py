"""The words the dialogs read beside their prompts, with near misses that must not match:
a question asked mid-dialog, «angre», «oppgave til sak N», a task led by an unknown name."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.mid_dialog import reads_as_question
from assistant.task_case import TaskForCase, task_for_case
from assistant.task_owner import leading_name
from assistant.undo_command import undo_language

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "når er neste møte?",
        "når er neste møte",  # a question word and a known question: no "?" needed
        "hva ble bestemt om LAR?",
        "hvilke oppgaver har jeg?",
        "hva står på sakslisten til SSU?",
        "hvem har ansvar for øhd-kriteriene?",
        "what was decided about LAR?",
        "when is the next meeting",
        "har jeg noe som haster?",
    ],
)
def test_questions(text: str) -> None:
    assert reads_as_question(text, TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Kari sender rapport til LSU",  # a decision search to the recognizer, a task here
        "Britt Kveseth",
        "AU",
        "SSU",
        "Kari?",  # an unsure name
        "LAR?",
        "meg",
        "ja",
        "fredag",
        "1. desember",
        "når det passer",  # a question word, but no question the recognizer knows
        "hvordan vi håndterer korridorpasienter",
        "sende oppgavene til LSU",  # someone's tasks, said as a task
        "neste møte",  # a meeting, no question asked
        "hjelp",  # the dialog's own help
        "?",
        "hva?",
        "",
    ],
)
def test_answers(text: str) -> None:
    assert not reads_as_question(text, TODAY)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("angre", "nb"),
        ("Angre!", "nb"),
        ("angre siste", "nb"),
        ("angre det", "nb"),
        ("angre det siste", "nb"),
        ("angre forrige endring", "nb"),
        ("/angre", "nb"),
        ("undo", "en"),
        ("undo that", "en"),
        ("Undo the last change.", "en"),
        ("undo last", "en"),
    ],
)
def test_undo(text: str, language: str) -> None:
    assert undo_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "jeg angrer på det",
        "kan jeg angre?",
        "angrefrist",
        "angre oppgave 12",
        "angre på noe",
        "undo task 12",
        "how do I undo",
        "undone",
        "angre " * 2000,
    ],
)
def test_no_undo(text: str) -> None:
    assert undo_language(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "oppgave til sak 2023.30: Britt sender rutinen",
            TaskForCase("2023.30", None, "oppgave: Britt sender rutinen"),
        ),
        ("ny oppgave i sak 3 i LSU", TaskForCase("3", "LSU", "ny oppgave")),
        (
            "oppgave for sak nr. 14/2022 Britt gjør det",
            TaskForCase("14/2022", None, "oppgave: Britt gjør det"),
        ),
        ("/oppgave til sak 2023.30.", TaskForCase("2023.30", None, "ny oppgave")),
        (
            "task for case 2023.30: Amir drafts it",
            TaskForCase("2023.30", None, "task: Amir drafts it"),
        ),
        # "i morgen" is no committee: it stays in the task
        (
            "oppgave til sak 3 i morgen sender Britt",
            TaskForCase("3", None, "oppgave: i morgen sender Britt"),
        ),
    ],
)
def test_task_for_case(text: str, found: TaskForCase) -> None:
    assert task_for_case(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "oppgave: Britt følger opp sak 3",  # the case is in the task, not its reference
        "oppgave til saken om LAR: Britt sender",
        "oppgaver i sak 3",  # a question about tasks
        "oppgave til sak",
        "hvilke oppgaver har sak 2023.30?",
    ],
)
def test_no_task_for_case(text: str) -> None:
    assert task_for_case(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Solveig sender rapport til LSU", ("Solveig", "sender rapport til LSU")),
        ("Solveig Dalen lager notat", ("Solveig Dalen", "lager notat")),
        ("Mette gjør det", ("Mette", "gjør det")),
        ("Amir drafts the letter", ("Amir", "drafts the letter")),
    ],
)
def test_leading_name(text: str, found: tuple[str, str]) -> None:
    assert leading_name(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Sende rapport til LSU",  # "rapport" is no verb
        "sende rapport",
        "Meg Ryan ringer fastlegene",  # «Meg» is a pronoun first
        "I morgen sender Per brevet",
        "Vi sender rapporten",
        "Alle leser saken",
        "Solveig og Per sender",
        "Solveig",
        "The board approves",
    ],
)
def test_no_leading_name(text: str) -> None:
    assert leading_name(text) is None
