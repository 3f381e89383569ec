"""A case paper: "Forslag til vedtak" (or "Innstilling") and its background, no meeting held yet."""

from __future__ import annotations

import re

from ..model import Line
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
