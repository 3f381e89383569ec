"""Readers: every format -> numbered lines; every bad input -> a readable DocumentError."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import docx
import pytest

from minutes.errors import DocumentError, UnreadableDocument, UnsupportedFormat
from minutes.model import DocumentText
from minutes.readers import SUPPORTED_SUFFIXES, html_to_lines, read_bytes, read_document

from .docfactory import make_docx, make_encrypted_pdf, make_pdf, make_zip, write

MB = 1024 * 1024
DATE_LINE = "Møtedato: 8. januar 2014, kl 13:30 – 16:00"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def texts(document: DocumentText) -> list[str]:
    return [line.text for line in document.lines]


def random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def assert_readable_error(error: DocumentError) -> None:
    """What users see: one short English sentence, no traceback or repr noise."""
    message = str(error)
    assert message and len(message) < 120, message
    assert "\n" not in message and "Error" not in message and "b'" not in message


# --- dispatch, size, empty -------------------------------------------------------------------


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (
        ".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".tex", ".typ",
    )  # fmt: skip


def test_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "referat.xyz", b"Sak 1")
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(path)
    assert str(caught.value) == (
        "unsupported file type '.xyz' "
        "(supported: .txt, .md, .markdown, .html, .htm, .docx, .pdf, .tex, .typ)"
    )


def test_old_word_extension_gets_a_hint() -> None:
    with pytest.raises(UnsupportedFormat, match=r"old Word format \(\.doc\).*save it as \.docx"):
        read_bytes(b"\xd0\xcf\x11\xe0", ".doc")


def test_missing_extension(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="file has no extension"):
        read_document(write(tmp_path, "README", b"Sak 1"))


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    assert texts(read_document(write(tmp_path, "REFERAT.TXT", b"Sak 1\n"))) == ["Sak 1"]
    assert read_bytes(make_pdf([["Sak 1"]]), "PDF").format == "pdf"  # with or without the dot
    assert read_bytes(b"# Sak 1\n", ".Markdown").format == "md"
    assert read_bytes(b"<p>Sak 1</p>", ".htm").format == "html"


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    # A sparse 50 MB file: the size check must use stat(), so nothing is read (or written).
    path = tmp_path / "stor.pdf"
    with path.open("wb") as file:
        file.truncate(50 * MB)
    with pytest.raises(UnreadableDocument) as caught:
        read_document(path)
    assert str(caught.value) == "file is 50.0 MB; the limit is 20 MB"


def test_small_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "referat.txt", b"Sak 1\n" * 400)  # 2400 bytes
    with pytest.raises(UnreadableDocument, match=r"^file is 2\.3 KB; the limit is 1 KB$"):
        read_document(path, max_bytes=1024)
    with pytest.raises(UnreadableDocument, match=r"^file is 2\.3 KB; the limit is 1000 bytes$"):
        read_bytes(path.read_bytes(), ".txt", max_bytes=1000)
    assert len(read_document(path, max_bytes=2400).lines) == 400  # the limit itself is allowed


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match=r"^could not open the file \(No such file"):
        read_document(tmp_path / "borte.txt")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, f"tom{suffix}", b""))
    assert str(caught.value) == "empty document"


@pytest.mark.parametrize(
    "data", [b"  \r\n\t\n   ", "\ufeff \n".encode("utf-8"), " \n\n".encode("utf-16")]
)
def test_whitespace_only_text_is_empty(data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match=r"^empty document$"):
        read_bytes(data, ".txt")


@pytest.mark.parametrize(
    ("suffix", "data"),
    [(".html", b"<html><head><title>Tittel</title></head><body> <p> </p></body></html>"),
     (".md", b"![bilde](bilde.png)\n\n---\n")],
)  # fmt: skip
def test_markup_without_text_is_empty(suffix: str, data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match=r"^empty document$"):
        read_bytes(data, suffix)


# --- txt -------------------------------------------------------------------------------------


def test_txt_utf8_lines_and_numbers() -> None:
    document = read_bytes(f"\n{DATE_LINE}\nTil stede: Bjørn Åsen, Kåre Ødegård\n".encode(), ".txt")
    assert document.format == "txt"
    assert document.encoding == "utf-8"
    # The leading empty line is kept so line numbers match what an editor shows.
    assert [(line.number, line.text, line.page) for line in document.lines] == [
        (1, "", None),
        (2, DATE_LINE, None),
        (3, "Til stede: Bjørn Åsen, Kåre Ødegård", None),
    ]


def test_txt_utf8_bom_is_stripped() -> None:
    document = read_bytes(b"\xef\xbb\xbf" + DATE_LINE.encode(), ".txt")
    assert texts(document) == [DATE_LINE]
    assert document.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_txt_utf16_with_bom(codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    document = read_bytes(bom + f"{DATE_LINE}\r\nSak 1\tÆØÅ\r\n".encode(codec), ".txt")
    assert texts(document) == [DATE_LINE, "Sak 1\tÆØÅ"]
    assert document.encoding == "utf-16"


def test_txt_cp1252_comes_out_exactly() -> None:
    data = f"{DATE_LINE}\r\nSted: «Grønland» 32 – Drammen\r\n".encode("cp1252")
    document = read_bytes(data, ".txt")
    assert texts(document) == [DATE_LINE, "Sted: «Grønland» 32 – Drammen"]
    assert document.encoding == "cp1252"


def test_txt_latin1_is_read_as_cp1252() -> None:
    document = read_bytes("Møtedato: 8. januar\nÆØÅ æøå\n".encode("latin-1"), ".txt")
    assert texts(document) == ["Møtedato: 8. januar", "ÆØÅ æøå"]


@pytest.mark.parametrize("text", ["Sak 1 Godkjenning", "ÆØÅ", "–", "Møte", "Ã¸ is literal"])
def test_txt_ascii_and_utf8_are_never_misdetected(text: str) -> None:
    document = read_bytes(text.encode("utf-8"), ".txt")
    assert texts(document) == [text]
    assert document.encoding == "utf-8"


def test_txt_old_dos_code_page_via_tie_breaker() -> None:
    # cp865 uses bytes that cp1252 leaves undefined (Å = 0x8F, Ø = 0x9D).
    text = "Referat fra Årsmøte i Øvre Eiker: saken ble godkjent av alle."
    document = read_bytes(text.encode("cp865"), ".txt")
    assert texts(document) == [text]
    assert document.encoding in ("cp865", "cp850")  # identical for Norwegian letters


def test_txt_line_endings_normalised_tabs_and_spaces_kept() -> None:
    data = b"Saknr.\tBeskrivelse\tAnsvar  \r\n17/2022\t\tAU\rSak 3\n\n  innrykk\n"
    assert texts(read_bytes(data, ".txt")) == [
        "Saknr.\tBeskrivelse\tAnsvar  ",
        "17/2022\t\tAU",
        "Sak 3",
        "",
        "  innrykk",
    ]


def test_txt_form_feed_does_not_split_lines() -> None:
    assert texts(read_bytes(b"Side 1\x0cSide 2\n", ".txt")) == ["Side 1\x0cSide 2"]


def test_txt_with_nul_bytes_is_binary(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "referat.txt", b"Sak 1\x00\x00\x01\x02 Godkjent"))
    assert str(caught.value) == "binary data in a text file"


def test_txt_with_mostly_control_bytes_is_binary() -> None:
    data = bytes(b for b in random_bytes(4000) if b)  # random, without NUL
    with pytest.raises(UnreadableDocument, match=r"^binary data in a text file$"):
        read_bytes(data, ".txt")


# --- markdown --------------------------------------------------------------------------------

MARKDOWN = """\
# Møtereferat SSU #

