"""Writing the decision-search index (migration 0027): postings packed several to a row.

- `search_block`: a term's postings in case-id order, about BLOCK to a row, keyed by the term
  and the block's first case. New cases have the highest ids, so an import appends to each
  term's last block and a block is read only to add to it or to take a case out.
- `search_term.top`: the term's TOP best postings (weight, then case id), all of them for a
  term held by at most TOP cases. A search reads these with the terms' counts and nothing
  else of the index.
- `search_case`: each case's postings (term ids ascending) in one row, which scoring reads.
  It goes with its case (foreign key), and a trigger then queues its postings in
  `search_gone`; `purge` takes them out of the blocks, tops and counts. Every write purges
  first, and every path that deletes cases calls `postings_removed`.

One row per posting cost a b-tree entry (two with the case index) on SQLite and a tuple and
two index entries on PostgreSQL: 4× the size of an FTS5 index and 7× a GIN index at 50,000
cases, and imports spent their commits writing the pages those entries landed on.

Concurrency on PostgreSQL: a writer locks the term rows it changes before it reads their
blocks and tops, always in term order (the upsert's ORDER BY, `_lock_terms`), so two writers
never rewrite a block from the same old copy, and never wait for each other in a circle.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from .bulk_writes import BulkStatement, uses_asyncpg, write_rows
from .posting_codec import pack, unpack
from .search_index import CANDIDATES_PER_TERM as TOP
from .search_index import count_removal, sql_numbers, stored_weights

BLOCK = 192  # postings an appended block is filled to
# A block that grows past this (cases inserted into it) is split. 240 postings are 1,920
# bytes: a PostgreSQL row stays under the 2 kB at which it would be compressed or moved out.
BLOCK_MAX = 240

Weights = Mapping[int, Mapping[str, float]]  # case id -> term -> BM25 weight
_TermPostings = dict[int, tuple[list[int], list[int]]]  # term id -> (case ids, weights)


_INSERT_CASES = BulkStatement(
    "INSERT INTO search_case (case_id, postings) VALUES (?, ?)",
    "INSERT INTO search_case (case_id, postings) SELECT * FROM unnest($1::integer[], $2::bytea[])",
)
_PUT_BLOCKS = BulkStatement(
    "INSERT INTO search_block (term_id, first_case, postings) VALUES (?, ?, ?) "
    "ON CONFLICT (term_id, first_case) DO UPDATE SET postings = excluded.postings",
    "INSERT INTO search_block (term_id, first_case, postings) "
    "SELECT * FROM unnest($1::integer[], $2::integer[], $3::bytea[]) "
    "ON CONFLICT (term_id, first_case) DO UPDATE SET postings = excluded.postings",
)
_DELETE_BLOCKS = BulkStatement(
    "DELETE FROM search_block WHERE term_id = ? AND first_case = ?",
    "DELETE FROM search_block b USING unnest($1::integer[], $2::integer[]) AS v(t, f) "
    "WHERE b.term_id = v.t AND b.first_case = v.f",
)
_SET_TOPS = BulkStatement(
    "UPDATE search_term SET top = ? WHERE id = ?",
    "UPDATE search_term SET top = v.top FROM unnest($1::bytea[], $2::integer[]) AS v(top, id) "
    "WHERE search_term.id = v.id",
)
_SET_COUNTS = BulkStatement(
    "UPDATE search_term SET cases = ?, top = ? WHERE id = ?",
    "UPDATE search_term SET cases = v.cases, top = v.top "
    "FROM unnest($1::integer[], $2::bytea[], $3::integer[]) AS v(cases, top, id) "
    "WHERE search_term.id = v.id",
)
# A term's row counts the cases holding it (migration 0022): new postings add to it.
# Sorted by term, so two writers lock shared terms in the same order.
_ADD_TERMS = BulkStatement(
    "INSERT INTO search_term (term, cases) VALUES (?, ?) "
    "ON CONFLICT (term) DO UPDATE SET cases = search_term.cases + excluded.cases",
    "INSERT INTO search_term (term, cases) SELECT * FROM unnest($1::varchar[], $2::integer[]) "
    "ORDER BY 1 ON CONFLICT (term) DO UPDATE SET cases = search_term.cases + excluded.cases",
)

# A rebuild's terms: counted at its end (`Rebuild.finish`), not once per batch.
_KNOWN_TERMS = BulkStatement(
    "INSERT INTO search_term (term, cases) VALUES (?, 0) ON CONFLICT (term) DO NOTHING",
    "INSERT INTO search_term (term, cases) SELECT t, 0 FROM unnest($1::varchar[]) AS t "
    "ORDER BY 1 ON CONFLICT (term) DO NOTHING",
)

_CHUNK = 500  # ids written into one statement
T = TypeVar("T")


def _chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


_TERMS_PER_READ = 200  # below SQLite's 500 parts of a compound select


def _union(session: Session, part: str, values: list[dict[str, int]]) -> Iterable[Any]:
    """The rows of `part` (a parenthesised select) for each of `values`, _TERMS_PER_READ
    parts to a UNION ALL statement: one index probe each, and no bound parameters."""
    for start in range(0, len(values), _TERMS_PER_READ):
        chunk = values[start : start + _TERMS_PER_READ]
        yield from session.execute(text(" UNION ALL ".join(part.format(**v) for v in chunk)))


# --- writing new postings ---------------------------------------------------------------


def write_postings(
    session: Session, weights_by_case: Weights, more_terms: Iterable[str] = ()
) -> None:
    """Postings of cases that have none (new cases, an import batch's or chat's), with their
    terms and `more_terms` (of cases indexed and removed within the batch: the vocabulary
    only grows)."""
    purge(session)
    counts = Counter(t for weights in weights_by_case.values() for t in weights)
    counts.update(dict.fromkeys(set(more_terms) - counts.keys(), 0))
    if not counts:
        return
    rows = sorted(counts.items())
    write_rows(session, _ADD_TERMS, rows)
    terms = _terms(session, [term for term, _ in rows])
    ids = {term: row[0] for term, row in terms.items()}
    by_term = _by_term(session, weights_by_case, ids)
    _add_to_blocks(session, by_term)
    _merge_tops(session, by_term, {row[0]: row[1] for row in terms.values()})


def replace_postings(session: Session, weights_by_case: Weights) -> None:
    """The postings of cases that may have some already (a case written in chat): the old
    ones purged, then written as a new case's. Cases deleted meanwhile get none."""
    if not weights_by_case:
        return
    ids = sql_numbers(sorted(weights_by_case))
    lock = " FOR KEY SHARE" if session.get_bind().dialect.name == "postgresql" else ""
    present = set(session.scalars(text(f"SELECT id FROM case_item WHERE id IN ({ids}){lock}")))
    session.execute(text(f"DELETE FROM search_case WHERE case_id IN ({ids})"))
    postings_removed(session)  # a search's cached tops may hold the old postings
    write_postings(session, {c: w for c, w in weights_by_case.items() if c in present})


