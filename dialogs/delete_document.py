"""«slett dokument …» confirmed: the administrator has been shown what would go and what
stays (assistant/admin_replies.removal_summary); «ja» deletes the document and everything
read from it, «nei» leaves it. Only a plain «ja»/«yes» deletes («ja, men vent» is asked
again, as is anything else); the third answer that is neither ends the dialog with
nothing deleted. Only the administrator who asked can answer: in a group chat another
member's «ja» deletes nothing."""

from __future__ import annotations

import re
from typing import Any

from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptValidatorContext, TextPrompt

from assistant.admin_replies import removal_done
from assistant.capture import Capture
from assistant.document_deletion import delete_document
from assistant.texts import text

from .capture_dialog import CaptureDialog
from .prompts import GAVE_UP, Ask, confirmation, give_up, limited, step_language

ASK_CONFIRM = Ask("admin.delete.confirm", "admin.delete.help", "admin.delete.retry")
_YES = re.compile(r"^\s*(?:ja|j|yes|y)\s*(?:[.!]+\s*)?$", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:nei|n|no|ikke\s+slett|don'?t)\s*(?:[.!]+\s*)?$", re.IGNORECASE)


async def _yes_or_no(prompt: PromptValidatorContext) -> bool:
    answer = (prompt.recognized.value or "") if prompt.recognized.succeeded else ""
    if _YES.match(answer):
        prompt.recognized.value = "yes"
        return True
    if _NO.match(answer):
        prompt.recognized.value = "no"
        return True
    return False


class DeleteDocumentDialog(CaptureDialog):
    """Options (a dict): language, document_id, summary (what the administrator is shown),
    user_key (the administrator's: only their answer counts)."""

    ID = "delete_document"

    def __init__(self, capture: Capture) -> None:
        super().__init__(DeleteDocumentDialog.ID)
        self.capture = capture
        self.add_dialog(TextPrompt("delete_document.confirm", limited(_yes_or_no)))
        steps = [self._confirm, self._delete]
        self.add_dialog(WaterfallDialog("delete_document.steps", steps))
        self.initial_dialog_id = "delete_document.steps"

    async def _confirm(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        prompt = confirmation(step_language(step), ASK_CONFIRM, step.values["summary"])
        return await step.prompt("delete_document.confirm", prompt)

    async def _delete(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        language, values = step_language(step), step.values
        if step.result != "yes" or _user_key(step) != values.get("user_key"):
            await step.context.send_activity(text(language, "admin.delete.not_deleted"))
            return await step.end_dialog(None)
        tenant, document_id = self.capture.tenant, int(values["document_id"])
        removed = await self.capture.db.write(lambda s: delete_document(s, tenant, document_id))
        if removed is None:
            await step.context.send_activity(text(language, "admin.delete.gone"))
            return await step.end_dialog(None)
        await step.context.send_activity(removal_done(removed, language))
        return await step.end_dialog(document_id)


def _user_key(step: WaterfallStepContext) -> Any:
    user = step.context.activity.from_property
    return (user.aad_object_id or user.id) if user else None
