"""A CLI's JSON document (a manifest, an export) on standard output or in a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO


def write_json(value: object, path: Path | None, out: TextIO, err: TextIO) -> bool:
    """`value` as indented JSON on `out`, or in the file `path` (its folder made); a value
    JSON has no type for (a date) as its str(). False, with the reason on `err`, when the
    file cannot be written."""
    document = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
    if path is None:
        out.write(document)
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
    except OSError as error:
        print(f"referent: cannot write {path}: {error.strerror or error}", file=err)
        return False
    return True
