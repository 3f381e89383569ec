"""LaTeX (.tex) -> lines, without TeX: the text a reader of the PDF would see, as lines.

Student associations and some boards keep their minutes as LaTeX sources with their own
document class (`\\begin{beslut}`, `\\medlem{…}{…}`). We cannot run their macros, so the
reader keeps what carries meaning for the minutes and drops the rest:

- the preamble goes, except \\title (first line, heading 1), \\date ("Date: X") and
  \\author ("Author: X"); parameterless \\def/\\newcommand macros are expanded;
- sectioning commands become heading lines (\\section = 1, or 2 under \\chapter/\\part);
- \\item becomes a "- " line; an environment that is not layout (\\begin{beslut}) becomes a
  label line ("Beslut:") so its content reads like "Vedtak:" in plain-text minutes;
- text macros keep their argument (bold when \\textbf covers the whole line); a macro of the
  document class with several arguments (\\medlem[Kassör]{Kari}{Ja}) gives them as
  TAB-separated cells, like a table row; tabular rows are TAB-separated cells;
- source lines stay lines (TeX would join them into paragraphs; the minutes parser reads
  lines), comments go.
"""

from __future__ import annotations

import re
import unicodedata

from minutes.errors import UnreadableDocument
from minutes.model import DocumentText
from minutes.readers._lines import Marked, to_document
from minutes.readers._marks import BOLD_CLOSE, BOLD_OPEN, LINE, bold, finish, heading
from minutes.readers.text import decode_text

_SECTION_RANK = {
    "part": 0, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4,
    "paragraph": 5, "subparagraph": 6,
}  # fmt: skip
_USED_SECTIONS = re.compile(r"\\(part|chapter)\*?\s*[\[{]")

# Environments that only arrange text; the number is how many {…} arguments they take.
_LAYOUT = {
    "document": 0, "itemize": 0, "enumerate": 0, "description": 0, "center": 0,
    "flushleft": 0, "flushright": 0, "raggedright": 0, "table": 0, "table*": 0,
    "figure": 0, "figure*": 0, "quote": 0, "quotation": 0, "verse": 0, "displayquote": 0,
    "abstract": 0, "small": 0, "footnotesize": 0, "scriptsize": 0, "large": 0, "Large": 0,
    "landscape": 0, "samepage": 0, "framed": 0, "mdframed": 0, "tcolorbox": 0,
    "singlespace": 0, "onehalfspace": 0, "doublespace": 0, "appendices": 0, "frame": 0,
    "columns": 0, "column": 1, "minipage": 1, "multicols": 1, "multicols*": 1,
    "tabular": 1, "tabular*": 2, "tabularx": 2, "tabulary": 2, "xltabular": 2,
    "longtable": 1, "supertabular": 1, "tabu": 1, "tblr": 1, "array": 1,
    "wrapfigure": 2, "adjustwidth": 2, "spacing": 1, "otherlanguage": 1,
    "otherlanguage*": 1, "equation": 0, "equation*": 0, "align": 0, "align*": 0,
    "thebibliography": 1,
}  # fmt: skip
_VERBATIM = frozenset({"verbatim", "verbatim*", "Verbatim", "lstlisting", "minted", "alltt"})
_DROPPED_ENVIRONMENTS = frozenset({"comment", "tikzpicture", "picture"})