## Sak 1: **Godkjenning** av _referat_
Møtedato: **8. januar 2014**, kl 13:30 – 16:00
Se [referatet](https://example.no/ref_2014_a.pdf "tittel") og https://x.no/a_b_c.
![logo](logo.png)Kode `__init__`, fil_navn_her, 2 * 3 * 4, *kursiv*, __fet__ og ***begge***.
Escaped \\*stjerne\\* og ~~strøket~~.

- Første punkt
* Andre punkt med **fet**
  - Underpunkt
1. Nummerert

> Sitat med **fet**

Overskrift
==========

| Saknr | Beskrivelse | Ansvar |
|------:|:------------|--------|
| 17/2022 | Innkalling **godkjent** | AU |
| 18/2022 | Pipe \\| inni | |

```
**ikke** _endret_
```
"""


def test_markdown_to_plain_lines(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "referat.md", MARKDOWN.encode()))
    assert document.format == "md"
    assert document.encoding == "utf-8"
    assert texts(document) == [
        "Møtereferat SSU",
        "",
        "Sak 1: Godkjenning av referat",
        DATE_LINE,
        "Se referatet (https://example.no/ref_2014_a.pdf) og https://x.no/a_b_c.",
        "Kode __init__, fil_navn_her, 2 * 3 * 4, kursiv, fet og begge.",
        "Escaped *stjerne* og strøket.",
        "",
        "- Første punkt",
        "- Andre punkt med fet",
        "  - Underpunkt",
        "1. Nummerert",
        "",
        "Sitat med fet",
        "",
        "Overskrift",
        "",
        "Saknr\tBeskrivelse\tAnsvar",  # the |---| row is gone
        "17/2022\tInnkalling godkjent\tAU",
        "18/2022\tPipe | inni\t",  # the empty last cell keeps its column
        "",
        "**ikke** _endret_",  # code is verbatim
    ]
    assert [line.number for line in document.lines] == list(range(1, 23))


def test_markdown_table_without_outer_pipes_and_link_variants() -> None:
    data = b"a | b\n--|--\nc | d\n\n[https://x.no](https://x.no) [tom]() <https://y.no/q_r_s>\n"
    assert texts(read_bytes(data, ".markdown")) == [
        "a\tb",
        "c\td",
        "",
        "https://x.no tom https://y.no/q_r_s",
    ]


def test_markdown_cp1252_file() -> None:
    assert texts(read_bytes(f"# {DATE_LINE}\n".encode("cp1252"), ".md")) == [DATE_LINE]


# --- html ------------------------------------------------------------------------------------

HTML = """\
<!DOCTYPE html>
<html><head><title>Tittel skal bort</title><style>p { color: red }</style>
<script>var x = "skript";</script></head>
<body>
<h1>Møtereferat</h1>
<p>Møtedato: 8. januar 2014,
   kl 13:30 &ndash; 16:00</p>
<p>Sted: Grønland&nbsp;32,   <b>Drammen</b><br>Referent: Eli</p>
<!-- kommentar -->
<ul><li>Første punkt</li><li><p>Andre punkt</p></li></ul>
<table>
 <thead><tr><th>Saknr.</th><th>Beskrivelse</th><th>Ansvar</th></tr></thead>
 <tbody>
  <tr><td>17/2022</td><td><p>Innkalling godkjent.</p><p>Referat godkjent.</p></td><td>AU</td></tr>
  <tr><td>18/2022</td><td>Vedtak:<ul><li>A • B</li></ul>Ny<br>linje</td><td></td></tr>
 </tbody>
</table>
<div>Neste møte: 5. mars 2014</div>
<script>document.write("bort")</script><noscript>bort</noscript>
</body></html>
"""


def test_html_document(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "referat.html", HTML.encode()))
    assert document.format == "html"
    assert document.encoding == "utf-8"
    assert texts(document) == [
        "Møtereferat",
        "",
        DATE_LINE,
        "",
        "Sted: Grønland 32, Drammen",
        "Referent: Eli",
        "- Første punkt",
        "- Andre punkt",
        "Saknr.\tBeskrivelse\tAnsvar",
        # paragraphs inside a cell stay paragraphs, as <p> markup on the row's one line
        "17/2022\t<p>Innkalling godkjent.</p><p>Referat godkjent.</p>\tAU",
        # a row stays one line; items and line breaks inside the cell stay apart
        "18/2022\t<p>Vedtak:</p><p>- A</p><p>- B</p><p>Ny</p><p>linje</p>\t",
        "Neste møte: 5. mars 2014",
    ]
    assert [line.number for line in document.lines] == list(range(1, 13))
    assert all(line.page is None for line in document.lines)


def test_html_meta_charset_windows_1252(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{DATE_LINE}</p></body></html>'
    document = read_document(write(tmp_path, "referat.htm", page.encode("cp1252")))
    assert texts(document) == [DATE_LINE]
    assert document.encoding == "cp1252"


def test_html_meta_charset_decides_over_detection() -> None:
    # 0xA4 is "€" in ISO-8859-15 but "¤" in cp1252: only the declared charset gives "€".
    head = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">'
    document = read_bytes(head + b"<p>Pris: 100 \xa4</p>", ".html")
    assert texts(document) == ["Pris: 100 €"]
    assert document.encoding == "iso8859-15"


def test_html_wrong_meta_charset_falls_back_to_detection() -> None:
    page = f'<meta charset="utf-8"><p>{DATE_LINE}</p>'.encode("cp1252")  # not UTF-8 at all
    assert texts(read_bytes(page, ".html")) == [DATE_LINE]


def test_html_to_lines_bullets_typed_inside_ul() -> None:
    fragment = '<p>Vedtak:</p> <ul style="list-style-type: none"> • A • B</ul>'
    assert html_to_lines(fragment) == ["Vedtak:", "- A", "- B"]


def test_html_to_lines_dash_bullets_inside_ul() -> None:
    fragment = "<ul> - Hva ønsker vi? - Hva trenger vi?</ul>"
    assert html_to_lines(fragment) == ["- Hva ønsker vi?", "- Hva trenger vi?"]


def test_html_to_lines_dash_outside_a_list_is_text() -> None:
    assert html_to_lines("<p>Drammen - Kongsberg</p>") == ["Drammen - Kongsberg"]
    assert html_to_lines("Strekningen Drammen - Kongsberg - Notodden") == [
        "Strekningen Drammen - Kongsberg - Notodden"
    ]
    # Inside a list, " - " only counts when the list text starts with a dash bullet.
    assert html_to_lines("<ul>Q1 - Q4 utført</ul>") == ["Q1 - Q4 utført"]
    assert html_to_lines("<ul> • Asker- og Bærum kommune</ul>") == ["- Asker- og Bærum kommune"]


def test_html_to_lines_real_cell_fragment() -> None:
    # As in seed minutes: an unclosed <ul> swallows a later <p>; inline tags do not break lines.
    fragment = (
        'Forslaget legger til grunn: <ul style="list-style-type: none"> • Vi prioriterer'
        " tiltak • Asker- og Bærum kommune får midler til prosjekt <i>skrøpelige eldre</i>."
        ' Opplæring inngår. <p>Vedtak:</p> <ul style="list-style-type: none"> • SSU slutter'
        " seg til forslaget."
    )
    assert html_to_lines(fragment) == [
        "Forslaget legger til grunn:",
        "- Vi prioriterer tiltak",
        "- Asker- og Bærum kommune får midler til prosjekt skrøpelige eldre. Opplæring inngår.",
        "Vedtak:",
        "- SSU slutter seg til forslaget.",
    ]


def test_html_to_lines_paragraphs_and_list_items() -> None:
    fragment = "<p>A</p> <p>B</p><p>&nbsp;</p><p>C</p><ol><li>• én</li><li>to</li></ol>x<br><br>y"
    assert html_to_lines(fragment) == ["A", "", "B", "", "C", "- én", "- to", "x", "", "y"]


# --- docx ------------------------------------------------------------------------------------


def test_docx_body_order_lists_and_table(tmp_path: Path) -> None:
    document = read_document(make_docx(tmp_path / "referat.docx"))
    assert document.format == "docx"
    assert document.encoding is None
    assert texts(document) == [
        "Møtereferat",
        DATE_LINE,
        "Sted:\tGrønland 32, Drammen",
        "Til stede: Trine Bakkeli",  # a soft line break starts a new line
        "Forfall: Wenche Sørensen",
        "- Første punkt",
        "- Andre punkt",
        "- Tredje punkt med direkte nummerering",
        "Sak 1 Godkjenning av referat",
        "Saknr.\tBeskrivelse\tAnsvar",
        "17/2022\tInnkalling ble godkjent. Referat ble godkjent.\tAU",
        "Sammenslått celle på tvers\tVestre Viken",  # merged across two columns: once
        "Neste møte: 5. mars 2014",
    ]
    assert [line.number for line in document.lines] == list(range(1, 14))
    assert "Topptekst" not in document.text  # headers are ignored


def test_docx_vertical_merge_and_list_in_cell(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Sak 3"
    table.cell(0, 1).text = "Vedtak:"
    table.cell(0, 1).add_paragraph("Punkt A", style="List Bullet")
    table.cell(1, 1).text = "Utsatt"
    word.save(tmp_path / "tabell.docx")
    # The merged cell's text appears in its first row only; the column stays in place.
    assert texts(read_document(tmp_path / "tabell.docx")) == [
        "Sak 3\t<p>Vedtak:</p><p>- Punkt A</p>",
        "\tUtsatt",
    ]


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("")
    word.save(tmp_path / "tom.docx")
    with pytest.raises(UnreadableDocument, match=r"^empty document$"):
        read_document(tmp_path / "tom.docx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            make_zip({"a.txt": b"junk", "b.bin": random_bytes(300)}),
            "not a Word document: the .docx is not a valid Office file",
            id="zip-of-junk",
        ),
        pytest.param(
            random_bytes(3000),
            "not a Word document: the .docx is not a valid Office file",
            id="random-bytes",
        ),
        pytest.param(
            f"{DATE_LINE}\n".encode(),
            "not a Word document: the .docx is not a valid Office file",
            id="renamed-txt",
        ),
        pytest.param(
            make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
            "not a Word document: it is an Excel workbook",
            id="renamed-xlsx",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random_bytes(1000),
            "old Word format (.doc) is not supported; save it as .docx",
            id="renamed-doc",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "Word document is password-protected",
            id="encrypted",
        ),
    ],
)
def test_docx_bad_input(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "referat.docx", data))
    assert str(caught.value) == message
    assert_readable_error(caught.value)


def test_docx_truncated(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "hel.docx").read_bytes()
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data[: len(data) // 2], ".docx")
    assert str(caught.value) == "not a valid Word document (file is truncated or damaged)"


def test_docx_missing_main_part(tmp_path: Path) -> None:
    data = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"})
    with pytest.raises(UnreadableDocument, match=r"^not a valid Word document \(file is"):
        read_bytes(data, ".docx")


def test_docx_zip_bomb_is_refused() -> None:
    data = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * 200_000})
    with pytest.raises(UnreadableDocument, match=r"unpacks to 195\.3 KB; the limit is 100 KB$"):
        read_bytes(data, ".docx", max_bytes=10 * 1024)


# --- pdf -------------------------------------------------------------------------------------


def test_pdf_two_pages(tmp_path: Path) -> None:
    data = make_pdf(
        [
            ["Møtereferat (SSU)", DATE_LINE, "Til stede: Bjørn Åsen, Kåre Ødegård \\ AU"],
            ["Sak 2 Orienteringssaker", "Neste møte: 5. mars 2014"],
        ]
    )
    document = read_document(write(tmp_path, "referat.pdf", data))
    assert document.format == "pdf"
    assert [(line.page, line.number, line.text) for line in document.lines] == [
        (1, 1, "Møtereferat (SSU)"),
        (1, 2, DATE_LINE),
        (1, 3, "Til stede: Bjørn Åsen, Kåre Ødegård \\ AU"),
        (2, 1, "Sak 2 Orienteringssaker"),
        (2, 2, "Neste møte: 5. mars 2014"),
    ]


def test_pdf_blank_page_between_text_pages() -> None:
    document = read_bytes(make_pdf([["Side en"], [], ["Side tre"]]), ".pdf")
    assert [(line.page, line.number, line.text) for line in document.lines] == [
        (1, 1, "Side en"),
        (3, 1, "Side tre"),
    ]


def test_pdf_encrypted_with_empty_user_password_opens() -> None:
    assert texts(read_bytes(make_encrypted_pdf([[DATE_LINE]], ""), ".pdf")) == [DATE_LINE]


def test_pdf_password_protected() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(make_encrypted_pdf([[DATE_LINE]], "hemmelig"), ".pdf")
    assert str(caught.value) == "PDF is password-protected"


def test_pdf_random_bytes(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "referat.pdf", random_bytes(5000)))
    assert str(caught.value).startswith("not a valid PDF (")
    assert_readable_error(caught.value)


def test_pdf_truncated(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data = make_pdf([[f"Linje {i} {DATE_LINE}" for i in range(40)], ["Side to"]])
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "referat.pdf", data[: len(data) // 2]))
    assert str(caught.value) == "not a valid PDF (file is truncated or damaged)"
    assert capfd.readouterr().err == ""  # pypdf's complaints stay out of stderr


def test_pdf_header_with_garbage(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("pypdf")
    level_before = logger.level
    caplog.set_level(logging.DEBUG)
    with pytest.raises(UnreadableDocument, match=r"^not a valid PDF \(file is truncated"):
        read_bytes(b"%PDF-1.4\n" + random_bytes(5000), ".pdf")
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]
    assert logger.level == level_before  # quieted for the read only


def test_pdf_with_an_empty_page_only(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(write(tmp_path, "skannet.pdf", make_pdf([[]])))
    assert str(caught.value) == "PDF has no text layer (scanned image?); OCR is not supported"


# --- errors in general -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_random_bytes_fail_cleanly_for_every_format(suffix: str) -> None:
    data = random_bytes(4000, seed=len(suffix))
    try:
        read_bytes(data, suffix)
    except DocumentError as error:
        assert_readable_error(error)
    # Markup formats may decode random bytes as (garbage) text; they must not crash.


# --- seed minutes ----------------------------------------------------------------------------

# What each seed must yield somewhere in its lines; unknown seeds need any one of them.
SEED_MARKERS = {
    "000": "Sak",
    "001": "Saknr",
    "002": "Fokusområde",
    "003": "Forslag til vedtak",
    "004": "2023.30",
}


def _seed_files() -> list[Path | None]:
    files: list[Path | None] = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return files or [None]


@pytest.mark.parametrize(
    "path", _seed_files(), ids=lambda p: p.name if isinstance(p, Path) else "no-seeds"
)
def test_seed_minutes_read(path: Path | None) -> None:
    if path is None:
        pytest.skip(f"seed folder {SEEDS} is absent (or has no .txt files)")
    document = read_document(path)
    assert document.format == "txt"
    assert document.encoding == "utf-8"
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    marker = SEED_MARKERS.get(path.name[:3])
    markers = [marker] if marker else list(SEED_MARKERS.values())
    assert any(m in line.text for line in document.lines for m in markers), markers
    # Nothing lost: the lines joined are the file (modulo the final newline).
    assert document.text == path.read_text(encoding="utf-8").removesuffix("\n")
