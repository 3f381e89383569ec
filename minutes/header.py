"""The labelled facts of a meeting: "Møtedato:", "Til stede:", "Forfall:", "Sted:", …

Minutes put them in a block at the top, in a tab-separated header table, or — after a PDF's
columns were flattened — in the middle of a case. Labels with a colon are recognised anywhere;
labels without one only before the first case, where they cannot be ordinary sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from .dates import find_dates, find_time_range, strip_time_range
from .model import GroupRef, Line, PersonRef
from .names import GROUP_NAMES, group_short_name, normalise_space, parse_person_list
from .readers import html_to_lines

# field -> label spellings. Order matters inside a field only for display.
LABELS: dict[str, tuple[str, ...]] = {
    "date": ("Møtedato", "Dato/sted", "Dato og sted", "Tid og sted", "Dato"),
    "time": ("Tidspunkt", "Klokkeslett", "Tid"),
    "place": ("Møtested", "Møtestad", "Sted"),
    "meeting": ("Møte", "Utvalg"),
    "present": ("Til stede", "Tilstede", "Deltakere", "Deltagere", "Møtt"),
    "absent": ("Meldt forfall", "Forfall", "Frafall"),
    "chair": ("Møteleder", "Leder"),
    "secretary": ("Referent", "Sekretær"),
    "next": ("Neste møte",),
    "group": ("Arbeidsutvalg", "Arbeidsutvalget"),
}
# Labels that may stand without a colon in the header zone ("Dato/sted 28.09.23, …").
COLONLESS = {"Møtedato", "Dato/sted", "Dato og sted", "Tidspunkt", "Møteleder", "Referent"}
COLONLESS_EMPTY = {"Til stede", "Tilstede", "Forfall", "Frafall"}
# Sub-headings that start a list of participants ("SSU faste medlemmer", "Sekretariat").
PARTICIPANT_BLOCK = re.compile(
    r"^\s*(?:[A-ZÆØÅ]{2,4}\s+)?(?:faste\s+)?(?:medlemmer|sekretariat|observatører|"
    r"vararepresentanter|innkalt)\s*$",
    re.IGNORECASE,
)

_ALL = sorted(
    ((s, f) for f, spellings in LABELS.items() for s in spellings), key=lambda x: -len(x[0])
)
_LABEL = re.compile(
    r"^\s*(?P<label>"
    + "|".join(re.escape(s) for s, _ in _ALL)
    + r")(?![\wæøå/])\s*(?P<colon>:)?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_FIELD = {s.lower(): f for s, f in _ALL}
_CANON = {s.lower(): s for s, _ in _ALL}


@dataclass(slots=True)
class Header:
    meeting_date: date | None = None
    starts: time | None = None
    ends: time | None = None
    location: str | None = None
    meeting_name: str | None = None
    chair: str | None = None
    secretary: str | None = None
    participants: list[PersonRef] = field(default_factory=list)
    absentees: list[PersonRef] = field(default_factory=list)
    groups: list[GroupRef] = field(default_factory=list)
    next_meeting_text: str | None = None
    next_meeting_line: int | None = None
    consumed: set[int] = field(default_factory=set)  # indexes of lines the header used


@dataclass(slots=True)
class _Item:
    field: str
    label: str
    value: str
    line: int  # index into the line list


def _match_label(cell: str, in_header_zone: bool) -> tuple[str, str, str] | None:
    m = _LABEL.match(cell)
    if not m:
        return None
    label = _CANON[m["label"].lower()]
    value = m["value"].strip()
    if m["colon"]:
        return _FIELD[label.lower()], label, value
    if not in_header_zone:
        return None
    if label in COLONLESS and value:
        return _FIELD[label.lower()], label, value
    if label in COLONLESS_EMPTY and not value:
        return _FIELD[label.lower()], label, value
    return None


def _items(lines: list[Line], header_end: int) -> tuple[list[_Item], set[int]]:
    """Label/value pairs, with values that continue on the following lines gathered up."""
    items: list[_Item] = []
    consumed: set[int] = set()
    i = 0
    while i < len(lines):
        cells = lines[i].text.split("\t")
        in_zone = i < header_end
        found = False
        c = 0
        while c < len(cells):
            hit = _match_label(cells[c], in_zone)
            if hit is None:
                c += 1
                continue
            field_name, label, value = hit
            if not value and len(cells) > c + 1:  # tab layout: "Møtedato:\t12.09.22"
                value = cells[c + 1].strip()
                c += 1
            items.append(_Item(field_name, label, value, i))
            found = True
            c += 1
        if not found:
            i += 1
            continue
        consumed.add(i)
        last = items[-1]
        if last.value or len(cells) > 1:
            i += 1
            continue
        # The value is on the next lines: skip blanks, take lines up to a blank or a label.
        j = i + 1
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        gathered: list[str] = []
        while j < len(lines):
            text = lines[j].text.strip()
            if not text or _match_label(text, j < header_end) or PARTICIPANT_BLOCK.match(text):
                break
            gathered.append(text)
            consumed.add(j)
            j += 1
        last.value = " ".join(gathered)
        i = j
    return items, consumed


def _participant_blocks(lines: list[Line], header_end: int) -> tuple[list[PersonRef], set[int]]:
    """ "SSU faste medlemmer" / "Sekretariat" followed by "Name, Organisation" lines."""
    people: list[PersonRef] = []
    consumed: set[int] = set()
    for i in range(header_end):
        heading = lines[i].text.strip()
        if not PARTICIPANT_BLOCK.match(heading):
            continue
        role = "secretariat" if "sekretariat" in heading.lower() else "present"
        consumed.add(i)
        j = i + 1
        blank_run = 0
        while j < header_end and blank_run < 3:
            text = lines[j].text.strip()
            if not text:
                blank_run += 1
                j += 1
                continue
            if PARTICIPANT_BLOCK.match(text) or _match_label(text, True):
                break
            found = parse_person_list(text, role=role)
            if not found:
                break
            blank_run = 0
            people.extend(found)
            consumed.add(j)
            j += 1
    return people, consumed


def _person_name(value: str) -> str | None:
    """The name in "Ulrich Johannes Spreng" or "Eli Rasmussen, Vestre Viken"; None for a
    sentence that merely starts with the label ("Møteleder ønsket velkommen …")."""
    people = parse_person_list(value)
    if len(people) == 1 and len(people[0].name.split()) >= 2:
        return people[0].name
    return None


def _plain(value: str) -> str:
    """A table cell's paragraphs (`<p>` markup) as one comma-separated value."""
    if "<" not in value:
        return value
    return ", ".join(line.strip() for line in html_to_lines(value) if line.strip())


