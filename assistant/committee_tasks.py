"""Everyone's tasks, or a committee's: "oppgaver for SSU", "hva skal SSU gjøre"."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from storage.models import Task
from storage.queries import task_list_options

from .answer_types import TaskResult
from .settled_tasks import unsettled
from .task_answer import task_result


def committee_tasks(
    session: Session,
    tenant: str,
    *,
    include_done: bool = False,
    where: Iterable[ColumnElement[bool]] = (),
    keep: Callable[[Task], bool] | None = None,
) -> list[TaskResult]:
    """Everyone's tasks: "hvem skal gjøre noe", or, narrowed by the SQL conditions `where`
    and the check `keep` (assistant/task_scope.py), "oppgaver for SSU", "hva skal SSU
    gjøre", "åpne oppgaver om LAR". Open ones without those a later meeting settled, most
    urgent first."""
    query = select(Task).where(Task.tenant == tenant, *where).options(*task_list_options())
    if not include_done:
        query = query.where(Task.status == "open")
    query = query.where(or_(Task.status != "open", unsettled()))
    tasks = list(
        session.scalars(
            query.order_by(Task.status != "open", Task.due_date.is_(None), Task.due_date, Task.id)
        ).unique()
    )
    return [task_result(t) for t in tasks if keep is None or keep(t)]
