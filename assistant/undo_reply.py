"""What «angre» says (storage/undo.Undone in words): what was put back, or why not."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from storage import changes
from storage.undo import Undone

from .texts import format_date, text


def undo_reply(undone: Undone | None, language: str, tz: ZoneInfo) -> str:
    if undone is None:
        return text(language, "undo.nothing")
    if undone.outcome == "undone":
        return _undone(undone, language, tz)
    what = _what(undone, language, tz)
    return text(language, f"undo.{undone.outcome}", what=what)


def _undone(undone: Undone, language: str, tz: ZoneInfo) -> str:
    kind, before, after = undone.kind, undone.before or {}, undone.after or {}
    key = f"undo.{kind}"
    if kind.startswith("task_"):
        values: dict[str, object] = {
            "id": undone.target_id,
            "description": (undone.description or "").rstrip(" ."),
        }
        if kind == changes.TASK_POSTPONED:
            values["due"] = _due(before, language)
        elif kind == changes.TASK_REASSIGNED:
            values["assignee"] = before.get("assignee_name") or text(language, "task.unassigned")
        return text(language, key, **values)
    if kind == changes.CASE_ADDED:
        return text(language, key, title=undone.title, committee=undone.committee or "")
    shown = before if kind == changes.MEETING_MOVED else after
    return text(language, key, committee=undone.committee or "", when=_when(shown, language, tz))


def _what(undone: Undone, language: str, tz: ZoneInfo) -> str:
    if undone.kind.startswith("task_"):
        if undone.description is None:
            return text(language, "undo.what.task_gone", id=undone.target_id)
        description = undone.description.rstrip(" .")
        return text(language, "undo.what.task", id=undone.target_id, description=description)
    if undone.kind == changes.CASE_ADDED:
        return text(language, "undo.what.case", title=undone.title)
    when = _when(undone.after or {}, language, tz)
    return text(language, "undo.what.meeting", committee=undone.committee or "", when=when)


def _due(fields: dict[str, object], language: str) -> str:
    day = fields.get("due_date")
    if not day:
        return text(language, "task.saved.no_due")
    shown = fields.get("due_text") or format_date(date.fromisoformat(str(day)), language)
    return text(language, "task.saved.due", due=shown)


def _when(fields: dict[str, object], language: str, tz: ZoneInfo) -> str:
    """A meeting's day and hours as replies show them ("mandag 14. desember 2026 kl.
    13:00–15:00"), in the committee's zone."""
    if not fields.get("date"):
        return ""
    shown = format_date(date.fromisoformat(str(fields["date"])), language, weekday=True)
    start, end = (_clock(fields.get(k), tz) for k in ("starts_at", "ends_at"))
    if start and end:
        return f"{shown} {text(language, 'meeting.time_range', start=start, end=end)}"
    return f"{shown} {text(language, 'meeting.time', start=start)}" if start else shown


def _clock(value: object, tz: ZoneInfo) -> str | None:
    return datetime.fromisoformat(str(value)).astimezone(tz).strftime("%H:%M") if value else None
