"""A committee exported as JSON (storage/committee_export.py), on SQLite and PostgreSQL: what
a secretary hands over (meetings with place and participants, cases with decision, proposal
and text, tasks with owner, due date, status and who changed it, the next meeting), in a
fixed order, and nothing of another committee or tenant."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from storage.committee_export import (
    SCHEMA,
    SCHEMA_VERSION,
    ExportError,
    export_committee,
    export_committee_id,
)
from storage.database import Database
from storage.models import Committee, Task
from tests.conftest import EXAMPLES

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 23, 10, tzinfo=OSLO)
SSU_FILES = [EXAMPLES / "ssu-fjordby-2026-09-07.html", EXAMPLES / "ssu-fjordby-2026-10-26.md"]
LSU = EXAMPLES / "lsu-fjordby-2026-10-14.txt"


@pytest.fixture
async def stored(db: Database) -> None:
    await db.upgrade()
    for tenant, paths in (("default", [*SSU_FILES, LSU]), ("lindvik", SSU_FILES[1:])):
        results = await import_paths(db, paths, ImportOptions(tenant=tenant))
        assert all(r.status == "imported" for r in results)

    def marks(session: Session) -> None:
        # A task done in chat, and one only the other tenant's SSU has.
        first = session.scalars(
            select(Task).where(Task.tenant == "default", Task.assignee_name == "Geir Tveit")
        ).one()
        first.status, first.status_changed_by = "done", "Kari Nordmann"
        first.updated_at = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
        theirs = session.scalar(
            select(Committee).where(Committee.tenant == "lindvik", Committee.short_name == "SSU")
        )
        session.add(
            Task(tenant="lindvik", committee_id=theirs.id, description="Lindviks hemmelighet")
        )
        session.execute(
            update(Committee).where(Committee.tenant == "lindvik").values(name="Lindvik SSU")
        )

    await db.write(marks)


async def _export(db: Database, tenant: str, named: str) -> dict:
    return await db.read(lambda s: export_committee(s, tenant, named, NOW))


@pytest.mark.usefixtures("stored")
async def test_the_export_holds_the_committees_record(db: Database) -> None:
    exported = await _export(db, "default", "ssu")
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported  # plain JSON
    assert (exported["schema"], exported["schema_version"]) == (SCHEMA, SCHEMA_VERSION)
    assert exported["exported_at"] == "2026-11-23T09:00:00+00:00"
    assert exported["tenant"] == "default"
    assert exported["committee"]["short_name"] == "SSU"

    held = [m for m in exported["meetings"] if m["status"] == "held"]
    assert [m["date"] for m in held] == ["2026-09-07", "2026-10-26"]
    assert held[0]["place"] == "Møterom Fjellet, Fjordby sykehus"
    assert held[0]["starts_at"] == "2026-09-07T11:00:00+00:00"
    assert held[0]["document"] == SSU_FILES[0].name
    roles = [p["role"] for p in held[0]["participants"]]
    assert roles == sorted(
        roles, key=lambda r: ("chair", "secretary", "present", "absent").index(r)
    )
    assert len(held[0]["participants"]) > 3
    dates = [m["date"] for m in exported["meetings"]]
    assert dates == sorted(dates)

    numbers = [c["number"] for c in exported["cases"]]
    assert numbers[:6] == ["30/2026", "31/2026", "32/2026", "33/2026", "34/26", "35/26"]
    assert numbers[6:] == [f"2026.{n}" for n in range(40, 46)]
    lar = next(c for c in exported["cases"] if c["number"] == "2026.42")
    assert lar["meeting_date"] == "2026-10-26" and "LAR" in lar["title"]
    assert lar["body"] and set(lar) >= {"decision", "proposal", "status"}

    tasks = {t["description"][:20]: t for t in exported["tasks"]}
    done = next(t for t in exported["tasks"] if t["owner"]["name"] == "Geir Tveit")
    assert (done["status"], done["changed_by"]) == ("done", "Kari Nordmann")
    assert done["changed_at"] == "2026-11-02T08:30:00+00:00"
    assert done["case"] == "34/26" and done["due"] == "2026-10-26"
    assert len(tasks) == 6  # four from September, two from October
    assert exported["next_meeting"]["date"] == "2026-12-14"

    # Deterministic: the same record exports to the same JSON.
    assert await _export(db, "default", "SSU") == exported
    assert await _export(db, "default", "Strategisk samarbeidsutvalg") == exported


@pytest.mark.usefixtures("stored")
async def test_nothing_of_another_committee_or_tenant(db: Database) -> None:
    ours = json.dumps(await _export(db, "default", "SSU"), ensure_ascii=False)
    for foreign in (
        "Lindviks hemmelighet",
        "Lindvik SSU",
        "lindvik",
        "Felles hospiteringsordning",
        "LAR) – felles rutine",
    ):
        assert foreign not in ours, foreign
    theirs = await _export(db, "lindvik", "SSU")
    assert theirs["tenant"] == "lindvik" and theirs["committee"]["name"] == "Lindvik SSU"
    assert [m["date"] for m in theirs["meetings"] if m["status"] == "held"] == ["2026-10-26"]
    assert "Lindviks hemmelighet" in json.dumps(theirs, ensure_ascii=False)
    assert "2026-09-07" not in json.dumps(theirs)  # our September meeting is ours

    # By id (a signed link's): another tenant's committee id is no committee of this tenant.
    their_id = await db.read(
        lambda s: s.scalar(select(Committee.id).where(Committee.tenant == "lindvik"))
    )
    with pytest.raises(ExportError):
        await db.read(lambda s: export_committee_id(s, "default", their_id, NOW))


@pytest.mark.usefixtures("stored")
async def test_a_name_that_is_no_one_committee_is_an_error(db: Database) -> None:
    for named in ("OSU", "", "SSU LSU", "Lindvik SSU"):
        with pytest.raises(ExportError):
            await _export(db, "default", named)