# Macros whose last {argument} is the text (the others are options, colours, languages).
_TEXT_MACROS = {
    "textit": 1, "emph": 1, "texttt": 1, "textsc": 1, "textsf": 1, "textrm": 1,
    "textup": 1, "textmd": 1, "textnormal": 1, "textsl": 1, "underline": 1, "uline": 1,
    "mbox": 1, "fbox": 1, "hbox": 1, "text": 1, "textsuperscript": 1, "textsubscript": 1,
    "hl": 1, "sout": 1, "centerline": 1, "caption": 1, "makebox": 1, "framebox": 1,
    "blockquote": 1, "enquote": 1, "textcolor": 2, "colorbox": 2, "foreignlanguage": 2,
    "multicolumn": 3, "multirow": 3, "parbox": 2, "raisebox": 2, "resizebox": 3,
    "scalebox": 2,
}  # fmt: skip
_DROP_WITH_ARGUMENTS = {
    "label": 1, "ref": 1, "pageref": 1, "eqref": 1, "autoref": 1, "cref": 1, "cite": 1,
    "hspace": 1, "vspace": 1, "includegraphics": 1, "includepdf": 1, "setlength": 2,
    "addtolength": 2, "setcounter": 2, "addtocounter": 2, "usepackage": 1,
    "documentclass": 1, "pagestyle": 1, "thispagestyle": 1, "pagenumbering": 1,
    "KOMAoptions": 1, "geometry": 1, "hypersetup": 1, "bibliographystyle": 1,
    "bibliography": 1, "addbibresource": 1, "selectlanguage": 1, "setkomavar": 2,
    "cline": 1, "cmidrule": 1, "emoji": 1, "thanks": 1, "newcounter": 1, "color": 1,
    "definecolor": 3, "setmainfont": 1, "setsansfont": 1, "setmonofont": 1, "graphicspath": 1,
    "vskip": 0, "hskip": 0, "RequirePackage": 1, "PassOptionsToPackage": 2,
    "newlength": 1, "tcbset": 1, "setlist": 1, "renewlist": 3, "newlist": 3,
}  # fmt: skip
_CHARACTERS = {
    "S": "§", "P": "¶", "aa": "å", "AA": "Å", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "ss": "ß", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    "dots": "…", "ldots": "…", "textellipsis": "…", "textendash": "–", "textemdash": "—",
    "textbullet": "•", "textquotedbl": '"', "euro": "€", "texteuro": "€", "EUR": "€",
    "pounds": "£", "textdollar": "$", "textunderscore": "_", "textbackslash": "\\",
    "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<",
    "textgreater": ">", "copyright": "©", "textregistered": "®", "texttrademark": "™",
    "textdegree": "°", "degree": "°", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2e",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "nobreakspace": " ",
    "space": " ", "slash": "/", "textperiodcentered": "·", "guillemotleft": "«",
    "guillemotright": "»", "and": ", ", "textsection": "§", "checkmark": "✓", "today": "",
}  # fmt: skip
_BREAKS = frozenset({"newline", "linebreak", "break", "cr", "tabularnewline"})
_PARAGRAPH = frozenset({"par", "bigskip", "medskip", "smallskip"})
_BOLD_SWITCHES = frozenset({"bf", "bfseries"})
_INCLUDES = frozenset({"input", "include", "subfile", "import", "includeonly"})
_DEFINITIONS = frozenset({"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"})
_ENVIRONMENT_DEFINITIONS = frozenset({"newenvironment", "renewenvironment"})
_METADATA = frozenset({"title", "subtitle", "author", "date"})
_SYMBOLS = {
    "\\": LINE, "%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}",
    ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "-": "", "/": "", "@": "",
    "\n": " ", "\t": " ", "|": "|",
}  # fmt: skip
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "r": "\u030a", "c": "\u0327", "v": "\u030c", "H": "\u030b", "u": "\u0306",
    "k": "\u0328",
}  # fmt: skip
_LETTER_ACCENTS = frozenset({"r", "c", "v", "H", "u", "k"})
_SPECIAL = re.compile(r"[\\{}\]%~&$`'\-\n\t]")
_GROUP_TOKENS = re.compile(
    r"\\(?:url|nolinkurl|href)\s*(?P<url>\{[^{}\n]*\})|\\verb\*?([^\w\s*])[^\n]*?\2"
    r"|\\.|%[^\n]*|[{}\[\]]",
    re.S,
)
_MAX_EXPANSIONS = 10_000  # user macros expanding into each other: a bound, not a loop
_MAX_EXPANSION_DEPTH = 20


