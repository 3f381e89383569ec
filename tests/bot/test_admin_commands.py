"""The administrators' chat commands end to end — the real server over HTTP, the real Bot
Framework adapter, a fake Bot Connector — on SQLite and PostgreSQL: «slett dokument …» shows
what would go and deletes only on «ja» from the administrator who asked; «eksporter SSU»
answers with a link that downloads the export for 15 minutes, and is refused when expired,
changed or of another tenant. Everyone else is refused politely and told who can."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from bot.app import STACKS
from storage.database import Database
from storage.models import Case, Committee, Document, Task
from storage.task_rights import TaskRights
from tests.conftest import EXAMPLES

from .activities import teams_message
from .conftest import NOW, Running, start_bot
from .fake_connector import FakeConnector
from .test_capture import Conversation, _text

SSU_SEPTEMBER = EXAMPLES / "ssu-fjordby-2026-09-07.html"
SSU_OCTOBER = EXAMPLES / "ssu-fjordby-2026-10-26.md"
ADMIN = "Hanne Bjørklund"  # SSU's secretary in the minutes, configured as administrator
MEMBER = "Magnus Fredriksen"  # SSU's chair: in the minutes, not an administrator
STRANGER = "Ola Ukjent"  # in no minutes


@pytest.fixture
async def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def admin_bot(
    database_url: str, connector: tuple[FakeConnector, str], clock: FixedClock
) -> AsyncIterator[Running]:
    db = Database(database_url)
    try:
        await db.upgrade()
        for tenant, paths in (
            ("default", [SSU_SEPTEMBER, SSU_OCTOBER]),
            ("lindvik", [SSU_OCTOBER]),
        ):
            results = await import_paths(db, paths, ImportOptions(tenant=tenant))
            assert all(r.status == "imported" for r in results)
    finally:
        await db.close()
    rights = TaskRights(admins=(ADMIN,))
    async for running in start_bot(
        database_url, connector, clock=clock, rights=rights, reminders=False
    ):
        yield running


async def _cases(database_url: str) -> dict[str, int]:
    db = Database(database_url)
    try:
        async with db.session() as s:
            rows = await s.execute(select(Case.tenant, func.count()).group_by(Case.tenant))
            return dict(rows.all())
    finally:
        await db.close()


async def _document_id(database_url: str, name: str, tenant: str = "default") -> int:
    db = Database(database_url)
    try:
        async with db.session() as s:
            return await s.scalar(
                select(Document.id).where(Document.name == name, Document.tenant == tenant)
            )
    finally:
        await db.close()


async def _say(chat: Conversation, words: str) -> str:
    return _text(await chat.say(words))


async def test_an_administrator_deletes_a_document_after_saying_ja(
    admin_bot: Running, database_url: str
) -> None:
    chat = Conversation(admin_bot, ADMIN)
    asked = await _say(chat, f"slett dokument {SSU_OCTOBER.name}")
    assert f"**{SSU_OCTOBER.name}**" in asked
    assert "6 saker, 2 oppgaver" in asked and "Svar «ja» eller «nei»" in asked
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}

    # Anything but ja or nei is asked again; «ja, men …» is not a plain yes.
    assert "Svar «ja» eller «nei»" in await _say(chat, "ja, men vent litt")
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}
    done = await _say(chat, "ja")
    assert done.startswith(f"Slettet **{SSU_OCTOBER.name}**: 6 saker og 2 oppgaver er borte.")
    assert await _cases(database_url) == {"default": 6, "lindvik": 6}

    # Search no longer finds its cases (the other tenant's copy is not ours to find).
    found = await _say(chat, "hva ble bestemt om Læringsbrua?")
    assert "2026.43" not in found


async def test_nei_leaves_the_document_and_an_id_is_a_name_too(
    admin_bot: Running, database_url: str
) -> None:
    september = await _document_id(database_url, SSU_SEPTEMBER.name)
    chat = Conversation(admin_bot, ADMIN)
    assert SSU_SEPTEMBER.name in await _say(chat, f"slett dokument {september}")
    assert await _say(chat, "nei") == "Greit, dokumentet blir liggende."
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}

    # Several match: which, by id. None matches, or another tenant's id: not found.
    several = await _say(chat, "slett dokument ssu-fjordby")
    assert "Flere dokumenter passer" in several and SSU_OCTOBER.name in several
    theirs = await _document_id(database_url, SSU_OCTOBER.name, "lindvik")
    for named in ("referat.docx", str(theirs)):
        assert "Jeg finner ikke noe dokument" in await _say(chat, f"slett dokument {named}")
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}


async def test_in_a_group_chat_only_the_administrators_ja_counts(
    admin_bot: Running, database_url: str
) -> None:
    chat = Conversation(admin_bot, ADMIN)
    await _say(chat, f"slett dokument {SSU_OCTOBER.name}")
    member = Conversation(admin_bot, MEMBER)
    member.id = chat.id  # the same conversation
    assert await _say(member, "ja") == "Greit, dokumentet blir liggende."
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}


@pytest.mark.parametrize(
    ("user", "said"),
    [
        (MEMBER, "Bare administratorene av Referent kan slette dokumenter: Hanne Bjørklund."),
        (STRANGER, "jeg vet ikke hvem du er ennå"),
    ],
)
async def test_others_are_refused_and_told_who_can(
    admin_bot: Running, database_url: str, user: str, said: str
) -> None:
    chat = Conversation(admin_bot, user)
    refused = await _say(chat, f"slett dokument {SSU_OCTOBER.name}")
    assert said in refused
    assert "ja" not in refused.split(".")[-1]  # no question follows
    assert not (await _say(chat, "ja")).startswith("Slettet")  # no dialog waits for a yes
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}
    exported = await _say(chat, "export SSU")
    assert "Only Referent's administrators can export committees" in exported
    assert "/exports/" not in exported


async def test_no_administrators_configured_refuses_everyone(
    database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    async for bot in start_bot(database_url, connector, reminders=False):
        db = Database(database_url)
        await import_paths(db, [SSU_OCTOBER], ImportOptions())
        await db.close()
        refused = await _say(Conversation(bot, ADMIN), "eksporter SSU")
        assert "ingen er satt opp her" in refused


def _link(reply: str) -> str:
    m = re.search(r"(http://\S+/exports/\S+)", reply)
    assert m, reply
    return m.group(1)


async def test_the_export_link_works_for_15_minutes(admin_bot: Running, clock: FixedClock) -> None:
    chat = Conversation(admin_bot, ADMIN)
    reply = await _say(chat, "eksporter SSU")
    assert "virker i 15 minutter" in reply
    url = _link(reply)
    assert url.startswith(admin_bot.url)  # the address the message came in on
    async with admin_bot.http.get(url) as response:
        assert response.status == 200
        assert response.headers["Cache-Control"] == "no-store"
        assert "attachment" in response.headers["Content-Disposition"]
        exported = json.loads(await response.text())
    assert exported["tenant"] == "default" and exported["committee"]["short_name"] == "SSU"
    assert [m["date"] for m in exported["meetings"] if m["status"] == "held"] == [
        "2026-09-07", "2026-10-26",
    ]  # fmt: skip

    # Changed by one character: refused. Expired: refused.
    payload, signature = url.rsplit("/", 1)[1].split(".")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    forged_payload = payload[:-2] + ("xx" if payload[-2:] != "xx" else "yy")
    for bad in (f"{payload}.{flipped}", f"{forged_payload}.{signature}", "nonsense", "a.b"):
        async with admin_bot.http.get(f"{admin_bot.url}/exports/{bad}") as response:
            assert response.status == 403, bad
            assert "2026" not in await response.text()
    clock.at = NOW + timedelta(minutes=15)
    async with admin_bot.http.get(url) as response:
        assert response.status == 403
    clock.at = NOW + timedelta(minutes=14, seconds=59)
    async with admin_bot.http.get(url) as response:
        assert response.status == 200


async def test_a_link_of_another_tenant_finds_nothing_of_ours(
    admin_bot: Running, database_url: str
) -> None:
    """A token signed for tenant lindvik naming our committee's id (and ours naming
    theirs): the export is read in the token's tenant, so neither is found."""
    db = Database(database_url)
    try:
        async with db.session() as s:
            ids = dict(
                (
                    await s.execute(select(Committee.tenant, Committee.id).order_by(Committee.id))
                ).all()
            )
    finally:
        await db.close()
    links = admin_bot.app[STACKS].exports
    assert links is not None
    for tenant, committee_id in (("lindvik", ids["default"]), ("default", ids["lindvik"])):
        url = f"{admin_bot.url}/exports/{links.token(tenant, committee_id)}"
        async with admin_bot.http.get(url) as response:
            assert response.status == 404
            assert "Strategisk" not in await response.text()
    theirs = f"{admin_bot.url}/exports/{links.token('lindvik', ids['lindvik'])}"
    async with admin_bot.http.get(theirs) as response:
        exported = json.loads(await response.text())
    assert exported["tenant"] == "lindvik"
    assert [m["date"] for m in exported["meetings"] if m["status"] == "held"] == ["2026-10-26"]


