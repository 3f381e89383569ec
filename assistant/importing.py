"""Importing minutes files: read, parse, store.

A document imports whole or not at all; one bad file never stops the others. Re-importing the
same bytes is a no-op ("unchanged") unless forced. Many files are read and parsed in worker
processes while the main process stores them in order, a batch of documents per transaction."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import stat
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from minutes.explain import warnings
from minutes.model import ParsedMinutes
from minutes.readers import SUPPORTED_SUFFIXES
from storage.database import Database
from storage.disk_full import is_disk_full
from storage.minutes_store import (
    SavedDocument,
    find_document,
    find_documents,
    look_up_people,
    save_minutes,
    write_pending,
)
from storage.models import DEFAULT_TENANT
from storage.posting_store import write_postings
from storage.queries import document_summary
from storage.search_index import collection_size

from .document_parsing import (
    MAX_DOCUMENT_BYTES,
    Parsed,
    cannot_read,
    parse_bytes,
    read_and_parse,
    read_and_parse_many,
)
from .orphans import YOUNG_COLLECTION_EVERY, worker_pool

log = logging.getLogger(__name__)

_ATTEMPTS = 3  # a concurrent importer may insert the same person first; then try again
PARALLEL_FROM = 8  # batches at least this large are parsed in worker processes
# Documents stored per transaction. Each commit writes every index page the batch touched
# (the postings' term index: pages all over it) and SQLite checkpoints its WAL: storing 500
# documents into a 50,000-case store took 8.3 s in batches of 25, 4.9 s in batches of 100.
BATCH = 100
# Files a worker parses per job. A job per file cost this process ~0.6 ms of CPU in the
# pool's threads (a tenth of storing a document; bench/README.md); a few files a job keep
# what this process can take back from a busy pool fine-grained.
JOB = 8
DISK_FULL = "disk_full"  # ImportResult.cause: no room left for it in the database


class DiskFull(Exception):
    """The database has no room for what is being stored (see storage/disk_full.py)."""


@dataclass(slots=True)
class ImportResult:
    path: str
    status: str  # imported | warning (imported, but lacks a date or items) | unchanged | failed
    error: str | None = None
    cause: str | None = None  # why it failed, as a word a report can translate: DISK_FULL
    kind: str | None = None
    committee: str | None = None
    meeting_date: date | None = None
    next_meeting: date | None = None
    cases: int = 0
    tasks: int = 0
    notes: list[str] = field(default_factory=list)
    replaced: str | None = None
    warnings: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)  # with ImportOptions.explain

    @property
    def stored(self) -> bool:
        return self.status in ("imported", "warning")

    def as_json(self) -> dict[str, object]:
        extra: dict[str, object] = {"explanation": self.explanation} if self.explanation else {}
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "cause": self.cause,
            "kind": self.kind,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "next_meeting": self.next_meeting.isoformat() if self.next_meeting else None,
            "cases": self.cases,
            "tasks": self.tasks,
            "notes": self.notes,
            "warnings": self.warnings,
            "replaced": self.replaced,
            **extra,
        }


@dataclass(frozen=True, slots=True)
class ImportOptions:
    tenant: str = DEFAULT_TENANT
    committee: str | None = None  # force this committee for every document
    force: bool = False  # parse and store again even when the bytes are unchanged
    timezone: str = "Europe/Oslo"
    max_bytes: int = MAX_DOCUMENT_BYTES
    explain: bool = False  # say what was read in each document, with line numbers


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their supported files, sorted. A path that cannot
    be looked at stays in the list: importing it reports why (see `find_files`)."""
    return list(find_files(paths))


