"""Engine and sessions for SQLite (aiosqlite) or PostgreSQL (asyncpg), and schema upgrades."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

T = TypeVar("T")

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same for every instance that upgrades.
_MIGRATION_LOCK_KEY = 7_160_331


def database_url(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> str:
    """REFERENT_DATABASE_URL, or a SQLite file `referent.db` in the working directory."""
    env = os.environ if env is None else env
    url = env.get("REFERENT_DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite+aiosqlite:///{(cwd or Path.cwd()) / 'referent.db'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite; cascades need it
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the importer
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    # 64 MiB of page cache (default 2 MiB): index inserts land all over the search index
    # and thrashed the small cache once it outgrew it.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


class Database:
    """One engine and its session factory; built by the composition root, never globally."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.url.get_backend_name() == "postgresql":
            kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=10)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._sync_engine: Engine | None = None
        self._sync_engine_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    def session(self) -> AsyncSession:
        return self.sessions()

    async def write(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in one transaction, committed when it returns.

        On a SQLite file this runs on a plain sqlite3 connection in a worker thread: through
        SQLAlchemy's aiosqlite adapter every statement costs ~0.4 ms of CPU in thread hops
        (four per statement), on the plain driver ~0.05 ms, and bulk writes (imports) are
        mostly statements. Elsewhere it runs through the async session (`run_sync`), so
        there is one synchronous code path.
        """
        if self._file_sqlite():
            return await asyncio.to_thread(self._in_thread, work, True)
        async with self.session() as session, session.begin():
            return await session.run_sync(work)

    async def read(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` and return its result; nothing it does is committed.

        For the same reason as `write`: an answer is half a dozen statements, which through
        the aiosqlite adapter cost more CPU than the answer itself. `work` must load what it
        returns (its objects are detached afterwards).
        """
        if self._file_sqlite():
            return await asyncio.to_thread(self._in_thread, work, False)
        async with self.session() as session:
            return await session.run_sync(work)

    def _file_sqlite(self) -> bool:
        return self.dialect == "sqlite" and self.url.database not in (None, "", ":memory:")

    def _in_thread(self, work: Callable[[Session], T], commit: bool) -> T:
        with self._sync_engine_lock:
            if self._sync_engine is None:
                self._sync_engine = create_engine(
                    self.url.set(drivername="sqlite+pysqlite"),
                    connect_args={"check_same_thread": False, "timeout": 10},
                )
                event.listen(self._sync_engine, "connect", _sqlite_pragmas)
            engine = self._sync_engine
        with Session(engine, expire_on_commit=False) as session:
            if not commit:
                return work(session)
            with session.begin():
                return work(session)

    async def upgrade(self) -> None:
        """Bring the schema to the newest migration (safe to run from several instances)."""
        if self.dialect == "sqlite" and self.url.database not in (None, "", ":memory:"):
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        async with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})"))
            await conn.run_sync(_upgrade)

    async def optimize(self) -> None:
        """Refresh the query planner's statistics after bulk writes. Without them SQLite
        guesses that `tenant = ?` picks a few cases and drives a search from 50,000 case
        rows instead of from the postings (140 ms against 13). A sampled ANALYZE takes
        milliseconds. PostgreSQL's autovacuum does this by itself."""
        if self.dialect != "sqlite":
            return
        async with self.engine.begin() as conn:
            await conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            await conn.exec_driver_sql("ANALYZE")

    @contextlib.asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """Hold `name` against every other process on this database until the block ends:
        on PostgreSQL a transaction-scoped advisory lock on a connection of its own. SQLite
        serves one process (the caller's own asyncio lock is enough): nothing to take."""
        if self.dialect != "postgresql":
            yield
            return
        key = int.from_bytes(
            hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
        )
        async with self.engine.connect() as conn, conn.begin():
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            yield

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()
        if self._sync_engine is not None:
            self._sync_engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
