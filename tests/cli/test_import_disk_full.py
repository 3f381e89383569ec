"""`referent import FOLDER` when the database's disk fills up partway (issue 19, item 5).

The database lives on a small tmpfs of its own: the SQLite file (with its WAL and shared
memory files) in SQLite's case, a tablespace holding the whole test database in
PostgreSQL's. A ballast file leaves room for the first batch of documents; the import
runs out of space partway, must end with a report that names the cause and a non-zero exit
status, and store every document whole or not at all. Deleting the ballast frees the
space: the next run imports the rest.

Mounting needs root (or CAP_SYS_ADMIN). Without it these tests skip with the reason shown;
REFERENT_REQUIRE_DISKFULL=1 (CI) makes them fail instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import random
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import asyncpg
import pytest
from sqlalchemy import text as sql

from assistant.document_parsing import read_and_parse
from assistant.importing import BATCH, PARALLEL_FROM
from assistant.texts import counted, text
from bot.cli import main
from storage.database import Database
from storage.posting_codec import count
from tests.cli.test_import_faults import REFERENT
from tests.conftest import ROOT, _pg_admin, _pg_url, seed

# A first batch of short minutes, then a few long ones (many new search terms each): the
# disk has room for the first batch and fills up in the second. (Room for part of a batch
# is not enough on PostgreSQL: the space a failed batch took is only reused after a VACUUM,
# so the documents tried one by one after it find none.)
SHORT, LONG = max(BATCH, PARALLEL_FROM), 4  # PARALLEL_FROM: the worker pool runs, and stops
DOCUMENTS = SHORT + LONG
# Free space left next to the database: more than the first batch takes (with a batch's
# WAL frames on SQLite, the relation cache's init file on PostgreSQL), less than all.
# Measured with BATCH = 100: the first batch fits in 0.4 MB on SQLite and 0.8 MB on
# PostgreSQL, all of them in 1.4 MB and 2.6 MB.
ROOM = {"sqlite": 750 * 1024, "postgresql": 1600 * 1024}
MB = 1024 * 1024
SYLLABLES = ("ka", "ro", "mi", "te", "sla", "ny", "bor", "vei", "hel", "se", "dal", "fjor")


def unavailable(reason: str) -> NoReturn:
    if os.environ.get("REFERENT_REQUIRE_DISKFULL") == "1":
        pytest.fail(f"{reason} (REFERENT_REQUIRE_DISKFULL=1)")
    pytest.skip(reason)


@contextlib.contextmanager
def small_disk(mount_point: Path, size: int) -> Iterator[Path]:
    """A tmpfs of `size` bytes at mount_point, unmounted afterwards whatever happens."""
    if shutil.which("mount") is None:
        unavailable("no mount command: cannot give the database a small disk")
    mount_point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        unavailable(f"cannot mount a small tmpfs: {done.stderr.strip() or done.returncode}")
    try:
        yield mount_point
    finally:
        free(mount_point)
        if (mount_point / "keep").exists():
            pytest.fail(f"the test database could not be dropped; {mount_point} stays mounted")
        # Lazily if something still holds a file there: the mount goes once it is closed.
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode:
            subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def fill_leaving(disk: Path, room: int) -> Path:
    """A ballast file taking all the disk's free space but `room` bytes."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    ballast = disk / "ballast"
    with ballast.open("wb") as file:
        os.posix_fallocate(file.fileno(), 0, free - room)
    return ballast


def grow(ballast: Path) -> None:
    """Take what space has been freed since the ballast was laid."""
    stats = os.statvfs(ballast.parent)
    if free := stats.f_bavail * stats.f_frsize:
        with ballast.open("r+b") as file:
            os.posix_fallocate(file.fileno(), ballast.stat().st_size, free)


@contextlib.contextmanager
def sqlite_on(disk: Path, template: Path) -> Iterator[str]:
    path = disk / "referent.db"
    shutil.copyfile(template, path)
    yield f"sqlite+aiosqlite:///{path}"


async def _pg_fetch(sql_text: str, *args: object) -> object:
    conn = await asyncpg.connect(_pg_url("test").replace("+asyncpg", ""), timeout=5)
    try:
        return await conn.fetchval(sql_text, *args)
    finally:
        await conn.close()


