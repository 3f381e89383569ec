"""The roles inside an item (minutes/roles.py, minutes/decisions.py): the adopted decision, the
proposal, the treatment and the vote, in bokmål, nynorsk, English, Swedish and Danish — and the
near misses that must not be taken for a decision."""

from __future__ import annotations

import pytest

from minutes import roles
from minutes.decisions import Decision, find_decision
from minutes.model import CaseStatus

DECIDED, REJECTED, NOTED = CaseStatus.DECIDED, CaseStatus.REJECTED, CaseStatus.NOTED
POSTPONED, WITHDRAWN, PROPOSED = CaseStatus.POSTPONED, CaseStatus.WITHDRAWN, CaseStatus.PROPOSED


def check(
    d: Decision,
    status: CaseStatus,
    decision: str | None = None,
    proposal: str | None = None,
    votes: str | None = None,
    label: str | None = None,
) -> None:
    """`decision`/`proposal`: the text starts with it ("" = must be None); `votes`: contained."""
    assert d.status == status, d
    if decision is not None:
        assert (d.decision or "").startswith(decision) if decision else d.decision is None, d
    if proposal is not None:
        assert (d.proposal or "").startswith(proposal) if proposal else d.proposal is None, d
    if votes is not None:
        assert votes in (d.votes or ""), d
    if label is not None:
        assert d.label == label, d


# --------------------------------------------------------------------------- bokmål

PROTOCOL = """\
Formannskapets behandling av sak 4/2026 i møte den 29.01.2026:

Behandling

Innstilling:
Utredningen avgrenses til to skoler.

For forslaget stemte 13: Ola Nordmann (AP), Kari Nordmann (H).
Dermed ble innstillingen vedtatt.
Vedtak

Utredningen avgrenses til to skoler.
"""


def test_nb_protocol_vedtak_after_the_vote() -> None:
    check(
        find_decision(PROTOCOL),
        DECIDED,
        "Utredningen avgrenses til to skoler.",
        "Utredningen avgrenses",
        "For forslaget stemte 13",
        "Vedtak",
    )


def test_nb_recommendation_adopted_without_its_own_vedtak_text() -> None:
    body = PROTOCOL.split("Vedtak\n")[0] + "Vedtak\n"  # "Vedtak" written, no text after it
    check(find_decision(body), DECIDED, "Utredningen avgrenses", votes="For forslaget stemte 13")


@pytest.mark.parametrize(
    ("body", "decision", "label"),
    [
        ("VEDTAK:\nBudsjettet vedtas.", "Budsjettet vedtas.", "Vedtak"),
        ("Kommunestyrets vedtak:\nPlanen vedtas.", "Planen vedtas.", "Kommunestyrets vedtak"),
        ("Vedtak i formannskapet:\nPlanen vedtas.", "Planen vedtas.", "Vedtak i formannskapet"),
        (
            "Drøftet saken.\nKonklusjon:\nInnkallingen godkjennes",
            "Innkallingen godkj",
            "Konklusjon",
        ),
        ("Beslutning: Arbeidsgruppen fortsetter.", "Arbeidsgruppen fortsetter.", "Beslutning"),
        ("LSU fattet slik vedtak:\n1. Rapporten følges opp.", "1. Rapporten følges opp.", "Vedtak"),
    ],
)
def test_nb_decision_labels(body: str, decision: str, label: str) -> None:
    check(find_decision(body), DECIDED, decision, label=label)


def test_nb_unanimous_label_and_treatment_are_votes() -> None:
    check(
        find_decision("Enstemmig vedtak:\nRutinen vedtas."), DECIDED, "Rutinen", votes="enstemmig"
    )
    body = "Behandling\nForslag til vedtak enstemmig vedtatt.\n\nVedtak\nKvalitetshåndboken vedtas"
    check(find_decision(body), DECIDED, "Kvalitetshåndboken vedtas", votes="enstemmig")


