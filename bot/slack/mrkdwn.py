"""Referent's Markdown-light as Slack mrkdwn, and text cut to Slack's limits."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_BOLD = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])")
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")  # "&am" left by a cut inside "&amp;"
_TRIM = " ,;:–—-\n"


def escape(value: str) -> str:
    """Slack's three control characters as Slack documents them (`&` first)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def from_markdown(markdown: str) -> str:
    """Escaped, `**bold**` as Slack's `*bold*`, "- " list items as "• ". Only a pair of
    `**` at a word's edges is bold: a `*` or `_` inside a word is left as written (Slack
    does not format inside words either)."""
    lines = []
    for line in escape(markdown).splitlines():
        if line.startswith("- "):
            line = f"• {line[2:]}"
        lines.append(_BOLD.sub(r"*\1*", line))
    return "\n".join(lines)


def clip(value: str, limit: int) -> str:
    """`value` within `limit` characters, cut at a word's end with "…" when cut; an
    escape entity is never left half."""
    value = value.strip()
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if not value[limit - 1].isspace():
        space = max(cut.rfind(" "), cut.rfind("\n"))
        cut = cut[:space] if space > limit // 2 else cut
    cut = _PARTIAL_ENTITY.sub("", cut.rstrip(_TRIM))
    return cut.rstrip(_TRIM) + ELLIPSIS
