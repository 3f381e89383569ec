"""The yes/no question after a dialog's summary, as Teams and its emulator show it."""

from __future__ import annotations

from dialogs.new_case import ASK_CONFIRM
from dialogs.prompts import chosen, confirmation
from tests.markdown_lists import glued_to_list_items

SUMMARY = "Ny sak til SSU:\n- Tittel: Legevaktsamarbeid\n- Møte: mandag 14. desember 2026"


def test_the_question_is_not_read_as_the_summarys_last_point() -> None:
    shown = confirmation("nb", ASK_CONFIRM, SUMMARY).prompt.text
    assert shown.startswith(SUMMARY) and shown.endswith("Skal jeg melde inn saken? (ja/nei)")
    assert glued_to_list_items(shown) == []


def test_a_question_right_under_the_list_would_be() -> None:
    # the near miss: what the summary and its question read as with one line break
    assert glued_to_list_items(f"{SUMMARY}\nSkal jeg melde inn saken? (ja/nei)") == [
        "Skal jeg melde inn saken? (ja/nei)"
    ]
    assert glued_to_list_items(f"{SUMMARY}\n\nSkal jeg melde inn saken? (ja/nei)") == []


def test_a_choice_is_named_by_its_number_or_a_part_of_its_label_only() -> None:
    choices = [{"name": "Christine Furuholmen"}, {"name": "Christine Hansen"}]
    label = lambda c: c["name"]  # noqa: E731
    assert chosen("2", choices, label) == choices[1]
    assert chosen("hansen", choices, label) == choices[1]
    # Near-misses: a superscript digit (str.isdigit says yes, int() says no), a number
    # out of range, a part both labels have.
    assert chosen("¹", choices, label) is None
    assert chosen("3", choices, label) is None
    assert chosen("Christine", choices, label) is None
