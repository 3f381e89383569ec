"""What minutes set for a later meeting (assistant/planned_items.py), and near misses that
name the date without bringing anything to it."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.planned_items import postponed_to, set_for_meeting

WRITTEN = date(2026, 10, 26)
MEETING = date(2026, 12, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "Arbeidsgruppen for rus og psykisk helse legger fram en anbefaling om avtaleform i "
        "SSU 14. desember.",
        "Kommunene orienterer om sine budsjetter for 2027 i SSU 14. desember.",
        "Arbeidsutvalget lager et forslag og legger den fram i møtet 14. desember.",
        "Saken tas opp igjen 14.12.2026.",
        "Forslaget legges fram for SSU 14. desember 2026.",
        "The working group will present its recommendation on 14 December 2026.",
    ],
)
def test_an_item_set_for_the_meeting_by_its_date(sentence: str) -> None:
    text = f"Utvalget drøftet saken.\n{sentence}"
    assert set_for_meeting(text, WRITTEN, MEETING, is_next=False, committee="SSU") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Neste møte 14. desember blir et fysisk møte på Fjordby sykehus.",  # an announcement
        "Siste møte i år 14. desember blir digitalt.",
        "Sekretariatet sender rapporten innen 14. desember.",  # a deadline, nothing brought
        "Solveig legger fram beleggstall før 14. desember.",  # before it, not at it
        "Saken ble behandlet 14. desember i fjor.",  # a past treatment
        "Arbeidsgruppen legger fram en anbefaling i SSU 15. desember.",  # another day
        "Saken ble utsatt til 14. desember.",  # a postponed case is carried as a case
        "Forslaget legges fram for LSU 14. desember.",  # another committee's meeting
    ],
)
def test_near_misses_name_the_day_but_set_nothing_for_it(sentence: str) -> None:
    found = set_for_meeting(
        sentence, WRITTEN, MEETING, is_next=True, committee="SSU", others=frozenset({"LSU"})
    )
    assert found == []


def test_the_next_meeting_only_when_it_is_the_next_one() -> None:
    sentence = "Marit Lunde lager en kortversjon og legger den fram i neste møte."
    text = f"Kort orientering.\n{sentence}"
    assert set_for_meeting(text, WRITTEN, MEETING, is_next=True) == [sentence]
    assert set_for_meeting(text, WRITTEN, MEETING, is_next=False) == []
    before = "Solveig sender beleggstall til medlemmene før neste møte."
    assert set_for_meeting(before, WRITTEN, MEETING, is_next=True) == []


def test_where_a_postponed_case_went() -> None:
    assert postponed_to("Saken ble utsatt til møtet 5. mars.", WRITTEN) == date(2027, 3, 5)
    assert postponed_to("The item was deferred to 12 March 2027.", WRITTEN) == date(2027, 3, 12)
    # "til neste møte" names no date: the store's next meeting is meant
    assert postponed_to("Saken ble utsatt til neste møte.", WRITTEN) is None
    # near miss: a date in the text that is not where it went
    assert postponed_to("Saken fra 5. mars ble utsatt.", WRITTEN) is None
