"""Searching the decision-search index, so SQLite and PostgreSQL rank identically.

Text is analysed in Python (assistant/search); the postings (term id, case, weight) are
stored packed (storage/posting_store.py writes them) and scored here: the sum over matched
terms of the stored BM25 term weight times the query term's weight and idf.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any, NamedTuple

from sqlalchemy import TextClause, bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .committee_access import viewer_of
from .models import Case, SearchMeta, SearchTerm
from .posting_codec import unpack

# A term in more cases than this is scored only over its highest-weighted postings: the ones
# its search_term row keeps (`top`).
CANDIDATES_PER_TERM = 100
# Postings store a weight as an integer, the weight times this (migration 0025): four
# decimals, and BM25 weights (assistant/search/case_weights.py) are below 2.2, so SQLite
# stores two bytes instead of eight.
WEIGHT_SCALE = 10_000


def stored_weights(weights: Iterable[float]) -> list[int]:
    """The weights as postings store them: rounded (truncating weight × scale + 0.5, as
    migration 0025 converted the stored ones). A list at once: a rebuild stores millions."""
    return [int(weight * WEIGHT_SCALE + 0.5) for weight in weights]


def stored_weight(weight: float) -> int:
    return stored_weights((weight,))[0]


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
    row = session.get(SearchMeta, REMOVALS_KEY)
    if row is None:
        session.add(SearchMeta(key=REMOVALS_KEY, value="1"))
    else:
        row.value = str(int(row.value or 0) + 1)
    session.flush()


class TermRow(NamedTuple):
    id: int
    cases: int  # how many cases hold the term
    top: bytes | None = None  # its best postings, packed (storage/posting_store.py)


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
        counted = dict.fromkeys(missing, _UNKNOWN) | {t: TermRow(*row) for t, *row in rows}
        known.update(counted)
    return {t: known[t] for t in terms if known[t].cases}


def document_frequencies(
    session: Session, terms: list[str], known: dict[str, TermRow] | None = None
) -> dict[str, int]:
    """term -> number of cases holding it, for the terms found in any case."""
    return {t: row.cases for t, row in term_rows(session, terms, known).items()}


_IDS_PER_STATEMENT = 500  # bound parameters: below SQLite's limit before 3.32 (999)


def term_ids(session: Session, terms: list[str]) -> dict[str, int]:
    """term -> its search_term id, for those of `terms` that have one."""
    found: dict[str, int] = {}
    for start in range(0, len(terms), _IDS_PER_STATEMENT):
        chunk = terms[start : start + _IDS_PER_STATEMENT]
        found.update(session.execute(_sql(_IDS_SQL, "terms"), {"terms": chunk}).all())
    return found


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
_FREQUENCIES_SQL = "SELECT term, id, cases, top FROM search_term WHERE term IN :terms"
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


def sql_numbers(values: Iterable[int]) -> str:
    """Ids written into the SQL as numbers: as thousands of bound parameters they would cost
    a new prepared statement for every count, and PostgreSQL checks a parameter array
    linearly per row, but hashes a constant list."""
    return ", ".join(str(int(v)) for v in values)


_Posting = tuple[int, int, int]  # case id, term id, stored weight


def _candidates(rows: Iterable[TermRow]) -> list[_Posting]:
    """The postings each term's row keeps: its CANDIDATES_PER_TERM highest-weighted ones
    (ties by case id), all of them for a rarer term. Unfiltered: filters come after, on
    this short list."""
    found: list[_Posting] = []
    for row in rows:
        cases, weights = unpack(row.top)
        found.extend(zip(cases, repeat(row.id), weights, strict=False))  # repeat: endless
    return found


def _unread_bounds(
    postings: list[_Posting], weighted: Mapping[int, float], common: list[int]
) -> dict[int, float]:
    """term -> the most a case whose posting of it was not read can get from it: for a
    common term whose best postings were read, its lowest weight read times its query
    weight (a rare term, or a common one with fewer postings than its row keeps, had all
    its postings read, so a case not among them gets nothing from it)."""
    read: Counter[int] = Counter()
    lowest: dict[int, float] = {}
    for _, term, weight in postings:
        read[term] += 1
        lowest[term] = min(weight, lowest.get(term, weight))
    return {t: lowest[t] * weighted[t] for t in common if read[t] >= CANDIDATES_PER_TERM}


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
    unread = _unread_bounds(postings, weighted, common)
    known, covered = _weights_read(postings, weighted, unread, cases)
    threshold = sorted(known.values(), reverse=True)[limit - 1]
    # A margin for sums added in another order (SQL's) than here.
    threshold -= abs(threshold) * 1e-9 + 1e-12
    most = sum(unread.values())
    return sorted(c for c, score in known.items() if score + most - covered[c] >= threshold)


def _highest_possible(
    postings: list[_Posting], weighted: Mapping[int, float], common: list[int]
) -> float:
    """The most any case can score, in `_worth_scoring`'s units, by its bounds: a candidate
    case its weights read plus the unread bound of each other common term; any other case
    at most the sum of those bounds."""
    unread = _unread_bounds(postings, weighted, common)
    known, covered = _weights_read(postings, weighted, unread, {p[0] for p in postings})
    gain = max((known[c] - covered[c] for c in known), default=0.0)
    return sum(unread.values()) + gain


def _weights_read(
    postings: list[_Posting],
    weighted: Mapping[int, float],
    unread: Mapping[int, float],
    cases: Iterable[int],
) -> tuple[dict[int, float], dict[int, float]]:
    """For each of `cases`: the score its weights read give, and of `unread`
    (`_unread_bounds`), what those weights replace."""
    known = dict.fromkeys(cases, 0.0)
    covered = dict.fromkeys(known, 0.0)
    for case_id, term, weight in postings:
        if case_id in known:
            known[case_id] += weight * weighted[term]
            if term in unread:
                covered[case_id] += unread[term]
    return known, covered


@dataclass(frozen=True, slots=True)
class _Filtering:
    """The filters as conditions on the cases (`c`) and their meetings (`m`)."""

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

    def conditions(self) -> list[str]:
        if not self.join_cases:
            return []
        return self.case_conditions() + self.period_conditions()

    def case_conditions(self) -> list[str]:
        """On case_item c: tenant, committee, meeting."""
        f = self.filters
        found = ["c.tenant = :tenant"]
        if f.committee_ids is not None:
            found.append(f"c.committee_id IN ({sql_numbers(f.committee_ids) or 'NULL'})")
        if f.meeting_id is not None:
            found.append(f"c.meeting_id = {int(f.meeting_id)}")
        if f.hidden:
            hidden = sql_numbers(sorted(f.hidden))
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


def terms_in_case(
    session: Session, case_id: int, terms: Mapping[int, str], kept: CaseRows | None = None
) -> set[str]:
    """Which of `terms` (term id -> term, as `term_rows` found them) case `case_id` holds."""
    if not terms:
        return set()
    held = _case_rows(session, [case_id], kept).get(case_id, ((), ()))[0]
    return {terms[term_id] for term_id in set(held) & terms.keys()}


def _other_tenants(
    session: Session, tenant: str, known: tuple[str | None, str | None] | None
) -> bool:
    """Whether any case belongs to another tenant: all are `tenant`'s when the lowest and
    the highest tenant both are (compared for equality only, so collations do not matter).
    `known`: the bounds as `index_state` read them, else they are read here."""
    low, high = known if known is not None else session.execute(_sql(_TENANT_BOUNDS_SQL)).one()
    return low is not None and (low != tenant or high != tenant)


_CaseRow = tuple[Any, Any]  # a case's term ids ascending, their stored weights


def _case_rows(
    session: Session, cases: Iterable[int], kept: CaseRows | None = None
) -> dict[int, _CaseRow]:
    """case id -> its row of postings, for those of `cases` that have postings; from
    `kept` where it holds them (and the others added to it)."""
    if kept is not None:
        return kept.read(session, cases)
    found: dict[int, _CaseRow] = {}
    ids = sorted(cases)
    for start in range(0, len(ids), _CASES_PER_STATEMENT):
        chunk = sql_numbers(ids[start : start + _CASES_PER_STATEMENT])
        sql = f"SELECT case_id, postings FROM search_case WHERE case_id IN ({chunk})"
        found.update((case_id, unpack(blob)) for case_id, blob in session.execute(text(sql)))
    return found


_CASES_PER_STATEMENT = 1000
_CASE_ROW_COST = 10
CASE_ROWS_KEPT = 20_000  # ~19 MB of unpacked rows (search_bench's, measured)


class CaseRows:
    """Cases' rows of postings, unpacked as a search read them, kept for the next searches
    of the same index version (the caller starts anew when the index changes, as for the
    terms' rows). A search reads the rows of the cases among its terms' best postings, and
    a common term's are the same cases whatever else is asked: of the 39,000 rows the 400
    questions of search_bench read at 200,000 cases, 8,800 were different.

    Shared by searches in several threads: each step is one dict operation, and when full
    it starts again empty rather than keep an order of use."""

    def __init__(self, limit: int = CASE_ROWS_KEPT) -> None:
        self._rows: dict[int, _CaseRow] = {}
        self._limit = limit

    def read(self, session: Session, cases: Iterable[int]) -> dict[int, _CaseRow]:
        rows = self._rows
        found: dict[int, _CaseRow] = {}
        missing = []
        for case_id in cases:
            row = rows.get(case_id)
            if row is None:
                missing.append(case_id)
            else:
                found[case_id] = row
        if missing:
            read = _case_rows(session, missing)
            if len(rows) + len(read) > self._limit:
                rows.clear()
            if len(read) <= self._limit:
                rows.update(read)
            found.update(read)
        return found


def _term_postings(session: Session, terms: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """case id -> its (term id, stored weight) postings of `terms`: every posting of the
    terms, read from their blocks."""
    found: dict[int, list[tuple[int, int]]] = {}
    sql = f"SELECT term_id, postings FROM search_block WHERE term_id IN ({sql_numbers(terms)})"
    for term, blob in session.execute(text(sql)):
        cases, weights = unpack(blob)
        for case_id, weight in zip(cases, weights, strict=True):
            found.setdefault(case_id, []).append((term, weight))
    return found


@dataclass(frozen=True, slots=True)
class _Scoring:
    """A case's score from its postings of the query's terms: the sum of each stored weight
    times the query term's weight (over WEIGHT_SCALE, so scores are in the weights' own
    units), added in term order, so that a case scores the same however its postings were
    read."""

    factors: Mapping[int, float]  # term id -> its query weight / WEIGHT_SCALE
    strong: frozenset[int]

    @classmethod
    def of(cls, weighted: Mapping[int, float], strong: frozenset[int]) -> _Scoring:
        return cls({t: weighted[t] / WEIGHT_SCALE for t in sorted(weighted)}, strong)

    def hit(self, case_id: int, postings: Iterable[tuple[int, int]]) -> Hit:
        found = sorted(postings)
        score = 0.0
        for term, weight in found:
            score += weight * self.factors[term]
        return Hit(case_id, score, any(term in self.strong for term, _ in found))

    def case_hit(self, case_id: int, terms: Any, weights: Any) -> Hit | None:
        """The hit of a case whose postings are (`terms` ascending, `weights`), None when it
        holds none of the query's terms. What `hit` gives, summed in the same term order,
        written out: it runs for each of hundreds of cases a search reads."""
        score, found, strong, start, end = 0.0, False, False, 0, len(terms)
        for term, factor in self.factors.items():  # ascending: each search starts at the last
            start = bisect_left(terms, term, start)
            if start < end and terms[start] == term:
                score += weights[start] * factor
                found = True
                strong = strong or term in self.strong
        return Hit(case_id, score, strong) if found else None


def _best(hits: Iterable[Hit], limit: int) -> list[Hit]:
    """The `limit` best hits, ties by case id."""
    return heapq.nsmallest(limit, hits, key=lambda h: (-h.score, h.case_id))


def _case_hits(
    session: Session, scoring: _Scoring, cases: Iterable[int], kept: CaseRows | None = None
) -> list[Hit]:
    """The cases' hits, scored from their own rows of postings (`kept`: see `CaseRows`)."""
    hits = (scoring.case_hit(c, *p) for c, p in _case_rows(session, cases, kept).items())
    return [hit for hit in hits if hit is not None]


