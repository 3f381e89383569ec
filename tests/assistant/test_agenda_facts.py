"""What an agenda reads of a case's text is worked out when the case is stored (migration
0020, assistant/planned_facts.py): by the import, for a case proposed in chat, and once at
start-up for a store from before. Real database (SQLite and PostgreSQL), minutes written
here and the examples, a fixed clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from assistant.answer_types import Answer
from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.planned_facts import PLANNED_KEY, ensure_planned_current
from bot.cli import main
from storage.database import Database, alembic_config
from storage.models import Case, Committee, Meeting, SearchMeta
from storage.records import move_meeting, propose_case, schedule_meeting
from tests.conftest import EXAMPLES

OSLO = ZoneInfo("Europe/Oslo")
SETS = "Kommunene legger fram budsjett for tolketjenesten i møtet 10. juni."
MARCH = (
    "Møtereferat\nLokalt samarbeidsutvalg mellom: Fjellby kommune og Fjellby sykehus HF.\n"
    "Møtedato: 4. mars 2026, kl 12:00 – 14:00\n\n"
    "Til stede:\nKari Nordmann, Per Hansen, Ola Berg\n\n"
    "Neste møte:\n10. juni 2026\n\n"
    "Sak 1/26 Budsjett for tolketjenesten\n"
    f"Tolketjenesten ble drøftet. {SETS}\n\n"
    "Sak 2/26 Ny legevaktordning\n"
    "Kommunene ønsker mer tid til å vurdere modellen, og saken ble utsatt til 10. juni.\n\n"
    # near misses: a deadline before the meeting, by date and as "før neste møte", and the
    # meeting's own announcement, each with a word that brings something
    "Sak 3/26 Ventelister for korttidsplasser\n"
    "Sykehuset legger fram en oversikt over ventelistene innen 10. juni.\n"
    "Arbeidsgruppen legger fram sin rapport før neste møte.\n\n"
    "Sak 4/26 Eventuelt\n"
    "Neste møte 10. juni blir digitalt, og kommunene orienterer om sine planer.\n"
)


def _answer_at(db: Database, day: date) -> Assistant:
    return Assistant(db=db, clock=FixedClock(datetime(day.year, day.month, day.day, 8, tzinfo=UTC)),
                     timezone=OSLO)  # fmt: skip


def _roles(answer: Answer, role: str) -> list[str]:
    return [r.excerpt or r.title for r in answer.results if r.role == role]


async def _import(db: Database, folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    results = await import_paths(db, sorted(folder.iterdir()), ImportOptions())
    assert all(r.status == "imported" for r in results), [r.error for r in results]


async def _facts(db: Database) -> dict[int | str, tuple[object, date | None]]:
    """Each case's stored facts and the day they were read against, by id and by number."""

    def read(session: Session) -> dict[int | str, tuple[object, date | None]]:
        query = select(Case.id, Case.number, Case.agenda_facts, Case.facts_read_on)
        found: dict[int | str, tuple[object, date | None]] = {}
        for r in session.execute(query.order_by(Case.id)):
            found[r.id] = found[r.number or r.id] = (r.agenda_facts, r.facts_read_on)
        return found

    return await db.read(read)


async def test_an_imported_case_that_sets_something_is_on_the_later_agenda(
    db: Database, tmp_path: Path
) -> None:
    await _import(db, tmp_path / "minutes", {"lsu-2026-03-04.txt": MARCH})
    facts = await _facts(db)
    march = date(2026, 3, 4)
    assert facts["1/26"] == ({"brings": [[SETS, ["2026-06-10"], False]]}, march)
    assert facts["2/26"] == ({"postponed_to": "2026-06-10"}, march)
    # near misses: nothing kept of a deadline or the announcement, read all the same
    assert facts["3/26"] == (None, march)
    assert facts["4/26"] == (None, march)

    answer = await _answer_at(db, date(2026, 4, 1)).answer("hva står på sakslisten til LSU?")
    assert [m.date for m in answer.meetings] == [date(2026, 6, 10)]
    assert _roles(answer, "set") == [SETS]
    assert [r.case for r in answer.results if r.role == "carried"] == ["2/26"]
    assert "ventelistene" not in answer.text and "rapport" not in answer.text
    assert "sine planer" not in answer.text  # the announcement (its place is the meeting's)


