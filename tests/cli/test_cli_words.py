"""The `referent` command's words for people: plain text (no Markdown marks), a count's noun
in the singular for one ("1 sak", "1 item") and the plural otherwise, in the language asked
(--lang, else the question's for `ask`, else REFERENT_LANGUAGE)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.clock import FixedClock
from assistant.message_length import MAX_MESSAGE_CHARS
from bot.cli import main
from tests.conftest import EXAMPLES, seed

from .test_cli import referent

__all__ = ["referent"]  # the fixture, used by name

NOW = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
MARKS = ("**", "`", "__")


def _plain(out: str) -> str:
    assert not [mark for mark in MARKS if mark in out], out
    return out


def _one_item_minutes(folder: Path) -> Path:
    minutes = folder / "au-2027-03-04.txt"
    minutes.write_text(
        "Møtereferat Arbeidsutvalget\n\nMøtedato: 04.03.2027\nSted: Rådhuset\n\n"
        "Sak 1/27 Budsjett\nVedtak:\nBudsjettet godkjennes.\n",
        "utf-8",
    )
    return minutes


def test_the_import_report_counts_in_norwegian_and_english(referent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out = referent("import", str(seed("003")), str(seed("004")), "--lang", "nb")
    assert code == 0
    lines = _plain(out).splitlines()
    assert lines[0].startswith("importert  003_") and lines[0].endswith("; 1 sak, 1 oppgave")
    assert "SSU 2023-09-28 (neste møte 2023-11-23); 9 saker, 1 oppgave" in lines[1]
    assert "saksframlegg, ingen møtedato" in lines[0]
    assert lines[-1] == "2 dokumenter importert"

    code, out = referent("import", str(seed("003")), "--lang", "en")
    lines = _plain(out).splitlines()
    assert lines[0].startswith("unchanged  003_") and lines[0].endswith("; 1 item, 1 task")
    assert "case paper, no meeting date" in lines[0]
    assert lines[-1] == "1 document unchanged"

    code, out = referent("import", str(_one_item_minutes(tmp_path)), str(seed("003")))
    lines = _plain(out).splitlines()  # REFERENT_LANGUAGE: nb unless set
    assert lines[0].endswith("2027-03-04; 1 sak, 0 oppgaver")
    assert lines[-1] == "1 dokument importert, 1 dokument uendret"


def test_meetings_in_norwegian_and_english(referent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    referent("import", str(EXAMPLES), str(_one_item_minutes(tmp_path)))
    _, out = referent("meetings", "--lang", "nb", clock=NOW)
    lines = _plain(out).splitlines()
    au = next(line for line in lines if "2027-03-04" in line)
    assert "Rådhuset, 1 sak, au-2027-03-04.txt" in au and " holdt " in au
    ssu = next(line for line in lines if "2026-10-26" in line)
    assert "SSU    2026-10-26 13:00–15:30 holdt    Møterom Fjellet" in ssu and ", 6 saker, " in ssu
    assert any(" planlagt " in line for line in lines)

    _, out = referent("meetings", "--lang", "en", clock=NOW)
    lines = _plain(out).splitlines()
    au = next(line for line in lines if "2027-03-04" in line)
    assert "Rådhuset, 1 item, au-2027-03-04.txt" in au
    ssu = next(line for line in lines if "2026-10-26" in line)
    assert " held " in ssu and ", 6 items, " in ssu

    clock = FixedClock(datetime(2030, 1, 1, tzinfo=UTC))
    assert referent("meetings", "--upcoming", "--lang", "nb", clock=clock)[1] == (
        "Ingen kommende møter.\n"
    )
    assert referent("meetings", "--upcoming", "--lang", "en", clock=clock)[1] == (
        "No upcoming meetings.\n"
    )


@pytest.mark.parametrize(
    ("argv", "first", "absent"),
    [
        (["hva ble bestemt om LAR?"], "Gjeldende vedtak — LSU 14.10.2026, sak 3", "Current"),
        (["what was decided about LAR?"], "Current decision — LSU 14.10.2026, case 3", "sak 3"),
        (["hva ble bestemt om LAR?", "--lang", "en"], "Current decision — LSU", "Gjeldende"),
        (["what was decided about LAR?", "--lang", "nb"], "Gjeldende vedtak — LSU", "Current"),
    ],
)
def test_ask_answers_in_plain_text_in_the_language_asked(  # type: ignore[no-untyped-def]
    referent, argv: list[str], first: str, absent: str
) -> None:
    referent("import", str(EXAMPLES))
    code, out = referent("ask", *argv, clock=NOW)
    assert code == 0
    assert _plain(out).startswith(first) and absent not in out
    assert "\n- " in out  # the other matches, still a list a terminal reads as one


def test_tasks_in_the_language_asked(referent) -> None:  # type: ignore[no-untyped-def]
    referent("import", str(EXAMPLES))
    _, out = referent("tasks", "--for", "Henrik Berg", "--lang", "nb", clock=NOW)
    lines = _plain(out).splitlines()
    assert lines[0] == "Oppgaver for Henrik Berg"
    assert "frist 15. november 2026, forfalt (LSU 14.10.2026 sak 4)" in lines[1]
    _, out = referent("tasks", "--for", "Henrik Berg", "--lang", "en", clock=NOW)
    lines = _plain(out).splitlines()
    assert lines[0] == "Tasks for Henrik Berg"
    assert "due 15 November 2026, overdue (LSU 14.10.2026 case 4)" in lines[1]
    _, out = referent("tasks", "--for", "Ingen Sånn", "--lang", "nb", clock=NOW)
    assert out.splitlines()[-1] == "  Ingen oppgaver."


def test_a_question_too_long_is_refused_in_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["ask", "hva " * (MAX_MESSAGE_CHARS // 4 + 1)])  # refused before any database
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith("referent: Meldingen er for lang") and "referent import" in error
    _plain(error)


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("nb", "1", "Ingen påminnelser i løpet av 1 dag.\n"),
        ("nb", "14", "Ingen påminnelser i løpet av 14 dager.\n"),
        ("en", "1", "No reminders within 1 day.\n"),
        ("en", "14", "No reminders within 14 days.\n"),
    ],
)
def test_no_reminders_within_days(referent, language: str, days: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert referent("reminders", "--upcoming", "--days", days, "--lang", language)[1] == expected
