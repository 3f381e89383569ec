"""The decision-search index in plain tables, so SQLite and PostgreSQL rank identically.

Text is analysed in Python (assistant/search); here we only store postings (term id, case,
weight) and score with one portable SQL query: sum over matched terms of the stored BM25
term weight times the query term's weight and idf.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import TextClause, bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .committee_access import viewer_of
from .models import Case, SearchMeta, SearchTerm

# A term in more cases than this is scored only over its highest-weighted postings.
CANDIDATES_PER_TERM = 100
# Postings store a weight as an integer, the weight times this (migration 0025): four
# decimals, and BM25 weights (assistant/search/case_weights.py) are below 2.2, so SQLite
# stores two bytes instead of eight.
WEIGHT_SCALE = 10_000


def stored_weight(weight: float) -> int:
    """`weight` as a posting stores it: rounded (truncating weight × scale + 0.5, as
    migration 0025 converted the stored ones)."""
    return int(weight * WEIGHT_SCALE + 0.5)


def term_counts(weights_by_case: Mapping[int, Mapping[str, float]]) -> Counter[str]:
    """How many of the cases hold each term."""
    return Counter(t for weights in weights_by_case.values() for t in weights)


def posting_rows(
    weights_by_case: Mapping[int, Mapping[str, float]], ids: Mapping[str, int]
) -> list[tuple[int, int, int]]:
    """The (term id, case id, stored weight) rows of the cases' postings, `ids` naming the
    terms, grouped by term as the search index orders them: neighbouring rows land on the
    same index pages instead of all over them. (Ordering by term alone keeps the sort in C;
    within a term the rows are few.)"""
    rows = [
        (ids[t], case_id, stored_weight(w))
        for case_id, weights in weights_by_case.items()
        for t, w in weights.items()
    ]
    rows.sort(key=itemgetter(0))
    return rows


def add_postings(
    session: Session,
    weights_by_case: Mapping[int, Mapping[str, float]],
    replaced: str | None = None,
) -> None:
    """Postings of cases that have none yet (new cases), with their terms; `replaced`: the
    ids (as `_numbers` writes them) of cases whose postings are deleted first. Terms before
    postings: the order an import and a rebuild of the whole index (`start_rebuild`) take
    them in, so that no two writers wait for each other in a circle."""
    cases = term_counts(weights_by_case)
    session.info.pop(_CANDIDATES_READ, None)  # what a search read in this session is stale
    ids = add_terms(session, cases)
    if replaced:
        session.execute(text(f"DELETE FROM search_posting WHERE case_id IN ({replaced})"))
    insert_postings(session, posting_rows(weights_by_case, ids))


def insert_postings(session: Session, rows: list[tuple[int, int, int]]) -> None:
    """`posting_rows`' rows, in one executemany on the driver."""
    if rows:
        _driver_executemany(session, "search_posting", ("term_id", "case_id", "weight"), rows)


def replace_postings(session: Session, weights_by_case: Mapping[int, Mapping[str, float]]) -> None:
    """The postings of cases that may have some already. All at once: the terms' counts
    are then updated once per term, not once per case holding it (on PostgreSQL each update
    leaves a dead row version behind: per case, 2.9 million of them for 30,000 cases)."""
    if weights_by_case:
        ids = _numbers(sorted(weights_by_case))  # as numbers: a batch may pass 32,767 ids
        present = set(
            session.scalars(text(_PRESENT_CASES.format(ids=ids, lock=_key_share(session))))
        )
        kept = {c: w for c, w in weights_by_case.items() if c in present}
        add_postings(session, kept, replaced=ids)


# The postings' indexes on PostgreSQL (migrations 0018, 0024, 0025), dropped while the whole
# index is rebuilt and built again after: 4.9 million postings inserted in 19.1 s with them,
# in 2.2 s without and 3.0 s to build both, and 10 % smaller.
_POSTGRESQL_POSTING_INDEXES = {
    "ix_search_posting_term_weight": "(term_id, weight DESC, case_id)",
    "ix_search_posting_case_id": "(case_id, term_id) INCLUDE (weight)",
}


