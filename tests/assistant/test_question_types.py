"""Issue 15's question types answered from a recognized Intent, on the real database (SQLite
and PostgreSQL) over the project's example minutes and a small committee of our own: who is
responsible, what happened at a meeting, a committee's decisions without a topic, who
attended, meeting dates, the next meeting's place, urgent tasks — nb and en, on 4 December
2026 in Oslo and New York, with what each says when nothing fits."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.intents import Intent, IntentKind, Period
from bot.cards import card_for
from storage.database import Database
from storage.models import Committee, Meeting, Task
from tests.conftest import TIMEZONES

K = IntentKind
MORNING = (2026, 12, 4, 9)  # Friday 4 December 2026, 09:00 where the deployment is
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))


def day(d: date) -> Period:
    return Period(d, d)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31))


def assistant_for(
    db: Database, tz: str, tenant: str = "default", at: datetime | None = None
) -> Assistant:
    zone = ZoneInfo(tz)
    now = at or datetime(*MORNING, tzinfo=zone)
    return Assistant(db=db, clock=FixedClock(now), timezone=zone, tenant=tenant)


def line_with(text: str, fragment: str) -> str:
    found = [ln for ln in text.splitlines() if fragment in ln]
    assert found, f"no line with {fragment!r} in:\n{text}"
    return found[0]


def local_time(value: datetime | None, tz: str) -> str:
    assert value is not None
    return value.astimezone(ZoneInfo(tz)).strftime("%H:%M")


@pytest.fixture
async def examples(db: Database, example_minutes: None) -> Database:
    return db


# A committee of our own (tenant "fjellby") for what the examples lack: a meeting whose
# minutes list no attendance and decide nothing, one with more decisions than a list shows
# and nobody absent, tasks due on either side of the week's end, a cancelled meeting and a
# planned one whose day passed without minutes.
OWN_MINUTES = {
    "osu-fjellby-2026-06-10.txt": (
        "Møtereferat\nOverordnet samarbeidsutvalg, Helsefellesskapet Fjellby\n\n"
        "Møtedato: 10. juni 2026, kl 09:00 – 11:00\n\n"
        "Til stede:\nKari Nordmann, Ola Hansen og Per Berg\n\n"
        "Møtested: Rådhuset, Fjellby\n\n"
        "Sak 1 Godkjenning av innkalling\nInnkallingen ble godkjent.\n\n"
        + "".join(
            f"Sak {n} {title}\nVedtak:\n{decision}\n\n"
            for n, (title, decision) in enumerate(
                [
                    ("Budsjett for legevakten 2027", "Budsjettet for legevakten 2027 vedtas."),
                    ("Felles tolketjeneste", "Felles tolketjeneste etableres fra 2027."),
                    ("Jordmortjeneste", "Jordmortjenesten samordnes mellom kommunene."),
                    ("Rehabiliteringsplasser", "Kommunene kjøper fire rehabiliteringsplasser."),
                    ("Ambulanseberedskap", "Ambulanseberedskapen styrkes om natten."),
                    ("Frisklivssentral", "Frisklivssentralen videreføres i 2027."),
                    ("Legemiddelhåndtering", "Felles rutine for legemiddelhåndtering."),
                    ("Demensteam", "Demensteamet får en koordinator i halv stilling."),
                    ("Kreftkoordinator", "Kreftkoordinatoren deles mellom kommunene."),
                    ("Velferdsteknologi", "Kommunene kjøper felles trygghetsalarmer."),
                ],
                start=2,
            )
        )
    ),
    "osu-fjellby-2026-11-30.txt": (
        "Møtereferat\nOverordnet samarbeidsutvalg, Helsefellesskapet Fjellby\n\n"
        "Møtedato: 30. november 2026, kl 09:00 – 11:00\n\n"
        "Sak 1 Orientering om ventelister\n"
        "Sykehuset orienterte om ventelistene. Utvalget tok orienteringen til etterretning.\n\n"
        "Oppfølging:\n"
        "Kari Nordmann sender ventelistetallene til kommunene innen 11. desember.\n"
        "Kari Nordmann lager en oversikt over fristbrudd innen 12. desember.\n\n"
        "Neste møte:\n17. desember 2026\n"
    ),
}


async def import_minutes(
    db: Database, folder: Path, minutes: dict[str, str], tenant: str = "fjellby"
) -> None:
    """Minutes of our own (file name -> text) written to `folder` and imported, each whole."""
    folder.mkdir()
    for name, content in minutes.items():
        (folder / name).write_text(content, encoding="utf-8")
    results = await import_paths(db, sorted(folder.iterdir()), ImportOptions(tenant=tenant))
    assert all(r.status == "imported" for r in results), [r.error for r in results]


@pytest.fixture
async def fjellby(db: Database, tmp_path: Path) -> Database:
    await import_minutes(db, tmp_path / "fjellby", OWN_MINUTES)

    def more_meetings(session: Session) -> None:
        osu = session.scalar(select(Committee.id).where(Committee.tenant == "fjellby"))
        session.add(Meeting(committee_id=osu, date=date(2026, 12, 10), status="cancelled"))
        session.add(Meeting(committee_id=osu, date=date(2026, 11, 15), status="planned"))

    await db.write(more_meetings)
    return db


# ------------------------------------------------------------------ who is responsible


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_responsible_are_the_owners_of_the_cases_tasks(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    nb = await assistant.answer_intent(
        Intent(K.RESPONSIBLE, "nb", topic="felles rutine for utlevering av LAR-medisiner")
    )
    first = nb.results[0]
    assert (first.committee, first.meeting_date, first.case) == ("LSU", date(2026, 10, 14), "3")
    assert [t.assignee for t in nb.tasks] == ["Marit Lunde"]
    assert nb.text.startswith("Ansvarlige for LSU 14.10.2026, sak 3 «Legemiddelassistert")
    assert nb.text.splitlines()[0].endswith(": Marit Lunde")
    assert "frist 9. desember 2026" in line_with(nb.text, "Marit Lunde: lager en kortversjon")
    assert "Kilde: lsu-fjordby-2026-10-14.txt" in nb.text

    en = await assistant.answer_intent(
        Intent(K.RESPONSIBLE, "en", topic="felles rutine for utlevering av LAR-medisiner")
    )
    assert en.text.startswith("Responsible for LSU 14.10.2026, case 3 «")
    assert "due 9 December 2026" in en.text and "Source: lsu-fjordby-2026-10-14.txt" in en.text


async def test_responsible_named_in_the_minutes_and_open_tasks_first(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    board = await assistant.answer_intent(Intent(K.RESPONSIBLE, "nb", topic="Læringsbrua"))
    assert board.results[0].case == "2026.43"
    assert "Ansvarlig ifølge referatet: Therese Løvås" in board.text
    assert board.text.splitlines()[0].endswith(": Therese Løvås, Sekretariatet")

    def henrik_done(session: Session) -> None:
        session.execute(
            update(Task).where(Task.assignee_name == "Henrik Berg").values(status="done")
        )

    await examples.write(henrik_done)
    ohd = await assistant.answer_intent(
        Intent(K.RESPONSIBLE, "nb", topic="øyeblikkelig hjelp-plasser belegg")
    )
    assert (ohd.results[0].committee, ohd.results[0].case) == ("LSU", "4")
    assert [(t.assignee, t.status) for t in ohd.tasks] == [
        ("Solveig Haugland", "open"),
        ("Henrik Berg", "done"),
    ]
    assert "ferdig" in line_with(ohd.text, "Henrik Berg: innkaller")


async def test_responsible_from_a_related_case_when_the_case_names_nobody(
    examples: Database,
) -> None:
    """OSU's proposal on the ØHD criteria names no owner; LSU's case that asked for them
    does, and the answer says which is which."""
    assistant = assistant_for(examples, "Europe/Oslo")
    answer = await assistant.answer_intent(Intent(K.RESPONSIBLE, "nb", topic="øhd-kriteriene"))
    assert answer.found
    assert {t.assignee for t in answer.tasks} == {"Henrik Berg", "Solveig Haugland"}
    lines = answer.text.splitlines()
    if lines[0].startswith("Referatet nevner ingen ansvarlig"):
        assert "OSU «Forslag til felles kriterier»" in lines[0]
        assert "En beslektet sak har ansvarlige:" in answer.text
    assert "LSU 14.10.2026, sak 4" in line_with(answer.text, "Ansvarlige for")


async def test_responsible_asked_in_english_for_what_the_minutes_say_in_norwegian(
    examples: Database,
) -> None:
    """ "the bed figures" are «beleggstall» (before: no case about "bed figures")."""
    assistant = assistant_for(examples, "Europe/Oslo")
    answer = await assistant.answer("who is responsible for the bed figures")
    assert answer.text.startswith("Responsible for LSU 14.10.2026, case 4 «Kommunale øyeblikk")
    assert "Solveig Haugland" in {t.assignee for t in answer.tasks}


async def test_responsible_when_nothing_fits(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    none = await assistant.answer_intent(Intent(K.RESPONSIBLE, "nb", topic="sykkelparkering"))
    assert not none.found and not none.tasks
    assert none.text.startswith(
        "Fant ingen sak om «sykkelparkering», så jeg kan ikke si hvem som har ansvaret."
    )
    en = await assistant.answer_intent(Intent(K.RESPONSIBLE, "en", topic="bicycle parking"))
    assert en.text.startswith("I found no case about “bicycle parking”")
    no_topic = await assistant.answer_intent(Intent(K.RESPONSIBLE, "nb"))
    assert not no_topic.found and "Ansvar for hva?" in no_topic.text


# ------------------------------------------------------------------ what happened at a meeting


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_summary_of_a_committees_last_meeting(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    nb = await assistant.answer_intent(
        Intent(K.MEETING_SUMMARY, "nb", committee="SSU", last_meeting=True)
    )
    assert [(m.committee, m.date, m.status) for m in nb.meetings] == [
        ("SSU", date(2026, 10, 26), "held")
    ]
    assert [r.case for r in nb.results] == [f"2026.{n}" for n in range(40, 46)]
    start = local_time(nb.meetings[0].starts_at, tz)
    end = local_time(nb.meetings[0].ends_at, tz)
    heading = nb.text.splitlines()[0]
    assert heading == (
        f"Siste møte i SSU var mandag 26. oktober 2026 kl. {start}–{end} "
        "(sted: Møterom Fjellet, Fjordby sykehus):"
    )
    if tz == "Europe/Oslo":
        assert (start, end) == ("13:00", "15:30")
    dho = line_with(nb.text, "sak 2026.44")
    assert "«Digital hjemmeoppfølging (DHO) – kostnadsfordeling fra 2027»" in dho
    assert "vedtak: Forslaget til kostnadsfordeling vedtas" in dho
    plan = line_with(nb.text, "sak 2026.45")
    assert "Orienteringen tas til etterretning" in plan and "vedtak:" not in plan
    assert {t.assignee for t in nb.tasks} == {"Arne Vold", "Sekretariatet"}
    assert "Oppgaver fra møtet:" in nb.text
    assert "forfalt" in line_with(nb.text, "Sekretariatet: melder inn kandidatene")
    assert "Kilde: ssu-fjordby-2026-10-26.md" in nb.text

    en = await assistant.answer_intent(
        Intent(K.MEETING_SUMMARY, "en", committee="SSU", last_meeting=True)
    )
    assert en.text.startswith("The last SSU meeting was on Monday 26 October 2026")
    assert "decision: Forslaget til kostnadsfordeling" in line_with(en.text, "case 2026.44")
    assert "Tasks from the meeting:" in en.text and "Source: ssu-fjordby-2026-10-26.md" in en.text


async def test_summary_of_any_committees_last_meeting_says_which(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    nb = await assistant.answer_intent(Intent(K.MEETING_SUMMARY, "nb"))
    assert nb.text.startswith("Siste møte jeg har referat fra, var i SSU mandag 26. oktober 2026")
    en = await assistant.answer_intent(Intent(K.MEETING_SUMMARY, "en", last_meeting=True))
    assert en.text.startswith("The last meeting I have minutes of was the SSU meeting on Monday")


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_summary_of_the_meeting_on_a_day_and_in_a_month(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    lsu = await assistant.answer_intent(
        Intent(K.MEETING_SUMMARY, "nb", committee="LSU", period=day(date(2026, 10, 14)))
    )
    assert [m.date for m in lsu.meetings] == [date(2026, 10, 14)]
    assert lsu.text.startswith("Møtet i LSU onsdag 14. oktober 2026")
    assert [r.case for r in lsu.results] == ["1", "2", "3", "4", "5", "6"]
    assert "«Felles hospiteringsordning for helsefagarbeidere»: utsatt" in line_with(
        lsu.text, "sak 5 «"
    )
    assert {t.assignee for t in lsu.tasks} == {"Marit Lunde", "Henrik Berg", "Solveig Haugland"}

    october = await assistant.answer_intent(Intent(K.MEETING_SUMMARY, "en", period=OCTOBER))
    assert [m.date for m in october.meetings] == [date(2026, 10, 26)]
    assert october.text.startswith("The SSU meeting on Monday 26 October 2026")
    assert october.text.splitlines()[-1] == "Other meetings in the same period: LSU 14.10.2026"


async def test_summary_when_no_minutes_fit(examples: Database, fjellby: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    planned = await assistant.answer_intent(
        Intent(K.MEETING_SUMMARY, "nb", committee="SSU", period=day(date(2026, 12, 14)))
    )
    assert not planned.found
    assert [(m.date, m.status) for m in planned.meetings] == [(date(2026, 12, 14), "planned")]
    assert planned.text == (
        "Møtet i SSU mandag 14. desember 2026 (sted: Fjordby sykehus, Møterom Fjellet) står som "
        "planlagt; jeg har ikke referat fra det ennå."
    )
    last_year = await assistant.answer_intent(
        Intent(K.MEETING_SUMMARY, "en", committee="SSU", period=year(2025))
    )
    assert not last_year.found
    assert last_year.text.splitlines() == [
        "I have no minutes of any meeting of SSU in 2025.",
        "The nearest meetings:",
        "- SSU 07.09.2026 (held)",
        "- SSU 26.10.2026 (held)",
    ]
    unknown = await assistant.answer_intent(Intent(K.MEETING_SUMMARY, "nb", committee="FSU"))
    assert not unknown.found
    assert unknown.text == (
        "Jeg kjenner ikke noe utvalg som heter «FSU». Utvalgene jeg kjenner: LSU, OSU, SSU."
    )
    # OSU has only a case paper, no meeting: the committees that have minutes are offered.
    osu = await assistant.answer_intent(Intent(K.MEETING_SUMMARY, "nb", committee="OSU"))
    assert osu.text.splitlines() == [
        "Jeg har ikke referat fra noe møte i OSU.",
        "Jeg har referater fra LSU og SSU.",
    ]
    cancelled = await assistant_for(fjellby, "Europe/Oslo", "fjellby").answer_intent(
        Intent(K.MEETING_SUMMARY, "en", committee="OSU", period=day(date(2026, 12, 10)))
    )
    assert not cancelled.found
    assert cancelled.text == "The OSU meeting on Thursday 10 December 2026 was cancelled."


# ------------------------------------------------------------------ decisions without a topic


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_a_committees_decisions_in_a_period(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    nb = await assistant.answer_intent(Intent(K.DECISION, "nb", committee="SSU", period=year(2026)))
    assert nb.found
    # Newest first; the approvals of agenda and minutes are left out of the list.
    assert [(r.meeting_date, r.case) for r in nb.results] == [
        (date(2026, 10, 26), "2026.42"),
        (date(2026, 10, 26), "2026.43"),
        (date(2026, 10, 26), "2026.44"),
        (date(2026, 9, 7), "32/2026"),
    ]
    assert nb.text.splitlines()[0] == "Vedtak i SSU i 2026 (4), nyeste først:"
    assert line_with(nb.text, "2026.44").startswith(
        "- SSU 26.10.2026, sak 2026.44 «Digital hjemmeoppfølging (DHO) – kostnadsfordeling"
    )
    assert card_for(nb, date(2026, 12, 4)) is None  # the list is the answer, not one card

    en = await assistant.answer_intent(Intent(K.DECISION, "en", committee="LSU", last_meeting=True))
    assert [r.case for r in en.results] == ["3", "4", "6"]
    assert en.text.startswith("Decisions at the last LSU meeting, Wednesday 14 October 2026")
    assert "decision: 1. LSU ber om at det utarbeides felles" in line_with(en.text, "case 4 «")


async def test_decisions_without_a_topic_never_end_empty(
    examples: Database, fjellby: Database
) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    last_year = await assistant.answer_intent(
        Intent(K.DECISION, "nb", committee="SSU", period=year(2025))
    )
    assert not last_year.found
    lines = last_year.text.splitlines()
    assert lines[:2] == ["Fant ingen vedtak i SSU i 2025.", "Siste vedtak i SSU fra andre tider:"]
    assert [r.case for r in last_year.results][:1] == ["2026.42"]
    assert {r.role for r in last_year.results} == {"near"}

    # OSU decided nothing in these minutes: its cases that were not decided, said as such.
    osu = await assistant.answer_intent(Intent(K.DECISION, "nb", committee="OSU"))
    assert not osu.found
    assert osu.text.splitlines()[:2] == [
        "Fant ingen vedtak i OSU.",
        "Sakene jeg har i OSU (1), uten vedtak:",
    ]
    assert [(r.title, r.status) for r in osu.results] == [
        ("Forslag til felles kriterier", "proposed")
    ]
    assert "felles innleggelseskriterier" in osu.text
    # A committee's name alone: what is about it, every case and not only the decided.
    alone = await assistant.answer_intent(Intent(K.DECISION, "en", committee="LSU", bare=True))
    assert alone.found
    assert [r.case for r in alone.results] == ["2", "3", "4", "5", "6"]
    assert alone.text.splitlines()[0] == "Cases of LSU (5), newest first:"
    assert ": postponed" in line_with(alone.text, "case 5 «")

    nothing = await assistant.answer_intent(Intent(K.DECISION, "nb"))
    assert nothing.text.startswith("Hva vil du vite om?")

    # A committee these minutes do not have: the cases that mention it, said as such.
    fsu = await assistant.answer_intent(Intent(K.DECISION, "nb", committee="FSU"))
    assert fsu.found and fsu.results
    assert fsu.text.startswith("Jeg har ingen referater fra FSU, men FSU nevnes her:")

    own = assistant_for(fjellby, "Europe/Oslo", "fjellby")
    many = await own.answer_intent(Intent(K.DECISION, "nb", committee="OSU", period=year(2026)))
    assert len(many.results) == 8
    assert many.text.splitlines()[0] == "Vedtak i OSU i 2026 (10), nyeste først:"
    assert many.text.splitlines()[-1].startswith("… og 2 til.")
    assert "Godkjenning av innkalling" not in many.text
    none_at_last = await own.answer_intent(
        Intent(K.DECISION, "en", committee="OSU", last_meeting=True)
    )
    assert not none_at_last.results
    assert none_at_last.text.startswith("The last OSU meeting, Monday 30 November 2026")
    assert none_at_last.text.endswith("made no decisions.")


# ------------------------------------------------------------------ who attended


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_who_was_absent_and_who_attended(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    absent = await assistant.answer_intent(
        Intent(K.ATTENDANCE, "nb", committee="LSU", period=OCTOBER, absent=True)
    )
    assert [m.date for m in absent.meetings] == [date(2026, 10, 14)]
    lines = absent.text.splitlines()
    assert lines[0].startswith("Møtet i LSU onsdag 14. oktober 2026")
    assert lines[1] == "Forfall (2): Liv Tangen, Pål Strand"
    assert lines[2].startswith("Til stede (8): Ingrid Solheim, Torbjørn Aasen, Marit Lunde")
    assert "Jon Andreas Vik" in lines[2]
    assert lines[-1] == "Kilde: lsu-fjordby-2026-10-14.txt"

    present = await assistant.answer_intent(
        Intent(K.ATTENDANCE, "en", committee="LSU", period=OCTOBER)
    )
    lines = present.text.splitlines()
    assert lines[1].startswith("Present (8): ") and lines[2] == "Absent (2): Liv Tangen, Pål Strand"


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_how_many_items_a_meeting_had(examples: Database, tz: str) -> None:
    """ "hvor mange saker var det på siste møte" was not understood: the meeting's summary,
    with the count first."""
    assistant = assistant_for(examples, tz)
    last = await assistant.answer("hvor mange saker var det på siste møte")
    lines = last.text.splitlines()
    assert lines[0] == "Antall saker: 6 (4 med vedtak)."
    assert lines[1].startswith("Siste møte jeg har referat fra, var i SSU mandag 26. oktober")
    assert len(last.results) == 6
    lsu = await assistant.answer("how many items were on the agenda at the last LSU meeting")
    assert lsu.text.splitlines()[0] == "Items: 6 (4 with a decision)."
    plain = await assistant.answer("hva skjedde på siste møte")  # near miss: not counted
    assert not plain.text.startswith("Antall saker")


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_which_cases_were_postponed(examples: Database, tz: str) -> None:
    """ "hvilke saker ble utsatt": the postponed cases, each with the meeting it went to (LSU
    postponed sak 5 on 14 October to its next meeting, 9 December). Before, the question
    asked for a topic, and at a meeting it listed what was decided. Near miss: what was
    decided at that meeting is still the decisions."""
    assistant = assistant_for(examples, tz)
    every = await assistant.answer("hvilke saker ble utsatt")
    assert every.text.splitlines() == [
        "Utsatte saker (1), nyeste først:",
        "- LSU 14.10.2026, sak 5 «Felles hospiteringsordning for helsefagarbeidere»: "
        "utsatt til 9. desember 2026",
    ]
    assert [r.postponed_to for r in every.results] == [date(2026, 12, 9)]
    lsu = await assistant.answer("what was postponed at the last LSU meeting")
    assert lsu.text.splitlines()[0] == (
        "Postponed items at the LSU meeting on 14.10.2026 (1), newest first:"
    )
    last = await assistant.answer("hva ble utsatt på siste møte")
    assert not last.found
    assert last.text == "Ingen saker ble utsatt på SSU-møtet 26.10.2026."
    none = await assistant.answer("utsatte saker i SSU i 2026")
    assert none.text == "Ingen saker ble utsatt i SSU i 2026."
    decided = await assistant.answer("hva ble bestemt på siste LSU-møte")
    assert decided.text.splitlines()[0].startswith("Vedtak på siste møte i LSU")
    assert "Felles hospiteringsordning" not in decided.text


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_a_meeting_named_by_what_it_treated(examples: Database, tz: str) -> None:
    """ "hvem var på møtet om LAR": the case about LAR finds its meeting (LSU 14 October),
    not the last meeting (SSU 26 October), and the answer says which case found it. A
    subject no case holds names no meeting (near miss: not the last one instead)."""
    assistant = assistant_for(examples, tz)
    lar = await assistant.answer("hvem var på møtet om LAR")
    lines = lar.text.splitlines()
    assert lines[0] == (
        "Møtet der «LAR» ble behandlet: LSU 14.10.2026, sak 3 «Legemiddelassistert "
        "rehabilitering (LAR) – felles rutine for utlevering»"
    )
    assert lines[1].startswith("Møtet i LSU onsdag 14. oktober 2026")
    assert lines[2].startswith("Til stede (8): ")
    assert [m.date for m in lar.meetings] == [date(2026, 10, 14)]
    assert [r.case for r in lar.results] == ["3"]  # what a task added next belongs to

    beds = await assistant.answer("who was absent from the meeting about emergency beds")
    lines = beds.text.splitlines()
    assert lines[0].startswith("The meeting that took up “emergency beds”: LSU 14.10.2026, case 4")
    assert lines[2] == "Absent (2): Liv Tangen, Pål Strand"

    plan = await assistant.answer("hva skjedde på møtet om kompetanseplanen")
    lines = plan.text.splitlines()
    assert lines[0].endswith("SSU 07.09.2026, sak 33/2026 «Strukturert kompetansesamarbeid»")
    assert lines[1].startswith("Møtet i SSU mandag 7. september 2026")
    # the meeting's items, the one that found it first
    cases = [r.case for r in plan.results]
    assert cases[0] == "33/2026" and cases.count("33/2026") == 1 and "30/2026" in cases

    pizza = await assistant.answer("hvem var på møtet om pizza")
    assert not pizza.found and pizza.meetings == []
    assert pizza.text == "Fant ingen sak om «pizza», så jeg vet ikke hvilket møte du mener."


async def test_attendance_with_chair_secretary_and_a_substitute(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    last = await assistant.answer_intent(Intent(K.ATTENDANCE, "nb", committee="SSU"))
    assert last.meetings[0].date == date(2026, 10, 26)
    present = line_with(last.text, "Til stede")
    assert "Arne Vold" in present and "Sindre Kolstad" not in present
    assert "Forfall (1): Sindre Kolstad" in last.text
    assert "Møteleder: Magnus Fredriksen" in last.text
    assert "Referent: Hanne Bjørklund" in last.text
    september = await assistant.answer_intent(
        Intent(K.ATTENDANCE, "en", committee="SSU", period=day(date(2026, 9, 7)), absent=True)
    )
    assert september.text.splitlines()[1] == "Absent (1): Arne Vold"
    assert "Siri Holm" in line_with(september.text, "Present")


@pytest.mark.parametrize(
    ("person", "language", "first_line"),
    [
        ("Sindre Kolstad", "nb", "Nei, Sindre Kolstad hadde forfall."),
        ("Arne", "nb", "Ja, Arne Vold var til stede."),  # a first name finds the full name
        ("Arne Vold", "en", "Yes, Arne Vold was there."),
        ("Kari Ringstad", "en", "Kari Ringstad is not on the minutes' attendance list."),
        (
            "Kolstad Sindre Ola",
            "nb",  # near miss: one word too many is someone else
            "Kolstad Sindre Ola står ikke på deltakerlisten i referatet.",
        ),
    ],
)
async def test_was_a_person_there(
    examples: Database, person: str, language: str, first_line: str
) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    asked = Intent(K.ATTENDANCE, language, committee="SSU", person=person)
    answer = await assistant.answer_intent(asked)
    assert answer.text.splitlines()[0] == first_line
    assert answer.meetings[0].date == date(2026, 10, 26)


async def test_attendance_not_recorded_or_nobody_absent(fjellby: Database) -> None:
    assistant = assistant_for(fjellby, "Europe/Oslo", "fjellby")
    unrecorded = await assistant.answer_intent(Intent(K.ATTENDANCE, "nb", committee="OSU"))
    assert not unrecorded.found
    assert unrecorded.text.splitlines()[0] == (
        "Referatet fra møtet i OSU mandag 30. november 2026 kl. 09:00–11:00 "
        "sier ikke hvem som var til stede."
    )
    june_period = Period(date(2026, 6, 1), date(2026, 6, 30))
    june = await assistant.answer_intent(
        Intent(K.ATTENDANCE, "en", committee="OSU", period=june_period, absent=True)
    )
    assert june.text.splitlines()[1:3] == [
        "The minutes name nobody as absent.",
        "Present (3): Kari Nordmann, Ola Hansen, Per Berg",
    ]
    nowhere = await assistant.answer_intent(
        Intent(K.ATTENDANCE, "nb", committee="OSU", period=year(2025))
    )
    assert nowhere.text.splitlines()[:2] == [
        "Jeg har ikke referat fra noe møte i OSU i 2025.",
        "Nærmeste møter:",
    ]
    assert [m.date for m in nowhere.meetings] == [date(2026, 6, 10), date(2026, 11, 30)]


# ------------------------------------------------------------------ meeting dates


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_a_committees_meeting_dates_in_a_year(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    answer = await assistant.answer_intent(
        Intent(K.MEETING_DATES, "nb", committee="LSU", period=year(2027))
    )
    assert [(m.date, m.status) for m in answer.meetings] == [
        (date(2027, 3, 10), "planned"),
        (date(2027, 6, 2), "planned"),
        (date(2027, 9, 22), "planned"),
        (date(2027, 12, 8), "planned"),
    ]
    lines = answer.text.splitlines()
    assert lines[0] == "Møter i LSU i 2027:"
    first = answer.meetings[0]
    start, end = local_time(first.starts_at, tz), local_time(first.ends_at, tz)
    # "Møtene holdes vekselvis i Fjordby og Lindvik": the minutes' words, not a guess
    place = "(sted: vekselvis i Fjordby og Lindvik)"
    assert lines[1] == f"- onsdag 10. mars 2027 kl. {start}–{end} {place} — planlagt"
    if tz == "Europe/Oslo":
        assert (start, end) == ("12:30", "15:00")
    assert len(lines) == 5 and all(place in line for line in lines[1:])


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_when_a_committee_met(examples: Database, tz: str) -> None:
    """ "når møttes SSU sist": the last meeting held, not the next; "when did LSU meet": the
    meetings held, newest first (the example LSU's one before 9 December, seen on the 8th
    and on the 10th)."""
    assistant = assistant_for(examples, tz)
    last = await assistant.answer("når møttes SSU sist?")
    assert [m.date for m in last.meetings] == [date(2026, 10, 26)]
    assert last.text.startswith("Siste møte i SSU ble holdt mandag 26. oktober 2026")
    everyone = await assistant.answer("when did we last meet?")
    assert everyone.text.startswith("The last meeting of SSU was held on Monday 26 October 2026")
    listed = await assistant.answer("when did LSU meet?")
    assert listed.text.splitlines()[0] == "Meetings of LSU held, newest first:"
    assert [m.date for m in listed.meetings] == [date(2026, 10, 14)]
    on_the_day = assistant_for(examples, tz, at=datetime(2026, 12, 10, 9, tzinfo=ZoneInfo(tz)))
    since = await on_the_day.answer("when did LSU meet?")
    # 9 December has no minutes yet: a planned meeting, not one held.
    assert [m.date for m in since.meetings] == [date(2026, 10, 14)]
    coming = await assistant.answer("når møtes SSU?")
    assert coming.intent.kind == K.NEXT_MEETING
    where = await assistant.answer("hvor var siste LSU-møte?")
    assert where.text == (
        "Siste møte i LSU ble holdt onsdag 14. oktober 2026"
        + (" kl. 12:30–15:00" if tz == "Europe/Oslo" else " kl. 06:30–09:00")
        + " (sted: Møterom Havblikk, Fjordby sykehus)."
    )


async def test_a_long_history_of_meetings_held_is_a_page_and_a_count(db: Database) -> None:
    """Twelve meetings held are listed, the rest counted; the newest first."""

    def history(session: Session) -> None:
        committee = Committee(tenant="default", name="Formannskap")
        session.add(committee)
        session.flush()
        for month in range(1, 13):
            for day in (3, 17):
                session.add(
                    Meeting(committee_id=committee.id, date=date(2025, month, day), status="held")
                )

    await db.write(history)
    listed = await assistant_for(db, "Europe/Oslo").answer("when did Formannskap meet?")
    assert [m.date for m in listed.meetings][:2] == [date(2025, 12, 17), date(2025, 12, 3)]
    assert len(listed.meetings) == 12
    assert listed.text.splitlines()[-1] == "… and 12 more."


async def test_upcoming_and_past_meeting_dates(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    upcoming = await assistant.answer_intent(Intent(K.MEETING_DATES, "en"))
    assert [(m.committee, m.date) for m in upcoming.meetings][:2] == [
        ("LSU", date(2026, 12, 9)),
        ("SSU", date(2026, 12, 14)),
    ]
    assert len(upcoming.meetings) == 6
    lines = upcoming.text.splitlines()
    assert lines[0] == "Upcoming meetings:"
    assert lines[1] == "- LSU: Wednesday 9 December 2026 12:30–15:00 — planned"
    assert lines[2] == (
        "- SSU: Monday 14 December 2026 (venue: Fjordby sykehus, Møterom Fjellet) — planned"
    )

    october = await assistant.answer_intent(Intent(K.MEETING_DATES, "nb", period=OCTOBER))
    assert october.text.splitlines() == [
        "Møter i oktober 2026:",
        "- LSU: onsdag 14. oktober 2026 kl. 12:30–15:00 "
        "(sted: Møterom Havblikk, Fjordby sykehus) — holdt",
        "- SSU: mandag 26. oktober 2026 kl. 13:00–15:30 "
        "(sted: Møterom Fjellet, Fjordby sykehus) — holdt",
    ]


async def test_meeting_dates_when_none_fit_and_each_status(
    examples: Database, fjellby: Database
) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    later = await assistant.answer_intent(
        Intent(K.MEETING_DATES, "nb", committee="LSU", period=year(2028))
    )
    assert not later.found
    assert later.text.splitlines() == [
        "Jeg finner ingen møter i LSU i 2028.",
        "Nærmeste møter:",
        "- LSU 02.06.2027 (planlagt)",
        "- LSU 22.09.2027 (planlagt)",
        "- LSU 08.12.2027 (planlagt)",
    ]
    unknown = await assistant.answer_intent(Intent(K.MEETING_DATES, "en", committee="FSU"))
    assert unknown.text.startswith("I don't know a committee called “FSU”.")

    own = assistant_for(fjellby, "Europe/Oslo", "fjellby")
    autumn = await own.answer_intent(
        Intent(K.MEETING_DATES, "nb", period=Period(date(2026, 11, 1), date(2026, 12, 31)))
    )
    assert [(m.date, m.status) for m in autumn.meetings] == [
        (date(2026, 11, 15), "planned"),
        (date(2026, 11, 30), "held"),
        (date(2026, 12, 10), "cancelled"),
        (date(2026, 12, 17), "planned"),
    ]
    assert line_with(autumn.text, "15. november").endswith("— planlagt, men uten referat")
    assert line_with(autumn.text, "10. desember").endswith("— avlyst")
    assert line_with(autumn.text, "17. desember").endswith("— planlagt")
    none_after = await own.answer_intent(
        Intent(K.MEETING_DATES, "en", period=Period(date(2027, 1, 1), date(2027, 12, 31)))
    )
    assert none_after.text.splitlines()[0] == "I found no meetings in 2027."
    assert [m.date for m in none_after.meetings][-1] == date(2026, 12, 17)


# ------------------------------------------------------------------ the next meeting's place


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_next_meeting_says_where_or_that_the_minutes_do_not(
    examples: Database, fjellby: Database, tz: str
) -> None:
    assistant = assistant_for(examples, tz)
    lsu = await assistant.answer_intent(Intent(K.NEXT_MEETING, "nb", committee="LSU"))
    assert lsu.text.startswith("Neste møte i LSU: onsdag 9. desember 2026")
    assert lsu.text.endswith(
        "(sted ikke oppgitt; forrige møte var i Møterom Havblikk, Fjordby sykehus)"
    )
    en = await assistant.answer_intent(Intent(K.NEXT_MEETING, "en", committee="LSU"))
    assert en.text.endswith(
        "(venue not given; the last meeting was at Møterom Havblikk, Fjordby sykehus)"
    )
    # "Siste møte i år 14. desember blir et fysisk møte på Fjordby sykehus, Møterom Fjellet."
    ssu = await assistant.answer_intent(Intent(K.NEXT_MEETING, "en", committee="SSU"))
    assert ssu.text == (
        "Next SSU meeting: Monday 14 December 2026 (venue: Fjordby sykehus, Møterom Fjellet)"
    )

    def placed(session: Session) -> None:
        session.execute(
            update(Meeting).where(Meeting.date == date(2026, 12, 17)).values(location="Rådhuset")
        )

    own = assistant_for(fjellby, tz, "fjellby")
    before = await own.answer_intent(Intent(K.NEXT_MEETING, "nb", committee="OSU"))
    # The last meeting (30 November) gave no place; the one before it did.
    assert before.text.endswith("(sted ikke oppgitt; forrige møte var i Rådhuset, Fjellby)")
    await fjellby.write(placed)
    after = await own.answer_intent(Intent(K.NEXT_MEETING, "nb", committee="OSU"))
    assert after.text == "Neste møte i OSU: torsdag 17. desember 2026 (sted: Rådhuset)"


# ------------------------------------------------------------------ urgent tasks


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_my_urgent_tasks(examples: Database, tz: str) -> None:
    assistant = assistant_for(examples, tz)
    henrik = await assistant.answer_intent(Intent(K.URGENT_TASKS, "nb"), asker="Henrik Berg")
    assert henrik.person == "Henrik Berg"
    assert [(t.assignee, t.due_date) for t in henrik.tasks] == [("Henrik Berg", date(2026, 11, 15))]
    lines = henrik.text.splitlines()
    assert lines[0] == (
        "Dette haster for deg (Henrik Berg) – forfalt eller frist senest 11. desember 2026:"
    )
    assert "frist 15. november 2026, forfalt" in lines[1]

    async def tone() -> str | None:  # a chat user's lookup, as the bot passes it
        return "Tone Dahl"

    groups = await assistant.answer_intent(Intent(K.URGENT_TASKS, "en"), asker=tone)
    assert groups.groups == ["AU"]
    # AU's cost split, due 15 October, was settled by SSU 2026.44 on 26 October: not urgent
    assert [t.due_date for t in groups.tasks] == [date(2026, 12, 4)]
    assert "kostnadsfordeling" not in groups.text
    assert groups.text.startswith("Urgent for you (Tone Dahl) – overdue or due by 11 December")
    assert all("AU (your group)" in ln for ln in groups.text.splitlines()[1:])


async def test_someones_urgent_tasks_and_nothing_urgent(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    marit = await assistant.answer_intent(Intent(K.URGENT_TASKS, "nb", person="Marit Lunde"))
    assert [t.due_date for t in marit.tasks] == [date(2026, 12, 9)]
    assert marit.text.startswith("Dette haster for Marit Lunde – forfalt eller frist senest")
    assert "forfalt" not in marit.text.splitlines()[1]

    arne = await assistant.answer_intent(Intent(K.URGENT_TASKS, "nb", person="Arne Vold"))
    assert arne.found and not arne.tasks
    assert arne.text.splitlines() == [
        "Ingenting haster for Arne Vold: ingen åpne oppgaver har forfalt "
        "eller frist senest 11. desember 2026.",
        "1 åpen oppgave i alt.",
    ]
    hospital = await assistant.answer_intent(Intent(K.URGENT_TASKS, "en", person="Fjordby sykehus"))
    assert hospital.text.splitlines()[1].startswith("1 open task in all. Next due: Vår 2027 (")

    nobody = await assistant.answer_intent(Intent(K.URGENT_TASKS, "nb"))
    assert not nobody.found and nobody.text.startswith("Jeg vet ikke hvem du er ennå.")
    unknown = await assistant.answer_intent(Intent(K.URGENT_TASKS, "nb", person="Petronella"))
    assert not unknown.found and "«Petronella»" in unknown.text


async def test_the_urgent_week_ends_by_the_local_day(fjellby: Database) -> None:
    """One instant, two zones: 03:00 UTC on 4 December is the 4th in Oslo (urgent until the
    11th: the task due the 11th is urgent) and still the 3rd in New York (until the 10th)."""
    instant = datetime(2026, 12, 4, 3, tzinfo=UTC)
    oslo = assistant_for(fjellby, "Europe/Oslo", "fjellby", at=instant)
    answer = await oslo.answer_intent(Intent(K.URGENT_TASKS, "nb", person="Kari Nordmann"))
    assert [t.due_date for t in answer.tasks] == [date(2026, 12, 11)]
    assert answer.text.splitlines()[-1] == (
        "I tillegg 1 åpen oppgave med senere eller ingen frist."
    )
    new_york = assistant_for(fjellby, "America/New_York", "fjellby", at=instant)
    answer = await new_york.answer_intent(Intent(K.URGENT_TASKS, "en", person="Kari Nordmann"))
    assert not answer.tasks
    assert answer.text.splitlines() == [
        "Nothing urgent for Kari Nordmann: no open task is overdue or due by 10 December 2026.",
        "2 open tasks in all. Next due: 11 December 2026 "
        "(sender ventelistetallene til kommunene innen 11. desember).",
    ]


@pytest.mark.parametrize(
    ("question", "heading", "tasks"),
    [
        ("oppgaver for SSU", "Åpne oppgaver i SSU:", {5, 6, 7, 8, 9}),
        ("hva skal LSU gjøre", "Åpne oppgaver i LSU:", {1, 2, 3}),
        ("tasks for LSU", "Open tasks in LSU:", {1, 2, 3}),
        # A committee named as a filter, and nobody: its tasks too.
        ("åpne oppgaver i SSU", "Åpne oppgaver i SSU:", {5, 6, 7, 8, 9}),
        ("hvilke oppgaver har SSU?", "Åpne oppgaver i SSU:", {5, 6, 7, 8, 9}),
        ("which tasks are due in LSU?", "Open tasks in LSU:", {1, 2, 3}),
    ],
)
async def test_a_committees_tasks(
    examples: Database, question: str, heading: str, tasks: set[int]
) -> None:
    """Everyone's open tasks in the committee, without the one a later meeting settled (AU's
    cost split, settled by SSU 2026.44) — not "who are you?"."""
    answer = await assistant_for(examples, "Europe/Oslo").answer(question)
    assert answer.text.splitlines()[0] == heading
    descriptions = {t.description for t in answer.tasks}
    assert len(answer.tasks) == len(tasks)
    assert not any("kostnadsfordeling" in d for d in descriptions)


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        ("mine oppgaver i LSU", ["Dine oppgaver i LSU (Henrik Berg):", "(LSU 14.10.2026 sak 4)"]),
        ("my tasks in LSU", ["Your tasks in LSU (Henrik Berg):", "(LSU 14.10.2026 case 4)"]),
        ("mine oppgaver i SSU", ["Ingen åpne oppgaver for Henrik Berg i SSU."]),
        # Near miss: no committee named, every committee's.
        ("mine oppgaver", ["Dine oppgaver (Henrik Berg):", "(LSU 14.10.2026 sak 4)"]),
    ],
)
async def test_my_tasks_in_a_committee_are_that_committees(
    examples: Database, question: str, lines: list[str]
) -> None:
    """ "mine oppgaver i SSU" lists the asker's tasks of SSU alone, and says so; Henrik's
    one task is LSU's."""
    answer = await assistant_for(examples, "Europe/Oslo").answer(question, asker="Henrik Berg")
    shown = answer.text.splitlines()
    assert shown[0] == lines[0]
    assert len(shown) == len(lines), shown
    assert all(want in got for want, got in zip(lines, shown, strict=True)), shown
