"""The administrators' chat commands (assistant/admin_command.py), and what they are not."""

from __future__ import annotations

import pytest

from assistant.admin_command import DeleteDocument, ExportCommittee, parse_admin_command


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "slett dokument ssu-fjordby-2026-10-26.md",
            DeleteDocument("ssu-fjordby-2026-10-26.md", "nb"),
        ),
        ("Slett dokumentet 12", DeleteDocument("12", "nb")),
        ("slett dokument #12.", DeleteDocument("#12", "nb")),
        ("/slett dokument: referat SSU oktober", DeleteDocument("referat SSU oktober", "nb")),
        ("slett referatet «ssu 2026-10-26»", DeleteDocument("«ssu 2026-10-26»", "nb")),
        ("delete document 12", DeleteDocument("12", "en")),
        ("Delete the document ssu.md!", DeleteDocument("ssu.md", "en")),
        ("eksporter SSU", ExportCommittee("SSU", "nb")),
        (
            "Eksportér utvalget Strategisk samarbeidsutvalg",
            ExportCommittee("Strategisk samarbeidsutvalg", "nb"),
        ),
        ("eksporter ssu.", ExportCommittee("ssu", "nb")),
        ("export SSU", ExportCommittee("SSU", "en")),
        ("export the committee LSU", ExportCommittee("LSU", "en")),
    ],
)
def test_the_commands(said: str, expected: object) -> None:
    assert parse_admin_command(said) == expected


@pytest.mark.parametrize(
    "said",
    [
        "slett oppgave 3",  # a task's
        "slett sak 2023.30",
        "dokumentet ble slettet fra saken",  # a remark
        "hvordan sletter jeg et dokument?",  # a question
        "slett dokumentet?",
        "slett dokument",  # names none
        "kan du slette dokument 12?",
        "jeg vil slette dokument 12",  # not in command position
        "slett dokument 12\nog sak 3",  # more than one line
        "sletting av dokumenter",
        "delete task 3",
        "how do I delete a document?",
        "eksporter til Excel",  # no committee
        "eksporter som PDF",
        "export to csv",
        "export all",
        "kan du eksportere SSU?",
        "eksporterte SSU noe i fjor?",
        "eksporter SSU?",
        "export SSU's decisions?",
        "eksport av fisk",
        "hva ble bestemt om eksport av SSU",
    ],
)
def test_near_misses_are_not_commands(said: str) -> None:
    assert parse_admin_command(said) is None


def test_a_long_message_that_is_no_command() -> None:
    """Backtracking over every split of its spaces would take hours here."""
    for said in ("slett dokument " + "a " * 50_000 + "?", "eksporter " + "a  " * 50_000 + "?"):
        assert parse_admin_command(said) is None
