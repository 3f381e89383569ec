"""Helpers shared by the readers: numbering lines and the checks every format ends with."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText, Line

_WHITESPACE = re.compile(r"\s+")

# What one document may hold once read, whatever its format: the parser's and the search
# index's work grows with it. Real minutes stay far below (a 100-page PDF: ~5,000 lines,
# ~300,000 characters); a 68 KB .docx once unpacked to 250,000 paragraphs.
MAX_LINES = 50_000
MAX_TEXT_CHARS = 4_000_000
TOO_LARGE = "document too large after unpacking"


def collapse_spaces(text: str) -> str:
    """Runs of any whitespace (incl. newlines, tabs and no-break spaces) -> one space, trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def tidy_blank_lines(lines: Iterable[str]) -> list[str]:
    """At most one empty line in a row, none at the start or end (for structured formats)."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    while out and not out[-1]:
        out.pop()
    return out


@dataclass(frozen=True, slots=True)
class Marked:
    """A line's text with what its source marked (see Line.heading and Line.bold)."""

    text: str
    heading: int = 0
    bold: bool = False


def tidy_blank_marked(lines: Iterable[Marked]) -> list[Marked]:
    """tidy_blank_lines for marked lines; an empty line carries no marks."""
    out: list[Marked] = []
    for line in lines:
        if line.text.strip():
            out.append(line)
        elif out and out[-1].text:
            out.append(Marked(""))
    while out and not out[-1].text:
        out.pop()
    return out


def to_document(
    fmt: str, lines: Sequence[str | Marked], encoding: str | None = None
) -> DocumentText:
    """Number the lines 1-based; refuse a document without any visible text."""
    numbered = [
        Line(text=line, number=i)  # most readers' lines are plain text
        if isinstance(line, str)
        else Line(text=line.text, number=i, heading=line.heading, bold=line.bold)
        for i, line in enumerate(lines, start=1)
    ]
    if not any(line.text.strip() for line in numbered):
        raise UnreadableDocument("empty document")
    return DocumentText(format=fmt, lines=numbered, encoding=encoding)


def check_extent(lines: int, chars: int) -> None:
    """Refuse a document whose text is beyond what minutes ever hold (see MAX_LINES)."""
    if lines > MAX_LINES:
        raise UnreadableDocument(f"{TOO_LARGE}: {lines:,} lines; the limit is {MAX_LINES:,}")
    if chars > MAX_TEXT_CHARS:
        raise UnreadableDocument(
            f"{TOO_LARGE}: {chars:,} characters of text; the limit is {MAX_TEXT_CHARS:,}"
        )


def format_size(size: int) -> str:
    """Bytes as a short readable size: "50.0 MB", "12.5 KB", "300 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def format_limit(size: int) -> str:
    """Like format_size, without a pointless ".0" (limits are round numbers: "20 MB")."""
    return format_size(size).replace(".0 ", " ")


def cell_markup(lines: Iterable[str]) -> str:
    """A table cell on one line. A cell of several paragraphs keeps them as `<p>` markup —
    the shape real minutes' tables already have — so "Vedtak:" still starts a paragraph
    for the table parser, which reads cells with `html_to_lines`."""
    kept = [collapse_spaces(line) for line in lines if line.strip()]
    if len(kept) <= 1:
        return kept[0] if kept else ""
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in kept)