def start_rebuild(session: Session) -> None:
    """Every posting gone and every term held by no case: a rebuild of the whole index
    starts here, and `finish_rebuild` ends it, in one transaction. On PostgreSQL by
    TRUNCATE: deleting them a batch of cases at a time fired the term-count trigger once
    per posting, and the term rows' versions piled up within the transaction (50,000 cases:
    10.5 minutes, and 1.1 GB of postings after). It locks the postings until the rebuild
    commits: a search meanwhile waits for the new index instead of reading the old one.
    SQLite's trigger zeroes the counts as the rows go."""
    session.info.pop(_CANDIDATES_READ, None)
    if session.get_bind().dialect.name == "postgresql":
        # The terms first, as every writer takes them (see add_postings), then the postings.
        session.execute(text("LOCK TABLE search_term IN SHARE ROW EXCLUSIVE MODE"))
        session.execute(text("TRUNCATE search_posting"))
        for name in _POSTGRESQL_POSTING_INDEXES:
            session.execute(text(f"DROP INDEX {name}"))
        session.execute(text("UPDATE search_term SET cases = 0 WHERE cases <> 0"))
    else:
        session.execute(text("DELETE FROM search_posting"))
    count_removal(session)  # each process's search reloads its counts


def finish_rebuild(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        for name, columns in _POSTGRESQL_POSTING_INDEXES.items():
            session.execute(text(f"CREATE INDEX {name} ON search_posting {columns}"))


# The cases among `ids` still there, locked against deletion until the transaction ends on
# PostgreSQL, where no foreign key checks the postings (migration 0024): a case deleted
# meanwhile gets none. (On SQLite writers take turns, and its key still checks.)
_PRESENT_CASES = "SELECT id FROM case_item WHERE id IN ({ids}){lock}"


def _key_share(session: Session) -> str:
    return " FOR KEY SHARE" if session.get_bind().dialect.name == "postgresql" else ""


# A term's row counts the cases holding it (migration 0022): new postings add to it here, and
# a trigger takes away deleted ones.
ADD_TERM_CASES = "ON CONFLICT (term) DO UPDATE SET cases = search_term.cases + excluded.cases"
_KNOWN_TERM = "ON CONFLICT (term) DO NOTHING"  # a rebuild's terms: counted at its end


def add_terms(session: Session, cases: Mapping[str, int]) -> dict[str, int]:
    """Terms with how many more cases hold them (0: only known), and their ids. Sorted, so
    two writers update shared terms in the same order (no deadlock)."""
    rows = sorted(cases.items())
    if not rows:
        return {}
    _driver_executemany(session, "search_term", ("term", "cases"), rows, ADD_TERM_CASES)
    return term_ids(session, [term for term, _ in rows])


def add_new_terms(session: Session, terms: list[str]) -> dict[str, int]:
    """`terms` (sorted), added where new but not counted, and their ids: what a rebuild of
    the whole index writes (it sets the counts once at the end)."""
    rows = [(term, 0) for term in terms]
    _driver_executemany(session, "search_term", ("term", "cases"), rows, _KNOWN_TERM)
    return term_ids(session, terms)


_IDS_PER_STATEMENT = 500  # bound parameters: below SQLite's limit before 3.32 (999)


def term_ids(session: Session, terms: list[str]) -> dict[str, int]:
    """term -> its search_term id, for those of `terms` that have one."""
    found: dict[str, int] = {}
    for start in range(0, len(terms), _IDS_PER_STATEMENT):
        chunk = terms[start : start + _IDS_PER_STATEMENT]
        found.update(session.execute(_sql(_IDS_SQL, "terms"), {"terms": chunk}).all())
    return found


def _driver_executemany(
    session: Session,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[object, ...]],
    conflict: str = "",
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
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(marks)}) {conflict}"
    connection.exec_driver_sql(sql.rstrip(), rows)


