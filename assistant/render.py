"""Answers as chat text (Markdown-light: works in Teams, Slack and a terminal)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from storage import changes

from .answer_types import CaseResult, MeetingResult, TaskResult
from .texts import day_and_month, format_date, short_date, text

MAX_DECISION_CHARS = 700  # long decisions are cut in chat; the card and JSON carry them whole
LINE_CHARS = 160  # a case's outcome on one line among others
_TRIM = " ,;:–—-\n"


def _clip(value: str, limit: int = MAX_DECISION_CHARS) -> str:
    """`value` cut at a word's end (its line breaks kept), with "…" when cut."""
    value = value.strip()
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if not value[limit - 1].isspace():
        space = max(cut.rfind(" "), cut.rfind("\n"))
        cut = cut[:space] if space > 0 else cut
    return cut.rstrip(_TRIM) + "…"


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
    """ "Gjeldende vedtak", "Bare tatt til orientering", "Drøftet – ingen vedtak", "Utsatt til
    9. desember 2026 – ikke avgjort", "Ikke vedtatt – forslaget falt" …"""
    status = _status(result)
    if status == "postponed" and result.postponed_to:
        day = format_date(result.postponed_to, language)
        return text(language, "decision.postponed_to", day=day)
    if status == "noted" and result.discussed:
        return text(language, "decision.discussed")
    if status == "decided" and result.role == "history":
        return text(language, "decision.earlier")  # a later treatment of the matter exists
    return text(language, _LEAD[status])


def status_word(result: CaseResult, language: str) -> str:
    """The status in a few words: "vedtak", "orientering, ingen vedtak", "drøftet, ingen
    vedtak", "utsatt til 9. desember 2026", "forslaget falt, ikke vedtatt" …"""
    status = _status(result)
    if status == "postponed" and result.postponed_to:
        day = format_date(result.postponed_to, language)
        return text(language, "status.postponed_to", day=day)
    if status == "noted" and result.discussed:
        return text(language, "status.discussed")
    return text(language, f"status.{status}")


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
    word = status_word(result, language)
    return f"{word} — {details}" if details else word


def lead_outcome(result: CaseResult, language: str) -> str | None:
    """Under the lead label, which already says the status: the details alone, if any."""
    if _status(result) in ("decided", "proposed"):
        return case_outcome(result, language)
    return _details(result, language)


def reported(result: CaseResult, language: str) -> str | None:
    """ "Fra referatet: …": what was reported — of a case not decided, in place of a
    decision; of a decided one, under its decision, what the question asked that the
    decision does not say (assistant/case_details.py)."""
    if not result.excerpt:
        return None
    return text(language, "case.reported", excerpt=result.excerpt)


def follow_up(result: CaseResult, language: str) -> list[str]:
    """The follow-up of a case that was not decided, as list items: the tasks given under
    it and the matter's next treatment at a later meeting."""
    if _status(result) == "decided":
        return []
    lines = [f"- {_task_brief(t, language)}" for t in result.tasks]
    if result.later:
        heading = case_heading(result.later, language)
        outcome = _clip(_one_line(case_outcome(result.later, language)), LINE_CHARS)
        lines.append(f"- {text(language, 'case.later', heading=heading, outcome=outcome)}")
    return lines


def _task_brief(task: TaskResult, language: str) -> str:
    """ "Geir Tveit: lager et utkast … — frist 26. oktober 2026": a task under its case."""
    due = task_due(task, language)
    extras = [text(language, "tasks.due", due=due)] if due else []
    extras += _done_and_changed(task, language, None)
    tail = f" — {', '.join(extras)}" if extras else ""
    description = _one_line(task.description)
    owner = task.assignee
    if owner and description.casefold().startswith(owner.casefold()):
        return f"{description}{tail}"  # "Geir Tveit lager …" names its owner already
    return f"{owner or '?'}: {description}{tail}"


