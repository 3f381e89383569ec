"""After an import the planner knows the store: statistics on both databases, and on
PostgreSQL the visibility map a vacuum leaves (Database.optimize), so index-only scans are
planned as cheap as they are rather than waiting for autovacuum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from assistant.importing import ImportOptions, import_paths
from storage.database import Database

EXAMPLES = Path(__file__).parents[2] / "examples"
TABLES = ("search_posting", "case_item", "meeting", "task")


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
