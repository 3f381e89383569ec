"""Who reads a committee kept to its members (storage/committee_access.py), on SQLite and
PostgreSQL: each kind of member the rule lets in, and the near-misses it keeps out (a
member of another committee, someone the minutes named over a year before the newest
meeting, a guest an administrator removed, a person of another tenant with the same name,
a conversation whose subscription was stopped); and what a limited session reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.committee_access import (
    ADDED,
    MEMBERS,
    REMOVED,
    Reader,
    Viewer,
    committees_of,
    members,
    restrict,
    viewer_for,
)
from storage.database import Database
from storage.models import (
    Case,
    ChatConversation,
    Committee,
    CommitteeMember,
    Group,
    GroupMembership,
    Meeting,
    MeetingParticipant,
    Person,
    Subscription,
    Task,
)
from storage.names import name_key
from storage.queries import meetings, tasks_for

NEWEST = date(2026, 10, 1)
NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
T1, T2 = "helse-fjordby", "lindvik"
ADMINS = ("Admin Dahl",)

NAMES = (
    "Recent Rud",  # present at SSU's newest meeting
    "Apologies Aas",  # absent with apologies from SSU's meeting 200 days before
    "Old Olsen",  # present only 400 days before the newest meeting: no longer a member
    "Group Gran",  # in AU, SSU's working committee, named at no meeting
    "Added Ask",  # added by an administrator
    "Guest Gjest",  # present at the newest meeting, removed by an administrator
    "Lsu Lie",  # member of LSU (another members committee) only
    "Admin Dahl",  # REFERENT_ADMINS
    "Stranger Sand",  # in the minutes of nothing
)


@dataclass
class World:
    ssu: int
    lsu: int
    osu: int  # open
    other_ssu: int  # tenant T2's SSU, kept to its members too
    people: dict[str, int]
    other_recent: int  # T2's "Recent Rud", a member of T2's SSU
    channel: int  # a conversation subscribed to SSU


def _meeting(session: Session, committee: Committee, day: date) -> Meeting:
    meeting = Meeting(committee_id=committee.id, date=day, status="held")
    session.add(meeting)
    session.flush()
    return meeting


def _build(session: Session) -> World:
    ssu = Committee(tenant=T1, name="Strategisk samarbeidsutvalg", short_name="SSU", access=MEMBERS)
    lsu = Committee(tenant=T1, name="Lokalt samarbeidsutvalg", short_name="LSU", access=MEMBERS)
    osu = Committee(tenant=T1, name="Overordnet samarbeidsutvalg", short_name="OSU")
    other = Committee(
        tenant=T2, name="Strategisk samarbeidsutvalg", short_name="SSU", access=MEMBERS
    )
    session.add_all([ssu, lsu, osu, other])
    people = {n: Person(tenant=T1, name=n, name_key=name_key(n)) for n in NAMES}
    other_recent = Person(tenant=T2, name="Recent Rud", name_key=name_key("Recent Rud"))
    session.add_all([*people.values(), other_recent])
    session.flush()
    ids = {n: p.id for n, p in people.items()}

    def attend(meeting: Meeting, name: str, role: str = "present") -> None:
        session.add(MeetingParticipant(meeting_id=meeting.id, person_id=ids[name], role=role))

    newest = _meeting(session, ssu, NEWEST)
    attend(newest, "Recent Rud", "chair")
    attend(newest, "Guest Gjest")
    attend(_meeting(session, ssu, NEWEST - timedelta(days=200)), "Apologies Aas", "absent")
    attend(_meeting(session, ssu, NEWEST - timedelta(days=400)), "Old Olsen")
    attend(_meeting(session, lsu, NEWEST), "Lsu Lie")
    other_meeting = _meeting(session, other, NEWEST)
    session.add(
        MeetingParticipant(meeting_id=other_meeting.id, person_id=other_recent.id, role="present")
    )
    au = Group(tenant=T1, name="Arbeidsutvalget", short_name="AU", committee_id=ssu.id)
    session.add(au)
    session.flush()
    session.add(GroupMembership(group_id=au.id, person_id=ids["Group Gran"]))
    session.add_all([
        CommitteeMember(committee_id=ssu.id, person_id=ids["Added Ask"], kind=ADDED),
        CommitteeMember(committee_id=ssu.id, person_id=ids["Guest Gjest"], kind=REMOVED),
    ])  # fmt: skip
    # What a limited session must hide or keep: SSU's next meeting, a case and a task of it,
    # and a case and a task of no committee.
    session.add(Meeting(committee_id=ssu.id, date=date(2026, 12, 14), status="planned"))
    session.add_all([
        Case(tenant=T1, committee_id=ssu.id, meeting_id=newest.id, title="Hemmelig budsjett",
             status="decided"),
        Case(tenant=T1, title="Felles sak", status="noted"),
        Task(tenant=T1, committee_id=ssu.id, description="Lag budsjett",
             assignee_name="Recent Rud", person_id=ids["Recent Rud"]),
        Task(tenant=T1, description="Rydd arkivet", assignee_name="Recent Rud",
             person_id=ids["Recent Rud"]),
    ])  # fmt: skip
    conversation = ChatConversation(
        tenant=T1, channel="msteams", conversation_id="19:ssu@thread.tacv2", kind="channel",
        service_url="https://smba.example/", reference={},
    )  # fmt: skip
    session.add(conversation)
    session.flush()
    session.add(Subscription(tenant=T1, conversation_ref_id=conversation.id, committee_id=ssu.id))
    session.flush()
    return World(ssu.id, lsu.id, osu.id, other.id, ids, other_recent.id, conversation.id)


@pytest.fixture
async def world(db: Database) -> World:
    return await db.write(_build)


async def _viewer(db: Database, tenant: str, reader: Reader | None) -> Viewer:
    return await db.read(lambda s: viewer_for(s, tenant, reader, admins=ADMINS))


@pytest.mark.parametrize(
    ("name", "reads_ssu"),
    [
        ("Recent Rud", True),
        ("Apologies Aas", True),  # absent with apologies is still a member
        ("Group Gran", True),
        ("Added Ask", True),
        ("Admin Dahl", True),
        ("Old Olsen", False),  # named only over a year before the newest meeting
        ("Guest Gjest", False),  # named, but removed by an administrator
        ("Lsu Lie", False),  # a member of another committee
        ("Stranger Sand", False),
    ],
)
async def test_who_reads_a_members_committee(
    db: Database, world: World, name: str, reads_ssu: bool
) -> None:
    viewer = await _viewer(db, T1, Reader(person_id=world.people[name]))
    assert viewer.sees(world.ssu) is reads_ssu
    assert viewer.sees(world.osu)  # open to everyone in the tenant
    assert viewer.sees(world.lsu) is (name in ("Lsu Lie", "Admin Dahl"))
    assert viewer.sees(None)  # rows of no committee


async def test_members_lists_the_rule(db: Database, world: World) -> None:
    found = await db.read(lambda s: members(s, world.ssu))
    named = {n for n, i in world.people.items() if i in found}
    assert named == {"Recent Rud", "Apologies Aas", "Group Gran", "Added Ask"}


async def test_an_unknown_chat_user_reads_open_committees_only(db: Database, world: World) -> None:
    viewer = await _viewer(db, T1, Reader())
    assert viewer.hidden == {world.ssu, world.lsu}
    operator = await _viewer(db, T1, None)  # the CLI without --as
    assert operator.hidden == frozenset()


async def test_a_person_of_another_tenant_with_the_same_name_is_no_member(
    db: Database, world: World
) -> None:
    """T2's Recent Rud is a member of T2's SSU (same short name), not of T1's, and T1's
    Recent Rud is not a member of T2's."""
    theirs = await _viewer(db, T2, Reader(person_id=world.other_recent))
    assert theirs.hidden == frozenset() and theirs.sees(world.other_ssu)
    ours_there = await _viewer(db, T2, Reader(person_id=world.people["Recent Rud"]))
    assert ours_there.hidden == {world.other_ssu}
    in_t1 = await db.read(lambda s: committees_of(s, world.other_recent, [world.ssu]))
    assert in_t1 == set()


