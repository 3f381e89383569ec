"""A task changed in chat shows its last change, who and on which day (issue 19, item 3): in
the text answer, the Teams card and the Slack blocks, nb and en; the day in the deployment's
time zone. A task read from the minutes and never changed shows nothing new; «angre» puts
back what it showed before. Real assistant and capture on SQLite and PostgreSQL; one path
end to end over HTTP through the Teams adapter."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from assistant import render
from assistant.answer_types import Answer
from assistant.assistant import Assistant
from assistant.capture import Capture, Chatter, option_dict
from assistant.clock import FixedClock
from assistant.commands import TaskAction
from assistant.task_answer import task_result
from assistant.when import When
from bot.cards import card_for
from bot.slack.blocks import MAX_BLOCKS, message_for
from storage.changes import ChangeActor
from storage.database import Database
from storage.models import Committee, Meeting, Person, Task
from storage.names import name_key
from storage.records import postpone_task, task_of
from storage.task_rights import TaskRights
from storage.undo import undo_last
from tests.conftest import TIMEZONES

from . import test_slack_home as home
from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .fake_slack import FakeSlack
from .test_capture import Conversation, _text
from .test_slack_home import HENRIK, HENRIKS_TASK, done_buttons, open_home, row_of
from .test_slack_identity import USER, slack_user

# The Home tab's fixtures: the example minutes, the fake Slack Web API and the bot on it.
minutes, slack, bot_with_slack = home.minutes, home.slack, home.bot_with_slack

# 23:30 UTC on 2 December: 3 December in Oslo, still 2 December in New York.
NOW = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
DAY = {"Europe/Oslo": ("3.12.", "3 Dec"), "America/New_York": ("2.12.", "2 Dec")}
KARI, OLA = "Kari Nordmann", "Ola Hansen"
OSLO = ZoneInfo("Europe/Oslo")
CHAT = Chatter("conv-1", "user-kari", KARI)


@dataclass
class World:
    assistant: Assistant
    capture: Capture
    kari: int
    tasks: list[int]  # Ola's, read from the minutes
    zone: str


async def _store(db: Database) -> tuple[int, list[int]]:
    def build(session) -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
        ssu = Committee(name="Samarbeidsutvalget", short_name="SSU", aliases=[])
        kari = Person(name=KARI, name_key=name_key(KARI))
        ola = Person(name=OLA, name_key=name_key(OLA))
        session.add_all([ssu, kari, ola])
        session.flush()
        held = Meeting(committee_id=ssu.id, date=date(2026, 11, 5), status="held")
        session.add(held)
        session.flush()
        tasks = [
            Task(
                committee_id=ssu.id, meeting_id=held.id, person_id=ola.id,
                assignee_kind="person", assignee_name=OLA, description=f"skrive notat {n}",
                due_date=date(2027, 1, 10 + n), status="open",
            )
            for n in range(5)
        ]  # fmt: skip
        session.add_all(tasks)
        session.flush()
        return kari.id, [t.id for t in tasks]

    return await db.write(build)


@pytest.fixture(params=TIMEZONES)
async def world(db: Database, request: pytest.FixtureRequest) -> World:
    kari, tasks = await _store(db)
    zone = ZoneInfo(request.param)
    clock = FixedClock(NOW)
    assistant = Assistant(db=db, clock=clock, timezone=zone, admins=(KARI,))
    rights = TaskRights(admins=(KARI,))
    capture = Capture(db=db, clock=clock, timezone=zone, tenant="default", rights=rights)
    return World(assistant, capture, kari, tasks, request.param)


async def _act(world: World, action: str, task: int, **more: object) -> None:
    await world.capture.act_on_task(
        TaskAction(action, task, **more),  # type: ignore[arg-type]
        by=KARI, language="nb", asker_id=world.kari, chatter=CHAT,
    )  # fmt: skip


async def _reassign(world: World, task: int, to: str) -> None:
    [option] = await world.capture.assignees(to)
    record = await world.capture.reassign(
        task, option_dict(option), by=KARI, asker_id=world.kari, chatter=CHAT
    )
    assert record.refused is None


def _when(day: date) -> When:
    return When(day=day, start=None, end=None, approximate=False, text="", span=(0, 0))


def _line(answer: Answer, task: int) -> str:
    [line] = [x for x in answer.text.splitlines() if x.endswith(f"[oppgave {task}]")]
    return line


def _shown(answer: Answer, today: date) -> tuple[str, str, str]:
    """The answer's text, Teams card and Slack blocks, as text to look in."""
    card = json.dumps(card_for(answer, today), ensure_ascii=False)
    blocks = message_for(answer, today).blocks
    assert len(blocks) <= MAX_BLOCKS
    return answer.text, card, json.dumps(blocks, ensure_ascii=False)


