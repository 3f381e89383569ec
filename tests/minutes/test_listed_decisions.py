"""A "Decisions" section that lists a working group's decisions apart from its notes: each entry
goes to the item it is about, beside the item's own decision — and entries about nothing in
particular go nowhere."""

from __future__ import annotations

from minutes.model import CaseStatus
from minutes.parser import parse_minutes
from minutes.readers import read_bytes

NOTES = """# October 29, 2024

## Notes
### Schema 5.1.1 rollout
The team is on schedule for the testing environment. Some wanted a longer testing period with
production data. It was decided that this would be taken up at the next TWG meeting.

### Service priorities
* Issue 1274: standardise timestamps to UTC. It should be split in two user stories.
* Issue 1238: user deletion endpoint, needs discussion.

### Outreach
A blog post is planned.

## Decisions

* For Issue 1274: break the issue up into two user stories, one for new UTC timestamps.
* It was decided that the AWG would ask the TWG why the schema needs a longer testing period.
* See notes above for each issue.

## Action Items

* AWG Chair: ask the TWG about the testing period.
"""


def cases() -> dict[str, tuple[CaseStatus, str | None]]:
    minutes = parse_minutes(read_bytes(NOTES.encode(), ".md"))
    return {c.title: (c.status, c.decision) for c in minutes.cases}


def test_each_listed_decision_goes_to_the_item_it_is_about_first_among_its_decisions() -> None:
    found = cases()
    status, decision = found["Schema 5.1.1 rollout"]
    assert status == CaseStatus.DECIDED
    assert (decision or "").split("\n") == [
        "It was decided that the AWG would ask the TWG why the schema needs a longer testing "
        "period.",
        "It was decided that this would be taken up at the next TWG meeting.",
    ]
    status, decision = found["Service priorities"]
    assert status == CaseStatus.DECIDED
    assert (
        decision
        == "For Issue 1274: break the issue up into two user stories, one for new UTC timestamps."
    )


def test_an_entry_about_nothing_in_particular_goes_nowhere() -> None:
    found = cases()
    assert found["Outreach"] == (CaseStatus.NOTED, None)
    assert not any("See notes above" in (d or "") for _, d in found.values())


def test_one_shared_common_word_is_not_enough() -> None:
    """ "Meetings will be once a week" shares "meeting" and "time" with an entry about
    time-sensitive items: not enough to be its decision."""
    text = (
        "# 2023-06-15\n\n## Agenda\n\n- Figure out regular meeting cadence\n"
        "- Enumerate time-sensitive items before the next meeting\n\n## Minutes\n\n"
        "- Nothing recorded.\n\n### Consented Decisions\n\n"
        "- Meetings will be once a week for the time being\n"
    )
    minutes = parse_minutes(read_bytes(text.encode(), ".md"))
    assert [c.decision for c in minutes.cases] == [None, None]
