"""Action items in the forms real minutes write them (minutes/actions.py), and near misses.

Every case is a shape seen in real minutes (tests/corpus): explicit labels, task sections,
sentences in Norwegian, English and Swedish, owners as initials, first names and roles, and
deadlines as written.
"""

from __future__ import annotations

import pytest

from minutes.actions import ActionSentence, find_action_sentences, find_due_text
from minutes.model import Line


def lines(text: str, headings: tuple[int, ...] = ()) -> list[Line]:
    return [
        Line(t, i + 1, heading=2 if i in headings else 0) for i, t in enumerate(text.split("\n"))
    ]


def tasks(text: str, known: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    return [(a.assignee, a.description) for a in find_action_sentences(lines(text), known or {})]


def one(text: str, known: dict[str, str] | None = None) -> ActionSentence:
    [found] = find_action_sentences(lines(text), known or {})
    return found


# --- explicit labels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owner", "description"),
    [
        ("Action: Kari to send the budget by 1 December.", "Kari", "send the budget"),
        ("Aksjon: Morten lager issue på dette", "Morten", "lager issue på dette"),
        ("Oppfølging: Sekretariatet sender brevet.", "Sekretariatet", "sender brevet."),
        ("AP: Kari sjekker avtalen", "Kari", "sjekker avtalen"),
        ("Action item: The secretary to circulate the minutes.", "The secretary", "circulate"),
        ("ACTION (AWG Members): Review the triage list", "AWG Members", "Review the triage"),
        ("Tiltak: Styret ber om et nytt tilbud", None, "Styret ber om et nytt tilbud"),
        ("TODO: fix the broken link", None, "fix the broken link"),
        ("Åtgärd: Vi behöver skicka ut kallelsen", None, "Vi behöver skicka ut kallelsen"),
    ],
)
def test_a_label_makes_a_task_and_names_its_owner_if_written(
    text: str, owner: str | None, description: str
) -> None:
    found = one(text)
    assert found.assignee == owner
    assert found.description.startswith(description)


def test_a_label_without_owner_keeps_the_text_and_its_wrapped_line() -> None:
    found = one(
        "- **ACTION**: this will go to approved next month assuming it doesn't break\n"
        "anything. Implementors, report back if you anticipate issues."
    )
    assert found.assignee is None
    assert found.description.endswith("report back if you anticipate issues.")
    assert found.due_text == "next month"


def test_a_label_alone_heads_the_items_below_it() -> None:
    # the LaTeX reader writes \begin{åtagande} \item … as "Åtagande:" and "- …" lines
    found = find_action_sentences(
        lines(
            "Åtagande:\n"
            "- Albin dryftar frågan med Roger Johansson vid lämpligt tillfälle.\n"
            "- Morgan ska skriva ett utkast, som beslutas om på nästa styrelsemöte.\n"
            "\n"
            "Pant"
        ),
        {"morgan thowsen": "Morgan Thowsen"},
    )
    assert [(a.assignee, a.description[:20], a.line_index) for a in found] == [
        ("Albin", "dryftar frågan med R", 1),
        ("Morgan Thowsen", "skriva ett utkast, s", 2),
    ]
    assert found[1].due_text == "på nästa styrelsemöte"


def test_label_near_misses() -> None:
    assert tasks("Ap: noe annet") == []  # "AP" is a label only in capitals
    assert tasks("Action items: None") == []
    assert tasks("Actions taken by the Council were noted.") == []  # a label needs its colon
    # a plain line after an empty label is a task only when it names someone
    assert tasks("Oppfølging: \nRapporten er sendt ut og følges opp slik det er foreslått.") == []
    assert tasks("Oppfølging - prosess knyttet til hva som skal være obligatorisk?") == []


# --- task sections ---------------------------------------------------------------------------


def test_action_items_section() -> None:
    text = (
        "Action items\n"
        "\n"
        "- Chaim: Identify what voting tool PSF used.\n"
        "- [ ] Kari Nordmann to send the invoice\n"
        "[] AWG Chair/CVE Services Development team: break Issue #1274 in two\n"
        "- Jerry Gamblin (Cisco): Perform an analysis of the user stories.\n"
        "- Update the wiki\n"
        "    - RFC does not have an absence policy\n"
        "- Jack: What is our absent policy?\n"
        "\n"
        "Consented Decisions\n"
        "- Meetings will be once a week"
    )
    assert tasks(text) == [
        ("Chaim", "Identify what voting tool PSF used."),
        ("Kari Nordmann", "send the invoice"),
        ("AWG Chair/CVE Services Development team", "break Issue #1274 in two"),
        ("Jerry Gamblin (Cisco)", "Perform an analysis of the user stories."),
        (None, "Update the wiki"),  # listed, so a task, but nobody is named
        # listed under Action items by the minute-taker: Jack owes the answer
        ("Jack", "What is our absent policy?"),
    ]


