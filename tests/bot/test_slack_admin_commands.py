"""The administrators' commands from Slack: the same bot, so the same rule. A direct message
«eksporter SSU» from the administrator (REFERENT_ADMINS names her email, which only her
Slack profile shows: the minutes know no addresses) brings a link that downloads the
export; someone else is refused and told who can. Through the real server's /slack/events
(signed) and a fake Web API."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator

import pytest

from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from storage.task_rights import TaskRights
from tests.conftest import EXAMPLES

from .conftest import Running, start_bot
from .fake_connector import FakeConnector
from .fake_slack import FakeSlack
from .test_slack_events import direct_message, post_event, settings, slack  # noqa: F401
from .test_slack_identity import slack_user

ADMIN_EMAIL = "hanne.bjorklund@fjordby.no"
USER = "U2147483697"  # direct_message's user


@pytest.fixture
async def admin_slack_bot(
    database_url: str,
    connector: tuple[FakeConnector, str],
    slack: tuple[FakeSlack, str],  # noqa: F811
) -> AsyncIterator[Running]:
    db = Database(database_url)
    try:
        await db.upgrade()
        await import_paths(db, [EXAMPLES / "ssu-fjordby-2026-10-26.md"], ImportOptions())
    finally:
        await db.close()
    async for running in start_bot(
        database_url, connector, slack=settings(slack[1]), reminders=False,
        rights=TaskRights(admins=(ADMIN_EMAIL,)),
    ):  # fmt: skip
        yield running


async def _dm(bot: Running, fake: FakeSlack, text: str, event_id: str) -> str:
    before = len(fake.posted())
    assert (await post_event(bot.url, direct_message(text, event_id))).status == 200
    return str((await fake.wait_for_posts(before + 1))[before].args.get("text"))


async def test_the_administrator_gets_the_link(
    admin_slack_bot: Running,
    slack: tuple[FakeSlack, str],  # noqa: F811
) -> None:
    fake = slack[0]
    # Linked by her name; recognised as administrator by the email her profile shows.
    fake.users[USER] = slack_user(USER, real_name="Hanne Bjørklund", email=ADMIN_EMAIL.upper())
    reply = await _dm(admin_slack_bot, fake, "export SSU", "Ev0ADM0001")
    m = re.search(r"(http://[^\s>|]+/exports/[A-Za-z0-9_.-]+)", reply)
    assert m, reply
    assert "works for 15 minutes" in reply
    async with admin_slack_bot.http.get(m.group(1)) as response:
        assert response.status == 200
        exported = json.loads(await response.text())
    assert exported["committee"]["short_name"] == "SSU"


async def test_someone_else_is_refused(
    admin_slack_bot: Running,
    slack: tuple[FakeSlack, str],  # noqa: F811
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(USER, real_name="Magnus Fredriksen")
    reply = await _dm(
        admin_slack_bot, fake, "slett dokument ssu-fjordby-2026-10-26.md", "Ev0ADM0002"
    )
    # Hanne has not written to the bot yet: the configuration says who, as written.
    assert f"Bare administratorene av Referent kan slette dokumenter: {ADMIN_EMAIL}." in reply
    assert "/exports/" not in await _dm(admin_slack_bot, fake, "eksporter SSU", "Ev0ADM0003")
