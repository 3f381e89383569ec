"""Answers as chat text (Markdown-light: works in Teams, Slack and a terminal)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from .answer_types import CaseResult, MeetingResult, TaskResult
from .texts import format_date, short_date, text

MAX_DECISION_CHARS = 700  # long decisions are cut in chat; the card and JSON carry them whole


def _clip(value: str, limit: int = MAX_DECISION_CHARS) -> str:
    value = value.strip()
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _one_line(value: str) -> str:
    """A multi-line decision as one line, for a list item."""
    return " ".join(value.split())


def source_line(result: CaseResult | TaskResult, language: str) -> str:
    if result.source.document is None and result.source.added_by:
        return text(language, "source.chat", who=result.source.added_by)
    parts = [result.source.document or "?"]
    if result.source.page:
        parts.append(text(language, "source.page", page=result.source.page))
    if result.source.line:
        parts.append(text(language, "source.line", line=result.source.line))
    return text(language, "source", document=", ".join(parts))


def case_heading(result: CaseResult, language: str) -> str:
    """ "SSU 28.09.2023, sak 2023.30 «Delavtale …»" — the citation every answer starts with."""
    where = " ".join(
        x for x in (result.committee, result.meeting_date and short_date(result.meeting_date)) if x
    )
    number = f"{text(language, 'case')} {result.case}" if result.case else None
    head = ", ".join(x for x in (where, number) if x)
    return f"{head} «{result.title}»" if head else f"«{result.title}»"


# How an answer leads with a case of each status (CaseStatus in minutes/model.py): only a
# decided case is a decision in force; a case that was only noted, voted down, postponed or
# withdrawn is finished without one, and only a proposal is still waiting.
_LEAD = {
    "decided": "decision.current",
    "noted": "decision.noted",
    "rejected": "decision.rejected",
    "postponed": "decision.postponed",
    "withdrawn": "decision.withdrawn",
    "proposed": "decision.not_decided",
}


def decision_label(result: CaseResult, language: str) -> str:
    """ "Gjeldende vedtak", "Bare tatt til orientering", "Ikke vedtatt – forslaget falt" …"""
    return text(language, _LEAD.get(result.status, "decision.not_decided"))


def _status(result: CaseResult) -> str:
    return result.status if result.status in _LEAD else "proposed"


def _details(result: CaseResult, language: str) -> str | None:
    """What a case that was not decided shows besides its status: a noted case the body's
    own words ("… tas til orientering"), any other its proposal, named for what became of
    it — a proposal voted down is never shown as a decision."""
    status = _status(result)
    if status == "noted":
        return _clip(result.decision) if result.decision else None
    if not result.proposal:
        return None
    label = "label.rejected_proposal" if status == "rejected" else "label.proposal"
    return f"{text(language, label)}: {_clip(result.proposal)}"


def case_outcome(result: CaseResult, language: str) -> str:
    """The case's outcome on its own (a card, a line among other matches): the decision, or
    the status in words with what was noted or proposed."""
    status = _status(result)
    if status == "decided":
        if result.decision:
            return _clip(result.decision)
        if result.proposal:
            return f"{text(language, 'label.proposal')}: {_clip(result.proposal)}"
        return text(language, "status.decided")
    details = _details(result, language)
    if status == "proposed" and details:
        return details  # "Forslag til vedtak: …" says it is a proposal
    word = text(language, f"status.{status}")
    return f"{word} — {details}" if details else word


def _lead_outcome(result: CaseResult, language: str) -> str | None:
    """Under the lead label, which already says the status: the details alone, if any."""
    if _status(result) in ("decided", "proposed"):
        return case_outcome(result, language)
    return _details(result, language)


def decisions(results: list[CaseResult], language: str, topic: str, found: bool) -> str:
    if not found:
        lines = [text(language, "decision.none", topic=topic)]
        if results:
            lines.append(text(language, "decision.near"))
            lines += [f"- {case_heading(r, language)}" for r in results]
        return "\n".join(lines)
    current, *rest = results
    outcome = _lead_outcome(current, language)
    lines = [
        f"**{decision_label(current, language)}** — {case_heading(current, language)}:",
        *([outcome] if outcome else []),
        source_line(current, language),
    ]
    for role, heading in (("history", "decision.history"), ("match", "decision.more")):
        listed = [r for r in rest if r.role == role]
        if listed:
            lines += ["", text(language, heading)]
            lines += [
                f"- {case_heading(r, language)}: {_clip(_one_line(case_outcome(r, language)), 160)}"
                for r in listed
            ]
    return "\n".join(lines)


def task_owner(task: TaskResult, language: str) -> str:
    """ "Britt Kveseth", or for a task of the asker's group "AU (din gruppe)"."""
    owner = task.assignee or "?"
    if task.via_group == task.assignee:
        return f"{owner} ({text(language, 'tasks.your_group')})"
    if task.via_group:
        return f"{owner} ({text(language, 'tasks.via_group', group=task.via_group)})"
    return owner


def task_due(task: TaskResult, language: str) -> str | None:
    """ "24. oktober 2022", or the deadline as written when it is not a date ("Høst 2022")."""
    if task.due_date and not task.due_is_approximate:
        return format_date(task.due_date, language)
    return task.due


def task_state(task: TaskResult, language: str, today: date) -> list[str]:
    """ "forfalt" for an open task past its deadline, "ferdig" for a done one."""
    if task.status == "done":
        return [text(language, "tasks.done")]
    if task.due_date and task.due_date < today:
        return [text(language, "tasks.overdue")]
    return []


def task_line(task: TaskResult, language: str, today: date) -> str:
    owner = task_owner(task, language)
    extras = []
    due = task_due(task, language)
    if due:
        extras.append(text(language, "tasks.due", due=due))
    extras += task_state(task, language, today)
    cite = task_cite(task, language)
    tail = f" — {', '.join(extras)}" if extras else ""
    number = text(language, "tasks.number", id=task.task_id)  # what «ferdig med oppgave N» uses
    return f"- {owner}: {task.description}{tail}" + (f" ({cite})" if cite else "") + f" [{number}]"


def task_cite(task: TaskResult, language: str) -> str:
    """ "SSU 28.09.2023 sak 2023.30": where the task comes from ("" when nothing is known)."""
    parts = (
        task.committee,
        task.meeting_date and short_date(task.meeting_date),
        task.case and f"{text(language, 'case')} {task.case}",
    )
    return " ".join(x for x in parts if x)


def meeting_when(meeting: MeetingResult, language: str, tz: ZoneInfo) -> str:
    parts = [format_date(meeting.date, language, weekday=True)]
    if meeting.starts_at:
        start = meeting.starts_at.astimezone(tz).strftime("%H:%M")
        if meeting.ends_at:
            end = meeting.ends_at.astimezone(tz).strftime("%H:%M")
            parts.append(text(language, "meeting.time_range", start=start, end=end))
        else:
            parts.append(text(language, "meeting.time", start=start))
    when = " ".join(parts)
    if meeting.location:
        when += f" ({text(language, 'meeting.place', location=meeting.location)})"
    return when
