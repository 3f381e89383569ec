"""Reminders as messages: an Adaptive Card where the channel shows cards, else the text
(assistant/reminder_content.py says both, from the same content)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, tzinfo
from typing import Any

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity

from assistant import render
from assistant.reminder_content import AgendaReminder, TaskReminder
from assistant.texts import text
from dialogs.task_form import CARD_CHANNELS

from .cards import card, earlier_blocks, task_row, text_block


def reminder_activity(
    content: AgendaReminder | TaskReminder,
    channel: str,
    language: str,
    tz: tzinfo,
    today: date,
) -> Activity:
    if isinstance(content, AgendaReminder):
        words = content.text(language, tz, today)
        body = agenda_reminder_card(content, language, tz, today)
    else:
        words = content.text(language, today)
        body = task_reminder_card(content, language, today)
    if channel not in CARD_CHANNELS:
        message = MessageFactory.text(words)
        message.text_format = "markdown"
        return message
    message = MessageFactory.attachment(CardFactory.adaptive_card(body))
    message.summary = words.splitlines()[0]  # the notification's preview
    return message


def agenda_reminder_card(
    content: AgendaReminder, language: str, tz: tzinfo, today: date
) -> dict[str, Any]:
    body = [text_block(content.title(language, tz), weight="Bolder", size="Medium")]
    if content.cases:
        body.append(text_block(text(language, "reminder.agenda.cases"), weight="Bolder"))
        body += [text_block(f"• {render.case_heading(c, language)}") for c in content.cases]
    elif not content.earlier:
        body.append(text_block(text(language, "reminder.agenda.no_cases")))
    body += earlier_blocks(content.earlier, language)
    if content.due_before:
        heading = text(language, "reminder.agenda.due_before")
        body.append(text_block(heading, weight="Bolder", spacing="Large"))
        body += [task_row(t, language, today) for t in content.due_before]
    if content.carried_over and content.previous:
        heading = content.carried_over_heading(language)
        body.append(text_block(heading, weight="Bolder", spacing="Large"))
        body += [task_row(t, language, today) for t in content.carried_over]
    if (source := content.source_line(language)) is not None:
        body.append(text_block(source, isSubtle=True, size="Small", spacing="Large"))
    return card(body)


def task_reminder_card(content: TaskReminder, language: str, today: date) -> dict[str, Any]:
    """The task with its number, owner, due date, source and «Marker som ferdig»; the
    heading and the due date's «forfalt» both reckon from `today`, so they agree."""
    heading = text_block(content.heading(language, today), weight="Bolder")
    return card([heading, task_row(content.task, language, today)])


def task_done_activity(
    content: TaskReminder, language: str, today: date, by: str | None
) -> Activity:
    """The reminder card once its task is done: no button, and who marked it."""
    done = TaskReminder(replace(content.task, status="done"), content.stage)
    body = task_reminder_card(done, language, today)
    who = text(language, "reminder.task.done", who=by) if by else None
    body["body"].append(
        text_block(who or text(language, "reminder.task.done_anonymous"), color="Good")
    )
    return MessageFactory.attachment(CardFactory.adaptive_card(body))
