"""Answers for a terminal: the chat's Markdown marks taken out, the words left as they are.

The answers are written Markdown-light for chat clients (bold labels, `code`); a terminal
shows the marks as they are typed. "- " and "1. " lines read as lists in plain text too,
so they stay.
"""

from __future__ import annotations

import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_CODE = re.compile(r"`([^`\n]+)`")


def plain_text(markdown: str) -> str:
    """`markdown` without its bold and code marks ("**Gjeldende vedtak**" -> "Gjeldende
    vedtak"); a lone "**" is dropped too."""
    text = _CODE.sub(r"\1", _BOLD.sub(r"\1", markdown))
    return text.replace("**", "")