def find_files(paths: Iterable[Path]) -> dict[Path, str | None]:
    """Each file to import -> None, or why it cannot be: a folder that cannot be listed, a
    broken link, something that is not a file. Nothing is skipped without a word except
    files of other types in a folder."""
    out: dict[Path, str | None] = {}
    for path in paths:
        try:
            folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError:
            folder = False  # missing or unreadable: reading it says which
        if not folder:
            out[path] = None
            continue

        found: dict[Path, str | None] = {}

        def unlisted(error: OSError, found: dict[Path, str | None] = found) -> None:
            found[Path(error.filename)] = cannot_read("folder", error)

        for top, _, names in os.walk(path, onerror=unlisted):
            for name in names:
                if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    found[Path(top, name)] = _not_a_file(Path(top, name))
        out.update(sorted(found.items()))
    return out


def _not_a_file(path: Path) -> str | None:
    """Why a folder's entry is no file to read (a broken link, a pipe), or None."""
    try:
        mode = path.stat().st_mode  # follows a link
    except FileNotFoundError:
        return "broken link: what it points to does not exist" if path.is_symlink() else None
    except OSError as error:
        return cannot_read("file", error)
    return None if stat.S_ISREG(mode) else "not a regular file"


@dataclass(frozen=True, slots=True)
class _Stored:
    saved: SavedDocument | None  # None: the document was already there (unchanged)


def _store_all(session: Session, batch: list[Parsed], options: ImportOptions) -> list[_Stored]:
    """The documents in the caller's transaction: each skipped if present, else saved and
    indexed."""
    present = find_documents(session, options.tenant, (p.info.sha256 for p in batch if p.info))
    stored = [p for p in batch if p.info and (options.force or p.info.sha256 not in present)]
    look_up_people(session, options.tenant, (p.minutes for p in stored if p.minutes))
    tz = ZoneInfo(options.timezone)
    out: list[_Stored] = []
    postings: dict[int, dict[int, dict[str, float]]] = {}  # document id -> case id -> weights
    dropped_terms: set[str] = set()
    for parsed in batch:
        assert parsed.info is not None and parsed.minutes is not None
        previous = present.get(parsed.info.sha256)
        if previous is not None and not options.force:
            out.append(_Stored(None))
            continue
        saved = save_minutes(
            session,
            tenant=options.tenant,
            info=parsed.info,
            minutes=parsed.minutes,
            tz=tz,
            previous_id=previous,
            defer=True,
            agenda_facts=parsed.agenda_facts,
        )
        for removed in saved.removed:
            # A document this one replaced, if stored earlier in this batch: its cases are
            # gone, so must be their postings (inserted, they would break SQLite's foreign
            # key, and outlive their cases on PostgreSQL, which has none: migration 0024).
            # Its terms stay, as when the documents are stored one by one: the vocabulary
            # only grows.
            for weights in postings.pop(removed, {}).values():
                dropped_terms.update(weights)
        if saved.removed:  # their bytes are new again later in the batch, as in a later run
            present = {sha: i for sha, i in present.items() if i not in saved.removed}
        # After the removals: SQLite may give this document a removed one's id.
        weights = zip(saved.cases, parsed.weights, strict=True)
        postings[saved.document_id] = {case.id: w for case, w in weights}
        # The same bytes twice in one batch: the second is unchanged, as in two batches.
        present[parsed.info.sha256] = saved.document_id
        out.append(_Stored(saved))
    write_pending(session)  # the batch's participants and tasks, one statement each
    cases = {case: w for document in postings.values() for case, w in document.items()}
    write_postings(session, cases, dropped_terms)  # the batch's postings at once, in index order
    return out


