"""Who may change a task (storage/task_rights.py), on SQLite and PostgreSQL: each kind of
person the rule lets through, and the near-misses it refuses (a member of another group,
an officer of another committee or of a meeting too long ago, someone unknown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from storage.database import Database
from storage.models import (
    Committee,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Person,
    Task,
)
from storage.names import name_key
from storage.task_rights import OFFICER_MEETINGS, Refusal, TaskRights


@dataclass
class World:
    people: dict[str, int]
    tasks: dict[str, int]


NAMES = (
    "Owner Olsen",  # the person task "person" is given to
    "Member Moe",  # in AU, the group task "group" is given to
    "Outsider Ek",  # in LSU's group, nothing to do with SSU's tasks
    "Chair Berg",  # chairs SSU's newest meeting
    "Secretary Lie",  # takes SSU's minutes
    "Old Chair",  # chaired SSU, but before the newest OFFICER_MEETINGS meetings
    "Lsu Chair",  # chairs LSU
    "Adder Aas",  # added task "chat" from chat
    "Configured Sekr",  # SSU's secretary by configuration
    "Admin Dahl",  # the deployment's administrator (by email)
)


@pytest.fixture
async def world(db: Database) -> World:
    async with db.session() as session, session.begin():
        ssu = Committee(name="Strategisk samarbeidsutvalg", short_name="SSU")
        lsu = Committee(name="Lokalt samarbeidsutvalg", short_name="LSU")
        session.add_all([ssu, lsu])
        people = {n: Person(name=n, name_key=name_key(n)) for n in NAMES}
        people["Admin Dahl"].emails = ["admin@fjordby.no"]
        session.add_all(people.values())
        await session.flush()
        au = Group(name="Arbeidsutvalget", short_name="AU", committee_id=ssu.id)
        lsu_group = Group(name="LSU-gruppen", committee_id=lsu.id)
        session.add_all([au, lsu_group])
        await session.flush()
        session.add(GroupMembership(group_id=au.id, person_id=people["Member Moe"].id))
        session.add(GroupMembership(group_id=lsu_group.id, person_id=people["Outsider Ek"].id))
        first = date(2026, 1, 15)
        for n in range(OFFICER_MEETINGS + 1):  # the oldest is past the officers' window
            meeting = Meeting(committee_id=ssu.id, date=first + timedelta(days=30 * n))
            session.add(meeting)
            await session.flush()
            chair = "Old Chair" if n == 0 else "Chair Berg"
            session.add(
                MeetingParticipant(meeting_id=meeting.id, person_id=people[chair].id, role="chair")
            )
            if n == OFFICER_MEETINGS:
                secretary = people["Secretary Lie"].id
                session.add(
                    MeetingParticipant(meeting_id=meeting.id, person_id=secretary, role="secretary")
                )
        lsu_meeting = Meeting(committee_id=lsu.id, date=date(2026, 11, 1))
        session.add(lsu_meeting)
        await session.flush()
        lsu_chair = people["Lsu Chair"].id
        session.add(
            MeetingParticipant(meeting_id=lsu_meeting.id, person_id=lsu_chair, role="chair")
        )
        owner = people["Owner Olsen"].id
        tasks = {
            "person": Task(
                committee_id=ssu.id, description="skrive notat", person_id=owner,
                assignee_kind="person", assignee_name="Owner Olsen",
            ),
            "group": Task(
                committee_id=ssu.id, description="lage program", group_id=au.id,
                assignee_kind="group", assignee_name="AU",
            ),
            "chat": Task(
                description="ringe fastlegene", origin="chat", created_by="Adder Aas",
                assignee_name="Zorro",
            ),
        }  # fmt: skip
        session.add_all(tasks.values())
        await session.flush()
        return World({n: p.id for n, p in people.items()}, {k: t.id for k, t in tasks.items()})


RIGHTS = TaskRights(admins=("admin@fjordby.no",), secretaries={"ssu": ("Configured Sekr",)})


async def _refusal(db: Database, world: World, task: str, who: str | None) -> Refusal | None:
    person_id = world.people[who] if who else None

    def check(session):  # type: ignore[no-untyped-def]
        return RIGHTS.refusal(session, session.get(Task, world.tasks[task]), person_id)

    return await db.read(check)


@pytest.mark.parametrize(
    ("task", "who"),
    [
        ("person", "Owner Olsen"),
        ("group", "Member Moe"),
        ("person", "Chair Berg"),
        ("group", "Secretary Lie"),
        ("person", "Configured Sekr"),
        ("group", "Admin Dahl"),
        ("chat", "Adder Aas"),
        ("chat", "Admin Dahl"),
    ],
)
async def test_those_a_task_concerns_may_change_it(
    db: Database, world: World, task: str, who: str
) -> None:
    assert await _refusal(db, world, task, who) is None


@pytest.mark.parametrize(
    ("task", "who"),
    [
        ("person", "Member Moe"),  # a member of AU, but the task is Owner's
        ("group", "Outsider Ek"),  # a member of another committee's group
        ("group", "Old Chair"),  # chaired, but not of the newest meetings
        ("person", "Lsu Chair"),  # another committee's chair
        ("chat", "Chair Berg"),  # a chat task with no committee: not SSU's business
        ("chat", "Owner Olsen"),
    ],
)
async def test_others_are_refused_and_told_who_can(
    db: Database, world: World, task: str, who: str
) -> None:
    refusal = await _refusal(db, world, task, who)
    assert refusal is not None and not refusal.unknown_asker
    assert who not in refusal.who_can


async def test_who_can_names_the_owner_first_then_the_keepers(db: Database, world: World) -> None:
    refusal = await _refusal(db, world, "person", "Outsider Ek")
    assert refusal is not None
    assert refusal.who_can == (
        "Owner Olsen",
        "Admin Dahl",
        "Chair Berg",
        "Configured Sekr",
        "Secretary Lie",
    )
    group = await _refusal(db, world, "group", None)
    assert group is not None and group.unknown_asker and group.who_can[0] == "AU"
