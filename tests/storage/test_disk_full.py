"""is_disk_full tells a database out of room from its other refusals, from real driver errors
(the disk itself filling up is tests/cli/test_import_disk_full.py)."""

from __future__ import annotations

import asyncio
import errno
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from storage.database import Database
from storage.disk_full import is_disk_full
from tests.conftest import _pg_url, _ReusedDatabase


def sqlite_error(path: Path, *statements: str) -> DBAPIError:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    except DBAPIError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("the statements ran")


def test_sqlite_out_of_room_is_disk_full(tmp_path: Path) -> None:
    # The file's page limit gives SQLite's own SQLITE_FULL, as a full disk does.
    error = sqlite_error(
        tmp_path / "full.db",
        "PRAGMA max_page_count = 2",
        "CREATE TABLE t (x TEXT)",
        "INSERT INTO t VALUES (zeroblob(100000))",
    )
    assert "full" in str(error.orig)
    assert is_disk_full(error)
    assert is_disk_full(error.orig)


@pytest.mark.parametrize(
    "statements",
    [
        (
            "CREATE TABLE t (x TEXT UNIQUE)",
            "INSERT INTO t VALUES ('a')",
            "INSERT INTO t VALUES ('a')",
        ),
        ("SELECT * FROM missing",),
        ("CREATE TABLE t (x TEXT NOT NULL)", "INSERT INTO t VALUES (NULL)"),
    ],
    ids=["unique", "no such table", "not null"],
)
def test_other_sqlite_refusals_are_not(tmp_path: Path, statements: tuple[str, ...]) -> None:
    assert not is_disk_full(sqlite_error(tmp_path / "other.db", *statements))


def test_other_postgresql_refusals_are_not(pg_database: _ReusedDatabase) -> None:
    url = _pg_url(pg_database.fresh())

    async def refused(statement: str) -> DBAPIError:
        db = Database(url)
        try:
            async with db.session() as session:
                await session.execute(text(statement))
        except DBAPIError as error:
            return error
        finally:
            await db.close()
        raise AssertionError(f"{statement} ran")

    for statement in ("SELECT 1/0", "SELECT * FROM missing", "SELECT repeat('x', -1)::int"):
        assert not is_disk_full(asyncio.run(refused(statement))), statement


def test_an_operating_system_error_is_not_the_database_s() -> None:
    assert not is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