@contextlib.contextmanager
def postgresql_on(disk: Path, template: str) -> Iterator[str]:
    """A database made from the migrated template in a tablespace on `disk`: its tables,
    indexes and catalogues live there (the server's WAL stays on its own disk).

    Copied file by file (not through shared buffers, PostgreSQL 15's default), so that every
    page is on the disk before the ballast fills it: a page still to be written when the
    disk is full fails whichever backend evicts it, any database's."""
    try:
        server = pwd.getpwnam("postgres")
    except KeyError:
        unavailable("no local postgres user: the server's tablespace cannot be put on a tmpfs")
    location = disk / "pg"
    location.mkdir()
    os.chown(location, server.pw_uid, server.pw_gid)
    location.chmod(0o700)
    suffix = f"{os.getpid()}_{uuid.uuid4().hex[:6]}"
    space, name = f"referent_full_{suffix}", f"referent_full_{suffix}"
    asyncio.run(_pg_admin(f"CREATE TABLESPACE {space} LOCATION '{location}'"))
    try:
        if not any(location.iterdir()):
            unavailable("the PostgreSQL server is not on this machine: its tablespace is not here")
        version = int(str(asyncio.run(_pg_fetch("SHOW server_version_num"))))
        strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
        asyncio.run(
            _pg_admin(
                f'CREATE DATABASE "{name}" TEMPLATE "{template}" TABLESPACE {space}{strategy}'
            )
        )
        try:
            yield _pg_url(name)
        finally:
            free(disk)  # dropping writes nothing there, but the checkpoint it asks for may
            asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        asyncio.run(_pg_admin(f"DROP TABLESPACE IF EXISTS {space}"))


def free(disk: Path) -> None:
    (disk / "ballast").unlink(missing_ok=True)


async def _template_bytes(template: str) -> int:
    return int(str(await _pg_fetch("SELECT pg_database_size($1)", template)))


