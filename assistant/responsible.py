"""Answering "who is responsible for the ØHD criteria?": the case found as a decision
question finds it, then the owners of its tasks (open first) and the people the minutes
name as responsible for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from storage.models import Case, Task

from . import render
from .answer_context import AnswerContext
from .answer_lines import item_outcome
from .answer_types import Answer, CaseResult, TaskResult
from .decision_answer import find_decisions
from .decision_search import DecisionSearch
from .intents import Intent, IntentKind
from .task_answer import task_result
from .texts import text


def _owned(
    session: Session, tenant: str, case_ids: list[int]
) -> tuple[list[str], list[TaskResult]]:
    """(the people the cases name as responsible, the cases' tasks with open ones first)."""
    named: list[str] = []
    for found in session.scalars(select(Case).where(Case.id.in_(case_ids))):
        named += [n for n in found.responsible or [] if n not in named]
    tasks = session.scalars(
        select(Task)
        .where(Task.tenant == tenant, Task.case_id.in_(case_ids))
        .order_by(
            case((Task.status == "open", 0), else_=1),
            Task.due_date.is_(None),
            Task.due_date,
            Task.id,
        )
    )
    return named, [task_result(t) for t in tasks.unique()]


def _owners(named: list[str], tasks: list[TaskResult]) -> list[str]:
    """Everyone answerable, once each: those named first, then the tasks' owners."""
    owners = list(named)
    owners += [t.assignee for t in tasks if t.assignee and t.assignee not in owners]
    return owners


def answer_responsible(
    session: Session,
    context: AnswerContext,
    search: DecisionSearch,
    intent: Intent,
    answer: Answer,
) -> None:
    lang, today = answer.language, context.today
    topic = (intent.topic or "").strip()
    if not topic:
        answer.found = False
        answer.text = text(lang, "responsible.no_topic")
        return
    asked = replace(intent, kind=IntentKind.DECISION, topic=topic)
    found = find_decisions(session, search, context.tenant, asked)
    answer.results = found.results
    if not found.found:
        answer.found = False
        lines = [text(lang, "responsible.no_case", topic=topic), *render.near(found.results, lang)]
        answer.text = "\n".join(lines)
        return
    matter = [r for r in found.results if r.role in ("current", "history")]
    current = matter[0]
    named, tasks = _owned(session, context.tenant, [r.case_id for r in matter])
    if named or tasks:
        answer.tasks = tasks
        answer.text = "\n".join(_owned_lines(current, named, tasks, lang, today))
        return
    # Nobody answerable in the case itself: its outcome often names a body ("the working
    # group presents …"), and a related case may have owners.
    lines = [
        text(lang, "responsible.nobody", case=render.case_heading(current, lang)),
        item_outcome(current, lang),
        render.source_line(current, lang),
    ]
    for related in (r for r in found.results if r.role == "match"):
        named, tasks = _owned(session, context.tenant, [related.case_id])
        if named or tasks:
            answer.tasks = tasks
            lines += ["", text(lang, "responsible.related")]
            lines += _owned_lines(related, named, tasks, lang, today)
            break
    answer.text = "\n".join(lines)


def _owned_lines(
    result: CaseResult, named: list[str], tasks: list[TaskResult], language: str, today: date
) -> list[str]:
    heading = render.case_heading(result, language)
    owners = ", ".join(_owners(named, tasks))
    lines = [text(language, "responsible.title", case=heading, owners=owners)]
    if named:
        lines.append(text(language, "responsible.named", names=", ".join(named)))
    lines += [render.task_line(t, language, today) for t in tasks]
    lines.append(render.source_line(result, language))
    return lines