def test_nb_unanimous_recommendation_is_the_decision() -> None:
    body = "Innstilling:\nReglementet vedtas.\n\nInnstillingen ble enstemmig vedtatt."
    check(find_decision(body), DECIDED, "Reglementet vedtas.", "Reglementet", "enstemmig")


def test_nb_proposal_voted_down_is_rejected_never_the_decision() -> None:
    body = (
        "Kari Nordmann (H) fremmet følgende forslag:\nMidler til fasadefond: 200.000 kr\n\n"
        "For forslaget stemte 2: Kari Nordmann (H), Per Hansen (V).\n"
        "Imot forslaget stemte 9: Ola Nordmann (AP).\nDermed ble forslaget ikke vedtatt."
    )
    check(find_decision(body), REJECTED, "", "Midler til fasadefond", "Imot forslaget stemte 9")
    fell = find_decision("Innstilling:\nSkolen legges ned.\n\nForslaget falt med 4 mot 31 stemmer.")
    check(fell, REJECTED, "", "Skolen legges ned.", "med 4 mot 31 stemmer")
    check(find_decision("7 for, 4 imot – ikke vedtatt."), REJECTED, "", votes="7 for, 4 imot")


def test_nb_what_was_adopted_wins_over_what_was_voted_down() -> None:
    body = (
        "Ola Nordmann fremmet følgende forslag:\nSøknaden innvilges.\n"
        "For forslaget stemte 12.\nDermed ble forslaget vedtatt.\n"
        "Kari Nordmann fremmet følgende forslag:\nSøknaden avslås.\n"
        "Imot forslaget stemte 9.\nDermed ble forslaget ikke vedtatt."
    )
    check(find_decision(body), DECIDED, "Søknaden innvilges.", votes="For forslaget stemte 12")


def test_nb_alternative_proposal_adopted() -> None:
    body = (
        "1)\nInnstilling:\nPkt 5: Tildeling delegeres til formannskapet.\n\n"
        "Dette ble satt opp mot:\n\n2)\nElin Agdestein (H) fremmet følgende alternative forslag:\n"
        "Pkt 5: Tildeling behandles av kommunestyret.\n"
        "For forslag 2 stemte 9: Ola Nordmann (AP).\nDermed ble forslag 2 vedtatt."
    )
    check(
        find_decision(body),
        DECIDED,
        "Pkt 5: Tildeling behandles av kommunestyret.",
        "Pkt 5: Tildeling delegeres",
        "For forslag 2 stemte 9",
    )


def test_nb_the_last_vedtak_wins() -> None:
    body = (
        "Vedtak:\nFørste utkast.\n\nNy votering etter endringsforslag.\n\nVedtak:\nEndelig tekst."
    )
    check(find_decision(body), DECIDED, "Endelig tekst.")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("Saken ble vedtatt utsatt til kommunestyrets møte i februar.\n\n\nVedtak\n", POSTPONED),
        ("Det var ikke mulig å behandle forslaget og saken ble utsatt.", POSTPONED),
        ("Saken ble bordlagt.", POSTPONED),
        ("Saken ble trukket fra sakslisten.", WITHDRAWN),
        ("Årsmeldingen tas til orientering.", NOTED),
        ("Orienteringen tas til etterretning.", NOTED),
    ],
)
def test_nb_postponed_withdrawn_noted(body: str, status: CaseStatus) -> None:
    check(find_decision(body), status, "")


def test_nb_chair_refused_a_decision_so_the_item_is_postponed() -> None:
    body = (
        "Behandling\nKari Nordmann (H) fremmet følgende forslag:\nForslag fra H og V\n\n"
        "Formannskapet ber om en sak om elsykler.\n\n\n"
        "Ordfører motsatte seg å fatte vedtak i saken med hjemmel i kommunelovens § 11-3.\n\n\n"
        "Vedtak\n"
    )
    # the proposal is kept, without the line that says whose it is
    check(find_decision(body), POSTPONED, "", "Formannskapet ber om en sak om elsykler.")


