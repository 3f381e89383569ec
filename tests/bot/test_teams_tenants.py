"""Several organisations on one deployment (REFERENT_TEAMS_TENANTS): each Teams turn is
read in its organisation's tenant, through the real server, on SQLite and PostgreSQL.

Two Microsoft 365 tenants map to two Referent tenants; only Fjordby's minutes are
imported. Lindvik's users asking the same things see none of Fjordby's decisions, tasks
or meetings — in chat and in the compose-box search — and the answer does not hint that
something is hidden. An organisation the map leaves out is told Referent is not set up for
it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

from .activities import compose_query, teams_message
from .conftest import Running, start_bot
from .fake_connector import FakeConnector

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
FJORDBY_AAD = "11111111-0000-4000-8000-00000000f10d"
LINDVIK_AAD = "22222222-0000-4000-8000-0000000011d0"
OTHER_AAD = "33333333-0000-4000-8000-000000000001"
TENANTS = {FJORDBY_AAD: "helse-fjordby", LINDVIK_AAD: "lindvik"}


@pytest.fixture
async def bot(database_url: str, connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS}")
    db = Database(database_url)
    try:
        options = ImportOptions(tenant="helse-fjordby")
        await import_paths(db, sorted(SEEDS.glob("*.txt")), options)
    finally:
        await db.close()
    async for running in start_bot(database_url, connector, teams_tenants=TENANTS):
        yield running


def _from(activity: dict, aad: str) -> dict:
    activity["conversation"]["tenantId"] = aad
    activity["channelData"] = {"tenant": {"id": aad}}
    return activity


async def ask(bot: Running, aad: str, text: str, user: str = "Christine Furuholmen") -> str:
    before = len(bot.connector.messages())
    response = await bot.post(_from(teams_message(text, bot.connector_url, user=user), aad))
    assert response.status == 201
    replies = await bot.connector.wait_for_messages(before + 1)
    return json.dumps(replies[before], ensure_ascii=False)


async def test_each_organisation_reads_its_own_minutes(bot: Running) -> None:
    fjordby = await ask(bot, FJORDBY_AAD, "hva ble bestemt om LAR?")
    assert "2023.30" in fjordby
    lindvik = await ask(bot, LINDVIK_AAD, "hva ble bestemt om LAR?")
    assert "Fant ingen vedtak" in lindvik and "2023.30" not in lindvik
    assert "andre" not in lindvik.lower()  # nothing hints at a match kept from them
    mine = await ask(bot, LINDVIK_AAD, "hvilke oppgaver har jeg?")
    assert "innkaller" not in mine  # Christine's Fjordby task
    meeting = await ask(bot, LINDVIK_AAD, "når er neste møte?")
    assert "SSU" not in meeting and "LSU" not in meeting


async def test_the_compose_box_search_is_the_organisations_too(bot: Running) -> None:
    for aad, found in ((FJORDBY_AAD, True), (LINDVIK_AAD, False)):
        response = await bot.post(_from(compose_query("LAR", bot.connector_url), aad))
        assert response.status == 200
        attachments = (await response.json())["composeExtension"]["attachments"]
        assert bool(attachments) is found


async def test_an_organisation_not_set_up_is_told_so_and_reads_nothing(bot: Running) -> None:
    """Near-miss: a tenant id that is not in the map (nor a default to fall back to)."""
    said = await ask(bot, OTHER_AAD, "hva ble bestemt om LAR?")
    assert "ikke satt opp for organisasjonen din" in said
    assert "2023.30" not in said
