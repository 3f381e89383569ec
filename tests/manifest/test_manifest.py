"""The Teams app package: valid against Microsoft's own schema, icons Teams accepts, stable ids,
and the compose-box search declared under the names the bot reads."""

from __future__ import annotations

import json
import re
import struct
import tomllib
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from manifest.app_manifest import (
    LOCALIZATION_SCHEMA_URL,
    SCHEMA_URL,
    SCHEMA_VERSION,
    build_localization,
    build_manifest,
)
from manifest.icons import ACCENT_COLOR
from manifest.package import write_package
from manifest.search_command import SEARCH_COMMAND_ID, SEARCH_PARAMETER
from manifest.settings import (
    DEV_APP_ID,
    ManifestError,
    ManifestSettings,
    parse_guid,
    semver_release,
    settings_from_options,
    teams_app_id_for,
)
from tests.bot import conftest as bot_fixtures
from tests.bot.activities import compose_query
from tests.bot.conftest import FakeConnector, start_bot
from tests.conftest import ROOT

from .conftest import schema_errors

APP_ID = "1b2c3d4e-0000-4000-8000-123456789abc"
PACKAGE_FILES = {"manifest.json", "color.png", "outline.png", "en-us.json"}
OWN_DEVELOPER = {
    "developer_name": "Helsefellesskapet Fjordby",
    "website_url": "https://fjordby.example.no/referent",
    "privacy_url": "https://fjordby.example.no/personvern",
    "terms_url": "https://fjordby.example.no/vilkar",
}


# The bot server's fixtures, for the test that asks the bot itself
connector = bot_fixtures.connector
seeded = bot_fixtures.seeded


def _settings(**options: Any) -> ManifestSettings:
    return settings_from_options(options.pop("app_id", APP_ID), **options)


def _unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def package(tmp_path: Path) -> dict[str, bytes]:
    """A package with the deployment's own publisher and host: its files by name."""
    written = write_package(
        _settings(host="bot.fjordby.example.no", **OWN_DEVELOPER), tmp_path / "t.zip"
    )
    return _unzip(written.path)


# -- the official schema


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"host": "https://bot.fjordby.example.no/api/messages", **OWN_DEVELOPER},
        {"host": "localhost", "dev": True, "app_id": None},
    ],
    ids=["placeholders", "own-publisher-and-host", "dev-localhost"],
)
def test_manifest_is_valid_by_the_official_schema(
    teams_schemas: Path, tmp_path: Path, options: dict[str, str]
) -> None:
    files = _unzip(write_package(_settings(**options), tmp_path / "referent.zip").path)
    manifest = json.loads(files["manifest.json"])
    assert manifest["$schema"] == SCHEMA_URL
    assert manifest["manifestVersion"] == SCHEMA_VERSION
    assert (teams_schemas / f"teams/v{SCHEMA_VERSION}/MicrosoftTeams.schema.json").is_file()
    assert schema_errors(teams_schemas, manifest, manifest["$schema"]) == []


def test_localization_is_valid_and_addresses_the_manifests_strings(
    teams_schemas: Path, package: dict[str, bytes]
) -> None:
    manifest = json.loads(package["manifest.json"])
    [english] = manifest["localizationInfo"]["additionalLanguages"]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "nb-NO"
    assert english == {"languageTag": "en-us", "file": "en-us.json"}
    strings = json.loads(package[english["file"]])
    assert strings["$schema"] == LOCALIZATION_SCHEMA_URL
    assert schema_errors(teams_schemas, strings, strings["$schema"]) == []
    for key, value in strings.items():
        if key != "$schema":
            original = _at(manifest, key)  # every key names a string the manifest has
            assert isinstance(original, str) and value.strip(), key
    assert strings["composeExtensions[0].commands[0].title"] == "Search decisions"
    assert strings["bots[0].commandLists[0].commands[0].title"] == "help"


def _at(document: Any, path: str) -> Any:
    """The value at a localization key: «bots[0].commandLists[0].commands[1].title»."""
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        document = document[int(index)] if index else document[name]
    return document


