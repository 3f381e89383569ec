"""Members' questions over the real minutes of the gold set (tests/corpus/questions.tsv).

Every gold document is imported into a real database, every question goes through
`Assistant.answer`, and a question counts as answered when the case of the item it names is
among the top three results and, for a decision question, the answer says what became of the
item: the adopted decision's own words, or that the body only took note, voted the proposal
down or postponed it; a proposal voted down inside an adopted item never shows as its
decision. The item is found among the stored cases as the gold set finds it (number, then
title: `tests.corpus.gold.match_items`), so an item the importer missed is a miss here too.
Issue 14 asks for at least 90 %. Reached: 93 % passed (126 of 135), 94 % with the right case
in the top three, held here as the floor. The figures per layout are printed, and each miss
with whose it is as far as the answer shows (the importer's, the intent's, or the topic and
period the search was given).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import render
from assistant.answer_types import Answer, CaseResult
from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.intents import IntentKind
from minutes.model import ParsedCase
from storage.database import Database
from storage.models import Case, Document

from .gold import CORPUS, GoldDocument, gold_documents, match_items, number_key, plain

QUESTIONS = CORPUS / "questions.tsv"
OUTCOMES = ("adopted", "noted", "rejected", "postponed")
LANGUAGES = ("nb", "nn", "en")
FLOOR = 0.90  # issue 14; 0.93 reached (see the module's text)
TOP = 3
_SHOWN = 80  # partial_ratio of the decision's first words within the answer

# What an answer must say for each outcome (nb or en: a nynorsk question is answered in bokmål)
# and what it must not: a finished matter is never "not decided yet", and only an adopted
# one is "the current decision".
_SAYS = {
    "adopted": re.compile(r"vedtatt|vedtak|decided|decision|adopted|approved", re.I),
    "noted": re.compile(r"orientering|etterretning|\bnoted\b|for information|took note", re.I),
    "rejected": re.compile(
        r"ikke vedtatt|\bfalt\b|avslått|not adopted|rejected|voted down|not accepted", re.I
    ),
    "postponed": re.compile(r"utsatt|postponed|deferred", re.I),
}
_PENDING = re.compile(r"ikke vedtatt ennå|not decided yet", re.I)
_CURRENT = re.compile(r"gjeldende vedtak|current decision", re.I)
_NOT_ADOPTED = re.compile(r"ikke vedtatt|not adopted|voted down|rejected", re.I)


@dataclass(frozen=True)
class Question:
    layout: str
    document: str  # the gold file's stem
    items: tuple[str, ...]  # number or title as in the gold file; any of them is right
    outcome: str | None  # what a decision answer must say; None: no decision question
    language: str
    text: str
    absent: str | None  # a rejected proposal's words, never shown as the decision

    def __str__(self) -> str:
        return f"[{self.layout}] {self.text!r} -> {self.document} {' | '.join(self.items)}"


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    rows = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    questions = []
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        outcome = row["outcome"].strip()
        questions.append(
            Question(
                layout=row["layout"].strip(),
                document=row["document"].strip(),
                items=tuple(i.strip() for i in row["item"].split(" | ")),
                outcome=None if outcome == "-" else outcome,
                language=row["lang"].strip(),
                text=row["question"].strip(),
                absent=(row.get("absent") or "").strip() or None,
            )
        )
    return questions


def gold_item(document: GoldDocument, spec: str) -> int:
    """The index of the one gold item that `spec` names by number or by its title's start."""
    items = document.gold["items"]
    key, words = number_key(spec), plain(spec)
    hits = [
        i
        for i, item in enumerate(items)
        if (key and number_key(item.get("number")) == key)
        or (words and plain(item.get("title")).startswith(words))
    ]
    assert len(hits) == 1, f"{document.name}: {spec!r} names {len(hits)} gold items"
    return hits[0]


def test_the_question_set_covers_the_gold_set() -> None:
    """Written before measuring: every layout, every outcome, nb, nn and en, and each
    question names exactly one gold item."""
    questions = load_questions()
    documents = {d.path.stem: d for d in gold_documents()}
    assert len(questions) >= 110
    assert {q.layout for q in questions} == {d.layout for d in documents.values()}
    assert {q.outcome for q in questions} >= set(OUTCOMES)
    assert {q.language for q in questions} == set(LANGUAGES)
    for question in questions:
        document = documents[question.document]
        assert document.layout == question.layout, question
        assert question.outcome in (None, *OUTCOMES), question
        for spec in question.items:
            item = document.gold["items"][gold_item(document, spec)]
            if question.outcome:
                assert item.get("outcome") == question.outcome, (question, item)


