"""Keeping the decision-search index, and what an agenda reads of a case, in step with the
cases: one call per write."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case
from storage.posting_writes import set_term_counts, write_rebuilt_postings
from storage.search_index import (
    finish_rebuild,
    get_meta,
    replace_postings,
    set_meta,
    start_rebuild,
)

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


def _write_postings(session: Session, cases: Iterable[Case]) -> Counter[int]:
    """Postings of cases that have none (all were cleared), and how many hold each term."""
    return write_rebuilt_postings(session, {case.id: case_weights(case) for case in cases})


async def reindex_all(session: AsyncSession, batch: int = 500) -> int:
    """Rebuild every case's postings (after the analysis changed), in the caller's
    transaction: all cleared, then written a batch of cases at a time, and the terms'
    counts once at the end. Returns the case count."""
    await session.run_sync(start_rebuild)
    counts: Counter[int] = Counter()
    done = 0
    last_id = 0
    while True:
        cases = list(
            await session.scalars(
                select(Case).where(Case.id > last_id).order_by(Case.id).limit(batch)
            )
        )
        if not cases:
            await session.run_sync(set_term_counts, counts)
            await session.run_sync(finish_rebuild)
            return done
        counts += await session.run_sync(_write_postings, cases)  # the postings alone
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