def test_nb_a_decision_that_only_takes_note_says_noted() -> None:
    body = "Vedtak\nUtvalget tar informasjon om status for omorganisering til orientering."
    check(find_decision(body), NOTED, "Utvalget tar informasjon", label="Vedtak")
    # taking a report "til etterretning" is a decision of its own
    check(find_decision("Vedtak\nStyret tar regnskapsrapporten til etterretning."), DECIDED)


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        ("Referat fra forrige møte ble godkjent", "Referat fra forrige møte ble godkjent"),
        ("Godkjent ved akklamasjon.", "Godkjent ved akklamasjon."),
        ("Søknaden gjennomgås.\n\nEnstemmig for", "Enstemmig for"),
        ("**Godkjennes med merknader 905 kr av 4852 kr**", "Godkjennes med merknader"),
        ("Agenda OK..", "Agenda OK"),
        ("Silje og Julia er valgt til tellekorps.", "Silje og Julia er valgt"),
        ("Koordinator oppfordres til å sende varsler.", "Koordinator oppfordres"),
    ],
)
def test_nb_sentences_that_record_a_decision(body: str, decision: str) -> None:
    check(find_decision(body), DECIDED, decision)


def test_nb_vote_counts_under_a_vote_label() -> None:
    body = "Avstemming:\nFor: 21\nMot: 2\nAvholdende: 2\n\nVedtektsendringen er vedtatt"
    check(find_decision(body), DECIDED, "Vedtektsendringen er vedtatt", votes="For 21, Mot 2")


def test_nb_counts_on_one_line_and_a_numbered_decision_after_a_blank_line() -> None:
    body = "For: 21 / Mot: 2 / Avholdende: 2\n\nVedtektsendringen er vedtatt."
    check(find_decision(body), DECIDED, "Vedtektsendringen", votes="For 21, Mot 2, Avholdende 2")
    listed = find_decision("Vedtak: 1. Planen vedtas.\n\n2. Rådmannen følger opp.")
    assert listed.decision == "1. Planen vedtas.\n2. Rådmannen følger opp."


def test_nb_a_vedtak_that_names_a_recommendation_not_in_the_body_keeps_its_text() -> None:
    check(find_decision("Vedtak:\nInnstillingen vedtas."), DECIDED, "Innstillingen vedtas.")


def test_nb_a_title_that_approves_a_report_is_no_report() -> None:
    body = "Revisor la fram rapporten.\nRapporten ble godkjent."
    check(find_decision(body, "Godkjenning av rapport fra revisor"), DECIDED, "Rapporten ble")
    check(find_decision(body, "Rapport fra revisor"), NOTED, "")


def test_nb_case_paper_proposal_is_not_a_decision() -> None:
    body = (
        "Kommunedirektørens forslag til vedtak i AMU:\n"
        "Arbeidsmiljøutvalget gir sin tilslutning til kvalitetshåndboken.\n\n"
        "Saksopplysninger:\nKvalitetshåndboken ble godkjent av rådmannen i 2015.\n"
        "Det ble vedtatt en rutine for varsling."
    )
    check(find_decision(body), PROPOSED, "", "Arbeidsmiljøutvalget gir sin tilslutning")
    check(find_decision("Tilråding:\nPlanen blir vedteken."), PROPOSED, "", "Planen")
    paper = "Forslag til vedtak\nUtvalget oppretter en gruppe.\nBakgrunn\nLang tekst."
    check(find_decision(paper), PROPOSED, "", "Utvalget oppretter en gruppe.")


@pytest.mark.parametrize(
    "body",
    [
        "Kommunestyrets vedtak fra 2023 ble lagt til grunn for arbeidet.",  # a Vedtak mentioned
        "I tidligere vedtak ble det bestemt at skolen skal bestå.",  # an earlier decision
        "SSU besluttet i forrige møte å søke om midler.",
        "Referatene er tidligere godkjent og er vedlagt.",
        "Konklusjon, sak 2023.8\nBehandling av delavtalen utsettes.\n\nSiV orienterte.",
        "Utvalget diskuterte om forslaget kan vedtas i neste møte.",  # hedged
    ],
)
def test_nb_near_misses_are_not_decisions(body: str) -> None:
    d = find_decision(body)
    assert d.status != DECIDED and d.decision is None, d


