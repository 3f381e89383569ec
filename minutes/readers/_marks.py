"""Structure marks for the source-code readers (LaTeX, Typst).

Those readers turn markup into one string of text with a few private-use characters that
say what the markup meant; `finish` then cuts it into lines and turns the marks into
Line.heading and Line.bold. Private-use characters never occur in real minutes, and any
that do are removed with the marks.
"""

from __future__ import annotations

import re

from minutes.readers._lines import Marked, tidy_blank_marked

BOLD_OPEN = "\ue010"
BOLD_CLOSE = "\ue011"
# The text must continue on a line of its own (after \\, \item, \section, \begin{…}); no empty
# line results when it already does, and the source line break right after it is swallowed.
LINE = "\ue012"
_HEADING_BASE = 0xE020  # chr(_HEADING_BASE + level) at the start of a heading's text

_MARKS = re.compile("[\ue000-\uf8ff]")
_HEADING_MARK = re.compile("[\ue021-\ue026]")
_SPACES = re.compile(r" {2,}")
_SPACE_AROUND_TAB = re.compile(r" ?\t ?")


def heading(level: int, text: str) -> str:
    """A heading line: its text (line breaks inside become spaces) at the given level."""
    level = min(max(level, 1), 6)
    flat = text.replace(LINE, " ").replace("\n", " ")
    return f"{LINE}{chr(_HEADING_BASE + level)}{flat}{LINE}"


def bold(text: str) -> str:
    return f"{BOLD_OPEN}{text}{BOLD_CLOSE}"


def _resolve_line_marks(text: str) -> str:
    first, *rest = text.split(LINE)
    out = [first]
    for segment in rest:
        # Spaces before the mark go (a TAB stays: it ends an empty table cell).
        while out and not out[-1].rstrip(" "):
            out.pop()
        if out:
            out[-1] = out[-1].rstrip(" ")
            if not out[-1].endswith("\n"):
                out.append("\n")
        out.append(segment.lstrip(" ").removeprefix("\n"))
    return "".join(out)


def finish(text: str) -> list[Marked]:
    """Marked text -> lines: whitespace tidied (TAB stays a cell break), heading levels and
    whole-line bold from the marks, at most one empty line in a row."""
    lines: list[Marked] = []
    depth = 0  # bold spans may cross line breaks
    for raw in _resolve_line_marks(text).split("\n"):
        level = 0
        if match := _HEADING_MARK.search(raw):
            level = ord(match.group()) - _HEADING_BASE
        all_bold, seen = True, False
        for char in raw:
            if char == BOLD_OPEN:
                depth += 1
            elif char == BOLD_CLOSE:
                depth = max(depth - 1, 0)
            elif not char.isspace() and not _MARKS.match(char):
                seen = True
                all_bold = all_bold and depth > 0
        clean = _MARKS.sub("", raw).replace("\r", " ")
        clean = _SPACE_AROUND_TAB.sub("\t", _SPACES.sub(" ", clean)).strip(" ")
        if not clean.strip():
            clean = ""
        lines.append(Marked(clean, level if clean else 0, seen and all_bold))
    return tidy_blank_marked(lines)
