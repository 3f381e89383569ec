"""Open tasks that a later meeting settled: its minutes mark the same task done, or treat the
task's case again with a decision (the same matter, or "Oppfølging av sak 32/2026"). Such a
task is done in all but its row, and is not overdue on an agenda or a list of what is
urgent.

The fact is written when it arises, not worked out at every answer (that cost grew with
history): `task.settled_on` is the date of the first later meeting of the task's committee
that settled it and `task.settled_by_meeting_id` that meeting; both are null for a task that
is not open. `refresh_meetings` keeps them when minutes are stored (in any order: a
meeting's own tasks may be settled by later meetings already stored, and its decided cases
and done tasks may settle earlier ones) and when chat changes a task; `ensure_settled_current`
fills a store once (after the migration, or when these rules or the text analysis change).
Answers only read the columns (`unsettled`, `settled_among`).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Integer,
    Row,
    Text,
    bindparam,
    column,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy import text as sql
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.bulk_writes import BulkStatement, write_rows
from storage.database import Database
from storage.models import Case, CaseKey, Meeting, SearchMeta, Task, TaskTerm

from .decision_answer import _LASTING_NUMBER, _SAME_MATTER, refers_to, same_matter
from .decision_answer import _terms_of_title as _title_terms  # what same_matter compares
from .search.analysis import analysis_fingerprint
from .search.normalize import is_stopword, term, words

_SAME_TASK = 0.6  # share of the shorter description's words two notes of one task share
# Bump when the rules below change: every store is settled again at its next start.
RULES_VERSION = 1
SETTLED_KEY = "settled_tasks"
# Bump when what the keys below hold changes: every store is keyed again at its next start.
KEYS_VERSION = 1
KEYS_KEY = "settle_keys"
_TITLE, _NUMBER, _REFERS = "t", "n", "r"  # case_key.kind
_CHUNK = 5000  # ids per IN (…): below SQLite's and asyncpg's parameter limits
# A case number as refers_to looks for it: after "sak", "saken", "case" or "item".
_REFERENCE = re.compile(r"\b(?:sak|saken|case|item)\s+", re.I)
# Where _REFERENCE may match, found without re.I: a letter that re.I takes for s, c or i
# (ſ, ı and İ too) at a word's start. A search that starts case-insensitively is tried at
# every position of the text; this one skips to those letters in C, 3× faster over a case's
# text. It finds a superset (also "cak", "iase"): _REFERENCE confirms each.
_REFERENCE_START = re.compile(r"[CIScisİıſ](?<=\b.)(?i:ak|aken|ase|tem)\s+")
_NUMBER_CHARS = 24  # the longest case number a reference is indexed under


# ---- reading -----------------------------------------------------------------------------


def unsettled(before: date | ColumnElement[date] | None = None) -> ColumnElement[bool]:
    """SQL: a task no later meeting settled (before `before`, when given). Applies to open
    tasks; a done task's columns are null."""
    if before is None:
        return Task.settled_by_meeting_id.is_(None)
    return or_(Task.settled_by_meeting_id.is_(None), Task.settled_on >= before)


def settled_among(
    session: Session, task_ids: Sequence[int], *, before: date | None = None
) -> set[int]:
    """The ids of the open tasks among `task_ids` that a later meeting of their committee
    (before `before`, when given) settled."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(task_ids))):
        query = select(Task.id).where(Task.id.in_(chunk), Task.status == "open", ~unsettled(before))
        found.update(session.scalars(query))
    return found


# ---- the rules ---------------------------------------------------------------------------


def same_task(a: str, b: str) -> bool:
    """Two descriptions of one task: most of the shorter one's words are in the other."""
    return _same_terms(_task_terms(a), _task_terms(b))


def _same_terms(ta: frozenset[str], tb: frozenset[str]) -> bool:
    if len(ta) < 2 or len(tb) < 2:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= _SAME_TASK


@functools.lru_cache(maxsize=16384)
def _task_terms(description: str) -> frozenset[str]:
    return frozenset(term(w) for w in words(description) if not is_stopword(w))


@dataclass(frozen=True, slots=True)
class _CaseKeys:
    """What same_matter and refers_to read of a case. Not a transient Case: building those
    (the ORM sets up each one's state) was an eighth of settling an import batch."""

    id: int
    committee_id: int | None
    meeting_id: int | None
    number: str | None
    title: str
    body: str = ""


@dataclass(frozen=True, slots=True)
class _OpenTask:
    id: int
    committee_id: int
    day: date  # its meeting's
    terms: frozenset[str]
    case: _CaseKeys | None
    settled_on: date | None
    settled_by: int | None


@dataclass(frozen=True, slots=True, order=True)
class Settling:
    day: date
    meeting_id: int


