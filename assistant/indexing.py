"""Keeping the decision-search index, and what an agenda reads of a case, in step with the
cases: one call per write."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case
from storage.posting_store import Rebuild, replace_postings, start_rebuild
from storage.search_index import get_meta, set_meta

from .planned_facts import record_cases
from .search.analysis import analysis_fingerprint
from .search.case_weights import case_weights


def index_cases(session: Session, cases: Iterable[Case]) -> None:
    """Index cases written in this transaction, which may have been indexed before; and
    keep what an agenda reads of their text (assistant/planned_facts.py): both are worked
    out from the text when it is written, not at every answer."""
    written = list(cases)
    _index_postings(session, written)
    record_cases(session, written)


def _index_postings(session: Session, cases: Iterable[Case]) -> None:
    replace_postings(session, {case.id: case_weights(case) for case in cases})


async def reindex_all(session: AsyncSession, batch: int = 500) -> int:
    """Rebuild every case's postings (after the analysis changed), in the caller's
    transaction: all cleared, then written a batch of cases at a time, and the terms'
    counts and best postings once at the end. Returns the case count."""
    await session.run_sync(start_rebuild)
    rebuild = Rebuild()
    done = 0
    last_id = 0
    while True:
        cases = list(
            await session.scalars(
                select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch)
            )
        )
        if not cases:
            await session.run_sync(rebuild.finish)
            return done
        weights = {case.id: case_weights(case) for case in cases}
        await session.run_sync(rebuild.write, weights)  # the postings alone
        done += len(cases)
        last_id = cases[-1].id


ANALYSIS_KEY = "analysis"


async def ensure_index_current(db: Database) -> int | None:
    """Rebuild the index when the text analysis changed since it was built (a new stemmer,
    stopword list or compound list). Returns the number of cases reindexed, or None."""
    current = analysis_fingerprint()
    async with db.session() as session, session.begin():
        if await get_meta(session, ANALYSIS_KEY) == current:
            return None
        count = await reindex_all(session)
        await set_meta(session, ANALYSIS_KEY, current)
    await db.optimize()
    return count