def _match_index(source: str) -> dict[int, int]:
    """Position of each { -> its }, and of each [ -> the first ] after it in the same group
    (as TeX reads an optional argument); escapes and comments do not count."""
    matches: dict[int, int] = {}
    braces: list[int] = []
    brackets: list[list[int]] = [[]]
    for token in _GROUP_TOKENS.finditer(source):
        char, at = token.group(), token.start()
        if token.group("url"):  # verbatim: a % in a URL is not a comment
            matches[token.start("url")] = token.end("url") - 1
        elif char == "{":
            braces.append(at)
            brackets.append([])
        elif char == "}":
            if braces:
                matches[braces.pop()] = at
                brackets.pop()
        elif char == "[":
            brackets[-1].append(at)
        elif char == "]":
            matches.update(dict.fromkeys(brackets[-1], at))
            brackets[-1].clear()
    return matches


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.position = 0
        self.out: list[str] = []
        self.macros: dict[str, str] = {}
        self.metadata: dict[str, str] = {}
        self.expansions = 0
        self.expanding = 0  # macros being expanded inside each other
        self._match_cache: dict[str, dict[int, int]] = {}
        self._line_span = (-1, -1)
        self._no_endcsname: tuple[str | None, int] = (None, 0)
        # \section is level 1 unless the document also uses \chapter or \part above it.
        ranks = [_SECTION_RANK[match.group(1)] for match in _USED_SECTIONS.finditer(source)]
        self.top_rank = min(ranks, default=_SECTION_RANK["section"])

    # --- scanning helpers ---------------------------------------------------------------

    def _peek(self, offset: int = 0) -> str:
        index = self.position + offset
        return self.source[index] if index < len(self.source) else ""

    def _skip_spaces(self, *, newlines: bool = False) -> None:
        while self._peek() in (" ", "\t") or (newlines and self._peek() == "\n"):
            self.position += 1

    def _skip_comment(self) -> None:
        """From % to the end of the line; a line holding only a comment goes entirely."""
        line_start = self.source.rfind("\n", 0, self.position) + 1
        only_comment = not self.source[line_start : self.position].strip()
        end = self.source.find("\n", self.position)
        if end < 0:
            self.position = len(self.source)
            return
        self.position = end + 1 if only_comment else end

    def _name(self) -> str:
        """A control word's name after the backslash (letters, as XeTeX/LuaTeX read them)."""
        start = self.position
        while self._peek().isalpha():
            self.position += 1
        return self.source[start : self.position]

    def _matches(self) -> dict[int, int]:
        """Where each { and [ of the current source closes (built once per source)."""
        index = self._match_cache.get(self.source)
        if index is None:
            index = self._match_cache[self.source] = _match_index(self.source)
        return index

    def _raw_group(self, open_char: str = "{") -> str | None:
        """The raw text of a balanced {…} (or […]) at the position (after spaces), or None."""
        save = self.position
        self._skip_spaces()
        end = self._matches().get(self.position) if self._peek() == open_char else None
        if end is None:
            self.position = save
            return None
        text = self.source[self.position + 1 : end]
        self.position = end + 1
        return text

    def _group(self) -> str | None:
        """A {…} argument, converted to text; None when there is none."""
        self._skip_spaces()
        if self._peek() != "{":
            return None
        self.position += 1
        return self._capture("}")

    def _optional(self) -> str | None:
        """An […] argument, converted to text; None when there is none."""
        self._skip_spaces()
        if self._peek() != "[" or self.position not in self._matches():
            return None  # a [ that nothing closes is text, not an argument
        self.position += 1
        return self._capture("]")

    def _capture(self, until: str) -> str:
        saved, self.out = self.out, []
        try:
            self._run(until)
            return "".join(self.out)
        finally:
            self.out = saved

    def _arguments(self) -> list[str]:
        """Optional and mandatory arguments directly after a macro, converted."""
        found: list[str] = []
        while True:
            self._skip_spaces()
            if self._peek() == "[":
                optional = self._optional()
                if optional is None:
                    return found  # a lone [ is text
                found.append(optional)
            elif self._peek() == "{":
                found.append(self._group() or "")
            else:
                return found

    def _skip_arguments(self, mandatory: int) -> None:
        while self._raw_group("[") is not None:
            pass
        for _ in range(mandatory):
            if self._raw_group() is None:
                return
            while self._raw_group("[") is not None:
                pass

    # --- the conversion -----------------------------------------------------------------

    def _run(self, until: str = "") -> None:
        """Convert until the closing character (or the end); bold switched on by \\bfseries
        inside the group ends with it."""
        bold_switches = 0
        source = self.source
        while self.position < len(source):
            char = source[self.position]
            if char == until:
                self.position += 1
                break
            match = _SPECIAL.search(source, self.position)
            end = match.start() if match else len(source)
            if end > self.position:
                self.out.append(source[self.position : end])
                self.position = end
                continue
            self.position += 1
            if char == "\\":
                bold_switches += self._control()
            elif char == "%":
                self.position -= 1
                self._skip_comment()
            elif char == "{":
                self.out.append(self._capture("}"))
            elif char == "}":
                if until == "}":
                    break
            elif char == "~":
                self.out.append(" ")
            elif char == "&":
                self.out.append("\t")
            elif char == "$":
                pass  # math keeps its text
            elif char == "\t":
                self.out.append(" ")
            elif char == "-":
                self._dash()
            elif char in "`'":
                self._quote(char)
            else:
                self.out.append(char)  # newline, or a bracket outside an optional argument
        self.out.append(BOLD_CLOSE * bold_switches)

    def _dash(self) -> None:
        if self.source.startswith("--", self.position):
            self.position += 2
            self.out.append("—")
        elif self._peek() == "-":
            self.position += 1
            self.out.append("–")
        else:
            self.out.append("-")

    def _quote(self, char: str) -> None:
        if self._peek() == char:
            self.position += 1
            self.out.append('"')
        else:
            self.out.append(char)

    def _control(self) -> int:
        """Handle the control sequence after a backslash; returns 1 when it switched bold on
        for the rest of the group."""
        char = self._peek()
        if not char:
            return 0
        if char == "@" and self._peek(1).isalpha():
            self.position += 1
            self._internal("@" + self._name())
            return 0
        if not char.isalpha():
            self.position += 1
            if char in _ACCENTS and char not in _LETTER_ACCENTS:
                self._accent(char)
            elif char == "\\":
                self._line_break()
            else:
                self.out.append(_SYMBOLS.get(char, char))
            return 0
        name = self._name()
        self._skip_spaces()  # TeX drops the spaces after a control word (not the line break)
        if name in _BOLD_SWITCHES:
            self.out.append(BOLD_OPEN)
            return 1
        self._word(name)
        return 0

    def _line_break(self) -> None:
        if self._peek() == "*":
            self.position += 1
        self._raw_group("[")  # \\[2mm]
        self.out.append(LINE)

    def _accent(self, accent: str) -> None:
        self._skip_spaces()
        group = self._raw_group()
        if group is not None:
            base = group.strip()
        elif self._peek() == "\\":
            self.position += 1
            base = _CHARACTERS.get(self._name(), "")
        else:
            base = self._peek()
            self.position += 1
        base = {"ı": "i", "ȷ": "j", "\\i": "i", "\\j": "j"}.get(base, base)
        if base:
            combined = base[0] + _ACCENTS[accent] + base[1:]
            self.out.append(unicodedata.normalize("NFC", combined))

    def _internal(self, name: str) -> None:
        """\\@date, \\@title, \\@author: what the document set; other \\@… as written."""
        key = name[1:]
        if key in self.metadata:
            self.out.append(self.metadata[key])
        elif key not in _METADATA:
            self.out.append(name)

    def _word(self, name: str) -> None:
        if name in _SECTION_RANK:
            self._section(name)
        elif name == "item":
            self._item()
        elif name == "begin":
            self._begin()
        elif name == "end":
            if (self._raw_group() or "").strip() == "document":
                self.position = len(self.source)  # TeX reads nothing after \end{document}
            self.out.append(LINE)
        elif name == "textbf":
            self.out.append(bold(self._group() or ""))
        elif name in _TEXT_MACROS:
            self._text_macro(name)
        elif name in _CHARACTERS:
            self.out.append(_CHARACTERS[name])
        elif name in _LETTER_ACCENTS:
            self._accent(name)
        elif name in _BREAKS:
            self.out.append(LINE)
        elif name in _PARAGRAPH:
            self.out.append(f"{LINE}\n")
        elif name in _DROP_WITH_ARGUMENTS:
            self._skip_arguments(_DROP_WITH_ARGUMENTS[name])
        elif name in _METADATA:
            self._optional()
            self.metadata[name] = (self._group() or "").strip()
        elif name in _DEFINITIONS:
            self._define()
        elif name == "def":
            self._def()
        elif name in _ENVIRONMENT_DEFINITIONS:
            self._skip_arguments(3)
        elif name == "let":
            self._let()
        elif name in _INCLUDES:
            included = (self._raw_group() or "").strip()
            if included:
                self.out.append(f"{LINE}(included file: {included}){LINE}")
        elif name in ("url", "nolinkurl"):
            self.out.append(self._raw_group() or "")
        elif name == "href":
            self._href()
        elif name == "verb":
            self._verb()
        elif name == "csname":
            self._csname()
        elif name == "footnote":
            self._optional()
            note = (self._group() or "").strip()
            self.out.append(f" ({note})" if note else "")
        elif name in self.macros:
            self._expand(name)
        else:
            self._unknown()

    def _section(self, name: str) -> None:
        if self._peek() == "*":
            self.position += 1
        self._optional()  # the short title for the table of contents
        title = self._group() or ""
        level = _SECTION_RANK[name] - self.top_rank + 1
        self.out.append(heading(level, title))

    def _item(self) -> None:
        label = self._optional()
        self._skip_spaces(newlines=True)
        self.out.append(f"{LINE}- {label.strip()} " if label and label.strip() else f"{LINE}- ")

    def _begin(self) -> None:
        name = (self._raw_group() or "").strip()
        if name == "document":
            self.out.clear()  # everything before is preamble; its metadata is kept aside
            return
        if name in _VERBATIM:
            self._verbatim(name, keep=True)
        elif name in _DROPPED_ENVIRONMENTS:
            self._verbatim(name, keep=False)
        elif name in _LAYOUT:
            self._skip_arguments(_LAYOUT[name])
            self.out.append(LINE)
        elif name:
            label = name.rstrip("*").replace("_", " ")
            self.out.append(f"{LINE}{label[:1].upper()}{label[1:]}:{LINE}")

    def _verbatim(self, name: str, *, keep: bool) -> None:
        end = re.compile(r"\\end\s*\{" + re.escape(name) + r"\}").search(self.source, self.position)
        stop = end.start() if end else len(self.source)
        if keep:
            self.out.append(f"{LINE}{self.source[self.position : stop]}{LINE}")
        self.position = end.end() if end else stop

    def _text_macro(self, name: str) -> None:
        count = _TEXT_MACROS[name]
        cite = self._optional() if name == "blockquote" else None
        while self._optional() is not None:
            pass
        texts = [self._group() or "" for _ in range(count)]
        text = texts[-1]
        if name == "enquote":
            text = f'"{text}"'
        if cite and cite.strip():
            text = f"{text.rstrip()} ({cite.strip()})"
        self.out.append(text)

    def _href(self) -> None:
        url = (self._raw_group() or "").strip()
        label = (self._group() or "").strip()
        self.out.append(f"{label} ({url})" if label and label != url else url)

    def _line_end(self) -> int:
        """Where the current line ends (cached: a file may be one long line)."""
        if not self._line_span[0] <= self.position <= self._line_span[1]:
            end = self.source.find("\n", self.position)
            self._line_span = (self.position, len(self.source) if end < 0 else end)
        return self._line_span[1]

    def _verb(self) -> None:
        if self._peek() == "*":
            self.position += 1
        delimiter = self._peek()
        line_end = self._line_end()
        end = self.source.find(delimiter, self.position + 1, line_end) if delimiter else -1
        if end < 0:
            return  # \verb ends on its own line
        self.out.append(self.source[self.position + 1 : end])
        self.position = end + 1

    def _csname(self) -> None:
        failed_source, failed_at = self._no_endcsname
        if failed_source is self.source and self.position >= failed_at:
            return  # none further on either (and looking again would make it quadratic)
        end = self.source.find("\\endcsname", self.position)
        if end < 0:
            self._no_endcsname = (self.source, self.position)
            return
        name = self.source[self.position : end].strip()
        self.position = end + len("\\endcsname")
        if name.startswith("@"):
            self._internal(name)

    def _control_sequence_name(self) -> str | None:
        """The name in `\\name` or `{\\name}` (a macro being defined)."""
        self._skip_spaces()
        group = self._raw_group()
        text = group.strip() if group is not None else None
        if text is None:
            if self._peek() != "\\":
                return None
            self.position += 1
            return self._name() or None
        return text[1:] if text.startswith("\\") and text[1:].isalpha() else None

    def _define(self) -> None:
        """\\newcommand{\\x}[n][default]{body}: a macro without parameters is remembered."""
        if self._peek() == "*":
            self.position += 1
        name = self._control_sequence_name()
        parameters = self._raw_group("[")
        self._raw_group("[")
        body = self._raw_group()
        if name and body is not None and parameters in (None, "0"):
            self.macros[name] = body

    def _def(self) -> None:
        """\\def\\x{body}; one with parameters (\\def\\x#1{…}) is skipped."""
        if self._peek() != "\\":
            return
        self.position += 1
        name = self._name()
        start = self.position
        brace = self.source.find("{", start)
        if brace < 0:
            return
        parameters = self.source[start:brace].strip()
        self.position = brace
        body = self._raw_group()
        if name and body is not None and not parameters:
            self.macros[name] = body

    def _let(self) -> None:
        for _ in range(2):
            self._skip_spaces()
            if self._peek() == "=":
                self.position += 1
                self._skip_spaces()
            if self._peek() == "\\":
                self.position += 1
                if not self._name():
                    self.position += 1

    def _expand(self, name: str) -> None:
        self.expansions += 1
        if self.expansions > _MAX_EXPANSIONS or self.expanding > _MAX_EXPANSION_DEPTH:
            return  # \def\a{\a}, or macros that multiply: what TeX would never finish
        saved = self.source, self.position
        self.source, self.position = self.macros[name], 0
        self.expanding += 1
        self._line_span = (-1, -1)
        try:
            self.out.append(self._capture(""))
        finally:
            self.source, self.position = saved
            self.expanding -= 1
            self._line_span = (-1, -1)

    def _unknown(self) -> None:
        """A macro of the document class: its arguments' text (several as TAB cells);
        without arguments it is dropped."""
        texts = [text.strip() for text in self._arguments()]
        texts = [text for text in texts if text]
        self.out.append("\t".join(texts))

    def convert(self) -> str:
        self._run()
        return "".join(self.out)


def _metadata_lines(metadata: dict[str, str]) -> list[Marked]:
    """Title (heading 1), subtitle, "Date: …", "Author: …" — each on one line."""

    def line(key: str) -> str:
        flat = metadata.get(key, "").replace(LINE, " ").replace("\n", " ")
        return " ".join(line.text for line in finish(flat))

    lines: list[Marked] = []
    if title := line("title"):
        lines.append(Marked(title, heading=1))
    if subtitle := line("subtitle"):
        lines.append(Marked(subtitle))
    if date := line("date"):
        lines.append(Marked(f"Date: {date}"))
    if author := line("author"):
        lines.append(Marked(f"Author: {author}"))
    return lines


def latex_to_lines(source: str) -> list[Marked]:
    reader = _Reader(source.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        text = reader.convert()
    except RecursionError as exc:
        raise UnreadableDocument("LaTeX is nested too deeply to read") from exc
    body = finish(text)
    head = _metadata_lines(reader.metadata)
    if not any(line.text for line in body):
        return []  # metadata alone is not minutes
    return [*head, Marked(""), *body] if head else body


def read_latex(data: bytes) -> DocumentText:
    text, encoding = decode_text(data)
    return to_document("tex", latex_to_lines(text), encoding)
