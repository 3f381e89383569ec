"""Placeholder: filled in by the modals work (issue 17)."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from ..stacks import TenantStacks


def register(bolt: AsyncApp, stacks: TenantStacks) -> None:
    """Add this feature's listeners to the Slack app."""
