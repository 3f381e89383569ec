"""The official Teams manifest JSON schemas, from the npm package @microsoft/app-manifest.

`npm pack` fetches the pinned version once into the pytest cache (.pytest_cache); later runs
reuse it. Without npm or the registry the schema tests skip with the reason shown, unless
REFERENT_REQUIRE_MANIFEST_SCHEMA=1 (CI), where they fail instead. The schemas are not kept in
the repository. A `$ref` to another schema file resolves inside the unpacked package, never
over the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT4

from tests.npm_packages import npm_error, unavailable

APP_MANIFEST_NPM_VERSION = "1.1.2"
APP_MANIFEST_NPM = f"@microsoft/app-manifest@{APP_MANIFEST_NPM_VERSION}"
SCHEMAS_IN_PACKAGE = "package/build/json-schemas"  # teams/v1.30/MicrosoftTeams.schema.json …
# Where Microsoft publishes the schemas; the package holds the same tree under json-schemas/.
SCHEMA_HOST_PREFIXES = (
    "https://developer.microsoft.com/json-schemas/",
    "https://developer.microsoft.com/en-us/json-schemas/",
)
NPM_TIMEOUT_S = 180


def _unavailable(reason: str) -> NoReturn:
    unavailable(
        f"Teams manifest schema ({APP_MANIFEST_NPM})", reason, "REFERENT_REQUIRE_MANIFEST_SCHEMA"
    )


def _npm_pack(into: Path) -> Path:
    """The package tarball, downloaded by npm into `into`."""
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is not installed")
    command = [
        str(npm),
        "pack",
        APP_MANIFEST_NPM,
        "--json",
        "--ignore-scripts",
        "--prefer-offline",  # npm's own cache is enough when it has the version
        "--fetch-retries=1",
        "--fetch-timeout=30000",
    ]
    try:
        done = subprocess.run(
            command, cwd=into, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        _unavailable(f"`npm pack` took more than {NPM_TIMEOUT_S} s")
    tarballs = sorted(into.glob("*.tgz"))
    if done.returncode != 0 or not tarballs:
        _unavailable(f"`npm pack` failed: {npm_error(done.stderr)}")
    return tarballs[0]


def _unpack_schemas(tarball: Path, into: Path) -> None:
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(SCHEMAS_IN_PACKAGE + "/")]
        if not members:
            _unavailable(f"{tarball.name} holds no {SCHEMAS_IN_PACKAGE}/")
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: refuse odd paths and links
            archive.extractall(into, members=members, filter="data")
        else:
            archive.extractall(into, members=members)


@pytest.fixture(scope="session")
def teams_schemas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's json-schemas/ folder (teams/, copilot/), fetched once and cached."""
    cache = getattr(request.config, "cache", None)
    base = (
        cache.mkdir("teams-app-manifest")
        if cache is not None
        else tmp_path_factory.mktemp("teams-app-manifest")
    )
    target = base / f"app-manifest-{APP_MANIFEST_NPM_VERSION}"
    schemas = target / SCHEMAS_IN_PACKAGE
    if not schemas.is_dir():
        with tempfile.TemporaryDirectory(dir=base) as scratch:
            started = time.perf_counter()
            tarball = _npm_pack(Path(scratch))
            unpacked = Path(scratch) / "unpacked"
            _unpack_schemas(tarball, unpacked)
            shutil.rmtree(target, ignore_errors=True)
            unpacked.rename(target)  # whole or not at all: an interrupted run leaves no half
            seconds = time.perf_counter() - started
        print(f"\nfetched {APP_MANIFEST_NPM} with npm in {seconds:.1f} s into {target}")
    return schemas


def _local_schema(schemas: Path, uri: str) -> Path | None:
    for prefix in SCHEMA_HOST_PREFIXES:
        if uri.startswith(prefix):
            local = (schemas / uri.removeprefix(prefix).split("#")[0]).resolve()
            if local.is_relative_to(schemas.resolve()) and local.is_file():
                return local
    return None


def _registry(schemas: Path) -> Registry:
    """Schemas by their official URL, read from the unpacked package; anything else fails."""

    def retrieve(uri: str) -> Resource:
        local = _local_schema(schemas, uri)
        if local is None:
            raise NoSuchResource(ref=uri)  # not in the package: no download
        return Resource.from_contents(json.loads(local.read_text("utf-8")), DRAFT4)

    return Registry(retrieve=retrieve)


def schema_validator(schemas: Path, url: str) -> Validator:
    """A validator for the official schema at `url` (as a manifest's `$schema` names it)."""
    resolved = _registry(schemas).get_or_retrieve(url)
    schema = resolved.value.contents
    cls = validator_for(schema)
    # A reference to the URL rather than the schema itself: relative `$ref`s inside it then
    # resolve against its official URL, and so to the package's files.
    return cls({"$ref": url}, registry=resolved.registry, format_checker=cls.FORMAT_CHECKER)


def schema_errors(schemas: Path, instance: dict[str, Any], url: str) -> list[str]:
    validator = schema_validator(schemas, url)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