def test_the_schema_is_the_newest_stable_one_the_npm_package_has(teams_schemas: Path) -> None:
    versions = [
        tuple(map(int, folder.name.removeprefix("v").split(".")))
        for folder in (teams_schemas / "teams").glob("v[0-9]*")
        if (folder / "MicrosoftTeams.schema.json").is_file()
    ]  # vDevPreview is not stable
    newest = ".".join(map(str, max(versions)))
    assert newest == SCHEMA_VERSION, "pinned npm package has a newer schema: move up with care"


# -- content


def test_bot_and_search_as_declared(package: dict[str, bytes]) -> None:
    manifest = json.loads(package["manifest.json"])
    assert manifest["name"] == {
        "short": "Referent",
        "full": "Referent – møtereferater, vedtak og oppgaver",
    }
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and bot["supportsFiles"] is False
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert titles == [
        "hjelp", "hva ble bestemt om", "hvilke oppgaver har jeg?", "når er neste møte?",
    ]  # fmt: skip
    [extension] = manifest["composeExtensions"]
    [command] = extension["commands"]
    assert extension["botId"] == APP_ID
    assert (command["id"], command["type"], command["title"]) == (
        SEARCH_COMMAND_ID,
        "query",
        "Søk i vedtak",
    )
    assert command["initialRun"] is False and command["context"] == ["compose", "commandBox"]
    assert [p["name"] for p in command["parameters"]] == [SEARCH_PARAMETER]
    assert manifest["validDomains"] == ["bot.fjordby.example.no"]
    assert manifest["accentColor"] == ACCENT_COLOR
    assert manifest["developer"]["name"] == "Helsefellesskapet Fjordby"


def test_no_host_no_valid_domains() -> None:
    assert "validDomains" not in build_manifest(_settings())


def test_version_is_the_projects() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert build_manifest(_settings())["version"] == pyproject["project"]["version"]


@pytest.mark.parametrize(
    ("pep440", "teams"),
    [("0.1.0", "0.1.0"), ("1.2rc1", "1.2.0"), ("3", "3.0.0"), ("2.0.1.dev4", "2.0.1")],
)
def test_versions_become_major_minor_patch(pep440: str, teams: str) -> None:
    assert semver_release(pep440) == teams


async def test_the_bot_reads_the_search_parameter_the_manifest_declares(
    seeded: None, database_url: str, connector: tuple[FakeConnector, str]
) -> None:
    """The messaging extension's words arrive under SEARCH_PARAMETER and reach the search
    (the real bot over HTTP); words under another name are not searched."""
    async for bot in start_bot(database_url, connector):
        found = {}
        for name in (SEARCH_PARAMETER, "somethingElse"):
            activity = compose_query("", bot.connector_url)
            activity["value"]["commandId"] = SEARCH_COMMAND_ID
            activity["value"]["parameters"] = [{"name": name, "value": "LAR"}]
            response = await bot.post(activity)
            assert response.status == 200
            result = (await response.json())["composeExtension"]
            assert result["type"] == "result"
            found[name] = json.dumps(result["attachments"], ensure_ascii=False)
    assert "2023.30" in found[SEARCH_PARAMETER]
    assert found["somethingElse"] == "[]"


# -- ids


@pytest.mark.parametrize(
    "value",
    ["", "bot", "1b2c3d4e-0000-4000-8000-123456789ab", "{1b2c3d4e-0000-4000-8000-123456789abc}",
     "1b2c3d4e000040008000123456789abc", "1b2c3d4e-0000-4000-8000-123456789abz"],
)  # fmt: skip
def test_an_app_id_that_is_not_a_guid_is_refused(value: str) -> None:
    with pytest.raises(ManifestError, match="app id"):
        _settings(app_id=value)