def _weighted(
    session: Session, query: Mapping[str, float], rows: Mapping[str, TermRow], total: int | None
) -> dict[int, float]:
    """term id -> its query weight times its idf."""
    n = total if total is not None else collection_size(session)
    return {row.id: query[t] * idf(n, row.cases) for t, row in rows.items()}


def highest_score(
    session: Session,
    query: Mapping[str, float],
    *,
    total: int | None = None,
    known: dict[str, TermRow] | None = None,
) -> float:
    """At least the score of the best case `search` could find for `query` with any
    filters (0 when no case holds a term), from the terms' rows alone: no posting read."""
    rows = term_rows(session, list(query), known)
    if not rows:
        return 0.0
    weighted = _weighted(session, query, rows, total)
    if min(weighted.values()) <= 0:
        return math.inf  # a lower weight would score higher: the bounds do not hold
    common = sorted(row.id for row in rows.values() if row.cases > CANDIDATES_PER_TERM)
    highest = _highest_possible(_candidates(rows.values()), weighted, common) / WEIGHT_SCALE
    return highest + abs(highest) * 1e-9  # the margin of sums added in another order


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
    case_rows: CaseRows | None = None,
) -> list[Hit]:
    """Cases ranked by BM25 for `query` (term -> query weight). Ties break on case id.
    `known` caches the terms' rows between searches (`term_rows`), `case_rows` the
    candidates' rows (`CaseRows`). A hit is `strong` when its case holds any of the
    `strong` terms. `tenants`: the cases' lowest and highest tenant (`index_state`), if
    known."""
    if not query:
        return []
    viewer = viewer_of(session)
    if viewer is not None and viewer.hidden:
        filters = replace(filters, hidden=viewer.hidden)
    rows = term_rows(session, list(query), known)
    if not rows:
        return []
    # From here on the terms are their ids.
    df = {row.id: row.cases for row in rows.values()}
    weighted = _weighted(session, query, rows, total)
    filtering = _Filtering.of(session, filters, tenants)
    scoring = _Scoring.of(weighted, frozenset(rows[t].id for t in strong if t in rows))
    common = sorted(t for t in weighted if df[t] > CANDIDATES_PER_TERM)
    # Summing every posting of a term found in most cases is what made a search slow on a
    # big store. Score only the cases among each common term's highest-weighted postings (or
    # holding a rarer term): the best matches weigh high on the terms they share with the
    # question, so they are among them; the order stays one both databases agree on. Of
    # those, only the ones the filters allow and that can still be among the best are read
    # in full.
    postings = _candidates(rows.values())
    cases = {p[0] for p in postings}
    if filtering.join_cases:
        cases = _allowed(session, filtering, cases)
    if cases:
        kept = _worth_scoring(postings, weighted, common, cases, limit)
        if common:
            return _best(_case_hits(session, scoring, kept, case_rows), limit)
        # Every posting of every term was read: they give the scores.
        by_case: dict[int, list[tuple[int, int]]] = {c: [] for c in kept}
        for case_id, term, weight in postings:
            if case_id in by_case:
                by_case[case_id].append((term, weight))
        return _best((scoring.hit(c, found) for c, found in by_case.items()), limit)
    if not common or not filtering.join_cases:
        return []
    # A narrow filter ("på siste møte", "budsjett i 2016") may leave none of them: score all
    # it allows, selecting those cases first (scoring every posting of the terms, then
    # filtering, cost 80 ms for "budsjett i 2016").
    scope = _scope(session, filtering)
    if scope is not None:
        return _scores_within(session, scoring, df, scope, limit)
    # Only the tenant filters (a store of several tenants) and none of the candidates is
    # the asker's: every case holding a term, best first, until `limit` are.
    ranked = sorted(
        (scoring.hit(c, found) for c, found in _term_postings(session, weighted).items()),
        key=lambda h: (-h.score, h.case_id),
    )
    hits: list[Hit] = []
    for start in range(0, len(ranked), _CASES_PER_STATEMENT):
        chunk = ranked[start : start + _CASES_PER_STATEMENT]
        allowed = _allowed(session, filtering, {h.case_id for h in chunk})
        hits.extend(h for h in chunk if h.case_id in allowed)
        if len(hits) >= limit:
            break
    return hits[:limit]


