"""What must not be in the bot's log after a run with the playground."""

from __future__ import annotations

import re

PROBLEM = re.compile(r"turn failed|Traceback|\bERROR\b|\bCRITICAL\b")


def problems(log: str) -> list[str]:
    """The log's lines that say a turn failed, an error was logged, or show a traceback."""
    return [line for line in log.splitlines() if PROBLEM.search(line)]
