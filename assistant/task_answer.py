"""Answering "which tasks are mine?" and "what does Christine / AU owe?"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from storage.models import Task
from storage.paging import shown_page
from storage.queries import TasksFor, tasks_for

from .answer_types import Source, TaskChange, TaskResult
from .texts import text


@dataclass(frozen=True, slots=True)
class TaskFindings:
    name: str  # the person's or group's name as resolved (or as asked)
    is_person: bool
    groups: list[str]
    tasks: list[TaskResult]
    candidates: list[str]  # several people answer to the name: ask which one
    known: bool  # False: nobody, no group and no task goes by that name
    total: int = 0  # how many tasks in all (`tasks` may be one page of them)
    page: int = 1


def task_result(task: Task, found: TasksFor | None = None) -> TaskResult:
    via = None
    if found is not None and found.person is not None and task.person_id != found.person.id:
        via = next((g.label for g in found.groups if g.id == task.group_id), None)
    committee = task.committee.label if task.committee else None
    return TaskResult(
        task_id=task.id,
        description=task.description,
        assignee=task.assignee_name,
        assignee_kind=task.assignee_kind,
        via_group=via,
        due_date=task.due_date,
        due_text=task.due_text,
        due_is_approximate=task.due_is_approximate,
        status=task.status,
        case=task.case.number if task.case else None,
        meeting_date=task.meeting.date if task.meeting else None,
        committee=committee,
        source=Source(
            task.document.name if task.document else None,
            task.line,
            task.page,
            added_by=(task.created_by or "?") if task.origin == "chat" else None,
        ),
        change=task_change(task),
        settled_on=task.settled_on if task.status == "open" else None,
    )


def task_change(task: Task) -> TaskChange | None:
    """The last change made in chat, as the task keeps it (None: never changed in chat)."""
    if task.last_change is None or task.last_change_on is None:
        return None
    return TaskChange(
        task.last_change, task.last_change_by, task.last_change_on, task.last_change_from
    )


def find_tasks(
    session: Session,
    tenant: str,
    name: str,
    *,
    include_done: bool = False,
    page: int = 1,
    per_page: int | None = None,
    where: Iterable[ColumnElement[bool]] = (),
    keep: Callable[[Task], bool] | None = None,
) -> TaskFindings:
    """`name`'s tasks (page `page` of them with `per_page`): those that meet the SQL
    conditions `where` and, when given, `keep` (which reads each task, so the page is cut
    after it)."""
    found = tasks_for(
        session,
        tenant=tenant,
        name=name,
        include_done=include_done,
        page=page if keep is None else 1,
        per_page=per_page if keep is None else None,
        where=where,
    )
    tasks, total, shown = found.tasks, found.total, found.page
    if keep is not None:
        tasks = [t for t in tasks if keep(t)]
        total = len(tasks)
        if per_page is not None:
            shown = shown_page(page, total, per_page)
            tasks = tasks[(shown - 1) * per_page : shown * per_page]
    resolved = found.person.name if found.person else name
    if not found.person and len(found.groups) == 1:
        resolved = found.groups[0].label
    return TaskFindings(
        name=resolved,
        is_person=found.person is not None,
        groups=[g.label for g in found.groups] if found.person else [],
        tasks=[task_result(t, found) for t in tasks],
        candidates=[p.name for p in found.candidates],
        known=bool(found.person or found.groups or found.named or found.candidates),
        total=total,
        page=shown,
    )


def owner_not_found(found: TaskFindings, asked: str, language: str) -> str | None:
    """What to say when `asked` names nobody or several people; None when it is one."""
    if found.candidates:
        options = ", ".join(found.candidates)
        return text(language, "tasks.ambiguous", name=asked, options=options)
    if not found.known:
        return text(language, "tasks.unknown_person", name=asked)
    return None
