"""The meeting dialog's fields as one Adaptive Card form, for channels that show cards:
filled and sent, it starts the same dialog with the fields as its options, so only what
is missing is still asked (and the summary still asks «ja/nei»)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any, TypeVar

from botbuilder.core import CardFactory
from botbuilder.schema import Attachment

from assistant.texts import text

from .case_form import FORM_SHOWN, committee_choices, field
from .task_form import FORM_KEY

MEETING_FORM = "form.meeting"

T = TypeVar("T")


def meeting_form(
    language: str, committees: list[dict[str, Any]], filled: dict[str, Any] | None = None
) -> Attachment:
    """The form, with the tenant's `committees` ({"id", "label", "name"}) to choose from and
    what the dialog already knows (`filled`: its values) filled in."""
    filled = filled or {}
    when = filled.get("when") or {}
    times = when if when.get("start") else filled.get("time") or {}

    def label(key: str) -> str:
        return text(language, key)

    card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": label("form.meeting.heading"), "weight": "Bolder"},
            committee_choices(language, "form.meeting", committees, filled),
            {"type": "Input.Date", "id": "date", "label": label("form.meeting.date"),
             "value": when.get("day") or ""},
            {"type": "Input.Time", "id": "start", "label": label("form.meeting.start"),
             "value": times.get("start") or ""},
            {"type": "Input.Time", "id": "end", "label": label("form.meeting.end"),
             "value": times.get("end") or ""},
            {"type": "Input.Text", "id": "location", "label": label("form.meeting.location"),
             "value": filled.get("location") or ""},
        ],
        "actions": [{"type": "Action.Submit", "title": label("form.meeting.submit"),
                     "data": {FORM_KEY: MEETING_FORM}}],
    }  # fmt: skip
    return CardFactory.adaptive_card(card)


def meeting_options(value: dict[str, Any], language: str, who: str | None) -> dict[str, Any]:
    """The ScheduleMeetingDialog options a sent form stands for (`who`: the sender's name).
    An empty field is None, for the dialog to ask; so is a bad date or time, and an end
    without a start or not after it. A time without a date is kept for the date asked."""
    day = _parsed(date.fromisoformat, field(value, "date"))
    start = _parsed(time.fromisoformat, field(value, "start"))
    end = _parsed(time.fromisoformat, field(value, "end")) if start else None
    times = {
        "start": start.strftime("%H:%M") if start else None,
        "end": end.strftime("%H:%M") if start and end and end > start else None,
    }
    return {
        "language": language,
        "committee_name": field(value, "committee"),
        "when": {"day": day.isoformat(), **times} if day else None,
        "time": times if start and not day else None,
        "location": field(value, "location"),
        "by": who,
        FORM_SHOWN: True,
    }


def _parsed(parse: Callable[[str], T], written: str | None) -> T | None:
    if not written:
        return None
    try:
        return parse(written)
    except ValueError:
        return None