def test_teams_app_id_is_stable_and_derived_from_the_app_id() -> None:
    first = _settings().teams_app_id
    assert first == _settings(app_id=APP_ID.upper()).teams_app_id == teams_app_id_for(APP_ID)
    assert parse_guid(first, "id") == first and first != APP_ID
    other = _settings(app_id="00000000-0000-4000-8000-000000000001").teams_app_id
    assert other != first
    given = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
    assert _settings(teams_app_id=given.upper()).teams_app_id == given


def test_the_same_settings_give_the_same_zip(tmp_path: Path) -> None:
    one = write_package(_settings(), tmp_path / "one.zip").path.read_bytes()
    two = write_package(_settings(), tmp_path / "two.zip").path.read_bytes()
    assert one == two


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host": "not a host"}, "host"),
        ({"host": "localhost"}, "--dev"),
        ({"host": "http://127.0.0.1:3978/api/messages"}, "--dev"),
        ({"host": "not a host", "dev": True}, "host"),
        ({"host": "localhost.", "dev": True}, "host"),
        ({"website_url": "http://example.no"}, "https"),
        ({"privacy_url": "example.no/personvern"}, "https"),
        ({"developer_name": "x" * 33}, "32"),
        ({"teams_app_id": "nope"}, "Teams app id"),
    ],
)
def test_other_bad_input_is_refused(options: dict[str, str], message: str) -> None:
    with pytest.raises(ManifestError, match=message):
        _settings(**options)


# -- icons


def _png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of one of our PNGs (8-bit RGBA, filter 0 rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert (depth, colour, interlace) == (8, 6, 0)  # 8-bit RGBA, not interlaced
    idat, offset = b"", 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        body = data[offset + 8 : offset + 8 + length]
        crc = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])[0]
        assert zlib.crc32(kind + body) == crc, kind
        idat += body if kind == b"IDAT" else b""
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    assert len(raw) == stride * height and all(raw[y * stride] == 0 for y in range(height))
    return width, height, [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]


def _pixels(rows: list[bytes]) -> list[tuple[int, ...]]:
    return [tuple(row[i : i + 4]) for row in rows for i in range(0, len(row), 4)]


def test_color_icon_is_192_square_in_the_accent_colour(package: dict[str, bytes]) -> None:
    width, height, rows = _png(package["color.png"])
    assert (width, height) == (192, 192)
    pixels = _pixels(rows)
    accent = (*bytes.fromhex(ACCENT_COLOR[1:]), 255)
    assert pixels[10 * 192 + 96] == accent  # the background, above the glyph
    assert (255, 255, 255, 255) in pixels  # the glyph
    assert pixels[0][3] == 0  # a rounded corner


def test_outline_icon_is_32_square_white_on_transparent(package: dict[str, bytes]) -> None:
    width, height, rows = _png(package["outline.png"])
    assert (width, height) == (32, 32)
    pixels = _pixels(rows)
    assert all(p[3] == 0 or p[:3] == (255, 255, 255) for p in pixels)  # white or transparent
    opaque = sum(p[3] == 255 for p in pixels)
    transparent = sum(p[3] == 0 for p in pixels)
    assert opaque > 100 and transparent > 32 * 32 / 2
    assert all(p[3] == 0 for p in pixels[:32])  # a clear top row: the glyph does not touch


# -- the command line


