"""How an answer puts each case status in words (assistant/render.py): every status the
importer gives (minutes.model.CaseStatus) has words in nb and en, only a decided case is
"the current decision", and a proposal voted down is never shown as a proposal still open."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant import render
from assistant.answer_types import CaseResult
from minutes.model import CaseStatus
from tests.case_results import case_result

PROPOSAL = "Steinkjer kommune inngår samarbeid med AtB om utleie av elsykler"


def _case(status: str, *, decision: str | None = None, proposal: str | None = None) -> CaseResult:
    return case_result(status, decision=decision, proposal=proposal)


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("status", [s.value for s in CaseStatus])
@pytest.mark.parametrize("proposal", [None, PROPOSAL])
def test_every_status_has_words(status: str, language: str, proposal: str | None) -> None:
    case = _case(status, proposal=proposal)
    answer = render.decisions([case], language, "el-sykkel", True)
    lead = answer.splitlines()[0]
    current = {"nb": "Gjeldende vedtak", "en": "Current decision"}[language]
    assert (current in lead) == (status == CaseStatus.DECIDED), answer
    pending = {"nb": "ikke vedtatt ennå", "en": "not decided yet"}[language]
    assert (pending in answer.lower()) == (status == CaseStatus.PROPOSED), answer
    assert render.case_outcome(case, language)


@pytest.mark.parametrize(
    ("status", "language", "says"),
    [
        ("noted", "nb", "orientering"),
        ("noted", "en", "no decision"),
        ("rejected", "nb", "falt"),
        ("rejected", "en", "voted down"),
        ("postponed", "nb", "utsatt"),
        ("postponed", "en", "postponed"),
        ("withdrawn", "nb", "trukket"),
        ("withdrawn", "en", "withdrawn"),
    ],
)
def test_a_case_not_decided_says_what_became_of_it(status: str, language: str, says: str) -> None:
    case = _case(status, proposal=PROPOSAL)
    assert says in render.decisions([case], language, "el-sykkel", True).lower()
    # on its own (a card, a line among other matches) too
    assert says in render.case_outcome(case, language).lower()


def test_a_proposal_voted_down_is_not_shown_as_an_open_proposal() -> None:
    rejected = render.decisions([_case("rejected", proposal=PROPOSAL)], "nb", "x", True)
    assert "Forslaget som falt: " + PROPOSAL in rejected
    assert "Forslag til vedtak" not in rejected
    postponed = render.decisions([_case("postponed", proposal=PROPOSAL)], "nb", "x", True)
    assert "Forslag til vedtak: " + PROPOSAL in postponed


def test_a_noted_case_shows_the_body_s_own_words_once() -> None:
    noted = _case("noted", decision="Formannskapet tar saken til orientering.")
    answer = render.decisions([noted], "nb", "x", True)
    assert answer.startswith("**Bare tatt til orientering")
    assert answer.count("Formannskapet tar saken til orientering.") == 1
    assert "orientering, ingen vedtak" not in answer  # the label has said so already


def test_a_multi_line_decision_is_one_line_among_other_matches() -> None:
    first = _case("decided", decision="Vedtatt.")
    other = replace(first, role="match", case_id=2, decision="- Punkt én\n- Punkt to")
    lines = render.decisions([first, other], "nb", "x", True).splitlines()
    assert any(
        line.endswith("«Forslag om EL-sykkelutleie»: - Punkt én - Punkt to") for line in lines
    )
