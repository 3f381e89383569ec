"""Search benchmark: latency of `Assistant.answer()` over a large store, SQLite and PostgreSQL.

    .venv/bin/python bench/search_bench.py                        # 50,000 cases, both databases
    .venv/bin/python bench/search_bench.py --cases 5000 --meetings 500 --backend sqlite --keep
    .venv/bin/python bench/search_bench.py --profile 15           # then dissect the slowest

The store (committees, meetings, documents, cases, people, groups, tasks) is written directly
with SQLAlchemy in large batches, not through the importer; the search postings are written
by the real index writer, `assistant.indexing.index_cases`, one transaction per batch. Case
texts are composed from phrase lists of the domain (samhandling, LAR, TUD, DHO, utskrivnings-
klare pasienter, …) with Zipf-distributed topics and compound words, so a few terms are very
common and most are rare. Building is timed but is not the measured figure.

Measured: `await assistant.answer(question, asker=…)` on one reused `Assistant` (its term
vocabulary cache is part of the design), after 50 unmeasured warm-up questions, for a mix
like real use: ~70 % decision questions (bokmål and English; some with a committee, a year,
a typo or an acronym; some bare topics), ~15 % "my tasks" with a real person as asker, ~10 %
next meeting, ~5 % agenda. Reported: p50/p95/p99/max/mean overall and per recognised intent,
and how many decision questions found something. The target is p95 <= 50 ms on both.

PostgreSQL: a throwaway database `referent_searchbench_<random>` on the server of
REFERENT_BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test), dropped
afterwards (WITH (FORCE)); skipped with the reason when the server is unreachable. After the
bulk load the bench runs VACUUM ANALYZE there (what autovacuum does soon after a big load).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import cProfile
import gc
import hashlib
import io
import itertools
import json
import logging
import pstats
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from machine import describe, machine
from minutes_generator import COMMITTEES, FIRST_NAMES, LAST_NAMES, MONTHS
from pg import with_database
from sqlalchemy import Engine, event, func, insert, select, text
from sqlalchemy.orm import Session

from assistant.assistant import Assistant
from assistant.clock import FixedClock
from assistant.indexing import ANALYSIS_KEY, index_cases
from assistant.intents import IntentKind, recognize
from assistant.planned_facts import ensure_planned_current
from assistant.search.analysis import TermVocabulary, analysis_fingerprint, query_terms
from assistant.settled_tasks import ensure_settled_current
from storage.database import Database
from storage.models import (
    DEFAULT_TENANT,
    Case,
    Committee,
    Document,
    Group,
    GroupMembership,
    Meeting,
    Person,
    SearchCase,
    SearchMeta,
    SearchTerm,
    Task,
)
from storage.names import name_key
from storage.posting_codec import count
from storage.search_index import vocabulary

TARGET_P95_MS = 50.0
OSLO = ZoneInfo("Europe/Oslo")
# "Now" for the assistant: meetings run to the end of 2026, so the last weeks are planned.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
FIRST_DAY, LAST_DAY = date(2014, 1, 6), date(2026, 12, 18)
WARMUP = 50
NO_DECISION_SHARE = 0.10
TASKS_PER_MEETING = 2
PEOPLE = 400
RARE_COMPOUND_SHARE = 0.1  # three-part compounds, rare by construction

# -- the domain ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    wordings: tuple[str, ...]  # Norwegian, as minutes write it; the first is the usual one
    acronym: str | None = None
    english: tuple[str, ...] = ()  # as an English-speaking member would ask


# Roughly in order of how often committees discuss them (the Zipf rank).
TOPICS = (
    Topic(("samhandling mellom kommunene og sykehuset", "samhandlingen", "samhandlingsarbeidet"),
          None, ("cooperation between the municipalities and the hospital",)),
    Topic(("utskrivningsklare pasienter", "overliggere", "utskrivning av pasienter"),
          None, ("patients ready for discharge", "delayed discharge")),
    Topic(("budsjett", "budsjettsituasjonen", "økonomi og budsjett"), None, ("budget",)),
    Topic(("handlingsplan", "handlingsplanen for samarbeidet", "årlig handlingsplan"),
          None, ("action plan",)),
    Topic(("legemiddelassistert rehabilitering", "LAR-pasienter", "utlevering av LAR-medisiner"),
          "LAR", ("substitution treatment", "opioid treatment")),
    Topic(("fastlegesituasjonen", "fastlegeordningen", "rekruttering av fastleger"),
          None, ("the GP situation", "general practitioner recruitment")),
    Topic(("digital hjemmeoppfølging", "DHO-prosjektet", "digital oppfølging i hjemmet"),
          "DHO", ("digital home monitoring", "remote monitoring")),
    Topic(("øyeblikkelig hjelp-plasser", "øyeblikkelig hjelp døgnopphold", "KØH-plasser"),
          "ØHD", ("emergency beds", "acute beds")),
    Topic(("kompetansesamarbeid", "strukturert kompetansesamarbeid", "kompetansedeling"),
          None, ("competence development",)),
    Topic(("rekruttering av sykepleiere", "sykepleiermangel", "rekruttere og beholde sykepleiere"),
          None, ("recruitment of nurses",)),
    Topic(("psykisk helse og rus", "rus og psykiatri", "tjenester innen psykisk helse og rus"),
          "ROP", ("mental health and substance abuse",)),
    Topic(("tvunget psykisk helsevern uten døgnopphold", "TUD-pasienter", "TUD-vedtak"),
          "TUD", ("compulsory treatment",)),
    Topic(("barn og unge", "tjenester til barn og unge", "barn og unge med sammensatte behov"),
          None, ("children and young people",)),
    Topic(("legevakt", "interkommunal legevakt", "legevaktsamarbeidet"),
          None, ("out of hours service", "emergency room")),
    Topic(("velferdsteknologi", "velferdsteknologiske løsninger", "innføring av velferdsteknologi"),
          None, ("welfare technology",)),
    Topic(("jordmortjeneste", "jordmortjenesten i kommunene", "følgetjeneste for gravide"),
          None, ("midwife service",)),
    Topic(("tolketjeneste", "bruk av tolk", "tolketjenesten"), None, ("interpreter",)),
    Topic(("pasientforløp for skrøpelige eldre", "skrøpelige eldre", "eldre med sammensatte behov"),
          None, ("frail elderly",)),
    Topic(("elektroniske meldinger", "pleie- og omsorgsmeldinger", "meldingsutveksling"),
          "PLO", ("electronic messages",)),
    Topic(("delavtaler", "tjenesteavtalene", "revisjon av samarbeidsavtalen"),
          None, ("service agreement", "cooperation agreement")),
    Topic(("distriktspsykiatrisk senter", "DPS-samarbeid", "ambulante team fra DPS"),
          "DPS", ("district psychiatric centre",)),
    Topic(("praksiskonsulentordningen", "praksiskonsulenter", "PKO-ordningen"), "PKO", ()),
    Topic(("hospitering", "hospiteringsordningen", "hospitering for helsefagarbeidere"),
          None, ("internship",)),
    Topic(("lederutvikling", "felles lederutvikling", "lederutviklingsprogram"),
          None, ("leadership development",)),
    Topic(("smittevern", "smittevernplan", "smittevern i sykehjem"), None, ("infection control",)),
    Topic(("demensomsorg", "personer med demens", "demensteam"), None, ("dementia",)),
    Topic(("avviksmeldinger", "avvik mellom nivåene", "avvikshåndtering"),
          None, ("incident reports",)),
    Topic(("beredskapsplan", "beredskap", "felles beredskapsplan"), None, ("preparedness",)),
    Topic(("svangerskaps- og fødselsomsorg", "svangerskapsomsorgen", "barselomsorg"),
          None, ("maternity care",)),
    Topic(("rehabilitering etter hjerneslag", "slagrehabilitering", "rehabiliteringsforløp"),
          None, ("stroke rehabilitation",)),
    Topic(("kommunale akutte døgnplasser", "KAD-senger", "akutte døgnplasser i kommunene"),
          "KAD", ()),
    Topic(("barne- og ungdomspsykiatrisk poliklinikk", "BUP-ventetider", "samarbeid med BUP"),
          "BUP", ()),
    Topic(("ventetider", "ventelister", "ventetid for behandling"), None, ("waiting time",)),
    Topic(("korridorpasienter", "korridorpasienter i medisinsk avdeling", "overbelegg"),
          None, ("corridor patients",)),
    Topic(("folkehelse", "folkehelsearbeid", "forebygging og folkehelse"),
          None, ("public health",)),
    Topic(("lindrende behandling", "palliasjon", "lindrende enhet"), None, ()),
    Topic(("pasientsikkerhet", "pasientsikkerhetsprogrammet", "kvalitet og pasientsikkerhet"),
          None, ("patient safety",)),
    Topic(("reinnleggelser", "reinnleggelser av eldre", "forebygging av reinnleggelser"),
          None, ("readmission",)),
    Topic(("hjemmesykepleie", "hjemmetjenesten", "hjemmesykepleien"), None, ("home nursing",)),
    Topic(("sykehjemsplasser", "korttidsplasser", "plasser i sykehjem"), None, ("nursing home",)),
    Topic(("brukermedvirkning", "brukerrepresentanter", "brukerutvalget"), None, ()),
    Topic(("pårørendestøtte", "pårørende", "pårørendearbeid"), None, ("next of kin",)),
    Topic(("videokonsultasjoner", "bruk av video", "digitale konsultasjoner"),
          None, ("video consultation",)),
    Topic(("helsefellesskapet", "helsefellesskapets organisering", "partnerskapsmøtet"),
          None, ("health community",)),
    Topic(("oppgaveoverføring", "oppgavedeling", "overføring av oppgaver"),
          None, ("task shifting",)),
    Topic(("kreftomsorg", "kreftkoordinator", "pakkeforløp for kreft"), None, ("cancer",)),
    Topic(("habilitering", "habiliteringstjenesten", "voksenhabilitering"),
          None, ("habilitation",)),
    Topic(("sykefravær", "sykefraværet blant ansatte", "nærværsarbeid"), None, ("sick leave",)),
    Topic(("økonomisk langtidsplan", "langtidsplanen", "investeringsplan"), None, ("finances",)),
    Topic(("FACT-team", "FACT ung", "aktivt oppsøkende behandling"), "FACT", ()),
    Topic(("vaksinasjon", "vaksinasjonsprogrammet", "influensavaksinering"),
          None, ("vaccination",)),
    Topic(("skolehelsetjenesten", "helsesykepleiere i skolen", "helsestasjon for ungdom"),
          None, ("school health service",)),
    Topic(("ernæring hos eldre", "underernæring", "ernæringsarbeid"), None, ()),
    Topic(("tverrfaglig spesialisert rusbehandling", "TSB", "rusbehandling"), "TSB", ()),
    Topic(("innleggelseskriterier", "kriterier for innleggelse", "innleggelser"),
          None, ("admission",)),
)  # fmt: skip

# Compound words: most of the vocabulary's long tail (Norwegian writes them as one word).
PREFIXES = (
    "pasient", "helse", "kompetanse", "samhandlings", "lege", "sykehus", "kommune", "bruker",
    "rus", "barne", "eldre", "omsorgs", "hjemme", "tjeneste", "avtale", "rehabiliterings",
    "legevakt", "akutt", "fødsels", "jordmor", "velferds", "journal", "meldings", "budsjett",
    "ressurs", "kvalitets", "avviks", "beredskaps", "smittevern", "tolke", "demens", "kreft",
    "ernærings", "lærings", "praksis", "leder", "innovasjons", "forsknings", "fag", "døgn",
    "dag", "natt", "vakt", "sykepleie", "fysioterapi", "ambulanse", "skole", "ungdoms",
    "familie", "bolig", "arbeids", "prosjekt", "pilot", "medisin", "vaksine", "utskrivnings",
    "innleggelses", "henvisnings", "venteliste", "kapasitets", "bemannings", "turnus",
    "rekrutterings", "opplærings", "veilednings", "koordinerings", "pårørende", "psykiatri",
    "habiliterings", "forebyggings", "folkehelse", "sekretariats", "partnerskaps", "region",
)  # fmt: skip
SUFFIXES = (
    "forløp", "plan", "avtale", "team", "gruppe", "rutine", "ordning", "tilbud", "tjeneste",
    "behov", "ressurser", "kapasitet", "samarbeid", "nettverk", "møte", "rapport", "evaluering",
    "kartlegging", "strategi", "prosjekt", "midler", "kostnader", "statistikk", "data",
    "system", "løsning", "veileder", "prosedyre", "koordinator", "ansvar", "oppgaver",
    "kompetanse", "opplæring", "seminar", "forum", "utvalg", "arena", "modell", "plasser",
    "senger", "enhet", "leder", "arbeid", "tiltak", "utfordringer", "mål", "indikatorer",
    "flyt", "kontor", "sjef", "fond", "regnskap", "rammer", "innsats", "kultur", "praksis",
    "kurs", "dag", "konferanse", "høring", "melding", "register", "portal", "fagdag",
)  # fmt: skip
TOWN_HEADS = (
    "Fjord", "Lind", "Hav", "Bakke", "Sol", "Nord", "Eike", "Gran", "Vest", "Elve", "Berg",
    "Dal", "Li", "Strand", "Øst", "Sand", "Stein", "Skog", "Fjell", "Holm", "Ask", "Bjørke",
)  # fmt: skip
TOWN_TAILS = (
    "by", "vik", "nes", "dal", "strand", "li", "land", "mo", "stad", "heim", "haug", "sund",
    "vang", "rud", "ås",
)  # fmt: skip
HOSPITALS = (
    "Sykehuset i Vestfold", "Vestre Viken", "Sørlandet sykehus", "Sykehuset Telemark",
    "Sykehuset Innlandet", "{town} sykehus",
)  # fmt: skip
ORGS = (
    "{town} kommune", "Brukerutvalget", "KS", "Helsedirektoratet", "USN", "NAV",
    "Fastlegeforeningen", "Fagforbundet", "Norsk sykepleierforbund", "Statsforvalteren",
    "Kommunehelsesamarbeidet", "{hospital}",
)  # fmt: skip
ADJECTIVES = (
    "felles", "tydelig", "god", "bedre", "helhetlig", "langsiktig", "konkret", "realistisk",
    "forsvarlig", "bærekraftig", "nødvendig", "krevende", "uklar", "presset", "stabil",
    "omfattende", "begrenset", "tverrfaglig", "interkommunal", "regional", "systematisk",
    "forutsigbar", "fleksibel", "likeverdig", "målrettet", "praktisk", "faglig", "økonomisk",
)  # fmt: skip
TITLES = (
    "{Topic}", "Status for {topic}", "{Topic} – videre oppfølging", "Orientering om {topic}",
    "Forslag til felles rutine for {topic}", "Erfaringer med {topic}", "Evaluering av {topic}",
    "{Topic}, status og oppfølging", "Mandat for arbeidsgruppen om {topic}",
    "Ressurser og finansiering av {topic}", "Samarbeidsavtale om {topic}", "{Topic} i {year}",
    "Oppfølging av {topic} – {compound}", "Høring: {topic}", "Rapport om {topic}",
    "{Topic} og {compound}", "Prioriteringer for {topic}", "Tiltak for {topic}",
)  # fmt: skip
SENTENCES = (
    "Det ble pekt på at {topic} krever tettere samarbeid mellom partene.",
    "{person} orienterte om status for {topic} og viste til {compound}.",
    "Utvalget drøftet hvordan erfaringene fra {town} kan deles med de andre kommunene.",
    "Flere av medlemmene etterlyste bedre tallgrunnlag før saken behandles videre.",
    "Arbeidet har tatt lengre tid enn planlagt fordi kapasiteten i {org} har vært presset.",
    "Det er satt av {number} millioner kroner til et pilotprosjekt om {topic} i {year}.",
    "{org} har sendt skriftlige innspill om {compound} som ligger ved saken.",
    "Brukerrepresentanten understreket hvor viktig god informasjon til pårørende er.",
    "Det mangler fortsatt en {adj} oversikt over {topic} og {compound}.",
    "Diskusjonen viste at behovene varierer mye mellom kommunene, særlig i {town}.",
    "Det er ønskelig at arbeidet ses i sammenheng med {topic2}.",
    "Tallene for {month} viser {number} prosent flere henvendelser enn i fjor.",
    "Partene har ulik praksis for {compound} i dag, og det skaper usikkerhet hos de ansatte.",
    "Prosjektgruppen har hatt {number} møter siden forrige behandling i utvalget.",
    "{hospital} melder om høyt belegg i medisinsk avdeling gjennom hele perioden.",
    "En spørreundersøkelse blant ansatte i {org} ga nyttige svar om {topic}.",
    "Utvalget mener at erfaringene så langt er gode, men at omfanget er for lite.",
    "Det ble stilt spørsmål ved om ansvarsfordelingen for {compound} er {adj} nok.",
    "Alle parter rapporterer om stramme budsjetter og behov for {adj} prioritering.",
    "Forslaget bygger på en kartlegging av {compound} som ble gjort i {org} i {year}.",
    "Det er viktig at løsningen for {topic} fungerer likt for alle kommunene i området.",
    "{person} la fram erfaringer fra {town} med {compound} og {compound2}.",
    "Saken har vært drøftet i arbeidsutvalget, som anbefaler en {adj} tilnærming.",
    "Helsedirektoratets veileder om {topic} legges til grunn for det videre arbeidet.",
    "Det vises til tidligere behandling av {topic} i {committee} i {year}.",
    "Kommunene i {town} og omegn har etablert et {adj} tilbud om {compound}.",
    "Det må avklares hvem som har ansvaret for {compound} når pasienten skrives ut.",
    "Fastlegene i {town} opplever at {topic} tar stadig mer tid.",
    "Sykehuset og kommunene er enige om at {compound} bør prioriteres i {year}.",
    "{person} etterlyste en {adj} plan for {compound2} før neste møte.",
    "Evalueringen fra {org} viser at {number} av {number2} pasienter var fornøyde med tilbudet.",
    "Ordningen med {compound} videreføres inntil videre, men skal vurderes på nytt.",
    "Det er meldt {number} avvik knyttet til {compound} siden forrige møte.",
    "Representanten fra {org} mente at {topic} må sees i et {adj} perspektiv.",
    "Arbeidsgruppen foreslår at {compound} samordnes med {compound2} i hele regionen.",
    "Utfordringene med {topic} er særlig store i helger og ferier.",
    "Det er søkt om tilskudd fra Helsedirektoratet til {compound} i {town}.",
    "Medlemmene ga uttrykk for at {topic2} bør få mer plass i {year}.",
    "{hospital} og {town} kommune har inngått en avtale om {compound}.",
    "Saksframlegget beskriver tre alternativer for organisering av {compound}.",
)  # fmt: skip
DECISIONS = (
    "{committee} slutter seg til forslaget om {topic} og ber sekretariatet følge opp saken.",
    "Orienteringen om {topic} tas til etterretning.",
    "Arbeidsgruppen for {compound} videreføres ut {year} med samme mandat.",
    "{committee} ber om en ny sak om {topic} i første møte etter sommeren.",
    "Forslaget til felles rutine for {topic} godkjennes med endringene som kom fram i møtet.",
    "Saken tas opp igjen når evalueringen av {compound} foreligger.",
    "Det settes ned en partssammensatt gruppe som skal se på {topic} og {compound}.",
    "Konklusjon: {committee} støtter at {compound} prøves ut i {town} fram til {month} {year}.",
    "Konklusjon: Partene utarbeider en {adj} plan for {topic} innen {month}.",
    "{committee} vedtar mandatet for arbeidet med {topic} slik det ble lagt fram.",
    "Konklusjon: Det gis tilslutning til at {number} millioner kroner brukes til {compound}.",
    "Sekretariatet bes innhente erfaringer fra {org} om {topic} til neste møte.",
    "{committee} anbefaler at kommunene slutter seg til avtalen om {compound}.",
    "Utvalget tar statusrapporten om {topic} til orientering og ber om ny status i {month}.",
    "Konklusjon: Saken om {topic} sendes på høring til kommunene og {hospital}.",
    "Forslaget om {compound} vedtas, med en {adj} evaluering etter ett år.",
    "{committee} ber {org} legge fram et forslag til finansiering av {topic}.",
    "Konklusjon: Dagens ordning for {topic} videreføres inntil ny avtale er på plass.",
)  # fmt: skip
NO_DECISION_STATUS = ("noted", "noted", "postponed")
KINDS = ("Orientering", "Diskusjon", "Beslutning", "Drøfting")
PLACES = ("Rådhuset, {town}", "{town} helsehus", "Møterom Fjellstua, {hospital}", "Teams")
TASKS = (
    "lager et notat om {topic}", "sender en oppsummering av drøftingen til medlemmene",
    "utarbeider et forslag til mandat for {compound}", "følger opp saken med {org}",
    "kontakter {org} om {topic}", "forbereder en orientering om {topic} til neste møte",
    "skriver et utkast til høringssvar om {compound}",
    "undersøker hvilke tall som finnes om {topic}",
)  # fmt: skip

# -- questions -----------------------------------------------------------------------------------
NB_DECISION = (
    "hva ble bestemt om {t}?", "Hva ble vedtatt om {t}", "hva ble konkludert om {t}?",
    "vedtak om {t}", "hva skjedde med {t}?", "hva ble besluttet om {t}", "hva sa vi om {t}?",
    "hva ble bestemt angående {t}",
)  # fmt: skip
NB_COMMITTEE = ("hva ble bestemt om {t} i {c}?", "hva har {c} vedtatt om {t}?", "{t} i {c}")
NB_YEAR = ("hva ble bestemt om {t} i {y}?", "vedtak om {t} i {y}", "hva ble vedtatt om {t} i {y}")
EN_DECISION = (
    "what was decided about {t}?", "What happened with {t}", "decisions on {t}",
    "what did we decide on {t}?", "what was concluded about {t}",
)  # fmt: skip
EN_COMMITTEE = ("what did {c} decide about {t}?", "what was decided about {t} in the {c}")
EN_YEAR = ("what was decided about {t} in {y}?", "decisions on {t} in {y}")
MY_TASKS = (
    "hvilke oppgaver har jeg?", "mine oppgaver", "hva skal jeg gjøre?", "har jeg noen oppgaver",
    "what are my tasks?", "hvilke oppgaver har jeg i SSU?",
)  # fmt: skip
NEXT_MEETING = (
    "når er neste møte?", "neste SSU-møte", "når er neste møte i {c}?", "neste møte",
    "when is the next meeting?", "når møtes {c} neste gang?",
)  # fmt: skip
AGENDA = (
    "hva står på sakslisten?", "hva står på sakslisten til neste {c}-møte?",
    "agenda for the next meeting", "hva skal behandles på neste møte?",
)  # fmt: skip
QUESTION_MIX = (("decision", 0.70), ("my_tasks", 0.15), ("next_meeting", 0.10), ("agenda", 0.05))


class Zipf:
    """Items drawn with weight 1 / rank^s: the first few very often, the tail rarely."""

    def __init__(self, items: Sequence[Any], s: float = 1.07) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(len(self.items))))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


# -- the corpus ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Corpus:
    committees: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[dict[str, Any]] = field(default_factory=list)


class Writer:
    """Composes the texts; one random.Random for everything, so a seed gives one corpus."""

    def __init__(self, rng: random.Random, people: list[str]) -> None:
        self.rng = rng
        self.topic = Zipf(TOPICS)
        towns = [h + t.lower() for h in TOWN_HEADS for t in TOWN_TAILS]
        rng.shuffle(towns)
        self.town = Zipf(towns)
        compounds = [p + s for p in PREFIXES for s in SUFFIXES]
        rng.shuffle(compounds)
        self.compound = Zipf(compounds, 1.0)
        self.person = Zipf(people, 0.8)
        self.adjective = Zipf(ADJECTIVES)

    def fill(self, template: str, topic: Topic, year: int, committee: str) -> str:
        rng = self.rng
        slots: dict[str, str] = {}
        for name in re.findall(r"{(\w+)}", template):
            if name in slots:
                continue
            if name in ("topic", "Topic"):
                wording = rng.choice(topic.wordings)
                if topic.acronym and rng.random() < 0.25:
                    wording = (
                        topic.acronym if rng.random() < 0.5 else f"{wording} ({topic.acronym})"
                    )
                slots[name] = _cap(wording) if name == "Topic" else wording
            elif name == "topic2":
                slots[name] = rng.choice(self.topic(rng).wordings)
            elif name in ("compound", "compound2"):
                slots[name] = self.compound(rng)
                if rng.random() < RARE_COMPOUND_SHARE:  # the long tail: mostly seen once
                    slots[name] = rng.choice(PREFIXES) + slots[name]
            elif name == "town":
                slots[name] = self.town(rng)
            elif name == "hospital":
                slots[name] = rng.choice(HOSPITALS).format(town=self.town(rng))
            elif name == "org":
                hospital = rng.choice(HOSPITALS).format(town=self.town(rng))
                slots[name] = rng.choice(ORGS).format(town=self.town(rng), hospital=hospital)
            elif name == "person":
                slots[name] = self.person(rng)
            elif name == "adj":
                slots[name] = self.adjective(rng)
            elif name == "year":
                slots[name] = str(year + rng.choice((0, 0, 1, -1)))
            elif name in ("number", "number2"):
                slots[name] = str(rng.choice((2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 40, 120)))
            elif name == "month":
                slots[name] = rng.choice(MONTHS)
            elif name == "committee":
                slots[name] = committee
        return template.format(**slots)

    def words(self, templates: Sequence[str], low: int, high: int, topic: Topic, year: int,
              committee: str) -> str:  # fmt: skip
        """Sentences until `low`..`high` words (cut at `high`, ending with a full stop)."""
        target = self.rng.randint(low, high)
        out: list[str] = []
        count = 0
        while count < target:
            sentence = self.fill(self.rng.choice(templates), topic, year, committee)
            out.append(sentence)
            count += len(sentence.split())
        words = " ".join(out).split()
        if len(words) > high:
            words = words[:high]
            words[-1] = words[-1].rstrip(".,:;–") + "."
        return " ".join(words)


def build_corpus(n_cases: int, n_meetings: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    corpus = Corpus()
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < PEOPLE:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.2:
            name = f"{name.split()[0]} {rng.choice(LAST_NAMES)}-{name.split()[1]}"
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    for i, name in enumerate(names, 1):
        corpus.people.append({"id": i, "tenant": DEFAULT_TENANT, "name": name,
                              "name_key": name_key(name), "organisation": None,
                              "emails": []})  # fmt: skip
    writer = Writer(rng, names)

    for i, (long_name, short) in enumerate(COMMITTEES, 1):
        corpus.committees.append({"id": i, "tenant": DEFAULT_TENANT, "name": long_name,
                                  "short_name": short, "aliases": []})  # fmt: skip
    group_id = 0
    for committee in corpus.committees:
        labels = [("Arbeidsutvalg", "AU")]
        for _ in range(2):
            topic = writer.topic(rng).wordings[0]
            labels.append((f"Arbeidsgruppe for {topic}", None))
        for long_name, short in labels:
            group_id += 1
            corpus.groups.append({"id": group_id, "tenant": DEFAULT_TENANT,
                                  "committee_id": committee["id"], "name": long_name,
                                  "short_name": short})  # fmt: skip
            for person_id in rng.sample(range(1, PEOPLE + 1), rng.randint(5, 8)):
                corpus.memberships.append({"group_id": group_id, "person_id": person_id})

    # Meetings: spread evenly over the years at random days, ten cases each (or as asked).
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span + 1)) for _ in range(n_meetings))
    per_meeting = [n_cases // n_meetings + (1 if i < n_cases % n_meetings else 0)
                   for i in range(n_meetings)]  # fmt: skip
    numbers: Counter[tuple[int, int]] = Counter()
    case_id = task_id = 0
    today = NOW.astimezone(OSLO).date()
    for m_id, (day, n_here) in enumerate(zip(days, per_meeting, strict=True), 1):
        committee = rng.choice(corpus.committees)
        short = committee["short_name"]
        planned = day >= today
        starts = datetime.combine(day, clock_time(rng.choice((9, 10, 12, 13))), tzinfo=OSLO)
        doc_name = f"{short}_referat_{day.isoformat()}.docx"
        corpus.documents.append({
            "id": m_id, "tenant": DEFAULT_TENANT, "committee_id": committee["id"],
            "sha256": hashlib.sha256(f"{seed}:{m_id}".encode()).hexdigest(), "name": doc_name,
            "path": f"/minutes/{doc_name}", "format": "docx",
            "kind": "minutes", "size_bytes": rng.randint(20_000, 90_000), "notes": [],
        })  # fmt: skip
        corpus.meetings.append({
            "id": m_id, "committee_id": committee["id"], "document_id": m_id, "date": day,
            "starts_at": starts, "ends_at": starts + timedelta(hours=rng.choice((2, 3))),
            "location": writer.fill(rng.choice(PLACES), TOPICS[0], day.year, short),
            "status": "planned" if planned else "held",
        })  # fmt: skip
        meeting_cases: list[int] = []
        for position in range(n_here):
            case_id += 1
            meeting_cases.append(case_id)
            topic = writer.topic(rng)
            numbers[(committee["id"], day.year)] += 1
            serial = numbers[(committee["id"], day.year)]
            number = f"{day.year}.{serial}" if rng.random() < 0.7 else f"{serial}/{day.year % 100}"
            title = writer.fill(rng.choice(TITLES), topic, day.year, short)
            body = writer.words(SENTENCES, 80, 200, topic, day.year, short)
            decision = None
            proposal = None
            if planned:
                status = "proposed"
                proposal = writer.words(DECISIONS, 15, 40, topic, day.year, short)
            elif rng.random() < NO_DECISION_SHARE:
                status = rng.choice(NO_DECISION_STATUS)
            else:
                status = "decided"
                decision = writer.words(DECISIONS, 15, 40, topic, day.year, short)
            corpus.cases.append({
                "id": case_id, "tenant": DEFAULT_TENANT, "document_id": m_id, "meeting_id": m_id,
                "committee_id": committee["id"], "position": position, "number": number,
                "title": title, "kinds": [rng.choice(KINDS)], "body": body,
                "decision": decision,
                "decision_label": ("Konklusjon" if decision.startswith("Konklusjon") else "Vedtak")
                if decision else None,
                "proposal": proposal, "status": status,
                "responsible": [writer.person(rng)] if rng.random() < 0.3 else [], "links": [],
                "line": 10 + position * 14, "page": 1 + position // 3,
            })  # fmt: skip
        for _ in range(TASKS_PER_MEETING):
            task_id += 1
            topic = writer.topic(rng)
            due = day + timedelta(days=rng.randint(14, 120))
            done = due < today and rng.random() < 0.75
            row: dict[str, Any] = {
                "id": task_id, "document_id": m_id, "meeting_id": m_id,
                "case_id": rng.choice(meeting_cases) if meeting_cases else None,
                "committee_id": committee["id"],
                "description": writer.fill(rng.choice(TASKS), topic, day.year, short),
                "due_date": due, "due_text": f"{due.day}. {MONTHS[due.month - 1]}",
                "due_is_approximate": False, "status": "done" if done else "open",
                "created_at": starts, "person_id": None, "group_id": None,
            }  # fmt: skip
            if rng.random() < 0.8:
                person = corpus.people[rng.randrange(PEOPLE)]
                row.update(assignee_kind="person", assignee_name=person["name"],
                           person_id=person["id"])  # fmt: skip
            else:
                group = rng.choice([g for g in corpus.groups
                                    if g["committee_id"] == committee["id"]])  # fmt: skip
                row.update(assignee_kind="group", assignee_name=group["short_name"]
                           or group["name"], group_id=group["id"])  # fmt: skip
            corpus.tasks.append(row)
    return corpus


# -- questions -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    kind: str  # what the bench meant: decision | my_tasks | next_meeting | agenda
    text: str
    asker: str | None = None
    detail: str = ""  # decision questions: nb/en, bare/committee/year, typo, acronym


def _typo(rng: random.Random, words: str) -> str | None:
    """One slip in one long word: a letter dropped, doubled, swapped or replaced (never in
    the first two letters, which the typo lookup needs)."""
    spots = [(m.start(), m.end()) for m in re.finditer(r"[^\W\d_]{6,}", words)]
    if not spots:
        return None
    start, end = rng.choice(spots)
    i = rng.randrange(start + 2, end - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return words[:i] + words[i + 1 :]
    if kind == 1:
        return words[:i] + words[i] + words[i:]
    if kind == 2:
        return words[:i] + words[i + 1] + words[i] + words[i + 2 :]
    return words[:i] + rng.choice("aeiouklmnrst") + words[i + 1 :]


def _decision_question(rng: random.Random, topics: Zipf, compounds: Zipf) -> Question:
    english = rng.random() < 0.25
    topic: Topic = topics(rng)
    tags: list[str] = ["en" if english else "nb"]
    if english:
        while not topic.english:
            topic = topics(rng)
        t = rng.choice(topic.english)
    elif topic.acronym and rng.random() < 0.5:
        t = topic.acronym
        tags.append("acronym")
    else:
        t = rng.choice(topic.wordings)
        if rng.random() < 0.15:
            t = compounds(rng)  # a rare word of the long tail
            tags.append("rare")
    if "acronym" not in tags and rng.random() < 0.12:
        slipped = _typo(rng, t)
        if slipped:
            t = slipped
            tags.append("typo")
    c = rng.choice(COMMITTEES)[1]
    y = str(rng.randint(2015, 2026))
    roll = rng.random()
    if roll < 0.2:
        template = rng.choice(EN_COMMITTEE if english else NB_COMMITTEE)
        tags.append("committee")
    elif roll < 0.4:
        template = rng.choice(EN_YEAR if english else NB_YEAR)
        tags.append("year")
    elif roll < 0.7 and not english:
        template = rng.choice(("{t}", "{t}?", "{T}"))
        tags.append("bare")
    else:
        template = rng.choice(EN_DECISION if english else NB_DECISION)
    return Question("decision", template.format(t=t, T=_cap(t), c=c, y=y), None, " ".join(tags))


def make_questions(corpus: Corpus, count: int, seed: int) -> list[Question]:
    rng = random.Random(seed * 7919 + 17)
    topics = Zipf(TOPICS)
    compounds = Zipf([p + s for p in PREFIXES for s in SUFFIXES], 1.0)
    kinds = [k for k, _ in QUESTION_MIX]
    weights = [w for _, w in QUESTION_MIX]
    out: list[Question] = []
    for _ in range(count):
        kind = rng.choices(kinds, weights)[0]
        c = rng.choice(COMMITTEES)[1]
        if kind == "decision":
            out.append(_decision_question(rng, topics, compounds))
        elif kind == "my_tasks":
            asker = rng.choice(corpus.people)["name"]
            out.append(Question(kind, rng.choice(MY_TASKS), asker))
        elif kind == "next_meeting":
            out.append(Question(kind, rng.choice(NEXT_MEETING).format(c=c)))
        else:
            out.append(Question(kind, rng.choice(AGENDA).format(c=c)))
    return out


# -- the store -----------------------------------------------------------------------------------


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _write_rows(session: Session, tables: list[tuple[Any, list[dict[str, Any]]]]) -> None:
    for model, rows in tables:
        for chunk in _chunks(rows, 5000):
            session.execute(insert(model), chunk)


def _write_cases(session: Session, rows: list[dict[str, Any]]) -> None:
    if session.get_bind().dialect.name == "sqlite":
        # Only the build's connections (a Database of its own, closed before measuring):
        # with SQLite's default 2 MB page cache the posting inserts, scattered over the
        # (term, case_id) key, thrash once the index outgrows it.
        session.execute(text("PRAGMA cache_size=-1000000"))
    session.execute(insert(Case), rows)
    # Plain Case objects with the stored values: index_cases reads the id and the texts.
    fields = set(Case.__table__.columns.keys())
    index_cases(session, [Case(**{k: v for k, v in r.items() if k in fields}) for r in rows])


def _finish(session: Session) -> None:
    # Indexed by this analysis: `referent serve` on a kept store must not rebuild the index.
    session.merge(SearchMeta(key=ANALYSIS_KEY, value=analysis_fingerprint()))
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("committee", "person", "person_group", "document", "meeting", "case_item",
                  "task"):  # fmt: skip
        # The ids were given explicitly: move the sequences on, as if the rows were imported.
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT max(id) FROM {table}))"))  # fmt: skip


async def build_store(db: Database, corpus: Corpus, batch: int) -> dict[str, float]:
    """Rows in large batches, then each batch of cases with its postings written by the real
    index writer (`index_cases`), one transaction per batch, all through the project's write
    path (`Database.write`). Returns seconds per phase."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    tables = [
        (Committee, corpus.committees), (Person, corpus.people), (Group, corpus.groups),
        (GroupMembership, corpus.memberships), (Document, corpus.documents),
        (Meeting, corpus.meetings),
    ]  # fmt: skip
    await db.write(partial(_write_rows, tables=tables))
    timings["rows"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for chunk in _chunks(corpus.cases, batch):
        await db.write(partial(_write_cases, rows=chunk))
    timings["cases_and_index"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    await db.write(partial(_write_rows, tables=[(Task, corpus.tasks)]))
    await db.write(_finish)
    timings["tasks_and_finish"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # The rows went in directly, not through the store: which open tasks later meetings
    # settled is recorded as a store from before the columns gets it at its first start.
    await ensure_settled_current(db)
    timings["settled_tasks"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    await ensure_planned_current(db)  # the same: what the cases bring to later meetings
    timings["agenda_facts"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if db.dialect == "postgresql":  # what autovacuum does soon after a load this size
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE"))
    timings["analyze"] = time.perf_counter() - t0
    return timings


async def store_figures(db: Database) -> dict[str, Any]:
    async with db.session() as session:
        counts = {}
        for label, model in (
            ("meetings", Meeting), ("cases", Case), ("tasks", Task), ("people", Person),
            ("terms", SearchTerm),
        ):  # fmt: skip
            counts[label] = await session.scalar(select(func.count()).select_from(model)) or 0
        # A case's row packs its postings (storage/posting_codec.py).
        packed = await session.scalars(select(SearchCase.postings))
        counts["postings"] = sum(map(count, packed))
        counts["cases_without_decision"] = (
            await session.scalar(select(func.count()).where(Case.decision.is_(None))) or 0
        )
        df = list(
            await session.scalars(
                select(SearchTerm.cases)
                .where(SearchTerm.cases > 0)
                .order_by(SearchTerm.cases.desc())
            )
        )
        t0 = time.perf_counter()
        terms = await session.run_sync(vocabulary)
        sql_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    TermVocabulary(terms)
    build_s = time.perf_counter() - t0
    n_cases = counts["cases"] or 1
    counts["df"] = {
        "max": df[0] if df else 0,
        "top10": df[:10],
        "terms_in_over_10pct_of_cases": sum(1 for d in df if d > n_cases / 10),
        "terms_in_1_case": sum(1 for d in df if d == 1),
        "median": df[len(df) // 2] if df else 0,
    }
    counts["vocabulary_load_ms"] = {
        "sql": round(sql_s * 1000, 1),
        "build": round(build_s * 1000, 1),
    }
    return counts


# -- measuring -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Asked:
    question: Question
    intent: str
    ms: float
    found: bool
    results: int


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    s = sorted(ms)
    cuts = statistics.quantiles(s, n=100, method="inclusive") if len(s) > 1 else s * 99
    return {
        "n": len(s),
        "p50": round(cuts[49], 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "max": round(s[-1], 2),
        "mean": round(statistics.fmean(s), 2),
    }


async def ask(assistant: Assistant, questions: list[Question], budget: float) -> list[Asked]:
    out: list[Asked] = []
    deadline = time.perf_counter() + budget
    for q in questions:
        t0 = time.perf_counter()
        answer = await assistant.answer(q.text, asker=q.asker)
        ms = (time.perf_counter() - t0) * 1000
        found = bool(answer.found) and bool(answer.results)
        out.append(Asked(q, answer.intent.kind.value, ms, found, len(answer.results)))
        if time.perf_counter() > deadline:
            break
    return out


# -- profiling the slowest -----------------------------------------------------------------------

_LABELS = (
    ("max(search_term.id)", "vocabulary version"),
    ("(SELECT max(id) FROM search_term)", "index version"),
    ("min(tenant)", "other tenants? (tenant bounds)"),
    ("FROM search_case WHERE case_id IN", "candidates' postings (scoring)"),
    ("FROM search_block WHERE term_id IN", "every posting of the terms (filtered scoring)"),
    ("SELECT c.id FROM case_item c WHERE c.id IN", "filters of the candidates"),
    ("SELECT c.id FROM", "filtered cases (scope)"),
    ("SELECT count(*) AS count_1 \nFROM case_item", "collection size (count of cases)"),
    ("SELECT term, id, cases, top FROM search_term", "terms: ids, counts, best postings"),
    ("FROM search_term", "vocabulary (all terms)"),
    ("FROM committee \nWHERE", "committee ids"),
    ("FROM case_item LEFT OUTER JOIN", "load hit cases"),
    ("SELECT 1", "pool ping"),
    ("pg_catalog", "asyncpg type introspection"),
)


def _label(statement: str) -> str:
    for needle, label in _LABELS:
        if needle in statement:
            return label
    return " ".join(statement.split())[:60]


class StatementTimer:
    """Times each statement run (before/after_cursor_execute), with the rows it returned
    (best effort: the async adapters keep fetched rows in `_rows`). Listens on the Engine
    class, so every engine's statements count: on a SQLite file `Database.read` runs on a
    synchronous engine of its own in a worker thread, not on `db.engine` (hooking only that
    showed "SQL 0.0 ms in 0 statements")."""

    def __init__(self, db: Database) -> None:
        self.engine = Engine
        self.records: list[tuple[str, float, int]] = []
        self._start: list[float] = []

    def _before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self._start.append(time.perf_counter())

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        ms = (time.perf_counter() - self._start.pop()) * 1000
        rows = getattr(cursor, "_rows", None)
        self.records.append((statement, ms, len(rows) if rows is not None else -1))

    def __enter__(self) -> StatementTimer:
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)


async def profile_slowest(db: Database, assistant: Assistant, asked: list[Asked], n: int) -> dict:
    """Re-ask the `n` slowest decision questions with every statement timed; show where the
    time goes. Also a cProfile of those re-runs (the event loop's thread only: on a SQLite
    file `Database.read` runs the search in a worker thread, which shows up as waiting)."""
    slow = sorted((a for a in asked if a.intent == IntentKind.DECISION.value),
                  key=lambda a: -a.ms)[:n]  # fmt: skip
    if not slow:
        return {}
    async with db.session() as session:
        t0 = time.perf_counter()
        terms = await session.run_sync(vocabulary)
        vocab_sql = time.perf_counter() - t0
        t0 = time.perf_counter()
        vocab = TermVocabulary(terms)
        vocab_build = time.perf_counter() - t0
    print(f"\n  profile of the {len(slow)} slowest decision questions (re-asked, warm)")
    print(f"  vocabulary: {len(terms)} terms, SQL {vocab_sql * 1000:.1f} ms, "
          f"TermVocabulary {vocab_build * 1000:.1f} ms (only when the index grew)")  # fmt: skip
    per_label: dict[str, list[float]] = defaultdict(list)
    details = []
    profiler = cProfile.Profile()
    for a in slow:
        intent = recognize(a.question.text, today=NOW.astimezone(OSLO).date())
        t0 = time.perf_counter()
        qterms = query_terms(intent.topic or "", vocab)
        analysis_ms = (time.perf_counter() - t0) * 1000
        weights = sorted({t.term for t in qterms})
        async with db.session() as session:
            rows = await session.execute(
                select(SearchTerm.term, SearchTerm.cases).where(SearchTerm.term.in_(weights))
            )
            df = {term: cases for term, cases in rows.all() if cases}
        with StatementTimer(db) as timer:
            profiler.enable()
            t0 = time.perf_counter()
            await assistant.answer(a.question.text, asker=a.question.asker)
            total = (time.perf_counter() - t0) * 1000
            profiler.disable()
        sql = sum(ms for _, ms, _ in timer.records)
        for statement, ms, _ in timer.records:
            per_label[_label(statement)].append(ms)
        print(f"\n  {a.question.text!r}  ({a.question.detail}; topic {intent.topic!r})")
        print(f"    measured {a.ms:.1f} ms, now {total:.1f} ms: SQL {sql:.1f} ms in "
              f"{len(timer.records)} statements, Python {total - sql:.1f} ms "
              f"(query analysis {analysis_ms:.1f} ms)")  # fmt: skip
        shown = ", ".join(f"{t.term}:{t.weight}/{t.source[:4]}/df={df.get(t.term, 0)}"
                          for t in qterms[:12])  # fmt: skip
        more = f" … {len(qterms) - 12} more" if len(qterms) > 12 else ""
        print(f"    {len(qterms)} query terms, {sum(df.values())} postings: {shown}{more}")
        for statement, ms, n_rows in timer.records:
            rows_text = f"{n_rows} rows" if n_rows >= 0 else ""
            print(f"      {ms:7.2f} ms  {_label(statement):<34} {rows_text}")
        details.append({
            "question": a.question.text, "measured_ms": round(a.ms, 2), "ms": round(total, 2),
            "sql_ms": round(sql, 2), "statements": len(timer.records),
            "analysis_ms": round(analysis_ms, 2), "query_terms": len(qterms),
            "postings": sum(df.values()),
        })  # fmt: skip
    print("\n  statements over these re-runs (total / count / mean ms):")
    for label, values in sorted(per_label.items(), key=lambda kv: -sum(kv[1])):
        print(f"    {sum(values):8.1f}  {len(values):4d}  {statistics.fmean(values):7.2f}  {label}")
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(18)
    print("\n  cProfile of the re-runs, by own time:")
    lines = [ln for ln in buffer.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if "ncalls" in ln), 0)
    for line in lines[start:]:
        print("   " + line.replace(str(Path.cwd()) + "/", "")[:150])
    return {
        "vocabulary_terms": len(terms),
        "vocabulary_sql_ms": round(vocab_sql * 1000, 1),
        "vocabulary_build_ms": round(vocab_build * 1000, 1),
        "questions": details,
        "statements": {
            k: {"n": len(v), "total_ms": round(sum(v), 1)} for k, v in per_label.items()
        },
    }


# -- one backend ---------------------------------------------------------------------------------


async def run_backend(
    backend: str, url: str, corpus: Corpus, questions: list[Question], args: argparse.Namespace
) -> dict[str, Any]:
    phases: dict[str, float] = {}
    build_s = 0.0
    if not (args.reuse or args.reuse_postgresql):
        builder = Database(url)  # for building only; measured on a fresh one
        try:
            await builder.upgrade()  # not timed
            t0 = time.perf_counter()
            phases = await build_store(builder, corpus, args.batch)
            build_s = time.perf_counter() - t0
        finally:
            await builder.close()
    db = Database(url)
    try:
        if args.reuse or args.reuse_postgresql:
            # What `referent serve` does at its start: a store kept by an older checkout is
            # migrated and gets what it lacks (the settled tasks).
            t0 = time.perf_counter()
            await db.upgrade()
            settled = await ensure_settled_current(db)
            if settled is not None:
                print(f"\n{backend}: migrated, {settled} settled tasks recorded in "
                      f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
            t0 = time.perf_counter()
            planned = await ensure_planned_current(db)
            if planned is not None:
                print(f"{backend}: agenda facts recorded, {planned} cases with any, in "
                      f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
        # The planner's statistics, as `referent serve` refreshes them at its start (and an
        # import after its writes): without them SQLite chose other plans than a server's.
        await db.optimize()
        store = await store_figures(db)
        if args.reuse or args.reuse_postgresql:
            print(f"\n{backend}: reusing {args.reuse or args.reuse_postgresql} (not built)")
        else:
            phase_text = ", ".join(f"{k} {v:.1f} s" for k, v in phases.items())
            print(f"\n{backend}: built in {build_s:.1f} s ({phase_text})")
        print(f"  store          {store['meetings']} meetings, {store['cases']} cases "
              f"({store['cases_without_decision']} without decision), {store['tasks']} tasks, "
              f"{store['people']} people")  # fmt: skip
        d = store["df"]
        print(f"  index          {store['postings']} postings, {store['terms']} terms; "
              f"document frequency max {d['max']}, median {d['median']}, "
              f"{d['terms_in_over_10pct_of_cases']} terms in >10 % of cases, "
              f"{d['terms_in_1_case']} in one case")  # fmt: skip
        print(f"  vocabulary     load {store['vocabulary_load_ms']['sql']} ms SQL + "
              f"{store['vocabulary_load_ms']['build']} ms TermVocabulary")  # fmt: skip
        gc.collect()

        assistant = Assistant(db=db, clock=FixedClock(NOW), timezone=OSLO)
        warm, measured = questions[:WARMUP], questions[WARMUP:]
        t0 = time.perf_counter()
        await assistant.answer(warm[0].text, asker=warm[0].asker)
        first_ms = (time.perf_counter() - t0) * 1000
        await ask(assistant, warm[1:], args.budget)
        asked = await ask(assistant, measured, args.budget)
        figures = report(backend, asked, first_ms, len(measured))
        figures.update(
            build_seconds=round(build_s, 1),
            build_phases={k: round(v, 1) for k, v in phases.items()},
            store=store,
        )
        if args.profile:
            figures["profile"] = await profile_slowest(db, assistant, asked, args.profile)
        return figures
    finally:
        await db.close()


def report(backend: str, asked: list[Asked], first_ms: float, wanted: int) -> dict[str, Any]:
    overall = percentiles([a.ms for a in asked])
    by_intent: dict[str, list[float]] = defaultdict(list)
    for a in asked:
        by_intent[a.intent].append(a.ms)
    per_intent = {k: percentiles(v) for k, v in sorted(by_intent.items())}
    decisions = [a for a in asked if a.question.kind == "decision"]
    found = sum(a.found for a in decisions)
    anything = sum(a.results > 0 for a in decisions)
    by_detail: dict[str, list[Asked]] = defaultdict(list)
    for a in decisions:
        for tag in a.question.detail.split():
            by_detail[tag].append(a)
    mismatched = [
        a
        for a in asked
        if a.question.kind != a.intent
        and not (a.question.kind == "my_tasks" and a.intent == "person_tasks")
    ]

    def line(label: str, p: dict[str, float]) -> str:
        return (f"  {label:<16} n {p['n']:>4}  p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  "
                f"p99 {p['p99']:7.2f}  max {p['max']:7.2f}  mean {p['mean']:7.2f}  ms")  # fmt: skip

    if len(asked) < wanted:
        print(f"  STOPPED        after {len(asked)} of {wanted} questions (--budget)")
    print(f"  first answer   {first_ms:.1f} ms (cold: loads the vocabulary; not measured)")
    print(line("all", overall))
    for kind, p in per_intent.items():
        print(line(kind, p))
    print(f"  decisions      {found}/{len(decisions)} found a match, {anything} had some result "
          f"(near matches included)")  # fmt: skip
    for tag, items in sorted(by_detail.items()):
        p = percentiles([a.ms for a in items])
        print(f"    {tag:<10} n {len(items):>4}  found {sum(a.found for a in items):>4}  "
              f"p50 {p['p50']:7.2f}  p95 {p['p95']:7.2f}  max {p['max']:7.2f} ms")  # fmt: skip
    if mismatched:
        print(f"  note           {len(mismatched)} questions were recognised as another intent, "
              f"e.g. {mismatched[0].question.text!r} -> {mismatched[0].intent}")  # fmt: skip
    verdict = "meets" if overall["p95"] <= TARGET_P95_MS else "misses"
    print(f"  target         p95 <= {TARGET_P95_MS:.0f} ms: {verdict} it ({overall['p95']:.1f} ms)")
    slowest = sorted(asked, key=lambda a: -a.ms)[:5]
    print("  slowest        " + "; ".join(f"{a.ms:.0f} ms {a.question.text!r}" for a in slowest))
    return {
        "questions": len(asked),
        "first_answer_ms": round(first_ms, 1),
        "overall": overall,
        "per_intent": per_intent,
        "decision_questions": len(decisions),
        "decision_found": found,
        "decision_any_result": anything,
        "decision_by_tag": {
            tag: {"n": len(v), "found": sum(a.found for a in v), **percentiles([a.ms for a in v])}
            for tag, v in sorted(by_detail.items())
        },
        "recognised_as_other_intent": len(mismatched),
        "meets_target": overall["p95"] <= TARGET_P95_MS,
    }


def run_sqlite(folder: Path, corpus: Corpus, questions: list[Question], args: Any) -> dict:
    db_file = Path(args.reuse) if args.reuse else folder / "search.db"
    url = f"sqlite+aiosqlite:///{db_file}"
    figures = asyncio.run(run_backend("sqlite", url, corpus, questions, args))
    figures["server"] = f"SQLite {sqlite3.sqlite_version}"
    figures["file_mb"] = round(db_file.stat().st_size / 1e6, 1)
    return figures


def run_postgresql(corpus: Corpus, questions: list[Question], args: Any) -> dict | str:
    """The figures, or the reason PostgreSQL was skipped."""

    def run(url: str, server: str) -> dict:
        figures = asyncio.run(run_backend("postgresql", url, corpus, questions, args))
        figures["server"] = server
        return figures

    if args.reuse_postgresql:
        return run(args.reuse_postgresql, "PostgreSQL (reused database)")
    return with_database("referent_searchbench", run, keep=args.keep)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50_000, help="default 50000")
    parser.add_argument("--meetings", type=int, default=5_000, help="default 5000")
    parser.add_argument("--questions", type=int, default=1_000, help="measured; default 1000")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1, help="default 1")
    parser.add_argument(
        "--keep", action="store_true", help="keep the SQLite file and the PostgreSQL database"
    )
    parser.add_argument("--batch", type=int, default=5_000, help="cases per transaction")
    parser.add_argument(
        "--budget",
        type=float,
        default=900.0,
        help="stop asking after this many seconds per backend (default 900)",
    )
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="afterwards re-ask the N slowest decision questions with every "
                        "SQL statement timed, and a cProfile")  # fmt: skip
    parser.add_argument(
        "--reuse",
        metavar="FILE",
        help="measure a SQLite file kept by an earlier --keep run with the same "
        "--seed/--cases/--meetings instead of building one (SQLite only)",
    )
    parser.add_argument(
        "--reuse-postgresql",
        metavar="URL",
        help="the same for a PostgreSQL database kept by --keep (postgresql+asyncpg://…)",
    )
    args = parser.parse_args(argv)
    if args.reuse_postgresql:
        args.backend = "postgresql"
    if args.reuse:
        if not Path(args.reuse).is_file():
            parser.error(f"--reuse: no such file {args.reuse}")
        args.backend = "sqlite"
    if args.meetings < 1 or args.cases < args.meetings or args.questions < 1:
        parser.error("need --meetings >= 1, --cases >= --meetings and --questions >= 1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    info = machine()
    print(describe(info))
    t0 = time.perf_counter()
    corpus = build_corpus(args.cases, args.meetings, args.seed)
    questions = make_questions(corpus, WARMUP + args.questions, args.seed)
    words = [len(c["body"].split()) for c in corpus.cases]
    decision_words = [len(c["decision"].split()) for c in corpus.cases if c["decision"]]
    mix = Counter(q.kind for q in questions[WARMUP:])
    print(f"generated {len(corpus.cases)} cases in {len(corpus.meetings)} meetings, "
          f"{len(corpus.tasks)} tasks, {len(questions)} questions in "
          f"{time.perf_counter() - t0:.1f} s; body {min(words)}–{max(words)} words "
          f"(mean {statistics.fmean(words):.0f}), decision {min(decision_words)}–"
          f"{max(decision_words)} words; questions {dict(mix)} + {WARMUP} warm-up")  # fmt: skip
    for q in questions[WARMUP : WARMUP + 6]:
        print(f"  e.g. {q.kind:<12} {q.text!r}" + (f" (asker {q.asker})" if q.asker else ""))
    summary: dict[str, Any] = {
        "machine": info, "cases": args.cases, "meetings": args.meetings,
        "questions": args.questions, "warmup": WARMUP, "seed": args.seed,
        "target_p95_ms": TARGET_P95_MS,
    }  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="referent_searchbench_"))
    try:
        for backend in ("sqlite", "postgresql"):
            if args.backend not in (backend, "both"):
                continue
            if backend == "sqlite":
                outcome: dict | str = run_sqlite(folder, corpus, questions, args)
            else:
                outcome = run_postgresql(corpus, questions, args)
            if isinstance(outcome, str):
                print(f"\nPostgreSQL: skipped ({outcome})")
                summary[backend] = {"skipped": outcome}
            else:
                summary[backend] = outcome
    finally:
        if args.keep and (folder / "search.db").exists():
            print(f"\nkept: {folder / 'search.db'}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    summary["wall_seconds"] = round(time.perf_counter() - started, 1)
    print(f"\ntotal wall time {summary['wall_seconds']:.0f} s")
    print(json.dumps(summary, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
