"""The reply to a decision card of ours sent back into a chat: the decision as the minutes
have it now, and its source under it, not inside the decision's last point."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer_types import CaseResult, Source
from assistant.sent_card import sent_card_reply
from tests.markdown_lists import glued_to_list_items

SOURCE = {
    "nb": "Kilde: 001_e39533aeb8532d23.txt, linje 16",
    "en": "Source: 001_e39533aeb8532d23.txt, line 16",
}


def _decided(decision: str) -> CaseResult:
    return CaseResult(
        committee="SSU", meeting_date=date(2022, 9, 12), case="19/2022",
        title="Bruk av øremerkede samhandlingsmidler", decision=decision, decision_label=None,
        proposal=None, status="decided", role="current",
        source=Source("001_e39533aeb8532d23.txt", 16), case_id=7,
    )  # fmt: skip


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_source_of_a_decision_in_points_stands_apart(language: str) -> None:
    reply = sent_card_reply(
        _decided("- SSU slutter seg til forslaget.\n- SSU ber om årlig rapportering."), language
    )
    assert "- SSU ber om årlig rapportering." in reply
    assert reply.splitlines()[-1] == SOURCE[language]
    assert glued_to_list_items(reply) == []
