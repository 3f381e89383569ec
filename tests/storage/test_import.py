"""Importing into the real database — SQLite and PostgreSQL, same tests."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
import signal
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from assistant.document_parsing import read_and_parse_many
from assistant.importing import (
    BATCH,
    JOB,
    PARALLEL_FROM,
    ImportOptions,
    ImportResult,
    _parsed_in_order,
    import_file,
    import_paths,
)
from minutes.model import (
    AssigneeKind,
    CommitteeRef,
    DocumentKind,
    ParsedCase,
    ParsedMinutes,
    ParsedTask,
)
from storage.database import Database
from storage.document_info import DocumentInfo
from storage.minutes_store import save_minutes
from storage.models import (
    Case,
    Document,
    Group,
    Meeting,
    MeetingParticipant,
    Person,
    SearchTerm,
    Task,
)
from storage.posting_store import case_postings, index_problems
from tests.conftest import EXAMPLES, TIMEZONES, seed
from tests.minutes.docfactory import make_pdf, make_zip

OPTIONS = ImportOptions()
OSLO = ZoneInfo("Europe/Oslo")


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_all_five_seeds_import(db: Database, seeds: Path) -> None:
    results = await import_paths(db, sorted(seeds.glob("*.txt")), OPTIONS)
    assert [r.status for r in results] == ["imported"] * 5, [r.error for r in results]
    by_prefix = {Path(r.path).name[:3]: r for r in results}
    assert by_prefix["000"].meeting_date == date(2014, 1, 8)
    assert by_prefix["000"].next_meeting == date(2014, 3, 5)
    assert by_prefix["001"].meeting_date == date(2022, 9, 12)
    assert by_prefix["001"].next_meeting == date(2022, 10, 24)
    assert by_prefix["004"].meeting_date == date(2023, 9, 28)
    for prefix in ("002", "003"):
        assert by_prefix[prefix].meeting_date is None
        assert any("no meeting date" in note for note in by_prefix[prefix].notes)

    async with db.session() as session:
        cases = {
            c.number: c for c in await session.scalars(select(Case).where(Case.number.is_not(None)))
        }
        expected = {"1", "2", "3", "4", "5", "17/2022", "18/2022", "19/2022", "14/2022"}
        expected |= {"05/2022", "20/2022", "21/22"} | {f"2023.{n}" for n in range(26, 35)}
        assert set(cases) == expected
        assert cases["2023.30"].meeting.date == date(2023, 9, 28)
        assert "inkludert LAR og TUD" in cases["2023.30"].decision
        assert cases["1"].title == "Godkjenning av referat"
        assert cases["1"].document.name.startswith("000_")
        assert cases["1"].line is not None

        tasks = list(await session.scalars(select(Task).where(Task.assignee_name.is_not(None))))
        summary = {
            (t.assignee_name, t.description.split(" ")[0], t.due_date, t.due_text) for t in tasks
        }
        assert ("Britt Kveseth", "lager", None, None) in summary
        assert ("Christine Furuholmen", "innkaller", None, None) in summary
        assert ("AU", "Arbeidsutvalget", date(2022, 12, 5), "5. desember") in summary
        assert ("AU", "AU", date(2022, 10, 24), "24. oktober") in summary
        assert ("Vestre Viken", "Vestre", date(2022, 11, 30), "Høst 2022") in summary
        assert ("Christian Reissig", "tar", None, None) in summary
        britt = next(t for t in tasks if t.assignee_name == "Britt Kveseth")
        assert britt.person_id is not None and britt.case.number == "3"
        au = next(t for t in tasks if t.assignee_name == "AU")
        group = await session.get(Group, au.group_id)
        assert group is not None and group.short_name == "AU"
        planned = await session.scalars(select(Meeting.date).where(Meeting.status == "planned"))
        assert set(planned) == {
            date(2014, 3, 5),
            date(2022, 10, 24),
            date(2022, 12, 5),
            date(2023, 11, 23),
        }
        plan_tasks = await session.scalar(select(func.count(Task.id)).where(Task.area.is_not(None)))
        assert plan_tasks and plan_tasks >= 25


async def test_reimport_is_unchanged_and_force_does_not_duplicate(db: Database) -> None:
    path = seed("001")
    assert (await import_file(db, path, OPTIONS)).status == "imported"
    before = [await count(db, m) for m in (Document, Case, Task, Meeting, Person)]
    again = await import_file(db, path, OPTIONS)
    assert again.status == "unchanged"
    assert (again.committee, again.meeting_date, again.cases) == ("SSU", date(2022, 9, 12), 7)
    forced = await import_file(db, path, ImportOptions(force=True))
    assert forced.status == "imported"
    after = [await count(db, m) for m in (Document, Case, Task, Meeting, Person)]
    assert after == before


async def test_corrected_minutes_replace_the_earlier_version(db: Database, tmp_path: Path) -> None:
    original = seed("000").read_text(encoding="utf-8")
    first = tmp_path / "lsu-2014-01-08.txt"
    first.write_text(original, encoding="utf-8")
    corrected = tmp_path / "lsu-2014-01-08-korrigert.txt"
    corrected.write_text(original.replace("Sak 5 Møtedatoer 2014", "Sak 5 Møteplan 2014"), "utf-8")
    await import_file(db, first, OPTIONS)
    result = await import_file(db, corrected, OPTIONS)
    assert (result.status, result.replaced) == ("imported", "lsu-2014-01-08.txt")
    assert await count(db, Document) == 1
    assert await count(db, Case) == 5
    async with db.session() as session:
        titles = set(await session.scalars(select(Case.title)))
        held = list(await session.scalars(select(Meeting).where(Meeting.status == "held")))
    assert "Møteplan 2014" in titles and "Møtedatoer 2014" not in titles
    assert len(held) == 1


async def test_bad_documents_fail_alone(db: Database, tmp_path: Path) -> None:
    good = seed("000")
    real_pdf = make_pdf([["Møtedato: 8. januar 2014", "Sak 1 Godkjenning av referat"]])
    cp1252 = seed("001").read_text(encoding="utf-8").encode("cp1252", errors="replace")
    files = {
        "empty.txt": b"",
        "random.pdf": bytes(range(256)) * 8,
        "truncated.pdf": real_pdf[: len(real_pdf) // 2],
        "junk.docx": make_zip({"junk.bin": b"\x00\x01\x02", "readme.txt": b"nothing"}),
        "minutes.xyz": b"Sak 1 Test",
        "ssu-cp1252.txt": cp1252,
    }
    paths = [tmp_path / name for name in files]
    for path in paths:
        path.write_bytes(files[path.name])
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    results = await import_paths(db, [good, *paths, big], OPTIONS)
    status = {Path(r.path).name: (r.status, r.error) for r in results}
    assert status[good.name] == ("imported", None)
    assert status["ssu-cp1252.txt"][0] == "imported"  # cp1252 text reads correctly
    for name, fragment in {
        "empty.txt": "empty",
        "random.pdf": "PDF",
        "truncated.pdf": "PDF",
        "junk.docx": "Word",
        "minutes.xyz": "unsupported",
        "huge.txt": "50.0 MB",
    }.items():
        state, error = status[name]
        assert state == "failed", name
        assert error and fragment.lower() in error.lower(), (name, error)
    assert await count(db, Document) == 2
    async with db.session() as session:
        ssu = await session.scalar(select(Meeting).where(Meeting.date == date(2022, 9, 12)))
    assert ssu is not None and ssu.location == "Grønland 32, Drammen"


async def test_a_document_that_fails_midway_leaves_nothing(db: Database) -> None:
    minutes = ParsedMinutes(
        kind=DocumentKind.MINUTES,
        committee=CommitteeRef("Strategisk samarbeidsutvalg", "SSU"),
        meeting_date=date(2024, 2, 1),
        cases=[ParsedCase(number="1/2024", title="Godkjenning", body="Godkjent.")],
        tasks=[
            ParsedTask(description="Kari Hansen lager notat", assignee="Kari Hansen"),
            ParsedTask(description=None, assignee="AU", assignee_kind=AssigneeKind.GROUP),  # type: ignore[arg-type]
        ],
    )
    info = DocumentInfo("f" * 64, "broken.txt", None, "txt", 10)
    with pytest.raises(Exception, match=r"(?i)null"):
        await db.write(partial(save_minutes, tenant="default", info=info, minutes=minutes, tz=OSLO))
    for model in (Document, Case, Task, Meeting, Person, Group, MeetingParticipant):
        assert await count(db, model) == 0, model.__name__


async def test_the_same_document_imported_twice_at_once(db: Database) -> None:
    path = seed("004")
    first, second = await asyncio.gather(
        import_file(db, path, OPTIONS), import_file(db, path, OPTIONS)
    )
    assert sorted([first.status, second.status]) == ["imported", "unchanged"]
    assert await count(db, Document) == 1
    assert await count(db, Case) == 9


@pytest.mark.parametrize("timezone", TIMEZONES)
async def test_meeting_times_are_stored_in_utc(
    db: Database, timezone: str, process_tz: str
) -> None:
    await import_file(db, seed("000"), ImportOptions(timezone=timezone))
    async with db.session() as session:
        meeting = await session.scalar(select(Meeting).where(Meeting.status == "held"))
    assert meeting is not None and meeting.date == date(2014, 1, 8)
    expected_hour = {"Europe/Oslo": 12, "America/New_York": 18}[timezone]
    assert meeting.starts_at == datetime(2014, 1, 8, expected_hour, 30, tzinfo=UTC)


async def test_a_copy_in_the_same_batch_is_unchanged(db: Database, tmp_path: Path) -> None:
    copy = tmp_path / "kopi.txt"
    copy.write_bytes(seed("004").read_bytes())
    results = await import_paths(db, [seed("004"), copy], OPTIONS)
    assert [r.status for r in results] == ["imported", "unchanged"]
    assert results[1].cases == 9
    assert await count(db, Document) == 1


async def test_many_files_import_through_worker_processes(db: Database, tmp_path: Path) -> None:
    """Enough files for the worker pool; each copy differs by a byte, so each imports."""
    text = seed("000").read_text(encoding="utf-8")
    paths = []
    for i in range(PARALLEL_FROM + 2):
        day = f"{i + 1}. januar 2014"
        path = tmp_path / f"lsu-{i:02d}.txt"
        path.write_text(text.replace("8. januar 2014", day), encoding="utf-8")
        paths.append(path)
    results = await import_paths(db, paths, OPTIONS)
    assert [r.status for r in results] == ["imported"] * len(paths)
    assert await count(db, Meeting) >= len(paths)


class _CountingPool(ProcessPoolExecutor):
    """A real pool that counts the files handed to it."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, mp_context=multiprocessing.get_context("forkserver"))
        self.files = self.jobs = 0

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        if fn is read_and_parse_many:
            self.files += len(args[0])
            self.jobs += 1
        return super().submit(fn, *args, **kwargs)


