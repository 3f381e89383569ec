"""A case paper: "Forslag til vedtak" (or "Innstilling") and its background, no meeting held yet."""

from __future__ import annotations

import re

from ..model import Line
from ..names import BODY_WORD
from .common import RawCase

# "Forslag til vedtak:", "Kommunedirektørens forslag til vedtak i administrasjonsutvalget:",
# "Rådmannens innstilling", "Tilråding:" — a heading line, nothing after it.
PROPOSAL_HEADING = re.compile(
    r"^\s*(?:(?:Rådmannens|Kommunedirektørens|Kommunedirektørens|Administrasjonens|"
    r"Daglig leders|Styreleders)\s+)?(?:forslag\s+til\s+vedtak|innstilling|tilråding|tilrådning)"
    r"(?:\s+(?:i|til)\s+[^:]{2,60})?\s*:?\s*$",
    re.IGNORECASE,
)
# Lines of a case paper's head that are not its title.
_HEAD_WORDS = re.compile(
    r"^\s*(?:saksframlegg|saksfremlegg|saksgang|utvalg|utvalgssak|møtedato|vedlegg|"
    r"arkivsaksnr|arkivsak|saksbehandler|saksnr|journalpost|dato|arkiv|\d+)\b",
    re.IGNORECASE,
)
_CASE_NUMBER = re.compile(r"^\s*(?:Sak|Saksnr\.?)\s*:?\s*(?P<n>\d{1,3}/\d{2,4}|\d{4}\.\d{1,3})\b")
_SECTION = re.compile(
    r"^\s*(?P<title>(?:Forslag til|Bakgrunn|Saksopplysninger|Vurdering)\b.*?)\s*$"
)


# The committees a case paper goes to, under "Saksgang" (its first is the one it is for):
# "Arbeidsmiljøutvalget", or a row "Formannskapet   12.03.2024   12/24".
_ROUTE = re.compile(r"^\s*saksgang\b", re.IGNORECASE)
_ROUTE_LINES = 8
_ROUTE_COLUMNS = frozenset({"utvalg", "utval", "styre", "organ"})  # the column's head
_BODY_CELL = re.compile(r"^(?:[\w-]+\s+){0,4}[\w-]*" + BODY_WORD + r"$", re.IGNORECASE)


def first_body(lines: list[Line]) -> str | None:
    """The committee a case paper is written for, from its route ("Saksgang")."""
    head = [line.text.strip() for line in lines[:40] if line.text.strip()]
    at = next((k for k, text in enumerate(head) if _ROUTE.match(text)), None)
    if at is None:
        return None
    for text in head[at + 1 : at + 1 + _ROUTE_LINES]:
        cell = re.split(r"\t|\s{2,}", text)[0].strip()
        if _BODY_CELL.match(cell) and cell.casefold() not in _ROUTE_COLUMNS:
            return cell
    return None


def is_case_paper(lines: list[Line]) -> bool:
    return any(PROPOSAL_HEADING.match(line.text) for line in lines)


def parse(lines: list[Line]) -> RawCase:
    """One proposed case. Its title: a "Forslag til …" heading other than the proposal
    itself, else the proposal's first sentence."""
    start = next(i for i, line in enumerate(lines) if PROPOSAL_HEADING.match(line.text))
    number = next((m["n"] for line in lines if (m := _CASE_NUMBER.match(line.text))), None)
    title = ""
    for line in lines[start + 1 :]:
        m = _SECTION.match(line.text)
        if m and m["title"].lower().startswith("forslag til") and len(m["title"]) < 90:
            title = m["title"]
            break
    if not title:  # the paper's title stands above the proposal, under its head fields
        heads = [x.text.strip() for x in lines[:start] if x.text.strip()]
        titled = [t for t in heads if len(t.split()) >= 2 and not _HEAD_WORDS.match(t)]
        title = titled[0] if titled else ""
    # The proposal runs from its heading to the next section heading ("Bakgrunn").
    body = [Line("Forslag til vedtak:", lines[start].number, lines[start].page)]
    body += lines[start + 1 :]
    if not title:
        first = " ".join(
            line.text.strip() for line in lines[start + 1 : start + 6] if line.text.strip()
        )
        title = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].rstrip(".")[:120]
    return RawCase(number, title, body, lines[start])
