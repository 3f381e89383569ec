"""The gold set: documents with hand-checked gold files, and how a parse is scored against
them (tests/corpus/test_gold.py asserts, bench/parse_eval.py prints the table).

Items are matched by number (as written, without words like "Sak"/"Item"), then by title
among the rest; decisions, proposals and tasks by their first words, ignoring case,
punctuation and markup.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from minutes.model import CaseStatus, ParsedCase, ParsedMinutes, ParsedTask
from minutes.parser import ParseOptions, parse_minutes
from minutes.readers import read_document

CORPUS = Path(__file__).resolve().parent
GOLD = CORPUS / "gold"
SMOKE = CORPUS / "smoke"

_NUMBER_WORDS = re.compile(r"\b(?:sak|saksnr|item|no|nr|case|punkt|§)\b\.?", re.IGNORECASE)
_TITLE_SIMILAR = 80  # token_set_ratio of normalised titles for an unnumbered match
_TEXT_SIMILAR = 80  # partial_ratio of first words inside the parsed text
# token_set_ratio of the committee's names: "Scala Center" is the gold's "Scala Center advisory
# board", "Styrelsen" its "Styrelsen 2021"; "Styret" is not "Valgstyret".
_BODY_SIMILAR = 80


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    gold: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def layout(self) -> str:
        return str(self.gold["layout"])

    def parse(self) -> ParsedMinutes:
        options = ParseOptions(source_name=self.path.name)
        return parse_minutes(read_document(self.path), options)


def gold_documents() -> list[GoldDocument]:
    found = []
    for gold_file in sorted(GOLD.glob("*/*.gold.json")):
        stem = gold_file.name.removesuffix(".gold.json")
        documents = [p for p in gold_file.parent.glob(f"{stem}.*") if p != gold_file]
        assert len(documents) == 1, f"{gold_file}: expected one document beside it"
        found.append(GoldDocument(documents[0], json.loads(gold_file.read_text("utf-8"))))
    return found


def plain(text: str | None) -> str:
    """Lower case, letters and digits only, single spaces (markup and quotes dropped)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def number_key(number: str | None) -> str | None:
    if not number:
        return None
    key = _NUMBER_WORDS.sub(" ", number)
    key = re.sub(r"\s+", "", key).strip(".:)(").upper()
    return key or None


def _starts(gold_words: str | None, parsed: str | None) -> bool:
    """The gold's first words are found at or near the start of the parsed text."""
    wanted, got = plain(gold_words), plain(parsed)
    if not wanted:
        return not got
    if not got:
        return False
    head = " ".join(wanted.split()[:10])
    return fuzz.partial_ratio(head, got[: max(len(head) * 3, 200)]) >= _TEXT_SIMILAR


@dataclass
class Score:
    """Counts for one document (sums over many make the table)."""

    documents: int = 1
    date_right: int = 0
    gold_bodies: int = 0  # documents whose gold names the committee (meeting.body)
    bodies_right: int = 0
    gold_items: int = 0
    parsed_items: int = 0
    matched_items: int = 0
    gold_decisions: int = 0
    decisions_found: int = 0
    proposals_as_decisions: int = 0
    gold_tasks: int = 0
    parsed_tasks: int = 0
    matched_tasks: int = 0
    problems: list[str] = field(default_factory=list)

    def __add__(self, other: Score) -> Score:
        total = Score(documents=0)
        for name in self.__dataclass_fields__:
            if name == "problems":
                total.problems = self.problems + other.problems
            else:
                setattr(total, name, getattr(self, name) + getattr(other, name))
        return total

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def item_recall(self) -> float:
        return self.ratio(self.matched_items, self.gold_items)

    @property
    def item_precision(self) -> float:
        return self.ratio(self.matched_items, self.parsed_items)

    @property
    def decision_rate(self) -> float:
        return self.ratio(self.decisions_found, self.gold_decisions)

    @property
    def task_recall(self) -> float:
        return self.ratio(self.matched_tasks, self.gold_tasks)

    @property
    def task_precision(self) -> float:
        return self.ratio(self.matched_tasks, self.parsed_tasks)

    @property
    def date_accuracy(self) -> float:
        return self.ratio(self.date_right, self.documents)

    @property
    def body_accuracy(self) -> float:
        return self.ratio(self.bodies_right, self.gold_bodies)


