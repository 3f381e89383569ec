"""Propose a case for a committee's next meeting: committee, title, a short description and
the kind of case; then a summary to confirm. Only what the one-line command left out is
asked for.

On channels that show cards the first question (committee or title) also carries the
dialog's fields as one form (dialogs/case_form.py); sent, the form starts the dialog again
with its fields (bot/conversations.submit_form).

The committee step (`ask_committee`, `committee_prompt`) is shared with the meeting dialogs:
a name from the command is looked up, an unknown one is asked for again naming the known
committees, and a name several committees share is a numbered choice. So is `offer_form`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogTurnResult, WaterfallDialog, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt
from botbuilder.schema import Attachment

from assistant.capture import Capture
from assistant.commands import NewCase
from assistant.texts import text
from storage.records import PROPOSAL_KINDS

from .capture_dialog import CaptureDialog
from .case_form import FORM_SHOWN, case_form
from .chatter import chatter_of
from .prompts import (
    GAVE_UP,
    Ask,
    confirmation,
    give_up,
    limited,
    means_none,
    numbered,
    options,
    some_text,
    step_language,
    yes_no_prompt,
)
from .task_form import CARD_CHANNELS
from .turn_reader import capture_of

COMMITTEE_PROMPT = "committee"
ASK_TITLE = Ask("case.ask_title", "case.help_title", "case.ask_title")
ASK_DESCRIPTION = Ask("case.ask_description", "case.help_description", "case.ask_description")
ASK_KIND = Ask("case.ask_kind", "case.help_kind", "case.retry_kind")
ASK_CONFIRM = Ask("case.confirm", "case.help_confirm", "yesno.retry")

# What each kind may be called, in both languages: an answer may be any prefix of one of
# them that no other kind's words start with ("d" could be diskusjon or decision).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "orientering": ("orientering", "orienteringssak", "informasjon", "information", "info"),
    "diskusjon": ("diskusjon", "diskusjonssak", "drøfting", "drøftingssak", "discussion"),
    "beslutning": ("beslutning", "beslutningssak", "vedtak", "vedtakssak", "decision"),
}
_LEAD = re.compile(r"^(?:til|for|i|to|in|of|om|about)\s+", re.IGNORECASE)
_TRIM = " \t\n.!?,;:«»\"“”'"

# A dialog's form: (language, the tenant's committees, what the dialog knows) -> the card.
FormMaker = Callable[[str, list[dict[str, Any]], dict[str, Any]], Attachment]


class NewCaseDialog(CaptureDialog):
    """Options (a dict): language, committee_name (as written, or None), title, description
    and kind (each as written, or None), by (who proposes it: the asker), form_shown (the
    form was sent, or shown already: it is not offered again)."""

    ID = "new_case"

    @staticmethod
    def accepts(command: object) -> bool:
        return isinstance(command, NewCase)

    @staticmethod
    def options_for(command: NewCase, language: str, who: dict[str, Any]) -> dict[str, Any]:
        return {
            "language": language,
            "committee_name": command.committee,
            "title": _title(command.title or ""),
            "description": None,
            "kind": None,
            "by": who.get("name"),
            FORM_SHOWN: False,
        }

    def __init__(self, capture: Capture) -> None:
        super().__init__(NewCaseDialog.ID)
        self.capture = capture
        self.add_dialog(committee_prompt(COMMITTEE_PROMPT, capture))
        self.add_dialog(TextPrompt("case.title", limited(some_text)))
        self.add_dialog(TextPrompt("case.description", limited(some_text)))
        self.add_dialog(TextPrompt("case.kind", limited(_check_kind)))
        self.add_dialog(yes_no_prompt("case.confirm"))
        steps = [self._committee, self._title, self._description, self._kind, self._confirm]
        self.add_dialog(WaterfallDialog("case.steps", [*steps, self._save]))
        self.initial_dialog_id = "case.steps"

    async def _committee(self, step: WaterfallStepContext) -> DialogTurnResult:
        step.values.update(step.options or {})
        return await ask_committee(step, self.capture, "case.ask_committee", case_form)

    async def _title(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        step.values["committee"] = step.result
        if step.values.get("title"):
            return await step.next(step.values["title"])
        ask = options(step_language(step), ASK_TITLE)
        prompt = await offer_form(step, self.capture, ask, case_form)
        return await step.prompt("case.title", prompt)

    async def _description(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        step.values["title"] = _title(step.result) or step.result.strip()
        if step.values.get("description") is not None:  # from the form ("": left empty)
            return await step.next(step.values["description"] or "ingen")
        return await step.prompt("case.description", options(step_language(step), ASK_DESCRIPTION))

    async def _kind(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        answer = step.result.strip()
        step.values["description"] = None if means_none(answer) else answer
        kind = kind_of(step.values.get("kind") or "")  # from the form
        if kind:
            return await step.next(kind)
        return await step.prompt("case.kind", options(step_language(step), ASK_KIND))

    async def _confirm(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        values["kind"] = step.result
        committee = values["committee"]
        capture = await capture_of(step.context, self.capture)
        meeting = await capture.next_meeting(committee["id"])
        summary = text(
            language,
            "case.summary",
            committee=committee["label"],
            title=values["title"],
            description=values["description"] or text(language, "case.summary.no_description"),
            kind=text(language, f"case.kind.{values['kind']}"),
            by=values.get("by") or text(language, "case.summary.unknown_by"),
            meeting=capture.meeting_when(meeting, language)
            if meeting
            else text(language, "case.summary.no_meeting", committee=committee["label"]),
        )
        return await step.prompt("case.confirm", confirmation(language, ASK_CONFIRM, summary))

    async def _save(self, step: WaterfallStepContext) -> DialogTurnResult:
        if step.result == GAVE_UP:
            return await give_up(step)
        values, language = step.values, step_language(step)
        if step.result == "no":
            await step.context.send_activity(text(language, "case.not_saved"))
            return await step.end_dialog(None)
        committee = values["committee"]
        # Looked up again: the meeting may have been moved or cancelled meanwhile.
        capture = await capture_of(step.context, self.capture)
        meeting = await capture.next_meeting(committee["id"])
        record = await capture.propose_case(
            committee_id=committee["id"],
            meeting_id=meeting["id"] if meeting else None,
            title=values["title"],
            description=values["description"],
            kind=values["kind"],
            proposed_by=values.get("by"),
            chatter=chatter_of(step.context, values.get("by")),
        )
        label = record.committee or committee["label"]
        if meeting:
            when = capture.meeting_when(meeting, language)
            reply = text(language, "case.saved", title=record.title, committee=label, meeting=when)
        else:
            reply = text(language, "case.saved.no_meeting", title=record.title, committee=label)
        await step.context.send_activity(reply)
        return await step.end_dialog(record.id)


# ---- the committee step, shared with dialogs/schedule_meeting.py and move_meeting.py ------


async def ask_committee(
    step: WaterfallStepContext, capture: Capture, ask: str, form: FormMaker | None = None
) -> DialogTurnResult:
    """The committee named in the options (`committee_name`) when it is exactly one, else
    the prompt `COMMITTEE_PROMPT` asking with message `ask` (carrying `form`, see
    `offer_form`). The step's result is the committee ({"id", "label", "name"}) or GAVE_UP;
    without any committee the dialog ends."""
    values, language = step.values, step_language(step)
    if values.get("committee"):  # the dialog started over (a date in the past refused)
        return await step.next(values["committee"])
    capture = await capture_of(step.context, capture)
    known = await capture.committees()
    if not known:
        await step.context.send_activity(text(language, "case.committee.none"))
        return await step.end_dialog(None)
    listed = {"committees": ", ".join(c["label"] for c in known), "example": known[0]["label"]}
    name = values.get("committee_name")
    if not name:
        prompt = options(language, Ask(ask, "case.committee.help"), **listed)
    else:
        found = await capture.committees(name)
        if len(found) == 1:
            return await step.next(found[0])
        if found:
            prompt = options(language, Ask("case.committee.help", "case.committee.help"), **listed)
            prompt.prompt = MessageFactory.text(_which_text(language, name, found))
            prompt.validations["choices"] = found
        else:
            unknown = Ask("case.committee.unknown", "case.committee.help")
            prompt = options(language, unknown, name=name, **listed)
    prompt.validations.update(listed)
    return await step.prompt(COMMITTEE_PROMPT, await offer_form(step, capture, prompt, form, known))


async def offer_form(
    step: WaterfallStepContext,
    capture: Capture,
    prompt: PromptOptions,
    form: FormMaker | None,
    known: list[dict[str, Any]] | None = None,
) -> PromptOptions:
    """`prompt`, on channels that show cards with the dialog's `form` attached (filled with
    what the dialog knows, committees to choose from `known` or looked up), when the form
    was neither shown nor sent yet: the dialog's first question offers it, once."""
    values = step.values
    if form is None or values.get(FORM_SHOWN):
        return prompt
    if step.context.activity.channel_id not in CARD_CHANNELS:
        return prompt
    if known is None:
        known = await (await capture_of(step.context, capture)).committees()
    committees = known
    prompt.prompt.attachments = [form(step_language(step), committees, values)]
    values[FORM_SHOWN] = True
    return prompt


