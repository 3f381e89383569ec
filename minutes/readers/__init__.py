"""Document readers: a file (or its bytes) -> lines of text with line and page numbers.

Every failure is a DocumentError whose str() is a short reason to show the user.
"""

from __future__ import annotations

from pathlib import Path

from minutes.errors import UnreadableDocument, UnsupportedFormat
from minutes.model import DocumentText
from minutes.readers._lines import check_extent, format_limit, format_size
from minutes.readers.html import html_to_lines, read_html
from minutes.readers.latex import read_latex
from minutes.readers.markdown import read_markdown
from minutes.readers.text import read_txt
from minutes.readers.typst import read_typst

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "html_to_lines",
    "read_bytes",
    "read_document",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".tex", ".typ",
)  # fmt: skip
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx is a zip; XML compresses about 10:1, so this bounds what python-docx may unpack.
_DOCX_UNPACK_FACTOR = 10


def _normalise_suffix(suffix: str) -> str:
    suffix = suffix.strip().lower()
    return suffix if not suffix or suffix.startswith(".") else f".{suffix}"


def _check_supported(suffix: str) -> None:
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if suffix in SUPPORTED_SUFFIXES:
        return
    if suffix == ".doc":
        raise UnsupportedFormat("old Word format (.doc) is not supported; save it as .docx")
    if not suffix:
        raise UnsupportedFormat(f"file has no extension (supported: {supported})")
    raise UnsupportedFormat(f"unsupported file type '{suffix}' (supported: {supported})")


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UnreadableDocument(
            f"file is {format_size(size)}; the limit is {format_limit(max_bytes)}"
        )


def _read(data: bytes, suffix: str, max_bytes: int) -> DocumentText:
    document = _read_format(data, suffix, max_bytes)
    check_extent(len(document.lines), sum(len(line.text) for line in document.lines))
    return document


def _read_format(data: bytes, suffix: str, max_bytes: int) -> DocumentText:
    if not data.strip():
        raise UnreadableDocument("empty document")
    match suffix:
        case ".txt":
            return read_txt(data)
        case ".md" | ".markdown":
            return read_markdown(data)
        case ".html" | ".htm":
            return read_html(data)
        # Imported when first needed: python-docx and pypdf are a quarter of what an import's
        # parser processes load before the first file (92 of 342 ms), for formats an
        # archive of text, Markdown or HTML minutes never has.
        case ".docx":
            from minutes.readers.docx import read_docx

            return read_docx(data, max_unpacked_bytes=max_bytes * _DOCX_UNPACK_FACTOR)
        case ".pdf":
            from minutes.readers.pdf import read_pdf

            return read_pdf(data)
        case ".tex":
            return read_latex(data)
        case ".typ":
            return read_typst(data)
    raise AssertionError(f"no reader for supported suffix {suffix!r}")  # SUPPORTED_SUFFIXES drift


def read_bytes(data: bytes, suffix: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentText:
    """Read a document's content; suffix is its extension (".pdf" or "pdf", any case)."""
    suffix = _normalise_suffix(suffix)
    _check_supported(suffix)
    _check_size(len(data), max_bytes)
    return _read(data, suffix, max_bytes)


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentText:
    """Read a document file; the type comes from its extension, checked before any I/O."""
    suffix = _normalise_suffix(path.suffix)
    _check_supported(suffix)
    try:
        _check_size(path.stat().st_size, max_bytes)  # refuse big files without reading them
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise UnreadableDocument(f"could not open the file ({exc.strerror or exc})") from exc
    _check_size(len(data), max_bytes)
    return _read(data, suffix, max_bytes)
