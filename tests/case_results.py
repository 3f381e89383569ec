"""A CaseResult as an answer carries it, for tests of how answers and cards word one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from assistant.answer_types import CaseResult, Source


def case_result(
    status: str, *, decision: str | None = None, proposal: str | None = None, **other: Any
) -> CaseResult:
    result = CaseResult(
        committee="Formannskap",
        meeting_date=date(2026, 1, 29),
        case="PS 6/26",
        title="Forslag om EL-sykkelutleie",
        decision=decision,
        decision_label=None,
        proposal=proposal,
        status=status,
        role="current",
        source=Source("formannskapet.txt", 120),
        case_id=1,
    )
    return replace(result, **other)
