"""Where a meeting's items begin and end, whatever the layout.

Two sources of structure, the better one wins:
- the headings the source format marked (Markdown, HTML, Word, LaTeX, Typst): a tree in
  which a heading is an item, a container of items (no text of its own: "## Saksbehandling",
  "## Sak 5 Søknader" over "### 5.1 …"), a part of its item ("Vedtak", "Beslut") or about the
  meeting ("Til stede", "Agenda", "Action items");
- heading patterns in the text (data: `PATTERNS`): "PS 12/24 …", "Sak 3 …", "Item 4: …",
  "§ 5 …", "1. TITLE", a "2023.30" block with its kind labels, a table's case-number rows.

An agenda list (Saksliste) names the items again: each number is one item, placed where it
is treated (the occurrence with a body), titled by its fullest occurrence; notes written as a
list give its entries their text (list_treatments.py). Page furniture ("Side 3 av 12", a lone
page number) and "<utvalg>s behandling av sak 1/2026 i møte den …" lines are never items.
Lettered sub-items that each decide are items (lettered_items.py), and so is an item named
only where it is deferred or withdrawn (named_items.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .dates import find_dates
from .decisions import find_decision
from .formats import numbered, table
from .formats.common import RawCase, RawMinutes
from .labels import HEADER_LABELS
from .lettered_items import split_lettered
from .list_treatments import list_treatments
from .model import CaseStatus, Line
from .named_items import items_named_in_outcomes

# Page headers and footers a PDF leaves in the text.
FURNITURE = re.compile(
    r"^\s*(?:(?:side|page|sida)\s+\d{1,3}(?:\s*(?:av|of|/)\s*\d{1,3})?|\**\d{1,3}\**|"
    r"-\s*\d{1,3}\s*-|\d{1,3}\s*(?:av|of|/)\s*\d{1,3})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ItemPattern:
    name: str
    regex: re.Pattern[str]
    strong: bool  # names itself an item ("Sak", "PS", "Item", "§"): one is enough


def _pattern(name: str, regex: str, strong: bool = True) -> ItemPattern:
    return ItemPattern(name, re.compile(regex, re.IGNORECASE), strong)


_SEP = r"\s*[:.\-–—)]?\s*"
PATTERNS: tuple[ItemPattern, ...] = (
    # Norwegian municipal item types: politisk sak, referatsak, orienteringssak, forespørsel…
    _pattern("prefixed", r"^\s*(?P<number>(?:PS|RS|OS|FO|DS|ES|MS|KS|US)\s*\d{1,4}/\d{2,4})\b"
             + _SEP + r"(?P<title>.*)$"),
    _pattern("sak", r"^\s*(?:Sak|Saksnr\.?|Sak\s+nr\.?|Case|Ärende)\s*"
             r"(?P<number>\d{1,4}(?:[/.-]\d{1,4})?[a-z]?)(?![\d/.,]\d)" + _SEP + r"(?P<title>.*)$"),
    _pattern("item", r"^\s*(?:Agenda\s+)?Item\s*(?:No\.?\s*)?"
             r"(?P<number>\d{1,3}(?:[/.]\d{1,4})?[a-z]?)(?![\d/])" + _SEP + r"(?P<title>.*)$"),
    _pattern("paragraph", r"^\s*§\s*(?P<number>\d{1,3}[a-z]?)(?![\d])" + _SEP + r"(?P<title>.*)$"),
    # "1. ADOPTION OF MINUTES", "1)", "1.ADOPTION", "5.3b - Prosjektstøtte", "1." alone
    # (a space alone after the number only for "3.1 Title": "12 members came" is a sentence)
    _pattern("numbered", r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})?[a-z]?)(?!\d)"
             r"(?P<sep>[.):]\s*|\s+[-–]\s+|\s+)(?P<title>.*)$", strong=False),
)  # fmt: skip
# Headings about the meeting, not items (their lists are header fields, the agenda, tasks).
META_HEADINGS = re.compile(
    r"^\s*(?:agenda|dagsorden|saksliste|sakliste|sakliste\s+og\s+innkalling|innkalling|"
    r"til\s+stede|tilstede|ikke\s+til\s+stede|ikkje\s+til\s+stades|deltakere|deltagere|"
    r"forfall|present|attendees(?:\s+(?:present|absent))?|attendance|apologies|absent|"
    r"members\s+present|board\s+members|"
    r"närvarande|frånvarande|action\s+items?|actions|next\s+steps|decisions|beslut\s+i\s+korthet|"
    r"aksjonspunkter|oppfølgingspunkter|oppgaver|recording|video|links|lenker|"
    r"date,?\s+time\s+and\s+location|meeting\s+details|summary|sammendrag|"
    r"referent|møteleder|chair|minutes|notes|referat|signaturer|signatures|underskrifter|"
    r"justering|protokolljustering|møtet\s+ble\s+avlyst|møtet\s+er\s+avlyst|avlyst|"
    r"meeting\s+cancell?ed|cancell?ed|mötet\s+är\s+inställt|inställt)\s*[:.!]?\s*$",
    re.IGNORECASE,
)
# A heading that is a header field's label ("Plats", "Tid", "Datum") is about the meeting.
# ("Neste møte" / "Nästa möte" is often an agenda item of its own, so not those.)
_FIELD_HEADING = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(s) for f, v in HEADER_LABELS.items() if f != "next" for s in v)
    + r")\s*:?\s*$",
    re.IGNORECASE,
)
# Sub-headings that say who reports ("Ordförande", "Kassör"): parts of a report item.
REPORTER_HEADINGS = re.compile(
    r"^\s*(?:(?i:(?:vice\s+)?(?:ordförande|ordfører|leder|leiar|nestleder|styreleder|chair|"
    r"chairperson|president)|kassör|kasserer|treasurer|sekreterare|sekretær|secretary|"
    r"husansvarig|styrelseövergripande)|[A-ZÆØÅÄÖ]{2,5})\s*:?\s*$"
)
# Headings over a group of items: their children are the items, whatever text they have.
CONTAINER_HEADINGS = re.compile(
    r"^\s*(?:(?:ongoing|new|old|unfinished)\s+business|proceedings|notes|minutes|meeting\s+notes|"
    r"saksbehandling|saksgrunnlag(?:\s+og\s+referat)?|referat|behandlede\s+saker|saker|"
    r"orienteringssaker|vedtakssaker|beslutningssaker|drøftingssaker|discussion\s+items|"
    r"agenda\s+items|items|beslutsärenden|beslutspunkter|diskussionspunkter|diskussioner|"
    r"diskussionsärenden|informationsärenden|formalia|primary|secondary)\s*:?\s*$",
    re.IGNORECASE,
)
# Headings that are a part of their item: its decision, proposal, treatment or vote.
ROLE_HEADINGS = re.compile(
    r"^\s*(?:vedtak|vedtak\s+i\s+.{2,40}|.{2,40}s\s+vedtak|innstilling|.{2,40}innstilling|"
    r"forslag(?:\s+til\s+vedtak)?|behandling|votering|avstemming|konklusjon|beslutning|"
    r"beslut|förslag(?:\s+till\s+beslut)?|diskussion|diskusjon|drøfting|"
    r"decision|resolution|resolved|outcome|proposal|recommendation|discussion|vote|voting|"
    r"for|mot|avholdende|against|abstentions?|in\s+favou?r|attsatser|åtagande|"
    r"bakgrunn|background|saksopplysninger|vurdering)\s*:?\s*$",
    re.IGNORECASE,
)
# "<Utvalg>s behandling av sak 1/2026 i møte den 29.01.2026:"
TREATED_LINE = re.compile(r"\bbehandling\s+av\s+sak\s+\S+\s+i\s+møte\b", re.IGNORECASE)
_ANCHOR = re.compile(r"\s*\{#[\w-]+\}\s*$")  # Markdown "{#soknad-1}"
# A title that goes on on the next line: it ends in a dash, a comma or a small word.
_TITLE_GOES_ON = re.compile(
    r"(?:[-–,(]|\b(?:og|i|om|til|for|av|på|med|fra|and|of|the|to|in|on|for|och|till|från))$",
    re.IGNORECASE,
)
_MAX_TITLE = 240
# What follows a number that is named in running text, not a heading: ", PS 5/26 og …"
_REFERENCE_LIST = re.compile(r"^\s*(?:[,;&]|og\b|and\b|och\b|-\s*\d)")


@dataclass(slots=True)
class _Candidate:
    index: int  # line index of the heading
    number: str | None
    title: str
    title_end: int  # index of the first line after the title
    level: int = 0  # heading level, when the source marked one
    order: int = -1  # where it is first named (an agenda list): items keep that order
    # A marked heading's section ends at the next heading of its level or above: what
    # follows ("## Decisions", "## Action items" after the last item) is not its text.
    end: int | None = None


def _clean_title(title: str) -> str:
    title = _ANCHOR.sub("", title.replace("\xad", ""))
    return re.sub(r"\s+", " ", title).strip(" \t:.-–*#").strip()


def _match(pattern: ItemPattern, text: str) -> re.Match[str] | None:
    m = pattern.regex.match(text)
    if m and "sep" in m.groupdict() and not m["sep"].strip() and "." not in m["number"]:
        return None
    return m


def _number_and_title(text: str) -> tuple[str | None, str]:
    """ "Sak 5 Søknader" -> ("5", "Søknader"); "3. Utestående" -> ("3", …); a title alone."""
    for pattern in PATTERNS:
        m = _match(pattern, text)
        if m:
            return re.sub(r"\s+", " ", m["number"]).strip(), m["title"]
    return None, text


def _furniture(lines: list[Line]) -> set[int]:
    return {i for i, line in enumerate(lines) if line.text.strip() and FURNITURE.match(line.text)}


# ---- headings the source marked -------------------------------------------------------------


def _own_lines(lines: list[Line], start: int, end: int, skip: set[int]) -> int:
    return sum(1 for i in range(start, end) if i not in skip and lines[i].text.strip())


def _decides(lines: list[Line], start: int, end: int) -> bool:
    """Does this stretch record an outcome (a decision, a vote, a rejection)?"""
    status = find_decision("\n".join(line.text for line in lines[start:end])).status
    return status in (CaseStatus.DECIDED, CaseStatus.REJECTED, CaseStatus.POSTPONED)


def _is_heading(lines: list[Line], i: int, skip: set[int]) -> bool:
    """A heading the format marked that reads as one. A PDF converted to Markdown turns the
    last line of each page into a heading over its "---" rule, with the page number next:
    those, and headings that read as a sentence's tail, are not."""
    line = lines[i]
    text = line.text.strip().rstrip("”\"'’)").lstrip("“\"'‘«([")
    if not line.heading or not text or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.endswith((".", ",", ";")) and len(text.split()) >= 4:
        return False
    following = next(
        (k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].text.strip()), None
    )
    return following is None or following not in skip or not FURNITURE.match(lines[following].text)


