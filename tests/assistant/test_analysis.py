"""Text analysis for decision search: folding, words, index terms, query terms."""

from __future__ import annotations

import random
import re
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest

from assistant.search import (
    QueryTerm,
    TermVocabulary,
    fold,
    index_terms,
    load_bilingual,
    load_glossary,
    query_terms,
    vocabulary_from_texts,
    words,
)
from assistant.search.compounds import compound_parts, static_parts
from assistant.search.glossary import default_bilingual, default_glossary
from assistant.search.normalize import _FOLD_TABLE, data_lines, data_text, stopwords, term
from assistant.search.typos import max_distance

TERM = re.compile(r"[a-z0-9]+")


def terms_of(result: Iterable[QueryTerm], *sources: str) -> set[str]:
    return {q.term for q in result if not sources or q.source in sources}


def weight_of(result: list[QueryTerm], t: str) -> float:
    return next((q.weight for q in result if q.term == t), 0.0)


def vocab(*texts: str) -> TermVocabulary:
    return vocabulary_from_texts(texts)


# --- fold -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Øyeblikkelig HJELP-plasser", "oyeblikkelig hjelp-plasser"),
        ("Ærlig Åse på Økern", "aerlig ase pa okern"),
        ("idé, café, crème, fête", "ide, cafe, creme, fete"),
        ("Jürgen Öberg Ärlig", "jurgen oberg arlig"),
        ("Straße", "strasse"),
        ("LAR og TUD", "lar og tud"),
        ("2023.30", "2023.30"),
        ("«Helhetlige pasientforløp» – 24/7", "helhetlige pasientforlop  24/7"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(folded) == folded


def _fold_whole(text: str) -> str:
    """fold as the definition reads: the whole text decomposed, only ASCII kept."""
    text = text.lower().translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text).translate(_FOLD_TABLE)
    return "".join(c for c in decomposed if c.isascii())


@pytest.mark.parametrize(
    "text",
    [
        "e\u0301 a\u0308\u0301 o\u0323\u0302",  # combining marks, stacked and reordered
        "ΟΔΟΣ Σίσυφος",  # final sigma (lowered in context), Greek with accents
        "한국어 ﬁnale ℌilbert Ω Å ½ ⅷ 𝐀",  # Hangul, ligature, compatibility letters
        "nbsp\u00a0– «sitat» … ‘x’ “y” § 3\u200b",
        "Ærlig ÆØÅ æøå Œuvre ÐÞ ẞ ı",
    ],
)
def test_fold_is_the_whole_text_decomposed(text: str) -> None:
    """fold folds character by character; the same as decomposing the whole text."""
    assert fold(text) == _fold_whole(text)
    rng = random.Random(text)
    mixed = "".join(rng.choice(text + "abc ") for _ in range(300))
    assert fold(mixed) == _fold_whole(mixed)


# --- words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("øyeblikkelig hjelp-plasser", ["øyeblikkelig", "hjelp", "plasser", "hjelpplasser"]),
        ("TUD-pasienter", ["tud", "pasienter", "tudpasienter"]),
        # line-end hyphenation joins the word
        ("kompetanse-\nsamarbeid", ["kompetanse", "samarbeid", "kompetansesamarbeid"]),
        # a stopword part or more than three parts: parts only
        ("kommuner-og-helseforetak", ["kommuner", "og", "helseforetak"]),
        ("Asker- og Bærum kommune", ["asker", "og", "bærum", "kommune"]),
        # numbers: years stay, case numbers keep only their year, other numbers go
        ("Sak 17/2022 og 2023.30: 716 000 kroner", ["sak", "2022", "og", "2023", "kroner"]),
        ("2024-2027", ["2024", "2027"]),
        ("covid-19 og covid19", ["covid", "og", "covid"]),
        ("e-post", ["post", "epost"]),
        # URLs and e-mail go whole; a bare domain is its name
        ("se https://www.siv.no/seksjon/a_b/sak%2068.pdf nå", ["se", "nå"]),
        ("www.asker.kommune.no/helse", []),
        ("post@vestreviken.no", []),
        ("se kompetansebroen.no", ["se", "kompetansebroen"]),
        # a URL broken over two lines: the second half is decoded, its words kept
        ("sak%2069%20%C3%98konomisk%20langtidsplan", ["sak", "økonomisk", "langtidsplan"]),
        ("i - x", []),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