async def test_files_read_ahead_while_the_pool_started_go_to_it(tmp_path: Path) -> None:
    """The files are read two batches ahead; those queued before the pool ran were all parsed
    in this process, between the stores. Once it runs, they are handed to it."""
    paths = []
    for i in range(2 * BATCH + 10):
        path = tmp_path / f"styret-{i:03d}.txt"
        path.write_text(
            _board_minutes(f"{i % 28 + 1}. mars 2014", [(f"Sak {i}", "Vedtatt.")]), "utf-8"
        )
        paths.append(path)
    with _CountingPool() as pool:
        # Up already: this process still reads the first window ahead before it knows.
        pool.submit(int).result()
        parsed = [p async for p in _parsed_in_order(paths, OPTIONS, pool)]
    assert [p.error for p in parsed] == [None] * len(paths)
    assert [p.minutes.meeting_date.day for p in parsed if p.minutes] == [
        i % 28 + 1 for i in range(len(paths))
    ]
    assert pool.files > len(paths) // 2, pool.files
    assert pool.jobs <= pool.files / (JOB / 2), (pool.jobs, pool.files)  # not a job a file


def _slowly(fn, paths, /, *args):  # type: ignore[no-untyped-def]
    """In the worker: a slow machine's parse."""
    time.sleep(0.3 * len(paths))
    return fn(paths, *args)