async def get_meta(session: AsyncSession, key: str) -> str | None:
    return await session.scalar(select(SearchMeta.value).where(SearchMeta.key == key))


async def set_meta(session: AsyncSession, key: str, value: str) -> None:
    row = await session.get(SearchMeta, key)
    if row is None:
        session.add(SearchMeta(key=key, value=value))
    else:
        row.value = value


def vocabulary(session: Session) -> list[str]:
    return list(session.scalars(select(SearchTerm.term)))


@dataclass(frozen=True, slots=True)
class Filters:
    tenant: str
    committee_ids: tuple[int, ...] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    meeting_id: int | None = None
    # Committees the asker may not read (storage/committee_access.py): set by `search` from
    # the session's viewer, whatever the caller gave.
    hidden: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Hit:
    case_id: int
    score: float
    strong: bool = False  # holds one of the `strong` terms the search was given


def index_version(session: Session) -> tuple[int, int, int]:
    """Changes whenever cases or terms are added, or postings removed: (newest term id,
    newest case id, removals so far)."""
    return index_state(session).version


@dataclass(frozen=True, slots=True)
class IndexState:
    version: tuple[int, int, int]  # as `index_version`
    tenants: tuple[str | None, str | None]  # the lowest and the highest tenant of a case


def index_state(session: Session) -> IndexState:
    """The index's version and its cases' tenant bounds, in one statement. The bounds stay
    right while the version does: a case of a new tenant is a new case, and a tenant whose
    cases are all gone only leaves searches filtering by the tenant they would not need."""
    row = session.execute(_sql(_VERSION_SQL)).one()
    return IndexState((int(row[0] or 0), int(row[1] or 0), int(row[2] or 0)), (row[3], row[4]))


REMOVALS_KEY = "postings_removed"


def count_removal(session: Session) -> None:
    """Postings were removed (a document deleted): the index's version changes, so each
    process's search reloads its counts (how many cases hold a term; they only grow else)."""
    session.info.pop(_CANDIDATES_READ, None)
    row = session.get(SearchMeta, REMOVALS_KEY)
    if row is None:
        session.add(SearchMeta(key=REMOVALS_KEY, value="1"))
    else:
        row.value = str(int(row.value or 0) + 1)
    session.flush()


class TermRow(NamedTuple):
    id: int
    cases: int  # how many cases hold the term


_UNKNOWN = TermRow(0, 0)


def term_rows(
    session: Session, terms: list[str], known: dict[str, TermRow] | None = None
) -> dict[str, TermRow]:
    """term -> its id and how many cases hold it, for the terms found in any case. `known`
    caches the rows between searches (the caller clears it when the index changes)."""
    known = {} if known is None else known
    missing = [t for t in terms if t not in known]
    if missing:
        rows = session.execute(_sql(_FREQUENCIES_SQL, "terms"), {"terms": missing})
        # One update with every row: answers in other threads share `known`, and one that
        # saw the zeros before the counts would find nothing.
        counted = dict.fromkeys(missing, _UNKNOWN) | {t: TermRow(i, c) for t, i, c in rows}
        known.update(counted)
    return {t: known[t] for t in terms if known[t].cases}


def document_frequencies(
    session: Session, terms: list[str], known: dict[str, TermRow] | None = None
) -> dict[str, int]:
    """term -> number of cases holding it, for the terms found in any case."""
    return {t: row.cases for t, row in term_rows(session, terms, known).items()}


def collection_size(session: Session) -> int:
    """How many cases BM25 weighs a term's rarity against: every case in the store. (A case
    whose text has no index term at all, a title of stopwords, counts as a case with no
    words, as BM25 counts an empty document.) Counting the cases that hold postings instead,
    `count(DISTINCT case_id)` over every posting, took 2–3 s on a 200,000-case PostgreSQL
    store at the first question after each import or captured case; this count reads the
    cases' smallest index."""
    return session.scalar(select(func.count()).select_from(Case)) or 0


