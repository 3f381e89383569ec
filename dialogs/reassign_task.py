"""«Gi oppgave 12 til Britt»: give a task to someone else. One person or group by that name
and it is done at once; namesakes are asked for by number or name; a name nobody in the
minutes has is asked again (unlike a new task's owner, it is never taken as written: a
reassignment moves the task onto someone's list, and that needs someone from the store).
«meg»/«me» is the asker, as for a new task (asked for their name when not known)."""

from __future__ import annotations

from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt

from assistant.assignees import AssigneeOption
from assistant.capture import Capture, option_dict, option_label
from assistant.commands import TaskAction
from assistant.self_reference import means_asker
from assistant.texts import text

from .capture_dialog import CaptureDialog
from .chatter import AskerLookup, chatter_of
from .prompts import GAVE_UP, Ask, chosen, give_up, limited, numbered, options, step_language

ASK_WHICH = Ask("task.which", "reassign.help_assignee")
ASK_AGAIN = Ask("reassign.ask_assignee", "reassign.help_assignee")
ASK_OWN_NAME = Ask("task.who_are_you", "task.help_who_are_you")


class ReassignTaskDialog(CaptureDialog):
    """Options (a dict): language, task_id, assignee (the name as written), by (who is
    reassigning it)."""

    ID = "reassign_task"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, TaskAction) and command.action == "reassign"

    @staticmethod
    def options_for(command: TaskAction, language: str, who: dict[str, Any]) -> dict[str, Any]:
        return {
            "language": language,
            "task_id": command.task_id,
            "assignee": command.assignee or "",
            "by": who.get("name"),
        }

    def __init__(self, capture: Capture, asker: AskerLookup) -> None:
        super().__init__(ReassignTaskDialog.ID)
        self.capture = capture
        self.asker = asker
        self.add_dialog(TextPrompt("reassign.assignee", limited(self._check_assignee)))
        self.add_dialog(WaterfallDialog("reassign.steps", [self._assignee, self._save]))
        self.initial_dialog_id = "reassign.steps"

    async def _assignee(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        language, task_id = step_language(step), int(step.values["task_id"])
        if not await self.capture.task_exists(task_id):
            await step.context.send_activity(text(language, "task.not_found", id=task_id))
            return await step.end_dialog(None)
        asker_id = await self.asker(step.context)
        if refusal := await self.capture.may_change(task_id, asker_id, language):
            await step.context.send_activity(refusal)  # before asking anything
            return await step.end_dialog(None)
        name = step.values["assignee"]
        if means_asker(name):  # «gi oppgave 12 til meg»
            if (me := await self._asker_option(step.context)) is not None:
                return await step.next(me)
            prompt = options(language, ASK_OWN_NAME)
            prompt.validations["task_id"] = task_id
            return await step.prompt("reassign.assignee", prompt)
        found = await self.capture.assignees(name) if name else []
        if len(found) == 1:
            return await step.next(option_dict(found[0]))
        if found:
            return await step.prompt("reassign.assignee", _which(language, found, task_id))
        return await step.prompt("reassign.assignee", _nobody(language, name, task_id))

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        language, task_id = step_language(step), int(step.values["task_id"])
        by = step.values.get("by")
        chatter = chatter_of(step.context, by)
        asker_id = await self.asker(step.context)
        record = await self.capture.reassign(
            task_id, step.result, by=by, asker_id=asker_id, chatter=chatter
        )
        if record is None:  # deleted while the dialog asked
            await step.context.send_activity(text(language, "task.not_found", id=task_id))
            return await step.end_dialog(None)
        await step.context.send_activity(self.capture.describe(record, "task.reassigned", language))
        return await step.end_dialog(record.id)

    async def _check_assignee(self, prompt: PromptValidatorContext) -> bool:
        """A number or name from the offered choices, or a name that resolves to one person
        or group. What else was written is answered by the retry prompt (set here, sent by
        the prompt), so that a third unusable answer ends the dialog with one message."""
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        validations: dict[str, Any] = prompt.options.validations
        language = validations.get("language", "nb")
        choices: list[dict[str, Any]] = validations.get("choices", [])
        if (choice := chosen(answer, choices, option_label)) is not None:
            prompt.recognized.value = choice
            return True
        if means_asker(answer):
            if (me := await self._asker_option(prompt.context)) is not None:
                prompt.recognized.value = me
                return True
            who = text(language, "task.who_are_you")
            _ask_again(prompt.options, who, who)
            return False
        if answer:
            found = await self.capture.assignees(answer)
            if len(found) == 1:
                prompt.recognized.value = option_dict(found[0])
                return True
            if found:  # namesakes: these are the choices now
                validations["choices"] = [option_dict(o) for o in found]
                which = _which_text(language, validations["choices"])
                _ask_again(prompt.options, which, which)
                return False
        named = answer and not answer.isdigit()  # "7" of two choices is no name
        nobody = text(language, "reassign.unknown", name=answer) if named else ""
        if choices:
            which = _which_text(language, choices)
            _ask_again(prompt.options, f"{nobody} {which}".strip(), which)
        else:
            ask = text(language, "reassign.ask_assignee", id=validations.get("task_id"))
            _ask_again(prompt.options, f"{nobody} {ask}".strip(), ask)
        return False

    async def _asker_option(self, context: TurnContext) -> dict[str, Any] | None:
        person_id = await self.asker(context)
        option = await self.capture.person(person_id) if person_id is not None else None
        return option_dict(option) if option is not None else None


def _ask_again(prompt: PromptOptions, retry: str, question: str) -> None:
    """Say `retry` now, and ask `question` again after «hjelp»."""
    prompt.retry_prompt = MessageFactory.text(retry)
    prompt.prompt = MessageFactory.text(question)


def _which_text(language: str, choices: list[dict[str, Any]]) -> str:
    labels = [option_label(c) for c in choices]
    return text(language, "task.which", options=numbered(language, labels))


def _which(language: str, found: list[AssigneeOption], task_id: int) -> PromptOptions:
    choices = [option_dict(o) for o in found]
    prompt = options(language, ASK_WHICH, options="")
    prompt.prompt = MessageFactory.text(_which_text(language, choices))
    prompt.validations.update(choices=choices, task_id=task_id)
    return prompt


def _nobody(language: str, name: str, task_id: int) -> PromptOptions:
    """Ask again for whom: nobody in the minutes is called `name`."""
    prompt = options(language, ASK_AGAIN, id=task_id)
    ask = text(language, "reassign.ask_assignee", id=task_id)
    nobody = text(language, "reassign.unknown", name=name) if name else ""
    prompt.prompt = MessageFactory.text(f"{nobody} {ask}".strip())
    prompt.validations["task_id"] = task_id
    return prompt