# --- index_terms ----------------------------------------------------------------------------


def test_index_terms_stem_fold_and_drop_stopwords() -> None:
    assert index_terms("Det ble vedtatt å øke budsjettet for øyeblikkelig hjelp") == [
        "oke",
        "budsjett",
        "oyeblikk",
        "hjelp",
    ]


def test_index_terms_repeat_terms() -> None:
    assert index_terms("LAR, LAR og LAR-pasienter").count("lar") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kompetansesamarbeid", ["kompetansesamarbeid", "kompetans", "samarbeid"]),
        ("Kompetansesamarbeidet", ["kompetansesamarbeid", "kompetans", "samarbeid"]),
        ("arbeidsgruppen", ["arbeidsgrupp", "arbeid", "grupp"]),
        ("hjelpeplasser", ["hjelpeplass", "hjelp", "plass"]),
        ("hjelp-plasser", ["hjelp", "plass", "hjelpplass"]),
        ("innsparingstiltak", ["innsparingstiltak", "innsparing", "tiltak"]),
        # near misses: parts under 4 letters, no listed tail, never-split words
        ("samarbeid", ["samarbeid"]),
        ("samhandling", ["samhandling"]),
        ("behandling", ["behandling"]),
        ("plassering", ["plassering"]),
        ("planlegging", ["planlegging"]),
        ("interessenter", ["interessent"]),
        ("sykehjemmet", ["sykehjemm"]),
    ],
)
def test_index_terms_compound_parts(text: str, expected: list[str]) -> None:
    assert index_terms(text) == expected


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        # Snowball alone would give "fast", "kommun" and "arbeidsmiljø"
        ("fastlegen", "fastleg"),
        ("kommunelege", "kommuneleg"),
        ("arbeidsmiljøloven", "arbeidsmiljolov"),
        ("lege", "leg"),
    ],
)
def test_lege_and_lov_nouns_keep_their_ending(word: str, stemmed: str) -> None:
    assert term(word) == stemmed


def test_index_terms_of_urls_and_numbers_have_no_garbage() -> None:
    text = (
        "Styresak SiV 69/23: Økonomisk langtidsplan 2024-2027\n"
        "https://www.siv.no/seksjon/styredokumenter_/Documents/2023/September/\n"
        "sak%2069%20%C3%98konomisk%20langtidsplan%202024-\n"
        "2027%20inkl.%20status%20Budsjett%202024.PDF\n"
        "http://www.horten.kommune.no/ og post@siv.no, 716 000 kroner, sak 2023.30"
    )
    got = index_terms(text)
    assert all(TERM.fullmatch(t) for t in got)
    for garbage in ("https", "http", "www", "no", "pdf", "seksjon", "documents", "20", "69"):
        assert garbage not in got
    assert {"siv", "okonomisk", "langtidsplan", "budsjett", "2024", "2027"} <= set(got)


def test_index_terms_of_the_seeds_are_clean() -> None:
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds.glob("*"))]
    if not texts:
        pytest.skip(f"no seeds in {seeds}")
    got = {t for text in texts for t in index_terms(text)}
    assert all(TERM.fullmatch(t) for t in got)
    assert not got & {"https", "http", "www", "pdf", "aspx", "20", "ashx"}
    assert {"lar", "tud", "kompetansebro", "hjemmeoppfolging", "fastleg"} <= got


# --- query_terms: the topic's own words ------------------------------------------------------


