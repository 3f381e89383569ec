"""What the readers mark beyond the text: heading levels, whole-line bold, pages from form
feeds, Markdown front matter and HTML metadata as labelled lines, and the LaTeX and Typst
readers. Near misses sit beside each rule: they must NOT be marked."""

from __future__ import annotations

import contextlib
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from minutes.errors import DocumentError, UnreadableDocument
from minutes.model import DocumentText, Line
from minutes.readers import SUPPORTED_SUFFIXES, read_bytes, read_document

from .docfactory import make_pdf, write

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"


def texts(document: DocumentText) -> list[str]:
    return [line.text for line in document.lines]


def marks(document: DocumentText) -> list[tuple[str, int, bool]]:
    """(text, heading, bold) of every non-empty line."""
    return [(line.text, line.heading, line.bold) for line in document.lines if line.text]


def line(document: DocumentText, text: str) -> Line:
    found = [candidate for candidate in document.lines if candidate.text == text]
    assert len(found) == 1, (text, texts(document))
    return found[0]


# --- Markdown: headings and bold ---------------------------------------------------------

MARKDOWN = """\
# Møtereferat
## Sak 1: **Budsjett** ##
### Sak 1.1 {#sak-1-1}
#hashtag er ikke en overskrift
####### sju er for mange

Setext én
=========
Setext to
---------

**Vedtak**
__Vedtak__
***Begge deler***
**Vedtak:** godkjent
**Sak 1** og **Sak 2**
Tekst med **fet** inni
** ikke fet **
- **Ansvar**
- vanlig punkt
1. **Nummerert**
## **Fet overskrift**
"""


def test_markdown_heading_levels_and_bold() -> None:
    assert marks(read_bytes(MARKDOWN.encode(), ".md")) == [
        ("Møtereferat", 1, False),
        ("Sak 1: Budsjett", 2, False),  # bold inside a heading is not a bold line
        ("Sak 1.1", 3, False),  # the kramdown anchor is markup
        ("#hashtag er ikke en overskrift", 0, False),
        ("####### sju er for mange", 0, False),
        ("Setext én", 1, False),
        ("Setext to", 2, False),
        ("Vedtak", 0, True),
        ("Vedtak", 0, True),
        ("Begge deler", 0, True),
        ("Vedtak: godkjent", 0, False),
        ("Sak 1 og Sak 2", 0, False),
        ("Tekst med fet inni", 0, False),
        ("** ikke fet **", 0, False),
        ("- Ansvar", 0, True),  # the list marker is not part of the item's text
        ("- vanlig punkt", 0, False),
        ("1. Nummerert", 0, True),
        ("Fet overskrift", 2, True),
    ]


def test_markdown_code_and_tables_carry_no_marks() -> None:
    data = b"```\n# ikke overskrift\n**ikke fet**\n```\n| **a** | b |\n|---|---|\n"
    assert marks(read_bytes(data, ".md")) == [
        ("# ikke overskrift", 0, False),
        ("**ikke fet**", 0, False),
        ("a\tb", 0, False),
    ]


# --- Markdown: front matter --------------------------------------------------------------

FRONT_MATTER = """\
---
layout: meeting
title: "Første møte vår 2016"
dato: 2023-08-30   # kommentar
motenr: 19
tema: 'Møtet''s tema'
time: 16:15:00
referent: "Henning Lund-Hanssen"
attending:
    - cyb, Jan Furulund
    - dagen, Andreas Lind-Johansen
present:
  - Kari
  - "Ola"
apologies: [Per, "Pål, jr."]
not_attending:
notes: >
  Først linje
  og andre
extra:
  nested: value
---
# Sak 1 Godkjenning

---

Etter en linje.
"""


