"""Reading is bounded by the input (issue 19, item 1): hostile lines read in linear time, and
a document whose text is beyond any minutes is refused quickly with a reason.

Before these bounds: one 200 KB Markdown line of "**a " took 97 s to read, a 40 KB line of
"[a" or "<!--" seconds; a 200 KB word 15 s of compound splitting; a 1.3 MB .docx holding
250,000 paragraphs minutes; 200 PDF pages sharing one stream about a minute."""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from collections.abc import Callable

import docx
import pytest

from assistant.document_parsing import parse_bytes
from minutes.errors import UnreadableDocument
from minutes.parser import MAX_CASES, parse_minutes
from minutes.readers import read_bytes
from minutes.readers.markdown import inline_to_text, markdown_to_lines
from tests.minutes.docfactory import make_pdf

LINE = 200_000  # characters in each hostile line


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(UnreadableDocument):  # "```…" opens a fence: nothing to read
        action()
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "unit",
    [
        "**a ",  # the attack: bold openers that never close
        "__a ",
        "*a ",
        "_a ",
        "~~a ",
        "`",  # one run of backticks
        "``a`",
        "<!--",  # comments that never close
        "[a",  # link labels that never close
        "[a](",
        "[a](b (",
        "![a",
        "[a][",
        "<a@b",
        "www.",
        "{#a ",
        " ",
    ],
)
@pytest.mark.parametrize("prefix", ["", "# ", "- ", "| "])
def test_a_hostile_markdown_line_reads_in_linear_time(unit: str, prefix: str) -> None:
    line = prefix + unit * (LINE // len(unit)) + "x|"
    assert timed(lambda: read_bytes(line.encode(), ".md")) < 1.0


def test_hostile_table_and_heading_lines_read_in_linear_time() -> None:
    for line in (
        " " * LINE + "x|",  # a delimiter row's optional spaces, then no dashes
        "|-" + " " * LINE + "x",
        "# " + " " * LINE + "x",  # spaces before an optional closing run of #
        "# " + "#" * LINE + "x",
    ):
        assert timed(lambda line=line: read_bytes(line.encode(), ".md")) < 1.0


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**Vedtak:** Saken tas til orientering", "Vedtak: Saken tas til orientering"),
        ("*kursiv* og __sterk__ og ~~strøket~~", "kursiv og sterk og strøket"),
        ("***begge***", "begge"),
        ("snake_case_name og 2*3*4", "snake_case_name og 2*3*4"),  # not emphasis
        ("_my_var_ i koden", "my_var i koden"),
        ("**a ** b", "**a ** b"),  # a closer after a space is none
        ("`kode med *stjerne*` her", "kode med *stjerne* her"),
        ("``a ` b`` og `c`", "a ` b og c"),
        ("en ``` uten partner", "en ``` uten partner"),
        ("før <!-- skjult --> etter <!-- åpen", "før  etter <!-- åpen"),
        (
            "[Saksliste](https://x.no/a_b_c) og ![bilde](b.png)",
            "Saksliste (https://x.no/a_b_c) og ",
        ),
        ("[a [b] c](https://x.no)", "[a [b] c](https://x.no)"),  # nested label: no link
    ],
)
def test_inline_markup_still_goes(markdown: str, text: str) -> None:
    assert inline_to_text(markdown) == text


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("## Sak 1 ##", ("Sak 1", 2)),
        ("# C#", ("C#", 1)),
        ("### Sak #5", ("Sak #5", 3)),
        ("## Sak 2 {#sak-2}", ("Sak 2", 2)),
        ("#Sak", ("#Sak", 0)),  # no space: not a heading
        ("####### sju", ("####### sju", 0)),
    ],
)
def test_headings_still_read(line: str, heading: tuple[str, int]) -> None:
    [marked] = markdown_to_lines(line)
    assert (marked.text, marked.heading) == heading


def test_table_delimiter_rows_are_still_recognised() -> None:
    lines = markdown_to_lines("| Sak | Vedtak |\n|---|:--:|\n| 1/23 | a - b |\n")
    assert [m.text for m in lines] == ["Sak\tVedtak", "1/23\ta - b"]
    assert [m.text for m in markdown_to_lines("a | b\n- | --x\n")] == ["a | b", "- | --x"]


def test_a_long_word_is_not_split_into_compounds() -> None:
    """The worker's whole job (read, parse, index weights) for a .txt with one 200 KB word."""
    data = b"Sak 1/23 Budsjett\n\n" + b"a" * LINE + b"\n"
    seconds = timed(
        lambda: parse_bytes(data, name="word.txt", path=None, committee=None, max_bytes=1 << 25)
    )
    assert seconds < 2.0


