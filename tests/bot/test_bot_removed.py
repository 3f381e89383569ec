"""The bot removed from a team stops the reminders of every channel of the team (Teams
names the team in the event, not a channel); uninstalled from a personal chat, that
person's task reminders stop going there, and no chat is opened anew for them. Checked
the way an admin would: `referent reminders --upcoming`. Over real HTTP with the
Connector fake, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.clock import FixedClock
from bot.cli import main
from storage.models import ChatIdentity, Committee, Person, Subscription, Task
from storage.names import name_key

from .activities import BOT_ID, aad_object_id, teams_message
from .conftest import FakeConnector
from .reminder_world import World, add_ssu, oslo, world

TEAM = "19:team@thread.tacv2"  # a team's id is its General channel's conversation id
OTHER_TEAM = "19:other-team@thread.tacv2"
SSU_CHANNEL, AU_CHANNEL = "19:ssu@thread.tacv2", "19:au@thread.tacv2"
ELSEWHERE = "19:elsewhere@thread.tacv2"  # a channel of another team
NOW = "2026-11-30 10:00"


@pytest.fixture
async def ssu(database_url: str, connector: tuple[FakeConnector, str]) -> AsyncIterator[World]:
    async for running in world(database_url, connector, NOW):
        running.ssu = await running.db.write(add_ssu)
        yield running


@pytest.fixture
def upcoming(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[], Any]:
    """`referent reminders --upcoming --json` on the test's database: where each goes."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)

    async def run() -> list[tuple[str, str | None]]:
        capsys.readouterr()
        argv = ["reminders", "--upcoming", "--json", "--days", "30"]
        code = await asyncio.to_thread(main, argv, clock=FixedClock(oslo(NOW)))
        assert code == 0
        items = json.loads(capsys.readouterr().out)["reminders"]
        return [(i["kind"], (i.get("to") or {}).get("conversation_id")) for i in items]

    return run


async def _in_channel(w: World, channel: str, team: str, words: str) -> None:
    """`words` said to the bot in a team's channel."""
    before = len(w.connector.messages())
    activity = teams_message(words, w.bot.connector_url, conversation_type="channel", mention=True)
    activity["conversation"]["id"] = f"{channel};messageid=7"
    activity["channelData"].update(team={"id": team, "name": "Helsefellesskapet"},
                                   channel={"id": channel, "name": "SSU"})  # fmt: skip
    assert (await w.bot.post(activity)).status == 201
    await w.connector.wait_for_messages(before + 1)


def _removed_from_team(w: World, team: str, event: str) -> dict[str, Any]:
    """What Teams sends when the bot is removed from the team: the conversation is the
    team's (its General channel), as is channelData.team."""
    activity = teams_message("", w.bot.connector_url, conversation_type="channel")
    del activity["text"]
    activity["conversation"]["id"] = team
    activity["channelData"].update(team={"id": team, "name": "Helsefellesskapet"})
    if event == "conversationUpdate":
        activity["channelData"]["eventType"] = "teamMemberRemoved"
        activity.update(type="conversationUpdate", membersRemoved=[{"id": BOT_ID}])
    else:
        activity.update(type="installationUpdate", action="remove")
    return activity


async def _active(w: World) -> list[bool]:
    return await w.db.read(
        lambda s: list(s.scalars(select(Subscription.active).order_by(Subscription.id)))
    )


@pytest.mark.parametrize("event", ["conversationUpdate", "installationUpdate"])
async def test_removed_from_a_team_every_channel_of_it_stops(
    ssu: World, upcoming: Callable[[], Any], event: str
) -> None:
    await _in_channel(ssu, SSU_CHANNEL, TEAM, "abonner på SSU")
    await _in_channel(ssu, AU_CHANNEL, TEAM, "abonner på SSU")
    await _in_channel(ssu, ELSEWHERE, OTHER_TEAM, "abonner på SSU")
    agendas = [to for kind, to in await upcoming() if kind == "agenda"]
    assert sorted(set(agendas)) == sorted([SSU_CHANNEL, AU_CHANNEL, ELSEWHERE])

    assert (await ssu.bot.post(_removed_from_team(ssu, TEAM, event))).status == 201
    assert await _active(ssu) == [False, False, True]
    assert {to for kind, to in await upcoming() if kind == "agenda"} == {ELSEWHERE}
    await ssu.at("2026-12-03 09:00")
    assert [p.conversation_id for p in ssu.agenda_posts()] == [ELSEWHERE]
    # The same removal told twice (Teams sends both events) changes nothing
    assert (await ssu.bot.post(_removed_from_team(ssu, TEAM, event))).status == 201
    assert await _active(ssu) == [False, False, True]


