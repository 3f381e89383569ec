"""Questions of kinds Referent does not read ("hvor mye fikk Teknat?", "who did the board
appoint as treasurer") are still answered from the minutes when one case holds most of what
they say, and say that it is a guess; anything else a member may type to a bot ("hvordan
logger jeg inn", "skal vi spise lunsj") gets "not understood", never a case that happens to
share a word with it. Over the gold corpus: real minutes of many bodies, and many words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.intents import IntentKind
from assistant.texts import text
from storage.database import Database

from .gold import gold_documents

# (question, the document of the case it must lead with, a word of that case's title)
ANSWERED = [
    ("hvor mye fikk teknat", "fordelingsutvalget-2016-04-01", "Teknat"),
    ("hvor mye penger har FU på bok", "fordelingsutvalget-allmote-2025-03-05", "økonomi"),
    ("hvem ble protokolljusterare i mars 2022", "dvd-styrelsen-2022-03-22", "protokolljusterare"),
    ("hvor mye fikk steinkjer håndballklubb", "steinkjer-formannskapet-2026-01-29", ""),
    ("when was the extrastämma scheduled", "dvd-styrelsen-2021-08-26", "Extrastämma"),
]

# Near misses: what people type to a bot that is not about the minutes. Several share a word
# with some case ("fest", "lunsj", "møtet", "fredag", "nøkler", "logge").
NOT_ANSWERED = [
    "hvorfor regner det",
    "kan vi flytte møtet til tirsdag",
    "hva synes du om været",
    "hvem vant kampen i går",
    "who won the match yesterday",
    "is it going to rain tomorrow",
    "hvor er kantina",
    "hvem er statsminister",
    "kan jeg få fri på fredag",
    "hvordan logger jeg inn",
    "hvor mye koster en kaffe",
    "when does the shop open",
    "er det fest i kveld",
    "har du sett nøklene mine",
    "skal vi spise lunsj",
    "hvem har bursdag i dag",
    "hvorfor er himmelen blå",
]


@pytest.fixture
async def corpus(db: Database) -> Assistant:
    documents = gold_documents()
    results = await import_paths(db, [d.path for d in documents], ImportOptions())
    assert all(r.stored for r in results)
    clock = FixedClock(datetime(2026, 5, 4, 9, tzinfo=UTC))
    return Assistant(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"))


async def test_questions_not_read_are_answered_from_the_case_they_name(corpus: Assistant) -> None:
    for question, document, title_word in ANSWERED:
        answer = await corpus.answer(question)
        assert answer.results, question
        first = answer.results[0]
        assert Path(first.source.document or "").stem == document, (question, first)
        assert title_word.lower() in first.title.lower(), (question, first.title)
        guess = text(answer.language, "decision.guess")
        assert answer.note == guess and answer.text.startswith(guess), question
        assert answer.intent.kind == IntentKind.DECISION  # shown as a decision card


async def test_other_things_people_type_are_not_answered_with_a_case(corpus: Assistant) -> None:
    wrong = []
    for question in NOT_ANSWERED:
        answer = await corpus.answer(question)
        not_understood = text(answer.language, "fallback")  # with suggestions after it
        if answer.results or not answer.text.startswith(not_understood):
            wrong.append((question, answer.text[:80]))
    assert not wrong
