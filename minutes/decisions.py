"""Finding what a case decided: "Vedtak:", "Konklusjon:", or a sentence that records a decision."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import CaseStatus

# "Vedtak:" / "Konklusjon:" at a line start; "Konklusjon, sak 2023.8" (a quote of an older
# case's conclusion) has no colon and is deliberately not a marker.
_MARKER = re.compile(
    r"^[ \t]*(?P<label>(?:Enstemmig\s+)?Vedtak|Konklusjon|Beslutning|Forslag til vedtak|"
    r"(?:Rådmannens\s+|Kommunedirektørens\s+|Administrasjonens\s+)?[Ii]nnstilling)"
    r"[ \t]*(?::[ \t]*|[ \t]*$)",
    re.MULTILINE,
)
# "LSU fattet slik vedtak:", "… fattet følgende vedtak:"
_INLINE_MARKER = re.compile(r"\bfattet\s+(?:slik|følgende|enstemmig)\s+vedtak\s*:", re.I)
PROPOSAL_LABELS = {"forslag til vedtak", "innstilling"}

# A sentence that records a decision, when the minutes do not label one.
_DECISION_SENTENCE = re.compile(
    r"\b(?:ble|blir|er|vart)\s+(?:enstemmig\s+)?(?:godkjent|vedtatt|besluttet|utsatt|valgt|"
    r"satt til|enige|tatt til (?:etterretning|orientering))\b"
    r"|\b(?:vedtok|sluttet seg til|slutter seg til|tas til (?:etterretning|orientering)|"
    r"godkjennes|vedtas|utsettes|velges)\b"
    r"|^Det var enighet\b"
    r"|(?:utvalg(?:et)?|\bSSU|\bLSU|\bOSU|\bFSU)\s+ber\b",
    re.IGNORECASE,
)
# Sentences about an earlier meeting's decision are history, not this case's decision.
_HISTORY = re.compile(r"\b(?:i forrige møte|på forrige møte|tidligere)\b", re.IGNORECASE)
# A section that follows a proposal in a case paper ends the proposal's text.
_SECTION_END = re.compile(
    r"^[ \t]*(?:Bakgrunn|Saksopplysninger|Saksutredning|Saksframstilling|Vurdering|Eventuelt)"
    r"[ \t]*:?[ \t]*$",
    re.MULTILINE,
)
_POSTPONED = re.compile(r"\b(?:utsatt|utsettes)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"-])|\n+")


@dataclass(slots=True)
class Decision:
    status: CaseStatus
    decision: str | None = None
    label: str | None = None
    proposal: str | None = None


_LIST_ITEM = re.compile(r"^(?:[-•–]\s|\d+[.)]\s|[a-z][.)]\s)")
# A line that ends in one of these words was wrapped mid-sentence.
_CONTINUES = re.compile(
    r"(?:[,(–-]|\b(?:i|og|om|til|for|av|på|med|at|som|en|et|ei|den|det|de|fra|ved|mot|eller))$"
)


def tidy(text: str) -> str:
    """Join lines a PDF wrapped, keep headings, sentences and list items on their own lines."""
    out: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        wrapped = line[0].islower() or _CONTINUES.search(out[-1]) if out else False
        if out and wrapped and not _LIST_ITEM.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(re.sub(r"^[•–]\s*", "- ", line) for line in out)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def find_decision(body: str) -> Decision:
    """The case's decision from its body text (lines joined with "\\n")."""
    markers = list(_MARKER.finditer(body))
    inline = _INLINE_MARKER.search(body)
    if inline:
        markers.append(inline)
        markers.sort(key=lambda m: m.start())
    if markers:
        result = Decision(status=CaseStatus.NOTED)
        for k, m in enumerate(markers):
            end = markers[k + 1].start() if k + 1 < len(markers) else len(body)
            section = _SECTION_END.search(body, m.end(), end)
            end = section.start() if section else end
            text = tidy(body[m.end() : end]) or None
            label = m.groupdict().get("label") or "Vedtak"
            label = re.sub(r"\s+", " ", label).strip()
            if text is None:
                continue
            if label.lower() in PROPOSAL_LABELS or label.lower().endswith("innstilling"):
                result.proposal = text
                if result.decision is None:
                    result.status = CaseStatus.PROPOSED
            else:
                result.decision, result.label = text, label.capitalize()
                result.status = (
                    CaseStatus.POSTPONED if _POSTPONED.search(text) else CaseStatus.DECIDED
                )
        if result.decision or result.proposal:
            return result
    chosen = [
        s
        for s in sentences(tidy(body))
        if _DECISION_SENTENCE.search(s.lstrip("- ")) and not _HISTORY.search(s)
    ]
    if not chosen:
        return Decision(status=CaseStatus.NOTED)
    text = "\n".join(chosen)
    status = CaseStatus.POSTPONED if _POSTPONED.search(text) else CaseStatus.DECIDED
    return Decision(status=status, decision=text)
