"""Importing minutes files: read, parse, store — one transaction per document.

A document imports whole or not at all; one bad file never stops the others. Re-importing
the same bytes is a no-op ("unchanged") unless forced.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from assistant.indexing import index_new_cases
from minutes.errors import DocumentError, UnreadableDocument
from minutes.model import CommitteeRef, ParsedMinutes
from minutes.names import committee_by_short_name, find_committee
from minutes.parser import ParseOptions, parse_minutes
from minutes.readers import SUPPORTED_SUFFIXES, read_bytes
from storage.database import Database
from storage.minutes_store import DocumentInfo, find_document, save_minutes
from storage.models import DEFAULT_TENANT, Document
from storage.queries import document_summary

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_ATTEMPTS = 3  # a concurrent importer may insert the same person first; then try again


@dataclass(slots=True)
class ImportResult:
    path: str
    status: str  # imported | unchanged | failed
    error: str | None = None
    kind: str | None = None
    committee: str | None = None
    meeting_date: date | None = None
    next_meeting: date | None = None
    cases: int = 0
    tasks: int = 0
    notes: list[str] = field(default_factory=list)
    replaced: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "status": self.status,
            "error": self.error,
            "kind": self.kind,
            "committee": self.committee,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "next_meeting": self.next_meeting.isoformat() if self.next_meeting else None,
            "cases": self.cases,
            "tasks": self.tasks,
            "notes": self.notes,
            "replaced": self.replaced,
        }


@dataclass(frozen=True, slots=True)
class ImportOptions:
    tenant: str = DEFAULT_TENANT
    committee: str | None = None  # force this committee for every document
    force: bool = False  # parse and store again even when the bytes are unchanged
    timezone: str = "Europe/Oslo"
    max_bytes: int = MAX_DOCUMENT_BYTES


def committee_from_option(value: str) -> CommitteeRef:
    """ "SSU", "Strategisk samarbeidsutvalg" or any other name given with --committee."""
    return (
        committee_by_short_name(value.strip())
        or find_committee(value)
        or CommitteeRef(name=value.strip(), short_name=None)
    )


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders contribute their supported files, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            out.append(path)
    return out


async def _unchanged(session: AsyncSession, document: Document, result: ImportResult) -> None:
    summary = await document_summary(session, document)
    result.status = "unchanged"
    result.kind = document.kind
    result.committee = summary.committee
    result.meeting_date = summary.meeting_date
    result.next_meeting = summary.next_meeting
    result.cases, result.tasks = summary.cases, summary.tasks
    result.notes = list(document.notes)


def _summary(result: ImportResult, minutes: ParsedMinutes) -> None:
    result.kind = minutes.kind.value
    result.committee = (
        minutes.committee.short_name or minutes.committee.name if minutes.committee else None
    )
    result.meeting_date = minutes.meeting_date
    nxt = minutes.next_meeting
    result.next_meeting = nxt.date if nxt else None
    result.cases = len(minutes.cases)
    result.tasks = len(minutes.tasks)
    result.notes = list(minutes.notes)


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableDocument("file not found") from None
    except OSError as error:
        raise UnreadableDocument(f"cannot read the file ({error.strerror})") from error
    if size > max_bytes:
        raise UnreadableDocument(
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes / 1024 / 1024:.0f} MB"
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"cannot read the file ({error.strerror})") from error


async def import_file(db: Database, path: Path, options: ImportOptions) -> ImportResult:
    try:
        data = await asyncio.to_thread(_read_file, path, options.max_bytes)
    except DocumentError as error:
        return ImportResult(path=str(path), status="failed", error=str(error))
    return await import_bytes(db, data, name=path.name, path=str(path), options=options)


async def import_bytes(
    db: Database, data: bytes, *, name: str, path: str | None, options: ImportOptions
) -> ImportResult:
    result = ImportResult(path=path or name, status="failed")
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix
    async with db.session() as session:
        existing = await find_document(session, options.tenant, sha256)
        if existing is not None and not options.force:
            await _unchanged(session, existing, result)
            return result
    try:
        document = read_bytes(data, suffix, max_bytes=options.max_bytes)
        committee = committee_from_option(options.committee) if options.committee else None
        minutes = parse_minutes(document, ParseOptions(committee=committee))
    except DocumentError as error:
        result.error = str(error)
        return result
    except Exception as error:  # a parser bug must cost one document, not the batch
        log.exception("could not parse %s", name)
        result.error = f"internal error while parsing: {type(error).__name__}: {error}"
        return result
    info = DocumentInfo(sha256, name, path, document.format, len(data))
    tz = ZoneInfo(options.timezone)
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            async with db.session() as session, session.begin():
                previous = await find_document(session, options.tenant, sha256)
                if previous is not None and not options.force:  # another importer was faster
                    await _unchanged(session, previous, result)
                    return result
                saved = await save_minutes(
                    session,
                    tenant=options.tenant,
                    info=info,
                    minutes=minutes,
                    tz=tz,
                    previous=previous,
                )
                await index_new_cases(session, saved.cases)
            break
        except (IntegrityError, OperationalError) as error:
            if attempt == _ATTEMPTS:
                log.warning("storing %s failed: %s", name, error)
                result.error = "the database refused the document; nothing was stored"
                return result
    _summary(result, minutes)
    result.status = "imported"
    result.replaced = saved.replaced
    return result


async def import_paths(
    db: Database,
    paths: Iterable[Path],
    options: ImportOptions,
    on_done: Callable[[ImportResult], None] | None = None,
) -> list[ImportResult]:
    results: list[ImportResult] = []
    for path in expand_paths(paths):
        result = await import_file(db, path, options)
        results.append(result)
        if on_done is not None:
            on_done(result)
    return results
