"""What the importer read in a document, and what it did not find, with line numbers:
`referent import FILE --explain`. Also the warnings an import reports when a document
lacks what every answer needs (a meeting date, items)."""

from __future__ import annotations

from .model import CaseStatus, DocumentKind, DocumentText, ParsedCase, ParsedMinutes
from .names import normalise_space

_WIDTH = 70  # characters of a decision or title shown


def warnings(minutes: ParsedMinutes) -> list[str]:
    """Why this document will answer less than it should."""
    found: list[str] = []
    dated = minutes.kind in (DocumentKind.MINUTES,)
    if dated and minutes.meeting_date is None:
        found.append("no meeting date found: answers cannot say when (add e.g. 'Møtedato: …')")
    elif minutes.date_source == "file name":
        found.append("meeting date taken from the file name: the text gives none")
    if minutes.kind == DocumentKind.MINUTES and not minutes.cases:
        found.append("no items found: nothing to answer from this document")
    return found


def _short(text: str | None) -> str:
    text = normalise_space(text or "")
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _line_of(doc: DocumentText, text: str | None, after: int | None) -> int | None:
    """The line where `text` begins, searched from the item's heading on."""
    words = normalise_space(text or "")[:40]
    if not words:
        return None
    for line in doc.lines:
        if (after is None or line.number >= after) and words[:25] in normalise_space(line.text):
            return line.number
    return None


def _at(line: int | None) -> str:
    return f" (line {line})" if line else ""


_STATUS = {
    CaseStatus.DECIDED: "decided",
    CaseStatus.REJECTED: "rejected",
    CaseStatus.NOTED: "noted, no decision",
    CaseStatus.POSTPONED: "postponed",
    CaseStatus.WITHDRAWN: "withdrawn",
    CaseStatus.PROPOSED: "proposed, not yet decided",
}


def _case(doc: DocumentText, case: ParsedCase) -> list[str]:
    number = f"{case.number} " if case.number else ""
    out = [f"  line {case.line or '?':<5} {number}{_short(case.title)} — {_STATUS[case.status]}"]
    if case.decision:
        line = _line_of(doc, case.decision, case.line)
        out.append(f"             decision{_at(line)}: «{_short(case.decision)}»")
    if case.proposal:
        line = _line_of(doc, case.proposal, case.line)
        out.append(f"             proposal{_at(line)}: «{_short(case.proposal)}»")
    if case.votes:
        out.append(f"             votes: {_short(case.votes)}")
    return out


def explain(doc: DocumentText, minutes: ParsedMinutes) -> list[str]:
    fields = minutes.fields
    out = [f"kind: {minutes.kind.value}"]
    missing: list[str] = []
    if minutes.meeting_date:
        how = minutes.date_source or "text"
        out.append(f"meeting date: {minutes.meeting_date.isoformat()} (from the {how}"
                   f"{', line ' + str(fields['date']) if 'date' in fields else ''})")  # fmt: skip
    else:
        missing.append("meeting date")
    if minutes.starts:
        ends = f"–{minutes.ends:%H:%M}" if minutes.ends else ""
        out.append(f"time: {minutes.starts:%H:%M}{ends}{_at(fields.get('time'))}")
    else:
        missing.append("time")
    for name, value in (
        ("place", minutes.location),
        ("body", minutes.committee.name if minutes.committee else None),
        ("chair", minutes.chair),
        ("minute-taker", minutes.secretary),
    ):
        if value:
            field = {"minute-taker": "secretary", "body": "meeting"}.get(name, name)
            out.append(f"{name}: {value}{_at(fields.get(field))}")
        else:
            missing.append(name)
    if minutes.participants:
        out.append(f"present: {len(minutes.participants)} people{_at(fields.get('present'))}")
    else:
        missing.append("who was present")
    if minutes.absentees:
        out.append(f"absent: {len(minutes.absentees)} people{_at(fields.get('absent'))}")
    if minutes.next_meeting:
        out.append(f"next meeting: {minutes.next_meeting.date.isoformat()}"
                   f"{_at(minutes.next_meeting.line)}")  # fmt: skip
    out.append(f"items: {len(minutes.cases)}")
    for case in minutes.cases:
        out += _case(doc, case)
    out.append(f"tasks: {len(minutes.tasks)}")
    for task in minutes.tasks:
        due = f" (due {task.due_date.isoformat()})" if task.due_date else (
            f" (due {task.due_text})" if task.due_text else "")  # fmt: skip
        who = task.assignee or "no one named"
        out.append(f"  line {task.line or '?':<5} {who}: {_short(task.description)}{due}")
    if missing:
        out.append("not found: " + ", ".join(missing))
    out += [f"note: {n}" for n in minutes.notes]
    return out