def _line_outcome(result: CaseResult, language: str) -> str:
    """A case's outcome on one line among others: with what was reported when nothing
    else says what it was about."""
    outcome = case_outcome(result, language)
    if _status(result) != "decided" and result.excerpt and not _details(result, language):
        outcome = f"{outcome} — {result.excerpt}"
    return _clip(_one_line(outcome), LINE_CHARS)


def near(results: list[CaseResult], language: str) -> list[str]:
    """ "Nærmeste treff:" and a line for each case, or nothing when there are none."""
    if not results:
        return []
    return [text(language, "decision.near"), *(f"- {case_heading(r, language)}" for r in results)]


def decisions(results: list[CaseResult], language: str, topic: str, found: bool) -> str:
    if not found:
        return "\n".join([text(language, "decision.none", topic=topic), *near(results, language)])
    current, *rest = results
    outcome = lead_outcome(current, language)
    said = reported(current, language)
    # A decision leads; for a case without one, what was reported comes first.
    first, second = (outcome, said) if _status(current) == "decided" else (said, outcome)
    lines = [
        f"**{decision_label(current, language)}** — {case_heading(current, language)}:",
        *([first] if first else []),
        *([second] if second else []),
    ]
    after = follow_up(current, language)
    if after:
        lines += [text(language, "case.follow_up"), *after, ""]  # blank: the list ends
    lines.append(source_line(current, language))
    for role, heading in (("history", "decision.history"), ("match", "decision.more")):
        listed = [r for r in rest if r.role == role]
        if listed:
            lines += ["", text(language, heading)]
            lines += [
                f"- {case_heading(r, language)}: {_line_outcome(r, language)}" for r in listed
            ]
    return "\n".join(lines)


def filters_note(
    dropped: frozenset[str],
    topic: str,
    language: str,
    *,
    committee: str | None = None,
    period: str | None = None,
    last_meeting: str | None = None,
) -> str | None:
    """What an answer says first when the question's filters had nothing and were left
    out: "Ingen treff om «LAR» i OSU. Nærmeste treff ellers:". `period` is the period in
    words, `last_meeting` the meeting "siste møte" meant ("SSU 26.10.2026"); a period alone
    keeps its own words ("… Nærmeste treff fra andre tider:")."""
    if not dropped:
        return None
    if dropped == {"period"} and period:
        return text(language, "decision.outside_period", topic=topic, period=period)
    parts = []
    if "last_meeting" in dropped and last_meeting:  # names its committee too
        parts.append(text(language, "filter.last_meeting", meeting=last_meeting))
    elif "committee" in dropped and committee:
        parts.append(text(language, "filter.committee", committee=committee))
    if "period" in dropped and period:
        parts.append(text(language, "filter.period", period=period))
    if not parts:
        return None
    return text(language, "decision.outside_filters", topic=topic, filters=" ".join(parts))


def task_heading(task: TaskResult) -> str:
    """A task's description where it stands alone as a card's heading, its owner in the
    facts under it: begun with a capital ("Lager en kortversjon …"), where the minutes'
    "Marit Lunde lager en kortversjon …" was stored without the name. A first word that is
    not all lower case ("iPhone-opplæring", "eHelse", "LAR-rutinen") stays as written."""
    description = task.description
    words = description.split(maxsplit=1)
    if not words or not words[0].islower():
        return description
    return description[:1].upper() + description[1:]


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


def is_overdue(task: TaskResult, today: date) -> bool:
    """Open (or reopened), past its deadline, and not settled by a later meeting."""
    return (
        task.status != "done"
        and task.settled_on is None
        and task.due_date is not None
        and task.due_date < today
    )


def task_state(task: TaskResult, language: str, today: date) -> list[str]:
    """ "forfalt" for an open task past its deadline, "avklart" for one a later meeting
    settled, "ferdig" for a done one; and its last change made in chat, who and when
    ("ferdig – markert av Kari Nordmann 3.12.")."""
    settled = task.status != "done" and task.settled_on is not None
    return [
        *([text(language, "tasks.overdue")] if is_overdue(task, today) else []),
        *([text(language, "tasks.settled")] if settled else []),
        *_done_and_changed(task, language, today),
    ]


