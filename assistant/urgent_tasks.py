"""Answering "do I have anything urgent?": the open tasks of the asker (or of a person or
group named, or of everyone in a committee) that are overdue or due within a week of today,
the most urgent first."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer, TaskResult
from .committee_tasks import committee_tasks
from .intents import Intent
from .settled_tasks import settled_among
from .task_answer import find_tasks, owner_not_found
from .task_scope import task_scope
from .texts import format_date, text

URGENT_DAYS = 7  # due within a week counts as urgent


def answer_urgent(
    session: Session,
    context: AnswerContext,
    intent: Intent,
    answer: Answer,
    name: str | None,
    *,
    mine: bool,
) -> None:
    """`name`: whose tasks (the asker's when `mine`); None when the asker is not known.
    With `intent.everyone`, everyone's; either way as the question narrows them ("i SSU",
    "fra forrige møte": task_scope)."""
    lang, today = answer.language, context.today
    scope = task_scope(session, context, intent)
    words = scope.words(lang)
    if intent.everyone:
        # committee_tasks leaves out what a later meeting settled
        open_tasks = committee_tasks(session, context.tenant, where=scope.where())
        whose, name = "in", None
        words = words or text(lang, "tasks.scope.all")
    else:
        if not name:
            answer.found = False
            answer.text = text(lang, "tasks.who")
            return
        found = find_tasks(session, context.tenant, name, where=scope.where())
        answer.person, answer.groups = found.name, found.groups
        if problem := owner_not_found(found, name, lang):
            answer.found, answer.text = False, problem
            return
        name, whose = found.name, "mine" if mine else "of"
        open_tasks = [t for t in found.tasks if t.status == "open"]
        # A task a later meeting settled is done in all but its row: not urgent, not open.
        settled = settled_among(session, [t.task_id for t in open_tasks])
        open_tasks = [t for t in open_tasks if t.task_id not in settled]
    horizon = today + timedelta(days=URGENT_DAYS)
    urgent = sorted(
        (t for t in open_tasks if t.due_date and t.due_date <= horizon),
        key=lambda t: (t.due_date, t.task_id),
    )
    answer.tasks = urgent
    until = format_date(horizon, lang)
    if urgent:
        lines = [text(lang, f"urgent.title.{whose}", name=name, horizon=until, scope=words)]
        lines += [render.task_line(t, lang, today) for t in urgent]
        later = len(open_tasks) - len(urgent)
        if later:
            lines += ["", text(lang, "urgent.later.one" if later == 1 else "urgent.later.many",
                               count=later)]  # fmt: skip
        answer.text = "\n".join(lines)
        return
    lines = [text(lang, f"urgent.none.{whose}", name=name, horizon=until, scope=words)]
    lines.append(_open_count(open_tasks, lang, words))
    answer.text = "\n".join(lines)


def _open_count(open_tasks: list[TaskResult], language: str, scope: str) -> str:
    """ "3 åpne oppgaver i alt; neste frist 15. januar 2027 (…)." — what is not urgent;
    "Ingen åpne oppgaver i SSU." when the question's scope has none."""
    if not open_tasks:
        if scope:
            return text(language, "tasks.none.open_in", scope=scope)
        return text(language, "urgent.open.zero")
    count = len(open_tasks)
    said = text(language, "urgent.open.one" if count == 1 else "urgent.open.many", count=count)
    dated = [t for t in open_tasks if t.due_date]
    if not dated:
        return said
    first = min(dated, key=lambda t: (t.due_date, t.task_id))
    due = render.task_due(first, language) or ""
    return f"{said} {text(language, 'urgent.next', due=due, task=first.description.rstrip('. '))}"
