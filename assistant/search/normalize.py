"""The first steps of analysis, shared by index and query: fold, tokenise, stopwords, stem.

Everything here is a pure function of its input and of the data files in `assistant/data/`
(read once, lazily). Stems are cached per word, so analysing a large corpus costs one cache
lookup per word after the first occurrence.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import NamedTuple
from urllib.parse import unquote

import snowballstemmer

# Letters that Unicode does not decompose into a base letter plus a mark.
_FOLD_TABLE = MappingProxyType(
    str.maketrans(
        {
            "æ": "ae",
            "ø": "o",
            "å": "a",
            "ß": "ss",
            "œ": "oe",
            "ð": "d",
            "đ": "d",
            "þ": "th",
            "ł": "l",
            "ı": "i",
            "ŋ": "n",
        }
    )
)
NON_TERM = re.compile(r"[^a-z0-9]+")

# A hyphen at the end of a line between two letters joins the word ("kompetanse-\nsamarbeid").
_LINE_HYPHEN = re.compile(r"[-\u2010\u2011](?<=[^\W\d_].)[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)\S+", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PERCENT = re.compile(r"\S*%[0-9A-Fa-f]{2}\S*")
# A bare domain name in prose ("se kompetansebroen.no") stands for its name.
_DOMAIN = re.compile(
    r"\b((?:[^\W_][\w-]*\.)+)(?:no|com|org|net|se|dk|fi|eu|info|io|nu|uk|de)\b(?:/\S*)?",
    re.IGNORECASE,
)
_DOMAIN_HINT = re.compile(r"\.(?i:no|com|org|net|se|dk|fi|eu|info|io|nu|uk|de)\b")
_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
_HYPHEN = re.compile(r"[-\u2010\u2011]")
_RUN = re.compile(r"\d+|[^\W\d_]+")
_YEAR = re.compile(r"(?:19|20)\d\d")

MAX_HYPHEN_JOIN = 3  # "hjelp-plasser" is also "hjelpplasser"; a-b-c-d is not joined


def fold(text: str) -> str:
    """Lower case without diacritics: æ->ae, ø->o, å->a, é->e, ö->o, ä->a, ü->u.

    Letters outside a-z that have no ASCII base letter are dropped; digits, spaces and ASCII
    punctuation stay, so `fold("Øyeblikkelig HJELP-plasser") == "oyeblikkelig hjelp-plasser"`.
    """
    text = text.lower()
    if text.isascii():
        return text
    # Each other character folds on its own: decomposition is per character, and of what it
    # decomposes into only ASCII is kept (the combining marks that canonical ordering moves
    # go). A text holds a handful of distinct ones (æ ø å « » –), each replaced in one pass:
    # a tenth of the time of translating or decomposing the whole text (30 against 320 µs
    # for a case's body), which was most of an excerpt's cost.
    for char in set(_NON_ASCII.findall(text)):
        text = text.replace(char, _fold_char(char))
    return text


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char.translate(_FOLD_TABLE)).translate(_FOLD_TABLE)
    return "".join(c for c in decomposed if c.isascii())


class Token(NamedTuple):
    """A run of letters/digits as written, or a hyphen compound of 2+ parts.

    `parts` are the words as written (case kept, filtered: no one-letter words, no numbers but
    years). `joined` is the hyphen compound without hyphens ("hjelpplasser") when it has at
    most three parts, all letters and none a stopword; otherwise None.
    """

    parts: tuple[str, ...]
    joined: str | None = None


def tokens(text: str) -> list[Token]:
    """Tokenise text; see `words` for the rules."""
    out = []
    for raw in raw_words(text):
        token = token_of(raw)
        if token is not None:
            out.append(token)
    return out


def raw_words(text: str) -> list[str]:
    """Runs of letters and digits, hyphen compounds whole, after URLs etc. are removed."""
    return _WORD.findall(_clean(text))


def words(text: str) -> list[str]:
    """The words of a text, lower case (not folded), in order.

    - Split on anything that is not a letter or a digit, and between digits and letters
      ("covid19" -> "covid", "19").
    - Hyphen compounds give their parts AND the joined form: "hjelp-plasser" -> "hjelp",
      "plasser", "hjelpplasser". Joined only with two or three parts, all letters and none a
      stopword: "kommuner-og-helseforetak" gives only its parts.
    - Numbers are dropped except years 1900-2099 ("2023"); case numbers such as "17/2022" or
      "2023.30" keep only their year. One-letter words are dropped.
    - URLs and e-mail addresses are dropped whole; percent-encoded text (a URL broken over two
      lines) is decoded first; a bare domain name counts as its name ("kompetansebroen.no" ->
      "kompetansebroen").
    """
    out: list[str] = []
    for raw in raw_words(text):
        if raw.isalpha():  # most words: kept as they are, when longer than a letter
            if len(raw) >= 2:
                out.append(raw.lower())
            continue
        token = token_of(raw)
        if token is not None:
            out.extend(part.lower() for part in token.parts)
            if token.joined is not None:
                out.append(token.joined.lower())
    return out


def _clean(text: str) -> str:
    # Each rewrite runs only when a cheap test says it may apply: most texts need none.
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = _INVISIBLE.sub("", text)
    if "\n" in text:
        text = _LINE_HYPHEN.sub("-", text)
    if "://" in text or "www." in text or "WWW." in text:
        text = _URL.sub(" ", text)
    if "%" in text:
        text = _PERCENT.sub(lambda m: unquote(m.group(), errors="replace"), text)
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    if _DOMAIN_HINT.search(text):
        text = _DOMAIN.sub(lambda m: m.group(1).replace(".", " ").replace("www ", " "), text)
    return text


def token_of(raw: str) -> Token | None:
    """The token of one of `raw_words`, or None when nothing in it is kept."""
    if raw.isalpha():  # the common case: one plain word
        return Token((raw,)) if len(raw) >= 2 else None
    if "-" not in raw and "\u2010" not in raw and "\u2011" not in raw:
        parts = tuple(run for run in _RUN.findall(raw) if _keep(run))
        return Token(parts) if parts else None
    pieces = _HYPHEN.split(raw)
    parts = tuple(run for piece in pieces for run in _RUN.findall(piece) if _keep(run))
    joined = None
    if (
        len(pieces) <= MAX_HYPHEN_JOIN
        and all(piece.isalpha() for piece in pieces)
        and not any(is_stopword(piece.lower()) for piece in pieces)
    ):
        joined = "".join(pieces)
    return Token(parts, joined) if parts or joined else None


def _keep(run: str) -> bool:
    if run.isdigit():
        return run.isascii() and _YEAR.fullmatch(run) is not None
    return len(run) >= 2


# --- data files ---------------------------------------------------------------------------


def data_text(name: str) -> str:
    """A file of `assistant/data/` as text."""
    return (resources.files("assistant") / "data" / name).read_text(encoding="utf-8")


def data_lines(text: str) -> Iterator[str]:
    """Non-empty lines without `#` comments (a `#` after other text is kept: "C#")."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line.rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Stopwords:
    common: frozenset[str]
    question: frozenset[str]
    common_folded: frozenset[str]
    question_folded: frozenset[str]


