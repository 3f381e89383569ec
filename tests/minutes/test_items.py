"""Where items begin, whatever the layout: heading patterns in text, the headings a format
marks, an agenda list — and what must never be taken for an item."""

from __future__ import annotations

from minutes.items import find_items
from minutes.parser import parse_minutes
from minutes.readers import read_bytes


def items(text: str, suffix: str = ".txt") -> list[tuple[str | None, str]]:
    lines = read_bytes(text.encode(), suffix).lines
    return [(c.number, c.title) for c in find_items(lines).cases]


def bodies(text: str, suffix: str = ".txt") -> dict[str | None, str]:
    lines = read_bytes(text.encode(), suffix).lines
    return {c.number: " ".join(x.text for x in c.body).strip() for c in find_items(lines).cases}


PROTOCOL = """MØTEPROTOKOLL
Hovedutvalg for oppvekst

Møtedato: 03.03.2027
Saksliste
PS 4/27     Skolerute 2027-2028
PS 5/27     Uteområdet ved Nordby skole - vedlikehold og
            oppgradering
RS 2/27     Melding om vedtak i klagesak

PS 4/27 Skolerute 2027-2028
Hovedutvalg for oppveksts behandling av sak 4/2027 i møte den 03.03.2027:

Behandling
Innstillingen ble enstemmig vedtatt.
Vedtak
Skoleruta for 2027-2028 vedtas som foreslått.

Side 2 av 3

PS 5/27 Uteområdet ved Nordby skole - vedlikehold og
oppgradering
Hovedutvalg for oppveksts behandling av sak 5/2027 i møte den 03.03.2027:

Vedtak
Saken utsettes til neste møte.
"""


def test_a_protocol_has_each_item_once_where_it_is_treated() -> None:
    assert items(PROTOCOL) == [
        ("PS 4/27", "Skolerute 2027-2028"),
        ("PS 5/27", "Uteområdet ved Nordby skole - vedlikehold og oppgradering"),
        ("RS 2/27", "Melding om vedtak i klagesak"),
    ]
    found = bodies(PROTOCOL)
    assert "Skoleruta for 2027-2028 vedtas" in found["PS 4/27"]
    assert "behandling av sak" not in found["PS 4/27"]  # the treatment line is not content
    assert "Side 2 av 3" not in found["PS 4/27"]  # nor is the page footer


def test_item_heading_patterns_in_several_languages() -> None:
    assert items("Sak 12/24 Budsjett\nTekst.\nSak 13/24 Regnskap\nTekst.\n") == [
        ("12/24", "Budsjett"),
        ("13/24", "Regnskap"),
    ]
    assert items("Item 31/2024: Housing report\nText.\nItem 32/2024: Roads\nText.\n") == [
        ("31/2024", "Housing report"),
        ("32/2024", "Roads"),
    ]
    assert items("§ 1 Mötets öppnande\nText.\n§ 2 Val av justerare\nText.\n") == [
        ("1", "Mötets öppnande"),
        ("2", "Val av justerare"),
    ]
    numbered = "MINUTES\n\n1. ADOPTION OF MINUTES\nAgreed.\n\n2. ROADS PROGRAMME\nNoted.\n"
    assert items(numbered) == [("1", "ADOPTION OF MINUTES"), ("2", "ROADS PROGRAMME")]


def test_numbered_sentences_and_lists_in_running_text_are_not_items() -> None:
    text = (
        "Sak 1 Tiltaksplan\n"
        "Vedtak:\n"
        "1. Planen tas til følge og gjelder fra 1. januar.\n"
        "2. Kommunene utpeker hver en kontaktperson.\n"
        "12 medlemmer var til stede.\n"
        "Sak 2 Eventuelt\n"
        "Ingen saker.\n"
    )
    assert items(text) == [("1", "Tiltaksplan"), ("2", "Eventuelt")]


