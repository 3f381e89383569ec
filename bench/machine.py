"""What a benchmark ran on, printed with its figures and recorded in its JSON."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

import asyncpg
import sqlalchemy

import storage


def machine() -> dict[str, Any]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "sqlalchemy": sqlalchemy.__version__,
        "asyncpg": asyncpg.__version__,
        "project": str(Path(storage.__file__).resolve().parents[1]),  # the code measured
    }


def describe(info: dict[str, Any]) -> str:
    return (
        f"Python {info['python']} ({info['implementation']}) on {info['platform']}; "
        f"{info['cpu_count']} CPUs ({info['cpus_usable']} usable); "
        f"SQLAlchemy {info['sqlalchemy']}, asyncpg {info['asyncpg']}; project {info['project']}"
    )
