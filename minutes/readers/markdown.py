"""Markdown -> plain lines, without a Markdown library.

The goal is text that reads like the .txt minutes, not rendering: markup characters go,
structure that the minutes parser relies on (one line per list item, table rows as
TAB-separated cells) stays. Lines are never joined, so a list item stays its own line.
"""

from __future__ import annotations

import re

from minutes.model import DocumentText
from minutes.readers._lines import to_document
from minutes.readers.text import decode_text, split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(.*)$")
_ORDERED = re.compile(r"^([ \t]*)(\d{1,9}[.)])[ \t]+(.*)$")
_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_HTML_COMMENT = re.compile(r"<!--.*?-->")

# Inline markup. Code spans, escapes and URLs are swapped out for placeholders first so
# that emphasis rules never touch them (snake_case in code, underscores in URLs).
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_]")
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    # Single markers only when they cannot be arithmetic or part of a word (2*3*4, snake_case).
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
# Lines without any of these cannot contain inline markup (skipping them keeps big files fast).
_MAYBE_MARKUP = re.compile(r"[*_`\[\]<>\\~]|https?://|www\.")


def inline_to_text(text: str) -> str:
    """Strip inline Markdown from one line of text."""
    if not _MAYBE_MARKUP.search(text):
        return text
    kept: list[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return f"\ue000{len(kept) - 1}\ue001"

    def link(match: re.Match[str]) -> str:
        label, url = match.group(1).strip(), match.group(2)
        if not url or label == url:
            return label or keep(url)
        return f"{label} ({keep(url)})" if label else keep(url)

    text = _HTML_COMMENT.sub("", text)
    text = _CODE_SPAN.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(link, text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _BARE_URL.sub(lambda m: keep(m.group(0)), text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    # Placeholders are numbered in order, so one pass restores them (kept values are final).
    return _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)


def _is_delimiter_row(line: str) -> bool:
    return "|" in line and _TABLE_DELIMITER.match(line) is not None


def _is_pipe_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|")


def _table_row(line: str) -> str:
    cells = line.strip()
    cells = cells.removeprefix("|")
    if cells.endswith("|") and not cells.endswith("\\|"):
        cells = cells[:-1]
    return "\t".join(inline_to_text(cell.strip()) for cell in _CELL_SPLIT.split(cells))


def _unquote(line: str) -> str:
    while match := _QUOTE.match(line):
        line = line[match.end() :]
    return line


def markdown_to_lines(text: str) -> list[str]:
    """Markdown source -> plain text lines (blank lines kept, markup removed)."""
    source = [_unquote(line) for line in split_lines(text)]
    out: list[str] = []
    fence: str | None = None
    in_table = False
    skip_next = False
    for index, line in enumerate(source):
        if skip_next:
            skip_next = False
            continue
        following = source[index + 1] if index + 1 < len(source) else ""
        stripped = line.strip()

        if fence is not None:
            # Code is kept verbatim; the closing fence uses the same character, at least as long.
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
            else:
                out.append(line.rstrip())
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            continue

        if _is_delimiter_row(line):
            continue  # |---|:--:| only says where a table header ends
        if in_table and stripped and "|" in stripped:
            out.append(_table_row(line))
            continue
        in_table = "|" in stripped and (_is_delimiter_row(following) or _is_pipe_row(line))
        if in_table:
            out.append(_table_row(line))
            continue

        if not stripped:
            out.append("")
        elif match := _HEADING.match(line):
            out.append(inline_to_text(match.group(1) or "").strip())
        elif _RULE.match(line):
            out.append("")
        elif match := _BULLET.match(line):
            out.append(f"{match.group(1)}- {inline_to_text(match.group(2))}".rstrip())
        elif match := _ORDERED.match(line):
            indent, marker, rest = match.groups()
            out.append(f"{indent}{marker} {inline_to_text(rest)}".rstrip())
        elif _SETEXT_UNDERLINE.match(line):
            out.append(inline_to_text(stripped))  # a lone "===" with no heading text above
        else:
            if _SETEXT_UNDERLINE.match(following) and following.strip():
                skip_next = True  # "Title" underlined with === or --- is a heading
            out.append(inline_to_text(line).strip())  # paragraph indentation is not content
    return out


def read_markdown(data: bytes) -> DocumentText:
    text, encoding = decode_text(data)
    return to_document("md", markdown_to_lines(text), encoding)
