"""A decision card of ours sent back into a chat with the bot (inserted from the compose
box's search): answered with the decision as the record has it now, with its source,
which the card folds away behind «Vis kilde». Not "I didn't understand that": the user
sent the bot its own card, most likely to ask about it; the reply shows that the bot
knows the card, where it comes from and whether it still holds."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.models import Case

from . import render
from .answer_types import CaseResult
from .decision_answer import case_result
from .texts import text


def decision_of_card(session: Session, tenant: str, case_id: int) -> CaseResult | None:
    """The case a card of ours shows, as it is now; None when it is gone (or another
    tenant's)."""
    case = session.get(Case, case_id)
    if case is None or case.tenant != tenant:
        return None
    return case_result(case, "current")


def sent_card_reply(result: CaseResult | None, language: str) -> str:
    if result is None:
        return text(language, "card.sent.gone")
    return text(
        language,
        "card.sent.decision",
        heading=render.case_heading(result, language),
        outcome=render.case_outcome(result, language),
        source=render.source_line(result, language),
    )