@dataclass(slots=True)
class _Settlers:
    """One committee's decided cases and done tasks, by meeting date, indexed by what the
    rules compare: an open task is checked only against those that share enough title
    words, a case number or enough description words with it, not against all of them."""

    cases: list[tuple[Settling, _CaseKeys]] = field(default_factory=list)
    tasks: list[tuple[Settling, frozenset[str]]] = field(default_factory=list)
    _titles: list[int] = field(default_factory=list)  # each case's number of title terms
    _by_id: dict[int, int] = field(default_factory=dict)
    _by_title: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _by_number: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    _by_words: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def index(self) -> _Settlers:
        self.cases.sort(key=lambda item: (item[0], item[1].id))
        self.tasks.sort(key=lambda item: item[0])
        for at, (_, case) in enumerate(self.cases):
            self._by_id[case.id] = at
            terms = _title_terms(case.title)
            self._titles.append(len(terms))
            for t in terms:
                self._by_title[t].append(at)
            numbers = set(_referenced(case.title, case.body))
            if _lasting(case.number):
                numbers.add(case.number.lower())
            for number in numbers:
                self._by_number[number].append(at)
        for at, (_, terms) in enumerate(self.tasks):
            for t in terms:
                self._by_words[t].append(at)
        return self

    def numbers(self) -> list[str]:
        """Every case number the indexed cases hold or refer to (lower case), sorted."""
        return sorted(self._by_number)

    def first(self, task: _OpenTask) -> Settling | None:
        """The earliest later meeting whose decided case or done task settles `task`."""
        found = [s for s in (self._first_case(task), self._first_done(task)) if s is not None]
        return min(found, default=None)

    def _first_case(self, task: _OpenTask) -> Settling | None:
        case = task.case
        if case is None:
            return None
        terms = _title_terms(case.title)
        shared = _shared_after([self._by_title.get(t, []) for t in terms], self.cases, task.day)
        # same_matter's titles: most of the shorter title's words in common
        candidates = {
            at for at, n in shared.items() if n / min(len(terms), self._titles[at]) >= _SAME_MATTER
        }
        if _lasting(case.number):  # the same number, or a later case that names it
            named = self._by_number.get(case.number.lower(), [])
            candidates.update(_after(named, self.cases, task.day))
        if case.id in self._by_id:
            candidates.update(_after([self._by_id[case.id]], self.cases, task.day))
        for at in sorted(candidates):
            when, later = self.cases[at]
            if same_matter(case, later) or refers_to(later, case):
                return when
        return None

    def _first_done(self, task: _OpenTask) -> Settling | None:
        if len(task.terms) < 2:
            return None
        shared = _shared_after(
            [self._by_words.get(t, []) for t in task.terms], self.tasks, task.day
        )
        for at in sorted(shared):
            when, terms = self.tasks[at]
            if _same_terms(task.terms, terms):
                return when
        return None


def _after(positions: list[int], items: Sequence[tuple[Settling, object]], day: date) -> list[int]:
    """The positions (ascending, so by date) of items held after `day`."""
    return positions[bisect_right(positions, day, key=lambda at: items[at][0].day) :]


def _shared_after(
    lists: list[list[int]], items: Sequence[tuple[Settling, object]], day: date
) -> Counter[int]:
    """How many of `lists` hold each item held after `day`: the words it shares."""
    shared: Counter[int] = Counter()
    for positions in lists:
        shared.update(_after(positions, items, day))
    return shared


def _lasting(number: str | None) -> bool:
    return bool(number) and _LASTING_NUMBER.search(number or "") is not None


@functools.lru_cache(maxsize=1024)  # more than a batch's decided cases; each holds its body
def _referenced(title: str, body: str) -> frozenset[str]:
    """Every start of what follows "sak"/"case"/… in a case's title and body that could be a
    case number refers_to finds there (one that carries its year), lower case. Cached: an
    import batch's decided cases are read for it twice (their keys, and the index of them
    that finds the earlier tasks they may settle), and the body is long."""
    text = f"{title}\n{body}"
    found = set()
    for end in _reference_ends(text):
        tail = text[end : end + _NUMBER_CHARS].lower()
        if not _LASTING_NUMBER.search(tail):
            continue
        shortest = next(n for n in range(1, len(tail) + 1) if _LASTING_NUMBER.search(tail[:n]))
        found.update(tail[:n] for n in range(shortest, len(tail) + 1))
    return frozenset(found)


def _reference_ends(text: str) -> Iterator[int]:
    """Where each match of _REFERENCE.finditer(text) ends: what may follow is a number."""
    for start in _REFERENCE_START.finditer(text):
        match = _REFERENCE.match(text, start.start())
        if match is not None:
            yield match.end()


# ---- loading -----------------------------------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for at in range(0, len(ids), _CHUNK):
        yield ids[at : at + _CHUNK]


def _open_tasks(session: Session, *where: ColumnElement[bool]) -> list[_OpenTask]:
    """Open tasks of a committee with a meeting, as the rules read them."""
    rows = session.execute(
        select(
            Task.id,
            Task.committee_id,
            Meeting.date,
            Task.description,
            Task.case_id,
            Task.settled_on,
            Task.settled_by_meeting_id,
        )
        .join(Meeting, Meeting.id == Task.meeting_id)
        .where(Task.status == "open", Task.committee_id.is_not(None), *where)
    ).all()
    case_ids = sorted({row.case_id for row in rows if row.case_id is not None})
    cases: dict[int, Case] = {}
    for chunk in _chunks(case_ids):
        for c in session.execute(
            select(Case.id, Case.committee_id, Case.meeting_id, Case.number, Case.title).where(
                Case.id.in_(chunk)
            )
        ):
            cases[c.id] = _CaseKeys(c.id, c.committee_id, c.meeting_id, c.number, c.title)
    return [
        _OpenTask(
            id=row.id,
            committee_id=row.committee_id,
            day=row.date,
            terms=_task_terms(row.description),
            case=cases.get(row.case_id) if row.case_id is not None else None,
            settled_on=row.settled_on,
            settled_by=row.settled_by_meeting_id,
        )
        for row in rows
    ]