def test_owners_as_working_groups_write_them() -> None:
    text = (
        "## Action Items\n"
        "- All board members: Look at the Website Working Group PR\n"
        "- leebyron: Update the spec to reference the HTTP spec\n"
        "- AWG members to add use cases to Issue #1282\n"
        "- (Martin) Audit Log requirement notes: write some notes\n"
        "- Note: the list is long"
    )
    assert tasks(text) == [
        ("All board members", "Look at the Website Working Group PR"),
        ("leebyron", "Update the spec to reference the HTTP spec"),  # a GitHub handle
        ("AWG members", "add use cases to Issue #1282"),
        ("Martin", "Audit Log requirement notes: write some notes"),
        (None, "Note: the list is long"),
    ]


def test_section_heading_marked_by_the_reader_and_deadlines() -> None:
    found = find_action_sentences(
        lines(
            "Next Steps\n\n"
            "- Benjie to review the spec change carefully before GraphQL Kickoff.\n"
            "- Mark and Benjie to continue the discussion in person.",
            headings=(0,),
        ),
        {},
    )
    assert [(a.assignee, a.description[:20], a.due_text) for a in found] == [
        ("Benjie", "review the spec chan", "before GraphQL Kickoff"),
        ("Mark and Benjie", "continue the discuss", None),
    ]


def test_plain_lines_under_a_heading_each_name_their_owner() -> None:
    text = (
        "Oppfølgingspunkter\n"
        "Kari Nordmann – sender referatet\n"
        "Per Hansen – booker rom til neste møte\n"
        "Neste møte blir 5. mars."
    )
    found = find_action_sentences(lines(text), {})
    assert [(a.assignee, a.description, a.due_text) for a in found] == [
        ("Kari Nordmann", "sender referatet", None),
        ("Per Hansen", "booker rom til neste møte", "til neste møte"),
    ]


def test_section_near_misses() -> None:
    assert tasks("## Action Items\n\n* None\n\n## Recording") == []
    # an agenda bullet named "Action items" heads nothing: its sibling is the next agenda item
    assert tasks("Agenda\n- Introductions\n- Action items\n- AOB") == []
    # a heading that mentions action items is not a task list
    assert (
        tasks("Review previous meeting's action items\n- [Ready for review](https://x.org)") == []
    )