@functools.cache
def stopwords() -> Stopwords:
    sections: dict[str, set[str]] = {"common": set(), "question": set()}
    current = sections["common"]
    for line in data_lines(data_text("stopwords.txt")):
        word = line.strip().lower()
        if word.startswith("[") and word.endswith("]"):
            current = sections[word[1:-1]]
        else:
            current.add(word)
    common, question = frozenset(sections["common"]), frozenset(sections["question"])
    return Stopwords(
        common,
        question,
        frozenset(fold(w) for w in common),
        frozenset(fold(w) for w in question),
    )


def is_stopword(word: str) -> bool:
    """A common stopword (dropped from index and query). `word` is lower case."""
    sw = stopwords()
    return word in sw.common or (word.isascii() and word in sw.common_folded)


def is_question_word(word: str) -> bool:
    """A word that frames a question ("vedtak", "decisions"): dropped from queries only."""
    sw = stopwords()
    return word in sw.question or (word.isascii() and word in sw.question_folded)


# --- stemming -----------------------------------------------------------------------------


@functools.cache
def _stemmer_slots() -> threading.local:
    # Snowball stemmer objects keep state while stemming: one per thread.
    return threading.local()


def _stemmer(language: str) -> snowballstemmer.stemmer:
    slots = _stemmer_slots()
    stemmer = getattr(slots, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(slots, language, stemmer)
    return stemmer


# Snowball strips "-leg" and "-lov" as adjective endings, which turns the nouns "fastlege"
# into "fast", "kommunelege" into "kommun" and "arbeidsmiljøloven" into "arbeidsmiljø". A word
# ending in the noun "lege" or "lov" (any inflection) keeps it: "fastleg", "arbeidsmiljolov".
_LEGE_LOV = re.compile(
    r"(?P<head>.{2,}?)"
    r"(?:(?P<lege>lege)(?:ns|n|r|rs|ne|nes|s)?|(?P<lov>lov)(?:en|ens|er|ers|ene|enes|s)?)"
)


@functools.lru_cache(maxsize=1 << 19)
def stem(word: str) -> str:
    """Norwegian Snowball stem of a lower-case word (with its æ/ø/å)."""
    noun = _LEGE_LOV.fullmatch(word)
    if noun is not None:
        return noun["head"] + ("leg" if noun["lege"] else "lov")
    return _stemmer("norwegian").stemWord(word)


@functools.lru_cache(maxsize=1 << 19)
def term(word: str) -> str:
    """The index term of a lower-case word: Norwegian stem, folded, only a-z0-9 (may be "")."""
    return NON_TERM.sub("", fold(stem(word)))


@functools.lru_cache(maxsize=1 << 14)
def english_stem(word: str) -> str:
    """English Snowball stem of a lower-case word, folded (for the bilingual table only)."""
    return _stemmer("english").stemWord(NON_TERM.sub("", fold(word)))
