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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, bindparam, or_, select, update
from sqlalchemy.orm import Session

from storage.database import Database
from storage.models import Case, Meeting, SearchMeta, Task

from .decision_answer import _LASTING_NUMBER, _SAME_MATTER, refers_to, same_matter
from .decision_answer import _terms_of_title as _title_terms  # what same_matter compares
from .search.analysis import analysis_fingerprint
from .search.normalize import is_stopword, term, words

_SAME_TASK = 0.6  # share of the shorter description's words two notes of one task share
# Bump when the rules below change: every store is settled again at its next start.
RULES_VERSION = 1
SETTLED_KEY = "settled_tasks"
_CHUNK = 5000  # ids per IN (…): below SQLite's and asyncpg's parameter limits
# A case number as refers_to looks for it: after "sak", "saken", "case" or "item".
_REFERENCE = re.compile(r"\b(?:sak|saken|case|item)\s+", re.I)
_NUMBER_CHARS = 24  # the longest case number a reference is indexed under


# ---- reading -----------------------------------------------------------------------------


def unsettled(before: date | None = None) -> ColumnElement[bool]:
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
class _OpenTask:
    id: int
    committee_id: int
    day: date  # its meeting's
    terms: frozenset[str]
    case: Case | None  # transient: what same_matter and refers_to read
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

    cases: list[tuple[Settling, Case]] = field(default_factory=list)
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
            numbers = _referenced(f"{case.title}\n{case.body}")
            if _lasting(case.number):
                numbers.add(case.number.lower())
            for number in numbers:
                self._by_number[number].append(at)
        for at, (_, terms) in enumerate(self.tasks):
            for t in terms:
                self._by_words[t].append(at)
        return self

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


def _referenced(text: str) -> set[str]:
    """Every start of what follows "sak"/"case"/… in `text` that could be a case number
    refers_to finds there (one that carries its year), lower case."""
    found = set()
    for match in _REFERENCE.finditer(text):
        tail = text[match.end() : match.end() + _NUMBER_CHARS].lower()
        if not _LASTING_NUMBER.search(tail):
            continue
        shortest = next(n for n in range(1, len(tail) + 1) if _LASTING_NUMBER.search(tail[:n]))
        found.update(tail[:n] for n in range(shortest, len(tail) + 1))
    return found


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
            cases[c.id] = Case(
                id=c.id,
                committee_id=c.committee_id,
                meeting_id=c.meeting_id,
                number=c.number,
                title=c.title,
                body="",
            )
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
    session: Session, committee_ids: Collection[int], *where: ColumnElement[bool]
) -> dict[int, _Settlers]:
    """The committees' decided cases and done tasks at meetings (narrowed by `where` on
    Meeting), indexed per committee."""
    out: dict[int, _Settlers] = defaultdict(_Settlers)
    committees = sorted(committee_ids)
    if not committees:
        return {}
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
        .where(Case.committee_id.in_(committees), Case.status == "decided", *where)
    )
    for c in cases:
        out[c.committee_id].cases.append(
            (
                Settling(c.date, c.meeting_id),
                Case(
                    id=c.id,
                    committee_id=c.committee_id,
                    meeting_id=c.meeting_id,
                    number=c.number,
                    title=c.title,
                    body=c.body,
                ),
            )
        )
    done = session.execute(
        select(Task.committee_id, Task.meeting_id, Task.description, Meeting.date)
        .join(Meeting, Meeting.id == Task.meeting_id)
        .where(Task.committee_id.in_(committees), Task.status == "done", *where)
    )
    for t in done:
        out[t.committee_id].tasks.append(
            (Settling(t.date, t.meeting_id), _task_terms(t.description))
        )
    return {committee: settlers.index() for committee, settlers in out.items()}


def _write(session: Session, changed: dict[int, Settling | None]) -> None:
    if not changed:
        return
    table = Task.__table__
    session.execute(
        update(table)
        .where(table.c.id == bindparam("task_id"))
        .values(settled_on=bindparam("day"), settled_by_meeting_id=bindparam("meeting")),
        [
            {
                "task_id": task_id,
                "day": s.day if s else None,
                "meeting": s.meeting_id if s else None,
            }
            for task_id, s in changed.items()
        ],
    )


# ---- writing -----------------------------------------------------------------------------


def _settle_anew(session: Session, tasks: list[_OpenTask]) -> dict[int, Settling | None]:
    """Each task's first settling meeting, from every later meeting of its committee."""
    by_committee: dict[int, list[_OpenTask]] = defaultdict(list)
    for task in tasks:
        by_committee[task.committee_id].append(task)
    changed: dict[int, Settling | None] = {}
    for committee, group in by_committee.items():
        since = min(t.day for t in group)
        settlers = _settlers(session, [committee], Meeting.date > since).get(committee)
        for task in group:
            first = settlers.first(task) if settlers else None
            if first != _current(task):
                changed[task.id] = first
    return changed


def _current(task: _OpenTask) -> Settling | None:
    if task.settled_on is None or task.settled_by is None:
        return None
    return Settling(task.settled_on, task.settled_by)


def refresh_meetings(session: Session, meeting_ids: Iterable[int]) -> int:
    """Settle what these meetings' rows (just stored, replaced or changed) bear on, in the
    caller's transaction: their own open tasks and those they were recorded to settle are
    settled anew; the committee's earlier open tasks may be settled by their decided cases
    and done tasks. Returns how many tasks changed."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return 0
    meetings = [
        m
        for chunk in _chunks(ids)
        for m in session.execute(
            select(Meeting.id, Meeting.committee_id, Meeting.date).where(Meeting.id.in_(chunk))
        )
    ]
    if not meetings:
        return 0
    anew = [
        t
        for chunk in _chunks(ids)
        for t in _open_tasks(
            session,
            or_(Task.meeting_id.in_(chunk), Task.settled_by_meeting_id.in_(chunk)),
        )
    ]
    changed = _settle_anew(session, anew)
    redone = {t.id for t in anew}
    # The earlier open tasks these meetings' decided cases and done tasks may settle.
    by_committee: dict[int, list[date]] = defaultdict(list)
    for m in meetings:
        if m.committee_id is not None:
            by_committee[m.committee_id].append(m.date)
    present = [m.id for m in meetings]
    settlers = _settlers(session, by_committee, Meeting.id.in_(present))
    for committee, settling in settlers.items():
        days = by_committee[committee]
        earlier = _open_tasks(
            session,
            Task.committee_id == committee,
            Meeting.date < max(days),
            or_(Task.settled_on.is_(None), Task.settled_on > min(days)),
        )
        for task in earlier:
            if task.id in redone:
                continue
            first = settling.first(task)
            current = _current(task)
            if first is not None and (current is None or first < current):
                changed[task.id] = first
    _write(session, changed)
    return len(changed)


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
        changed = _settle_anew(session, tasks)
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
        if session.scalar(select(SearchMeta.value).where(SearchMeta.key == SETTLED_KEY)) == current:
            return None
        count = settle_all(session)
        session.merge(SearchMeta(key=SETTLED_KEY, value=current))
        return count

    return await db.write(work)
