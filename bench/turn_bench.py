"""Bot turns under concurrent load, SQLite and PostgreSQL side by side.

For each database: a new store with the bundled example minutes (and the seeds in
../shared/seeds where present), `referent serve` as its own process, then the shared Bot
Framework driver (../shared/bench/drive.py, closed loop, its own fake Connector) at each
concurrency with two kinds of traffic: the driver's own small talk, and decision questions
("hva ble bestemt om LAR?"), which search the index. Prints turns/s, p50/p95 and errors per
run, then one JSON line. Figures only: nothing here fails because a machine is slow; it
fails when a run has errors.

    .venv/bin/python bench/turn_bench.py                       # c = 16 and 64, both databases
    .venv/bin/python bench/turn_bench.py -c 8 -c 16 -n 400 --backend postgresql
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.machine import describe, machine  # noqa: E402
from bench.pg import with_database  # noqa: E402

DRIVER = ROOT.parent / "shared" / "bench" / "drive.py"
SEEDS = ROOT.parent / "shared" / "seeds"
REFERENT = Path(sys.executable).with_name("referent")
QUESTIONS = [
    "hva ble bestemt om LAR?",
    "hva ble vedtatt om øyeblikkelig hjelp?",
    "what was decided about the action plan?",
    "hva ble bestemt om samhandling?",
    "hva ble konkludert om handlingsplanen",
    "hva ble bestemt om korridorpasienter",
    "hva ble bestemt om rus og psykiatri",
    "hva ble vedtatt om utskrivningsklare pasienter",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_backend(url: str, args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    env = {
        **os.environ,
        "REFERENT_DATABASE_URL": url,
        "REFERENT_REMINDERS": "off",
        "MicrosoftAppId": "",
        "MicrosoftAppPassword": "",
    }
    sources = [str(ROOT / "examples"), *([str(SEEDS)] if SEEDS.is_dir() else [])]
    subprocess.run(
        [str(REFERENT), "import", *sources], env=env, check=True, stdout=subprocess.DEVNULL
    )
    questions = workdir / "questions.txt"
    questions.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    port = free_port()
    log = (workdir / f"serve-{port}.log").open("w")
    server = subprocess.Popen(
        [str(REFERENT), "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    results = []
    try:
        for c in args.concurrency:
            for traffic, extra in (("small talk", []), ("decisions", ["--utterances", questions])):
                drive = [
                    sys.executable, str(DRIVER), "--json-only", "--wait-ready", "30",
                    "--url", f"http://127.0.0.1:{port}/api/messages",
                    "-n", str(args.turns), "-c", str(c), "--warmup", str(args.warmup),
                    "--bot-pid", str(server.pid), *map(str, extra),
                ]  # fmt: skip
                out = subprocess.run(drive, capture_output=True, text=True, timeout=600)
                figures = json.loads(out.stdout.strip().splitlines()[-1])
                figures.update(c=c, traffic=traffic)
                results.append(figures)
    finally:
        server.terminate()
        server.wait(15)
        log.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--concurrency", type=int, action="append")
    parser.add_argument("-n", "--turns", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    args.concurrency = args.concurrency or [16, 64]
    if not DRIVER.is_file():
        print(f"the shared driver is not at {DRIVER}; nothing measured")
        return 1
    print(describe(machine()))
    rows: dict[str, list[dict[str, Any]] | str] = {}
    with tempfile.TemporaryDirectory(prefix="referent-turns-") as tmp:
        workdir = Path(tmp)
        if args.backend in ("sqlite", "both"):
            url = f"sqlite+aiosqlite:///{workdir / 'turns.db'}"
            rows["sqlite"] = run_backend(url, args, workdir)
        if args.backend in ("postgresql", "both"):
            rows["postgresql"] = with_database(
                "referent_bench_turns", lambda url, _server: run_backend(url, args, workdir)
            )
    errors = 0
    print(f"{'database':<11} {'traffic':<11} {'c':>3} {'turns/s':>8} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6}")  # fmt: skip
    for backend, results in rows.items():
        if isinstance(results, str):
            print(f"{backend:<11} not measured: {results}")
            continue
        for r in results:
            errors += r["errors"]
            print(
                f"{backend:<11} {r['traffic']:<11} {r['c']:>3} {r['turns_per_s']:>8.1f} "
                f"{r['p50_ms'] or 0:>8.1f} {r['p95_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} "
                f"{r['max_ms'] or 0:>8.1f} {r['errors']:>6}"
            )
    print(json.dumps({"bench": "referent-turns", "machine": machine(), "runs": rows}))
    return 1 if errors else 0


if __name__ == "__main__":
    time.tzset()
    sys.exit(main())
