"""The five real minutes documents: every format in them must come out right."""

from datetime import date, time

import pytest

from minutes.model import AssigneeKind, CaseStatus, DocumentKind, ParsedMinutes, TaskStatus
from minutes.parser import parse_minutes
from minutes.readers import read_document
from tests.conftest import seed


def parsed(prefix: str) -> ParsedMinutes:
    return parse_minutes(read_document(seed(prefix)))


def case(minutes: ParsedMinutes, number: str):
    return next(c for c in minutes.cases if c.number == number)


def test_free_text_lsu_2014() -> None:
    m = parsed("000")
    assert m.kind == DocumentKind.MINUTES
    assert m.committee is not None and m.committee.short_name == "LSU"
    assert (m.meeting_date, m.starts, m.ends) == (date(2014, 1, 8), time(13, 30), time(16))
    assert m.location == "Rådhuset, Asker kommune"
    assert m.next_meeting is not None
    assert (m.next_meeting.date, m.next_meeting.starts) == (date(2014, 3, 5), time(13, 30))
    assert [c.number for c in m.cases] == ["1", "2", "3", "4", "5"]
    assert [c.title for c in m.cases] == [
        "Godkjenning av referat",
        "Orienteringssaker",
        "Tjenesteavtalene, status og oppfølging",
        "LSU – ny funksjon, sammensetning og organisering",
        "Møtedatoer 2014",
    ]
    assert case(m, "1").decision == "Referat fra møte den 10. oktober ble godkjent"
    assert case(m, "2").status == CaseStatus.NOTED and case(m, "2").decision is None
    assert case(m, "3").decision.startswith("1. Avtale for den akuttmedisinske kjede:")
    assert case(m, "4").status == CaseStatus.POSTPONED
    assert "5. mars" in case(m, "5").decision
    # the header block in the middle of Sak 3 is not part of the case
    assert "Til stede" not in case(m, "3").body and "Møtedato" not in case(m, "3").body
    names = {p.name for p in m.participants}
    assert {"Britt Kveseth", "Christine Furuholmen", "Bovild Tjønn"} <= names
    assert {p.name for p in m.absentees} == {"Wenche Sørensen", "Niels Kristian Thybo"}
    tasks = {(t.assignee, t.description.split(",")[0]) for t in m.tasks}
    assert tasks == {
        ("Britt Kveseth", "lager et kort framlegg som oppsummerer arbeidsgruppens arbeid"),
        ("Christine Furuholmen", "innkaller gruppen til et møte"),
    }
    assert all(t.case_number == "3" for t in m.tasks)


def test_table_ssu_2022() -> None:
    m = parsed("001")
    assert m.committee is not None and m.committee.short_name == "SSU"
    assert (m.meeting_date, m.starts, m.ends) == (date(2022, 9, 12), time(13), time(15))
    assert m.location == "Grønland 32, Drammen"
    assert m.chair == "Ulrich Johannes Spreng" and m.secretary == "Eli Fossan Rasmussen"
    assert [p.date for p in m.planned_meetings] == [date(2022, 10, 24), date(2022, 12, 5)]
    assert m.next_meeting is not None and m.next_meeting.date == date(2022, 10, 24)
    assert [c.number for c in m.cases] == [
        "17/2022", "18/2022", "19/2022", "14/2022", "05/2022", "20/2022", "21/22",
    ]  # fmt: skip
    assert case(m, "17/2022").decision == "Innkalling med sakliste ble godkjent."
    c19 = case(m, "19/2022")
    assert c19.title == "Bruk av Vestre Vikens øremerkede samhandlingsmidler i Helsefelleskapet"
    assert c19.decision_label == "Vedtak"
    assert c19.decision.startswith("- Strategisk samarbeidsutvalg slutter seg til forslaget")
    assert "<p>" not in c19.body and "<ul" not in c19.body
    assert case(m, "14/2022").title == "Samarbeidsprosjekt Digital hjemmeoppfølging (DHO)"
    assert case(m, "20/2022").title == "Partnerskapsmøtet 17. mars 2023"
    assert "Neste møte" not in case(m, "21/22").body  # the next-meeting row is not part of it
    au = next(g for g in m.groups if g.short_name == "AU")
    assert [p.name for p in au.members] == [
        "Christine Furuholmen", "Grete Syrdal", "Randi Klemetsen", "Trine Lise Mørk",
        "Eli Fossan Rasmussen",
    ]  # fmt: skip
    present = {p.name: p.organisation for p in m.participants}
    assert present["Aud Hansen"] == "Asker kommune"
    assert present["Tiril Bringsrud Svensen"] == "Norsk sykepleier-forbund"
    assert len(present) == 9
    by_case = {t.case_number: t for t in m.tasks}
    assert by_case["05/2022"].assignee == "AU"
    assert by_case["05/2022"].assignee_kind == AssigneeKind.GROUP
    assert by_case["05/2022"].due_date == date(2022, 12, 5)
    assert by_case["05/2022"].description.startswith("Arbeidsutvalget sender en forespørsel")
    assert (by_case["20/2022"].assignee, by_case["20/2022"].due_date) == ("AU", date(2022, 10, 24))
    vv = by_case["21/22"]
    assert (vv.assignee, vv.assignee_kind) == ("Vestre Viken", AssigneeKind.ORGANISATION)
    assert (vv.due_text, vv.due_is_approximate) == ("Høst 2022", True)


