"""A few of a case's own sentences that say what was reported: what an answer about an
information item or a discussion shows, where the decision would stand for a decided case.

Pure functions of the text: the sentences most about the question's words when the body is
long, else its start; never a word cut in two.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from minutes.action_words import merged

from .search.analysis import query_terms
from .search.normalize import NON_TERM, fold, term, words

EXCERPT_CHARS = 320  # about three lines in a chat; the sentences beyond it are left out
GAP = " … "  # between two sentences that do not follow each other in the minutes
_MIN_LEFT_OUT = 20  # a text shorter than this (a name) does not remove a sentence holding it
_PART_OF_WORD = 5  # a question word this long also matches inside a compound
_SOURCE_WEIGHTS = {"query": 1.0, "glossary": 0.7, "translation": 0.7, "compound": 0.5}
# What a sentence must hold to be about the question: a word as typed, or an acronym's
# expansion or two parts of a compound ("plass" alone from "parkeringsplasser" is not).
_ABOUT = 1.0
_SHARE_OF_BEST = 0.5  # a sentence holding less of the question than this share of the best
# Words a sentence opens with when it goes on about the one before it.
_POINTS_BACK = re.compile(
    r"(?:alle|begge|både|dette|denne|disse|det|de|den|dem|han|hun|også|samtidig|i tillegg|"
    r"likevel|derfor|dermed|this|these|that|those|it|they|he|she|all|both|also|however|"
    r"in addition|therefore)\b",
    re.I,
)
_HEADING_WORDS_IN_TEXT = 3  # a matched sentence this short is a heading within the text

_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)])\s+")
_END = re.compile(r"[.!?…][\"»”')]*(?=\s)")
_FINAL = re.compile(r"[.!?…][\"»”')]*$")
_WRAPPED = 60  # a line this long without a full stop was wrapped, not ended
_HEADING_WORDS = 5  # a line this short without a full stop is a heading ("Fra partene")
# A label before a decision or the tasks ("Konklusjon:", "LSU fattet slik vedtak:").
_LABEL = re.compile(r"^[^.!?]{0,60}:\s*$")
_TRIM = " ,;:–—-"
_PROPOSALS = re.compile(
    r"\b(?:forslag\w*|innstilling\w*|stemte|stemmer|stemme|votering|voterte|falt|"
    r"alternativt?|benkeforslag|vote[sd]?|voting|motion|amendment|proposal|proposed|rejected|"
    r"defeated|seconded)\b",
    re.I,
)


def excerpt(
    body: str,
    question: str,
    *,
    decision: str | None = None,
    leave_out: Iterable[str] = (),
    limit: int = EXCERPT_CHARS,
) -> str | None:
    """What was reported, from `body`: the whole when it is short, else the sentences that
    hold most of the question's words, in the order they stand (its start when none does).
    The decision and what comes after it, and sentences that are `leave_out` (the tasks,
    shown as such), are not repeated. None when nothing is left."""
    found = _reported(body, decision, leave_out)
    if not found:
        return None
    if len(" ".join(found)) <= limit:
        return " ".join(found)
    asked = _question_terms(question)
    scores = [_score(s, asked) for s in found]
    about = max(scores) >= _ABOUT
    chosen = _best(found, scores, limit) if about else _from_start(found, limit)
    return _join(found, chosen, limit)


def beyond_decision(
    body: str,
    question: str,
    *,
    title: str,
    decision: str | None,
    leave_out: Iterable[str] = (),
    limit: int = EXCERPT_CHARS,
) -> str | None:
    """For a decided case, the sentences of what was reported that hold words of the
    question its title and decision do not ("hvor mange brukere har Læringsbrua" when the
    decision only names the board): what the decision alone leaves unanswered. None when
    the decision says all the question asks about."""
    covered = {term(w) for w in words(f"{title}\n{decision or ''}")}
    asked = {a: w for a, w in _question_terms(question).items() if not _holds(covered, a)}
    if not asked:  # the usual case, and the body need not be read at all
        return None
    if not _spelt_in(body, asked):  # no sentence can hold any: none is about the question
        return None
    # Proposals and votes stay out: beside a decision, one that fell would read as adopted.
    found = [s for s in _reported(body, decision, leave_out) if not _PROPOSALS.search(s)]
    scores = [_score(s, asked) for s in found]
    if not found or max(scores) < _ABOUT:
        return None
    return _join(found, _best(found, scores, limit), limit)


def _reported(body: str, decision: str | None, leave_out: Iterable[str]) -> list[str]:
    found = _sentences(_before(body, decision))
    gone = [_plain(t) for t in leave_out if t and len(t.strip()) >= _MIN_LEFT_OUT]
    if not gone:
        return found
    return [s for s in found if not _left_out(_plain(s), gone)]


def _left_out(plain: str, gone: list[str]) -> bool:
    return any(g in plain or plain in g for g in gone)


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


class _Sentence(str):
    """A sentence that knows whether it opens its paragraph."""

    opens: bool = True


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in _paragraphs(text):
        for index, part in enumerate(_split(paragraph)):
            sentence = _Sentence(part)
            sentence.opens = index == 0
            out.append(sentence)
    if out and ")" in out[0] and "(" not in out[0]:
        out.pop(0)  # the end of a title the minutes broke over two lines: "… Group)."
    return out


def _paragraphs(text: str) -> list[str]:
    """Lines joined where the minutes only wrapped them: a line without a full stop goes on
    when the next one starts in lower case, or when it is as long as wrapped lines are.
    A list item, a blank line and a line that ends a sentence end one; a short line without
    a full stop standing alone is a heading or a label ("Fra partene", "Konklusjon:"), left
    out."""
    raws = text.splitlines()
    found: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            found.append(" ".join(current))
            current.clear()

    for index, raw in enumerate(raws):
        line = _BULLET.sub("", raw).strip()
        if not line or _BULLET.match(raw):
            flush()
        if not line:
            continue
        following = raws[index + 1].strip() if index + 1 < len(raws) else ""
        ends = line.endswith(":") or (_FINAL.search(line) and not _abbreviated(line))
        goes_on = not ends and bool(following) and not _BULLET.match(raws[index + 1])
        goes_on = goes_on and (following[0].islower() or len(line) >= _WRAPPED or
                               _abbreviated(line))  # fmt: skip
        if not current and not goes_on and not ends and len(line.split()) <= _HEADING_WORDS:
            continue  # a heading
        current.append(line)
        if not goes_on:
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


# Cached: an answer scores every sentence of several cases against one question (the
# result is only read).
@functools.lru_cache(maxsize=256)
def _question_terms(question: str) -> dict[str, float]:
    """The question's words as the search reads them, with what they stand for: an
    acronym's expansion ("DHO": digital hjemmeoppfølging), a translation, a compound's
    parts ("korridor", "pasient"). A word typed weighs most; a short part (prone to match
    anything) is left out."""
    weights: dict[str, float] = {}
    for found in query_terms(question):
        weight = _SOURCE_WEIGHTS.get(found.source)
        if weight is None or (found.source == "compound" and len(found.term) < _PART_OF_WORD):
            continue
        weights[found.term] = max(weights.get(found.term, 0.0), weight)
    return weights


def _score(sentence: str, asked: dict[str, float]) -> float:
    """How much of the question the sentence holds."""
    maybe = _spelt_in(sentence, asked)
    if not maybe:  # most sentences of a case: no need to split them into words
        return 0.0
    held = {term(w) for w in words(sentence)}
    return sum(weight for a, weight in maybe.items() if _holds(held, a))


def _spelt_in(text: str, asked: dict[str, float]) -> dict[str, float]:
    """The question's terms that `text` may hold, in their order: those found in its letters
    and digits run together. A word's term is its stem (a start of the word) folded, so it
    is found there, as is any term a longer one holds; a term not found is in none of its
    words. (Percent-encoded text is decoded before it is split into words: all may be.)"""
    if "%" in text:
        return asked
    flat = NON_TERM.sub("", fold(text))
    return {a: w for a, w in asked.items() if a in flat}


def _holds(held: set[str], asked: str) -> bool:
    """A word of the question among `held`; a longer one also inside a compound
    ("journalsystem" in "pasientjournalsystem")."""
    return asked in held or (len(asked) >= _PART_OF_WORD and any(asked in h for h in held))


def _from_start(found: list[str], limit: int) -> list[int]:
    chosen, used = [], 0
    for index, sentence in enumerate(found):
        if chosen and used + len(sentence) + 1 > limit:
            break
        chosen.append(index)
        used += len(sentence) + 1
    return chosen


def _best(found: list[str], scores: list[float], limit: int) -> list[int]:
    """The sentences that hold most of the question (at least half as much as the best
    one), best first while they fit. A list's heading that matched ("5. Fastlegesituasjonen.")
    brings the sentence after it, which says what was said about it, and a sentence that
    goes on about a chosen one comes with it."""
    floor = _SHARE_OF_BEST * max(scores)
    chosen = _most(found, scores, floor, limit)
    used = sum(len(found[i]) + len(GAP) for i in chosen)
    for index in list(chosen):  # what goes on about a chosen sentence ("Alle rapporterer …")
        after = index + 1
        while after < len(found) and after not in chosen and _goes_on(found[after]):
            if used + len(found[after]) + 1 > limit:
                break
            chosen.append(after)
            used += len(found[after]) + 1
            after += 1
    return sorted(chosen)


def _goes_on(sentence: str) -> bool:
    """A sentence that says more of the one before it: in its paragraph, and opening with a
    word that points back ("Alle rapporterer om innsparingstiltak", "Dette gjelder …")."""
    opens = getattr(sentence, "opens", True)
    return not opens and _POINTS_BACK.match(sentence) is not None


def _most(found: list[str], scores: list[float], floor: float, limit: int) -> list[int]:
    order = sorted(
        (i for i in range(len(found)) if scores[i] >= floor), key=lambda i: (-scores[i], i)
    )
    chosen: list[int] = []
    used = 0
    for index in order:
        wanted = [index]
        if len(found[index].split()) <= _HEADING_WORDS_IN_TEXT and index + 1 < len(found):
            wanted.append(index + 1)
        for i in wanted:
            size = len(found[i]) + len(GAP)
            if i in chosen or (chosen and used + size > limit):
                continue
            chosen.append(i)
            used += size
    return chosen


def _join(found: list[str], chosen: list[int], limit: int) -> str:
    parts: list[str] = []
    for position, index in enumerate(chosen):
        if position and chosen[position - 1] != index - 1:
            parts.append(GAP.strip())
        parts.append(found[index])
    return clip_words(" ".join(parts), limit)
