"""Who is asking in Slack: a Slack user linked to a person in the minutes, end to end.

Signed Events API requests to the real aiohttp server; the fake Slack Web API
(tests/bot/fake_slack.py) answers `users.info` with the user objects each test sets. Their
shape (id, team_id, name, real_name, profile.real_name / display_name / email) is that of
the example response on api.slack.com/methods/users.info. The link lands in chat_identity
under channel "slack" and "T…:U…"."""

from __future__ import annotations

import json
from typing import Any

from . import test_slack_events as events
from .chat_records import identity_links, set_emails
from .conftest import Running
from .fake_slack import TEAM_ID, Call, FakeSlack
from .test_slack_events import direct_message, post_event

# The Slack fixtures of test_slack_events: the fake Web API and the server pointed at it.
slack = events.slack
bot_with_slack = events.bot_with_slack

MY_TASKS = "hvilke oppgaver har jeg?"
USER = "U2147483697"  # the user of test_slack_events.direct_message


def slack_user(
    user_id: str = USER,
    *,
    name: str = "chrisf",
    real_name: str = "",
    display_name: str = "",
    email: str | None = None,
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "real_name": real_name,
        "real_name_normalized": real_name,
        "display_name": display_name,
        "display_name_normalized": display_name,
    }
    if email is not None:  # absent without the users:read.email scope
        profile["email"] = email
    return {
        "id": user_id,
        "team_id": TEAM_ID,
        "name": name,
        "deleted": False,
        "real_name": real_name,
        "tz": "Europe/Oslo",
        "is_bot": False,
        "profile": profile,
    }


async def ask(
    fake: FakeSlack, url: str, event_id: str, user: str = USER, text: str = MY_TASKS
) -> str:
    """Everything the user sees of the answer: the text and the blocks."""
    already = len(fake.posted())
    payload = direct_message(text, event_id)
    payload["event"]["user"] = user
    assert (await post_event(url, payload)).status == 200
    post: Call = (await fake.wait_for_posts(already + 1))[already]
    return post.args["text"] + json.dumps(post.args.get("blocks"), ensure_ascii=False)


def christines_tasks(shown: str) -> bool:
    return "Christine Furuholmen" in shown and "innkaller" in shown


async def test_an_email_links_the_user_once_then_the_stored_link_answers(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    await set_emails(database_url, {"Christine Furuholmen": ["christine.furuholmen@vr.no"]})
    fake.users[USER] = slack_user(display_name="CF", email="Christine.Furuholmen@VR.no")
    shown = await ask(fake, bot_with_slack.url, "Ev0ID00001")
    assert christines_tasks(shown), shown
    ((link, person),) = await identity_links(database_url)
    assert person == "Christine Furuholmen"
    assert (link.channel, link.user_key) == ("slack", f"{TEAM_ID}:{USER}")
    assert (link.display_name, link.email) == ("CF", "Christine.Furuholmen@VR.no")
    (call,) = fake.users_info_calls()
    assert call.args["user"] == USER
    # Next time the stored link answers: Slack is not asked again, even if it now fails.
    fake.users_info_error = "ratelimited"
    assert christines_tasks(await ask(fake, bot_with_slack.url, "Ev0ID00002"))
    assert len(fake.users_info_calls()) == 1
    assert len(await identity_links(database_url)) == 1


async def test_the_full_name_links_without_an_email(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    # No users:read.email scope: no email in the profile; the directory's "Last, First".
    fake.users[USER] = slack_user(
        real_name="Furuholmen, Christine", display_name="Chris F.", email=None
    )
    shown = await ask(fake, bot_with_slack.url, "Ev0ID00003")
    assert christines_tasks(shown), shown
    ((link, person),) = await identity_links(database_url)
    assert person == "Christine Furuholmen" and link.email is None


async def test_nobody_who_fits_keeps_the_display_name_unlinked(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    # A shared first name is no match.
    fake.users[USER] = slack_user(real_name="Christine Hansen", display_name="Christine H")
    shown = await ask(fake, bot_with_slack.url, "Ev0ID00004")
    assert "Jeg finner ingen som heter «Christine H»" in shown, shown
    assert "innkaller" not in shown
    assert await identity_links(database_url) == []
    # Not looked up again on the next question (remembered for a while in this process).
    await ask(fake, bot_with_slack.url, "Ev0ID00005")
    assert len(fake.users_info_calls()) == 1


async def test_a_question_not_about_the_asker_does_not_look_them_up(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str]
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name="Christine Furuholmen")
    assert "2023.30" in await ask(fake, bot_with_slack.url, "Ev0ID00006", text="LAR")
    assert fake.users_info_calls() == []


async def test_a_failing_users_info_still_gets_an_answer(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name="Christine Furuholmen")
    fake.users_info_error = "missing_scope"  # a token without users:read, or a fault
    shown = await ask(fake, bot_with_slack.url, "Ev0ID00007")
    # No name in the event either: the assistant asks who the user is.
    assert "Jeg vet ikke hvem du er" in shown, shown
    assert len(fake.users_info_calls()) == 1
    assert await identity_links(database_url) == []
    # With a name in the event (Slack's user_profile), that name is used.
    payload = direct_message(MY_TASKS, "Ev0ID00008")
    payload["event"]["user"] = "U0SOMEONE1"
    payload["event"]["user_profile"] = {"display_name": "Chris F.", "real_name": "Chris F."}
    assert (await post_event(bot_with_slack.url, payload)).status == 200
    (_, post) = await fake.wait_for_posts(2)
    assert "Jeg finner ingen som heter «Chris F.»" in post.args["text"], post.args["text"]


async def test_a_dropped_users_info_connection_still_gets_an_answer(
    seeded: None, bot_with_slack: Running, slack: tuple[FakeSlack, str], database_url: str
) -> None:
    fake = slack[0]
    fake.users[USER] = slack_user(real_name="Christine Furuholmen")
    fake.users_info_drops = True
    shown = await ask(fake, bot_with_slack.url, "Ev0ID00009")
    assert "Jeg vet ikke hvem du er" in shown, shown
    calls = len(fake.users_info_calls())
    assert calls >= 1  # asked (slack_sdk retries a dropped connection once by itself)
    assert await identity_links(database_url) == []
    # Slack answers again, but a failed lookup is retried only after a pause (5 minutes):
    # meanwhile the user still gets answers, and Slack is not asked on every turn.
    fake.users_info_drops = False
    assert "Jeg vet ikke hvem du er" in await ask(fake, bot_with_slack.url, "Ev0ID00010")
    assert len(fake.users_info_calls()) == calls
