"""Task lists narrowed as the question narrows them — by topic, committee, period or the
last meeting — on the real database (SQLite and PostgreSQL) over the project's example
minutes, on 4 December 2026 in Oslo and New York. The heading says what narrowed the list,
and the next page's words ask for the same list again."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from assistant import render
from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.intents import IntentKind, Period, recognize
from storage.database import Database
from storage.models import Task
from storage.records import add_task, complete_task
from tests.conftest import TIMEZONES

MORNING = (2026, 12, 4, 9)

# The examples' open tasks, by what identifies each in its description.
LAR_ROUTINE = "kortversjon av rutinen"  # Marit Lunde, LSU 14.10.2026 sak 3, case about LAR
ER_MEETING = "legevaktoverlegene"  # Henrik Berg, LSU 14.10.2026 sak 4, ØHD
BED_FIGURES = "beleggstall"  # Solveig Haugland, LSU 14.10.2026 sak 4, ØHD
PROGRAMME = "utkast til program"  # Geir Tveit, SSU 07.09.2026
SKILLS_PLAN = "kompetanseplan"  # AU, SSU 07.09.2026, "Strukturert kompetansesamarbeid"
TRAINING = "felles opplæring"  # Fjordby sykehus, SSU 07.09.2026, pasientjournalsystem
LAR_TUD = "arbeidsgruppen for rus"  # Arne Vold, SSU 26.10.2026, "… i LAR og TUD"
CANDIDATES = "kandidatene"  # Sekretariatet, SSU 26.10.2026


def assistant_for(db: Database, tz: str, list_cap: int | None = 15) -> Assistant:
    zone = ZoneInfo(tz)
    clock = FixedClock(datetime(*MORNING, tzinfo=zone))
    return Assistant(db=db, clock=clock, timezone=zone, list_cap=list_cap)


@pytest.fixture
async def examples(db: Database, example_minutes: None) -> Database:
    return db


def shown(descriptions: list[str], *fragments: str) -> bool:
    """Each task shown holds one of the fragments, and each fragment is shown once."""
    found = sorted(f for d in descriptions for f in fragments if f in d)
    return len(descriptions) == len(fragments) and found == sorted(fragments)


@pytest.mark.parametrize("tz", TIMEZONES)
@pytest.mark.parametrize(
    ("question", "heading", "tasks"),
    [
        # By topic: the task's words or its case's title, inflected, translated, mistyped.
        ("oppgaver om LAR", "Åpne oppgaver om LAR:", (LAR_ROUTINE, LAR_TUD)),
        ("tasks about LAR", "Open tasks about LAR:", (LAR_ROUTINE, LAR_TUD)),
        ("open tasks about emergency beds", "Open tasks about emergency beds:",
         (ER_MEETING, BED_FIGURES)),
        ("tasks about the patient record system", "Open tasks about patient record system:",
         (TRAINING,)),
        ("oppgaver om kompetansesamarbeit", "Åpne oppgaver om kompetansesamarbeit:",
         (SKILLS_PLAN,)),
        ("oppgaver om LAR i SSU", "Åpne oppgaver om LAR i SSU:", (LAR_TUD,)),
        # When something is due: the tasks about it.
        ("når er fristen for kompetanseplanen", "Åpne oppgaver om kompetanseplanen:",
         (SKILLS_PLAN,)),
        ("when is the training plan due", "Open tasks about training plan:", (TRAINING,)),
        # By the last meeting: the committee's, or the last of all.
        ("oppgaver fra forrige SSU-møte", "Åpne oppgaver fra SSU-møtet 26.10.2026:",
         (LAR_TUD, CANDIDATES)),
        ("tasks from the last LSU meeting", "Open tasks from the LSU meeting on 14.10.2026:",
         (LAR_ROUTINE, ER_MEETING, BED_FIGURES)),
        ("oppgaver fra siste møte", "Åpne oppgaver fra SSU-møtet 26.10.2026:",
         (LAR_TUD, CANDIDATES)),
        # By period: the meeting that gave them.
        ("oppgaver fra september 2026", "Åpne oppgaver fra september 2026:",
         (PROGRAMME, SKILLS_PLAN, TRAINING)),
        ("hvilke oppgaver ble gitt på møtet 14. oktober", "Åpne oppgaver fra møtet 14.10.2026:",
         (LAR_ROUTINE, ER_MEETING, BED_FIGURES)),
    ],
)  # fmt: skip
async def test_a_narrowed_question_lists_what_it_asks_for(
    examples: Database, tz: str, question: str, heading: str, tasks: tuple[str, ...]
) -> None:
    answer = await assistant_for(examples, tz).answer(question)
    assert answer.text.splitlines()[0] == heading
    assert shown([t.description for t in answer.tasks], *tasks), answer.text


@pytest.mark.parametrize(
    ("question", "asker", "text"),
    [
        # Near misses: nothing of the topic, the period or the asker's own in it.
        ("oppgaver om pizza", None, "Ingen åpne oppgaver om pizza."),
        ("tasks about rehabilitation after stroke", None,
         "No open tasks about rehabilitation after stroke."),
        ("oppgaver fra 2025", None, "Ingen åpne oppgaver fra 2025."),
        ("mine oppgaver om LAR", "Henrik Berg", "Ingen åpne oppgaver for Henrik Berg om LAR."),
        # An owner known only by its tasks (in SSU) is still known when LSU has none of them.
        ("oppgaver for Fjordby sykehus i LSU", None,
         "Ingen åpne oppgaver for Fjordby sykehus i LSU."),
        ("oppgaver for Pølsefabrikken i LSU", None,
         "Jeg finner ingen som heter «Pølsefabrikken» i referatene."),
        ("my tasks from the last SSU meeting", "Henrik Berg",
         "No open tasks for Henrik Berg from the SSU meeting on 26.10.2026."),
    ],
)  # fmt: skip
async def test_nothing_narrowed_says_what_was_looked_for(
    examples: Database, question: str, asker: str | None, text: str
) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer(question, asker=asker)
    assert answer.text == text
    assert answer.tasks == []


async def test_the_askers_own_narrowed_by_topic(examples: Database) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer(
        "mine oppgaver om legevakten", asker="Henrik Berg"
    )
    assert answer.text.splitlines()[0] == "Dine oppgaver om legevakten (Henrik Berg):"
    assert shown([t.description for t in answer.tasks], ER_MEETING)


@pytest.mark.parametrize(
    ("question", "next_words"),
    [
        ("oppgaver om LAR", "åpne oppgaver om LAR side 2"),
        ("oppgaver fra forrige LSU-møte", "åpne oppgaver fra LSU-møtet 14.10.2026 side 2"),
        ("oppgaver for AU fra september 2026", "oppgaver for AU fra september 2026 side 2"),
        ("tasks about emergency beds", "open tasks about emergency beds page 2"),
    ],
)
async def test_the_next_page_asks_for_the_same_narrowed_list(
    examples: Database, question: str, next_words: str
) -> None:
    """One task a page: the last line's words ask again for the same list, and they give
    its second page — no task shown twice, none of another topic or meeting."""
    bot = assistant_for(examples, "Europe/Oslo", list_cap=1)
    first = await bot.answer(question)
    assert first.next_page == next_words, first.text
    second = await bot.answer(next_words)
    assert second.text.splitlines()[0] == first.text.splitlines()[0]
    assert len(first.tasks) == len(second.tasks) == 1
    assert first.tasks[0].task_id != second.tasks[0].task_id
    everything = await assistant_for(examples, "Europe/Oslo", list_cap=None).answer(question)
    wanted = {t.task_id for t in everything.tasks}
    assert {first.tasks[0].task_id, second.tasks[0].task_id} <= wanted


async def test_before_any_meeting_was_held_the_last_meeting_gave_no_tasks(
    examples: Database,
) -> None:
    """On 5 January 2026 none of the examples' meetings was held yet: "fra forrige møte" is
    none — not the tasks that came from no meeting, as one added in chat did."""
    await add_task(examples, tenant="default", description="Ringe kommunene", assignee=None,
                   assignee_text="Kari Nordmann")  # fmt: skip
    january = Assistant(
        db=examples,
        clock=FixedClock(datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/Oslo"))),
        timezone=ZoneInfo("Europe/Oslo"),
    )
    answer = await january.answer("oppgaver fra forrige møte")
    assert answer.text == "Ingen åpne oppgaver fra siste møte."


@pytest.mark.parametrize(
    ("question", "kind", "period"),
    [
        ("oppgaver med frist i desember", IntentKind.PERSON_TASKS, (date(2026, 12, 1), 31)),
        ("tasks due next week", IntentKind.PERSON_TASKS, (date(2026, 12, 7), 7)),
        ("what is due next week", IntentKind.PERSON_TASKS, (date(2026, 12, 7), 7)),
        ("hva har frist i desember", IntentKind.PERSON_TASKS, (date(2026, 12, 1), 31)),
        ("mine oppgaver med frist i desember", IntentKind.MY_TASKS, (date(2026, 12, 1), 31)),
        # a month without its year is the nearer one: January ahead, November behind
        ("oppgaver som forfaller i januar", IntentKind.PERSON_TASKS, (date(2027, 1, 1), 31)),
        ("my tasks due in November", IntentKind.MY_TASKS, (date(2026, 11, 1), 30)),
    ],
)
def test_a_period_after_a_deadline_word_is_the_deadline(
    question: str, kind: IntentKind, period: tuple[date, int]
) -> None:
    found = recognize(question, today=date(*MORNING[:3]))
    start, days = period
    assert (found.kind, found.due) == (kind, True)
    assert found.period == Period(start, start + timedelta(days=days - 1))


@pytest.mark.parametrize(
    "question",
    ["oppgaver fra desember 2026", "tasks from September 2026", "hvem hadde forfall i oktober"],
)
def test_near_misses_of_a_deadline_period(question: str) -> None:
    """A period after «fra»/"from" is the meeting that gave the tasks; «forfall» is an
    absence, not a deadline."""
    assert not recognize(question, today=date(*MORNING[:3])).due


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_tasks_due_in_a_period_are_listed_by_their_deadline(
    examples: Database, tz: str
) -> None:
    """ "tasks due next week" listed the tasks given at meetings that week (none) — now the
    tasks whose deadline falls in it, as the heading says; and the asker's own the same way."""
    bot = assistant_for(examples, tz)
    december = await bot.answer("oppgaver med frist i desember")
    assert december.text.splitlines()[0] == "Åpne oppgaver med frist desember 2026:"
    assert shown([t.description for t in december.tasks],
                 CANDIDATES, SKILLS_PLAN, LAR_ROUTINE, BED_FIGURES), december.text  # fmt: skip
    week = await bot.answer("tasks due next week")
    assert week.text.splitlines()[0] == "Open tasks due 7 December 2026 – 13 December 2026:"
    assert shown([t.description for t in week.tasks], LAR_ROUTINE, BED_FIGURES), week.text
    mine = await bot.answer("mine oppgaver med frist i november", asker="Henrik Berg")
    assert shown([t.description for t in mine.tasks], ER_MEETING), mine.text
    given = await bot.answer("oppgaver fra desember 2026")  # near miss: by the meeting
    assert given.tasks == [] and given.text == "Ingen åpne oppgaver fra desember 2026."


