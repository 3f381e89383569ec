"""Build small test documents (PDF, docx, zip junk) at test time, with no extra dependencies."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Page size A4 in points; text starts one inch from the top-left corner.
_PAGE_WIDTH = 595
_PAGE_HEIGHT = 842
_MARGIN = 72
_LEADING = 16


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252) bytes, with the three special characters escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content_stream(lines: list[str]) -> bytes:
    if not lines:
        return b""
    ops = [
        b"BT",
        b"/F1 11 Tf",
        f"{_LEADING} TL".encode(),
        f"{_MARGIN} {_PAGE_HEIGHT - _MARGIN} Td".encode(),
    ]
    for i, line in enumerate(lines):
        # T* moves to the next line (by TL) so each source line is its own text line.
        ops.append(_pdf_string(line) + (b" Tj" if i == 0 else b" '"))
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one page per list of lines, Helvetica with WinAnsiEncoding.

    Objects: 1 catalog, 2 page tree, 3 font, then a (page, contents) pair per page.
    The xref table holds the exact byte offset of every object.
    """
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (
            b"<< /Type /Pages /Kids ["
            + b" ".join(f"{pid} 0 R".encode() for pid in page_ids)
            + f"] /Count {len(pages)} >>".encode()
        ),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for pid, lines in zip(page_ids, pages, strict=True):
        stream = _content_stream(lines)
        objects[pid] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_PAGE_WIDTH} {_PAGE_HEIGHT}]"
            f" /Resources << /Font << /F1 3 0 R >> >> /Contents {pid + 1} 0 R >>"
        ).encode()
        objects[pid + 1] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream"

    # The binary comment on line 2 marks the file as binary for transfer tools.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    # Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, EOL.
    out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def make_encrypted_pdf(pages: list[list[str]], user_password: str) -> bytes:
    """The same PDF, encrypted by pypdf (RC4 needs no extra crypto library)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(pages))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _numbered(paragraph: docx.text.paragraph.Paragraph, num_id: int = 1) -> None:
    """Give a plain paragraph direct numbering (w:numPr), as pasted lists often have."""
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    ppr.append(num_pr)


def make_docx(path: Path) -> Path:
    """A minutes-like .docx: heading, paragraphs, lists, a table with a merged cell, a header.

    Expected lines (see test_readers): the header text never appears, the table sits between
    "Sak 1 Godkjenning av referat" and "Neste møte: 5. mars 2014" (body order).
    """
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Topptekst som skal ignoreres"
    document.add_heading("Møtereferat", level=1)
    document.add_paragraph("Møtedato: 8. januar 2014, kl 13:30 – 16:00")
    document.add_paragraph("Sted:\tGrønland 32, Drammen")
    soft = document.add_paragraph("Til stede: Trine Bakkeli")
    soft.add_run().add_break(WD_BREAK.LINE)
    soft.add_run("Forfall: Wenche Sørensen")
    document.add_paragraph("Første punkt", style="List Bullet")
    document.add_paragraph("Andre punkt", style="List Number")
    _numbered(document.add_paragraph("Tredje punkt med direkte nummerering"))
    document.add_paragraph("Sak 1 Godkjenning av referat")

    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Saknr.", "Beskrivelse", "Ansvar"], strict=True):
        cell.text = text
    row = table.rows[1].cells
    row[0].text = "17/2022"
    row[1].text = "Innkalling ble godkjent.\nReferat ble godkjent."
    row[2].text = "AU"
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Sammenslått celle på tvers"
    table.rows[2].cells[2].text = "Vestre Viken"

    document.add_paragraph("Neste møte: 5. mars 2014")
    document.save(path)
    return path


def make_zip(entries: dict[str, bytes]) -> bytes:
    """A zip archive of the given files (e.g. junk renamed to .docx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(directory: Path, name: str, data: bytes) -> Path:
    """Write data to directory/name and return the path."""
    path = directory / name
    path.write_bytes(data)
    return path