def test_nb_proposal_wording_is_not_an_outcome() -> None:
    body = (
        "Kari Nordmann (H) fremmet følgende forslag:\n"
        "Steinkjer kommune mener forslaget ikke bør vedtas.\n\n"
        "For forslaget stemte 12.\nDermed ble forslaget vedtatt."
    )
    check(find_decision(body), DECIDED, "Steinkjer kommune mener forslaget ikke bør vedtas.")


def test_nb_treatment_header_is_not_a_decision() -> None:
    body = "Valgstyres behandling av sak 1/2026 i møte den 23.04.2026:\n\nBehandling\n"
    check(find_decision(body), NOTED, "", "")


# --------------------------------------------------------------------------- nynorsk


def test_nn_labels_and_outcomes() -> None:
    check(find_decision("Vedtak:\nPlanen vert godkjend."), DECIDED, "Planen vert godkjend.")
    body = "Framlegg til vedtak:\nSkulen held fram.\n\nFramlegg til vedtak samrøystes vedteke."
    check(find_decision(body), DECIDED, "Skulen held fram.", "Skulen", "samrøystes")
    check(find_decision("Samrøystes vedtak:\nBudsjettet vert vedteke."), DECIDED, votes="enstemmig")
    check(find_decision("Saka vart teken til orientering."), NOTED, "")
    check(find_decision("Tilråding:\nSaka vert send på høyring."), PROPOSED, "", "Saka vert send")


# --------------------------------------------------------------------------- English

RESOLUTION = """\
A Vote was taken and the result of the voting was as follows:
For
Councillors Beasley, Benson, Butler. (3)
Against
None
Abstentions
There were no Abstentions.
Accordingly, the following resolution was adopted by the same voting:
Proposed by Councillor Beasley;
Seconded by Councillor Benson;
And Resolved:
“That the Council approves the plan.”
This concluded the Meeting.
"""


def test_en_council_resolution_with_a_recorded_vote() -> None:
    check(
        find_decision(RESOLUTION),
        DECIDED,
        "“That the Council approves the plan.”",
        "“That the Council approves the plan.”",  # proposed and seconded: the motion
        "For 3, Against none, Abstentions none",
        "And Resolved",
    )


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        ("Decision: The group will meet weekly.", "The group will meet weekly."),
        ("Agreed: the next meeting moves online.", "the next meeting moves online."),
        ("It was resolved that the budget be adopted.", "It was resolved that the budget"),
        ("It was agreed that the secretary would circulate a draft.", "It was agreed that"),
        ("Following discussion, the Members agreed to allocate funding.", "Following discussion"),
        ("Resolved:\n“That the minutes be adopted.”\nArising from the minutes, X spoke.", "“That"),
        ("Benjie decides to merge the changes into the branch.", "Benjie decides to merge"),
        ("The board was asked to sign on. Participation approved", "Participation approved"),
        (
            "The Minutes were proposed by Cllr. Foley, seconded by Cllr. Ryan and adopted.",
            "The Minutes were proposed",
        ),
    ],
)
def test_en_decisions(body: str, decision: str) -> None:
    check(find_decision(body), DECIDED, decision)


def test_en_treatment_label_with_its_text_on_the_line() -> None:
    check(find_decision("Notes: the group agreed to meet weekly."), DECIDED, "the group agreed")
    body = "For (34)\nAgainst\nNone\nAccordingly, the following resolution was adopted:\nX."
    check(find_decision(body), DECIDED, "X.", votes="For 34, Against none")


