"""Local fakes of Microsoft's identity endpoints.

- Bot Framework's OpenID metadata and signing keys (what the bot checks inbound tokens
  against), with `mint()` to sign tokens as the Bot Connector would, a count of the
  requests it got, and the ways a real host fails (`fault`);
- a login authority (OpenID configuration and a client-credentials token endpoint) for the
  bot's own outbound tokens. MSAL insists on https, so this one serves TLS with a
  self-signed certificate that the test trusts through REQUESTS_CA_BUNDLE.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jwt
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from jwt.algorithms import RSAAlgorithm

from bot.config import BotIdentity

from .conftest import ThreadedServer, free_port, serve

# The bot registration the auth tests use.
APP_ID = "8a2f6f0e-0000-4000-8000-00000000b075"
SECRET = "s3cret-value"

ISSUER = "https://api.botframework.com"
# How the metadata host can fail: "hang" (takes the request, never answers until released),
# "500", "not json", "no jwks_uri", "jwks unreachable" (a jwks_uri nobody listens at),
# "no keys" (a JWKS without an RSA key). "" answers.
FAULTS = ("hang", "500", "not json", "no jwks_uri", "jwks unreachable", "no keys")


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class FakeSigningKeys:
    kid: str = field(default_factory=lambda: uuid.uuid4().hex)
    key: rsa.RSAPrivateKey = field(default_factory=_new_key)
    base_url: str = ""
    fault: str = ""
    dead_url: str = "http://127.0.0.1:9"  # for "jwks unreachable": nothing listens there
    metadata_requests: int = 0
    keys_requests: int = 0
    # Keys published beside the first (a rotation): kid -> key.
    more_keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    # While set, answers wait for it (a slow host), as "hang" does until release().
    gate: asyncio.Event | None = None
    _released: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/.well-known/openidconfiguration", self._metadata)
        app.router.add_get("/v1/keys", self._keys)
        return app

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    def publish(self) -> str:
        """A new signing key beside the old ones; its key id."""
        kid = uuid.uuid4().hex
        self.more_keys[kid] = _new_key()
        return kid

    async def wait_for_requests(self, metadata: int, keys: int = 0) -> None:
        """Until the host has been asked this often (10 s at most)."""
        async with asyncio.timeout(10):
            while self.metadata_requests < metadata or self.keys_requests < keys:
                self._arrived.clear()
                await self._arrived.wait()

    def release(self) -> None:
        """Lets hanging requests end (so the server can stop)."""
        self._released.set()

    async def _metadata(self, request: web.Request) -> web.StreamResponse:
        self.metadata_requests += 1
        self._arrived.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fault == "hang":
            await self._released.wait()
            return web.Response(status=504)
        if self.fault == "500":
            return web.Response(status=500, text="Internal Server Error")
        if self.fault == "not json":
            return web.Response(text="<html>maintenance</html>", content_type="text/html")
        if self.fault == "no jwks_uri":
            return web.json_response({"issuer": ISSUER})
        base = self.dead_url if self.fault == "jwks unreachable" else self.base_url
        return web.json_response(
            {"issuer": ISSUER, "jwks_uri": f"{base}/v1/keys",
             "id_token_signing_alg_values_supported": ["RS256"]}
        )  # fmt: skip

    async def _keys(self, request: web.Request) -> web.Response:
        self.keys_requests += 1
        self._arrived.set()
        if self.fault == "no keys":
            return web.json_response({"keys": [{"kty": "EC", "kid": self.kid}]})
        published = []
        for kid, key in [(self.kid, self.key), *self.more_keys.items()]:
            jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
            jwk.update(kid=kid, use="sig", endorsements=["msteams", "emulator", "webchat"])
            published.append(jwk)
        return web.json_response({"keys": published})

    def mint(self, *, audience: str, service_url: str, expires_in: int = 3600,
             issuer: str = ISSUER, kid: str | None = None,
             key: rsa.RSAPrivateKey | None = None) -> str:  # fmt: skip
        now = int(time.time())
        claims = {"iss": issuer, "aud": audience, "serviceurl": service_url,
                  "nbf": now - 60, "iat": now - 60, "exp": now + expires_in}  # fmt: skip
        key = key or self.more_keys.get(kid or "") or self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid or self.kid})


@asynccontextmanager
async def signing_keys_served() -> AsyncIterator[FakeSigningKeys]:
    """The fake on the test's own loop (the bot's key fetch does not block it)."""
    fake = FakeSigningKeys(dead_url=f"http://127.0.0.1:{free_port()}")
    runner, fake.base_url = await serve(fake.app())
    try:
        yield fake
    finally:
        fake.release()
        await runner.cleanup()


def self_signed(folder: Path) -> tuple[ssl.SSLContext, Path]:
    """A TLS server context for 127.0.0.1 and the certificate file to trust."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "login.crt", folder / "login.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context, cert_file


@contextmanager
def login_served(app_id: str, secret: str, folder: Path) -> Iterator[tuple[FakeLogin, Path]]:
    """The login fake over TLS, and the certificate to trust (REQUESTS_CA_BUNDLE). On its
    own thread: MSAL calls it with blocking `requests`."""
    fake = FakeLogin(app_id, secret)
    context, certificate = self_signed(folder)
    server = ThreadedServer(fake.app(), ssl_context=context)
    fake.base_url = server.url
    try:
        yield fake, certificate
    finally:
        server.stop()


@dataclass
class FakeLogin:
    """A login authority at {base_url}/{tenant}: issues tokens for one app id/secret."""

    app_id: str
    secret: str
    base_url: str = ""
    issued: list[dict[str, Any]] = field(default_factory=list)

    @property
    def authority(self) -> str:
        return f"{self.base_url}/botframework.com"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(
            "/{tenant}/v2.0/.well-known/openid-configuration", self._openid_configuration
        )
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        return app

    async def _openid_configuration(self, request: web.Request) -> web.Response:
        tenant = request.match_info["tenant"]
        base = f"{self.base_url}/{tenant}"
        return web.json_response({
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
        })  # fmt: skip

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        if (form.get("client_id"), form.get("client_secret")) != (self.app_id, self.secret):
            return web.json_response(
                {"error": "invalid_client", "error_description": "bad secret"}, status=401
            )
        token = f"outbound-{uuid.uuid4().hex}"
        self.issued.append({"scope": form.get("scope"), "token": token})
        return web.json_response(
            {"token_type": "Bearer", "expires_in": 3600, "access_token": token}
        )


def secured_identity(keys: FakeSigningKeys, login: FakeLogin, **settings: Any) -> BotIdentity:
    """The bot registered (APP_ID), checking tokens against `keys` and getting its own from
    `login`; `settings` are BotIdentity's others (key_fetch=…)."""
    return BotIdentity(
        app_id=APP_ID,
        app_password=SECRET,
        openid_metadata_url=keys.metadata_url,
        login_authority=login.authority,
        **settings,
    )
