"""Announced meetings: "Neste møte: 5. mars 2014", "Siste møte i år 5. desember", "SSU 23. nov."."""

from __future__ import annotations

import re
from datetime import date

from .dates import find_dates, find_time_range
from .model import Line, PlannedMeeting

_ANNOUNCEMENT = re.compile(
    r"(?<!siden )\b(?:neste|siste|kommende)\s+møte(?:t)?\b(?:\s+i\s+år)?", re.IGNORECASE
)
_WINDOW = 80  # characters after the phrase in which its date must stand
# "Møtedatoer i 2027: 10. mars, 2. juni, … 8. desember 2027, alle kl 12.30 – 15.00"
_SCHEDULE = re.compile(r"\bmøte(?:datoer|plan)\b[^.\n]*?(?P<year>(?:19|20)\d\d)\s*:", re.I)


def find_planned_meetings(
    lines: list[Line],
    meeting_date: date | None,
    committee_short: str | None,
    next_meeting_text: str | None = None,
    next_meeting_line: int | None = None,
) -> list[PlannedMeeting]:
    """Future meetings the minutes announce, merged by date (times kept where given).

    Without a meeting date there is no year to anchor "5. desember" to, and nothing is "next":
    only dates written with a year are taken then.
    """
    found: dict[date, PlannedMeeting] = {}

    def add(text: str, line_no: int | None, committee: str | None) -> None:
        for d in find_dates(text, meeting_date):
            if meeting_date is None and not d.has_year:
                continue
            if meeting_date is not None and d.date <= meeting_date:
                continue
            starts, ends = find_time_range(text[d.end : d.end + 30])
            current = found.get(d.date)
            if current is None:
                found[d.date] = PlannedMeeting(d.date, starts, ends, None, committee, line_no)
            else:
                current.starts = current.starts or starts
                current.ends = current.ends or ends
            return  # one date per announcement

    if next_meeting_text:
        add(next_meeting_text, next_meeting_line, None)
    for index, line in enumerate(lines):
        schedule = _SCHEDULE.search(line.text)
        if schedule is None:
            continue
        text = line.text[schedule.end() :]
        for following in lines[index + 1 : index + 4]:  # the list may wrap onto a few lines
            if not following.text.strip() or following.text.lstrip().startswith("-"):
                break
            text += " " + following.text
        year_start = date(int(schedule["year"]), 1, 1)
        starts, ends = find_time_range(text)
        for d in find_dates(text, year_start):
            if meeting_date is None or d.date > meeting_date:
                found.setdefault(
                    d.date, PlannedMeeting(d.date, starts, ends, None, None, line.number)
                )
    for line in lines:
        for m in _ANNOUNCEMENT.finditer(line.text):
            add(line.text[m.end() : m.end() + _WINDOW], line.number, None)
        if committee_short:
            for m in re.finditer(rf"\b{re.escape(committee_short)}\s+(?=\d)", line.text):
                window = line.text[m.end() : m.end() + 20]
                if re.match(r"[0-3]?\d\.\s*[a-zæøå]", window):  # "SSU 23. november"
                    add(window, line.number, None)
    return sorted(found.values(), key=lambda m: m.date)
