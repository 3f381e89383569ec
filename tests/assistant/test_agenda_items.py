"""The agenda of a meeting (issue 15, 1): the cases filed for it, the committee's cases
postponed to it and not treated since, what earlier minutes set for it; and the open tasks,
without those a later meeting settled. Real database (SQLite and PostgreSQL), the example
minutes (SSU 14 December 2026, LSU 9 December 2026) and minutes written here, a fixed clock
in two time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.answer_types import Answer
from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.settled_tasks import refresh_meetings
from bot.cards import agenda_card
from storage.database import Database
from storage.models import Meeting, Task
from tests.conftest import TIMEZONES
from tests.markdown_lists import glued_to_list_items

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(params=TIMEZONES)
async def examples(
    db: Database, example_minutes: None, request: pytest.FixtureRequest
) -> Assistant:
    return Assistant(db=db, clock=FixedClock(NOW), timezone=ZoneInfo(request.param))


def _roles(answer: Answer, role: str) -> list[str]:
    return [r.excerpt or r.title for r in answer.results if r.role == role]


def _card_texts(card: dict) -> list[str]:
    return [b["text"] for b in card["body"] if b["type"] == "TextBlock"]


async def test_ssu_14_december_lists_what_earlier_minutes_set_for_it(examples: Assistant) -> None:
    answer = await examples.answer("hva står på sakslista til SSU 14. des")
    assert [(m.committee, m.date) for m in answer.meetings] == [("SSU", date(2026, 12, 14))]
    assert _roles(answer, "set") == [
        "Arbeidsutvalget lager et forslag til en felles kompetanseplan for 2027–2028 med "
        "prioriterte tiltak og legger den fram i møtet 14. desember.",
        "Arbeidsgruppen for rus og psykisk helse legger fram en anbefaling om avtaleform i "
        "SSU 14. desember.",
        "Kommunene orienterer om sine budsjetter for 2027 i SSU 14. desember.",
    ]
    assert [r.case for r in answer.results if r.role == "set"] == ["33/2026", "2026.42", "2026.45"]
    # the meeting's own announcement is no item
    assert not any("fysisk møte" in item for item in _roles(answer, "set"))
    text = answer.text
    assert text.splitlines()[0].startswith("Saksliste for SSU mandag 14. desember 2026")
    assert "Satt opp til dette møtet i tidligere referater:" in text
    assert (
        "- Kommunene orienterer om sine budsjetter for 2027 i SSU 14. desember. "
        + ("(SSU 26.10.2026 sak 2026.45)")
        in text.splitlines()
    )
    assert text.index("Satt opp til dette møtet") < text.index("Åpne oppgaver i SSU:")
    assert glued_to_list_items(text) == []
    # AU's proposal for the cost split (SSU 07.09, sak 32/2026, due 15 October) was treated
    # with a decision on 26 October ("Oppfølging av sak 32/2026"): settled, not overdue
    tasks = [t.description for t in answer.tasks]
    assert not any("kostnadsfordeling" in d for d in tasks)
    assert not any("kostnadsfordeling" in line for line in text.splitlines())
    # near miss: Geir Tveit's programme, which no later meeting took up, is still overdue
    geir = next(t for t in answer.tasks if t.assignee == "Geir Tveit")
    assert geir.due_date == date(2026, 10, 26)
    assert any(ln.startswith("- Geir Tveit:") and "forfalt" in ln for ln in text.splitlines())
    texts = _card_texts(agenda_card(answer, examples.today()))
    assert "Satt opp til dette møtet i tidligere referater:" in texts
    assert (
        "• Kommunene orienterer om sine budsjetter for 2027 i SSU 14. desember. "
        + ("(SSU 26.10.2026 sak 2026.45)")
        in texts
    )
    assert "Åpne oppgaver i SSU:" in texts


async def test_lsu_9_december_carries_the_postponed_case(examples: Assistant) -> None:
    answer = await examples.answer("what's on the agenda for LSU?")
    assert [m.date for m in answer.meetings] == [date(2026, 12, 9)]
    carried = [r for r in answer.results if r.role == "carried"]
    assert [(r.case, r.title, r.status) for r in carried] == [
        ("5", "Felles hospiteringsordning for helsefagarbeidere", "postponed")
    ]
    assert _roles(answer, "set") == [
        "Marit Lunde lager en kortversjon av rutinen som kan deles med brukere og pårørende, "
        "og legger den fram i neste møte."
    ]
    lines = answer.text.splitlines()
    assert lines[0].startswith("Agenda for LSU Wednesday 9 December 2026")
    assert "Postponed from earlier meetings:" in lines
    assert "- LSU 14.10.2026, case 5 «Felles hospiteringsordning for helsefagarbeidere»" in lines
    assert "Set for this meeting in earlier minutes:" in lines
    # near miss: "sender beleggstall … før neste møte" is a deadline, not an item
    assert not any("beleggstall" in item for item in _roles(answer, "set"))
    texts = _card_texts(agenda_card(answer, examples.today()))
    assert "Postponed from earlier meetings:" in texts


def _lsu(day: str, items: str, following: str | None = None) -> str:
    head = (
        "Møtereferat\nLokalt samarbeidsutvalg mellom: Fjellby kommune og Fjellby sykehus HF.\n"
        f"Møtedato: {day}, kl 12:00 – 14:00\n\n"
        "Til stede:\nKari Nordmann, Per Hansen, Ola Berg\n\n"
    )
    if following:
        head += f"Neste møte:\n{following}\n\n"
    return head + items


WRITTEN = {
    "lsu-2026-03-04.txt": _lsu(
        "4. mars 2026",
        "Sak 1/26 Felles tolketjeneste\n"
        "Et forslag om felles tolketjeneste ble lagt fram. Kostnadene er ikke avklart, og "
        "saken ble utsatt til neste møte.\n\n"
        "Sak 2/26 Ny legevaktordning\n"
        "Kommunene ønsker mer tid til å vurdere modellen, og saken ble utsatt.\n\n"
        "Sak 3/26 Ventelister for korttidsplasser\n"
        "Kommunene orienterte om ventelistene.\n"
        "Oppfølging:\n"
        "Kari Nordmann sender en oversikt over ventelistene til utvalget innen 1. mai.\n\n"
        "Sak 4/26 Hospitering mellom kommunene og sykehuset\n"
        "Sykehuset orienterte om ønsket om mer hospitering.\n"
        "Oppfølging:\n"
        "Ola Berg lager en plan for hospitering innen 1. mai.\n",
        "10. juni 2026",
    ),
    "lsu-2026-06-10.txt": _lsu(
        "10. juni 2026",
        "Sak 7/26 Felles tolketjeneste\n"
        "LSU fattet slik vedtak:\nFelles tolketjeneste etableres fra 1. januar 2027.\n\n"
        "Sak 8/26 Oversikt over ventelister\n"
        "Oppfølging av sak 3/26. Kari Nordmann la fram oversikten.\n"
        "Vedtak:\nOversikten tas til følge, og kommunene samordner ventelistene.\n\n"
        "Sak 9/26 Budsjett for tolketjenesten\n"
        "Kommunene legger fram budsjett for tolketjenesten i møtet 16. september.\n"
        "Oppfølging:\n"
        "Per Hansen lager et notat om tolkebruk innen 1. september.\n",
        "16. september 2026",
    ),
}


@pytest.fixture(params=TIMEZONES)
async def written(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Assistant:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name, content in WRITTEN.items():
        (folder / name).write_text(content, encoding="utf-8")
    results = await import_paths(db, sorted(folder.iterdir()), ImportOptions())
    assert [r.status for r in results] == ["imported"] * 2, [r.error for r in results]
    now = datetime(2026, 8, 19, 23, 30, tzinfo=UTC)  # 20 August in Oslo, 19th in New York
    return Assistant(db=db, clock=FixedClock(now), timezone=ZoneInfo(request.param))


async def _mark_done_at_june_meeting(db: Database, description: str) -> None:
    """The June minutes record Ola's task as done: a task of that meeting, status done."""

    def write(session: Session) -> None:
        june = session.scalar(select(Meeting).where(Meeting.date == date(2026, 6, 10)))
        assert june is not None
        session.add(
            Task(
                meeting_id=june.id,
                committee_id=june.committee_id,
                description=description,
                assignee_name="Ola Berg",
                status="done",
            )
        )
        session.flush()
        refresh_meetings(session, [june.id])  # what storing minutes does with their rows

    await db.write(write)