# --- sentences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "known", "owner", "description"),
    [
        # Norwegian: present tense, fixed phrases, requests to someone
        (
            "Lill og Henry følger opp ang. gjesteutstilling med Arne Hjulstad",
            {
                "lill astrid widegren": "Lill Astrid Widegren",
                "henry skevik": "Henry Skevik",
            },
            "Lill og Henry",
            "følger opp ang. gjesteutstilling med Arne Hjulstad",
        ),
        (
            "Tone tar kontakt med avd. IT for å spørre om de har utstyr til overs.",
            {"tone dahl": "Tone Dahl"},
            "Tone Dahl",
            "tar kontakt med avd. IT for å spørre",
        ),
        (
            "Koordinator oppfordres til å sende varsler til foreninger.",
            {},
            "Koordinator",
            "sende varsler til foreninger.",
        ),
        ("Kommunedirektøren følger opp saken.", {}, "Kommunedirektøren", "følger opp saken."),
        ("Utvalget skal utarbeide en avtale med hotellet.", {}, "Utvalget", "utarbeide en avtale"),
        ("- Erik: jobber med issue som han har åpent", {}, "Erik", "jobber med issue"),
        # English: to / will / agreed to / undertook to / that he will / owns the action
        (
            "- Benjie: I like it.\n- Benjie to review the schema change.",
            {},
            "Benjie",
            "review the schema change.",
        ),
        (
            "Has the post happened yet? Frank will do it within the next couple of days.",
            {},
            "Frank",
            "do it within the next couple of days.",
        ),
        (
            "Heather agreed to set up a mailing list for board members.",
            {"heather miller": "Heather Miller"},
            "Heather Miller",
            "set up a mailing list",
        ),
        (
            "Mr. Kennedy undertook to ask that Corporate Services write to the Department.",
            {},
            "Mr. Kennedy",
            "ask that Corporate Services write",
        ),
        (
            "Mr. Harper queried it. Mr. Kennedy confirmed that he will enquire from the NTA.",
            {},
            "Mr. Kennedy",
            "enquire from the NTA.",
        ),
        (
            "Cllr. Ryan asked for workshops for the electoral areas and Mr. McGrath\n\n"
            "agreed that he would be happy to facilitate.",
            {},
            "Mr. McGrath",
            "facilitate.",
        ),
        (
            "It was agreed that the Meetings Administrator would circulate a draft.",
            {},
            "Meetings Administrator",
            "circulate a draft.",
        ),
        (
            "REPLY: The Roads Engineer will arrange a meeting with the landowners.",
            {},
            "The Roads Engineer",
            "arrange a meeting",
        ),
        (
            "(b) The Council will arrange to repair the perimeter fence.",
            {},
            "The Council",
            "arrange to repair the perimeter fence.",
        ),
        ("Frank has exchanged emails, will follow up.", {}, "Frank", "follow up."),
        (
            "- Mara: Let's start.\n- Ryan: Sticking with it. Mara owns the action item.",
            {},
            "Mara",
            "owns the action item.",
        ),
        (
            "- Jovi: I'd love reviews.\n- Jovi & Jordan to catch up.",
            {},
            "Jovi & Jordan",
            "catch up.",
        ),
        # Swedish
        (
            "Morgan tar på sig att inhandla nya partylampor.",
            {"morgan thowsen": "Morgan Thowsen"},
            "Morgan Thowsen",
            "inhandla nya partylampor.",
        ),
        (
            "Albin ansvarar för kontakten med DRust.",
            {"albin otterhäll": "Albin Otterhäll"},
            "Albin Otterhäll",
            "ansvarar för kontakten",
        ),
    ],
)
def test_sentences_that_commit_someone(
    text: str, known: dict[str, str], owner: str, description: str
) -> None:
    found = one(text, known)
    assert found.assignee == owner
    assert found.description.startswith(description)


def test_he_is_the_person_named_before() -> None:
    text = (
        "The Chief Superintendent replied to queries as follows.\n\n"
        "The traffic corps have increased the number of checkpoints.\n\n"
        "He agreed to obtain statistics in relation to same for the next meeting.\n\n"
        "He added that he contacted the Minister for Justice recently on this matter and will\n\n"
        "update Members in due course."
    )
    found = find_action_sentences(lines(text), {})
    assert [(a.assignee, a.description, a.due_text, a.line_index) for a in found] == [
        (
            "The Chief Superintendent",
            "obtain statistics in relation to same for the next meeting.",
            "for the next meeting",
            4,
        ),
        ("The Chief Superintendent", "update Members in due course.", "in due course", 6),
    ]
    # nobody named before: no owner to give the task to
    assert tasks("He agreed to obtain statistics for the next meeting.") == []


def test_owners_written_as_initials_or_first_names() -> None:
    one_kari = {"kari hansen": "Kari Hansen", "per olsen": "Per Olsen"}
    assert one("KH sender referatet til alle.", one_kari).assignee == "Kari Hansen"
    assert one("K.H. to send the minutes.", one_kari).assignee == "Kari Hansen"
    assert one("Kari sender referatet til alle.", one_kari).assignee == "Kari Hansen"
    # two people fit: kept as written
    two = {**one_kari, "knut hauge": "Knut Hauge", "kari olsen": "Kari Olsen"}
    assert one("KH sender referatet til alle.", two).assignee == "KH"
    assert one("Kari sender referatet til alle.", two).assignee == "Kari"


def test_the_same_task_in_the_discussion_and_the_action_list_counts_once() -> None:
    text = (
        "- Ryan: Any objections to the merges?\n"
        "    - Ryan will own team repo merge.\n"
        "\n"
        "Action items\n"
        "- Ryan will own team repo merge."
    )
    assert tasks(text) == [("Ryan", "own team repo merge.")]


