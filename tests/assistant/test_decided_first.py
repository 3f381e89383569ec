"""Asked what was decided, a decision leads an undecided case that ranks just above it, on
SQLite and PostgreSQL: «hva ble bestemt om legevakt?» over the example minutes finds the
OSU proposal first (it names «legevakt» six times, LSU's decision twice). Words alone
(«legevakt») do not ask what was decided; a case about the topic that was only noted stays
ahead of a decision that names the topic in passing (the seeds' «handlingsplanen 2024»)."""

from __future__ import annotations

from datetime import date

import pytest

from storage.database import Database

from .test_question_types import assistant_for


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
