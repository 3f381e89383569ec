"""The facts of a meeting: when it was held, where, who came, who led it, who wrote it.

Found, in this order of trust: labelled fields ("Møtedato:", "Date:", a Markdown front
matter's `dato:`, a heading "Til stede" over a list), then a date in the document's title
("Møtereferat … - 07.03.2023", "ON MONDAY, 31ST MARCH, 2025, AT 3PM", "# April 09, 2024"),
then a sentence about the meeting ("… behandling av sak 1/2026 i møte den 29.01.2026", "The
meeting took place … on Wednesday, December 5, 2018"); the file name only by the caller, as
a last resort. The date the meeting was held — never a next meeting's, an approval's or a
posting's. The label words are data (minutes/labels.py).

Labels with a colon are recognised anywhere (a PDF's flattened columns may put the header
block in the middle of a case); without one only before the first item, where they cannot be
ordinary sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from .dates import FoundDate, find_dates, find_time_range, strip_time_range
from .labels import (
    COLONLESS,
    COLONLESS_EMPTY,
    HEADER_LABELS,
    MEETING_WORDS,
    NOT_THE_MEETING_DATE,
    STRONG_DATE_LABELS,
)
from .model import GroupRef, Line, PersonRef
from .names import (
    BODY_WORD,
    GROUP_NAMES,
    group_short_name,
    looks_like_name,
    normalise_space,
    parse_person_list,
)
from .readers import html_to_lines
from .role_patterns import trie

# Sub-headings that start a list of participants ("SSU faste medlemmer", "Sekretariat").
PARTICIPANT_BLOCK = re.compile(
    r"^\s*(?:[A-ZÆØÅ]{2,4}\s+)?(?:faste\s+)?(?:medlemmer|sekretariat|observatører|"
    r"vararepresentanter|innkalt)\s*$",
    re.IGNORECASE,
)
_TITLE_LINES = 14  # non-blank lines at the top that may hold the title and its date
_PROSE_LINES = 60  # lines at the top where a "the meeting was held on …" sentence may stand
# "Formannskaps behandling av sak 1/2026 i møte den 29.01.2026:" (saksprotokoll)
_TREATED_ON = re.compile(
    r"^\s*(?P<body>.{2,80}?)s?\s+behandling\s+av\s+sak\s+\S+\s+i\s+møte\s+den\s+(?P<date>.+)$",
    re.IGNORECASE,
)
_BEHANDLING = re.compile(r"behandling", re.IGNORECASE)  # cheap: what every _TREATED_ON has
# A column table of attendees: "Navn   Funksjon   Repr.   Varamedlem for"
_TABLE_HEAD = re.compile(r"^\s*(?:Navn|Name|Namn)(?:\s{2,}|\t)\S", re.IGNORECASE)
_COLUMNS = re.compile(r"\t|\s{2,}")
_CHAIR_ROLES = re.compile(r"^(?:leder|leiar|ordfører|møteleder|chair|ordförande)\b", re.I)

_ALL = sorted(
    ((s, f) for f, spellings in HEADER_LABELS.items() for s in spellings), key=lambda x: -len(x[0])
)
_LABEL = re.compile(
    r"^\s*(?:[-*•]\s+)?(?P<label>"
    + "|".join(re.escape(s) for s, _ in _ALL)
    + r")(?![\wæøåäöÆØÅÄÖ/])\s*(?P<colon>:|\t)?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# What _LABEL needs at a line's start: the first three letters of a label (a trie, so one
# try per letter instead of one per label); most lines fail it, and the labels are not tried.
_LABEL_START = re.compile(
    r"^\s*(?:[-*•]\s+)?" + trie({s[:3].lower() for s, _ in _ALL}), re.IGNORECASE
)
_FIELD = {s.lower(): f for s, f in _ALL}
_CANON = {s.lower(): s for s, _ in _ALL}
_NOT_MEETING = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in NOT_THE_MEETING_DATE) + r")\b[^.\n]{0,25}$",
    re.IGNORECASE,
)
_ABOUT_MEETING = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in MEETING_WORDS) + r")\b", re.IGNORECASE
)


@dataclass(slots=True)
class Header:
    meeting_date: date | None = None
    date_source: str | None = None  # label | title | text | file name
    date_line: int | None = None  # index of the line the date was read from
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
    found: dict[str, int] = field(default_factory=dict)  # field -> index of its line


@dataclass(slots=True)
class _Item:
    field: str
    label: str
    value: str
    line: int  # index into the line list
    colon: bool = True


def _match_label(line: Line, in_header_zone: bool) -> tuple[str, str, str, bool] | None:
    """(field, label, value, had a colon) for a labelled line; a heading that is only a label
    ("## Til stede") is one with its value below."""
    m = _LABEL.match(line.text) if _LABEL_START.match(line.text) else None
    if not m:
        return None
    label = _CANON[m["label"].lower()]
    value = m["value"].strip().lstrip("*").strip()
    if m["colon"]:
        return _FIELD[label.lower()], label, value, True
    if line.heading and not value:
        return _FIELD[label.lower()], label, value, False
    if not in_header_zone:
        return None
    if label in COLONLESS and value:
        return _FIELD[label.lower()], label, value, False
    if label in COLONLESS_EMPTY and not value:
        return _FIELD[label.lower()], label, value, False
    return None


def _ends_value(line: Line, in_zone: bool) -> bool:
    text = line.text.strip()
    return bool(
        not text
        or line.heading
        or _match_label(line, in_zone)
        or PARTICIPANT_BLOCK.match(text)
        or _TABLE_HEAD.match(text)
    )


def _items(
    lines: list[Line], header_end: int, item_heads: frozenset[int] = frozenset()
) -> tuple[list[_Item], set[int]]:
    """Label/value pairs, with values that continue on the following lines gathered up: a
    list under a label, or a heading's list up to the next heading. A heading that heads an
    item ("### Sekretær" among the elections) is no label."""
    items: list[_Item] = []
    consumed: set[int] = set()
    i = 0
    while i < len(lines):
        if i in item_heads:
            i += 1
            continue
        cells = lines[i].text.split("\t")
        in_zone = i < header_end
        found = False
        c = 0
        while c < len(cells):  # tab layouts put several labels on one row
            # the line itself when it is one cell (_match_label reads its text and heading)
            cell = (
                lines[i]
                if len(cells) == 1
                else Line(cells[c], lines[i].number, heading=lines[i].heading)
            )
            hit = _match_label(cell, in_zone)
            if hit is None:
                c += 1
                continue
            field_name, label, value, colon = hit
            if not value and len(cells) > c + 1:  # "Møtedato:\t12.09.22"
                value = cells[c + 1].strip()
                c += 1
            items.append(_Item(field_name, label, value, i, colon))
            found = True
            c += 1
        if not found:
            i += 1
            continue
        consumed.add(i)
        if items[-1].value or len(cells) > 1:
            i += 1
            continue
        # The value is on the next lines: skip blanks, then take lines up to a blank line (a
        # heading's list: up to the next heading), a label or another block.
        under_heading = bool(lines[i].heading)
        j = i + 1
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        gathered: list[str] = []
        while j < len(lines):
            line = lines[j]
            if not line.text.strip() and under_heading:
                j += 1
                continue
            if _ends_value(line, j < header_end):
                break
            gathered.append(line.text.strip().lstrip("-*• ").strip())
            consumed.add(j)
            j += 1
        items[-1].value = ", ".join(gathered) if _is_list(gathered) else " ".join(gathered)
        i = j
    return items, consumed


def _is_list(values: list[str]) -> bool:
    """One person or thing per line (a list), or one value wrapped over lines (commas)?"""
    return len(values) > 1 and not any("," in v for v in values)


def _attendee_tables(lines: list[Line], end: int) -> tuple[list[PersonRef], str | None, set[int]]:
    """Column tables of attendees, as PDF minutes print them: a "Navn  Funksjon  Repr." head,
    then one row per person. The role "Leder" makes the chair."""
    people: list[PersonRef] = []
    chair: str | None = None
    consumed: set[int] = set()
    i = 0
    while i < end:
        if not _TABLE_HEAD.match(lines[i].text):
            i += 1
            continue
        role = "present"
        before = next((lines[k].text for k in range(i - 1, -1, -1) if lines[k].text.strip()), "")
        if re.search(r"forfall|ikke møtt|absent|apologies|frånvar", before, re.IGNORECASE):
            role = "absent"
        consumed.add(i)
        i += 1
        while i < end and lines[i].text.strip():
            cells = [c.strip() for c in _COLUMNS.split(lines[i].text.strip()) if c.strip()]
            if not cells or not looks_like_name(cells[0]) or _match_label(lines[i], True):
                break
            people.append(PersonRef(cells[0], None, role))
            if role == "present" and len(cells) > 1 and _CHAIR_ROLES.match(cells[1]):
                chair = chair or cells[0]
            consumed.add(i)
            i += 1
    return people, chair, consumed


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
            if PARTICIPANT_BLOCK.match(text) or _match_label(lines[j], True):
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


def meeting_dates(text: str) -> list[FoundDate]:
    """The dates in `text` that may be the meeting's: not those a word before them makes a
    deadline, an approval, a posting or the next meeting."""
    return [d for d in find_dates(text) if not _NOT_MEETING.search(text[: d.start])]


def _title_date(lines: list[Line], end: int) -> tuple[date, int] | None:
    """A date in the document's title: the opening lines (wrapped titles joined: "ON
    WEDNESDAY, 6TH / NOVEMBER, 2024"), or a top-level heading."""
    shown = [(i, lines[i].text.strip()) for i in range(end) if lines[i].text.strip()]
    shown = shown[:_TITLE_LINES]
    joined, starts = "", []
    for i, text in shown:
        starts.append((len(joined), i))
        joined += text + " "
    for found in meeting_dates(joined):
        line = max(i for offset, i in starts if offset <= found.start)
        return found.date, line
    for i in range(len(lines)):
        if lines[i].heading == 1 and (dates := meeting_dates(lines[i].text)):
            return dates[0].date, i
    return None


