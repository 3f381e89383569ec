"""Answers as Slack Block Kit messages: what a Slack user sees. The words come from
assistant/texts.py and assistant/render.py, so Slack, Teams and the chat text say the same.
Every block is built through slack_sdk.models, whose validation is the guard against a
message Slack would refuse; Slack's limits are kept by construction (long answers are
shortened with "…" and a hint, never refused)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from assistant import render
from assistant.answer_types import Answer, CaseResult, TaskResult
from assistant.intents import IntentKind
from assistant.list_pages import TASK_LISTS, text_heads, under_list
from assistant.plain_text import plain_text
from assistant.texts import short_date, text

from .mrkdwn import clip, escape, from_markdown

# Slack's limits (api.slack.com/reference/block-kit): blocks in a message, characters in a
# section's text, a header and a button, elements in a context block.
MAX_BLOCKS = 50
SECTION_CHARS = 3000
HEADER_CHARS = 150
BUTTON_CHARS = 75
CONTEXT_ELEMENTS = 10
FALLBACK_CHARS = 3000  # the notification's text: enough to read, short of Slack's 40,000
LINE_CHARS = render.LINE_CHARS
TASK_CHARS = 600  # a task's description in its row; the fallback text has it whole
MORE_RESULTS = 5  # other matches listed under the lead decision, as on the Teams card
LIST_SECTIONS = 2  # sections a list inside an answer may take (a case's follow-up)

# What a «Marker som ferdig» button sends back (action_id; its value is the task's id), the
# same action as the Teams card's (bot/cards.DONE_ACTION).
DONE_ACTION = "task.done"
# «Vis flere» under a list cut to a page: its value, the words for the next page.
NEXT_PAGE_ACTION = "list.next_page"
# The block id of a decision's title, with the case's id after it (as bot/cards.DECISION_MARK).
DECISION_MARK = "referent.decision."


@dataclass(slots=True)
class SlackMessage:
    """A chat.postMessage's `text` (plain: notifications and screen readers) and `blocks`."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def message_for(answer: Answer, today: date) -> SlackMessage:
    """The Slack message for an answer: a decision, a task list, an agenda as their own
    blocks; any other answer as sections of its text."""
    kind = answer.intent.kind
    if kind == IntentKind.DECISION and answer.results and answer.found and answer.intent.topic:
        blocks = _decision(answer)
    elif kind in TASK_LISTS and answer.tasks:
        blocks = _task_list(answer, today)
    elif kind == IntentKind.AGENDA and (answer.results or answer.tasks):
        blocks = _agenda(answer, today)
    else:
        blocks = _text_sections(from_markdown(answer.text))
    fitted = _fit(blocks, answer.language)
    return SlackMessage(fallback_text(answer), [b.to_dict() for b in fitted])


def fallback_text(answer: Answer) -> str:
    """The answer as plain text (no Markdown marks), escaped and within FALLBACK_CHARS."""
    return clip(escape(plain_text(answer.text)), FALLBACK_CHARS) or "…"


# ------------------------------------------------------------------ building blocks


def _section(mrkdwn: str, accessory: ButtonElement | None = None) -> SectionBlock:
    return SectionBlock(
        text=MarkdownTextObject(text=clip(mrkdwn, SECTION_CHARS)), accessory=accessory
    )


def _context(*mrkdwn: str) -> ContextBlock:
    elements = [MarkdownTextObject(text=clip(m, SECTION_CHARS)) for m in mrkdwn if m]
    return ContextBlock(elements=elements[:CONTEXT_ELEMENTS])


def _header(title: str, block_id: str | None = None) -> HeaderBlock:
    plain = PlainTextObject(text=clip(title, HEADER_CHARS) or "…", emoji=False)
    return HeaderBlock(text=plain, block_id=block_id)


def _title(title: str) -> Block:
    """A heading (its ":" dropped): a header block when it fits one, else a bold section."""
    title = title.strip().removesuffix(":")
    if len(title) <= HEADER_CHARS:
        return _header(title)
    return _section(f"*{clip(escape(title), SECTION_CHARS - 2)}*")


def _text_sections(mrkdwn: str) -> list[Block]:
    """Text as sections of whole lines, each within SECTION_CHARS."""
    return [_section(chunk) for chunk in _chunks(mrkdwn.splitlines())]