def _allowed(session: Session, filtering: _Filtering, cases: set[int]) -> set[int]:
    """Which of `cases` the filters allow: checked once per case here rather than on each
    of its postings while scoring."""
    f = filtering.filters
    sql = "SELECT c.id FROM case_item c"
    if f.start or f.end:
        sql += " JOIN meeting m ON m.id = c.meeting_id"
    where = [f"c.id IN ({sql_numbers(sorted(cases))})", *filtering.conditions()]
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
        conditions.append(f"c.meeting_id IN ({sql_numbers(meetings)})")
    # No ORDER BY: SQLite would read all of ix_case_item_filter (led by the id) to skip a sort.
    sql = f"SELECT c.id FROM case_item c WHERE {' AND '.join(conditions)}"
    return list(session.scalars(text(sql), {"tenant": f.tenant}))


def _scores_within(
    session: Session,
    scoring: _Scoring,
    frequencies: Mapping[int, int],
    scope: list[int],
    limit: int,
) -> list[Hit]:
    """The best of the cases `scope` (filtered already), read whichever way is shorter:
    each case's row of postings (few cases), or every posting of the terms from their
    blocks, kept when its case is in the scope (few postings). A case's row costs a lookup
    and about as much work as `_CASE_ROW_COST` postings read from a block."""
    if not scope:
        return []
    terms = scoring.factors
    if len(scope) * _CASE_ROW_COST < sum(frequencies[t] for t in terms):
        return _best(_case_hits(session, scoring, scope), limit)
    within = set(scope)
    found = _term_postings(session, terms).items()
    return _best((scoring.hit(c, p) for c, p in found if c in within), limit)