def match_items(gold: list[dict[str, Any]], parsed: list[ParsedCase]) -> list[tuple[int, int]]:
    """(gold index, parsed index) pairs: by number first, then by title."""
    pairs: list[tuple[int, int]] = []
    free = set(range(len(parsed)))
    for g, item in enumerate(gold):
        key = number_key(item.get("number"))
        if key is None:
            continue
        hit = next((p for p in sorted(free) if number_key(parsed[p].number) == key), None)
        if hit is not None:
            pairs.append((g, hit))
            free.discard(hit)
    done = {g for g, _ in pairs}
    for g, item in enumerate(gold):
        if g in done:
            continue
        title = plain(item.get("title"))
        best = max(
            sorted(free),
            key=lambda p: fuzz.token_set_ratio(title, plain(parsed[p].title)),
            default=None,
        )
        if best is not None and fuzz.token_set_ratio(title, plain(parsed[best].title)) >= (
            _TITLE_SIMILAR
        ):
            pairs.append((g, best))
            free.discard(best)
    return sorted(pairs)


def _task_matches(gold: dict[str, Any], task: ParsedTask) -> bool:
    text = plain(gold.get("text"))
    head = " ".join(text.split()[:8])
    return bool(head) and fuzz.partial_ratio(head, plain(task.description)) >= _TEXT_SIMILAR


def score(document: GoldDocument, parsed: ParsedMinutes) -> Score:
    gold = document.gold
    result = Score()
    where = document.name
    wanted_date = gold["meeting"].get("date")
    got_date = parsed.meeting_date.isoformat() if isinstance(parsed.meeting_date, date) else None
    if wanted_date == got_date:
        result.date_right = 1
    else:
        result.problems.append(f"{where}: meeting date {got_date}, gold {wanted_date}")

    wanted_body = gold["meeting"].get("body")
    got_body = parsed.committee.name if parsed.committee else None
    if wanted_body:
        result.gold_bodies = 1
        if got_body and fuzz.token_set_ratio(plain(wanted_body), plain(got_body)) >= _BODY_SIMILAR:
            result.bodies_right = 1
        else:
            result.problems.append(f"{where}: committee {got_body!r}, gold {wanted_body!r}")

    items = gold["items"]
    result.gold_items, result.parsed_items = len(items), len(parsed.cases)
    pairs = match_items(items, parsed.cases)
    result.matched_items = len(pairs)
    matched = {g for g, _ in pairs}
    for g, item in enumerate(items):
        if g not in matched:
            result.problems.append(f"{where}: item not found: {item.get('number')} {item['title']}")
    parsed_matched = {p for _, p in pairs}
    for p, case in enumerate(parsed.cases):
        if p not in parsed_matched:
            result.problems.append(f"{where}: extra item: {case.number} {case.title[:60]}")
    for g, p in pairs:
        item, case = items[g], parsed.cases[p]
        if item.get("decision") and item.get("outcome") == "adopted":
            result.gold_decisions += 1
            if _starts(item["decision"], case.decision):
                result.decisions_found += 1
            else:
                result.problems.append(
                    f"{where}: item {item.get('number') or item['title'][:30]}: decision "
                    f"{(case.decision or '')[:60]!r}, gold {item['decision'][:60]!r}"
                )
        if (
            item.get("outcome") != "adopted"
            and case.status == CaseStatus.DECIDED
            and (item.get("proposal") and _starts(item["proposal"], case.decision))
        ):
            result.proposals_as_decisions += 1
            result.problems.append(
                f"{where}: item {item.get('number') or item['title'][:30]}: the proposal "
                f"was taken for a decision (gold outcome {item.get('outcome')})"
            )

    tasks = gold.get("tasks") or []
    result.gold_tasks, result.parsed_tasks = len(tasks), len(parsed.tasks)
    free = set(range(len(parsed.tasks)))
    for task in tasks:
        hit = next((t for t in sorted(free) if _task_matches(task, parsed.tasks[t])), None)
        if hit is None:
            result.problems.append(f"{where}: task not found: {task.get('owner')}: {task['text']}")
            continue
        free.discard(hit)
        result.matched_tasks += 1
    return result