@contextlib.contextmanager
def database_on_small_disk(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        size = template.stat().st_size + ROOM[backend] + 8 * MB
        with small_disk(tmp_path / "disk", size) as disk, sqlite_on(disk, template) as url:
            yield url, disk
        return
    template = request.getfixturevalue("pg_template")
    size = asyncio.run(_template_bytes(template)) + ROOM[backend] + 8 * MB
    # Not under tmp_path: pytest's temporary folders are closed to other users, and the
    # server (user postgres) must reach its tablespace.
    outside = Path(tempfile.mkdtemp(prefix="referent-disk-"))
    outside.chmod(0o711)
    try:
        with small_disk(outside / "disk", size) as disk:
            try:
                with postgresql_on(disk, template) as url:
                    yield url, disk
            except BaseException:
                if not _dropped(disk):
                    # Unmounting under a database the server still has would leave it pages
                    # it can never write: every checkpoint would fail, for every database.
                    disk.joinpath("keep").touch()
                raise
    finally:
        if not os.path.ismount(outside / "disk"):  # never remove the files of a kept one
            shutil.rmtree(outside, ignore_errors=True)


def _dropped(disk: Path) -> bool:
    """Whether the server let go of the tablespace (its folder on the disk is empty)."""
    location = disk / "pg"
    return not location.exists() or not any(location.iterdir())


SHORT_MINUTES = """Møtereferat
Lokalt samarbeidsutvalg (LSU)
Dato: {day}
Til stede: Britt Kveseth, Christine Furuholmen

Sak 1 Godkjenning av referat
Referatet ble godkjent.

Sak 2 Tjenesteavtalene
Vedtak: Avtalene følges opp.
Oppfølging:
Britt Kveseth lager et kort framlegg som oppsummerer arbeidsgruppens arbeid.
"""


def minutes(folder: Path) -> list[Path]:
    """SHORT meetings of one committee, then LONG ones with many words of their own; the
    files sort in that order, as the import takes them."""
    folder.mkdir()
    words = random.Random(19)
    months = ("januar", "februar", "mars", "april", "mai")
    paths = []
    for i in range(DOCUMENTS):
        day = f"{i % 28 + 1}. {months[i // 28]} 2015"
        body = SHORT_MINUTES.format(day=day)
        if i >= SHORT:
            filler = " ".join(
                "".join(words.choice(SYLLABLES) for _ in range(words.randint(2, 4)))
                for _ in range(2000)
            )
            body = seed("000").read_text(encoding="utf-8").replace("8. januar 2014", day)
            body += f"\n\nEventuelt\n\n{filler}\n"
        path = folder / f"lsu-{i:03d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def whole(path: Path) -> tuple[int, int, int]:
    """What storing the document wholly leaves: its cases, tasks and search postings."""
    parsed = read_and_parse(str(path), None, 10 * 1024 * 1024)
    assert parsed.minutes is not None
    return len(parsed.minutes.cases), len(parsed.minutes.tasks), sum(map(len, parsed.weights))


_PER_DOCUMENT = """
SELECT d.name,
  (SELECT count(*) FROM case_item c WHERE c.document_id = d.id),
  (SELECT count(*) FROM task t WHERE t.document_id = d.id),
  d.id,
  (SELECT count(*) FROM meeting m WHERE m.document_id = d.id),
  (SELECT count(*) FROM meeting_participant p WHERE p.document_id = d.id)
FROM document d
"""
# Each case's postings, packed (storage/posting_codec.py), with its document.
_POSTINGS = (
    "SELECT c.document_id, s.postings FROM search_case s JOIN case_item c ON c.id = s.case_id"
)
# Rows no document owns: a document stored in part would leave some.
_UNOWNED = """
SELECT
  (SELECT count(*) FROM case_item WHERE document_id IS NULL),
  (SELECT count(*) FROM task WHERE document_id IS NULL),
  (SELECT count(*) FROM search_case s LEFT JOIN case_item c ON c.id = s.case_id
    WHERE c.id IS NULL OR c.document_id IS NULL),
  (SELECT count(*) FROM meeting WHERE document_id IS NULL),
  (SELECT count(*) FROM meeting_participant WHERE document_id IS NULL)
"""


def stored(url: str) -> dict[str, tuple[int, ...]]:
    """Each stored document -> (cases, tasks, postings, meetings, participants); fails if
    any row is left that no document owns."""

    async def read() -> tuple[list[tuple[int, ...]], tuple[int, ...]]:
        db = Database(url)
        try:
            async with db.session() as session:
                rows = (await session.execute(sql(_PER_DOCUMENT))).all()
                unowned = (await session.execute(sql(_UNOWNED))).one()
                packed = await session.execute(sql(_POSTINGS))
            postings: dict[int, int] = {}
            for document_id, blob in packed:
                postings[document_id] = postings.get(document_id, 0) + count(blob)
            # (the document's id in the postings' place, as _PER_DOCUMENT reads it)
            rows = [(*r[:3], postings.get(r[3], 0), *r[4:]) for r in rows]
            return [tuple(r) for r in rows], tuple(unowned)
        finally:
            await db.close()

    rows, unowned = asyncio.run(read())
    assert unowned == (0, 0, 0, 0, 0), f"rows no document owns: {unowned}"
    return {row[0]: tuple(row[1:]) for row in rows}


def referent_process(url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """`referent` in a process of its own: what it writes to stderr, and that it ends."""
    env = {**os.environ, "REFERENT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*REFERENT, *argv], env=env, capture_output=True, text=True, timeout=90, check=False
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_disk_full_import_stores_whole_documents_says_why_and_the_next_run_finishes(
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: every document of the batch the disk refused failed with "the database
    refused the document" and not a word of why (the batch was tried three times, then each
    document three times), the batches after it likewise, and stderr held the driver's
    error for every attempt."""
    paths = minutes(tmp_path / "minutes")
    expected = {path.name: whole(path) for path in paths}
    folder = str(tmp_path / "minutes")
    with database_on_small_disk(backend, request, tmp_path) as (url, disk):
        ballast = fill_leaving(disk, ROOM[backend])

        first = referent_process(url, "import", folder, "--lang", "nb")
        assert first.returncode == 1, first.stdout + first.stderr
        # The report: what was stored, and for every other document why not.
        lines = first.stdout.splitlines()
        imported = set()
        for name in expected:
            (line,) = [line for line in lines if f" {name}: " in line]
            if line.startswith(text("nb", "cli.import.status.imported")):
                imported.add(name)
            else:
                assert line.startswith(text("nb", "cli.import.status.failed")), line
                assert line.endswith(f"{name}: {text('nb', 'cli.import.disk_full')}"), line
        assert 0 < len(imported) < DOCUMENTS, f"stored {len(imported)} of {DOCUMENTS}"
        missing = counted("nb", "cli.count.document", DOCUMENTS - len(imported))
        cause = text("nb", "cli.import.disk_full.summary", documents=missing)
        assert first.stderr.splitlines() == [f"referent: {cause}"], first.stderr

        # Run again before freeing space: the same cause, in one line, and nothing more.
        if backend == "postgresql":
            # As after a catalogue change: the relation cache's init file is gone, and the
            # next connection must write it again, into the full disk.
            for init_file in disk.glob("pg/PG_*/*/pg_internal.init"):
                init_file.unlink()
            grow(ballast)
            said = text("nb", "cli.disk_full")  # it cannot even connect
        else:
            said = cause  # the same batch finds no room
        again = referent_process(url, "import", folder, "--lang", "nb")
        assert again.returncode == 1, again.stdout + again.stderr
        assert again.stderr.splitlines() == [f"referent: {said}"], again.stderr

        # Space freed. (Before it, PostgreSQL may refuse a new connection: it rewrites the
        # relation cache's init file as one starts.)
        ballast.unlink()
        kept = stored(url)
        assert set(kept) == imported, "the report does not say what was stored"
        for name, counts in kept.items():
            assert counts[:3] == expected[name], f"{name} is stored in part"

        monkeypatch.setenv("REFERENT_DATABASE_URL", url)
        assert main(["import", folder, "--json"]) == 0
        report = json.loads(capsys.readouterr().out)["documents"]
        statuses = {Path(d["path"]).name: d["status"] for d in report}
        assert statuses == {name: "unchanged" if name in kept else "imported" for name in expected}
        final = stored(url)
        assert {name: counts[:3] for name, counts in final.items()} == expected
        assert {name: final[name] for name in kept} == kept  # the first run's, untouched
