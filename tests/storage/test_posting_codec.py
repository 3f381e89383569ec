"""Packed postings round-trip, with the weights two bytes wide while they fit and four when
one does not (a weight above 65,535 or below zero: none the analysis writes, but the codec
must not wrap it)."""

from __future__ import annotations

import pytest

from storage.posting_codec import count, pack, unpack


@pytest.mark.parametrize(
    ("ids", "weights", "width"),
    [
        ([1, 2, 3], [0, 21_999, 65_535], 2),
        ([7], [65_536], 4),  # near miss: one past two bytes
        ([7, 8], [5, -1], 4),  # near miss: below zero
        ([2_147_483_647], [1], 2),  # the highest id an integer column holds
    ],
)
def test_round_trip(ids: list[int], weights: list[int], width: int) -> None:
    blob = pack(ids, weights)
    assert blob[0] == width and len(blob) == 1 + len(ids) * (4 + width)
    assert count(blob) == len(ids)
    got_ids, got_weights = unpack(blob)
    assert (list(got_ids), list(got_weights)) == (ids, weights)


def test_nothing_packs_to_nothing() -> None:
    assert count(None) == 0 and count(b"") == 0
    assert [list(a) for a in unpack(None)] == [[], []]
    assert [list(a) for a in unpack(pack([], []))] == [[], []]


def test_little_endian_whatever_the_machine() -> None:
    assert pack([1], [2]) == bytes([2, 1, 0, 0, 0, 2, 0])
