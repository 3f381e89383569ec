"""A committee kept to its members (issue 19, item 2) through every entry point, over real
HTTP on SQLite and PostgreSQL: Teams chat and the compose-box search (/api/messages, two
organisations mapped to two tenants), the dev chat, Slack's /referent and «Del i kanalen».

Both organisations have the seed minutes (the same committee short names and person
names). Fjordby's SSU is kept to its members; Lindvik's SSU too, with Lindvik's Britt
Kveseth added by hand. Tom Ole Øhren sat in Fjordby's SSU; Britt Kveseth sits in LSU (a
member of another committee). A non-member gets word for word the answer a word found
nowhere gets: nothing tells that something is hidden."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from bot.slack.turns import SHARE_ACTION
from storage.committee_access import ADDED, MEMBERS, OPEN
from storage.database import Database
from storage.models import (
    DEFAULT_TENANT,
    Case,
    Committee,
    CommitteeMember,
    Meeting,
    Person,
    Task,
)
from tests.conftest import SEEDS

from .activities import compose_query, teams_message
from .chat_records import chat_cases, chat_meetings, chat_tasks
from .conftest import Running, serve, start_bot
from .fake_connector import FakeConnector
from .fake_slack import RESPONSE_URL, TEAM_ID, FakeSlack
from .test_slack_commands import CHANNEL, block_action, command, post_action, post_form
from .test_slack_events import post_event, slack_bot
from .test_slack_home import home_opened
from .test_slack_modals import option_value, post_payload, submission

FJORDBY_AAD = "11111111-0000-4000-8000-00000000f10d"
LINDVIK_AAD = "22222222-0000-4000-8000-0000000011d0"
TENANTS = {FJORDBY_AAD: "helse-fjordby", LINDVIK_AAD: "lindvik"}
MEMBER = "Tom Ole Øhren"  # present at Fjordby's newest SSU meeting
OTHER = "Britt Kveseth"  # LSU: a member of another committee
NEXT_SSU = date(2026, 12, 14)  # after the tests' clock (2026-11-23)


def keep_to_members(tenant: str, added: str | None = None) -> Any:
    """SSU of `tenant` kept to its members, with a meeting ahead; `added` made a member."""

    def work(session: Session) -> None:
        ssu = session.scalars(
            select(Committee).where(Committee.tenant == tenant, Committee.short_name == "SSU")
        ).one()
        ssu.access = MEMBERS
        session.add(Meeting(committee_id=ssu.id, date=NEXT_SSU, status="planned"))
        if added:
            person = session.scalars(
                select(Person).where(Person.tenant == tenant, Person.name == added)
            ).one()
            session.add(CommitteeMember(committee_id=ssu.id, person_id=person.id, kind=ADDED))

    return work


async def prepare(database_url: str, tenants: dict[str, str | None]) -> None:
    """The seeds imported into each tenant, its SSU kept to its members."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS}")
    db = Database(database_url)
    try:
        for tenant, added in tenants.items():
            await import_paths(db, sorted(SEEDS.glob("*.txt")), ImportOptions(tenant=tenant))
            await db.write(keep_to_members(tenant, added))
    finally:
        await db.close()


@pytest.fixture
async def bot(database_url: str, connector: tuple[FakeConnector, str]) -> AsyncIterator[Running]:
    await prepare(database_url, {"helse-fjordby": None, "lindvik": OTHER})
    async for running in start_bot(database_url, connector, teams_tenants=TENANTS):
        yield running


def _in(activity: dict, aad: str, conversation: str | None = None) -> dict:
    activity["conversation"]["tenantId"] = aad
    activity["channelData"] = {"tenant": {"id": aad}}
    if conversation is not None:  # the same channel again (teams_message makes a new one)
        activity["conversation"]["id"] = f"{conversation};messageid={uuid.uuid4().hex[:8]}"
    return activity


