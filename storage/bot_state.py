"""A botbuilder `Storage` on the project's database: bot state shared by all bot instances.

botbuilder-python has no SQL storage; this one behaves like its `MemoryStorage` (the
reference) with the e_tag handling of its persistent storages (Cosmos DB, Blob):

- `read(keys)` returns only the keys that exist. Each item comes back as it was written (a
  dict as a dict, an object as an object of its class) with `e_tag` set to the stored one.
- `write(changes)`: an item whose `e_tag` is missing, None or "*" overwrites; any other e_tag
  must equal the stored one, else `ETagConflictError` (a `KeyError`, as MemoryStorage raises).
  A key that does not exist yet is created whatever its e_tag, as in MemoryStorage. Every
  successful write gives the item a new e_tag. The items passed in are not changed.
- One `write` is one transaction: if any item conflicts, none is written.
- `delete(keys)` removes the keys; missing keys are fine.

The compare-and-set runs in SQL (UPDATE … WHERE key = :k AND e_tag = :seen), so it holds
across processes and hosts.

Serialisation: items are flattened with jsonpickle, as botbuilder-azure's storages do, and
stored as JSON text. Plain JSON would lose the classes: dialog state is a `DialogState` of
`DialogInstance`s holding `PromptOptions` and `Activity` objects, and the dialog breaks on the
next turn if they come back as dicts. Datetimes (naive or aware, with their zone) come back as
datetimes, sets and tuples as sets and tuples; dict keys become strings, as in JSON.

Restoring jsonpickle data imports the classes it names and may call them, so a row that
names anything outside `allowed_modules` is refused (ValueError) rather than restored: write
access to the table must not become code execution. Writing an object of another module
fails at once (TypeError), where the bot's code can be fixed, not on the next turn.

A class that no longer exists (renamed, moved) raises jsonpickle's ClassNotFoundError on read
rather than coming back as a dict; delete that state.

Known SDK trap: `BotState.save_changes` writes the state dict it read, with the e_tag it
read, and nothing updates that e_tag after a write. From the second turn on (once the state
has an e_tag), a second save of changed state in the same turn therefore conflicts: save once
per turn, or `load(turn_context, force=True)` before changing and saving again.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from botbuilder.core import Storage
from jsonpickle.pickler import Pickler
from jsonpickle.unpickler import Unpickler
from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import BotState as BotStateRow
from storage.models import utcnow

KEY_MAX_LENGTH = 1024  # the column's length; checked here so SQLite refuses what PostgreSQL does
# Modules whose classes may be stored: the SDK's (dialog state, activities), the standard
# value types, and this project's bot and dialogs packages.
DEFAULT_ALLOWED_MODULES: tuple[str, ...] = (
    "botbuilder",
    "datetime",
    "zoneinfo",
    "decimal",
    "uuid",
    "bot",
    "dialogs",
)
# jsonpickle tags whose value is an importable name (restoring imports it, and may call it).
_NAMED_TAGS = ("py/object", "py/type", "py/function", "py/mod")
_CHUNK = 500  # keys per IN (…): well under SQLite's and asyncpg's bound-parameter limits

_table = BotStateRow.__table__


class ETagConflictError(KeyError):
    """A write carried an e_tag that is no longer the stored one: someone wrote in between."""

    def __init__(self, key: str, written: str, stored: str | None) -> None:
        super().__init__(key)
        self.key, self.written, self.stored = key, written, stored

    def __str__(self) -> str:
        return (
            f"e_tag conflict on bot state key {self.key!r}: written with e_tag "
            f"{self.written!r}, stored e_tag is {self.stored!r}; read it again and retry"
        )


class DatabaseStorage(Storage):
    """Bot Framework `Storage` on the `bot_state` table (see the module docstring)."""

    def __init__(
        self, db: Database, *, allowed_modules: Iterable[str] = DEFAULT_ALLOWED_MODULES
    ) -> None:
        super().__init__()
        self._db = db
        self._allowed = tuple(allowed_modules)

    async def read(self, keys: Sequence[str] | None) -> dict[str, Any]:
        if not keys:  # MemoryStorage: None or [] reads nothing
            return {}
        wanted = list(dict.fromkeys(keys))

        def work(session: Session) -> dict[str, tuple[str, str]]:
            rows: dict[str, tuple[str, str]] = {}
            for chunk in _chunks(wanted):
                result = session.execute(
                    select(_table.c.key, _table.c.data, _table.c.e_tag).where(
                        _table.c.key.in_(chunk)
                    )
                )
                rows.update((key, (data, e_tag)) for key, data, e_tag in result)
            return rows

        # Every turn reads its conversation's state: one thread hop on SQLite (Database.read)
        rows = await self._db.read(work)
        return {key: self._load(key, *rows[key]) for key in wanted if key in rows}

    async def write(self, changes: Mapping[str, Any] | None) -> None:
        if changes is None:
            raise Exception("Changes are required when writing")  # MemoryStorage's message
        if not changes:
            return
        # Serialise (and refuse bad input) before the transaction, to keep it short.
        prepared = [(_check_key(key), *self._dump(key, item)) for key, item in changes.items()]
        await self._db.write(lambda session: self._write_all(session, prepared))

    async def delete(self, keys: Iterable[str]) -> None:
        wanted = list(keys)  # None raises TypeError, as in MemoryStorage
        if not wanted:
            return

        def work(session: Session) -> None:
            for chunk in _chunks(wanted):
                session.execute(delete(_table).where(_table.c.key.in_(chunk)))

        await self._db.write(work)

    def _write_all(self, session: Session, prepared: list[tuple[str, str, str | None]]) -> None:
        insert = pg_insert if self._db.dialect == "postgresql" else sqlite_insert
        for key, data, seen in prepared:
            values = {"data": data, "e_tag": uuid.uuid4().hex, "updated_at": utcnow()}
            if seen is None:
                # Unconditional: an upsert, so a concurrent first write cannot fail it.
                stmt = insert(_table).values(key=key, **values)
                session.execute(
                    stmt.on_conflict_do_update(index_elements=[_table.c.key], set_=values)
                )
                continue
            updated = session.execute(
                update(_table).where(_table.c.key == key, _table.c.e_tag == seen).values(values)
            )
            if updated.rowcount == 1:
                continue
            # No row with that e_tag: a missing key is created (as in MemoryStorage); if the
            # row exists, or another writer creates it first, the e_tag is stale.
            inserted = session.execute(
                insert(_table)
                .values(key=key, **values)
                .on_conflict_do_nothing(index_elements=[_table.c.key])
                .returning(_table.c.key)
            ).first()
            if inserted is None:
                stored = session.execute(
                    select(_table.c.e_tag).where(_table.c.key == key)
                ).scalar_one_or_none()
                raise ETagConflictError(key, seen, stored)  # rolls back the whole write

    def _dump(self, key: str, item: Any) -> tuple[str, str | None]:
        """The item's JSON text without its e_tag, and the e_tag to compare (None: overwrite)."""
        e_tag = item.get("e_tag") if isinstance(item, dict) else getattr(item, "e_tag", None)
        if e_tag == "":
            raise Exception("bot_state.write(): etag missing")  # as MemoryStorage
        if e_tag is not None and not isinstance(e_tag, str):
            raise TypeError(f"e_tag of bot state key {key!r} must be a str, not {e_tag!r}")
        flat = Pickler(keys=False, warn=True).flatten(item)
        if isinstance(flat, dict):
            flat.pop("e_tag", None)  # the column holds it; a copy here would go stale
        name = self._disallowed_name(flat)
        if name is not None:
            raise TypeError(
                f"bot state key {key!r} holds {name!r}, which could not be read back: only "
                f"module-level classes of {', '.join(self._allowed)} (allowed_modules)"
            )
        return json.dumps(flat, ensure_ascii=False, separators=(",", ":")), (
            None if e_tag in (None, "*") else e_tag
        )

    def _load(self, key: str, data: str, e_tag: str) -> Any:
        flat = json.loads(data)
        name = self._disallowed_name(flat)
        if name is not None:
            raise ValueError(
                f"bot state key {key!r} names {name!r}, outside allowed_modules; not restored"
            )
        item = Unpickler(safe=True, on_missing="error").restore(flat)
        if isinstance(item, dict):
            item["e_tag"] = e_tag
        elif hasattr(item, "__dict__") and not isinstance(item, type):
            with contextlib.suppress(AttributeError, TypeError):  # frozen or slotted objects
                item.e_tag = e_tag
        return item

    def _disallowed_name(self, flat: Any) -> str | None:
        """The first importable name in jsonpickle data that is not allowed, if any."""
        stack = [flat]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if "py/repr" in node:  # eval-based; never produced for allowed types
                    return str(node["py/repr"])
                for tag in _NAMED_TAGS:
                    name = node.get(tag)
                    if name is not None and not self._is_allowed(name):
                        return str(name)
                stack.extend(node.values())
        return None

    def _is_allowed(self, name: Any) -> bool:
        # "<locals>" classes cannot be imported again, whatever their module.
        return (
            isinstance(name, str)
            and "<locals>" not in name
            and any(name == m or name.startswith(m + ".") for m in self._allowed)
        )


def _check_key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"bot state keys are str, not {type(key).__name__}: {key!r}")
    if len(key) > KEY_MAX_LENGTH:
        raise ValueError(f"bot state key longer than {KEY_MAX_LENGTH} characters: {key[:80]!r}…")
    return key


def _chunks(keys: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]
