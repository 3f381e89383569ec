"""The base of every dialog that adds to the record: «avbryt»/«cancel» ends it without
saving (so does «angre»/"undo": what is being added is the change to take back),
«hjelp»/«help» explains the step the user is at, and the step is asked again."""

from __future__ import annotations

import re

from botbuilder.dialogs import ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus

from assistant.texts import text
from assistant.undo_command import undo_language

# Ends as "\s*(?:[.!]+\s*)?$" rather than "\s*[.!]*\s*$": a long answer that is neither
# fails in linear time, not after trying every split of its spaces (issue 13).
_CANCEL = re.compile(
    r"^\s*(?:avbryt|avslutt|stopp|glem\s+det|cancel|stop|quit|never\s*mind)\s*(?:[.!]+\s*)?$",
    re.IGNORECASE,
)
_HELP = re.compile(r"^\s*(?:hjelp|help|\?)\s*(?:[.!?]+\s*)?$", re.IGNORECASE)


def is_cancel(answer: str) -> bool:
    return bool(_CANCEL.match(answer)) or undo_language(answer) is not None


class CaptureDialog(ComponentDialog):
    async def on_continue_dialog(self, inner_dc: DialogContext) -> DialogTurnResult:
        answer = inner_dc.context.activity.text or ""
        step = _prompt_validations(inner_dc)
        language = step.get("language", "nb")
        if is_cancel(answer):
            await inner_dc.context.send_activity(text(language, "dialog.cancelled"))
            return await inner_dc.cancel_all_dialogs()
        if _HELP.match(answer) and "help" in step:
            help_text = f"{step['help']}\n{text(language, 'dialog.help_suffix')}"
            await inner_dc.context.send_activity(help_text)
            await inner_dc.reprompt_dialog()
            return DialogTurnResult(DialogTurnStatus.Waiting)
        return await super().on_continue_dialog(inner_dc)


def _prompt_validations(inner_dc: DialogContext) -> dict[str, str]:
    """The help text and language the active prompt was given (dialogs/prompts.options)."""
    active = inner_dc.active_dialog
    prompt_options = active.state.get("options") if active is not None else None
    validations = getattr(prompt_options, "validations", None)
    return validations if isinstance(validations, dict) else {}
