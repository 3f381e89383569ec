"""Issue 15's measure: questions as members type them, each with what a right answer holds.

`member_questions.tsv` has one question a line — type, store, asker, question, expect — over
two stores kept apart as two deployments would be (two tenants in one database): the
project's fictional example minutes (`examples/`) and the real seed minutes
(`../shared/seeds`). `expect` is `;`-separated checks that must all hold:

    kind=<IntentKind value>      answer.intent.kind
    case=<YYYY-MM-DD>/<number>   the first result is that meeting date and case number
    cases=<d>/<n>,<d>/<n>        each is among the results
    meeting=<YYYY-MM-DD>         among answer.meetings
    date=<YYYY-MM-DD>            the text names that day (09.12.2026, 9.12.2026, 9. desember,
                                 9 December, December 9, 2026-12-09; a day and month
                                 followed by another year do not count)
    has=<text>[|<text>…]         the text holds one of them (case and spacing ignored, ** too)
    not=<text>[|<text>…]         the text holds none of them
    task=<text>[|…] / notask=…   some task's / no task's description holds it
    found=true|false             answer.found

The clock is Friday 4 December 2026 10:00 in Oslo. The suite runs with the deployment's time
zone (the minutes read and the answers given in it) and the process's set to Europe/Oslo and
to America/New_York, at that same instant: 04:00 on the same day in New York.
It prints passed/total per type and overall with every failure and the answer's start, and
fails below OVERALL_FLOOR overall or TYPE_FLOOR in any type.

    MEMBER_QUESTIONS_TYPE=attendance .venv/bin/pytest tests/assistant/test_member_questions.py -s
    MEMBER_QUESTIONS_TYPE=agenda,next_meeting …   (several types, comma-separated)

(-s shows the table when the floors hold too; add -k "sqlite and Oslo" for one run of four.)
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.answer_types import Answer, MeetingResult, Source, TaskResult
from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from assistant.intents import Intent, IntentKind
from storage.database import Database
from tests.case_results import case_result
from tests.conftest import EXAMPLES, SEEDS

SUITE = Path(__file__).with_name("member_questions.tsv")
OVERALL_FLOOR = 0.90
TYPE_FLOOR = 0.80
MIN_QUESTIONS = 220
MIN_PER_TYPE = 8
TYPE_ENV = "MEMBER_QUESTIONS_TYPE"
NOW = datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Europe/Oslo"))
TYPES = (
    "decision",
    "info_item",
    "status",
    "responsible",
    "meeting_summary",
    "decision_list",
    "attendance",
    "meeting_dates",
    "next_meeting",
    "agenda",
    "my_tasks",
    "person_tasks",
    "urgent_tasks",
    "soft_filter",
    "committee_alone",
    "fallback",
    "help",
)
TENANTS = {"examples": "fjordby", "seeds": "default"}
HEADER = ["type", "store", "asker", "question", "expect"]
CHECKS = ("kind", "case", "cases", "meeting", "date", "has", "not", "task", "notask", "found")

_NB_MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


# ---------------------------------------------------------------- the suite file


@dataclass(frozen=True)
class Check:
    name: str
    value: str

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


@dataclass(frozen=True)
class Question:
    type: str
    store: str
    asker: str | None
    text: str
    checks: tuple[Check, ...]
    line: int


def _meeting_case(value: str) -> tuple[date, str]:
    """'2026-09-07/32/2026' -> (date(2026, 9, 7), '32/2026'): the number as the minutes
    write it may itself hold a slash."""
    day, _, number = value.partition("/")
    if not number:
        raise ValueError(f"expected <YYYY-MM-DD>/<case number>, got {value!r}")
    return date.fromisoformat(day), number


def parse_checks(expect: str) -> tuple[Check, ...]:
    checks = []
    for part in expect.split(";"):
        name, sep, value = part.strip().partition("=")
        if not sep or name not in CHECKS or not value:
            raise ValueError(f"not a check: {part!r}")
        if name == "kind":
            IntentKind(value)
        elif name == "case":
            _meeting_case(value)
        elif name == "cases":
            for one in value.split(","):
                _meeting_case(one)
        elif name in ("meeting", "date"):
            date.fromisoformat(value)
        elif name == "found" and value not in ("true", "false"):
            raise ValueError(f"found is true or false, got {value!r}")
        checks.append(Check(name, value))
    return tuple(checks)


def load_questions(path: Path = SUITE) -> list[Question]:
    """The suite's questions; blank lines and lines starting with # are left out."""
    questions: list[Question] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            assert fields == HEADER, f"{path.name}:{number}: header must be {HEADER}"
            header_seen = True
            continue
        assert len(fields) == len(HEADER), f"{path.name}:{number}: {len(fields)} columns"
        kind, store, asker, text, expect = (f.strip() for f in fields)
        assert kind in TYPES, f"{path.name}:{number}: unknown type {kind!r}"
        assert store in TENANTS, f"{path.name}:{number}: unknown store {store!r}"
        assert text, f"{path.name}:{number}: no question"
        try:
            checks = parse_checks(expect)
        except ValueError as error:
            raise AssertionError(f"{path.name}:{number}: {error}") from error
        questions.append(Question(kind, store, asker or None, text, checks, number))
    return questions


