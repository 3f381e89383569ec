"""The `referent` command as other tools use it: arguments in, one JSON object out."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.clock import FixedClock
from assistant.importing import PARALLEL_FROM
from bot.cli import main
from tests.conftest import EXAMPLES, ROOT, TIMEZONES, seed

CONTRACT_FIELDS = (
    "path", "status", "error", "committee", "meeting_date", "next_meeting", "cases", "tasks",
)  # fmt: skip


@pytest.fixture
def referent(database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """Run the CLI in-process against the test database; returns (exit code, stdout)."""
    monkeypatch.setenv("REFERENT_DATABASE_URL", database_url)

    def run(*argv: str, clock: FixedClock | None = None) -> tuple[int, str]:
        code = main(list(argv), clock=clock)
        return code, capsys.readouterr().out

    return run


def test_import_seeds_json_contract(referent, seeds: Path) -> None:
    code, out = referent("import", *map(str, sorted(seeds.glob("*.txt"))), "--json")
    assert code == 0
    payload = json.loads(out)
    docs = {Path(d["path"]).name[:3]: d for d in payload["documents"]}
    assert [d["status"] for d in docs.values()] == ["imported"] * 5
    for d in docs.values():
        assert set(CONTRACT_FIELDS) <= set(d)
    assert (docs["000"]["meeting_date"], docs["000"]["next_meeting"]) == (
        "2014-01-08",
        "2014-03-05",
    )
    assert (docs["001"]["meeting_date"], docs["001"]["next_meeting"]) == (
        "2022-09-12",
        "2022-10-24",
    )
    assert docs["004"]["meeting_date"] == "2023-09-28"
    assert (docs["002"]["meeting_date"], docs["003"]["meeting_date"]) == (None, None)
    assert docs["001"]["committee"] == "SSU" and docs["001"]["cases"] == 7

    code, out = referent("import", str(seed("000")), "--json")
    assert json.loads(out)["documents"][0]["status"] == "unchanged"


def test_failed_document_gives_exit_code_1_and_the_rest_imports(referent, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not a pdf")
    code, out = referent("import", str(broken), str(seed("004")), "--json")
    assert code == 1
    first, second = json.loads(out)["documents"]
    assert first["status"] == "failed" and "PDF" in first["error"]
    assert second["status"] == "imported"


def test_human_import_report(referent) -> None:
    code, out = referent("import", str(seed("001")), str(seed("002")), "--lang", "en")
    assert code == 0
    assert "SSU 2022-09-12 (next meeting 2022-10-24); 7 items, 3 tasks" in out
    assert "action plan, no meeting date" in out
    assert out.rstrip().endswith("2 documents imported")


def test_a_document_without_date_or_items_is_imported_with_warnings(referent, tmp_path) -> None:
    notes = tmp_path / "notater.txt"
    notes.write_text("Notater fra dugnaden\nVi ryddet hagen og malte gjerdet.\n", "utf-8")
    dated = tmp_path / "styremote-2027-03-04.md"
    dated.write_text("# Styremøte\n\n## Sak 1 Budsjett\nGodkjent.\n", "utf-8")
    code, out = referent("import", str(notes), str(dated), "--lang", "en")
    assert code == 0  # stored: a warning is not a failure
    assert "warning    notater.txt" in out and "no meeting date found" in out
    assert "no items found" in out
    assert "warning    styremote-2027-03-04.md: 2027-03-04" in out
    assert "meeting date taken from the file name" in out
    assert out.rstrip().endswith("2 documents with warnings")
    code, out = referent("import", str(notes), "--force", "--json")
    [document] = json.loads(out)["documents"]
    assert document["status"] == "warning"
    assert document["warnings"][0].startswith("no meeting date found")


def test_explain_shows_what_was_read_and_where(referent, tmp_path) -> None:
    minutes = tmp_path / "au.txt"
    minutes.write_text(
        "Møtereferat Arbeidsutvalget\n\nMøtedato: 04.03.2027\nSted: Rådhuset\n\n"
        "Sak 1/27 Budsjett\nVedtak:\nBudsjettet godkjennes.\n\nSak 2/27 Eventuelt\n"
        "Ingen saker.\n",
        "utf-8",
    )
    code, out = referent("import", str(minutes), "--explain", "--lang", "en")
    assert code == 0
    assert "meeting date: 2027-03-04 (from the label, line 3)" in out
    assert "place: Rådhuset (line 4)" in out
    assert "line 6     1/27 Budsjett — decided" in out
    assert "decision (line 8): «Budsjettet godkjennes.»" in out
    assert "line 10    2/27 Eventuelt — noted, no decision" in out
    assert "not found: " in out and "chair" in out
    _, out = referent("import", str(minutes), "--explain", "--force", "--json")
    [document] = json.loads(out)["documents"]
    assert any(line.startswith("items: 2") for line in document["explanation"])


def test_committee_option_overrides(referent) -> None:
    _, out = referent("import", str(seed("002")), "--committee", "OSU", "--json")
    assert json.loads(out)["documents"][0]["committee"] == "OSU"


def test_tasks_for_a_person_and_a_group(referent, seeds: Path) -> None:
    referent("import", *map(str, sorted(seeds.glob("*.txt"))))
    _, out = referent("tasks", "--for", "Britt Kveseth", "--json")
    payload = json.loads(out)
    assert payload["person"] == "Britt Kveseth"
    [task] = payload["tasks"]
    assert task["description"].startswith("lager et kort framlegg")
    assert (task["case"], task["meeting_date"], task["committee"]) == ("3", "2014-01-08", "LSU")

    _, out = referent("tasks", "--for", "christine furuholmen", "--json")
    payload = json.loads(out)
    assert payload["groups"] == ["AU"]
    owners = [(t["assignee"], t["via_group"]) for t in payload["tasks"]]
    assert ("Christine Furuholmen", None) in owners
    assert owners.count(("AU", "AU")) == 2
    dues = [(t["due"], t["settled_on"]) for t in payload["tasks"] if t["via_group"]]
    # by due date, the one a later meeting settled after those still open
    assert dues == [("2022-12-05", None), ("2022-10-24", "2023-09-28")]

    _, out = referent("tasks", "--for", "Vestre Viken", "--json")
    [vv] = json.loads(out)["tasks"]
    assert vv["due"] == "Høst 2022"


@pytest.mark.parametrize("timezone", TIMEZONES)
def test_upcoming_meetings_relative_to_the_clock(
    referent, monkeypatch: pytest.MonkeyPatch, timezone: str, process_tz: str
) -> None:
    monkeypatch.setenv("REFERENT_TIMEZONE", timezone)
    referent("import", str(seed("000")), str(seed("001")))
    clock = FixedClock(datetime(2022, 10, 1, 12, tzinfo=UTC))
    _, out = referent("meetings", "--upcoming", "--json", clock=clock)
    upcoming = [(m["committee"], m["date"], m["status"]) for m in json.loads(out)["meetings"]]
    assert upcoming == [("SSU", "2022-10-24", "planned"), ("SSU", "2022-12-05", "planned")]

    _, out = referent("meetings", "--json", clock=clock)
    meetings = json.loads(out)["meetings"]
    lsu = next(m for m in meetings if m["date"] == "2014-01-08")
    # Minutes' times are local to the committee's zone: shown as written, stored as UTC.
    assert (lsu["starts"], lsu["ends"]) == ("13:30", "16:00")
    utc_hour = {"Europe/Oslo": "12:30", "America/New_York": "18:30"}[timezone]
    assert lsu["starts_at"] == f"2014-01-08T{utc_hour}:00+00:00"
    assert len(meetings) == 5


def test_examples_import(referent) -> None:
    code, out = referent("import", str(EXAMPLES), "--json")
    assert code == 0
    docs = {Path(d["path"]).name: d for d in json.loads(out)["documents"]}
    assert len(docs) == 4
    assert docs["lsu-fjordby-2026-10-14.txt"]["meeting_date"] == "2026-10-14"
    assert docs["lsu-fjordby-2026-10-14.txt"]["next_meeting"] == "2026-12-09"
    assert docs["ssu-fjordby-2026-09-07.html"]["next_meeting"] == "2026-10-26"
    assert docs["ssu-fjordby-2026-10-26.md"]["next_meeting"] == "2026-12-14"
    assert docs["osu-fjordby-forslag-ohd.txt"]["meeting_date"] is None
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    _, out = referent("meetings", "--upcoming", "--json", clock=clock)
    assert [m["date"] for m in json.loads(out)["meetings"]] == [
        "2026-12-09", "2026-12-14", "2027-03-10", "2027-06-02", "2027-09-22", "2027-12-08",
    ]  # fmt: skip


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("referent")
    env = {**os.environ, "REFERENT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'r.db'}"}
    done = subprocess.run(
        [str(script), "import", str(ROOT / "examples"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["documents"]) == 4


def test_commands_other_than_import_start_without_the_document_readers() -> None:
    """`ask`, `serve` and the rest load bot/cli.py; the readers (bs4, pypdf, python-docx)
    and the parser are `import`'s alone (bot/import_cli.py): 0.3 s of every start."""
    heavy = ("minutes.readers", "minutes.parser", "assistant.importing", "bs4", "pypdf", "docx")
    probe = f"import sys, bot.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    # Near miss: the import command's own module does load them.
    probe = probe.replace("bot.cli", "bot.import_cli")
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() != "[]"


