"""What an answer shows of a case that was not decided (assistant/excerpt.py): a short body
whole, a long one's sentences about the question (its start when the whole case is about
it), never a word cut, never the decision or the tasks again."""

from __future__ import annotations

import re

import pytest

from assistant.excerpt import EXCERPT_CHARS, beyond_decision, clip_words, excerpt, sentences

ORIENTERINGSSAKER = (
    "Fra SSU\n"
    "SSU behandlet i møtet 7. september status for prosjektet digital hjemmeoppfølging og "
    "arbeidet med strukturert kompetansesamarbeid. Referatet er sendt ut til medlemmene.\n"
    "Fra partene\n"
    "Fjordby sykehus HF orienterte om høyt belegg i medisinsk klinikk gjennom hele september, "
    "med flere korridorpasienter enn på samme tid i fjor. Fjordby kommune har åpnet seks nye "
    "korttidsplasser på Furulund helsehus. Lindvik kommune rapporterer at rekrutteringen av "
    "sykepleiere til hjemmetjenesten fortsatt er krevende.\n"
    "Utvalget tok orienteringene til etterretning."
)


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[\wæøåÆØÅ-]+", text))


def test_a_long_body_shows_the_sentences_about_the_question() -> None:
    said = excerpt(ORIENTERINGSSAKER, "korridorpasienter")
    assert said == (
        "Fjordby sykehus HF orienterte om høyt belegg i medisinsk klinikk gjennom hele "
        "september, med flere korridorpasienter enn på samme tid i fjor."
    )
    two = excerpt(ORIENTERINGSSAKER, "korttidsplasser og sykepleiere")
    assert two is not None and "korttidsplasser" in two and "sykepleiere" in two
    assert "korridorpasienter" not in two


def test_sentences_that_do_not_follow_each_other_are_marked_apart() -> None:
    said = excerpt(ORIENTERINGSSAKER, "digital hjemmeoppfølging rekruttering")
    assert said is not None
    assert said.index("digital hjemmeoppfølging") < said.index("…") < said.index("rekrutteringen")


def test_the_start_when_no_sentence_holds_the_question_s_words() -> None:
    unrelated = excerpt(ORIENTERINGSSAKER, "parkeringsplasser")
    assert unrelated is not None and unrelated.startswith("SSU behandlet i møtet 7. september")
    assert len(unrelated) <= EXCERPT_CHARS
    body = " ".join(f"Setning nummer {n} handler om noe annet." for n in range(20))
    body += " Utvalget mente at kompetansesamarbeidet må bli mer gjensidig."
    about = excerpt(body, "kompetansesamarbeid")
    assert about == "Utvalget mente at kompetansesamarbeidet må bli mer gjensidig."


def test_a_decided_case_shows_only_what_its_decision_does_not_say() -> None:
    body = (
        "Læringsbrua er helsefellesskapets digitale plattform for læring.\n"
        "Utvalget ble orientert om bruken: 2 300 registrerte brukere og 41 publiserte "
        "e-læringskurs.\n"
        "Konklusjon:\n"
        "Therese Løvås og Arne Vold velges som kandidater til Læringsbruas styre."
    )
    decision = "Therese Løvås og Arne Vold velges som kandidater til Læringsbruas styre."
    title = "Læringsbrua – nytt styre fra 2027"
    said = beyond_decision(body, "hvor mange brukere har læringsbrua", title=title,
                           decision=decision)  # fmt: skip
    assert said == (
        "Utvalget ble orientert om bruken: 2 300 registrerte brukere og 41 publiserte "
        "e-læringskurs."
    )
    # near misses: what the title and decision say already brings no excerpt, nor a word
    # the body does not hold either
    for question in ("læringsbrua styre", "hvem ble valgt til styret i læringsbrua",
                     "hva koster læringsbrua"):  # fmt: skip
        assert beyond_decision(body, question, title=title, decision=decision) is None


def test_a_short_body_is_shown_whole_without_its_headings() -> None:
    body = "Oppfølgingssak\nUtvalget diskuterte tema og form.\nMøtet skal være fysisk."
    assert excerpt(body, "hvor") == "Utvalget diskuterte tema og form. Møtet skal være fysisk."


def test_the_decision_and_the_tasks_are_not_repeated() -> None:
    body = (
        "Fjordby sykehus orienterte om styresak 71/26.\n"
        "Kommunene ba om å bli involvert tidlig.\n"
        "- Geir Tveit lager et utkast til program og sender det til arbeidsutvalget.\n"
        "Konklusjon:\n"
        "Orienteringen tas til etterretning.\n"
        "Eventuelt\nIngen saker."
    )
    said = excerpt(
        body,
        "styresak",
        decision="Orienteringen tas til etterretning.",
        leave_out=["Geir Tveit lager et utkast til program og sender det til arbeidsutvalget."],
    )
    assert said == (
        "Fjordby sykehus orienterte om styresak 71/26. Kommunene ba om å bli involvert tidlig."
    )
    # near miss: a name alone (shorter than a task) removes no sentence that holds it
    kept = excerpt("Geir Tveit orienterte om planen.", "plan", leave_out=["Geir Tveit"])
    assert kept == "Geir Tveit orienterte om planen."


