"""Minutes as a table: "Saknr. | Beskrivelse/oppfølging/vedtak | Ansvar | Tidsfrist".

Rows are tab-separated lines (Word and HTML tables come out of the readers that way). A row
whose first cell is empty continues the case above it; cells may hold HTML fragments.
"""

from __future__ import annotations

import re

from ..model import Line
from ..names import is_first_name
from ..readers import html_to_lines
from .common import RawCase, RawMinutes

_HEADER_CELL = re.compile(r"^\s*Sak\s*nr\.?|^\s*Saksnr\.?|^\s*Sak\s*$", re.IGNORECASE)
CASE_NUMBER = re.compile(r"^\s*(?:Sak\s+)?(?P<n>\d{1,3}/\d{2,4}|\d{4}\.\d{1,3}|\d{1,3})\s*$")
_COLUMNS = {
    "text": re.compile(r"beskrivelse|tekst|sak\b|innhold|oppfølging|vedtak", re.I),
    "assignee": re.compile(r"ansvar", re.I),
    "deadline": re.compile(r"frist", re.I),
}
# "Christine orienterte om …" ends the title that the case text opens with.
_REPORT_START = re.compile(
    r"\s(?=(?P<name>[A-ZÆØÅ][\wæøå-]+)(?:\s[A-ZÆØÅ][\wæøå-]+)?\s+"
    r"(?:orienterte|informerte|presenterte|redegjorde|la fram|gikk gjennom)\b)"
)
_APPROVED = re.compile(r"^(?P<subject>.+?)\s+ble\s+(?:enstemmig\s+)?(?:godkjent|vedtatt)\.?$")
_NEXT_MEETING_ROW = re.compile(r"^\s*(?:neste|siste)\s+møte", re.IGNORECASE)


def header_row(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        cells = line.text.split("\t")
        if len(cells) >= 2 and _HEADER_CELL.match(cells[0]):
            return i
    return None


def _columns(cells: list[str]) -> dict[str, int]:
    found = {"number": 0, "text": 1, "assignee": 2, "deadline": 3}
    for name, pattern in _COLUMNS.items():
        for k, cell in enumerate(cells[1:], start=1):
            if pattern.search(cell):
                found[name] = k
                break
    return found


def _cell(cells: list[str], k: int) -> str:
    return cells[k].strip() if k < len(cells) else ""


def _split_title(first: str) -> tuple[str, str | None]:
    """The title from the opening of a cell that has no separate title paragraph."""
    approved = _APPROVED.match(first)
    if approved:
        return approved["subject"], first
    for report in _REPORT_START.finditer(first):
        if is_first_name(report["name"]):
            return first[: report.start()].strip(), first[report.start() :].strip()
    sentence = re.match(r"^(.+?[.!?])\s+(?=[A-ZÆØÅ])", first)
    if sentence:
        return sentence.group(1).rstrip("."), first[sentence.end() :]
    return first.rstrip("."), None


def parse(lines: list[Line], consumed: set[int]) -> RawMinutes:
    start = header_row(lines)
    assert start is not None
    columns = _columns(lines[start].text.split("\t"))
    cases: list[RawCase] = []
    skipped: set[int] = {start}
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if i in consumed or not line.text.strip():
            continue
        cells = line.text.split("\t")
        number = CASE_NUMBER.match(_cell(cells, columns["number"]))
        text = _cell(cells, columns["text"]) if len(cells) > 1 else line.text.strip()
        fragment_lines = [t for t in html_to_lines(text) if t.strip()]
        if number is None and not cases:
            continue
        if number is None and fragment_lines and _NEXT_MEETING_ROW.match(fragment_lines[0]):
            skipped.add(i)  # "Neste møte 24. oktober …" is about the next meeting, not the case
            continue
        body = [Line(t, line.number, line.page) for t in fragment_lines]
        if number is not None:
            title = ""
            if body:
                if text.lstrip().lower().startswith("<p>") and len(body) > 1:
                    title = body[0].text
                    body = body[1:]
                else:
                    title, rest = _split_title(body[0].text)
                    body = ([Line(rest, line.number, line.page)] if rest else []) + body[1:]
            cases.append(RawCase(number["n"], title, body, line))
        else:
            cases[-1].body.append(Line("", line.number, line.page))  # row break = paragraph
            cases[-1].body.extend(body)
        assignee = _cell(cells, columns["assignee"])
        if assignee and assignee not in cases[-1].assignees:
            cases[-1].assignees.append(assignee)
        deadline = _cell(cells, columns["deadline"])
        if deadline:
            cases[-1].deadline = deadline
    return RawMinutes(cases=cases, header_end=start, consumed=skipped)
