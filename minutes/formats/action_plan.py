"""Action plans: focus areas with measures, activities, a quarter and a status per activity.

PDF extraction flattens the table: measure and activity text run together over short lines,
and each activity ends on the line that carries its quarter ("Q1", "Q1 + Q2", "Løpende").
What follows the quarter on that line (and lower-case lines right after) is the status.
"""

from __future__ import annotations

import re

from ..model import Line, ParsedTask, TaskStatus

_AREA = re.compile(r"^\s*Fokusområde\s+(?P<n>\d+)\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"^\s*Tiltak\s+Aktiviteter\b", re.IGNORECASE)
_PERIOD_WORD = r"(?:Q[1-4](?:\s*(?:[-–+]|og)\s*Q[1-4])*|Løpende|Kontinuerlig)"
_PERIOD = re.compile(rf"(?:^|\s)(?P<period>{_PERIOD_WORD})(?=\s|$)(?P<status>.*)$")
_DONE = re.compile(r"(?<!ikke )\butført\b", re.IGNORECASE)
_SUBHEAD = re.compile(r"^\s*(?:\d\s+tertial\s+\d{4}|Status(?:rapport)?\b.*)\s*$", re.IGNORECASE)


def is_action_plan(lines: list[Line]) -> bool:
    return any(_AREA.match(line.text) for line in lines) and any(
        _TABLE_HEAD.match(line.text) for line in lines
    )


def parse(lines: list[Line]) -> list[ParsedTask]:
    tasks: list[ParsedTask] = []
    area: str | None = None
    buffer: list[Line] = []
    area_lines: list[str] = []
    in_area_title = False
    for line in lines:
        text = re.sub(r"\s+", " ", line.text).strip()
        if not text:
            continue
        m = _AREA.match(text)
        if m:
            area, area_lines, buffer, in_area_title = m["title"], [m["title"]], [], True
            continue
        if _TABLE_HEAD.match(text) or _SUBHEAD.match(text):
            in_area_title = False
            if area_lines:
                area = " ".join(area_lines)
            continue
        if in_area_title:  # the focus area's title wrapped onto the next lines
            area_lines.append(text)
            continue
        if tasks and not buffer and text[0].islower():
            # the status wrapped ("Søkt" / "prosjektmidler")
            last = tasks[-1]
            last.status_text = f"{last.status_text} {text}".strip() if last.status_text else text
            last.status = TaskStatus.DONE if _DONE.search(last.status_text) else last.status
            continue
        period = _PERIOD.search(text)
        if period is None:
            buffer.append(line)
            continue
        before = text[: period.start()].strip()
        description = " ".join([*(b.text.strip() for b in buffer), before]).strip()
        description = re.sub(r"\s+", " ", description)
        start_line = buffer[0] if buffer else line
        buffer = []
        if not description:
            continue
        status_text = period["status"].strip() or None
        tasks.append(
            ParsedTask(
                description=description,
                due_text=period["period"],
                status=TaskStatus.DONE
                if status_text and _DONE.search(status_text)
                else TaskStatus.OPEN,
                status_text=status_text,
                area=area,
                line=start_line.number,
                page=start_line.page,
            )
        )
    return tasks
