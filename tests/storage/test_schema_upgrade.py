"""Database.upgrade: a store at the newest migration is left as it is (the start reads its
revision only), an older one is brought to the newest — on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from storage.database import Database, alembic_config


def _revision(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


async def _current(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return await conn.run_sync(_revision)


async def test_an_older_store_is_brought_to_the_newest_and_a_new_one_left(db: Database) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    heads = set(script.get_heads())
    await db.upgrade()
    assert await _current(db) == heads
    await db.upgrade()  # at the newest already: nothing to do, nothing fails
    assert await _current(db) == heads

    previous = script.get_revision(next(iter(heads))).down_revision
    assert isinstance(previous, str)
    async with db.engine.begin() as conn:
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), previous))
    assert await _current(db) == {previous}
    await db.upgrade()
    assert await _current(db) == heads
