"""`Database.exclusive`: a conversation's turns one at a time across instances, on one
pooled connection per turn (PostgreSQL), and the pool settings read from the environment."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from storage.database import Database, DatabaseConfigError, PoolSettings

ONE_CONNECTION = PoolSettings(size=1, overflow=0, timeout=3)
# Advisory locks and a pool of connections are PostgreSQL's: these tests run on it alone.
ON_POSTGRES = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def _backend_pid(session: Session) -> int:
    return int(session.execute(text("SELECT pg_backend_pid()")).scalar_one())


async def _advisory_locks(db: Database) -> int:
    """Advisory locks held in this database by anyone but the asking connection (other
    databases' are other tests', run at the same time by other pytest workers)."""
    other = Database(str(db.url.render_as_string(False)))
    try:
        return await other.read(
            lambda s: s.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid <> pg_backend_pid() AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                )
            ).scalar_one()
        )
    finally:
        await other.close()


@pytest.fixture
async def pg(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url, pool=ONE_CONNECTION)
    yield db
    await db.close()


@ON_POSTGRES
async def test_a_turn_does_all_its_work_on_the_one_connection_it_holds(pg: Database) -> None:
    """With a pool of one connection, a turn reads, writes and opens sessions while it holds
    its lock: it never asks the pool for a second connection (that waited for itself)."""
    async with pg.exclusive("conversation:a"):
        read_pid = await pg.read(_backend_pid)
        write_pid = await pg.write(_backend_pid)
        async with pg.session() as session:
            session_pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert read_pid == write_pid == session_pid
        assert await _advisory_locks(pg) == 1
    assert await _advisory_locks(pg) == 0


@ON_POSTGRES
async def test_sixteen_turns_on_a_pool_of_two_all_finish(database_url: str) -> None:
    db = Database(database_url, pool=PoolSettings(size=2, overflow=0, timeout=10))
    finished: list[int] = []

    async def turn(n: int) -> None:
        async with db.exclusive(f"conversation:{n}"):
            await db.read(lambda s: s.execute(text("SELECT 1")).scalar_one())
            await asyncio.sleep(0.01)  # the reply goes out while the lock is held
            await db.write(lambda s: s.execute(text("SELECT 1")).scalar_one())
            finished.append(n)

    try:
        await asyncio.wait_for(asyncio.gather(*(turn(n) for n in range(16))), 30)
    finally:
        await db.close()
    assert sorted(finished) == list(range(16))


@ON_POSTGRES
async def test_a_write_inside_the_block_is_committed_when_it_returns(pg: Database) -> None:
    await pg.write(lambda s: s.execute(text("CREATE TABLE probe (n int)")))
    other = Database(str(pg.url.render_as_string(False)))
    try:
        async with pg.exclusive("conversation:a"):
            await pg.write(lambda s: s.execute(text("INSERT INTO probe VALUES (1)")))
            seen = await other.read(lambda s: s.execute(text("SELECT count(*) FROM probe")))
            assert seen.scalar_one() == 1  # visible to others before the turn ends
    finally:
        await other.close()


@ON_POSTGRES
async def test_a_failed_write_is_rolled_back_and_the_turn_goes_on(pg: Database) -> None:
    await pg.write(lambda s: s.execute(text("CREATE TABLE probe (n int PRIMARY KEY)")))

    def twice(session: Session) -> None:
        session.execute(text("INSERT INTO probe VALUES (2)"))
        session.execute(text("INSERT INTO probe VALUES (2)"))

    async with pg.exclusive("conversation:a"):
        with pytest.raises(Exception, match="duplicate key"):
            await pg.write(twice)
        rows = await pg.read(lambda s: s.execute(text("SELECT count(*) FROM probe")).scalar_one())
        assert rows == 0
    assert await _advisory_locks(pg) == 0


@ON_POSTGRES
async def test_the_lock_is_given_back_when_the_turn_fails_or_is_cancelled(pg: Database) -> None:
    with pytest.raises(ZeroDivisionError):
        async with pg.exclusive("conversation:a"):
            _ = 1 / 0
    assert await _advisory_locks(pg) == 0

    entered = asyncio.Event()

    async def stuck() -> None:
        async with pg.exclusive("conversation:a"):
            entered.set()
            await asyncio.sleep(60)

    task = asyncio.create_task(stuck())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _advisory_locks(pg) == 0
    async with pg.exclusive("conversation:a"):  # and the one connection is back in the pool
        assert await pg.read(_backend_pid)


@ON_POSTGRES
async def test_another_instance_waits_for_the_conversation(database_url: str) -> None:
    """Two instances (two engines): the second turn of a conversation begins when the first
    ends; a different conversation does not wait."""
    first, second = Database(database_url), Database(database_url)
    order: list[str] = []
    try:
        async with first.exclusive("conversation:a"):
            waiting = asyncio.create_task(_turn(second, "conversation:a", order, "second"))
            await _turn(second, "conversation:b", order, "other conversation")
            await asyncio.sleep(0.3)
            assert not waiting.done()
            order.append("first")
        await asyncio.wait_for(waiting, 10)
    finally:
        await first.close()
        await second.close()
    assert order == ["other conversation", "first", "second"]


@ON_POSTGRES
async def test_the_wait_for_another_instance_is_bounded(database_url: str) -> None:
    first = Database(database_url)
    second = Database(database_url, pool=PoolSettings(lock_timeout=0.3))
    try:
        async with first.exclusive("conversation:a"):
            with pytest.raises(Exception, match="lock timeout"):
                await _turn(second, "conversation:a", [], "second")
        await _turn(second, "conversation:a", [], "second")  # and then it is free
    finally:
        await first.close()
        await second.close()


async def _turn(db: Database, name: str, order: list[str], label: str) -> None:
    async with db.exclusive(name):
        order.append(label)


@ON_POSTGRES
async def test_work_started_in_a_turn_and_left_running_goes_back_to_the_pool(
    pg: Database,
) -> None:
    """A task started inside the block inherits the held connection while the block lasts
    (one session at a time on it) and takes a pooled one once the block has ended."""
    release = asyncio.Event()

    async def background() -> int:
        await release.wait()
        return await pg.read(_backend_pid)

    async with pg.exclusive("conversation:a"):
        held_pid = await pg.read(_backend_pid)
        task = asyncio.create_task(background())
        during = await asyncio.gather(*(pg.read(_backend_pid) for _ in range(4)))
        assert set(during) == {held_pid}
    release.set()
    assert await asyncio.wait_for(task, 5)  # not stuck on a connection returned to the pool
    assert await _advisory_locks(pg) == 0


@ON_POSTGRES
async def test_using_the_database_inside_a_held_session_fails_loudly(pg: Database) -> None:
    """One session at a time on the held connection: a second use from inside the first
    would wait for itself forever; it raises instead."""
    async with pg.exclusive("conversation:a"), pg.session() as session:
        await session.execute(text("SELECT 1"))
        with pytest.raises(RuntimeError, match="inside a session"):
            await pg.read(_backend_pid)


@ON_POSTGRES
async def test_nested_blocks_share_the_connection(pg: Database) -> None:
    async with pg.exclusive("conversation:a"), pg.exclusive("task:7"):
        assert await _advisory_locks(pg) == 2
        assert await pg.read(_backend_pid)
    assert await _advisory_locks(pg) == 0


@ON_POSTGRES
async def test_without_the_block_a_small_pool_times_out_clearly(pg: Database) -> None:
    """The pool's timeout is the configured one: a second connection asked for while the
    only one is taken fails after it, not after SQLAlchemy's default 30 s."""
    pg_short = Database(
        str(pg.url.render_as_string(False)), pool=PoolSettings(size=1, overflow=0, timeout=0.5)
    )
    try:
        async with pg_short.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
            with pytest.raises(PoolTimeout):
                await pg_short.read(_backend_pid)
    finally:
        await pg_short.close()