@pytest.fixture
def referent(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, tmp_path: Path):
    """Run `referent manifest …` in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    monkeypatch.delenv("MicrosoftAppId", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["manifest", *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_cli_writes_the_package(referent, tmp_path: Path) -> None:
    out = tmp_path / "upload" / "referent-teams.zip"
    own = [f"--{key.replace('_', '-')}={value}" for key, value in OWN_DEVELOPER.items()]
    code, stdout, stderr = referent(
        "--app-id", APP_ID, "--host", "bot.example.org", "--out", str(out), *own
    )
    assert code == 0, stderr
    assert stderr == ""
    assert set(_unzip(out)) == PACKAGE_FILES
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(PACKAGE_FILES)  # at the root, nothing else
    assert f"wrote {out}" in stdout and teams_app_id_for(APP_ID) in stdout
    assert not (tmp_path / "r.db").exists()  # no database needed


def test_cli_takes_the_app_id_from_the_environment_and_warns_of_placeholders(
    referent, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MicrosoftAppId", APP_ID)
    out = tmp_path / "referent-teams.zip"
    code, _, stderr = referent("--out", str(out), "--website-url", "https://fjordby.example.no")
    assert code == 0
    manifest = json.loads(_unzip(out)["manifest.json"])
    assert manifest["bots"][0]["botId"] == APP_ID
    warnings = stderr.splitlines()
    assert len(warnings) == 3 and all(w.startswith("warning: no --") for w in warnings)
    assert {"--developer-name", "--privacy-url", "--terms-url"} == {
        w.split()[2].rstrip(":") for w in warnings
    }


@pytest.mark.parametrize(
    "argv",
    [(), ("--app-id", "not-a-guid"), ("--app-id", APP_ID, "--terms-url", "ftp://x.example.no")],
    ids=["no-app-id", "not-a-guid", "not-https"],
)
def test_cli_bad_input_is_exit_code_2_and_one_line(
    referent, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    out = tmp_path / "referent-teams.zip"
    code, stdout, stderr = referent(*argv, "--out", str(out))
    assert code == 2
    assert stdout == "" and len(stderr.splitlines()) == 1 and stderr.startswith("referent: ")
    assert not out.exists()


@pytest.mark.parametrize(
    ("host", "domain"),
    [("localhost", "localhost"), ("http://localhost:3978/api/messages", "localhost"),
     ("127.0.0.1", "127.0.0.1"), ("https://ab12cd.euw.devtunnels.ms", "ab12cd.euw.devtunnels.ms")],
)  # fmt: skip
def test_a_development_package_may_point_at_this_machine(host: str, domain: str) -> None:
    settings = _settings(app_id=None, host=host, dev=True)
    assert settings.dev and settings.host == domain
    assert settings.app_id == DEV_APP_ID  # no app id needed: the emulator has none
    manifest = build_manifest(settings)
    assert manifest["validDomains"] == [domain]
    assert manifest["bots"][0]["botId"] == DEV_APP_ID
    assert _settings(host=host, dev=True).app_id == APP_ID  # one given is kept


def test_cli_dev_package_for_localhost_warns_what_it_is(referent, tmp_path: Path) -> None:
    out = tmp_path / "referent-dev.zip"
    code, stdout, stderr = referent("--dev", "--host", "localhost", "--out", str(out))
    assert code == 0, stderr
    assert "valid domains: localhost" in stdout
    warnings = stderr.splitlines()
    assert warnings[0].startswith("warning: --dev: a development package")
    assert warnings[1].startswith("warning: --dev without an app id: the bot id is the placeholder")
    manifest = json.loads(_unzip(out)["manifest.json"])
    assert manifest["validDomains"] == ["localhost"]
    # without --dev: refused, one line that says what to do
    code, stdout, stderr = referent("--app-id", APP_ID, "--host", "localhost", "--out", str(out))
    assert code == 2 and stdout == "" and len(stderr.splitlines()) == 1
    assert "give --dev" in stderr


def test_localization_covers_every_command() -> None:
    strings = build_localization()
    manifest = build_manifest(_settings())
    commands = manifest["bots"][0]["commandLists"][0]["commands"]
    for i in range(len(commands)):
        assert f"bots[0].commandLists[0].commands[{i}].title" in strings


def test_the_schema_check_is_not_vacuous(teams_schemas: Path) -> None:
    broken = build_manifest(_settings())
    broken["bots"][0]["botId"] = "bot"  # a $ref to #/definitions/guid
    broken["composeExtensions"][0]["commands"][0]["title"] = "x" * 33
    del broken["developer"]["privacyUrl"]
    errors = schema_errors(teams_schemas, broken, SCHEMA_URL)
    assert len(errors) == 3, errors
    assert any(e.startswith("bots/0/botId") for e in errors)