class _SlowPool(ProcessPoolExecutor):
    """A real pool of one worker that takes 0.3 s longer for each file it parses."""

    def __init__(self) -> None:
        super().__init__(max_workers=1, mp_context=multiprocessing.get_context("forkserver"))
        self.handed: list[tuple[Future[object], int]] = []  # each job, and its files

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        if fn is not read_and_parse_many:
            return super().submit(fn, *args, **kwargs)
        future = super().submit(_slowly, fn, *args, **kwargs)
        self.handed.append((future, len(args[0])))
        return future


async def test_this_process_parses_while_the_worker_is_busy_with_the_next_file(
    tmp_path: Path,
) -> None:
    """The pool takes jobs in order, so the file due next is always one a worker has
    started. This process does not wait for it: it parses the next file no worker has
    started, and so takes most of them from a slow worker, in order all the same. (The
    pool holds two jobs at once, which cannot be taken back: 2 × JOB files; it gets a third
    only if this process is slower than 0.3 s a file, a fourth only past 0.6 s.)"""
    paths = [seed(name) for name in ("000", "001")] * (4 * JOB)
    with _SlowPool() as pool:
        pool.submit(int).result()  # up before the first file
        parsed = [p async for p in _parsed_in_order(paths, OPTIONS, pool)]
    assert [len(p.minutes.cases) for p in parsed if p.minutes] == [5, 7] * (4 * JOB)
    taken_back = sum(files for job, files in pool.handed if job.cancelled())
    assert taken_back >= len(paths) // 2, taken_back