def _stored_cases(session: Session, tenant: str) -> dict[str, list[Case]]:
    query = (
        select(Case)
        .join(Document, Document.id == Case.document_id)
        .where(Case.tenant == tenant)
        .order_by(Case.document_id, Case.position, Case.id)
    )
    found: dict[str, list[Case]] = defaultdict(list)
    for case in session.scalars(query):
        assert case.document is not None
        found[case.document.name].append(case)
    return found


async def _case_ids(
    db: Database, documents: list[GoldDocument], tenant: str
) -> dict[str, dict[int, int]]:
    """For each gold document (by stem): gold item index -> the stored case's id."""
    stored = await db.read(lambda session: _stored_cases(session, tenant))
    ids: dict[str, dict[int, int]] = {}
    for document in documents:
        cases = stored.get(document.name, [])
        parsed = [ParsedCase(number=c.number, title=c.title, body="") for c in cases]
        pairs = match_items(document.gold["items"], parsed)
        ids[document.path.stem] = {g: cases[p].id for g, p in pairs}
    return ids


def _segment(answer: Answer, result: CaseResult) -> str:
    """The part of the answer's text about `result`: the lead block for the first result,
    else its own line."""
    if answer.results and answer.results[0] is result:
        return answer.text.split("\n\n", 1)[0]
    heading = f"- {render.case_heading(result, answer.language)}"
    return next((line for line in answer.text.splitlines() if line.startswith(heading)), "")


def _shows(words: str, text: str) -> bool:
    head = " ".join(plain(words).split()[:8])
    return bool(head) and fuzz.partial_ratio(head, plain(text)) >= _SHOWN


def _decision_problem(question: Question, item: dict, segment: str) -> str | None:
    """Why the answer does not say what became of the item (None: it does)."""
    outcome = question.outcome
    assert outcome
    if not segment:
        return "the answer says nothing about the item"
    if _PENDING.search(segment):
        return f"says 'not decided yet' for a {outcome} item"
    if question.absent and plain(question.absent) in plain(segment):
        return f"shows the rejected {question.absent!r} as decided"
    if outcome == "adopted":
        if _NOT_ADOPTED.search(segment.split("\n", 1)[0]):
            return "calls an adopted item not adopted"
        decision = item.get("decision")
        if decision and not _shows(decision, segment):
            return f"does not show the decision {decision[:50]!r}"
        if not decision and not _SAYS["adopted"].search(segment):
            return "does not say it was adopted"
        return None
    if _CURRENT.search(segment):
        return f"calls a {outcome} item the current decision"
    if not _SAYS[outcome].search(segment):
        return f"does not say {outcome}"
    return None


# Whose a miss is, as far as the answer shows it: the importer's when the item was not stored
# or was stored with another outcome than the gold's; the intent's when the question was not
# read as a question about decisions (its topic and period are printed, for the rest).
_STATUS = {"adopted": "decided", "noted": "noted", "rejected": "rejected", "postponed": "postponed"}


def _why_not_found(answer: Answer, wanted: dict[int | None, int]) -> str:
    if None in wanted:
        return "importer: the item was not stored"
    intent = answer.intent
    if intent.kind != IntentKind.DECISION:
        return f"intent: read as {intent.kind.value}"
    got = [f"{r.source.document} {r.case or r.title[:30]}" for r in answer.results[:TOP]]
    return f"topic {intent.topic!r}, period {intent.period}: got {got}"


def _whose_outcome(question: Question, item: dict, hit: CaseResult) -> str:
    assert question.outcome
    if hit.status != _STATUS[question.outcome]:
        return f"importer: stored as {hit.status}"
    decision = item.get("decision")
    if question.outcome == "adopted" and decision and not _shows(decision, hit.decision or ""):
        return f"importer: stored decision {(hit.decision or '')[:50]!r}"
    return "answer"


@dataclass
class Tally:
    asked: int = 0
    top3: int = 0
    checked: int = 0  # decision questions
    said: int = 0  # decision questions answered with the right outcome
    passed: int = 0
    languages: Counter[str] = field(default_factory=Counter)

    def add(self, language: str, top3: bool, checked: bool, said: bool) -> None:
        self.asked += 1
        self.languages[language] += 1
        self.top3 += top3
        self.checked += checked
        self.said += checked and said
        self.passed += top3 and (said or not checked)

    def line(self, name: str) -> str:
        said = f"{self.said}/{self.checked}" if self.checked else "-"
        languages = " ".join(f"{k} {self.languages[k]:>2}" for k in LANGUAGES)
        return (
            f"{name:<22} {self.asked:>3} ({languages})  top-3 {self.top3 / self.asked:>4.0%}  "
            f"outcome said {said:>5}  passed {self.passed / self.asked:>4.0%}"
        )