@pytest.mark.parametrize(
    "text",
    [
        "Christine orienterte om pågående prosjekter.",  # past tense: a report
        "SiV orienterer om oppdatert forslag.",  # a reporting verb
        "Johan presenterer søknaden.",  # what happened at the meeting
        # "agreed that" + an opinion: nobody is to do anything (a decision at most)
        "The Chair opened the meeting. He agreed that the report was good.",
        "The Council agreed to take items 7 and 8 together.",  # procedure: the body decides
        "Members agreed to defer the item to the next meeting.",
        "Styret vedtar budsjettet.",
        "Styrelsen uppfyller kraven för beslutbarhet.",  # the body, present tense: a statement
        "Utvalget tar saken til orientering.",
        "Kommunestyret foretar inntil videre ikke overføring av midler.",  # negated
        "Kari skal ikke delta.",
        "- Jack: What is our absent policy?",  # a question, outside a task list
        "Eirik: validerer dere gyldige koder i 9151?",
        "Spørsmål: vil tro dette er riktig?",
        "- Kari Nordmann (Org)\n- Per Olsen (Kommune)",  # attendance lines
        "Til stede: Kari Nordmann, Per Olsen",
        "Eirik:\n- mener at vi bør vente\n- lager kanskje et forslag",  # a speaker's discussion
        "We need to update the docs.",  # no owner, no label
        "Vi må jobbe videre med saken.",
        "Vi behöver skicka ut information senaste den 4/12.",
        "This will go to the board next month.",
        "The report will be circulated.",  # passive: nobody named
        "Innkallingen skal sendes ut.",
        "The Council will continue to monitor this area.",  # ongoing, no end
        "In reply the Chief Superintendent stated that he would like more garda stations.",
        "One IG to cover them all",
        "Welcome to Limerick.",
        "Reply to Members queries as follows.",
        "Lead maintainer for graphql-js and also new maintainers in general.",  # English
        "FHIR server - SFM bruker også dette",  # a noun, not a verb
        "SiV utfordringer med overliggere og korridorpasienter",  # a plural noun
        "FHIR server støtter ikke R5 ennå.",  # the verb is the next word
        "HDIR veileder bør bedre inkluderes i arbeidet.",
        "Thor tänker att han kommer äska pengar.",
        "FU oppfordrer TekNat til å endre vedtektene.",  # TekNat's task, if anyone's
        "Vestre Viken kommer tilbake med mere informasjon.",
    ],
)
def test_sentence_near_misses(text: str) -> None:
    assert tasks(text) == []


def test_we_need_to_is_a_task_under_an_explicit_label() -> None:
    assert tasks("Action: We need to update the docs.") == [(None, "We need to update the docs.")]


def test_a_sentence_wrapped_by_a_pdf_over_blank_lines_is_read_whole() -> None:
    text = (
        "Members supported the motion. The Deputy Chief Executive\n"
        "\n"
        "agreed to request the Planning Department to convene a further public consultation\n"
        "\n"
        "meeting."
    )
    found = one(text)
    assert found.assignee == "The Deputy Chief Executive"
    assert found.description == (
        "request the Planning Department to convene a further public consultation meeting."
    )
    assert found.line_index == 0


def test_a_line_start_inside_a_wrapped_sentence_is_not_a_subject() -> None:
    text = (
        "She invited Mr. Aidan Hogan, Ms. Anne Cronin, Ms.\n"
        "\n"
        "Aine Farrell and Mr. Eoin Buckley to begin the presentation."
    )
    assert tasks(text) == []


# --- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("send the budget by 1 December.", "by 1 December"),
        ("sender referatet innen 5. desember.", "innen 5. desember"),
        ("raise it on the list, in advance of the next meeting.", "in advance of the next meeting"),
        ("review it before the next meeting", "before the next meeting"),
        ("behöver skicka ut information senast 4/12.", "senast 4/12"),
        ("sender beleggstall til LSU-medlemmene før neste møte.", "før neste møte"),
        ("fixar till nästa vecka hur man ska göra.", "till nästa vecka"),
        ("provide feedback by COB on 12/1/2025", "by COB on 12/1/2025"),
        ("update Members in due course.", "in due course"),
        ("innkaller gruppen til et møte", None),  # a meeting to go to, not a time
        ("sender brevet til Kari", None),
        ("setter søknadssummen til 9910kr", None),
        ("prepared by Kari Nordmann", None),
        ("drafted by the secretary", None),
    ],
)
def test_deadline_as_written(text: str, due: str | None) -> None:
    assert find_due_text(text) == due


def test_the_task_carries_its_deadline() -> None:
    found = one("Sekretariatet melder inn kandidatene innen 1. desember.")
    assert (found.assignee, found.due_text) == ("Sekretariatet", "innen 1. desember")