def _prose_date(lines: list[Line], end: int) -> tuple[date, int] | None:
    """A date in a sentence about the meeting near the top ("The meeting took place …
    on Wednesday, December 5, 2018", "i møte den 29.01.2026")."""
    for i in range(min(end, _PROSE_LINES)):
        text = lines[i].text
        if not _ABOUT_MEETING.search(text):
            continue
        window = " ".join(lines[k].text.strip() for k in range(i, min(i + 3, len(lines))))
        dates = meeting_dates(window)
        if dates:
            return dates[0].date, i
    return None


def _treated_on(lines: list[Line]) -> tuple[str, date, int] | None:
    """ "<Body>s behandling av sak N i møte den DATE:" — a case protocol's one line of meeting
    facts (also the line every item of a municipal protocol repeats)."""
    for i, line in enumerate(lines):
        m = _TREATED_ON.match(line.text) if _BEHANDLING.search(line.text) else None
        if not m:
            continue
        following = " ".join(x.text for x in lines[i : i + 2])
        dates = find_dates(following[following.find(m["date"][:5]) :])
        if dates:
            return m["body"].strip(), dates[0].date, i
    return None


def parse_header(
    lines: list[Line], header_end: int, item_heads: frozenset[int] = frozenset()
) -> Header:
    """Read the meeting's facts. `header_end` is the index of the first item's heading,
    `item_heads` the indexes of all items' headings."""
    header = Header()
    items, consumed = _items(lines, header_end, item_heads)
    block_people, block_lines = _participant_blocks(lines, header_end)
    table_people, table_chair, table_lines = _attendee_tables(lines, header_end)
    header.consumed = consumed | block_lines | table_lines
    header.participants.extend(block_people)
    for person in table_people:
        (header.absentees if person.role == "absent" else header.participants).append(person)
    header.chair = table_chair
    for item in items:
        value = normalise_space(_plain(item.value))
        header.found.setdefault(item.field, item.line)
        if item.field == "date" and header.meeting_date is None:
            if item.line >= header_end and item.label not in STRONG_DATE_LABELS:
                continue
            dates = find_dates(value)
            if dates:
                header.meeting_date, header.date_source = dates[0].date, "label"
                header.date_line = item.line
                rest = value[: dates[0].start] + value[dates[0].end :]
                starts, ends = find_time_range(rest)
                header.starts = header.starts or starts
                header.ends = header.ends or ends
                if item.label in ("Dato/sted", "Dato og sted", "Tid og sted", "Tid og stad"):
                    place = strip_time_range(rest).strip(" ,;")
                    place = re.sub(r"^(?:kl\.?\s*)?,?\s*", "", place).strip(" ,;")
                    header.location = header.location or place or None
        elif item.field == "time":
            starts, ends = find_time_range(value, loose=True)
            header.starts, header.ends = starts or header.starts, ends or header.ends
        elif item.field == "place" and value and header.location is None:
            header.location = value.rstrip(",;")
        elif item.field == "meeting" and value:
            header.meeting_name = header.meeting_name or value
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
    if header.meeting_name is None:
        header.meeting_name = _body_in_title(lines, header_end)
    needed = header.meeting_date is None or header.meeting_name is None
    treated = _treated_on(lines) if needed else None
    if header.meeting_date is None:
        _date_from_text(header, lines, header_end, treated)
    if header.meeting_name is None and treated is not None:
        header.meeting_name = treated[0]
    return header