def _settlers(
    session: Session,
    committee_ids: Collection[int],
    *where: ColumnElement[bool],
    case_ids: Sequence[int] | None = None,
    done: bool = True,
) -> dict[int, _Settlers]:
    """The committees' decided cases and done tasks at meetings (narrowed by `where` on
    Meeting; to `case_ids` when given, and without done tasks unless `done`), indexed per
    committee."""
    out: dict[int, _Settlers] = defaultdict(_Settlers)
    committees = sorted(committee_ids)
    if not committees:
        return {}
    chunks: Iterable[Sequence[int] | None] = [None] if case_ids is None else _chunks(case_ids)
    for chunk in chunks:
        only = [] if chunk is None else [Case.id.in_(chunk)]
        cases = session.execute(
            select(
                Case.id,
                Case.committee_id,
                Case.meeting_id,
                Case.number,
                Case.title,
                Case.body,
                Meeting.date,
            )
            .join(Meeting, Meeting.id == Case.meeting_id)
            .where(Case.committee_id.in_(committees), Case.status == "decided", *where, *only)
        )
        for c in cases:
            out[c.committee_id].cases.append(
                (
                    Settling(c.date, c.meeting_id),
                    _CaseKeys(c.id, c.committee_id, c.meeting_id, c.number, c.title, c.body),
                )
            )
    if done:
        rows = session.execute(
            select(Task.committee_id, Task.meeting_id, Task.description, Meeting.date)
            .join(Meeting, Meeting.id == Task.meeting_id)
            .where(Task.committee_id.in_(committees), Task.status == "done", *where)
        )
        for t in rows:
            out[t.committee_id].tasks.append(
                (Settling(t.date, t.meeting_id), _task_terms(t.description))
            )
    return {committee: settlers.index() for committee, settlers in out.items()}


# A batch of 100 documents settles ~570 tasks anew: one statement below SQLAlchemy, whose
# executemany processed each row's parameters in Python.
_UPDATE_SETTLED = BulkStatement(
    "UPDATE task SET settled_on = ?, settled_by_meeting_id = ? WHERE id = ?",
    "UPDATE task SET settled_on = u.day, settled_by_meeting_id = u.meeting "
    "FROM unnest($1::date[], $2::integer[], $3::integer[]) AS u(day, meeting, id) "
    "WHERE task.id = u.id",
    days=(0,),
)


def _write(session: Session, changed: dict[int, Settling | None]) -> None:
    rows = [
        (s.day if s else None, s.meeting_id if s else None, task_id)
        for task_id, s in changed.items()
    ]
    write_rows(session, _UPDATE_SETTLED, rows)


# ---- keys: what the rules compare, stored per case and task (migration 0021) ------------


# The keys' rows, columns in these orders, written below SQLAlchemy (storage/bulk_writes.py):
# a batch of 100 documents writes ~5,000 of them.
_INSERT_CASE_KEYS = BulkStatement(
    "INSERT INTO case_key (case_id, kind, key, committee_id, decided, day, size) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO case_key (case_id, kind, key, committee_id, decided, day, size) "
    "SELECT * FROM unnest($1::integer[], $2::varchar[], $3::text[], $4::integer[], "
    "$5::boolean[], $6::date[], $7::integer[])",
    days=(5,),
)
_INSERT_TASK_TERMS = BulkStatement(
    "INSERT INTO task_term (task_id, term, committee_id, done, day, size) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "INSERT INTO task_term (task_id, term, committee_id, done, day, size) "
    "SELECT * FROM unnest($1::integer[], $2::text[], $3::integer[], $4::boolean[], "
    "$5::date[], $6::integer[])",
    days=(4,),
)
_KeyRow = tuple[object, ...]


def _case_keys(
    case_id: int, committee_id: int | None, status: str, day: date | None, number: str | None,
    title: str, body: str,
) -> list[_KeyRow]:  # fmt: skip
    """A case's rows in case_key (_INSERT_CASE_KEYS' columns): what `_Settlers.index`
    indexes it under."""
    decided = status == "decided"
    terms = _title_terms(title)
    rows: list[_KeyRow] = [
        (case_id, _TITLE, t, committee_id, decided, day, len(terms)) for t in terms
    ]
    if _lasting(number):
        rows.append((case_id, _NUMBER, (number or "").lower(), committee_id, decided, day, 0))
    for key in _referenced(title, body):
        rows.append((case_id, _REFERS, key, committee_id, decided, day, 0))
    return rows


def _task_keys(
    task_id: int, committee_id: int | None, status: str, day: date | None, description: str
) -> list[_KeyRow]:
    """A task's rows in task_term (_INSERT_TASK_TERMS' columns)."""
    terms = _task_terms(description)
    done = status == "done"
    return [(task_id, t, committee_id, done, day, len(terms)) for t in terms]


