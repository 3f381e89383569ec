"""assistant/assignees.py: who a task written in chat is for, resolved against the store."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from assistant.assignees import AssigneeOption, resolve_assignee
from storage.database import Database
from storage.models import (
    Committee,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Organisation,
    Person,
)
from storage.names import name_key


def _person(name: str, organisation: str | None = None, tenant: str = "default") -> Person:
    return Person(
        tenant=tenant, name=name, name_key=name_key(name), organisation=organisation, emails=[]
    )


async def _seed(db: Database) -> dict[str, int]:
    """Two committees with an AU each, two Christines, namesakes of words and an
    organisation or two; and a tenant "other" with people and an SSU of its own."""
    async with db.session() as session, session.begin():
        ssu = Committee(name="Strategisk samarbeidsutvalg", short_name="SSU", aliases=[])
        lsu = Committee(name="Lokalt samarbeidsutvalg", short_name="LSU", aliases=[])
        other_ssu = Committee(tenant="other", name="Strategisk samarbeidsutvalg", short_name="SSU")
        people = {
            "furuholmen": _person("Christine Furuholmen", "Vestre Viken"),
            "hansen": _person("Christine Hansen"),
            "aud": _person("Aud Hansen", "Drammen kommune"),
            "velken": _person("Rannveig Velken"),
            "christian": _person("Christian Berg"),
            "kari_au": _person("Kari Au", "Asker kommune"),
            "ola": _person("Ola Nordmann", tenant="other"),
            "other_christine": _person("Christine Furuholmen", "Vestre Viken", tenant="other"),
        }
        session.add_all([ssu, lsu, other_ssu, *people.values()])
        await session.flush()
        groups = {
            "au_ssu": Group(committee_id=ssu.id, name="Arbeidsutvalg", short_name="AU"),
            "au_lsu": Group(committee_id=lsu.id, name="Arbeidsutvalget", short_name="AU"),
            "fagrad": Group(committee_id=ssu.id, name="Fagrådet", short_name=None),
            "au_other": Group(
                tenant="other", committee_id=other_ssu.id, name="Arbeidsutvalg", short_name="AU"
            ),
        }
        organisations = {
            "vv": Organisation(name="Vestre Viken HF"),
            "drammen": Organisation(name="Drammen kommune"),
        }
        lsu_meeting = Meeting(committee_id=lsu.id, date=dt.date(2024, 9, 3), status="held")
        session.add_all([*groups.values(), *organisations.values(), lsu_meeting])
        await session.flush()
        session.add_all(
            [
                GroupMembership(group_id=groups["au_ssu"].id, person_id=people["velken"].id),
                MeetingParticipant(
                    meeting_id=lsu_meeting.id, person_id=people["hansen"].id, role="present"
                ),
            ]
        )
        ids = {
            "ssu": ssu.id,
            "lsu": lsu.id,
            **{k: p.id for k, p in people.items()},
            **{k: g.id for k, g in groups.items()},
            **{k: o.id for k, o in organisations.items()},
        }
    return ids


async def _labels(db: Database, text: str, committee_id: int | None = None) -> list[str]:
    def work(session: Session) -> list[str]:
        options = resolve_assignee(session, "default", text, committee_id=committee_id)
        return [o.label for o in options]

    return await db.read(work)


RESOLVES = [
    # Full names, spelling-tolerant.
    ("Christine Furuholmen", ["Christine Furuholmen (Vestre Viken)"]),
    ("christine  FURUHOLMEN", ["Christine Furuholmen (Vestre Viken)"]),
    ("Christine Furuholmmen", ["Christine Furuholmen (Vestre Viken)"]),
    # A first or last name one person has.
    ("Furuholmen", ["Christine Furuholmen (Vestre Viken)"]),
    ("Aud", ["Aud Hansen (Drammen kommune)"]),
    ("Christian", ["Christian Berg"]),  # in no committee and no organisation: no detail
    ("Rannveig", ["Rannveig Velken (SSU)"]),  # no organisation: the committee of her group
    # Namesakes: all of them, each with what tells them apart.
    ("Christine", ["Christine Furuholmen (Vestre Viken)", "Christine Hansen (LSU)"]),
    ("Hansen", ["Aud Hansen (Drammen kommune)", "Christine Hansen (LSU)"]),
    # Groups: short name, name, definite form, of a named committee.
    ("AU", ["AU (LSU)", "AU (SSU)"]),  # "Kari Au" only has the word: the groups win
    ("au", ["AU (LSU)", "AU (SSU)"]),
    ("arbeidsutvalget", ["AU (LSU)", "AU (SSU)"]),
    ("Arbeidsutvalg", ["AU (LSU)", "AU (SSU)"]),
    ("Arbeidsutvalget i SSU", ["AU (SSU)"]),
    ("AU for LSU", ["AU (LSU)"]),
    ("AU i OSU", []),  # no such committee
    ("Fagrådet", ["Fagrådet (SSU)"]),
    ("fagradet", ["Fagrådet (SSU)"]),
    # Organisations, with or without "HF".
    ("Vestre Viken HF", ["Vestre Viken HF"]),
    ("Vestre Viken", ["Vestre Viken HF"]),
    ("drammen kommune", ["Drammen kommune"]),
    # Near misses.
    ("Chris", []),  # part of a name is no name
    ("Christ", []),
    ("Christine Berg", []),  # both words, but not of one person
    ("Olsen", []),
    ("", []),
    ("   ", []),
    ("vi", []),
    ("noen", []),
    ("alle", []),
    ("Alle", []),
    ("meg", []),
    ("Ola Nordmann", []),  # another tenant's
]


@pytest.mark.parametrize(("text", "expected"), RESOLVES, ids=[t or "empty" for t, _ in RESOLVES])
async def test_resolve_assignee(db: Database, text: str, expected: list[str]) -> None:
    await _seed(db)
    assert await _labels(db, text) == expected


async def test_options_carry_what_the_task_needs(db: Database) -> None:
    ids = await _seed(db)

    def work(session: Session) -> list[list[AssigneeOption]]:
        return [
            resolve_assignee(session, "default", text)
            for text in ("Christine", "Arbeidsutvalget i SSU", "Vestre Viken", "Christian Berg")
        ]

    christines, au, vv, christian = await db.read(work)
    assert christines == [
        AssigneeOption("person", ids["furuholmen"], "Christine Furuholmen", "Vestre Viken"),
        AssigneeOption("person", ids["hansen"], "Christine Hansen", "LSU"),
    ]
    assert au == [AssigneeOption("group", ids["au_ssu"], "AU", "SSU")]
    assert vv == [AssigneeOption("organisation", ids["vv"], "Vestre Viken HF", None)]
    assert christian[0].label == christian[0].name == "Christian Berg"


async def test_the_tasks_committee_picks_among_namesakes(db: Database) -> None:
    ids = await _seed(db)
    assert await _labels(db, "Christine", ids["lsu"]) == ["Christine Hansen (LSU)"]
    assert await _labels(db, "AU", ids["ssu"]) == ["AU (SSU)"]
    assert await _labels(db, "AU", ids["lsu"]) == ["AU (LSU)"]
    # Nobody of the committee among them: still all of them, to ask.
    assert await _labels(db, "Hansen", ids["ssu"]) == [
        "Aud Hansen (Drammen kommune)",
        "Christine Hansen (LSU)",
    ]


async def test_other_tenant_sees_its_own(db: Database) -> None:
    ids = await _seed(db)

    def work(session: Session) -> list[list[AssigneeOption]]:
        return [resolve_assignee(session, "other", t) for t in ("Christine", "AU", "Aud")]

    christine, au, aud = await db.read(work)
    assert [(o.id, o.label) for o in christine] == [
        (ids["other_christine"], "Christine Furuholmen (Vestre Viken)")
    ]
    assert [(o.id, o.label) for o in au] == [(ids["au_other"], "AU (SSU)")]
    assert aud == []
