"""Every index the models declare is in a migrated store, on SQLite and PostgreSQL: an index
added to storage/models.py but not to a migration (as ix_case_item_meeting_scope was, until
migration 0023) leaves the statements that rely on it reading table rows instead."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from storage.database import Database
from storage.models import Base

# Indexes a dialect's layout leaves out on purpose (none since migration 0027 packed the
# postings).
DIALECT_LAYOUT: dict[str, set[tuple[str, str]]] = {}


_INDEXES = {
    # By name from the catalogues: SQLAlchemy's reflection skips SQLite's expression indexes.
    "sqlite": "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'",
    "postgresql": "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'",
}


def _missing(connection: Connection) -> list[tuple[str, str]]:
    dialect = connection.dialect.name
    found = {(table, name) for table, name in connection.execute(text(_INDEXES[dialect]))}
    declared = {
        (table.name, str(index.name))
        for table in Base.metadata.sorted_tables
        for index in table.indexes
    }
    return sorted(declared - DIALECT_LAYOUT.get(dialect, set()) - found)


async def test_every_declared_index_is_migrated(db: Database) -> None:
    async with db.engine.connect() as connection:
        assert await connection.run_sync(_missing) == []