def test_action_plan_2014() -> None:
    m = parsed("002")
    assert m.kind == DocumentKind.ACTION_PLAN
    assert m.meeting_date is None and "no meeting date" in m.notes[0]
    assert m.cases == []
    assert len(m.tasks) >= 25
    revise = next(t for t in m.tasks if "Revidere inngåtte avtaler" in t.description)
    assert (revise.due_text, revise.status) == ("Q1 – Q4", TaskStatus.DONE)
    waiting = next(t for t in m.tasks if t.status_text == "Avventer svar på søknad")
    assert waiting.status == TaskStatus.OPEN and waiting.due_text == "Q2"
    assert {t.area for t in m.tasks} >= {
        "Oppgavefordeling og samhandling mellom kommunene og spesialisthelsetjenesten",
        "Elektronisk samhandling",
    }


def test_case_paper_osu() -> None:
    m = parsed("003")
    assert m.kind == DocumentKind.CASE_PAPER
    assert m.meeting_date is None and any("no meeting date" in n for n in m.notes)
    assert m.committee is not None and m.committee.short_name == "OSU"
    [paper] = m.cases
    assert paper.status == CaseStatus.PROPOSED and paper.decision is None
    assert paper.proposal.startswith("Overordnet samarbeidsutvalg ber om det etableres")
    assert "Bakgrunn" not in paper.proposal
    assert m.planned_meetings == []  # "22. september" has no year to anchor it


def test_numbered_blocks_ssu_2023() -> None:
    m = parsed("004")
    assert m.committee is not None and m.committee.short_name == "SSU"
    assert (m.meeting_date, m.starts, m.ends) == (date(2023, 9, 28), time(13), time(15, 30))
    assert m.location == "Bigroom, Prosjektriggen, SiV"
    assert m.chair == "Erik Nordberg" and m.secretary == "Runar Danielsen"
    assert [c.number for c in m.cases] == [f"2023.{n}" for n in range(26, 35)]
    lar = case(m, "2023.30")
    assert lar.title == "Delavtale helhetlige pasientforløp, med vedlegg"
    assert lar.kinds == ["orientering", "diskusjon", "beslutning"]
    assert lar.decision.startswith("For videre prosess frem mot ny delavtale")
    assert "inkludert LAR og TUD" in lar.decision
    assert "utsettes" not in lar.decision  # the quoted older conclusion is not this one's
    assert lar.responsible == ["Erik Nordberg", "Anita Archer", "Frode Hestnes"]
    assert "Nordberg" not in lar.body.split("Konklusjon")[-1]
    assert case(m, "2023.26").decision == "Innkallingen godkjennes"
    assert case(m, "2023.27").decision is None
    assert case(m, "2023.31").title == "Kompetansebroen"
    assert case(m, "2023.31").responsible == ["Rannveig Velken"]
    assert case(m, "2023.33").title == (
        "Informasjon fra partnerne i Helsefellesskapets planer, prioriteringer og tiltak for 2024"
    )
    assert case(m, "2023.34").decision.startswith("Orienteringen tas til etterretning")
    # links, also those a PDF wrapped over two lines, are kept whole and out of the text
    assert any(
        link.endswith("samarbeidsavtaler-mellom-kommuner-og-helseforetak")
        for link in case(m, "2023.26").links
    )
    assert "https://" not in case(m, "2023.26").body
    assert [p.date for p in m.planned_meetings] == [date(2023, 11, 23)]
    [task] = m.tasks
    assert task.assignee == "Christian Reissig"
    assert task.description.startswith("tar med problemstillingen tilbake til arbeidsgruppen")
    # the attachment list "Sak 2023.31: Presentasjon" and link lists are not cases
    assert len(m.cases) == 9


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_parses_without_notes_of_failure(prefix: str) -> None:
    m = parsed(prefix)
    assert "no case headings found" not in m.notes
