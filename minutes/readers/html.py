"""HTML -> lines, for whole documents and for HTML fragments inside table cells.

Parsed with lxml, not the standard library's html.parser: that one rescans every unclosed
tag to the end of the input (a line of "<a <a <a …" cost its length squared); on real pages
and on every gold document both give the same lines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText
from minutes.readers._lines import (
    Marked,
    cell_markup,
    collapse_spaces,
    tidy_blank_lines,
    tidy_blank_marked,
    to_document,
)
from minutes.readers.text import decode_text, split_lines

_DROP = ("script", "style", "head", "title", "noscript", "template")
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"ul", "ol"})
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BOLD = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_DATE_META = frozenset({"date", "dc.date", "dcterms.date"})
_BLOCKS = _PARAGRAPHS | _LISTS | frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "header", "hr", "html", "legend", "li", "main", "nav", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    }
)  # fmt: skip

# "•" starts a list item anywhere (real minutes type it inside <ul> without <li>); "·" only
# at the start, where Word's HTML export puts its Symbol-font bullet.
_BULLET_SPLIT = re.compile(r"(?:^|\s)•\s*|^·\s+")
# " - " as a bullet only inside <ul>/<ol> text that itself starts with "- ".
_DASH_SPLIT = re.compile(r"(?:^|\s)-\s+")
_LEADING_BULLET = re.compile(r"^(?:[•·▪◦‣]\s*|-\s+)")

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""", re.I)
# As browsers do (WHATWG Encoding): these labels mean windows-1252 in practice.
_MEANS_CP1252 = frozenset({"ascii", "iso8859-1", "latin-1"})


def _split_items(text: str, *, dash_bullets: bool) -> list[str]:
    """Split collapsed text at typed bullets; every item after a bullet starts with "- "."""
    pattern = _DASH_SPLIT if dash_bullets and text.startswith("- ") else _BULLET_SPLIT
    head, *items = pattern.split(text)
    lines = [head.strip()] if head.strip() else []
    lines += [f"- {item.strip()}" for item in items if item.strip()]
    return lines


@dataclass
class _Writer:
    """Collects inline text into lines while the tree walk reports block boundaries."""

    lines: list[Marked] = field(default_factory=list)
    # Inline text waiting for the end of its line: (text, inside b/strong, heading level).
    buffer: list[tuple[str, bool, int]] = field(default_factory=list)
    in_list_text: bool = False  # the buffered text sits directly inside <ul>/<ol>
    item_prefix: str | None = None  # "- " waiting for the first line of an <li>
    paragraph_ended: bool = False  # the next <p>/<hN> is separated by one empty line

    def text(self, value: str, *, in_list: bool, bold: bool, heading: int) -> None:
        self.buffer.append((value, bold, heading))
        self.in_list_text = in_list

    def flush(self, *, line_break: bool = False) -> None:
        text = collapse_spaces("".join(piece for piece, _, _ in self.buffer))
        visible = [(bold, heading) for piece, bold, heading in self.buffer if piece.strip()]
        self.buffer.clear()
        if not text:
            if line_break:
                self.lines.append(Marked(""))  # <br><br> is a visible empty line
            return
        if self.item_prefix is not None:
            text = self.item_prefix + _LEADING_BULLET.sub("", text)
            self.item_prefix = None
        bold = all(b for b, _ in visible)  # b/strong around all of the line's text
        heading = visible[0][1]
        items = _split_items(text, dash_bullets=self.in_list_text)
        self.lines.extend(Marked(item, heading, bold) for item in items)

    def start_block(self, name: str) -> None:
        self.flush()
        if name in _PARAGRAPHS and self.paragraph_ended and self.lines:
            self.lines.append(Marked(""))
        self.paragraph_ended = False
        if name == "li":
            self.item_prefix = "- "

    def end_block(self, name: str) -> None:
        self.flush()
        self.paragraph_ended = name in _PARAGRAPHS
        if name == "li":
            self.item_prefix = None

    def row(self, tr: Tag) -> None:
        # One line per row; paragraphs inside a cell stay paragraphs (see cell_markup).
        self.start_block("tr")
        cells = [_cell_text(cell) for cell in tr.find_all(["td", "th"], recursive=False)]
        line = "\t".join(cells)
        self.lines.append(Marked(line if line.strip() else ""))

    def preformatted(self, pre: Tag) -> None:
        self.start_block("pre")
        self.lines.extend(Marked(line.rstrip()) for line in split_lines(pre.get_text()))


