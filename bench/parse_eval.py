"""How well the importer reads real minutes: field-level scores over the gold set
(tests/corpus/gold), per layout and overall, and the smoke set's import rate.

    .venv/bin/python bench/parse_eval.py               # the table
    .venv/bin/python bench/parse_eval.py --problems    # and every miss, document by document
    .venv/bin/python bench/parse_eval.py --layout en-council-minutes --problems

Figures, not a test: tests/corpus/test_gold.py asserts the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.document_parsing import parse_bytes  # noqa: E402
from tests.corpus.gold import SMOKE, Score, gold_documents, score  # noqa: E402

COLUMNS = (
    ("docs", lambda s: f"{s.documents}"),
    ("date", lambda s: f"{s.date_accuracy:.0%}"),
    ("committee", lambda s: f"{s.body_accuracy:.0%} ({s.bodies_right}/{s.gold_bodies})"),
    ("item recall", lambda s: f"{s.item_recall:.0%} ({s.matched_items}/{s.gold_items})"),
    ("item precision", lambda s: f"{s.item_precision:.0%} ({s.matched_items}/{s.parsed_items})"),
    ("decisions", lambda s: f"{s.decision_rate:.0%} ({s.decisions_found}/{s.gold_decisions})"),
    ("proposal errors", lambda s: f"{s.proposals_as_decisions}"),
    ("task recall", lambda s: f"{s.task_recall:.0%} ({s.matched_tasks}/{s.gold_tasks})"),
    ("task precision", lambda s: f"{s.task_precision:.0%} ({s.matched_tasks}/{s.parsed_tasks})"),
)


def _table(rows: dict[str, Score]) -> str:
    header = ["layout", *(name for name, _ in COLUMNS)]
    body = [[layout, *(show(s) for _, show in COLUMNS)] for layout, s in rows.items()]
    widths = [max(len(r[k]) for r in [header, *body]) for k in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *body]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def gold_scores(layout: str | None) -> tuple[dict[str, Score], list[str]]:
    by_layout: dict[str, Score] = defaultdict(lambda: Score(documents=0))
    problems: list[str] = []
    for document in gold_documents():
        if layout and document.layout != layout:
            continue
        try:
            result = score(document, document.parse())
        except Exception as error:  # one broken document must not hide the others' figures
            result = Score(problems=[f"{document.name}: {type(error).__name__}: {error}"])
        by_layout[document.layout] += result
        problems += result.problems
    rows = dict(sorted(by_layout.items()))
    total = Score(documents=0)
    for s in rows.values():
        total += s
    rows["ALL"] = total
    return rows, problems


def smoke_figures() -> dict[str, object]:
    """Every smoke document read and parsed as `referent import` does it (no database)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # docs, failed, with date
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for archive in sorted(SMOKE.glob("*.tar.xz")):
            with tarfile.open(archive) as tar:
                tar.extractall(tmp, filter="data")
            source = archive.name.removesuffix(".tar.xz")
            for path in sorted(Path(tmp).rglob("*")):
                if not path.is_file():
                    continue
                parsed = parse_bytes(
                    path.read_bytes(), name=path.name, path=None, committee=None,
                    max_bytes=20 * 1024 * 1024,
                )  # fmt: skip
                row = counts[source]
                row[0] += 1
                if parsed.error:
                    row[1] += 1
                    failures.append(f"{source}/{path.name}: {parsed.error}")
                elif parsed.minutes and parsed.minutes.meeting_date:
                    row[2] += 1
                path.unlink()
    elapsed = time.perf_counter() - started
    return {"sources": dict(counts), "failures": failures, "seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layout", help="only this layout of the gold set")
    parser.add_argument("--problems", action="store_true", help="list every miss")
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke set")
    args = parser.parse_args()
    rows, problems = gold_scores(args.layout)
    print(_table(rows))
    if args.problems:
        print("\n".join(["", *problems]))
    figures: dict[str, object] = {
        "gold": {k: {**vars(v), "problems": len(v.problems)} for k, v in rows.items()}
    }
    if not args.no_smoke:
        smoke = smoke_figures()
        print("\nsmoke set        documents  failed  with a meeting date")
        total = [0, 0, 0]
        for source, (docs, failed, dated) in sorted(smoke["sources"].items()):  # type: ignore[union-attr]
            total = [total[0] + docs, total[1] + failed, total[2] + dated]
            print(f"{source:<16} {docs:>9}  {failed:>6}  {dated:>5} ({dated / docs:.0%})")
        docs, failed, dated = total
        if docs:
            print(f"{'ALL':<16} {docs:>9}  {failed:>6}  {dated:>5} ({dated / docs:.0%})")
            print(f"({smoke['seconds']:.1f} s)")
        for failure in smoke["failures"]:  # type: ignore[union-attr]
            print(f"  failed: {failure}")
        figures["smoke"] = smoke
    print(json.dumps({"bench": "parse-eval", **figures}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
