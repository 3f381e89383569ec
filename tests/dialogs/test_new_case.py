"""The new-case dialog ("ny sak", "meld inn sak til SSU: tittel"), through botbuilder's
TestAdapter with state and records in the real database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from dialogs.new_case import kind_of
from storage.database import Database
from storage.models import Case, Committee

from .conftest import NOW, OSLO, Chat, People, add_committee_meeting, conversations_on


async def _cases(db: Database) -> list[dict[str, Any]]:
    """The cases proposed in chat, as plain values."""
    async with db.session() as session:
        rows = await session.scalars(select(Case).where(Case.origin == "chat").order_by(Case.id))
        return [
            {
                "title": c.title,
                "body": c.body,
                "kind": c.proposal_kind,
                "by": c.proposed_by,
                "committee": c.committee.label if c.committee else None,
                "meeting": c.meeting.date if c.meeting else None,
                "status": c.status,
            }
            for c in rows
        ]


async def _ask(db: Database, question: str) -> str:
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=OSLO)
    return (await assistant.answer(question)).text


@pytest.fixture
async def meeting(db: Database, people: People) -> int:
    """SSU meets Monday 14 December 2026, 13-15; LSU exists with no meeting."""
    async with db.session() as session, session.begin():
        session.add(Committee(name="Lokalt samarbeidsutvalg", short_name="LSU"))
    return await add_committee_meeting(db, "SSU", date(2026, 12, 14))


async def test_a_one_line_command_asks_only_what_it_left_out(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("meld inn sak til SSU: Legevaktsamarbeid") == [
        "Beskriv saken kort, eller skriv «ingen»."
    ]
    (ask_kind,) = await chat.say("Forslag om felles legevakt fra 2027")
    assert ask_kind.startswith("Hva slags sak er det")
    (summary,) = await chat.say("beslutning")
    assert summary.splitlines() == [
        "Ny sak til SSU:",
        "- Tittel: Legevaktsamarbeid",
        "- Beskrivelse: Forslag om felles legevakt fra 2027",
        "- Type: beslutning",
        "- Meldt inn av: Britt Kveseth",
        "- Møte: mandag 14. desember 2026 kl. 13:00–15:00",
        "",
        "Skal jeg melde inn saken? (ja/nei)",
    ]
    assert await chat.say("ja") == [
        "Saken «Legevaktsamarbeid» er meldt inn til møtet i SSU mandag 14. desember 2026 "
        "kl. 13:00–15:00. Den står nå på sakslisten."
    ]
    assert await _cases(db) == [
        {
            "title": "Legevaktsamarbeid",
            "body": "Forslag om felles legevakt fra 2027",
            "kind": "beslutning",
            "by": "Britt Kveseth",
            "committee": "SSU",
            "meeting": date(2026, 12, 14),
            "status": "proposed",
        }
    ]
    agenda = await _ask(db, "hva står på sakslisten til SSU?")
    assert agenda.startswith("Saksliste for SSU mandag 14. desember 2026")
    assert "Legevaktsamarbeid" in agenda
    assert await chat.say("hva står på sakslisten?") == ["(et spørsmål)"]  # the dialog is over


async def test_the_bare_command_asks_for_each_slot(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("ny sak") == [
        "Hvilket utvalg skal saken til? Utvalgene er LSU, SSU. Skriv f.eks. «LSU»."
    ]
    assert await chat.say("ssu") == [
        "Hva er tittelen på saken? Skriv f.eks. «Legevaktsamarbeid 2027»."
    ]
    (ask_description,) = await chat.say("Budsjett 2027")
    assert ask_description.startswith("Beskriv saken kort")
    (ask_kind,) = await chat.say("ingen")
    assert ask_kind.startswith("Hva slags sak er det")
    (summary,) = await chat.say("2")
    assert "- Beskrivelse: ingen" in summary and "- Type: diskusjon" in summary
    (saved,) = await chat.say("ja")
    assert saved.startswith("Saken «Budsjett 2027» er meldt inn til møtet i SSU")
    (case,) = await _cases(db)
    assert (case["title"], case["body"], case["kind"]) == ("Budsjett 2027", "", "diskusjon")


async def test_an_unknown_committee_is_asked_again_naming_the_known_ones(
    db: Database, meeting: int
) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("ny sak til XYZ: Budsjett") == [
        "Jeg finner ikke utvalget «XYZ». Utvalgene er LSU, SSU. Skriv f.eks. «LSU»."
    ]
    assert await chat.say("ABC") == [
        "Jeg finner ikke utvalget «ABC». Utvalgene er LSU, SSU. Skriv f.eks. «LSU»."
    ]
    (ask_description,) = await chat.say("Lokalt samarbeidsutvalg")  # the full name will do
    assert ask_description.startswith("Beskriv saken kort")
    await chat.say("ingen")
    (summary,) = await chat.say("orientering")
    assert summary.startswith("Ny sak til LSU:")
    # LSU has no meeting: said in the summary, and the case is kept without one
    assert "- Møte: LSU har ikke noe kommende møte, så saken lagres uten møte" in summary
    assert await chat.say("ja") == [
        "Saken «Budsjett» er meldt inn til LSU, men uten møte: LSU har ikke noe kommende møte ennå."
    ]
    (case,) = await _cases(db)
    assert (case["committee"], case["meeting"], case["kind"]) == ("LSU", None, "orientering")


async def test_a_committee_name_several_share_is_a_numbered_choice(
    db: Database, people: People
) -> None:
    async with db.session() as session, session.begin():
        session.add(Committee(name="Faglig samarbeidsutvalg Asker", short_name="FSU"))
        session.add(Committee(name="Faglig samarbeidsutvalg Drammen", short_name="FSU"))
    chat = Chat(conversations_on(db))
    assert await chat.say("ny sak til FSU: Rutiner") == [
        "Flere utvalg heter «FSU»: 1. FSU (Faglig samarbeidsutvalg Asker) eller "
        "2. FSU (Faglig samarbeidsutvalg Drammen). Svar med nummer eller navn."
    ]
    (ask_description,) = await chat.say("2")
    assert ask_description.startswith("Beskriv saken kort")
    await chat.say("ingen")
    await chat.say("3")
    await chat.say("ja")
    async with db.session() as session:
        case = await session.scalar(select(Case).where(Case.origin == "chat"))
        assert case is not None and case.committee is not None
        assert case.committee.name == "Faglig samarbeidsutvalg Drammen"


async def test_a_type_that_is_none_is_asked_again_then_the_dialog_gives_up(
    db: Database, meeting: int
) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny sak til SSU: Budsjett")
    await chat.say("ingen")
    assert await chat.say("tja") == [
        "Svar «orientering», «diskusjon» eller «beslutning» (eller 1, 2, 3). "
        "Skriv f.eks. «beslutning»."
    ]
    (again,) = await chat.say("d")  # diskusjon or decision?
    assert again.startswith("Svar «orientering»")
    (bye,) = await chat.say("vet ikke")
    assert bye.startswith("Jeg forsto ikke svaret")
    assert await _cases(db) == []
    assert await chat.say("ja") == ["(et spørsmål)"]


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("orientering", "orientering"),
        ("Orienteringssak.", "orientering"),
        ("o", "orientering"),
        ("info", "orientering"),
        ("information", "orientering"),
        ("1", "orientering"),
        ("disk", "diskusjon"),
        ("Discussion", "diskusjon"),
        ("2", "diskusjon"),
        ("beslutning", "beslutning"),
        ("b", "beslutning"),
        ("vedtak", "beslutning"),
        ("decision", "beslutning"),
        ("de", "beslutning"),
        (" 3 ", "beslutning"),
        ("d", None),  # diskusjon or decision
        ("4", None),
        ("sak", None),
        ("", None),
    ],
)
def test_kind_of(answer: str, kind: str | None) -> None:
    assert kind_of(answer) == kind


async def test_cancel_ends_the_dialog_and_saves_nothing(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny sak")
    await chat.say("SSU")
    assert await chat.say("avbryt") == ["Avbrutt. Ingenting er lagret."]
    assert await chat.say("Budsjett") == ["(et spørsmål)"]
    assert await _cases(db) == []


async def test_help_explains_the_step_and_asks_again(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny sak til SSU: Budsjett")
    await chat.say("ingen")
    help_text, again = await chat.say("hjelp")
    assert help_text.startswith("Orientering: til informasjon.") and "«2»" in help_text
    assert help_text.endswith("Skriv «avbryt» for å avslutte uten å lagre.")
    assert again.startswith("Hva slags sak er det")
    (summary,) = await chat.say("2")
    help_text, again = await chat.say("hjelp")  # at the confirmation: the summary again
    assert help_text.startswith("Svar «ja» for å melde inn saken")
    assert again == summary


async def test_no_at_the_confirmation_saves_nothing(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    await chat.say("ny sak til SSU: Budsjett")
    await chat.say("ingen")
    await chat.say("beslutning")
    assert await chat.say("tja") == ["Svar «ja» eller «nei»."]
    assert await chat.say("nei") == ["Greit, saken er ikke meldt inn. Ingenting er lagret."]
    assert await _cases(db) == []
    assert "Budsjett" not in await _ask(db, "hva står på sakslisten til SSU?")


async def test_in_english(db: Database, meeting: int) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("new case item: Budget 2027") == [
        "Which committee is the case for? The committees are LSU, SSU. For example “LSU”."
    ]
    await chat.say("SSU")
    await chat.say("none")
    (summary,) = await chat.say("info")
    assert "- Kind: information" in summary and summary.endswith("(yes/no)")
    assert await chat.say("yes") == [
        "The case “Budget 2027” is submitted for the SSU meeting on Monday 14 December 2026 "
        "13:00–15:00. It is now on the agenda."
    ]


async def test_state_survives_a_restart(db: Database, meeting: int) -> None:
    await Chat(conversations_on(db)).say("ny sak")
    await Chat(conversations_on(db)).say("SSU")
    await Chat(conversations_on(db)).say("Budsjett")
    await Chat(conversations_on(db)).say("ingen")
    (summary,) = await Chat(conversations_on(db)).say("1")
    assert summary.startswith("Ny sak til SSU:")
    (saved,) = await Chat(conversations_on(db)).say("ja")
    assert saved.startswith("Saken «Budsjett» er meldt inn")
    assert [c["title"] for c in await _cases(db)] == ["Budsjett"]


async def test_without_any_committee_there_is_nothing_to_ask(db: Database) -> None:
    chat = Chat(conversations_on(db))
    assert await chat.say("ny sak") == [
        "Jeg kjenner ingen utvalg ennå. Importer et møtereferat først, så prøver vi igjen."
    ]
    assert await chat.say("SSU") == ["(et spørsmål)"]
