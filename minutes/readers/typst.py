"""Typst (.typ) -> lines, without Typst: the text of the markup, as lines.

Boards that moved from LaTeX to Typst keep their minutes as Typst sources built on their
own template (`#show: setupDocument.with(date: datetime(…))`, `#deltagere([Kari], [Ja])`).
The reader keeps what carries meaning for the minutes:

- `=`/`==`/`===` headings with their level; `- ` and `+ ` list items as "- " lines;
  `*strong*` and `_emph_` lose their markers (bold when strong covers the whole line);
- `#let`/`#set`/`#show`/`#import` go, but the meeting facts they hold become labelled lines:
  a `date: datetime(year: …, month: …, day: …)` argument -> "Date: 2024-11-15",
  `#let time = "12:00"` -> "Time: 12:00", a `location: "EA"` argument -> "Location: EA";
  `#name` where `#let name = "…"` gives the string;
- `#func[content]` and `#func(…, [content], …)` keep the content (contents written on one
  source line become TAB-separated cells, like a table row); `#table(columns: n, …)` rows;
- comments go; source lines stay lines.

Every part of the source is converted once: blocks are found through one shared index of
where each bracket closes, so deeply nested input stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText
from minutes.readers._lines import Marked, to_document
from minutes.readers._marks import BOLD_CLOSE, BOLD_OPEN, LINE, bold, finish, heading
from minutes.readers.text import decode_text

_IDENTIFIER = re.compile(r"[^\W\d][\w-]*")
_PATH = re.compile(r"[^\W\d][\w-]*(?:\.[^\W\d][\w-]*)*")
_HEADING = re.compile(r"(=+)[ \t]+")
_LIST_ITEM = re.compile(r"[-+][ \t]+")
_TERM_ITEM = re.compile(r"/[ \t]+([^:\n]*):[ \t]*")
_LABEL = re.compile(r"<[\w\-:.]+>")
_NAMED = re.compile(r"([^\W\d][\w-]*)\s*:\s*")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.S)
_DATETIME = re.compile(r"datetime\s*\(([^()]*)\)")
_DATE_PART = re.compile(r"\b(year|month|day)\s*:\s*(\d+)")
_UNICODE_ESCAPE = re.compile(r"u\{([0-9a-fA-F]{1,6})\}")
_TABLE_PART = re.compile(r"table\.(?:header|footer)\s*\(")

_STATEMENTS = frozenset({"let", "set", "show", "import", "include", "if", "for", "while"})
_BREAKS = frozenset({"linebreak", "pagebreak", "colbreak", "parbreak"})
_DROPPED = frozenset({"h", "v", "image", "figure", "outline", "bibliography", "counter"})
# Meeting facts a template takes as arguments or variables, and the label they get.
_FACTS = {
    "date": "Date", "datum": "Date", "dato": "Date",
    "time": "Time", "tid": "Time", "tidspunkt": "Time",
    "location": "Location", "place": "Location", "plats": "Location", "sted": "Location",
}  # fmt: skip
_FACT_ORDER = ("Date", "Time", "Location")


def _string_value(raw: str) -> str | None:
    match = _STRING.fullmatch(raw.strip())
    if match is None:
        return None
    return re.sub(r"\\(.)", lambda m: {"n": " ", "t": " "}.get(m.group(1), m.group(1)), match[1])


def _date_value(raw: str) -> str | None:
    """`datetime(year: 2024, month: 11, day: 15)` -> "2024-11-15"."""
    match = _DATETIME.search(raw)
    if match is None:
        return None
    parts = {name: int(value) for name, value in _DATE_PART.findall(match.group(1))}
    if not {"year", "month", "day"} <= parts.keys():
        return None
    return f"{parts['year']:04d}-{parts['month']:02d}-{parts['day']:02d}"


@dataclass(frozen=True, slots=True)
class _Argument:
    text: str  # as written, comments and surrounding space left out
    start: int  # where it starts in the source
    new_line: bool  # a line break comes before it (contents on one line form one row)

    @property
    def is_content(self) -> bool:
        return self.text.startswith("[")


class _Scanner:
    """Where strings, comments and brackets end; each bracket is looked at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.ends: dict[int, int] = {}

    def string_end(self, index: int) -> int:
        source = self.source
        index += 1
        while index < len(source):
            if source[index] == "\\":
                index += 2
            elif source[index] == '"':
                return index + 1
            else:
                index += 1
        return len(source)

    def comment_end(self, index: int, *, markup: bool) -> int | None:
        """The end of a `//` or `/* */` comment at index (in markup, `//` after a `:` is a
        URL, not a comment), or None."""
        source = self.source
        if source.startswith("//", index) and not (markup and source[index - 1 : index] == ":"):
            end = source.find("\n", index)
            return len(source) if end < 0 else end
        if source.startswith("/*", index):
            end = source.find("*/", index + 2)
            return len(source) if end < 0 else end + 2
        return None

    def code_end(self, index: int) -> int:
        """Index after the (…) or {…} that opens at index."""
        if index in self.ends:
            return self.ends[index]
        source = self.source
        closing = ")" if source[index] == "(" else "}"
        position = index + 1
        while position < len(source):
            char = source[position]
            if char == closing:
                position += 1
                break
            if char == '"':
                position = self.string_end(position)
            elif (after := self.comment_end(position, markup=False)) is not None:
                position = after
            elif char in ("(", "{"):
                position = self.code_end(position)
            elif char == "[":
                position = self.markup_end(position)
            else:
                position += 1
        self.ends[index] = position
        return position

    def markup_end(self, index: int) -> int:
        """Index after the […] content block that opens at index."""
        if index in self.ends:
            return self.ends[index]
        source = self.source
        position = index + 1
        while position < len(source):
            char = source[position]
            if char == "]":
                position += 1
                break
            if char == "\\":
                position += 2
            elif char == "[":
                position = self.markup_end(position)
            elif char == "`":
                end = source.find("`", position + 1)
                position = len(source) if end < 0 else end + 1
            elif char == "#":
                position = self.expression_end(position + 1)
            elif (after := self.comment_end(position, markup=True)) is not None:
                position = after
            else:
                position += 1
        self.ends[index] = position
        return position

    def expression_end(self, index: int) -> int:
        """Index after an embedded expression's name and its (…)/[…] parts."""
        source = self.source
        if index < len(source) and source[index] in ("(", "{"):
            return self.code_end(index)
        match = _PATH.match(source, index)
        position = match.end() if match else index
        while position < len(source) and source[position] in ("(", "["):
            if source[position] == "(":
                position = self.code_end(position)
            else:
                position = self.markup_end(position)
        return position

    def arguments(self, start: int, end: int) -> list[_Argument]:
        """The top-level comma-separated arguments between start and end."""
        source = self.source
        found: list[_Argument] = []
        first = last = -1  # the current argument's first and last visible characters
        new_line = False
        position = start
        while position <= end:
            if position == end or source[position] == ",":
                if first >= 0:
                    found.append(_Argument(source[first:last], first, new_line))
                    new_line = False
                first = last = -1
                position += 1
                continue
            char = source[position]
            if (after := self.comment_end(position, markup=False)) is not None:
                position = min(after, end)
                continue
            if char == "\n" and first < 0:
                new_line = True
            if char.isspace():
                position += 1
                continue
            if first < 0:
                first = position
            if char == '"':
                position = self.string_end(position)
            elif char in ("(", "{"):
                position = self.code_end(position)
            elif char == "[":
                position = self.markup_end(position)
            else:
                position += 1
            last = position = min(position, end)
        return found