# The searches' SQL is written out rather than built as expressions: a question runs it
# once, and building and compiling a dozen expression objects cost more CPU than SQLite
# spends answering (it is the same SQL on both databases). User text is always bound.
_VERSION_SQL = (
    "SELECT (SELECT max(id) FROM search_term), (SELECT max(id) FROM case_item), "
    f"(SELECT value FROM search_meta WHERE key = '{REMOVALS_KEY}'), "
    "(SELECT min(tenant) FROM case_item), (SELECT max(tenant) FROM case_item)"
)
# Kept on the term's row (migration 0022): counting a common term's postings read tens of
# thousands of index entries.
_FREQUENCIES_SQL = "SELECT term, id, cases FROM search_term WHERE term IN :terms"
_IDS_SQL = "SELECT term, id FROM search_term WHERE term IN :terms"
# The lowest and highest tenant: each subquery is one probe at an end of ix_case_item_tenant
# on both databases, and without parameters the plan cannot turn generic. (A range test
# `tenant < :t OR tenant > :t` ran on PostgreSQL as a prepared statement whose generic plan,
# not knowing :t, scanned the whole case table: 25 ms at 50,000 cases.)
_TENANT_BOUNDS_SQL = (
    "SELECT (SELECT min(tenant) FROM case_item), (SELECT max(tenant) FROM case_item)"
)


@functools.lru_cache(maxsize=256)
def _sql(statement: str, *expanding: str) -> TextClause:
    clause = text(statement)
    return clause.bindparams(*[bindparam(name, expanding=True) for name in expanding])


def _numbers(values: Iterable[int]) -> str:
    """Ids written into the SQL as numbers: as thousands of bound parameters they would cost
    a new prepared statement for every count, and PostgreSQL checks a parameter array
    linearly per row, but hashes a constant list."""
    return ", ".join(str(int(v)) for v in values)


def _candidates(session: Session, common: list[int], rare: list[int]) -> list[_Posting]:
    """The postings of each common term's CANDIDATES_PER_TERM highest-weighted cases (ties
    by case id; read off the (term, weight) index), and every posting of a rare term, in one
    statement. Unfiltered: filters come after, on this short list, so an answer that
    searches again with fewer filters (decision_answer's widening) reads them once in its
    session."""
    read = session.info.setdefault(_CANDIDATES_READ, {})
    key = (tuple(common), tuple(rare))
    if key not in read:
        read[key] = _read_candidates(session, common, rare)
    return read[key]


_CANDIDATES_READ = "search_index.candidates"  # session.info: (common, rare) -> postings
_Posting = tuple[int, int, int]  # case id, term id, stored weight


def _read_candidates(session: Session, common: list[int], rare: list[int]) -> list[_Posting]:
    """The terms are written as numbers: the statement has no parameter, so PostgreSQL plans
    it for its terms every time (bound, the generic plan of a statement asked six times read
    every posting of its common terms: 529,502 rows at 200,000 cases, 32 ms instead of 4)."""
    parts = [
        "SELECT case_id, term_id, weight FROM (SELECT case_id, term_id, weight "
        f"FROM search_posting WHERE term_id = {int(term)} ORDER BY weight DESC, case_id "
        f"LIMIT {CANDIDATES_PER_TERM}) AS top{i}"
        for i, term in enumerate(common)
    ]
    if rare:
        parts.append(
            "SELECT case_id, term_id, weight FROM search_posting "
            f"WHERE term_id IN ({_numbers(rare)})"
        )
    return session.execute(text(" UNION ALL ".join(parts))).all()  # type: ignore[return-value]


