"""Shared fixtures: a clean database per test on SQLite and on PostgreSQL, and the seeds.

PostgreSQL tests skip with a visible reason when the server is unreachable, unless
REFERENT_REQUIRE_POSTGRES=1 (CI), where they fail instead. Each PostgreSQL test gets its own
database cloned from a migrated template, so tests stay isolated and fast.
"""

from __future__ import annotations

import asyncio
import os
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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, migrated database (SQLite file or PostgreSQL clone)."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'referent.db'}"

        async def migrate() -> None:
            db = Database(url)
            await db.upgrade()
            await db.close()

        asyncio.run(migrate())
        yield url
        return
    template = request.getfixturevalue("pg_template")
    name = f"referent_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield _pg_url(name)
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


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
