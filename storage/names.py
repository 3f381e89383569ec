"""How names are keyed for matching in the store."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ð": "d", "þ": "th", "ß": "ss"})
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=8192)  # the importer keys the same few hundred names over and over
def name_key(name: str) -> str:
    """A spelling-tolerant key: case, spacing, diacritics and doubled letters do not count,
    so "Rannveig Velken", "Ranveig Velken" and "RANNVEIG  VELKEN" are one person."""
    text = name.casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if c.isascii() and (c.isalnum() or c.isspace() or c == "-"))
    text = _DOUBLE.sub(r"\1", text.replace("-", " "))
    return " ".join(text.split())
