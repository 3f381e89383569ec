"""Engine and sessions for SQLite (aiosqlite) or PostgreSQL (asyncpg), and schema upgrades."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import hashlib
import os
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
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


class DatabaseConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """How many PostgreSQL connections one process may hold, and how long it waits.

    A bot turn holds at most one connection (see `Database.exclusive`), so `size + overflow`
    bounds the turns that use the database at the same moment; more wait up to `timeout`
    seconds for a connection. Per server: instances × (size + overflow) + imports and
    admin tools must stay below PostgreSQL's max_connections (100 by default)."""

    size: int = 10
    overflow: int = 10
    timeout: float = 30.0  # seconds a turn waits for a free connection
    connect_timeout: float = 10.0  # seconds to open a new connection
    # Seconds a turn waits for its conversation while another instance holds it.
    lock_timeout: float = 30.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> PoolSettings:
        env = os.environ if env is None else env
        defaults = cls()
        return cls(
            size=_setting(env, "REFERENT_DB_POOL_SIZE", defaults.size, int, minimum=1),
            overflow=_setting(env, "REFERENT_DB_MAX_OVERFLOW", defaults.overflow, int, minimum=0),
            timeout=_setting(env, "REFERENT_DB_POOL_TIMEOUT", defaults.timeout, float),
            connect_timeout=_setting(
                env, "REFERENT_DB_CONNECT_TIMEOUT", defaults.connect_timeout, float
            ),
            lock_timeout=_setting(env, "REFERENT_DB_LOCK_TIMEOUT", defaults.lock_timeout, float),
        )


def _setting(
    env: Mapping[str, str], name: str, default: T, kind: Callable[[str], T], minimum: float = 0.1
) -> T:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not value >= minimum:  # type: ignore[operator]
        raise DatabaseConfigError(f"{name} must be a number of at least {minimum}, not {raw!r}")
    return value


@dataclass(eq=False)
class _HeldConnection:
    """The connection a block of work (a bot turn) holds with its advisory lock: every
    session of that work runs on it, one at a time, so the work needs no second one."""

    db: Database
    connection: AsyncConnection
    driver: Any  # the asyncpg connection under it
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    user: asyncio.Task[Any] | None = None
    open: bool = True