async def test_the_link_is_not_posted_in_a_channel(admin_bot: Running) -> None:
    before = len(admin_bot.connector.messages())
    activity = teams_message(
        "eksporter SSU", admin_bot.connector_url, user=ADMIN, conversation_type="channel",
        mention=True,
    )  # fmt: skip
    assert (await admin_bot.post(activity)).status == 201
    reply = _text((await admin_bot.connector.wait_for_messages(before + 1))[before])
    assert "bare i en personlig chat" in reply and "/exports/" not in reply


async def test_hjelp_explains_avbryt_stops_and_three_unclear_answers_end_it(
    admin_bot: Running, database_url: str
) -> None:
    chat = Conversation(admin_bot, ADMIN)
    await _say(chat, f"slett dokument {SSU_OCTOBER.name}")
    helped = await _say(chat, "hjelp")
    assert "Svar «ja» for å slette dokumentet og alt som er lest fra det" in helped
    assert await _say(chat, "avbryt") == "Avbrutt. Ingenting er lagret."
    await _say(chat, f"slett dokument {SSU_OCTOBER.name}")
    for unclear in ("kanskje", "jo da"):
        assert "Svar «ja» eller «nei»" in await _say(chat, unclear)
    assert (await _say(chat, "hmm")).startswith("Jeg forsto ikke svaret, så jeg avslutter her.")
    assert not (await _say(chat, "ja")).startswith("Slettet")  # no dialog waits any more
    assert await _cases(database_url) == {"default": 12, "lindvik": 6}


async def test_a_task_added_about_a_case_deleted_meanwhile_is_kept(
    admin_bot: Running, database_url: str
) -> None:
    """A member asks about a decision (the conversation's case for the next minutes), the
    administrator deletes its document meanwhile, and the member adds a task: it is saved,
    without the case that is gone."""
    member = Conversation(admin_bot, MEMBER)
    assert "2026.43" in await _say(member, "hva ble bestemt om Læringsbrua?")
    admin = Conversation(admin_bot, ADMIN)
    await _say(admin, f"slett dokument {SSU_OCTOBER.name}")
    assert (await _say(admin, "ja")).startswith("Slettet")
    saved = await _say(member, "oppgave: Magnus Fredriksen sender kandidatliste innen 1. mars")
    assert saved.startswith("Lagt inn oppgave"), saved

    db = Database(database_url)
    try:
        async with db.session() as s:
            task = (
                await s.execute(select(Task.case_id, Task.origin).where(Task.origin == "chat"))
            ).one()
    finally:
        await db.close()
    assert tuple(task) == (None, "chat")