def _terms(session: Session, terms: list[str]) -> dict[str, tuple[int, bytes | None]]:
    """term -> (id, top) for `terms`, locked on PostgreSQL by the upsert that added them."""
    found: dict[str, tuple[int, bytes | None]] = {}
    for chunk in _chunks(terms):
        rows = session.execute(_TERMS, {"terms": list(chunk)})
        found.update((term, (i, top)) for term, i, top in rows)
    return found


_TERMS = text("SELECT term, id, top FROM search_term WHERE term IN :terms").bindparams(
    bindparam("terms", expanding=True)
)


def _by_term(session: Session, weights_by_case: Weights, ids: Mapping[str, int]) -> _TermPostings:
    """Each case's row in search_case, and the cases' postings by term id, in case order."""
    by_term: _TermPostings = {}
    for case_id, terms, weights in _write_cases(session, weights_by_case, ids):
        for term, weight in zip(terms, weights, strict=True):
            held = by_term.get(term)
            if held is None:
                by_term[term] = ([case_id], [weight])
            else:
                held[0].append(case_id)
                held[1].append(weight)
    return by_term


def _write_cases(
    session: Session, weights_by_case: Weights, ids: Mapping[str, int]
) -> list[tuple[int, list[int], list[int]]]:
    """Each case's row in search_case, written; returns them as (case id, term ids
    ascending, stored weights), in case order."""
    found = []
    for case_id in sorted(weights_by_case):
        weights = weights_by_case[case_id]
        if weights:  # in list comprehensions: 4.9 million postings in a 50,000-case rebuild
            terms = [ids[t] for t in weights]
            stored = stored_weights(weights.values())
            order = sorted(range(len(terms)), key=terms.__getitem__)
            found.append((case_id, [terms[i] for i in order], [stored[i] for i in order]))
    write_rows(session, _INSERT_CASES, [(c, pack(t, w)) for c, t, w in found])
    return found