# ---------------------------------------------------------------- the checks


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip().casefold()


def _holds(text: str, alternatives: str) -> bool:
    normal = _normal(text)
    return any(_normal(a) in normal for a in alternatives.split("|"))


def _month(name: str) -> str:
    """A month name, whole or cut to three letters (with or without a dot)."""
    return rf"{name[:3]}(?:{name[3:]}|\.)?(?![a-zæøå])" if name[3:] else rf"{name}\.?(?![a-z])"


def date_pattern(day: date) -> re.Pattern[str]:
    """The common ways an answer writes `day`; a day and month without a year count unless
    another year follows them."""
    d, m, y = day.day, day.month, day.year
    no_other_year = rf"(?!,?\s*(?!{y}(?!\d))\d{{4}}(?!\d))"
    nb, en = _month(_NB_MONTHS[m - 1]), _month(_EN_MONTHS[m - 1])
    forms = (
        re.escape(day.isoformat()),
        rf"0?{d}\.0?{m}\.(?:{y}|{y % 100:02d})(?!\d)",
        rf"0?{d}\.\s*{nb}{no_other_year}",
        rf"0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{en}{no_other_year}",
        rf"{en}\s+0?{d}(?:st|nd|rd|th)?(?!\d){no_other_year}",
    )
    return re.compile(rf"(?<![\d.])(?:{'|'.join(forms)})", re.IGNORECASE)


def _meeting_cases(answer: Answer) -> list[tuple[date | None, str | None]]:
    return [(r.meeting_date, r.case) for r in answer.results]


def failed_checks(answer: Answer, checks: tuple[Check, ...]) -> list[str]:
    """The checks `answer` fails, each with what was found instead where that helps."""
    failed: list[str] = []
    got = _meeting_cases(answer)
    tasks = [t.description for t in answer.tasks]
    for check in checks:
        name, value = check.name, check.value
        if name == "kind":
            ok = answer.intent.kind.value == value
            failed += [] if ok else [f"{check} (got {answer.intent.kind.value})"]
        elif name == "case":
            ok = got[:1] == [_meeting_case(value)]
            first = f"{got[0][0]}/{got[0][1]}" if got else "no results"
            failed += [] if ok else [f"{check} (got {first})"]
        elif name == "cases":
            missing = [v for v in value.split(",") if _meeting_case(v) not in got]
            failed += [f"cases: missing {','.join(missing)}"] if missing else []
        elif name == "meeting":
            dates = [m.date for m in answer.meetings]
            ok = date.fromisoformat(value) in dates
            failed += [] if ok else [f"{check} (got {[d.isoformat() for d in dates]})"]
        elif name == "date":
            ok = bool(date_pattern(date.fromisoformat(value)).search(_normal(answer.text)))
            failed += [] if ok else [str(check)]
        elif name == "has":
            failed += [] if _holds(answer.text, value) else [str(check)]
        elif name == "not":
            failed += [str(check)] if _holds(answer.text, value) else []
        elif name == "task":
            failed += [] if any(_holds(t, value) for t in tasks) else [str(check)]
        elif name == "notask":
            failed += [str(check)] if any(_holds(t, value) for t in tasks) else []
        elif name == "found":
            ok = answer.found == (value == "true")
            failed += [] if ok else [str(check)]
    return failed


# ---------------------------------------------------------------- the report


@dataclass
class Outcome:
    question: Question
    failed: list[str]
    answer_text: str


def report(outcomes: list[Outcome], heading: str) -> str:
    by_type: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_type[outcome.question.type].append(outcome)
    lines = [heading, f"{'type':<16} {'passed':^9} {'%':>5}"]
    for kind in TYPES:
        if kind in by_type:
            passed = sum(not o.failed for o in by_type[kind])
            total = len(by_type[kind])
            lines.append(f"{kind:<16} {passed:>4}/{total:<4} {passed / total:>5.0%}")
    passed = sum(not o.failed for o in outcomes)
    lines.append(f"{'overall':<16} {passed:>4}/{len(outcomes):<4} {passed / len(outcomes):>5.0%}")
    for kind in TYPES:
        misses = [o for o in by_type.get(kind, []) if o.failed]
        if misses:
            lines.append(f"\nfailures: {kind}")
        for o in misses:
            q = o.question
            asker = f" (asker {q.asker})" if q.asker else ""
            start = o.answer_text[:200].replace("\n", " ⏎ ")
            lines.append(f"- line {q.line} [{q.store}] {q.text!r}{asker}: {'; '.join(o.failed)}")
            lines.append(f"    answer: {start}")
    return "\n".join(lines)


def floors_missed(outcomes: list[Outcome]) -> list[str]:
    missed = []
    passed = sum(not o.failed for o in outcomes) / len(outcomes)
    if passed < OVERALL_FLOOR:
        missed.append(f"overall {passed:.0%} < {OVERALL_FLOOR:.0%}")
    for kind in TYPES:
        mine = [o for o in outcomes if o.question.type == kind]
        if mine and (share := sum(not o.failed for o in mine) / len(mine)) < TYPE_FLOOR:
            missed.append(f"{kind} {share:.0%} < {TYPE_FLOOR:.0%}")
    return missed


