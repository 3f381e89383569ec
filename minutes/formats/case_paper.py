"""A case paper: "Forslag til vedtak" (or "Innstilling") and its background, no meeting held yet."""

from __future__ import annotations

import re

from ..model import Line
from .common import RawCase

PROPOSAL_HEADING = re.compile(
    r"^\s*(?:Forslag til vedtak|(?:Rådmannens |Kommunedirektørens )?[Ii]nnstilling)\s*:?\s*$"
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
    # The proposal runs from its heading to the next section heading ("Bakgrunn").
    body = [Line("Forslag til vedtak:", lines[start].number, lines[start].page)]
    body += lines[start + 1 :]
    if not title:
        first = " ".join(
            line.text.strip() for line in lines[start + 1 : start + 6] if line.text.strip()
        )
        title = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].rstrip(".")[:120]
    return RawCase(number, title, body, lines[start])
