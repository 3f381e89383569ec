"""Add an action item: what, who, by when. Only what the one-line command left out, or
left ambiguous, is asked for; a deadline in the past is questioned, and so is a date that
was read as next year's because this year's has just passed. "meg"/"jeg" as owner is the
asker (asked for their name when the bot does not know who they are). A name nobody in the
minutes has («oppgave: Solveig sender …», or typed as the answer to who) is asked about
once: «ja» keeps it as written (linked when minutes name them, storage/task_links.py),
«nei» asks for another name, and another name may be typed instead."""

from __future__ import annotations

from datetime import date
from typing import Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptValidatorContext, TextPrompt

from assistant.capture import Capture, option_dict, option_label, when_dict
from assistant.commands import AddTask
from assistant.self_reference import leading_asker, means_asker
from assistant.task_owner import leading_name
from assistant.texts import format_date, text

from .capture_dialog import CaptureDialog
from .chatter import AskerLookup, chatter_of, message_key
from .prompts import (
    GAVE_UP,
    Ask,
    chosen,
    date_prompt,
    give_up,
    limited,
    numbered,
    options,
    passed_date_prompt,
    some_text,
    step_language,
    yes_no_prompt,
    yes_or_no,
)
from .task_form import CARD_CHANNELS, task_form
from .turn_reader import capture_of

ASK_DESCRIPTION = Ask("task.ask_description", "task.help_description", "task.ask_description")
ASK_ASSIGNEE = Ask("task.ask_assignee", "task.help_assignee")
ASK_WHICH = Ask("task.which", "task.help_assignee")
ASK_DUE = Ask("task.ask_due", "task.help_due", "task.retry_due")
ASK_PAST = Ask("task.past_due", "task.help_due", "yesno.retry")
ASK_PASSED = Ask("task.passed_due", "task.help_passed_due", "task.retry_passed_due")
ASK_OWN_NAME = Ask("task.who_are_you", "task.help_who_are_you")
ASK_UNKNOWN = Ask("task.unknown_owner", "task.help_unknown_owner", "task.retry_unknown_owner")

NAME_WORDS = 4  # an answer to "who?" longer than this is a sentence, not a name to keep


