"""One-line renderings the meeting summary and the list of decisions share. render.py is
read here, not changed: its case heading and outcome words are the ones every answer uses."""

from __future__ import annotations

from . import render
from .answer_types import CaseResult
from .texts import text

ITEM_CHARS = 200  # an item's outcome in a list; the card and JSON carry it whole


def one_line(value: str, limit: int = ITEM_CHARS) -> str:
    """A multi-line decision as one line, cut at `limit` characters."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def item_outcome(result: CaseResult, language: str) -> str:
    """ "vedtak: LSU ber om …", "utsatt", "orientering, ingen vedtak — …": what became of an
    item, its status said first so a list reads at a glance."""
    if result.status == "decided" and result.decision:
        return f"{text(language, 'status.decided')}: {one_line(result.decision)}"
    return one_line(render.case_outcome(result, language))


def item_line(result: CaseResult, language: str) -> str:
    """ "- sak 4 «ØHD – belegg …»: vedtak: …" — an item of a meeting whose heading has said
    the committee and date already."""
    number = f"{text(language, 'case')} {result.case} " if result.case else ""
    return f"- {number}«{result.title}»: {item_outcome(result, language)}"


def cited_line(result: CaseResult, language: str) -> str:
    """ "- SSU 26.10.2026, sak 2026.44 «DHO …»: vedtak: …" — an item among other meetings'."""
    return f"- {render.case_heading(result, language)}: {item_outcome(result, language)}"