def test_a_list_of_references_is_not_a_list_of_items() -> None:
    """Bodiless lines that name cases ('Sak 2023.31: Presentasjon', links to papers) are
    references in the item they stand in."""
    text = (
        "Sak 1 Orienteringer\n"
        "Presentasjonene fra møtet:\n"
        "Sak 2023.31: Presentasjon\n"
        "Sak 2023.32: Presentasjon\n"
        "Sak 2023.33: Presentasjon\n"
        "Sak 2 Eventuelt\n"
        "Ingen saker.\n"
    )
    assert items(text) == [("1", "Orienteringer"), ("2", "Eventuelt")]


MARKDOWN = """# Board meeting, 4 March 2027

## Attendees
- Kari Nordmann
- Ola Hansen

## Ongoing business

### Finances
Balance as expected.

### New website
#### Decision
Approved unanimously.

## Action items
- Kari: send the accounts
"""


def test_markdown_headings_containers_parts_and_meta() -> None:
    assert items(MARKDOWN, ".md") == [(None, "Finances"), (None, "New website")]
    found = bodies(MARKDOWN, ".md")
    assert "Approved unanimously" in found[None]  # the "Decision" heading is part of its item


def test_numbered_headings_with_sub_items() -> None:
    container = (
        "## Sak 4 Søknader\n### 4.1 - Prosjektstøtte\nGodkjennes.\n"
        "### 4.2 - Driftsstøtte\nAvslås.\n## Sak 5 Eventuelt\nIngenting.\n"
    )
    assert items(container, ".md") == [
        ("4.1", "Prosjektstøtte"),
        ("4.2", "Driftsstøtte"),
        ("5", "Eventuelt"),
    ]
    parts = (
        "## Saksbehandling\n### 3. Utestående saker\nVi går gjennom sakene.\n"
        "#### 3.1 Sak om kodeverk\nTekst.\n#### 3.2 Sak om format\nTekst.\n"
        "### 4. Neste møte\nI april.\n"
    )
    assert items(parts, ".md") == [("3", "Utestående saker"), ("4", "Neste møte")]


def test_a_pdf_page_break_in_markdown_is_not_a_heading() -> None:
    """PDF-to-Markdown tools end each page with '---' and the page number: the page's last
    line reads as a setext heading over it."""
    text = (
        "MINUTES\n\n1.\n\nROADS\n\nThe engineer reported on the works and said that\n\n"
        "the programme was on time.\n---\n**2**\n\n2.\n\nHOUSING\n\nNoted.\n"
    )
    assert items(text, ".md") == [("1", "ROADS"), ("2", "HOUSING")]


def test_the_agenda_list_gives_the_items_when_the_notes_do_not_follow_it() -> None:
    text = (
        "# Forum 12\n\n## Agenda\n1. Velkommen (5 min)\n1. Terminologi i Norden (30 min)\n"
        "1. Eventuelt\n\n## Presentasjoner\n### Kari Nordmann: Kodeverk i praksis\n"
        "Lysark og spørsmål.\n### Ola Hansen - demo\nDemo av tjenesten.\n"
    )
    assert [t for _, t in items(text, ".md")] == [
        "Velkommen (5 min)",
        "Terminologi i Norden (30 min)",
        "Eventuelt",
    ]


def test_the_agenda_list_gives_way_to_headings_that_follow_it() -> None:
    text = (
        "# Møte 06.03.2027\n\n## Agenda\n1. Godkjenning av agenda\n2. Utestående saker\n\n"
        "## Saksbehandling\n### 1. Godkjenning av agenda\nOK.\n"
        "### 2. Utestående saker\nGjennomgått.\n"
    )
    assert items(text, ".md") == [("1", "Godkjenning av agenda"), ("2", "Utestående saker")]


def test_nothing_that_looks_like_an_item_in_plain_prose() -> None:
    assert items("Referat fra dugnaden.\nVi ryddet hagen og malte gjerdet.\n") == []