def _chunks(lines: Sequence[str], limit: int = SECTION_CHARS) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        line = clip(line, limit)
        if current and size + 1 + len(line) > limit:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + (1 if size else 0)
    if current and any(ln.strip() for ln in current):
        chunks.append("\n".join(current))
    return [c.strip("\n") for c in chunks if c.strip()]


def _list(head: str | None, lines: Sequence[str], language: str) -> list[Block]:
    """An optional bold head and "• " lines in at most LIST_SECTIONS sections; what does
    not fit is counted ("… og 12 til")."""
    top = [f"*{escape(head)}*"] if head else []
    chunks = _chunks([*top, *lines], SECTION_CHARS - 100)
    if len(chunks) > LIST_SECTIONS:
        shown = sum(c.count("\n") + 1 for c in chunks[:LIST_SECTIONS]) - len(top)
        more = text(language, "slack.more", count=len(lines) - shown)
        chunks = [*chunks[: LIST_SECTIONS - 1], f"{chunks[LIST_SECTIONS - 1]}\n_{more}_"]
    return [_section(c) for c in chunks]


def bullets(lines: Iterable[str]) -> list[str]:
    """List lines as Slack shows them: escaped, clipped, after a bullet."""
    return [f"• {escape(clip(line, LINE_CHARS * 2))}" for line in lines]


def earlier_lists(results: list[CaseResult], language: str) -> list[Block]:
    """An agenda's postponed cases and what earlier minutes set for it (render's
    earlier_items), each list under its bold head."""
    blocks: list[Block] = []
    for head, lines in render.earlier_items(results, language):
        blocks += _list(head.rstrip(":"), bullets(lines), language)
    return blocks


def _fit(blocks: list[Block], language: str) -> list[Block]:
    """At most MAX_BLOCKS: past that, the last one says the answer was shortened."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    return [*blocks[: MAX_BLOCKS - 1], _context(text(language, "slack.shortened"))]


# ------------------------------------------------------------------ decisions


def case_facts(result: CaseResult, language: str) -> str:
    """ "SSU · 28.09.2023 · sak 2023.30": the citation under a case's title."""
    when = result.meeting_date and short_date(result.meeting_date)
    number = result.case and f"{text(language, 'case')} {result.case}"
    return " · ".join(f for f in (result.committee, when, number) if f)


def _decision(answer: Answer) -> list[Block]:
    """The answer's note, the leading case (title, citation, its status and decision or what
    was reported, its follow-up, the source), then the other matches in a compact list."""
    language = answer.language
    first, *rest = answer.results
    blocks: list[Block] = []
    if answer.note:
        blocks.append(_section(from_markdown(answer.note)))
    blocks.append(_header(first.title, f"{DECISION_MARK}{first.case_id}"))
    facts = case_facts(first, language)
    if facts:
        blocks.append(_context(escape(facts)))
    label = f"*{escape(render.decision_label(first, language))}*"
    told = render.lead_outcome(first, language)
    said = render.reported(first, language)
    # A decision leads; for a case without one, what was reported comes first.
    parts = [told, said] if first.status == "decided" else [said, told]
    parts = [escape(p) for p in parts if p]
    if parts:
        blocks.append(_section("\n".join([label, parts[0]])))
        blocks += [_section(p) for p in parts[1:]]
    else:
        blocks.append(_section(label))
    after = [f"• {escape(line.removeprefix('- '))}" for line in render.follow_up(first, language)]
    if after:
        blocks += _list(text(language, "case.follow_up").rstrip(":"), after, language)
    blocks.append(_context(escape(render.source_line(first, language))))
    blocks += _other_matches(rest, language)
    return blocks


def _other_matches(rest: list[CaseResult], language: str) -> list[Block]:
    """ "Flere treff": up to MORE_RESULTS cases on a line each (an earlier decision on the
    matter under its own head), the rest counted."""
    if not rest:
        return []
    shown = rest[:MORE_RESULTS]
    blocks: list[Block] = [DividerBlock()]
    for role, head in (("history", "decision.history"), ("match", "card.more")):
        listed = [r for r in shown if r.role == role or (role == "match" and r.role != "history")]
        if listed:
            lines = [f"• {escape(_case_line(r, language))}" for r in listed]
            blocks += _list(text(language, head).rstrip(":"), lines, language)
    if len(rest) > len(shown):
        blocks.append(_context(text(language, "slack.more_results", count=len(rest) - len(shown))))
    return blocks