def _key_cases(session: Session, *where: ColumnElement[bool]) -> None:
    """(Re)write the keys of the cases `where` selects."""
    rows = session.execute(
        select(
            Case.id,
            Case.committee_id,
            Case.status,
            Meeting.date,
            Case.number,
            Case.title,
            Case.body,
        )
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(*where)
    ).all()
    _rewrite_keys(session, CaseKey, CaseKey.case_id, rows, _case_keys, _INSERT_CASE_KEYS)


def _key_tasks(session: Session, *where: ColumnElement[bool]) -> None:
    """(Re)write the keys of the tasks `where` selects."""
    rows = session.execute(
        select(Task.id, Task.committee_id, Task.status, Meeting.date, Task.description)
        .outerjoin(Meeting, Meeting.id == Task.meeting_id)
        .where(*where)
    ).all()
    _rewrite_keys(session, TaskTerm, TaskTerm.task_id, rows, _task_keys, _INSERT_TASK_TERMS)


def _rewrite_keys(
    session: Session,
    model: type[CaseKey] | type[TaskTerm],
    owner: InstrumentedAttribute[int],
    rows: Sequence[Row[Any]],
    keys_of: Callable[..., list[_KeyRow]],
    write: BulkStatement,
) -> None:
    """Replace the keys of the rows' cases or tasks (`owner`: the key's case or task id)."""
    for chunk in _chunks([r.id for r in rows]):
        session.execute(delete(model).where(owner.in_(chunk)))
    write_rows(session, write, [k for r in rows for k in keys_of(*r)])


def _key_meetings(session: Session, meeting_ids: Sequence[int]) -> None:
    """Key the cases and tasks of these meetings (just stored, replaced or moved) anew."""
    for chunk in _chunks(meeting_ids):
        _key_cases(session, Case.meeting_id.in_(chunk))
        _key_tasks(session, Task.meeting_id.in_(chunk))


def key_cases(session: Session, case_ids: Sequence[int]) -> None:
    """(Re)write the keys of these cases: one added or changed outside an import."""
    for chunk in _chunks(sorted(case_ids)):
        _key_cases(session, Case.id.in_(chunk))


# The committee's cases at meetings after `day` that can be the same matter as a case or
# refer to it (same_matter's title rule in integers, as _FIRST_BY_TITLE has it; its number
# rule and refers_to by the number's key): what later_treatment checks with the rules.
_LATER_BY_KEYS = """
SELECT k.case_id FROM case_key k
WHERE k.key IN :terms AND k.committee_id = :committee AND k.kind = 't' AND k.day > :day
GROUP BY k.case_id
HAVING 2 * count(*) >= CASE WHEN :size < max(k.size) THEN :size ELSE max(k.size) END
UNION
SELECT k.case_id FROM case_key k
WHERE k.key = :number AND k.committee_id = :committee AND k.kind IN ('n', 'r') AND k.day > :day
"""


def later_candidates(
    session: Session, committee_id: int, day: date, title: str, number: str | None
) -> list[int] | None:
    """The ids of the committee's cases at meetings after `day` that may treat the matter of
    a case with this title and number again: every one that same_matter or refers_to can
    accept, read from the keys instead of the committee's whole later history. None when
    the store's keys are not current (an answer does not write them: a start does)."""
    if not _keys_current(session):
        return None
    terms = sorted(_title_terms(title))
    if not terms and not _lasting(number):
        return []
    statement = sql(_LATER_BY_KEYS).bindparams(bindparam("terms", expanding=True, type_=Text))
    values = {"committee": committee_id, "day": day, "terms": terms, "size": len(terms),
              "number": (number or "").lower() if _lasting(number) else None}  # fmt: skip
    return sorted(set(session.scalars(statement, values)))


def keys_fingerprint() -> str:
    """What the stored keys were worked out by: their layout and the text analysis."""
    return f"{KEYS_VERSION}:{analysis_fingerprint()}"


def _keys_current(session: Session) -> bool:
    stored = session.scalar(select(SearchMeta.value).where(SearchMeta.key == KEYS_KEY))
    return stored == keys_fingerprint()


def key_all(session: Session) -> None:
    """Key every case and task of the store anew, a slice of ids at a time."""
    session.execute(delete(CaseKey))
    session.execute(delete(TaskTerm))
    for model, key in ((Case, _key_cases), (Task, _key_tasks)):
        last = 0
        while True:
            ids = session.scalars(
                select(model.id).where(model.id > last).order_by(model.id).limit(_CHUNK)
            ).all()
            if not ids:
                break
            key(session, model.id.in_(ids))
            last = ids[-1]
    for table in ("case_key", "task_term"):  # the planner's statistics for the new rows
        session.execute(sql(f"ANALYZE {table}"))
    session.merge(SearchMeta(key=KEYS_KEY, value=keys_fingerprint()))


def _ensure_keyed(session: Session) -> None:
    if not _keys_current(session):  # a store from before 0021, or keyed by other rules
        key_all(session)


# ---- candidates: what can match, asked of the keys ---------------------------------------