def _cell_text(cell: Tag) -> str:
    inner = _Writer()
    _walk(cell, inner, in_list=False)
    inner.flush()
    return cell_markup(line.text.replace("\t", " ") for line in inner.lines)


def _is_bold(tag: Tag) -> bool:
    if tag.name in _BOLD:
        return True
    style = tag.get("style")
    return isinstance(style, str) and _BOLD_STYLE.search(style) is not None


def _walk(
    node: Tag, writer: _Writer, *, in_list: bool, bold: bool = False, heading: int = 0
) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                writer.text(str(child), in_list=in_list, bold=bold, heading=heading)
        elif not isinstance(child, Tag):
            continue
        elif child.name == "br":
            writer.flush(line_break=True)
        elif child.name == "tr":
            writer.row(child)
        elif child.name == "pre":
            writer.preformatted(child)
        elif child.name in _BLOCKS:
            writer.start_block(child.name)
            level = _HEADINGS.get(child.name, heading)
            inner_bold = bold or _is_bold(child)
            _walk(child, writer, in_list=child.name in _LISTS, bold=inner_bold, heading=level)
            writer.end_block(child.name)
        else:
            # Inline element: same line, same container.
            _walk(child, writer, in_list=in_list, bold=bold or _is_bold(child), heading=heading)


def _marked_lines(soup: BeautifulSoup | Tag) -> list[Marked]:
    # The same tags find_all(_DROP) finds, in the same order: bs4 sets a filter up for each
    # find_all, which cost a table cell more than reading it.
    for tag in [t for t in soup.descendants if isinstance(t, Tag) and t.name in _DROP]:
        tag.decompose()
    writer = _Writer()
    try:
        _walk(soup, writer, in_list=False)
    except RecursionError as exc:
        raise UnreadableDocument("HTML is nested too deeply to read") from exc
    writer.flush()
    return tidy_blank_marked(writer.lines)  # no rstrip: a row may end in empty cells (TABs)


def html_to_lines(fragment: str) -> list[str]:
    """HTML (a whole document or a fragment) -> text lines.

    Block elements start lines, <li> and typed bullets become "- " lines, a table row is
    one TAB-joined line, paragraphs are separated by at most one empty line.
    """
    if "<" not in fragment and "&" not in fragment:
        # Plain text (most table cells): what the parser would make of it, without the parser.
        text = collapse_spaces(fragment)
        return tidy_blank_lines(_split_items(text, dash_bullets=False)) if text else []
    return [line.text for line in _marked_lines(BeautifulSoup(fragment, "lxml"))]


def _metadata(soup: BeautifulSoup) -> tuple[str, str]:
    """The page's <title> and its <meta name="date"> (either may be "")."""
    title = collapse_spaces(soup.title.get_text()) if soup.title else ""
    date = ""
    for meta in soup.find_all("meta"):
        name, content = meta.get("name"), meta.get("content")
        if isinstance(name, str) and name.lower() in _DATE_META and isinstance(content, str):
            date = collapse_spaces(content)
            break
    return title, date


def html_document_lines(text: str) -> list[Marked]:
    """A whole page's lines; its <title> and <meta name="date"> come first, the title only
    when the body does not open with a heading of its own (a <title> then usually repeats
    it with the site's name). A page with a title but no text stays an empty document."""
    soup = BeautifulSoup(text, "lxml")
    title, date = _metadata(soup)
    lines = _marked_lines(soup)
    if not lines:
        return []
    head: list[Marked] = []
    if title and not (lines and (lines[0].heading or lines[0].text == title)):
        head.append(Marked(title, heading=1))
    if date:
        head.append(Marked(f"Date: {date}"))
    return [*head, Marked(""), *lines] if head else lines


def _declared_encoding(data: bytes) -> str | None:
    """The codec named by <meta charset>, http-equiv Content-Type or an XML declaration."""
    match = _XML_ENCODING.match(data) or _META_CHARSET.search(data)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name.startswith("utf-16"):
        return None  # bytes that reached a readable meta tag are not UTF-16 (browsers agree)
    return "cp1252" if name in _MEANS_CP1252 else name


def decode_html(data: bytes) -> tuple[str, str]:
    has_bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    declared = None if has_bom or b"\x00" in data else _declared_encoding(data)
    if declared is not None:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the page lies about its charset; detect as for plain text
    return decode_text(data)


def read_html(data: bytes) -> DocumentText:
    text, encoding = decode_html(data)
    return to_document("html", html_document_lines(text), encoding)