def parse_header(lines: list[Line], header_end: int) -> Header:
    """Read the labelled facts. `header_end` is the index of the first case heading."""
    header = Header()
    items, consumed = _items(lines, header_end)
    block_people, block_lines = _participant_blocks(lines, header_end)
    header.consumed = consumed | block_lines
    header.participants.extend(block_people)
    for item in items:
        value = normalise_space(_plain(item.value))
        if item.field == "date" and header.meeting_date is None:
            dates = find_dates(value)
            if dates:
                header.meeting_date = dates[0].date
                rest = value[: dates[0].start] + value[dates[0].end :]
                starts, ends = find_time_range(rest)
                header.starts = header.starts or starts
                header.ends = header.ends or ends
                if item.label != "Møtedato":  # "Dato/sted 28.09.23, 13.00-15.30, Bigroom"
                    place = strip_time_range(rest).strip(" ,;")
                    place = re.sub(r"^(?:kl\.?\s*)?,?\s*", "", place).strip(" ,;")
                    header.location = header.location or place or None
        elif item.field == "time":
            starts, ends = find_time_range(value)
            header.starts, header.ends = starts or header.starts, ends or header.ends
        elif item.field == "place" and value:
            header.location = value
        elif item.field == "meeting" and value:
            header.meeting_name = value
        elif item.field == "present":
            header.participants.extend(parse_person_list(value, role="present"))
        elif item.field == "absent":
            header.absentees.extend(parse_person_list(value, role="absent"))
        elif item.field == "chair" and value:
            header.chair = _person_name(value) or header.chair
        elif item.field == "secretary" and value:
            header.secretary = _person_name(value) or header.secretary
        elif item.field == "next" and value:
            header.next_meeting_text = value
            header.next_meeting_line = item.line
        elif item.field == "group" and value:
            short = group_short_name(item.label) or "AU"
            header.groups.append(
                GroupRef(
                    name=GROUP_NAMES.get(short, item.label),
                    short_name=short,
                    members=parse_person_list(value, role="member"),
                )
            )
    return header
