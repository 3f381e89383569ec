"""«hvem er med i AU?»: the members of a group the minutes name, on SQLite and PostgreSQL over
the project's example minutes (AU, SSU's working committee, listed in the minutes of SSU
7 September 2026), in bokmål and English; the minutes' citation; a group they do not name;
and a committee kept to its members, whose group a non-member does not see."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.intents import IntentKind
from storage.committee_access import MEMBERS, Reader
from storage.database import Database
from storage.models import Committee, MeetingParticipant, Person

from .test_question_types import assistant_for

AU = "Tone Dahl, Hanne Bjørklund, Geir Tveit, Øystein Kvam"  # as the importer met them


@pytest.fixture
async def examples(db: Database, example_minutes: None) -> Database:
    return db


@pytest.mark.parametrize(
    "question",
    ["hvem er med i AU?", "Hvem sitter i arbeidsutvalget", "medlemmer av AU", "hvem er i AU"],
)
async def test_a_groups_members_with_the_minutes_that_list_them(
    examples: Database, question: str
) -> None:
    # No clock in it: a membership has no time, and its minutes are cited by their date.
    answer = await assistant_for(examples, "Europe/Oslo").answer(question)
    assert answer.intent.kind == IntentKind.GROUP_MEMBERS
    assert answer.found
    assert answer.text.splitlines() == [
        f"Medlemmer av AU (Arbeidsutvalg) i SSU (4): {AU}",
        "Kilde: SSU 07.09.2026 (ssu-fjordby-2026-09-07.html)",
    ]


async def test_in_english(examples: Database) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer("who are the members of AU?")
    assert answer.text.splitlines() == [
        f"Members of AU (Arbeidsutvalg) in SSU (4): {AU}",
        "Source: SSU 07.09.2026 (ssu-fjordby-2026-09-07.html)",
    ]


async def test_a_group_the_minutes_do_not_name(examples: Database) -> None:
    assistant = assistant_for(examples, "Europe/Oslo")
    nb = await assistant.answer("hvem er med i arbeidsgruppen for rus")
    assert nb.intent.kind == IntentKind.GROUP_MEMBERS
    assert not nb.found
    assert nb.text.splitlines() == [
        "Referatene nevner ingen gruppe som heter «arbeidsgruppen for rus».",
        "Grupper med medlemmer i referatene: AU",
    ]
    en = await assistant.answer("who is on the steering group")
    assert en.text.startswith("The minutes name no group called “steering group”.")


async def test_a_committee_asked_so_is_its_last_meetings_attendance(examples: Database) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer("hvem er medlem av SSU?")
    assert answer.intent.kind == IntentKind.ATTENDANCE
    assert answer.text.startswith("Møtet i SSU mandag 26. oktober 2026")


async def test_the_group_of_a_committee_kept_to_its_members(examples: Database) -> None:
    def keep_ssu_to_members(session: Session) -> tuple[int, int]:
        ssu = session.scalars(select(Committee).where(Committee.short_name == "SSU")).one()
        session.execute(update(Committee).where(Committee.id == ssu.id).values(access=MEMBERS))
        member = session.scalars(
            select(Person.id)
            .join(MeetingParticipant, MeetingParticipant.person_id == Person.id)
            .where(Person.name == "Tone Dahl")
        ).first()
        outsider = session.scalars(select(Person.id).where(Person.name == "Ingrid Solheim")).one()
        assert member is not None
        return member, outsider

    member, outsider = await examples.write(keep_ssu_to_members)
    assistant = assistant_for(examples, "Europe/Oslo")
    theirs = await assistant.answer("hvem er med i AU?", reader=Reader(person_id=member))
    assert theirs.text.startswith("Medlemmer av AU (Arbeidsutvalg) i SSU (4)")
    hidden = await assistant.answer("hvem er med i AU?", reader=Reader(person_id=outsider))
    assert hidden.text == "Referatene nevner ingen gruppe som heter «AU»."