async def test_each_change_shows_who_and_the_day_in_text_card_and_slack(world: World) -> None:
    done, reopened, postponed, reassigned, untouched = world.tasks
    await _act(world, "done", done)
    await _act(world, "done", reopened)
    await _act(world, "reopen", reopened)
    await _act(world, "postpone", postponed, due=_when(date(2027, 2, 1)))
    await _reassign(world, reassigned, KARI)
    nb_day, en_day = DAY[world.zone]
    today = world.assistant.today()

    answer = await world.assistant.answer("oppgaver for SSU")
    shown = {t.task_id for t in answer.tasks}
    assert {reopened, postponed, untouched} <= shown and done not in shown  # open ones
    expected = {
        reopened: f"gjenåpnet av {KARI} {nb_day}",
        postponed: f"frist flyttet av {KARI} {nb_day}",
    }
    for task, words in expected.items():
        assert words in _line(answer, task)
        assert all(words in place for place in _shown(answer, today))
    assert "av " not in _line(answer, untouched).split("—")[1]  # due date only, no change
    assert _line(answer, untouched) == (
        f"- {OLA}: skrive notat 4 — frist 14. januar 2027 (SSU 05.11.2026) [oppgave {untouched}]"
    )

    mine = await world.assistant.answer("mine oppgaver", asker=KARI)
    words = f"overført fra {OLA} av {KARI} {nb_day}"
    assert words in _line(mine, reassigned)
    assert all(words in place for place in _shown(mine, today))

    everything = await world.assistant.answer("oppgaver for SSU inkludert ferdige")
    words = f"ferdig – markert av {KARI} {nb_day}"
    assert words in _line(everything, done)
    assert all(words in place for place in _shown(everything, today))

    english = await world.assistant.answer("tasks for SSU", language="en")
    assert f"reopened by {KARI} on {en_day}" in english.text
    assert f"deadline moved by {KARI} on {en_day}" in english.text
    card, blocks = _shown(english, today)[1:]
    assert f"deadline moved by {KARI} on {en_day}" in card
    assert f"reopened by {KARI} on {en_day}" in blocks
    mine_en = await world.assistant.answer("my tasks", asker=KARI, language="en")
    assert f"handed over from {OLA} by {KARI} on {en_day}" in mine_en.text
    # JSON (referent ask/tasks --json): the change as data, the day as an ISO date
    day = date(2026, 12, 3 if world.zone == "Europe/Oslo" else 2).isoformat()
    [handed] = [t.as_json() for t in mine.tasks if t.task_id == reassigned]
    assert handed["change"] == {"kind": "reassigned", "by": KARI, "on": day, "from": OLA}
    [same] = [t.as_json() for t in answer.tasks if t.task_id == untouched]
    assert same["change"] is None


async def test_a_done_task_shows_who_marked_it_done(world: World) -> None:
    task = world.tasks[0]
    await _act(world, "done", task)
    reminder_line = await _task_line(world, task)
    nb_day = DAY[world.zone][0]
    assert reminder_line.endswith(f"— frist 10. januar 2027, ferdig – markert av {KARI} {nb_day}")


async def _task_line(world: World, task: int) -> str:
    """The task's line as every list writes it (assistant/render.task_line)."""

    def read(session) -> str:  # type: ignore[no-untyped-def]
        found = task_of(session, "default", task)
        assert found is not None
        line = render.task_line(task_result(found), "nb", world.assistant.today())
        return line.rsplit(" (", 1)[0]

    return await world.assistant.db.read(read)


async def test_undo_shows_the_task_as_before(world: World) -> None:
    task = world.tasks[1]
    before = _line(await world.assistant.answer("oppgaver for SSU"), task)
    await _act(world, "postpone", task, due=_when(date(2027, 3, 1)))
    await _reassign(world, task, KARI)
    nb_day = DAY[world.zone][0]
    after = _line(await world.assistant.answer("oppgaver for SSU"), task)
    assert f"overført fra {OLA} av {KARI} {nb_day}" in after

    async def undo() -> None:
        undone = await undo_last(
            world.assistant.db, tenant="default", conversation_id=CHAT.conversation_id,
            user_key=CHAT.user_key, now=NOW + timedelta(minutes=5), message_key=None,
        )  # fmt: skip
        assert undone is not None and undone.outcome == "undone"

    await undo()  # the reassignment: the postponement is the last change again
    line = _line(await world.assistant.answer("oppgaver for SSU"), task)
    assert f"frist flyttet av {KARI} {nb_day}" in line and "overført" not in line
    await undo()  # the postponement: as read from the minutes
    assert _line(await world.assistant.answer("oppgaver for SSU"), task) == before
    answer = await world.assistant.answer("oppgaver for SSU")
    assert all(KARI not in place for place in _shown(answer, world.assistant.today()))


