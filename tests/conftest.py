"""Shared fixtures: a clean database per test on SQLite and on PostgreSQL, and the seeds.

PostgreSQL tests skip with a visible reason when the server is unreachable, unless
REFERENT_REQUIRE_POSTGRES=1 (CI), where they fail instead. PostgreSQL tests share one database
cloned from a migrated template and emptied before each test; SQLite tests each get a copy of a
migrated file. Either way a test starts from the migrated, empty schema.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
PG_ADMIN_URL = os.environ.get(
    "REFERENT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
TIMEZONES = ("Europe/Oslo", "America/New_York")


def _pg_dsn(database: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{database}"


def _pg_url(database: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{database}"


async def _pg_admin(sql: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated template database, made once per test session."""
    name = f"referent_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        message = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {error}"
        if os.environ.get("REFERENT_REQUIRE_POSTGRES") == "1":
            pytest.fail(message + " (REFERENT_REQUIRE_POSTGRES=1)")
        pytest.skip(message)

    async def migrate() -> None:
        db = Database(_pg_url(name))
        await db.upgrade()
        await db.close()

    asyncio.run(migrate())
    yield name
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, made once per test session: each test gets a copy (running
    the migrations costs a tenth of a second, a copy next to nothing)."""
    path = tmp_path_factory.mktemp("template") / "referent.db"

    async def migrate() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await db.upgrade()
        await db.close()

    asyncio.run(migrate())
    return path


_SCHEMA_SHAPE = (
    "SELECT md5(string_agg(table_name || '.' || column_name || ':' || data_type, ','"
    " ORDER BY table_name, column_name)) FROM information_schema.columns"
    " WHERE table_schema = 'public'"
)


class _ReusedDatabase:
    """One PostgreSQL database for the session's tests, emptied before each: a clone of the
    template per test cost a third of a second to create and drop (CREATE DATABASE copies
    files), emptying it a fiftieth. When emptying fails (a test left a lock behind) the
    database is cloned again, so a test always starts from the migrated, empty schema."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.name = f"referent_r_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.emptying: str | None = None
        self.shape: str | None = None  # the migrated schema's columns, as a digest
        asyncio.run(self._clone())

    async def _clone(self) -> None:
        await _pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        await _pg_admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')
        self.emptying = None

    async def _empty(self) -> bool:
        """Empty the tables; False when a test changed the schema (made a table of its own,
        say), which only a new clone undoes."""
        conn = await asyncpg.connect(_pg_dsn(self.name), timeout=5)
        try:
            shape = await conn.fetchval(_SCHEMA_SHAPE)
            if self.shape is None:
                self.shape = shape
            elif shape != self.shape:
                return False
            if self.emptying is None:
                tables = await conn.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
                sequences = await conn.fetch(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
                )
                # Foreign keys are not checked while every table is emptied at once.
                self.emptying = "".join(
                    [
                        "SET lock_timeout = '5s'; SET session_replication_role = replica;",
                        *(f'DELETE FROM "{t[0]}";' for t in tables),
                        *(f'ALTER SEQUENCE "{q[0]}" RESTART;' for q in sequences),
                    ]
                )
            await conn.execute(self.emptying)
            return True
        finally:
            await conn.close()

    def fresh(self) -> str:
        try:
            emptied = asyncio.run(self._empty())
        except (OSError, asyncpg.PostgresError, TimeoutError):
            emptied = False
        if not emptied:
            asyncio.run(self._clone())
        return self.name

    def drop(self) -> None:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_database(pg_template: str) -> Iterator[_ReusedDatabase]:
    reused = _ReusedDatabase(pg_template)
    yield reused
    reused.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database (SQLite file or PostgreSQL clone)."""
    if request.param == "sqlite":
        path = tmp_path / "referent.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite+aiosqlite:///{path}"
        return
    yield _pg_url(request.getfixturevalue("pg_database").fresh())


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    yield database
    await database.close()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds)")
    return SEEDS


def seed(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000", "001", …)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds)")
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(params=TIMEZONES)
def process_tz(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with the process's local time zone set to each of TIMEZONES."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()