def _case_line(result: CaseResult, language: str) -> str:
    outcome = " ".join(render.case_outcome(result, language).split())
    heading = clip(render.case_heading(result, language), LINE_CHARS)
    return f"{heading}: {clip(outcome, LINE_CHARS)}"


# ------------------------------------------------------------------ tasks and agenda


def _done_button(task: TaskResult, language: str) -> ButtonElement:
    label = clip(text(language, "card.mark_done"), BUTTON_CHARS)
    return ButtonElement(text=label, action_id=DONE_ACTION, value=str(task.task_id))


def task_section(task: TaskResult, language: str, today: date) -> SectionBlock:
    """The task in bold, owner · due · number · case on a line, its source; «Marker som
    ferdig» beside an open one."""
    due = render.task_due(task, language) or text(language, "card.no_due")
    due = ", ".join([due, *render.task_state(task, language, today)])
    cite = render.task_cite(task, language)
    facts = [
        (text(language, "card.owner"), render.task_owner(task, language)),
        (text(language, "card.due"), due),
        (text(language, "card.task_number"), str(task.task_id)),
        *([(text(language, "card.case"), cite)] if cite else []),
    ]
    lines = [
        f"*{escape(clip(' '.join(render.task_heading(task).split()), TASK_CHARS))}*",
        " · ".join(f"{escape(k)}: {escape(v)}" for k, v in facts),
        escape(render.source_line(task, language)),
    ]
    button = _done_button(task, language) if task.status == "open" else None
    return _section("\n".join(lines), accessory=button)


def _tasks(tasks: list[TaskResult], room: int, language: str, today: date) -> list[Block]:
    """A section a task within `room` blocks; when they do not all fit, the last block
    says how many are shown."""
    if len(tasks) <= room:
        return [task_section(t, language, today) for t in tasks]
    shown = tasks[: room - 1]
    hint = text(language, "slack.more_tasks", shown=len(shown), total=len(tasks))
    return [*[task_section(t, language, today) for t in shown], _context(hint)]


def _task_list(answer: Answer, today: date) -> list[Block]:
    blocks = [_title(plain_text(h)) for h in text_heads(answer)[:1]]
    after = [_context(escape(plain_text(h))) for h in under_list(answer)]
    room = MAX_BLOCKS - len(blocks) - len(after) - _more_blocks(answer)
    return blocks + _tasks(answer.tasks, room, answer.language, today) + after + _more(answer)


def _more_blocks(answer: Answer) -> int:
    return len(_more(answer))


def _more(answer: Answer) -> list[Block]:
    """The line under a list cut to a page: how many more, and the words for the next; and
    «Vis flere», which asks them where the list stands (bot/slack/messages.next_page)."""
    if not answer.more:
        return []
    label = clip(text(answer.language, "card.next_page"), BUTTON_CHARS)
    button = ButtonElement(text=label, action_id=NEXT_PAGE_ACTION, value=answer.next_page)
    return [_context(escape(plain_text(answer.more))), ActionsBlock(elements=[button])]


def _agenda(answer: Answer, today: date) -> list[Block]:
    """The meeting's cases, those postponed to it and what earlier minutes set for it, then
    the committee's open tasks, under the text's heads."""
    language = answer.language
    blocks = [_title(plain_text(text_heads(answer)[0]))]
    filed = [r for r in answer.results if r.role not in render.EARLIER_ROLES]
    if filed:
        blocks += _list(None, bullets(render.case_heading(r, language) for r in filed), language)
    blocks += earlier_lists(answer.results, language)
    if answer.tasks:
        committee = answer.meetings[0].committee if answer.meetings else None
        head = text(language, "agenda.open_tasks", committee=committee or "?")
        blocks += [DividerBlock(), _section(f"*{escape(head.removesuffix(':'))}*")]
        room = MAX_BLOCKS - len(blocks) - _more_blocks(answer)
        blocks += _tasks(answer.tasks, room, language, today) + _more(answer)
    return blocks