async def test_postponed_cases_and_settled_tasks_in_minutes_written_here(
    written: Assistant, db: Database
) -> None:
    before = await written.answer("hva står på sakslisten til LSU?")
    assert [t.assignee for t in before.tasks] == ["Ola Berg", "Per Hansen"]
    await _mark_done_at_june_meeting(db, "lager en plan for hospitering innen 1. mai.")
    answer = await written.answer("hva står på sakslisten til LSU?")
    assert [(m.date, m.status) for m in [*answer.meetings]] == [(date(2026, 9, 16), "planned")]
    # 2/26 went to June and June did not take it up: it waits for September. 1/26 was
    # treated in June with a decision (sak 7/26): near miss, never carried again.
    carried = [(r.case, r.title) for r in answer.results if r.role == "carried"]
    assert carried == [("2/26", "Ny legevaktordning")]
    assert _roles(answer, "set") == [
        "Kommunene legger fram budsjett for tolketjenesten i møtet 16. september."
    ]
    owners = [t.assignee for t in answer.tasks]
    still_open = await db.read(
        lambda s: s.scalars(select(Task.assignee_name).where(Task.status == "open")).all()
    )
    assert sorted(still_open) == ["Kari Nordmann", "Ola Berg", "Per Hansen"]  # in the record
    # Kari's overview was followed up by sak 8/26 ("Oppfølging av sak 3/26") with a decision,
    # Ola's plan is marked done in June's minutes; Per's note is still open.
    assert owners == ["Per Hansen"]
    assert "Kari Nordmann" not in answer.text and "Ola Berg" not in answer.text
    assert "forfalt" not in answer.text  # due 1 September, asked on 19/20 August
    assert glued_to_list_items(answer.text) == []


async def test_a_case_postponed_beyond_this_meeting_waits(
    written: Assistant, db: Database, tmp_path: Path
) -> None:
    """Near miss: a case postponed to a later meeting than the one asked about is not on it."""
    late = tmp_path / "lsu-2026-06-24.txt"
    late.write_text(
        _lsu(
            "24. juni 2026",
            "Sak 10/26 Felles innkjøp av velferdsteknologi\n"
            "Saken ble utsatt til møtet 2. desember 2026.\n",
        ),
        encoding="utf-8",
    )
    results = await import_paths(db, [late], ImportOptions())
    assert [r.status for r in results] == ["imported"], [r.error for r in results]
    answer = await written.answer("hva står på sakslisten til LSU?")
    assert [m.date for m in answer.meetings] == [date(2026, 9, 16)]
    assert [r.case for r in answer.results if r.role == "carried"] == ["2/26"]
