"""Which open tasks a later meeting settled is recorded when minutes and chat changes are
stored (assistant/settled_tasks.py: task.settled_on, task.settled_by_meeting_id), on
SQLite and PostgreSQL: the same facts whatever order the minutes arrive in, the same as
the rules give when worked out from scratch, and kept when chat marks a task done or open
again, when minutes are corrected, and for a store filled before the columns existed."""

from __future__ import annotations

from datetime import date
from functools import partial

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from assistant.decision_answer import refers_to, same_matter
from assistant.importing import ImportOptions, import_paths
from assistant.settled_tasks import (
    SETTLED_KEY,
    ensure_settled_current,
    same_task,
    settled_among,
)
from minutes.model import (
    CommitteeRef,
)
from storage.database import Database
from storage.minutes_store import save_minutes
from storage.models import Case, Meeting, SearchMeta, Task
from storage.records import add_task, complete_task, reopen_task
from storage.undo import undo_last
from tests.assistant.settling_world import (
    LSU,
    OSLO,
    minutes,
    store,
)
from tests.assistant.settling_world import actor as _actor
from tests.assistant.settling_world import case as _case
from tests.assistant.settling_world import info as _info
from tests.assistant.settling_world import settled as _settled
from tests.assistant.settling_world import task as _task
from tests.conftest import EXAMPLES

OSU = CommitteeRef("Operativt samarbeidsutvalg", "OSU")

KARI = "Kari Nordmann sender en oversikt over ventelistene til utvalget"
OLA = "Ola Berg lager en plan for hospitering mellom kommunene og sykehuset"
PER = "Per Hansen lager et notat om tolkebruk"
LIV = "Liv Dahl skriver en rutine for bestilling av tolk"


# Near misses: Per's note is marked done only earlier (January), by another committee (OSU)
# and in other words (September); Liv's case was decided earlier (January) under its title.
MINUTES = {
    "lsu-2026-01-14": minutes(LSU, date(2026, 1, 14), [
        _case("1/26", "Rutine for bestilling av tolk", decided=True),
    ], [_task(PER, done=True)]),
    "lsu-2026-03-04": minutes(LSU, date(2026, 3, 4), [
        _case("3/26", "Ventelister for korttidsplasser"),
        _case("4/26", "Hospitering mellom kommunene og sykehuset"),
        _case("5/26", "Rutine for bestilling av tolk"),
    ], [_task(KARI, "3/26"), _task(OLA, "4/26"), _task(PER), _task(LIV, "5/26")]),
    "lsu-2026-06-10": minutes(LSU, date(2026, 6, 10), [
        _case("8/26", "Oversikt over ventelister", "Oppfølging av sak 3/26.", decided=True),
    ], [_task(OLA, done=True)]),
    "lsu-2026-09-16": minutes(LSU, date(2026, 9, 16), [
        _case("12/26", "Rutine for bestilling av tolk", decided=True),
    ], [_task("Per Hansen sender referatet fra møtet med tolketjenesten", done=True)]),
    "osu-2026-10-01": minutes(OSU, date(2026, 10, 1), [], [_task(PER, done=True)]),
    "lsu-2026-12-02": minutes(LSU, date(2026, 12, 2), [
        _case("15/26", "Ventelister", "Ny oppfølging av sak 3/26.", decided=True),
    ], []),
}  # fmt: skip

EXPECTED = {KARI: date(2026, 6, 10), OLA: date(2026, 6, 10), LIV: date(2026, 9, 16)}


@pytest.mark.parametrize(
    ("order", "one_batch"),
    [("chronological", False), ("reverse", False), ("reverse", True), ("shuffled", True)],
)
async def test_the_same_tasks_are_settled_in_any_import_order(
    db: Database, order: str, one_batch: bool
) -> None:
    names = sorted(MINUTES)
    if order == "reverse":
        names.reverse()
    elif order == "shuffled":
        names = [names[i] for i in (3, 0, 5, 1, 4, 2)]
    await store(db, MINUTES, names, one_batch=one_batch)
    assert await db.read(_settled) == EXPECTED  # Per's note: settled by none of the near misses

    def ids(session: Session) -> tuple[set[str], set[str]]:
        tasks = {t.id: t.description for t in session.scalars(select(Task)).unique()}
        june = settled_among(session, list(tasks), before=date(2026, 6, 10))
        after_june = settled_among(session, list(tasks), before=date(2026, 6, 11))
        return {tasks[i] for i in june}, {tasks[i] for i in after_june}

    # An agenda before the June meeting: nothing settled yet; after it, Kari's and Ola's.
    assert await db.read(ids) == (set(), {KARI, OLA})


