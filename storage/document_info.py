"""What is stored of a document's file. Apart from storage/minutes_store.py because an
import's parse workers build it, and they load no database code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    sha256: str
    name: str
    path: str | None
    format: str
    size_bytes: int
