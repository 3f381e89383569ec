"""The new-case dialog's fields as one Adaptive Card form, for channels that show cards:
filled and sent, it starts the same dialog with the fields as its options, so only what
is missing is still asked (and the summary still asks «ja/nei»).

`committee_choices` is shared with dialogs/meeting_form.py."""

from __future__ import annotations

from typing import Any

from botbuilder.core import CardFactory
from botbuilder.schema import Attachment

from assistant.texts import text
from storage.records import PROPOSAL_KINDS

from .task_form import FORM_KEY

CASE_FORM = "form.case"
# The options key saying the form was shown (or sent) already: it is not offered again.
FORM_SHOWN = "form_shown"


def case_form(
    language: str, committees: list[dict[str, Any]], filled: dict[str, Any] | None = None
) -> Attachment:
    """The form, with the tenant's `committees` ({"id", "label", "name"}) to choose from and
    what the dialog already knows (`filled`: its values) filled in."""
    filled = filled or {}

    def label(key: str) -> str:
        return text(language, key)

    kinds = [
        {"title": text(language, f"case.kind.{kind}").capitalize(), "value": kind}
        for kind in PROPOSAL_KINDS
    ]
    card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": [
            {"type": "TextBlock", "text": label("form.case.heading"), "weight": "Bolder"},
            committee_choices(language, "form.case", committees, filled),
            {"type": "Input.Text", "id": "title", "label": label("form.case.title"),
             "isRequired": True, "errorMessage": label("form.case.title_missing"),
             "value": filled.get("title") or ""},
            {"type": "Input.Text", "id": "description", "label": label("form.case.description"),
             "isMultiline": True, "value": filled.get("description") or ""},
            {"type": "Input.ChoiceSet", "id": "kind", "label": label("form.case.kind"),
             "style": "compact", "placeholder": label("form.case.choose_kind"),
             "choices": kinds, "value": filled.get("kind") or ""},
        ],
        "actions": [{"type": "Action.Submit", "title": label("form.case.submit"),
                     "data": {FORM_KEY: CASE_FORM}}],
    }  # fmt: skip
    return CardFactory.adaptive_card(card)


def case_options(value: dict[str, Any], language: str, who: str | None) -> dict[str, Any]:
    """The NewCaseDialog options a sent form stands for (`who`: the sender's name); an empty
    field is None, for the dialog to ask, but for the description, which is optional: left
    empty in the form it is none (""). The dialog reads the committee, title and kind as it
    reads them typed: a kind it does not know is asked for."""
    return {
        "language": language,
        "committee_name": field(value, "committee"),
        "title": field(value, "title"),
        "description": field(value, "description") or "",
        "kind": field(value, "kind"),
        "by": who,
        FORM_SHOWN: True,
    }


def committee_choices(
    language: str, texts: str, committees: list[dict[str, Any]], filled: dict[str, Any]
) -> dict[str, Any]:
    """An Input.ChoiceSet "committee" of `committees`, each sent as its label (what the
    dialog looks a committee up by); the committee of `filled` chosen. `texts` is the
    prefix of the label's and placeholder's message keys."""
    chosen = filled.get("committee")
    choices = [
        {"title": c["label"] if c["label"] == c["name"] else f"{c['label']} ({c['name']})",
         "value": c["label"]}
        for c in committees
    ]  # fmt: skip
    return {
        "type": "Input.ChoiceSet",
        "id": "committee",
        "label": text(language, f"{texts}.committee"),
        "style": "compact",
        "placeholder": text(language, f"{texts}.choose"),
        "choices": choices,
        "value": chosen["label"] if isinstance(chosen, dict) else "",
    }


def field(value: dict[str, Any], key: str) -> str | None:
    """A sent form's field, stripped; None when empty or missing."""
    found = value.get(key)
    if found is None:
        return None
    return str(found).strip() or None