@pytest.mark.parametrize(
    "topic",
    [
        "",
        "   ",
        "hva ble bestemt om",
        "hva ble bestemt?",
        "Hva ble vedtatt?",
        "what was decided about the",
        "i på til det",
        "https://www.siv.no/",
    ],
)
def test_stopword_only_topic_gives_nothing(topic: str) -> None:
    assert query_terms(topic) == []


def test_query_words_are_analysed_like_the_index() -> None:
    text = "Øyeblikkelig hjelp-plasser i kommunene"
    assert terms_of(query_terms(text), "query") == set(index_terms(text))
    assert all(weight_of(query_terms(text), t) == 1.0 for t in index_terms(text))


def test_whole_question_gives_the_topic() -> None:
    assert query_terms("Hva ble bestemt om LAR?") == query_terms("LAR")
    assert query_terms("hva har LSU vedtatt angående LAR") == query_terms("LSU LAR")


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        ("vedtaket om budsjettet", {"budsjett"}),
        ("decisions on the budget", {"budg", "budsjett"}),
        ("referatet fra saken om DHO", {"dho", "digital", "hjemmeoppfolging"}),
    ],
)
def test_question_nouns_are_dropped_when_there_is_a_topic(topic: str, expected: set) -> None:
    assert expected <= terms_of(query_terms(topic))
    assert not terms_of(query_terms(topic)) & {"vedtak", "referat", "sak", "decision"}


def test_question_nouns_alone_are_searched_for() -> None:
    assert terms_of(query_terms("vedtak")) == {"vedtak"}
    assert {"vedtak", "beslutning", "konklusjon"} <= terms_of(query_terms("decisions"))


def test_result_is_unique_and_sorted_by_weight() -> None:
    result = query_terms("LAR legemiddelassistert rehabilitering LAR")
    assert len({q.term for q in result}) == len(result)
    assert [q.weight for q in result] == sorted((q.weight for q in result), reverse=True)
    assert weight_of(result, "lar") == 1.0  # highest weight wins over the glossary's 0.7


# --- glossary --------------------------------------------------------------------------------

LAR_TERMS = set(index_terms("legemiddelassistert rehabilitering"))


@pytest.mark.parametrize("written", ["LAR", "lar", "LAR-pasienter", "TUD og LAR"])
def test_acronym_expands(written: str) -> None:
    result = query_terms(written)
    assert terms_of(result, "glossary") >= LAR_TERMS
    assert all(weight_of(result, t) == 0.7 for t in LAR_TERMS)


@pytest.mark.parametrize(
    "written",
    [
        "Lar",  # a capitalised word is a word (a sentence start), not the acronym
        "lår",  # diacritics count for acronyms ("lår" is a thigh)
        "klar",
        "lars",
        "Lars",
        "solar",
        "LARS",
    ],
)
def test_near_miss_does_not_expand_to_lar(written: str) -> None:
    assert not terms_of(query_terms(written)) & LAR_TERMS


def test_expansion_adds_the_acronym() -> None:
    result = query_terms("legemiddelassistert rehabilitering")
    assert "lar" in terms_of(result, "glossary")
    assert weight_of(result, "lar") == 0.7
    # inflected and with other words around it
    assert "lar" in terms_of(query_terms("pasienter i legemiddelassisterte rehabiliteringen"))
    # one word of a two-word expansion is not enough
    assert "lar" not in terms_of(query_terms("rehabilitering"))