@dataclass(slots=True)
class _Block:
    term: int
    first: int  # its key: the first case it held when read
    cases: list[int]
    weights: list[int]


# A term's last block: one probe of the key per term. (A correlated max() per block read
# every block of a common term: 36 ms a batch on PostgreSQL.) On SQLite _TERMS_PER_READ terms
# a statement; on PostgreSQL all in one, whose plan does not depend on how many (a union of
# 200 cost 14 ms to plan and run).
_LAST_BLOCK = (
    "SELECT * FROM (SELECT term_id, first_case, postings FROM search_block "
    "WHERE term_id = {term} ORDER BY first_case DESC LIMIT 1) AS b{term}"
)
_POSTGRESQL_LAST_BLOCKS = (
    "SELECT b.term_id, b.first_case, b.postings FROM unnest($1::integer[]) AS t(id) "
    "CROSS JOIN LATERAL (SELECT term_id, first_case, postings FROM search_block "
    "WHERE term_id = t.id ORDER BY first_case DESC LIMIT 1) AS b"
)
_BLOCK_OF = (
    "SELECT first_case, postings FROM search_block WHERE term_id = {term} "
    "AND first_case <= {case} ORDER BY first_case DESC LIMIT 1"
)
_FIRST_BLOCK = (
    "SELECT first_case, postings FROM search_block WHERE term_id = {term} "
    "ORDER BY first_case LIMIT 1"
)


def _add_to_blocks(session: Session, by_term: _TermPostings) -> None:
    """Each term's new postings into its blocks: appended to its last block (an import's
    cases are the newest), else each into the block its case id falls in."""
    last: dict[int, _Block] = {}
    connection = session.connection()
    if uses_asyncpg(connection):
        found = connection.exec_driver_sql(_POSTGRESQL_LAST_BLOCKS, (sorted(by_term),))
    else:
        found = _union(session, _LAST_BLOCK, [{"term": t} for t in sorted(by_term)])
    for term, first, blob in found:
        cases, weights = unpack(blob)
        last[term] = _Block(term, first, cases.tolist(), weights.tolist())
    changed: dict[tuple[int, int], _Block] = {}
    for term, (cases, weights) in by_term.items():
        block = last.get(term) or _Block(term, cases[0], [], [])
        changed[(term, block.first)] = block
        if not block.cases or cases[0] > block.cases[-1]:  # the newest cases
            block.cases.extend(cases)
            block.weights.extend(weights)
            continue
        for case, weight in zip(cases, weights, strict=True):  # older ones: rewritten in chat
            into = block if case >= block.first else _block_of(session, term, case, changed)
            changed[(term, into.first)] = into
            _insert(into, case, weight)
    _write_blocks(session, changed.values())