def _worth_scoring(
    postings: list[_Posting],
    weighted: Mapping[int, float],
    common: list[int],
    cases: set[int],
    limit: int,
) -> list[int]:
    """The cases of `cases` that can be among the `limit` best. The candidate postings give
    each case's weight exactly for a rare term (all its postings were read) and for a common
    term whose best postings hold the case; for any other common term the case's weight is
    at most that term's lowest weight read. A case whose score is at most that bound less
    than the `limit`-th best score known for sure cannot rank among the `limit` best, so its
    postings need not be read (they were most of a ranking's reads: every posting of a few
    hundred cases)."""
    if len(cases) <= limit or min(weighted.values()) <= 0:
        return sorted(cases)
    read: Counter[int] = Counter()
    lowest: dict[int, float] = {}
    for _, term, weight in postings:
        read[term] += 1
        lowest[term] = min(weight, lowest.get(term, weight))
    # A common term with fewer postings than read for it had all of them read.
    unread = {t: lowest[t] * weighted[t] for t in common if read[t] >= CANDIDATES_PER_TERM}
    known = dict.fromkeys(cases, 0.0)  # the score from the weights read
    covered = dict.fromkeys(cases, 0.0)  # of `unread`, what the case's weights read replace
    for case_id, term, weight in postings:
        if case_id in known:
            known[case_id] += weight * weighted[term]
            if term in unread:
                covered[case_id] += unread[term]
    threshold = sorted(known.values(), reverse=True)[limit - 1]
    # A margin for sums added in another order (SQL's) than here.
    threshold -= abs(threshold) * 1e-9 + 1e-12
    most = sum(unread.values())
    return sorted(c for c, score in known.items() if score + most - covered[c] >= threshold)


@dataclass(frozen=True, slots=True)
class _Filtering:
    """The filters as joins and conditions on the postings query."""

    filters: Filters
    join_cases: bool

    @classmethod
    def of(
        cls, session: Session, f: Filters, tenants: tuple[str | None, str | None] | None
    ) -> _Filtering:
        filtered = (
            f.committee_ids is not None or f.meeting_id is not None or f.start or f.end or f.hidden
        )
        # Without other filters and with one tenant in the store, every posting is the
        # asker's: no join (looking up each posting's case was most of a search's cost).
        return cls(f, bool(filtered) or _other_tenants(session, f.tenant, tenants))

    def joins(self) -> str:
        if not self.join_cases:
            return ""
        sql = " JOIN case_item c ON c.id = p.case_id"
        if self.filters.start or self.filters.end:
            sql += " JOIN meeting m ON m.id = c.meeting_id"
        return sql

    def conditions(self) -> list[str]:
        if not self.join_cases:
            return []
        return self.case_conditions() + self.period_conditions()

    def case_conditions(self) -> list[str]:
        """On case_item c: tenant, committee, meeting."""
        f = self.filters
        found = ["c.tenant = :tenant"]
        if f.committee_ids is not None:
            found.append(f"c.committee_id IN ({_numbers(f.committee_ids) or 'NULL'})")
        if f.meeting_id is not None:
            found.append(f"c.meeting_id = {int(f.meeting_id)}")
        if f.hidden:
            hidden = _numbers(sorted(f.hidden))
            found.append(f"(c.committee_id IS NULL OR c.committee_id NOT IN ({hidden}))")
        return found

    def period_conditions(self) -> list[str]:
        """On meeting m. ISO dates compare correctly as text (SQLite) and as date literals
        (PostgreSQL)."""
        f = self.filters
        found = []
        if f.start:
            found.append(f"m.date >= '{f.start.isoformat()}'")
        if f.end:
            found.append(f"m.date <= '{f.end.isoformat()}'")
        return found


def terms_in_case(session: Session, case_id: int, terms: Mapping[int, str]) -> set[str]:
    """Which of `terms` (term id -> term, as `term_rows` found them) case `case_id` holds."""
    if not terms:
        return set()
    ids = _numbers(sorted(terms))
    sql = f"SELECT term_id FROM search_posting WHERE case_id = :case AND term_id IN ({ids})"
    return {terms[term_id] for term_id in session.scalars(text(sql), {"case": case_id})}


