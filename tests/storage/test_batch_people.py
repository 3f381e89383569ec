"""The people minutes name, stored as the importer stores a batch (storage/minutes_store.py,
defer=True), on SQLite and PostgreSQL: participant rows are written at the batch's end, so
minutes of a meeting that an earlier document of the batch announced as the next one keep
their own participants, and the announcing minutes theirs; a group's members are added
once each, by the first document that names them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from minutes.model import GroupRef, ParsedMinutes, PersonRef, PlannedMeeting
from storage.database import Database
from storage.models import Document, GroupMembership, Meeting, MeetingParticipant, Person, Task
from tests.assistant.settling_world import LSU, minutes, store
from tests.assistant.settling_world import task as _task

MARCH, APRIL = date(2026, 3, 4), date(2026, 4, 1)


def _documents() -> dict[str, ParsedMinutes]:
    march = minutes(LSU, MARCH, [], [_task("Kari Nordmann sender ventelistene")])
    march.participants = [PersonRef("Kari Nordmann"), PersonRef("Ola Berg")]
    march.planned_meetings = [PlannedMeeting(APRIL)]
    april = minutes(LSU, APRIL, [], [_task("Per Hansen lager et notat om tolkebruk")])
    april.participants = [PersonRef("Per Hansen"), PersonRef("Liv Dahl")]
    return {"lsu-march": march, "lsu-april": april}


def _present(session: Session) -> dict[date, set[str]]:
    rows = session.execute(
        select(Meeting.date, Person.name)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .join(Person, Person.id == MeetingParticipant.person_id)
    ).all()
    found: dict[date, set[str]] = {}
    for day, name in rows:
        found.setdefault(day, set()).add(name)
    return found


@pytest.mark.parametrize("names", [["lsu-march", "lsu-april"], ["lsu-april", "lsu-march"]])
async def test_minutes_of_a_meeting_announced_in_the_batch_keep_their_participants(
    db: Database, names: list[str]
) -> None:
    await store(db, _documents(), names, one_batch=True)
    assert await db.read(_present) == {
        MARCH: {"Kari Nordmann", "Ola Berg"},
        APRIL: {"Per Hansen", "Liv Dahl"},
    }

    def tasks(session: Session) -> list[tuple[date, str]]:  # each meeting's task, held
        query = select(Meeting.date, Meeting.status).join(Task, Task.meeting_id == Meeting.id)
        return sorted(tuple(row) for row in session.execute(query))

    assert await db.read(tasks) == [(MARCH, "held"), (APRIL, "held")]


def _with_group(day: date, members: list[str]) -> ParsedMinutes:
    found = minutes(LSU, day, [], [])
    found.groups = [GroupRef("Arbeidsutvalg", "AU", [PersonRef(m) for m in members])]
    return found


@pytest.mark.parametrize("one_batch", [True, False])
async def test_a_groups_members_are_added_once_by_the_first_document_naming_them(
    db: Database, one_batch: bool
) -> None:
    documents = {
        "au-march": _with_group(MARCH, ["Kari Nordmann", "Ola Berg"]),
        "au-april": _with_group(APRIL, ["Ola Berg", "Per Hansen"]),
    }
    await store(db, documents, ["au-march", "au-april"], one_batch=one_batch)

    def members(session: Session) -> list[tuple[str, str]]:
        query = (
            select(Person.name, Document.name)
            .join(GroupMembership, GroupMembership.person_id == Person.id)
            .join(Document, Document.id == GroupMembership.document_id)
        )
        return sorted(tuple(row) for row in session.execute(query))

    assert await db.read(members) == [
        ("Kari Nordmann", "au-march.txt"),
        ("Ola Berg", "au-march.txt"),
        ("Per Hansen", "au-april.txt"),
    ]
