"""A task reminder's heading and its card reckon the due date from the same day, the day
it is sent (in the committee's zone, whatever the machine's): a due-day reminder sent
late says the task is overdue, as the card's «forfalt» does, not that it is due today.
Henrik's task «Sende budsjettforslag» is due Tuesday 8 December 2026. Over real HTTP with
the Connector fake, on SQLite and PostgreSQL, in two process time zones."""

from __future__ import annotations

import pytest

from .reminder_world import World, card_text

pytestmark = pytest.mark.usefixtures("process_tz")

OVERDUE = "Påminnelse: fristen for oppgaven var 8. desember 2026."
DUE_TODAY = "Påminnelse: oppgaven har frist i dag."
BEFORE = "Påminnelse: oppgaven har frist 8. desember 2026."


@pytest.fixture
async def ssu(ssu: World) -> World:
    """The SSU world, subscribed to SSU in the team's channel."""
    await ssu.say("abonner på SSU")  # the committee's tasks are reminded here
    return ssu


def _budget_reminders(w: World) -> list[tuple[str, str, bool]]:
    """Each reminder of the budget task: its heading (the card's first line), the
    preview's, and whether the card says «forfalt»."""
    found = []
    for post in w.task_posts():
        card = card_text(post)
        if "Sende budsjettforslag" in card:
            found.append((card.splitlines()[0], post.activity["summary"], "forfalt" in card))
    return found


async def test_the_due_day_reminder_sent_late_says_overdue_as_its_card_does(ssu: World) -> None:
    await ssu.at("2026-12-04 09:00")  # two days before (6 December is a Sunday)
    # The due-day reminder (8 December 09:00) goes out only after midnight: the bot was
    # down. In New York it is still 8 December; the committee's day is the 9th.
    await ssu.at("2026-12-09 00:30")
    assert _budget_reminders(ssu) == [(BEFORE, BEFORE, False), (OVERDUE, OVERDUE, True)]


async def test_a_due_day_reminder_sent_on_time_says_due_today(ssu: World) -> None:
    await ssu.at("2026-12-08 09:00")
    assert _budget_reminders(ssu) == [(DUE_TODAY, DUE_TODAY, False)]


async def test_the_reminder_before_sent_late_on_the_due_day_says_due_today(ssu: World) -> None:
    # Its stage is "before" (4 December), but it goes out on the 8th, before 09:00
    await ssu.at("2026-12-08 08:00")
    assert _budget_reminders(ssu) == [(DUE_TODAY, DUE_TODAY, False)]


async def test_sent_days_late_it_names_the_due_date(ssu: World) -> None:
    await ssu.at("2026-12-14 10:00")  # a week late: still the due-day stage, until the 15th
    assert _budget_reminders(ssu) == [(OVERDUE, OVERDUE, True)]