def _other_tenants(
    session: Session, tenant: str, known: tuple[str | None, str | None] | None
) -> bool:
    """Whether any case belongs to another tenant: all are `tenant`'s when the lowest and
    the highest tenant both are (compared for equality only, so collations do not matter).
    `known`: the bounds as `index_state` read them, else they are read here."""
    low, high = known if known is not None else session.execute(_sql(_TENANT_BOUNDS_SQL)).one()
    return low is not None and (low != tenant or high != tenant)


def _scores(
    session: Session,
    weighted: Mapping[int, float],
    strong: frozenset[int],
    filtering: _Filtering,
    limit: int,
    candidates: list[int] | None = None,
) -> list[Hit]:
    where = [] if candidates is None else [f"p.case_id IN ({_numbers(candidates) or 'NULL'})"]
    where += filtering.conditions()
    tenant = {"tenant": filtering.filters.tenant}
    return _ranked(session, weighted, strong, where, limit, filtering.joins(), tenant)


def _ranked(
    session: Session,
    weighted: Mapping[int, float],
    strong: frozenset[int],
    where: list[str],
    limit: int,
    joins: str = "",
    params: Mapping[str, Any] | None = None,
) -> list[Hit]:
    """The `limit` best cases by their postings of the terms (by id) that meet `where`, ties
    by case id: the one ranking statement every search runs. Its terms and case ids are
    written as numbers, so PostgreSQL plans it for them every time (see _read_candidates)."""
    where = [f"p.term_id IN ({_numbers(sorted(weighted))})", *where]
    sql = (
        f"SELECT p.case_id, {_score_columns(weighted, strong)} "
        f"FROM search_posting p{joins} WHERE {' AND '.join(where)} "
        f"GROUP BY p.case_id ORDER BY score DESC, p.case_id LIMIT {int(limit)}"
    )
    return _hits(session.execute(text(sql), params or {}))


def _score_columns(weighted: Mapping[int, float], strong: frozenset[int]) -> str:
    """A case's score, and whether it holds a strong term: the group of a case's postings
    holds every posting it has of the terms, so it holds one of those if any (one statement
    less than asking after the ranking). The query's weight per term (over WEIGHT_SCALE, so
    scores are in the weights' own units) as a CASE expression: portable (SQLite's VALUES
    cannot be aliased with column names), and planners handle it well for a handful of
    terms."""
    whens = " ".join(
        f"WHEN {int(t)} THEN CAST({weighted[t] / WEIGHT_SCALE!r} AS DOUBLE PRECISION)"
        for t in sorted(weighted)
    )
    held = sorted(strong & weighted.keys())
    flag = f"MAX(CASE WHEN p.term_id IN ({_numbers(held)}) THEN 1 ELSE 0 END)" if held else "0"
    return f"SUM(p.weight * CASE p.term_id {whens} ELSE 0 END) AS score, {flag} AS strong"


def _hits(rows: Iterable[Any]) -> list[Hit]:
    return [Hit(case_id, float(score), bool(strong)) for case_id, score, strong in rows]


def idf(total: int, frequency: int) -> float:
    """BM25's weight of a term held by `frequency` of `total` cases: rarer weighs more."""
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


