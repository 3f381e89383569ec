"""The «Nytt møte» modal: committee (chosen from the list, as in the Teams form), date
(«fredag», «14. desember», with a time if written: read as the Teams dialog reads it),
time («13-15», «kl 13») and place. A date in the past, which the dialog questions, is
refused on its field. Stored with Capture.schedule_meeting, confirmed with the Teams
reply (also when the committee already meets then: nothing is doubled)."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError

from assistant.capture import Capture
from assistant.texts import format_date, text
from assistant.when import When, parse_when
from dialogs.schedule_meeting import meeting_state_of, with_times

from ..stacks import TenantStacks
from .case_modal import committee_chosen
from .context import stack_of
from .modal_parts import (
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

MEETING_MODAL = "referent.meeting.new"
COMMITTEE, DATE, TIME, LOCATION = "committee", "date", "time", "location"


def meeting_view(
    origin: Origin, committees: list[dict[str, Any]], *, committee_id: int | None = None
) -> View:
    language = origin.language

    def label(key: str) -> str:
        return text(language, key)

    initial = str(committee_id) if committee_id is not None else None
    blocks = [
        select_input(COMMITTEE, label("form.meeting.committee"), label("form.meeting.choose"),
                     committee_choices(committees), initial=initial),
        text_input(DATE, label("form.meeting.date"), hint=label("slack.modal.meeting.date_hint")),
        text_input(TIME, label("slack.modal.meeting.time"), optional=True,
                   hint=label("slack.modal.meeting.time_hint")),
        text_input(LOCATION, label("form.meeting.location"), optional=True),
    ]  # fmt: skip
    return modal(MEETING_MODAL, "slack.modal.meeting.title", blocks, origin)


def times_of(written: str, capture: Capture) -> dict[str, Any] | None:
    """ "13-15", "kl 13", "13:00–15:00": a start (and end) with no day, as the dialog keeps
    a time given without a day ({"start", "end"}); None when it is not that."""
    now, tz = capture.now(), capture.timezone
    # The date rules read a bare "13-15" only after «kl»; a «kl» more is no harm.
    found: When | None = parse_when(written, now, tz) or parse_when(f"kl {written}", now, tz)
    if found is None or found.day is not None or found.start is None:
        return None
    end = found.end.strftime("%H:%M") if found.end else None
    return {"start": found.start.strftime("%H:%M"), "end": end}


class MeetingModal:
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
        times = None
        if (written_time := field(view, TIME)) is not None:
            times = times_of(written_time, capture)
            if times is None:
                errors[TIME] = text(language, "slack.modal.error.time", time=written_time)
        written = field(view, DATE) or ""
        when = meeting_state_of(parse_when(written, capture.now(), capture.timezone))
        if not written:
            errors[DATE] = text(language, "slack.modal.error.empty")
        elif when is None:
            errors[DATE] = text(language, "slack.modal.error.meeting_date", date=written)
        elif (day := date.fromisoformat(when["day"])) < capture.today():
            shown = format_date(day, language)
            errors[DATE] = text(language, "slack.modal.error.past", date=shown)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        assert committee is not None and when is not None
        await ack()
        if times is not None:  # the time field's, unless the date had its own
            when = with_times(when, times)
        try:
            record = await capture.schedule_meeting(
                committee_id=committee["id"],
                day=date.fromisoformat(when["day"]),
                start=when.get("start"),
                end=when.get("end"),
                location=field(view, LOCATION),
                created_by=submitter(body)[1],
                chatter=chatter(body, origin),
            )
        except (SQLAlchemyError, OSError):
            log.exception("meeting from a Slack modal not stored")
            await confirm(client, body, origin, text(language, "slack.modal.not_saved"))
            return
        # The Teams dialog's reply (dialogs/schedule_meeting.py, _save).
        saved = capture.meeting_state(record)
        assert saved is not None
        shown = capture.meeting_when(saved, language)
        name = saved["committee"] or committee["label"]
        if record.existing:
            reply = text(language, "meeting.new.existing", committee=name, when=shown)
        else:
            if saved["location"]:
                shown = f"{shown}, {saved['location']}"
            reply = text(language, "meeting.new.saved", committee=name, when=shown)
        if not await channel_reads(capture, origin.channel, committee["id"]):
            origin = dataclasses.replace(origin, channel=None)  # to the user alone
        await confirm(client, body, origin, reply)