def test_front_matter_becomes_labelled_lines() -> None:
    document = read_bytes(FRONT_MATTER.encode(), ".md")
    assert texts(document) == [
        "layout: meeting",
        "title: Første møte vår 2016",
        "dato: 2023-08-30",
        "motenr: 19",
        "tema: Møtet's tema",
        "time: 16:15:00",
        "referent: Henning Lund-Hanssen",
        # items that hold commas themselves are kept apart by semicolons
        "attending: cyb, Jan Furulund; dagen, Andreas Lind-Johansen",
        "present: Kari, Ola",
        "apologies: Per; Pål, jr.",
        # not_attending has no value: no empty label that would take the next line's text
        "notes: Først linje og andre",
        "extra: nested: value",
        "",
        "Sak 1 Godkjenning",
        "",
        "",  # a rule further down stays a rule: not front matter
        "",
        "Etter en linje.",
    ]
    assert line(document, "Sak 1 Godkjenning").heading == 1
    assert all(not ln.heading for ln in document.lines[:12])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # a rule at the top, then prose: a setext heading, not front matter
        ("---\nBare tekst her\n---\nMer\n", ["", "Bare tekst her", "Mer"]),
        # never closed: not front matter
        ("---\ntitle: x\n\n# Sak 1\n", ["", "title: x", "", "Sak 1"]),
        # not at the very top
        ("\n---\ntitle: x\n---\n", ["", "", "title: x"]),
    ],
)
def test_front_matter_near_misses(source: str, expected: list[str]) -> None:
    assert texts(read_bytes(source.encode(), ".md")) == expected


def test_empty_front_matter_goes() -> None:
    assert texts(read_bytes(b"---\n---\n\n# DSF Board monthly meeting\n", ".md")) == [
        "",
        "DSF Board monthly meeting",
    ]


def test_real_forum_notes_front_matter() -> None:
    document = read_document(GOLD / "no-fhir-forum" / "fhir-fagforum-2020-11-04.md")
    assert texts(document)[:6] == [
        "layout: default",
        "title: Referat FHIR fagforum møte nr 1",
        "motenr: 1",
        "dato: 2020-11-04",
        "tema: Konstituerende møte",
        "",
    ]
    assert line(document, "Møte 1 i FHIR fagforum").heading == 1


def test_real_student_board_front_matter() -> None:
    document = read_document(GOLD / "no-student-board-md" / "fordelingsutvalget-2016-04-01.md")
    assert "referent: Andreas Lind Johansen" in texts(document)
    assert "time: 16:15:00" in texts(document)
    assert "not_attending: prognett, studentavis, ping, mikro" in texts(document)
    assert (
        "attending: cyb, Jan Furulund; dagen, Magnus Thorstensen; navet, Kristin Brænden; "
        "maps, Tore Norderud; pisk, Axel Rosen; fui, Johan Håvik"
    ) in texts(document)
    assert "{:toc}" not in texts(document)


# --- HTML --------------------------------------------------------------------------------

HTML = """\
<html><head><title>Referat styremøte 12.03.2024 - Foreningen</title>
<meta name="date" content="2024-03-12"></head><body>
<p>Til stede: Kari</p>
<h2>Sak 1 <b>Budsjett</b></h2>
<h3>Sak 1.1</h3>
<p><b>Vedtak</b></p>
<p><strong>Vedtak:</strong> godkjent</p>
<p><span style="font-weight: bold">Ansvar</span></p>
<p><b>Fet linje</b><br>vanlig linje</p>
<ul><li><strong>Punkt</strong></li><li>vanlig</li></ul>
<div>Tekst med <b>fet</b> inni</div>
</body></html>
"""


def test_html_heading_levels_bold_and_metadata() -> None:
    assert marks(read_bytes(HTML.encode(), ".html")) == [
        ("Referat styremøte 12.03.2024 - Foreningen", 1, False),  # <title>: body has no heading
        ("Date: 2024-03-12", 0, False),
        ("Til stede: Kari", 0, False),
        ("Sak 1 Budsjett", 2, False),
        ("Sak 1.1", 3, False),
        ("Vedtak", 0, True),
        ("Vedtak: godkjent", 0, False),
        ("Ansvar", 0, True),
        ("Fet linje", 0, True),
        ("vanlig linje", 0, False),
        ("- Punkt", 0, True),
        ("- vanlig", 0, False),
        ("Tekst med fet inni", 0, False),
    ]


