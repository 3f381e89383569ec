"""Long task lists in chat (issue 18): a store with hundreds of open tasks, as a large
archive has. «mine oppgaver», «oppgaver for SSU» and the agenda show the 15 most urgent
(overdue first, then by due date) and a line with how many more and the words for the
next page; those words ("… side 2") page on. The Teams card stays within Teams' message
size (about 28 KB) and the Slack message within Slack's 50 blocks; `referent ask --all`
prints every task. Real database (SQLite and PostgreSQL), dates in two time zones.

Slack's limit of 50 blocks a message: api.slack.com/reference/block-kit/blocks ("You can
include up to 50 blocks in each message"); Teams' ~28 KB: learn.microsoft.com, "Format your
bot messages" (message size limit).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.intents import IntentKind, recognize
from assistant.list_pages import LIST_CAP
from bot.cards import card_for
from bot.cli import main
from bot.slack.blocks import MAX_BLOCKS, message_for
from storage.database import Database
from storage.models import Committee, Meeting, Person, Task
from storage.names import name_key
from tests.conftest import TIMEZONES

TASKS = 240
TODAY = date(2026, 11, 23)
MEETING = date(2026, 12, 3)  # SSU's next meeting
TEAMS_BYTES = 28_000
ASKER = "Kari Nordmann"
# A description as long as minutes write them: the rows are what fills a card.
WORDS = (
    "Utrede og legge fram et forslag til felles rutiner for utskrivning av pasienter "
    "mellom sykehuset og kommunene, med vekt på legemiddellister, epikriser og "
    "oppfølging de første dagene etter hjemkomst, i samarbeid med fastlegene"
)


async def _store(db: Database) -> None:
    def build(session) -> None:  # type: ignore[no-untyped-def]
        ssu = Committee(name="Samarbeidsutvalget", short_name="SSU", aliases=[])
        kari = Person(name=ASKER, name_key=name_key(ASKER))
        session.add_all([ssu, kari])
        session.flush()
        held = [
            Meeting(committee_id=ssu.id, date=TODAY - timedelta(days=30 * n), status="held")
            for n in range(1, 7)
        ]
        session.add_all(held)
        session.add(Meeting(committee_id=ssu.id, date=MEETING, status="planned"))
        session.flush()
        for n in range(TASKS):
            # Due from 100 days ago to 19 days ahead, in a shuffled order of ids
            due = TODAY + timedelta(days=(n * 37) % 120 - 100)
            session.add(
                Task(
                    committee_id=ssu.id,
                    meeting_id=held[n % len(held)].id,
                    person_id=kari.id,
                    assignee_kind="person",
                    assignee_name=ASKER,
                    description=f"{WORDS} ({n})",
                    due_date=due if due <= MEETING else None,
                    status="open",
                )
            )

    await db.write(build)


@pytest.fixture(params=TIMEZONES)
async def assistant(db: Database, request: pytest.FixtureRequest) -> Assistant:
    await _store(db)
    zone = ZoneInfo(request.param)
    return Assistant(
        db=db, clock=FixedClock(datetime(2026, 11, 23, 10, tzinfo=zone)), timezone=zone
    )


def _numbers(answer_text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[oppgave (\d+)\]", answer_text)]


def _sizes(answer, today: date) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    card = card_for(answer, today)
    assert card is not None
    teams = len(json.dumps(card, ensure_ascii=False).encode()) + len(answer.text.encode())
    return teams, len(message_for(answer, today).blocks)


async def test_my_tasks_show_the_most_urgent_page_and_say_how_to_see_the_next(
    assistant: Assistant,
) -> None:
    first = await assistant.answer("mine oppgaver", asker=ASKER)
    assert len(first.tasks) == LIST_CAP
    dues = [t.due_date for t in first.tasks]
    assert all(d is not None and d < TODAY for d in dues) and dues == sorted(dues)  # overdue
    last_line = first.text.splitlines()[-1]
    more = TASKS - LIST_CAP
    assert last_line == f"… og {more} til. Skriv «mine oppgaver side 2» for de neste."
    assert first.more == last_line
    teams, slack_blocks = _sizes(first, assistant.today())
    assert teams < TEAMS_BYTES and slack_blocks <= MAX_BLOCKS
    card = json.dumps(card_for(first, assistant.today()), ensure_ascii=False)
    assert last_line in card
    # «Vis flere» sends the words for the next page as if typed (Teams' imBack)
    assert first.next_page == "mine oppgaver side 2"
    imback = {"msteams": {"type": "imBack", "value": "mine oppgaver side 2"}}
    assert '"title": "Vis flere"' in card and json.dumps(imback, ensure_ascii=False) in card

    second = await assistant.answer("mine oppgaver side 2", asker=ASKER)
    assert not set(_numbers(second.text)) & set(_numbers(first.text))
    assert second.tasks[0].due_date >= dues[-1]  # the order goes on
    assert second.text.splitlines()[-1].startswith(f"… og {more - LIST_CAP} til.")
    assert "«mine oppgaver side 3»" in second.text

    # Page by page, every task once; the last page says nothing more
    seen: list[int] = []
    pages = -(-TASKS // LIST_CAP)
    for page in range(1, pages + 1):
        answer = await assistant.answer(f"mine oppgaver side {page}", asker=ASKER)
        seen += [t.task_id for t in answer.tasks]
    assert len(seen) == len(set(seen)) == TASKS
    assert answer.more == answer.next_page == "" and "side" not in answer.text.splitlines()[-1]
    assert "Vis flere" not in json.dumps(card_for(answer, assistant.today()), ensure_ascii=False)
    # A page past the end shows the last one
    beyond = await assistant.answer(f"mine oppgaver side {pages + 3}", asker=ASKER)
    assert [t.task_id for t in beyond.tasks] == [t.task_id for t in answer.tasks]


async def test_in_english_and_for_a_committee_the_words_for_the_next_page_work(
    assistant: Assistant,
) -> None:
    mine = await assistant.answer("my tasks", asker=ASKER)
    words = re.search(r"Type “(.+)” for the next ones\.$", mine.text)
    assert words and words[1] == "my tasks page 2"
    ssu = await assistant.answer("oppgaver for SSU")
    assert len(ssu.tasks) == LIST_CAP
    again = re.search(r"Skriv «(.+)» for de neste\.$", ssu.text)
    assert again and again[1] == "oppgaver for SSU side 2"
    nxt = await assistant.answer(again[1])
    assert nxt.intent.kind == IntentKind.PERSON_TASKS and nxt.intent.page == 2
    assert not {t.task_id for t in nxt.tasks} & {t.task_id for t in ssu.tasks}
    # A person's tasks in a committee: the next page is asked with the committee.
    karis = await assistant.answer(f"oppgaver for {ASKER} i SSU")
    assert karis.text.startswith(f"Oppgaver for {ASKER} i SSU:")
    again = re.search(r"Skriv «(.+)» for de neste\.$", karis.text)
    assert again and again[1] == f"oppgaver for {ASKER} i SSU side 2"
    nxt = await assistant.answer(again[1])
    assert (nxt.intent.person, nxt.intent.committee, nxt.intent.page) == (ASKER, "SSU", 2)
    assert not {t.task_id for t in nxt.tasks} & {t.task_id for t in karis.tasks}


async def test_the_agenda_lists_a_page_of_open_tasks_within_teams_and_slack_limits(
    assistant: Assistant,
) -> None:
    answer = await assistant.answer("hva står på sakslisten til neste SSU-møte?")
    assert answer.intent.kind == IntentKind.AGENDA and answer.meetings[0].date == MEETING
    assert len(answer.tasks) == LIST_CAP
    again = re.search(r"Skriv «(.+)» for de neste\.$", answer.text)
    assert again and again[1] == "saksliste for neste SSU-møte side 2"
    teams, slack_blocks = _sizes(answer, assistant.today())
    assert teams < TEAMS_BYTES and slack_blocks <= MAX_BLOCKS
    second = await assistant.answer(again[1])
    assert second.intent.kind == IntentKind.AGENDA
    assert len(second.tasks) == LIST_CAP
    assert not {t.task_id for t in second.tasks} & {t.task_id for t in answer.tasks}
    english = await assistant.answer("agenda for the next SSU meeting")
    assert english.text.endswith("Type “agenda for the next SSU meeting page 2” for the next ones.")


def test_the_cli_lists_every_task_with_all(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    async def build() -> None:
        db = Database(database_url)
        await _store(db)
        await db.close()

    asyncio.run(build())
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    clock = FixedClock(datetime(2026, 11, 23, 10, tzinfo=ZoneInfo("Europe/Oslo")))
    assert main(["ask", "mine oppgaver", "--as", ASKER, "--all"], clock=clock) == 0
    everything = capsys.readouterr().out
    assert len(_numbers(everything)) == TASKS and "side 2" not in everything
    assert main(["ask", "mine oppgaver", "--as", ASKER], clock=clock) == 0
    assert len(_numbers(capsys.readouterr().out)) == LIST_CAP


@pytest.mark.parametrize(
    ("question", "kind", "page"),
    [
        ("mine oppgaver side 2", IntentKind.MY_TASKS, 2),
        ("Mine oppgaver Side 3.", IntentKind.MY_TASKS, 3),
        ("my tasks page 4", IntentKind.MY_TASKS, 4),
        ("oppgaver for Kari Nordmann side 2", IntentKind.PERSON_TASKS, 2),
        ("saksliste for neste SSU-møte side 2", IntentKind.AGENDA, 2),
        ("agenda for the next meeting page 2?", IntentKind.AGENDA, 2),
    ],
)
def test_page_words_on_a_task_list_or_agenda(question: str, kind: IntentKind, page: int) -> None:
    intent = recognize(question, today=TODAY)
    assert (intent.kind, intent.page) == (kind, page)
    if kind == IntentKind.PERSON_TASKS:
        assert intent.person == "Kari Nordmann"  # "side 2" is not part of the name


@pytest.mark.parametrize(
    "question",
    [
        "mine oppgaver side",  # no number
        "mine oppgaver side 0",
        "mine oppgaver side 100",
        "mine oppgaver side 2 i SSU",  # not the last words
        "mine oppgaver sidene 2",
        "side 2",  # nothing before it
        "neste møte side 2",  # not a list
        "hva ble bestemt om budsjett side 2",  # a decision: the words stay its topic
    ],
)
def test_near_misses_are_not_pages(question: str) -> None:
    intent = recognize(question, today=TODAY)
    assert intent.page == 1
    if intent.kind == IntentKind.DECISION and "budsjett" in question:
        assert intent.topic == "budsjett side 2"
