"""Reminders as Slack messages: the same words as the Teams card and the chat text
(assistant/reminder_content.py), laid out as Block Kit through bot/slack/blocks.py's
helpers, so Slack's limits hold by construction. The `text` (notification, screen reader)
is the reminder's chat text whole, as plain text."""

from __future__ import annotations

from datetime import date, tzinfo

from slack_sdk.models.blocks import Block

from assistant import render
from assistant.plain_text import plain_text
from assistant.reminder_content import AgendaReminder, TaskReminder
from assistant.texts import text

from .blocks import (
    FALLBACK_CHARS,
    MAX_BLOCKS,
    SlackMessage,
    _context,
    _fit,
    _list,
    _section,
    _tasks,
    _title,
    bullets,
    earlier_lists,
    task_section,
)
from .mrkdwn import clip, escape


def reminder_message(
    content: AgendaReminder | TaskReminder, language: str, tz: tzinfo, today: date
) -> SlackMessage:
    if isinstance(content, AgendaReminder):
        words = content.text(language, tz, today)
        blocks = agenda_blocks(content, language, tz, today)
    else:
        words = content.text(language, today)
        blocks = task_blocks(content, language, today)
    fallback = clip(escape(plain_text(words)), FALLBACK_CHARS) or "…"
    return SlackMessage(fallback, [b.to_dict() for b in _fit(blocks, language)])


def agenda_blocks(content: AgendaReminder, language: str, tz: tzinfo, today: date) -> list[Block]:
    """The title, the cases, the tasks due before the meeting and those left from the
    previous one (each with «Marker som ferdig»), and where the meeting comes from."""
    blocks: list[Block] = [_title(content.title(language, tz))]
    if content.cases:
        head = text(language, "reminder.agenda.cases").rstrip(":")
        lines = bullets(render.case_heading(c, language) for c in content.cases)
        blocks += _list(head, lines, language)
    elif not content.earlier:
        blocks.append(_section(escape(text(language, "reminder.agenda.no_cases"))))
    blocks += earlier_lists(content.earlier, language)
    groups = []
    if content.due_before:
        groups.append((text(language, "reminder.agenda.due_before"), content.due_before))
    if content.carried_over and content.previous:
        groups.append((content.carried_over_heading(language), content.carried_over))
    source = content.source_line(language)
    # What is left for task sections once the heads and the source have their blocks.
    room = MAX_BLOCKS - len(blocks) - len(groups) - (1 if source else 0)
    rooms = _share(room, [len(tasks) for _, tasks in groups])
    for (head, tasks), space in zip(groups, rooms, strict=True):
        blocks.append(_section(f"*{escape(head.rstrip(':'))}*"))
        blocks += _tasks(tasks, space, language, today)
    if source:
        blocks.append(_context(escape(source)))
    return blocks


def task_blocks(content: TaskReminder, language: str, today: date) -> list[Block]:
    """The heading (due, due today, overdue: reckoned from `today`, as the task row's
    «forfalt») and the task with «Marker som ferdig»."""
    heading = _section(f"*{escape(content.heading(language, today))}*")
    return [heading, task_section(content.task, language, today)]


def _share(room: int, sizes: list[int]) -> list[int]:
    """Blocks for each of (at most two) task lists within `room`: each gets half, and
    what one does not need goes to the other."""
    if sum(sizes) <= room or not sizes:
        return sizes
    if len(sizes) == 1:
        return [room]
    first = min(sizes[0], max(room // 2, room - sizes[1]))
    return [first, room - first]