_TITLE_WORDS = re.compile(
    r"(?:møte|möte|meeting|minutes|referat|protokoll|notes|mødet|sammanträde)", re.IGNORECASE
)
_ITEM_OF_MEETING = re.compile(
    r"\b(?:av|of|för|for|till|to|om|på|at)\s+(?:\w+\s+)?(?:møte|möte|meeting|mötet|møtet)",
    re.IGNORECASE,
)


def _reads_as_title(text: str) -> bool:
    if find_dates(text):
        return True
    return bool(_TITLE_WORDS.search(text)) and not _ITEM_OF_MEETING.search(text)


def _heading_items(lines: list[Line], skip: set[int]) -> list[_Candidate]:
    """Items from the tree of headings (see the module's text)."""
    heads = [i for i in range(len(lines)) if _is_heading(lines, i, skip)]
    if len(heads) < 2:
        return []
    first = heads[0]
    top = [i for i in heads if lines[i].heading == lines[first].heading]
    # The document's title: its first heading, when nothing else is at its level or it
    # reads as a title ("Styrelsemöte 3", "Minutes of …", a date) — not "Öppnande av möte".
    first_level1 = first if len(top) == 1 or _reads_as_title(lines[first].text) else None

    def end_of(k: int) -> int:
        level = lines[heads[k]].heading
        for j in heads[k + 1 :]:
            if lines[j].heading <= level:
                return j
        return len(lines)

    def section_end(k: int) -> int:
        """Where an item's text ends: at the next heading of its level or above that is not
        one of its parts ("Beslut" is often set at the item's own level)."""
        level = lines[heads[k]].heading
        for j in heads[k + 1 :]:
            if lines[j].heading <= level and not ROLE_HEADINGS.match(lines[j].text):
                return j
        return len(lines)

    def children(k: int, stop: int) -> list[int]:
        level = lines[heads[k]].heading
        kids = [j for j in range(k + 1, len(heads)) if heads[j] < stop]
        if not kids:
            return []
        top = min(lines[heads[j]].heading for j in kids)
        return [j for j in kids if lines[heads[j]].heading == top and top > level]

    found: list[_Candidate] = []
    top_level = min(lines[i].heading for i in heads)

    def item_kids(k: int, stop: int) -> list[int]:
        return [j for j in children(k, stop) if not ROLE_HEADINGS.match(lines[heads[j]].text)]

    def visit(k: int, grouped: bool = False) -> None:
        """`grouped`: the heading stands among items under a heading that groups them (not
        the document's title)."""
        index = heads[k]
        text = lines[index].text.strip()
        stop = end_of(k)
        number, title = _number_and_title(text)
        kids = item_kids(k, stop)
        if ROLE_HEADINGS.match(text):
            for j in kids:  # "# Diskussion" over topics: a group; under an item: a part
                visit(j, True)
            return
        if CONTAINER_HEADINGS.match(text) and not kids:
            return  # "# Beslutsärenden" with nothing under it
        # A field's label ("Plats", "Sekretær") is about the meeting near the top of the
        # tree; among the items of a group it names an item ("### Sekretær" under "## Valg").
        field = _FIELD_HEADING.match(text) and lines[index].heading <= top_level + 1 and not grouped
        if (META_HEADINGS.match(text) or field) and not number:
            # "## Notes" over the items: a container; "## Agenda", "## Til stede": not items
            if kids and not _own_lines(lines, index + 1, heads[kids[0]], skip):
                for j in kids:
                    visit(j, True)
            return
        if kids and _is_container(k, kids, number):
            for j in kids:
                visit(j, index != first_level1)
            return
        if index == first_level1 and not kids and _reads_as_title(text):
            return
        level = lines[index].heading
        end = section_end(k)
        candidate = _Candidate(index, number, _clean_title(title), index + 1, level, end=end)
        found.append(candidate)

    def _is_container(k: int, kids: list[int], number: str | None) -> bool:
        """Its children are the items (not parts of it)."""
        index = heads[k]
        text = lines[index].text.strip()
        if index == first_level1 or CONTAINER_HEADINGS.match(text):
            return True
        own = _own_lines(lines, index + 1, heads[kids[0]], skip)

        def decided() -> int:  # reading every child's outcome costs: only when it matters
            return sum(_decides(lines, heads[j] + 1, end_of(j)) for j in kids)

        if number:  # a numbered item: its sub-headings are its parts, unless each decides
            numbers = [_number_and_title(lines[heads[j]].text.strip())[0] for j in kids]
            if all(n and n.startswith(number.rstrip(".") + ".") for n in numbers):
                return own == 0 or decided() >= 2
            if not any(numbers):
                return False
        if all(REPORTER_HEADINGS.match(lines[heads[j]].text) for j in kids):
            return False  # "Rapporter" over "Ordförande", "Kassör": one report item
        if own == 0:
            return len(kids) >= 2  # one sub-heading under a heading: a part of its item
        return len(kids) >= 2 and (own <= 2 or decided() >= 2)

    for k, index in enumerate(heads):
        if lines[index].heading == top_level:
            visit(k)
    return found


