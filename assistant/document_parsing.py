"""Reading and parsing one minutes file, as an import's worker processes do: the parser
and the text analysis (the search index's weights, what an agenda reads of each case), and
nothing of the database. A worker process imports only this module's dependencies, so the
pool starts in half the time the whole importer's imports took (bench/README.md)."""

from __future__ import annotations

import hashlib
import logging
import stat
from dataclasses import dataclass
from pathlib import Path

from minutes.errors import DocumentError, UnreadableDocument
from minutes.explain import explain as explain_minutes
from minutes.model import CommitteeRef, ParsedMinutes
from minutes.names import committee_by_short_name, find_committee
from minutes.parser import ParseOptions, parse_minutes
from minutes.readers import read_bytes
from storage.document_info import DocumentInfo

from .agenda_facts import case_facts
from .search.case_weights import case_weights

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document read and parsed (in a worker process or inline), ready to store."""

    path: str
    info: DocumentInfo | None = None
    minutes: ParsedMinutes | None = None
    error: str | None = None
    weights: tuple[dict[str, float], ...] = ()  # search-index weights, one per case
    agenda_facts: tuple[dict[str, object] | None, ...] = ()  # case_facts, one per case
    explanation: tuple[str, ...] = ()


def committee_from_option(value: str) -> CommitteeRef:
    """ "SSU", "Strategisk samarbeidsutvalg" or any other name given with --committee."""
    return (
        committee_by_short_name(value.strip())
        or find_committee(value)
        or CommitteeRef(name=value.strip(), short_name=None)
    )


def cannot_read(what: str, error: OSError) -> str:
    return f"cannot read the {what} ({error.strerror or error})"


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnreadableDocument(
            "broken link: what it points to does not exist"
            if path.is_symlink()
            else "file not found"
        ) from None
    except OSError as error:
        raise UnreadableDocument(cannot_read("file", error)) from error
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableDocument("cannot read the folder")
    if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
        raise UnreadableDocument("not a regular file")
    size = info.st_size
    if size > max_bytes:
        raise UnreadableDocument(
            f"file is {size / 1024 / 1024:.1f} MB; the limit is {max_bytes / 1024 / 1024:.0f} MB"
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(cannot_read("file", error)) from error


def parse_bytes(
    data: bytes,
    *,
    name: str,
    path: str | None,
    committee: str | None,
    max_bytes: int,
    explain: bool = False,
) -> Parsed:
    where = path or name
    try:
        document = read_bytes(data, Path(name).suffix, max_bytes=max_bytes)
        forced = committee_from_option(committee) if committee else None
        minutes = parse_minutes(document, ParseOptions(committee=forced, source_name=name))
    except DocumentError as error:
        return Parsed(where, error=str(error))
    except Exception as error:  # a parser bug must cost one document, not the batch
        log.exception("could not parse %s", name)
        return Parsed(where, error=f"internal error while parsing: {type(error).__name__}: {error}")
    sha256 = hashlib.sha256(data).hexdigest()
    info = DocumentInfo(sha256, name, path, document.format, len(data))
    # The index weights are text analysis too: done here, in the worker, not in the writer.
    weights = tuple(case_weights(case) for case in minutes.cases)
    facts = _agenda_facts(minutes)
    explanation = tuple(explain_minutes(document, minutes)) if explain else ()
    return Parsed(
        where,
        info=info,
        minutes=minutes,
        weights=weights,
        agenda_facts=facts,
        explanation=explanation,
    )


def _agenda_facts(minutes: ParsedMinutes) -> tuple[dict[str, object] | None, ...]:
    """What an agenda reads of each case (assistant/planned_facts.py): text analysis as
    well, so here in the worker. None without a meeting day: such cases are on no agenda."""
    day = minutes.meeting_date
    if day is None:
        return ()
    return tuple(case_facts(c.body, c.decision, c.status.value, day) for c in minutes.cases)


def read_and_parse(
    path: str, committee: str | None, max_bytes: int, explain: bool = False
) -> Parsed:
    """Top-level and picklable: what a worker process does for one file."""
    try:
        data = _read_file(Path(path), max_bytes)
    except DocumentError as error:
        return Parsed(path, error=str(error))
    return parse_bytes(
        data,
        name=Path(path).name,
        path=path,
        committee=committee,
        max_bytes=max_bytes,
        explain=explain,
    )


def read_and_parse_many(
    paths: list[str], committee: str | None, max_bytes: int, explain: bool = False
) -> list[Parsed]:
    """Top-level and picklable: one worker job of several files, in order. A job per file
    cost the importing process ~0.6 ms of CPU in the pool's threads (bench/README.md)."""
    return [read_and_parse(path, committee, max_bytes, explain) for path in paths]