def test_en_outcome_adopts_the_recommendation_or_the_titled_proposal() -> None:
    body = "Recommendation:\nApprove the plan.\n\nOutcome: Approved, 8 to 4"
    check(find_decision(body), DECIDED, "Approve the plan.", "Approve the plan.", "8 to 4")
    titled = find_decision("Heather presented it.\n\nOutcome: Approved, 8 to 4", "Proposal: Docs")
    check(titled, DECIDED, "Docs", "Docs", "8 to 4")


def test_en_outcome_with_a_count_in_words_and_the_group_agreeing() -> None:
    body = "Proposed by Lightbend.\n\nOutcome: Adopted, by a 7-2 vote (1 member not present)"
    check(find_decision(body, "SCP-001: Native"), DECIDED, "SCP-001: Native", votes="7-2 vote")
    check(find_decision("Move the meeting to Jan 9? Group agreed"), DECIDED, "Group agreed")


def test_en_vote_required_then_approved_unanimously() -> None:
    body = (
        "Username reserved. Vote required: can the group trial the account? Approved unanimously."
    )
    check(find_decision(body), DECIDED, "can the group trial the account?", votes="unanimously")


def test_en_motion_moved_unanimously_is_adopted() -> None:
    body = (
        "Frank proposes we pay someone to act as Treasurer.\n\n"
        "Motion: the Board moves, unanimously, to appoint Catherine as Treasurer."
    )
    check(find_decision(body), DECIDED, "the Board moves", "Frank proposes", "unanimously")


def test_en_rejections() -> None:
    body = (
        "Voting: three in favor, four opposed, three abstentions, one member not present.\n"
        "The proposal is not accepted."  # "not accepted" contains "accepted"
    )
    check(find_decision(body, "SCP-019: Backwards compatibility"), REJECTED, "", "SCP-019")
    assert "three in favor, four opposed" in (find_decision(body).votes or "")
    defeated = find_decision("I will move that X.\n\nThe Mayor declared the Motion defeated.")
    check(defeated, REJECTED, "", "I will move that X.")
    cna = find_decision("- Vote required: proceed?\n\nRejected unanimously (too much process).")
    check(cna, REJECTED, "", "proceed?", "unanimously")
    check(find_decision("Rejected - based on the above concerns.", "Proposal: Accessibility"),
          REJECTED, "", "Accessibility")  # fmt: skip


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("The report was noted.", NOTED),
        ("Members noted the proposal.", NOTED),
        ("Replies were circulated and the Questions were taken as having been dealt with.", NOTED),
        ("The item was deferred to the next meeting.", POSTPONED),
        ("The motion was withdrawn.", WITHDRAWN),
    ],
)
def test_en_noted_postponed_withdrawn(body: str, status: CaseStatus) -> None:
    check(find_decision(body), status, "")


def test_en_notice_of_motion_is_a_proposal() -> None:
    body = "I will move at the next meeting that the Council repairs the road.\n\nX seconded it."
    check(find_decision(body), PROPOSED, "", "I will move at the next meeting")


@pytest.mark.parametrize(
    "body",
    [
        "It was agreed to take items 7, 8, 10 and 11 together.",  # procedure
        "It was agreed to hold the December Meeting on Friday, 6th December.",
        "Proposed by Councillor Hourigan;\nSeconded by Councillor Butler;",  # no resolution
        "The proposal was proposed by Councillor A and seconded by Councillor B.",
        "The chair recalled the resolution adopted at the March meeting:\n"
        "“Resolved: That the council supports the plan.”",  # an older resolution, quoted
        "She stated that it was agreed at the October Meeting that forms would be sent.",
        "The officer said the changes would help if they were approved by the Members.",
        "Heather agreed to set up a mailing list.",  # a person's task, not the body's decision
        "Members generally agreed with the spirit of the Motion.",
        "REPLY: Part 8 planning was approved for this scheme in 2023.",  # an answer, not ours
        "Do we have consensus to move forward with this agenda?",  # a question
        "Jakub: OK.",  # one member's word
        "Mark: Have no objections to 240k.",
        "Heather agreed.",
        "I've decided to rename the file in the repository.",
    ],
)
def test_en_near_misses_are_not_decisions(body: str) -> None:
    d = find_decision(body)
    assert d.status != DECIDED and d.decision is None, d


