"""«Snakk norsk» / "speak English": the whole message asks for a language, or it is not
the command (a question about a language, a longer sentence, the word alone)."""

from __future__ import annotations

import pytest

from assistant.language_choice import language_choice


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("snakk norsk", "nb"),
        ("Snakk engelsk!", "en"),
        ("svar på engelsk, takk", "en"),
        ("kan du svare meg på norsk?", "nb"),
        ("snakker du norsk?", "nb"),
        ("bruk bokmål", "nb"),
        ("bytt til engelsk", "en"),
        ("på norsk, takk", "nb"),
        ("speak English", "en"),
        ("Please speak Norwegian.", "nb"),
        ("answer in English please", "en"),
        ("can you reply in English?", "en"),
        ("do you speak Norwegian?", "nb"),
        ("switch to English", "en"),
        ("English, please", "en"),
        ("  speak   english  ", "en"),
    ],
)
def test_asking_for_a_language(text: str, language: str) -> None:
    assert language_choice(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "norsk",  # the word alone: a topic, maybe
        "English",
        "hva ble bestemt om norsk?",
        "what was decided about English lessons?",
        "snakk norsk med Britt om LAR",
        "speak English to the committee",
        "oversett til engelsk",  # a translation is something else
        "hvem snakker norsk i SSU?",
        "jeg snakker norsk",
        "snakk",
        "speak French",
        "svar på tysk",
        "snakk norsk " + "x" * 200,
        "norsk takk for sist",
    ],
)
def test_near_misses_are_not_the_command(text: str) -> None:
    assert language_choice(text) is None
