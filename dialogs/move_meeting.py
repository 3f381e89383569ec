"""Move a committee's planned meeting to another day: the one on the day named, else its
next one. Committee and new date are asked for when the command left them out; a date in
the past is questioned; the move is confirmed first. A new day without a time keeps the
meeting's hours."""

from __future__ import annotations

from datetime import date
from typing import Any

from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext

from assistant.capture import Capture
from assistant.commands import MoveMeeting
from assistant.texts import format_date, text

from .capture_dialog import CaptureDialog
from .chatter import chatter_of
from .new_case import COMMITTEE_PROMPT, ask_committee, committee_prompt
from .prompts import GAVE_UP, Ask, give_up, options, step_language, yes_no_prompt
from .schedule_meeting import ask_if_past, meeting_date_prompt, meeting_state_of, with_times
from .turn_reader import capture_of

ASK_WHEN = Ask("meeting.move.ask_when", "meeting.new.help_when", "meeting.new.retry_when")
ASK_CONFIRM = Ask("meeting.move.confirm", "meeting.move.help_confirm", "yesno.retry")


class MoveMeetingDialog(CaptureDialog):
    """Options (a dict): language, committee_name (as written, or None), from_day (ISO date
    of the meeting to move, or None for the next one), when (the new {"day", "start",
    "end"}, or None), by."""

    ID = "move_meeting"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, MoveMeeting)

    @staticmethod
    def options_for(command: MoveMeeting, language: str, who: dict[str, Any]) -> dict[str, Any]:
        return {
            "language": language,
            "committee_name": command.committee,
            "from_day": command.from_day.isoformat() if command.from_day else None,
            "when": meeting_state_of(command.when),
            "by": who.get("name"),
        }

    def __init__(self, capture: Capture) -> None:
        super().__init__(MoveMeetingDialog.ID)
        self.capture = capture
        self.add_dialog(committee_prompt(COMMITTEE_PROMPT, capture))
        self.add_dialog(meeting_date_prompt("meeting.when", capture.now, capture.timezone))
        self.add_dialog(yes_no_prompt("meeting.past"))
        self.add_dialog(yes_no_prompt("meeting.confirm"))
        steps = [self._committee, self._meeting, self._past, self._confirm, self._save]
        self.add_dialog(WaterfallDialog("move.steps", steps))
        self.initial_dialog_id = "move.steps"

    async def _committee(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        return await ask_committee(step, self.capture, "meeting.move.ask_committee")

    async def _meeting(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        committee = values["committee"] = step.result
        from_day = date.fromisoformat(values["from_day"]) if values.get("from_day") else None
        capture = await capture_of(step.context, self.capture)
        meeting = await capture.planned_meeting(committee["id"], from_day)
        if meeting is None:
            if from_day:
                shown = format_date(from_day, language, weekday=True)
                reply = text(
                    language, "meeting.move.not_found_on", committee=committee["label"], day=shown
                )
            else:
                reply = text(language, "meeting.move.not_found", committee=committee["label"])
            await step.context.send_activity(reply)
            return await step.end_dialog(None)
        values["meeting"] = meeting
        if values.get("when"):
            return await step.next(values["when"])
        return await step.prompt("meeting.when", options(language, ASK_WHEN))

    async def _past(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        when = with_times(step.result, step.values["meeting"])  # a new day keeps the hours
        step.values["when"] = when
        return await ask_if_past(step, self.capture, when)

    async def _confirm(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        if step.result == "no":  # ask for the date again, keeping the rest
            kept = {k: v for k, v in values.items() if k not in ("when", "meeting")}
            return await step.replace_dialog("move.steps", kept)
        prompt = options(
            language,
            ASK_CONFIRM,
            committee=values["committee"]["label"],
            old=self.capture.meeting_when(values["meeting"], language),
            new=self.capture.meeting_when(values["when"], language),
        )
        return await step.prompt("meeting.confirm", prompt)

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        if step.result == "no":
            await step.context.send_activity(text(language, "meeting.move.not_moved"))
            return await step.end_dialog(None)
        when = values["when"]
        capture = await capture_of(step.context, self.capture)
        record = await capture.move_meeting(
            meeting_id=values["meeting"]["id"],
            day=date.fromisoformat(when["day"]),
            start=when.get("start"),
            end=when.get("end"),
            chatter=chatter_of(step.context, values.get("by")),
        )
        moved = self.capture.meeting_state(record)
        if moved is None:
            await step.context.send_activity(text(language, "meeting.move.gone"))
            return await step.end_dialog(None)
        committee = moved["committee"] or values["committee"]["label"]
        shown = self.capture.meeting_when(moved, language)
        reply = text(language, "meeting.move.moved", committee=committee, when=shown)
        await step.context.send_activity(reply)
        return await step.end_dialog(moved["id"])