@pytest.mark.parametrize("tz", TIMEZONES)
async def test_a_task_added_in_chat_is_of_the_period_it_was_added_in(
    examples: Database, tz: str
) -> None:
    """A task added in chat has no meeting: "oppgaver fra september 2026" finds it by the day
    it was added, in the asker's time zone (before, no period held it). Near miss: added at
    00:30 on 1 October, local time, it is October's, though in UTC it may be 30 September."""
    zone = ZoneInfo(tz)
    added = {
        "Ringe kommunene om avtalen": datetime(2026, 9, 20, 10, tzinfo=zone),
        "Sende ut innkallingen": datetime(2026, 10, 1, 0, 30, tzinfo=zone),
    }
    for description, when in added.items():
        task = await add_task(examples, tenant="default", description=description,
                              assignee=None, assignee_text="Kari Nordmann")  # fmt: skip
        async with examples.session() as session, session.begin():
            await session.execute(update(Task).where(Task.id == task.id).values(created_at=when))
    bot = assistant_for(examples, tz)
    september = await bot.answer("oppgaver fra september 2026")
    assert shown([t.description for t in september.tasks], PROGRAMME, SKILLS_PLAN, TRAINING,
                 "Ringe kommunene"), september.text  # fmt: skip
    october = await bot.answer("oppgaver fra oktober 2026")
    assert "Sende ut innkallingen" in {t.description for t in october.tasks}, october.text
    assert "Ringe kommunene om avtalen" not in {t.description for t in october.tasks}
    # the last meeting gave neither
    last = await bot.answer("oppgaver fra forrige møte")
    assert not {t.description for t in last.tasks} & set(added)


