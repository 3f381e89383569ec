"""Markdown -> plain lines, without a Markdown library.

The goal is text that reads like the .txt minutes, not rendering: markup characters go,
structure that the minutes parser relies on (one line per list item, table rows as
TAB-separated cells) stays. Lines are never joined, so a list item stays its own line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from minutes.model import DocumentText
from minutes.readers._front_matter import front_matter
from minutes.readers._lines import Marked, to_document
from minutes.readers.text import decode_text, split_lines

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
# Patterns never let two quantifiers share the same characters (no "[ \t]*\|?[ \t]*"), and
# a span's body never runs past the next place its own kind could open: each regex is
# linear in the line, so one hostile 200 KB line reads in milliseconds, not minutes.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(.*)$")
_ORDERED = re.compile(r"^([ \t]*)(\d{1,9}[.)])[ \t]+(.*)$")
_DELIMITER_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")

# Inline markup. Code spans, escapes and URLs are swapped out for placeholders first so
# that emphasis rules never touch them (snake_case in code, underscores in URLs).
_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>", re.I)
_IMAGE = re.compile(r"!\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\])")
_LINK = re.compile(
    r"\[([^\[\]]*)\]\([ \t]*<?([^()\s<>]*)>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\)"
)
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_]")
# A span's text never holds a marker that could open another span of its kind, so a line of
# unclosed openers costs one pass, not one pass per opener.
_EMPHASIS = (
    re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__(?!\w)"),
    # Single markers only when they cannot be arithmetic or part of a word (2*3*4, snake_case).
    re.compile(
        r"(?<![\w*])\*(?=[^\s*])((?:[^*]|(?<=[\w*])\*|\*(?![^\s*]))+?)(?<=[^\s*])\*(?![\w*])"
    ),
    re.compile(r"(?<![\w_])_(?=[^\s_])((?:[^_]|(?<=[\w_])_|_(?![^\s_]))+?)(?<=[^\s_])_(?![\w_])"),
    re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~"),
)
# kramdown attribute lists: "## Sak 1 {#sak-1}", a "{:toc}" line under the table of contents.
_ATTRIBUTES = re.compile(r"\{[:#.][^{}]*\}[ \t]*$")
_ATTRIBUTES_LINE = re.compile(r"^[ \t]*\{:[^{}]*\}[ \t]*$")
# A whole line in one strong span (***both*** too); the span may not hold its own delimiter.
_WHOLE_BOLD = re.compile(r"^(\*\*\*?|___?)(?=\S)(.+?)(?<=\S)\1$")
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

    text = _code_spans(_without_comments(text), keep)
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


def _without_comments(text: str) -> str:
    """<!-- … --> removed; an unclosed one stays (as a regex, each opener scanned the rest)."""
    out: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 3
    out.append(text[position:])
    return "".join(out)


def _code_spans(text: str, keep: Callable[[str], str]) -> str:
    """`code` spans swapped for placeholders: a run of backticks closes at the next run of the
    same length (CommonMark); a run with no partner stays as it is."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    later: dict[int, list[int]] = {}  # run length -> indexes of runs of that length, last first
    for index in range(len(runs) - 1, -1, -1):
        later.setdefault(runs[index][1] - runs[index][0], []).append(index)
    out: list[str] = []
    position = 0
    for start, end in runs:
        same = later[end - start]
        same.pop()  # this run itself
        if start < position or not same:
            continue  # inside a span already taken, or no run of its length follows
        close_start, close_end = runs[same[-1]]
        code = text[end:close_start]
        out += [text[position:start], keep(code.strip() or code)]
        position = close_end
    out.append(text[position:])
    return "".join(out)


def _is_delimiter_row(line: str) -> bool:
    """|---|:--:| (outer pipes optional): every cell dashes, colons at most at its ends."""
    if "|" not in line or "-" not in line:
        return False
    cells = line.strip()
    cells = cells.removeprefix("|")
    cells = cells.removesuffix("|")
    return all(_DELIMITER_CELL.fullmatch(cell) for cell in cells.split("|"))


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


def _heading_text(rest: str) -> str:
    """The text after "## ", without an optional closing run of #s ("## Sak 1 ##")."""
    text = rest.strip(" \t")
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        return bare.rstrip(" \t")
    return text


def _is_bold(raw: str) -> bool:
    """The whole text is one **…** or __…__ span (not "**Vedtak:** tekst", not "**a** **b**")."""
    match = _WHOLE_BOLD.match(raw.strip())
    return match is not None and match.group(1)[:2] not in match.group(2)


def _setext_level(underline: str) -> int:
    return 1 if underline.strip().startswith("=") else 2


def markdown_to_lines(text: str) -> list[Marked]:
    """Markdown source -> plain text lines (blank lines kept, markup removed), with the
    heading level and whole-line bold the markup said; front matter becomes `key: value`."""
    source_lines = split_lines(text)
    meta, body_start = front_matter(source_lines)
    out: list[Marked] = [Marked(line) for line in meta]
    source = [_unquote(line) for line in source_lines[body_start:]]
    if out and source and source[0].strip():
        out.append(Marked(""))  # the fields stay apart from the body's first paragraph
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
                out.append(Marked(line.rstrip()))
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            continue

        if _is_delimiter_row(line):
            continue  # |---|:--:| only says where a table header ends
        if in_table and stripped and "|" in stripped:
            out.append(Marked(_table_row(line)))
            continue
        in_table = "|" in stripped and (_is_delimiter_row(following) or _is_pipe_row(line))
        if in_table:
            out.append(Marked(_table_row(line)))
            continue

        if not stripped or _ATTRIBUTES_LINE.match(line):
            out.append(Marked(""))
        elif match := _HEADING.match(line):
            raw = _ATTRIBUTES.sub("", _heading_text(line[match.end() :])).rstrip(" \t")
            heading = inline_to_text(raw).strip()
            out.append(Marked(heading, len(match.group(1)) if heading else 0, _is_bold(raw)))
        elif _RULE.match(line):
            out.append(Marked(""))
        elif match := _BULLET.match(line):
            indent, raw = match.groups()
            item = f"{indent}- {inline_to_text(raw)}".rstrip()
            out.append(Marked(item, bold=_is_bold(raw)))
        elif match := _ORDERED.match(line):
            indent, marker, raw = match.groups()
            item = f"{indent}{marker} {inline_to_text(raw)}".rstrip()
            out.append(Marked(item, bold=_is_bold(raw)))
        elif _SETEXT_UNDERLINE.match(line):
            out.append(Marked(inline_to_text(stripped)))  # a lone "===" with no heading text above
        else:
            level = 0
            if _SETEXT_UNDERLINE.match(following) and following.strip():
                skip_next = True  # "Title" underlined with === or --- is a heading
                level = _setext_level(following)
            # Paragraph indentation is not content.
            out.append(Marked(inline_to_text(line).strip(), level, _is_bold(line)))
    return out


def read_markdown(data: bytes) -> DocumentText:
    text, encoding = decode_text(data)
    return to_document("md", markdown_to_lines(text), encoding)
