"""CPU per turn of two bots, measured in short alternating blocks: for a noisy machine.

`../shared/bench/compare.py` drives bot A for a few hundred turns, then bot B, and takes the
median ratio over a handful of such pairs. On a machine whose speed drifts by ±25 % within
a minute (a shared VM), one pair's two halves run at different speeds, and five pairs gave
ratios from 0.51 to 0.95 for the same two bots. This bench keeps both bots running and one
driver with one fake Connector (the harness's own `drive.py` pieces), and alternates blocks
of a few passes of the question set in the order A B B A, so that a slow spell falls on both
bots alike; it prints the median of the blocks' ratios, their quartiles, and the ratio of
the totals.

    .venv/bin/python bench/turn_interleaved.py \\
      --a "cd ../shared/bench && exec .venv/bin/python echo_bot.py {port}" \\
      --b "REFERENT_DATABASE_URL=sqlite+aiosqlite:////tmp/…/search.db MicrosoftAppId= \\
           MicrosoftAppPassword= REFERENT_REMINDERS=off \\
           exec .venv/bin/referent serve --port {port}" \\
      --names echo,referent --utterances bench/mixed_questions.txt -c 8 --blocks 20

Bots are pinned to one core and the driver to the other (as compare.py pins them); the CPU
of a bot is its process tree's user + system time from /proc (drive.proc_tree_cpu_s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

HARNESS = Path(__file__).resolve().parents[2] / "shared" / "bench"


@dataclass
class Bot:
    name: str
    command: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    per_turn_ms: list[float] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/messages"

    def start(self, cpus: set[int], log: Path) -> None:
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                ["bash", "-c", self.command.format(port=self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=lambda: os.sched_setaffinity(0, cpus),
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


async def _run(args: argparse.Namespace, drive: Any, bots: list[Bot]) -> dict[str, Any]:
    from fake_connector import FakeConnector  # the harness's, beside drive.py

    connector = FakeConnector(reply_types=["message"])
    await connector.start("127.0.0.1", 0)
    try:
        utterances = drive.load_utterances(drive.parse_args(["--utterances", args.utterances]))
        for bot in bots:
            if not await drive.wait_ready("127.0.0.1", bot.port, args.wait_ready):
                raise SystemExit(f"{bot.name} did not listen on {bot.port}")
        options = {
            bot.name: drive.parse_args(["--url", bot.url, "-c", str(args.c)]) for bot in bots
        }
        factory = drive.ActivityFactory("msteams", connector.service_url, "il")
        timeout = aiohttp.ClientTimeout(total=10)
        conn = aiohttp.TCPConnector(limit=args.c * 4)
        async with aiohttp.ClientSession(connector=conn, timeout=timeout) as session:

            async def block(bot: Bot, turns: int, measured: bool) -> None:
                pid = bot.process.pid if bot.process else 0
                before = drive.proc_tree_cpu_s(pid)
                phase = drive.Phase("block")
                factory.conv_prefix = f"il-{bot.name}"  # each bot its own conversations
                deadline = time.monotonic() + 120
                await drive.run_phase(
                    phase, turns, options[bot.name], connector, factory, session,
                    utterances, deadline,
                )  # fmt: skip
                after = drive.proc_tree_cpu_s(pid)
                if phase.err:
                    raise SystemExit(f"{bot.name}: errors {dict(phase.err)}")
                if measured and before is not None and after is not None:
                    bot.per_turn_ms.append((after - before) * 1000 / max(1, len(phase.lat_ms)))

            for bot in bots:
                await block(bot, args.warmup, measured=False)
            turns = args.passes * len(utterances)
            a, b = bots
            for index in range(args.blocks):
                order = (a, b, b, a) if index % 2 == 0 else (b, a, a, b)
                for bot in order:
                    await block(bot, turns, measured=True)
    finally:
        await connector.stop()
    return _figures(args, bots)


def _figures(args: argparse.Namespace, bots: list[Bot]) -> dict[str, Any]:
    a, b = bots
    # Blocks pair up as measured side by side: A B B A gives two pairs, (A1, B1), (A2, B2).
    ratios = sorted(y / x for x, y in zip(a.per_turn_ms, b.per_turn_ms, strict=True) if x > 0)
    quartiles = statistics.quantiles(ratios, n=4)
    return {
        "bench": "turn_interleaved",
        "c": args.c,
        "blocks": len(ratios),
        "turns_per_block": args.passes * _count(args.utterances),
        "a": {"name": a.name, "ms_per_turn_median": round(statistics.median(a.per_turn_ms), 3)},
        "b": {"name": b.name, "ms_per_turn_median": round(statistics.median(b.per_turn_ms), 3)},
        "ratio_b_over_a": {
            "median": round(statistics.median(ratios), 4),
            "q1": round(quartiles[0], 4),
            "q3": round(quartiles[2], 4),
            "min": round(ratios[0], 4),
            "max": round(ratios[-1], 4),
            "of_totals": round(sum(b.per_turn_ms) / sum(a.per_turn_ms), 4),
        },
    }


def _count(path: str) -> int:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.strip() and not line.lstrip().startswith("#"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", required=True, help="command of bot A; {port} is filled in")
    parser.add_argument("--b", required=True, help="command of bot B")
    parser.add_argument("--names", default="a,b")
    parser.add_argument("--ports", default="3978,3979")
    parser.add_argument("--utterances", required=True)
    parser.add_argument("-c", type=int, default=1, help="turns in flight (closed loop)")
    parser.add_argument("--blocks", type=int, default=40, help="A B B A groups of blocks")
    parser.add_argument("--passes", type=int, default=4, help="passes of the set a block")
    parser.add_argument("--warmup", type=int, default=60, help="turns per bot, not measured")
    parser.add_argument("--wait-ready", type=float, default=90)
    parser.add_argument("--harness", type=Path, default=HARNESS)
    parser.add_argument("--bot-cpus", default="1")
    parser.add_argument("--driver-cpus", default="0")
    parser.add_argument("--logs", type=Path, default=Path("/tmp"))
    args = parser.parse_args()

    sys.path.insert(0, str(args.harness))
    import drive  # the harness's driver: its activities, phases and CPU reading

    names, ports = args.names.split(","), [int(p) for p in args.ports.split(",")]
    bots = [Bot(names[0], args.a, ports[0]), Bot(names[1], args.b, ports[1])]
    bot_cpus = {int(c) for c in args.bot_cpus.split(",")}
    try:
        for bot in bots:
            bot.start(bot_cpus, args.logs / f"turn_interleaved_{bot.name}.log")
        os.sched_setaffinity(0, {int(c) for c in args.driver_cpus.split(",")})
        figures = asyncio.run(_run(args, drive, bots))
    finally:
        for bot in bots:
            bot.stop()
    ratio = figures["ratio_b_over_a"]
    print(
        f"{figures['blocks']} block pairs of {figures['turns_per_block']} turns, c = {args.c}: "
        f"{bots[0].name} {figures['a']['ms_per_turn_median']} ms, "
        f"{bots[1].name} {figures['b']['ms_per_turn_median']} ms of CPU a turn (medians); "
        f"B/A median {ratio['median']} [quartiles {ratio['q1']}–{ratio['q3']}, "
        f"range {ratio['min']}–{ratio['max']}], of the totals {ratio['of_totals']}"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
