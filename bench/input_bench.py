"""Reading long chat messages: recognize() and parse_command() time by message length.

    .venv/bin/python bench/input_bench.py                         # 1k, 4k, 8k (the cap), 16k, 200k
    .venv/bin/python bench/input_bench.py --code /tmp/before      # another checkout, same shapes
    .venv/bin/python bench/input_bench.py --sizes 1000 8000 --limit 2

Figures, not a test (tests/assistant/test_input_bounds.py proves the linearity). Each shape
is a message of about n characters: the issue's "a a a …", a question repeated, thanks at
the end, dates that name things, and commands followed by a run of spaces that they do not
allow. A figure is the best of three calls (one call when it takes over a second); after a
call over --limit seconds the larger sizes of that shape are skipped ("-"). `--code` puts
another checkout first on the path, e.g. `git worktree add /tmp/before <commit>`, to print
the before figures on the same machine. Ends with one JSON line of all figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

CAP = 8_000  # assistant.message_length.MAX_MESSAGE_CHARS (not imported: older code lacks it)
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
OSLO = ZoneInfo("Europe/Oslo")


def _repeated(head: str, unit: str, tail: str = "") -> Callable[[int], str]:
    return lambda n: head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


RECOGNIZE_SHAPES = {
    "a a a …": _repeated("", "a "),
    "a question repeated": _repeated("", "Hva ble bestemt om LAR og TUD i SSU i 2023? "),
    "… takk takk takk": _repeated("hva ble bestemt om LAR", " takk"),
    "planen for 2024 …": _repeated("hva ble bestemt om ", "planen for 2024 "),
}
COMMAND_SHAPES = {
    "a a a …": _repeated("", "a "),
    "oppgave: a a a …": _repeated("oppgave: ", "a ", "innen 5.12"),
    "påminnelser + spaces + x": _repeated("påminnelser", " ", "x"),
    "utsett oppgave 12 + spaces + a\\nb": _repeated("utsett oppgave 12 ", " ", "a\nb"),
    "ferdig med oppgave 12 + spaces + x": _repeated("ferdig med oppgave 12", " ", "x"),
}


def _seconds(f: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    f(text)
    first = time.perf_counter() - started
    if first > 1:
        return first
    best = first
    for _ in range(2):
        started = time.perf_counter()
        f(text)
        best = min(best, time.perf_counter() - started)
    return best


def _table(
    name: str,
    f: Callable[[str], object],
    shapes: dict[str, Callable[[int], str]],
    sizes: list[int],
    limit: float,
) -> dict[str, dict[int, float | None]]:
    print(f"\n{name} (ms)")
    print(f"  {'':36}" + "".join(f"{n:>12,}" for n in sizes))
    figures: dict[str, dict[int, float | None]] = {}
    for shape, make in shapes.items():
        row: dict[int, float | None] = {}
        over = False
        for n in sizes:
            row[n] = None if over else _seconds(f, make(n)) * 1000
            over = over or (row[n] or 0) > limit * 1000
        figures[shape] = row
        cells = "".join(f"{'-':>12}" if v is None else f"{v:>12,.1f}" for v in row.values())
        print(f"  {shape:36}{cells}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", help="measure the checkout at this path instead")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, CAP, 16000, 200000])
    parser.add_argument("--limit", type=float, default=10.0, help="seconds; skip larger after")
    args = parser.parse_args()
    if args.code:
        sys.path.insert(0, args.code)
    import assistant
    from assistant.commands import parse_command
    from assistant.intents import recognize

    print(f"code: {assistant.__file__.rsplit('/', 2)[0]}; Python {sys.version.split()[0]}")
    results: dict[str, Any] = {"code": assistant.__file__.rsplit("/", 2)[0]}
    results["recognize"] = _table(
        "recognize()",
        lambda text: recognize(text, today=TODAY),
        RECOGNIZE_SHAPES,
        args.sizes,
        args.limit,
    )
    results["parse_command"] = _table(
        "parse_command()",
        lambda text: parse_command(text, NOW, OSLO),
        COMMAND_SHAPES,
        args.sizes,
        args.limit,
    )
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
