"""Issue 17, item 4: answers as Slack Block Kit messages, built from the real store (the
project's example minutes on SQLite and PostgreSQL, asked through Assistant.answer) and
through slack_sdk.models, whose validation raises SlackObjectFormationError on a block Slack
would refuse — each question kind in nb and en, and the longest texts the store holds."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from assistant import render
from assistant.answer_types import Answer
from assistant.intents import Intent, IntentKind
from assistant.list_pages import LIST_CAP
from assistant.texts import text
from bot.slack.blocks import (
    DONE_ACTION,
    HEADER_CHARS,
    MAX_BLOCKS,
    SECTION_CHARS,
    SlackMessage,
    message_for,
)
from bot.slack.mrkdwn import clip, escape, from_markdown
from storage.database import Database
from storage.models import Case, Task
from tests.assistant import test_question_types as question_types
from tests.conftest import TIMEZONES

examples = question_types.examples  # the example minutes imported into the `db` fixture
K = IntentKind
LANGUAGES = ("nb", "en")


async def ask(db: Database, question: str, language: str, asker: str | None = None) -> Answer:
    assistant = question_types.assistant_for(db, "Europe/Oslo")
    return await assistant.answer(question, asker=asker, language=language)


def message(answer: Answer) -> SlackMessage:
    return message_for(answer, date(2026, 12, 4))


def texts_of(msg: SlackMessage) -> list[str]:
    """Every text in the message's blocks, in order."""
    found: list[str] = []
    for block in msg.blocks:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e["text"] for e in block.get("elements", []) if "text" in e]
    return found


def buttons(msg: SlackMessage) -> list[dict[str, Any]]:
    return [b["accessory"] for b in msg.blocks if b.get("accessory", {}).get("type") == "button"]


def assert_within_limits(msg: SlackMessage) -> None:
    """What Slack accepts, checked again from the dicts: each block parses back through
    slack_sdk.models and validates; the counts and lengths Slack documents."""
    assert msg.text and "**" not in msg.text and len(msg.text) <= 3000
    assert 0 < len(msg.blocks) <= MAX_BLOCKS
    for block in msg.blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.validate_json()  # raises SlackObjectFormationError
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_CHARS
            assert "**" not in block["text"]["text"]
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_CHARS
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
            assert all(len(e["text"]) <= SECTION_CHARS for e in block["elements"])
    for button in buttons(msg):
        assert len(button["text"]["text"]) <= 75


# ------------------------------------------------------------------ each question kind


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_decision_leads_with_its_title_citation_and_source(
    examples: Database, language: str
) -> None:
    answer = await ask(examples, "hva ble bestemt om LAR?", language)
    assert answer.intent.kind == K.DECISION and answer.found
    msg = message(answer)
    assert_within_limits(msg)
    first = answer.results[0]
    header, facts, outcome, source = msg.blocks[:4]
    assert header["type"] == "header" and header["text"]["text"] == first.title
    assert header["block_id"] == f"referent.decision.{first.case_id}"
    case = text(language, "case")
    assert facts["elements"][0]["text"] == f"LSU · 14.10.2026 · {case} 3"
    label = render.decision_label(first, language)
    assert outcome["text"]["text"].startswith(f"*{label}*\n1. Forslaget til felles rutine")
    assert source["type"] == "context"
    assert source["elements"][0]["text"] == render.source_line(first, language)
    # the other matches, compact, under «Flere treff»
    more = [t for t in texts_of(msg) if t.startswith(f"*{text(language, 'card.more')}*")]
    assert more and f"SSU 26.10.2026, {case} 2026.42" in more[0]
    assert msg.text.startswith(f"{label} — LSU 14.10.2026, {case} 3")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_answers_note_stands_above_the_decision(
    examples: Database, language: str
) -> None:
    answer = await ask(examples, "hva ble bestemt om LAR i OSU?", language)
    assert answer.found and answer.note
    msg = message(answer)
    assert_within_limits(msg)
    assert msg.blocks[0] == {"type": "section", "text": {"type": "mrkdwn", "text": answer.note}}
    assert msg.blocks[1]["type"] == "header"
    assert msg.text.startswith(answer.note)
    # near miss: without a note the case leads
    plain = await ask(examples, "hva ble bestemt om LAR?", language)
    assert plain.note is None and message(plain).blocks[0]["type"] == "header"


@pytest.mark.parametrize("language", LANGUAGES)
async def test_an_information_item_shows_what_was_reported(
    examples: Database, language: str
) -> None:
    answer = await ask(examples, "hva skjedde med hospiteringsordningen?", language)
    assert answer.intent.kind == K.DECISION
    msg = message(answer)
    assert_within_limits(msg)
    first = answer.results[0]
    assert first.status == "postponed"
    said = render.reported(first, language)
    assert said
    assert f"*{render.decision_label(first, language)}*\n{said}" in texts_of(msg)
    case = text(language, "case")
    assert f"LSU · 14.10.2026 · {case} 5" in texts_of(msg)