@pytest.mark.parametrize(
    ("topic", "expected", "unexpected"),
    [
        ("TUD", {"tvung", "psykisk", "helsevern", "dognopphold"}, set()),
        ("DHO", {"digital", "hjemmeoppfolging"}, set()),
        ("digital hjemmeoppfølging", {"dho"}, set()),
        ("AU", {"arbeidsutvalg"}, set()),
        ("arbeidsutvalget", {"au"}, set()),
        ("SSU", {"strategisk", "samarbeidsutvalg"}, set()),
        ("SiV", {"sykehus", "vestfold"}, set()),
        ("siv", {"sykehus", "vestfold"}, set()),
        ("Siv", set(), {"sykehus", "vestfold"}),  # a name
        ("Sykehuset i Vestfold", {"siv"}, set()),
        ("Helse- og omsorgsdepartementet", {"hod"}, set()),
        ("Universitetet i Sørøst-Norge", {"usn"}, set()),
        ("øyeblikkelig hjelp", {"oh"}, set()),
        ("ØHD", {"oyeblikk", "hjelp", "dognopphold"}, set()),
        ("Hdir", {"helsedirektorat"}, set()),
        ("HDIR", {"helsedirektorat"}, set()),
        ("FACT", {"fleksibel"}, set()),
        ("fact", set(), {"fleksibel"}),  # marked `case`: an ordinary English word
        ("HMS", {"miljo", "sikker"}, set()),
    ],
)
def test_glossary(topic: str, expected: set, unexpected: set) -> None:
    got = terms_of(query_terms(topic))
    assert expected <= got
    assert not unexpected & got


def test_glossary_has_the_acronyms_of_the_brief() -> None:
    acronyms = {e.acronym.lower() for e in default_glossary().entries}
    required = "lar tud dho au ssu lsu osu fsu pm siv vv hdir ks pko øhd øh khs plo hf nsf usn hod"
    assert set(required.split()) <= acronyms
    assert {"kad", "iplos", "hms"} <= acronyms
    assert all(e.term and e.expansions for e in default_glossary().entries)


def test_load_glossary_merges_a_deployment_file(tmp_path: Path) -> None:
    extra = tmp_path / "glossary.tsv"
    extra.write_text(
        "# our own\nHFV\tHelsefellesskapet Vestfold\nLAR\tlegemiddelassistert behandling\n",
        encoding="utf-8",
    )
    glossary = load_glossary(extra)
    assert {"helsefellesskap", "vestfold"} <= terms_of(query_terms("HFV", glossary=glossary))
    lar = terms_of(query_terms("LAR", glossary=glossary))
    assert LAR_TERMS | {"behandling"} <= lar
    assert terms_of(query_terms("HFV")) == {"hfv"}  # the default glossary is unchanged
    assert "hfv" in terms_of(query_terms("Helsefellesskapet Vestfold", glossary=glossary))
    assert load_glossary(None) is default_glossary()


def test_load_glossary_rejects_a_malformed_line(tmp_path: Path) -> None:
    extra = tmp_path / "glossary.tsv"
    extra.write_text("HFV Helsefellesskapet Vestfold\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1"):
        load_glossary(extra)


# --- English ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "norwegian"),
    [
        ("what was decided about the budget", "budsjett"),
        ("digital home monitoring", "digital hjemmeoppfølging"),
        ("remote monitoring", "digital hjemmeoppfølging"),
        ("the working group", "arbeidsgruppe"),
        ("competence", "kompetanse"),
        ("collaboration", "samarbeid samhandling"),
        ("emergency beds", "øyeblikkelig hjelp"),
        ("bed occupancy", "belegg"),
        ("the bed figures", "beleggstall"),
        ("beds", "senger"),
        ("opioid substitution treatment", "legemiddelassistert rehabilitering"),
        ("mental health", "psykisk helse"),
        ("substance abuse", "rus"),
        ("hospitals", "sykehus"),
        ("municipalities", "kommune kommunene"),
        ("GP", "fastlege"),
        ("general practitioners", "fastlege"),
        ("patient pathways", "pasientforløp"),
        ("discharge", "utskrivning utskrivningsklare"),
        ("partnership meeting", "partnerskapsmøte"),
        ("action plan", "handlingsplan"),
        ("recruitment", "rekruttering"),
        ("leadership development", "lederutvikling"),
        ("minutes", "referat"),
        ("meetings", "møte"),
        ("agreements", "avtale samarbeidsavtale"),
    ],
)
def test_english_topics_reach_norwegian_terms(topic: str, norwegian: str) -> None:
    result = query_terms(topic)
    assert set(index_terms(norwegian)) - {"kommun"} <= terms_of(result) | {"kommun"}
    for t in index_terms(norwegian):
        assert weight_of(result, t) >= 0.8 * 0.6
    assert "translation" in {q.source for q in result}


