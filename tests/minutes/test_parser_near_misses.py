"""Things that look like cases, tasks or dates in minutes, and are not."""

from datetime import date

from minutes.model import DocumentText, Line
from minutes.parser import parse_minutes


def parse(text: str):
    return parse_minutes(
        DocumentText("txt", [Line(t, i + 1) for i, t in enumerate(text.split("\n"))])
    )


def test_numbered_list_items_are_not_cases() -> None:
    m = parse(
        "Møtedato: 8. januar 2014\n\nSak 3 Tjenesteavtalene\nLSU fattet slik vedtak:\n"
        "1. Avtale for den akuttmedisinske kjede:\n2. Avtale om forebyggende tjenester:\n"
        "3. Avtale om akuttberedskap\n"
    )
    assert [c.number for c in m.cases] == ["3"]
    assert "2. Avtale om forebyggende tjenester" in (m.cases[0].decision or "")


def test_references_to_other_cases_are_not_cases() -> None:
    m = parse(
        "Møtedato: 8. januar 2014\n\nSak 1 Økonomi\nFor rapportering vises det til sak 07.\n"
        "Se også Sak 2023.31: Presentasjon i vedlegget.\n"
    )
    assert [c.number for c in m.cases] == ["1"]


def test_an_attachment_list_and_link_list_are_not_case_blocks() -> None:
    m = parse(
        "Referat fra møte i Strategisk samarbeidsutvalg (SSU)\nDato/sted 28.09.23, 13.00-15.30\n"
        "Vedlegg\nSak 2023.31: Presentasjon\n\n"
        "2023.26\n\nOrientering\n\nGodkjenning av innkalling\n"
        "Lenker:\n2023.30\nVeileder for samarbeidsavtaler\nhttps://www.example.org/2023/September/x.pdf\n"
        "Konklusjon:\nInnkallingen godkjennes\n\n2023.27\n\nOrientering\n\nReferater\n"
    )
    assert [c.number for c in m.cases] == ["2023.26", "2023.27"]
    assert m.cases[0].links == ["https://www.example.org/2023/September/x.pdf"]


def test_a_date_in_a_url_is_not_a_meeting() -> None:
    m = parse(
        "Møtedato: 12.09.22\n\nSak 1 Lenker\nhttps://www.siv.no/Documents/2023/September/sak.pdf\n"
        "Neste møte 24. oktober\n"
    )
    assert [p.date for p in m.planned_meetings] == [date(2022, 10, 24)]


def test_names_in_til_stede_are_not_tasks() -> None:
    m = parse(
        "Møtedato: 8. januar 2014\nTil stede:\nKari Hansen, Ola Nordmann og Britt Kveseth\n\n"
        "Sak 1 Godkjenning av referat\nReferatet ble godkjent.\n"
    )
    assert m.tasks == []
    assert {p.name for p in m.participants} == {"Kari Hansen", "Ola Nordmann", "Britt Kveseth"}


def test_a_past_report_is_not_a_task_but_a_commitment_is() -> None:
    m = parse(
        "Møtedato: 8. januar 2014\nTil stede: Kari Hansen, Ola Nordmann\n\nSak 1 Budsjett\n"
        "Kari Hansen orienterte om budsjettet.\nOla Nordmann sender tallene innen 1. mars.\n"
    )
    assert [(t.assignee, t.due_date) for t in m.tasks] == [("Ola Nordmann", date(2014, 3, 1))]


def test_text_without_any_case_headings_is_reported() -> None:
    m = parse("Dette er et notat om vær og vind.\nIngen saker her.")
    assert m.cases == [] and "no case headings found" in m.notes