def test_html_title_is_left_out_when_the_body_opens_with_a_heading() -> None:
    page = b"<title>Site - Referat</title><meta name=date content=2024-03-12><h1>Referat</h1>x"
    assert texts(read_bytes(page, ".html")) == ["Date: 2024-03-12", "", "Referat", "x"]


# --- DOCX --------------------------------------------------------------------------------


def _outline_level(paragraph: docx.text.paragraph.Paragraph, level: int) -> None:
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    paragraph._p.get_or_add_pPr().append(element)


def test_docx_heading_styles_and_bold(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Møtereferat", style="Title")
    word.add_heading("Sak 1 Budsjett", level=1)
    word.add_heading("Sak 1.1", level=2)
    norwegian = word.styles.add_style("Overskrift 3", WD_STYLE_TYPE.PARAGRAPH)
    word.add_paragraph("Norsk stil", style=norwegian)
    case_title = word.styles.add_style("Sakstittel", WD_STYLE_TYPE.PARAGRAPH)
    case_title.base_style = word.styles["Heading 2"]
    word.add_paragraph("Egen stil", style=case_title)
    _outline_level(word.add_paragraph("Disposisjonsnivå"), 0)
    strong = word.styles.add_style("Sterk avsnitt", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    word.add_paragraph("Fet via stil", style=strong)
    not_bold = word.add_paragraph(style=strong)
    not_bold.add_run("Fet stil, ").bold = None
    not_bold.add_run("men ikke her").bold = False  # w:b w:val="0" switches the style off
    word.add_paragraph().add_run("Helt fet").bold = True
    mixed = word.add_paragraph()
    mixed.add_run("Vedtak:").bold = True
    mixed.add_run(" godkjent")
    broken = word.add_paragraph()
    run = broken.add_run("Fet først")
    run.bold = True
    run.add_break()
    broken.add_run("så vanlig")
    character = word.styles.add_style("Sterk tegn", WD_STYLE_TYPE.CHARACTER)
    character.font.bold = True
    word.add_paragraph().add_run("Fet via tegnstil", style=character)
    word.add_paragraph("Vanlig tekst")
    word.add_paragraph("Punkt", style="List Bullet").runs[0].bold = True
    word.save(tmp_path / "referat.docx")
    assert marks(read_document(tmp_path / "referat.docx")) == [
        ("Møtereferat", 1, False),
        ("Sak 1 Budsjett", 1, True),  # Word's heading styles are bold themselves
        ("Sak 1.1", 2, True),
        ("Norsk stil", 3, False),
        ("Egen stil", 2, True),  # based on Heading 2
        ("Disposisjonsnivå", 1, False),
        ("Fet via stil", 0, True),
        ("Fet stil, men ikke her", 0, False),
        ("Helt fet", 0, True),
        ("Vedtak: godkjent", 0, False),
        ("Fet først", 0, True),
        ("så vanlig", 0, False),
        ("Fet via tegnstil", 0, True),
        ("Vanlig tekst", 0, False),
        ("- Punkt", 0, True),
    ]


def test_docx_table_rows_carry_no_marks(tmp_path: Path) -> None:
    word = docx.Document()
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Sak 1").bold = True
    table.cell(0, 1).text = "Godkjent"
    word.save(tmp_path / "tabell.docx")
    assert marks(read_document(tmp_path / "tabell.docx")) == [("Sak 1\tGodkjent", 0, False)]


# --- text and PDF ------------------------------------------------------------------------


def test_txt_form_feeds_give_pages_and_keep_line_numbers() -> None:
    document = read_bytes(b"Side en\nmer\n\x0cSide to\nSlutt\x0cSide tre\nsiste\n", ".txt")
    assert [(line.number, line.page, line.text) for line in document.lines] == [
        (1, 1, "Side en"),
        (2, 1, "mer"),
        (3, 2, "\x0cSide to"),  # the text is kept exactly; the line starts page 2
        (4, 2, "Slutt\x0cSide tre"),  # starts on page 2; the next line is on page 3
        (5, 3, "siste"),
    ]


def test_txt_without_form_feed_has_no_pages() -> None:
    document = read_bytes(b"Side en\nSide to\n", ".txt")
    assert [line.page for line in document.lines] == [None, None]


def test_plain_formats_mark_nothing() -> None:
    txt = read_bytes(b"# Sak 1\n**Vedtak**\n", ".txt")
    pdf = read_bytes(make_pdf([["# Sak 1", "**Vedtak**"]]), ".pdf")
    for document in (txt, pdf):
        assert all(line.heading == 0 and not line.bold for line in document.lines)


# --- LaTeX -------------------------------------------------------------------------------

LATEX = r"""\documentclass[protokoll]{dvd}
\usepackage{graphicx}
\newcommand{\ordf}{Kari Nordmann}
\def\plats{Rom 1}
% \title{Bortkommentert}
\title{Styrelsemöte 2}
\author{Styrelsen 2024}
\date{15\,november 2024}
\begin{document}
\maketitle
\textbf{Datum:} \csname @date\endcsname\\
\textbf{Plats:} \plats\\
\textbf{Närvarande:}
\begin{närvarande}
    \medlem[Ordförande]{\ordf}{Ja}
    \medlem[Kassör]{Per~Olsen}{Nej}
\end{närvarande}

\section{Öppnande av möte}
Mötet öppnas av \ordf{} klockan 15:17. % en kommentar
50\% av medlemmarna \& gäster, 7 kap. 5 \S, fil\_namn, ``citat'', 2021--2022, Malm\"o.
\subsection*{Val av justerare}
\begin{beslut}
    \item \emph{Per} väljs till justerare.
\end{beslut}
\begin{itemize}
    \item[a)] första
    \item andra
\end{itemize}
\subsubsection{Åtaganden}
\begin{åtagande}
    \item Kari skickar kallelsen.
\end{åtagande}
\begin{center}
\begin{tabular}{|l|l|}
\hline
Namn & Roll \\ \hline
Kari & Ordförande \\
\end{tabular}
\end{center}
\textbf{Vedtak:} godkänt\\
Se \url{https://example.se/a_b%20c} och \href{https://x.se}{sidan}, \verb|a_b%c|.
\input{bilaga}
\styrelsesignaturer
\end{document}
Detta efter slutet syns inte.
"""


def test_latex_document() -> None:
    document = read_bytes(LATEX.encode(), ".tex")
    assert document.format == "tex"
    assert marks(document) == [
        ("Styrelsemöte 2", 1, False),
        ("Date: 15 november 2024", 0, False),
        ("Author: Styrelsen 2024", 0, False),
        ("Datum: 15 november 2024", 0, False),
        ("Plats: Rom 1", 0, False),
        ("Närvarande:", 0, True),
        ("Närvarande:", 0, False),  # the environment's label
        ("Ordförande\tKari Nordmann\tJa", 0, False),
        ("Kassör\tPer Olsen\tNej", 0, False),
        ("Öppnande av möte", 1, False),
        ("Mötet öppnas av Kari Nordmann klockan 15:17.", 0, False),
        ('50% av medlemmarna & gäster, 7 kap. 5 §, fil_namn, "citat", 2021–2022, Malmö.', 0, False),
        ("Val av justerare", 2, False),
        ("Beslut:", 0, False),
        ("- Per väljs till justerare.", 0, False),
        ("- a) första", 0, False),  # itemize is layout: no label
        ("- andra", 0, False),
        ("Åtaganden", 3, False),
        ("Åtagande:", 0, False),
        ("- Kari skickar kallelsen.", 0, False),
        ("Namn\tRoll", 0, False),
        ("Kari\tOrdförande", 0, False),
        ("Vedtak: godkänt", 0, False),  # bold label, not a bold line
        ("Se https://example.se/a_b%20c och sidan (https://x.se), a_b%c.", 0, False),
        ("(included file: bilaga)", 0, False),
    ]


def test_latex_chapter_shifts_section_levels() -> None:
    source = rb"\begin{document}\chapter{Protokoll}\section{Sak 1}\subsection{Del}\end{document}"
    assert marks(read_bytes(source, ".tex")) == [
        ("Protokoll", 1, False),
        ("Sak 1", 2, False),
        ("Del", 3, False),
    ]


def test_latex_near_misses() -> None:
    source = (
        rb"\date{\today}"
        b"\n\\begin{document}\n"
        rb"Rabatt 50\% % och detta ar en kommentar"
        b"\n"
        rb"\textbf{Sak} och \textbf{mer}"
        b"\n"
        rb"{\bfseries Helt fet}"
        b"\n"
        rb"\end{document}"
    )
    assert marks(read_bytes(source, ".tex")) == [
        ("Rabatt 50%", 0, False),  # \% is text; the comment after it goes
        ("Sak och mer", 0, False),  # bold twice, but not the whole line
        ("Helt fet", 0, True),
    ]  # \date{\today} is the day it was typeset, not a date to show


def test_latex_with_only_a_preamble_is_empty() -> None:
    with pytest.raises(UnreadableDocument, match=r"^empty document$"):
        read_bytes(rb"\title{Protokoll}\begin{document}\maketitle\end{document}", ".tex")


def test_latex_real_board_minutes() -> None:
    document = read_document(GOLD / "sv-board-protocol" / "dvd-styrelsen-2021-08-26.tex")
    assert texts(document)[:3] == ["Styrelsemöte 2", "Date: 2021-08-26", "Author: Styrelsen 2021"]
    assert document.lines[0].heading == 1
    assert "Datum: 2021-08-26" in texts(document)
    assert "Tid: 15:00" in texts(document)
    assert "Ordförande\tAlbin Otterhäll\tJa" in texts(document)
    assert line(document, "Formalia").heading == 1
    assert line(document, "Styrelsens beslutbarhet").heading == 2
    decision = texts(document).index("- Morgan Thowsen väljs till protokolljusterare.")
    assert texts(document)[decision - 1] == "Beslut:"
    assert texts(document).count("Åtagande:") == 3
    assert "Mötet avslutas av Albin Otterhäll klockan 16:42." in texts(document)
    assert not any("\\" in text or "{" in text for text in texts(document))


def test_latex_real_general_meeting_drops_commented_sections() -> None:
    document = read_document(GOLD / "sv-board-protocol" / "dvd-divisionsstamman-2023-02-22.tex")
    assert "Date: 2023-02-22" in texts(document)
    assert line(document, "Divisionsstämmans beslutbarhet").heading == 2
    assert "Attsatser:" in texts(document)
    assert "Vice ordförande\tVakant" in texts(document)
    assert not any("Verksamhetsrapport" in text for text in texts(document))  # % commented


# --- Typst -------------------------------------------------------------------------------

TYPST = """\
#import "DVD.typ": setupDocument, attSatser, deltagere
#set text(lang: "sv")
#let time = "17:17"
#let sekreterare = "Kari Nordmann"
#show: setupDocument.with(
  time: time,
  title: "",
  date: datetime(year: 2024, month: 3, day: 5), // mötets datum
  location: "EA",
)

/* en kommentar
   över flera rader */
#deltagere(
    styrelsen: true,
    [Samuel Hammersberg], [Ja],
    [_vakant_], [], // ingen
    [Tim Persson], [Nej],
)

= Öppnande av möte <oppnande>
Mötet öppnades #time av #sekreterare. \\
Se https://example.se/protokoll och #link("https://x.se")[sidan].

== Val av justerare
=== Förslag
#attSatser([
    Per väljs till justerare.
])
*Beslut*
*Beslut:* bifalles
Här *bestämmer* styrelsen, snake_case och 2 * 3 står kvar, \\#ingen och \\*ingen\\*.
- första
+ andra
/ Term: förklaring
#table(columns: 2, [Namn], [Roll], [Kari], [Ordförande])
a = b är ingen rubrik
=ingen rubrik heller
#include "bilaga.typ"
#pagebreak()
"""


def test_typst_document() -> None:
    document = read_bytes(TYPST.encode(), ".typ")
    assert document.format == "typ"
    assert marks(document) == [
        ("Time: 17:17", 0, False),
        ("Date: 2024-03-05", 0, False),
        ("Location: EA", 0, False),
        ("Samuel Hammersberg\tJa", 0, False),
        ("vakant\t", 0, False),  # an empty cell keeps its column
        ("Tim Persson\tNej", 0, False),
        ("Öppnande av möte", 1, False),
        ("Mötet öppnades 17:17 av Kari Nordmann.", 0, False),
        ("Se https://example.se/protokoll och sidan (https://x.se).", 0, False),
        ("Val av justerare", 2, False),
        ("Förslag", 3, False),
        ("Per väljs till justerare.", 0, False),
        ("Beslut", 0, True),
        ("Beslut: bifalles", 0, False),
        ("Här bestämmer styrelsen, snake_case och 2 * 3 står kvar, #ingen och *ingen*.", 0, False),
        ("- första", 0, False),
        ("- andra", 0, False),
        ("- Term: förklaring", 0, False),
        ("Namn\tRoll", 0, False),
        ("Kari\tOrdförande", 0, False),
        ("a = b är ingen rubrik", 0, False),
        ("=ingen rubrik heller", 0, False),
        ("(included file: bilaga.typ)", 0, False),
    ]


def test_typst_real_board_minutes() -> None:
    document = read_document(GOLD / "sv-board-protocol" / "dvd-styrelsen-2024-11-15.typ")
    assert texts(document)[:2] == ["Time: 12:00", "Date: 2024-11-15"]
    assert "Samuel Hammersberg\tJa" in texts(document)
    assert "Mötet planeras att öppnas 12:00" in texts(document)
    assert line(document, "Formalia").heading == 1
    assert line(document, "Styrelsens beslutbarhet").heading == 2
    decision = texts(document).index("Beslut:")
    assert document.lines[decision].heading == 3
    assert texts(document)[decision + 1] == "bifalles"
    assert "Här bestämmer disktuerar och bestämmer styrelsen diverse saker." in texts(document)
    assert not any("#" in text or "[" in text for text in texts(document))


# --- registration and bad input ----------------------------------------------------------


def test_tex_and_typ_are_supported_files(tmp_path: Path) -> None:
    assert {".tex", ".typ"} <= set(SUPPORTED_SUFFIXES)
    tex = write(tmp_path, "protokoll.TEX", rb"\section{Sak 1}Godk\"ant")
    typ = write(tmp_path, "protokoll.typ", "= Sak 1\nGodkänt".encode("cp1252"))
    assert texts(read_document(tex)) == ["Sak 1", "Godkänt"]
    assert texts(read_document(typ)) == ["Sak 1", "Godkänt"]  # decoded as text files are


@pytest.mark.parametrize(
    ("suffix", "data"),
    [
        (".tex", b"{" * 100_000 + b"x"),
        (".typ", b"#f[" * 100_000 + b"x"),
        (".typ", b"#f([" * 100_000),
    ],
)
def test_nesting_too_deep_is_a_clear_error(suffix: str, data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="nested too deeply to read"):
        read_bytes(data, suffix)


@pytest.mark.parametrize(
    "name",
    ["dvd-styrelsen-2021-08-26.tex", "dvd-divisionsstamman-2023-02-22.tex",
     "dvd-styrelsen-2024-11-15.typ"],
)  # fmt: skip
def test_cut_real_sources_read_or_fail_cleanly(name: str) -> None:
    """A file cut anywhere (unclosed groups, strings, comments) never crashes the reader."""
    data = (GOLD / "sv-board-protocol" / name).read_bytes()
    suffix = Path(name).suffix
    for cut in range(0, len(data), max(len(data) // 97, 1)):
        for piece in (data[:cut], data[cut:]):
            with contextlib.suppress(DocumentError):
                read_bytes(piece, suffix)
