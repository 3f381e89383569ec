"""Decision and action-item recognition, each with near misses that must not match."""

from minutes.actions import find_action_sentences
from minutes.decisions import find_decision
from minutes.model import CaseStatus, Line

KNOWN = {"christine furuholmen": "Christine Furuholmen", "christine": "Christine Furuholmen"}


def lines(text: str) -> list[Line]:
    return [Line(t, i + 1) for i, t in enumerate(text.split("\n"))]


def actions(text: str) -> list[tuple[str, str]]:
    return [(a.assignee, a.description) for a in find_action_sentences(lines(text), KNOWN)]


def test_labelled_conclusion() -> None:
    d = find_decision("Drøftet saken.\nKonklusjon:\nInnkallingen godkjennes")
    assert (d.status, d.decision, d.label) == (
        CaseStatus.DECIDED,
        "Innkallingen godkjennes",
        "Konklusjon",
    )


def test_quoted_older_conclusion_is_not_this_cases_decision() -> None:
    body = (
        "Konklusjon, sak 2023.8\nBehandling av delavtalen utsettes.\n"
        "Diskusjon.\nKonklusjon:\nDet etableres en arbeidsgruppe."
    )
    assert find_decision(body).decision == "Det etableres en arbeidsgruppe."


def test_inline_vedtak_marker_and_postponement() -> None:
    assert find_decision("LSU fattet slik vedtak:\n1. Rapporten følges opp.").decision == (
        "1. Rapporten følges opp."
    )
    postponed = find_decision("Det var ikke mulig å behandle forslaget og saken ble utsatt.")
    assert postponed.status == CaseStatus.POSTPONED


def test_proposal_is_not_a_decision() -> None:
    d = find_decision("Forslag til vedtak\nUtvalget oppretter en gruppe.\nBakgrunn\nLang tekst.")
    assert (d.status, d.decision, d.proposal) == (
        CaseStatus.PROPOSED,
        None,
        "Utvalget oppretter en gruppe.",
    )


def test_orientation_without_decision() -> None:
    d = find_decision(
        "Partene informerte om budsjettsituasjonen.\nSSU besluttet i forrige møte å søke."
    )
    assert (d.status, d.decision) == (CaseStatus.NOTED, None)


def test_action_sentences() -> None:
    assert actions(
        "Oppfølging\nChristine Furuholmen innkaller gruppen til et møte, rydder i\nstrukturen"
    ) == [("Christine Furuholmen", "innkaller gruppen til et møte, rydder i strukturen")]
    assert actions("Kari Hansen lager et notat. Behandles videre i LSU.") == [
        ("Kari Hansen", "lager et notat.")
    ]
    # A first name alone counts when the minutes know exactly one person by it.
    assert actions("Christine sender forespørselen.") == [
        ("Christine Furuholmen", "sender forespørselen.")
    ]


def test_action_near_misses() -> None:
    assert actions("Christine orienterte om pågående prosjekter.") == []  # past tense: a report
    assert actions("SiV orienterer om oppdatert forslag.") == []  # reporting verb, organisation
    assert actions("Arbeidsgruppen takkes for arbeidet.") == []
    assert actions("Vestre Viken kommer tilbake med mere informasjon.") == []  # not a person
    assert actions("Følgende hovedpunkter vurderes videre.") == []
    assert actions("Trine Bakkeli, Britt Kveseth, Christine Furuholmen") == []  # a list of names


def test_a_sentence_opening_with_a_label_is_not_a_header_value() -> None:
    from minutes.header import parse_header

    text = "Møteleder Ingrid Solheim ønsket velkommen. Jon Vik deltok for første gang.\nSak 1 Test"
    header = parse_header(lines(text), 1)
    assert header.chair is None
    header = parse_header(
        lines("Møteleder Erik Nordberg\nReferent: Eli Rasmussen, Vestre Viken"), 2
    )
    assert (header.chair, header.secretary) == ("Erik Nordberg", "Eli Rasmussen")


def test_the_tasks_under_a_finished_decision_are_not_part_of_it() -> None:
    """A paragraph opened by a task label after the decision's last full sentence heads the
    tasks the item gave out, in any language the action words know."""
    for label, task in (
        ("Oppfølging:", "Kari Nordmann lager en kortversjon og legger den fram i neste møte."),
        ("Action items:", "- Kari to circulate the final routine by 1 March."),
        ("Åtgärd: Kari skickar rutinen till alla kommuner.", ""),
    ):
        body = (
            "Utvalget fattet slik vedtak:\n\n"
            "1. Den felles rutinen gjelder fra 1. januar 2027.\n"
            "2. Rutinen evalueres høsten 2027.\n\n"
            f"{label}\n{task}"
        )
        d = find_decision(body)
        assert d.status == CaseStatus.DECIDED, label
        assert d.decision == (
            "1. Den felles rutinen gjelder fra 1. januar 2027.\n2. Rutinen evalueres høsten 2027."
        ), label


def test_near_miss_a_follow_up_under_each_listed_item_is_the_decision() -> None:
    """Listed agreements, each followed up under its own "Oppfølging:": the label belongs to
    the item above it (a heading, no full stop), so the decision keeps every item."""
    body = (
        "LSU fattet slik vedtak:\n\n"
        "1. Avtale om legevakt:\n"
        "Oppfølging:\n"
        "Rapporten følges opp slik det er foreslått.\n\n"
        "2. Avtale om hospitering\n\n"
        "Oppfølging:\n"
        "Arbeidsgruppen takkes for arbeidet."
    )
    d = find_decision(body)
    assert d.decision is not None
    assert "Rapporten følges opp" in d.decision
    assert d.decision.endswith("Arbeidsgruppen takkes for arbeidet.")


def test_near_miss_a_sentence_that_begins_with_the_word_is_not_a_label() -> None:
    """«Oppfølging av vedtaket skjer …» is more of the decision, not a task heading."""
    body = (
        "Vedtak:\n\nRutinen gjelder fra 1. januar 2027.\n\n"
        "Oppfølging av vedtaket skjer i arbeidsgruppen."
    )
    d = find_decision(body)
    assert d.decision is not None
    assert "Oppfølging av vedtaket" in d.decision
