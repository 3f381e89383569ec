"""The administrators' chat commands, told apart from everything else said:

    slett dokument ssu-fjordby-2026-10-26.md · slett dokumentet 12 · delete document 12
    eksporter SSU · eksportér utvalget SSU · export SSU · export committee SSU

The keyword must open the message and the whole message must be the command (a name or id
after it, on one line): «slett oppgave 3» is a task's, «dokumentet ble slettet fra saken»
and «hvordan sletter jeg et dokument?» are remarks and questions, «eksporter til Excel» is no
committee. Who may use them is decided elsewhere (bot/admin_chat.py); parsing only here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DeleteDocument:
    named: str  # an id ("12", "#12") or a file name, as written
    language: str


@dataclass(frozen=True, slots=True)
class ExportCommittee:
    committee: str  # short name, name or alias, as written
    language: str


AdminCommand = DeleteDocument | ExportCommittee

# One line after the keyword; ends as "\s*(?:[.!]+\s*)?$" so a long text that is not the
# command fails in linear time. The name may not end in "?" (a question about deleting).
_WHAT = r"(?P<what>[^\n?]*[^\s?.!])"
_END = r"\s*(?:[.!]+\s*)?$"
_DELETE_NB = re.compile(
    rf"^\s*/?slett(?:e)?\s+(?:dokument(?:et)?|fil(?:en)?|referat(?:et)?)\s*:?\s+{_WHAT}{_END}",
    re.IGNORECASE,
)
_DELETE_EN = re.compile(
    rf"^\s*/?(?:delete|remove)\s+(?:the\s+)?(?:document|file|minutes)\s*:?\s+{_WHAT}{_END}",
    re.IGNORECASE,
)
# Not a committee: what an export "til Excel", "as PDF", "av dette" would name.
_NOT_A_COMMITTEE = (
    r"(?!(?:til|to|som|as|i|in|into|av|of|for|the|det|dette|den|denne|alt|all|everything"
    r"|excel|pdf|csv|word)\b)"
)
_COMMITTEE = r"(?P<committee>[A-Za-zÆØÅæøåÉé][\wÆØÅæøåÉé'’ -]{0,79}[\wÆØÅæøåÉé]|[A-Za-zÆØÅæøå])"
_EXPORT_NB = re.compile(
    rf"^\s*/?eksport[eé]r\s+(?:(?:utvalget|komiteen)\s+)?{_NOT_A_COMMITTEE}{_COMMITTEE}{_END}",
    re.IGNORECASE,
)
_EXPORT_EN = re.compile(
    rf"^\s*/?export\s+(?:the\s+)?(?:committee\s+)?{_NOT_A_COMMITTEE}{_COMMITTEE}{_END}",
    re.IGNORECASE,
)


def parse_admin_command(text: str) -> AdminCommand | None:
    """The administrators' command `text` is, or None."""
    for pattern, language in ((_DELETE_NB, "nb"), (_DELETE_EN, "en")):
        if m := pattern.match(text):
            return DeleteDocument(m["what"].strip(), language)
    for pattern, language in ((_EXPORT_NB, "nb"), (_EXPORT_EN, "en")):
        if m := pattern.match(text):
            return ExportCommittee(" ".join(m["committee"].split()), language)
    return None