@pytest.mark.parametrize("tz", TIMEZONES)
@pytest.mark.parametrize(
    ("question", "heading", "tasks"),
    [
        ("hvilke oppgaver i SSU har forfalt?",
         "Dette haster i SSU – forfalt eller frist senest 11. desember 2026:",
         (PROGRAMME, CANDIDATES, SKILLS_PLAN)),
        ("overdue tasks in LSU", "Urgent in LSU – overdue or due by 11 December 2026:",
         (ER_MEETING, LAR_ROUTINE, BED_FIGURES)),
        ("oppgaver fra forrige møte som har forfalt",
         "Dette haster fra SSU-møtet 26.10.2026 – forfalt eller frist senest 11. desember 2026:",
         (CANDIDATES,)),
        # Near miss: the asker's own, in the committee.
        ("mine oppgaver i LSU som haster",
         "Dette haster for deg (Henrik Berg) i LSU – forfalt eller frist senest 11. desember "
         "2026:", (ER_MEETING,)),
    ],
)  # fmt: skip
async def test_what_is_urgent_in_a_committee_is_everyones_there(
    examples: Database, tz: str, question: str, heading: str, tasks: tuple[str, ...]
) -> None:
    answer = await assistant_for(examples, tz).answer(question, asker="Henrik Berg")
    assert answer.text.splitlines()[0] == heading
    assert shown([t.description for t in answer.tasks], *tasks), answer.text