def test_tenant_imports_into_and_reads_from_that_tenant_only(referent) -> None:
    examples = str(EXAMPLES)
    code, _ = referent("--tenant", "T0FJORDBY1", "import", examples, "--json")
    assert code == 0
    code, out = referent("--tenant", "T0FJORDBY1", "ask", "hva ble bestemt om LAR?")
    assert code == 0 and "LSU 14.10.2026" in out
    # Near-miss: the deployment's own tenant (and another one) hold nothing of it.
    for other in ((), ("--tenant", "T0LINDVIK1")):
        code, out = referent(*other, "ask", "hva ble bestemt om LAR?")
        assert "LSU 14.10.2026" not in out


@contextmanager
def _collector_states() -> Iterator[set[tuple[int, int]]]:
    """The collector's states seen meanwhile, (objects frozen, allocations between young
    collections), read every millisecond by a thread of the test's own."""
    seen: set[tuple[int, int]] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.add((gc.get_freeze_count(), gc.get_threshold()[0]))
            done.wait(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        yield seen
    finally:
        done.set()
        watcher.join()


def test_a_bulk_import_keeps_the_start_up_heap_from_the_collector(referent, tmp_path: Path) -> None:
    """While a folder of minutes imports, the collector passes over the heap start-up
    built (each full run scanned it: ~45 ms of the writer's time per run, ~7 runs per 1,000
    documents) and runs young collections rarer; afterwards it is as it was."""
    text = (EXAMPLES / "lsu-fjordby-2026-10-14.txt").read_text(encoding="utf-8")
    for i in range(PARALLEL_FROM):
        minutes = text.replace("14. oktober 2026", f"{i + 1}. mars 2025")
        (tmp_path / f"lsu-{i}.txt").write_text(minutes, encoding="utf-8")
    before = (gc.get_freeze_count(), gc.get_threshold())
    with _collector_states() as states:
        code, out = referent("import", str(tmp_path), "--json")
    assert code == 0
    statuses = [d["status"] for d in json.loads(out)["documents"]]
    assert statuses == ["imported"] * PARALLEL_FROM
    frozen, young = max(states)
    assert frozen > before[0] and young > before[1][0]  # during the import
    assert (gc.get_freeze_count(), gc.get_threshold()) == before


def test_a_single_file_import_leaves_the_collector_alone(referent) -> None:
    """Freezing costs a full collection first: not worth it for a file or two."""
    before = (gc.get_freeze_count(), gc.get_threshold()[0])
    with _collector_states() as states:
        code, _ = referent("import", str(EXAMPLES / "lsu-fjordby-2026-10-14.txt"), "--json")
    assert code == 0
    assert states == {before}