async def test_a_dead_parser_process_costs_no_document(tmp_path: Path) -> None:
    """A worker killed (out of memory, say) breaks the pool: what it had and everything after
    is parsed in this process instead."""
    paths = [seed("000"), seed("001"), seed("004")]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pool.submit(int).result()  # the worker is up
        for process in list(pool._processes.values()):  # the pool's own record of them
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        with pytest.raises(BrokenProcessPool):  # the pool knows: every new job is refused
            pool.submit(int).result()
        parsed = [p async for p in _parsed_in_order(paths, OPTIONS, pool)]
    assert [p.error for p in parsed] == [None, None, None]
    assert [len(p.minutes.cases) for p in parsed if p.minutes] == [5, 7, 9]


async def test_corrected_minutes_in_the_same_batch_replace_the_first(
    db: Database, tmp_path: Path
) -> None:
    """Participants and tasks of a batch are written at its end; a document replaced
    within the batch must not leave its rows behind."""
    original = seed("000").read_text(encoding="utf-8")
    first = tmp_path / "a-lsu-2014-01-08.txt"
    first.write_text(original, encoding="utf-8")
    corrected = tmp_path / "b-lsu-2014-01-08-korrigert.txt"
    corrected.write_text(original.replace("Sak 5 Møtedatoer 2014", "Sak 5 Møteplan 2014"), "utf-8")
    results = await import_paths(db, [first, corrected], OPTIONS)
    assert [r.status for r in results] == ["imported", "imported"]
    assert results[1].replaced == first.name
    assert await count(db, Document) == 1
    async with db.session() as session:
        documents = set(await session.scalars(select(Task.document_id)))
        participants = set(await session.scalars(select(MeetingParticipant.document_id)))
    assert len(documents) == 1 and documents == participants
    assert await count(db, Task) == results[1].tasks


