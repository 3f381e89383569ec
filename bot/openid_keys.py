"""Bot Framework's token signing keys, fetched without ever blocking the event loop.

botbuilder 4.17's `_OpenIdMetadata` fetches the OpenID metadata document and its JWKS with
`requests.get`, synchronously on the event loop and without a timeout, and forgets a
failure: one token while the metadata host hangs stalls every request (/healthz too), and
each new token tries again. `OpenIdKeys` is the same object for the extractor (`await
get(key_id)` -> public_key, endorsements), fetched with aiohttp under a time limit, one
fetch for all who wait, a failure remembered with back-off, keys kept as the SDK intends:
refreshed after a day, or for an unknown key id at most once an hour.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from botframework.connector.auth import JwtTokenExtractor
from botframework.connector.auth.jwt_token_extractor import _OpenIdConfig  # what it reads
from jwt.algorithms import RSAAlgorithm
from jwt.exceptions import InvalidKeyError

from assistant.clock import Clock, SystemClock

from .config import KeyFetch

log = logging.getLogger(__name__)

# The SDK's intervals (jwt_token_extractor._OpenIdMetadata).
KEYS_MAX_AGE = timedelta(days=1)
UNKNOWN_KEY_REFRESH = timedelta(hours=1)


class SigningKeysUnavailable(Exception):
    """The keys could not be fetched (now, or within the back-off after a failure): the
    token can be neither accepted nor rejected."""

    def __init__(self, url: str, reason: str, retry_after: float) -> None:
        super().__init__(f"signing keys from {url} unavailable: {reason}")
        self.reason = reason
        self.retry_after = retry_after


class UnknownSigningKey(PermissionError):
    """The token names a key the metadata host does not publish. (The SDK raises an
    IndexError or fails on None here; a PermissionError says what it is, and is a 401.)"""


class _FetchFailed(Exception):
    pass


class OpenIdKeys:
    """The signing keys published at one OpenID metadata URL."""

    def __init__(self, url: str, clock: Clock, settings: KeyFetch) -> None:
        self.url = url
        self._clock = clock
        self._settings = settings
        self._keys: dict[str, _OpenIdConfig] = {}
        self._fetched_at: datetime | None = None  # None: no keys yet
        self._tried_at: datetime | None = None  # the last fetch, successful or not
        self._fetch: asyncio.Task[str | None] | None = None
        self._failure = ""
        self._backoff_s = 0.0
        self._retry_at: datetime | None = None

    async def get(self, key_id: str | None) -> _OpenIdConfig:
        now = self._clock.now()
        if self._fetched_at is None:
            await self._refresh()
        elif now - self._fetched_at >= KEYS_MAX_AGE:
            # Keys a day old are refreshed in the background while still used: they are
            # Microsoft's keys all the same, and kept if the refresh fails.
            self._start()
        key = self._keys.get(key_id or "")
        if key is None and now - self._tried_at >= UNKNOWN_KEY_REFRESH:  # type: ignore[operator]
            # A new key may have been published since; asked at most once an hour, so
            # tokens with made-up key ids cannot make us fetch for each request.
            with contextlib.suppress(SigningKeysUnavailable):
                await self._refresh()
            key = self._keys.get(key_id or "")
        if key is None:
            raise UnknownSigningKey(f"no signing key with id {key_id!r} at {self.url}")
        return key

    async def close(self) -> None:
        if self._fetch is not None:
            self._fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._fetch

    def _start(self) -> asyncio.Task[str | None] | None:
        """The fetch under way, or a new one; None during the back-off after a failure."""
        if self._fetch is None:
            if self._retry_at is not None and self._clock.now() < self._retry_at:
                return None
            self._fetch = asyncio.create_task(self._fetch_keys(), name="openid-keys")
        return self._fetch

    async def _refresh(self) -> None:
        """One fetch for everyone waiting; none at all during the back-off."""
        fetch = self._start()
        if fetch is None:
            wait = (self._retry_at - self._clock.now()).total_seconds()  # type: ignore[operator]
            raise SigningKeysUnavailable(self.url, self._failure, wait)
        # Shielded: a request that gives up (client gone) must not cancel the others' fetch.
        failure = await asyncio.shield(fetch)
        if failure is not None:
            raise SigningKeysUnavailable(self.url, failure, self._backoff_s)

    async def _fetch_keys(self) -> str | None:
        """Fetches, remembers the outcome; the failure's reason, or None."""
        try:
            keys = await self._download()
        except _FetchFailed as error:
            return self._failed(str(error))
        except Exception as error:  # a surprise still must not make every request fetch
            return self._failed(f"{type(error).__name__}: {error}")
        finally:
            self._tried_at = self._clock.now()
            self._fetch = None
        self._keys, self._fetched_at = keys, self._clock.now()
        if self._failure:
            log.info("signing keys from %s fetched again", self.url)
        self._failure, self._backoff_s, self._retry_at = "", 0.0, None
        return None

    def _failed(self, reason: str) -> str:
        first, most = self._settings.backoff_first_s, self._settings.backoff_max_s
        self._backoff_s = min(most, self._backoff_s * 2 if self._backoff_s else first)
        self._failure = reason
        self._retry_at = self._clock.now() + timedelta(seconds=self._backoff_s)
        held = " (the keys held are used meanwhile)" if self._keys else ""
        log.warning(
            "could not fetch Bot Framework signing keys from %s: %s; next try in %s s%s",
            self.url, reason, f"{self._backoff_s:g}", held,
        )  # fmt: skip
        return reason

    async def _download(self) -> dict[str, _OpenIdConfig]:
        settings = self._settings
        try:
            # Both documents within one time limit. A session per fetch: it happens once a
            # day, and nothing is left open between fetches.
            async with asyncio.timeout(settings.timeout_s):
                connect = aiohttp.ClientTimeout(sock_connect=settings.connect_timeout_s)
                async with aiohttp.ClientSession(timeout=connect) as http:
                    metadata = await _json(http, self.url)
                    jwks_uri = metadata.get("jwks_uri") if isinstance(metadata, dict) else None
                    if not isinstance(jwks_uri, str) or not jwks_uri:
                        raise _FetchFailed(f"{self.url}: no jwks_uri in the metadata")
                    return _usable_keys(jwks_uri, await _json(http, jwks_uri))
        except aiohttp.ClientError as error:
            raise _FetchFailed(f"{type(error).__name__}: {error}") from error
        except TimeoutError as error:
            raise _FetchFailed(f"no answer within {settings.timeout_s:g} s") from error