def test_a_role_word_over_topics_is_a_group_and_an_empty_group_is_nothing() -> None:
    text = (
        "# Styrelsemöte 3\n\n# Beslutsärenden\n\n# Diskussion\n## Budget\nVi diskuterade.\n"
        "## Lokaler\nInget nytt.\n\n# Nästa möte\nDen 4 maj.\n"
    )
    assert [t for _, t in items(text, ".md")] == ["Budget", "Lokaler", "Nästa möte"]


def test_a_cancelled_meeting_has_no_items() -> None:
    text = "# Møte 12 i fagforum\n\n## Møtet ble avlyst\n\nNytt møte kommer.\n"
    assert items(text, ".md") == []


def parsed(text: str, suffix: str = ".txt") -> dict[str | None, tuple[str, str, str | None]]:
    """number or title -> (title, status, decision), as the whole parser reads them."""
    minutes = parse_minutes(read_bytes(text.encode(), suffix))
    return {c.number or c.title: (c.title, c.status.value, c.decision) for c in minutes.cases}


ELECTIONS = """## Formalia
### Godkjenning av agenda
Godkjent ved akklamasjon.

## Valg
Philip presenterer vervene:
### Valg av koordinator
Sandra er valgt til koordinator.
### Sekretær
Christian og Karoline stiller til sekretær.
**Christian er valgt til sekretær**
"""


def test_a_field_label_among_a_groups_items_is_an_item() -> None:
    """ "Sekretær" over its election, among "## Valg"'s items, is no header field."""
    found = parsed(ELECTIONS, ".md")
    assert found["Sekretær"] == ("Sekretær", "decided", "Christian er valgt til sekretær")
    # near miss: at the top of the document it is the minute-taker, not an item
    header = (
        "## Sekretær\nKari Nordmann\n\n## Sak 1 Budsjett\nVedtatt.\n## Sak 2 Eventuelt\nIngen.\n"
    )
    assert items(header, ".md") == [("1", "Budsjett"), ("2", "Eventuelt")]


def test_an_items_text_ends_where_a_heading_of_its_level_begins() -> None:
    """What follows the last item ("## Decisions", "## Action items") is not its text."""
    text = (
        "# 29 October\n## Notes\n### Schema rollout\nTesting goes on.\n"
        "### Priorities\nIssue 1274 first.\n## Decisions\n- Split issue 1274.\n"
        "## Action items\n- Kari: split the issue\n"
    )
    assert [t for _, t in items(text, ".md")] == ["Schema rollout", "Priorities"]
    minutes = parse_minutes(read_bytes(text.encode(), ".md"))
    assert {c.title: c.body for c in minutes.cases} == {
        "Schema rollout": "Testing goes on.",
        "Priorities": "Issue 1274 first.",
    }
    # near miss: a part of the item set at the item's own level ("Beslut") is still its text
    misleveled = "# Möte 3\n## Budget\n### Förslag\nVi köper kaffe.\n## Beslut\nBifalles.\n"
    assert parsed(misleveled, ".md")["Budget"] == ("Budget", "decided", "Vi köper kaffe.")


def test_headings_that_follow_the_agenda_one_for_one_take_its_names() -> None:
    text = (
        "# 29 October\n## Agenda\n* Update on the Schema rollout\n"
        "* Top priorities for the services team\n\n## Notes\n### Schema rollout\nOn time.\n"
        "### User story prioritization\nIssue 1274 first.\n"
    )
    assert [t for _, t in items(text, ".md")] == [
        "Schema rollout",
        "Top priorities for the services team",
    ]
    # near miss: as many headings, but not in the agenda's order — the notes' names stay
    swapped = text.replace("### Schema rollout\nOn time.\n", "").replace(
        "Issue 1274 first.\n", "Issue 1274 first.\n### Schema rollout\nOn time.\n"
    )
    assert [t for _, t in items(swapped, ".md")] == ["User story prioritization", "Schema rollout"]