def _board_minutes(day: str, cases: list[tuple[str, str]], action: str = "") -> str:
    """Small minutes of our own: the meeting's day, numbered cases with a decision each, and
    an action item under the first case."""
    lines = ["Referat fra styremøte", f"Møtedato: {day}", ""]
    for number, (title, decision) in enumerate(cases, 1):
        lines += [f"Sak {number}/24 {title}", f"Vedtak: {decision}"]
        if number == 1 and action:
            lines.append(f"Aksjon: {action}")
        lines.append("")
    return "\n".join(lines)


async def _stored(db: Database, tenant: str) -> dict[str, list[tuple[object, ...]]]:
    """A tenant's cases, tasks and postings, by document name and case position (ids differ)."""
    async with db.session() as session:
        cases = await session.execute(
            select(Document.name, Case.position, Case.title, Case.decision, Meeting.date)
            .join(Document, Document.id == Case.document_id)
            .outerjoin(Meeting, Meeting.id == Case.meeting_id)
            .where(Case.tenant == tenant)
        )
        tasks = await session.execute(
            select(Document.name, Case.position, Task.description, Task.assignee_name)
            .join(Document, Document.id == Task.document_id)
            .outerjoin(Case, Case.id == Task.case_id)
            .where(Task.tenant == tenant)
        )
        stored = await session.run_sync(case_postings)
        terms = dict((await session.execute(select(SearchTerm.id, SearchTerm.term))).all())
        places = await session.execute(
            select(Case.id, Document.name, Case.position)
            .join(Document, Document.id == Case.document_id)
            .where(Case.tenant == tenant)
        )
        place = {case_id: (name, position) for case_id, name, position in places}
        postings = [(*place[c], terms[t], w) for c, t, w in stored if c in place]
        assert await session.run_sync(index_problems) == []
        found = {
            name: sorted(tuple(row) for row in rows.all())
            for name, rows in (("cases", cases), ("tasks", tasks))
        }
        return found | {"postings": sorted(postings)}


async def _batch_as_one_by_one(
    db: Database, paths: list[Path], caplog: pytest.LogCaptureFixture, *, force: bool = False
) -> tuple[list[ImportResult], dict[str, list[tuple[object, ...]]]]:
    """Import `paths` as one batch (tenant "batch"), then each alone (tenant "one by one"):
    the batch must be stored by itself, not refused and stored again a document at a time,
    and store what the documents stored one by one do, the search terms included. Returns
    the batch's results and what it stored."""
    with caplog.at_level(logging.WARNING, logger="assistant.importing"):
        results = await import_paths(db, paths, ImportOptions("batch", "Styret", force=force))
    # A refused batch is logged ("storing … failed") before it is stored one by one.
    assert [r.getMessage() for r in caplog.records if r.name == "assistant.importing"] == []
    async with db.session() as session:
        vocabulary = set(await session.scalars(select(SearchTerm.term)))
    for path in paths:
        await import_paths(db, [path], ImportOptions("one by one", "Styret", force=force))
    stored = await _stored(db, "batch")
    assert stored == await _stored(db, "one by one")
    async with db.session() as session:  # terms of cases replaced within the batch stay
        assert set(await session.scalars(select(SearchTerm.term))) == vocabulary
    return results, stored


