"""Plan a committee meeting: committee, date (and time, if known) and place; then a summary
to confirm. Only what the one-line command left out is asked for; a date in the past is
questioned. The committee already meeting then is said, not doubled.

On channels that show cards the first question (committee or date) also carries the
dialog's fields as one form (dialogs/meeting_form.py); sent, the form starts the dialog
again with its fields (bot/conversations.submit_form).

`meeting_date_prompt`, `meeting_state_of` and `with_times` are shared with
dialogs/move_meeting.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any

from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptValidatorContext, TextPrompt

from assistant.capture import Capture
from assistant.commands import ScheduleMeeting
from assistant.texts import format_date, text
from assistant.when import When, parse_when

from .capture_dialog import CaptureDialog
from .case_form import FORM_SHOWN
from .chatter import chatter_of
from .meeting_form import meeting_form
from .new_case import COMMITTEE_PROMPT, ask_committee, committee_prompt, offer_form
from .prompts import (
    GAVE_UP,
    Ask,
    confirmation,
    give_up,
    limited,
    means_none,
    options,
    some_text,
    step_language,
    yes_no_prompt,
)
from .turn_reader import capture_of

ASK_WHEN = Ask("meeting.new.ask_when", "meeting.new.help_when", "meeting.new.retry_when")
ASK_PAST = Ask("meeting.new.past", "meeting.new.help_past", "yesno.retry")
ASK_LOCATION = Ask("meeting.new.ask_location", "meeting.new.help_location")
ASK_CONFIRM = Ask("meeting.new.confirm", "meeting.new.help_confirm", "yesno.retry")


class ScheduleMeetingDialog(CaptureDialog):
    """Options (a dict): language, committee_name (as written, or None), when (a meeting
    state's {"day", "start", "end"}, or None), time ({"start", "end"} given without a day,
    or None), location (or None), by (who adds it), form_shown (the form was sent, or shown
    already: it is not offered again)."""

    ID = "schedule_meeting"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, ScheduleMeeting)

    @staticmethod
    def options_for(command: ScheduleMeeting, language: str, who: dict[str, Any]) -> dict[str, Any]:
        when = command.when
        return {
            "language": language,
            "committee_name": command.committee,
            "when": meeting_state_of(when),
            # "nytt møte SSU kl 13": the time is kept for the day asked for
            "time": _clock(when) if when and meeting_state_of(when) is None else None,
            "location": command.location,
            "by": who.get("name"),
            FORM_SHOWN: False,
        }

    def __init__(self, capture: Capture) -> None:
        super().__init__(ScheduleMeetingDialog.ID)
        self.capture = capture
        self.add_dialog(committee_prompt(COMMITTEE_PROMPT, capture))
        self.add_dialog(meeting_date_prompt("meeting.when", capture.now, capture.timezone))
        self.add_dialog(yes_no_prompt("meeting.past"))
        self.add_dialog(TextPrompt("meeting.location", limited(some_text)))
        self.add_dialog(yes_no_prompt("meeting.confirm"))
        steps = [self._committee, self._when, self._past, self._location, self._confirm]
        self.add_dialog(WaterfallDialog("meeting.steps", [*steps, self._save]))
        self.initial_dialog_id = "meeting.steps"

    async def _committee(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        return await ask_committee(step, self.capture, "meeting.new.ask_committee", meeting_form)

    async def _when(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        step.values["committee"] = step.result
        if step.values.get("when"):
            return await step.next(step.values["when"])
        ask = options(step_language(step), ASK_WHEN)
        prompt = await offer_form(step, self.capture, ask, meeting_form)
        return await step.prompt("meeting.when", prompt)

    async def _past(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        when = with_times(step.result, step.values.get("time"))
        step.values["when"] = when
        return await ask_if_past(step, self.capture, when)

    async def _location(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values = step.values
        if step.result == "no":  # ask for the date again, keeping the rest (and the time)
            kept = {k: v for k, v in values.items() if k != "when"}
            kept[FORM_SHOWN] = True  # asked again in words: this is no first question
            refused = values["when"]
            if refused.get("start"):
                kept["time"] = {"start": refused["start"], "end": refused.get("end")}
            return await step.replace_dialog("meeting.steps", kept)
        if values.get("location"):
            return await step.next(values["location"])
        return await step.prompt("meeting.location", options(step_language(step), ASK_LOCATION))

    async def _confirm(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        answer = step.result.strip(" .")
        values["location"] = None if means_none(answer) else answer
        summary = text(
            language,
            "meeting.new.summary",
            committee=values["committee"]["label"],
            when=self.capture.meeting_when(values["when"], language),
            location=values["location"] or text(language, "meeting.new.no_location"),
        )
        return await step.prompt("meeting.confirm", confirmation(language, ASK_CONFIRM, summary))

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        if step.result == "no":
            await step.context.send_activity(text(language, "meeting.new.not_saved"))
            return await step.end_dialog(None)
        when = values["when"]
        capture = await capture_of(step.context, self.capture)
        record = await capture.schedule_meeting(
            committee_id=values["committee"]["id"],
            day=date.fromisoformat(when["day"]),
            start=when.get("start"),
            end=when.get("end"),
            location=values["location"],
            created_by=values.get("by"),
            chatter=chatter_of(step.context, values.get("by")),
        )
        saved = self.capture.meeting_state(record)
        assert saved is not None
        shown = self.capture.meeting_when(saved, language)
        committee = saved["committee"] or values["committee"]["label"]
        if record.existing:
            reply = text(language, "meeting.new.existing", committee=committee, when=shown)
        else:
            if saved["location"]:
                shown = f"{shown}, {saved['location']}"
            reply = text(language, "meeting.new.saved", committee=committee, when=shown)
        await step.context.send_activity(reply)
        return await step.end_dialog(record.id)


# ---- shared with dialogs/move_meeting.py -------------------------------------------------


def meeting_state_of(when: When | None) -> dict[str, Any] | None:
    """A meeting's day and times as dialog state keeps them: {"day", "start", "end"} (local,
    "HH:MM" or None). None without a day, or with an approximate one ("uke 49")."""
    if when is None or when.day is None or when.approximate:
        return None
    return {"day": when.day.isoformat(), **_clock(when)}


def with_times(when: dict[str, Any], times: dict[str, Any] | None) -> dict[str, Any]:
    """`when`, with `times` ({"start", "end"}) when it has no time of its own."""
    if when.get("start") or not times or not times.get("start"):
        return when
    return {**when, "start": times["start"], "end": times.get("end")}


def meeting_date_prompt(dialog_id: str, now: Callable[[], datetime], tz: tzinfo) -> TextPrompt:
    """A day, with a time or range if given ("14. desember kl 13-15"); the value is a
    meeting state's {"day", "start", "end"}. A week or a season is not a meeting's day."""

    async def check(prompt: PromptValidatorContext) -> bool:
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        found = meeting_state_of(parse_when(answer, now(), tz)) if answer else None
        if found is None:
            return False
        prompt.recognized.value = found
        return True

    return TextPrompt(dialog_id, limited(check))


async def ask_if_past(
    step: WaterfallStepContext, capture: Capture, when: dict[str, Any]
) -> DialogTurnResult:
    """Question a day before today (yes/no prompt "meeting.past"); else go on with "yes"."""
    day = date.fromisoformat(when["day"])
    if day < capture.today():
        language = step_language(step)
        shown = format_date(day, language)
        return await step.prompt("meeting.past", options(language, ASK_PAST, day=shown))
    return await step.next("yes")


def _clock(when: When) -> dict[str, Any]:
    return {
        "start": when.start.strftime("%H:%M") if when.start else None,
        "end": when.end.strftime("%H:%M") if when.start and when.end else None,
    }