def test_en_report_sentences_are_news() -> None:
    body = "The request for a domain was approved.\nThe kitchen will be renovated."
    assert find_decision(body, "Treasurer's report").status == NOTED
    # … but an agreement in the meeting still counts
    agreed = find_decision("It was agreed that a study would be done.", "CCTV presentation")
    check(agreed, DECIDED, "It was agreed that a study")


# --------------------------------------------------------------------------- Swedish


def test_sv_att_satser_adopted() -> None:
    body = "Förslag till beslut\nAttsatser:\n- att styrelsen köper en kaffebryggare\n\n"
    check(find_decision(body + "Attsatsen blev godkänd."), DECIDED, "- att styrelsen köper")
    check(find_decision(body + "Attsatsen bifalles"), DECIDED, "- att styrelsen köper")
    beslut = find_decision("Att: Styrelsen är beslutsmässig\n\nBeslut: Attsats bifalles")
    check(beslut, DECIDED, "Styrelsen är beslutsmässig", "Styrelsen är beslutsmässig")
    under = find_decision(
        "Förslag\nAttsatser:\n- Lukas justerar.\n\nBeslut\nAttsatser:\n- bifalles"
    )
    check(under, DECIDED, "- Lukas justerar.")


def test_sv_one_of_several_att_satser() -> None:
    body = (
        "Förslag till beslut\n- bestämma vilken logga som ska användas\n"
        "- förlänga arbetsgruppens arbete till nästa stämma\n\nDen andra attsatsen blev godkänd."
    )
    check(find_decision(body), DECIDED, "- förlänga arbetsgruppens arbete")
    everything = body.replace(
        "Den andra attsatsen blev godkänd.", "Samtliga attsatser blev godkända."
    )
    check(find_decision(everything), DECIDED, "- bestämma vilken logga")


@pytest.mark.parametrize(
    ("body", "status", "decision"),
    [
        ("Beslut:\n- Morgan Thowsen väljs till protokolljusterare.", DECIDED, "- Morgan"),
        ("Mötesschemat fastställs utan förändringar.", DECIDED, "Mötesschemat fastställs"),
        ("Förslag:\nKöpa en soffa.\n\nFörslaget avslogs.", REJECTED, ""),
        ("Ärendet bordläggs till nästa möte.", POSTPONED, ""),
        ("Motionen drogs tillbaka.", WITHDRAWN, ""),
        ("Rapporten läggs till handlingarna.", NOTED, ""),
        ("Diskussion\nVi pratade om köket.", NOTED, ""),
        ("Under förra mötet beslutades att köpa en soffa.", NOTED, ""),  # an earlier decision
    ],
)
def test_sv(body: str, status: CaseStatus, decision: str) -> None:
    check(find_decision(body), status, decision)


# --------------------------------------------------------------------------- Danish


def test_da() -> None:
    check(find_decision("Beslutning:\nBudgettet godkendes."), DECIDED, "Budgettet godkendes.")
    body = "Indstilling:\nPlanen sendes i høring.\n\nIndstillingen blev vedtaget."
    check(find_decision(body), DECIDED, "Planen sendes i høring.", "Planen sendes")
    check(find_decision("Orienteringen blev taget til efterretning."), NOTED, "")


# --------------------------------------------------------------------------- the tables


