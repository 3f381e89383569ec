"""The settling keys' scan for case numbers ("Oppfølging av sak 32/2026"): the quick search
that finds where `_REFERENCE` may match must find every place it does, and the scan must
end where `_REFERENCE.finditer` ends, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from assistant.settled_tasks import _REFERENCE, _REFERENCE_START, _reference_ends, _referenced
from tests.fuzz_settings import examples  # noqa: F401  (loads the profile)


def _ends(text: str) -> list[int]:
    return [m.end() for m in _REFERENCE.finditer(text)]


def test_the_quick_search_starts_at_every_letter_re_i_takes_for_s_c_or_i() -> None:
    taken = {chr(c) for c in range(0x110000) if re.fullmatch("[sci]", chr(c), re.I)}
    first = re.match(r"\[([^\]]+)\]", _REFERENCE_START.pattern)
    assert first is not None
    assert set(first[1]) == taken  # ſ, ı and İ among them


@pytest.mark.parametrize(
    "text",
    [
        "Oppfølging av sak 32/2026",
        "Saken  12/2023 ble behandlet",
        "CASE\t5/24 and item 2024.3",
        "ſak 1/22, ıtem 3/21, İTEM 4/20",
        "en sak\n2024.1",
        "sak 1 sak 2 saken 3",
    ],
)
def test_the_scan_ends_where_the_pattern_does(text: str) -> None:
    assert list(_reference_ends(text)) == _ends(text) != []


@pytest.mark.parametrize(
    # near misses: no word "sak"/"case"/"item" followed by space, though the quick search
    # finds some of them ("cak", "iase", "sake")
    "text",
    ["saksbehandler 3/2024", "xsak 1/24", "_sak 1/24", "1sak 2/24", "ésak 3/24", "cak 1/24",
     "iase 2/24", "sake 1/24", "s ak 1/24", "sak", "items 3/24", "showcase 4/24"],
)  # fmt: skip
def test_near_misses_give_no_place(text: str) -> None:
    assert list(_reference_ends(text)) == _ends(text) == []
    assert _referenced(text, "") == frozenset()


@given(st.text(alphabet=st.sampled_from(list("sakencitemSAKENCITEMſıİK \t\n12/.é_x")), max_size=60))
@example("saken sak case")
def test_the_scan_ends_where_the_pattern_does_on_any_text(text: str) -> None:
    assert list(_reference_ends(text)) == _ends(text)


@given(st.text(max_size=80))
def test_the_scan_ends_where_the_pattern_does_on_any_unicode(text: str) -> None:
    assert list(_reference_ends(text)) == _ends(text)
