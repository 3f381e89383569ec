"""Which page of a list is shown: the one asked for, or the last when it asked past it (and
the first of an empty list). One rule for lists cut in SQL (`queries.tasks_for`) and in
memory (`assistant/list_pages.py`)."""

from __future__ import annotations


def shown_page(number: int, total: int, per_page: int) -> int:
    """Page `number` (from 1) of `total` items, `per_page` to a page, kept within the pages
    there are."""
    return min(max(number, 1), max(1, -(-total // per_page)))
