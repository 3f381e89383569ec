"""Open tasks that a later meeting settled: its minutes mark the same task done, or treat the
task's case again with a decision (the same matter, or "Oppfølging av sak 32/2026"). Such a
task is done in all but its row, and is not overdue on an agenda or a list of what is
urgent."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, joinedload, lazyload

from storage.models import Case, Meeting, Task

from .decision_answer import refers_to, same_matter
from .search.normalize import is_stopword, term, words

_SAME_TASK = 0.6  # share of the shorter description's words two notes of one task share


def settled_task_ids(
    session: Session, tasks: Sequence[Task], *, before: date | None = None
) -> set[int]:
    """The ids of `tasks` that a later meeting of their committee (before `before`, when
    given) settled."""
    given = [t for t in tasks if t.status == "open" and t.meeting and t.committee_id]
    if not given:
        return set()
    committees = sorted({t.committee_id for t in given if t.committee_id is not None})
    since = min(t.meeting.date for t in given if t.meeting)
    decided = _later(session, Case, committees, since, before, status="decided")
    done = _later(session, Task, committees, since, before, status="done")
    return {t.id for t in given if _settled(t, decided, done)}


def settled_among(
    session: Session, task_ids: Sequence[int], *, before: date | None = None
) -> set[int]:
    """`settled_task_ids` for tasks known by id (a TaskResult's `task_id`)."""
    if not task_ids:
        return set()
    tasks = session.scalars(select(Task).where(Task.id.in_(list(task_ids)))).unique().all()
    return settled_task_ids(session, tasks, before=before)


def _later(
    session: Session,
    model: type[Case] | type[Task],
    committees: list[int],
    since: date,
    before: date | None,
    *,
    status: str,
) -> list:
    """The committees' cases or tasks of that status at meetings after `since` (and before
    `before`)."""
    stmt = (
        select(model)
        .join(Meeting, Meeting.id == model.meeting_id)
        .where(model.committee_id.in_(committees), Meeting.date > since)
        # A year of a committee's cases or tasks: only what _settled reads comes with them
        # (the meeting's date; not their documents, committees, nor a case's JSON lists).
        .options(lazyload(model.document), lazyload(model.committee))
        .options(joinedload(model.meeting).lazyload(Meeting.committee))
    )
    if model is Case:
        stmt = stmt.options(defer(Case.kinds), defer(Case.responsible), defer(Case.links))
    else:
        stmt = stmt.options(lazyload(Task.case))
    if before is not None:
        stmt = stmt.where(Meeting.date < before)
    stmt = stmt.where(model.status == status)
    return list(session.scalars(stmt).unique())


def _settled(task: Task, decided: list[Case], done: list[Task]) -> bool:
    assert task.meeting is not None
    given = task.meeting.date

    def after(item: Case | Task) -> bool:
        return (
            item.committee_id == task.committee_id
            and item.meeting is not None
            and item.meeting.date > given
        )

    if any(after(d) and _same_task(task, d) for d in done):
        return True
    case = task.case
    if case is None:
        return False
    return any(after(c) and (same_matter(case, c) or refers_to(c, case)) for c in decided)


def _same_task(a: Task, b: Task) -> bool:
    ta, tb = _task_terms(a.description), _task_terms(b.description)
    if len(ta) < 2 or len(tb) < 2:
        return False
    return len(ta & tb) / min(len(ta), len(tb)) >= _SAME_TASK


@functools.lru_cache(maxsize=16384)
def _task_terms(description: str) -> frozenset[str]:
    # Cached: each open task is compared with each done one of the year.
    return frozenset(term(w) for w in words(description) if not is_stopword(w))
