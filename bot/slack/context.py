"""The tenant of a Slack request, put into Bolt's context by the app's middleware
(bot/slack/app.py), for listeners to find their workspace's TenantStack.

Only a string goes into the context: Bolt deep-copies it for lazy listeners, and drops
what cannot be copied."""

from __future__ import annotations

from slack_bolt.context.async_context import AsyncBoltContext

from ..stacks import TenantStack, TenantStacks

TENANT = "referent_tenant"  # the context key


def stack_of(stacks: TenantStacks, context: AsyncBoltContext) -> TenantStack:
    return stacks(context[TENANT])
