"""The decision card says what became of the case in the same words as the text answer, and
carries the answer's note (a guess, a period that had nothing) above the case."""

from __future__ import annotations

import pytest

from assistant import render
from assistant.answer_types import Answer, CaseResult
from assistant.intents import Intent, IntentKind
from assistant.texts import text
from bot.cards import DECISION_MARK, decision_card
from tests.case_results import case_result


def _case(status: str, decision: str | None = None) -> CaseResult:
    return case_result(status, decision=decision, case_id=7)


def _texts(card: dict) -> list[str]:
    return [block["text"] for block in card["body"]]


@pytest.mark.parametrize(
    ("status", "label"),
    [
        ("decided", "decision.current"),
        ("noted", "decision.noted"),
        ("rejected", "decision.rejected"),
        ("postponed", "decision.postponed"),
        ("proposed", "decision.not_decided"),
    ],
)
def test_the_card_names_the_outcome_as_the_text_does(status: str, label: str) -> None:
    result = _case(status, "Saken tas til orientering." if status == "noted" else None)
    answer = Answer(intent=Intent(IntentKind.DECISION, "nb", topic="LAR"), language="nb")
    answer.results = [result]
    card = decision_card(answer)
    first = card["body"][0]
    assert first["text"] == text("nb", label) == render.decision_label(result, "nb")
    assert first["id"] == f"{DECISION_MARK}7"
    if status != "proposed":  # near miss: only a case not yet treated is "not decided yet"
        assert text("nb", "decision.not_decided") not in _texts(card)


def test_the_answers_note_stands_above_the_case() -> None:
    answer = Answer(intent=Intent(IntentKind.DECISION, "en", topic="LAR"), language="en")
    answer.results = [_case("decided", "LAR is continued.")]
    answer.note = text("en", "decision.guess")
    card = decision_card(answer)
    assert _texts(card)[:2] == [text("en", "decision.guess"), text("en", "decision.current")]
    # a card for one case alone (sent from the compose box) is that case, without the note
    alone = decision_card(answer, only=answer.results[0])
    assert text("en", "decision.guess") not in _texts(alone)