LETTERED = """5.

Taking in Charge of Estates

(a)To consider the Taking in Charge of Estate Cluain Arra,

Newcastle West.

Proposed by Councillor Sheahan, seconded by Councillor Ruddle and resolved:

“That Cluain Arra be taken in charge”.

(b)To consider the Taking in Charge of Estate Dunquin,

Newcastle West.

Proposed by Councillor Sheahan, seconded by Councillor Ruddle and resolved:

“That Dunquin be taken in charge”.

6.

Disposal of Land

(a)Circulated, report on a lease at Main Street.

Members noted the proposal.

(b)Circulated, report on land at Churchtown.

Members noted the proposal.

7.

Vedtak

a) Planen vedtas.
b) Budsjettet vedtas.
"""


def test_lettered_sub_items_that_each_decide_are_items() -> None:
    found = parsed(LETTERED)
    assert list(found) == ["5(a)", "5(b)", "6", "7"]
    title, status, decision = found["5(a)"]
    assert title == "To consider the Taking in Charge of Estate Cluain Arra, Newcastle West."
    assert status == "decided" and decision and decision.startswith("“That Cluain Arra")
    assert (found["5(b)"][2] or "").startswith("“That Dunquin")
    # near misses: sub-items only noted stay one item (6), and so do one-line points of one
    # decision (7)
    assert found["6"][1] == "noted"
    assert "Budsjettet vedtas" in (found["7"][2] or "")


NAMED = """14.

Question submitted by Councillor Galvin

REPLY: The road will be repaired.

NOTICES OF MOTION

It was proposed by the Cathaoirleach, that in absence of Councillor Scanlan, the Notice of

Motion at Item No. 16 on the Agenda would be deferred to the December Meeting.

15.

Notice of Motion submitted by Councillor Ruddle

The Cathaoirleach deferred Item 15 until the January Meeting.

17.

Notice of Motion submitted by Councillor Galvin

Members agreed to the Motion. Item 40 was deferred last year.
"""


def test_an_item_named_only_where_it_is_deferred_is_an_item() -> None:
    found = parsed(NAMED)
    assert list(found) == ["14", "16", "15", "17"]
    title, status, _ = found["16"]
    assert (title, status) == ("Notice of Motion", "postponed")
    assert found["14"][1] == "noted"  # the deferral is no longer the question's outcome
    # near misses: an item deferred under its own heading is that item's outcome, and a number
    # outside the agenda's numbering is no item
    assert found["15"][1] == "postponed"
    assert "40" not in found


NOTES_LIST = """# 2023-06-15

## Agenda

- Introductions
- Figure out regular meeting cadence
- Plan process for announcement blog post

## Minutes

- Figuring out meeting cadence
    - Ryan: Initial proposal of 1/week
    - Ryan: Decision - weekly for the next 4 weeks.
- Eric: Three things expected today - merge RFC, merge team update, post blog post.
    - Ryan: Blog post posting - let's move this to an async discussion?
        - Jack: What is the mechanism for approving that?
- Mara: Introduced the new calendar.
"""


def test_notes_written_as_a_list_give_the_agenda_entries_their_text() -> None:
    found = parsed(NOTES_LIST, ".md")
    assert found["Figure out regular meeting cadence"][1:] == (
        "decided",
        "weekly for the next 4 weeks.",
    )
    assert found["Plan process for announcement blog post"][1] == "postponed"
    minutes = parse_minutes(read_bytes(NOTES_LIST.encode(), ".md"))
    blog = next(c for c in minutes.cases if c.title.startswith("Plan process"))
    assert blog.body.startswith("- Ryan: Blog post posting")  # the line that names it
    assert "merge RFC" not in blog.body  # not the line that lists it among others
    # near miss: one shared word ("Introduced") does not make a line an entry's treatment
    intro = next(c for c in minutes.cases if c.title == "Introductions")
    assert intro.body == ""
