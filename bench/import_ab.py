"""The import of two versions of Referent, run in turn: for a machine whose speed drifts.

This machine's speed moves by a third within an hour, and of two imports run one after the
other the first was the faster in seven pairs of seven, whichever code it ran (bench/README,
"The whole import, session 25"). So a change of a few per cent shows neither in one run of
each nor in pairs run in the same order. This runs `import_bench.py` once per import, each
in a process of its own from its own tree, in the order A B B A A B …, so that a drift and
the first run's lead fall on both alike, and prints each import's figures, the median of
each version's, and the median of the pairs' ratios (B over A).

    git worktree add /tmp/old HEAD~3              # the other version (its own checkout)
    .venv/bin/python bench/import_ab.py --a /tmp/old --b . --backend sqlite --pairs 4 \\
      -- --prefill 50000 --keep-prefill -n 1000

Both trees run with this checkout's `.venv` and their own code first on the path
(PYTHONPATH); the arguments after `--` go to each tree's `import_bench.py`, with
`--rounds 1 --backend …` added. A kept prefilled store is shared: both trees name it alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

VENV_PYTHON = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "python"
FIGURES = ("docs_per_s", "machine_cpu_ms_per_doc", "cpu_ms_per_doc", "cpus_used")


def one_import(tree: Path, backend: str, bench_args: list[str]) -> dict[str, Any]:
    """One round of `tree`'s import_bench: its figures for `backend`."""
    argv = [*bench_args, "--rounds", "1", "--backend", backend]
    # The tree's own script, which runs itself again as `referent import` runs
    # (_as_the_cli_runs): this process's marker of that must not reach it.
    env = {k: v for k, v in os.environ.items() if k != "REFERENT_IMPORT_BENCH_CHILD"}
    env["PYTHONPATH"] = str(tree)
    script = tree / "bench" / "import_bench.py"
    done = subprocess.run(
        [str(VENV_PYTHON), str(script), *argv], cwd=tree, env=env, capture_output=True, text=True
    )
    lines = done.stdout.strip().splitlines()
    if not lines or not lines[-1].startswith("{"):
        raise SystemExit(f"{tree}: import_bench printed no figures\n{done.stderr[-2000:]}")
    figures = json.loads(lines[-1]).get(backend, {})
    if "docs_per_s" not in figures:
        raise SystemExit(f"{tree}: no {backend} figures: {figures}")
    return figures


def order(pairs: int) -> list[str]:
    """A B B A A B …: each version first in half of the pairs."""
    return [v for i in range(pairs) for v in (("a", "b") if i % 2 == 0 else ("b", "a"))]


def main(argv: list[str] | None = None) -> int:
    raw = sys.argv[1:] if argv is None else argv
    ours, bench_args = (
        (raw[: raw.index("--")], raw[raw.index("--") + 1 :]) if "--" in raw else (raw, [])
    )
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=Path, required=True, help="one version's tree (A)")
    parser.add_argument("--b", type=Path, default=Path("."), help="the other's (B; default .)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pairs", type=int, default=4, help="pairs of imports (default 4)")
    args = parser.parse_args(ours)
    trees = {"a": args.a.resolve(), "b": args.b.resolve()}
    runs: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    ratios: list[float] = []
    sequence = order(args.pairs)
    for at, version in enumerate(sequence):
        figures = one_import(trees[version], args.backend, bench_args)
        runs[version].append(figures)
        shown = "  ".join(f"{k} {figures.get(k)}" for k in FIGURES)
        print(f"{at // 2 + 1:>4} {version.upper()}  {shown}", flush=True)
        if at % 2 == 1:
            a, b = runs["a"][-1]["docs_per_s"], runs["b"][-1]["docs_per_s"]
            ratios.append(b / a)
    print(f"\nA = {trees['a']}\nB = {trees['b']}")
    for version in ("a", "b"):
        medians = {
            k: statistics.median(values)
            for k in FIGURES
            if (values := [r[k] for r in runs[version] if r.get(k) is not None])
        }
        print(f"median {version.upper()}  " + "  ".join(f"{k} {v:g}" for k, v in medians.items()))
    spread = f"[{min(ratios):.3f}–{max(ratios):.3f}]" if ratios else ""
    print(
        f"documents/s B/A, median of {len(ratios)} pairs: {statistics.median(ratios):.3f} {spread}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
