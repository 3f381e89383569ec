"""Slack installed through OAuth into several workspaces: the install is stored in
Referent's database, each workspace is a tenant of its own, and uninstalling stops it.

Payload shapes: oauth.v2.access's answer from api.slack.com/methods/oauth.v2.access
(the bot token response: access_token, token_type "bot", scope, bot_user_id, app_id,
team, enterprise, authed_user); auth.test's from api.slack.com/methods/auth.test;
app_uninstalled from api.slack.com/events/app_uninstalled; tokens_revoked from
api.slack.com/events/tokens_revoked; the mention as in test_slack_events."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select, text

from assistant.importing import ImportOptions, import_paths
from bot.config import SlackSettings
from storage.database import Database
from storage.models import Subscription

from .conftest import Running, serve, start_bot
from .fake_connector import FakeConnector
from .fake_slack import FakeSlack
from .test_slack_events import SECRET, envelope, post_event

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
CLIENT_ID, CLIENT_SECRET = "1234567890.0987654321", "client-secret"
# Two workspaces: team id → (the code Slack's redirect brings, bot token, bot user).
WORKSPACES = {
    "T0FJORDBY1": ("code-fjordby", "xoxb-fjordby", "U0BOTFJRD1"),
    "T0LINDVIK1": ("code-lindvik", "xoxb-lindvik", "U0BOTLIND1"),
}


class FakeSlackWorkspaces(FakeSlack):
    """Slack's Web API for several workspaces: oauth.v2.access exchanges each workspace's
    code for its bot token, auth.test says whose token it is."""

    async def _call(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method not in ("oauth.v2.access", "auth.test"):
            return await super()._call(request)
        args = dict(await request.post())
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        self.calls.append(_call(method, args, token))
        self._changed.set()
        if method == "oauth.v2.access":
            return web.json_response(_access(str(args.get("code"))))
        for team, (_, bot_token, bot_user) in WORKSPACES.items():
            if token == bot_token:
                return web.json_response(
                    {"ok": True, "team_id": team, "user_id": bot_user, "bot_id": "B" + team[1:],
                     "url": f"https://{team.lower()}.slack.com/", "team": team, "user": "referent"}
                )  # fmt: skip
        return web.json_response({"ok": False, "error": "invalid_auth"})


def _call(method: str, args: dict[str, Any], token: str) -> Any:
    from .fake_slack import Call

    return Call(method, args, token)


def _access(code: str) -> dict[str, Any]:
    for team, (team_code, bot_token, bot_user) in WORKSPACES.items():
        if code == team_code:
            return {
                "ok": True,
                "access_token": bot_token,
                "token_type": "bot",
                "scope": "commands,chat:write,app_mentions:read",
                "bot_user_id": bot_user,
                "app_id": "A0REFERENT",
                "team": {"name": f"Workspace {team}", "id": team},
                "enterprise": None,
                "authed_user": {"id": "U0INSTALL1"},
            }
    return {"ok": False, "error": "invalid_code"}


@pytest.fixture
async def fake() -> AsyncIterator[tuple[FakeSlackWorkspaces, str]]:
    slack = FakeSlackWorkspaces()
    runner, url = await serve(slack.app())
    yield slack, url
    await runner.cleanup()


@pytest.fixture
async def bot(
    database_url: str,
    connector: tuple[FakeConnector, str],
    fake: tuple[FakeSlackWorkspaces, str],
) -> AsyncIterator[Running]:
    settings = SlackSettings(
        signing_secret=SECRET,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        api_url=f"{fake[1]}/api/",
        authorize_url=f"{fake[1]}/oauth/v2/authorize",
    )
    async for running in start_bot(database_url, connector, slack=settings):
        yield running


async def install(bot: Running, team: str) -> aiohttp.ClientResponse:
    """A workspace admin's browser: the "Add to Slack" page, then Slack's redirect back
    with the workspace's code and the page's state (its cookie kept, as a browser does)."""
    async with aiohttp.ClientSession() as browser:
        page = await browser.get(f"{bot.url}/slack/install")
        assert page.status == 200
        state = re.search(r"state=([\w-]+)", await page.text())
        assert state is not None
        # Bolt's state cookie is Secure (Slack needs https): sent back as a browser would.
        cookie = "; ".join(f"{m.key}={m.value}" for m in page.cookies.values())
        code = WORKSPACES[team][0]
        redirect = await browser.get(
            f"{bot.url}/slack/oauth_redirect",
            params={"code": code, "state": state.group(1)},
            headers={"Cookie": cookie},
        )
        await redirect.read()
        return redirect


def team_mention(team: str, text_: str, event_id: str, channel: str = "C0COMMITT1") -> dict:
    bot_user = WORKSPACES[team][2]
    payload = envelope(
        {
            "type": "app_mention",
            "user": "U0MEMBER01",
            "text": f"<@{bot_user}> {text_}",
            "ts": "1700000000.000200",
            "channel": channel,
            "event_ts": "1700000000.000200",
        },
        event_id,
    )
    payload["team_id"] = team
    payload["authorizations"] = [
        {"team_id": team, "user_id": bot_user, "is_bot": True, "enterprise_id": None}
    ]
    return payload


async def import_for(database_url: str, tenant: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS}")
    db = Database(database_url)
    try:
        results = await import_paths(db, sorted(SEEDS.glob("*.txt")), ImportOptions(tenant=tenant))
    finally:
        await db.close()
    assert {r.status for r in results} == {"imported"}


async def rows(database_url: str, sql: str) -> list[Any]:
    db = Database(database_url)
    try:
        async with db.session() as session:
            return list((await session.execute(text(sql))).all())
    finally:
        await db.close()


async def test_install_stores_each_workspace_and_answers_each_from_its_own_minutes(
    bot: Running, fake: tuple[FakeSlackWorkspaces, str], database_url: str
) -> None:
    slack = fake[0]
    # A redirect without a valid state is refused, and nothing is stored.
    async with aiohttp.ClientSession() as http:
        forged = await http.get(
            f"{bot.url}/slack/oauth_redirect", params={"code": "code-fjordby", "state": "x"}
        )
        assert forged.status >= 400
    assert slack.of("oauth.v2.access") == []
    for team in WORKSPACES:
        assert (await install(bot, team)).status == 200
    assert len(slack.of("oauth.v2.access")) == 2
    stored = await rows(database_url, "select team_id, bot_token, bot_user_id from slack_bots")
    assert sorted(tuple(r) for r in stored) == sorted(
        (team, token, user) for team, (_, token, user) in WORKSPACES.items()
    )

    # Fjordby's minutes are Fjordby's: Lindvik, asking the same, finds nothing.
    await import_for(database_url, "T0FJORDBY1")
    question = "hva ble bestemt om LAR?"
    await post_event(bot.url, team_mention("T0FJORDBY1", question, "Ev0FJORD01"))
    (answer,) = await slack.wait_for_posts(1)
    assert answer.token == "xoxb-fjordby"
    assert "LAR" in str(answer.args["blocks"])
    await post_event(bot.url, team_mention("T0LINDVIK1", question, "Ev0LIND001"))
    posts = await slack.wait_for_posts(2)
    lindvik = posts[1]
    assert lindvik.token == "xoxb-lindvik"
    assert str(lindvik.args["text"]).startswith("Fant ingen vedtak om «LAR»")
    assert "2023" not in str(lindvik.args)  # no case, no meeting date of Fjordby's


async def test_a_workspace_that_never_installed_gets_nothing(
    bot: Running, fake: tuple[FakeSlackWorkspaces, str]
) -> None:
    """Near-miss: a signed event from a workspace with no installation is not answered."""
    slack = fake[0]
    await install(bot, "T0FJORDBY1")
    response = await post_event(bot.url, team_mention("T0LINDVIK1", "neste møte", "Ev0NONE001"))
    assert response.status in (200, 401)
    await asyncio.sleep(0.5)
    assert slack.posted() == []


async def test_uninstalling_stops_the_workspaces_reminders_and_deletes_its_tokens(
    bot: Running, fake: tuple[FakeSlackWorkspaces, str], database_url: str
) -> None:
    slack = fake[0]
    for team in WORKSPACES:
        await install(bot, team)
    for team in WORKSPACES:
        await import_for(database_url, team)
        await post_event(bot.url, team_mention(team, "abonner på SSU", f"Ev0SUB{team[2:6]}"))
    await slack.wait_for_posts(2)
    uninstalled = envelope({"type": "app_uninstalled"}, "Ev0UNINST01")
    uninstalled["team_id"] = "T0FJORDBY1"
    uninstalled["authorizations"] = [
        {"team_id": "T0FJORDBY1", "user_id": "U0BOTFJRD1", "is_bot": True}
    ]
    assert (await post_event(bot.url, uninstalled)).status == 200
    db = Database(database_url)
    try:
        for _ in range(600):  # up to 30 s: a loaded CI machine, not a slow product
            active = await db.read(
                lambda s: dict(s.execute(select(Subscription.tenant, Subscription.active)).all())
            )
            if not active.get("T0FJORDBY1", True):
                break
            await asyncio.sleep(0.05)
    finally:
        await db.close()
    assert active == {"T0FJORDBY1": False, "T0LINDVIK1": True}
    teams = await rows(database_url, "select team_id from slack_bots")
    assert [r[0] for r in teams] == ["T0LINDVIK1"]
    assert (
        await rows(
            database_url, "select team_id from slack_installations where team_id = 'T0FJORDBY1'"
        )
        == []
    )
