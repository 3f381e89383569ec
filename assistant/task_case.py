"""«oppgave til sak 2023.30: Britt sender rutinen til kommunene»: a task for the case it
names. The case reference is taken off, and what is left is the ordinary task command
(assistant.commands), so the task is read exactly as without it.

    task_for_case("oppgave til sak 2023.30: Britt sender rutinen")
    # TaskForCase(number="2023.30", committee=None, command="oppgave: Britt sender rutinen")
    task_for_case("ny oppgave i sak 3 i LSU")  # number "3", committee "LSU", "ny oppgave"
    task_for_case("task for case 2023.30: Amir drafts it")  # command "task: Amir drafts it"

A case number is digits, maybe with "." "/" "-" between ("2023.30", "14/2022", "3"); a
committee after it («i LSU») picks among committees that number their cases alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TASK_FOR_CASE = re.compile(
    r"^\s*(?P<lead>/?(?:ny\s+oppgave|oppgave|new\s+task|task))"
    r"\s+(?:til|for|i|på|under|to|on|in)\s+(?:saken|sak|case|item)\s*(?:nr\.?\s*|no\.?\s*)?"
    r"(?P<number>\d+(?:[./-]\d+)*)"
    r"(?:\s+(?:i|for|in|of)\s+(?P<committee>(?-i:[A-ZÆØÅ]{2,8}))\b)?"
    r"\s*(?::\s*(?P<after_colon>.*)|(?P<after_space>\s.*)|[.!]*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class TaskForCase:
    number: str  # as written
    committee: str | None
    command: str  # the task command without the case: "oppgave: …", "ny oppgave", "task: …"


def task_for_case(text: str) -> TaskForCase | None:
    """The case a task command names and the command without it; None for anything else."""
    m = _TASK_FOR_CASE.match(text)
    if m is None:
        return None
    english = m["lead"].lstrip("/").lower().startswith(("task", "new"))
    rest = (m["after_colon"] or m["after_space"] or "").strip()
    if rest:
        command = f"{'task' if english else 'oppgave'}: {rest}"
    else:
        command = "new task" if english else "ny oppgave"
    committee = m["committee"].upper() if m["committee"] else None
    return TaskForCase(m["number"], committee, command)
