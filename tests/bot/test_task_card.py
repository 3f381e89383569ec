"""A task's row on a card marks an overdue task, and only that: its description in the
attention colour, its source line subtle like every other. A task changed in chat
(postponed, reassigned) is not overdue for that, nor one due today. The description heads
the row with a capital, as a heading does, unless its first word is written otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from assistant.answer_types import Source, TaskChange, TaskResult
from bot.cards import task_row
from storage import changes

TODAY = date(2026, 12, 5)


def _task(
    due: date | None,
    status: str = "open",
    change: TaskChange | None = None,
    description: str = "Lage et notat om LAR-rutinen",
) -> TaskResult:
    return TaskResult(
        task_id=7, description=description, assignee="Marit Lunde",
        assignee_kind="person", via_group=None, due_date=due, due_text=None,
        due_is_approximate=False, status=status, case="3", meeting_date=date(2026, 10, 14),
        committee="LSU", source=Source("lsu-2026-10-14.txt", line=50), change=change,
    )  # fmt: skip


def _colours(row: dict[str, Any]) -> tuple[str, str]:
    """(the description's colour, the source line's)."""
    blocks = [item for item in row["items"] if item["type"] == "TextBlock"]
    return blocks[0].get("color", "Default"), blocks[-1].get("color", "Default")


def test_an_overdue_task_is_marked_on_its_description() -> None:
    assert _colours(task_row(_task(date(2026, 11, 15)), "nb", TODAY)) == ("Attention", "Default")


@pytest.mark.parametrize(
    "task",
    [
        _task(TODAY),  # due today: not late yet
        _task(date(2027, 1, 10)),
        _task(None),
        _task(date(2026, 11, 15), status="done"),
        # postponed in chat: its row says so, and that is not lateness
        _task(date(2027, 1, 10), change=TaskChange(changes.TASK_POSTPONED, "Kari", TODAY)),
    ],
)
def test_a_task_not_overdue_is_not_marked(task: TaskResult) -> None:
    assert _colours(task_row(task, "nb", TODAY)) == ("Default", "Default")


@pytest.mark.parametrize(
    ("stored", "heading"),
    [
        # «Marit Lunde lager en kortversjon …» in the minutes, stored without the name
        ("lager en kortversjon av rutinen", "Lager en kortversjon av rutinen"),
        ("øker bemanningen", "Øker bemanningen"),
        # near misses: a first word written otherwise stays as it is
        ("iPhone-opplæring for hjemmetjenesten", "iPhone-opplæring for hjemmetjenesten"),
        ("eHelse-strategien sendes på høring", "eHelse-strategien sendes på høring"),
        ("LAR-rutinen evalueres", "LAR-rutinen evalueres"),
        ("2 nye stillinger lyses ut", "2 nye stillinger lyses ut"),
        ("Lage et notat", "Lage et notat"),
    ],
)
def test_the_description_heads_its_row_with_a_capital(stored: str, heading: str) -> None:
    row = task_row(_task(None, description=stored), "nb", TODAY)
    assert row["items"][0]["text"] == heading
