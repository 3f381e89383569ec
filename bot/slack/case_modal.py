"""The «Ny sak» modal: committee, title, description, kind and the meeting it is for; the
Teams case form's fields (the committee and the kind chosen from lists, as there), and the
meeting chosen among the upcoming ones, else the committee's next meeting, as the Teams
dialog takes it. Stored with Capture.propose_case, confirmed with the Teams reply."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assistant.capture import Capture
from assistant.texts import text
from dialogs.new_case import kind_of
from storage.models import Committee, Meeting
from storage.records import PROPOSAL_KINDS

from ..stacks import TenantStacks
from .context import stack_of
from .modal_parts import (
    OPTIONS,
    Origin,
    chatter,
    committee_choices,
    confirm,
    field,
    modal,
    select_input,
    submitter,
    text_input,
)
from .modal_reader import channel_reads, modal_capture

log = logging.getLogger(__name__)

CASE_MODAL = "referent.case.new"
COMMITTEE, TITLE, DESCRIPTION, KIND, MEETING = (
    "committee",
    "title",
    "description",
    "kind",
    "meeting",
)


async def upcoming_meetings(capture: Capture) -> list[dict[str, Any]]:
    """The tenant's meetings not cancelled from now on (as records.next_meeting_of counts
    them), soonest first, as Capture.meeting_state gives them, with "committee_id"."""
    now = capture.now().astimezone(capture.timezone)

    def find(session: Session) -> list[dict[str, Any]]:
        rows = session.scalars(
            select(Meeting)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Committee.tenant == capture.tenant, Meeting.status != "cancelled")
            .where(
                or_(
                    Meeting.starts_at >= now,
                    Meeting.starts_at.is_(None) & (Meeting.date >= now.date()),
                )
            )
            .order_by(Meeting.date, Meeting.starts_at, Meeting.id)
            .limit(OPTIONS)
        )
        return [
            {**state, "committee_id": meeting.committee_id}
            for meeting in rows
            if (state := capture.meeting_state(meeting)) is not None
        ]

    return await capture.read(find)


def case_view(
    origin: Origin,
    committees: list[dict[str, Any]],
    meetings: list[dict[str, Any]],
    capture: Capture,
    *,
    committee_id: int | None = None,
) -> View:
    """The modal, with the tenant's `committees` and upcoming `meetings` to choose from;
    the committee `committee_id` chosen (from «ny sak til SSU»)."""
    language = origin.language

    def label(key: str) -> str:
        return text(language, key)

    kinds = [(kind, text(language, f"case.kind.{kind}").capitalize()) for kind in PROPOSAL_KINDS]
    meeting_choices = [
        (str(m["id"]), f"{m['committee']}: {capture.meeting_when(m, language)}") for m in meetings
    ]
    initial = str(committee_id) if committee_id is not None else None
    blocks = [
        select_input(COMMITTEE, label("form.case.committee"), label("form.case.choose"),
                     committee_choices(committees), initial=initial),
        text_input(TITLE, label("form.case.title")),
        text_input(DESCRIPTION, label("form.case.description"), optional=True, multiline=True),
        select_input(KIND, label("form.case.kind"), label("form.case.choose_kind"), kinds),
    ]  # fmt: skip
    if meeting_choices:  # a select needs an option
        blocks.append(
            select_input(MEETING, label("slack.modal.case.meeting"),
                         label("slack.modal.case.choose_meeting"), meeting_choices,
                         optional=True, hint=label("slack.modal.case.meeting_hint"))
        )  # fmt: skip
    return modal(CASE_MODAL, "slack.modal.case.title", blocks, origin)


async def committee_chosen(capture: Capture, value: str | None) -> dict[str, Any] | None:
    """The tenant's committee a select's value (its id) names; None for any other value."""
    if value is None or not value.isdigit():
        return None
    return next((c for c in await capture.committees() if c["id"] == int(value)), None)


class CaseModal:
    def __init__(self, stacks: TenantStacks) -> None:
        self.stacks = stacks

    async def submit(
        self,
        ack: AsyncAck,
        body: dict[str, Any],
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        stack = stack_of(self.stacks, context)
        view = body.get("view") or {}
        origin = Origin.of(view, stack.assistant.default_language)
        language = origin.language
        # As the modal's user reads, where it was opened (bot/slack/modal_reader.py).
        capture = await modal_capture(stack, client, body, origin.channel)
        errors: dict[str, str] = {}
        committee = await committee_chosen(capture, field(view, COMMITTEE))
        if committee is None:
            errors[COMMITTEE] = text(language, "slack.modal.error.committee")
        title = field(view, TITLE)
        if title is None:
            errors[TITLE] = text(language, "slack.modal.error.empty")
        kind = kind_of(field(view, KIND) or "")
        if kind is None:
            errors[KIND] = text(language, "slack.modal.error.kind")
        meeting = None
        if committee is not None:
            meeting, error = await self._meeting(capture, committee, field(view, MEETING), language)
            if error:
                errors[MEETING] = error
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        assert committee is not None and title is not None
        await ack()
        try:
            record = await capture.propose_case(
                committee_id=committee["id"],
                meeting_id=meeting["id"] if meeting else None,
                title=title,
                description=field(view, DESCRIPTION),
                kind=kind,
                proposed_by=submitter(body)[1],
                chatter=chatter(body, origin),
            )
        except (SQLAlchemyError, OSError):
            log.exception("case from a Slack modal not stored")
            await confirm(client, body, origin, text(language, "slack.modal.not_saved"))
            return
        label = record.committee or committee["label"]
        if meeting:
            when = capture.meeting_when(meeting, language)
            reply = text(language, "case.saved", title=record.title, committee=label, meeting=when)
        else:
            reply = text(language, "case.saved.no_meeting", title=record.title, committee=label)
        if not await channel_reads(capture, origin.channel, committee["id"]):
            origin = dataclasses.replace(origin, channel=None)  # to the user alone
        await confirm(client, body, origin, reply)

    async def _meeting(
        self, capture: Capture, committee: dict[str, Any], chosen: str | None, language: str
    ) -> tuple[dict[str, Any] | None, str | None]:
        """The meeting chosen, if it is one of the committee's upcoming ones (else an error),
        or without a choice the committee's next meeting, as the Teams dialog takes it."""
        if chosen is None:
            return await capture.next_meeting(committee["id"]), None
        for meeting in await upcoming_meetings(capture):
            if str(meeting["id"]) == chosen and meeting["committee_id"] == committee["id"]:
                return meeting, None
        return None, text(language, "slack.modal.error.meeting", committee=committee["label"])
