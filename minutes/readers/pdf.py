"""PDF text layer via pypdf, one page at a time (lines keep their page number)."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError
from pypdf.generic import ArrayObject, IndirectObject, StreamObject

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText, Line
from minutes.readers._lines import (
    TOO_LARGE,
    check_extent,
    format_limit,
    format_size,
    tidy_blank_lines,
)
from minutes.readers.text import split_lines

_DAMAGED = "not a valid PDF (file is truncated or damaged)"
_PASSWORD = "PDF is password-protected"
# Drawing instructions the text extractor may walk, counted per page: pages that share one
# stream count it each time (200 pages on one 1 MB stream took minutes). pypdf reads
# about 1 MB a second; a text page holds 5-20 KB.
MAX_CONTENT_BYTES = 16 * 1024 * 1024


class _TooLarge(Exception):
    pass


def _content_bytes(pages: list[PageObject]) -> int:
    """The decoded size of every page's content streams, a shared stream once per page."""
    sizes: dict[object, int] = {}
    total = 0
    for page in pages:
        contents = page.get("/Contents")
        parts = contents.get_object() if contents is not None else None
        for part in parts if isinstance(parts, ArrayObject) else [contents]:
            key = (part.idnum, part.generation) if isinstance(part, IndirectObject) else id(part)
            if key not in sizes:
                stream = part.get_object() if part is not None else None
                sizes[key] = len(stream.get_data()) if isinstance(stream, StreamObject) else 0
            total += sizes[key]
            if total > MAX_CONTENT_BYTES:
                return total
    return total


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's log lines and warnings about damaged files while we read one.

    Scoped to the read (not set at import) so the application's own logging setup wins
    elsewhere; our exception is the one report that matters.
    """
    logger = logging.getLogger("pypdf")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(previous)


def _page_texts(data: bytes) -> list[str]:
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            # pypdf already tries the empty password; PDFs that only restrict printing or
            # copying open that way. Anything else needs a password we do not have.
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise UnreadableDocument(_PASSWORD)
            pages = list(reader.pages)
            if (size := _content_bytes(pages)) > MAX_CONTENT_BYTES:
                raise _TooLarge(size)
            texts: list[str] = []
            for page in pages:
                texts.append(page.extract_text() or "")
                check_extent(0, sum(map(len, texts)))  # stop early, not after every page
            return texts
        except _TooLarge as exc:
            raise UnreadableDocument(
                f"{TOO_LARGE}: its pages hold over {format_size(exc.args[0])} of drawing "
                f"instructions; the limit is {format_limit(MAX_CONTENT_BYTES)}"
            ) from None
        except UnreadableDocument:
            raise
        except FileNotDecryptedError as exc:
            raise UnreadableDocument(_PASSWORD) from exc
        except DependencyError as exc:  # AES without the cryptography package
            raise UnreadableDocument("PDF uses encryption this server cannot read") from exc
        except Exception as exc:
            # pypdf raises many types on damaged input (PdfReadError, but also KeyError,
            # ValueError, struct.error, zlib.error, RecursionError...); all mean the same here.
            raise UnreadableDocument(_DAMAGED) from exc


def read_pdf(data: bytes) -> DocumentText:
    if b"%PDF-" not in data[:1024]:
        raise UnreadableDocument("not a valid PDF (no PDF header; is it another kind of file?)")
    texts = _page_texts(data)
    if not texts:
        raise UnreadableDocument("empty document (the PDF has no pages)")
    lines: list[Line] = []
    for page, text in enumerate(texts, start=1):
        page_lines = tidy_blank_lines(line.rstrip() for line in split_lines(text))
        lines += [Line(text=t, number=n, page=page) for n, t in enumerate(page_lines, start=1)]
    if not lines:
        raise UnreadableDocument("PDF has no text layer (scanned image?); OCR is not supported")
    return DocumentText(format="pdf", lines=lines)
