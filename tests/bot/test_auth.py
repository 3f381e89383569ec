"""Auth mode: inbound tokens checked against (fake) Bot Framework signing keys, outbound
replies carrying a token from the (fake) login authority. No internet."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from .activities import teams_message
from .conftest import FakeConnector, Running, start_bot
from .fake_identity import APP_ID, FakeLogin, FakeSigningKeys, secured_identity


@pytest.fixture
async def secured(
    database_url: str,
    connector: tuple[FakeConnector, str],
    keys: FakeSigningKeys,
    login: FakeLogin,
) -> AsyncIterator[Running]:
    async for running in start_bot(database_url, connector, secured_identity(keys, login)):
        yield running


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_valid_token_is_answered_with_a_token_of_its_own(
    secured: Running, keys: FakeSigningKeys, login: FakeLogin
) -> None:
    activity = teams_message("hjelp", secured.connector_url)
    token = keys.mint(audience=APP_ID, service_url=secured.connector_url)
    response = await secured.post(activity, headers=_bearer(token))
    assert response.status == 201, await response.text()
    await secured.connector.wait_for_messages(1)
    (sent,) = secured.connector.sent
    assert login.issued and sent.authorization == f"Bearer {login.issued[-1]['token']}"
    assert login.issued[-1]["scope"] == "https://api.botframework.com/.default"


async def test_the_outbound_token_is_reused_across_turns(
    secured: Running, keys: FakeSigningKeys, login: FakeLogin
) -> None:
    for turn in range(3):
        activity = teams_message("hjelp", secured.connector_url)
        token = keys.mint(audience=APP_ID, service_url=secured.connector_url)
        response = await secured.post(activity, headers=_bearer(token))
        assert response.status == 201, await response.text()
        await secured.connector.wait_for_messages(turn + 1)
    assert len(login.issued) == 1
    assert {m.authorization for m in secured.connector.sent} == {
        f"Bearer {login.issued[0]['token']}"
    }


def _bad_tokens(keys: FakeSigningKeys, service_url: str) -> dict[str, str | None]:
    def bearer(**changes: object) -> str:
        claims: dict = {"audience": APP_ID, "service_url": service_url, **changes}
        return f"Bearer {keys.mint(**claims)}"

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {
        "missing": None,
        "not a jwt": "Bearer not-a-token",
        "wrong scheme": bearer().replace("Bearer", "Basic"),
        "expired": bearer(expires_in=-3600),
        "wrong audience": bearer(audience="someone-else"),
        "wrong issuer": bearer(issuer="https://evil.example"),
        "other service url": bearer(service_url="https://evil.example/"),
        "unknown key id": bearer(kid="nope"),
        "forged signature": bearer(key=stranger),
    }


async def test_bad_tokens_are_401_and_the_next_good_one_works(
    secured: Running, keys: FakeSigningKeys
) -> None:
    for case, header in _bad_tokens(keys, secured.connector_url).items():
        activity = teams_message("hjelp", secured.connector_url)
        headers = {"Authorization": header} if header else {}
        response = await secured.post(activity, headers=headers)
        assert response.status == 401, case
        assert (await response.json()) == {"error": "unauthorized"}
    assert secured.connector.sent == []
    good = keys.mint(audience=APP_ID, service_url=secured.connector_url)
    response = await secured.post(
        teams_message("hjelp", secured.connector_url), headers=_bearer(good)
    )
    assert response.status == 201
    await secured.connector.wait_for_messages(1)