# For each probe task (an open task settled anew), the first later decided case of its
# committee whose title shares enough terms with its case's (same_matter's title rule, in
# integers: 2·shared ≥ the shorter title's terms), not at the case's own meeting. Those are
# exactly the title matches same_matter accepts; the ranked row is the earliest. Asked first
# within a window after the task's meeting (…_within: the earliest there is the earliest of
# all), then for the tasks without one in wider windows: common title words match
# thousands of a committee's cases, of which only the first after the task counts.
_WINDOWS = (120, 3 * 365, None)  # days after a task's meeting, widened in turn; None: all
_FIRST_BY_TITLE = """
WITH p AS MATERIALIZED (
  SELECT t.id AS probe, t.committee_id, tm.date AS day, pk.key, pk.size,
         tc.meeting_id AS case_meeting
  FROM task t
  CROSS JOIN meeting tm
  CROSS JOIN case_item tc
  CROSS JOIN case_key pk
  WHERE t.id IN :probes AND tm.id = t.meeting_id AND tc.id = t.case_id
    AND tc.committee_id = t.committee_id AND pk.case_id = t.case_id AND pk.kind = 't'
)
SELECT probe, day, meeting_id FROM (
  SELECT x.probe AS probe, m.date AS day, m.id AS meeting_id,
         row_number() OVER (PARTITION BY x.probe ORDER BY m.date, m.id) AS pos
  FROM (
    SELECT p.probe, k.case_id AS later, max(p.day) AS after, max(p.committee_id) AS committee,
           max(p.case_meeting) AS case_meeting
    FROM p
    CROSS JOIN case_key k
    WHERE k.key = p.key AND k.committee_id = p.committee_id AND k.kind = 't'
      AND k.decided = TRUE AND k.day > p.day {k_within}
    GROUP BY p.probe, k.case_id
    HAVING 2 * count(*) >= CASE WHEN max(p.size) < max(k.size) THEN max(p.size)
                                ELSE max(k.size) END
  ) x
  CROSS JOIN case_item c
  CROSS JOIN meeting m
  WHERE c.id = x.later AND m.id = c.meeting_id AND c.status = 'decided'
    AND c.committee_id = x.committee AND m.date > x.after {m_within}
    AND (x.case_meeting IS NULL OR x.case_meeting <> c.meeting_id)
) ranked WHERE pos = 1
"""

# The same for done tasks: the first later done task of the committee that shares enough
# description terms (_same_terms in integers: both have two or more, and 5·shared ≥ 3·the
# shorter description's terms).
_FIRST_BY_WORDS = """
SELECT probe, day, meeting_id FROM (
  SELECT x.probe AS probe, m.date AS day, m.id AS meeting_id,
         row_number() OVER (PARTITION BY x.probe ORDER BY m.date, m.id) AS pos
  FROM (
    SELECT pt.task_id AS probe, dt.task_id AS later
    FROM task_term pt
    JOIN task_term dt ON dt.term = pt.term AND dt.committee_id = pt.committee_id
         AND dt.done = TRUE AND dt.day > pt.day
    WHERE pt.task_id IN :probes
    GROUP BY pt.task_id, dt.task_id
    HAVING max(pt.size) >= 2 AND max(dt.size) >= 2
       AND 5 * count(*) >= 3 * CASE WHEN max(pt.size) < max(dt.size) THEN max(pt.size)
                                    ELSE max(dt.size) END
  ) x
  JOIN task t ON t.id = x.probe
  JOIN meeting tm ON tm.id = t.meeting_id
  JOIN task d ON d.id = x.later
  JOIN meeting m ON m.id = d.meeting_id
  WHERE d.status = 'done' AND d.committee_id = t.committee_id AND m.date > tm.date
) ranked WHERE pos = 1
"""

# The committee's cases whose own number or a number their text refers to is a probe's
# case number (same_matter's number rule, refers_to): checked by the rules with their text.
_BY_NUMBER = """
SELECT DISTINCT k.case_id
FROM task t
JOIN case_key pk ON pk.case_id = t.case_id AND pk.kind = 'n'
JOIN case_key k ON k.key = pk.key AND k.committee_id = t.committee_id AND k.kind IN ('n', 'r')
     AND k.decided = TRUE
WHERE t.id IN :probes
"""

# The committee's open tasks held before `before` and not settled by `since`, with the day
# of their meeting: the pool the title and word queries below match against. {within}: and
# one of the stored meetings' days falls after the task's meeting, not after it was settled
# (_within_days): no other task can change. A batch's meetings are spread over the years when
# an archive is imported in file order, so `since` and `before` held nearly every open task
# of the committee (5,700 at 50,000 cases, generated minutes); this holds a few hundred, as a
# settled task's window ends at the meeting that settled it (title query 21 → 9 ms).
_OPEN_POOL = """WITH pool AS MATERIALIZED (
  SELECT t.id, t.case_id, t.settled_on, tm.date AS day
  FROM task t
  CROSS JOIN meeting tm
  WHERE t.committee_id = :committee AND t.status = 'open' AND tm.id = t.meeting_id
    AND tm.date < :before AND (t.settled_on IS NULL OR t.settled_on > :since) {within}
)"""

