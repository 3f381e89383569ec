"""The dev chat in headless Chromium shows a multi-line answer a line per line (a text
answer, a list, a card's decision), measured where the browser lays the text out, and shows
the bot's Markdown as Teams does: a single line break inside a paragraph is no new line
there (the near miss the bot must avoid)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import Running
from .test_dev_chat_browser import browser_page, chat_page

__all__ = ["browser_page"]  # the fixture, used by name

# Where each of `needles` starts on the page: the box of its first character's line (the
# text is found in the element's text nodes; the first match of each counts).
_WHERE = """(element, needles) => needles.map(needle => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const box = range.getClientRects()[0];
    return {top: box.top, bottom: box.bottom, left: box.left};
  }
  return null;
})"""


async def where(element: Any, *needles: str) -> list[dict[str, float]]:
    found = await element.evaluate(_WHERE, list(needles))
    assert None not in found, (needles, found)
    return found


def one_under_the_other(above: dict[str, float], below: dict[str, float]) -> bool:
    """`below` starts on a line box of its own, under `above`'s, at the same left edge."""
    return below["top"] >= above["bottom"] - 0.5 and abs(below["left"] - above["left"]) < 1


@pytest.fixture
def examples(example_minutes: None) -> None:
    """The project's example minutes: LSU meets 9 December, SSU 14 December 2026."""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_next_meetings_are_shown_a_line_each(
    examples: None,
    bot: Running,
    browser_page,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    async with chat_page(browser_page, bot, "Henrik Berg") as page:
        await page.fill("#text", "når er neste møte?")
        await page.press("#text", "Enter")
        answer = page.locator(".msg.bot").filter(has_text="Neste møte i SSU").first
        await answer.wait_for(timeout=15_000)
        lsu, ssu = await where(answer, "Neste møte i LSU", "Neste møte i SSU")
        assert one_under_the_other(lsu, ssu), (lsu, ssu)
        shot = Path(os.environ.get("REFERENT_SCREENSHOTS", tmp_path)) / "dev-chat-lines.png"
        await page.screenshot(path=str(shot), full_page=True)

        # «hjelp»: a paragraph, then its points as one list, each point on its own line
        await page.fill("#text", "hjelp")
        await page.press("#text", "Enter")
        helped = page.locator(".msg.bot").filter(has_text="abonner på SSU").first
        await helped.wait_for(timeout=15_000)
        points = await helped.locator("li").all_inner_texts()
        assert len(points) >= 3 and await helped.locator("ul").count() == 1
        starts = await where(helped, *(point[:12] for point in points))
        assert all(map(one_under_the_other, starts, starts[1:])), starts

        # a decision card: the decision's two lines, one under the other
        await page.fill("#text", "hva ble bestemt om DHO?")
        await page.press("#text", "Enter")
        card = page.locator(".msg.bot .card").filter(has_text="Storøya kommune").first
        await card.wait_for(timeout=15_000)
        decided, reduced = await where(card, "Forslaget til kostnadsfordeling", "Storøya kommune")
        assert one_under_the_other(decided, reduced), (decided, reduced)
        shot = Path(os.environ.get("REFERENT_SCREENSHOTS", tmp_path)) / "dev-chat-card-lines.png"
        await page.screenshot(path=str(shot), full_page=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_page_reads_markdown_as_teams_does(
    bot: Running,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    async with chat_page(browser_page, bot, "Henrik Berg") as page:
        shown = await page.evaluate(
            """texts => texts.map(text => {
                const div = document.createElement("div");
                div.className = "msg bot";
                div.innerHTML = markdown(text);
                document.getElementById("log").appendChild(div);
                return div.id = "shown-" + document.querySelectorAll(".msg").length;
            })""",
            [
                "Neste møte i LSU\nNeste møte i SSU",  # one paragraph: one line
                "Neste møte i LSU\n\nNeste møte i SSU",
                "Neste møte i LSU  \nNeste møte i SSU",  # a hard break
                "**Vedtak:**\n1. Første\n2. Andre\nOppfølging\n\nKilde: x",
            ],
        )
        joined, apart, hard, listed = (page.locator(f"#{id_}") for id_ in shown)
        lsu, ssu = await where(joined, "Neste møte i LSU", "Neste møte i SSU")
        assert lsu["top"] == ssu["top"] and not one_under_the_other(lsu, ssu)
        for element in (apart, hard):
            lsu, ssu = await where(element, "Neste møte i LSU", "Neste møte i SSU")
            assert one_under_the_other(lsu, ssu)
        assert await listed.locator("strong").inner_text() == "Vedtak:"
        assert await listed.locator("ol > li").all_inner_texts() == [
            "Første",
            "Andre Oppfølging",  # a line under a point is more of it
        ]
        assert await listed.locator("p").all_inner_texts() == ["Vedtak:", "Kilde: x"]
