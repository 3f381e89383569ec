"""The suggestions offered for a message not understood: close to what was typed, in the
user's language, never empty."""

from __future__ import annotations

import pytest

from assistant.suggestions import AT_MOST, suggest


@pytest.mark.parametrize(
    ("typed", "language", "first"),
    [
        ("abonement", "nb", "abonner på SSU"),  # a typing slip
        ("abonnementer?", "nb", "abonner på SSU"),
        ("angre", "nb", "angre"),
        ("frister", "nb", "Har jeg noe som haster?"),
        ("blablabla møte kaffe", "nb", "Når er neste møte?"),
        ("hvor er kaffen", "nb", "Hvor er neste møte?"),
        ("undo", "en", "undo"),
        ("overdue stuff", "en", "Anything urgent for me?"),
        ("subscriptoin", "en", "subscribe to SSU"),
    ],
)
def test_the_closest_comes_first(typed: str, language: str, first: str) -> None:
    found = suggest(typed, language)
    assert found[0] == first
    assert 2 <= len(found) <= AT_MOST


def test_a_name_gets_its_tasks() -> None:
    assert suggest("Kari", "nb", person="Kari")[:2] == [
        "Oppgaver for Kari",
        "Hva har Kari ansvar for?",
    ]
    assert suggest("Kari", "en", person="Kari")[0] == "Tasks for Kari"


@pytest.mark.parametrize("typed", ["qwerty", "", "ok", "møt"])
def test_near_misses_get_the_first_examples(typed: str) -> None:
    """Nothing close (a short word must match whole): the first examples, never none."""
    assert suggest(typed, "nb")[:2] == ["Hva ble bestemt om LAR?", "Hvilke oppgaver har jeg?"]
