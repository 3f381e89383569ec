"""Lettered sub-items: "5." over "(a) To consider the Taking in Charge of Estate Cluain Arra …",
"(b) … Daar River View …", each proposed, seconded and resolved on its own.

Such sub-items are items of their own when they are sections (a few lines each, not one-line
points of a list) and at least two of them record an outcome of their own — the rule the
heading tree applies to sub-headings. Points of one decision ("Vedtak: a) … b) …"), a reply's
lettered answers and a list of minutes adopted by one resolution stay inside their item. The
item above them is then only their group (its own text is a line or two: the directorate, a
sub-title) and is not an item itself, unless it records an outcome of its own or has more to
say.
"""

from __future__ import annotations

import re

from .decisions import find_decision
from .formats.common import RawCase
from .model import CaseStatus, Line

# "(a)", "**(a)**Circulated, …", "(b)To consider …", "a) Søknad fra …"
_LETTER = re.compile(
    r"^\s*(?:\*{1,3}|_{1,3})?(?:\((?P<paren>[a-z])\)|(?P<bare>[a-z])\))(?:\*{1,3}|_{1,3})?"
    r"(?:\s+|(?=[A-ZÆØÅÄÖ“\"])|$)(?P<title>.*)$"
)
# A title that goes on on the next line: it ends in a comma, a dash or a small word.
_GOES_ON = re.compile(
    r"(?:[-–,(]|\b(?:og|i|om|til|for|av|på|med|and|of|the|to|in|on|for|och|till|at|with))$",
    re.IGNORECASE,
)
_MIN_LINES = 2  # a section: its letter line and at least one more line
_OWN_LINES = 2  # what the item above may have of its own and still be only their group
_MAX_TITLE = 240
_SHORT_TITLE = 120
_OUTCOMES = (CaseStatus.DECIDED, CaseStatus.REJECTED, CaseStatus.POSTPONED)


def split_lettered(cases: list[RawCase]) -> list[RawCase]:
    """Each item whose lettered sub-items are items of their own replaced by them."""
    out: list[RawCase] = []
    for case in cases:
        out += _split(case) or [case]
    return out


def _starts(body: list[Line]) -> list[tuple[int, str, str]]:
    """(body index, letter, title text) of a run of lettered lines a, b, c … in order."""
    found: list[tuple[int, str, str]] = []
    for k, line in enumerate(body):
        m = _LETTER.match(line.text)
        if not m:
            continue
        letter = m["paren"] or m["bare"]
        if letter == chr(ord("a") + len(found)):
            found.append((k, letter, m["title"].strip(" *_")))
    return found if len(found) >= 2 else []


def _decides(lines: list[Line]) -> bool:
    text = "\n".join(line.text for line in lines)
    return find_decision(text).status in _OUTCOMES


def _title(first: str, rest: list[Line]) -> tuple[str, int]:
    """The letter line's text, and the lines it runs on into (blank lines between allowed),
    with how many of `rest` it took."""
    title, taken = first, 0
    for k, line in enumerate(rest):
        text = line.text.strip()
        if not text:
            continue
        if not _GOES_ON.search(title) or len(title) >= _MAX_TITLE:
            break
        title, taken = f"{title} {text}", k + 1
    return title.strip(), taken


def _reads_as_title(text: str) -> bool:
    """A short line set like a title: capital first, no sentence's end."""
    text = text.strip(" *_")
    return (
        0 < len(text) <= _SHORT_TITLE
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith((".", ",", ";", ":"))
    )


def _split(case: RawCase) -> list[RawCase] | None:
    starts = _starts(case.body)
    if not starts:
        return None
    ends = [k for k, _, _ in starts[1:]] + [len(case.body)]
    sections = [case.body[k:end] for (k, _, _), end in zip(starts, ends, strict=True)]
    if any(sum(1 for x in s if x.text.strip()) < _MIN_LINES for s in sections):
        return None  # one-line points of a list
    deciding = (s for s in sections if _decides(s[1:]))
    if next(deciding, None) is None or next(deciding, None) is None:
        return None  # fewer than two record an outcome of their own
    own = case.body[: starts[0][0]]
    parts: list[RawCase] = []
    if _decides(own) or sum(1 for x in own if x.text.strip()) > _OWN_LINES:
        parts.append(RawCase(case.number, case.title, own, case.heading, case.kinds))
    for (_, letter, first), section in zip(starts, sections, strict=True):
        number = f"{case.number}({letter})" if case.number else f"({letter})"
        rest = section[1:]
        if not first:  # "(a)" alone: a title on the next line, or none ("Circulated, …")
            k = next((k for k, x in enumerate(rest) if x.text.strip()), None)
            if k is not None and _reads_as_title(rest[k].text):
                first, rest = rest[k].text.strip(), rest[k + 1 :]
        title, taken = _title(first, rest) if first else (case.title, 0)
        body = rest[taken:]
        parts.append(RawCase(number, title, body, section[0], list(case.kinds)))
    return parts
