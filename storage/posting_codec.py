"""Postings packed into bytes (migration 0027): a byte giving the weights' width (2 or 4),
then n ids as signed 32-bit integers, then their n weights, unsigned 16-bit when every weight
fits (a stored BM25 weight is below 22,000: storage/search_index.py) else signed 32-bit; all
little-endian. The ids are case ids in a term's blocks and top (storage/posting_store.py),
term ids in a case's row. `array` packs and unpacks them in C: a block of 200 postings
unpacks in about a microsecond, where a row per posting cost a b-tree entry (or a PostgreSQL
tuple) each."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

_SWAP = sys.byteorder != "little"
_NARROW, _WIDE = 2, 4  # the weights' width in bytes
_TYPES = {_NARROW: "H", _WIDE: "i"}  # 'i' is 4 bytes wherever CPython runs (checked below)


def pack(ids: Sequence[int], weights: Sequence[int]) -> bytes:
    assert len(ids) == len(weights)
    packed_ids = array("i", ids)
    width = _NARROW if not weights or (min(weights) >= 0 and max(weights) <= 0xFFFF) else _WIDE
    packed_weights = array(_TYPES[width], weights)
    assert packed_ids.itemsize == 4 and packed_weights.itemsize == width
    if _SWAP:
        packed_ids.byteswap()
        packed_weights.byteswap()
    return bytes((width,)) + packed_ids.tobytes() + packed_weights.tobytes()


def unpack(blob: bytes | None) -> tuple[array[int], array[int]]:
    """(ids, weights) of `blob`; empty for None."""
    if not blob:
        return array("i"), array("i")
    width = blob[0]
    n = count(blob)
    ids = array("i", blob[1 : 1 + 4 * n])
    weights = array(_TYPES[width], blob[1 + 4 * n :])
    if _SWAP:
        ids.byteswap()
        weights.byteswap()
    return ids, weights


def count(blob: bytes | None) -> int:
    """How many postings `blob` holds."""
    return (len(blob) - 1) // (4 + blob[0]) if blob else 0
