"""Word .docx: body paragraphs and tables in document order (headers/footers ignored)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText
from minutes.readers._lines import (
    cell_markup,
    collapse_spaces,
    format_limit,
    format_size,
    tidy_blank_lines,
    to_document,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: old .doc, or an encrypted .docx
_NOT_OFFICE = "not a Word document: the .docx is not a valid Office file"
_DAMAGED = "not a valid Word document (file is truncated or damaged)"

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_T = qn("w:t")

# Run content of a paragraph, including runs inside hyperlinks, fields, tracked insertions and
# content controls (python-docx's Paragraph.text misses several of those). Text boxes are
# skipped like headers: they float outside the body flow, and Word stores each one twice.
_RUN_CONTENT = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::mc:Fallback)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces={
        "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    },
)
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """w:p and w:tbl children in order, looking inside content controls and custom XML."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks(child)


def _paragraph_text(p: etree._Element) -> str:
    return "".join(
        (node.text or "") if node.tag == _T else _RUN_TEXT[node.tag] for node in _RUN_CONTENT(p)
    )


def _has_numbering(element: etree._Element) -> bool:
    num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return bool(num_ids) and num_ids[0] != "0"  # numId 0 explicitly switches numbering off


def _is_list_item(paragraph: Paragraph) -> bool:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if name.startswith(("Heading", "Title")):
        return False  # numbered headings ("1 Innledning") are not list items
    if _has_numbering(paragraph._p) or "List" in name:
        return True
    while style is not None:  # numbering can come from the style or a style it is based on
        if _has_numbering(style.element):
            return True
        style = style.base_style
    return False


def _cell_text(tc: etree._Element, document: Document) -> str:
    """A cell on one line: its paragraphs as `<p>` markup when there are several (see
    cell_markup), list items as "- " paragraphs, a nested table's rows as paragraphs."""
    parts: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            text = collapse_spaces(_paragraph_text(block))
            if text and _is_list_item(Paragraph(block, document)):
                text = f"- {text}"
            parts.append(text)
        else:
            parts.extend(collapse_spaces(" ".join(_row_cells(tr, document))) for tr in _rows(block))
    return cell_markup(parts)


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return tbl.findall(_TR)


def _row_cells(tr: etree._Element, document: Document) -> list[str]:
    # The row's own w:tc elements rather than python-docx's row.cells: those repeat a
    # horizontally merged cell per grid column and repeat a vertically merged cell's text in
    # every row it spans. A w:tc spans columns once; a vertical continuation is empty.
    cells: list[str] = []
    for tc in tr.findall(_TC):
        if tc.xpath("./w:tcPr/w:hMerge[not(@w:val='restart')]"):
            continue  # legacy horizontal merge: the continuation belongs to the cell before
        cells.append(_cell_text(tc, document))
    return cells


def _document_lines(document: Document) -> list[str]:
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == _P:
            paragraph = Paragraph(block, document)
            first, *rest = _paragraph_text(block).split("\n")  # soft line breaks split lines
            if first.strip() and _is_list_item(paragraph):
                first = f"- {first.strip()}"
            lines.extend(line.rstrip() for line in (first, *rest))
        else:
            for tr in _rows(block):
                row = "\t".join(_row_cells(tr, document))
                lines.append(row if row.strip() else "")
    return tidy_blank_lines(lines)


def _check_package(data: bytes, max_unpacked_bytes: int) -> None:
    """Refuse what python-docx would choke on, with a message that says what the file is."""
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableDocument("Word document is password-protected")
        raise UnreadableDocument("old Word format (.doc) is not supported; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        # A zip signature means it was a real archive once: cut short, or corrupted.
        raise UnreadableDocument(_DAMAGED if data.startswith(b"PK") else _NOT_OFFICE) from exc
    names = {entry.filename for entry in entries}
    if any(name.startswith("xl/") for name in names):
        raise UnreadableDocument("not a Word document: it is an Excel workbook")
    if any(name.startswith("ppt/") for name in names):
        raise UnreadableDocument("not a Word document: it is a PowerPoint presentation")
    if "mimetype" in names and "content.xml" in names:
        raise UnreadableDocument("OpenDocument (.odt) is not supported; save it as .docx")
    if "[Content_Types].xml" not in names:
        raise UnreadableDocument(_NOT_OFFICE)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > max_unpacked_bytes:  # a zip bomb would exhaust memory inside python-docx
        raise UnreadableDocument(
            f"the .docx unpacks to {format_size(unpacked)}; "
            f"the limit is {format_limit(max_unpacked_bytes)}"
        )


def read_docx(data: bytes, *, max_unpacked_bytes: int) -> DocumentText:
    _check_package(data, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _document_lines(document)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        etree.LxmlError,
        KeyError,
        ValueError,
        AttributeError,
        OSError,
        EOFError,
    ) as exc:
        # Missing parts (KeyError), wrong main content type (ValueError), broken XML or
        # compressed data: whatever the detail, the user can only re-save the file.
        raise UnreadableDocument(_DAMAGED) from exc
    return to_document("docx", lines)
