"""The `referent` script's entry point (pyproject.toml), kept apart from bot/cli.py so that
importing the script loads nothing: an import's worker processes, started by a fork server,
run the main script again before they parse (multiprocessing's "safe importing of the main
module"), and bot/cli.py's imports (the bot, the database, the Teams and Slack SDKs) cost
each worker 0.6 s of CPU it had no use for."""

from __future__ import annotations


def main() -> int:
    from bot.cli import main as run  # only when the command runs, not when a worker starts

    return run()
