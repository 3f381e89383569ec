"""How a chat client's Markdown (Teams, its emulator) reads the bot's "- " lists: a line
right after a list item, neither an item itself nor blank, is more of that item (CommonMark's
lazy continuation), so a question or a source line put there is shown inside the last
point."""

from __future__ import annotations

from itertools import pairwise


def glued_to_list_items(text: str) -> list[str]:
    """The lines of `text` that Markdown would read as part of the list item above them."""
    lines = text.splitlines()
    return [
        line
        for above, line in pairwise(lines)
        if above.startswith("- ") and line.strip() and not line.startswith("- ")
    ]