# Batches whose meetings straddle the days between a task's meeting and its settling, with
# none of them (Kari's March–June after the first batch: the second only adds January,
# September and December) or one of them (March–December, then June: earlier) between.
@pytest.mark.parametrize(
    "batches",
    [
        [["lsu-2026-03-04", "lsu-2026-06-10"],
         ["lsu-2026-01-14", "lsu-2026-09-16", "osu-2026-10-01", "lsu-2026-12-02"]],
        [["lsu-2026-03-04", "lsu-2026-12-02"],
         ["lsu-2026-01-14", "lsu-2026-06-10", "lsu-2026-09-16", "osu-2026-10-01"]],
    ],
)  # fmt: skip
async def test_a_batch_settles_earlier_only_what_its_days_fall_within(
    db: Database, batches: list[list[str]]
) -> None:
    for names in batches:
        await store(db, MINUTES, names, one_batch=True)
    assert await db.read(_settled) == EXPECTED


def _from_scratch(session: Session) -> dict[str, date]:
    """The rules applied to every open task against every later decided case and done task
    of its committee, with nothing recorded: what the answers worked out before."""
    tasks = session.scalars(select(Task)).unique().all()
    decided = session.scalars(select(Case).where(Case.status == "decided")).unique().all()
    found: dict[str, date] = {}
    for task in tasks:
        if task.status != "open" or task.meeting is None or task.committee_id is None:
            continue
        day = task.meeting.date

        def later(item: Case | Task, task: Task = task, day: date = day) -> bool:
            held = item.meeting
            return item.committee_id == task.committee_id and held is not None and held.date > day

        dates = [d.meeting.date for d in tasks if d.status == "done" and later(d)
                 and same_task(task.description, d.description)]  # fmt: skip
        if task.case is not None:
            dates += [c.meeting.date for c in decided if later(c)
                      and (same_matter(task.case, c) or refers_to(c, task.case))]  # fmt: skip
        if dates:
            found[task.description] = min(dates)
    return found


@pytest.mark.parametrize("reverse", [False, True])
async def test_the_example_minutes_settle_as_the_rules_say(db: Database, reverse: bool) -> None:
    paths = sorted(EXAMPLES.iterdir(), reverse=reverse)
    results = await import_paths(db, paths, ImportOptions())
    assert all(r.status == "imported" for r in results)
    recorded = await db.read(_settled)
    assert recorded == await db.read(_from_scratch)
    assert list(recorded) == [
        "Arbeidsutvalget utarbeider et forslag til kostnadsfordeling mellom kommunene og "
        "Fjordby sykehus."
    ]


async def test_minutes_imported_one_by_one_in_reverse_settle_as_the_rules_say(
    db: Database,
) -> None:
    for path in sorted(EXAMPLES.iterdir(), reverse=True):
        await import_paths(db, [path], ImportOptions())
    await store(db, MINUTES, sorted(MINUTES), one_batch=False)
    assert await db.read(_settled) == await db.read(_from_scratch)


async def _task_id(db: Database, description: str, day: date) -> int:
    def find(session: Session) -> int:
        query = select(Task.id).join(Meeting, Meeting.id == Task.meeting_id)
        return session.scalars(
            query.where(Task.description == description, Meeting.date == day)
        ).one()

    return await db.read(find)


