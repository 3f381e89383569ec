"""What every answer module needs besides the question: whose minutes, and when and where
"now" is (the clock's instant in the deployment's time zone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class AnswerContext:
    tenant: str
    now: datetime  # aware
    timezone: ZoneInfo

    @property
    def today(self) -> date:
        return self.now.astimezone(self.timezone).date()
