"""What a chat client's Markdown shows of a message, line by line: the text is rendered by
a CommonMark parser (markdown-it-py, which rich brings along), as Teams' emulator and the
dev chat render it, and each line on screen is told apart — a paragraph, a list item, or a
part of one after a hard break. A single line break inside a paragraph is no new line
there (a soft break: a space), which is what the bot's messages must not rely on."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt


@dataclass(frozen=True, slots=True)
class Shown:
    text: str  # the line as read, without Markdown's marks
    block: str  # "p" (a paragraph) or "li" (a list item)
    list: str | None = None  # "ul" or "ol" for a list item
    bold: tuple[str, ...] = ()  # the parts shown in bold


def shown_lines(markdown: str) -> list[Shown]:
    lines: list[Shown] = []
    lists: list[str] = []
    in_item = False
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.tag)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            in_item = True
        elif token.type == "list_item_close":
            in_item = False
        elif token.type == "inline":
            block, kind = ("li", lists[-1]) if in_item and lists else ("p", None)
            parts, bold, strong, current = [], [], False, ""
            for child in token.children or []:
                if child.type == "text":
                    current += child.content
                    if strong:
                        bold.append(child.content)
                elif child.type == "softbreak":
                    current += " "
                elif child.type == "hardbreak":
                    parts.append(current)
                    current = ""
                elif child.type == "strong_open":
                    strong = True
                elif child.type == "strong_close":
                    strong = False
                else:
                    current += child.content
            parts.append(current)
            lines += [Shown(part, block, kind, tuple(bold)) for part in parts]
    return lines


def shown_texts(markdown: str) -> list[str]:
    return [line.text for line in shown_lines(markdown)]