@pytest.mark.parametrize("tz", TIMEZONES)
@pytest.mark.parametrize("language", LANGUAGES)
async def test_my_tasks_carry_a_done_button_with_the_task_id(
    examples: Database, language: str, tz: str
) -> None:
    assistant = question_types.assistant_for(examples, tz)
    answer = await assistant.answer("mine oppgaver", asker="Henrik Berg", language=language)
    assert answer.intent.kind == K.MY_TASKS and answer.tasks
    msg = message_for(answer, assistant.today())
    assert_within_limits(msg)
    assert msg.blocks[0]["type"] == "header"
    assert msg.blocks[0]["text"]["text"] == answer.text.splitlines()[0].removesuffix(":")
    open_ids = [str(t.task_id) for t in answer.tasks if t.status == "open"]
    assert open_ids and [b["value"] for b in buttons(msg)] == open_ids
    assert {b["action_id"] for b in buttons(msg)} == {DONE_ACTION}
    assert {b["text"]["text"] for b in buttons(msg)} == {text(language, "card.mark_done")}
    row = texts_of(msg)[1]
    assert "LSU 14.10.2026" in row and text(language, "tasks.overdue") in row


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_agenda_lists_what_was_set_and_the_open_tasks(
    examples: Database, language: str
) -> None:
    answer = await ask(examples, "hva står på sakslisten til SSU?", language)
    assert answer.intent.kind == K.AGENDA
    msg = message(answer)
    assert_within_limits(msg)
    assert msg.blocks[0]["type"] == "header"
    assert msg.blocks[0]["text"]["text"].startswith(answer.text.splitlines()[0][:20])
    every = "\n".join(texts_of(msg))
    case = text(language, "case")
    assert f"(SSU 26.10.2026 {case} 2026.45)" in every
    assert f"*{text(language, 'agenda.open_tasks', committee='SSU')[:-1]}*" in every
    assert [b["value"] for b in buttons(msg)] == [str(t.task_id) for t in answer.tasks]


