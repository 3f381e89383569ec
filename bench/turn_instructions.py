"""Instructions a bot turn takes, counted by valgrind's callgrind: a figure that does not
drift with the machine's speed (two runs of the same server agree within ~0.5 %).

    .venv/bin/python bench/turn_instructions.py \\
      --bot "REFERENT_DATABASE_URL=sqlite+aiosqlite:////tmp/…/search.db MicrosoftAppId= \\
             MicrosoftAppPassword= REFERENT_REMINDERS=off .venv/bin/python \\
             .venv/bin/referent serve --port {port}" \\
      --utterances bench/mixed_questions.txt

The bot's command runs under `valgrind --tool=callgrind` (start-up takes a couple of
minutes); after `--warmup` turns the counters are zeroed, `-n` turns of the set are driven
one at a time by the harness's `drive.py` (`../shared/bench`), and the counters are dumped:
the instructions of all the bot's threads, divided by the turns. One turn at a time only:
valgrind runs one thread at a time, so what several turns at once cost (threads waiting
for each other) is not seen here. Instructions are not CPU time either: a turn bound by
memory takes more time per instruction (bench/README.md, "A bot turn").
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HARNESS = Path(__file__).resolve().parents[2] / "shared" / "bench"


def _drive(args: argparse.Namespace, turns: int) -> None:
    done = subprocess.run(
        [
            str(args.harness / ".venv" / "bin" / "python"), str(args.harness / "drive.py"),
            "--url", f"http://127.0.0.1:{args.port}/api/messages", "-n", str(turns), "-c", "1",
            "--warmup", "0", "--utterances", str(Path(args.utterances).resolve()),
            "--reply-timeout", "60", "--duration", "600", "--wait-ready", "600", "--json-only",
        ],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures["errors"] or figures["ok"] != turns:
        raise SystemExit(f"turns failed: {figures['ok']} of {turns}, errors {figures['errors']}")


def _counted(out: Path, pid: int) -> int:
    """The instructions in callgrind's newest dump of `pid`."""
    dumps = sorted(out.glob(f"callgrind.{pid}.*"), key=lambda p: p.stat().st_mtime)
    for line in dumps[-1].read_text(errors="replace").splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1])
    raise SystemExit(f"no summary in {dumps[-1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bot", required=True, help="the bot's command; {port} is filled in")
    parser.add_argument("--port", type=int, default=3995)
    parser.add_argument("--utterances", required=True)
    parser.add_argument("-n", type=int, default=68, help="measured turns (4 passes of the set)")
    parser.add_argument("--warmup", type=int, default=34)
    parser.add_argument("--harness", type=Path, default=HARNESS)
    args = parser.parse_args()

    out = Path(tempfile.mkdtemp(prefix="turn_instructions_"))
    command = args.bot.format(port=args.port)
    # valgrind wraps the command's last program: the environment words stay in front of it.
    words = command.split()
    at = next(i for i, w in enumerate(words) if "=" not in w)
    wrapped = [
        *words[:at], "valgrind", "--tool=callgrind", "--trace-children=no",
        f"--callgrind-out-file={out}/callgrind.%p", *words[at:],
    ]  # fmt: skip
    bot = subprocess.Popen(
        ["bash", "-c", "exec env " + " ".join(wrapped)],
        stdout=(out / "bot.log").open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        started = time.monotonic()
        _drive(args, args.warmup)  # waits for the port (start-up under valgrind is slow)
        warm = time.monotonic() - started
        subprocess.run(["callgrind_control", "-z", str(bot.pid)], capture_output=True, check=True)
        _drive(args, args.n)
        subprocess.run(["callgrind_control", "-d", str(bot.pid)], capture_output=True, check=True)
        time.sleep(2)  # the dump is written by the bot's process
        per_turn = _counted(out, bot.pid) / args.n
    finally:
        os.killpg(bot.pid, signal.SIGTERM)
        bot.wait(60)
    print(
        f"{per_turn / 1e6:.2f} M instructions a turn over {args.n} turns "
        f"(start-up and {args.warmup} turns of warm-up: {warm:.0f} s; dumps in {out})"
    )
    print(json.dumps({"bench": "turn_instructions", "turns": args.n, "per_turn": round(per_turn)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