# ---- heading patterns in the text -----------------------------------------------------------


def _title_end(lines: list[Line], start: int, title: str, stops: set[int]) -> tuple[str, int]:
    """The title and where it ends: "1." alone takes the next line; a wrapped title goes on
    while it ends in a dash or a small word and the next line is not something else."""
    j = start + 1
    if not title.strip():
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j < len(lines) and j not in stops and len(lines[j].text.strip()) <= _MAX_TITLE:
            title, j = lines[j].text.strip(), j + 1
    while (
        j < len(lines)
        and j not in stops
        and _TITLE_GOES_ON.search(title.strip())
        and lines[j].text.strip()
        and not TREATED_LINE.search(lines[j].text)
        and len(title) < _MAX_TITLE
    ):
        title, j = f"{title.strip()} {lines[j].text.strip()}", j + 1
    return title, j


def _pattern_candidates(
    lines: list[Line], pattern: ItemPattern, skip: set[int]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for i, line in enumerate(lines):
        if i in skip:
            continue
        m = _match(pattern, line.text)
        if not m or TREATED_LINE.search(line.text):
            continue
        title = m["title"]
        if not pattern.strong and not _looks_like_heading(line, title):
            continue
        if len(title) > _MAX_TITLE or _REFERENCE_LIST.match(title):
            continue
        found.append(_Candidate(i, re.sub(r"\s+", " ", m["number"]), title, i + 1))
    starts = {c.index for c in found}
    for c in found:
        title, c.title_end = _title_end(lines, c.index, c.title, starts)
        c.title = _clean_title(title)
    return found


def _looks_like_heading(line: Line, title: str) -> bool:
    """A numbered line that is a heading, not a list item in running text: marked (heading,
    bold), or alone ("1."), or short and set like a title (capitals, no full stop)."""
    if line.heading or line.bold:
        return True
    title = title.strip()
    if not title:
        return True
    if len(title) > 120 or title.endswith((".", ";", ",")):
        return False
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and (title[0].isupper() or title[0].isdigit())


def _dedupe(candidates: list[_Candidate], lines: list[Line], skip: set[int]) -> list[_Candidate]:
    """One item per number: placed at the occurrence with the most body, titled by the fullest
    occurrence. Runs of bodiless candidates of which none comes again are a list of
    references ("Sak 2023.31: Presentasjon"), not items, unless nothing else is."""
    if not candidates:
        return []
    bodies = []
    for k, c in enumerate(candidates):
        end = candidates[k + 1].index if k + 1 < len(candidates) else len(lines)
        bodies.append(
            sum(1 for i in range(c.title_end, end) if i not in skip and lines[i].text.strip())
        )
    by_number: dict[str, list[int]] = {}
    for k, c in enumerate(candidates):
        if c.number:
            by_number.setdefault(c.number.upper().replace(" ", ""), []).append(k)
    keep: list[int] = []
    for k, c in enumerate(candidates):
        if not c.number:
            keep.append(k)
            continue
        same = by_number[c.number.upper().replace(" ", "")]
        best = max(same, key=lambda x: (bodies[x], x))
        if k == best:
            titles = [candidates[x].title for x in same]
            c.title = max(titles, key=len)
            c.order = candidates[same[0]].index
            keep.append(k)
    result = [candidates[k] for k in keep]
    repeated = {key for key, ks in by_number.items() if len(ks) > 1}
    has_body = [bodies[k] > 0 for k in keep]
    if any(has_body) and not repeated:
        # bodiless ones in a run with others that are also bodiless: a reference list
        drop = set()
        for n, k in enumerate(keep):
            if bodies[k] == 0:
                neighbours = [keep[m] for m in (n - 1, n + 1) if 0 <= m < len(keep)]
                if any(bodies[x] == 0 for x in neighbours):
                    drop.add(k)
        result = [candidates[k] for k in keep if k not in drop]
    return result


def _sequence_score(candidates: list[_Candidate]) -> int:
    """How many numbered candidates follow on from the one before (1, 2, 3 … or 5.1, 5.2)."""
    score = 0
    previous: tuple[int, ...] | None = None
    for c in candidates:
        digits = tuple(int(x) for x in re.findall(r"\d+", c.number or ""))
        if previous is not None and digits and digits > previous:
            score += 1
        previous = digits or previous
    return score


# ---- the agenda list ------------------------------------------------------------------------

AGENDA_HEAD = re.compile(r"^\s*(?:agenda|dagsorden|saksliste|sakliste|föredragningslista)\b", re.I)
_LIST_ENTRY = re.compile(r"^(?P<indent>\s*)(?:[-*•+]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
_SIMILAR = 70  # token_set_ratio of an agenda entry and a heading that treats it


def _agenda(lines: list[Line]) -> list[_Candidate]:
    """The entries of an agenda written as a list under an "Agenda" heading or label, one
    item each (sub-entries belong to the entry above)."""
    for i, line in enumerate(lines):
        if not AGENDA_HEAD.match(line.text) or len(line.text) > 80:
            continue
        entries: list[_Candidate] = []
        indent: int | None = None
        other = 0  # lines before the list that are not entries (a sub-title, a column head)
        for j in range(i + 1, len(lines)):
            text = lines[j].text
            if lines[j].heading:
                break
            m = _LIST_ENTRY.match(text)
            if not m:
                other += bool(text.strip())
                if (text.strip() and entries) or other > 2:
                    break
                continue
            depth = len(m["indent"].expandtabs(4))
            indent = depth if indent is None else indent
            if depth > indent:
                continue
            number, title = _number_and_title(text.strip().lstrip("-*•+ "))
            entries.append(_Candidate(j, number, _clean_title(title), j + 1))
        if len(entries) >= 2:
            return entries
    return []


def _treated_as(entry: _Candidate, tree: list[_Candidate]) -> _Candidate | None:
    best = max(tree, key=lambda c: fuzz.token_set_ratio(entry.title, c.title), default=None)
    if best is not None and fuzz.token_set_ratio(entry.title, best.title) >= _SIMILAR:
        return best
    return None


def _name_by_agenda(agenda: list[_Candidate], tree: list[_Candidate]) -> None:
    """When the notes' headings follow the agenda one for one (as many, and every heading
    that resembles an entry is the one at its place), a heading that names its item
    otherwise ("User Story Prioritization" for "Top 5 Priorities for CVE Services
    development") takes the agenda's name: the one the members know it by."""
    if len(agenda) < 2 or len(agenda) != len(tree):
        return
    treated = [_treated_as(entry, tree) for entry in agenda]
    if not any(treated) or any(t not in (None, c) for t, c in zip(treated, tree, strict=True)):
        return
    for entry, heading, match in zip(agenda, tree, treated, strict=True):
        if match is None and entry.title:
            heading.title = entry.title


def _from_agenda(
    agenda: list[_Candidate], tree: list[_Candidate], lines: list[Line], skip: set[int]
) -> list[RawCase] | None:
    """Items from the agenda list when the notes' headings do not follow it (talks and
    topics under headings of their own): each entry with the section of the heading that
    treats it, when one does."""
    if len(agenda) < 2:
        return None
    treated = [_treated_as(entry, tree) for entry in agenda]
    if len(tree) >= 2 and sum(t is not None for t in treated) * 2 >= len(agenda):
        return None
    sections = {id(c): case for c, case in zip(tree, _to_raw(tree, lines, skip), strict=True)}
    # Notes written as a list rather than under headings: the list line that names the entry.
    taken = {i for c in tree if any(c is t for t in treated) for i in _span(c, tree, lines)}
    listed = list_treatments(
        [e.title for e in agenda], lines, _after_agenda(agenda, lines), skip | taken
    )
    cases = []
    for entry, heading, in_list in zip(agenda, treated, listed, strict=True):
        body = sections[id(heading)].body if heading is not None else in_list or []
        cases.append(RawCase(entry.number, entry.title, body, lines[entry.index]))
    return cases


def _span(c: _Candidate, candidates: list[_Candidate], lines: list[Line]) -> range:
    """The lines of a candidate's section, as _to_raw reads them."""
    later = [x.index for x in candidates if x.index > c.index]
    end = min([*later, len(lines)] + ([c.end] if c.end is not None else []))
    return range(c.index, end)


def _after_agenda(agenda: list[_Candidate], lines: list[Line]) -> int:
    """Where the notes begin: the first heading after the agenda list, else the first line
    after it that is not part of it."""
    last = agenda[-1].index
    for i in range(last + 1, len(lines)):
        if lines[i].heading:
            return i
    i = last + 1
    while i < len(lines) and (lines[i].text[:1].isspace() or _LIST_ENTRY.match(lines[i].text)):
        i += 1
    return i


# ---- choosing -------------------------------------------------------------------------------


def _to_raw(candidates: list[_Candidate], lines: list[Line], skip: set[int]) -> list[RawCase]:
    """Each item with its body (up to the next one's heading), in the order the document
    first names them."""
    cases = []
    for k, c in enumerate(candidates):
        end = candidates[k + 1].index if k + 1 < len(candidates) else len(lines)
        if c.end is not None:
            end = min(end, c.end)
        body = [
            lines[i]
            for i in range(c.title_end, end)
            if i not in skip and not TREATED_LINE.search(lines[i].text)
        ]
        cases.append(RawCase(c.number, c.title, body, lines[c.index]))
    order = [c.order if c.order >= 0 else c.index for c in candidates]
    return [case for _, case in sorted(zip(order, cases, strict=True), key=lambda x: x[0])]


def _with_bodies(candidates: Iterable[_Candidate], lines: list[Line], skip: set[int]) -> int:
    found = list(candidates)
    count = 0
    for k, c in enumerate(found):
        end = found[k + 1].index if k + 1 < len(found) else len(lines)
        count += any(lines[i].text.strip() for i in range(c.title_end, end) if i not in skip)
    return count


def find_items(lines: list[Line], consumed: set[int] | None = None) -> RawMinutes:
    """The items of a document and where its header ends."""
    skip = _furniture(lines) | (consumed or set())
    if table.header_row(lines) is not None:
        raw = table.parse(lines, skip)
        if raw.cases:
            return raw
    options: list[tuple[int, int, str, list[_Candidate]]] = []
    blocks = numbered.headings(lines)
    if len(blocks) >= 2:
        raw = numbered.parse(lines, skip)
        return raw
    tree = _heading_items(lines, skip)
    agenda = _agenda(lines)
    if (listed := _from_agenda(agenda, tree, lines, skip)) is not None:
        return RawMinutes(listed, header_end=agenda[0].index)
    if len(tree) >= 2:
        # The format's own structure; numbers in the headings are read from them.
        _name_by_agenda(agenda, tree)
        cases = items_named_in_outcomes(split_lettered(_to_raw(tree, lines, skip)))
        return RawMinutes(cases, header_end=tree[0].index)
    if tree:
        options.append((_with_bodies(tree, lines, skip), 2, "headings", tree))
    for rank, pattern in enumerate(PATTERNS):
        found = _dedupe(_pattern_candidates(lines, pattern, skip), lines, skip)
        if not found:
            continue
        if not pattern.strong and (len(found) < 2 or _sequence_score(found) < len(found) // 2):
            continue
        bonus = 3 if pattern.strong else 0
        options.append((_with_bodies(found, lines, skip) + bonus, -rank, pattern.name, found))
    if not options:
        return RawMinutes([], len(lines))
    _, _, _name, chosen = max(options, key=lambda o: (o[0], o[1]))
    cases = items_named_in_outcomes(split_lettered(_to_raw(chosen, lines, skip)))
    return RawMinutes(cases=cases, header_end=chosen[0].index if chosen else len(lines))
