"""The playground's web page in headless Chromium, driven as a person would: pick a chat or
channel in the side bar, type (mentioning the bot where Teams needs it), press a card's
buttons, fill its forms, use the compose box's search and the «Mock an Activity» menu.

The page's markup is generated class names; what is stable is what a person sees and
what assistive technology reads: roles, accessible names, the text, and the Adaptive
Cards renderer's own `ac-` classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .playground import BOT_NAME

WAIT_MS = 15_000  # the longest a reply may take to show


@dataclass
class TeamsClient:
    page: Any  # playwright.async_api.Page
    shots: Path

    async def open(self, conversation: str) -> None:
        """A chat or channel from the side bar (PERSONAL_CHAT, GROUP_CHAT, TEAM_CHANNEL …).
        Opened the first time, the playground installs the bot there."""
        await self.page.get_by_role("treeitem", name=conversation, exact=True).click()

    async def say(self, words: str, *, mention: bool = False, newest_post: bool = False) -> None:
        """Type `words` into the compose box and send them; in a group chat or a channel
        the bot hears only a message that mentions it (`mention`), as in Teams. In a
        channel they are a reply to its oldest post, or to its `newest_post`."""
        boxes = self.page.locator("[data-lexical-editor=true]")
        # A channel shows the box for a new post first, then its posts newest first, each
        # with its reply box.
        await (boxes.nth(1) if newest_post else boxes.last).click()
        if mention:
            await self.page.keyboard.type("@" + BOT_NAME[:3])
            await self.page.get_by_role("menuitem", name=BOT_NAME).click()
            await self.page.keyboard.type(" ")
        await self.page.keyboard.type(words)
        await self.page.keyboard.press("Enter")

    def card(self, has_text: str) -> Any:
        """The Adaptive Cards shown that hold `has_text`."""
        return self.page.locator(".ac-adaptiveCard").filter(has_text=has_text)

    def form(self, submit: str) -> Any:
        """The newest card form with the button `submit`."""
        button = self.page.get_by_role("button", name=submit, exact=True)
        return self.page.locator(".ac-adaptiveCard").filter(has=button).last

    def message(self, has_text: str) -> Any:
        """The paragraphs and list items of the conversation (messages and cards) holding
        `has_text`; not the side bar's previews."""
        return self.page.locator("p, li").filter(has_text=has_text)

    async def mock(self, activity: str) -> None:
        """«Mock an Activity» → `activity` ("Install application", "Remove application" …)
        in the open conversation, sent as the playground shows it."""
        await self.page.get_by_text("Mock an Activity", exact=True).click()
        await (
            self.page.get_by_role("menuitem")
            .filter(has_text=re.compile(f"^{re.escape(activity)}$"))
            .click()
        )
        await self.page.get_by_role("button", name="Send activity").click()

    async def search(self, words: str, command_id: str, parameter: str) -> Any:
        """The compose box's search (a search-based messaging extension) for `words`; the
        results' headings. The playground reads no manifest: it is told the command id and
        parameter name the manifest declares, as its «Specify Command ID or Parameter» asks."""
        await self.page.get_by_role("button", name="Trigger Message Extension App").last.click()
        await self.page.get_by_text("Search Command", exact=True).click()
        await self.page.get_by_text("Specify Command ID or Parameter").click()
        await self.page.get_by_placeholder("Command ID").fill(command_id)
        await self.page.get_by_placeholder("Parameter name").fill(parameter)
        await self.page.get_by_placeholder("Enter a search term").fill(words)
        return self.page.locator("h1")

    async def send(self) -> None:
        """Send what the compose box holds (a card inserted from the search)."""
        await self.page.get_by_role("button", name="Send Message").last.click()

    async def screenshot(self, name: str, showing: Any) -> Path:
        """The page, scrolled to `showing`, saved as `name`.png."""
        await showing.scroll_into_view_if_needed()
        path = self.shots / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


async def shown(locator: Any) -> None:
    """Wait until `locator` shows (its newest match), or fail saying what did not."""
    from playwright.async_api import expect

    await expect(locator.last).to_be_visible(timeout=WAIT_MS)


async def counted(locator: Any, count: int) -> None:
    """Wait until `locator` matches `count` elements."""
    from playwright.async_api import expect

    await expect(locator).to_have_count(count, timeout=WAIT_MS)