def _done_and_changed(task: TaskResult, language: str, today: date | None) -> list[str]:
    """ "ferdig" for a done task, and its last change made in chat."""
    changed = task_changed(task, language, today)
    if task.status == "done":
        if task.change is not None and task.change.kind == changes.TASK_DONE and changed:
            return [changed]  # says "ferdig" itself
        return [text(language, "tasks.done"), *([changed] if changed else [])]
    return [changed] if changed else []


def task_changed(task: TaskResult, language: str, today: date | None) -> str:
    """ "frist flyttet av Kari Nordmann 3.12.": the last change made in chat, "" when none;
    without `today` (an answer about a case) the day has its year. A "done" or "reopened"
    the task's status no longer shows (the minutes read since say otherwise) is not shown."""
    change = task.change
    if change is None:
        return ""
    if (change.kind, task.status) in (
        (changes.TASK_DONE, "open"), (changes.TASK_REOPENED, "done"),
    ):  # fmt: skip
        return ""
    who = change.by or text(language, "tasks.changed.someone")
    day = day_and_month(change.on, language, today or date.min)
    kind = change.kind.removeprefix("task_")
    if change.kind == changes.TASK_REASSIGNED and not change.previous:
        kind = "reassigned_to"
    if kind not in ("done", "reopened", "postponed", "reassigned", "reassigned_to"):
        return ""
    return text(language, f"tasks.changed.{kind}", who=who, day=day, previous=change.previous)


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


def case_cite(result: CaseResult, language: str) -> str:
    """ "SSU 26.10.2026 sak 2026.42": where a case stands, in a line about something else."""
    parts = (
        result.committee,
        result.meeting_date and short_date(result.meeting_date),
        result.case and f"{text(language, 'case')} {result.case}",
    )
    return " ".join(x for x in parts if x)


def agenda(
    meeting: MeetingResult,
    results: list[CaseResult],
    tasks: list[TaskResult],
    language: str,
    tz: ZoneInfo,
    today: date,
) -> str:
    """The agenda: the cases filed for the meeting, those postponed to it, what earlier
    minutes set for it, then the committee's open tasks — each list after a blank line."""
    committee = meeting.committee or "?"
    when = meeting_when(meeting, language, tz)
    filed = [r for r in results if r.role not in EARLIER_ROLES]
    if results:
        lines = [text(language, "agenda.title", committee=committee, when=when)]
    else:
        lines = [text(language, "agenda.empty", committee=committee, when=when)]
    lines += [f"- {case_heading(c, language)}" for c in filed]
    for head, items in earlier_items(results, language):
        lines += ["", head, *(f"- {item}" for item in items)]
    if tasks:
        lines += ["", text(language, "agenda.open_tasks", committee=committee)]
        lines += [task_line(t, language, today) for t in tasks]
    return "\n".join(lines)


EARLIER_ROLES = ("carried", "set")


def earlier_items(results: list[CaseResult], language: str) -> list[tuple[str, list[str]]]:
    """What earlier meetings bring to an agenda, as (head, lines without a bullet): the
    cases postponed to it (role "carried"), then what earlier minutes set for it (role
    "set"); a list only when it holds any. The agenda answer and the agenda reminder list
    them alike in text, on the Teams card and in Slack."""
    found = []
    for role, head, line in (
        ("carried", "agenda.carried", case_heading),
        ("set", "agenda.set", set_item),
    ):
        lines = [line(r, language) for r in results if r.role == role]
        if lines:
            found.append((text(language, head), lines))
    return found


def set_item(result: CaseResult, language: str) -> str:
    """ "Kommunene orienterer om sine budsjetter … (SSU 26.10.2026 sak 2026.45)"."""
    said = result.excerpt or result.title
    return f"{said} ({case_cite(result, language)})"
