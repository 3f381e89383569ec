"""Information items and discussions answered with what was reported, their follow-up and
the source; a case's status in words that fit it; a committee or "siste møte" that leaves
nothing is left out with a note (issue 15, 1 and 2). Real database (SQLite and PostgreSQL),
the project's example minutes and minutes written here, a fixed clock in two time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from bot.cards import decision_card
from storage.database import Database
from tests.conftest import TIMEZONES
from tests.markdown_lists import glued_to_list_items

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture(params=TIMEZONES)
async def examples(
    db: Database, example_minutes: None, request: pytest.FixtureRequest
) -> Assistant:
    return Assistant(db=db, clock=FixedClock(NOW), timezone=ZoneInfo(request.param))


def _card_texts(card: dict) -> list[str]:
    return [block["text"] for block in card["body"]]


async def test_an_information_item_shows_what_was_reported_and_its_follow_up(
    examples: Assistant,
) -> None:
    answer = await examples.answer("partnerskapsmøtet, hvor blir det?")
    first = answer.results[0]
    assert (first.committee, first.meeting_date, first.case) == ("SSU", date(2026, 9, 7), "34/26")
    assert first.status == "noted" and first.excerpt
    assert "Møtet skal være fysisk og holdes på Storøya." in first.excerpt
    lines = answer.text.splitlines()
    assert lines[0].startswith("**Drøftet og tatt til orientering – ingen vedtak** — SSU 07.09")
    assert lines[1].startswith("Fra referatet: Utvalget diskuterte tema og form")
    assert "Oppfølging:" in lines
    assert (
        "- Geir Tveit lager et utkast til program og sender det til arbeidsutvalget. — frist "
        "26. oktober 2026" in lines
    )
    assert lines[-1] == "Kilde: ssu-fjordby-2026-09-07.html, linje 16"
    assert glued_to_list_items(answer.text) == []
    # the task is follow-up, not repeated as what was reported
    assert "Geir Tveit" not in first.excerpt
    shown = answer.as_json()["results"][0]
    assert shown["excerpt"] == first.excerpt and shown["status"] == "noted"
    assert [t["assignee"] for t in shown["follow_up"]["tasks"]] == ["Geir Tveit"]
    assert shown["source"]["document"] == "ssu-fjordby-2026-09-07.html"


async def test_the_card_shows_the_same_as_the_text(examples: Assistant) -> None:
    answer = await examples.answer("opplæring nytt journalsystem, hva ble det til?")
    first = answer.results[0]
    assert first.case == "35/26" and first.excerpt
    assert "nytt journalsystem våren 2027" in first.excerpt
    assert "Fra referatet: Fjordby sykehus går over til nytt journalsystem" in answer.text
    assert "Fjordby sykehus kommer tilbake med en plan for felles opplæring. — frist Vår 2027" in (
        answer.text
    )
    texts = _card_texts(decision_card(answer))
    assert texts[0] == "Bare tatt til orientering (ingen vedtak)"
    assert f"Fra referatet: {first.excerpt}" in texts
    assert "Oppfølging:" in texts
    assert any("kommer tilbake med en plan" in t for t in texts)
    source = decision_card(answer)["actions"][0]["card"]["body"][0]["text"]
    assert source == "Kilde: ssu-fjordby-2026-09-07.html, linje 17"


async def test_a_report_among_several_shows_only_what_was_asked(examples: Assistant) -> None:
    answer = await examples.answer("hva sa vi om korridorpasienter")
    first = answer.results[0]
    assert (first.committee, first.case, first.title) == ("LSU", "2", "Orienteringssaker")
    assert first.excerpt == (
        "Fjordby sykehus HF orienterte om høyt belegg i medisinsk klinikk gjennom hele "
        "september, med flere korridorpasienter enn på samme tid i fjor."
    )
    assert answer.text.startswith("**Bare tatt til orientering (ingen vedtak)** — LSU 14.10")
    assert "korttidsplasser" not in answer.text


async def test_in_english(examples: Assistant) -> None:
    answer = await examples.answer("opplæring nytt journalsystem", language="en")
    assert answer.text.startswith("**Only noted (no decision)**")
    assert "From the minutes: Fjordby sykehus går over" in answer.text
    assert "Follow-up:" in answer.text and "due Vår 2027" in answer.text
    assert "Source: ssu-fjordby-2026-09-07.html" in answer.text


async def test_a_decided_case_is_not_shown_as_an_information_item(examples: Assistant) -> None:
    answer = await examples.answer("kostnadsfordeling for DHO")
    first = answer.results[0]
    assert (first.case, first.status) == ("2026.44", "decided")
    assert first.excerpt is None
    assert answer.text.startswith("**Gjeldende vedtak** — SSU 26.10.2026, sak 2026.44")
    assert "Fra referatet" not in answer.text and "Oppfølging:" not in answer.text
    assert "Forslaget til kostnadsfordeling vedtas" in answer.text
    texts = _card_texts(decision_card(answer))
    assert texts[0] == "Gjeldende vedtak" and not any(t.startswith("Fra referatet") for t in texts)
    assert answer.as_json()["results"][0]["excerpt"] is None


async def test_a_decided_case_adds_what_the_question_asks_beyond_its_decision(
    examples: Assistant,
) -> None:
    answer = await examples.answer("beleggsprosent på øhd plassene")
    first = answer.results[0]
    assert (first.case, first.status) == ("4", "decided")
    assert first.excerpt and "58 prosent" in first.excerpt
    lines = answer.text.splitlines()
    assert lines[0].startswith("**Gjeldende vedtak** — LSU 14.10.2026, sak 4")
    assert lines[1].startswith("1. LSU ber om at det utarbeides felles innleggelseskriterier")
    reported = next(i for i, ln in enumerate(lines) if ln.startswith("Fra referatet:"))
    assert reported > 1 and "58 prosent" in lines[reported]
    # near miss: a question its decision answers gets the decision alone
    lar = await examples.answer("hva ble bestemt om LAR")
    assert lar.results[0].excerpt is None and "Fra referatet" not in lar.text


async def test_a_postponed_case_says_to_which_meeting(examples: Assistant) -> None:
    answer = await examples.answer("hva skjedde med hospiteringsordningen?")
    first = answer.results[0]
    assert (first.committee, first.case, first.status) == ("LSU", "5", "postponed")
    assert first.postponed_to == date(2026, 12, 9)  # LSU's next meeting, from the minutes
    assert answer.text.startswith("**Utsatt til 9. desember 2026 – ikke avgjort** — LSU 14.10")
    assert "Fra referatet: Lindvik kommune la fram et forslag" in answer.text
    assert answer.as_json()["results"][0]["postponed_to"] == "2026-12-09"
    english = await examples.answer("hospitering for helsefagarbeidere", language="en")
    assert english.text.startswith("**Postponed to 9 December 2026 – not decided**")
    assert _card_texts(decision_card(english))[0] == "Postponed to 9 December 2026 – not decided"


async def test_a_committee_that_has_nothing_is_left_out_with_a_note(examples: Assistant) -> None:
    answer = await examples.answer("hva ble bestemt om LAR i OSU")
    assert answer.found and answer.results
    assert answer.text.startswith("Ingen treff om «LAR» i OSU. Nærmeste treff ellers:")
    assert answer.note == "Ingen treff om «LAR» i OSU. Nærmeste treff ellers:"
    assert {r.committee for r in answer.results} <= {"SSU", "LSU"}
    english = await examples.answer("what was decided about LAR in OSU")
    assert english.note == "Nothing about “LAR” in OSU. The closest matches elsewhere:"
    card = decision_card(english)
    assert _card_texts(card)[0] == english.note
    # near miss: a committee that has the matter keeps its filter, and says nothing
    in_ssu = await examples.answer("hva ble bestemt om LAR i SSU")
    assert in_ssu.note is None and {r.committee for r in in_ssu.results} == {"SSU"}


async def test_the_last_meeting_that_has_nothing_is_left_out_with_a_note(
    examples: Assistant,
) -> None:
    answer = await examples.answer("hva sa vi om korridorpasienter på siste møte")
    # the last meeting with minutes is SSU 26.10.2026; the report is LSU's of 14.10.2026
    assert answer.note == (
        "Ingen treff om «korridorpasienter» på siste møte (SSU 26.10.2026). Nærmeste treff ellers:"
    )
    assert answer.text.startswith(answer.note)
    assert (answer.results[0].committee, answer.results[0].case) == ("LSU", "2")
    english = await examples.answer("what was said about korridorpasienter at the last meeting")
    assert english.note and english.note.startswith(
        "Nothing about “korridorpasienter” at the last meeting (SSU 26.10.2026)."
    )
    # Matches far weaker than the minutes' best (a translation's "sykehus" for "hospitering"
    # on SSU's last meeting) are no answer either: LSU's case is, with the note.
    weak = await examples.answer("hospitering på siste SSU-møte")
    assert weak.note == (
        "Ingen treff om «hospitering» på siste møte (SSU 26.10.2026). Nærmeste treff ellers:"
    )
    assert (weak.results[0].committee, weak.results[0].case) == ("LSU", "5")
    # near miss: the last meeting that holds it answers from it alone
    held = await examples.answer("hva ble bestemt om Læringsbrua på siste møte")
    assert held.note is None and held.results[0].case == "2026.43"


FOLLOWED_UP = {
    "lsu-2026-03-04.txt": (
        "Møtereferat\nLokalt samarbeidsutvalg mellom: Fjellby kommune og Fjellby sykehus HF.\n"
        "Møtedato: 4. mars 2026, kl 12:00 – 14:00\n\n"
        "Sak 4/26 Opplæring i nytt journalsystem\n"
        "Sykehuset orienterte om overgangen til nytt journalsystem høsten 2026. Kommunene ba om "
        "felles opplæring for kommunale ansatte.\n"
        "Utvalget tok orienteringen til etterretning.\n"
    ),
    "lsu-2026-06-10.txt": (
        "Møtereferat\nLokalt samarbeidsutvalg mellom: Fjellby kommune og Fjellby sykehus HF.\n"
        "Møtedato: 10. juni 2026, kl 12:00 – 14:00\n\n"
        "Sak 9/26 Plan for Helseplattformen\n"
        "Oppfølging av sak 4/26. Sykehuset la fram en plan med kurs i august.\n"
        "LSU fattet slik vedtak:\nPlanen godkjennes.\n"
    ),
}


async def test_a_later_meeting_s_treatment_is_the_follow_up(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for name, content in FOLLOWED_UP.items():
        (folder / name).write_text(content, encoding="utf-8")
    results = await import_paths(db, sorted(folder.iterdir()), ImportOptions())
    assert [r.status for r in results] == ["imported"] * 2, [r.error for r in results]
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=ZoneInfo("Europe/Oslo"))
    answer = await assistant.answer("hva sa vi om opplæring i nytt journalsystem?")
    first = answer.results[0]
    assert (first.meeting_date, first.case, first.status) == (date(2026, 3, 4), "4/26", "noted")
    assert first.later is not None and first.later.case == "9/26"
    assert (
        "- Tatt opp igjen LSU 10.06.2026, sak 9/26 «Plan for Helseplattformen»: Planen godkjennes."
        in answer.text.splitlines()
    )
    later = answer.as_json()["results"][0]["follow_up"]["later"]
    assert later["case"] == "9/26" and later["decision"] == "Planen godkjennes."
