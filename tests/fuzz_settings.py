"""Hypothesis profiles for the property tests and the HTTP fuzz (tests/*/test_properties*.py,
tests/bot/test_fuzz_*.py): "default" is bounded for `make test` (the suite's time matters),
"fuzz" is `make fuzz` (HYPOTHESIS_PROFILE=fuzz): thousands of examples.

No example database: `make test` must not write .hypothesis/ into the tree, and a failure
prints the input (and @reproduce_failure) to paste into a test. No deadline: an HTTP round
trip on PostgreSQL varies by more than any per-example limit would allow."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "database": None,
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("default", max_examples=40, **_COMMON)
settings.register_profile("fuzz", max_examples=3000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def examples(default: int) -> int:
    """A test's example count: `default` under the default profile, the profile's otherwise
    (so `make fuzz` raises every test's count)."""
    return default if settings().max_examples == 40 else settings().max_examples
