"""Everyone's tasks, or a committee's: "oppgaver for SSU", "hva skal SSU gjøre"."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from storage.models import Meeting, Task
from storage.queries import task_list_options

from .answer_types import MeetingResult, TaskResult
from .meeting_answer import meeting_result
from .settled_tasks import unsettled
from .task_answer import task_result


def committee_tasks(
    session: Session,
    tenant: str,
    *,
    include_done: bool = False,
    include_settled: bool = False,
    where: Iterable[ColumnElement[bool]] = (),
    keep: Callable[[Task], bool] | None = None,
) -> list[TaskResult]:
    """Everyone's tasks: "hvem skal gjøre noe", or, narrowed by the SQL conditions `where`
    and the check `keep` (assistant/task_scope.py), "oppgaver for SSU", "hva skal SSU
    gjøre", "åpne oppgaver om LAR". Open ones without those a later meeting settled (unless
    `include_settled`), most urgent first."""
    query = select(Task).where(Task.tenant == tenant, *where).options(*task_list_options())
    if not include_done:
        query = query.where(Task.status == "open")
    if not include_settled:
        query = query.where(or_(Task.status != "open", unsettled()))
    tasks = list(
        session.scalars(
            query.order_by(Task.status != "open", Task.due_date.is_(None), Task.due_date, Task.id)
        ).unique()
    )
    return [task_result(t) for t in tasks if keep is None or keep(t)]


def settled_by(session: Session, task_id: int) -> MeetingResult | None:
    """The later meeting that settled an open task (its case treated again), if one did."""
    task = session.get(Task, task_id)
    if task is None or task.status != "open" or task.settled_by_meeting_id is None:
        return None
    meeting = session.get(Meeting, task.settled_by_meeting_id)
    return meeting_result(meeting) if meeting is not None else None