async def test_a_subscribed_conversation_reads_it_while_subscribed(
    db: Database, world: World
) -> None:
    place = ("msteams", "19:ssu@thread.tacv2")
    stranger = world.people["Stranger Sand"]
    assert (await _viewer(db, T1, Reader(stranger, place))).sees(world.ssu)
    assert not (await _viewer(db, T1, Reader(stranger, ("msteams", "19:other")))).sees(world.ssu)
    assert not (await _viewer(db, T2, Reader(None, place))).sees(world.other_ssu)

    def stop(session: Session) -> None:
        for subscription in session.scalars(select(Subscription)):
            subscription.active = False

    await db.write(stop)
    assert not (await _viewer(db, T1, Reader(stranger, place))).sees(world.ssu)


async def test_a_limited_session_reads_none_of_a_hidden_committee(
    db: Database, world: World
) -> None:
    def read(session: Session, name: str) -> dict[str, object]:
        restrict(session, T1, Reader(person_id=world.people[name]), admins=ADMINS)
        return {
            "committees": sorted(
                session.scalars(select(Committee.short_name).where(Committee.tenant == T1))
            ),
            "cases": sorted(session.scalars(select(Case.title).where(Case.tenant == T1))),
            "case_count": session.scalar(select(func.count(Case.id)).where(Case.tenant == T1)),
            "upcoming": [r.committee.label for r in meetings(session, tenant=T1,
                                                              upcoming_from=NOW) if r.committee],
            "tasks": [t.description for t in tasks_for(session, tenant=T1,
                                                         name="Recent Rud").tasks],
            # a page of them counts only what the reader may see («… og N til»)
            "task_total": tasks_for(session, tenant=T1, name="Recent Rud", per_page=1).total,
            "groups": list(session.scalars(select(Group.short_name).where(Group.tenant == T1))),
            "got": session.get(Committee, world.ssu) is not None,
        }  # fmt: skip

    member = await db.read(lambda s: read(s, "Recent Rud"))
    assert member == {
        "committees": ["OSU", "SSU"],
        "cases": ["Felles sak", "Hemmelig budsjett"],
        "case_count": 2,
        "upcoming": ["SSU"],
        "tasks": ["Lag budsjett", "Rydd arkivet"],
        "task_total": 2,
        "groups": ["AU"],
        "got": True,
    }
    other = await db.read(lambda s: read(s, "Lsu Lie"))
    assert other == {
        "committees": ["LSU", "OSU"],
        "cases": ["Felles sak"],
        "case_count": 1,
        "upcoming": [],
        "tasks": ["Rydd arkivet"],
        "task_total": 1,
        "groups": [],
        "got": False,
    }
