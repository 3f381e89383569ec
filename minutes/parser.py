"""Minutes text -> meeting, cases, decisions, action items, announced meetings.

Each layout the councils use has its own small module in `formats/`; this module picks the
layout, reads the labelled header, and does what is common: links, margin names, decisions,
action items and the next meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .actions import find_action_sentences
from .body import split_links, split_margin_names
from .dates import find_dates, parse_deadline
from .decisions import find_decision, sentences, tidy
from .errors import UnreadableDocument
from .formats import action_plan, case_paper
from .formats.common import RawCase, RawMinutes
from .header import Header, parse_header
from .items import find_items
from .listed_decisions import attach_listed, listed_decisions
from .model import (
    AssigneeKind,
    CommitteeRef,
    DocumentKind,
    DocumentText,
    Line,
    ParsedCase,
    ParsedMinutes,
    ParsedTask,
)
from .names import (
    GROUPS,
    committee_by_short_name,
    find_committee,
    group_short_name,
    is_organisation,
    looks_like_name,
    normalise_space,
)
from .planned import find_planned_meetings
from .storable_text import clean_text, is_storable

# Minutes treat tens of cases, a year's register a few hundred; storing and indexing each
# costs, so a document with more is refused rather than taking minutes (252,189 once).
MAX_CASES = 2_000
_PROTOCOL_OPENING = 6  # non-blank lines a case protocol's "behandling av sak" line stands in
_OPENING_LINES = 25  # how far into a document its title (and committee) may stand
_TRAILING_HEADINGS = re.compile(r"^\s*(?:Eventuelt|Vedlegg)\s*:?\s*$", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# A deadline inside an action sentence: "… innen 15. november", "frist 24.10".
# The word a deadline opens with ("innen 5. desember", "by Friday", "senaste den 4/12").
_DUE_MARKER = re.compile(
    r"^\s*(?:innen|senest|seinast|frist|før|by|before|until|no later than|senaste|till|"
    r"innan)\b(?:\s+den\b)?",
    re.IGNORECASE,
)
_BY_NEXT_MEETING = re.compile(r"\b(?:før|til|innen|i)\s+neste\s+møte\b", re.I)
_ISO_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")
_TREATED_SAK = re.compile(
    r"\bbehandling\s+av\s+sak\s+(?P<number>\d{1,4}/\d{2,4})\s+i\s+møte\b", re.I
)


@dataclass(frozen=True, slots=True)
class ParseOptions:
    committee: CommitteeRef | None = None  # overrides what the document says
    # The file's name: its date is the meeting's when the text gives none (with a note).
    source_name: str | None = None


def _clean(lines: list[Line]) -> list[Line]:
    """No-break spaces as spaces; what cannot be stored (NUL, lone surrogates) cleaned here,
    before any reader or parser sees it (storable_text.py)."""
    # One look at the whole text for what most documents lack, instead of one per line.
    whole = "\n".join(line.text for line in lines)
    plain = is_storable(whole) and "\xa0" not in whole
    cleaned = []
    for line in lines:
        text = (line.text if plain else clean_text(line.text).replace("\xa0", " ")).rstrip()
        cleaned.append(line if text == line.text else _with_text(line, text))  # mostly clean
    return cleaned


def _with_text(line: Line, text: str) -> Line:
    """replace(line, text=text), made directly: dataclasses.replace costs twice as much."""
    return Line(text, line.number, line.page, line.heading, line.bold)


def _opening(lines: list[Line]) -> str:
    shown = [line.text for line in lines if line.text.strip()][:_OPENING_LINES]
    return _TAG.sub(" ", " ".join(shown))


def parse_minutes(doc: DocumentText, options: ParseOptions | None = None) -> ParsedMinutes:
    options = options or ParseOptions()
    lines = _clean(doc.lines)
    committee = options.committee or find_committee(_opening(lines))

    if action_plan.is_action_plan(lines):
        return ParsedMinutes(
            kind=DocumentKind.ACTION_PLAN,
            committee=options.committee,
            tasks=action_plan.parse(lines),
            notes=["action plan: no meeting date"],
        )

    raw = _case_protocol(lines) or find_items(lines)
    if len(raw.cases) > MAX_CASES:
        raise UnreadableDocument(
            f"too many cases: {len(raw.cases):,} in one document; the limit is {MAX_CASES:,}"
        )
    if not raw.cases and case_paper.is_case_paper(lines):
        if committee is None and (routed := case_paper.first_body(lines)):
            committee = find_committee(routed) or CommitteeRef(name=_as_name(routed))
        return _case_paper(lines, committee)
    heads = {(case.heading.page, case.heading.number) for case in raw.cases}
    item_heads = frozenset(i for i, line in enumerate(lines) if (line.page, line.number) in heads)
    header = parse_header(lines, raw.header_end, item_heads)
    named = _date_in_name(options.source_name) if header.meeting_date is None else None
    if named is not None:
        header.meeting_date, header.date_source = named, "file name"
    minutes = _minutes(lines, header, raw, committee)
    if named is not None:
        minutes.notes.append("meeting date taken from the file name: the text gives none")
    if not raw.cases:
        minutes.notes.append("no case headings found")
    return minutes


def _date_in_name(name: str | None) -> date | None:
    """ "2016-04-01-fu-mote.md", "referat 07.03.2023.docx" -> the date."""
    if not name:
        return None
    stem = name.rsplit(".", 1)[0]
    if m := _ISO_IN_NAME.search(stem):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    dates = find_dates(re.sub(r"[_\s]+", " ", stem))
    return dates[0].date if dates else None


def _case_protocol(lines: list[Line]) -> RawMinutes | None:
    """A saksprotokoll: one case's treatment, opening with "<Utvalg>s behandling av sak
    63/2025 i møte den 17.12.2025:" — the case is that number, its title is not written.
    (A meeting's protocol repeats such a line under each of its items, further down.)"""
    opening = [i for i, line in enumerate(lines) if line.text.strip()][:_PROTOCOL_OPENING]
    for i in opening:
        m = _TREATED_SAK.search(lines[i].text)
        if m:
            body = lines[i + 1 :]
            return RawMinutes([RawCase(m["number"], "", body, lines[i])], header_end=i)
    return None


def _known_people(header: Header) -> dict[str, str]:
    """Lower-cased full names, and first names that only one person has, -> full name."""
    names = [p.name for p in (*header.participants, *header.absentees)]
    names += [m.name for g in header.groups for m in g.members]
    names += [n for n in (header.chair, header.secretary) if n and looks_like_name(n)]
    known = {normalise_space(n).lower(): normalise_space(n) for n in names}
    by_first: dict[str, set[str]] = {}
    for full in known.values():
        by_first.setdefault(full.split()[0].lower(), set()).add(full)
    for first, fulls in by_first.items():
        if len(fulls) == 1 and first not in known:
            known[first] = next(iter(fulls))
    return known


def _minutes(
    lines: list[Line], header: Header, raw: RawMinutes, committee: CommitteeRef | None
) -> ParsedMinutes:
    if committee is None and header.meeting_name:
        name = _as_name(normalise_space(header.meeting_name))
        committee = find_committee(name) or CommitteeRef(name=name)
    known = _known_people(header)
    minutes = ParsedMinutes(
        kind=DocumentKind.MINUTES,
        committee=committee,
        meeting_date=header.meeting_date,
        starts=header.starts,
        ends=header.ends,
        location=header.location,
        chair=header.chair,
        secretary=header.secretary,
        participants=header.participants,
        absentees=header.absentees,
        groups=header.groups,
        fields={name: lines[i].number for name, i in header.found.items()},
        date_source=header.date_source,
    )
    # The header's lines are not part of the case they stand in (a PDF's flattened columns).
    used = {(lines[i].page, lines[i].number) for i in header.consumed}
    finished = []
    listed = listed_decisions(lines)
    for raw_case in raw.cases:
        raw_case.body = [x for x in raw_case.body if (x.page, x.number) not in used]
        case, body = _finish_case(raw_case, known)
        minutes.cases.append(case)
        finished.append((raw_case, case, body))
    attach_listed(listed, minutes.cases)
    minutes.tasks = _document_tasks(finished, lines, header.consumed, known, header)
    if header.meeting_date is None:
        minutes.notes.append("no meeting date found")
    searchable = [_searchable(line) for i, line in enumerate(lines) if i not in header.consumed]
    minutes.planned_meetings = find_planned_meetings(
        searchable,
        header.meeting_date,
        committee.short_name if committee else None,
        header.next_meeting_text,
        lines[header.next_meeting_line].number if header.next_meeting_line is not None else None,
    )
    upcoming = minutes.next_meeting
    for task in minutes.tasks:  # "… før neste møte": due at the announced next meeting
        if upcoming and task.due_date is None and _BY_NEXT_MEETING.search(task.description):
            task.due_date, task.due_text = upcoming.date, "neste møte"
    return minutes


def _searchable(line: Line) -> Line:
    """The line as announcements are looked for in it: without tags, its place kept, its marks
    (heading, bold) not."""
    if "<" in line.text:
        return Line(_TAG.sub(" ", line.text), line.number, line.page)
    if line.heading or line.bold:
        return Line(line.text, line.number, line.page)
    return line  # already that: most lines


_SMALL_WORDS = {"and", "of", "the", "for", "og", "i", "av", "och", "för"}


def _as_name(name: str) -> str:
    """A body's name as answers show it: "JOINT POLICING COMMITTEE" -> "Joint Policing
    Committee"; "arbeidsmiljøutvalget" -> "Arbeidsmiljøutvalget"."""
    if name.isupper():
        words = name.lower().split()
        name = " ".join(
            w if w in _SMALL_WORDS and k else "-".join(p.capitalize() for p in w.split("-"))
            for k, w in enumerate(words)
        )  # "ADARE-RATHKEALE" -> "Adare-Rathkeale", as the same name in mixed case
    return name[:1].upper() + name[1:]


def _case_paper(lines: list[Line], committee: CommitteeRef | None) -> ParsedMinutes:
    raw = case_paper.parse(lines)
    header = Header()
    case, body = _finish_case(raw, {})
    tasks = _document_tasks([(raw, case, body)], lines, set(), {}, header)
    return ParsedMinutes(
        kind=DocumentKind.CASE_PAPER,
        committee=committee,
        cases=[case],
        tasks=tasks,
        notes=["case paper: no meeting date; the case is a proposal"],
    )


def _finish_case(raw: RawCase, known: dict[str, str]) -> tuple[ParsedCase, list[Line]]:
    """The case, and its body lines as read (for finding its tasks)."""
    body, links = split_links(raw.body)
    body, margin = split_margin_names(body, known)
    while body and (not body[-1].text.strip() or _TRAILING_HEADINGS.match(body[-1].text)):
        body.pop()
    text = "\n".join(line.text for line in body)
    decision = find_decision(text, raw.title)
    case = ParsedCase(
        number=raw.number,
        title=normalise_space(raw.title).rstrip(":") or "(uten tittel)",
        body=tidy(text),
        kinds=raw.kinds,
        decision=decision.decision,
        decision_label=decision.label,
        proposal=decision.proposal,
        status=decision.status,
        votes=decision.votes,
        responsible=list(dict.fromkeys([*raw.responsible, *margin])),
        links=links,
        line=raw.heading.number,
        page=raw.heading.page,
    )
    return case, body


def _due(written: str | None, meeting_date: date | None) -> tuple[date | None, str | None]:
    """A deadline as a task writes it ("innen 15. november", "by 1 December 2027") -> the
    date, and what was written without its marker word ("15. november")."""
    if not written:
        return None, None
    text = _DUE_MARKER.sub("", written).strip(" .,")
    found = find_dates(text, meeting_date, allow_day_month=meeting_date is not None)
    if found and found[0].start == 0:
        return found[0].date, text[: found[0].end].rstrip(".")
    return None, text or None


def _document_tasks(
    cases: list[tuple[RawCase, ParsedCase, list[Line]]],
    lines: list[Line],
    consumed: set[int],
    known: dict[str, str],
    header: Header,
) -> list[ParsedTask]:
    """Tasks of the whole document, found in one pass (an "Action items" section stands
    outside every item; who is a person is judged over all of it), each given to the item
    whose lines hold it; then each item's Ansvar/Frist column."""
    owner_of: dict[tuple[int | None, int], int] = {}
    for k, (raw, _case, body) in enumerate(cases):
        for line in (raw.heading, *body):
            owner_of[(line.page, line.number)] = k
    text = [line for i, line in enumerate(lines) if i not in consumed]
    per_case: list[list[ParsedTask]] = [[] for _ in cases]
    loose: list[ParsedTask] = []
    for found in find_action_sentences(text, known):
        where = text[found.line_index]
        k = owner_of.get((where.page, where.number))
        due, due_text = _due(found.due_text, header.meeting_date)
        task = ParsedTask(
            description=found.description,
            assignee=found.assignee,
            assignee_kind=_assignee_kind(found.assignee, header) if found.assignee else None,
            due_date=due,
            due_text=due_text,
            case_number=cases[k][0].number if k is not None else None,
            line=where.number,
            page=where.page,
        )
        (per_case[k] if k is not None else loose).append(task)
    tasks: list[ParsedTask] = []
    for (raw, case, _body), found_here in zip(cases, per_case, strict=True):
        tasks += found_here
        tasks += _column_tasks(raw, case, header, found_here)
    return tasks + loose


def _assignee_kind(name: str, header: Header) -> AssigneeKind:
    if group_short_name(name) or any(g.short_name == name for g in header.groups):
        return AssigneeKind.GROUP
    if is_organisation(name):
        return AssigneeKind.ORGANISATION
    if looks_like_name(name):
        return AssigneeKind.PERSON
    return AssigneeKind.ORGANISATION


def _column_tasks(
    raw: RawCase, case: ParsedCase, header: Header, already: list[ParsedTask]
) -> list[ParsedTask]:
    """Tasks from an Ansvar/Tidsfrist column. The description is the sentence of the case
    that names the assignee ("Arbeidsutvalget sender …"), else the case title. When that
    sentence was already found as the assignee's task, it gets the column's deadline."""
    tasks: list[ParsedTask] = []
    said = sentences(case.body) if raw.assignees else []
    for assignee in raw.assignees:
        kind = _assignee_kind(assignee, header)
        short = group_short_name(assignee)
        spellings = GROUPS.get(short, (assignee,)) if short else (assignee,)
        named = [re.compile(rf"\b{re.escape(sp)}\b") for sp in spellings]
        mentions = [s.lstrip("- ") for s in said if any(p.search(s) for p in named)]
        description = mentions[-1] if mentions else case.title
        due, approximate = parse_deadline(raw.deadline or "", header.meeting_date)
        same = next((t for t in already if t.assignee in (assignee, short)), None)
        if same is not None:
            if same.due_date is None and same.due_text is None:
                same.due_date, same.due_text = due, raw.deadline
                same.due_is_approximate = approximate
            continue
        tasks.append(
            ParsedTask(
                description=description,
                assignee=short or assignee,
                assignee_kind=kind,
                due_date=due,
                due_text=raw.deadline,
                due_is_approximate=approximate,
                case_number=raw.number,
                line=raw.heading.number,
                page=raw.heading.page,
            )
        )
    return tasks


__all__ = ["ParseOptions", "committee_by_short_name", "parse_minutes"]
