"""topic_match: whether a task's few words speak of a question's topic — by the topic's own
words (inflected, compounded, a typo away from an indexed term), or by a glossary expansion
or translation in full; never by a part of one, a neighbouring word or a prefix."""

from __future__ import annotations

import pytest

from assistant.search.analysis import vocabulary_from_texts
from assistant.search.topic_match import topic_match

TEXTS = [
    "Følge opp LAR-pasienter",
    "Legemiddelassistert rehabilitering: felles rutine",
    "Lage forslag til budsjettet for 2027",
    "Evaluere digital hjemmeoppfølging",
    "Ny avtale for legevakten",
    "Fastlegeordningen evalueres",
    "Nattvakt på sykehjemmet",
    "Plan for rehabilitering etter slag",
    "Larvik kommune melder inn kandidater",
    "Strukturert kompetansesamarbeid",
]


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        ("LAR", "Følge opp LAR-pasienter"),  # a hyphen compound's part
        ("LAR", "Legemiddelassistert rehabilitering: felles rutine"),  # the expansion in full
        ("legemiddelassistert rehabilitering", "Følge opp LAR-pasienter"),  # and back
        ("budsjett", "Lage forslag til budsjettet for 2027"),  # inflected
        ("budget", "Lage forslag til budsjettet for 2027"),  # translated
        ("budsjet", "Lage forslag til budsjettet for 2027"),  # a typo, by the vocabulary
        ("home monitoring", "Evaluere digital hjemmeoppfølging"),  # a phrase's translation
        ("legevakt", "Ny avtale for legevakten"),
        ("fastlege", "Fastlegeordningen evalueres"),  # a compound's first part
        ("GP", "Fastlegeordningen evalueres"),
        ("kompetansesamarbeid", "Strukturert kompetansesamarbeid"),
        ("det budsjettet", "Lage forslag til budsjettet for 2027"),  # "det" is a stopword
    ],
)
def test_a_text_that_speaks_of_the_topic_holds_it(topic: str, text: str) -> None:
    assert topic_match(topic, vocabulary_from_texts(TEXTS)).held_by(text)


@pytest.mark.parametrize(
    ("topic", "text"),
    [
        ("LAR", "Plan for rehabilitering etter slag"),  # one word of the expansion
        ("LAR", "Larvik kommune melder inn kandidater"),  # a prefix
        ("legevakt", "Nattvakt på sykehjemmet"),  # a shared compound part
        ("budsjett", "Evaluere digital hjemmeoppfølging"),
        ("LAR budsjett", "Følge opp LAR-pasienter"),  # every word must be held
        ("home monitoring", "Ny avtale for legevakten"),
        ("digital hjemmeoppfølging", "Evaluere hjemmeoppfølging"),  # half of the phrase
        ("monitoring", "Evaluere digital hjemmeoppfølging"),  # a phrase's word alone
    ],
)
def test_a_text_that_does_not_is_not_held(topic: str, text: str) -> None:
    assert not topic_match(topic, vocabulary_from_texts(TEXTS)).held_by(text)


def test_a_topic_of_no_words_holds_everything_and_is_false() -> None:
    empty = topic_match("hva om det")
    assert not empty
    assert empty.held_by("Hva som helst")
