"""The worker processes an import parses in (assistant/orphans.py): real processes from the
fork server, set up for CPU work."""

from __future__ import annotations

import gc

from assistant.orphans import worker_pool

PYTHON_DEFAULT_YOUNG = 700  # allocations between young collections, as Python starts


def test_a_worker_collects_young_objects_rarely() -> None:
    """A parse allocates a document's objects, few of which outlive it: young collections
    at Python's default pace were ~2 % of a worker's time."""
    pool = worker_pool("assistant.document_parsing")
    try:
        threshold = pool.submit(gc.get_threshold).result(timeout=120)
    finally:
        pool.shutdown()
    assert threshold[0] >= 10 * PYTHON_DEFAULT_YOUNG
    assert threshold[1:] == gc.get_threshold()[1:]  # the older generations as they were
