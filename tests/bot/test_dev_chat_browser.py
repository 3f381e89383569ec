"""The dev chat page in a real headless browser: type a question, see the answer."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Running
from .fake_connector import FakeConnector
from .reminder_world import add_ssu
from .reminder_world import world as reminder_world

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser_page():  # type: ignore[no-untyped-def]
    if CHROMIUM is None:
        reason = "no Chromium installed (Debian package chromium); CI installs it"
        if os.environ.get("REFERENT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " (REFERENT_REQUIRE_BROWSER=1)")
        pytest.skip(reason)
    playwright_api = pytest.importorskip("playwright.async_api", reason="playwright not installed")
    return playwright_api


@contextlib.asynccontextmanager
async def chat_page(playwright_api: Any, bot: Running, user: str) -> AsyncIterator[Any]:
    """The dev chat page in headless Chromium, with `user` filled in as the asker."""
    async with playwright_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = await browser.new_page(locale="nb-NO")
            await page.goto(f"{bot.url}/chat")
            await page.fill("#user", user)
            yield page
        finally:
            await browser.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_typing_a_question_shows_the_answer(
    seeded: None,
    bot: Running,
    browser_page,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    async with chat_page(browser_page, bot, "Christine Furuholmen") as page:
        await page.fill("#text", "Hva ble bestemt om LAR?")
        await page.press("#text", "Enter")
        answer = page.locator(".msg.bot").filter(has_text="2023.30").first
        await answer.wait_for(timeout=15_000)
        text = await answer.inner_text()
        assert "arbeidsgruppe i regi av AU" in text
        await answer.locator("summary", has_text="Vis kilde").click()
        assert "004_" in await answer.inner_text()
        await page.fill("#text", "hvilke oppgaver har jeg?")
        await page.press("#text", "Enter")
        tasks = page.locator(".msg.bot").filter(has_text="innkaller").first
        await tasks.wait_for(timeout=15_000)
        # Each task row under a line of its own, as Teams draws the card's separator.
        row = tasks.locator(".card .sep").first
        assert "Ansvarlig" in await row.inner_text()
        style = "e => getComputedStyle(e).borderTopStyle"
        assert await row.evaluate(style) == "solid"
        assert await tasks.locator(".card .title").first.evaluate(style) == "none"
        shot = Path(os.environ.get("REFERENT_SCREENSHOTS", tmp_path)) / "dev-chat.png"
        await page.screenshot(path=str(shot), full_page=True)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_task_added_by_typing_is_marked_done_with_its_button(
    seeded: None,
    bot: Running,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    async with chat_page(browser_page, bot, "Britt Kveseth") as page:
        await page.fill("#text", "oppgave: Britt lager budsjettnotat innen 1. mars")
        await page.press("#text", "Enter")
        saved = page.locator(".msg.bot").filter(has_text="Lagt inn oppgave").first
        await saved.wait_for(timeout=15_000)
        await page.fill("#text", "hvilke oppgaver har jeg?")
        await page.press("#text", "Enter")
        listing = page.locator(".msg.bot").filter(has_text="lager budsjettnotat").last
        await listing.wait_for(timeout=15_000)
        # the button in that task's own row of the card
        row = listing.locator("div:has(> .title:text-is('Lager budsjettnotat'))")
        await row.locator("> button.submit", has_text="Marker som ferdig").click()
        done = page.locator(".msg.bot").filter(has_text="er markert som ferdig").first
        await done.wait_for(timeout=15_000)
        assert "lager budsjettnotat" in await done.inner_text()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_task_form_is_filled_in_and_sent(
    seeded: None,
    bot: Running,
    browser_page,  # type: ignore[no-untyped-def]
) -> None:
    async with chat_page(browser_page, bot, "Britt Kveseth") as page:
        await page.fill("#text", "ny oppgave")
        await page.press("#text", "Enter")
        form = page.locator(".msg.bot").filter(has_text="Hva er oppgaven?").first
        await form.wait_for(timeout=15_000)
        await form.locator("[data-input=description]").fill("lage notat om legevakt")
        await form.locator("[data-input=assignee]").fill("Britt Kveseth")
        await form.locator("[data-input=due]").fill("2026-12-01")
        await form.locator("button.submit", has_text="Legg inn oppgaven").click()
        saved = page.locator(".msg.bot").filter(has_text="Lagt inn oppgave").first
        await saved.wait_for(timeout=15_000)
        text = await saved.inner_text()
        assert "lage notat om legevakt" in text and "1. desember 2026" in text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_reminders_appear_in_the_dev_chat_and_a_task_is_done_from_one(
    database_url: str,
    connector: tuple[FakeConnector, str],
    browser_page,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    # The morning Henrik's task «Sende budsjettforslag» is due in two days (SSU, reminder_world);
    # he presses its «Marker som ferdig» himself (it is his to change)
    async for world in reminder_world(
        database_url, connector, "2026-12-04 09:00", reminders=True, reminder_poll_seconds=0.3
    ):
        await world.db.write(add_ssu)
        async with chat_page(browser_page, world.bot, "Henrik Berg") as page:
            await page.fill("#text", "abonner på SSU")
            await page.press("#text", "Enter")
            # Nothing more typed: the page shows what the scheduler sends
            agenda = page.locator(".msg.bot").filter(has_text="Påminnelse: SSU-møte").first
            await agenda.wait_for(timeout=15_000)
            assert "Budsjett for legevakten 2027" in await agenda.inner_text()
            task = page.locator(".msg.bot").filter(has_text="oppgaven har frist").first
            await task.wait_for(timeout=15_000)
            await task.locator("button.submit", has_text="Marker som ferdig").click()
            done = page.locator(".msg.bot").filter(has_text="Ferdig: markert av Henrik Berg")
            await done.first.wait_for(timeout=15_000)
            assert "Marker som ferdig" not in await done.first.inner_text()
            shot = Path(os.environ.get("REFERENT_SCREENSHOTS", tmp_path)) / "reminders.png"
            await page.screenshot(path=str(shot), full_page=True)