# The committee's open tasks held before `before` and not settled by `since` that decided
# cases or done tasks with these keys may settle: under one of the cases, or under a case
# whose number one of them names; the rules decide.
_EARLIER = """
SELECT t.id
FROM task t
JOIN meeting tm ON tm.id = t.meeting_id
WHERE t.committee_id = :committee AND t.status = 'open' AND tm.date < :before
  AND (t.settled_on IS NULL OR t.settled_on > :since) {within}
  AND (
    t.case_id IN :cases
    OR t.case_id IN (SELECT k.case_id FROM case_key k WHERE k.key IN :numbers AND k.kind = 'n')
  )
"""
# …and those whose case's title shares enough terms with one of the decided cases' (same
# matter's title rule), held before it and not settled before it. From the committee's open
# tasks' title keys (pk), not from the thousands of cases that share a common title word.
# CROSS JOIN keeps SQLite to that order. PostgreSQL joined every case's title keys to the
# decided cases' first, unless pk is MATERIALIZED (174 → 58 ms for a committee of 5,000
# open tasks, generated minutes); SQLite runs it 40 % slower so (23 → 32 ms), and gets it
# NOT MATERIALIZED: {pk} in the text. PostgreSQL then read all title keys (a sequential
# scan of 125,000 rows at 50,000 cases) to hash-join them to the pool's cases; naming the
# pool's cases ({by_case}) has it look their keys up by case instead: 47 → 30 ms. SQLite
# looks them up so already, and runs 13 % slower with it (17 → 19.5 ms).
_EARLIER_BY_TITLE = f"""
{_OPEN_POOL}, s AS MATERIALIZED (
  SELECT k.case_id, k.key, k.size, m.date AS day
  FROM case_key k
  CROSS JOIN case_item c
  CROSS JOIN meeting m
  WHERE k.case_id IN :cases AND k.kind = 't' AND c.id = k.case_id AND m.id = c.meeting_id
), pk AS {{pk}} (
  SELECT p.id, p.day, p.settled_on, k.key, k.size
  FROM pool p
  CROSS JOIN case_key k
  WHERE k.case_id = p.case_id AND k.kind = 't' {{by_case}}
)
SELECT DISTINCT probe FROM (
  SELECT p.id AS probe
  FROM pk p
  CROSS JOIN s
  WHERE s.key = p.key AND p.day < s.day AND (p.settled_on IS NULL OR p.settled_on >= s.day)
  GROUP BY p.id, s.case_id
  HAVING 2 * count(*) >= CASE WHEN max(p.size) < max(s.size) THEN max(p.size)
                              ELSE max(s.size) END
) x
"""
# …and those that share enough description terms with one of the done tasks (_same_terms).
_EARLIER_BY_WORDS = f"""
{_OPEN_POOL}, d AS MATERIALIZED (
  SELECT w.task_id, w.term, w.size, m.date AS day
  FROM task_term w
  CROSS JOIN task x
  CROSS JOIN meeting m
  WHERE w.task_id IN :done AND w.size >= 2 AND x.id = w.task_id AND m.id = x.meeting_id
)
SELECT DISTINCT probe FROM (
  SELECT p.id AS probe
  FROM pool p
  CROSS JOIN task_term w
  CROSS JOIN d
  WHERE w.task_id = p.id AND w.size >= 2 AND d.term = w.term
    AND p.day < d.day AND (p.settled_on IS NULL OR p.settled_on >= d.day)
  GROUP BY p.id, d.task_id
  HAVING 5 * count(*) >= 3 * CASE WHEN max(w.size) < max(d.size) THEN max(w.size)
                                  ELSE max(d.size) END
) x
"""


@dataclass(frozen=True, slots=True)
class _Windows:
    """Whether a wider window can find more for a task: not once its window reaches the
    committee's last meeting, for it held every later one then. Minutes stored in date
    order mostly stop after the first window (before, every unanswered task was asked in
    all three)."""

    days: Mapping[int, date]  # task id -> its meeting's day
    last: date | None  # the committee's last meeting day; None: it has none

    def wider(self, task_id: int, days: int) -> bool:
        return self.last is not None and self.days[task_id] + timedelta(days=days) < self.last