class AddTaskDialog(CaptureDialog):
    """Options (a dict): language, description, due ({day, text, approximate} or None),
    assignee (option dict, optional), assignee_text (a name as written, from the form),
    case_id, by (who is adding it). Set by the dialog itself when it starts over: ask_who
    (ask who, without reading a name from the description), written (the description as
    written, before a name was taken off it)."""

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

    def __init__(self, capture: Capture, asker: AskerLookup) -> None:
        super().__init__(AddTaskDialog.ID)
        self.capture = capture
        self.asker = asker
        self.add_dialog(TextPrompt("task.description", limited(some_text)))
        self.add_dialog(TextPrompt("task.assignee", limited(self._check_assignee)))
        self.add_dialog(TextPrompt("task.unknown", limited(self._check_unknown)))
        self.add_dialog(date_prompt("task.due", capture.now, capture.timezone))
        self.add_dialog(yes_no_prompt("task.past"))
        self.add_dialog(passed_date_prompt("task.passed", capture.now, capture.timezone))
        steps = [self._description, self._assignee, self._unknown, self._due, self._past_due]
        steps.append(self._save)
        self.add_dialog(WaterfallDialog("task.steps", steps))
        self.initial_dialog_id = "task.steps"

    async def _description(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        if step.values.get("description"):
            return await step.next(step.values["description"])
        prompt = options(step_language(step), ASK_DESCRIPTION)
        if step.context.activity.channel_id in CARD_CHANNELS:  # or fill it all in at once
            form = task_form(step_language(step), step.values.get("case_id"))
            prompt.prompt.attachments = [form]
        return await step.prompt("task.description", prompt)

    async def _assignee(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values = step.values
        values["description"] = step.result.strip()
        if values.get("assignee"):
            return await step.next(values["assignee"])
        if values.get("assignee_text"):  # from the form: that name, not the description's
            if means_asker(values["assignee_text"]):
                return await self._the_asker(step)
            capture = await capture_of(step.context, self.capture)
            found = await capture.assignees(values["assignee_text"])
            if len(found) == 1:
                return await step.next(option_dict(found[0]))
            if found:
                return await step.prompt("task.assignee", _which(step_language(step), found))
            return await step.next(_unknown(values["assignee_text"]))
        if values.get("ask_who"):  # «nei» to a name nobody has: ask, reading nothing into it
            return await step.prompt("task.assignee", options(step_language(step), ASK_ASSIGNEE))
        if (rest := leading_asker(values["description"], step_language(step))) is not None:
            values["description"] = rest  # "jeg sender rapport": the asker's
            return await self._the_asker(step)
        capture = await capture_of(step.context, self.capture)
        found, rest = await capture.leading_assignee(values["description"])
        if len(found) == 1:
            values["description"] = rest or values["description"]
            return await step.next(option_dict(found[0]))
        if found:
            values["description"] = rest or values["description"]
            return await step.prompt("task.assignee", _which(step_language(step), found))
        if (named := leading_name(values["description"])) is not None:
            # "Solveig sender rapport": a name nobody in the minutes has, asked about next.
            values["written"], values["description"] = values["description"], named[1]
            return await step.next(_unknown(named[0]))
        return await step.prompt("task.assignee", options(step_language(step), ASK_ASSIGNEE))

    async def _the_asker(self, step: WaterfallStepContext) -> DialogTurnResult:
        """The asker as owner; their name asked for when the bot does not know them."""
        found = await self._asker_option(step.context)
        if found is not None:
            return await step.next(found)
        return await step.prompt("task.assignee", options(step_language(step), ASK_OWN_NAME))

    async def _known(self, context: TurnContext, name: str) -> bool:
        """Whether `name` is someone (or a group) the turn's reader may give a task to."""
        return bool(await (await capture_of(context, self.capture)).assignees(name))

    async def _asker_option(self, context: TurnContext) -> dict[str, Any] | None:
        person_id = await self.asker(context)
        option = await self.capture.person(person_id) if person_id is not None else None
        return option_dict(option) if option is not None else None

    async def _unknown(self, step: WaterfallStepContext) -> DialogTurnResult:
        """A name nobody in the minutes has: «Skal jeg legge inn oppgaven på «X» likevel?»"""
        if step.result == GAVE_UP:
            return await give_up(step)
        if not (isinstance(step.result, dict) and step.result.get("unknown")):
            return await step.next(step.result)
        name = step.result["name"]
        step.values["unknown_name"] = name
        prompt = options(step_language(step), ASK_UNKNOWN, name=name)
        prompt.validations["name"] = name
        return await step.prompt("task.unknown", prompt)

    async def _due(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, assignee = step.values, step.result
        if assignee == "yes":  # the name as written; a person's unless it is an acronym
            name = values.pop("unknown_name")
            assignee = {"kind": None, "name": name, "person": not name.isupper()}
        elif assignee == "no" or (isinstance(assignee, dict) and "typed" in assignee):
            # Another name: asked for («nei»), or typed instead of ja/nei (then looked up as
            # a name from the form is). Nothing else is asked again.
            kept = {k: v for k, v in values.items() if k not in ("unknown_name", "assignee")}
            if assignee == "no":
                kept.update(ask_who=True, assignee_text=None)
                kept["description"] = values.get("written") or values["description"]
            else:
                kept["assignee_text"] = assignee["typed"]
            return await step.replace_dialog("task.steps", kept)
        values["assignee"] = assignee
        if "due" in step.values and step.values["due"] is not None:
            return await step.next(step.values["due"])
        return await step.prompt("task.due", options(step_language(step), ASK_DUE))

    async def _past_due(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        due = None if step.result == "none" else step.result
        step.values["due"] = due
        if due and due.get("passed"):  # "1. desember" on 4 December: which one?
            language = step_language(step)
            day = date.fromisoformat(due["day"])
            # Without its year: "1. desember", as it was meant.
            passed = format_date(date.fromisoformat(due["passed"]), language).rsplit(" ", 1)[0]
            shown = format_date(day, language)
            prompt = options(language, ASK_PASSED, passed=passed, due=shown)
            return await step.prompt("task.passed", prompt)
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
        if step.result == "none":  # no deadline after all
            values["due"] = None
        elif isinstance(step.result, dict):  # another date: checked as any deadline is
            due = {k: v for k, v in step.result.items() if k != "passed"}
            return await step.replace_dialog("task.steps", {**values, "due": due})
        capture = await capture_of(step.context, self.capture)
        record = await capture.add_task(
            description=values["description"],
            assignee=values.get("assignee"),
            due=values.get("due"),
            case_id=values.get("case_id"),
            created_by=values.get("by"),
            chat_key=message_key(step.context),
            chatter=chatter_of(step.context, values.get("by")),
        )
        reply = self.capture.describe(record, "task.saved", step_language(step))
        await step.context.send_activity(reply)
        return await step.end_dialog(record.id)

    async def _check_assignee(self, prompt: PromptValidatorContext) -> bool:
        """A number or name from the offered choices, or a name that resolves to one
        person or group; a name nobody has goes on to be asked about (`_unknown`)."""
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        validations: dict[str, Any] = prompt.options.validations
        language = validations.get("language", "nb")
        choices: list[dict[str, Any]] = validations.get("choices", [])
        if not answer:
            return False
        if (choice := chosen(answer, choices, option_label)) is not None:
            prompt.recognized.value = choice
            return True
        if means_asker(answer):
            if (me := await self._asker_option(prompt.context)) is not None:
                prompt.recognized.value = me
                return True
            await prompt.context.send_activity(text(language, "task.who_are_you"))
            return False
        found = await (await capture_of(prompt.context, self.capture)).assignees(answer)
        if len(found) == 1:
            prompt.recognized.value = option_dict(found[0])
            return True
        if found:
            validations["choices"] = [option_dict(o) for o in found]
            await prompt.context.send_activity(_which_text(language, found))
            return False
        if answer.isdigit() or len(answer.split()) > NAME_WORDS:  # no one's name: ask again
            return False
        prompt.recognized.value = _unknown(answer)
        return True

    async def _check_unknown(self, prompt: PromptValidatorContext) -> bool:
        """To «… likevel?»: «ja» or the same name again ("yes"), «nei» ("no"), or another
        name ({"typed": it}): written as a name (a capital first), «meg», or someone the
        minutes know. «tja», «kanskje» are none of these: asked again."""
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        name = str(prompt.options.validations.get("name", ""))
        if not answer or answer.isdigit() or len(answer.split()) > NAME_WORDS:
            return False
        if (yes := yes_or_no(answer)) is not None:
            prompt.recognized.value = "yes" if yes else "no"
            return True
        if answer.casefold() == name.casefold():
            prompt.recognized.value = "yes"
            return True
        if answer[0].isupper() or means_asker(answer) or await self._known(prompt.context, answer):
            prompt.recognized.value = {"typed": answer}
            return True
        return False


def _unknown(name: str) -> dict[str, Any]:
    """A name nobody in the minutes has, to be asked about before it is used."""
    return {"kind": None, "name": name.strip(), "unknown": True}


def _which_text(language: str, found: list[Any]) -> str:
    return text(language, "task.which", options=numbered(language, [o.label for o in found]))


def _which(language: str, found: list[Any]) -> Any:
    prompt = options(language, ASK_WHICH, options="")
    prompt.prompt = MessageFactory.text(_which_text(language, found))
    prompt.validations["choices"] = [option_dict(o) for o in found]
    return prompt
