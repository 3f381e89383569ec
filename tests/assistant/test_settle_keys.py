"""What settling compares, kept per case and task (assistant/settled_tasks.py, migration
0021: case_key, task_term), on SQLite and PostgreSQL: written when minutes and chat store
rows, filled once for a store from before, and the settled facts worked out from them the
same as the rules give from every row, near misses included: a title sharing too few words,
a case number without its year, a done task in too few of the same words."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest
from sqlalchemy import delete, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from assistant.settled_tasks import (
    KEYS_KEY,
    ensure_settled_current,
    refresh_meetings,
    settle_all,
)
from storage.database import Database
from storage.minutes_store import save_minutes
from storage.models import Case, CaseKey, Meeting, SearchMeta, Task, TaskTerm
from storage.records import add_task, complete_task
from tests.assistant.settling_world import (
    LSU,
    OSLO,
    minutes,
    store,
)
from tests.assistant.settling_world import case as _case
from tests.assistant.settling_world import info as _info
from tests.assistant.settling_world import settled as _settled
from tests.assistant.settling_world import task as _task

HOSPITERING = "Kari Nordmann lager en plan for hospitering"  # under 21/26
SEVEN = "Ola Berg ringer tolketjenesten om helgene"  # under «7», a number without a year
REHAB = "Per Hansen samler erfaringene fra rehabiliteringen"  # under 22/26
TOLK = "Liv Dahl skriver en rutine for bestilling av tolk"  # no case


MINUTES = {
    "feb": minutes(LSU, date(2026, 2, 4), [
        _case("21/26", "Hospitering mellom kommunene og sykehuset"),
        _case("7", "Tolketjenesten i helgene og høytidene"),
        _case("22/26", "Rehabilitering etter hjerneslag i kommunene"),
    ], [_task(HOSPITERING, "21/26"), _task(SEVEN, "7"), _task(REHAB, "22/26"), _task(TOLK)]),
    # Near misses only: one title word of three, «7» again (no year), «sak 22» (no year),
    # a done task sharing one word with Liv's.
    "may": minutes(LSU, date(2026, 5, 6), [
        _case("30/26", "Sykehuset og legevakten i helgene", decided=True),
        _case("7", "Budsjett for neste år", decided=True),
        _case("31/26", "Budsjett for rehabilitering av hofteopererte", "Som i sak 22 og sak 7.",
              decided=True),
    ], [_task("Ola Berg skriver et notat om tolkebruk", done=True)]),
    "sep": minutes(LSU, date(2026, 9, 9), [
        _case("40/26", "Hospitering mellom sykehuset og kommunene i regionen", decided=True),
        _case("41/26", "Oppfølging", "Oppfølging av sak 22/26.", decided=True),
    ], [_task(TOLK, done=True)]),
}  # fmt: skip

SEPTEMBER = date(2026, 9, 9)
EXPECTED = {HOSPITERING: SEPTEMBER, REHAB: SEPTEMBER, TOLK: SEPTEMBER}


def _keys(session: Session) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    cases = session.execute(
        select(Case.number, Case.title, CaseKey.kind, CaseKey.key, CaseKey.size, CaseKey.day).join(
            Case, Case.id == CaseKey.case_id
        )
    ).all()
    tasks = session.execute(
        select(Task.description, Task.status, TaskTerm.term, TaskTerm.size, TaskTerm.day).join(
            Task, Task.id == TaskTerm.task_id
        )
    ).all()
    return {tuple(r) for r in cases}, {tuple(r) for r in tasks}


@pytest.mark.parametrize(
    ("names", "one_batch"),
    [
        (["feb", "may", "sep"], False),
        (["sep", "may", "feb"], False),
        (["may", "sep", "feb"], False),
        (["sep", "feb", "may"], True),
    ],
)
async def test_near_misses_settle_nothing_in_any_order(
    db: Database, names: list[str], one_batch: bool
) -> None:
    await store(db, MINUTES, names, one_batch=one_batch)
    assert await db.read(_settled) == EXPECTED  # Ola's «7» task: nothing settles it

    def from_scratch(session: Session) -> dict[str, date]:
        settle_all(session)  # every row, no keys
        return _settled(session)

    assert await db.write(from_scratch) == EXPECTED


async def test_keys_are_written_when_minutes_are_stored(db: Database) -> None:
    await store(db, MINUTES, ["feb", "may", "sep"], one_batch=True)
    cases, tasks = await db.read(_keys)
    may, sep = date(2026, 5, 6), SEPTEMBER
    # title terms with how many the title has, the number with its year, and every start
    # of a number with a year the text refers to; nothing for «7» or «sak 22»
    budget = {k for k in cases if k[0] == "31/26"}
    assert {(kind, size, day) for _, _, kind, _, size, day in budget} == {
        ("t", 3, may),
        ("n", 0, may),
    }
    assert {key for _, _, kind, key, _, _ in budget if kind == "n"} == {"31/26"}
    assert not {k for k in cases if k[0] == "7"} - {k for k in cases if k[2] == "t"}
    follow_up = {(kind, key) for number, _, kind, key, _, _ in cases if number == "41/26"}
    assert follow_up == {("n", "41/26"), ("r", "22/26"), ("r", "22/26.")}  # «Oppfølging»: generic
    liv = {(status, size, day) for description, status, _, size, day in tasks
           if description == TOLK}  # fmt: skip
    assert liv == {("open", 6, date(2026, 2, 4)), ("done", 6, sep)}


async def test_a_task_added_in_chat_is_keyed_and_settles_by_its_keys(db: Database) -> None:
    await store(db, MINUTES, ["feb", "may"], one_batch=False)
    may = await db.read(
        lambda s: s.scalar(select(Meeting.id).where(Meeting.date == date(2026, 5, 6)))
    )
    added = await add_task(db, tenant="default", description=TOLK, assignee=None,
                           meeting_id=may)  # fmt: skip
    terms = await db.read(
        lambda s: set(s.scalars(select(TaskTerm.day).where(TaskTerm.task_id == added.id)))
    )
    assert terms == {date(2026, 5, 6)}
    assert TOLK not in await db.read(_settled)
    await complete_task(db, tenant="default", task_id=added.id, by="Sekretær")
    assert await db.read(_settled) == {TOLK: date(2026, 5, 6)}  # February's, by May's done


async def test_a_store_from_before_the_keys_is_keyed_once_at_start(db: Database) -> None:
    await store(db, MINUTES, ["feb", "may"], one_batch=True)
    await ensure_settled_current(db)  # a running store: settled facts and keys current
    keyed = await db.read(_keys)
    assert keyed[0] and keyed[1]

    def forget(session: Session) -> None:  # as migration 0021 leaves an older store
        session.execute(delete(CaseKey))
        session.execute(delete(TaskTerm))
        session.execute(delete(SearchMeta).where(SearchMeta.key == KEYS_KEY))

    await db.write(forget)
    assert await ensure_settled_current(db) is None  # the settled facts were current
    assert await db.read(_keys) == keyed
    await store(db, MINUTES, ["sep"], one_batch=False)  # settles by the filled keys
    assert await db.read(_settled) == EXPECTED


async def test_a_store_without_keys_is_keyed_before_it_is_settled(db: Database) -> None:
    """Minutes stored into an old store before any start-up fill: keyed first, then settled
    (what the keys leave out would otherwise stay unsettled)."""
    await store(db, MINUTES, ["feb", "may"], one_batch=True)

    def forget(session: Session) -> None:
        session.execute(delete(CaseKey))
        session.execute(delete(TaskTerm))
        session.execute(delete(SearchMeta).where(SearchMeta.key == KEYS_KEY))

    await db.write(forget)
    await store(db, MINUTES, ["sep"], one_batch=False)
    assert await db.read(_settled) == EXPECTED


async def test_the_first_match_years_later_is_found(db: Database) -> None:
    """The title search widens (120 days, 3 years, all): a matter decided again five years
    on settles the task then, not at the later treatment."""
    years = {
        "2020": minutes(LSU, date(2020, 3, 4), [_case("21/20", "Hospitering mellom kommunene")],
                         [_task(HOSPITERING, "21/20")]),
        "2025": minutes(LSU, date(2025, 5, 6), [_case("30/25", "Hospitering for kommunene",
                                                  decided=True)], []),
        "2026": minutes(LSU, date(2026, 5, 6), [_case("30/26", "Hospitering mellom kommunene",
                                                  decided=True)], []),
    }  # fmt: skip
    for name in ("2026", "2020", "2025"):
        await db.write(partial(save_minutes, tenant="default", info=_info(name),
                               minutes=years[name], tz=OSLO))  # fmt: skip
    assert await db.read(_settled) == {HOSPITERING: date(2025, 5, 6)}


async def test_the_title_search_widens_only_while_later_meetings_lie_beyond(
    db: Database,
) -> None:
    """Minutes stored in date order: the February tasks' first window (120 days) reaches
    the committee's last meeting (May), so no wider one is asked; the near misses settle
    nothing, as when every window is asked. Asked again once September is stored, the
    February tasks' first window ends before it, and the next one is asked too."""
    windows: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if "PARTITION BY x.probe" in statement and "WITH p AS" in statement:
            windows.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        await store(db, MINUTES, ["feb", "may"], one_batch=True)
        in_order = len(windows)
        await store(db, MINUTES, ["sep"], one_batch=True)
        assert await db.read(_settled) == EXPECTED
        windows.clear()

        def again(session: Session) -> None:  # September's tasks and February's settled anew
            refresh_meetings(session, session.scalars(select(Meeting.id)))

        await db.write(again)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert in_order == 1
    assert len(windows) == 2  # 120 days, then 3 years, which reach September: not «all»