def search(
    session: Session,
    query: Mapping[str, float],
    *,
    filters: Filters,
    limit: int = 10,
    total: int | None = None,
    known: dict[str, TermRow] | None = None,
    strong: Iterable[str] = (),
    tenants: tuple[str | None, str | None] | None = None,
) -> list[Hit]:
    """Cases ranked by BM25 for `query` (term -> query weight). Ties break on case id.
    `known` caches the terms' rows between searches (`term_rows`). A hit is `strong` when
    its case holds any of the `strong` terms. `tenants`: the cases' lowest and highest
    tenant (`index_state`), if known."""
    if not query:
        return []
    viewer = viewer_of(session)
    if viewer is not None and viewer.hidden:
        filters = replace(filters, hidden=viewer.hidden)
    rows = term_rows(session, list(query), known)
    if not rows:
        return []
    n = total if total is not None else collection_size(session)
    # From here on the terms are their ids.
    df = {row.id: row.cases for row in rows.values()}
    weighted = {row.id: query[t] * idf(n, row.cases) for t, row in rows.items()}
    filtering = _Filtering.of(session, filters, tenants)
    marked = frozenset(rows[t].id for t in strong if t in rows)
    common = sorted(t for t in weighted if df[t] > CANDIDATES_PER_TERM)
    if common:
        # Summing every posting of a term found in most cases is what made a search slow on a
        # big store. Score only the cases among each common term's highest-weighted postings
        # (or holding a rarer term): the best matches weigh high on the terms they share with
        # the question, so they are among them; the order stays one both databases agree on.
        # Of those, only the ones the filters allow and that can still be among the best are
        # read in full.
        rare = [t for t in weighted if t not in common]
        postings = _candidates(session, common, rare)
        cases = {p[0] for p in postings}
        if filtering.join_cases:
            cases = _allowed(session, filtering, cases)
        if cases:
            kept = _worth_scoring(postings, weighted, common, cases, limit)
            return _scores(session, weighted, marked, _Filtering(filters, False), limit, kept)
        if not filtering.join_cases:
            return []
        # A narrow filter ("på siste møte", "budsjett i 2016") may leave none of them: score
        # all it allows, selecting those cases first (the same scores and order as joining
        # every posting of the terms to its case, which cost 80 ms for "budsjett i 2016").
        scope = _scope(session, filtering)
        if scope is not None:
            return _scores_within(session, weighted, marked, df, scope, limit)
    return _scores(session, weighted, marked, filtering, limit)


def _allowed(session: Session, filtering: _Filtering, cases: set[int]) -> set[int]:
    """Which of `cases` the filters allow: checked once per case here rather than on each
    of its postings while scoring."""
    f = filtering.filters
    sql = "SELECT c.id FROM case_item c"
    if f.start or f.end:
        sql += " JOIN meeting m ON m.id = c.meeting_id"
    where = [f"c.id IN ({_numbers(sorted(cases))})", *filtering.conditions()]
    return set(session.scalars(text(f"{sql} WHERE {' AND '.join(where)}"), {"tenant": f.tenant}))


def _scope(session: Session, filtering: _Filtering) -> list[int] | None:
    """The ids of the cases the filters allow, or None when only the tenant is asked (then
    that is most cases). Read from the narrow case indexes of migration 0012, led by the
    committee or the meeting, never from every case of the tenant."""
    f = filtering.filters
    if f.committee_ids is None and f.meeting_id is None and not (f.start or f.end):
        return None
    conditions = filtering.case_conditions()
    if f.start or f.end:
        # The period's meetings first, as numbers: joined instead, both planners could
        # prefer reading every case of the tenant through the tenant index.
        sql = f"SELECT m.id FROM meeting m WHERE {' AND '.join(filtering.period_conditions())}"
        meetings = list(session.scalars(text(sql)))
        if not meetings:
            return []
        conditions.append(f"c.meeting_id IN ({_numbers(meetings)})")
    # No ORDER BY: SQLite would read all of ix_case_item_filter (led by the id) to skip a sort.
    sql = f"SELECT c.id FROM case_item c WHERE {' AND '.join(conditions)}"
    return list(session.scalars(text(sql), {"tenant": f.tenant}))


def _scores_within(
    session: Session,
    weighted: Mapping[int, float],
    strong: frozenset[int],
    frequencies: Mapping[int, int],
    scope: list[int],
    limit: int,
) -> list[Hit]:
    """`_scores` over the cases `scope` (filtered already), read whichever way is shorter:
    each case's postings of the terms (few cases), or every posting of the terms kept when
    its case is in the scope (few postings; the unary plus keeps SQLite off the case index)."""
    if not scope:
        return []
    by_case = len(scope) * len(weighted) < sum(frequencies[t] for t in weighted)
    column = "p.case_id" if by_case else "+p.case_id"
    return _ranked(session, weighted, strong, [f"{column} IN ({_numbers(scope)})"], limit)