async def say(
    bot: Running,
    text: str,
    user: str,
    *,
    aad: str = FJORDBY_AAD,
    channel: str | None = None,
) -> dict:
    """The bot's reply to `user`'s message: in a personal chat, or in `channel` (mentioned)."""
    before = len(bot.connector.messages())
    if channel is None:
        activity = teams_message(text, bot.connector_url, user=user)
    else:
        activity = teams_message(
            text, bot.connector_url, user=user, conversation_type="channel", mention=True
        )
    response = await bot.post(_in(activity, aad, channel))
    assert response.status == 201
    replies = await bot.connector.wait_for_messages(before + 1)
    return replies[before]


def shown(reply: dict) -> str:
    return json.dumps(reply, ensure_ascii=False)


def said(reply: dict) -> str:
    """What the reply shows the reader: its text, preview and cards."""
    return json.dumps({k: reply.get(k) for k in ("text", "summary", "attachments")},
                      ensure_ascii=False, sort_keys=True)  # fmt: skip


async def test_a_member_reads_the_committee(bot: Running) -> None:
    assert "2023.30" in shown(await say(bot, "hva ble bestemt om LAR?", MEMBER))
    assert "AU er programkomite" in shown(await say(bot, "oppgaver for AU", MEMBER))
    upcoming = shown(await say(bot, "når er neste møte?", MEMBER))
    assert "SSU" in upcoming and "14. desember" in upcoming
    agenda = shown(await say(bot, "hva står på sakslisten til SSU?", MEMBER))
    assert "SSU" in agenda and "14. desember" in agenda


async def test_a_non_member_reads_nothing_of_it_and_cannot_tell(bot: Running) -> None:
    """Britt (LSU) gets, for what only SSU holds, what a word found nowhere gets."""
    for hidden, nowhere in (
        ("hva ble bestemt om LAR?", "hva ble bestemt om zyxwvu?"),
        ("oppgaver for AU", "oppgaver for QX"),
    ):
        reply = said(await say(bot, hidden, OTHER))
        word = hidden.split()[-1].rstrip("?")
        assert reply.replace(word, "@") == said(await say(bot, nowhere, OTHER)).replace(
            nowhere.split()[-1].rstrip("?"), "@"
        )
    assert "Fant ingen vedtak" in shown(await say(bot, "hva ble bestemt om LAR?", OTHER))
    upcoming = shown(await say(bot, "når er neste møte?", OTHER))
    assert "SSU" not in upcoming and "14. desember" not in upcoming
    agenda = shown(await say(bot, "hva står på sakslisten til SSU?", OTHER))
    assert "14. desember" not in agenda and "AU er programkomite" not in agenda
    everyone = shown(await say(bot, "hvem skal gjøre noe?", OTHER))
    assert "AU er programkomite" not in everyone
    assert "Innkaller gruppen" in everyone  # LSU's, open to all


async def test_someone_the_bot_cannot_link_reads_open_committees_only(bot: Running) -> None:
    reply = shown(await say(bot, "hva ble bestemt om LAR?", "Ukjent Bruker"))
    assert "2023.30" not in reply and "Fant ingen vedtak" in reply


async def test_the_same_name_in_another_organisation_is_another_person(bot: Running) -> None:
    """Lindvik's Britt, added to Lindvik's SSU, reads it; Fjordby's Britt still does not
    read Fjordby's."""
    assert "2023.30" in shown(await say(bot, "hva ble bestemt om LAR?", OTHER, aad=LINDVIK_AAD))
    assert "2023.30" not in shown(await say(bot, "hva ble bestemt om LAR?", OTHER))


async def test_a_channel_reads_it_once_a_member_subscribed_it(bot: Running) -> None:
    ssu_channel, other_channel = "19:ssu-fjordby@thread.tacv2", "19:generelt@thread.tacv2"
    # Answers in a channel are read by all there: a member asking in a channel not
    # subscribed reads only what the channel may.
    assert "2023.30" not in shown(
        await say(bot, "hva ble bestemt om LAR?", MEMBER, channel=ssu_channel)
    )
    subscribed = shown(await say(bot, "abonner på SSU", MEMBER, channel=ssu_channel))
    assert "SSU" in subscribed and "kjenner" not in subscribed
    assert "2023.30" in shown(await say(bot, "hva ble bestemt om LAR?", OTHER, channel=ssu_channel))
    # A non-member cannot subscribe another channel: SSU is a committee the bot does not know
    # there, in the words it uses for one that does not exist.
    refused = said(await say(bot, "abonner på SSU", OTHER, channel=other_channel))
    unknown = said(await say(bot, "abonner på QQU", OTHER, channel=other_channel))
    assert refused.replace("SSU", "@") == unknown.replace("QQU", "@")
    assert "2023.30" not in shown(
        await say(bot, "hva ble bestemt om LAR?", OTHER, channel=other_channel)
    )