async def test_a_task_marked_done_in_chat_settles_the_earlier_one_and_reopened_does_not(
    db: Database,
) -> None:
    await store(
        db, MINUTES, ["lsu-2026-03-04", "lsu-2026-06-10", "lsu-2026-09-16"], one_batch=False
    )
    # Per's note taken up again in September as an open task of that meeting
    september = await _task_id(db, "Per Hansen sender referatet fra møtet med tolketjenesten",
                               date(2026, 9, 16))  # fmt: skip
    meeting_id = await db.read(
        lambda s: s.scalar(select(Meeting.id).where(Meeting.date == date(2026, 9, 16)))
    )
    again = await add_task(db, tenant="default", description=PER, assignee=None,
                           meeting_id=meeting_id, actor=_actor())  # fmt: skip
    assert PER not in await db.read(_settled)
    assert september  # near miss in other words, done at the same meeting: settles nothing

    await complete_task(db, tenant="default", task_id=again.id, by="Sekretær", actor=_actor())
    settled = await db.read(_settled)
    assert settled[PER] == date(2026, 9, 16)  # the March note, by September's done task

    await reopen_task(db, tenant="default", task_id=again.id, by="Sekretær", actor=_actor())
    assert PER not in await db.read(_settled)  # open again: it settles nothing
    march = await _task_id(db, PER, date(2026, 3, 4))
    assert await db.read(lambda s: settled_among(s, [march, again.id])) == set()

    # «ferdig» then «angre»: the same as reopening
    await complete_task(db, tenant="default", task_id=again.id, by="Sekretær", actor=_actor())
    assert await db.read(lambda s: settled_among(s, [march])) == {march}
    undone = await undo_last(db, tenant="default", conversation_id="conv", user_key="user-1",
                             now=_actor().at, message_key="m-angre")  # fmt: skip
    assert undone is not None and undone.outcome == "undone"
    assert await db.read(lambda s: settled_among(s, [march])) == set()


async def test_a_task_added_in_chat_at_an_earlier_meeting_is_settled_at_once(
    db: Database,
) -> None:
    await store(db, MINUTES, ["lsu-2026-03-04", "lsu-2026-06-10"], one_batch=False)
    case_id = await db.read(
        lambda s: s.scalar(select(Case.id).where(Case.number == "3/26"))
    )  # fmt: skip
    added = await add_task(db, tenant="default", description="Kari Nordmann ringer kommunene",
                           assignee=None, case_id=case_id, actor=_actor())  # fmt: skip
    assert await db.read(lambda s: settled_among(s, [added.id])) == {added.id}
    # …and on the agenda of the June meeting it is not yet settled (June settled it)
    assert await db.read(lambda s: settled_among(s, [added.id], before=date(2026, 6, 10))) == set()


async def test_corrected_minutes_without_the_follow_up_unsettle_until_a_later_one(
    db: Database,
) -> None:
    await store(db, MINUTES, sorted(MINUTES), one_batch=False)
    june = MINUTES["lsu-2026-06-10"]
    corrected = minutes(LSU, june.meeting_date or date.min, [
        _case("8/26", "Budsjett for tolketjenesten", "Kommunene la fram budsjettet.", decided=True),
    ], [])  # fmt: skip
    await db.write(partial(save_minutes, tenant="default", info=_info("corrected"),
                           minutes=corrected, tz=OSLO))  # fmt: skip
    settled = await db.read(_settled)
    # Kari's overview is now first followed up in December; Ola's plan no longer done in June
    assert settled == {KARI: date(2026, 12, 2), LIV: date(2026, 9, 16)}


async def test_a_store_from_before_the_columns_is_filled_once(db: Database) -> None:
    await store(db, MINUTES, sorted(MINUTES), one_batch=True)
    assert await ensure_settled_current(db) == len(EXPECTED)  # the first start: fills
    assert await ensure_settled_current(db) is None  # already current

    def forget(session: Session) -> None:  # as the migration leaves an older store
        session.execute(update(Task).values(settled_on=None, settled_by_meeting_id=None))
        session.execute(delete(SearchMeta).where(SearchMeta.key == SETTLED_KEY))

    await db.write(forget)
    assert await db.read(_settled) == {}
    assert await ensure_settled_current(db) == len(EXPECTED)
    assert await db.read(_settled) == EXPECTED
