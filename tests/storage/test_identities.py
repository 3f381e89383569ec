"""storage/identities.py: chat identity links and the person lookups behind them."""

from __future__ import annotations

import asyncio

from sqlalchemy import delete, func, select

from storage.database import Database
from storage.identities import link_person, linked_person, people_by_email, people_by_full_name
from storage.models import ChatIdentity, Person
from storage.names import name_key

KEY = {"tenant": "default", "channel": "msteams", "user_key": "aad-1"}


async def _people(
    db: Database, *people: tuple[str, list[str]], tenant: str = "default"
) -> list[int]:
    async with db.session() as session, session.begin():
        rows = [
            Person(tenant=tenant, name=name, name_key=name_key(name), emails=emails)
            for name, emails in people
        ]
        session.add_all(rows)
    return [p.id for p in rows]


async def _link_count(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(ChatIdentity)) or 0


async def test_a_link_is_stored_once_and_read_back(db: Database) -> None:
    christine, aud = await _people(db, ("Christine Furuholmen", []), ("Aud Hansen", []))
    async with db.session() as session:
        assert await linked_person(session, **KEY) is None
    await link_person(db, **KEY, person_id=christine, display_name="Chris F.")
    await link_person(db, **KEY, person_id=christine, display_name="Chris F.")
    assert await _link_count(db) == 1
    async with db.session() as session:
        person = await linked_person(session, **KEY)
        assert person is not None and person.name == "Christine Furuholmen"
        assert await linked_person(session, **{**KEY, "channel": "slack"}) is None
        assert await linked_person(session, **{**KEY, "tenant": "other"}) is None
    await link_person(db, **KEY, person_id=aud, email="aud@example.no")  # the last write wins
    async with db.session() as session:
        link = await session.scalar(select(ChatIdentity))
        assert link is not None and (link.person_id, link.email) == (aud, "aud@example.no")
        assert link.linked_at.tzinfo is not None


async def test_concurrent_links_of_one_user_do_not_fail(db: Database) -> None:
    (christine,) = await _people(db, ("Christine Furuholmen", []))
    await asyncio.gather(*(link_person(db, **KEY, person_id=christine) for _ in range(8)))
    assert await _link_count(db) == 1


async def test_deleting_the_person_deletes_the_link(db: Database) -> None:
    (christine,) = await _people(db, ("Christine Furuholmen", []))
    await link_person(db, **KEY, person_id=christine)
    async with db.session() as session, session.begin():
        await session.execute(delete(Person).where(Person.id == christine))
    assert await _link_count(db) == 0


async def test_people_by_email(db: Database) -> None:
    await _people(
        db,
        ("Christine Furuholmen", ["Christine.Furuholmen@vestreviken.no"]),
        ("Bjørn Ås", ["bjørn.ås@kommune.no"]),  # stored JSON-escaped
        ("Ola Nordmann", ["ola_nordmann@example.no", "ola@example.no"]),
    )
    await _people(db, ("Christine Furuholmen", ["christine.furuholmen@vestreviken.no"]), tenant="x")

    async def names(*emails: str) -> list[str]:
        async with db.session() as session:
            return [p.name for p in await people_by_email(session, tenant="default", emails=emails)]

    assert await names("CHRISTINE.furuholmen@vestreviken.no") == ["Christine Furuholmen"]
    assert await names("Bjørn.Ås@kommune.no") == ["Bjørn Ås"]
    assert await names("ola@example.no") == ["Ola Nordmann"]
    assert await names("olaxnordmann@example.no") == []  # "_" is no wildcard
    assert await names("furuholmen@vestreviken.no") == []  # part of an address is no match
    assert await names("", "not an address") == []


async def test_people_by_full_name_wants_the_whole_name(db: Database) -> None:
    await _people(db, ("Christine Furuholmen", []), ("Aud Hansen", []))

    async def names(*full: str) -> list[str]:
        async with db.session() as session:
            return [
                p.name for p in await people_by_full_name(session, tenant="default", names=full)
            ]

    assert await names("CHRISTINE  FURUHOLMEN") == ["Christine Furuholmen"]
    assert await names("Christine", "Christine Hansen", "Furuholmen") == []
    assert await names("Christine Furuholmen", "Aud Hansen") == [
        "Christine Furuholmen",
        "Aud Hansen",
    ]
