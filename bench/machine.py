"""What a benchmark ran on, printed with its figures and recorded in its JSON."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

import asyncpg
import sqlalchemy

import storage


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity), else all of them."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable_cpus(),
        "sqlalchemy": sqlalchemy.__version__,
        "asyncpg": asyncpg.__version__,
        "project": str(Path(storage.__file__).resolve().parents[1]),  # the code measured
    }


def busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (all processes, a database
    server's too; user, nice, system, irq, softirq), or None where /proc/stat is not there.
    Its difference over a run, against the run's wall time and the usable CPUs, is how much
    of the machine the run used: what a figure in documents/s alone does not say when the
    machine's speed drifts."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def describe(info: dict[str, Any]) -> str:
    return (
        f"Python {info['python']} ({info['implementation']}) on {info['platform']}; "
        f"{info['cpu_count']} CPUs ({info['cpus_usable']} usable); "
        f"SQLAlchemy {info['sqlalchemy']}, asyncpg {info['asyncpg']}; project {info['project']}"
    )