async def _compose(bot: Running, words: str, user: str) -> list[dict]:
    activity = compose_query(words, bot.connector_url)
    activity["from"] = teams_message("", bot.connector_url, user=user)["from"]
    response = await bot.post(_in(activity, FJORDBY_AAD))
    assert response.status == 200
    return (await response.json())["composeExtension"]["attachments"]


async def test_the_compose_box_search_hides_it_from_non_members(bot: Running) -> None:
    found = await _compose(bot, "LAR", MEMBER)
    assert found and "2023.30" in json.dumps(found, ensure_ascii=False)
    assert await _compose(bot, "LAR", OTHER) == []


# ----------------------------------------------------------------- the dev chat


@pytest.fixture
async def dev_bot(
    database_url: str, connector: tuple[FakeConnector, str]
) -> AsyncIterator[Running]:
    await prepare(database_url, {DEFAULT_TENANT: None})
    async for running in start_bot(database_url, connector):
        yield running


async def _dev_say(bot: Running, text: str, user: str) -> str:
    conversation = f"dev-{uuid.uuid4().hex}"
    body = {"conversation": conversation, "text": text, "user": user}
    async with bot.http.post(f"{bot.url}/chat/send", json=body) as response:
        assert response.status == 200, await response.text()
    params = {"conversation": conversation, "after": "0"}
    async with bot.http.get(f"{bot.url}/chat/replies", params=params) as response:
        replies = (await response.json())["replies"]
    return json.dumps([r for r in replies if r["type"] == "message"], ensure_ascii=False)


async def test_the_dev_chat_keeps_it_to_members(dev_bot: Running) -> None:
    assert "2023.30" in await _dev_say(dev_bot, "hva ble bestemt om LAR?", MEMBER)
    hidden = await _dev_say(dev_bot, "hva ble bestemt om LAR?", OTHER)
    assert "2023.30" not in hidden and "Fant ingen vedtak" in hidden


# ----------------------------------------------------------------- Slack


@pytest.fixture
async def slack() -> AsyncIterator[tuple[FakeSlack, str]]:
    fake = FakeSlack()
    runner, url = await serve(fake.app())
    yield fake, f"{url}/api/"
    await runner.cleanup()


@pytest.fixture
async def slack_bot_of_members(
    database_url: str, connector: tuple[FakeConnector, str], slack: tuple[FakeSlack, str]
) -> AsyncIterator[Running]:
    await prepare(database_url, {DEFAULT_TENANT: None})
    async for running in slack_bot(database_url, connector, slack[1]):
        yield running


def _slack_user(fake: FakeSlack, user_id: str, name: str) -> dict[str, str]:
    fake.users[user_id] = {"id": user_id, "name": user_id.lower(), "real_name": name,
                           "profile": {"real_name": name, "display_name": name}}  # fmt: skip
    return {"id": user_id, "username": user_id.lower(), "name": name, "team_id": TEAM_ID}


async def _slash(bot: Running, slack: tuple[FakeSlack, str], user: dict, question: str) -> str:
    fake, api_url = slack
    before = len(fake.of(RESPONSE_URL))
    form = {**command(api_url, question, hook=uuid.uuid4().hex[:8]), "user_id": user["id"]}
    assert (await post_form(bot.url, form)).status == 200
    answers = await fake.wait_for(RESPONSE_URL, before + 1)
    return json.dumps(answers[before].args, ensure_ascii=False)


