"""Load: many conversations at once against `referent serve` on PostgreSQL, one instance or
two sharing the database; figures, not a test.

    .venv/bin/python bench/load.py            # 200 conversations, 60 s: 1, then 2 instances
    .venv/bin/python bench/load.py --instances 2 --conversations 200 --duration 60

A throwaway database (bench/pg.py) gets the example minutes (`referent import examples`);
each instance is `referent serve` on its own port (reminders off: this measures turns).
The shared Bot Framework driver (../shared/bench/drive.py, closed loop, a fake Bot
Connector in-process) drives each instance with its share of the conversations, all at
once, with members' questions in Norwegian and English (each answer about a case writes
the conversation's state: the case it is about). No dialogs: a question asked while a
dialog waits gets two replies (the answer, then the dialog's question again), and every
reply beyond one a turn is counted as doubled here. Printed per run: turns, turns/s,
p50/p95/p99, errors by kind, turns without a reply (lost) and replies matched to no turn
(doubled), and each instance's resident memory at the start and the end (flat: no growth
with turns).
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pg import with_database

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT.parent / "shared" / "bench" / "drive.py"
REFERENT = ROOT / ".venv" / "bin" / "referent"
PYTHON = ROOT / ".venv" / "bin" / "python"
UTTERANCES = """\
hva ble bestemt om LAR?
når er neste møte?
hvilke oppgaver har jeg?
hva står på sakslisten til neste LSU-møte?
what was decided about the emergency ward?
which tasks are mine?
hvem har ansvar for LAR?
hva skjedde på siste SSU-møte?
hjelp
møtedatoer LSU 2027
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wait_ready(port: int, timeout: float = 60.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"referent serve on port {port} was not ready in {timeout:.0f} s")


def run(url: str, server: str, args: argparse.Namespace, instances: int) -> dict:
    env = {**os.environ, "REFERENT_DATABASE_URL": url, "REFERENT_REMINDERS": "off"}
    env.pop("MicrosoftAppId", None)
    subprocess.run(
        [str(REFERENT), "import", str(ROOT / "examples")], env=env, check=True, capture_output=True
    )
    work = Path(tempfile.mkdtemp(prefix="referent_load_"))
    (work / "utterances.txt").write_text(UTTERANCES)
    servers = []
    for _ in range(instances):
        port = _free_port()
        process = subprocess.Popen(
            [str(REFERENT), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(work / f"serve_{port}.log", "w"),  # noqa: SIM115 - closed with the process
        )
        servers.append((port, process))
    try:
        for port, _ in servers:
            _wait_ready(port)
        start_rss = [_rss_mb(p.pid) for _, p in servers]
        share = args.conversations // instances
        drivers = []
        for i, (port, process) in enumerate(servers):
            out = work / f"drive_{i}.json"
            drivers.append(
                (
                    out,
                    subprocess.Popen(
                        [
                            str(PYTHON),
                            str(DRIVER),
                            "--url",
                            f"http://127.0.0.1:{port}/api/messages",
                            "-c",
                            str(share),
                            "--conversations",
                            str(share),
                            "-n",
                            str(args.turns // instances),
                            "--warmup",
                            "50",
                            "--duration",
                            str(args.duration),
                            "--utterances",
                            str(work / "utterances.txt"),
                            "--conv-prefix",
                            f"load{i}",
                            "--reply-timeout",
                            "30",
                            "--bot-pid",
                            str(process.pid),
                            "--json-only",
                            "--json-out",
                            str(out),
                        ],
                        stdout=subprocess.DEVNULL,
                    ),
                )
            )
        for _, driver in drivers:
            driver.wait()
        end_rss = [_rss_mb(p.pid) for _, p in servers]
        results = [json.loads(out.read_text()) for out, _ in drivers]
    finally:
        for _, process in servers:
            process.terminate()
            process.wait(timeout=30)
    return {"server": server, "instances": instances, "results": results,
            "rss_start_mb": start_rss, "rss_end_mb": end_rss}  # fmt: skip


def report(figures: dict) -> None:
    results = figures["results"]
    turns = sum(r.get("ok", 0) for r in results)
    sent = sum(r.get("sent", 0) for r in results)
    wall = max(r.get("wall_s", 0) or 0 for r in results) or float("nan")
    errors = sum(r.get("errors", 0) for r in results)
    kinds: dict[str, int] = {}
    for r in results:
        for kind, count in (r.get("error_kinds") or {}).items():
            kinds[kind] = kinds.get(kind, 0) + count
    doubled = sum((r.get("connector") or {}).get("unmatched_measured", 0) for r in results)
    print(f"\n{figures['instances']} instance(s), {figures['server']}")
    print(f"  turns answered {turns} of {sent} sent in {wall:.0f} s ({turns / wall:.0f}/s)")
    print(f"  errors {errors} {kinds}; replies matched to no turn (doubled or strays) {doubled}")
    for i, r in enumerate(results):
        print(
            f"  instance {i + 1}: p50 {r.get('p50_ms')} ms, p95 {r.get('p95_ms')} ms, "
            f"p99 {r.get('p99_ms')} ms, max {r.get('max_ms')} ms, "
            f"CPU {r.get('bot_cpu_ms_per_turn')} ms a turn"
        )
    for i, (a, b) in enumerate(zip(figures["rss_start_mb"], figures["rss_end_mb"], strict=True)):
        print(f"  instance {i + 1} memory: {a:.0f} MB at the start, {b:.0f} MB at the end")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instances", type=int, choices=(1, 2), help="only this many")
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--turns", type=int, default=20_000, help="measured turns at most")
    args = parser.parse_args()
    if not DRIVER.is_file():
        print(f"the shared driver is not at {DRIVER}", file=sys.stderr)
        return 2
    for instances in [args.instances] if args.instances else [1, 2]:

        def measured(url: str, server: str, instances: int = instances) -> dict:
            return run(url, server, args, instances)

        figures = with_database("referent_load", measured)
        if isinstance(figures, str):
            print(f"PostgreSQL not used: {figures}")
            return 1
        report(figures)
        print(json.dumps(figures, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