async def test_fifteen_changed_tasks_stay_within_teams_and_slack_limits(
    db: Database, world: World
) -> None:
    """Every task of a full page changed by someone with a long name: the card and the
    message keep to Teams' ~28 KB and Slack's 50 blocks (see test_long_lists.py)."""
    long_name = "Kari-Anne Margrethe Nordmann-Christophersen"
    chat = Chatter("conv-2", "user-long", long_name)

    def more(session) -> list[int]:  # type: ignore[no-untyped-def]
        first = session.get(Task, world.tasks[0])
        rows = [
            Task(
                committee_id=first.committee_id, meeting_id=first.meeting_id,
                person_id=first.person_id, assignee_kind="person", assignee_name=OLA,
                description="Utrede felles rutiner for utskrivning av pasienter " * 3,
                due_date=date(2027, 1, 1), status="open",
            )
            for _ in range(20)
        ]  # fmt: skip
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]

    for task in await db.write(more):
        await world.capture.act_on_task(
            TaskAction("postpone", task, due=_when(date(2026, 12, 20))),
            by=long_name, language="nb", asker_id=world.kari, chatter=chat,
        )  # fmt: skip
    answer = await world.assistant.answer("oppgaver for SSU")
    assert len(answer.tasks) == 15
    today = world.assistant.today()
    card = card_for(answer, today)
    size = len(json.dumps(card, ensure_ascii=False).encode()) + len(answer.text.encode())
    assert size < 28_000
    assert len(message_for(answer, today).blocks) <= MAX_BLOCKS
    assert answer.text.count(f"frist flyttet av {long_name}") == 15


# ------------------------------------------------------------------ end to end, over HTTP


@pytest.fixture(params=TIMEZONES)
async def zoned_bot(
    seeded: None,
    database_url: str,
    connector: tuple[FakeConnector, str],
    request: pytest.FixtureRequest,
) -> AsyncIterator[tuple[Running, str]]:
    async for running in start_bot(
        database_url, connector, clock=FixedClock(NOW), timezone=request.param
    ):
        yield running, request.param


async def test_over_http_a_change_shows_in_the_teams_reply_and_undo_takes_it_away(
    zoned_bot: tuple[Running, str],
) -> None:
    bot, zone = zoned_bot
    chat = Conversation(bot, "Britt Kveseth")
    added = _text(await chat.say("oppgave: Britt lager notat om legevakt innen 1. mars"))
    task = int(added.split("oppgave ")[1].split()[0].rstrip(":."))
    mine = await chat.say("hvilke oppgaver har jeg?")
    assert "Lager notat om legevakt" in _text(mine) and "flyttet av" not in _text(mine)

    await chat.say(f"utsett oppgave {task} til 1. april")
    mine = await chat.say("hvilke oppgaver har jeg?")
    words = f"frist flyttet av Britt Kveseth {DAY[zone][0]}"
    assert words in (mine.get("text") or "") or words in _text(mine)
    cards = [json.dumps(a["content"], ensure_ascii=False) for a in mine.get("attachments") or []]
    assert any(words in card for card in cards)

    await chat.say("angre")
    mine = await chat.say("hvilke oppgaver har jeg?")
    assert "Lager notat om legevakt" in _text(mine) and "flyttet av" not in _text(mine)


async def test_the_slack_home_tab_shows_who_moved_a_deadline(
    minutes: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    """The Home tab, over HTTP: Henrik's task moved by the secretary shows it (the bot's
    clock: 23 November 2026, 09:00 UTC, Oslo)."""
    fake = slack[0]
    fake.users[USER] = slack_user(real_name=HENRIK)
    view = await open_home(fake, bot_with_slack.url)
    (task_id,) = done_buttons(view)
    assert "flyttet av" not in row_of(view, HENRIKS_TASK)
    db = Database(database_url)
    try:
        actor = ChangeActor("slack:C1", "slack:U2", KARI, datetime(2026, 11, 23, 10, tzinfo=OSLO))
        record = await postpone_task(
            db, tenant="default", task_id=int(task_id), due_date=date(2026, 12, 1),
            due_text=None, by=KARI, actor=actor,
        )  # fmt: skip
        assert record is not None and not record.unchanged
    finally:
        await db.close()
    view = await open_home(fake, bot_with_slack.url, event_id="Ev0HOME0009")
    assert f"frist flyttet av {KARI} 23.11." in row_of(view, HENRIKS_TASK)


async def test_a_task_under_a_case_shows_its_change_with_the_year(
    seeded: None, db: Database
) -> None:
    """The follow-up of a case not decided lists its tasks: a changed one says who and when,
    the day with its year (a case's answer is not about this week)."""
    task = await db.read(
        lambda s: s.scalar(
            select(Task.id).where(Task.description.startswith("AU er programkomite"))
        )
    )
    zone = ZoneInfo("Europe/Oslo")
    rights = TaskRights(admins=("Britt Kveseth",))
    capture = Capture(db=db, clock=FixedClock(NOW), timezone=zone, tenant="default", rights=rights)
    britt = await db.read(
        lambda s: s.scalar(select(Person.id).where(Person.name == "Britt Kveseth"))
    )
    assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=zone)
    before = await assistant.answer("sak 20/2022")
    assert "AU er programkomite" in before.text and "markert av" not in before.text
    chatter = Chatter("conv-3", "user-britt", "Britt Kveseth")
    await capture.act_on_task(
        TaskAction("done", task), by="Britt Kveseth", language="nb", asker_id=britt, chatter=chatter
    )
    answer = await assistant.answer("sak 20/2022")
    words = "ferdig – markert av Britt Kveseth 3.12.2026"
    assert words in answer.text
    today = assistant.today()
    assert words in json.dumps(card_for(answer, today), ensure_ascii=False)
    assert words in json.dumps(message_for(answer, today).blocks, ensure_ascii=False)