def committee_prompt(dialog_id: str, capture: Capture) -> TextPrompt:
    """A committee's name (short, full or alias), or the number of an offered choice."""

    async def check(prompt: PromptValidatorContext) -> bool:
        answer = prompt.recognized.value if prompt.recognized.succeeded else ""
        answer = _LEAD.sub("", (answer or "").strip(_TRIM)).strip(_TRIM)
        validations: dict[str, Any] = prompt.options.validations
        language = validations.get("language", "nb")
        choices: list[dict[str, Any]] = validations.get("choices", [])
        if not answer:
            return False
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            prompt.recognized.value = choices[int(answer) - 1]
            return True
        found = await (await capture_of(prompt.context, capture)).committees(answer)
        if len(found) == 1:
            prompt.recognized.value = found[0]
            return True
        if found:
            validations["choices"] = found
            await prompt.context.send_activity(_which_text(language, answer, found))
            return False
        listed = {k: validations.get(k, "") for k in ("committees", "example")}
        unknown = text(language, "case.committee.unknown", name=answer, **listed)
        await prompt.context.send_activity(unknown)
        return False

    return TextPrompt(dialog_id, limited(check))


def _which_text(language: str, name: str, found: list[dict[str, Any]]) -> str:
    labels = [_committee_label(c) for c in found]
    return text(language, "case.committee.which", name=name, options=numbered(language, labels))


def _committee_label(committee: dict[str, Any]) -> str:
    label, name = committee["label"], committee["name"]
    return label if label == name else f"{label} ({name})"


# ---- shared by the case and meeting dialogs ----------------------------------------------


def kind_of(answer: str) -> str | None:
    """orientering | diskusjon | beslutning from the word, a prefix of it, its English
    name or its number (1-3); None when it is none of them or could be several."""
    word = answer.strip(_TRIM).casefold()
    if word in ("1", "2", "3"):
        return PROPOSAL_KINDS[int(word) - 1]
    if not word:
        return None
    kinds = {kind for kind, names in KIND_WORDS.items() if any(n.startswith(word) for n in names)}
    return kinds.pop() if len(kinds) == 1 else None


async def _check_kind(prompt: PromptValidatorContext) -> bool:
    kind = kind_of(prompt.recognized.value or "") if prompt.recognized.succeeded else None
    if kind is None:
        return False
    prompt.recognized.value = kind
    return True


def _title(written: str) -> str:
    """ "om legevaktsamarbeid" (ny sak til SSU om …) is the case "legevaktsamarbeid"."""
    title = written.strip().rstrip(" .")
    return re.sub(r"^(?:om|about)\s+", "", title, flags=re.IGNORECASE).strip()
