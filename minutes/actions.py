"""Action items written as sentences: "Britt Kveseth lager et kort framlegg …".

A sentence is an action item when it opens with a person's name followed by a verb in the
present tense (the minutes' way of writing "will do"). Past tense ("Christine orienterte")
is a report, and reporting verbs ("SiV orienterer om …") are agenda talk, not tasks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Line
from .names import is_first_name, looks_like_name, normalise_space

_TOKEN = r"[A-ZÆØÅ][a-zæøåäöüé]+(?:-[A-ZÆØÅ][a-zæøåäöüé]+)?"
_START = re.compile(
    rf"(?P<name>{_TOKEN}(?:\s+{_TOKEN}){{0,3}})\s+(?P<verb>[a-zæøå]+)\s+(?P<rest>\S)"
)
_IRREGULAR_PRESENT = {"tar", "går", "får", "gjør", "ser", "skal", "vil", "må", "gir", "ber", "har"}
# Present-tense verbs that report or describe rather than commit to doing something.
_NOT_ACTIONS = {
    "orienterer", "informerer", "presenterer", "redegjør", "erfarer", "mener", "ønsker",
    "opplever", "er", "har", "ser", "ber", "viser", "leder", "deltar", "representerer",
}  # fmt: skip
_SENTENCE_STOP = re.compile(r"[.!?](?=\s+[A-ZÆØÅ«\"]|\s*$)")


@dataclass(frozen=True, slots=True)
class ActionSentence:
    assignee: str
    description: str
    line_index: int  # index (into the lines given) of the line where the sentence starts


def _is_present(verb: str) -> bool:
    return verb in _IRREGULAR_PRESENT or (verb.endswith("er") and len(verb) > 3)


def resolve_person(name: str, known: dict[str, str]) -> str | None:
    """The full name if `name` is a person: known from the minutes, or a plausible new one.

    `known` maps lower-cased names and unambiguous first names to full names.
    """
    key = normalise_space(name).lower()
    if key in known:
        return known[key]
    tokens = name.split()
    if len(tokens) >= 2 and is_first_name(tokens[0]) and looks_like_name(name):
        return normalise_space(name)
    return None


def find_action_sentences(lines: list[Line], known: dict[str, str]) -> list[ActionSentence]:
    """Action items in a stretch of body lines (paragraphs are separated by blank lines)."""
    found: list[ActionSentence] = []
    for para in _paragraphs(lines):
        text, starts = para
        candidates = sorted({0, *(s for s, _ in starts)} | _sentence_starts(text))
        verbs_seen: set[int] = set()
        for pos in candidates:
            m = _START.match(text, pos)
            if not m or m.start("verb") in verbs_seen:
                continue
            verb = m["verb"]
            if not _is_present(verb) or verb in _NOT_ACTIONS:
                continue
            # "Skal" after a name: "Kari Hansen skal sende …" is fine; the name may also be
            # longer than the person ("Leder Kari Hansen"): try the longest real name suffix.
            assignee = None
            words = m["name"].split()
            for k in range(len(words)):
                assignee = resolve_person(" ".join(words[k:]), known)
                if assignee:
                    break
            if not assignee:
                continue
            verbs_seen.add(m.start("verb"))
            end_match = _SENTENCE_STOP.search(text, m.end("verb"))
            end = end_match.end() if end_match else len(text)
            description = normalise_space(text[m.start("verb") : end])
            line_index = max((idx for s, idx in starts if s <= pos), default=starts[0][1])
            found.append(ActionSentence(assignee, description, line_index))
    return found


def _sentence_starts(text: str) -> set[int]:
    return {m.end() for m in re.finditer(r"[.!?:]\s+", text)}


def _paragraphs(lines: list[Line]) -> Iterable[tuple[str, list[tuple[int, int]]]]:
    """Paragraph text plus (offset, line index) for every line start in it."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            if parts:
                yield " ".join(parts), starts
            parts, starts, offset = [], [], 0
            continue
        starts.append((offset, i))
        parts.append(text)
        offset += len(text) + 1
    if parts:
        yield " ".join(parts), starts