async def _write(db: Database, batch: list[Parsed], options: ImportOptions) -> list[_Stored] | None:
    """The batch in one transaction; None when the database keeps refusing it. Raises
    DiskFull at once when there is no room for it: trying again would only fail again."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return await db.write(partial(_store_all, batch=batch, options=options))
        except DBAPIError as error:
            if is_disk_full(error):
                raise DiskFull from error
            # A concurrent importer stored the same document or person first (the next
            # attempt sees it), or one document has something the database will not take.
            if attempt == _ATTEMPTS:
                log.warning("storing %s failed: %s", ", ".join(p.path for p in batch), error)
    return None


async def store_many(
    db: Database, batch: list[Parsed], options: ImportOptions
) -> list[ImportResult]:
    """Store parsed documents, a batch per transaction (a commit per document made SQLite
    rewrite the same index pages over and over). If the batch is refused, each document is
    tried alone, so a bad one fails by itself; either way each imports whole or not at all.
    When the database has no room for the batch, documents go in one by one until one does
    not fit: that one and the rest fail with the cause DISK_FULL."""
    results = [ImportResult(path=p.path, status="failed", error=p.error) for p in batch]
    todo = [(r, p) for r, p in zip(results, batch, strict=True) if p.error is None and p.info]
    if not todo:
        return results
    try:
        stored: list[_Stored | None] = list(await _write(db, [p for _, p in todo], options) or [])
    except DiskFull:
        stored = []
    if not stored:
        with contextlib.suppress(DiskFull):
            for _, parsed in todo:
                stored.append(((await _write(db, [parsed], options)) or [None])[0])
    for (result, parsed), outcome in zip(todo, stored, strict=False):
        assert parsed.info is not None and parsed.minutes is not None
        if outcome is None:
            result.error = "the database refused the document; nothing was stored"
        elif outcome.saved is None:
            await _unchanged(db, parsed.info.sha256, options.tenant, result)
        else:
            _summary(result, parsed.minutes)
            result.status = "warning" if result.warnings else "imported"
            result.replaced = outcome.saved.replaced
        result.explanation = list(parsed.explanation)
    for result, _ in todo[len(stored) :]:
        _no_room(result)
    return results


def _no_room(result: ImportResult) -> None:
    result.status, result.cause = "failed", DISK_FULL
    result.error = "not stored: the disk or database is full"


async def store(db: Database, parsed: Parsed, options: ImportOptions) -> ImportResult:
    return (await store_many(db, [parsed], options))[0]


async def _unchanged(db: Database, sha256: str, tenant: str, result: ImportResult) -> None:
    """Report what the earlier import of these bytes stored."""
    async with db.session() as session:
        document = await session.run_sync(find_document, tenant, sha256)
        if document is None:  # removed since; nothing to tell
            result.status = "unchanged"
            return
        summary = await session.run_sync(document_summary, document)
    result.status = "unchanged"
    result.kind = document.kind
    result.committee = summary.committee
    result.meeting_date = summary.meeting_date
    result.next_meeting = summary.next_meeting
    result.cases, result.tasks = summary.cases, summary.tasks
    result.notes = list(document.notes)


def _summary(result: ImportResult, minutes: ParsedMinutes) -> None:
    result.kind = minutes.kind.value
    if minutes.committee:
        result.committee = minutes.committee.short_name or minutes.committee.name
    result.meeting_date = minutes.meeting_date
    nxt = minutes.next_meeting
    result.next_meeting = nxt.date if nxt else None
    result.cases = len(minutes.cases)
    result.tasks = len(minutes.tasks)
    result.notes = list(minutes.notes)
    result.warnings = warnings(minutes)


async def import_file(db: Database, path: Path, options: ImportOptions) -> ImportResult:
    parsed = await asyncio.to_thread(
        read_and_parse, str(path), options.committee, options.max_bytes, options.explain
    )
    return await store(db, parsed, options)


async def import_bytes(
    db: Database, data: bytes, *, name: str, path: str | None, options: ImportOptions
) -> ImportResult:
    parsed = await asyncio.to_thread(
        partial(
            parse_bytes,
            data,
            name=name,
            path=path,
            committee=options.committee,
            max_bytes=options.max_bytes,
            explain=options.explain,
        )
    )
    return await store(db, parsed, options)


@dataclass(frozen=True, slots=True)
class _Job:
    """A file handed to the pool in a job of several: the job, and the file's place in it."""

    future: Future[list[Parsed]]
    files: tuple[int, ...]  # the job's files, by their place in the import
    at: int


