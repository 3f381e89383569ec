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

from sqlalchemy import Float, and_, case, delete, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .models import Case, Meeting, SearchMeta, SearchPosting, SearchTerm

# BM25 parameters. Document length is normalised against a fixed average so stored weights
# need no rewrite as the collection grows; case texts are of similar length everywhere.
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 120.0


def bm25_weights(term_counts: Mapping[str, float], length: float) -> dict[str, float]:
    norm = K1 * (1 - B + B * length / AVERAGE_LENGTH)
    return {term: tf * (K1 + 1) / (tf + norm) for term, tf in term_counts.items()}


def add_postings(session: Session, weights_by_case: Mapping[int, Mapping[str, float]]) -> None:
    """Postings of cases that have none yet (new cases)."""
    rows = [
        (t, case_id, w) for case_id, weights in weights_by_case.items() for t, w in weights.items()
    ]
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


async def vocabulary_version(session: AsyncSession) -> int:
    return await session.scalar(select(func.max(SearchTerm.id))) or 0


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


async def indexed_cases(session: AsyncSession) -> int:
    return await session.scalar(select(func.count(func.distinct(SearchPosting.case_id)))) or 0


async def search(
    session: AsyncSession,
    query: Mapping[str, float],
    *,
    filters: Filters,
    limit: int = 10,
    total: int | None = None,
) -> list[Hit]:
    """Cases ranked by BM25 for `query` (term -> query weight). Ties break on case id."""
    if not query:
        return []
    terms = list(query)
    df_rows = await session.execute(
        select(SearchPosting.term, func.count())
        .where(SearchPosting.term.in_(terms))
        .group_by(SearchPosting.term)
    )
    df = dict(df_rows.all())
    if not df:
        return []
    n = total if total is not None else await indexed_cases(session)
    weighted = {t: query[t] * math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items() if d}
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
    f = filters
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
    stmt = stmt.where(and_(*conditions))
    rows = await session.execute(stmt)
    return [Hit(case_id, float(s)) for case_id, s in rows.all()]
