"""A committee the recognizer does not know by heart — a municipality's «Formannskapet», a
council's "Joint Policing Committee" — is found in a question by the name its minutes gave
it: in the recognizer (any form members type, and the near misses that are no such name),
and through the assistant on SQLite and PostgreSQL, with minutes of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.intent.committee_names import committee_names
from assistant.intents import IntentKind, recognize
from storage.database import Database

from .test_question_types import assistant_for, import_minutes

TODAY = date(2026, 11, 23)
COMMITTEES = committee_names(
    [
        ("Formannskap", None, []),
        ("Administrasjonsutvalget", None, []),
        ("Kommunestyre", None, []),
        ("Klagenemnda", None, []),
        ("Arbeidsmiljøutvalget", "AMU", []),
        ("Joint Policing Committee", None, ["JPC"]),
        ("Municipal District of Newcastle West", None, []),
        ("Strategisk samarbeidsutvalg", "SSU", []),
    ]
)


@pytest.mark.parametrize(
    ("question", "kind", "committee"),
    [
        ("hva ble vedtatt i formannskapet i januar", IntentKind.DECISION, "Formannskap"),
        ("hva har Formannskapet vedtatt om skolestruktur", IntentKind.DECISION, "Formannskap"),
        ("formannskapets vedtak om budsjett", IntentKind.DECISION, "Formannskap"),
        ("når er neste formannskapsmøte", IntentKind.NEXT_MEETING, "Formannskap"),
        (
            "hvem var til stede på siste møte i administrasjonsutvalget",
            IntentKind.ATTENDANCE,
            "Administrasjonsutvalget",
        ),
        ("saker fra administrasjonsutvalg i 2026", IntentKind.DECISION, "Administrasjonsutvalget"),
        ("vis vedtakene fra kommunestyret", IntentKind.DECISION, "Kommunestyre"),
        ("hva står på sakslista til kommunestyret", IntentKind.AGENDA, "Kommunestyre"),
        ("agenda for the next JPC meeting", IntentKind.AGENDA, "Joint Policing Committee"),
        ("neste kommunestyremøte", IntentKind.NEXT_MEETING, "Kommunestyre"),
        ("hva sa klagenemnda om parkering", IntentKind.DECISION, "Klagenemnda"),
        ("hvem ledet møtet i klagenemnden", IntentKind.ATTENDANCE, "Klagenemnda"),
        ("hva ble bestemt på AMU-møtet", IntentKind.DECISION, "AMU"),
        ("hva har arbeidsmiljøutvalget bestemt om verneombud", IntentKind.DECISION, "AMU"),
        (
            "what did the joint policing committee decide about CCTV",
            IntentKind.DECISION,
            "Joint Policing Committee",
        ),
        ("next JPC meeting", IntentKind.NEXT_MEETING, "Joint Policing Committee"),
        (
            "decisions of the Municipal District of Newcastle West in 2024",
            IntentKind.DECISION,
            "Municipal District of Newcastle West",
        ),
        # The councils known by heart stay as they were.
        ("hva ble bestemt i SSU om LAR", IntentKind.DECISION, "SSU"),
    ],
)
def test_a_committee_of_the_tenant_is_found_by_its_name(
    question: str, kind: IntentKind, committee: str
) -> None:
    intent = recognize(question, today=TODAY, committees=COMMITTEES)
    assert (intent.kind, intent.committee) == (kind, committee)


def test_its_name_leaves_the_topic() -> None:
    intent = recognize(
        "hva sa klagenemnda om parkering i februar", today=TODAY, committees=COMMITTEES
    )
    assert (intent.topic, intent.committee) == ("parkering", "Klagenemnda")
    assert intent.period is not None and intent.period.start == date(2026, 2, 1)


@pytest.mark.parametrize(
    "question",
    [
        "hva ble bestemt om kommunestyrerepresentanter",  # a longer word
        "hva ble bestemt om styret",  # a part of «Kommunestyre», not it
        "hva ble bestemt om formannskapsleder",
        "what did the joint committee decide",  # not the whole name
        "oppgaver for ammu",
        "hva ble bestemt om newcastle",
        "hvem ble nye varamedlemmer til kommunestyret",  # towards it: what is asked about
        "a letter to the joint policing committee",
    ],
)
def test_near_misses_name_no_committee(question: str) -> None:
    assert recognize(question, today=TODAY, committees=COMMITTEES).committee is None


def test_a_committee_asked_about_is_the_topic() -> None:
    # As «hva ble bestemt om SSU»: named bare after «om», it is what is asked about.
    intent = recognize("hva ble bestemt om formannskapet", today=TODAY, committees=COMMITTEES)
    assert (intent.committee, intent.topic) == (None, "formannskapet")


def test_a_name_two_committees_share_names_neither_and_question_words_are_no_names() -> None:
    names = committee_names(
        [
            ("Styret", None, ["Hovedstyret"]),
            ("Valgstyret", None, ["Hovedstyret"]),
            ("Referat", None, ["Møte"]),  # a title a parser took for the name
            ("Working Group", None, []),  # any committee's name: not this one's
        ]
    )
    cve = recognize("action items from the CVE working group", today=TODAY, committees=names)
    assert cve.committee is None
    nxt = recognize("agenda for the next working group meeting", today=TODAY, committees=names)
    assert nxt.committee == "Working Group"
    assert recognize("hva sa hovedstyret om valg", today=TODAY, committees=names).committee is None
    assert recognize("hva sa valgstyret om valg", today=TODAY, committees=names).committee == (
        "Valgstyret"
    )
    asked = recognize("hva ble bestemt på møtet om referat", today=TODAY, committees=names)
    assert asked.committee is None


# ---------------------------------------------------------------- through the assistant

OWN_MINUTES = {
    "formannskapet-2026-10-01.txt": (
        "Møteprotokoll\nFormannskapet\n\n"
        "Møtedato: 1. oktober 2026, kl 10:00 – 12:00\nMøtested: Rådhuset, Fjellby\n\n"
        "Til stede:\nKari Nordmann, Ola Hansen og Per Berg\n\n"
        "PS 10/26 Skolestruktur i Fjellby\nVedtak:\nDe tre skolene i sentrum slås sammen fra "
        "2028.\n\n"
        "PS 11/26 Budsjett for kulturhuset\nVedtak:\nBudsjettet for kulturhuset vedtas.\n\n"
        "Neste møte: 5. desember 2026\n"
    ),
    "kommunestyret-2026-10-15.txt": (
        "Møteprotokoll\nKommunestyret\n\n"
        "Møtedato: 15. oktober 2026, kl 18:00 – 21:00\nMøtested: Rådhuset, Fjellby\n\n"
        "PS 40/26 Skolestruktur i Fjellby\nVedtak:\nSaken sendes tilbake til "
        "formannskapet for en ny utredning av skolene.\n\n"
    ),
    "jpc-2026-09-20.md": (
        "# Minutes of the meeting of the Joint Policing Committee held on 20 September 2026\n\n"
        "Present: Councillor Ryan (Chair), Councillor Foley\n\n"
        "## 1. CCTV in the town centre\n\n"
        "It was agreed that the CCTV scheme be extended to the harbour.\n"
    ),
}


@pytest.fixture
async def fjellby(db: Database, tmp_path: Path) -> Database:
    await import_minutes(db, tmp_path / "fjellby", OWN_MINUTES)
    return db


async def test_a_municipal_committees_decisions_and_meetings(fjellby: Database) -> None:
    assistant = assistant_for(fjellby, "Europe/Oslo", tenant="fjellby")
    answer = await assistant.answer("hva har formannskapet vedtatt om skolestruktur?")
    assert answer.found
    assert [(r.committee, r.case) for r in answer.results] == [("Formannskapet", "PS 10/26")]
    listed = await assistant.answer("vis vedtakene fra formannskapet")
    assert listed.text.splitlines()[0].startswith("Vedtak i Formannskapet (2)")
    nxt = await assistant.answer("når er neste formannskapsmøte?")
    assert nxt.text.startswith("Neste møte i Formannskapet: lørdag 5. desember 2026")
    english = await assistant.answer("what did the joint policing committee decide about CCTV?")
    assert [r.committee for r in english.results] == ["Joint Policing Committee"]
    assert "harbour" in english.text


async def test_a_committee_imported_after_a_look_is_found_once_the_look_is_old(
    db: Database, tmp_path: Path
) -> None:
    now = [0.0]
    assistant = assistant_for(db, "Europe/Oslo", tenant="fjellby")
    assistant.monotonic = lambda: now[0]
    before = await assistant.answer("hva har formannskapet vedtatt om skolestruktur?")
    assert before.intent.committee is None
    await import_minutes(db, tmp_path / "fjellby", OWN_MINUTES)
    now[0] += 5.1  # COMMITTEES_SEEN_S
    after = await assistant.answer("hva har formannskapet vedtatt om skolestruktur?")
    assert after.intent.committee == "Formannskapet"
    assert [r.case for r in after.results] == ["PS 10/26"]