def _block_of(
    session: Session, term: int, case: int, changed: Mapping[tuple[int, int], _Block]
) -> _Block:
    """The block of `term` that case `case` belongs in: the last one starting at or before
    it, else the term's first (which it then starts)."""
    row = session.execute(text(_BLOCK_OF.format(term=int(term), case=int(case)))).first()
    if row is None:
        row = session.execute(text(_FIRST_BLOCK.format(term=int(term)))).first()
    if row is None:
        return _Block(term, case, [], [])
    first, blob = row
    if (term, first) in changed:
        return changed[(term, first)]
    cases, weights = unpack(blob)
    return _Block(term, first, cases.tolist(), weights.tolist())


def _insert(block: _Block, case: int, weight: int) -> None:
    at = bisect_left(block.cases, case)
    block.cases.insert(at, case)
    block.weights.insert(at, weight)


def _write_blocks(session: Session, blocks: Iterable[_Block]) -> None:
    """The blocks as changed: an empty one deleted, one whose first case changed moved to
    its new key, one grown past BLOCK_MAX split (appended ones into BLOCK-sized pieces)."""
    put: list[tuple[int, int, bytes]] = []
    gone: list[tuple[int, int]] = []
    for block in blocks:
        if not block.cases or block.cases[0] != block.first:
            gone.append((block.term, block.first))
        size = len(block.cases)
        step = max(size, 1) if size <= BLOCK_MAX else BLOCK
        for start in range(0, size, step):
            cases = block.cases[start : start + step]
            weights = block.weights[start : start + step]
            put.append((block.term, cases[0], pack(cases, weights)))
    keys = {(term, first) for term, first, _ in put}
    write_rows(session, _DELETE_BLOCKS, sorted(k for k in gone if k not in keys))
    write_rows(session, _PUT_BLOCKS, sorted(put))


def _order(posting: tuple[int, int]) -> tuple[int, int]:
    """A (case, weight) posting's place among its term's: by weight, ties by case id (the
    order a search takes a term's candidates in)."""
    return -posting[1], posting[0]


