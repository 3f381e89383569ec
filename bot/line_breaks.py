"""Line breaks that survive Markdown: every message the bot sends, on its way out.

The answers are written a line per thing (next meetings, a decision and its source, a
summary's fields) and sent as Markdown: the format Teams renders bot text in when none is
set, and the one it renders an Adaptive Card's TextBlock in. Markdown joins a single line
break into a space (Teams and its emulator show "Neste møte i LSU: … Neste møte i SSU: …" as
one run of text) and reads a line right under a list item as more of that item. So before a
message goes to the Connector each single line break becomes a blank line (a paragraph
break, which Teams shows as a line break), except between two list items, whose list stays
one tight list. Blank lines already there stay as they are, so a text that has been through
here comes out the same again; a fenced code block is kept whole.

Done where every activity leaves for the Connector, so every text reply gets it: answers,
dialog prompts, apologies and proactive reminders alike, and the text blocks of their cards
(a decision of several lines in a decision card). Sends, replies and updates are made by
bot/activity_calls.py, which calls `activity_line_breaks`; a call that takes the SDK's own
path instead goes through msrest's pipeline, where `LineBreaks` does the same.
"""

from __future__ import annotations

import json
import re
from typing import Any

from msrest.pipeline import Request, SansIOHTTPPolicy

# A list item as CommonMark reads one: "- ", "* ", "+ ", "1. ", "1) " (up to 3 spaces in).
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
# The Connector's routes that carry an activity: send, reply, update.
_ACTIVITY_ROUTE = re.compile(r"/v3/conversations/[^/]+/activities(?:/[^/]+)?/?$")
# Text in these formats is not Markdown: left alone.
_NOT_MARKDOWN = frozenset({"plain", "xml"})
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def keep_line_breaks(text: str) -> str:
    """`text` with each single line break made one Markdown shows, lists kept tight."""
    if "\n" not in text and "\r" not in text:
        return text  # one line (most of a card's text blocks): nothing to keep
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    fenced = False
    for index, line in enumerate(lines):
        if index:
            above = lines[index - 1]
            both_written = above.strip() and line.strip()
            if both_written and not fenced and not (is_list_item(above) and is_list_item(line)):
                out.append("")
        out.append(line)
        if _FENCE.match(line):
            fenced = not fenced
    return "\n".join(out)


def markdown_activity(activity: dict[str, Any]) -> bool:
    """A message whose text a chat client reads as Markdown (the default format)."""
    return (
        activity.get("type") == "message"
        and isinstance(activity.get("text"), str)
        and str(activity.get("textFormat") or "markdown").lower() not in _NOT_MARKDOWN
    )


def activity_line_breaks(activity: dict[str, Any]) -> dict[str, Any]:
    """A message (as the Connector takes it, JSON) with its line breaks kept: its Markdown
    text and its Adaptive Cards' text blocks. `activity` itself when nothing changes; it
    and what it holds are never changed (a card may be the one an answer keeps)."""
    if activity.get("type") != "message":
        return activity
    out: dict[str, Any] | None = None
    if markdown_activity(activity):
        kept = keep_line_breaks(activity["text"])
        if kept != activity["text"]:
            out = {**activity, "text": kept}
    attachments = activity.get("attachments")
    if isinstance(attachments, list):
        new = [_attachment_line_breaks(attachment) for attachment in attachments]
        if any(a is not b for a, b in zip(new, attachments, strict=True)):
            out = out if out is not None else dict(activity)
            out["attachments"] = new
    return activity if out is None else out


def _attachment_line_breaks(attachment: Any) -> Any:
    if not isinstance(attachment, dict) or attachment.get("contentType") != ADAPTIVE_CARD:
        return attachment
    content = attachment.get("content")
    kept = _card_line_breaks(content)
    return attachment if kept is content else {**attachment, "content": kept}


def _card_line_breaks(node: Any) -> Any:
    """Every TextBlock's text in a card (its body, containers, columns, shown cards) kept;
    what holds a changed one is copied, the rest is shared."""
    if isinstance(node, list):
        items = [_card_line_breaks(value) for value in node]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] | None = None
    if node.get("type") == "TextBlock" and isinstance(node.get("text"), str):
        kept = keep_line_breaks(node["text"])
        if kept != node["text"]:
            out = {**node, "text": kept}
    for key, value in node.items():
        if isinstance(value, dict | list) and (kept_value := _card_line_breaks(value)) is not value:
            out = out if out is not None else dict(node)
            out[key] = kept_value
    return node if out is None else out


class LineBreaks(SansIOHTTPPolicy):  # type: ignore[misc]
    """A step of the Connector client's pipeline: each message sent or updated gets its line
    breaks kept (see the module's docstring). Other calls pass as they are."""

    def on_request(self, request: Request, **kwargs: Any) -> None:
        http = request.http_request
        if http.method not in ("POST", "PUT") or not isinstance(http.data, str | bytes):
            return
        if not _ACTIVITY_ROUTE.search(http.url.split("?", 1)[0]):
            return
        try:
            activity = json.loads(http.data)
        except ValueError:
            return
        if isinstance(activity, dict) and (kept := activity_line_breaks(activity)) is not activity:
            http.add_content(kept)  # serialised again, with its Content-Length