# "MØTEPROTOKOLL" / "Referat" alone on the first lines: the body's name stands next.
_DOCUMENT_WORD = re.compile(
    r"^\s*(?:møteprotokoll|møtereferat|møtebok|referat|protokoll|saksprotokoll|minutes|"
    r"protokoll|mötesprotokoll)\s*$",
    re.IGNORECASE,
)
# "meeting of the Municipal District of X held …", "møte i Formannskapet", "Møte 12 i FHIR
# fagforum", "möte med Styrelsen": a body's name (one that says it is a body: a "møte i
# Trondheim" is a place; "fagforum" is a forum, the words before it its name).
_BODY_IN_TITLE = re.compile(
    r"\b(?:meeting\s+of\s+(?:the\s+)?(?P<en>[A-Z][^,.:()\n]{2,120}?)(?=\s+(?:held|on|at|in)\b|"
    r"\s*[,.:(]|\s*$)|(?:\w*møte|\w*möte|mødet)(?:\s+(?:nr\.?\s*)?\d{1,3})?\s+(?:i|med|for|för)\s+"
    r"(?P<nb>(?:[\w-]+\s+){0,3}?[\w-]*" + BODY_WORD + r"\b[^,.:()\n\"]{0,60}?)"
    r"(?=[ \t]+(?:den|på|i)\b|[ \t]+\d{1,4}[./-]|\s*[,.:(\"]|\s+[-–]\s|\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
# "a meeting of the Community, Leisure & Emergency Services Strategic Policy Committee was
# held": a name with commas in it, up to the word that says it is a body.
_EN_BODY_LISTED = re.compile(
    r"\bmeeting\s+of\s+(?:the\s+)?(?P<en>[A-Z][^.:()\n]{2,120}?\b(?:Committee|Council|Board|"
    r"Group|Forum|Panel|Commission|Authority|Assembly|Trust))(?=\s+(?:held|was|on|at|in)\b)",
    re.IGNORECASE,
)
# A title that names its body before the meeting word: "DSF Board monthly meeting, March 14,
# 2019", "GraphQL WG Notes - February 2024", "Divisionsstämmans möte 1"; or after a minutes
# word: "Meeting Summary for Working Group Meeting", "Minutes of the Finance Committee".
_NAME_BEFORE = re.compile(
    r"^(?P<body>[A-ZÆØÅÄÖ][\w&.'’-]*(?:\s+[\w&.'’-]+){0,5}?)"
    r"(?:\s+(?:monthly|annual|regular|quarterly|weekly|general|special|ordinary|board|"
    r"extraordinary|årlige?|ordinære?))?\s+(?:meeting|minutes|notes|møte|möte)\b"
    r"(?:\s+(?:nr\.?\s*)?\d{1,3})?\s*(?:[,:–—-]|$)",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(
    r"^(?:(?:meeting\s+)?(?:minutes|notes|summary))\s+(?:of|for|from)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,5}?)(?:\s+meeting)?\s*(?:[,:–—-].*)?$",
    re.IGNORECASE,
)
# Words a name before "meeting" must not be alone ("Monthly meeting", "Board meeting"); a
# name with a meeting word in it ("Board meeting notes") is none either (_MEETING_WORD).
_NO_BODY = frozenset(
    {
        "the", "our", "a", "an", "this", "next", "last", "first", "monthly", "annual", "weekly",
        "regular", "board", "team", "general", "special", "draft", "approved", "neste",
        "forrige", "ordinært", "ekstraordinært", "extra", "emergency", "virtual", "online",
        "digitalt", "fysisk", "kick-off", "oppstart", "oppstarts",
    }
)  # fmt: skip
_MEETING_WORD = re.compile(r"(?i)\b(?:meeting|minutes|notes|møte|möte|referat)\b")
_OWNER = re.compile(r"^.*?[’']s\s+(?=\S)")  # "Limerick City & County Council’s Travel …"
_GENITIVE_BODY = re.compile(r"(?i)" + BODY_WORD + r"s$")
_WRAPPED_HYPHEN = re.compile(r"(?<=\w)- (?=\w)")  # "DISTRICT OF ADARE-" / "RATHKEALE HELD"
_MAX_BODY_WORDS = 8
_TITLE_CHARS = 400  # of the opening lines, joined: a title wrapped a word a line ends in it


def _body_in_title(lines: list[Line], end: int) -> str | None:
    shown = [lines[i].text.strip() for i in range(min(end, len(lines))) if lines[i].text.strip()]
    shown = shown[:_TITLE_LINES]
    for k, text in enumerate(shown[:-1]):
        if _DOCUMENT_WORD.match(text):
            following = shown[k + 1]
            short = len(following.split()) <= _MAX_BODY_WORDS and len(following) >= 4
            sentence = following.endswith(".")  # "The meeting was held on 3 March."
            if short and not sentence and not _LABEL.match(following):
                return following.strip(" :")
    # English titles wrap over lines ("MEETING OF THE / MUNICIPAL DISTRICT …", a word a line
    # in some PDFs); Norwegian ones are read line by line, so a field on the next line does
    # not join the name.
    joined = _WRAPPED_HYPHEN.sub("-", " ".join(shown)[:_TITLE_CHARS])
    m = _EN_BODY_LISTED.search(joined) or _BODY_IN_TITLE.search(joined)
    body = _OWNER.sub("", m["en"]) if m and m["en"] else None
    if body is None and (m := _BODY_IN_TITLE.search("\n".join(shown[:6]))):
        body = m["nb"]
    if body is None:
        body = _titled(lines, end)
    if body and len(body.split()) <= _MAX_BODY_WORDS:
        return body.strip()
    return None


def _titled(lines: list[Line], end: int) -> str | None:
    """The body a document's first heading names around its meeting or minutes word."""
    first = next((ln.text.strip() for ln in lines[:end] if ln.heading and ln.text.strip()), None)
    if not first:
        return None
    m = _NAME_AFTER.match(first) or _NAME_BEFORE.match(first)
    if not m or m["body"].casefold() in _NO_BODY or _MEETING_WORD.search(m["body"]):
        return None
    body = m["body"]
    if _GENITIVE_BODY.search(body):  # «Divisionsstämmans möte»: the body is Divisionsstämman
        body = body[:-1]
    return body


def _date_from_text(
    header: Header, lines: list[Line], header_end: int, treated: tuple[str, date, int] | None
) -> None:
    zone = header_end if header_end > 0 else min(len(lines), _PROSE_LINES)
    found = _title_date(lines, zone)
    source = "title"
    if found is None:
        found, source = _prose_date(lines, zone), "text"
    if found is None and treated is not None:
        found = treated[1], treated[2]
    if found is not None:
        header.meeting_date, header.date_line = found
        header.date_source = source
        header.found.setdefault("date", found[1])
        if header.starts is None:
            text = " ".join(x.text for x in lines[found[1] : found[1] + 3])
            header.starts, ends = find_time_range(text)
            header.ends = header.ends or ends