@pytest.mark.parametrize(
    ("question", "kind", "said"),
    [
        ("når er neste møte?", K.NEXT_MEETING, "9"),
        ("hva skjedde på siste SSU-møte?", K.MEETING_SUMMARY, "2026.42"),
        ("hvem hadde forfall på LSU i oktober?", K.ATTENDANCE, "Liv Tangen"),
        ("hva blir været i morgen?", K.UNKNOWN, "LAR"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
async def test_other_answers_are_sections_of_their_text(
    examples: Database, language: str, question: str, kind: IntentKind, said: str
) -> None:
    answer = await ask(examples, question, language)
    assert answer.intent.kind == kind
    msg = message(answer)
    assert_within_limits(msg)
    assert {b["type"] for b in msg.blocks} == {"section"}
    shown = "\n".join(texts_of(msg))
    assert shown == from_markdown(answer.text)
    assert said in shown
    if "\n- " in answer.text:  # list items keep their bullet
        assert "\n• " in shown and "\n- " not in shown


# ------------------------------------------------------------------ the longest texts


LONG = 20_000


def _longest(session: Session) -> None:
    """LAR's case with a 20,000-character title and decision; the postponed hospitering
    case with 200 tasks of 2,000 characters each, all Henrik Berg's, with Slack's control
    characters and Markdown marks inside."""
    lar = session.scalar(select(Case).where(Case.title.like("Legemiddelassistert%")))
    assert lar is not None
    words = "LAR-rutinen gjelder for alle kommunene & sykehuset <alle> a*b*c snake_case "
    session.execute(
        update(Case)
        .where(Case.id == lar.id)
        .values(
            title=("Legemiddelassistert rehabilitering (LAR) " + words * 300)[:LONG],
            decision=(words * 300)[:LONG],
        )
    )
    henrik = session.scalar(select(Task).where(Task.assignee_name == "Henrik Berg"))
    hospitering = session.scalar(select(Case).where(Case.title.like("Felles hospitering%")))
    assert henrik is not None and hospitering is not None
    for n in range(200):
        session.add(
            Task(
                document_id=hospitering.document_id,
                meeting_id=hospitering.meeting_id,
                case_id=hospitering.id,
                committee_id=hospitering.committee_id,
                tenant=henrik.tenant,
                description=f"Henrik Berg følger opp punkt {n}: " + (words * 30)[:2000],
                assignee_kind="person",
                assignee_name="Henrik Berg",
                person_id=henrik.person_id,
                due_text=("til høsten " * 10)[:100],
                due_is_approximate=True,
                status="open",
                line=n,
            )
        )


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_longest_texts_the_store_holds_fit_slack(
    examples: Database, language: str
) -> None:
    await examples.write(_longest)
    questions = [
        ("hva ble bestemt om LAR?", None, K.DECISION),
        ("hva skjedde med hospiteringsordningen?", None, K.DECISION),
        ("mine oppgaver", "Henrik Berg", K.MY_TASKS),
        ("hva står på sakslisten til LSU?", None, K.AGENDA),
        ("hva skjedde på siste LSU-møte?", None, K.MEETING_SUMMARY),
    ]
    for question, asker, kind in questions:
        answer = await ask(examples, question, language, asker=asker)
        assert answer.intent.kind == kind, question
        msg = message(answer)
        assert_within_limits(msg)
        if kind == K.MY_TASKS:  # a page of the most urgent, and how to see the rest
            assert len(answer.tasks) == LIST_CAP and answer.more
            assert len(msg.blocks) == LIST_CAP + 3  # heading, rows, the line, «Vis flere»
            assert msg.blocks[-2]["elements"][0]["text"] == answer.more
            assert msg.blocks[-1]["elements"][0]["value"] == answer.next_page
        if question.startswith("hva ble bestemt"):
            header = msg.blocks[0]["text"]["text"]
            assert header.startswith("Legemiddelassistert") and header.endswith("…")
        if question.startswith("hva skjedde med"):  # 200 tasks followed up: counted
            more = "\n".join(texts_of(msg))
            assert "_" + text(language, "slack.more", count=0)[:4] in more


# ------------------------------------------------------------------ mrkdwn near misses


def test_markdown_bold_becomes_slack_bold_and_lists_keep_their_bullet() -> None:
    assert from_markdown("**Gjeldende vedtak** — LSU 14.10.2026") == (
        "*Gjeldende vedtak* — LSU 14.10.2026"
    )
    assert from_markdown("Oppgaver:\n- Henrik Berg: innkaller") == (
        "Oppgaver:\n• Henrik Berg: innkaller"
    )


@pytest.mark.parametrize(
    "written",
    [
        "a*b*c og 2*3*4",  # stars inside words
        "snake_case_name og fil_navn_v2",  # underscores inside words
        "5 * 3 * 2 = 30",
        "x**2**y",  # a power, not bold: "**" inside a word
        "- ikke en liste fordi: -5 grader",
        "Punkt 1 -- punkt 2",
    ],
)
def test_stars_and_underscores_inside_words_are_left_as_written(written: str) -> None:
    converted = from_markdown(written)
    expected = written.replace("- ", "• ", 1) if written.startswith("- ") else written
    assert converted == expected


def test_slacks_control_characters_are_escaped() -> None:
    assert escape("A & B <C> D") == "A &amp; B &lt;C&gt; D"
    assert from_markdown("<!channel> & <@U123>") == "&lt;!channel&gt; &amp; &lt;@U123&gt;"
    # A cut never leaves half an entity ("&am…"), and ends with "…".
    cut = clip("ord " * 10 + "&amp;&amp;&amp;&amp;", 47)
    assert cut.endswith("…") and not cut.rstrip("…").endswith(("&", "&a", "&am", "&amp"))
    assert len(cut) <= 47


async def test_the_fallback_text_is_plain_and_escaped(examples: Database) -> None:
    answer = await ask(examples, "hva ble bestemt om LAR?", "nb")
    answer.text = "**Vedtak** om A & B <C>"
    assert message(answer).text == "Vedtak om A &amp; B &lt;C&gt;"


def test_an_empty_unknown_answer_still_has_a_text_and_a_block() -> None:
    answer = Answer(intent=Intent(K.UNKNOWN, "nb"), language="nb", text="")
    msg = message(answer)
    assert msg.text == "…"


def test_blocks_module_leaves_botbuilder_out() -> None:
    code = "import sys, bot.slack.blocks; sys.exit('botbuilder' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_slack_sdk_refuses_what_the_limits_keep_out() -> None:
    """The guard is real: a section over 3,000 characters does not build."""
    too_long = SectionBlock(text=MarkdownTextObject(text="x" * (SECTION_CHARS + 1)))
    with pytest.raises(SlackObjectFormationError):
        too_long.to_dict()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_text_answer_longer_than_a_message_is_shortened_and_says_so(language: str) -> None:
    lines = [f"- **Linje {n}** " + "ord & <tegn> " * 40 for n in range(2_000)]
    answer = Answer(intent=Intent(K.HELP, language), language=language, text="\n".join(lines))
    msg = message(answer)
    assert_within_limits(msg)
    assert len(msg.blocks) == MAX_BLOCKS
    assert msg.blocks[-1]["elements"][0]["text"] == text(language, "slack.shortened")
    assert msg.blocks[0]["text"]["text"].startswith("• *Linje 0* ord &amp; &lt;tegn&gt;")
