"""What the tests that fetch an npm package (the Teams manifest schema, the Agents Playground)
share: the one line of npm's error output that says what went wrong."""

from __future__ import annotations


def npm_error(stderr: str) -> str:
    """The telling line of npm's error output ("FetchError: … ECONNREFUSED", "notarget …")."""
    errors = [
        line.removeprefix("npm error").strip()
        for line in stderr.splitlines()
        if line.startswith("npm error")
    ]
    boring = ("code ", "syscall ", "errno ", "at ", "A complete log")
    telling = [line for line in errors if line and not line.startswith(boring)]
    return (telling or errors or stderr.strip().splitlines() or ["no output"])[0]