# What holds a file's parse until it is due: a job, the parse itself (done here), or
# nothing yet (None: parsed here when due).
_Slot = _Job | Parsed | None


async def _parsed_in_order(
    paths: list[Path],
    options: ImportOptions,
    executor: Executor | None,
    problems: dict[Path, str | None] | None = None,
) -> AsyncIterator[Parsed]:
    """Each file parsed, in order. Files are handed to the worker processes ahead of need,
    JOB at a time; one no worker has started when its turn comes (the pool still starting,
    or behind) is taken back and parsed here. While a worker parses the file due next, this
    process parses the next one no worker has started: the pool takes jobs in order, so the
    one due next was always started, and this process sat waiting while one worker parsed
    the first batch (on two cores, 0.6 s of each import)."""
    window = 2 * BATCH  # files read ahead: the workers keep parsing while a batch is stored
    slots: list[_Slot] = [None] * len(paths)
    due = 0  # the next file to yield
    handed = 0  # the files before this one were handed to the pool, or could not be
    # Starting the pool blocks the submitting thread for half a second (the fork server
    # imports the parser first): it starts in a thread, and until it is up this process parses.
    started = asyncio.ensure_future(asyncio.to_thread(_start, executor)) if executor else None

    def problem(i: int) -> str | None:
        return problems.get(paths[i]) if problems else None

    def parse_here(i: int) -> Awaitable[Parsed]:
        return asyncio.to_thread(
            read_and_parse, str(paths[i]), options.committee, options.max_bytes, options.explain
        )

    def running() -> bool:
        nonlocal executor
        if started is not None and started.done() and started.exception() is not None:
            executor = None  # the pool could not start
        return executor is not None and started is not None and started.done()

    def hand(upto: int) -> None:
        """Hand the files read ahead up to `upto` to the pool, a job of up to JOB files at a
        time (the last one short only at the end). Files read while the pool started go to
        it too once it runs: else the first window would all be parsed here, between the
        stores. Problem files stay here."""
        nonlocal executor, handed
        handed = max(handed, due)
        while running() and handed < upto and (upto - handed >= JOB or upto == len(paths)):
            files = [i for i in range(handed, min(upto, handed + JOB)) if slots[i] is None]
            files = [i for i in files if not problem(i)]
            handed = min(upto, handed + JOB)
            if not files:
                continue
            assert executor is not None
            try:
                future = executor.submit(
                    read_and_parse_many,
                    [str(paths[i]) for i in files],
                    options.committee,
                    options.max_bytes,
                    options.explain,
                )
            except BrokenProcessPool:  # the pool is gone: parse the rest in this process
                executor = None
                return
            for at, i in enumerate(files):
                slots[i] = _Job(future, tuple(files), at)

    def release(i: int) -> None:
        """The file's job was taken back before a worker started it: its files are parsed
        here, each when due or when this process has nothing else to do."""
        slot = slots[i]
        if isinstance(slot, _Job):
            for k in slot.files:
                if isinstance(slots[k], _Job):  # (the job's files not yet taken)
                    slots[k] = None

    def not_started(i: int) -> bool:
        slot = slots[i]
        if isinstance(slot, _Job) and slot.future.cancel():
            release(i)
            return True
        return slot is None and not problem(i)

    async def take_back_next() -> bool:
        """Parse here the next file no worker has started; False if there is none."""
        for i in range(due, min(len(paths), due + window)):
            if not_started(i):
                slots[i] = await parse_here(i)
                return True
        return False

    async def next_parsed() -> Parsed:
        nonlocal due
        i = due
        hand(min(len(paths), i + window))
        if problem(i):
            slots[i], due = None, i + 1
            return Parsed(str(paths[i]), error=problem(i))
        if not_started(i):
            slots[i] = await parse_here(i)
        slot = slots[i]
        slots[i], due = None, i + 1  # (a job's result stays with its later files)
        if isinstance(slot, Parsed):
            return slot
        assert slot is not None
        while not slot.future.done() and await take_back_next():
            pass
        try:
            if not slot.future.done():
                await asyncio.wrap_future(slot.future)
            return slot.future.result()[slot.at]
        except BrokenProcessPool:  # a worker died (killed, out of memory): parse it here
            log.warning("a parser process died; parsing %s in the main process", paths[i])
            return await parse_here(i)

    try:
        while due < len(paths):
            yield await next_parsed()
    finally:
        if started is not None and not started.done():
            await asyncio.wait([started])


