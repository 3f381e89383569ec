"""Plain text: encoding detection, line splitting, and the .txt reader."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText, Line
from minutes.readers._lines import to_document

# Control characters that never occur in real text (tab, newlines, form feed and the old
# DOS end-of-file marker \x1a do), plus U+FFFD left by bytes that did not decode.
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]")
_MAX_NON_TEXT_SHARE = 0.05
# Code pages that define the five bytes cp1252 leaves undefined: DOS Nordic/Western, old Mac.
_FALLBACK_CODE_PAGES = ("cp865", "cp850", "mac_roman")


def _binary() -> UnreadableDocument:
    return UnreadableDocument("binary data in a text file")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file; returns (text, encoding used).

    Order matters: a BOM is authoritative; strict UTF-8 never accepts cp1252 text with æøå
    (those bytes are invalid UTF-8), so trying it first cannot misdetect; cp1252 is what
    Norwegian Windows tools write and also covers latin-1. charset-normalizer only breaks
    the tie when even cp1252 fails (it leaves five bytes undefined), e.g. an old DOS file.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", "replace"), "utf-16"  # the codec drops the BOM
    elif b"\x00" in data:
        raise _binary()  # no text encoding without a BOM produces NUL bytes
    else:
        for encoding in ("utf-8", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            # Only Western code pages are candidates: unrestricted, charset-normalizer reads
            # Norwegian DOS text as cp1250 (ø -> ›). Nothing fits: cp1252 with U+FFFD.
            best = from_bytes(data, cp_isolation=list(_FALLBACK_CODE_PAGES)).best()
            if best is None:
                text, encoding = data.decode("cp1252", "replace"), "cp1252"
            else:
                text, encoding = str(best), best.encoding
    if "\x00" in text or len(_NON_TEXT.findall(text)) > _MAX_NON_TEXT_SHARE * len(text):
        raise _binary()
    return text, encoding


def split_lines(text: str) -> list[str]:
    """Split at \\r\\n, \\r or \\n only (str.splitlines would also split at form feeds and
    Unicode separators); a final newline ends the last line rather than starting a new one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _paged(document: DocumentText) -> DocumentText:
    """Pages from form feeds (what pdftotext and old print spools write between pages).

    A line is on the page where it starts: form feeds before its first other character
    count, one later in the line starts the next line's page. Lines keep their numbers.
    """
    page = 1
    lines: list[Line] = []
    for line in document.lines:
        text = line.text
        leading = len(text) - len(text.lstrip("\f"))
        page += leading
        lines.append(Line(text=text, number=line.number, page=page))
        page += text.count("\f", leading)
    return DocumentText(format=document.format, lines=lines, encoding=document.encoding)


def read_txt(data: bytes) -> DocumentText:
    # Lines are kept exactly (leading spaces and tabs carry table structure for the parser;
    # form feeds stay in the text and also give the lines their pages).
    text, encoding = decode_text(data)
    document = to_document("txt", split_lines(text), encoding)
    return _paged(document) if "\f" in text else document