def _first_and_corrected(tmp_path: Path) -> tuple[Path, Path]:
    """Two versions of one meeting's minutes, the second with fewer cases."""
    first = tmp_path / "a-styret-2024-03-04.txt"
    first.write_text(
        _board_minutes(
            "4. mars 2024",
            [
                ("Sykkelparkering ved rådhuset", "Styret ber om tilbud på nye stativer."),
                ("Budsjett for vårfesten", "Budsjettet ble godkjent."),
                ("Eventuelt", "Tatt til orientering."),
            ],
            action="Kari Nordmann henter tilbud innen 1. april 2024.",
        ),
        encoding="utf-8",
    )
    corrected = tmp_path / "c-styret-2024-03-04-korrigert.txt"
    corrected.write_text(
        _board_minutes(
            "4. mars 2024",
            [("Budsjett for vårfesten", "Budsjettet ble godkjent med endringer.")],
            action="Ola Hansen sender budsjettet til revisor.",
        ),
        encoding="utf-8",
    )
    return first, corrected


async def test_minutes_replaced_later_in_the_batch_are_stored_by_the_batch(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A batch's postings are written at its end. A later document of the batch that replaces
    an earlier one deletes its cases, so their postings must not be written: the foreign key
    refused the whole batch, and every document of it was stored again one by one. Another
    meeting between the two versions, and fewer cases in the second: else SQLite gives the
    second version the deleted cases' ids and hid the fault (PostgreSQL never reuses ids)."""
    first, corrected = _first_and_corrected(tmp_path)
    other = tmp_path / "b-styret-2024-04-08.txt"
    other.write_text(
        _board_minutes("8. april 2024", [("Årsmøtet", "Årsmøtet holdes 2. mai.")]),
        encoding="utf-8",
    )
    results, stored = await _batch_as_one_by_one(db, [first, other, corrected], caplog)
    assert [r.status for r in results] == ["imported"] * 3
    assert results[2].replaced == first.name
    assert [row[:3] for row in stored["cases"]] == [
        (other.name, 0, "Årsmøtet"),
        (corrected.name, 0, "Budsjett for vårfesten"),
    ]
    assert stored["tasks"] == [(corrected.name, 0, "sender budsjettet til revisor.", "Ola Hansen")]


async def test_a_forced_copy_in_the_same_batch_is_stored_by_the_batch(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """With --force the copy replaces the document stored earlier in the batch: the same
    removal of cases whose postings the batch had yet to write."""
    first, _ = _first_and_corrected(tmp_path)
    copy = tmp_path / "d-kopi.txt"
    copy.write_bytes(first.read_bytes())
    results, stored = await _batch_as_one_by_one(db, [first, copy], caplog, force=True)
    assert [r.status for r in results] == ["imported", "imported"]
    assert {row[0] for row in stored["cases"]} == {copy.name}


async def test_replaced_minutes_again_later_in_the_batch_are_imported_again(
    db: Database, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Bytes whose document a later one of the batch replaced are no longer stored: a copy
    of them after that imports (and replaces in turn), as it does in a run of its own,
    instead of being reported unchanged."""
    first, corrected = _first_and_corrected(tmp_path)
    copy = tmp_path / "d-kopi.txt"
    copy.write_bytes(first.read_bytes())
    results, stored = await _batch_as_one_by_one(db, [first, corrected, copy], caplog)
    assert [r.status for r in results] == ["imported"] * 3
    assert (results[1].replaced, results[2].replaced) == (first.name, corrected.name)
    assert {row[0] for row in stored["cases"]} == {copy.name}


async def test_a_batch_looks_up_the_people_it_names_in_one_read(db: Database) -> None:
    """Everyone a batch of minutes names is looked up at once: a read per document was a
    round trip each on PostgreSQL (~0.3 ms of the importer's time per document)."""
    reads: list[str] = []

    def record(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if re.match(r"\s*SELECT\b.*\bFROM person\b", statement, re.S):
            reads.append(statement)

    paths = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    event.listen(Engine, "before_cursor_execute", record)
    try:
        results = await import_paths(db, paths, OPTIONS)
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    assert [r.status for r in results] == ["imported"] * len(paths)
    assert len(reads) == 1
    async with db.session() as session:
        names = set(await session.scalars(select(Person.name)))
    assert {"Ingrid Solheim", "Jon Andreas Vik"} <= names
