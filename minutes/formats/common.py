"""What every minutes format hands to the shared finishing step."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Line


@dataclass(slots=True)
class RawCase:
    number: str | None
    title: str
    body: list[Line]
    heading: Line
    kinds: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    # Table formats: the Ansvar and Tidsfrist columns, as written.
    assignees: list[str] = field(default_factory=list)
    deadline: str | None = None


@dataclass(slots=True)
class RawMinutes:
    cases: list[RawCase]
    header_end: int  # index of the first line that belongs to a case
    consumed: set[int] = field(default_factory=set)  # lines the format used up (not header)


def sections(starts: list[int], total: int) -> list[tuple[int, int]]:
    """(start, end) line ranges: each heading runs to the next one, the last to the end."""
    return [
        (start, starts[k + 1] if k + 1 < len(starts) else total) for k, start in enumerate(starts)
    ]
