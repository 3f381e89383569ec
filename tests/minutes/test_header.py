"""The meeting's facts from the header: labelled fields in several languages, the title, a
sentence about the meeting, the file name last — and dates that are not the meeting's."""

from __future__ import annotations

from datetime import date, time

import pytest

from minutes.parser import ParseOptions, parse_minutes
from minutes.readers import read_bytes


def parsed(text: str, suffix: str = ".txt", name: str | None = None):  # type: ignore[no-untyped-def]
    document = read_bytes(text.encode(), suffix)
    return parse_minutes(document, ParseOptions(source_name=name))


ITEMS = "\n\nSak 1 Godkjenning\nGodkjent.\n\nSak 2 Eventuelt\nIngen saker.\n"


def test_labelled_fields_in_several_languages() -> None:
    nb = parsed("Møtedato: 18.03.2026\nTidspunkt: 09:00 - 11:30\nMøtested: Rådhuset" + ITEMS)
    assert (nb.meeting_date, nb.starts, nb.ends, nb.location) == (
        date(2026, 3, 18),
        time(9),
        time(11, 30),
        "Rådhuset",
    )
    en = parsed("Date: 21 November 2024, 10:00–12:00\nVenue: Council Chamber" + ITEMS)
    assert (en.meeting_date, en.starts, en.ends, en.location) == (
        date(2024, 11, 21),
        time(10),
        time(12),
        "Council Chamber",
    )
    sv = parsed("Datum: 2024-11-15\nTid: 12:00\nPlats: EA" + ITEMS)
    assert (sv.meeting_date, sv.starts, sv.location) == (date(2024, 11, 15), time(12), "EA")
    assert sv.date_source == "label" and sv.fields["date"] == 1


def test_the_date_in_a_title() -> None:
    limerick = (
        "MINUTES OF PROCEEDINGS AT MEETING OF THE JOINT POLICING COMMITTEE HELD\n\n"
        "ON MONDAY, 31ST\n\nMARCH, 2025, AT 3PM.\n\nPRESENT IN THE CHAIR: Cllr Ryan.\n"
        "\n1. ADOPTION OF MINUTES\nAgreed.\n\n2. GARDA REPORT\nNoted.\n"
    )
    m = parsed(limerick)
    assert (m.meeting_date, m.starts, m.date_source) == (date(2025, 3, 31), time(15), "title")
    assert m.committee is not None and m.committee.name == "Joint Policing Committee"
    md = parsed("# Møtereferat feature-team - 07.03.2023\n\n## 1. Agenda\nOK.\n", ".md")
    assert md.meeting_date == date(2023, 3, 7)
    iso = parsed("# 2023-06-15\n\n## Agenda\n- Intros\n- Cadence\n", ".md")
    assert iso.meeting_date == date(2023, 6, 15)


def test_a_sentence_about_the_meeting() -> None:
    text = (
        "# Minutes of the 11th meeting\n\n## Date, Time and Location\n\n"
        "The meeting took place virtually on Wednesday, December 5, 2018 at 3:30pm.\n\n"
        "## Proceedings\n### Activities\nReported.\n### Financial report\nNoted.\n"
    )
    assert parsed(text, ".md").meeting_date == date(2018, 12, 5)


def test_dates_that_are_not_the_meeting_date() -> None:
    """The next meeting, an approval, a deadline and a posting before the meeting's date."""
    text = (
        "Referat godkjent 02.04.2026\nNeste møte: 15.05.2026\nPublisert 01.04.2026\n"
        "Møtet ble holdt 18.03.2026 i rådhuset." + ITEMS
    )
    m = parsed(text)
    assert m.meeting_date == date(2026, 3, 18)
    assert m.next_meeting is not None and m.next_meeting.date == date(2026, 5, 15)
    english = "Approved on 4 April 2026\nDeadline: 1 May 2026\n" + ITEMS
    assert parsed(english).meeting_date is None


def test_a_date_label_in_running_text_is_not_the_header() -> None:
    """Only "Møtedato" stands anywhere; a "Dato:" inside an item is that item's business."""
    text = "Møtereferat\n\nSak 1 Innkjøp\nDato: 01.02.2027 for levering.\n\nSak 2 Annet\nIntet.\n"
    assert parsed(text).meeting_date is None


def test_attendee_tables_and_their_chair() -> None:
    text = (
        "MØTEPROTOKOLL\n\nHovedutvalg for oppvekst\n\nMøtedato: 03.03.2027\n\n"
        "Følgende medlemmer møtte:\n"
        "Navn                 Funksjon   Repr.\n"
        "Kari Nordmann        Leder      AP\n"
        "Ola Hansen           Medlem     H\n\n"
        "Følgende medlemmer hadde forfall:\n"
        "Navn                 Funksjon   Repr.\n"
        "Per Olsen            Medlem     SP\n\n"
        "PS 1/27 Skolerute\nVedtak\nVedtatt.\n"
    )
    m = parsed(text)
    assert [p.name for p in m.participants] == ["Kari Nordmann", "Ola Hansen"]
    assert [p.name for p in m.absentees] == ["Per Olsen"]
    assert m.chair == "Kari Nordmann"
    assert m.committee is not None and m.committee.name == "Hovedutvalg for oppvekst"


