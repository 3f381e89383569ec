"""«utsett oppgave 12 til 1. desember» when that date is questionable: typed on 5 December
it was read as 1 December next year (this year's has just passed), so which is meant is
asked, as for a new task's deadline; a date written with a past year is questioned too.
A date that is fine is no dialog: bot/conversations.py postpones at once, and starts this
one only for a date `questionable` finds."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext

from assistant.capture import Capture, when_dict
from assistant.commands import TaskAction
from assistant.texts import format_date, text
from assistant.when import When

from .capture_dialog import CaptureDialog
from .chatter import AskerLookup, chatter_of
from .prompts import (
    GAVE_UP,
    Ask,
    date_prompt,
    give_up,
    options,
    passed_date_prompt,
    step_language,
    yes_no_prompt,
)

ASK_DUE = Ask("task.ask_due", "task.help_due", "task.retry_due")
ASK_PAST = Ask("task.past_due", "task.help_due", "yesno.retry")
ASK_PASSED = Ask("task.passed_due", "task.help_passed_due", "task.retry_passed_due")


def questionable(due: When | None, now: datetime, tz: tzinfo) -> bool:
    """A new deadline to ask about: just passed (read as next year's), or in the past."""
    return due is not None and (due.passed is not None or due.is_past(now, tz))


class PostponeTaskDialog(CaptureDialog):
    """Options (a dict): language, task_id, due (a date as when_dict keeps it, or None to
    ask for one), by (who postpones it)."""

    ID = "postpone_task"

    @staticmethod
    def options_for(command: TaskAction, language: str, who: dict[str, Any]) -> dict[str, Any]:
        due = command.due
        return {
            "language": language,
            "task_id": command.task_id,
            "due": when_dict(due) if due and due.day else None,
            "by": who.get("name"),
        }

    def __init__(self, capture: Capture, asker: AskerLookup) -> None:
        super().__init__(PostponeTaskDialog.ID)
        self.capture = capture
        self.asker = asker
        self.add_dialog(date_prompt("postpone.due", capture.now, capture.timezone))
        self.add_dialog(yes_no_prompt("postpone.past"))
        self.add_dialog(passed_date_prompt("postpone.passed", capture.now, capture.timezone))
        steps = [self._due, self._check, self._save]
        self.add_dialog(WaterfallDialog("postpone.steps", steps))
        self.initial_dialog_id = "postpone.steps"

    async def _due(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        language, task_id = step_language(step), int(step.values["task_id"])
        if not await self.capture.task_exists(task_id):
            await step.context.send_activity(text(language, "task.not_found", id=task_id))
            return await step.end_dialog(None)
        asker_id = await self.asker(step.context)
        if refusal := await self.capture.may_change(task_id, asker_id, language):
            await step.context.send_activity(refusal)  # before asking anything
            return await step.end_dialog(None)
        if step.values.get("due"):
            return await step.next(step.values["due"])
        return await step.prompt("postpone.due", options(language, ASK_DUE))

    async def _check(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        language = step_language(step)
        due = None if step.result == "none" else step.result
        step.values["due"] = due
        if due and due.get("passed"):  # "1. desember" on 5 December: which one?
            # Without its year: "1. desember", as it was meant.
            passed = format_date(date.fromisoformat(due["passed"]), language).rsplit(" ", 1)[0]
            shown = format_date(date.fromisoformat(due["day"]), language)
            prompt = options(language, ASK_PASSED, passed=passed, due=shown)
            return await step.prompt("postpone.passed", prompt)
        if due and date.fromisoformat(due["day"]) < self.capture.today():
            shown = format_date(date.fromisoformat(due["day"]), language)
            return await step.prompt("postpone.past", options(language, ASK_PAST, due=shown))
        return await step.next("yes")

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values = step.values
        if step.result == "no":  # ask for the date again
            return await step.replace_dialog("postpone.steps", {**values, "due": None})
        if step.result == "none":
            values["due"] = None
        elif isinstance(step.result, dict):  # another date: checked as any is
            due = {k: v for k, v in step.result.items() if k != "passed"}
            return await step.replace_dialog("postpone.steps", {**values, "due": due})
        due = values.get("due")
        if due:
            due = {k: v for k, v in due.items() if k != "passed"}
        by = values.get("by")
        reply = await self.capture.postpone(
            int(values["task_id"]),
            due,
            by=by,
            language=step_language(step),
            asker_id=await self.asker(step.context),
            chatter=chatter_of(step.context, by),
        )
        await step.context.send_activity(reply)
        return await step.end_dialog(int(values["task_id"]))
