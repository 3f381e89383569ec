"""Add an action item: what, who, by when. Only what the one-line command left out, or
left ambiguous, is asked for; a deadline in the past is questioned."""

from __future__ import annotations

from datetime import date
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptValidatorContext, TextPrompt

from assistant.capture import Capture, option_dict, option_label, when_dict
from assistant.commands import AddTask
from assistant.texts import format_date, text

from .capture_dialog import CaptureDialog
from .prompts import (
    GAVE_UP,
    Ask,
    chosen,
    date_prompt,
    give_up,
    limited,
    numbered,
    options,
    some_text,
    step_language,
    yes_no_prompt,
)
from .task_form import CARD_CHANNELS, task_form

ASK_DESCRIPTION = Ask("task.ask_description", "task.help_description", "task.ask_description")
ASK_ASSIGNEE = Ask("task.ask_assignee", "task.help_assignee")
ASK_WHICH = Ask("task.which", "task.help_assignee")
ASK_DUE = Ask("task.ask_due", "task.help_due", "task.retry_due")
ASK_PAST = Ask("task.past_due", "task.help_due", "yesno.retry")


class AddTaskDialog(CaptureDialog):
    """Options (a dict): language, description, due ({day, text, approximate} or None),
    assignee (option dict, optional), case_id, by (who is adding it)."""

    ID = "add_task"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, AddTask)

    @staticmethod
    def options_for(command: AddTask, language: str, who: dict[str, Any]) -> dict[str, Any]:
        due = command.due
        return {
            "language": language,
            "description": command.description,
            "due": when_dict(due) if due and due.day else None,
            "by": who.get("name"),
            "case_id": None,  # filled with the conversation's case, if it has one
        }

    def __init__(self, capture: Capture) -> None:
        super().__init__(AddTaskDialog.ID)
        self.capture = capture
        self.add_dialog(TextPrompt("task.description", limited(some_text)))
        self.add_dialog(TextPrompt("task.assignee", limited(self._check_assignee)))
        self.add_dialog(date_prompt("task.due", capture.now, capture.timezone))
        self.add_dialog(yes_no_prompt("task.past"))
        steps = [self._description, self._assignee, self._due, self._past_due, self._save]
        self.add_dialog(WaterfallDialog("task.steps", steps))
        self.initial_dialog_id = "task.steps"

    async def _description(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        if step.values.get("description"):
            return await step.next(step.values["description"])
        prompt = options(step_language(step), ASK_DESCRIPTION)
        if step.context.activity.channel_id in CARD_CHANNELS:  # or fill it all in at once
            prompt.prompt.attachments = [task_form(step_language(step))]
        return await step.prompt("task.description", prompt)

    async def _assignee(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values = step.values
        values["description"] = step.result.strip()
        if values.get("assignee"):
            return await step.next(values["assignee"])
        if values.get("assignee_text"):  # from the form: that name, not the description's
            found = await self.capture.assignees(values["assignee_text"])
            if len(found) == 1:
                return await step.next(option_dict(found[0]))
            if found:
                return await step.prompt("task.assignee", _which(step_language(step), found))
            unknown = text(
                step_language(step), "task.unknown_assignee", name=values["assignee_text"]
            )
            prompt = options(step_language(step), ASK_ASSIGNEE)
            prompt.prompt.text = f"{unknown}\n{prompt.prompt.text}"
            return await step.prompt("task.assignee", prompt)
        found, rest = await self.capture.leading_assignee(values["description"])
        if len(found) == 1:
            values["description"] = rest or values["description"]
            return await step.next(option_dict(found[0]))
        if found:
            values["description"] = rest or values["description"]
            return await step.prompt("task.assignee", _which(step_language(step), found))
        return await step.prompt("task.assignee", options(step_language(step), ASK_ASSIGNEE))

    async def _due(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        step.values["assignee"] = step.result
        if "due" in step.values and step.values["due"] is not None:
            return await step.next(step.values["due"])
        return await step.prompt("task.due", options(step_language(step), ASK_DUE))

    async def _past_due(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        due = None if step.result == "none" else step.result
        step.values["due"] = due
        if due and date.fromisoformat(due["day"]) < self.capture.today():
            shown = format_date(date.fromisoformat(due["day"]), step_language(step))
            return await step.prompt("task.past", options(step_language(step), ASK_PAST, due=shown))
        return await step.next("yes")

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values = step.values
        if step.result == "no":  # ask for the deadline again, keeping the rest
            kept = {k: v for k, v in values.items() if k != "due"}
            return await step.replace_dialog("task.steps", kept)
        record = await self.capture.add_task(
            description=values["description"],
            assignee=values.get("assignee"),
            due=values.get("due"),
            case_id=values.get("case_id"),
            created_by=values.get("by"),
            chat_key=_message_key(step),
        )
        reply = self.capture.describe(record, "task.saved", step_language(step))
        await step.context.send_activity(reply)
        return await step.end_dialog(record.id)

    async def _check_assignee(self, prompt: PromptValidatorContext) -> bool:
        """A number or name from the offered choices, or a name that resolves to one
        person or group; a name nobody has is taken as written when typed twice."""
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        validations: dict[str, Any] = prompt.options.validations
        language = validations.get("language", "nb")
        choices: list[dict[str, Any]] = validations.get("choices", [])
        if not answer:
            return False
        if (choice := chosen(answer, choices, option_label)) is not None:
            prompt.recognized.value = choice
            return True
        found = await self.capture.assignees(answer)
        if len(found) == 1:
            prompt.recognized.value = option_dict(found[0])
            return True
        if found:
            validations["choices"] = [option_dict(o) for o in found]
            await prompt.context.send_activity(_which_text(language, found))
            return False
        if validations.get("unknown", "").lower() == answer.lower():
            prompt.recognized.value = {"kind": None, "name": answer}
            return True
        validations["unknown"] = answer
        await prompt.context.send_activity(text(language, "task.unknown_assignee", name=answer))
        return False


def _which_text(language: str, found: list[Any]) -> str:
    return text(language, "task.which", options=numbered(language, [o.label for o in found]))


def _which(language: str, found: list[Any]) -> Any:
    prompt = options(language, ASK_WHICH, options="")
    prompt.prompt = MessageFactory.text(_which_text(language, found))
    prompt.validations["choices"] = [option_dict(o) for o in found]
    return prompt


def _message_key(step: WaterfallStepContext) -> str | None:
    """The message being answered, across channels: the same turn done again finds it."""
    activity = step.context.activity
    if not activity.id or not activity.conversation:
        return None
    return f"{activity.channel_id}/{activity.conversation.id}/{activity.id}"[:300]
