"""YAML front matter (Jekyll posts, forum notes) -> `key: value` lines, without a YAML library.

Only the subset such files use is understood: plain and quoted scalars, `- item` lists,
`[a, b]` flow lists, `|`/`>` block scalars. Anything else (nested mappings, flow maps)
stays as its raw text after the key, so nothing is lost. The header stage then reads the
lines like any other labelled fields ("dato: 2023-08-30", "referent: Kari").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
# A top-level key: no indentation, does not start like a list item, comment or flow value.
# Both match a line without its trailing blanks: a lazy value before "[ \t]*$" made a long
# run of spaces cost its length squared (200 KB: minutes).
_KEY = re.compile(r"^([^\s#\-\[{\"'][^:]*?):(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"^[ \t]*-(?:[ \t]+(.*))?$")
_COMMENT = re.compile(r"^[ \t]*#")
_COMMENT_START = re.compile(r"[ \t]#")  # the comment runs to the end of the line
_BLOCK_SCALAR = re.compile(r"^[|>][+-]?\d*$")


@dataclass
class _Entry:
    key: str
    value: str
    items: list[str] = field(default_factory=list)
    more: list[str] = field(default_factory=list)  # indented lines that are not list items


def _unquote(value: str) -> str:
    """A scalar as YAML reads it: quotes removed (with their escapes), comments dropped."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", lambda m: " " if m.group(1) in "nt" else m.group(1), value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    comment = _COMMENT_START.search(value)
    return (value[: comment.start()] if comment else value).strip()


def _flow_items(value: str) -> list[str]:
    """`[a, "b, c", d]` -> ["a", "b, c", "d"] (commas inside quotes stay)."""
    items, current, quote = [], "", ""
    for char in value[1:-1]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ",":
            items.append(current)
            current = ""
            continue
        current += char
    items.append(current)
    return [_unquote(item.strip()) for item in items if item.strip()]


def _join(items: list[str]) -> str:
    # Items like "cyb, Jan Furulund" already hold commas: then "; " keeps them apart.
    return ("; " if any("," in item for item in items) else ", ").join(items)


def _render(entry: _Entry) -> str | None:
    value = entry.value
    if _BLOCK_SCALAR.match(value):
        text = " ".join(entry.more)
    elif value.startswith("[") and value.endswith("]"):
        text = _join(_flow_items(value))
    elif value.startswith("{"):
        text = value  # a flow mapping: kept as written
    elif value.startswith(('"', "'")):
        text = _unquote(value)
    elif value:
        text = " ".join([_unquote(value), *entry.more])  # a plain scalar may continue below
    elif entry.items:
        text = _join([_unquote(item) for item in entry.items if item])
    else:
        text = " ".join(entry.more)  # a nested mapping: its raw text
    text = text.strip()
    return f"{entry.key}: {text}" if text else None


def _parse(block: list[str]) -> list[_Entry] | None:
    """The block's entries, or None when it is not YAML front matter after all."""
    entries: list[_Entry] = []
    for line in block:
        if not line.strip() or _COMMENT.match(line):
            continue
        if match := _KEY.match(line.rstrip(" \t")):
            entries.append(_Entry(match.group(1).strip(), match.group(2) or ""))
        elif not entries:
            return None  # text before any key: a rule and a paragraph, not front matter
        elif (match := _ITEM.match(line.rstrip(" \t"))) and not entries[-1].value:
            entries[-1].items.append(match.group(1) or "")
        elif line[0] in " \t":
            entries[-1].more.append(line.strip())
        else:
            return None
    return entries


def front_matter(lines: list[str]) -> tuple[list[str], int]:
    """(`key: value` lines, index of the first body line) for a front matter block at the
    very top; ([], 0) when there is none (a `---` rule further down is never one)."""
    if not lines or not _OPEN.match(lines[0]):
        return [], 0
    for end in range(1, len(lines)):
        if _CLOSE.match(lines[end]):
            entries = _parse(lines[1:end])
            if entries is None:
                return [], 0
            rendered = (_render(entry) for entry in entries)
            return [line for line in rendered if line], end + 1
    return [], 0
