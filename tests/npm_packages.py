"""What the tests that fetch an npm package (the Teams manifest schema, the Agents Playground)
share: skipping (or, where CI requires them, failing) when npm cannot get them, and the one
line of npm's error output that says what went wrong."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(what: str, reason: str, required_by: str) -> NoReturn:
    """Skip with the reason, or fail where the environment variable `required_by` is "1"."""
    message = f"{what} unavailable: {reason}"
    if os.environ.get(required_by) == "1":
        pytest.fail(f"{message} ({required_by}=1)")
    pytest.skip(message)


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