@pytest.mark.parametrize(
    "table",
    [
        "DECISION_LABELS",
        "PROPOSAL_LABELS",
        "TREATMENT_LABELS",
        "VOTE_LABELS",
        "SECTION_LABELS",
        "DECISION_MARKERS",
        "PROPOSAL_MARKERS",
        "AGREEMENT_SENTENCES",
        "STANDING_RULE_SENTENCES",
        "VOTED_ON_SENTENCES",
        "RESULT_SENTENCES",
        "NOTED_PHRASES",
        "POSTPONED_PHRASES",
        "WITHDRAWN_PHRASES",
        "ADOPTED_VERBS",
        "REJECTED_VERBS",
    ],
)
def test_every_language_has_words_for_every_role(table: str) -> None:
    assert set(getattr(roles, table)) == {"nb", "nn", "en", "sv", "da"}
    assert all(getattr(roles, table)[lang] for lang in ("nb", "nn", "en", "sv", "da"))


def test_a_large_body_is_read_whole() -> None:
    """Long input (a body without line breaks, many repeats) is read to its end."""
    body = "Det ble vedtatt at x. " * 20_000 + "\nVedtak:\nSiste tekst."
    check(find_decision(body), DECIDED, "Siste tekst.")
    quoted = "Resolved:\n“" + "word " * 50_000
    assert find_decision(quoted).status == DECIDED


# --------------------------------------------------------------------------- notes' own wording


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        # notes without a subject: the body accepting, approving, agreeing
        (
            "Still no other bids received; accepting the only submitted bid (Ann Lee), and "
            "will move forward on that.",
            "Still no other bids received; accepting the only submitted bid",
        ),
        ("Approving the minutes of the last meeting.", "Approving the minutes"),
        ("Agreed to meet monthly until the summer.", "Agreed to meet monthly"),
        # the body setting a rule from now on
        ("FU vil fra nå kreve oppmøte for å behandle en søknad.", "FU vil fra nå kreve"),
        ("The Board will from now on publish its minutes.", "The Board will from now on"),
        ("Styrelsen ska hädanefter kalla till möte en vecka innan.", "Styrelsen ska hädanefter"),
    ],
)
def test_notes_that_record_a_decision_in_their_own_words(body: str, decision: str) -> None:
    check(find_decision(body), DECIDED, decision)


@pytest.mark.parametrize(
    "body",
    [
        "Accepting the proposal would mean higher fees for everyone.",  # the gerund as subject
        "Approving the minutes would be premature; we wait for the corrections.",
        "Frank suggested accepting the only bid.",  # a suggestion
        "The committee discussed accepting the only bid.",  # not at a clause's start
        "Foreningen vil fra nå søke om mer støtte.",  # the applicant, not the body
        "FU ønsker å utvikle en strategiplan.",  # a wish
        "Det gick ok.",  # how something went
        "It went OK.",
    ],
)
def test_notes_near_misses_are_not_decisions(body: str) -> None:
    d = find_decision(body)
    assert d.status != DECIDED and d.decision is None, d


def test_en_what_the_board_votes_on_is_the_proposal_an_outcome_adopts() -> None:
    """An item narrowed before the vote: the approval adopts what was put to the vote, not the
    item's title."""
    body = (
        "Stu presented the proposal.\n\n"
        "It was agreed that for now, the board would vote only on funding one engineer for "
        "three months.\n\n**Outcome:** Approved, 6 to 4"
    )
    d = find_decision(body, "Proposal SCP-042: Faster builds")
    check(
        d,
        DECIDED,
        "It was agreed that for now, the board would vote only on funding",
        votes="6 to 4",
    )
    rejected = body.replace("Approved, 6 to 4", "Rejected, 3 to 7")
    check(find_decision(rejected, "Proposal SCP-042: Faster builds"), REJECTED, "")
    # said without an outcome, it is only a proposal
    later = find_decision("Members said they would vote on the budget next month.")
    check(later, PROPOSED, "", "Members said they would vote on the budget")


def test_en_an_item_taken_off_the_meeting_is_postponed() -> None:
    body = "Ryan: Blog post - let's move this to an async discussion?\nJack: How do we approve?"
    check(find_decision(body), POSTPONED, "")
    check(find_decision("Let's take this offline."), POSTPONED, "")
    moved = find_decision("We moved the build to an async runtime last week.")
    assert moved.status == NOTED, moved
