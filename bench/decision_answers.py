"""Every decision answer of the search bench's store, written out, to show that a change made
to the search's speed changed no answer.

    .venv/bin/python bench/decision_answers.py --reuse FILE --dump /tmp/before.jsonl
    .venv/bin/python bench/decision_answers.py --reuse FILE --compare /tmp/before.jsonl
    .venv/bin/python bench/decision_answers.py --reuse-postgresql URL --cases 200000 \
        --meetings 20000 --questions 300 --compare /tmp/before_pg.jsonl

The store is one `search_bench.py --keep` (or search_compare) left, asked with the same
--seed/--cases/--meetings; the questions are search_compare's: the decision questions of
search_bench's first --questions (its warm-up included) and --known known-target ones. For
each, one JSON line holds `DecisionSearch.search`'s ranked case ids, their scores (as exact
floats) and strong flags, with the question's committee and period filters, as search_compare
asks; and, for the bench's questions, the whole answer `Assistant.answer` gives (its text,
note and every result with its excerpt and tasks). `--compare` lists every question whose
line differs from a `--dump` (exit status 1 when any does; scores that differ only in their
last bits, as PostgreSQL's sums may from one plan to another, are counted apart) and prints
hit@3 on the known-target questions (search_compare's figure). Reads only: the store is not written,
except what a start-up writes (migrations, the settled tasks, the planner's statistics).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
from pathlib import Path
from typing import Any

from search_bench import NOW, OSLO, build_corpus, make_questions
from search_compare import LIMIT, Asked, _filters, asked_questions

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.decision_search import DecisionSearch
from assistant.settled_tasks import ensure_settled_current
from storage.database import Database

WARMUP = 50  # search_bench asks these first; they are decision questions like the others


async def _lines(url: str, questions: list[Asked], bench: set[str]) -> list[str]:
    db = Database(url)
    try:
        await db.upgrade()
        await ensure_settled_current(db)  # as a start-up does (and search_bench --reuse)
        await db.optimize()  # the planner's statistics, likewise
        search = DecisionSearch()
        await search.refresh(db)
        assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=OSLO)
        out = []
        for q in questions:
            hits = await db.read(
                lambda s, q=q: search.search(s, q.topic, filters=_filters(s, q), limit=LIMIT)
            )
            line: dict[str, Any] = {
                "question": q.text,
                "hits": [[h.case.id, h.score, h.strong] for h in hits],
            }
            if q.targets:
                line["targets"] = sorted(q.targets)
            if q.text in bench:
                line["answer"] = (await assistant.answer(q.text)).as_json()
            out.append(json.dumps(line, ensure_ascii=False, sort_keys=True, default=str))
        return out
    finally:
        await db.close()


def _hit_at_3(lines: list[str]) -> tuple[int, int]:
    known = [json.loads(line) for line in lines]
    known = [k for k in known if "targets" in k]
    hits = [k for k in known if set(k["targets"]) & {h[0] for h in k["hits"][:3]}]
    return len(hits), len(known)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50_000, help="default 50000")
    parser.add_argument("--meetings", type=int, default=5_000, help="default 5000")
    parser.add_argument("--questions", type=int, default=300,
                        help="search_bench's measured questions (default 300)")  # fmt: skip
    parser.add_argument("--known", type=int, default=50, help="known-target questions")
    parser.add_argument("--seed", type=int, default=1)
    store = parser.add_mutually_exclusive_group(required=True)
    store.add_argument("--reuse", metavar="FILE", help="a SQLite store kept by search_bench")
    store.add_argument("--reuse-postgresql", metavar="URL", help="the same for PostgreSQL")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--dump", type=Path, help="write every answer here (JSON lines)")
    out.add_argument("--compare", type=Path, help="list answers that differ from a --dump")
    args = parser.parse_args(argv)

    corpus = build_corpus(args.cases, args.meetings, args.seed)
    count = WARMUP + args.questions
    questions = asked_questions(corpus, count, args.known, args.seed)
    bench = {q.text for q in make_questions(corpus, count, args.seed) if q.kind == "decision"}
    url = args.reuse_postgresql or f"sqlite+aiosqlite:///{args.reuse}"
    lines = asyncio.run(_lines(url, questions, bench))
    answered = sum(1 for line in lines if '"answer"' in line)
    hit, known = _hit_at_3(lines)
    print(f"{len(lines)} questions ({answered} answered in full), hit@3 {hit}/{known}")
    if args.dump:
        args.dump.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"wrote {args.dump}")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    if len(before) != len(lines):
        print(f"{len(before)} questions in {args.compare}, {len(lines)} now: not the same set")
        return 1
    pairs = [(json.loads(a), json.loads(b)) for a, b in zip(before, lines, strict=True) if a != b]
    differ = [(a, b) for a, b in pairs if not _same_but_rounding(a, b)]
    for a, b in differ:
        print(f"differs: {a['question']!r}\n  before {json.dumps(a, ensure_ascii=False)[:600]}"
              f"\n  now    {json.dumps(b, ensure_ascii=False)[:600]}")  # fmt: skip
    rounding = len(pairs) - len(differ)
    print(f"{len(lines) - len(pairs)} of {len(lines)} the same (ids, scores, strong flags, "
          f"answers); {rounding} more differ only in a score's last bits")  # fmt: skip
    return 1 if differ else 0


def _same_but_rounding(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same ids, strong flags and answers, and scores within rounding: PostgreSQL may
    add a case's postings up in another order (a prepared statement's generic plan, from
    its sixth run, reads them by another index), which changes the last bits of a sum."""
    if {**a, "hits": None} != {**b, "hits": None} or len(a["hits"]) != len(b["hits"]):
        return False
    return all(
        (x[0], x[2]) == (y[0], y[2]) and math.isclose(x[1], y[1], rel_tol=1e-12)
        for x, y in zip(a["hits"], b["hits"], strict=True)
    )


if __name__ == "__main__":
    sys.exit(main())
