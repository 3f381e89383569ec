"""`referent documents`, `referent documents delete ID` and `referent export COMMITTEE`, through
bot.cli.main (and the installed `referent` on a real terminal for the y/N question), on
SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from bot.cli import main
from storage.database import Database
from storage.models import Case, Document
from tests.conftest import EXAMPLES

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
FILES = [EXAMPLES / "ssu-fjordby-2026-09-07.html", EXAMPLES / "ssu-fjordby-2026-10-26.md"]
REFERENT = Path(sys.executable).with_name("referent")


@pytest.fixture
def referent(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):  # type: ignore[no-untyped-def]
    async def setup() -> None:
        db = Database(database_url)
        await db.upgrade()
        for tenant, paths in (("default", FILES), ("lindvik", FILES[1:])):
            results = await import_paths(db, paths, ImportOptions(tenant=tenant))
            assert all(r.status == "imported" for r in results)
        await db.close()

    asyncio.run(setup())
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)
    monkeypatch.delenv("REFERENT_TENANT", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv), clock=FixedClock(NOW))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _counts(database_url: str) -> dict[str, int]:
    async def count() -> dict[str, int]:
        db = Database(database_url)
        try:
            async with db.session() as s:
                return {
                    tenant: int(
                        await s.scalar(select(func.count(Case.id)).where(Case.tenant == tenant))
                        or 0
                    )
                    for tenant in ("default", "lindvik")
                } | {"documents": int(await s.scalar(select(func.count(Document.id))) or 0)}
        finally:
            await db.close()

    return asyncio.run(count())


def test_documents_lists_each_tenants_own(referent) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = referent("documents", "--json")
    assert code == 0
    listed = json.loads(out)["documents"]
    assert [
        (d["name"], d["committee"], d["meeting_date"], d["cases"], d["tasks"]) for d in listed
    ] == [
        (FILES[0].name, "SSU", "2026-09-07", 6, 4),
        (FILES[1].name, "SSU", "2026-10-26", 6, 2),
    ]
    assert all(d["imported_at"] and isinstance(d["id"], int) for d in listed)
    code, out, _ = referent("--tenant", "lindvik", "documents", "--json")
    assert [d["name"] for d in json.loads(out)["documents"]] == [FILES[1].name]
    code, out, _ = referent("documents", "--lang", "en")
    lines = out.splitlines()
    assert len(lines) == 2 and FILES[0].name in lines[0] and "6 items, 4 tasks" in lines[0]


def test_delete_asks_and_refuses_without_a_terminal(referent, database_url: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = referent("documents", "--json")
    october = json.loads(out)["documents"][1]["id"]
    before = _counts(database_url)
    code, out, err = referent("documents", "delete", str(october))  # pytest's stdin: no tty
    assert code == 1 and out == ""
    assert "6 saker, 2 oppgaver" in err and "Bekreft med --yes" in err
    assert _counts(database_url) == before

    code, out, err = referent("documents", "delete", str(october), "--yes", "--json")
    assert code == 0, err
    removed = json.loads(out)
    assert removed["document"]["name"] == FILES[1].name
    assert removed["removed"]["cases"] == 6 and removed["removed"]["tasks"] == 2
    assert _counts(database_url) == {"default": 6, "lindvik": 6, "documents": 2}

    # Gone now; another tenant's id is no document of this tenant.
    code, _, err = referent("documents", "delete", str(october), "--yes")
    assert code == 1 and "Ingen dokument med id" in err
    code, out, _ = referent("--tenant", "lindvik", "documents", "--json")
    theirs = json.loads(out)["documents"][0]["id"]
    code, _, err = referent("documents", "delete", str(theirs), "--yes")
    assert code == 1 and _counts(database_url)["lindvik"] == 6


def _on_a_terminal(database_url: str, argv: list[str], answer: str) -> tuple[int, str]:
    """`referent` with a terminal for stdin, answering its question with `answer`."""
    leader, follower = pty.openpty()
    env = {**os.environ, "REFERENT_DATABASE_URL": database_url, "REFERENT_TENANT": "default"}
    process = subprocess.Popen(
        [str(REFERENT), *argv], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env,
    )  # fmt: skip
    os.close(follower)
    os.write(leader, answer.encode() + b"\n")
    try:
        _, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
    return process.returncode, err.decode()


def test_delete_on_a_terminal_deletes_only_on_yes(referent, database_url: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = referent("documents", "--json")
    october = str(json.loads(out)["documents"][1]["id"])
    before = _counts(database_url)
    for answer in ("n", "jo da"):  # near misses: anything but j, ja, y, yes
        code, err = _on_a_terminal(database_url, ["documents", "delete", october], answer)
        assert code == 1 and "Slette? [j/N]" in err and "blir liggende" in err, err
    assert _counts(database_url) == before
    code, err = _on_a_terminal(database_url, ["documents", "delete", october], "ja")
    assert code == 0, err
    assert _counts(database_url)["default"] == 6


def test_export_to_stdout_or_a_file(referent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = referent("export", "SSU")
    assert code == 0
    exported = json.loads(out)
    assert exported["schema_version"] == 1 and exported["tenant"] == "default"
    assert [m["date"] for m in exported["meetings"] if m["status"] == "held"] == [
        "2026-09-07", "2026-10-26",
    ]  # fmt: skip
    target = tmp_path / "out" / "ssu.json"
    code, out, _ = referent("--tenant", "lindvik", "export", "ssu", "--out", str(target))
    assert code == 0 and str(target) in out
    theirs = json.loads(target.read_text(encoding="utf-8"))
    assert theirs["tenant"] == "lindvik"
    assert [m["date"] for m in theirs["meetings"] if m["status"] == "held"] == ["2026-10-26"]
    code, out, err = referent("export", "LSU")
    assert code == 1 and out == "" and "LSU" in err