def _chosen(questions: list[Question]) -> list[Question]:
    """The questions of the types named in MEMBER_QUESTIONS_TYPE, or all."""
    wanted = {t.strip() for t in os.environ.get(TYPE_ENV, "").split(",") if t.strip()}
    unknown = wanted - set(TYPES)
    assert not unknown, f"{TYPE_ENV}: unknown type(s) {sorted(unknown)}; types: {TYPES}"
    return [q for q in questions if not wanted or q.type in wanted]


# ---------------------------------------------------------------- tests


def test_suite_covers_every_type_on_both_stores() -> None:
    questions = load_questions()
    assert len(questions) >= MIN_QUESTIONS
    for kind in TYPES:
        assert sum(q.type == kind for q in questions) >= MIN_PER_TYPE, kind
    assert {q.store for q in questions} == set(TENANTS)
    asked = [(q.store, q.asker, q.text) for q in questions]
    assert len(asked) == len(set(asked)), "a question is in the suite twice"


def test_checker_fails_what_a_right_answer_would_not_show() -> None:
    answer = Answer(
        intent=Intent(IntentKind.NEXT_MEETING, "nb"),
        language="nb",
        text="Neste møte i **LSU**: onsdag 9. desember 2026 kl. 12:30–15:00,\nMøterom  Havblikk",
        results=[case_result("decided", meeting_date=date(2026, 10, 14), case="3")],
        tasks=[
            TaskResult(
                task_id=1,
                description="lager en kortversjon av rutinen",
                assignee="Marit Lunde",
                assignee_kind="person",
                via_group=None,
                due_date=date(2026, 12, 9),
                due_text="neste møte",
                due_is_approximate=False,
                status="open",
                case="3",
                meeting_date=date(2026, 10, 14),
                committee="LSU",
                source=Source("lsu.txt", 62),
            )
        ],
        meetings=[MeetingResult("LSU", date(2026, 12, 9), None, None, "Havblikk", "planned")],
    )
    holds = (
        "kind=next_meeting;case=2026-10-14/3;cases=2026-10-14/3;meeting=2026-12-09;"
        "date=2026-12-09;has=lsu: onsdag|nope;has=møterom havblikk;not=Fjellet;"
        "task=kortversjon;notask=arbeidsmøte;found=true"
    )
    assert failed_checks(answer, parse_checks(holds)) == []
    for wrong in (
        "kind=agenda",
        "case=2026-10-14/4",
        "case=2026-10-26/3",
        "cases=2026-10-14/3,2026-10-14/4",
        "meeting=2026-12-14",
        "date=2026-12-19",  # "9. desember" is not 19 December
        "date=2027-12-09",  # nor 9 December of another year
        "date=2026-12-10",
        "has=Fjellet",
        "has=Fjellet|Storøya",
        "not=havblikk",
        "task=arbeidsmøte",
        "notask=kortversjon",
        "found=false",
    ):
        assert failed_checks(answer, parse_checks(wrong)), f"{wrong} should fail"
    for written in ("09.12.2026", "9.12.26", "9 December", "December 9, 2026", "9. des."):
        text = f"Møtet er {written} kl. 12"
        assert date_pattern(date(2026, 12, 9)).search(_normal(text)), written
    for written in ("19.12.2026", "9. desember 2027", "December 19", "9.12.2025"):
        assert not date_pattern(date(2026, 12, 9)).search(_normal(written)), written
    with pytest.raises(ValueError):
        parse_checks("has=")
    with pytest.raises(ValueError):
        parse_checks("kind=decisions")


async def _assistant(db: Database, store: str, timezone: str) -> Assistant:
    paths = sorted(SEEDS.glob("*.txt")) if store == "seeds" else sorted(EXAMPLES.iterdir())
    options = ImportOptions(tenant=TENANTS[store], timezone=timezone)
    results = await import_paths(db, paths, options)
    assert all(r.stored for r in results), [(r.path, r.error) for r in results]
    return Assistant(
        db=db, clock=FixedClock(NOW), timezone=ZoneInfo(timezone), tenant=TENANTS[store]
    )


async def test_member_questions(db: Database, process_tz: str, database_url: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds)")
    questions = _chosen(load_questions())
    assert questions, f"no questions of the types in {TYPE_ENV}"
    # Two deployments in one database: the seeds' and the examples' committees share
    # names, and an answer in one must never come from the other's minutes.
    assistants = {store: await _assistant(db, store, process_tz) for store in TENANTS}
    outcomes = []
    for q in questions:
        answer = await assistants[q.store].answer(q.text, asker=q.asker)
        outcomes.append(Outcome(q, failed_checks(answer, q.checks), answer.text))
    database = database_url.split(":", 1)[0]
    text = report(outcomes, f"member questions ({database}, {process_tz}, now {NOW})")
    print("\n" + text)
    missed = floors_missed(outcomes)
    assert not missed, "floors missed: " + ", ".join(missed) + "\n" + text
