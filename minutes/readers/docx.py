"""Word .docx: body paragraphs and tables in document order (headers/footers ignored)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText
from minutes.readers._lines import (
    TOO_LARGE,
    Marked,
    cell_markup,
    check_extent,
    collapse_spaces,
    format_limit,
    format_size,
    tidy_blank_marked,
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
_VAL = qn("w:val")
_OFF = frozenset({"0", "false", "off"})

# Built-in heading styles by the name Word stores (English) or a localised template writes.
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift|rubrik)\s*([1-6])$", re.I)
_TITLE_STYLE = re.compile(r"^(?:title|tittel|titel|rubrik)$", re.I)
_MAX_STYLE_DEPTH = 16  # basedOn chains are short; this only guards against a cycle


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None  # the style's own w:b, None when it does not say
    outline: int | None  # w:outlineLvl 0-8 (9 = body text)


def _on_off(element: etree._Element | None) -> bool | None:
    """A WordprocessingML toggle (<w:b/>, <w:b w:val="0"/>); None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "1").lower() not in _OFF


def _outline(ppr: etree._Element | None) -> int | None:
    level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    value = level.get(_VAL) if level is not None else None
    return int(value) if value is not None and value.isdigit() else None


@dataclass(frozen=True, slots=True)
class _Styles:
    by_id: dict[str, _Style]
    default_paragraph: str | None

    @classmethod
    def of(cls, document: Document) -> _Styles:
        by_id: dict[str, _Style] = {}
        default: str | None = None
        for style in document.styles.element.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            name, based_on = style.find(qn("w:name")), style.find(qn("w:basedOn"))
            rpr = style.find(qn("w:rPr"))
            by_id[style_id] = _Style(
                name=(name.get(_VAL) or "") if name is not None else "",
                based_on=based_on.get(_VAL) if based_on is not None else None,
                bold=_on_off(rpr.find(qn("w:b"))) if rpr is not None else None,
                outline=_outline(style.find(qn("w:pPr"))),
            )
            is_default = style.get(qn("w:default")) in ("1", "true", "on")
            if style.get(qn("w:type")) == "paragraph" and is_default:
                default = style_id
        return cls(by_id, default)

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        for _ in range(_MAX_STYLE_DEPTH):
            style = self.by_id.get(style_id) if style_id else None
            if style is None:
                return
            yield style
            style_id = style.based_on

    def paragraph_style(self, p: etree._Element) -> str | None:
        ids = p.xpath("./w:pPr/w:pStyle/@w:val")
        return ids[0] if ids else self.default_paragraph

    def heading(self, p: etree._Element) -> int:
        """Heading N / Overskrift N / Title (or a style based on one) -> its level; else an
        outline level set on the paragraph or its style; 0 for body text."""
        own = _outline(p.find(qn("w:pPr")))
        for style in self.chain(self.paragraph_style(p)):
            if match := _HEADING_STYLE.match(style.name.strip()):
                return int(match.group(1))
            if _TITLE_STYLE.match(style.name.strip()):
                return 1
            if own is None:
                own = style.outline
        return own + 1 if own is not None and own < 6 else 0

    def bold(self, run: etree._Element, paragraph_style: str | None) -> bool:
        """The run's own w:b, else its character style's, else the paragraph style's."""
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            own = _on_off(rpr.find(qn("w:b")))
            if own is not None:
                return own
            run_style = rpr.find(qn("w:rStyle"))
            if run_style is not None:
                for style in self.chain(run_style.get(_VAL)):
                    if style.bold is not None:
                        return style.bold
        for style in self.chain(paragraph_style):
            if style.bold is not None:
                return style.bold
        return False


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


def _paragraph_lines(p: etree._Element, styles: _Styles) -> list[tuple[str, bool]]:
    """The paragraph's lines (soft breaks split them), each with whether all its text is bold."""
    paragraph_style = styles.paragraph_style(p)
    bold_of: dict[etree._Element, bool] = {}
    lines: list[list[tuple[str, bool]]] = [[]]
    for node in _RUN_CONTENT(p):
        text = (node.text or "") if node.tag == _T else _RUN_TEXT[node.tag]
        if text == "\n":
            lines.append([])
            continue
        run = node.getparent()
        if run not in bold_of:
            bold_of[run] = styles.bold(run, paragraph_style)
        lines[-1].append((text, bold_of[run]))
    out: list[tuple[str, bool]] = []
    for pieces in lines:
        visible = [bold for text, bold in pieces if text.strip()]
        out.append(("".join(text for text, _ in pieces), bool(visible) and all(visible)))
    return out


