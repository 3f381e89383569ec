"""Who reads a Slack modal (committee access, storage/committee_access.py): the user it
was opened for, alone, so their own membership counts, as does the channel it came from
(bot/readers.py). The modal lists, finds and adds to only the committees that reader
reads; a `members` committee they are not in is not there. Its confirmation is posted in
the channel only if the channel reads the committee, else it goes to the user alone."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from assistant.capture import Capture
from storage.committee_access import Reader, members_only

from ..stacks import TenantStack
from .identity import CHANNEL as SLACK
from .identity import SlackIdentities


async def modal_capture(
    stack: TenantStack, client: AsyncWebClient, body: dict[str, Any], channel: str | None
) -> Capture:
    """The tenant's capture as the modal's user reads (`body`: a slash command's, or a
    view submission's), in `channel` (where it was opened from, if anywhere). The user is
    looked up (users.info, within the trigger's 3 seconds) only when some committee of the
    tenant is kept to its members: else everyone reads everything."""
    capture, tenant = stack.capture, stack.tenant
    if not await capture.db.read(lambda s: members_only(s, tenant)):
        return capture.read_by(Reader())
    user = body.get("user")
    if isinstance(user, dict):  # a view submission or a shortcut
        user_id, team_id, name = user.get("id"), user.get("team_id"), user.get("name")
        team_id = team_id or (body.get("team") or {}).get("id")
    else:  # a slash command's form
        user_id, team_id, name = body.get("user_id"), body.get("team_id"), body.get("user_name")
    identities = SlackIdentities(capture.db, tenant, stack.unlinked)
    asker = await identities.who_is_asking(client, team_id, user_id, name)
    conversation = (SLACK, channel) if channel else None
    return capture.read_by(Reader(person_id=asker.person_id, conversation=conversation))


def _channel(capture: Capture, channel: str) -> Capture:
    return capture.read_by(Reader(conversation=(SLACK, channel)))


async def channel_reads(capture: Capture, channel: str | None, committee_id: int) -> bool:
    """Whether everyone in `channel` reads the committee (its confirmation may go there)."""
    if channel is None:
        return False
    return any(c["id"] == committee_id for c in await _channel(capture, channel).committees())


async def channel_reads_case(capture: Capture, channel: str | None, case_id: int) -> bool:
    """Whether everyone in `channel` reads the case (a task's confirmation names it)."""
    return channel is not None and await _channel(capture, channel).case_exists(case_id)
