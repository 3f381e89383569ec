"""Answers as Adaptive Cards (schema 1.5): what a Teams user sees. Text comes from
assistant/texts.py and assistant/render.py, so a card and the chat text say the same."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant import render
from assistant.answer_types import Answer, CaseResult, TaskResult
from assistant.intents import IntentKind
from assistant.list_pages import TASK_LISTS, text_heads, under_list
from assistant.texts import short_date, text
from dialogs.task_form import FORM_KEY

CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
MORE_RESULTS = 5  # shown behind "Flere treff"


# What a card's buttons send back: {ACTION_KEY: DONE_ACTION, "task_id": N} (the forms of
# dialogs/ use the same key).
ACTION_KEY = FORM_KEY
DONE_ACTION = "task.done"
# The id of a decision card's first block, with the case's id after it: how the bot knows
# its own card sent back to it (inserted from the compose-box search; bot/sent_cards.py).
DECISION_MARK = "referent.decision."


def card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict:
    card: dict[str, Any] = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5",
                            "body": body}  # fmt: skip
    if actions:
        card["actions"] = actions
    return card


def text_block(value: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": value, "wrap": True, **style}


def _case_blocks(
    result: CaseResult, language: str, *, labelled: bool = False
) -> list[dict[str, Any]]:
    """The case's title and citation, its outcome and what was reported (a decision
    first; for a case not decided what was reported first, and its follow-up), as the
    text answer shows them. `labelled`: its status stands above it, not said again."""
    when = result.meeting_date and short_date(result.meeting_date)
    number = result.case and f"{text(language, 'case')} {result.case}"
    facts = [f for f in (result.committee, when, number) if f]
    blocks = [
        text_block(result.title, weight="Bolder", size="Medium"),
        text_block(" · ".join(facts), isSubtle=True, spacing="None"),
    ]
    said = render.reported(result, language)
    told = (render.lead_outcome if labelled else render.case_outcome)(result, language)
    outcome = [text_block(told)] if told else []
    if said and result.status == "decided":
        blocks += [*outcome, text_block(said)]  # the decision first
    else:
        blocks += [*([text_block(said)] if said else []), *outcome]
    after = render.follow_up(result, language)
    if after:
        blocks.append(text_block(text(language, "case.follow_up"), weight="Bolder"))
        blocks += [text_block(f"• {line.removeprefix('- ')}", spacing="None") for line in after]
    return blocks


def _source(result: CaseResult | TaskResult, language: str) -> dict[str, Any]:
    """ "Vis kilde": the document and position, folded away until asked for."""
    return {
        "type": "Action.ShowCard",
        "title": text(language, "card.source"),
        "card": card([text_block(render.source_line(result, language), isSubtle=True)]),
    }


def decision_card(answer: Answer, only: CaseResult | None = None) -> dict[str, Any]:
    """The leading decision with "Vis kilde" and "Flere treff"; `only`: that one alone."""
    language = answer.language
    first, *rest = [only] if only else answer.results
    mark = f"{DECISION_MARK}{first.case_id}"
    body = [text_block(answer.note)] if answer.note and not only else []
    body.append(text_block(render.decision_label(first, language), isSubtle=True, id=mark))
    body += _case_blocks(first, language, labelled=True)
    actions = [_source(first, language)]
    if rest:
        more: list[dict[str, Any]] = []
        for result in rest[:MORE_RESULTS]:
            more += _case_blocks(result, language)
            source = render.source_line(result, language)
            more.append(text_block(source, isSubtle=True, size="Small"))
        actions.append({"type": "Action.ShowCard", "title": text(language, "card.more"),
                        "card": card(more)})  # fmt: skip
    return card(body, actions)


def task_row(task: TaskResult, language: str, today: date) -> dict[str, Any]:
    owner = render.task_owner(task, language)
    state = render.task_state(task, language, today)
    due = render.task_due(task, language) or text(language, "card.no_due")
    due = ", ".join([due, *state])
    cite = render.task_cite(task, language)
    # An overdue task's description in the attention colour (a FactSet's value, its due
    # date, takes no colour); the source line stays subtle, as on every other card.
    color = "Attention" if render.is_overdue(task, today) else "Default"
    return {
        "type": "Container",
        "separator": True,
        "items": [
            text_block(render.task_heading(task), weight="Bolder", color=color),
            {"type": "FactSet", "facts": [
                {"title": text(language, "card.owner"), "value": owner},
                {"title": text(language, "card.due"), "value": due},
                # the number «ferdig med oppgave 12» and «utsett oppgave 12 …» refer to
                {"title": text(language, "card.task_number"), "value": str(task.task_id)},
                *([{"title": text(language, "card.case"), "value": cite}] if cite else []),
            ]},
            text_block(render.source_line(task, language), isSubtle=True, size="Small"),
            *([_done_button(task, language)] if task.status == "open" else []),
        ],
    }  # fmt: skip


def _done_button(task: TaskResult, language: str) -> dict[str, Any]:
    """«Marker som ferdig»: Teams sends the data back as a message's value (bot/teams_bot)."""
    return {"type": "ActionSet", "actions": [{
        "type": "Action.Submit", "title": text(language, "card.mark_done"),
        "data": {ACTION_KEY: DONE_ACTION, "task_id": task.task_id},
    }]}  # fmt: skip


