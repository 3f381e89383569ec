"""The project's own example minutes (examples/): the demo must show what they say."""

from datetime import date, time

from minutes.model import AssigneeKind, CaseStatus, DocumentKind, ParsedMinutes
from minutes.parser import parse_minutes
from minutes.readers import read_document
from tests.conftest import EXAMPLES


def parsed(name: str) -> ParsedMinutes:
    return parse_minutes(read_document(EXAMPLES / name))


def test_lsu_free_text() -> None:
    m = parsed("lsu-fjordby-2026-10-14.txt")
    assert (m.meeting_date, m.starts, m.ends) == (date(2026, 10, 14), time(12, 30), time(15))
    assert m.next_meeting is not None and m.next_meeting.date == date(2026, 12, 9)
    # "Møtedatoer i 2027: 10. mars, 2. juni, 22. september og 8. desember 2027, alle kl 12.30"
    assert [(p.date, p.starts) for p in m.planned_meetings] == [
        (date(2026, 12, 9), time(12, 30)),
        (date(2027, 3, 10), time(12, 30)),
        (date(2027, 6, 2), time(12, 30)),
        (date(2027, 9, 22), time(12, 30)),
        (date(2027, 12, 8), time(12, 30)),
    ]
    assert [c.number for c in m.cases] == ["1", "2", "3", "4", "5", "6"]
    lar = m.cases[2]
    assert lar.title.startswith("Legemiddelassistert rehabilitering (LAR)")
    assert lar.decision.startswith("1. Forslaget til felles rutine")
    assert m.cases[4].status == CaseStatus.POSTPONED
    due = {t.assignee: (t.due_date, t.due_text) for t in m.tasks}
    assert due == {
        "Marit Lunde": (date(2026, 12, 9), "neste møte"),  # "legger den fram i neste møte"
        "Henrik Berg": (date(2026, 11, 15), "15. november"),  # "innen 15. november"
        "Solveig Haugland": (date(2026, 12, 9), "neste møte"),  # "før neste møte"
    }


def test_ssu_html_table() -> None:
    m = parsed("ssu-fjordby-2026-09-07.html")
    assert m.meeting_date == date(2026, 9, 7) and m.location == "Møterom Fjellet, Fjordby sykehus"
    assert [p.date for p in m.planned_meetings] == [date(2026, 10, 26), date(2026, 12, 14)]
    assert [c.number for c in m.cases] == [
        "30/2026", "31/2026", "32/2026", "33/2026", "34/26", "35/26",
    ]  # fmt: skip
    assert m.cases[2].decision_label == "Vedtak"
    owners = {(t.assignee, t.assignee_kind, t.due_text) for t in m.tasks}
    assert owners == {
        ("AU", AssigneeKind.GROUP, "15. oktober"),
        ("AU", AssigneeKind.GROUP, "4. desember"),
        ("Geir Tveit", AssigneeKind.PERSON, "26. oktober"),
        ("Fjordby sykehus", AssigneeKind.ORGANISATION, "Vår 2027"),
    }
    assert {p.name for g in m.groups for p in g.members} >= {"Hanne Bjørklund", "Tone Dahl"}


def test_ssu_markdown_blocks() -> None:
    m = parsed("ssu-fjordby-2026-10-26.md")
    assert m.meeting_date == date(2026, 10, 26)
    assert [c.number for c in m.cases] == [f"2026.{n}" for n in range(40, 46)]
    lar = m.cases[2]
    assert lar.decision.startswith("SSU slutter seg til at LAR og TUD")
    assert "anbefaler" not in lar.decision  # the quoted older conclusion is not this one
    assert m.cases[3].responsible == ["Therese Løvås"]
    assert [p.date for p in m.planned_meetings] == [date(2026, 12, 14)]
    assert [(t.assignee, t.due_date) for t in m.tasks] == [
        ("Arne Vold", None),
        ("Sekretariatet", date(2026, 12, 1)),  # a role owns a task too
    ]


def test_osu_case_paper() -> None:
    m = parsed("osu-fjordby-forslag-ohd.txt")
    assert m.kind == DocumentKind.CASE_PAPER and m.meeting_date is None
    [case] = m.cases
    assert case.status == CaseStatus.PROPOSED
    assert case.proposal.startswith("Overordnet samarbeidsutvalg slutter seg til forslaget")
