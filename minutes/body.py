"""Cleaning a case body: links (also when a PDF wrapped them over lines) and margin names."""

from __future__ import annotations

import re

from .model import Line
from .names import is_first_name

_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
# A wrapped URL's tail: no spaces, and URL-ish characters ("kommuner-og-helseforetak",
# "sak%2068%20Rapportering…pdf", "20%E2%80%93%202025.PDF").
_URL_TAIL = re.compile(
    r"^\s*[\w%./#?=&~+-]*(?:[%/-]|\.(?:pdf|PDF|html?|aspx?|docx?))[\w%./#?=&~+-]*\s*$"
)
_SINGLE_WORD = re.compile(r"^\s*([A-ZÆØÅ][a-zæøåäöüé]+)\s*$")


def split_links(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Lines without the link lines, and the links (with wrapped tails joined back on)."""
    kept: list[Line] = []
    links: list[str] = []
    in_url = False
    for line in lines:
        text = line.text
        if _URL.match(text):
            links.append(text.strip())
            in_url = True
            continue
        if in_url and text.strip() and _URL_TAIL.match(text):
            links[-1] += text.strip()
            continue
        in_url = in_url and not text.strip()  # blank lines do not end a run of links
        if text.strip():
            in_url = False
        kept.append(line)
    return kept, list(dict.fromkeys(links))


def split_margin_names(lines: list[Line], known: dict[str, str]) -> tuple[list[Line], list[str]]:
    """Names a PDF's margin column scattered one word per line ("Erik", "", "Nordberg").

    A run of single capitalised words, separated only by blank lines, is a margin when its
    words pair up into known people or start with a first name. `known` maps lower-cased
    full names and unambiguous first names to full names.
    """
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if not line.text.strip():
            continue
        if _SINGLE_WORD.match(line.text):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)

    drop: set[int] = set()
    names: list[str] = []
    for run in runs:
        words = [lines[i].text.strip() for i in run]
        found = _pair_names(words, known)
        if found is not None:
            names.extend(found)
            drop.update(run)
    return [line for i, line in enumerate(lines) if i not in drop], names


def _pair_names(words: list[str], known: dict[str, str]) -> list[str] | None:
    """["Erik", "Nordberg", "Anita", "Archer"] -> ["Erik Nordberg", "Anita Archer"]; None when
    the words are not names (a stray heading such as "Kommunen")."""
    if not words or not (is_first_name(words[0]) or words[0].lower() in known):
        return None
    names: list[str] = []
    k = 0
    while k < len(words):
        pair = " ".join(words[k : k + 2])
        if k + 1 < len(words) and pair.lower() in known:
            names.append(known[pair.lower()])
            k += 2
        elif words[k].lower() in known:  # a first name only one person has ("Erik")
            names.append(known[words[k].lower()])
            k += 1
        elif k + 1 < len(words) and is_first_name(words[k]):
            names.append(pair)
            k += 2
        else:
            return None
    return names
