"""After an import the planner knows the store: statistics on both databases, and on
PostgreSQL the visibility map a vacuum leaves (Database.optimize), so index-only scans are
planned as cheap as they are rather than waiting for autovacuum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

EXAMPLES = Path(__file__).parents[2] / "examples"
# Both halves Database.optimize vacuums at once on PostgreSQL.
TABLES = (
    "search_block",
    "search_case",
    "search_term",
    "case_item",
    "case_key",
    "meeting",
    "task",
    "task_term",
)


def _known_since(session: Session, start: dt.datetime | None) -> dict[str, bool]:
    """Per table: whether the planner got to know it since `start`: vacuumed and analysed
    (PostgreSQL, whose test database other tests used before), or analysed at all (SQLite,
    a fresh file per test)."""
    if session.get_bind().dialect.name == "postgresql":
        sql = (
            "SELECT relname, last_vacuum >= :start AND last_analyze >= :start "
            "FROM pg_stat_user_tables WHERE relname IN :names"
        )
    else:
        found = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'"))
        if found.first() is None:
            return dict.fromkeys(TABLES, False)
        sql = "SELECT tbl, count(*) > 0 FROM sqlite_stat1 WHERE tbl IN :names GROUP BY tbl"
    statement = text(sql).bindparams(bindparam("names", expanding=True))
    known = dict(session.execute(statement, {"names": TABLES, "start": start}).all())
    return {t: bool(known.get(t)) for t in TABLES}


def _server_now(session: Session) -> dt.datetime | None:
    if session.get_bind().dialect.name != "postgresql":
        return None
    return session.scalar(text("SELECT clock_timestamp()"))


async def test_an_import_leaves_the_planner_knowing_the_store(db: Database) -> None:
    start = await db.read(_server_now)
    assert await db.read(lambda s: _known_since(s, start)) == dict.fromkeys(TABLES, False)
    results = await import_paths(db, sorted(EXAMPLES.iterdir()), ImportOptions())
    assert all(r.stored for r in results), [r.error for r in results]
    assert await db.read(lambda s: _known_since(s, start)) == dict.fromkeys(TABLES, True)


def _many_cases(session: Session, count: int = 2000) -> None:
    session.execute(
        text(
            "INSERT INTO case_item (tenant, position, title, kinds, body, status, responsible, "
            "links, origin) VALUES ('default', :n, 'Sak', '[]', '', 'decided', '[]', '[]', "
            "'minutes')"
        ),
        [{"n": n} for n in range(count)],
    )


async def test_a_small_import_into_a_large_store_is_left_to_autovacuum(db: Database) -> None:
    """A near miss: a few cases into thousands (under a tenth) on PostgreSQL, where the
    refresh costs most of a second whatever the import's size."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite analyses after every import: a sampled ANALYZE takes milliseconds")
    await db.write(_many_cases)
    start = await db.read(_server_now)
    results = await import_paths(db, sorted(EXAMPLES.iterdir())[:1], ImportOptions())
    assert results[0].stored and 0 < results[0].cases < 200
    assert await db.read(lambda s: _known_since(s, start)) == dict.fromkeys(TABLES, False)
