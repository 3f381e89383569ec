"""A message that is neither a question nor a command: «Jeg forsto ikke helt» with the
suggestions closest to it, in the user's language — never a decision search for words that
were not meant as a topic. And the near misses: words alone that are a topic are searched."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.intents import IntentKind
from assistant.texts import text
from storage.database import Database


@pytest.fixture
async def referent(db: Database, example_minutes: None) -> Assistant:
    oslo = ZoneInfo("Europe/Oslo")
    return Assistant(db=db, clock=FixedClock(datetime(2026, 12, 4, 9, tzinfo=oslo)), timezone=oslo)


@pytest.mark.parametrize(
    ("typed", "language", "offered"),
    [
        ("Kari", "nb", "«Oppgaver for Kari»"),  # a name alone
        ("blablabla møte kaffe", "nb", "«Når er neste møte?»"),  # one word of three known
        ("pizza fredag", "nb", "«Hva ble bestemt om LAR?»"),
        ("lol", "nb", "«Hvilke oppgaver har jeg?»"),
        ("what's the weather like tomorrow", "en", "“What was decided about LAR?”"),
        ("blah blah meeting coffee", "en", "“When is the next meeting?”"),
    ],
)
async def test_not_understood_offers_the_closest(
    referent: Assistant, typed: str, language: str, offered: str
) -> None:
    answer = await referent.answer(typed)
    assert answer.intent.kind == IntentKind.UNKNOWN and not answer.found
    assert answer.language == language
    assert answer.text.startswith(text(language, "fallback"))
    assert f"- {offered}" in answer.text.splitlines()
    assert answer.results == []


@pytest.mark.parametrize(
    ("typed", "case"),
    [
        ("hospitering", "5"),  # one word: searched
        ("felles opplæring journalsystem", "35/26"),  # words alone, all known
        ("LAR", "3"),
        ("what's the plan for LAR", "3"),  # a question frame around a topic
        ("what's the status of the long-term plan", "2026.45"),  # known only as a phrase
    ],
)
async def test_near_misses_words_alone_that_are_a_topic(
    referent: Assistant, typed: str, case: str
) -> None:
    answer = await referent.answer(typed)
    assert answer.found and answer.results[0].case == case
