"""Announced meetings: "Neste møte: 5. mars 2014", "Siste møte i år 5. desember", "SSU 23. nov.",
with their time and place where the minutes give them (minutes/planned_places.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time

from .dates import find_dates, find_time_range
from .model import Line, PlannedMeeting
from .planned_places import (
    clause_end,
    labelled_place,
    next_sentence,
    place_in,
    reference_place,
)

_ANNOUNCEMENT = re.compile(
    r"(?<!siden )\b(?:neste|siste|kommende)\s+møte(?:t)?\b(?:\s+i\s+år)?"
    # English and Swedish only where a line begins with it: "Next meeting: 5 March 2025",
    # never "I will ask at the next meeting …" in a motion's text.
    r"|^[\s#*>•–-]*(?:the\s+)?(?:next|following)\s+(?:\w+\s+)?meeting\b"
    r"|^[\s#*>•–-]*nästa\s+möte\b",
    re.IGNORECASE,
)
# Every announcement and schedule has one of these words. Searching for them alone is ~8×
# cheaper than trying the announcement's alternatives at every position of every line, and most
# lines have none (the same flags, so the same letters match).
_MEETING_WORDS = re.compile(r"møte|meeting|möte", re.IGNORECASE)
_WINDOW = 80  # characters after the phrase in which its date must stand
# "Møtedatoer i 2027: 10. mars, 2. juni, … 8. desember 2027, alle kl 12.30 – 15.00"
_SCHEDULE = re.compile(r"\bmøte(?:datoer|plan)\b[^.\n]*?(?P<year>(?:19|20)\d\d)\s*:", re.I)
# A clause that goes on on the next line: it ends with a comma, "og" or a preposition.
_GOES_ON = re.compile(r"(?:,|\b(?:og|and|på|i|at|in|ved))\s*$", re.IGNORECASE)
_ALL = re.compile(r"\b(?:alle|all|samtlige|begge|both)\b", re.IGNORECASE)

# keep(date, starts, ends, place, line): record an announced meeting, merging with one known
Keep = Callable[[date, time | None, time | None, str | None, int | None], None]


def find_planned_meetings(
    lines: list[Line],
    meeting_date: date | None,
    committee_short: str | None,
    next_meeting_text: str | None = None,
    next_meeting_line: int | None = None,
) -> list[PlannedMeeting]:
    """Future meetings the minutes announce, merged by date (times and places kept where given).

    Without a meeting date there is no year to anchor "5. desember" to, and nothing is "next":
    only dates written with a year are taken then.
    """
    found: dict[date, PlannedMeeting] = {}

    def keep(
        day: date, starts: time | None, ends: time | None, place: str | None, line_no: int | None
    ) -> None:
        current = found.get(day)
        if current is None:
            found[day] = PlannedMeeting(day, starts, ends, place, None, line_no)
        else:
            current.starts = current.starts or starts
            current.ends = current.ends or ends
            current.location = current.location or place

    def add(
        text: str,
        start: int,
        line_no: int | None,
        *,
        following: str = "",
        line_end: int | None = None,
        day_month: bool = False,
        with_place: bool = True,
    ) -> None:
        """The first date in the window after `start` in `text` (within its first line: a
        line joined for its place adds no dates), its time and its place."""
        window = text[start : min(start + _WINDOW, line_end or len(text))]
        for d in find_dates(window, meeting_date, allow_day_month=day_month):
            if meeting_date is None and not d.has_year:
                continue
            if meeting_date is not None and d.date <= meeting_date:
                continue
            starts, ends = find_time_range(window[d.end : d.end + 30])
            place = _place_after(text, start + d.end, following) if with_place else None
            keep(d.date, starts, ends, place, line_no)
            return  # one date per announcement

    def _place_after(text: str, at: int, following: str) -> str | None:
        stops = [m.start() for m in _ANNOUNCEMENT.finditer(text) if m.start() >= at]
        later = find_dates(text[at:], meeting_date)
        if later:
            stops.append(at + later[0].start)
        end = clause_end(text, at, stops)
        place = place_in(text[at:end], committee_short)
        if place is not None:
            return place
        if text[end:].strip(" \t.!?"):  # "Neste møte 9. desember. Sted: Rådhuset."
            after = next_sentence(text, end)
            labelled = labelled_place(after, committee_short)
            if labelled is not None:
                return labelled
        else:
            after = following  # a line of its own: only "Møtet holdes …" is about this meeting
        said = reference_place(after, committee_short)
        return said[1] if said and said[0] == "one" else None

    if next_meeting_text:  # a header field: "Neste møte: 14.12. kl 13, Møterom Fjellet"
        add(next_meeting_text, 0, next_meeting_line, day_month=True)
    mentions = {i for i, line in enumerate(lines) if _MEETING_WORDS.search(line.text)}
    for index in sorted(mentions):
        line = lines[index]
        schedule = _SCHEDULE.search(line.text)
        if schedule is None:
            continue
        text = line.text[schedule.end() :]
        last = index
        for following in lines[index + 1 : index + 4]:  # the list may wrap onto a few lines
            if not following.text.strip() or following.text.lstrip().startswith("-"):
                break
            text += " " + following.text
            last += 1
        after = lines[last + 1].text if last + 1 < len(lines) else ""
        _add_schedule(text, after, date(int(schedule["year"]), 1, 1), line.number, keep)
    # "SSU 23. november": the committee's short name before a day
    own = re.compile(rf"\b{re.escape(committee_short)}\s+(?=\d)") if committee_short else None
    for index, line in enumerate(lines):
        announced = list(_ANNOUNCEMENT.finditer(line.text)) if index in mentions else []
        if announced:
            text, following = _with_continuation(lines, index)
            for m in announced:
                add(text, m.end(), line.number, following=following, line_end=len(line.text))
        if own is not None and committee_short in line.text:  # cheaper than the pattern
            for m in own.finditer(line.text):
                window = line.text[m.end() : m.end() + 20]
                if re.match(r"[0-3]?\d\.\s*[a-zæøå]", window):  # "SSU 23. november"
                    add(window, 0, line.number, with_place=False)
    if meeting_date is not None:
        for day in [d for d in found if d <= meeting_date]:
            del found[day]
    return sorted(found.values(), key=lambda m: m.date)


def _with_continuation(lines: list[Line], index: int) -> tuple[str, str]:
    """The line's text, joined with the next line when its last clause goes on there ("… på
    Fjordby" / "sykehus, Møterom Fjellet."), and the first line after that (for "Møtet holdes
    på …")."""
    text = lines[index].text
    later = [x.text for x in lines[index + 1 : index + 4] if x.text.strip()]
    nxt = lines[index + 1].text if index + 1 < len(lines) else ""
    stripped = text.rstrip()
    goes_on = nxt.strip() and (_GOES_ON.search(stripped) or nxt.lstrip()[:1].islower())
    if goes_on and not stripped.endswith((".", "!", "?", ":")):
        return stripped + " " + nxt.strip(), later[1] if len(later) > 1 else ""
    return text, later[0] if later else ""


def _add_schedule(text: str, after: str, year_start: date, line_no: int, keep: Keep) -> None:
    """A year's meeting dates, each with the place written after it ("10. mars i Fjordby,
    2. juni i Lindvik"), the place after the last for all when the text says so ("alle …
    på Rådhuset"), and a following "Møtene holdes …" for those without one."""
    starts, ends = find_time_range(text)
    dates = find_dates(text, year_start)
    places: list[str | None] = []
    for i, d in enumerate(dates):
        if i + 1 < len(dates):
            places.append(place_in(text[d.end : dates[i + 1].start]))
            continue
        end = clause_end(text, d.end, [])
        tail = text[d.end : end]
        place = place_in(tail)
        places.append(place)
        if place is not None and _ALL.search(tail):
            places = [p or place for p in places]
        if text[end:].strip(" \t.!?"):
            after = next_sentence(text, end)
    said = reference_place(after)
    if said and said[0] == "many":
        places = [p or said[1] for p in places]
    for d, place in zip(dates, places, strict=True):
        keep(d.date, starts, ends, place, line_no)