def test_front_matter_and_headings_over_lists() -> None:
    text = (
        "---\ndato: 2020-11-04\ntema: FHIR\n---\n# Møte 1 i FHIR fagforum\n\n"
        "## Til stede\n- Kari Nordmann\n- Ola Hansen\n\n## Agenda\n1. Velkommen\n1. Tema\n\n"
        "## Velkommen\nHei.\n## Tema\nFHIR.\n"
    )
    m = parsed(text, ".md")
    assert m.meeting_date == date(2020, 11, 4)
    assert [p.name for p in m.participants] == ["Kari Nordmann", "Ola Hansen"]


def test_the_file_name_is_the_last_resort() -> None:
    m = parsed("# Styremøte\n\n## Sak 1 Budsjett\nGodkjent.\n", ".md", "2016-04-01-styret.md")
    assert (m.meeting_date, m.date_source) == (date(2016, 4, 1), "file name")
    assert any("file name" in note for note in m.notes)
    dated = parsed("Møtedato: 02.02.2016" + ITEMS, name="2016-04-01-styret.txt")
    assert (dated.meeting_date, dated.date_source) == (date(2016, 2, 2), "label")
    assert (
        parsed("# Styremøte\n\n## Sak 1 Budsjett\nOK.\n", ".md", "styret.md").meeting_date is None
    )


@pytest.mark.parametrize(
    ("text", "suffix", "committee"),
    [
        # A title that names its body before the meeting or minutes word.
        ("# Harbour Trust Board monthly meeting, 3 March 2025\n", ".md", "Harbour Trust Board"),
        ("# Parks WG Notes - May 2025\n", ".md", "Parks WG"),
        ("# Meeting Summary for Tooling Working Group Meeting\n", ".md", "Tooling Working Group"),
        ("# Minutes of the Finance Committee\n", ".md", "Finance Committee"),
        ("# Elevrådets møte 4\n\nDato: 2025-03-03\n", ".md", "Elevrådet"),
        # «møte N i …», a compound «…møte i …», a name of several words ending in a body word.
        ("# Møte 12 i Fjellby eldreråd\n\nDato: 2025-03-03\n", ".md", "Fjellby eldreråd"),
        (
            "---\nsubheadline: Årsmøte i Velforeningens styre\n---\nDato: 2025-03-03\n",
            ".md",
            "Velforeningens styre",
        ),
        ("Møte i Ungdomsrådet\nMøtedato: 03.03.2025\n", ".txt", "Ungdomsrådet"),
        # The council's committee, not the council ("X's Y"), though its name wraps.
        (
            "Minutes of the Meeting of Fjellby County Council’s Housing and Community\n"
            "Strategic Policy Committee held on Monday 3rd March, 2025 at 3 p.m.\n",
            ".txt",
            "Housing and Community Strategic Policy Committee",
        ),
        # The date after the name is not part of it; a name hyphenated over two lines is one
        # word, and capitalised as the same name in mixed case is.
        ("Møte i Elevrådet 15.05.2025\nTil stede:\nKari Nordmann\n", ".txt", "Elevrådet"),
        (
            "MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT OF FJELL-\n"
            "BYGDA HELD IN THE TOWN HALL ON MONDAY, 3RD MARCH, 2025.\n",
            ".txt",
            "Municipal District of Fjell-Bygda",
        ),
        # A name with commas in it, up to the word that says it is a body.
        (
            "A meeting of the Parks, Arts & Sports Strategic Policy Committee was held in the\n"
            "Council Chamber on Tuesday 4th March, 2025\n",
            ".txt",
            "Parks, Arts & Sports Strategic Policy Committee",
        ),
        # A title set a word a line, as some PDFs are read.
        (
            "MINUTES\nOF\nPROCEEDINGS\nAT\nMEETING\nOF\nTHE\nHARBOUR DISTRICT OF FJELLBY HELD IN\n"
            "THE TOWN HALL, ON MONDAY, 3RD MARCH, 2025.\n",
            ".txt",
            "Harbour District of Fjellby",
        ),
    ],
)
def test_the_committee_a_title_names(text: str, suffix: str, committee: str) -> None:
    m = parsed(text + "\n" + ITEMS, suffix)
    assert m.committee is not None and m.committee.name == committee


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ("# Monthly meeting, 3 March 2025\n", ".md"),  # no name before the word
        ("# Board meeting notes\n", ".md"),
        ("# Minutes\n\nThe meeting was held on 3 March 2025.\n", ".md"),
        ("Møte i Trondheim 3. mars 2025\n", ".txt"),  # a place, not a body
        ("# Møte 4 i prosjektet\n\nDato: 2025-03-03\n", ".md"),
        ("# Forslag til møte i mars\n", ".md"),
    ],
)
def test_titles_that_name_no_committee(text: str, suffix: str) -> None:
    assert parsed(text + "\n" + ITEMS, suffix).committee is None


def test_a_case_paper_is_for_the_first_committee_of_its_route() -> None:
    text = (
        "SAKSFRAMLEGG\n\nSaksgang\nUtvalg\nEldrerådet\nFormannskapet\nMøtedato\nUtvalgssak\n\n"
        "Arkivsaksnr: 2025/17\n\nNytt dagsenter i Fjellby\n\n"
        "Kommunedirektørens forslag til vedtak:\nDagsenteret bygges i 2026.\n"
    )
    m = parsed(text)
    assert m.committee is not None and m.committee.name == "Eldrerådet"
    row = text.replace(
        "Utvalg\nEldrerådet\nFormannskapet\n", "Formannskapet   12.03.2025   12/25\n"
    )
    assert parsed(row).committee.name == "Formannskapet"
    unrouted = text.replace("Saksgang\n", "")
    assert parsed(unrouted).committee is None
