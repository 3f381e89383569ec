"""The worker processes an import parses in (assistant/orphans.py): real processes from the
fork server, set up for CPU work."""

from __future__ import annotations

import fcntl
import gc
from pathlib import Path

import pytest

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


def test_a_job_s_results_fit_in_the_pipe_back() -> None:
    """A worker wrote a job's results (~100 kB) into a 64 kB pipe and waited, every job, for
    the importer's result thread to get the GIL and read: the pipe holds a megabyte."""
    get_size = getattr(fcntl, "F_GETPIPE_SZ", None)
    if get_size is None:
        pytest.skip("the size of a pipe is set on Linux only")
    pool = worker_pool("assistant.document_parsing")
    try:
        assert pool.submit(int).result(timeout=120) == 0
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        size = fcntl.fcntl(reader.fileno(), get_size)
    finally:
        pool.shutdown()
    assert size == min(2**20, int(Path("/proc/sys/fs/pipe-max-size").read_text()))
