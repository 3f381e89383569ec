"""Asked what was decided, a decision leads an undecided case that ranks just above it, on
SQLite and PostgreSQL: «hva ble bestemt om legevakt?» over the example minutes finds the
OSU proposal first (it names «legevakt» six times, LSU's decision twice). Words alone
(«legevakt») do not ask what was decided; a case about the topic that was only noted stays
ahead of a decision that names the topic in passing (the seeds' «handlingsplanen 2024»)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storage.database import Database

from .test_question_types import assistant_for, import_minutes


@pytest.fixture
async def examples(db: Database, example_minutes: None) -> Database:
    return db


@pytest.fixture
async def seeded(db: Database, seed_minutes: None) -> Database:
    return db


@pytest.mark.parametrize(
    "question", ["hva ble bestemt om legevakt?", "hva vedtok de om legevakten"]
)
async def test_a_decision_leads_a_proposal_that_names_the_topic_more(
    examples: Database, question: str
) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer(question)
    lead, *rest = answer.results
    assert (lead.committee, lead.meeting_date, lead.case, lead.role) == (
        "LSU",
        date(2026, 10, 14),
        "4",
        "current",
    )
    assert answer.text.replace("**", "").startswith("Gjeldende vedtak — LSU 14.10.2026, sak 4")
    proposal = next(r for r in rest if r.title == "Forslag til felles kriterier")
    assert (proposal.committee, proposal.role) == ("OSU", "match")


async def test_words_alone_keep_the_best_match_first(examples: Database) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer("legevakt")
    assert answer.results[0].title == "Forslag til felles kriterier"
    assert answer.text.replace("**", "").startswith("Ikke vedtatt ennå — OSU «Forslag til felles")


async def test_a_noted_case_about_the_topic_stays_ahead(seeded: Database) -> None:
    answer = await assistant_for(seeded, "Europe/Oslo").answer(
        "hva ble konkludert om handlingsplanen 2024"
    )
    assert (answer.results[0].meeting_date, answer.results[0].case) == (
        date(2023, 9, 28),
        "2023.34",
    )


def _minutes(committee: str, day: str, title: str, body: str) -> str:
    return (
        f"Møtereferat\n{committee}, Helsefellesskapet Fjellby\n\nMøtedato: {day}\n\n"
        f"Til stede:\nKari Nordmann og Ola Hansen\n\nSak 1 {title}\n{body}\n"
    )


# Overordnet samarbeidsutvalg decided on the admission criteria in March and was told more
# about them in June (the case that names them most); Lokalt samarbeidsutvalg decided on
# something else that names them once.
ADMISSION = {
    "osu-2026-03-02.txt": _minutes(
        "Overordnet samarbeidsutvalg",
        "2. mars 2026",
        "Kriterier for innleggelse",
        "Vedtak:\nKriteriene vedtas slik de ble lagt fram.",
    ),
    "osu-2026-06-01.txt": _minutes(
        "Overordnet samarbeidsutvalg",
        "1. juni 2026",
        "Kriterier for innleggelse",
        "Sykehuset orienterte om innleggelse etter de nye kriteriene: innleggelse skjer "
        "oftere om natten, innleggelse fra legevakten har økt, og innleggelse av eldre "
        "pasienter tar lengre tid. Innleggelse i helgene drøftes i neste møte.\n"
        "Vedtak:\nOrienteringen tas til etterretning.",
    ),
    "lsu-2026-05-04.txt": _minutes(
        "Lokalt samarbeidsutvalg",
        "4. mai 2026",
        "Samarbeid om utskrivning",
        "Vedtak:\nLSU slutter seg til forslaget om utskrivning etter innleggelse, og ber om "
        "en plan for innleggelse og utskrivning.",
    ),
}


async def test_the_decision_of_the_top_cases_own_matter_leads(db: Database, tmp_path: Path) -> None:
    await import_minutes(db, tmp_path / "minutes", ADMISSION)
    answer = await assistant_for(db, "Europe/Oslo", tenant="fjellby").answer(
        "hva ble bestemt om innleggelse?"
    )
    lead = answer.results[0]
    assert (lead.committee, lead.meeting_date, lead.role) == ("OSU", date(2026, 3, 2), "current")
