"""How names are keyed for matching in the store."""

from __future__ import annotations


def name_key(name: str) -> str:
    """Case- and spacing-insensitive key: "Christine  FURUHOLMEN" -> "christine furuholmen"."""
    return " ".join(name.casefold().split())
