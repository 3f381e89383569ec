"""What every start (`referent …`, the server) brings a store up to before it answers or
imports: the search index of the current text analysis, the settled tasks and the agenda
facts of the current rules. Each step does nothing on a store already current."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database

from .indexing import ensure_index_current
from .planned_facts import ensure_planned_current
from .settled_tasks import ensure_settled_current


@dataclass(frozen=True, slots=True)
class BroughtCurrent:
    """What was redone; None for a step that found the store current."""

    reindexed: int | None  # cases whose postings were rebuilt
    settled: int | None  # open tasks later meetings settled, recorded again
    planned: int | None  # cases whose agenda facts were worked out again


async def bring_current(db: Database) -> BroughtCurrent:
    """After the migration (`Database.upgrade`), once per start."""
    reindexed = await ensure_index_current(db)
    settled = await ensure_settled_current(db)
    planned = await ensure_planned_current(db)
    return BroughtCurrent(reindexed, settled, planned)
