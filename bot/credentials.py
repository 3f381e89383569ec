"""Outbound tokens: the bot's app id and password exchanged for a Bot Framework token.

The SDK's credential classes build their MSAL client with the public login host hard-wired
(instance discovery on, no way to pass a different authority through), so a deployment in
another cloud or a test against a local token service cannot use them. These are the same
MSAL client-credentials flow with the authority as a setting.
"""

from __future__ import annotations

import threading

from botframework.connector.auth import (
    AppCredentials,
    AuthenticationConstants,
    MicrosoftAppCredentials,
    PasswordServiceClientCredentialFactory,
)
from msal import ConfidentialClientApplication
from msrest.authentication import Authentication

PUBLIC_LOGIN = "https://login.microsoftonline.com"


class _Credentials(MicrosoftAppCredentials):
    def __init__(
        self, app_id: str, password: str, oauth_scope: str, authority: str, custom: bool
    ) -> None:
        super().__init__(app_id, password, oauth_scope=oauth_scope)
        self._authority = authority
        self._custom = custom
        self._client: ConfidentialClientApplication | None = None
        self._lock = threading.Lock()  # called from worker threads
        self.last_token_lifetime: float | None = None

    def get_access_token(self, force_refresh: bool = False) -> str:
        scope = self.oauth_scope if self.oauth_scope.endswith("/.default") else (
            self.oauth_scope + "/.default")  # fmt: skip
        with self._lock:
            if self._client is None:
                self._client = ConfidentialClientApplication(
                    client_id=self.microsoft_app_id,
                    client_credential=self.microsoft_app_password,
                    authority=self._authority,
                    # A private authority is not in Microsoft's instance list.
                    instance_discovery=False if self._custom else None,
                )
            client = self._client
        token = client.acquire_token_for_client(scopes=[scope])
        if "access_token" in token:
            # Seconds left, as MSAL reports it: bot/transport.py renews before it runs out.
            self.last_token_lifetime = float(token.get("expires_in") or 0) or None
            return str(token["access_token"])
        raise PermissionError(
            f"could not get a token: {token.get('error')}: {token.get('error_description')}"
        )


class CredentialsFactory(PasswordServiceClientCredentialFactory):
    def __init__(self, app_id: str, password: str, tenant_id: str, authority: str | None) -> None:
        super().__init__(app_id, password, tenant_id)
        self._custom = authority is not None
        self._authority = authority or (
            f"{PUBLIC_LOGIN}/{tenant_id or AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT}"
        )
        self._cache: dict[str, AppCredentials] = {}

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Authentication:
        if await self.is_authentication_disabled():
            return MicrosoftAppCredentials.empty()
        if not await self.is_valid_app_id(app_id):
            raise PermissionError("invalid app id")
        # One credentials object (and MSAL token cache) per scope, not one per turn.
        if oauth_scope not in self._cache:
            self._cache[oauth_scope] = _Credentials(
                app_id, self.password, oauth_scope, self._authority, self._custom
            )
        return self._cache[oauth_scope]