async def test_a_case_proposed_in_chat_that_sets_something_is_on_the_later_agenda(
    db: Database, tmp_path: Path
) -> None:
    await _import(db, tmp_path / "minutes", {"lsu-2026-03-04.txt": MARCH})
    june, committee = await db.read(
        lambda s: s.execute(
            select(Meeting.id, Meeting.committee_id).where(Meeting.date == date(2026, 6, 10))
        ).one()
    )
    await schedule_meeting(db, tenant="default", committee_id=committee, date=date(2026, 9, 16))
    said = "Sykehuset legger fram en plan for hospitering i møtet 16. september."
    near = "Kommunene sender innspill til planen før neste møte."
    case = await propose_case(db, tenant="default", committee_id=None, meeting_id=june,
                              title="Hospitering", description=f"{said}\n{near}")  # fmt: skip
    row = await db.read(lambda s: s.get(Case, case.id))
    assert row is not None
    assert (row.agenda_facts, row.facts_read_on) == (
        {"brings": [[said, ["2026-09-16"], False]]},
        date(2026, 6, 10),
    )
    asked = _answer_at(db, date(2026, 8, 20))
    answer = await asked.answer("hva står på sakslisten til LSU?")
    assert [m.date for m in answer.meetings] == [date(2026, 9, 16)]
    assert _roles(answer, "set") == [said]
    assert "innspill" not in answer.text

    # The June meeting moved: the case was read against another day, and is read again
    # when the agenda needs it (its stored facts are not trusted for the new day).
    moved = await move_meeting(db, tenant="default", meeting_id=june, date=date(2026, 6, 17))
    assert moved is not None
    again = await asked.answer("hva står på sakslisten til LSU?")
    assert _roles(again, "set") == [said]


async def _agenda_texts(db: Database) -> list[str]:
    """Each committee's agenda, asked before each of its meetings."""
    days = await db.read(
        lambda s: s.execute(
            select(Meeting.date, Committee.short_name)
            .join(Committee, Committee.id == Meeting.committee_id)
            .order_by(Meeting.date, Committee.short_name)
        ).all()
    )
    texts = []
    for day, short in days:
        asked = _answer_at(db, date.fromordinal(day.toordinal() - 1))
        texts.append((await asked.answer(f"hva står på sakslisten til {short}?")).text)
    return texts


async def test_a_store_from_before_gets_its_facts_at_start(db: Database) -> None:
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results), [r.error for r in results]
    stored = {k: v for k, v in (await _facts(db)).items() if isinstance(k, int)}
    assert any(value for value, _ in stored.values())
    agendas = await _agenda_texts(db)
    assert any("Satt opp til dette møtet" in t for t in agendas)

    # The store as it was before migration 0020 (no columns), brought up again.
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0019"))
        columns = (await conn.execute(text("SELECT * FROM case_item WHERE 1 = 0"))).keys()
        assert "agenda_facts" not in columns and "facts_read_on" not in columns
    await db.upgrade()
    unread = await db.read(
        lambda s: s.scalars(select(Case.id).where(Case.facts_read_on.is_(None))).all()
    )
    assert sorted(unread) == sorted(stored)
    # What an agenda shows does not wait for the start: an unread case is read as before.
    assert await _agenda_texts(db) == agendas

    filled = await ensure_planned_current(db)  # what `referent serve` does at its start
    assert filled == sum(1 for value, _ in stored.values() if value)
    assert {k: v for k, v in (await _facts(db)).items() if isinstance(k, int)} == stored
    assert await _agenda_texts(db) == agendas
    assert await ensure_planned_current(db) is None  # once
    key = await db.read(lambda s: s.get(SearchMeta, PLANNED_KEY))
    assert key is not None


async def test_other_rules_read_every_case_again(db: Database) -> None:
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results)
    assert await ensure_planned_current(db) is not None  # imported: the key is not set yet
    stored = await _facts(db)

    def older(session: Session) -> None:
        session.merge(SearchMeta(key=PLANNED_KEY, value="0"))  # another RULES_VERSION
        session.execute(Case.__table__.update().values(agenda_facts=None, facts_read_on=None))

    await db.write(older)
    assert await ensure_planned_current(db) is not None
    assert await _facts(db) == stored


def test_the_command_line_fills_a_store_from_before_at_its_start(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`referent …` starts as `referent serve` does: a store migrated from before 0020 gets
    its facts before the command runs."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    assert main(["import", str(EXAMPLES)]) == 0

    async def facts(before: bool) -> dict[int | str, tuple[object, date | None]]:
        db = Database(database_url)
        try:
            if before:  # the columns dropped and added again: a store from before, migrated
                async with db.engine.begin() as conn:
                    await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0019"))
                await db.upgrade()
            return await _facts(db)
        finally:
            await db.close()

    imported = asyncio.run(facts(False))
    assert any(value for value, _ in imported.values())
    assert all(day is None for _, day in asyncio.run(facts(True)).values())
    capsys.readouterr()
    assert main(["meetings", "--json"]) == 0
    assert asyncio.run(facts(False)) == imported
