"""Referent's App Home tab in Slack: the user's open tasks (most urgent first, each with
«Marker som ferdig») and the next meeting of each of their committees.

Published with views.publish when the user opens the Home tab (app_home_opened, tab
"home"), and again after «Marker som ferdig» on it, so the done task is gone. The user is
the person in the minutes found as for «mine oppgaver» in Slack (bot/slack/identity.py);
a user linked to nobody is told so and how Referent comes to know them. The view is
built through slack_sdk.models (validated there) and within Slack's 100 blocks by
construction: the lists are capped, what is left out is counted."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant import render
from assistant.answer_types import TaskResult
from assistant.assistant import Assistant
from assistant.meeting_answer import meeting_result, next_meetings
from assistant.meeting_choice import place_note
from assistant.task_answer import task_result
from assistant.texts import text
from storage.committee_access import Reader, restrict
from storage.models import Group, GroupMembership, Meeting, MeetingParticipant
from storage.queries import tasks_for

from ..identity import Asker
from ..stacks import TenantStack, TenantStacks
from .blocks import HEADER_CHARS, SECTION_CHARS, task_section
from .context import stack_of
from .identity import SlackIdentities
from .mrkdwn import clip, escape

log = logging.getLogger(__name__)

# Slack's limit on a Home view's blocks (api.slack.com/reference/surfaces/views), and the
# caps that keep within it: header, tasks' head, HOME_TASKS rows and their "… more",
# divider, meetings' head, HOME_MEETINGS rows and their "… more", divider, help = 49.
HOME_BLOCKS = 100
HOME_TASKS = 25
HOME_MEETINGS = 20
FRAME_BLOCKS = 9  # every block but the task and meeting rows


@dataclass(frozen=True, slots=True)
class HomeMeeting:
    committee: str
    when: str  # date, time and place, as «når er neste møte?» says them


@dataclass(frozen=True, slots=True)
class Home:
    """What the Home tab shows one Slack user."""

    person: str | None  # None: linked to nobody in the minutes
    tasks: list[TaskResult]  # open, the HOME_TASKS most urgent
    meetings: list[HomeMeeting]  # the next of each committee, the HOME_MEETINGS soonest
    everyone: bool  # the meetings are every committee's: the person's are not known
    task_total: int  # open tasks in all
    meeting_total: int  # committees with a next meeting in all


def register(bolt: AsyncApp, stacks: TenantStacks) -> None:
    """Add this feature's listeners to the Slack app."""

    async def acknowledge(ack: AsyncAck) -> None:
        await ack()

    async def opened(
        body: dict[str, Any],
        event: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        # The Messages and About tabs show nothing of the app's: only Home is published.
        # A redelivered event publishes the same view again, which is harmless.
        if event.get("tab") != "home" or not event.get("user"):
            return
        await publish_home(stack_of(stacks, context), client, body.get("team_id"), event["user"])

    bolt.event("app_home_opened")(ack=acknowledge, lazy=[opened])


def on_home(body: dict[str, Any]) -> bool:
    """Whether an action came from the Home tab (its container is the home view)."""
    container = body.get("container") or {}
    return container.get("type") == "view" and (body.get("view") or {}).get("type") == "home"


async def refresh_home(
    stacks: TenantStacks,
    body: dict[str, Any],
    client: AsyncWebClient,
    context: AsyncBoltContext,
) -> None:
    """The Home tab published again after a button on it changed something."""
    user = body.get("user") or {}
    if not user.get("id"):
        return
    team_id = user.get("team_id") or (body.get("team") or {}).get("id")
    await publish_home(stack_of(stacks, context), client, team_id, user["id"])


async def publish_home(
    stack: TenantStack, client: AsyncWebClient, team_id: str | None, user_id: str
) -> None:
    """The user's Home tab as it now is, published (views.publish)."""
    assistant = stack.assistant
    identities = SlackIdentities(assistant.db, stack.tenant, stack.unlinked)
    asker = await identities.who_is_asking(client, team_id, user_id)
    language = assistant.default_language
    reader = Reader(person_id=asker.person_id)  # the user's own tab: their committees

    def read(session: Session) -> Home:
        restrict(session, stack.tenant, reader, admins=assistant.admins)
        return read_home(session, assistant, asker, language)

    home = await assistant.db.read(read)
    view = home_view(home, language, assistant.today())
    try:
        await client.views_publish(user_id=user_id, view=view)
    except SlackApiError as error:  # nothing to tell the user: the tab keeps its last view
        log.warning("Slack views.publish for %s failed: %s", user_id, error.response.get("error"))


# ------------------------------------------------------------------ what the tab shows


def read_home(session: Session, assistant: Assistant, asker: Asker, language: str) -> Home:
    """The linked person's open tasks (as «mine oppgaver» finds them) and the next meeting
    of each committee they have tasks in, attend or have a group in; a user linked to
    nobody, or a person in no committee, sees every committee's. Only what the tab shows
    is read (the rest is counted): a person of a large archive owns hundreds of tasks."""
    tenant = assistant.tenant
    tasks: list[TaskResult] = []
    task_total = 0
    committees: set[int] = set()
    person = asker.name if asker.linked and asker.name else None
    if person is not None and asker.person_id is not None:
        found = tasks_for(session, tenant=tenant, name=person, per_page=HOME_TASKS, committees=True)
        tasks = [task_result(t, found) for t in found.tasks]
        task_total = found.total
        committees = set(found.committee_ids) | _committees_of(session, asker.person_id)
    # The deployment's day, not UTC's: a meeting without a time is upcoming all that day.
    now = assistant.clock.now().astimezone(assistant.timezone)
    upcoming = next_meetings(session, tenant, now, None)
    if committees:
        upcoming = [m for m in upcoming if m.committee_id in committees]
    meetings = [_meeting(session, assistant, m, language) for m in upcoming[:HOME_MEETINGS]]
    return Home(person, tasks, meetings, not committees, task_total, len(upcoming))


def _committees_of(session: Session, person_id: int) -> set[int]:
    """The committees whose meetings the person took part in or whose groups they are in."""
    attended = (
        select(Meeting.committee_id)
        .join(MeetingParticipant, MeetingParticipant.meeting_id == Meeting.id)
        .where(MeetingParticipant.person_id == person_id, Meeting.committee_id.is_not(None))
    )
    grouped = (
        select(Group.committee_id)
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .where(GroupMembership.person_id == person_id, Group.committee_id.is_not(None))
    )
    return {c for c in session.scalars(attended.union(grouped)) if c is not None}


def _meeting(
    session: Session, assistant: Assistant, meeting: Meeting, language: str
) -> HomeMeeting:
    """As «når er neste møte?» says it: the day, the time, the place or that none is given."""
    result = meeting_result(meeting)
    when = render.meeting_when(result, language, assistant.timezone)
    if not result.location:
        when = f"{when} ({place_note(session, assistant.tenant, result, language)})"
    return HomeMeeting(result.committee or "?", when)


# ------------------------------------------------------------------ the view


def home_view(home: Home, language: str, today: date) -> View:
    """The Home tab: a header, the person's tasks (or why they are not shown), the next
    meetings, a line of help. At most FRAME_BLOCKS + HOME_TASKS + HOME_MEETINGS blocks."""
    blocks: list[Block] = [_header(text(language, "slack.home.title"))]
    blocks += _tasks(home, language, today)
    blocks.append(DividerBlock())
    blocks += _meetings(home, language)
    blocks.append(DividerBlock())
    blocks.append(_context(text(language, "slack.home.help")))
    return View(type="home", blocks=blocks)


def _tasks(home: Home, language: str, today: date) -> list[Block]:
    if home.person is None:
        lines = [text(language, "slack.home.unlinked"), text(language, "slack.home.how_to_link")]
        return [_section("\n".join(escape(line) for line in lines))]
    if not home.tasks:
        return [_section(escape(text(language, "tasks.none", name=home.person)))]
    head = text(language, "tasks.mine", name=home.person).removesuffix(":")
    blocks: list[Block] = [_section(f"*{clip(escape(head), SECTION_CHARS - 2)}*")]
    blocks += [task_section(t, language, today) for t in home.tasks[:HOME_TASKS]]
    more = home.task_total - HOME_TASKS
    if more > 0:
        blocks.append(_context(escape(text(language, "slack.home.more_tasks", count=more))))
    return blocks


def _meetings(home: Home, language: str) -> list[Block]:
    head = "slack.home.meetings_all" if home.everyone else "slack.home.meetings"
    blocks: list[Block] = [_section(f"*{escape(text(language, head))}*")]
    if not home.meetings:
        return [*blocks, _section(escape(text(language, "meeting.none", suffix="")))]
    blocks += [_meeting_row(m) for m in home.meetings[:HOME_MEETINGS]]
    more = home.meeting_total - HOME_MEETINGS
    if more > 0:
        blocks.append(_context(escape(text(language, "slack.home.more_meetings", count=more))))
    return blocks


def _meeting_row(meeting: HomeMeeting) -> SectionBlock:
    # Each part clipped alone, so a long committee name leaves room for the date.
    committee = clip(escape(meeting.committee), SECTION_CHARS // 4)
    return _section(f"*{committee}*\n{clip(escape(meeting.when), SECTION_CHARS // 2)}")


def _header(title: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=clip(title, HEADER_CHARS) or "…", emoji=False))


def _section(mrkdwn: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=clip(mrkdwn, SECTION_CHARS)))


def _context(mrkdwn: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=clip(mrkdwn, SECTION_CHARS))])
