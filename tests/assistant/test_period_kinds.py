"""Every kind of period a question can name is found where it stands, alone or after a
word that says how («siden», «før», «i»): `find_period` first rules out, in one scan, a
text that names none, and that scan must miss no kind. Near misses name none."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.intent.periods import _CORES, find_period
from assistant.intent.text import fold

TODAY = date(2026, 12, 6)

# One phrase for each of the period patterns, in their order (_CORES).
KINDS = [
    "mellom 2019 og 2021", "the last 3 months", "de 3 siste årene", "det siste året",
    "the past year", "høsten 2025", "14. mars", "14.03.2025", "mars 2025", "året 2024",
    "i forfjor", "i fjor høst", "i fjor", "i år", "neste år", "i høst", "forrige vinter",
    "neste vår", "forrige måned", "denne måneden", "neste måned", "forrige uke", "denne uken",
    "neste uke", "i dag", "i går", "i morgen", "marsmøtet", "i mars",
]  # fmt: skip
# A month that names a meeting is the period; the meeting word stays for the question.
SPANS = {"marsmøtet": "mars"}


def _found(question: str) -> str | None:
    text = fold(question).text
    match = find_period(text, lambda i, j: text[i:j], TODAY)
    return None if match is None else text[match.start : match.end]


def test_every_pattern_has_its_phrase() -> None:
    assert len(KINDS) == len(_CORES)
    for index, (pattern, _, _) in enumerate(_CORES):
        assert pattern.search(fold(KINDS[index]).text), (index, KINDS[index])


@pytest.mark.parametrize("phrase", KINDS)
@pytest.mark.parametrize("around", ["{}", "hva ble vedtatt om LAR {} egentlig", "saker {}?"])
def test_a_period_is_found_where_it_stands(phrase: str, around: str) -> None:
    assert _found(around.format(phrase)) == fold(SPANS.get(phrase, phrase)).text


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("hva ble bestemt på oktober-møtet", "oktober-"),
        ("tasks from the March meeting", "from the march"),
        ("what did the October board meeting decide", "the october"),
        ("oppgaver fra oktober", "fra oktober"),
        ("decisions from May", "from may"),
    ],
)
def test_a_month_naming_a_meeting_or_after_from_is_a_period(question: str, span: str) -> None:
    assert _found(question) == span


@pytest.mark.parametrize("word", ["siden", "før", "etter", "since", "before"])
@pytest.mark.parametrize("phrase", ["2021", "mars 2025", "14.03.2025", "høsten 2025"])
def test_the_word_before_goes_with_it(word: str, phrase: str) -> None:
    assert _found(f"vedtak {word} {phrase}") == fold(f"{word} {phrase}").text


@pytest.mark.parametrize(
    "question",
    [
        "hva ble bestemt om LAR?", "når er neste møte?", "hvilke oppgaver har jeg?",
        "Helseplan 2030",  # a future year alone is a name
        "sak 2023.30", "sak 14/2022", "kl. 14.30", "3 måneder tilbake", "Marsvin",
        "dagsorden", "i dagligvarehandelen", "ukentlig møte", "årsmelding", "the monthly report",
        "Mars-ferden", "marsjmøtet", "oppgaver for August", "tasks for May",
    ],
)  # fmt: skip
def test_a_question_without_a_period_has_none(question: str) -> None:
    assert _found(question) is None