async def test_members_questions_find_the_right_case(db: Database) -> None:
    documents = gold_documents()
    by_stem = {d.path.stem: d for d in documents}
    questions = load_questions()
    results = await import_paths(db, [d.path for d in documents], ImportOptions())
    assert all(r.stored for r in results), [(r.path, r.error) for r in results if not r.stored]
    case_ids = await _case_ids(db, documents, "default")
    clock = FixedClock(datetime(2026, 5, 4, 9, tzinfo=UTC))
    assistant = Assistant(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"))

    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    for question in questions:
        document = by_stem[question.document]
        indexes = [gold_item(document, spec) for spec in question.items]
        wanted = {case_ids[question.document].get(g): g for g in indexes}  # case id -> item
        answer = await assistant.answer(question.text)
        top = answer.results[:TOP]
        hit = next((r for r in top if r.case_id in wanted), None)
        problem = None
        if question.outcome and hit is not None:
            item = document.gold["items"][wanted[hit.case_id]]
            problem = _decision_problem(question, item, _segment(answer, hit))
        for tally in (tallies[question.layout], tallies["ALL"]):
            tally.add(question.language, hit is not None, question.outcome is not None, not problem)
        if hit is None:
            misses.append(f"{question}: not in top {TOP}: {_why_not_found(answer, wanted)}")
        elif problem:
            item = document.gold["items"][wanted[hit.case_id]]
            whose = _whose_outcome(question, item, hit)
            misses.append(f"{question}: {problem} ({whose})\n      {_segment(answer, hit)[:240]!r}")

    report = [
        *(tallies[layout].line(layout) for layout in sorted(set(tallies) - {"ALL"})),
        tallies["ALL"].line("ALL"),
        *(f"  miss: {m}" for m in misses),
    ]
    print("\n" + "\n".join(report))
    total = tallies["ALL"]
    assert total.passed / total.asked >= FLOOR, "\n".join(report)


# Case numbers as Norwegian municipal protocols write them: the series first ("PS 3/26",
# "RS 1/26"), the same number in every body's protocol, the year short or long. Each question
# names the document and number its first result must have; None: no case has the number.
_FSK = "steinkjer-formannskapet-2026-01-29"
_KS = "steinkjer-kommunestyret-sak-63-2025-2025-12-17"
_ADM = "steinkjer-administrasjonsutvalget-sak-1-2026-2026-02-12"
_SKOG = "steinkjer-kommuneskoger-styret-2026-02-10"
NUMBER_QUESTIONS: list[tuple[str, tuple[str, str] | None]] = [
    ("sak PS 3/26 i formannskapet", (_FSK, "PS 3/26")),
    ("hva ble vedtatt i sak 3/26 i formannskapet", (_FSK, "PS 3/26")),
    ("PS 6/26", (_FSK, "PS 6/26")),
    ("RS 1/26", (_FSK, "RS 1/26")),
    ("sak 63/25", (_KS, "63/2025")),
    ("hva ble vedtatt i sak 1/2026 i administrasjonsutvalget", (_ADM, "1/2026")),
    ("hva ble vedtatt i sak 2/26 i kommuneskogene", (_SKOG, "PS 2/26")),
    ("PS 2/26 kommuneskoger", (_SKOG, "PS 2/26")),
    # near misses: a number no case has finds nothing, not a case that contains its digits
    ("sak 36/2025", None),
    ("PS 3/25", None),
    ("sak 13/26", None),
]


async def test_case_numbers_as_municipal_protocols_write_them(db: Database) -> None:
    layouts = {"no-municipal-protocol", "no-case-protocol", "no-case-paper"}
    documents = [d for d in gold_documents() if d.layout in layouts]
    results = await import_paths(db, [d.path for d in documents], ImportOptions())
    assert all(r.stored for r in results)
    clock = FixedClock(datetime(2026, 5, 4, 9, tzinfo=UTC))
    assistant = Assistant(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"))
    for question, expected in NUMBER_QUESTIONS:
        answer = await assistant.answer(question)
        got = [(Path(r.source.document or "").stem, r.case or "") for r in answer.results]
        if expected is None:
            assert not answer.found and not got, (question, got)
            continue
        assert answer.found and got[:1] == [expected], (question, got)
        if question[:3] in ("PS ", "RS "):  # the series asked for is the only one answered
            assert all(case.startswith(question[:3]) for _, case in got), (question, got)
