"""Text that can be stored: the rule for what cannot be (used where text enters Referent:
chat edges in assistant/clean_text.py, documents in minutes/parser.py).

PostgreSQL refuses a NUL in text, and a lone UTF-16 surrogate ("\\ud800", which JSON's
"\\ud800" escape or a badly decoded file yields) cannot be encoded as UTF-8 for either
database, nor for a reply or an HTML parser. The rule: NUL removed, a lone surrogate
replaced by U+FFFD, every other character untouched. A high and low surrogate side by side
are joined into the one character they encode.
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def is_storable(text: str) -> bool:
    """Whether clean_text would leave `text` as it is."""
    return _UNSTORABLE.search(text) is None


def clean_text(text: str) -> str:
    """`text` with NUL removed and lone surrogates replaced by U+FFFD."""
    if is_storable(text):  # the common case: nothing copied
        return text
    text = text.replace("\x00", "")
    # UTF-16 with surrogatepass joins pairs; decoding with "replace" turns a lone one into
    # U+FFFD (one per surrogate).
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
