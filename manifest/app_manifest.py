"""manifest.json (Norwegian) and its English localization file, as JSON-ready dicts.

Schema: Teams app manifest 1.30, the newest stable MicrosoftTeams.schema.json that the npm
package @microsoft/app-manifest 1.1.2 ships (tests validate against it).
"""

from __future__ import annotations

from typing import Any

from .icons import ACCENT_COLOR
from .search_command import SEARCH_COMMAND_ID, SEARCH_PARAMETER
from .settings import ManifestSettings
from .texts import ENGLISH, NORWEGIAN, AppTexts

SCHEMA_VERSION = "1.30"
_SCHEMAS = f"https://developer.microsoft.com/json-schemas/teams/v{SCHEMA_VERSION}"
SCHEMA_URL = f"{_SCHEMAS}/MicrosoftTeams.schema.json"
LOCALIZATION_SCHEMA_URL = f"{_SCHEMAS}/MicrosoftTeams.Localization.schema.json"

MANIFEST_FILE = "manifest.json"
COLOR_ICON_FILE = "color.png"
OUTLINE_ICON_FILE = "outline.png"
DEFAULT_LANGUAGE = "nb-NO"
ENGLISH_LANGUAGE = "en-us"
ENGLISH_FILE = f"{ENGLISH_LANGUAGE}.json"
BOT_SCOPES = ("personal", "team", "groupChat")

_COMMANDS = "bots[0].commandLists[0].commands"
_SEARCH = "composeExtensions[0].commands[0]"


def build_manifest(settings: ManifestSettings, texts: AppTexts = NORWEGIAN) -> dict[str, Any]:
    developer = settings.developer
    manifest: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "manifestVersion": SCHEMA_VERSION,
        "version": settings.version,
        "id": settings.teams_app_id,
        "localizationInfo": {
            "defaultLanguageTag": DEFAULT_LANGUAGE,
            "additionalLanguages": [{"languageTag": ENGLISH_LANGUAGE, "file": ENGLISH_FILE}],
        },
        "developer": {
            "name": developer.developer_name,
            "websiteUrl": developer.website_url,
            "privacyUrl": developer.privacy_url,
            "termsOfUseUrl": developer.terms_url,
        },
        "name": {"short": texts.name_short, "full": texts.name_full},
        "description": {"short": texts.description_short, "full": texts.description_full},
        "icons": {"color": COLOR_ICON_FILE, "outline": OUTLINE_ICON_FILE},
        "accentColor": ACCENT_COLOR,
        "bots": [
            {
                "botId": settings.app_id,
                "scopes": list(BOT_SCOPES),
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [
                    {
                        "scopes": list(BOT_SCOPES),
                        "commands": [
                            {"title": c.title, "description": c.description} for c in texts.commands
                        ],
                    }
                ],
            }
        ],
        "composeExtensions": [
            {
                "botId": settings.app_id,
                "commands": [
                    {
                        "id": SEARCH_COMMAND_ID,
                        "type": "query",
                        "title": texts.search_title,
                        "description": texts.search_description,
                        "initialRun": False,
                        "context": ["compose", "commandBox"],
                        "parameters": [
                            {
                                "name": SEARCH_PARAMETER,
                                "title": texts.search_parameter_title,
                                "description": texts.search_parameter_description,
                                "inputType": "text",
                            }
                        ],
                    }
                ],
            }
        ],
    }
    if settings.host:
        manifest["validDomains"] = [settings.host]
    return manifest


def build_localization(texts: AppTexts = ENGLISH) -> dict[str, str]:
    """A localization file: the manifest's strings in another language, keyed by their path."""
    strings = {
        "$schema": LOCALIZATION_SCHEMA_URL,
        "name.short": texts.name_short,
        "name.full": texts.name_full,
        "description.short": texts.description_short,
        "description.full": texts.description_full,
    }
    for i, command in enumerate(texts.commands):
        strings[f"{_COMMANDS}[{i}].title"] = command.title
        strings[f"{_COMMANDS}[{i}].description"] = command.description
    strings |= {
        f"{_SEARCH}.title": texts.search_title,
        f"{_SEARCH}.description": texts.search_description,
        f"{_SEARCH}.parameters[0].title": texts.search_parameter_title,
        f"{_SEARCH}.parameters[0].description": texts.search_parameter_description,
    }
    return strings