async def test_removed_from_another_team_stops_nothing_here(
    ssu: World, upcoming: Callable[[], Any]
) -> None:
    await _in_channel(ssu, SSU_CHANNEL, TEAM, "abonner på SSU")
    removal = _removed_from_team(ssu, OTHER_TEAM, "conversationUpdate")
    assert (await ssu.bot.post(removal)).status == 201
    # someone else leaving the team is not the bot leaving it
    someone = _removed_from_team(ssu, TEAM, "conversationUpdate")
    someone["membersRemoved"] = [{"id": "29:someone"}]
    assert (await ssu.bot.post(someone)).status == 201
    assert await _active(ssu) == [True]
    assert {to for kind, to in await upcoming() if kind == "agenda"} == {SSU_CHANNEL}


# ---- a personal chat ---------------------------------------------------------------------


async def _people_with_tasks(w: World) -> None:
    """Henrik and Britt linked to their Teams users, each with a task in OSU (a committee
    without a channel: their reminders go to their personal chats)."""

    def add(session: Session) -> None:
        osu = Committee(tenant="default", name="Overordnet samarbeidsorgan", short_name="OSU")
        britt = Person(name="Britt Kveseth", name_key=name_key("Britt Kveseth"))
        session.add_all([osu, britt])
        session.flush()
        henrik = session.scalar(select(Person).where(Person.name == "Henrik Berg"))
        for person, task in ((henrik, "Skrive høringssvar"), (britt, "Lese korrektur")):
            session.add(
                ChatIdentity(
                    tenant="default",
                    channel="msteams",
                    person_id=person.id,
                    user_key=aad_object_id(person.name),
                )
            )
            session.add(Task(committee_id=osu.id, description=task, assignee_kind="person",
                             assignee_name=person.name, person_id=person.id,
                             due_date=date(2026, 12, 16)))  # fmt: skip

    await w.db.write(add)
    for user in ("Henrik Berg", "Britt Kveseth"):
        await _personal(w, user, "hei")


def _chat_of(user: str) -> str:
    return f"a:{user.split()[0].lower()}-personal"


async def _personal(w: World, user: str, words: str) -> None:
    before = len(w.connector.messages())
    activity = teams_message(words, w.bot.connector_url, user=user)
    activity["conversation"]["id"] = _chat_of(user)
    assert (await w.bot.post(activity)).status == 201
    await w.connector.wait_for_messages(before + 1)


def _uninstalled(w: World, user: str) -> dict[str, Any]:
    activity = teams_message("", w.bot.connector_url, user=user)
    del activity["text"]
    activity["conversation"]["id"] = _chat_of(user)
    activity.update(type="installationUpdate", action="remove")
    return activity


async def test_uninstalled_from_a_personal_chat_its_task_reminders_stop(
    ssu: World, upcoming: Callable[[], Any]
) -> None:
    await _people_with_tasks(ssu)
    henrik, britt = _chat_of("Henrik Berg"), _chat_of("Britt Kveseth")
    assert {to for kind, to in await upcoming() if kind == "task"} == {henrik, britt}

    assert (await ssu.bot.post(_uninstalled(ssu, "Henrik Berg"))).status == 201
    tasks = [to for kind, to in await upcoming() if kind == "task"]
    assert set(tasks) == {britt}  # none to his chat, and no chat to be opened for him
    await ssu.at("2026-12-14 09:00")
    assert [p.conversation_id for p in ssu.task_posts()] == [britt]
    assert ssu.connector.created == []  # no chat opened for Henrik

    # He adds the bot again: his reminders come back
    added = _uninstalled(ssu, "Henrik Berg")
    added.update(type="conversationUpdate", membersAdded=[{"id": BOT_ID}])
    del added["action"]
    before = len(ssu.connector.messages())
    assert (await ssu.bot.post(added)).status == 201
    await ssu.connector.wait_for_messages(before + 1)  # the welcome
    await ssu.at("2026-12-14 09:05")
    assert {p.conversation_id for p in ssu.task_posts()} == {britt, henrik}


async def test_installation_update_add_and_other_actions_stop_nothing(
    ssu: World, upcoming: Callable[[], Any]
) -> None:
    await _people_with_tasks(ssu)
    for action in ("add", "add-upgrade", "something-new"):
        event = _uninstalled(ssu, "Henrik Berg")
        event["action"] = action
        assert (await ssu.bot.post(event)).status == 201
    tasks = {to for kind, to in await upcoming() if kind == "task"}
    assert tasks == {_chat_of("Henrik Berg"), _chat_of("Britt Kveseth")}
