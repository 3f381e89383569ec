"""Free-text minutes with "Sak 1 Godkjenning av referat" headings."""

from __future__ import annotations

import re

from ..model import Line
from .common import RawCase, RawMinutes, sections

HEADING = re.compile(
    r"^\s*Sak\s+(?P<number>\d{1,3}(?:/\d{2,4})?)(?![\d.,/])\s*[:.\-–]?\s*(?P<title>.*?)\s*$"
)


def headings(lines: list[Line]) -> list[int]:
    return [i for i, line in enumerate(lines) if HEADING.match(line.text)]


def parse(lines: list[Line], consumed: set[int]) -> RawMinutes:
    starts = headings(lines)
    cases: list[RawCase] = []
    for start, end in sections(starts, len(lines)):
        m = HEADING.match(lines[start].text)
        assert m is not None
        title = m["title"]
        body_from = start + 1
        if not title:  # "Sak 2" alone: the title is the next non-blank line
            for j in range(start + 1, end):
                if j not in consumed and lines[j].text.strip():
                    title, body_from = lines[j].text.strip(), j + 1
                    break
        body = [lines[j] for j in range(body_from, end) if j not in consumed]
        cases.append(RawCase(m["number"], title, body, lines[start]))
    return RawMinutes(cases=cases, header_end=starts[0] if starts else len(lines))
