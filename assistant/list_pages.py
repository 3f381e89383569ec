"""Long lists in chat, a page at a time: a task list, or an agenda's open tasks, shows the
LIST_CAP most urgent (they come most urgent first: overdue, then by due date) and a last
line says how many more there are and the words that show the next page ("mine oppgaver
side 2"). A Teams message holds about 28 KB and a Slack message 50 blocks: the 200 open
tasks of a large archive would not fit, and nobody reads them in a chat. `referent ask
--all` and `referent tasks` list everything."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from storage.paging import shown_page

from .answer_types import Answer
from .intents import Intent, IntentKind
from .texts import text

LIST_CAP = 15

# Answers that list tasks: a card or Slack message shows each task (with «Marker som ferdig»)
# under the text's first line.
TASK_LISTS = frozenset({IntentKind.MY_TASKS, IntentKind.PERSON_TASKS, IntentKind.URGENT_TASKS})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    shown: list[T]
    number: int  # the page shown: the one asked for, or the last when it asked past it
    more: int  # how many come after it


def page_of(items: Sequence[T], number: int, cap: int | None) -> Page[T]:
    """Page `number` (from 1) of `items`, `cap` to a page; everything when `cap` is None."""
    if cap is None or len(items) <= cap:
        return Page(list(items), 1, 0)
    number = shown_page(number, len(items), cap)
    start = (number - 1) * cap
    return cut_page(list(items[start : start + cap]), number, cap, len(items))


def cut_page(shown: list[T], number: int, cap: int | None, total: int) -> Page[T]:
    """The page `shown` is, when the database cut it (`number` of `total` items)."""
    before = (number - 1) * cap if cap is not None else 0
    return Page(shown, number, max(0, total - before - len(shown)))


def more_of(
    intent: Intent, language: str, page: Page[T], *, person: str | None, scope: str = ""
) -> tuple[str, str]:
    """The line under a list cut to a page ("… og 12 til. Skriv «mine oppgaver side 2» for
    de neste.") and the words that ask for the next page («mine oppgaver side 2», what a
    card's «Vis flere» sends); both "" when none follow. The words asked again are the
    question's own kind, which «side N» leaves as it is; a task list's `scope` is what
    narrowed it (" om LAR i SSU", assistant/task_scope.py), asked again too."""
    if not page.more:
        return "", ""
    again = _asked_again(intent, language, person, scope)
    words = text(language, "list.next", again=again, page=page.number + 1)
    return text(language, "list.more", count=page.more, next=words), words


def _asked_again(intent: Intent, language: str, person: str | None, scope: str) -> str:
    if intent.kind == IntentKind.AGENDA:
        if intent.committee:
            return text(language, "list.again.agenda_of", committee=intent.committee)
        return text(language, "list.again.agenda")
    if intent.kind == IntentKind.MY_TASKS:
        return text(language, "list.again.mine", scope=scope)
    if intent.person and person:
        return text(language, "list.again.person", name=person, scope=scope)
    if intent.committee and not (intent.topic or intent.period or intent.last_meeting):
        return text(language, "list.again.committee", committee=intent.committee)
    if scope:
        return text(language, "list.again.open", scope=scope)
    return text(language, "list.again.everyone")


def text_heads(answer: Answer) -> list[str]:
    """The answer text's own lines that are not list items: its title and section heads."""
    return [ln for ln in answer.text.splitlines() if ln.strip() and not ln.startswith("- ")]


def under_list(answer: Answer) -> list[str]:
    """What a task list's text says under the list, besides the next page's words: an
    urgent list's "I tillegg 2 åpne oppgaver med senere eller ingen frist."."""
    return [h for h in text_heads(answer)[1:] if h != answer.more]
