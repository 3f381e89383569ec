"""What Referent's Slack modals share: the view and its input blocks (built through
slack_sdk.models, so a text over Slack's limits is clipped here, never refused by Slack),
the private_metadata a modal carries (where to confirm, in which language), the fields of
a view_submission, and the confirmation after it is stored.

Every input's element has the action id VALUE: a field is found by its block id."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    Block,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from assistant.capture import Chatter
from assistant.texts import LANGUAGES, text

from .mrkdwn import clip, from_markdown

log = logging.getLogger(__name__)

VALUE = "value"  # the action id of every input's element
INPUT_CHARS = 3000  # Slack's most for a plain-text input's value (max_length)
OPTION_CHARS = 75  # an option's text
OPTIONS = 100  # a static select's options
PLACEHOLDER_CHARS = 150
LABEL_CHARS = 2000
HINT_CHARS = 2000
TITLE_CHARS = 24  # the view's title, submit and close


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the modal was opened from, kept in its private_metadata: the channel to
    confirm in (None: by direct message to the user) and the language of its texts."""

    channel: str | None
    language: str

    def metadata(self) -> str:
        return json.dumps({"channel": self.channel, "language": self.language})

    @staticmethod
    def of(view: dict[str, Any], default_language: str) -> Origin:
        try:
            kept = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            kept = {}
        if not isinstance(kept, dict):
            kept = {}
        channel = kept.get("channel") if isinstance(kept.get("channel"), str) else None
        language = kept.get("language")
        return Origin(channel, language if language in LANGUAGES else default_language)


def modal(callback_id: str, title_key: str, blocks: list[Block], origin: Origin) -> View:
    language = origin.language
    view = View(
        type="modal",
        callback_id=callback_id,
        title=_plain(text(language, title_key), TITLE_CHARS),
        submit=_plain(text(language, "slack.modal.submit"), TITLE_CHARS),
        close=_plain(text(language, "slack.modal.close"), TITLE_CHARS),
        blocks=blocks,
        private_metadata=origin.metadata(),
    )
    view.validate_json()  # Slack's limits checked here, before Slack sees it
    return view


def text_input(
    block_id: str,
    label: str,
    *,
    optional: bool = False,
    multiline: bool = False,
    initial: str | None = None,
    hint: str | None = None,
) -> InputBlock:
    element = PlainTextInputElement(
        action_id=VALUE,
        multiline=multiline,
        max_length=INPUT_CHARS,
        initial_value=clip(initial, INPUT_CHARS) if initial else None,
    )
    return _input(block_id, label, element, optional, hint)


def select_input(
    block_id: str,
    label: str,
    placeholder: str,
    choices: list[tuple[str, str]],
    *,
    optional: bool = False,
    initial: str | None = None,
    hint: str | None = None,
) -> InputBlock:
    """A static select of `choices` ((value, text) pairs), the one valued `initial` chosen."""
    options = [Option(value=value, text=clip(shown, OPTION_CHARS)) for value, shown in choices]
    options = options[:OPTIONS]
    chosen = next((o for o in options if o.value == initial), None)
    element = StaticSelectElement(
        action_id=VALUE,
        placeholder=_plain(placeholder, PLACEHOLDER_CHARS),
        options=options,
        initial_option=chosen,
    )
    return _input(block_id, label, element, optional, hint)


def _input(block_id: str, label: str, element: Any, optional: bool, hint: str | None) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=_plain(label, LABEL_CHARS),
        element=element,
        optional=optional,
        hint=_plain(hint, HINT_CHARS) if hint else None,
    )


def _plain(value: str, limit: int) -> PlainTextObject:
    return PlainTextObject(text=clip(value, limit), emoji=True)


def committee_choices(committees: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The tenant's committees ({"id", "label", "name"}) as select options, valued by id;
    named as the Teams form names them: "SSU (Samarbeidsutvalget)"."""
    return [
        (str(c["id"]), c["label"] if c["label"] == c["name"] else f"{c['label']} ({c['name']})")
        for c in committees
    ]


def field(view: dict[str, Any], block_id: str) -> str | None:
    """A submitted field: a text input's value or a select's chosen value, stripped; None
    when empty or not there."""
    values = _object(_object(_object(view.get("state")).get("values")).get(block_id))
    element = _object(values.get(VALUE))
    if element.get("type") == "static_select":
        value = _object(element.get("selected_option")).get("value")
    else:
        value = element.get("value")
    if value is None:
        return None
    return str(value).strip() or None


def _object(value: Any) -> dict[str, Any]:
    """`value` if it is an object, else an empty one: a submitted view's state is Slack's
    JSON, whose shape is not ours to trust (a list there is no field)."""
    return value if isinstance(value, dict) else {}


def submitter(body: dict[str, Any]) -> tuple[str, str | None]:
    """The submitting user's id and name (as «Marker som ferdig» names them)."""
    user = body.get("user") or {}
    return user.get("id") or "", user.get("name") or user.get("username") or None


def chatter(body: dict[str, Any], origin: Origin) -> Chatter:
    """Who changes the record, as the record of changes keeps a Slack user (as
    bot/slack/commands.task_done does): conversation "slack:<channel>", user "slack:<id>"."""
    user_id, name = submitter(body)
    return Chatter(f"slack:{origin.channel or user_id}", f"slack:{user_id}", name)


async def confirm(
    client: AsyncWebClient, body: dict[str, Any], origin: Origin, message: str
) -> None:
    """The confirmation Teams gives, in the channel the modal came from, else by DM."""
    user_id = submitter(body)[0]
    # A channel the bot is not in refuses the post: the user is told by DM instead.
    for channel in dict.fromkeys(c for c in (origin.channel, user_id) if c):
        try:
            await client.chat_postMessage(channel=channel, text=from_markdown(message))
            return
        except SlackApiError as error:  # stored all the same: the record is what matters
            log.warning("Slack confirmation not posted in %s: %s", channel, error)