# The connection the current task's work holds (set by Database.exclusive). Tasks started
# inside the block inherit it; once the block ends they go back to the pool.
_held: contextvars.ContextVar[_HeldConnection | None] = contextvars.ContextVar(
    "referent_held_connection", default=None
)


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

    def __init__(self, url: str, *, echo: bool = False, pool: PoolSettings | None = None) -> None:
        self.url = make_url(url)
        self.pool = pool or PoolSettings()
        kwargs: dict[str, Any] = {"echo": echo}
        if self.url.get_backend_name() == "postgresql":
            kwargs.update(
                pool_pre_ping=True,
                pool_size=self.pool.size,
                max_overflow=self.pool.overflow,
                pool_timeout=self.pool.timeout,
                connect_args={"timeout": self.pool.connect_timeout},
            )
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.dialect == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._sync_engine: Engine | None = None
        self._sync_engine_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        return self.url.get_backend_name()

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """An async session: on the connection the current work holds (`exclusive`), else
        from the pool. Inside it, do not use the database another way (the held connection
        serves one session at a time: that would wait for itself, so it raises)."""
        held = _held.get()
        if held is None or held.db is not self or not held.open:
            async with self.sessions() as session:
                yield session
            return
        task = asyncio.current_task()
        if held.user is task:
            raise RuntimeError("the database was used inside a session of the same work")
        async with held.lock:
            held.user = task
            try:
                async with self.sessions(bind=held.connection) as session:
                    yield session
            finally:
                held.user = None

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
        """Refresh the query planner's statistics after bulk writes (an import, a reindex,
        a start). Without them SQLite guesses that `tenant = ?` picks a few cases and drives
        a search from 50,000 case rows instead of from the postings (140 ms against 13). A
        sampled ANALYZE takes milliseconds.

        PostgreSQL: VACUUM (ANALYZE) of the tables a search and an answer read, as its
        autovacuum would some time later. Until then a freshly loaded store has no
        visibility map, index-only scans look dear, and a committee's cases were planned as
        a scan of every posting (tests/storage/test_search_plans.py). It reads only the
        pages written since the last vacuum; SKIP_LOCKED passes over a table another
        instance is vacuuming instead of waiting for it. The tables in two halves at once, on
        two connections: one backend works on one core, and in one statement this was the
        last ~0.9 s of an import (1,000 documents into 50,000 cases) with the other core
        idle; 0.45–0.65 s so."""
        if self.dialect == "postgresql":
            done = await asyncio.gather(*map(self._vacuum, _VACUUMED), return_exceptions=True)
            for outcome in done:
                if isinstance(outcome, BaseException):
                    raise outcome
            return
        if self.dialect != "sqlite":
            return
        async with self.engine.begin() as conn:
            await conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            await conn.exec_driver_sql("ANALYZE")

    async def _vacuum(self, tables: tuple[str, ...]) -> None:
        async with self.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.exec_driver_sql(f"VACUUM (ANALYZE, SKIP_LOCKED) {', '.join(tables)}")

    @contextlib.asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[None]:
        """Hold `name` against every other process on this database until the block ends.

        On PostgreSQL: a session-level advisory lock on one pooled connection, which the
        block's own database work then uses too (`session`, `read`, `write`), so the block
        needs one connection, never a second one while it holds the first (that deadlocked
        the pool once as many blocks ran as it had connections). The wait for another
        instance's hold is bounded by the pool's lock_timeout. SQLite serves one process (the
        caller's own asyncio lock is enough): nothing to take."""
        if self.dialect != "postgresql":
            yield
            return
        key = int.from_bytes(
            hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True
        )
        timeout = str(int(self.pool.lock_timeout * 1000))
        outer = _held.get()
        if outer is not None and outer.db is self and outer.open:
            # Nested: one more lock on the connection already held, not a second connection.
            async with outer.lock:
                await outer.driver.fetchval(_LOCK_SQL, key, timeout)
            try:
                yield
            finally:
                async with outer.lock:
                    await outer.driver.fetchval(_UNLOCK_SQL, key)
            return
        async with self.engine.connect() as conn:
            # Straight on the driver, outside a transaction: one round trip each way.
            driver = (await conn.get_raw_connection()).driver_connection
            await driver.fetchval(_LOCK_SQL, key, timeout)
            held = _HeldConnection(self, conn, driver)
            token = _held.set(held)
            try:
                yield
            finally:
                _held.reset(token)
                held.open = False
                await _unlock(held, key)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()
        if self._sync_engine is not None:
            self._sync_engine.dispose()


# What Database.optimize vacuums on PostgreSQL: the tables imports write and answers read,
# in two halves of about equal work (case_item ~45 % of it: its long texts are sampled).
_VACUUMED = (
    ("case_item", "meeting", "search_term", "search_block"),
    ("task", "case_key", "task_term", "search_case"),
)
# The wait is bounded for this statement alone (set_config's local setting in its implicit
# transaction); the subquery in FROM is evaluated before the lock is asked for.
_LOCK_SQL = "SELECT pg_advisory_lock($1) FROM (SELECT set_config('lock_timeout', $2, true)) AS t"
_UNLOCK_SQL = "SELECT pg_advisory_unlock($1)"


async def _unlock(held: _HeldConnection, key: int) -> None:
    """Give the advisory lock back; if that fails, close the connection instead (PostgreSQL
    drops a session's locks with it), so a pooled connection never keeps one."""
    async with held.lock:  # a task started inside the block may still be using it
        try:
            await held.connection.rollback()
            await held.driver.fetchval(_UNLOCK_SQL, key)
        except BaseException:
            await held.connection.invalidate()
            raise


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _heads() -> frozenset[str]:
    """The newest migrations, read from the migration files once per process."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def _upgrade(connection: Connection) -> None:
    # A schema at the newest migration already is the common case (every start after the
    # first); asking alembic to upgrade it loaded every migration file again to find so,
    # ~36 ms a start, which a test suite starting bots by the hundred paid each time.
    if frozenset(MigrationContext.configure(connection).get_current_heads()) == _heads():
        return
    command.upgrade(alembic_config(connection), "head")