def docx_of(paragraphs: list[str]) -> bytes:
    """A .docx whose body holds these paragraphs (XML written directly: python-docx would
    take minutes to add 100,000)."""
    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("x")
    document.save(made)
    source = zipfile.ZipFile(made)
    xml = source.read("word/document.xml").decode()
    at = xml.index("<w:body>") + len("<w:body>")
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = xml[:at] + body + xml[at:] if info.filename == "word/document.xml" else None
            archive.writestr(info.filename, part or source.read(info))
    return out.getvalue()


def test_a_docx_unpacking_to_too_much_is_refused_before_reading_paragraphs() -> None:
    data = docx_of([f"Sak {i}/23 Tema {i}" for i in range(100_000)])
    assert len(data) < 1_000_000  # small on disk
    start = time.perf_counter()
    with pytest.raises(UnreadableDocument, match="document too large after unpacking"):
        read_bytes(data, ".docx")
    assert time.perf_counter() - start < 5.0


def test_too_many_cases_are_refused() -> None:
    text = "Møte i SSU 12.03.2023\n\n" + "\n\n".join(
        f"Sak {i}/23 Tema {i}" for i in range(1, MAX_CASES + 500)
    )
    document = read_bytes(text.encode(), ".txt")
    with pytest.raises(UnreadableDocument, match=f"the limit is {MAX_CASES:,}"):
        parse_minutes(document)


def test_too_much_text_is_refused() -> None:
    with pytest.raises(UnreadableDocument, match="characters of text; the limit is 4,000,000"):
        read_bytes(b"Sak 1 " + b"ord " * 1_100_000, ".txt")


def test_pdf_pages_sharing_one_big_stream_are_refused_before_extraction() -> None:
    one_page = make_pdf([[f"Sak {i}/23 linje {i} " * 3 for i in range(1500)]])
    pages = 200  # every page is the same page object, so it shares its content stream
    kids = b"/Kids [" + b" ".join([b"4 0 R"] * pages) + f"] /Count {pages}".encode()
    data = one_page.replace(b"/Kids [4 0 R] /Count 1", kids)
    start = time.perf_counter()
    with pytest.raises(UnreadableDocument, match="drawing instructions; the limit is 16 MB"):
        read_bytes(data, ".pdf")
    assert time.perf_counter() - start < 5.0
    assert len(read_bytes(one_page, ".pdf").lines) == 1500  # one such page still reads


@pytest.mark.parametrize(
    "field",
    [
        "key: a" + " " * LINE + "#x",  # before: minutes (a lazy value, then optional blanks)
        "key: " + " " * LINE + "x",
        "- " + " " * LINE + "x",
        "k: " + "a #" * (LINE // 3),
    ],
)
def test_hostile_front_matter_reads_in_linear_time(field: str) -> None:
    source = f"---\n{field}\n---\nSak 1 Åpning\n"
    assert timed(lambda: read_bytes(source.encode(), ".md")) < 1.0


def test_front_matter_fields_still_read() -> None:
    source = "---\ndato: 2023-08-30   # fra malen\ntittel:  Møte i SSU  \nsted:\n  - Drammen\n---\n"
    lines = [m.text for m in markdown_to_lines(source + "Sak 1\n")]
    assert lines[:3] == ["dato: 2023-08-30", "tittel: Møte i SSU", "sted: Drammen"]


@pytest.mark.parametrize("unit", [" <a", "<a/", "a <", '<a b="', "<!--", "&#"])
def test_a_hostile_html_line_reads_in_linear_time(unit: str) -> None:
    """Before: the standard library's HTML parser rescanned each unclosed tag to the end
    (" <a" x 5,000: 2 s, x 65,000: minutes); lxml's parser reads the same tree, in C."""
    line = "<p>" + unit * (LINE // len(unit)) + "x</p>"
    assert timed(lambda: read_bytes(line.encode(), ".html")) < 1.0


def test_a_docx_whose_xml_unpacks_past_the_limit_is_refused_before_parsing() -> None:
    """41 MB of XML that packs to a few hundred KB: refused from the zip's directory alone
    (python-docx would hold the whole tree in memory first)."""
    filler = "<w:p><w:r><w:t>Sak</w:t></w:r></w:p>" * 1_200_000
    source = zipfile.ZipFile(io.BytesIO(docx_of([])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        archive.writestr("word/glossary.xml", filler)
    start = time.perf_counter()
    with pytest.raises(
        UnreadableDocument, match=r"document too large after unpacking: the \.docx's XML"
    ):
        read_bytes(out.getvalue(), ".docx")
    assert time.perf_counter() - start < 1.0