@dataclass
class _Context:
    """What the whole document shares: the scanner, `#let` strings, the facts given."""

    scanner: _Scanner
    variables: dict[str, str] = field(default_factory=dict)
    facts_given: set[str] = field(default_factory=set)


class _Markup:
    """Converts the markup between start and end of the document's source."""

    def __init__(self, context: _Context, start: int, end: int) -> None:
        self.context = context
        self.scanner = context.scanner
        self.source = context.scanner.source
        self.position = start
        self.end = end
        self.out: list[str] = []
        self.strong = False
        self.line_start = True

    def _peek(self, offset: int = 0) -> str:
        index = self.position + offset
        return self.source[index] if 0 <= index < self.end else ""

    def convert(self) -> str:
        source = self.source
        while self.position < self.end:
            if self.line_start:
                self._line_start()
                continue  # the line may have ended (a heading takes it whole)
            char = source[self.position]
            if char == "\n":
                self._newline()
            elif char == "\\":
                self._escape()
            elif char == "/" and self._comment():
                pass
            elif char == "#":
                self.position += 1
                self._hash()
            elif char == "*" and self._delimiter():
                self.out.append(BOLD_CLOSE if self.strong else BOLD_OPEN)
                self.strong = not self.strong
                self.position += 1
            elif char == "_" and self._delimiter():
                self.position += 1
            elif char == "`":
                self._raw()
            elif char == "<" and (match := _LABEL.match(source, self.position, self.end)):
                self.position = match.end()
            elif char == "$":
                self.position += 1  # math keeps its text
            elif char == "~":
                self.out.append(" ")
                self.position += 1
            elif char == "-" and source.startswith("--", self.position, self.end):
                dashes = 3 if source.startswith("---", self.position, self.end) else 2
                self.out.append("—" if dashes == 3 else "–")
                self.position += dashes
            else:
                self.out.append(" " if char == "\t" else char)
                self.position += 1
        if self.strong:
            self.out.append(BOLD_CLOSE)
        return "".join(self.out)

    def _line_end(self, start: int) -> int:
        end = self.source.find("\n", start, self.end)
        return self.end if end < 0 else end

    def _line_start(self) -> None:
        """Headings and list items begin a line (after its indentation)."""
        self.line_start = False
        source = self.source
        while self._peek() in (" ", "\t") and self._peek():
            self.position += 1
        if match := _HEADING.match(source, self.position, self.end):
            end = self._line_end(match.end())
            text = _Markup(self.context, match.end(), end).convert()
            self.out.append(heading(len(match.group(1)), text))
            self.position = end
        elif match := _LIST_ITEM.match(source, self.position, self.end):
            self.out.append(f"{LINE}- ")
            self.position = match.end()
        elif match := _TERM_ITEM.match(source, self.position, self.end):
            term = _Markup(self.context, match.start(1), match.end(1)).convert().strip()
            self.out.append(f"{LINE}- {term}: ")
            self.position = match.end()

    def _newline(self) -> None:
        self.position += 1
        if self.strong and not self.source[self.position : self._line_end(self.position)].strip():
            self.out.append(BOLD_CLOSE)  # a paragraph ends strong text Typst left open
            self.strong = False
        self.out.append("\n")
        self.line_start = True

    def _escape(self) -> None:
        following = self._peek(1)
        if following in ("", " ", "\t", "\n"):
            self.out.append(LINE)  # a backslash at the end of a line breaks it
            self.position += 1
        elif match := _UNICODE_ESCAPE.match(self.source, self.position + 1, self.end):
            self.out.append(chr(min(int(match.group(1), 16), 0x10FFFF)))
            self.position = match.end()
        else:
            self.out.append(following)
            self.position += 2

    def _comment(self) -> bool:
        after = self.scanner.comment_end(self.position, markup=True)
        if after is None:
            return False
        line_begin = self.source.rfind("\n", 0, self.position) + 1
        only_comment = not self.source[line_begin : self.position].strip()
        self.position = min(after, self.end)
        if only_comment and self._peek() == "\n":
            self.position += 1  # a line holding only a comment goes entirely
            self.line_start = True
        return True

    def _delimiter(self) -> bool:
        """`*`/`_` mark strong/emph at a word's edge, not inside snake_case or `2 * 3`."""
        before, after = self._peek(-1), self._peek(1)
        if before.isalnum() and after.isalnum():
            return False
        if self.source[self.position] == "*":
            return bool(before.strip()) if self.strong else bool(after.strip())
        return bool(before.strip()) or bool(after.strip())

    def _raw(self) -> None:
        source = self.source
        if source.startswith("```", self.position, self.end):
            end = source.find("```", self.position + 3, self.end)
            end = self.end if end < 0 else end
            block = source[self.position + 3 : end]
            _language, newline, code = block.partition("\n")  # ```lang on the first line
            self.out.append(f"{LINE}{code if newline else block}{LINE}")
            self.position = min(end + 3, self.end)
            return
        end = source.find("`", self.position + 1, self.end)
        end = self.end if end < 0 else end
        self.out.append(source[self.position + 1 : end])
        self.position = min(end + 1, self.end)

    # --- code after `#` -----------------------------------------------------------------

    def _hash(self) -> None:
        source = self.source
        char = self._peek()
        if char == "[":
            end = min(self.scanner.markup_end(self.position), self.end)
            self.out.append(self._content(self.position, end))
            self.position = end
            return
        if char in ("(", "{"):
            self.position = min(self.scanner.code_end(self.position), self.end)
            return
        if char == '"':
            end = min(self.scanner.string_end(self.position), self.end)
            self.out.append(_string_value(source[self.position : end]) or "")
            self.position = end
            return
        match = _PATH.match(source, self.position, self.end)
        if match is None:
            self.out.append("#")
            return
        name = match.group()
        self.position = match.end()
        if name in _STATEMENTS:
            self._statement(name)
        else:
            self._call(name)

    def _statement(self, keyword: str) -> None:
        """#let/#set/#show/#import/…: to the end of the line, or of the brackets opened on it."""
        source, scanner = self.source, self.scanner
        start = index = self.position
        while index < self.end and source[index] != "\n":
            char = source[index]
            if char == '"':
                index = scanner.string_end(index)
            elif char in ("(", "{"):
                index = scanner.code_end(index)
            elif char == "[":
                index = scanner.markup_end(index)
            elif (after := scanner.comment_end(index, markup=False)) is not None:
                index = after
            else:
                index += 1
        index = min(index, self.end)
        self.position = index
        statement = source[start:index]
        if keyword == "let":
            self._let(statement)
        elif keyword == "include":
            included = _string_value(statement) or statement.strip()
            self.out.append(f"{LINE}(included file: {included}){LINE}")
        elif keyword in ("set", "show"):
            self._facts(self._named_anywhere(start, index))

    def _named_anywhere(self, start: int, end: int) -> list[tuple[str, str]]:
        """Named arguments of every call in a #set/#show statement (`date: datetime(…)`
        inside `setupDocument.with(…)` too)."""
        named: list[tuple[str, str]] = []
        index = self.source.find("(", start, end)
        while index >= 0:
            close = min(self.scanner.code_end(index), end)
            for argument in self.scanner.arguments(index + 1, max(close - 1, index + 1)):
                if match := _NAMED.match(argument.text):
                    named.append((match.group(1), argument.text[match.end() :]))
            index = self.source.find("(", index + 1, end)
        return named

    def _let(self, statement: str) -> None:
        name, equals, value = statement.partition("=")
        name = name.strip()
        if not equals or not _IDENTIFIER.fullmatch(name):
            return  # a function definition or a destructuring: nothing to show
        if (text := _string_value(value)) is not None:
            self.context.variables[name] = text
        self._facts([(name, value.strip())])

    def _facts(self, named: list[tuple[str, str]]) -> None:
        """Meeting facts among named arguments (or variables) -> "Label: value" lines."""
        found: dict[str, str] = {}
        for name, raw in named:
            label = _FACTS.get(name.lower())
            if label is None or label in self.context.facts_given or label in found:
                continue
            value = _date_value(raw) if label == "Date" else None
            value = value or _string_value(raw) or self.context.variables.get(raw.strip())
            if value and value.strip():
                found[label] = value.strip()
        for label in _FACT_ORDER:
            if label in found:
                self.context.facts_given.add(label)
                self.out.append(f"{LINE}{label}: {found[label]}{LINE}")

    def _call(self, name: str) -> None:
        """`#name`, `#name(…)`, `#name[…]`, chained: the content the call shows."""
        source, scanner = self.source, self.scanner
        arguments: list[_Argument] = []
        blocks: list[tuple[int, int]] = []
        called = False
        while self.position < self.end and source[self.position] in ("(", "["):
            called = True
            if source[self.position] == "(":
                end = min(scanner.code_end(self.position), self.end)
                arguments += scanner.arguments(self.position + 1, max(end - 1, self.position + 1))
            else:
                end = min(scanner.markup_end(self.position), self.end)
                blocks.append((self.position, end))
            self.position = end
        if not called:
            self.out.append(self.context.variables.get(name, ""))
            return
        base = name.rsplit(".", 1)[-1]
        named = [(m.group(1), a.text[m.end() :]) for a in arguments if (m := _NAMED.match(a.text))]
        self._facts(named)
        positional = [a for a in arguments if not _NAMED.match(a.text)]
        if base in _BREAKS:
            self.out.append(LINE)
        elif base in _DROPPED or name == "datetime":
            pass
        elif base == "link":
            self._link(positional, blocks)
        elif base in ("table", "grid"):
            self._table(named, positional)
        else:
            text = self._contents(positional, blocks)
            self.out.append(bold(text) if base == "strong" else text)

    def _content(self, start: int, end: int) -> str:
        """A […] block's markup, converted (surrounding space and line breaks trimmed)."""
        inner_end = end - 1 if end - 1 > start and self.source[end - 1] == "]" else end
        text = _Markup(self.context, start + 1, inner_end).convert()
        return text.strip(" \t\n")

    def _argument_content(self, argument: _Argument) -> str:
        return self._content(argument.start, argument.start + len(argument.text))

    def _contents(self, positional: list[_Argument], blocks: list[tuple[int, int]]) -> str:
        parts: list[str] = []
        for argument in positional:
            if not argument.is_content:
                continue
            text = self._argument_content(argument)
            if parts:
                parts.append(LINE if argument.new_line or "\n" in text else "\t")
            parts.append(text)
        for start, end in blocks:
            if parts:
                parts.append(LINE)
            parts.append(self._content(start, end))
        if len(parts) > 1 or (parts and "\n" in parts[0]):
            return f"{LINE}{''.join(parts)}{LINE}"
        return "".join(parts)

    def _link(self, positional: list[_Argument], blocks: list[tuple[int, int]]) -> None:
        url = _string_value(positional[0].text) if positional else None
        label = self._content(*blocks[0]) if blocks else ""
        shown = f"{label} ({url})" if label and url and label != url else label or url
        self.out.append(shown or "")

    def _table(self, named: list[tuple[str, str]], cells: list[_Argument]) -> None:
        columns_raw = dict(named).get("columns", "1").strip()
        if columns_raw.startswith("(") and columns_raw.endswith(")"):  # (auto, 1fr, 2fr)
            columns = max(len([c for c in columns_raw[1:-1].split(",") if c.strip()]), 1)
        else:
            columns = int(columns_raw) if columns_raw.isdigit() else 1
        texts: list[str] = []
        for cell in cells:
            if cell.is_content:
                texts.append(self._argument_content(cell).replace("\n", " ").replace(LINE, " "))
            elif match := _TABLE_PART.match(cell.text):
                open_at = cell.start + match.end() - 1
                close = self.scanner.code_end(open_at)
                inner = self.scanner.arguments(open_at + 1, max(close - 1, open_at + 1))
                texts += [self._argument_content(a) for a in inner if a.is_content]
        rows = ["\t".join(texts[i : i + columns]) for i in range(0, len(texts), columns)]
        self.out.append(f"{LINE}{LINE.join(rows)}{LINE}" if rows else "")


def typst_to_lines(source: str) -> list[Marked]:
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    try:
        text = _Markup(_Context(_Scanner(source)), 0, len(source)).convert()
    except RecursionError as exc:
        raise UnreadableDocument("Typst is nested too deeply to read") from exc
    return finish(text)


def read_typst(data: bytes) -> DocumentText:
    text, encoding = decode_text(data)
    return to_document("typ", typst_to_lines(text), encoding)
