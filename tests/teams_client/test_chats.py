"""Referent in the Teams emulator's chats: installed in the personal chat and a group chat,
asked, its cards' buttons pressed, its task form sent, and its decisions searched from the
compose box. One story in order (see conftest.py): the page is the same throughout."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from assistant.plain_text import plain_text
from assistant.texts import format_date, text
from manifest.search_command import SEARCH_COMMAND_ID, SEARCH_PARAMETER
from tests.bot.served import Served

from .bot_log import problems
from .client import TeamsClient, shown
from .playground import GROUP_CHAT, PERSONAL_CHAT

pytestmark = pytest.mark.asyncio(loop_scope="module")

NB = "nb"


async def test_installed_in_the_personal_chat_it_says_what_it_can_do(teams: TeamsClient) -> None:
    # The page opened on the personal chat, which the playground installs the bot in
    await shown(teams.message("Hei, jeg er Referent"))
    await shown(teams.message("Hva ble bestemt om LAR?"))
    # Each of its lines on a line of its own, one under the other (Markdown would have run
    # them together into one paragraph)
    lines = [plain_text(line).removeprefix("- ")[:40] for line in text(NB, "welcome").splitlines()]
    boxes = [await teams.message(line).last.bounding_box() for line in lines if line.strip()]
    assert len(boxes) >= 3 and all(b["y"] >= a["y"] + a["height"] for a, b in pairwise(boxes))
    await teams.screenshot("playground-welcome-lines", teams.message(lines[0]).last)


async def test_a_question_is_answered_with_a_card_and_its_source_on_demand(
    teams: TeamsClient,
) -> None:
    await teams.open(PERSONAL_CHAT)
    await teams.say("Hva ble bestemt om LAR?")
    answer = teams.card("Delavtale helhetlige pasientforløp").last
    await shown(answer)
    assert "SSU · 28.09.2023 · sak 2023.30" in await answer.inner_text()
    source = answer.get_by_text("Kilde: 004_1b137c0044368ac5.txt, linje 167")
    assert not await source.is_visible()  # folded away until asked for
    await answer.get_by_role("button", name=text(NB, "card.source")).click()
    await shown(source)
    await teams.screenshot("playground-card-answer", answer)


async def test_the_last_meetings_summary_shows_each_item_on_a_line(teams: TeamsClient) -> None:
    """A multi-line text answer as Teams shows it: the heading, then one case per line, one
    under the other (issue 15: Markdown would run single lines together)."""
    await teams.say("hva skjedde på siste SSU-møte")
    items = [teams.message(f"sak 2023.{n}").last for n in (28, 29, 30)]
    for item in items:
        await shown(item)
    boxes = [await item.bounding_box() for item in items]
    assert all(b["y"] >= a["y"] + a["height"] for a, b in pairwise(boxes))
    await teams.screenshot("playground-meeting-summary", items[0])


async def test_more_results_unfold_on_the_card(teams: TeamsClient) -> None:
    await teams.say("hva ble bestemt om samhandling")
    answer = teams.card("Bruk av Vestre Vikens øremerkede samhandlingsmidler").last
    await shown(answer)
    other = answer.get_by_text("Kompetansebroen")
    assert not await other.is_visible()
    await answer.get_by_role("button", name=text(NB, "card.more")).click()
    await shown(other)


async def test_a_task_is_marked_done_with_its_cards_button(teams: TeamsClient) -> None:
    # Christine Furuholmen: Teams' profile links her to the minutes' person of that name
    await teams.say("hvilke oppgaver har jeg?")
    tasks = teams.card("Dine oppgaver (Christine Furuholmen)").last
    await shown(tasks)
    task = "innkaller gruppen til et møte"
    row = tasks.locator(".ac-container").filter(has_text=task).last
    await row.get_by_role("button", name=text(NB, "card.mark_done")).click()
    await shown(teams.message("er markert som ferdig").filter(has_text=task))


async def test_the_task_form_is_filled_in_and_sent(teams: TeamsClient) -> None:
    due = date.today() + timedelta(days=30)
    await teams.say("ny oppgave")
    form = teams.form(text(NB, "form.task.submit"))
    await shown(form)
    await form.get_by_role("textbox", name=text(NB, "form.task.description")).fill(
        "lage notat om legevakt"
    )
    await form.get_by_role("textbox", name=text(NB, "form.task.assignee")).fill("Britt Kveseth")
    when = form.get_by_role("combobox", name=text(NB, "form.task.due"))
    await when.fill(f"{due.month}/{due.day}/{due.year}")
    await when.press("Tab")
    await teams.screenshot("playground-task-form", form)
    await form.get_by_role("button", name=text(NB, "form.task.submit")).click()
    saved = teams.message("Lagt inn oppgave").filter(has_text="lage notat om legevakt")
    await shown(saved)
    said = await saved.last.inner_text()
    assert "Britt Kveseth" in said and format_date(due, NB) in said


async def test_a_decision_found_from_the_compose_box_is_inserted_and_sent(
    teams: TeamsClient,
) -> None:
    results = await teams.search("samhandling", SEARCH_COMMAND_ID, SEARCH_PARAMETER)
    found = results.filter(has_text="SSU 12.09.2022, sak 19/2022")
    await shown(found)
    await found.last.click()  # inserted into the compose box as its card
    await teams.send()
    # the card, sent into the chat with the bot, gets the decision as the minutes have it
    reply = teams.message("Det kortet er fra meg")
    await shown(reply)
    source = teams.message("Kilde: 001_e39533aeb8532d23.txt, linje 16")
    await shown(source)
    assert await source.last.evaluate("e => e.tagName") == "P"  # not in the decision's list


async def test_installed_in_a_group_chat_it_answers_when_mentioned(teams: TeamsClient) -> None:
    await teams.open(GROUP_CHAT)
    await shown(teams.message("Skriv «abonner på SSU»"))  # the welcome of a group chat
    await teams.say("hva ble bestemt om LAR?", mention=True)
    await shown(teams.card("Delavtale helhetlige pasientforløp"))


async def test_no_turn_failed_in_the_bot_log(served_bot: Served) -> None:
    assert problems(served_bot.log_text()) == []