def _has_numbering(element: etree._Element) -> bool:
    num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return bool(num_ids) and num_ids[0] != "0"  # numId 0 explicitly switches numbering off


class _Lists:
    """Which paragraphs are list items. What a paragraph style says is looked up once per
    style: python-docx's Paragraph.style searches every style each time (0.7 ms a
    paragraph, minutes for a big document)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._by_style: dict[str | None, bool | None] = {}

    def is_item(self, p: etree._Element) -> bool:
        ids = p.xpath("./w:pPr/w:pStyle/@w:val")
        key = ids[0] if ids else None
        if key not in self._by_style:
            self._by_style[key] = _style_makes_items(Paragraph(p, self.document))
        by_style = self._by_style[key]
        if by_style is None:
            return False  # numbered headings ("1 Innledning") are not list items
        return by_style or _has_numbering(p)


def _style_makes_items(paragraph: Paragraph) -> bool | None:
    """None for a heading or title style; else whether the style numbers its paragraphs."""
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if name.startswith(("Heading", "Title")):
        return None
    if "List" in name:
        return True
    while style is not None:  # numbering can come from the style or a style it is based on
        if _has_numbering(style.element):
            return True
        style = style.base_style
    return False


def _cell_text(tc: etree._Element, lists: _Lists) -> str:
    """A cell on one line: its paragraphs as `<p>` markup when there are several (see
    cell_markup), list items as "- " paragraphs, a nested table's rows as paragraphs."""
    parts: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            text = collapse_spaces(_paragraph_text(block))
            if text and lists.is_item(block):
                text = f"- {text}"
            parts.append(text)
        else:
            parts.extend(collapse_spaces(" ".join(_row_cells(tr, lists))) for tr in _rows(block))
    return cell_markup(parts)


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return tbl.findall(_TR)


def _row_cells(tr: etree._Element, lists: _Lists) -> list[str]:
    # The row's own w:tc elements rather than python-docx's row.cells: those repeat a
    # horizontally merged cell per grid column and repeat a vertically merged cell's text in
    # every row it spans. A w:tc spans columns once; a vertical continuation is empty.
    cells: list[str] = []
    for tc in tr.findall(_TC):
        if tc.xpath("./w:tcPr/w:hMerge[not(@w:val='restart')]"):
            continue  # legacy horizontal merge: the continuation belongs to the cell before
        cells.append(_cell_text(tc, lists))
    return cells


def _document_lines(document: Document) -> list[Marked]:
    styles = _Styles.of(document)
    lists = _Lists(document)
    lines: list[Marked] = []
    for block in _blocks(document.element.body):
        if block.tag == _P:
            heading = styles.heading(block)
            (first, first_bold), *rest = _paragraph_lines(block, styles)
            if first.strip() and lists.is_item(block):
                first = f"- {first.strip()}"
            for text, bold in ((first, first_bold), *rest):
                text = text.rstrip()
                lines.append(Marked(text, heading if text.strip() else 0, bold))
        else:
            for tr in _rows(block):
                row = "\t".join(_row_cells(tr, lists))
                lines.append(Marked(row if row.strip() else ""))
    return tidy_blank_marked(lines)


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
            f"{TOO_LARGE}: the .docx unpacks to {format_size(unpacked)}; "
            f"the limit is {format_limit(max_unpacked_bytes)}"
        )
    # Images unpack to about their packed size, XML to ten times or more; python-docx parses
    # all XML into memory, so it gets a fifth of the budget (40 MB by default: a 300-page
    # document is about 20 MB).
    xml = sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
    if xml > max_unpacked_bytes // 5:
        raise UnreadableDocument(
            f"{TOO_LARGE}: the .docx's XML unpacks to {format_size(xml)}; "
            f"the limit is {format_limit(max_unpacked_bytes // 5)}"
        )


def read_docx(data: bytes, *, max_unpacked_bytes: int) -> DocumentText:
    _check_package(data, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
        # Counted before any paragraph is read: reading each costs far more than parsing.
        check_extent(sum(1 for _ in document.element.body.iter(_P, _TR)), 0)
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