def test_english_words_are_kept_for_english_minutes() -> None:
    result = query_terms("digital home monitoring")
    assert {"digital", "monitoring"} <= terms_of(result, "query")
    assert "hjemmeoppfolging" in terms_of(result, "translation")
    assert weight_of(result, "hjemmeoppfolging") == 0.8


def test_norwegian_topics_reach_english_minutes() -> None:
    # The table read the other way: a Norwegian question over minutes written in English
    result = query_terms("nordisk terminologiserver samarbeid")
    assert {"nordic", "terminology", "cooperation"} <= terms_of(result, "translation")
    assert weight_of(result, "nordic") == 0.8
    assert {"nordisk", "samarbeid"} <= terms_of(result, "query")
    # a compound's parts are translated too, weighed as parts
    index = vocab("nordisk terminologi samarbeid nordic terminology cooperation")
    parts = query_terms("terminologisamarbeidet", index)
    assert {"terminology", "cooperation"} <= terms_of(parts, "compound")


def test_question_nouns_are_not_translated_back() -> None:
    # "vedtak" frames a Norwegian question; "decision" in English minutes is not what it asks
    assert not terms_of(query_terms("vedtak om tilbakemelding"), "translation") & {
        "decision",
        "resolution",
        "decid",
    }
    assert "feedback" in terms_of(query_terms("vedtak om tilbakemelding"), "translation")


def test_longest_english_phrase_wins() -> None:
    # "mental health care" -> psykisk helsevern, not also "mental health" -> psykisk helse
    care = query_terms("mental health care")
    assert {"psykisk", "helsevern"} <= terms_of(care, "translation")
    assert "hels" not in terms_of(care)
    assert "hels" in terms_of(query_terms("mental health"), "translation")
    # "remote patient monitoring" beats "patient" (-> pasient)
    assert "pasient" not in terms_of(query_terms("remote patient monitoring"))
    assert "pasient" in terms_of(query_terms("patient monitoring"), "translation")


def test_bilingual_table_size_and_rows() -> None:
    table = default_bilingual()
    assert len(table.rows) >= 80
    for english, norwegian in table.rows:
        assert table.keys(english), f"row {english!r} can never match"
        assert norwegian


def test_load_bilingual_extends(tmp_path: Path) -> None:
    extra = tmp_path / "bilingual.tsv"
    extra.write_text("knowledge bridge\tkompetansebroen\n", encoding="utf-8")
    table = load_bilingual(extra)
    assert "kompetansebro" in terms_of(query_terms("the knowledge bridge", bilingual=table))
    assert "kompetansebro" not in terms_of(query_terms("the knowledge bridge"))


# --- compounds -------------------------------------------------------------------------------


def test_separate_words_find_the_compound() -> None:
    index = vocab("Strukturert kompetansesamarbeid mellom partene")
    result = query_terms("kompetanse samarbeid", index)
    assert term("kompetansesamarbeid") in terms_of(result, "compound")
    assert weight_of(result, "kompetansesamarbeid") == 0.6


def test_compound_finds_the_separate_words() -> None:
    index = vocab("Kompetanse og samarbeid mellom partene")
    result = query_terms("kompetansesamarbeid", index)
    assert {"kompetans", "samarbeid"} <= terms_of(result, "compound")
    # and the index of the compound holds the parts, so the words match it directly
    assert {"kompetans", "samarbeid"} <= set(index_terms("kompetansesamarbeid"))


def test_compound_split_by_the_vocabulary() -> None:
    # "brukermedvirkning" is not in the static list; the vocabulary knows both parts
    index = vocab("Bruker og medvirkning i tjenestene")
    got = terms_of(query_terms("brukermedvirkningen", index), "compound")
    assert {"bruk", "medvirkning"} <= got


