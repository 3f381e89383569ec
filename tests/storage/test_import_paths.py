"""Import path errors (issue 19): every path that cannot be read is reported on its own and
counts as failed; the other files import. SQLite and PostgreSQL.

Tests run as root here, and chmod does not stop root from reading, so the unreadable cases
use what refuses root too: a name longer than the system allows (stat fails), a folder
nested deeper than PATH_MAX (listing it fails), a broken link and a named pipe. The plain
"folder without read permission" case runs as the unprivileged user `nobody` in
tests/cli/test_import_faults.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import func, select

from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from storage.models import Document
from tests.conftest import seed

OPTIONS = ImportOptions()


async def documents(db: Database) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(Document)) or 0


def statuses(results: list) -> dict[str, tuple[str, str | None]]:
    return {Path(r.path).name: (r.status, r.error) for r in results}


async def test_a_path_whose_lookup_fails_is_reported_and_the_rest_imports(
    db: Database, tmp_path: Path
) -> None:
    """Before: the OSError of is_dir() ended the whole batch with a traceback."""
    too_long = tmp_path / ("x" * 300 + ".txt")  # ENAMETOOLONG, for root as for anyone
    results = await import_paths(db, [too_long, seed("000")], OPTIONS)
    [(state, error), good] = [(r.status, r.error) for r in results]
    assert state == "failed" and error is not None and "cannot read the file" in error
    assert good == ("imported", None)
    assert await documents(db) == 1


async def test_broken_links_and_pipes_in_a_folder_are_reported(
    db: Database, tmp_path: Path
) -> None:
    """Before: both were skipped without a word (is_file() is False for them)."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(seed("000"), folder / "lsu.txt")
    (folder / "gone.md").symlink_to(tmp_path / "deleted.md")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for a writer for ever
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")  # not minutes: skipped, as before
    results = await import_paths(db, [folder], OPTIONS)
    assert statuses(results) == {
        "gone.md": ("failed", "broken link: what it points to does not exist"),
        "lsu.txt": ("imported", None),
        "pipe.txt": ("failed", "not a regular file"),
    }
    # Given by name, the same paths fail the same way (the pipe is never opened).
    named = await import_paths(db, [folder / "gone.md", folder / "pipe.txt"], OPTIONS)
    assert [r.error for r in named] == [
        "broken link: what it points to does not exist",
        "not a regular file",
    ]


def deep_folder(root: Path) -> Path:
    """A folder nested past PATH_MAX (4096): made level by level relative to the one
    above, since its full name is too long for any call that takes a path."""
    name = "d" * 250
    descriptor = os.open(root, os.O_RDONLY)
    depth = 0
    try:
        while (depth + 1) * (len(name) + 1) < 4300:
            os.mkdir(name, dir_fd=descriptor)
            inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor, depth = inner, depth + 1
    finally:
        os.close(descriptor)
    return root


async def test_a_folder_that_cannot_be_listed_is_reported(db: Database, tmp_path: Path) -> None:
    """Before: os.scandir's error in rglob either ended the batch or was skipped silently."""
    top = tmp_path / "archive"
    top.mkdir()
    shutil.copy(seed("004"), top / "ssu.txt")
    deep_folder(top)
    results = await import_paths(db, [top], OPTIONS)
    failed = [r for r in results if r.status == "failed"]
    assert [r.status for r in results if r.status != "failed"] == ["imported"]
    assert len(failed) == 1, statuses(results)
    assert failed[0].error is not None and failed[0].error.startswith("cannot read the folder")
    assert await documents(db) == 1
    shutil.rmtree(top, ignore_errors=True)  # pytest's cleanup cannot walk it either
