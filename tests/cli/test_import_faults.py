"""`referent import` under faults (issue 19): a killed importer leaves no worker process and
no half document, and a folder it may not read is reported, not passed over."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.importing import PARALLEL_FROM
from bot.cli import main
from tests.conftest import ROOT, seed

# `referent` from this tree (not whichever one is installed), as its console script runs it.
REFERENT = (
    sys.executable,
    "-c",
    "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))",
)
NOBODY = 65534


def children_of(pid: int) -> set[int]:
    """Every live descendant of pid, from /proc (the pool's fork server and its workers)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        kids = {child for child, of in parents.items() if of == parent}
        todo.extend(kids - found)
        found |= kids
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for init to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def many_minutes(folder: Path, count: int) -> list[Path]:
    """Copies of a seed, each a different meeting (so each imports), big enough that the
    batch takes seconds."""
    text = seed("000").read_text(encoding="utf-8")
    filler = "\n\nEventuelt\n\n" + "Ingen saker ble meldt under eventuelt denne gangen. " * 200
    paths = []
    for i in range(count):
        path = folder / f"lsu-{i:03d}.txt"
        day = f"{i % 28 + 1}. januar {2000 + i // 28}"
        path.write_text(text.replace("8. januar 2014", day) + filler, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: import uses no workers")
def test_a_killed_import_leaves_no_workers_and_no_half_document(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Before: the pool's workers outlived a SIGKILLed importer, waiting for ever."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    paths = many_minutes(folder, max(PARALLEL_FROM, 300))
    env = {**os.environ, "REFERENT_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    importer = subprocess.Popen(
        [*REFERENT, "import", str(folder), "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()  # the fork server, its workers, the resource tracker
    deadline = time.monotonic() + 60
    while importer.poll() is None and time.monotonic() < deadline:
        workers = children_of(importer.pid)
        if any(children_of(pid) for pid in workers):  # a worker forked from the fork server
            break
        time.sleep(0.05)
    assert importer.poll() is None, "the import ended before its pool ran"
    assert any(children_of(pid) for pid in workers), "no worker process started"
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    deadline = time.monotonic() + 5
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if running(pid)], "worker processes outlived the import"

    # The next run finishes the batch; what the killed one stored is whole (every document
    # reports the cases a clean parse finds).
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    code = main(["import", str(folder), "--json"])
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert code == 0
    assert {d["status"] for d in documents} <= {"imported", "unchanged"}
    assert len(documents) == len(paths)
    assert {d["cases"] for d in documents} == {5}


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp (mode 700), so `nobody` can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="referent-paths-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_nobody(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `referent` as a user chmod can stop (root reads every folder whatever its mode)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("runs as root and setpriv is missing: root reads a chmod 000 folder")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    database = f"sqlite+aiosqlite:///{cwd / 'referent.db'}"
    env = {
        **os.environ,
        "REFERENT_DATABASE_URL": database,
        "HOME": str(cwd),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [*prefix, *REFERENT, *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_unreadable_folder_is_reported_per_path(shared_folder: Path) -> None:
    """Before: a file named inside it ended the batch with a traceback; the folder itself
    gave "0 imported, 0 failed" and exit 0; an unreadable subfolder was passed over.
    SQLite only: this is about reading paths, and `nobody` needs a database it may open."""
    if not os.access(ROOT, os.R_OK | os.X_OK, effective_ids=True):
        pytest.skip("the project is not readable by others")
    good = shared_folder / "ssu.txt"
    shutil.copy(seed("004"), good)
    locked = shared_folder / "locked"
    (locked / "inner").mkdir(parents=True)
    shutil.copy(seed("000"), locked / "lsu.txt")
    outer = shared_folder / "outer"
    outer.mkdir()
    shutil.copy(seed("001"), outer / "fu.txt")
    (outer / "private").mkdir()
    for folder in (locked, outer / "private"):
        folder.chmod(0o000)
    done = as_nobody("import", str(locked / "lsu.txt"), str(good), "--json", cwd=shared_folder)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    first, second = json.loads(done.stdout)["documents"]
    assert first["status"] == "failed" and "Permission denied" in first["error"]
    assert second["status"] == "imported"

    done = as_nobody("import", str(locked), str(outer), "--json", cwd=shared_folder)
    assert done.returncode == 1, done.stderr
    report = {
        Path(d["path"]).name: (d["status"], d["error"])
        for d in json.loads(done.stdout)["documents"]
    }
    assert report == {
        "locked": ("failed", "cannot read the folder (Permission denied)"),
        "fu.txt": ("imported", None),
        "private": ("failed", "cannot read the folder (Permission denied)"),
    }


def test_a_full_disk_fails_documents_cleanly_and_the_next_run_finishes(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Disk full, as the importer meets it: the process may not grow any file past a size
    (RLIMIT_FSIZE, with SIGXFSZ ignored, so writes fail with EFBIG as on a full disk). SQLite
    only: PostgreSQL's disk is the server's, out of a test's reach."""
    database = tmp_path / "referent.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite+aiosqlite:///{database}"
    folder = tmp_path / "minutes"
    folder.mkdir()
    paths = many_minutes(folder, 30)
    limit = database.stat().st_size + 200_000  # room for a few documents, not for 30

    small_disk = (
        "import resource, signal; "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    )
    env = {**os.environ, "REFERENT_DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [REFERENT[0], "-c", small_disk + REFERENT[2], "import", str(folder), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    report = json.loads(done.stdout)["documents"]
    failed = [d for d in report if d["status"] == "failed"]
    assert failed and all(d["error"] for d in failed), report
    assert len(report) == len(paths)

    monkeypatch.setenv("REFERENT_DATABASE_URL", url)
    code = main(["import", str(folder), "--json"])
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert code == 0
    assert {d["status"] for d in documents} <= {"imported", "unchanged"}
    assert len(documents) == len(paths)
    assert {d["cases"] for d in documents} == {5}  # nothing half stored by the failed run
