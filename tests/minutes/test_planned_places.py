"""The place of an announced meeting: read from the clause that names its date, the sentence
after it that speaks of the meeting, a header's "Neste møte" field or a year's meeting plan —
and never a word that only looks like a place."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from assistant.importing import ImportOptions, import_paths
from minutes.model import DocumentText, Line, ParsedMinutes
from minutes.parser import parse_minutes
from minutes.readers import read_document
from storage.database import Database
from storage.models import Meeting
from tests.conftest import EXAMPLES, seed

HELD = "Møtedato: 14. oktober 2026\n\nSak 1 Møteplan\n"


def parse(text: str) -> ParsedMinutes:
    return parse_minutes(
        DocumentText("txt", [Line(t, i + 1) for i, t in enumerate(text.split("\n"))])
    )


def places(text: str) -> dict[date, str | None]:
    return {p.date: p.location for p in parse(HELD + text).planned_meetings}


# ------------------------------------------------------------------ the project's own minutes


def test_the_ssu_example_gives_the_place_of_the_meetings_it_announces() -> None:
    m = parse_minutes(read_document(EXAMPLES / "ssu-fjordby-2026-09-07.html"))
    # "Neste møte 26. oktober blir digitalt. Siste møte i år 14. desember blir et fysisk møte
    # på Fjordby sykehus, Møterom Fjellet."
    assert {p.date: p.location for p in m.planned_meetings} == {
        date(2026, 10, 26): "digitalt",
        date(2026, 12, 14): "Fjordby sykehus, Møterom Fjellet",
    }


def test_the_lsu_example_keeps_alternating_places_in_the_minutes_words() -> None:
    m = parse_minutes(read_document(EXAMPLES / "lsu-fjordby-2026-10-14.txt"))
    got = {p.date: p.location for p in m.planned_meetings}
    # "Møtested: Møterom Havblikk" in the header is this meeting's place, not the next one's.
    assert got.pop(date(2026, 12, 9)) is None
    # "- Møtene holdes vekselvis i Fjordby og Lindvik": which is where is not said.
    assert set(got) == {date(2027, 3, 10), date(2027, 6, 2), date(2027, 9, 22), date(2027, 12, 8)}
    assert set(got.values()) == {"vekselvis i Fjordby og Lindvik"}


def test_the_seed_without_a_full_stop_between_two_announcements() -> None:
    # "Neste møte 24. oktober blir digitalt Siste møte i år 5. desember blir et fysisk møte i
    # Vestre Vikens lokaler, Grønland 32, Drammen"
    m = parse_minutes(read_document(seed("001")))
    assert {p.date: p.location for p in m.planned_meetings} == {
        date(2022, 10, 24): "digitalt",
        date(2022, 12, 5): "Vestre Vikens lokaler, Grønland 32, Drammen",
    }


def test_a_seed_whose_header_place_is_this_meetings() -> None:
    m = parse_minutes(read_document(seed("000")))  # "Neste møte: …" then "Møtested: Rådhuset"
    assert m.location == "Rådhuset, Asker kommune"
    assert [(p.date, p.location) for p in m.planned_meetings] == [(date(2014, 3, 5), None)]


# ------------------------------------------------------------------ sentences that name a place


ANNOUNCED = {  # the text after this meeting's minutes' header -> the place of 9 December
    "Neste møte 9. desember kl 12.30 – 15.00 på Rådhuset, Asker kommune.": (
        "Rådhuset, Asker kommune"
    ),
    "Neste møte er satt til 9. desember i Kommunestyresalen": "Kommunestyresalen",
    "Neste møte 9. desember, Møterom Fjellet, Fjordby sykehus": "Møterom Fjellet, Fjordby sykehus",
    "Neste møte: 9. desember, sted: Storøya rådhus": "Storøya rådhus",
    "Neste møte 9. desember. Sted: Lindvik helsehus.": "Lindvik helsehus",
    "Neste møte 9. desember blir et Teams-møte.": "Teams",
    "Neste møte 9. desember holdes digitalt på Zoom.": "Zoom",
    "Neste møte 9. desember blir digitalt.": "digitalt",
    "Neste møte 9. desember (digitalt)": "digitalt",
    "Neste møte 9. desember på Kari sitt kontor": "Kari sitt kontor",
    "Neste møte 9. desember. Møtet holdes på Storøya.": "Storøya",
    "Neste møte 9. desember.\nMøtet blir et fysisk møte i Fjordby kommunes lokaler.": (
        "Fjordby kommunes lokaler"
    ),
    "Siste møte i år 9. desember blir et fysisk møte på Fjordby\nsykehus, Møterom Fjellet.": (
        "Fjordby sykehus, Møterom Fjellet"
    ),
    "Next meeting: 9 December 2026, 10:00, Room 204, City Hall": "Room 204, City Hall",
    "Next meeting will be held on 9 December 2026 at 7pm in the Council Chamber.": (
        "the Council Chamber"
    ),
    "The next meeting: 9 December 2026, online": "online",
    "Next meeting: 9 December 2026. Venue: Civic Offices, Dooradoyle": "Civic Offices, Dooradoyle",
    "Nästa möte 9 december 2026 kl 17.17 i Monaden": "Monaden",
    "Neste møte 9. desember på St. Olavs hospital, auditoriet": "St. Olavs hospital, auditoriet",
}


@pytest.mark.parametrize(("text", "place"), ANNOUNCED.items())
def test_the_place_of_an_announced_meeting(text: str, place: str) -> None:
    assert places(text) == {date(2026, 12, 9): place}


def test_a_header_field_with_day_month_time_and_place() -> None:
    m = parse(
        "Møtedato: 14. oktober 2026\nNeste møte: 14.12. kl 13, Møterom Fjellet\n\n"
        "Sak 1 Referat\nReferatet ble godkjent.\n"
    )
    assert [(p.date, p.starts, p.location) for p in m.planned_meetings] == [
        (date(2026, 12, 14), time(13), "Møterom Fjellet")
    ]


def test_a_meeting_plan_with_a_place_for_each_date() -> None:
    assert places("Møtedatoer i 2027: 10. mars i Fjordby, 2. juni i Lindvik, 22. september") == {
        date(2027, 3, 10): "Fjordby",
        date(2027, 6, 2): "Lindvik",
        date(2027, 9, 22): None,
    }


def test_a_meeting_plan_whose_place_is_for_all() -> None:
    assert places("Møtedatoer i 2027: 10. mars og 2. juni, alle kl 13 på Rådhuset") == {
        date(2027, 3, 10): "Rådhuset",
        date(2027, 6, 2): "Rådhuset",
    }


def test_a_meeting_plan_followed_by_where_the_meetings_are_held() -> None:
    assert places("Møtedatoer i 2027: 10. mars og 2. juni\n- Møtene holdes i Møterom Fjellet") == {
        date(2027, 3, 10): "Møterom Fjellet",
        date(2027, 6, 2): "Møterom Fjellet",
    }


def test_a_later_mention_without_a_place_keeps_the_place() -> None:
    got = places("Neste møte 9. desember blir på Rådhuset.\nSaken legges fram for LSU 9. desember.")
    assert got == {date(2026, 12, 9): "Rådhuset"}


# ------------------------------------------------------------------ near misses: no place


@pytest.mark.parametrize(
    "text",
    [
        "Neste møte 9. desember, saker meldes i forkant av møtet.",
        "Neste møte 9. desember, saken settes på sakslisten.",
        "Neste møte 9. desember, lenke legges i Teams-kanalen for saken.",
        "Neste møte 9. desember i Teams channel",
        "Neste møte 9. desember ledes av Kari Nordmann.",
        "Neste møte 9. desember, Kari Nordmann kaller inn.",
        "Neste møte 9. desember i Kari Nordmanns fravær.",
        "Neste møte 9. desember på Kari sitt forslag.",
        "Neste møte 9. desember skal vi diskutere saken i Lindvik kommune.",
        "Neste møte 9. desember, der vi skal se på budsjettet i 2027.",
        "Neste møte 9. desember i 2027-planen",
        "Neste møte 9. desember i LSU.",
        "Neste møte 9. desember i Fjordby eller Lindvik.",
        "Neste møte 9. desember, Møterom Fjellet eller digitalt",
        "Neste møte 9. desember i forbindelse med Partnerskapsmøtet",
        "Neste møte: 9. desember, Kari Nordmann",
        "Next meeting: 9 December 2026 at the discretion of the Chair",
        "Neste møte 9. desember om digital hjemmeoppfølging i Fjordby.",
        "Neste møte 9. desember, sakspapirer legges ut online.",
        "Neste møte 9. desember. Saken om Storøya legges fram der.",
        "Neste møte 9. desember. Møtet skal behandle budsjettet i Fjordby kommune.",
        "Neste møte 9. desember.\nMøtet i Fjordby ble avlyst.",
        "Neste møte 9. desember, sted: ikke avklart",
        "Neste møte 9. desember, Nordic on FHIR, meld dere på info@hl7.no",
        "Next meeting: 9 December 2026, in person",
        "Next meeting: 9 December 2026 in December's usual slot",
    ],
)
def test_words_that_only_look_like_a_place(text: str) -> None:
    assert places(text) == {date(2026, 12, 9): None}


def test_the_next_line_with_this_meetings_label_is_not_the_next_meetings_place() -> None:
    # A header: "Neste møte:" with its date, then "Møtested:" — the meeting these minutes record.
    m = parse(
        "Møtedato: 14. oktober 2026\nNeste møte:\n9. desember 2026\n\n"
        "Møtested: Møterom Havblikk, Fjordby sykehus\n\nSak 1 Referat\nGodkjent.\n"
    )
    assert m.location == "Møterom Havblikk, Fjordby sykehus"
    assert [(p.date, p.location) for p in m.planned_meetings] == [(date(2026, 12, 9), None)]


def test_a_line_joined_for_its_place_adds_no_dates() -> None:
    assert places("Saken utsettes til neste møte\nog behandles 9. desember i Fjordby") == {}


def test_an_english_motion_naming_the_next_meeting_is_no_announcement() -> None:
    m = parse(
        "Meeting date: 14 October 2026\n\nItem 1 Motions\n"
        "I will ask at the next Meeting for an update on the works due on 9 December 2026 "
        "in the Council Chamber.\n"
    )
    assert m.planned_meetings == []


# ------------------------------------------------------------------ stored with the meeting


@pytest.mark.parametrize("order", ["announcing first", "held first"])
async def test_imported_planned_meetings_have_their_place(db: Database, order: str) -> None:
    paths = [EXAMPLES / "ssu-fjordby-2026-09-07.html", EXAMPLES / "ssu-fjordby-2026-10-26.md"]
    if order == "held first":
        paths.reverse()
    results = await import_paths(db, [Path(p) for p in paths], ImportOptions())
    assert [r.status for r in results] == ["imported", "imported"], [r.error for r in results]
    async with db.session() as session:
        meetings = {m.date: m for m in await session.scalars(select(Meeting))}
    assert meetings[date(2026, 12, 14)].status == "planned"
    assert meetings[date(2026, 12, 14)].location == "Fjordby sykehus, Møterom Fjellet"
    # 26 October was announced as digital, then held in a room: the minutes of it win.
    assert meetings[date(2026, 10, 26)].status == "held"
    assert meetings[date(2026, 10, 26)].location == "Møterom Fjellet, Fjordby sykehus"
