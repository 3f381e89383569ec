"""assistant/plain_text.py: an answer for a terminal loses its Markdown marks, not its words."""

from __future__ import annotations

import pytest

from assistant.plain_text import plain_text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Gjeldende vedtak** — LSU 14.10.2026:", "Gjeldende vedtak — LSU 14.10.2026:"),
        ("**Oppfølging:** **Marit**", "Oppfølging: Marit"),
        ("importer dokumentet med `referent import`.", "importer dokumentet med referent import."),
        ("**uten slutt", "uten slutt"),
        # no marks: as it is, lists and arithmetic included
        ("- SSU 26.10.2026: noe\n1. Første", "- SSU 26.10.2026: noe\n1. Første"),
        ("3 * 4 = 12, 2*3", "3 * 4 = 12, 2*3"),
        ("** ikke fet **", " ikke fet "),
    ],
)
def test_marks_out_words_kept(markdown: str, plain: str) -> None:
    assert plain_text(markdown) == plain
