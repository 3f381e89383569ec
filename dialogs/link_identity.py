"""«Jeg er Christine Furuholmen»: remember which person in the minutes the chat user is, so
that «hvilke oppgaver har jeg?» answers for that person from then on (bot/identity.py: a
stored link wins). Only people are offered, namesakes are asked for by number or name, and
nothing is stored without a «ja»."""

from __future__ import annotations

from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt

from assistant.assignees import AssigneeOption
from assistant.capture import Capture, option_dict, option_label
from assistant.commands import LinkIdentity
from assistant.texts import text

from .capture_dialog import CaptureDialog
from .prompts import (
    GAVE_UP,
    Ask,
    chosen,
    give_up,
    limited,
    numbered,
    options,
    step_language,
    yes_no_prompt,
)

ASK_WHICH = Ask("identity.which", "identity.help_which")
ASK_CONFIRM = Ask("identity.confirm", "identity.help_confirm", "yesno.retry")


class LinkIdentityDialog(CaptureDialog):
    """Options (a dict): language, name (as written), channel and user_key (the chat user's,
    what the link is stored under), display_name (the chat user's name, kept beside it)."""

    ID = "link_identity"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, LinkIdentity)

    @staticmethod
    def options_for(command: LinkIdentity, language: str, who: dict[str, Any]) -> dict[str, Any]:
        return {
            "language": language,
            "name": command.name,
            "channel": who.get("channel") or "",
            "user_key": who.get("user_key"),
            "display_name": who.get("name"),
        }

    def __init__(self, capture: Capture) -> None:
        super().__init__(LinkIdentityDialog.ID)
        self.capture = capture
        self.add_dialog(TextPrompt("identity.person", limited(self._check_person)))
        self.add_dialog(yes_no_prompt("identity.confirm"))
        steps = [self._person, self._confirm, self._save]
        self.add_dialog(WaterfallDialog("identity.steps", steps))
        self.initial_dialog_id = "identity.steps"

    async def _person(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        language = step_language(step)
        if not step.values.get("user_key"):  # nothing to store the link under: say so first
            await step.context.send_activity(text(language, "identity.no_user"))
            return await step.end_dialog(None)
        name = step.values["name"]
        found = await self.capture.people(name)
        if not found:
            await step.context.send_activity(text(language, "identity.unknown", name=name))
            return await step.end_dialog(None)
        if len(found) == 1:
            return await step.next(option_dict(found[0]))
        return await step.prompt("identity.person", _which(language, found))

    async def _confirm(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        step.values["person"] = step.result
        shown = option_label(step.result)
        return await step.prompt(
            "identity.confirm", options(step_language(step), ASK_CONFIRM, person=shown)
        )

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        language, values = step_language(step), step.values
        if step.result == "no":
            await step.context.send_activity(text(language, "identity.not_linked"))
            return await step.end_dialog(None)
        person: dict[str, Any] = values["person"]
        await self.capture.link_identity(
            channel=values["channel"],
            user_key=values["user_key"],
            person_id=person["id"],
            display_name=values.get("display_name"),
        )
        await step.context.send_activity(text(language, "identity.linked", name=person["name"]))
        return await step.end_dialog(person["id"])

    async def _check_person(self, prompt: PromptValidatorContext) -> bool:
        """A number or name from the offered people, or a name only one person has. What
        else was written is answered by the retry prompt (set here, sent by the prompt), so
        that a third unusable answer ends the dialog with one message, not two."""
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        validations: dict[str, Any] = prompt.options.validations
        language = validations.get("language", "nb")
        choices: list[dict[str, Any]] = validations.get("choices", [])
        if (choice := chosen(answer, choices, option_label)) is not None:
            prompt.recognized.value = choice
            return True
        if answer:
            found = await self.capture.people(answer)
            if len(found) == 1:
                prompt.recognized.value = option_dict(found[0])
                return True
            if found:  # other namesakes: these are the choices now
                validations["choices"] = [option_dict(o) for o in found]
                which = _which_text(language, validations["choices"])
                prompt.options.prompt = MessageFactory.text(which)  # for «hjelp»
                prompt.options.retry_prompt = MessageFactory.text(which)
                return False
        which = _which_text(language, choices)
        nobody = text(language, "identity.not_one_of", name=answer) if answer else ""
        prompt.options.retry_prompt = MessageFactory.text(f"{nobody} {which}".strip())
        return False


def _which_text(language: str, choices: list[dict[str, Any]]) -> str:
    labels = [option_label(c) for c in choices]
    return text(language, "identity.which", options=numbered(language, labels))


def _which(language: str, found: list[AssigneeOption]) -> PromptOptions:
    choices = [option_dict(o) for o in found]
    prompt = options(language, ASK_WHICH, options="")
    prompt.prompt = MessageFactory.text(_which_text(language, choices))
    prompt.validations["choices"] = choices
    return prompt