def _firsts(
    session: Session, query: str, probes: Sequence[int], *, windows: _Windows | None = None
) -> dict[int, Settling]:
    """Each probe task's first settling by `query` (one of the _FIRST_BY_… above); with
    `windows`, asked within each of _WINDOWS in turn for the tasks not yet answered."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    found: dict[int, Settling] = {}
    left = sorted(probes)
    for days in _WINDOWS if windows else (None,):
        bounds = {"k_within": "", "m_within": ""}
        if days is not None:  # a constant of ours, so written into the statement

            def until(day: str, days: int = days) -> str:
                return f"date({day}, '+{days} days')" if sqlite else f"{day} + {days}"

            bounds = {
                "k_within": f"AND k.day <= {until('p.day')}",
                "m_within": f"AND m.date <= {until('x.after')}",
            }
        statement = (
            sql(query.format(**bounds) if windows else query)
            .bindparams(bindparam("probes", expanding=True))
            .columns(column("probe", Integer), column("day", Date), column("meeting_id", Integer))
        )
        for chunk in _chunks(left):
            for probe, day, meeting_id in session.execute(statement, {"probes": list(chunk)}):
                found[probe] = Settling(day, meeting_id)
        left = [probe for probe in left if probe not in found]
        if windows and days is not None:
            left = [probe for probe in left if windows.wider(probe, days)]
        if not left:
            break
    return found


def _by_number(session: Session, probes: Sequence[int]) -> set[int]:
    statement = sql(_BY_NUMBER).bindparams(bindparam("probes", expanding=True))
    found: set[int] = set()
    for chunk in _chunks(sorted(probes)):
        found.update(session.scalars(statement, {"probes": list(chunk)}))
    return found


def _settle_by_keys(
    session: Session, committee: int, group: list[_OpenTask]
) -> dict[int, Settling | None]:
    """Each task's first settling meeting, from the later decided cases and done tasks its
    keys can match: the title and word rules are answered by the database, the number rules
    (refers_to reads the text) by `_Settlers` over the few cases that share the number."""
    with_case = [t for t in group if t.case is not None]
    titled = [t for t in with_case if t.case is not None and t.case.committee_id == committee]
    by_title: dict[int, Settling] = {}
    if titled:
        last = session.scalar(
            select(func.max(Meeting.date)).where(Meeting.committee_id == committee)
        )
        windows = _Windows({t.id: t.day for t in titled}, last)
        by_title = _firsts(session, _FIRST_BY_TITLE, [t.id for t in titled], windows=windows)
    by_words = _firsts(session, _FIRST_BY_WORDS, [t.id for t in group if len(t.terms) >= 2])
    numbered = [t.id for t in with_case if t.case is not None and _lasting(t.case.number)]
    named = _by_number(session, numbered) if numbered else set()
    named.update(t.case.id for t in with_case if t.case is not None)
    settlers = None
    if named:
        since = min(t.day for t in group)
        settlers = _settlers(
            session, [committee], Meeting.date > since, case_ids=sorted(named), done=False
        ).get(committee)
    out: dict[int, Settling | None] = {}
    for task in group:
        found = [by_title.get(task.id), by_words.get(task.id)]
        if settlers is not None:
            found.append(settlers.first(task))
        out[task.id] = min((s for s in found if s is not None), default=None)
    return out


def _within_days(days: Sequence[date]) -> tuple[str, list[BindParameter[date]]]:
    """SQL for the candidate queries above ({within}), with its values: one of `days`
    (sorted, distinct) falls after the task's meeting (tm.date) and not after the day it was
    settled (t.settled_on). Only a meeting of such a day can settle the task, or settle it
    earlier. The first day after its meeting is found by a binary search written in CASEs:
    a handful of comparisons a task, where the committee has thousands of open ones."""

    def first_after(lo: int, hi: int) -> str:  # the first of days[lo:hi] after tm.date
        if lo >= hi:
            return "NULL"
        mid = (lo + hi) // 2
        then = f":d{mid}" if lo == mid else f"coalesce({first_after(lo, mid)}, :d{mid})"
        return f"CASE WHEN tm.date < :d{mid} THEN {then} ELSE {first_after(mid + 1, hi)} END"

    values = [bindparam(f"d{i}", day, type_=Date) for i, day in enumerate(days)]
    values.append(bindparam("never", date.max, type_=Date))
    return f"AND {first_after(0, len(days))} <= coalesce(t.settled_on, :never)", values


def _earlier_candidates(
    session: Session, committee: int, days: list[date], settlers: _Settlers, done: list[int]
) -> list[int]:
    """The committee's open tasks held before the last of `days`, not settled by the first,
    that these meetings' decided cases and `done` tasks may settle (by their keys)."""
    cases = sorted(case.id for _, case in settlers.cases)
    within, on_days = _within_days(sorted(set(days)))
    statement = sql(_EARLIER.format(within=within)).bindparams(
        # typed: an empty list still compares alike
        bindparam("cases", expanding=True, type_=Integer),
        bindparam("numbers", expanding=True, type_=Text),
        *on_days,
    )
    values = {"committee": committee, "before": max(days), "since": min(days),
              "cases": cases, "numbers": settlers.numbers()}  # fmt: skip
    found = set(session.scalars(statement, values))
    postgresql = session.get_bind().dialect.name == "postgresql"
    by_title = _EARLIER_BY_TITLE.format(
        pk="MATERIALIZED" if postgresql else "NOT MATERIALIZED",
        by_case="AND k.case_id IN (SELECT case_id FROM pool)" if postgresql else "",
        within=within,
    )
    for query, name, ids in (
        (by_title, "cases", cases),
        (_EARLIER_BY_WORDS.format(within=within), "done", done),
    ):
        statement = sql(query).bindparams(bindparam(name, expanding=True), *on_days)
        for chunk in _chunks(ids):
            found.update(session.scalars(statement, {**values, name: list(chunk)}))
    return sorted(found)


# ---- writing -----------------------------------------------------------------------------


def _settle_anew(
    session: Session, tasks: list[_OpenTask], *, everything: bool = False
) -> dict[int, Settling | None]:
    """Each task's first settling meeting, from every later meeting of its committee: by
    the keys (only what can match is read), or with `everything` from all their rows."""
    by_committee: dict[int, list[_OpenTask]] = defaultdict(list)
    for task in tasks:
        by_committee[task.committee_id].append(task)
    changed: dict[int, Settling | None] = {}
    for committee, group in by_committee.items():
        if everything:
            since = min(t.day for t in group)
            settlers = _settlers(session, [committee], Meeting.date > since).get(committee)
            firsts = {t.id: settlers.first(t) if settlers else None for t in group}
        else:
            firsts = _settle_by_keys(session, committee, group)
        for task in group:
            if firsts[task.id] != _current(task):
                changed[task.id] = firsts[task.id]
    return changed


