"""The decision-search index in plain tables, so SQLite and PostgreSQL rank identically.

Text is analysed in Python (assistant/search); here we only store postings (term, case,
weight) and score with one portable SQL query: sum over matched terms of the stored BM25
term weight times the query term's weight and idf.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Float,
    Select,
    and_,
    bindparam,
    case,
    delete,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .models import Case, Meeting, SearchMeta, SearchPosting, SearchTerm

# BM25 parameters. Document length is normalised against a fixed average so stored weights
# need no rewrite as the collection grows; case texts are of similar length everywhere.
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 120.0
# A term in more cases than this is scored only over its highest-weighted postings.
CANDIDATES_PER_TERM = 100


def bm25_weights(term_counts: Mapping[str, float], length: float) -> dict[str, float]:
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return {term: tf * (K1 + 1) / (tf + norm) for term, tf in term_counts.items()}


def add_postings(session: Session, weights_by_case: Mapping[int, Mapping[str, float]]) -> None:
    """Postings of cases that have none yet (new cases). Written grouped by term, as the
    search index orders them: neighbouring rows land on the same index pages instead of all
    over them. (Ordering by term alone keeps the sort in C; within a term the rows are few.)"""
    rows = [
        (t, case_id, w) for case_id, weights in weights_by_case.items() for t, w in weights.items()
    ]
    rows.sort(key=itemgetter(0))
    if rows:
        _driver_executemany(session, "search_posting", ("term", "case_id", "weight"), rows)
        add_terms(session, {row[0] for row in rows})


def replace_postings(session: Session, case_id: int, weights: Mapping[str, float]) -> None:
    session.execute(delete(SearchPosting).where(SearchPosting.case_id == case_id))
    add_postings(session, {case_id: weights})


def add_terms(session: Session, terms: Iterable[str]) -> None:
    rows = [(t,) for t in sorted(set(terms))]
    if rows:
        _driver_executemany(session, "search_term", ("term",), rows, ignore_duplicates=True)


def _driver_executemany(
    session: Session,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[object, ...]],
    *,
    ignore_duplicates: bool = False,
) -> None:
    """A multi-row insert straight on the driver. Postings are hundreds of rows per document,
    and SQLAlchemy's per-row parameter processing cost more than the database's work."""
    connection = session.connection()
    style = connection.dialect.paramstyle
    marks = {
        "qmark": ["?"] * len(columns),
        "format": ["%s"] * len(columns),
        "numeric_dollar": [f"${i}" for i in range(1, len(columns) + 1)],
        "numeric": [f":{i}" for i in range(1, len(columns) + 1)],
    }[style]
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(marks)})"
    if ignore_duplicates:
        sql += " ON CONFLICT DO NOTHING"
    connection.exec_driver_sql(sql, rows)


async def get_meta(session: AsyncSession, key: str) -> str | None:
    return await session.scalar(select(SearchMeta.value).where(SearchMeta.key == key))


async def set_meta(session: AsyncSession, key: str, value: str) -> None:
    row = await session.get(SearchMeta, key)
    if row is None:
        session.add(SearchMeta(key=key, value=value))
    else:
        row.value = value


async def vocabulary(session: AsyncSession) -> list[str]:
    return list(await session.scalars(select(SearchTerm.term)))


@dataclass(frozen=True, slots=True)
class Filters:
    tenant: str
    committee_ids: tuple[int, ...] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    meeting_id: int | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    case_id: int
    score: float


async def index_version(session: AsyncSession) -> tuple[int, int]:
    """Changes whenever cases or terms are added: (newest term id, newest case id)."""
    row = (
        await session.execute(select(select(func.max(SearchTerm.id)).scalar_subquery(),
                                     select(func.max(Case.id)).scalar_subquery()))
    ).one()  # fmt: skip
    return int(row[0] or 0), int(row[1] or 0)


async def document_frequencies(
    session: AsyncSession, terms: list[str], known: dict[str, int] | None = None
) -> dict[str, int]:
    """term -> number of cases holding it, for the terms found in any case."""
    known = {} if known is None else known
    missing = [t for t in terms if t not in known]
    if missing:
        rows = await session.execute(
            select(SearchPosting.term, func.count())
            .where(SearchPosting.term.in_(missing))
            .group_by(SearchPosting.term)
        )
        known.update({t: 0 for t in missing})
        known.update(dict(rows.all()))
    return {t: known[t] for t in terms if known[t]}


async def indexed_cases(session: AsyncSession) -> int:
    return await session.scalar(select(func.count(func.distinct(SearchPosting.case_id)))) or 0


async def _candidates(session: AsyncSession, common: list[str], rare: list[str]) -> list[int]:
    """The cases among each common term's CANDIDATES_PER_TERM highest-weighted postings
    (ties by case id; read off the (term, weight) index), and every case holding a rare
    term, in one statement. Unfiltered: filters come after, on this short list."""
    parts = [
        select(
            select(SearchPosting.case_id)
            .where(SearchPosting.term == term)
            .order_by(SearchPosting.weight.desc(), SearchPosting.case_id)
            .limit(CANDIDATES_PER_TERM)
            .subquery()
        )
        for term in common
    ]
    if rare:
        parts.append(select(SearchPosting.case_id).where(SearchPosting.term.in_(rare)))
    return sorted(set(await session.scalars(union_all(*parts))))


def _one_of(column: Any, ids: list[int]) -> Any:
    """`column IN (ids)`, the ids written into the SQL as numbers: as thousands of bound
    parameters they would cost a new prepared statement for every count, and PostgreSQL
    checks a parameter array linearly per row, but hashes a constant list."""
    return column.in_(bindparam("candidate_ids", ids, expanding=True, literal_execute=True))


@dataclass(frozen=True, slots=True)
class _Filtering:
    """The filters as joins and conditions on a query over postings."""

    filters: Filters
    join_cases: bool

    @classmethod
    async def of(cls, session: AsyncSession, f: Filters) -> _Filtering:
        filtered = f.committee_ids is not None or f.meeting_id is not None or f.start or f.end
        # Without other filters and with one tenant in the store, every posting is the
        # asker's: no join (looking up each posting's case was most of a search's cost).
        return cls(f, bool(filtered) or await _other_tenants(session, f.tenant))

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        if not self.join_cases:
            return stmt
        f = self.filters
        stmt = stmt.join(Case, Case.id == SearchPosting.case_id)
        conditions = [Case.tenant == f.tenant]
        if f.committee_ids is not None:
            conditions.append(Case.committee_id.in_(f.committee_ids))
        if f.meeting_id is not None:
            conditions.append(Case.meeting_id == f.meeting_id)
        if f.start or f.end:
            stmt = stmt.join(Meeting, Meeting.id == Case.meeting_id)
            if f.start:
                conditions.append(Meeting.date >= f.start)
            if f.end:
                conditions.append(Meeting.date <= f.end)
        return stmt.where(and_(*conditions))


async def _other_tenants(session: AsyncSession, tenant: str) -> bool:
    """Whether any case belongs to another tenant: two range probes on the tenant index."""
    other = select(Case.id).where(or_(Case.tenant < tenant, Case.tenant > tenant)).limit(1)
    return (await session.scalar(other)) is not None


async def search(
    session: AsyncSession,
    query: Mapping[str, float],
    *,
    filters: Filters,
    limit: int = 10,
    total: int | None = None,
    known: dict[str, int] | None = None,
) -> list[Hit]:
    """Cases ranked by BM25 for `query` (term -> query weight). Ties break on case id.
    `known` caches document frequencies between searches (the caller clears it when the
    index changes)."""
    if not query:
        return []
    df = await document_frequencies(session, list(query), known)
    if not df:
        return []
    n = total if total is not None else await indexed_cases(session)
    weighted = {t: query[t] * math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    # The query's weight per term as a CASE expression: portable (SQLite's VALUES cannot
    # be aliased with column names), and planners handle it well for a handful of terms.
    query_weight = case(
        *[(SearchPosting.term == t, literal(w, Float())) for t, w in sorted(weighted.items())],
        else_=literal(0.0, Float()),
    )
    score = func.sum(SearchPosting.weight * query_weight).label("score")
    stmt = (
        select(SearchPosting.case_id, score)
        .where(SearchPosting.term.in_(sorted(weighted)))
        .group_by(SearchPosting.case_id)
        .order_by(score.desc(), SearchPosting.case_id)
        .limit(limit)
    )
    filtering = await _Filtering.of(session, filters)
    common = sorted(t for t in weighted if df[t] > CANDIDATES_PER_TERM)
    if common:
        # Summing every posting of a term found in most cases is what made a search slow on a
        # big store. Score only the cases among each common term's highest-weighted postings
        # (or holding a rarer term): the best matches weigh high on the terms they share with
        # the question, so they are among them; the order stays one both databases agree on.
        rare = [t for t in weighted if t not in common]
        candidates = await _candidates(session, common, rare)
        narrowed = filtering.apply(stmt.where(_one_of(SearchPosting.case_id, candidates)))
        hits = (await session.execute(narrowed)).all()
        if hits or not filtering.join_cases:
            return [Hit(case_id, float(s)) for case_id, s in hits]
        # A narrow filter ("på siste møte") may leave none of them: score all it allows.
    rows = await session.execute(filtering.apply(stmt))
    return [Hit(case_id, float(s)) for case_id, s in rows.all()]
