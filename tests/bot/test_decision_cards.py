"""The decision card says what became of the case in the same words as the text answer, and
carries the answer's note (a guess, a period that had nothing) above the case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from assistant import render
from assistant.answer_types import Answer, CaseResult, Source, TaskResult
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


def _task(description: str, assignee: str, due: date | None) -> TaskResult:
    return TaskResult(
        task_id=12, description=description, assignee=assignee, assignee_kind="person",
        via_group=None, due_date=due, due_text=None, due_is_approximate=False, status="open",
        case="PS 6/26", meeting_date=date(2026, 1, 29), committee="Formannskap",
        source=Source("formannskapet.txt", 130),
    )  # fmt: skip


@pytest.mark.parametrize("language", ["nb", "en"])
def test_an_information_item_shows_what_was_reported_and_its_follow_up(language: str) -> None:
    task = _task("Rådmannen legger fram en avtale med AtB.", "Rådmannen", date(2026, 3, 5))
    later = replace(_case("decided", "Avtalen med AtB godkjennes."), case="PS 14/26",
                    meeting_date=date(2026, 3, 12), role="later", case_id=9)  # fmt: skip
    noted = replace(
        _case("noted"), excerpt="AtB orienterte om en prøveordning med 40 sykler.",
        tasks=(task,), later=later, discussed=True,
    )  # fmt: skip
    answer = Answer(intent=Intent(IntentKind.DECISION, language, topic="el-sykkel"),
                    language=language)  # fmt: skip
    answer.results = [noted]
    texts = _texts(decision_card(answer))
    assert (
        texts[0] == text(language, "decision.discussed") == render.decision_label(noted, language)
    )
    reported = text(language, "case.reported", excerpt=noted.excerpt)
    assert reported in texts and reported in render.decisions([noted], language, "x", True)
    head = texts.index(text(language, "case.follow_up"))
    due = "5. mars 2026" if language == "nb" else "5 March 2026"
    assert (
        texts[head + 1]
        == f"• Rådmannen legger fram en avtale med AtB. — {text(language, 'tasks.due', due=due)}"
    )
    assert "PS 14/26" in texts[head + 2] and "Avtalen med AtB godkjennes." in texts[head + 2]
    # The status stands above the case once; the body does not say it again.
    said_again = [t for t in texts[1:] if text(language, "status.discussed") in t]
    assert said_again == []


def test_a_decided_case_leads_with_its_decision() -> None:
    """Near miss: a decided case with tasks, and with what was reported beyond its decision
    (assistant/case_details.py), is no information item: the decision comes first, under
    "Gjeldende vedtak", and its tasks are no "Oppfølging" of a report."""
    task = _task("Rådmannen inngår avtalen.", "Rådmannen", None)
    decided = replace(_case("decided", "Avtalen godkjennes."), excerpt="AtB har 40 sykler.",
                      tasks=(task,))  # fmt: skip
    answer = Answer(intent=Intent(IntentKind.DECISION, "nb", topic="x"), language="nb")
    answer.results = [decided]
    texts = _texts(decision_card(answer))
    assert texts[0] == "Gjeldende vedtak"
    assert texts.index("Avtalen godkjennes.") < texts.index("Fra referatet: AtB har 40 sykler.")
    assert "Oppfølging:" not in texts and not any("Rådmannen inngår" in t for t in texts)
    lines = render.decisions([decided], "nb", "x", True).splitlines()
    assert lines[:3] == [
        "**Gjeldende vedtak** — Formannskap 29.01.2026, sak PS 6/26 «Forslag om EL-sykkelutleie»:",
        "Avtalen godkjennes.",
        "Fra referatet: AtB har 40 sykler.",
    ]
    assert "Oppfølging:" not in lines


@pytest.mark.parametrize(
    ("language", "label", "word"),
    [
        ("nb", "Utsatt til 5. mars 2026 – ikke avgjort", "utsatt til 5. mars 2026"),
        ("en", "Postponed to 5 March 2026 – not decided", "postponed to 5 March 2026"),
    ],
)
def test_a_postponed_case_says_to_which_meeting(language: str, label: str, word: str) -> None:
    postponed = replace(_case("postponed"), postponed_to=date(2026, 3, 5))
    answer = Answer(intent=Intent(IntentKind.DECISION, language, topic="x"), language=language)
    answer.results = [postponed, replace(postponed, role="match", case_id=8)]
    card = decision_card(answer)
    assert _texts(card)[0] == label
    more = [b["text"] for b in card["actions"][1]["card"]["body"]]
    assert word in more
    # near miss: without a known meeting it is "postponed", with no date made up
    assert render.decision_label(replace(postponed, postponed_to=None), language) == text(
        language, "decision.postponed"
    )
