"""Referent in Microsoft's Teams emulator: `referent serve` on a test database, the Agents
Playground (npm package @microsoft/m365agentsplayground, pinned) in front of it, and the
playground's page in headless Chromium.

`npm install` fetches the pinned version once into the pytest cache (.pytest_cache); later
runs reuse it. Without npm, the registry, Chromium or playwright the suite skips with the
reason shown, unless REFERENT_REQUIRE_PLAYGROUND=1 (CI), where it fails instead. Nothing
of the package is kept in the repository.

Each test module gets one bot, one playground and one page, and its tests are one story
told in order (installed, then asked, then …): they share what the earlier ones did.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import NoReturn

import pytest
import pytest_asyncio

from tests.bot.served import REFERENT, Served, referent_serve
from tests.conftest import SEEDS
from tests.npm_packages import npm_error, unavailable

from .client import WAIT_MS, TeamsClient
from .playground import PERSONAL_CHAT, Person, Playground, playground_config, playground_running

PLAYGROUND_NPM_VERSION = "0.2.28"
PLAYGROUND_NPM = f"@microsoft/m365agentsplayground@{PLAYGROUND_NPM_VERSION}"
CLI_IN_PACKAGE = Path("node_modules/@microsoft/m365agentsplayground/cli.js")
NPM_TIMEOUT_S = 180
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The user at the keyboard and the five others, people of the seed minutes: Teams' profile
# (name, email) links the user to the person in the minutes, whose tasks are theirs.
CURRENT_USER = Person("Christine", "Furuholmen")
OTHER_USERS = [
    Person("Britt", "Kveseth"),
    Person("Christian", "Reissig"),
    Person("Trine", "Bakkeli"),
    Person("Elisabeth", "Mork"),
    Person("Bente", "Bjørnstad"),
]
# The page may ask for fonts and scripts off the internet; only loopback is answered here.
LOOPBACK = re.compile(r"^(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?(?:/|$)")


def _unavailable(reason: str) -> NoReturn:
    unavailable(f"Agents Playground ({PLAYGROUND_NPM})", reason, "REFERENT_REQUIRE_PLAYGROUND")


def _npm_install(into: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is not installed")
    command = [
        str(npm), "install", PLAYGROUND_NPM,
        "--prefix", str(into),
        "--ignore-scripts", "--no-audit", "--no-fund",
        "--prefer-offline",  # npm's own cache is enough when it has the version
        "--fetch-retries=1", "--fetch-timeout=30000",
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command, cwd=into, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        _unavailable(f"`npm install` took more than {NPM_TIMEOUT_S} s")
    if done.returncode != 0 or not (into / CLI_IN_PACKAGE).is_file():
        _unavailable(f"`npm install` failed: {npm_error(done.stderr)}")


@pytest.fixture(scope="session")
def playground_cli(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The playground's cli.js, installed once and cached; the suite's skip (or failure)
    when it, Chromium or playwright cannot be had."""
    if CHROMIUM is None:
        _unavailable("no Chromium installed (Debian package chromium); CI installs it")
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    if shutil.which("node") is None:
        _unavailable("node is not installed")
    cache = getattr(request.config, "cache", None)
    base = (
        cache.mkdir("agents-playground")
        if cache is not None
        else tmp_path_factory.mktemp("agents-playground")
    )
    target = base / f"m365agentsplayground-{PLAYGROUND_NPM_VERSION}"
    if not (target / CLI_IN_PACKAGE).is_file():
        scratch = Path(tempfile.mkdtemp(dir=base))
        try:
            started = time.perf_counter()
            _npm_install(scratch)
            shutil.rmtree(target, ignore_errors=True)
            scratch.rename(target)  # whole or not at all: an interrupted run leaves none
            seconds = time.perf_counter() - started
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        print(f"\ninstalled {PLAYGROUND_NPM} with npm in {seconds:.1f} s into {target}")
    return target / CLI_IN_PACKAGE


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the suite's screenshots go: REFERENT_SCREENSHOTS, or a temporary folder."""
    chosen = os.environ.get("REFERENT_SCREENSHOTS")
    if not chosen:
        return tmp_path_factory.mktemp("screenshots")
    Path(chosen).mkdir(parents=True, exist_ok=True)
    return Path(chosen)


@pytest.fixture(scope="module")
def database_file(playground_cli: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database with the seed minutes, imported as an operator would."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS} (they live in ../shared/seeds)")
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('teams-client') / 'referent.db'}"
    done = subprocess.run(
        [str(REFERENT), "import", str(SEEDS)],
        env={**os.environ, "REFERENT_DATABASE_URL": url},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return url


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def served_bot(
    database_file: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Served]:
    """`referent serve` on it, reminders on (a subscription's due agenda goes at once)."""
    log = tmp_path_factory.mktemp("bot") / "bot.log"
    settings = {"REFERENT_REMINDERS": "on", "REFERENT_REMINDER_POLL_SECONDS": "2"}
    async with referent_serve(database_file, log, **settings) as served:
        yield served


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def playground(
    playground_cli: Path, served_bot: Served, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Playground]:
    config = playground_config(CURRENT_USER, OTHER_USERS)
    folder = tmp_path_factory.mktemp("playground")
    async with playground_running(playground_cli, served_bot.url, config, folder) as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def teams(playground: Playground, screenshots: Path) -> AsyncIterator[TeamsClient]:
    """The playground's page, opened on the personal chat, its log panel hidden."""
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = await browser.new_context(
                locale="en-US",  # the date picker reads dates as M/D/YYYY
                viewport={"width": 1400, "height": 1000},
            )
            await context.route(lambda url: not LOOPBACK.match(url), lambda route: route.abort())
            page = await context.new_page()
            page.set_default_timeout(WAIT_MS)
            await page.goto(playground.url)
            await page.get_by_role("treeitem", name=PERSONAL_CHAT, exact=True).wait_for()
            await page.get_by_title("Hide log panel").click()
            yield TeamsClient(page, screenshots)
        finally:
            with contextlib.suppress(Exception):  # a browser gone already is closed
                await asyncio.wait_for(browser.close(), 10)
