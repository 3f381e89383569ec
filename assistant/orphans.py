"""Worker processes that end when the importer that started them ends, even by SIGKILL.

The pool's workers are children of multiprocessing's fork server, not of the importer, and
each holds the pipe whose end-of-file tells the fork server its clients are gone: a killed
importer left its fork server, resource tracker and workers waiting on each other for ever
(12 kills: 36 processes, 2.3 GB). A parent-death signal (prctl) would only fire when the
fork server dies, which is what never happens, so each worker watches the importer itself:
on Linux a pidfd becomes readable the moment that process ends (no polling, no pid reuse);
elsewhere its pid is polled. Once the workers are gone, the fork server and the resource
tracker see their pipes close and exit on their own.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_POLL_SECONDS = 0.5
# Allocations between young collections in processes that allocate in bursts, few objects of
# which outlive them: the workers and a bulk import (Python's default: 700). A worker parsing
# 300 generated documents ran 109 collections at the default, ~0.16 ms a document; 2 at this,
# ~0.05 ms.
YOUNG_COLLECTION_EVERY = 20_000
# A worker sends a job's results (8 generated minutes: ~100 kB pickled) through a pipe. At
# Linux's default 64 kB it waited in the write, a job at a time, until this process's result
# thread won the GIL from the storing thread and read the rest: ~4 ms a job, 4-5 % of the
# worker's time (0.26 s in a 1,000-document import; 0.04 s with this room).
_RESULT_PIPE_BYTES = 1 << 20  # or the system's maximum for unprivileged processes, if less
_PIPE_MAX = Path("/proc/sys/fs/pipe-max-size")


def worker_pool(preload: str) -> ProcessPoolExecutor:
    """Worker processes for CPU work beside this one (parsing, text analysis), which end
    with it. Not fork: the parent has an event loop and driver threads running. A fork
    server with `preload` imported starts workers in milliseconds instead of re-importing."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([preload])
    pool = ProcessPoolExecutor(
        max_workers=workers(), mp_context=context, initializer=_start, initargs=(os.getpid(),)
    )
    _room_for_results(pool)
    return pool


def _room_for_results(pool: ProcessPoolExecutor) -> None:
    """A pipe that holds a job's results whole, where the system allows (Linux: the pipe's
    size is the pool's, set before a worker starts). The executor keeps its result queue
    private: without one, or elsewhere, the pipe stays as it is."""
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if reader is None or set_size is None:
        return
    size = _RESULT_PIPE_BYTES
    with contextlib.suppress(OSError, ValueError):
        size = min(size, int(_PIPE_MAX.read_text()))
    with contextlib.suppress(OSError):  # the user's pipes at their quota
        fcntl.fcntl(reader.fileno(), set_size, size)


def workers() -> int:
    # One core stays with this process, which writes while the workers work.
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def _start(importer_pid: int) -> None:
    """A pool initializer: this worker exits with the importer, and collects rarely."""
    exit_with(importer_pid)
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


def exit_with(importer_pid: int) -> None:
    """A pool initializer: this worker process exits when the importer process ends."""
    threading.Thread(
        target=_watch, args=(importer_pid,), daemon=True, name="exit-with-importer"
    ).start()


def _watch(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)  # it ended before this worker was up
    except (AttributeError, OSError):  # not Linux 5.3+: poll instead
        while _alive(pid):
            time.sleep(_POLL_SECONDS)
    else:
        select.select([handle], [], [])  # readable once the process has ended
    os._exit(1)  # no clean-up: the importer that would take the results is gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