async def test_on_sqlite_the_block_takes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        await db.upgrade()
        async with db.exclusive("conversation:a"), db.exclusive("conversation:a"):
            assert await db.read(lambda s: s.execute(text("SELECT 1")).scalar_one()) == 1
    finally:
        await db.close()


# ---- settings ----------------------------------------------------------------------------


def test_pool_settings_from_the_environment() -> None:
    assert PoolSettings.from_env({}) == PoolSettings()
    settings = PoolSettings.from_env(
        {
            "REFERENT_DB_POOL_SIZE": "20",
            "REFERENT_DB_MAX_OVERFLOW": "0",
            "REFERENT_DB_POOL_TIMEOUT": "2.5",
            "REFERENT_DB_CONNECT_TIMEOUT": "3",
            "REFERENT_DB_LOCK_TIMEOUT": " 12 ",
        }
    )
    assert settings == PoolSettings(
        size=20, overflow=0, timeout=2.5, connect_timeout=3, lock_timeout=12
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REFERENT_DB_POOL_SIZE", "0"),
        ("REFERENT_DB_POOL_SIZE", "2.5"),
        ("REFERENT_DB_POOL_SIZE", "ten"),
        ("REFERENT_DB_MAX_OVERFLOW", "-1"),
        ("REFERENT_DB_POOL_TIMEOUT", "0"),
        ("REFERENT_DB_POOL_TIMEOUT", "nan"),
        ("REFERENT_DB_CONNECT_TIMEOUT", "-5"),
        ("REFERENT_DB_LOCK_TIMEOUT", "30s"),
    ],
)
def test_pool_settings_that_make_no_sense_are_refused(name: str, value: str) -> None:
    with pytest.raises(DatabaseConfigError, match=name):
        PoolSettings.from_env({name: value})
