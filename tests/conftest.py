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
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from assistant.importing import ImportOptions, import_paths
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
    """The URL of a fresh, migrated database (SQLite file or PostgreSQL clone). A test that
    asks for `seed_minutes` or `example_minutes` finds those minutes in it, as an import
    into the empty database leaves them."""
    wanted = [name for name in _PRELOADS if name in request.fixturenames]
    assert len(wanted) <= 1, f"a test finds one set of minutes imported, not {wanted}"
    preloads: _Preloads | None = request.getfixturevalue("preloads") if wanted else None
    if request.param == "sqlite":
        path = tmp_path / "referent.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        if preloads is not None:
            preloads.load_sqlite(path, wanted[0])
        yield f"sqlite+aiosqlite:///{path}"
        return
    name = request.getfixturevalue("pg_database").fresh()
    if preloads is not None:
        preloads.load_postgresql(name, wanted[0])
    yield _pg_url(name)


def _seed_paths() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds)")
    return sorted(SEEDS.glob("*.txt"))


# What a test may find already imported (database_url), by the fixture that asks for it.
_PRELOADS: dict[str, Callable[[], list[Path]]] = {
    "seed_minutes": _seed_paths,
    "example_minutes": lambda: sorted(EXAMPLES.iterdir()),
}


@pytest.fixture
def seed_minutes() -> None:
    """The five seed minutes, imported into the test's database (see database_url)."""
    _seed_paths()


@pytest.fixture
def example_minutes() -> None:
    """The project's example minutes, imported into the test's database (database_url)."""


class _Preloads:
    """Minutes imported once per test process and backend, then copied into each test's
    database that asks for them: an import of the seeds cost a quarter of a second of the
    setup of several hundred tests. The first import is a real one, checked; the copy is
    every row (and, on PostgreSQL, every sequence) it left."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.tables: dict[str, _Rows] = {}

    def load_sqlite(self, path: Path, name: str) -> None:
        saved = self.files.get(name)
        if saved is None:
            asyncio.run(_import(f"sqlite+aiosqlite:///{path}", _PRELOADS[name]()))
            saved = self.folder / f"{name}.db"
            _copy_sqlite(path, saved)
            self.files[name] = saved
            return
        _copy_sqlite(saved, path)

    def load_postgresql(self, database: str, name: str) -> None:
        rows = self.tables.get(name)
        if rows is None:
            asyncio.run(_import(_pg_url(database), _PRELOADS[name]()))
            self.tables[name] = asyncio.run(_Rows.read(database))
            return
        asyncio.run(rows.write(database))


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's own copy of a database: whole, whatever its WAL holds."""
    with closing(sqlite3.connect(source)) as read, closing(sqlite3.connect(target)) as write:
        read.backup(write)


@dataclass
class _Rows:
    """Every row of an (otherwise empty) PostgreSQL database, and its sequences."""

    tables: list[tuple[str, list[str], list[tuple[object, ...]]]]
    sequences: list[tuple[str, int]]

    @staticmethod
    async def read(database: str) -> _Rows:
        conn = await asyncpg.connect(_pg_dsn(database), timeout=5)
        try:
            tables = []
            for (table,) in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' ORDER BY tablename"
            ):
                rows = await conn.fetch(f'SELECT * FROM "{table}"')
                if rows:
                    tables.append((table, list(rows[0].keys()), [tuple(r) for r in rows]))
            sequences = await conn.fetch(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' AND last_value IS NOT NULL"
            )
            return _Rows(tables, [(q[0], q[1]) for q in sequences])
        finally:
            await conn.close()

    async def write(self, database: str) -> None:
        conn = await asyncpg.connect(_pg_dsn(database), timeout=5)
        try:
            async with conn.transaction():
                # Foreign keys are not checked while the tables are filled in any order.
                await conn.execute("SET LOCAL session_replication_role = replica")
                for table, columns, rows in self.tables:
                    await conn.copy_records_to_table(table, records=rows, columns=columns)
                for sequence, value in self.sequences:
                    await conn.execute("SELECT setval($1::text::regclass, $2)", sequence, value)
        finally:
            await conn.close()


async def _import(url: str, paths: list[Path]) -> None:
    db = Database(url)
    try:
        results = await import_paths(db, paths, ImportOptions())
    finally:
        await db.close()
    assert all(r.status == "imported" for r in results), [r.error for r in results]


@pytest.fixture(scope="session")
def preloads(tmp_path_factory: pytest.TempPathFactory) -> _Preloads:
    return _Preloads(tmp_path_factory.mktemp("preloads"))


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
