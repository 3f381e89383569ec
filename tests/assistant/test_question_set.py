"""Questions as committee members ask them, with the case each must find.

Each question names the (meeting date, case number) a good answer starts with. The suite
reports top-1 and top-3 accuracy and fails below 90 % top-3. Two stores: the real seed
minutes, and the project's fictional examples (their committees share names, so they are
kept apart as two deployments would be).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from tests.conftest import EXAMPLES, SEEDS

Expected = tuple[date | None, str | None]

SEED_QUESTIONS: list[tuple[str, Expected]] = [
    ("Hva ble bestemt om LAR?", (date(2023, 9, 28), "2023.30")),
    ("what was decided about LAR?", (date(2023, 9, 28), "2023.30")),
    ("hva ble konkludert om TUD-pasienter", (date(2023, 9, 28), "2023.30")),
    ("delavtale helhetlige pasientforløp", (date(2023, 9, 28), "2023.30")),
    ("vedtak om overliggere i helgene", (date(2023, 9, 28), "2023.30")),
    ("hva ble sagt om utskrivningsklare pasienter i SSU?", (date(2023, 9, 28), "2023.30")),
    ("Kompetansebroen", (date(2023, 9, 28), "2023.31")),
    ("hva skjedde med kompetansebrua", (date(2023, 9, 28), "2023.31")),
    ("hvem ble valgt til styret i Kompetansebroen?", (date(2023, 9, 28), "2023.31")),
    ("who was nominated for the board of Kompetansebroen", (date(2023, 9, 28), "2023.31")),
    ("fastlegesituasjonen", (date(2023, 9, 28), "2023.34")),
    ("hva ble bestemt om handlingsplanen for 2024", (date(2023, 9, 28), "2023.34")),
    ("what did we decide on the action plan", (date(2023, 9, 28), "2023.34")),
    ("rekruttere og beholde helsepersonell", (date(2023, 9, 28), "2023.34")),
    ("faglig samarbeidsutvalg status", (date(2023, 9, 28), "2023.32")),
    ("hva sa SiV om planer og prioriteringer for 2024", (date(2023, 9, 28), "2023.33")),
    ("partnerskapsmøtet i juni", (date(2023, 9, 28), "2023.29")),
    ("endringer i sammensetningen av SSU", (date(2023, 9, 28), "2023.28")),
    ("sak 2023.30", (date(2023, 9, 28), "2023.30")),
    ("hva ble bestemt om digital hjemmeoppfølging", (date(2022, 9, 12), "14/2022")),
    ("DHO", (date(2022, 9, 12), "14/2022")),
    ("what happened with digital home monitoring", (date(2022, 9, 12), "14/2022")),
    ("øremerkede samhandlingsmidler", (date(2022, 9, 12), "19/2022")),
    ("hva ble vedtatt om skrøpelige eldre", (date(2022, 9, 12), "19/2022")),
    ("how will Vestre Viken's earmarked funds be used", (date(2022, 9, 12), "19/2022")),
    ("strukturert kompetansesamarbeid", (date(2022, 9, 12), "05/2022")),
    ("kompetanse samarbeid", (date(2022, 9, 12), "05/2022")),
    ("felles lederutvikling", (date(2022, 9, 12), "21/22")),
    ("leadership development programme", (date(2022, 9, 12), "21/22")),
    ("program for partnerskapsmøtet 2023", (date(2022, 9, 12), "20/2022")),
    ("tjenesteavtalene", (date(2014, 1, 8), "3")),
    ("hva ble vedtatt om avtalen om svangerskap, fødsel og barselomsorg", (date(2014, 1, 8), "3")),
    ("praksiskonsulentordningen", (date(2014, 1, 8), "3")),
    ("LSU ny funksjon og organisering", (date(2014, 1, 8), "4")),
    ("budsjettsituasjonen", (date(2014, 1, 8), "2")),
    ("møtedatoer 2014", (date(2014, 1, 8), "5")),
    ("klinisk samarbeidsutvalg for øyeblikkelig hjelp-plasser", (None, None)),
    ("øyeblikkelig hjelp plasser", (None, None)),
]

EXAMPLE_QUESTIONS: list[tuple[str, Expected]] = [
    ("hva ble bestemt om LAR?", (date(2026, 10, 26), "2026.42")),
    ("utlevering av LAR-medisiner i helgene", (date(2026, 10, 14), "3")),
    ("felles rutine for LAR", (date(2026, 10, 14), "3")),
    ("hva ble vedtatt om TUD", (date(2026, 10, 26), "2026.42")),
    ("ØHD", (date(2026, 10, 14), "4")),
    ("innleggelseskriterier for øyeblikkelig hjelp-plasser", (date(2026, 10, 14), "4")),
    ("emergency beds admission criteria", (date(2026, 10, 14), "4")),
    ("hospitering for helsefagarbeidere", (date(2026, 10, 14), "5")),
    ("hva skjedde med hospiteringsordningen?", (date(2026, 10, 14), "5")),
    ("Læringsbrua", (date(2026, 10, 26), "2026.43")),
    ("laeringsbrua styre", (date(2026, 10, 26), "2026.43")),
    ("kostnadsfordeling for DHO", (date(2026, 10, 26), "2026.44")),
    ("hva ble bestemt om digital hjemmeoppfølging i oktober", (date(2026, 10, 26), "2026.44")),
    ("økonomisk langtidsplan", (date(2026, 10, 26), "2026.45")),
    ("langtidsplanen til sykehuset", (date(2026, 10, 26), "2026.45")),
    ("felles opplæring i nytt pasientjournalsystem", (date(2026, 9, 7), "35/26")),
    ("training for the new patient record system", (date(2026, 9, 7), "35/26")),
    ("kompetanseplan", (date(2026, 9, 7), "33/2026")),
    ("partnerskapsmøtet i mars 2027", (date(2026, 9, 7), "34/26")),
    ("status for DHO-prosjektet i september", (date(2026, 9, 7), "32/2026")),
    ("hva ble bestemt om DHO i SSU i september", (date(2026, 9, 7), "32/2026")),
    ("korttidsplasser Furulund", (date(2026, 10, 14), "2")),
    ("møtedatoer for 2027", (date(2026, 10, 14), "6")),
    ("what was decided about substitution treatment", (date(2026, 10, 26), "2026.42")),
    ("sak 2026.43", (date(2026, 10, 26), "2026.43")),
]


@dataclass
class Score:
    asked: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[str] | None = None


async def _assistant(db: Database, paths: list[Path], tenant: str) -> Assistant:
    results = await import_paths(db, paths, ImportOptions(tenant=tenant))
    assert all(r.status == "imported" for r in results), [r.error for r in results]
    clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    return Assistant(db=db, clock=clock, timezone=ZoneInfo("Europe/Oslo"), tenant=tenant)


async def _score(assistant: Assistant, questions: list[tuple[str, Expected]]) -> Score:
    score = Score(misses=[])
    for question, expected in questions:
        answer = await assistant.answer(question)
        got = [(r.meeting_date, r.case) for r in answer.results]
        score.asked += 1
        if got[:1] == [expected]:
            score.top1 += 1
        if expected in got[:3]:
            score.top3 += 1
        else:
            assert score.misses is not None
            score.misses.append(f"{question!r}: expected {expected}, got {got[:3]}")
    return score


async def test_question_set_accuracy(db: Database) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed minutes not found at {SEEDS}")
    assert len(SEED_QUESTIONS) + len(EXAMPLE_QUESTIONS) >= 60
    # Two deployments (tenants) in one database: the seeds' and the examples' committees
    # share names, and a question in one must never find the other's cases.
    seeds = await _assistant(db, sorted(SEEDS.glob("*.txt")), "default")
    examples = await _assistant(db, sorted(EXAMPLES.iterdir()), "fjordby")
    scores = [await _score(seeds, SEED_QUESTIONS), await _score(examples, EXAMPLE_QUESTIONS)]
    asked = sum(s.asked for s in scores)
    top1 = sum(s.top1 for s in scores) / asked
    top3 = sum(s.top3 for s in scores) / asked
    misses = [m for s in scores for m in s.misses or []]
    report = f"question set: {asked} questions, top-1 {top1:.0%}, top-3 {top3:.0%}"
    print("\n" + report + "".join(f"\n  miss: {m}" for m in misses))
    assert top3 >= 0.9, report + "\n" + "\n".join(misses)
