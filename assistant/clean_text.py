"""Text cleaned where it enters Referent (HTTP activities, Slack requests, the dev chat).

Two things that Python strings can hold cannot be stored: PostgreSQL refuses a NUL in
text, and a lone UTF-16 surrogate ("\\ud800", which JSON's "\\ud800" escape yields) cannot
be encoded as UTF-8 for either database (nor for a reply). The rule: NUL removed, a lone
surrogate replaced by U+FFFD, every other character untouched. A high and low surrogate
side by side are joined into the one character they encode.
"""

from __future__ import annotations

import re
from typing import Any

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """`text` with NUL removed and lone surrogates replaced by U+FFFD."""
    if not _UNSTORABLE.search(text):  # the common case: nothing copied
        return text
    text = text.replace("\x00", "")
    # UTF-16 with surrogatepass joins pairs; decoding with "replace" turns a lone one into
    # U+FFFD (one per surrogate).
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean_json(value: Any) -> Any:
    """A parsed JSON value with every string in it (keys too) cleaned, containers changed in
    place. Walked with a stack, not recursion: json.loads accepts nesting as deep as the
    interpreter's recursion limit, and a walk must not fail where parsing did not."""
    if isinstance(value, str):
        return clean_text(value)
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                item = node[key]
                if isinstance(key, str) and (clean := clean_text(key)) != key:
                    del node[key]
                    key = clean
                node[key] = _cleaned(item, stack)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                node[index] = _cleaned(item, stack)
    return value


def _cleaned(item: Any, stack: list[Any]) -> Any:
    if isinstance(item, str):
        return clean_text(item)
    if isinstance(item, dict | list):
        stack.append(item)
    return item
