"""A meeting named by what it treated: "hvem var på møtet om LAR", "summary of the meeting
where the budget was discussed". The case a decision question about the subject finds (in
the committee and period asked, if any) gives the meeting: its latest treatment. The
question is then answered of that meeting, under a line that says which case found it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer, CaseResult
from .decision_answer import find_decisions
from .decision_search import DecisionSearch
from .intent.periods import Period
from .intents import Intent, IntentKind
from .texts import text


@dataclass(frozen=True, slots=True)
class MeetingAbout:
    intent: Intent  # the question, narrowed to the meeting's committee and day
    case: CaseResult  # the case that found the meeting

    def heading(self, language: str, topic: str) -> str:
        case = render.case_heading(self.case, language)
        return text(language, "meeting_about.case", topic=topic, case=case)


def meeting_about(
    session: Session,
    context: AnswerContext,
    search: DecisionSearch,
    intent: Intent,
    answer: Answer,
) -> MeetingAbout | None:
    """The meeting `intent.topic` names, as a question about that meeting; None when no
    case of a meeting holds the subject, and then `answer` says so, with the nearest cases."""
    topic = intent.topic or ""
    asked = replace(intent, kind=IntentKind.DECISION, last_meeting=False)
    found = find_decisions(session, search, context.tenant, asked)
    matter = [r for r in found.results if r.role in ("current", "history") and r.meeting_date]
    if found.found and matter:
        case = max(matter, key=lambda r: r.meeting_date or date.min)
        assert case.meeting_date is not None
        day = Period(case.meeting_date, case.meeting_date)
        narrowed = replace(
            intent, topic=None, committee=case.committee, period=day, last_meeting=False
        )
        return MeetingAbout(narrowed, case)
    lang = answer.language
    answer.found = False
    answer.results = found.results
    lines = [text(lang, "meeting_about.none", topic=topic), *render.near(found.results, lang)]
    answer.text = "\n".join(lines)
    return None
