"""Parse CPU per document: `parse_bytes` as an import's worker runs it (reading, the parser in
minutes/, the search-index weights), on four sets of documents.

    .venv/bin/python bench/parse_speed.py                       # all sets, 3 rounds
    .venv/bin/python bench/parse_speed.py --sets generated -n 300 --rounds 5
    .venv/bin/python bench/parse_speed.py --dump /tmp/before.jsonl       # every parse result
    .venv/bin/python bench/parse_speed.py --rounds 1 --compare /tmp/before.jsonl

Sets: `generated` (bench/minutes_generator.py, -n documents of --seed), `seeds`
(../shared/seeds), `gold` (tests/corpus/gold) and `smoke` (tests/corpus/smoke/*.tar.xz, read
from the archives in memory). Each document's CPU time (time.process_time) is summed per set;
the best and the median round are printed as ms per document, with the load average, because
the machine is shared. `--dump` writes one JSON line per document (its name and everything
parse_bytes returned); `--compare` parses again and lists every document whose line differs,
so a speed-up can be shown to change no result. Exit status 1 when any differs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from minutes_generator import generate  # noqa: E402

from assistant.document_parsing import MAX_DOCUMENT_BYTES, Parsed, parse_bytes  # noqa: E402

SETS = ("generated", "seeds", "gold", "smoke")
Document = tuple[str, str, bytes]  # set, name, bytes


def documents(which: str, count: int, seed: int, seeds: Path) -> Iterator[Document]:
    if which == "generated":
        for doc in generate(count, seed):
            yield which, doc.name, doc.text.encode("utf-8")
    elif which == "seeds":
        for path in sorted(seeds.glob("*")):
            yield which, path.name, path.read_bytes()
    elif which == "gold":
        gold = ROOT / "tests" / "corpus" / "gold"
        for path in sorted(gold.glob("*/*")):
            if not path.name.endswith(".gold.json"):
                yield which, f"{path.parent.name}/{path.name}", path.read_bytes()
    elif which == "smoke":
        for archive in sorted((ROOT / "tests" / "corpus" / "smoke").glob("*.tar.xz")):
            with tarfile.open(archive) as tar:
                for member in sorted(tar.getmembers(), key=lambda m: m.name):
                    file = tar.extractfile(member) if member.isfile() else None
                    if file is not None:
                        name = f"{archive.name.removesuffix('.tar.xz')}/{member.name}"
                        yield which, name, file.read()


def parse(name: str, data: bytes) -> Parsed:
    return parse_bytes(
        data, name=Path(name).name, path=None, committee=None, max_bytes=MAX_DOCUMENT_BYTES
    )


def as_json(name: str, parsed: Parsed) -> str:
    """One line that changes when anything parse_bytes returned changes (floats exactly)."""
    return json.dumps({"name": name, **dataclasses.asdict(parsed)}, default=str, sort_keys=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated, of " + str(SETS))
    parser.add_argument("-n", type=int, default=1000, help="generated documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write every parse result here (JSON lines)")
    parser.add_argument("--compare", type=Path, help="list results that differ from a --dump")
    parser.add_argument("--profile", type=Path, help="cProfile the first round into this file")
    args = parser.parse_args()
    chosen = args.sets.split(",")
    if unknown := set(chosen) - set(SETS):
        parser.error(f"unknown set: {', '.join(sorted(unknown))}")

    docs = [d for s in chosen for d in documents(s, args.n, args.seed, args.seeds)]
    print(f"project {ROOT}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rounds: list[dict[str, float]] = []
    lines: list[str] = []
    for round_number in range(args.rounds):
        profiler = None
        if args.profile and round_number == 0:
            import cProfile

            profiler = cProfile.Profile()
        spent = dict.fromkeys(chosen, 0.0)
        results: list[tuple[str, Parsed]] = []
        for which, name, data in docs:
            if profiler:
                profiler.enable()
            started = time.process_time()
            parsed = parse(name, data)
            spent[which] += time.process_time() - started
            if profiler:
                profiler.disable()
            results.append((f"{which}/{name}", parsed))
        if profiler:
            profiler.dump_stats(args.profile)
        rounds.append(spent)
        if round_number == 0:
            lines = [as_json(name, parsed) for name, parsed in results]

    counts = {s: sum(1 for d in docs if d[0] == s) for s in chosen}
    print(f"{'set':<10} {'docs':>5}  {'best ms/doc':>11}  {'median ms/doc':>13}")
    figures = {}
    for s in chosen:
        per_doc = [r[s] * 1000 / max(counts[s], 1) for r in rounds]
        figures[s] = {"docs": counts[s], "best": min(per_doc), "median": statistics.median(per_doc)}
        print(f"{s:<10} {counts[s]:>5}  {min(per_doc):>11.2f}  {statistics.median(per_doc):>13.2f}")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average afterwards {load}")
    print(json.dumps({"bench": "parse-speed", "rounds": args.rounds, "sets": figures}))

    if args.dump:
        args.dump.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"wrote {len(lines)} parse results to {args.dump}")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8").splitlines()
        differ = [json.loads(b)["name"] for b, a in zip(before, lines, strict=False) if b != a]
        if len(before) != len(lines):
            print(f"{len(before)} results in {args.compare}, {len(lines)} now")
        for name in differ:
            print(f"  differs: {name}")
        print(f"compared {min(len(before), len(lines))} results: {len(differ)} differ")
        return 1 if differ or len(before) != len(lines) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
