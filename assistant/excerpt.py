"""A few of a case's own sentences that say what was reported: what an answer about an
information item or a discussion shows, where the decision would stand for a decided case.

Pure functions of the text: the sentences most about the question's words when the body is
long, else its start; never a word cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from minutes.action_words import merged

from .search.normalize import fold, is_question_word, is_stopword, term, words

EXCERPT_CHARS = 320  # about three lines in a chat; the sentences beyond it are left out
GAP = " … "  # between two sentences that do not follow each other in the minutes
_MIN_LEFT_OUT = 20  # a text shorter than this (a name) does not remove a sentence holding it
_PART_OF_WORD = 5  # a question word this long also matches inside a compound

_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")
_END = re.compile(r"[.!?…][\"»”')]*(?=\s)")
_FINAL = re.compile(r"[.!?…][\"»”')]*$")
_HEADING_WORDS = 5  # a line this short without a full stop is a heading ("Fra partene")
# A label before a decision or the tasks ("Konklusjon:", "LSU fattet slik vedtak:").
_LABEL = re.compile(r"^[^.!?]{0,60}:\s*$")
_TRIM = " ,;:–—-"


def excerpt(
    body: str,
    question: str,
    *,
    title: str = "",
    decision: str | None = None,
    leave_out: Iterable[str] = (),
    limit: int = EXCERPT_CHARS,
) -> str | None:
    """What was reported, from `body`: the whole when it is short, else the sentences that
    hold most of the question's words in the order they stand. The start when no sentence
    holds more of them than the `title` does: the whole case is about the question then
    ("kompetansesamarbeid" in "Strukturert kompetansesamarbeid"), where in a case of several
    reports ("Orienteringssaker") only the sentences about it are.
    The decision and what comes after it, and sentences that are `leave_out` (the tasks,
    shown as such), are not repeated. None when nothing is left."""
    sentences = _sentences(_before(body, decision))
    gone = [_plain(t) for t in leave_out if t and len(t.strip()) >= _MIN_LEFT_OUT]
    sentences = [s for s in sentences if not any(g in _plain(s) or _plain(s) in g for g in gone)]
    if not sentences:
        return None
    if len(" ".join(sentences)) <= limit:
        return " ".join(sentences)
    asked = _question_terms(question)
    scores = [_score(s, asked) for s in sentences]
    if max(scores) <= _score(title, asked):
        chosen = _from_start(sentences, limit)
    else:
        chosen = _best(sentences, scores, limit)
    return _join(sentences, chosen, limit)


def clip_words(value: str, limit: int) -> str:
    """`value` cut to at most `limit` characters at a word's end, with "…" when cut; a first
    word longer than the limit is kept whole rather than cut."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: max(1, limit - 1)]
    if not value[len(cut)].isspace():
        space = cut.rfind(" ")
        cut = cut[:space] if space > 0 else value.split(" ", 1)[0]
    return cut.rstrip(_TRIM) + "…"


def sentences(text: str) -> list[str]:
    """The sentences of a text as minutes write it: a line is one or more sentences, a list
    item one, a short line without a full stop a heading (left out)."""
    return _sentences(text)


def _before(body: str, decision: str | None) -> str:
    """The body up to its decision (which an answer shows on its own), without the label
    that introduces it."""
    if not decision:
        return body
    first = next((ln.strip() for ln in decision.splitlines() if ln.strip()), "")
    at = body.find(first) if first else -1
    if at < 0:
        return body
    lines = body[:at].rstrip().splitlines()
    while lines and _LABEL.match(lines[-1]):
        lines.pop()
    return "\n".join(lines)


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in _paragraphs(text):
        out += _split(paragraph)
    if out and ")" in out[0] and "(" not in out[0]:
        out.pop(0)  # the end of a title the minutes broke over two lines: "… Group)."
    return out


def _paragraphs(text: str) -> list[str]:
    """Lines joined where the minutes only wrapped them; a list item, a blank line and a
    line that ends a sentence end one. A short line without a full stop standing alone is a
    heading or a label ("Fra partene", "Konklusjon:"), left out."""
    found: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            found.append(" ".join(current))
            current.clear()

    for raw in text.splitlines():
        line = _BULLET.sub("", raw).strip()
        if not line or _BULLET.match(raw):
            flush()
        if not line:
            continue
        if not current and not _FINAL.search(line) and len(line.split()) <= _HEADING_WORDS:
            continue
        current.append(line)
        if line.endswith(":") or (_FINAL.search(line) and not _abbreviated(line)):
            flush()
    flush()
    return found


def _abbreviated(line: str) -> bool:
    """Whether the line ends in an abbreviation's full stop ("Ms.", "kl."): wrapped there."""
    last = line.split()[-1].lower().rstrip(".") if line.split() else ""
    return line.endswith(".") and (last in merged().abbreviations or len(last) == 1)


def _split(line: str) -> list[str]:
    abbreviations = merged().abbreviations
    found, start = [], 0
    for m in _END.finditer(line):
        before = line[start : m.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        following = line[m.end() :].lstrip()[:1]
        if m.group()[0] == "." and (
            word in abbreviations or (len(word) == 1 and word.isalpha()) or word.isdigit()
        ):
            continue  # "kl. 12", "f.eks. dette", "K. Berg", "14. desember"
        if not (following.isupper() or following.isdigit() or following in '«"(“'):
            continue
        found.append(line[start : m.end()].strip())
        start = m.end()
    found.append(line[start:].strip())
    return [s for s in found if s]


def _plain(value: str) -> str:
    return " ".join(fold(value).split()).strip(" .")


def _question_terms(question: str) -> set[str]:
    return {term(w) for w in words(question) if not is_stopword(w) and not is_question_word(w)}


def _score(sentence: str, asked: set[str]) -> int:
    """How many of the question's words the sentence holds (a longer one also inside a
    compound: "journalsystem" in "pasientjournalsystem")."""
    held = {term(w) for w in words(sentence)}
    return sum(
        1 for a in asked if a in held or (len(a) >= _PART_OF_WORD and any(a in h for h in held))
    )


def _from_start(found: list[str], limit: int) -> list[int]:
    chosen, used = [], 0
    for index, sentence in enumerate(found):
        if chosen and used + len(sentence) + 1 > limit:
            break
        chosen.append(index)
        used += len(sentence) + 1
    return chosen


def _best(found: list[str], scores: list[int], limit: int) -> list[int]:
    order = sorted((i for i in range(len(found)) if scores[i]), key=lambda i: (-scores[i], i))
    chosen, used = [], 0
    for index in order:
        size = len(found[index]) + len(GAP)
        if chosen and used + size > limit:
            continue
        chosen.append(index)
        used += size
    return sorted(chosen)


def _join(found: list[str], chosen: list[int], limit: int) -> str:
    parts: list[str] = []
    for position, index in enumerate(chosen):
        if position and chosen[position - 1] != index - 1:
            parts.append(GAP.strip())
        parts.append(found[index])
    return clip_words(" ".join(parts), limit)
