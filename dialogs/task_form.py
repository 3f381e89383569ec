"""The add-task dialog's fields as one Adaptive Card form, for channels that show cards:
filled and sent, it starts the same dialog with the fields as its options, so only what
is missing or ambiguous is still asked. A form shown for a case (the dialog had one) sends
that case's id back with its fields: the task is the case's, however late it is sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from botbuilder.core import CardFactory
from botbuilder.schema import Attachment

from assistant.texts import text

# What the form's button sends back (as the message's value, as Teams does).
FORM_KEY = "referent"
TASK_FORM = "form.task"
CARD_CHANNELS = frozenset({"msteams", "webchat", "emulator", "directline"})


def task_form(language: str, case_id: int | None = None) -> Attachment:
    def field(key: str, label: str, **extra: Any) -> dict[str, Any]:
        return {"type": "Input.Text", "id": key, "label": text(language, label), **extra}

    card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": text(language, "form.task.title"), "weight": "Bolder"},
            field("description", "form.task.description", isRequired=True,
                  errorMessage=text(language, "form.task.description")),
            field("assignee", "form.task.assignee"),
            {"type": "Input.Date", "id": "due", "label": text(language, "form.task.due")},
        ],
        "actions": [{"type": "Action.Submit", "title": text(language, "form.task.submit"),
                     "data": {FORM_KEY: TASK_FORM}}],
    }  # fmt: skip
    if case_id is not None:
        card["actions"][0]["data"]["case_id"] = case_id
    return CardFactory.adaptive_card(card)


def task_options(value: dict[str, Any], language: str, by: str | None) -> dict[str, Any]:
    """The AddTaskDialog options a sent form stands for; a bad date counts as none given."""
    due = None
    try:
        day = date.fromisoformat(str(value.get("due") or ""))
        due = {"day": day.isoformat(), "text": day.isoformat(), "approximate": False}
    except ValueError:
        pass
    return {
        "language": language,
        "description": str(value.get("description") or "").strip(),
        "assignee_text": str(value.get("assignee") or "").strip() or None,
        "due": due,
        "by": by,
        "case_id": None,
    }