@pytest.mark.parametrize("limit", [40, 57, 58, 59, 100, 139, 200])
def test_an_excerpt_never_cuts_a_word(limit: int) -> None:
    body = ORIENTERINGSSAKER
    said = excerpt(body, "korridorpasienter sykepleiere", limit=limit)
    assert said is not None and len(said) <= max(limit, len(said.split()[0]) + 1)
    every_word = _words_of(body)
    assert _words_of(said.replace("…", " ")) <= every_word  # no word shortened
    assert not said.endswith((" …", ",…", "-…"))


def test_clip_words_keeps_whole_words() -> None:
    value = "Psykisk helse for barn og unge og rekruttering av fastleger ble foreslått"
    for limit in range(5, len(value) + 5):
        clipped = clip_words(value, limit)
        assert len(clipped) <= max(limit, len("Psykisk…"))
        assert _words_of(clipped.rstrip("…")) <= _words_of(value)
    assert clip_words("Fastlegerepresentantene", 5) == "Fastlegerepresentantene…"
    assert clip_words("kort", 10) == "kort"


def test_sentences_as_minutes_write_them() -> None:
    text = (
        "Møtet starter kl. 12.30 og f.eks. AU deltar. Neste punkt er 14. desember.\n"
        "She invited Mr. Aidan Hogan, Ms. Anne Cronin, Ms.\n"
        "Aine Farrell to begin the presentation.\n"
        "- Hospitering skjer i hovedsak fra sykehuset.\n"
        "Fra partene\n"
        "Et langt avsnitt som referatet har brutt over\nto linjer uten punktum midt i."
    )
    assert sentences(text) == [
        "Møtet starter kl. 12.30 og f.eks. AU deltar.",
        "Neste punkt er 14. desember.",
        "She invited Mr. Aidan Hogan, Ms. Anne Cronin, Ms. Aine Farrell to begin the presentation.",
        "Hospitering skjer i hovedsak fra sykehuset.",
        "Et langt avsnitt som referatet har brutt over to linjer uten punktum midt i.",
    ]
    # the end of a title the minutes broke over two lines is no sentence of the body
    assert sentences("Schoolgates Group).\nMs. Hourigan gave an introduction.") == [
        "Ms. Hourigan gave an introduction."
    ]


def test_a_proposal_that_fell_is_never_shown_beside_a_decision() -> None:
    """Near miss: the body names what was asked only in a proposal voted down; beside the
    decision it would read as adopted."""
    body = (
        "Formannskapet behandlet søknadene om utviklingsmidler.\n"
        "Bidrag til ny sokkel for Qvam-bysten - 35.000 kr For forslaget stemte 4.\n"
        "Vedtak:\nSteinkjer Håndballklubb gies et tilskudd på 200.000 kr."
    )
    decision = "Steinkjer Håndballklubb gies et tilskudd på 200.000 kr."
    title = "Bruk av utviklingsmidler"
    assert beyond_decision(body, "fikk qvam-bysten penger", title=title, decision=decision) is None


def test_a_sentence_that_goes_on_about_the_chosen_one_comes_with_it() -> None:
    body = (
        "Det har ikke vært avholdt møte i OSU siden siste møte\n"
        "Fra de 3 partene\n"
        "Partene informerte om budsjettsituasjonen og konsekvenser for tjenestene. Alle "
        "rapporterer om innsparingstiltak. Fjordby kommune har åpnet seks nye korttidsplasser.\n"
        + "Det er særlige utfordringer innen området psykisk helse og rus for begge parter. "
        * 4
    )
    assert excerpt(body, "budsjettsituasjonen") == (
        "Partene informerte om budsjettsituasjonen og konsekvenser for tjenestene. Alle "
        "rapporterer om innsparingstiltak."
    )
    # near miss: the next party's report in the same paragraph does not come along
    assert excerpt(ORIENTERINGSSAKER, "korridorpasienter") == (
        "Fjordby sykehus HF orienterte om høyt belegg i medisinsk klinikk gjennom hele "
        "september, med flere korridorpasienter enn på samme tid i fjor."
    )


def test_a_question_word_is_found_however_the_body_spells_it() -> None:
    """Inside a compound and inflected («journalsystemet» in «pasientjournalsystemet»), or
    percent-encoded as a URL broken over two lines leaves it («l%C3%A6ringsbrua»): the
    sentence that holds it is the one shown. (Sentences are first looked through for the
    question's terms as plain text; that must never lose one.)"""
    body = (
        "Utvalget fikk en orientering om driften.\n"
        "Det nye pasientjournalsystemet tas i bruk i mars.\n"
        "Veilederen ligger på l%C3%A6ringsbrua sine sider.\n"
        "Konklusjon:\n"
        "Saken tas til orientering."
    )
    decided = {"title": "Orientering om driften", "decision": "Saken tas til orientering."}
    said = beyond_decision(body, "når kommer journalsystemet", **decided)
    assert said == "Det nye pasientjournalsystemet tas i bruk i mars."
    said = beyond_decision(body, "hvor ligger veilederen på læringsbrua", **decided)
    assert said == "Veilederen ligger på l%C3%A6ringsbrua sine sider."
    # near misses: a word the body does not hold, nor a short one only inside a compound
    for question in ("hva med lønn", "hva med brua", "hva med veien"):
        assert beyond_decision(body, question, **decided) is None, question