def _current(task: _OpenTask) -> Settling | None:
    if task.settled_on is None or task.settled_by is None:
        return None
    return Settling(task.settled_on, task.settled_by)


def refresh_meetings(session: Session, meeting_ids: Iterable[int]) -> int:
    """Settle what these meetings' rows (just stored, replaced or changed) bear on, in the
    caller's transaction: their cases and tasks are keyed anew, their own open tasks and
    those they were recorded to settle are settled anew; the committee's earlier open tasks
    may be settled by their decided cases and done tasks. Returns how many tasks changed."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return 0
    _ensure_keyed(session)
    meetings = [
        m
        for chunk in _chunks(ids)
        for m in session.execute(
            select(Meeting.id, Meeting.committee_id, Meeting.date).where(Meeting.id.in_(chunk))
        )
    ]
    if not meetings:
        return 0
    present = [m.id for m in meetings]
    _key_meetings(session, present)
    anew = [
        t
        for chunk in _chunks(ids)
        for t in _open_tasks(
            session,
            or_(Task.meeting_id.in_(chunk), Task.settled_by_meeting_id.in_(chunk)),
        )
    ]
    # A task's case may be another meeting's (added in chat): the keys its probes read.
    _key_cases_of(session, anew)
    changed = _settle_anew(session, anew)
    redone = {t.id for t in anew}
    # The earlier open tasks these meetings' decided cases and done tasks may settle.
    by_committee: dict[int, list[date]] = defaultdict(list)
    for m in meetings:
        if m.committee_id is not None:
            by_committee[m.committee_id].append(m.date)
    settlers = _settlers(session, by_committee, Meeting.id.in_(present))
    for committee, settling in settlers.items():
        days = by_committee[committee]
        done = session.scalars(
            select(Task.id).where(
                Task.meeting_id.in_(present),
                Task.committee_id == committee,
                Task.status == "done",
            )
        ).all()
        candidates = _earlier_candidates(session, committee, days, settling, list(done))
        earlier = [
            t
            for chunk in _chunks(candidates)
            for t in _open_tasks(
                session,
                Task.id.in_(chunk),
                Task.committee_id == committee,
                Meeting.date < max(days),
                or_(Task.settled_on.is_(None), Task.settled_on > min(days)),
            )
        ]
        for task in earlier:
            if task.id in redone:
                continue
            first = settling.first(task)
            current = _current(task)
            if first is not None and (current is None or first < current):
                changed[task.id] = first
    _write(session, changed)
    return len(changed)


def _key_cases_of(session: Session, tasks: list[_OpenTask]) -> None:
    """Key the cases of these tasks that have no keys yet."""
    case_ids = sorted({t.case.id for t in tasks if t.case is not None})
    for chunk in _chunks(case_ids):
        keyed = select(CaseKey.case_id).where(CaseKey.case_id == Case.id).exists()
        _key_cases(session, Case.id.in_(chunk), ~keyed)


def refresh_tasks(session: Session, task_ids: Iterable[int]) -> int:
    """After chat changed tasks (added, done, reopened, undone): each is settled anew (a
    done one is not settled), and what its meeting bears on is refreshed (a task marked done
    may settle earlier ones; reopened, no longer)."""
    ids = sorted(set(task_ids))
    if not ids:
        return 0
    rows = [
        row
        for chunk in _chunks(ids)
        for row in session.execute(
            select(Task.id, Task.status, Task.meeting_id, Task.settled_by_meeting_id).where(
                Task.id.in_(chunk)
            )
        )
    ]
    cleared = {row.id: None for row in rows if row.status != "open" and row.settled_by_meeting_id}
    _write(session, cleared)
    return len(cleared) + refresh_meetings(session, (r.meeting_id for r in rows if r.meeting_id))


def settle_all(session: Session) -> int:
    """Settle every open task of the store from scratch, one committee at a time. Returns
    how many tasks are settled."""
    table = Task.__table__
    session.execute(
        update(table)
        .where(or_(table.c.settled_on.is_not(None), table.c.settled_by_meeting_id.is_not(None)))
        .values(settled_on=None, settled_by_meeting_id=None)
    )
    committees = session.scalars(
        select(Task.committee_id)
        .where(Task.status == "open", Task.committee_id.is_not(None))
        .distinct()
    ).all()
    settled = 0
    for committee in committees:
        tasks = _open_tasks(session, Task.committee_id == committee)  # cleared above
        changed = _settle_anew(session, tasks, everything=True)
        _write(session, changed)
        settled += sum(1 for s in changed.values() if s is not None)
    return settled


def settled_fingerprint() -> str:
    """What the stored facts were worked out by: these rules and the text analysis that
    splits descriptions and titles into words."""
    return f"{RULES_VERSION}:{analysis_fingerprint()}"


async def ensure_settled_current(db: Database) -> int | None:
    """Fill `task.settled_on` for a store that lacks it (just migrated) or whose facts were
    worked out by other rules. Returns the number of settled tasks, or None when the store
    was current."""
    current = settled_fingerprint()

    def work(session: Session) -> int | None:
        _ensure_keyed(session)
        if session.scalar(select(SearchMeta.value).where(SearchMeta.key == SETTLED_KEY)) == current:
            return None
        count = settle_all(session)
        session.merge(SearchMeta(key=SETTLED_KEY, value=current))
        return count

    return await db.write(work)
