"""Text cleaned where it enters Referent from chat (HTTP activities, Slack requests, the
dev chat): every string of a parsed JSON body, by the rule of minutes/storable_text.py
(NUL removed, a lone surrogate replaced by U+FFFD)."""

from __future__ import annotations

from typing import Any

from minutes.storable_text import clean_text

__all__ = ["clean_json", "clean_text"]


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