def _best(postings: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The TOP best (case, weight) postings (`_order`): a term's top."""
    return heapq.nsmallest(TOP, postings, key=_order)


def _pack_top(best: Sequence[tuple[int, int]]) -> bytes | None:
    if not best:
        return None
    cases, weights = zip(*best, strict=True)
    return pack(cases, weights)


def _merge_tops(session: Session, by_term: _TermPostings, tops: Mapping[int, bytes | None]) -> None:
    """Each term's top with its new postings. A common term's new postings mostly rank below
    its full top's last: those are left out before the merge."""
    rows = []
    for term, (cases, weights) in by_term.items():
        old = list(zip(*unpack(tops.get(term)), strict=True))
        new = list(zip(cases, weights, strict=True))
        if len(old) >= TOP:
            last = _order(old[-1])
            new = [posting for posting in new if _order(posting) < last]
            if not new:
                continue
        best = _best([*old, *new])
        if best != old:
            rows.append((_pack_top(best), term))
    write_rows(session, _SET_TOPS, sorted(rows, key=lambda r: r[1]))


# --- removing the postings of deleted cases ---------------------------------------------

_GONE = "SELECT id, case_id, postings FROM search_gone"
_LOCK_TERMS = "SELECT id, cases, top FROM search_term WHERE id IN ({ids}) ORDER BY term{lock}"
# The blocks of a term that may hold its cases from `low` to `high`: one statement reads them
# for _TERMS_PER_READ terms (a document removed holds a few thousand).
_BLOCKS_BETWEEN = (
    "SELECT * FROM (SELECT term_id, first_case, postings FROM search_block "
    "WHERE term_id = {term} AND first_case <= {high} AND first_case >= "
    "(SELECT coalesce(max(first_case), 0) FROM search_block "
    "WHERE term_id = {term} AND first_case <= {low})) AS b{term}"
)
_ALL_BLOCKS = "SELECT postings FROM search_block WHERE term_id = {term}"


def postings_removed(session: Session) -> None:
    """Cases were deleted in this transaction: their postings leave the index now, and each
    process's search reloads its counts."""
    if not purge(session):
        count_removal(session)


def purge(session: Session) -> int:
    """Take the queued postings of deleted cases out of the blocks, the tops and the terms'
    counts. Returns how many cases were purged."""
    lock = " FOR UPDATE" if session.get_bind().dialect.name == "postgresql" else ""
    queued = session.execute(text(_GONE + lock)).all()
    if not queued:
        return 0
    dead: dict[int, set[int]] = defaultdict(set)  # term id -> its deleted cases
    for _, case_id, blob in queued:
        for term in unpack(blob)[0]:
            dead[term].add(case_id)
    terms = _lock_terms(session, sorted(dead), lock)
    blocks: list[_Block] = []
    spans = [{"term": t, "low": min(dead[t]), "high": max(dead[t])} for t in sorted(dead)]
    for term, first, blob in _union(session, _BLOCKS_BETWEEN, spans):
        gone = dead[term]
        cases, weights = unpack(blob)
        kept = [(c, w) for c, w in zip(cases, weights, strict=True) if c not in gone]
        if len(kept) < len(cases):
            blocks.append(_Block(term, first, [c for c, _ in kept], [w for _, w in kept]))
    _write_blocks(session, blocks)
    rows = []
    for term, (cases_held, top) in terms.items():
        gone = dead[term]
        held = max(cases_held - len(gone), 0)
        best = [(c, w) for c, w in zip(*unpack(top), strict=True) if c not in gone]
        if held > len(best) and len(best) < TOP:  # it lost some of its best: read them all
            best = _best(_all_postings(session, term))
        rows.append((held, _pack_top(best), term))
    write_rows(session, _SET_COUNTS, rows)
    ids = sql_numbers(row[0] for row in queued)
    session.execute(text(f"DELETE FROM search_gone WHERE id IN ({ids})"))
    count_removal(session)  # each process's search reloads its counts and tops
    return len(queued)


def _lock_terms(
    session: Session, terms: list[int], lock: str
) -> dict[int, tuple[int, bytes | None]]:
    """term id -> (cases, top), the rows locked in term order on PostgreSQL (as writers
    lock them: see the module's note)."""
    found: dict[int, tuple[int, bytes | None]] = {}
    for chunk in _chunks(terms):
        sql = _LOCK_TERMS.format(ids=sql_numbers(chunk), lock=lock)
        found.update((i, (cases, top)) for i, cases, top in session.execute(text(sql)))
    return found


def _all_postings(session: Session, term: int) -> list[tuple[int, int]]:
    """Every (case, weight) posting of `term`, from its blocks."""
    found: list[tuple[int, int]] = []
    for (blob,) in session.execute(text(_ALL_BLOCKS.format(term=int(term)))):
        found.extend(zip(*unpack(blob), strict=True))
    return found


# --- rebuilding the whole index ---------------------------------------------------------


def start_rebuild(session: Session) -> None:
    """Every posting gone and every term held by no case: a rebuild of the whole index
    starts here (then `Rebuild.write` each batch of cases, in id order, and `finish`), in
    one transaction. It locks the terms until the rebuild commits on PostgreSQL: a writer
    meanwhile waits for the new index instead of adding to the old one."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE search_term IN SHARE ROW EXCLUSIVE MODE"))
        session.execute(text("TRUNCATE search_block, search_case, search_gone"))
    else:
        for table in ("search_block", "search_case", "search_gone"):  # the queue last
            session.execute(text(f"DELETE FROM {table}"))
    session.execute(text("UPDATE search_term SET cases = 0, top = NULL"))
    count_removal(session)  # each process's search reloads its counts


@dataclass
class Rebuild:
    """A whole-index rebuild's postings by term, kept until `finish` writes each term's
    blocks, count and best postings once. Written batch by batch, each batch rewrote every
    common term's last block and row: on PostgreSQL a row version each time, all kept until
    the one transaction ends. Arrays of 4-byte integers: at 50,000 cases, 4.9 million
    postings take 39 MB."""

    postings: dict[int, tuple[array[int], array[int]]] = field(default_factory=dict)

    def write(self, session: Session, weights_by_case: Weights) -> None:
        """A batch of cases with no postings, each with higher ids than the last batch's."""
        terms = sorted({t for weights in weights_by_case.values() for t in weights})
        if not terms:
            return
        write_rows(session, _KNOWN_TERMS, [(term,) for term in terms])
        ids = {term: row[0] for term, row in _terms(session, terms).items()}
        postings = self.postings
        for case_id, term_ids, weights in _write_cases(session, weights_by_case, ids):
            for term, weight in zip(term_ids, weights, strict=True):
                held = postings.get(term)
                if held is None:
                    held = postings[term] = (array("i"), array("i"))
                held[0].append(case_id)
                held[1].append(weight)

    def finish(self, session: Session) -> None:
        blocks = []
        counts = []
        for term in sorted(self.postings):
            cases, weights = self.postings[term]
            for start in range(0, len(cases), BLOCK):
                end = start + BLOCK
                blocks.append((term, cases[start], pack(cases[start:end], weights[start:end])))
            # Stable: of equal weights the lower case id (the cases are in order) comes first.
            best = heapq.nlargest(TOP, range(len(cases)), key=weights.__getitem__)
            top = pack([cases[i] for i in best], [weights[i] for i in best])
            counts.append((len(cases), top, term))
        write_rows(session, _PUT_BLOCKS, blocks)
        write_rows(session, _SET_COUNTS, counts)


# --- reading the postings back whole (checks, reports and tests) ------------------------


def case_postings(session: Session, cases: Iterable[int] | None = None) -> list[tuple[int, ...]]:
    """(case id, term id, stored weight) of every posting of `cases` (of every case: None),
    from the cases' rows."""
    sql = "SELECT case_id, postings FROM search_case"
    if cases is not None:
        sql += f" WHERE case_id IN ({sql_numbers(cases) or 'NULL'})"
    found: list[tuple[int, ...]] = []
    for case_id, blob in session.execute(text(sql + " ORDER BY case_id")):
        terms, weights = unpack(blob)
        found.extend((case_id, t, w) for t, w in zip(terms, weights, strict=True))
    return found


def index_problems(session: Session) -> list[str]:
    """Where the terms' blocks, tops and counts disagree with the cases' rows, and which
    blocks break the layout (out of order, keyed wrong, oversized): empty when none do.
    Reads the whole index."""
    by_case = Counter((t, c, w) for c, t, w in case_postings(session))
    in_blocks: Counter[tuple[int, int, int]] = Counter()
    problems = []
    sql = "SELECT term_id, first_case, postings FROM search_block ORDER BY term_id, first_case"
    previous: tuple[int, int] | None = None
    for term, first, blob in session.execute(text(sql)):
        cases, weights = unpack(blob)
        if not cases or cases[0] != first or list(cases) != sorted(set(cases)):
            problems.append(f"block ({term}, {first}): keyed or ordered wrong")
        if len(cases) > BLOCK_MAX:
            problems.append(f"block ({term}, {first}): {len(cases)} postings")
        if previous and previous[0] == term and previous[1] >= first:
            problems.append(f"block ({term}, {first}): overlaps the one before")
        if cases:
            previous = (term, cases[-1])
        in_blocks.update((term, c, w) for c, w in zip(cases, weights, strict=True))
    if in_blocks != by_case:
        extra, missing = in_blocks - by_case, by_case - in_blocks
        problems.append(f"blocks: {len(extra)} postings no case has, {len(missing)} missing")
    held: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for term, case, weight in by_case:
        held[term].append((case, weight))
    for term, cases_held, top in session.execute(text("SELECT id, cases, top FROM search_term")):
        postings = held.get(term, [])
        if cases_held != len(postings):
            problems.append(f"term {term}: counts {cases_held} cases, {len(postings)} hold it")
        if list(zip(*unpack(top), strict=True)) != _best(postings):
            problems.append(f"term {term}: its top is not its best postings")
    return problems