def test_words_joined_with_a_linking_letter() -> None:
    index = vocab("Arbeidsgruppen la fram forslaget", "Hjelpeplasser i kommunen")
    assert "arbeidsgrupp" in terms_of(query_terms("arbeid gruppe", index), "compound")
    assert "hjelpeplass" in terms_of(query_terms("hjelp plasser", index), "compound")


def test_compounds_without_vocabulary_use_the_static_list() -> None:
    assert "kompetansesamarbeid" in terms_of(query_terms("kompetanse samarbeid"), "compound")
    assert "handlingsplan" in terms_of(query_terms("handling plan"), "compound")
    assert {"kompetans", "samarbeid"} <= terms_of(query_terms("kompetansesamarbeid"))
    # unlisted words are not joined: nothing says the compound exists
    assert not terms_of(query_terms("legemiddelassistert rehabilitering"), "compound")


@pytest.mark.parametrize(
    ("topic", "other"),
    [
        ("øyeblikkelig hjelp-plasser", "øyeblikkelig hjelp plasser"),
        ("øyeblikkelig hjelp-plasser", "kommunale øyeblikkelig hjelp senger"),
        ("øyeblikkelig hjelpeplasser", "øyeblikkelig hjelp plasser"),
    ],
)
def test_hyphen_and_space_variants_share_terms(topic: str, other: str) -> None:
    shared = terms_of(query_terms(topic)) & set(index_terms(other))
    assert {"oyeblikk", "hjelp"} <= shared


def test_parts_are_at_least_four_letters() -> None:
    index = vocab("sam arbeid samarbeid")
    result = query_terms("samarbeid", index)
    assert terms_of(result, "query", "compound") == {"samarbeid"}
    assert static_parts("samarbeid") == ()
    assert all(len(p) >= 4 for p in compound_parts().bases)


# --- typos -----------------------------------------------------------------------------------


def test_typo_reaches_the_indexed_name() -> None:
    index = vocab("Kompetansebroen er en digital plattform")
    result = query_terms("kompetansebrua", index)
    assert term("kompetansebroen") in terms_of(result, "typo")
    assert weight_of(result, term("kompetansebroen")) == 0.5


def test_typo_in_a_person_name() -> None:
    index = vocab("Sekretariat: Rannveig Velken, kommunene")
    assert term("rannveig") in terms_of(query_terms("Ranveig", index), "typo")
    index = vocab("Sekretariat: Ranveig Velken, kommunene")
    assert term("ranveig") in terms_of(query_terms("Rannveig", index), "typo")


def test_typo_that_changes_the_stem() -> None:
    index = vocab("Budsjettet for 2024")
    assert "budsjett" in terms_of(query_terms("budsjet", index), "typo")


@pytest.mark.parametrize(
    ("topic", "index_text"),
    [
        ("plan", "plass blant plane"),  # under 5 letters: no typo candidates
        ("lege", "legen lage lese"),
        ("budsjett", "budsjettet budsjettene"),  # in the vocabulary: no typo lookup
        ("kompetansebrua", "kommunehelsetjenesten"),  # nothing close
    ],
)
def test_no_typo_candidates(topic: str, index_text: str) -> None:
    assert not terms_of(query_terms(topic, vocab(index_text)), "typo")


def test_no_typo_tolerance_without_vocabulary() -> None:
    assert not terms_of(query_terms("kompetansebrua"), "typo")


def test_at_most_three_typo_candidates_closest_first() -> None:
    index = vocab("rapporten", "rapporter", "rapportere", "rapportert", "rappor", "rapporteringen")
    result = query_terms("raporten", index)
    typos = [q for q in result if q.source == "typo"]
    assert 1 <= len(typos) <= 3
    assert typos[0].term == term("rapporten")


@pytest.mark.parametrize(
    ("word_length", "term_length", "distance"),
    [(4, 4, 0), (5, 5, 1), (7, 4, 1), (7, 7, 1), (8, 8, 2), (9, 6, 1), (14, 13, 2), (5, 3, 0)],
)
def test_max_distance(word_length: int, term_length: int, distance: int) -> None:
    assert max_distance(word_length, term_length) == distance


