"""Prompts the dialogs share: yes/no in Norwegian and English, dates, and the rule that an
answer that makes no sense is asked again with an example, three times at most.

A validator that gives up (third unusable answer) accepts the turn with GAVE_UP as the
value, so the waterfall step can end the dialog politely instead of looping.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from botbuilder.core import MessageFactory
from botbuilder.dialogs import DialogTurnResult, WaterfallStepContext
from botbuilder.dialogs.prompts import PromptOptions, PromptValidatorContext, TextPrompt

from assistant.capture import when_dict
from assistant.texts import text
from assistant.when import parse_when

MAX_ATTEMPTS = 3
GAVE_UP = "\x00gave-up"

_YES = re.compile(r"^\s*(?:ja|jepp|jo|ok|okei|greit|yes|yep|yeah|sure|y|j)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:nei|nope|no|n|ikke)\b", re.IGNORECASE)
_NONE = re.compile(
    r"^\s*(?:ingen(?:\s+frist)?|ikke\s+noen(?:\s+frist)?|nei|none|no(?:\s+due(?:\s+date)?)?|-)\s*(?:[.!]\s*)?$",
    re.IGNORECASE,
)


def yes_or_no(answer: str) -> bool | None:
    """True for ja/ok/yes, False for nei/no, None for anything else."""
    if _YES.match(answer):
        return True
    if _NO.match(answer):
        return False
    return None


def means_none(answer: str) -> bool:
    """ "ingen", "ingen frist", "none": the slot is deliberately left empty."""
    return bool(_NONE.match(answer))


@dataclass(frozen=True, slots=True)
class Ask:
    """What a prompt says and how it helps: message keys of assistant/texts.py."""

    prompt: str
    help: str
    retry: str | None = None


def options(language: str, ask: Ask, **values: object) -> PromptOptions:
    """PromptOptions carrying the step's help text (read by CaptureDialog on «hjelp»)."""
    retry = text(language, ask.retry, **values) if ask.retry else None
    return PromptOptions(
        prompt=MessageFactory.text(text(language, ask.prompt, **values)),
        retry_prompt=MessageFactory.text(retry) if retry else None,
        validations={"help": text(language, ask.help, **values), "language": language},
    )


Check = Callable[[PromptValidatorContext], Awaitable[bool]]


def limited(check: Check) -> Check:
    """Run `check`; on the third unusable answer accept GAVE_UP instead of asking again."""

    async def validator(prompt: PromptValidatorContext) -> bool:
        if await check(prompt):
            return True
        # TextPrompt never counts attempts in its state (attempt_count stays 0 in 4.17);
        # it counts them in the options, after the validator: this answer is one more.
        if prompt.options.number_of_attempts + 1 >= MAX_ATTEMPTS:
            prompt.recognized.value = GAVE_UP
            return True
        return False

    return validator


async def _yes_no(prompt: PromptValidatorContext) -> bool:
    value = yes_or_no(prompt.recognized.value or "") if prompt.recognized.succeeded else None
    if value is None:
        return False
    prompt.recognized.value = "yes" if value else "no"
    return True


async def some_text(prompt: PromptValidatorContext) -> bool:
    """Any answer that is not empty (titles, descriptions, places)."""
    return bool(prompt.recognized.succeeded and (prompt.recognized.value or "").strip())


def yes_no_prompt(dialog_id: str) -> TextPrompt:
    return TextPrompt(dialog_id, limited(_yes_no))


def date_prompt(dialog_id: str, now: Callable[[], datetime], tz: tzinfo) -> TextPrompt:
    """A date or «ingen»; the value becomes a dict (see `when_to_dict`) or "none"."""

    async def check(prompt: PromptValidatorContext) -> bool:
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        if means_none(answer):
            prompt.recognized.value = "none"
            return True
        return _a_date(prompt, answer, now(), tz)

    return TextPrompt(dialog_id, limited(check))


def _a_date(prompt: PromptValidatorContext, answer: str, now: datetime, tz: tzinfo) -> bool:
    """A date in `answer`: the prompt's value becomes its dict (see `when_dict`)."""
    found = parse_when(answer, now, tz)
    if found is None or found.day is None:
        return False
    prompt.recognized.value = when_dict(found)
    return True


def passed_date_prompt(dialog_id: str, now: Callable[[], datetime], tz: tzinfo) -> TextPrompt:
    """To «1. desember er passert – mente du …?»: «ja» ("yes": that date), «nei» ("no": ask
    again), «ingen» ("none"), or another date (its dict, see `when_dict`)."""

    async def check(prompt: PromptValidatorContext) -> bool:
        answer = (prompt.recognized.value or "").strip() if prompt.recognized.succeeded else ""
        if (yes := yes_or_no(answer)) is not None:
            prompt.recognized.value = "yes" if yes else "no"
            return True
        if means_none(answer):
            prompt.recognized.value = "none"
            return True
        return _a_date(prompt, answer, now(), tz)

    return TextPrompt(dialog_id, limited(check))


def step_language(step: WaterfallStepContext) -> str:
    """The language the dialog was started in (its options' "language")."""
    return str(step.values.get("language") or "nb")


async def give_up(step: WaterfallStepContext) -> DialogTurnResult:
    """The polite end after three unusable answers: nothing was saved."""
    await step.context.send_activity(text(step_language(step), "dialog.gave_up"))
    return await step.end_dialog(None)


def numbered(language: str, labels: list[str]) -> str:
    """ "1. A, 2. B eller 3. C": choices the user can answer by number."""
    items = [f"{i}. {label}" for i, label in enumerate(labels, 1)]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {text(language, 'task.which.or')} {items[-1]}"


def confirmation(language: str, ask: Ask, summary: str) -> PromptOptions:
    """A yes/no prompt that shows `summary` above its question (again on «hjelp»)."""
    prompt = options(language, ask)
    # A blank line ends the summary's list: in Markdown (Teams, its emulator) a line right
    # after a list item is read as more of that item.
    prompt.prompt = MessageFactory.text(f"{summary}\n\n{text(language, ask.prompt)}")
    return prompt


def chosen(
    answer: str, choices: list[dict[str, Any]], label: Callable[[dict[str, Any]], str]
) -> Any:
    """The offered choice `answer` names: its number, or a part of one label only; None."""
    if answer.isdecimal() and 1 <= int(answer) <= len(choices):  # "¹" is a digit, no number
        return choices[int(answer) - 1]
    picked = [c for c in choices if answer and answer.lower() in label(c).lower()]
    return picked[0] if len(picked) == 1 else None