async def test_nothing_urgent_of_the_askers_in_a_committee_says_where(examples: Database) -> None:
    answer = await assistant_for(examples, "Europe/Oslo").answer(
        "mine oppgaver i SSU som haster", asker="Henrik Berg"
    )
    assert answer.text.splitlines() == [
        "Ingenting haster for deg (Henrik Berg) i SSU: ingen åpne oppgaver har forfalt eller "
        "frist senest 11. desember 2026.",
        "Ingen åpne oppgaver i SSU.",  # not "… i det hele tatt": he has one in LSU
    ]


async def test_one_task_by_its_number_says_how_it_stands(examples: Database) -> None:
    """ "er oppgave N ferdig?": that task, open, done or settled by a later meeting; a
    number no task has is said to be unknown (near miss: not the asker's list)."""
    bot = assistant_for(examples, "Europe/Oslo")
    ids = {t.description: t.task_id for t in (await bot.answer("oppgaver for SSU")).tasks}
    plan = next(i for d, i in ids.items() if SKILLS_PLAN in d)

    open_one = await bot.answer(f"er oppgave {plan} ferdig?", asker="Henrik Berg")
    assert open_one.text.splitlines()[0] == f"Oppgave {plan}:"
    assert [t.task_id for t in open_one.tasks] == [plan] and open_one.tasks[0].status == "open"

    await complete_task(examples, tenant="default", task_id=plan, by="Kari Nordmann")
    done = await bot.answer(f"is task {plan} done?")
    assert done.text.splitlines()[0] == f"Task {plan}:"
    assert done.tasks[0].status == "done" and ", done (SSU 07.09.2026" in done.text

    # AU's cost split was settled by SSU's meeting of 26 October (sak 2026.44): not in
    # "oppgaver for SSU", but asked by its number it is shown, and why it is settled.
    everyone = await bot.answer("hvem skal gjøre noe", asker="Henrik Berg")
    split = await bot.answer("oppgaver for AU")
    settled = next(t.task_id for t in split.tasks if "kostnadsfordeling" in t.description)
    assert settled not in {t.task_id for t in everyone.tasks}
    asked = await bot.answer(f"status på oppgave {settled}")
    assert asked.text.splitlines()[-1] == (
        "Saken ble behandlet igjen i SSU 26.10.2026; oppgaven regnes som avklart."
    )
    # Its deadline (15 October) has passed, but it is settled, not overdue: not in red on
    # its card, and its row says so (before: «forfalt»).
    assert asked.tasks[0].settled_on == date(2026, 10, 26)
    assert not render.is_overdue(asked.tasks[0], date(2026, 12, 4))
    assert "frist 15. oktober 2026, regnes som avklart (SSU" in asked.text
    assert "forfalt" not in asked.text
    english = await bot.answer(f"what is the status of task {settled}")
    assert "15 October 2026, counts as settled (SSU" in english.text, english.text

    unknown = await bot.answer("er oppgave 999 ferdig?")
    assert unknown.text == "Jeg finner ingen oppgave 999 (nummeret står på oppgavens kort)."
    assert not unknown.found and unknown.tasks == []
