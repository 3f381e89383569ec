"""Minutes with "2023.30"-style case blocks: number alone on a line, kind labels, title, body.

The number alone is not enough: a list of links per case ("2023.30" then a URL) looks the
same. A real heading is followed by kind labels (Orientering / Diskusjon / Beslutning).
"""

from __future__ import annotations

import re

from ..model import Line
from .common import RawCase, RawMinutes, sections

_NUMBER = re.compile(r"^\s*(?:Sak\s+)?(?P<n>\d{4}\.\d{1,3}|\d{1,3}/\d{2,4})\s*:?\s*$")
KIND_LABEL = re.compile(
    r"^\s*(?P<kind>Orientering|Orienteringssak|Diskusjon|Drøfting|Drøftingssak|Beslutning|"
    r"Beslutningssak|Vedtakssak|Vedlegg)\s*$",
    re.IGNORECASE,
)
_LOOKAHEAD = 8  # lines after a number in which its labels must begin


def _labels_follow(lines: list[Line], i: int) -> bool:
    for j in range(i + 1, min(len(lines), i + 1 + _LOOKAHEAD)):
        text = lines[j].text.strip()
        if not text:
            continue
        return bool(KIND_LABEL.match(text))
    return False


def headings(lines: list[Line]) -> list[int]:
    return [
        i for i, line in enumerate(lines) if _NUMBER.match(line.text) and _labels_follow(lines, i)
    ]


def parse(lines: list[Line], consumed: set[int]) -> RawMinutes:
    starts = headings(lines)
    cases: list[RawCase] = []
    for start, end in sections(starts, len(lines)):
        m = _NUMBER.match(lines[start].text)
        assert m is not None
        kinds: list[str] = []
        j = start + 1
        while j < end and (not lines[j].text.strip() or KIND_LABEL.match(lines[j].text)):
            label = KIND_LABEL.match(lines[j].text)
            if label:
                kinds.append(label["kind"].lower())
            j += 1
        title_parts: list[str] = []
        while j < end and lines[j].text.strip():
            text = lines[j].text.strip()
            if title_parts and not text[0].islower():
                break
            title_parts.append(text)
            j += 1
        body = [lines[x] for x in range(j, end) if x not in consumed]
        kinds = [kind for kind in kinds if kind != "vedlegg"] + (
            ["vedlegg"] if "vedlegg" in kinds else []
        )
        cases.append(RawCase(m["n"], " ".join(title_parts), body, lines[start], kinds=kinds))
    return RawMinutes(cases=cases, header_end=starts[0] if starts else len(lines))