def tasks_card(answer: Answer, today: date) -> dict[str, Any]:
    body = [text_block(h, weight="Bolder") for h in text_heads(answer)[:1]]
    body += [task_row(t, answer.language, today) for t in answer.tasks]
    body += [text_block(h, isSubtle=True, spacing="Medium") for h in under_list(answer)]
    return card(body + _more(answer))


def _more(answer: Answer) -> list[dict[str, Any]]:
    """The line under a list cut to a page: how many more, and the words for the next; and
    «Vis flere», which sends those words as if typed (imBack: in a channel too, without a
    mention, and everyone sees what was asked)."""
    if not answer.more:
        return []
    button = {
        "type": "Action.Submit",
        "title": text(answer.language, "card.next_page"),
        "data": {"msteams": {"type": "imBack", "value": answer.next_page}},
    }
    return [
        text_block(answer.more, isSubtle=True, spacing="Medium"),
        {"type": "ActionSet", "actions": [button]},
    ]


def agenda_card(answer: Answer, today: date) -> dict[str, Any]:
    """The meeting's cases, those postponed to it and what earlier minutes set for it, then
    the committee's open tasks, under the text's heads."""
    language = answer.language
    title = text_heads(answer)[0]
    body = [text_block(title, weight="Bolder", size="Medium")]
    filed = [r for r in answer.results if r.role not in render.EARLIER_ROLES]
    body += [text_block(f"• {render.case_heading(case, language)}") for case in filed]
    body += earlier_blocks(answer.results, language)
    if answer.tasks:
        committee = answer.meetings[0].committee if answer.meetings else None
        head = text(language, "agenda.open_tasks", committee=committee or "?")
        body.append(text_block(head, weight="Bolder", spacing="Large"))
        body += [task_row(t, language, today) for t in answer.tasks]
    return card(body + _more(answer))


def earlier_blocks(results: list[CaseResult], language: str) -> list[dict[str, Any]]:
    """An agenda's postponed cases and what earlier minutes set for it (render's
    earlier_items), each list under its bold head."""
    blocks = []
    for head, lines in render.earlier_items(results, language):
        blocks.append(text_block(head, weight="Bolder", spacing="Large"))
        blocks += [text_block(f"• {line}", spacing="None") for line in lines]
    return blocks


def card_for(answer: Answer, today: date) -> dict[str, Any] | None:
    """The card for an answer, or None when plain text says it as well."""
    kind = answer.intent.kind
    # A decision question without a topic lists a committee's decisions: the text's list,
    # not a card leading with one of them as "the decision in force".
    if kind == IntentKind.DECISION and answer.results and answer.found and answer.intent.topic:
        return decision_card(answer)
    if kind in TASK_LISTS and answer.tasks:
        return tasks_card(answer, today)
    if kind == IntentKind.AGENDA and (answer.results or answer.tasks):
        return agenda_card(answer, today)
    return None