@pytest.mark.parametrize(
    ("typed", "indexed", "distance"),
    [
        ("kompetansebru", "kompetansebro", 1),  # substitution
        ("kmpetansebro", "kompetansebro", 1),  # deletion
        ("kompetanssebro", "kompetansebro", 1),  # insertion
        ("kompetnasebro", "kompetansebro", 1),  # transposition
        ("ompetansebro", "kompetansebro", 1),  # first letter missing
        ("xkompetansebro", "kompetansebro", 1),  # extra first letter
        ("okmpetansebro", "kompetansebro", 1),  # first two swapped
        ("gompetansebro", "kompetansebro", 1),  # first letter wrong
        ("samhandlingsavtal", "samarbeidsavtal", None),  # too far
    ],
)
def test_term_vocabulary_similar(typed: str, indexed: str, distance: int | None) -> None:
    index = TermVocabulary([indexed, "kommunehelsetjenest", "samhandling"])
    found = dict(index.similar(typed, 2))
    assert found.get(indexed) == distance


def test_term_vocabulary_prefers_frequent_terms_on_a_tie() -> None:
    index = TermVocabulary({"plasser": 2, "plassen": 40, "plassert": 1})
    assert [t for t, _ in index.similar("plassex", 1)] == ["plassen", "plasser"]
    assert "plassen" in index and "plassex" not in index
    assert set(index.terms()) == {"plasser", "plassen", "plassert"}


def test_any_vocabulary_works_for_typos() -> None:
    class SetVocabulary:
        def __init__(self, terms: Iterable[str]) -> None:
            self._terms = set(terms)

        def __contains__(self, t: str) -> bool:
            return t in self._terms

        def terms(self) -> Iterable[str]:
            return self._terms

    index = SetVocabulary(index_terms("Kompetansebroen er en digital plattform"))
    assert "kompetansebro" in terms_of(query_terms("kompetansebrua", index), "typo")


# --- data files ------------------------------------------------------------------------------


def test_stopwords_cover_question_filler() -> None:
    sw = stopwords()
    required = (
        "hva ble bestemt vedtatt besluttet om angående vedrørende hvilke når hvem det den de "
        "er var i på til what was were decided about regarding on the did we"
    )
    assert set(required.split()) <= sw.common
    assert {"vedtak", "beslutning", "konklusjon", "decision", "saken"} <= sw.question


def test_data_files_are_well_formed() -> None:
    for name in ("stopwords.txt", "compound_parts.txt"):
        for line in data_lines(data_text(name)):
            assert line == line.strip().lower(), f"{name}: {line!r}"
    for name in ("glossary.tsv", "bilingual.tsv"):
        for line in data_lines(data_text(name)):
            assert "\t" in line, f"{name}: {line!r}"


# --- speed -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_speed() -> None:
    rng = random.Random(4)
    letters = "abdeefgiklmnoprsstuvyøå"
    pool = ["".join(rng.choices(letters, k=rng.randint(4, 14))) for _ in range(20_000)]
    texts = [" ".join(rng.choices(pool, k=150)) for _ in range(2_000)]
    start = time.perf_counter()
    for text in texts:
        index_terms(text)
    per_text = (time.perf_counter() - start) / len(texts)
    assert per_text < 0.005  # 50,000 texts in well under a minute needs < 1.2 ms

    big = TermVocabulary(
        {"".join(rng.choices(letters, k=rng.randint(4, 16))) for _ in range(100_000)}
    )
    topics = ["kompetansebrua", "samhandlingsavtalen", "øyeblikkelig hjelp-plasser", "Ranveig"]
    for topic in topics:
        query_terms(topic, big)
    start = time.perf_counter()
    for _ in range(10):
        for topic in topics:
            query_terms(topic, big)
    per_query = (time.perf_counter() - start) / (10 * len(topics))
    assert per_query < 0.02  # typically ~1 ms; generous for slow machines