async def test_slack_keeps_it_to_members(
    slack_bot_of_members: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake, api_url = slack
    member = _slack_user(fake, "U0MEMBER1", MEMBER)
    other = _slack_user(fake, "U0OTHER01", OTHER)
    assert "2023.30" in await _slash(slack_bot_of_members, slack, member, "hva ble bestemt om LAR?")
    hidden = await _slash(slack_bot_of_members, slack, other, "hva ble bestemt om LAR?")
    assert "2023.30" not in hidden and "Fant ingen vedtak" in hidden
    # «Del i kanalen» posts for all in a channel not subscribed to SSU: what the channel
    # reads, even when a member shares.
    payload = block_action(api_url, SHARE_ACTION, "hva ble bestemt om LAR?", None)
    payload["user"] = member
    assert (await post_action(slack_bot_of_members.url, payload)).status == 200
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == CHANNEL and "2023.30" not in json.dumps(post.args)


async def test_a_decision_card_pasted_where_it_may_not_be_read(bot: Running) -> None:
    """A member's card of SSU's decision, sent back in a personal chat, is shown with the
    decision; sent into a channel not subscribed to SSU, it is a case that is not there."""
    (found, *_) = await _compose(bot, "LAR", MEMBER)
    card = {"contentType": found["contentType"], "content": found["content"]}

    async def send(**where: Any) -> str:
        activity = teams_message("", bot.connector_url, user=MEMBER, **where)
        activity["attachments"] = [card]
        before = len(bot.connector.messages())
        channel = "19:generelt@thread.tacv2" if where else None
        response = await bot.post(_in(activity, FJORDBY_AAD, channel))
        assert response.status == 201
        (reply,) = bot.connector.messages()[before:]
        return reply["text"]

    assert "2023.30" in await send()
    gone = await send(conversation_type="channel", mention=True)
    assert gone == "Det kortet er fra meg, men saken finnes ikke lenger i referatene."


async def test_the_slack_home_tab_keeps_it_to_members(
    slack_bot_of_members: Running, slack: tuple[FakeSlack, str]
) -> None:
    """The Home tab lists the next meeting of the committees its user reads: SSU's for a
    member; for someone the bot cannot link (who sees every committee's), only open ones."""
    fake, _ = slack

    async def home(user_id: str, event_id: str) -> str:
        already = len(fake.of("views.publish"))
        opened = home_opened(event_id=event_id, user=user_id)
        assert (await post_event(slack_bot_of_members.url, opened)).status == 200
        call = (await fake.wait_for("views.publish", already + 1))[already]
        return json.dumps(call.args["view"], ensure_ascii=False)

    _slack_user(fake, "U0MEMBER2", MEMBER)
    member = await home("U0MEMBER2", "Ev0ACCESS01")
    assert "SSU" in member and "14. desember" in member
    stranger = await home("U0NOBODY1", "Ev0ACCESS02")  # users.info: user_not_found
    assert "SSU" not in stranger and "14. desember" not in stranger


async def _task_id(database_url: str, tenant: str, words: str) -> int:
    db = Database(database_url)
    try:
        return await db.read(
            lambda s: s.scalars(
                select(Task.id).where(Task.tenant == tenant, Task.description.contains(words))
            ).one()
        )
    finally:
        await db.close()


async def test_a_task_one_may_not_read_is_not_there_to_change(
    bot: Running, database_url: str
) -> None:
    """«ferdig med oppgave N» for AU's task of SSU: a non-member (and someone the bot
    cannot link) is told what a task number that does not exist gets, not who may change
    it; a member who may not change it either is told who can."""
    au = await _task_id(database_url, "helse-fjordby", "AU er programkomite")
    for user in (OTHER, "Ukjent Bruker"):
        hidden = said(await say(bot, f"ferdig med oppgave {au}", user))
        nowhere = said(await say(bot, "ferdig med oppgave 99999", user))
        assert hidden.replace(str(au), "@") == nowhere.replace("99999", "@")
    refused = shown(await say(bot, f"ferdig med oppgave {au}", MEMBER))
    assert "kan bare endres av" in refused and "Erik Nordberg" in refused


# ----------------------------------------------------------------- adding from chat


async def _hidden_case_number(database_url: str) -> str:
    """A number of Fjordby's SSU's cases that no other committee of Fjordby uses."""
    db = Database(database_url)

    def find(session: Session) -> str:
        rows = session.execute(
            select(Case.number, Committee.short_name)
            .join(Committee, Committee.id == Case.committee_id)
            .where(Case.tenant == "helse-fjordby", Case.number.is_not(None))
        ).all()
        others = {number for number, short in rows if short != "SSU"}
        return sorted({number for number, short in rows if short == "SSU"} - others)[0]

    try:
        return await db.read(find)
    finally:
        await db.close()


async def _nothing_added(database_url: str) -> None:
    assert await chat_cases(database_url) == []
    assert await chat_meetings(database_url) == []
    assert await chat_tasks(database_url) == []


def _alike(hidden: dict, word: str, nowhere: dict, other: str) -> None:
    """The two replies say the same, but for the word each was asked with."""
    assert said(hidden).replace(word, "@") == said(nowhere).replace(other, "@")


async def test_a_non_member_cannot_add_to_it_and_cannot_tell(
    bot: Running, database_url: str
) -> None:
    """Britt (LSU) adding to Fjordby's SSU is told what a committee (or case) that does not
    exist gets, in a personal chat and in a channel; nothing is stored, and SSU's next
    meeting is never named."""
    number = await _hidden_case_number(database_url)
    for channel in (None, "19:generelt@thread.tacv2"):
        for hidden, nowhere in (
            ("ny sak for SSU: Legevaktsamarbeid", "ny sak for QQU: Legevaktsamarbeid"),
            ("nytt møte i SSU 20. desember", "nytt møte i QQU 20. desember"),
            ("flytt SSU-møtet til 15. desember", "flytt QQU-møtet til 15. desember"),
            (f"ny oppgave i sak {number} i SSU: ring Kari",
             f"ny oppgave i sak {number} i QQU: ring Kari"),
        ):  # fmt: skip
            refused = await say(bot, hidden, OTHER, channel=channel)
            _alike(refused, "SSU", await say(bot, nowhere, OTHER, channel=channel), "QQU")
            assert "14. desember" not in shown(refused)
        refused = await say(bot, f"oppgave til sak {number}: ring Kari", OTHER, channel=channel)
        nowhere = await say(bot, "oppgave til sak 2099.99: ring Kari", OTHER, channel=channel)
        _alike(refused, number, nowhere, "2099.99")
    await _nothing_added(database_url)


async def _dialog(bot: Running, user: str, aad: str = FJORDBY_AAD) -> Any:
    """A personal chat with `user`: each call says one thing and returns the reply's text."""
    conversation = f"a:{uuid.uuid4().hex}"

    async def turn(words: str) -> str:
        before = len(bot.connector.messages())
        activity = _in(teams_message(words, bot.connector_url, user=user), aad)
        activity["conversation"]["id"] = conversation
        assert (await bot.post(activity)).status == 201
        replies = await bot.connector.wait_for_messages(before + 1)
        return said(replies[before])

    return turn


async def test_a_member_adds_to_it(bot: Running, database_url: str) -> None:
    number = await _hidden_case_number(database_url)
    tom = await _dialog(bot, MEMBER)
    assert "Beskriv saken" in await tom("ny sak for SSU: Legevaktsamarbeid")
    await tom("ingen")
    summary = await tom("beslutning")
    assert "SSU" in summary and "14. desember" in summary
    assert "meldt inn" in await tom("ja")
    assert await chat_cases(database_url) == ["Legevaktsamarbeid"]

    moved = await _dialog(bot, MEMBER)
    assert "14. desember" in await moved("flytt SSU-møtet til 15. desember")
    assert "Flyttet" in await moved("ja")

    task = await _dialog(bot, MEMBER)
    reply = await task(f"oppgave til sak {number}: Tom Ole Øhren ringer Kari innen 20. desember")
    assert "finner" not in reply.casefold()
    tasks = await chat_tasks(database_url)
    assert [t["case"] for t in tasks] == [number], reply


async def test_the_same_short_name_open_in_another_organisation(
    bot: Running, database_url: str
) -> None:
    """Near miss: Lindvik's SSU, open, takes a case from anyone of Lindvik; Fjordby's, kept
    to its members, still does not."""
    db = Database(database_url)
    try:
        await db.write(
            lambda s: s.execute(
                update(Committee)
                .where(Committee.tenant == "lindvik", Committee.short_name == "SSU")
                .values(access=OPEN)
            )
        )
    finally:
        await db.close()
    lindvik = await _dialog(bot, "Ukjent Bruker", LINDVIK_AAD)
    assert "Beskriv saken" in await lindvik("ny sak for SSU: Legevaktsamarbeid")
    fjordby = await _dialog(bot, "Ukjent Bruker")
    assert "Beskriv saken" not in await fjordby("ny sak for SSU: Legevaktsamarbeid")


async def _modal_committees(
    bot: Running, slack: tuple[FakeSlack, str], user: dict, words: str
) -> list[str]:
    fake, api_url = slack
    count = len(fake.of("views.open")) + 1
    form = {**command(api_url, words), "user_id": user["id"]}
    assert (await post_form(bot.url, form)).status == 200
    view = (await fake.wait_for("views.open", count))[-1].args["view"]
    (block,) = [b for b in view["blocks"] if b["block_id"] == "committee"]
    return [o["text"]["text"] for o in block["element"]["options"]]


async def test_the_slack_modals_list_only_the_committees_one_reads(
    slack_bot_of_members: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake, _ = slack
    member = _slack_user(fake, "U0MEMBER3", MEMBER)
    other = _slack_user(fake, "U0OTHER03", OTHER)
    for words in ("ny sak", "nytt møte", "ny sak til SSU"):
        assert any(o.startswith("SSU") for o in await _modal_committees(
            slack_bot_of_members, slack, member, words))  # fmt: skip
        listed = await _modal_committees(slack_bot_of_members, slack, other, words)
        assert listed and not any(o.startswith("SSU") for o in listed)
    await _nothing_added(database_url)


async def test_a_slack_modal_adds_only_to_what_its_user_reads(
    slack_bot_of_members: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    """A non-member's case sent for SSU all the same (its id forged into the submission)
    is refused as a committee not there; a member's is stored, and confirmed to the member
    alone: the channel it came from does not read SSU."""
    fake, api_url = slack
    url = slack_bot_of_members.url
    member = _slack_user(fake, "U0MEMBER4", MEMBER)
    other = _slack_user(fake, "U0OTHER04", OTHER)

    async def opened(user: dict) -> dict:
        count = len(fake.of("views.open")) + 1
        form = {**command(api_url, "ny sak"), "user_id": user["id"]}
        assert (await post_form(url, form)).status == 200
        return (await fake.wait_for("views.open", count))[-1].args["view"]

    view = await opened(member)
    ssu = option_value(view, "committee", "SSU")
    filled = {"committee": ssu, "title": "Legevaktsamarbeid", "kind": "beslutning"}
    forged = submission(await opened(other), filled)
    forged["user"] = {**forged["user"], "id": other["id"], "name": OTHER}
    _, answer = await post_payload(url, forged)
    assert answer is not None and list(answer["errors"]) == ["committee"]
    assert await chat_cases(database_url) == []

    sent = submission(view, filled)
    sent["user"] = {**sent["user"], "id": member["id"], "name": MEMBER}
    assert (await post_payload(url, sent))[1] is None
    (post,) = await fake.wait_for_posts(1)
    assert post.args["channel"] == member["id"] and "SSU" in post.args["text"]
    assert await chat_cases(database_url) == ["Legevaktsamarbeid"]


async def test_the_teams_forms_list_only_the_committees_one_reads(bot: Running) -> None:
    """«ny sak» and «nytt møte» offer their form (an Adaptive Card) with the committees to
    choose from: SSU's for a member, not for Britt (LSU)."""

    def choices(reply: dict) -> list[str]:
        (form,) = [a["content"] for a in reply.get("attachments") or []]
        (chooser,) = [b for b in form["body"] if b.get("id") == "committee"]
        return [c["title"] for c in chooser["choices"]]

    for words in ("ny sak", "nytt møte"):
        assert any("SSU" in c for c in choices(await say(bot, words, MEMBER)))
        listed = choices(await say(bot, words, OTHER))
        assert listed and not any("SSU" in c for c in listed)
