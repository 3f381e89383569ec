"""Keeping the decision-search index, and what an agenda reads of a case, in step with the
cases: one call per write."""

from __future__ import annotations

import asyncio
import os
from collections import deque
from collections.abc import AsyncIterator, Iterable
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case
from storage.posting_store import Rebuild, purge, replace_postings, start_rebuild
from storage.search_index import get_meta, set_meta

from .orphans import worker_pool, workers
from .planned_facts import record_cases
from .search.analysis import analysis_fingerprint
from .search.case_weights import Text, case_weights, weights_of


def index_cases(session: Session, cases: Iterable[Case]) -> None:
    """Index cases written in this transaction, which may have been indexed before; and
    keep what an agenda reads of their text (assistant/planned_facts.py): both are worked
    out from the text when it is written, not at every answer."""
    written = list(cases)
    _index_postings(session, written)
    record_cases(session, written)


def _index_postings(session: Session, cases: Iterable[Case]) -> None:
    replace_postings(session, {case.id: case_weights(case) for case in cases})


# From this many cases a rebuild analyses their text in worker processes: the analysis is
# most of its CPU (at 50,000 cases ~10 s of ~22 on one core), and starting workers costs
# ~0.1 s.
PARALLEL_FROM = 5_000


async def reindex_all(
    session: AsyncSession, batch: int = 500, parallel_from: int = PARALLEL_FROM
) -> int:
    """Rebuild every case's postings (after the analysis changed), in the caller's
    transaction: all cleared, then written a batch of cases at a time, and the terms'
    blocks, counts and best postings once at the end. Returns the case count. The text of
    the next batches is analysed in worker processes while this one writes."""
    await session.run_sync(start_rebuild)
    rebuild = Rebuild()
    total = await session.scalar(select(func.count()).select_from(Case)) or 0
    parallel = total >= parallel_from and (os.cpu_count() or 1) > 1
    pool = worker_pool("assistant.search.case_weights") if parallel else None
    ahead: deque[asyncio.Future[dict[int, dict[str, float]]]] = deque()
    done = 0
    try:
        async for texts in _texts(session, batch):
            ahead.append(_analysed(pool, texts))
            done += len(texts)
            if len(ahead) > workers():
                await session.run_sync(rebuild.write, await ahead.popleft())
        while ahead:
            await session.run_sync(rebuild.write, await ahead.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    await session.run_sync(rebuild.finish)
    return done


async def _texts(session: AsyncSession, batch: int) -> AsyncIterator[list[Text]]:
    """The cases' texts, a batch at a time in id order."""
    columns = (Case.id, Case.title, Case.body, Case.decision, Case.proposal)
    last_id = 0
    while True:
        rows = await session.execute(
            select(*columns).where(Case.id > last_id).order_by(Case.id).limit(batch)
        )
        texts = [Text(*row) for row in rows]
        if not texts:
            return
        yield texts
        last_id = texts[-1].id


def _analysed(
    pool: ProcessPoolExecutor | None, texts: list[Text]
) -> asyncio.Future[dict[int, dict[str, float]]]:
    if pool is not None:
        return asyncio.wrap_future(pool.submit(weights_of, texts))
    analysed = asyncio.get_running_loop().create_future()
    analysed.set_result(weights_of(texts))
    return analysed


ANALYSIS_KEY = "analysis"


async def ensure_index_current(db: Database) -> int | None:
    """Rebuild the index when the text analysis changed since it was built (a new stemmer,
    stopword list or compound list), or a migration dropped the fingerprint with the old
    layout (0027). Returns the number of cases reindexed, or None. Else the postings of
    cases deleted some way that left them queued are purged now, not at the next write."""
    current = analysis_fingerprint()
    async with db.session() as session, session.begin():
        if await get_meta(session, ANALYSIS_KEY) == current:
            await session.run_sync(purge)
            return None
        count = await reindex_all(session)
        await set_meta(session, ANALYSIS_KEY, current)
    await db.optimize()
    return count