async def _json(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as response:
        if response.status != 200:
            raise _FetchFailed(f"{url}: HTTP {response.status}")
        body = await response.read()
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise _FetchFailed(f"{url}: not JSON ({error})") from error


def _usable_keys(url: str, jwks: Any) -> dict[str, _OpenIdConfig]:
    """Keys parsed once per fetch (the SDK parses the JWK again for every request)."""
    listed = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(listed, list):
        raise _FetchFailed(f"{url}: no keys list")
    keys = {}
    for jwk in listed:
        if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str):
            continue
        try:
            public_key = RSAAlgorithm.from_jwk(json.dumps(jwk))
        except (InvalidKeyError, ValueError, TypeError, KeyError):
            continue  # not an RSA key: the extractor verifies RS256 only
        keys[jwk["kid"]] = _OpenIdConfig(public_key, jwk.get("endorsements") or [])
    if not keys:
        raise _FetchFailed(f"{url}: no usable RSA signing keys among {len(listed)}")
    return keys


class SigningKeys:
    """One application's keys, per metadata URL (public cloud, emulator, another cloud)."""

    def __init__(self, clock: Clock, settings: KeyFetch) -> None:
        self._clock, self._settings = clock, settings
        self._by_url: dict[str, OpenIdKeys] = {}

    def for_url(self, url: str) -> OpenIdKeys:
        keys = self._by_url.get(url)
        if keys is None:
            keys = self._by_url[url] = OpenIdKeys(url, self._clock, self._settings)
        return keys

    async def close(self) -> None:
        for keys in self._by_url.values():
            await keys.close()


class MetadataCache:
    """Stands in for the SDK's `JwtTokenExtractor.metadataCache`, the class-level dict from
    which every extractor (channel, emulator, skill, government validation, each built
    anew per request) takes its metadata object by URL: the one hook that reaches them all.

    Being class-level it is process-wide, while keys belong to an application (its clock,
    its time limits, closed with it): `serving(keys)` names the application's keys for the
    request being authenticated (a context variable, so concurrent requests of two apps in
    one process each get their own); outside it, a process-wide default serves.
    """

    def __init__(self) -> None:
        self._current: ContextVar[SigningKeys | None] = ContextVar("signing_keys", default=None)
        self._default = SigningKeys(SystemClock(), KeyFetch())

    @contextlib.contextmanager
    def serving(self, keys: SigningKeys) -> Iterator[None]:
        token = self._current.set(keys)
        try:
            yield
        finally:
            self._current.reset(token)

    # The SDK calls get(url, None), then setdefault(url, its own) only if get gave None.
    def get(self, url: str, default: Any = None) -> OpenIdKeys:
        return (self._current.get() or self._default).for_url(url)

    def setdefault(self, url: str, default: Any = None) -> OpenIdKeys:
        return self.get(url)


def install_metadata_cache() -> MetadataCache:
    """Put a MetadataCache in the SDK's place; installing again keeps the one there."""
    current = JwtTokenExtractor.metadataCache
    if isinstance(current, MetadataCache):
        return current
    cache = MetadataCache()
    JwtTokenExtractor.metadataCache = cache
    return cache


def retry_after_header(error: SigningKeysUnavailable) -> str:
    return str(max(1, math.ceil(error.retry_after)))