def _start(executor: Executor) -> None:
    """Returns once a worker process runs."""
    executor.submit(int).result()


@contextlib.contextmanager
def bulk_import_collector() -> Iterator[None]:
    """The garbage collector as a bulk import in this process wants it, for the block (the
    caller's process runs nothing else meanwhile: `referent import`, the bench). What is
    alive now (the start-up heap: modules, settings, the database's objects) is out of its
    reach, so full collections scan only what came after: else ~7 full collections per
    1,000 documents, each ~45 ms of this process scanning the start-up heap. And young
    collections come 30× less often: an import allocates in bursts (parsed documents
    unpickled, a batch's rows), and ~470 young and ~40 middle collections a 1,000-document
    import cost ~190 ms of pauses and ~7 % of its speed on two cores (bench/README.md).
    Given back afterwards: a caller in the same process (a test) keeps the collector as it
    was."""
    threshold = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


async def import_paths(
    db: Database,
    paths: Iterable[Path],
    options: ImportOptions,
    on_done: Callable[[ImportResult], None] | None = None,
) -> list[ImportResult]:
    problems = find_files(paths)
    files = list(problems)
    results: list[ImportResult] = []
    executor: Executor | None = None
    if len(files) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        executor = worker_pool("assistant.document_parsing")

    def done(result: ImportResult) -> None:
        results.append(result)
        if on_done is not None:
            on_done(result)

    async def flush(batch: list[Parsed]) -> bool:
        """Store the batch; False once the database has no room left."""
        for result in await store_many(db, batch, options):
            done(result)
        return not any(r.cause == DISK_FULL for r in results[-len(batch) :])

    room = True
    try:
        batch: list[Parsed] = []
        parsing = _parsed_in_order(files, options, executor, problems)
        async with contextlib.aclosing(parsing):
            async for parsed in parsing:
                batch.append(parsed)
                if len(batch) >= BATCH:
                    room = await flush(batch)
                    batch = []
                    if not room:
                        break
            if batch and room:
                room = await flush(batch)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    # Out of room: the files not yet read are not tried (each would fail the same way) and
    # fail with the cause; the next run, once space is freed, imports them.
    for path in files[len(results) :]:
        result = ImportResult(path=str(path), status="failed", error=problems[path])
        if result.error is None:
            _no_room(result)
        done(result)
    if room and any(r.stored for r in results):
        await _optimize(db, sum(r.cases for r in results if r.stored))
    return results


# On PostgreSQL an import refreshes the planner's view (a vacuum and statistics, ~0.8 s
# at 50,000 cases) once it stored this share of the store's cases, as autovacuum would
# soon (autovacuum_analyze_scale_factor, 0.1): a first load, a large archive. Smaller
# imports leave the store much as the planner knows it, and autovacuum to its pace.
_REFRESH_SHARE = 0.1


async def _optimize(db: Database, stored_cases: int) -> None:
    share = _REFRESH_SHARE if db.dialect == "postgresql" else 0.0
    if share and stored_cases < share * await db.read(collection_size):
        return
    try:
        await db.optimize()
    except DBAPIError as error:
        # The statistics are a help to the planner, not part of the import: whatever stops
        # their refresh (no room, or a write error, as SQLite reports a file that may grow no
        # further), the stored documents stand, and the next import refreshes them.
        if is_disk_full(error):
            log.info("no room to refresh the planner's statistics after the import")
        else:
            log.warning("refreshing the planner's statistics after the import failed: %s", error)
