"""Synthetic Norwegian committee minutes in the shapes of the five seed documents.

Deterministic: the same (count, seed) always gives the same documents. The content is
invented from small word and phrase lists; only the layouts follow the seeds:

- free_text   "Sak 3 Title" headings, a labelled header block (sometimes in the middle of a
              case, as a flattened PDF leaves it), "ble godkjent", "Vedtak:", "… fattet slik
              vedtak:", postponed cases, action sentences ("Kari Nordmann lager …").
- table       a tab-separated header table, then "Saknr.\\tBeskrivelse…\\tAnsvar\\tTidsfrist" rows
              with HTML fragments in the cells and continuation rows ("\\t<p>…</p>\\tAU\\t5. des.").
- numbered    "2024.31" alone, kind labels (Orientering / Diskusjon / Beslutning / Vedlegg),
              a title, the body, "Konklusjon:", names in a flattened margin column, links.
- action_plan "Fokusområde 1: …", "Tiltak Aktiviteter …", activities ending in Q1–Q4 or
              "Løpende" plus a status, wrapped over short lines with blank lines between.
- case_paper  a committee name, "Forslag til vedtak", "Bakgrunn" and further sections.

Every document records how many cases and action items it was written with, so a benchmark can
compare that with what the parser extracts.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

FORMATS = ("free_text", "table", "numbered", "action_plan", "case_paper")
MIX = {"free_text": 0.30, "table": 0.30, "numbered": 0.30, "action_plan": 0.05, "case_paper": 0.05}

FIRST_NAMES = (
    "Kari", "Ola", "Ingrid", "Lars", "Marit", "Henrik", "Solveig", "Erik", "Anne", "Per",
    "Trine", "Jon", "Siri", "Knut", "Hilde", "Tor", "Liv", "Geir", "Randi", "Morten", "Eli",
    "Bente", "Espen", "Guro", "Håkon", "Sissel", "Terje", "Vibeke", "Astrid", "Kjetil",
)  # fmt: skip
LAST_NAMES = (
    "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
    "Berg", "Haugen", "Hagen", "Lunde", "Dahl", "Strand", "Solheim", "Myhre", "Bakke", "Moen",
    "Lie", "Aasen", "Tangen", "Sætre", "Eide", "Holm", "Kristiansen", "Jacobsen", "Brekke",
)  # fmt: skip
COMMITTEES = (
    ("Lokalt samarbeidsutvalg", "LSU"),
    ("Strategisk samarbeidsutvalg", "SSU"),
    ("Overordnet samarbeidsutvalg", "OSU"),
    ("Faglig samarbeidsutvalg", "FSU"),
)
TOWNS = (
    "Fjordby", "Lindvik", "Havnes", "Bakkedal", "Solstrand", "Nordli", "Eikeland", "Granvik",
    "Vestmo", "Elvestad",
)  # fmt: skip
OTHER_ORGS = ("Kommunehelsesamarbeidet", "KS", "Helsedirektoratet", "USN", "Fagforbundet")
ROLES = (
    "brukerrepresentant", "fastlegerepresentant", "kommunalsjef", "klinikksjef",
    "samhandlingssjef", "kommuneoverlege",
)  # fmt: skip
PLACES = (
    "Rådhuset, {town} kommune", "Møterom Fjellstua, {town} sykehus", "{town} helsehus",
    "Kommunestyresalen, {town}", "Teams", "Storgata 12, {town}",
)  # fmt: skip
MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
    "oktober", "november", "desember",
)  # fmt: skip

TOPICS = (
    "digital hjemmeoppfølging", "utskrivningsklare pasienter", "legevaktsamarbeidet",
    "kompetansedeling mellom sykehus og kommuner", "felles rutiner for legemiddelhåndtering",
    "barn og unge med sammensatte behov", "rehabilitering etter hjerneslag",
    "ambulante team i psykisk helse", "velferdsteknologi", "kommunale akuttplasser",
    "samhandlingsstatistikken", "fastlegeordningen", "beredskapsplanene",
    "rekruttering av sykepleiere", "pasientforløp for skrøpelige eldre", "elektroniske meldinger",
    "avviksmeldinger mellom nivåene", "tolketjenesten", "brukermedvirkning",
    "ernæring hos eldre hjemmeboende", "lindrende behandling", "svangerskapsomsorgen",
    "rusomsorgen", "hospitering for helsepersonell", "felles opplæringsdager",
)  # fmt: skip
TITLES = (
    "Status for {topic}", "{Topic} – videre oppfølging", "Orientering om {topic}",
    "Forslag til felles rutine for {topic}", "Erfaringer med {topic}", "Evaluering av {topic}",
    "{Topic}, status og oppfølging", "Mandat for arbeidsgruppen om {topic}",
    "Ressurser og finansiering av {topic}", "Samarbeidsavtale om {topic}",
)  # fmt: skip
FILLER = (
    "Det ble pekt på at {topic} krever tettere samarbeid mellom partene.",
    "Utvalget drøftet hvordan erfaringene kan deles mellom kommunene.",
    "Flere av medlemmene etterlyste bedre tallgrunnlag før saken behandles videre.",
    "Arbeidet har tatt lengre tid enn planlagt fordi kapasiteten har vært presset.",
    "Det er satt av midler til et pilotprosjekt i {year}.",
    "{org} har sendt skriftlige innspill som ligger ved saken.",
    "Brukerrepresentanten understreket hvor viktig god informasjon til pårørende er.",
    "Det mangler fortsatt en felles oversikt over {topic}.",
    "Diskusjonen viste at behovene varierer mye mellom de enkelte kommunene.",
    "Det er ønskelig at arbeidet ses i sammenheng med {topic2}.",
    "Tallene for første halvår viser en svak økning sammenlignet med i fjor.",
    "Partene har ulik praksis i dag, og det skaper usikkerhet hos de ansatte.",
    "Prosjektgruppen har hatt fire møter siden forrige behandling i utvalget.",
    "{hospital} melder om høyt belegg i medisinsk avdeling gjennom hele perioden.",
    "En spørreundersøkelse blant ansatte i {org} ga nyttige svar om {topic}.",
    "Utvalget mener at erfaringene så langt er gode, men at omfanget er for lite.",
    "Det ble stilt spørsmål ved om ansvarsfordelingen er tydelig nok.",
    "Alle parter rapporterer om stramme budsjetter og behov for prioritering.",
    "Forslaget bygger på en kartlegging som ble gjort i {org} i fjor høst.",
    "Det er viktig at løsningen fungerer likt for alle kommunene i området.",
)  # fmt: skip
REPORTS = (
    "{person} orienterte om status for {topic}.",
    "{person} la fram erfaringer fra {org}.",
    "{person} presenterte en oversikt over {topic}.",
    "{person} innledet og viste til drøftingen i forrige møte.",
)  # fmt: skip
ACTIONS = (
    "lager et notat om {topic}",
    "sender en oppsummering av drøftingen til medlemmene",
    "innkaller arbeidsgruppen til et nytt møte før {dm}",
    "utarbeider et forslag til mandat for arbeidet med {topic}",
    "følger opp saken med {org}",
    "kontakter {org} om {topic}",
    "sammenstiller innspillene fra partene innen {dm}",
    "tar saken videre til {committee}",
    "forbereder en orientering om {topic} til neste møte",
    "koordinerer arbeidet med {topic} fram til sommeren",
    "skriver et utkast til høringssvar om {topic}",
    "undersøker hvilke tall som finnes om {topic}",
)  # fmt: skip
DECISIONS = (
    "{committee} slutter seg til forslaget om {topic}.",
    "Orienteringen tas til etterretning.",
    "Arbeidsgruppen videreføres ut {year}.",
    "{committee} ber om en ny sak om {topic} i første møte etter sommeren.",
    "Forslaget til felles rutine godkjennes med endringene som kom fram i møtet.",
    "Saken tas opp igjen når evalueringen foreligger.",
    "Det settes ned en partssammensatt gruppe som skal se på {topic}.",
)  # fmt: skip
APPROVALS = (
    "Referat fra møtet {dm} ble godkjent.",
    "Innkalling og saksliste ble godkjent.",
    "Referatet fra forrige møte ble godkjent uten merknader.",
    "Dagsorden ble godkjent.",
)  # fmt: skip
POSTPONEMENTS = (
    "Det ble ikke tid til å realitetsbehandle forslaget, og saken ble utsatt.",
    "Saken ble utsatt til neste møte fordi saksgrunnlaget ikke var klart.",
    "Behandlingen utsettes til partene har avklart finansieringen.",
)  # fmt: skip
WELCOMES = (
    "Ny representant fra {org} ble ønsket velkommen.",
    "Møteleder ønsket velkommen og gikk gjennom sakslisten.",
    "{person} deltok for første gang som representant for {org}.",
)  # fmt: skip
BULLETS = (
    "beskrive hvilke tall som skal følges opp hvert halvår",
    "lage en felles veileder for {topic}",
    "sørge for at brukerne blir hørt i alle faser av arbeidet",
    "avklare ansvaret mellom kommunene og {hospital}",
    "vurdere behovet for mer opplæring av nyansatte",
    "foreslå hvordan erfaringene fra {org} kan brukes i de andre kommunene",
)  # fmt: skip
KIND_LABELS = ("Orientering", "Diskusjon", "Beslutning", "Drøfting", "Vedlegg")

# Action plans
AREAS = (
    "Oppgavefordeling og samhandling mellom kommunene og spesialisthelsetjenesten",
    "Kommunenes kompetansebehov", "Elektronisk samhandling", "Psykisk helse og rus",
    "Barn og unge", "Pasientsikkerhet og kvalitet", "Forebygging og folkehelse",
)  # fmt: skip
MEASURES = (
    "Videreutvikle etablerte samarbeidsarenaer", "Følge opp inngåtte avtaler",
    "Styrke kompetansesamarbeidet", "Utvikle felles pasientforløp", "Bedre meldingsflyten",
    "Sikre brukermedvirkning i prosjektene", "Etablere felles opplæringstilbud",
    "Forbedre rutinene for utskrivning",
)  # fmt: skip
ACTIVITIES = (
    "Arrangere en årlig samling for ledere i {org}",
    "Kartlegge behovet for felles opplæring innen {topic}",
    "Utarbeide en plan for evaluering av {topic}",
    "Revidere avtalen om {topic} i tråd med vedtak i utvalget",
    "Holde oversikt over høringer som gjelder {topic}",
    "Gjennomføre regionale seminarer om {topic} for fastleger",
    "Innføre standardiserte meldinger mellom {org} og sykehuset",
    "Etablere et nettverk for fagpersoner innen {topic}",
    "Bistå pilotkommunene med å prøve ut {topic}",
    "Samle erfaringer fra {org} og spre dem til de andre kommunene",
)  # fmt: skip
PERIODS = (
    "Q1", "Q2", "Q3", "Q4", "Q1 + Q2", "Q3 + Q4", "Q1 – Q4", "Q2-Q3", "Løpende", "Kontinuerlig",
)  # fmt: skip
STATUSES = (
    ("utført", None), ("Jobbes med", None), ("I rute", None), ("Avventer svar", "på søknad"),
    ("Søkt", "prosjektmidler"), ("Ingen saker", None), ("", None), ("Utført, avventer", "videre"),
    ("Forsinket", None), ("Planlagt", None),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    name: str  # file name, e.g. "0042_table.txt"
    format: str  # one of FORMATS
    text: str
    cases: int  # cases written into the document
    tasks: int  # action items written: sentences, Ansvar cells, action-plan activities
    committee: str | None  # short name
    meeting_date: date | None

    @property
    def line_count(self) -> int:
        return self.text.count("\n") + 1


def _dm(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]}"


def _dmy(d: date) -> str:
    return f"{_dm(d)} {d.year}"


def _numeric(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"


class _Doc:
    """Lines of one document being written, with what went into it."""

    def __init__(
        self, rng: random.Random, committee: tuple[str, str], meeting: date | None
    ) -> None:
        self.rng = rng
        self.long, self.short = committee
        self.meeting = meeting or date(2020, 1, 1)
        self.lines: list[str] = []
        self.cases = 0
        self.tasks = 0
        towns = rng.sample(TOWNS, 4)
        self.municipalities = [f"{t} kommune" for t in towns[:3]]
        self.hospital = f"{towns[3]} sykehus"
        self.health_trust = f"Helse {towns[3]} HF"
        self.orgs = [*self.municipalities, self.hospital, rng.choice(OTHER_ORGS)]
        self.cast = self.people(rng.randint(8, 14))

    # -- words -----------------------------------------------------------------------------
    def people(self, count: int) -> list[str]:
        names: list[str] = []
        while len(names) < count:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
            if name not in names:
                names.append(name)
        return names

    def person(self) -> str:
        if self.rng.random() < 0.7:
            return self.rng.choice(self.cast)
        return self.people(1)[0]

    def fill(self, template: str) -> str:
        rng = self.rng
        topic, topic2 = rng.sample(TOPICS, 2)
        later = self.meeting + timedelta(days=rng.randint(14, 70))
        return template.format(
            topic=topic,
            Topic=topic[0].upper() + topic[1:],
            topic2=topic2,
            org=rng.choice(self.orgs),
            hospital=self.hospital,
            year=self.meeting.year + rng.choice((0, 0, 1)),
            person=self.person(),
            committee=self.short,
            dm=_dm(later),
        )

    def sentences(self, low: int, high: int) -> list[str]:
        return [self.fill(t) for t in self.rng.sample(FILLER, self.rng.randint(low, high))]

    def action(self, not_by: str = "") -> str:
        self.tasks += 1
        person = self.person()
        while person == not_by:
            person = self.person()
        return f"{person} {self.fill(self.rng.choice(ACTIONS))}."

    def title(self) -> str:
        return self.fill(self.rng.choice(TITLES))

    # -- lines -----------------------------------------------------------------------------
    def add(self, *lines: str) -> None:
        for line in lines:
            # PDF text layers often end lines with a space; keep that noise in.
            pad = " " if line.strip() and self.rng.random() < 0.4 else ""
            self.lines.append(line + pad)

    def blank(self, low: int = 1, high: int | None = None) -> None:
        for _ in range(self.rng.randint(low, high or low)):
            self.lines.append(self.rng.choice(("", "", " ", "  ")))

    def paragraph(self, text: str) -> None:
        width = self.rng.randint(70, 95)
        self.add(*textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))

    def body(self, low: int, high: int, action_chance: float) -> None:
        """Paragraphs of running text, some with an action sentence or a report in them."""
        for _ in range(self.rng.randint(low, high)):
            parts = self.sentences(1, 4)
            if self.rng.random() < 0.25:
                parts.insert(0, self.fill(self.rng.choice(REPORTS)))
            if self.rng.random() < action_chance:
                parts.insert(self.rng.randint(0, len(parts)), self.action())
            self.paragraph(" ".join(parts))
            self.blank(1, 2)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _name_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


# -- free text (seed 000) ----------------------------------------------------------------------
def _free_text_header(d: _Doc, present: list[str], absent: list[str], nxt: date) -> None:
    rng = d.rng
    start = rng.choice((9, 10, 12, 13))
    d.add(f"Møtedato: {_dmy(d.meeting)}, kl {start}:{rng.choice(('00', '30'))} – {start + 3}:00")
    d.blank()
    d.add("Til stede:")
    d.blank(1, 2)
    # a wrapped participant list: break only after a comma
    d.add(*textwrap.wrap(_name_list(present), rng.randint(60, 90), break_on_hyphens=False))
    d.blank()
    d.add("Forfall:")
    d.add(", ".join(absent) + ",")
    d.blank()
    d.add("Neste møte:")
    d.add(_dmy(nxt))
    d.blank()
    d.add(f"Møtested: {rng.choice(PLACES).format(town=d.municipalities[0].split()[0])}")
    d.blank()
    if rng.random() < 0.4:
        d.add(f"http://www.{d.municipalities[0].split()[0].lower()}.kommune.no/")
        d.blank()


def _free_text(rng: random.Random, committee: tuple[str, str], meeting: date) -> _Doc:
    d = _Doc(rng, committee, meeting)
    d.blank(2, 8)
    d.add(rng.choice(("Møtereferat", "Referat", "Referat fra møte")))
    if d.short == "LSU":
        d.add(f"{d.long} mellom:")
        d.add(f"{', '.join(d.municipalities[:2])} og {d.health_trust}.")
    else:
        d.add(f"{d.long} ({d.short})")
    d.blank(2, 5)
    present = d.cast[: rng.randint(6, len(d.cast) - 1)]
    absent = [n for n in d.cast if n not in present][:3]
    nxt = meeting + timedelta(days=rng.randint(28, 70))
    n_cases = rng.randint(5, 12)
    header_in = rng.choice((0, 0, *range(2, n_cases + 1)))  # 0: on top, else inside that case
    if header_in == 0:
        _free_text_header(d, present, absent, nxt)
    d.paragraph(d.fill(rng.choice(WELCOMES)))
    d.blank(1, 3)
    for number in range(1, n_cases + 1):
        d.cases += 1
        last = number == n_cases
        if number == 1:
            title = rng.choice(("Godkjenning av referat", "Godkjenning av innkalling og referat"))
        elif number == 2 and rng.random() < 0.6:
            title = "Orienteringssaker"
        elif last and rng.random() < 0.5:
            title = rng.choice((f"Møtedatoer {nxt.year}", "Eventuelt"))
        else:
            title = d.title()
        if rng.random() < 0.5:
            d.add(f"Sak {number} {title}")
        else:
            d.add(f"Sak {number}")
            d.blank(1, 3)
            d.add(title)
        if number == 1:
            d.add(" " + d.fill(rng.choice(APPROVALS)).rstrip("."))
            d.blank(2, 4)
            continue
        if title == "Orienteringssaker":
            for source in rng.sample([f"Fra {o}" for o in d.orgs[:3]] + ["Fra partene"], 2):
                d.blank()
                d.add(source)
                d.blank()
                d.body(1, 1, 0.1)
        elif title.startswith("Møtedatoer"):
            d.add(f"- Neste møte er satt til {_dm(nxt)} kl 13.30 – 15.30")
            d.add(f"- Det siste møtet i denne perioden blir i {MONTHS[(nxt.month + 2) % 12]}")
        else:
            d.body(1, 3, 0.2)
        if number == header_in:  # a flattened PDF puts the header block inside a case
            _free_text_header(d, present, absent, nxt)
            d.body(1, 1, 0.2)
        outcome = rng.random()
        if title.startswith(("Møtedatoer", "Eventuelt")) or title == "Orienteringssaker":
            pass
        elif outcome < 0.25:
            d.add("Vedtak:")
            d.add(*(d.fill(rng.choice(DECISIONS)) for _ in range(rng.randint(1, 2))))
        elif outcome < 0.45:
            d.paragraph(f"Det ble lagt fram forslag til oppfølging. {d.short} fattet slik vedtak:")
            d.blank()
            for item in range(1, rng.randint(2, 4)):
                d.add(f"{item}. {d.title()}:")
                d.add("Oppfølging:")
                d.body(1, 1, 0.3)
        elif outcome < 0.6:
            d.paragraph(d.fill(rng.choice(POSTPONEMENTS)))
        elif outcome < 0.75:
            d.paragraph(d.fill(rng.choice(APPROVALS[:1])).replace("Referat fra møtet", "Notatet"))
        d.blank(1, 3)
    d.blank(3, 8)
    return d


# -- table (seed 001) ---------------------------------------------------------------------------
_UL = '<ul style="list-style-type: none">'


def _deadline(d: _Doc) -> str:
    rng = d.rng
    later = d.meeting + timedelta(days=rng.randint(20, 120))
    season = ("Høst", "Vår", "Sen høst", "Våren")
    return rng.choice(
        (
            _dm(later),
            _dm(later),
            f"{later.day}.{later.month}",
            f"{rng.choice(season)} {later.year}",
            _dmy(later),
        )
    )


def _table(rng: random.Random, committee: tuple[str, str], meeting: date) -> _Doc:
    d = _Doc(rng, committee, meeting)
    d.blank(1, 3)
    d.add("Referat")
    d.blank()
    present = d.cast[: rng.randint(6, len(d.cast) - 2)]
    au = d.cast[-2:] + present[:2]
    absent = [n for n in d.cast if n not in present and n not in au][:2] or [d.people(1)[0]]

    def with_org(names: list[str]) -> list[str]:
        return [f"{n}, {rng.choice([*d.orgs, *ROLES])}" for n in names]

    start = rng.choice((9, 10, 12, 13))
    d.add(f"Møte:\t{d.long} ({d.short})\tTilstede:\t{' '.join(with_org(present))}")
    d.add(f"Møtedato:\t{_numeric(meeting)}\t\tArbeidsutvalg: {', '.join(with_org(au))}")
    d.add(f"Tidspunkt:\t{start}.00-{start + 2}.00\t\t")
    d.add(f"Sted:\t{rng.choice(PLACES).format(town=d.hospital.split()[0])}\t\t")
    d.add(f"Møteleder:\t{present[0]}\t\t")
    d.add(f"Referent:\t{present[1]}\tForfall:\t{', '.join(with_org(absent))}")
    d.blank()
    d.add("Saknr.\tBeskrivelse/oppfølging/vedtak\tAnsvar\tTidsfrist")
    year = meeting.year
    first = rng.randint(1, 40)
    n_cases = rng.randint(5, 12)
    numbers: set[str] = set()
    for k in range(n_cases):
        d.cases += 1
        number = f"{first + k:02d}/{year}" if rng.random() < 0.9 else f"{first + k}/{year % 100}"
        if k > 2 and first > 1 and rng.random() < 0.1:  # an older case followed up, out of order
            number = f"{rng.randint(1, first - 1):02d}/{year}"
        if number in numbers:
            number = f"{first + k + 100}/{year}"
        numbers.add(number)
        assignee = deadline = ""
        if k >= 2 and rng.random() < 0.45:
            assignee = rng.choice(("AU", "AU", rng.choice(d.orgs), d.person()))
            deadline = _deadline(d)
            d.tasks += 1
        if k < 2:
            cell = d.fill(APPROVALS[k if rng.random() < 0.7 else rng.randint(2, 3)])
        else:
            cell = _table_cell(d, assignee)
        continued = assignee and rng.random() < 0.5
        if continued:
            d.add(f"{number}\t{cell}\t\t")
            if rng.random() < 0.5:
                d.blank()
            # Names the assignee; for a person the sentence and the Ansvar cell are one task.
            who = "Arbeidsutvalget" if assignee == "AU" else assignee
            follow = f"{who} {d.fill(rng.choice(ACTIONS))}."
            text = " ".join([*d.sentences(1, 2), follow])
            d.add(f"\t<p>{text}</p>\t{assignee}\t{deadline}")
        else:
            d.add(f"{number}\t{cell}\t{assignee}\t{deadline}")
        if rng.random() < 0.3:
            d.blank()
    nxt = meeting + timedelta(days=rng.randint(28, 60))
    last = nxt + timedelta(days=rng.randint(35, 70))
    d.add(
        f"\t<p>Neste møte {_dm(nxt)} blir digitalt. Siste møte i år {_dm(last)} blir et fysisk "
        f"møte hos {d.hospital}</p>\t\t"
    )
    return d


def _table_cell(d: _Doc, assignee: str) -> str:
    """One case's description cell: HTML paragraphs, typed bullets, a decision."""
    rng = d.rng
    title = d.title()
    parts = d.sentences(1, 3)
    if rng.random() < 0.2:
        parts.insert(rng.randint(0, len(parts)), d.action(not_by=assignee))
    style = rng.random()
    if style < 0.4:
        html = f"<p>{title}</p> " + " ".join(f"<p>{p}</p>" for p in parts)
    elif style < 0.7:
        first = d.person().split()[0]
        bullets = " ".join(f"• {s.rstrip('.')}" for s in d.sentences(2, 3))
        html = f"{title} {first} orienterte om {rng.choice(TOPICS)}. {' '.join(parts)} "
        html += f"{_UL} {bullets}"
    else:
        html = f"{title}. {' '.join(parts)}"
    if rng.random() < 0.3:
        html = html.replace(title, f"{title.split()[0]} <i>{' '.join(title.split()[1:])}</i>", 1)
    if rng.random() < 0.45:
        decisions = " ".join(f"• {d.fill(rng.choice(DECISIONS))}" for _ in range(2))
        html += f" <p>Vedtak:</p> {_UL} {decisions} "
    elif rng.random() < 0.3:
        html += " <p>" + d.fill(rng.choice(POSTPONEMENTS)) + "</p>"
    if assignee == "AU" and rng.random() < 0.5:
        html += f" <p>Arbeidsutvalget {d.fill(rng.choice(ACTIONS))}.</p>"
    return html


# -- numbered blocks (seed 004) -----------------------------------------------------------------
def _numbered(rng: random.Random, committee: tuple[str, str], meeting: date) -> _Doc:
    d = _Doc(rng, committee, meeting)
    d.add(f"  Referat fra møte i {d.long} ({d.short})")
    d.blank()
    start = rng.choice((9, 10, 12, 13))
    place = rng.choice(PLACES).format(town=d.hospital.split()[0])
    d.add(f"Dato/sted {_numeric(meeting)}, {start}.00-{start + 2}.30, {place}")
    d.blank()
    d.add("Til stede")
    d.blank(2, 4)
    d.add("Frafall")
    absent = d.cast[-2:] if rng.random() < 0.5 else []
    if absent:
        d.add(", ".join(absent))
    d.blank(3, 6)
    members = d.cast[: rng.randint(5, 8)]
    secretariat = [n for n in d.cast if n not in members and n not in absent][:3]
    d.add(f"{d.short} faste medlemmer")
    for name in members:
        d.add(f"{name}, {rng.choice([*d.orgs, *ROLES])}")
    d.blank(1, 3)
    d.add("Sekretariat")
    d.blank()
    for name in secretariat:
        d.add(f"{name}, {rng.choice(('kommunene', d.hospital))}")
    d.blank(2)
    year = meeting.year
    first = rng.randint(1, 60)
    n_cases = rng.randint(5, 12)
    attachments = sorted(rng.sample(range(first, first + n_cases), rng.randint(1, 3)))
    d.add("Vedlegg")
    d.blank()
    d.add(*(f"Sak {year}.{n}: {rng.choice(('Presentasjon', 'Notat'))}" for n in attachments))
    d.blank()
    d.add(f"Møteleder {members[0]}")
    d.blank()
    d.add(f"Referent {secretariat[0] if secretariat else members[1]}")
    d.blank(1, 2)
    for k in range(n_cases):
        d.cases += 1
        d.add(f"{'' if rng.random() < 0.9 else ' '}{year}.{first + k}")
        d.blank(1, 3)
        kinds = rng.sample(KIND_LABELS, rng.randint(1, 3))
        for kind in kinds:
            d.add(kind)
            d.blank()
        title = "Godkjenning av innkalling og dagsorden" if k == 0 else d.title()
        words = title.split()
        if len(words) > 4 and words[3][0].islower() and rng.random() < 0.3:
            d.add(" ".join(words[:3]), " ".join(words[3:]))  # a wrapped title
        else:
            d.add(title)
        d.body(1, 3, 0.2)
        if rng.random() < 0.2:
            town = d.municipalities[0].split()[0].lower()
            d.add(f"https://www.{town}.kommune.no/politikk/utvalg/{d.short.lower()}/")
            d.add(f"https://www.{town}.kommune.no/dokumenter/{year}/referat-{first + k}.pdf")
            d.blank()
        outcome = rng.random()
        if k == 0:
            d.add("Konklusjon:", rng.choice(("Innkallingen godkjennes", "Dagsorden godkjennes")))
        elif outcome < 0.55:
            d.add("Konklusjon:")
            d.paragraph(" ".join(d.fill(rng.choice(DECISIONS)) for _ in range(rng.randint(1, 3))))
        elif outcome < 0.65:
            d.add(f" Konklusjon: {d.fill(rng.choice(POSTPONEMENTS))}")
        d.blank(1, 2)
        if rng.random() < 0.3:  # names from the margin column, one word per line
            for name in rng.sample(members, rng.randint(1, 2)):
                first_name, last_name = name.split()
                d.add(first_name)
                d.blank()
                d.add(last_name)
                d.blank()
    if rng.random() < 0.5:
        nxt = meeting + timedelta(days=rng.randint(28, 70))
        d.add(f"Neste møte: {_dmy(nxt)}")
        d.blank()
    d.add("Eventuelt")
    d.blank(1, 3)
    return d


# -- action plan (seed 002) ---------------------------------------------------------------------
def _action_plan(rng: random.Random, committee: tuple[str, str], meeting: date) -> _Doc:
    d = _Doc(rng, committee, meeting)
    year = meeting.year

    def wrapped(text: str) -> None:
        # A flattened PDF table: short lines with a blank line after each.
        for line in textwrap.wrap(text, rng.randint(25, 60), break_on_hyphens=False):
            d.add(line)
            d.blank()

    for n, area in enumerate(rng.sample(AREAS, rng.randint(3, 5)), start=1):
        d.add(f" Fokusområde {n}:  {area}")
        d.blank()
        d.add(f"Tiltak Aktiviteter {year} {rng.choice(('Statusrapport', 'Status 1. tertial'))}")
        d.blank()
        if rng.random() < 0.5:
            d.add(f"1 tertial {year}")
            d.blank()
        for measure in rng.sample(MEASURES, rng.randint(2, 4)):
            wrapped(measure)
            for _ in range(rng.randint(1, 3)):
                d.tasks += 1
                activity = d.fill(rng.choice(ACTIVITIES))
                status, more = rng.choice(STATUSES)
                period = rng.choice(PERIODS)
                lines = textwrap.wrap(activity, rng.randint(35, 60), break_on_hyphens=False)
                for line in lines[:-1]:
                    d.add(line)
                    d.blank()
                if rng.random() < 0.5:
                    d.add(f"{lines[-1]} {period} {status}".rstrip())
                else:
                    d.add(lines[-1])
                    d.blank()
                    d.add(f"{period} {status}".rstrip())
                d.blank()
                if more:
                    d.add(more)
                    d.blank()
        d.blank(2, 4)
    return d


# -- case paper (seed 003) ----------------------------------------------------------------------
def _case_paper(rng: random.Random, committee: tuple[str, str], meeting: date) -> _Doc:
    d = _Doc(rng, committee, meeting)
    first_word, rest = d.long.split(" ", 1)
    d.add(f" {first_word}", rest)
    if rng.random() < 0.4:
        d.add(f"Saksnr.: {rng.randint(1, 60)}/{meeting.year}")
    d.add(" Forslag til vedtak")
    d.blank()
    topic = rng.choice(TOPICS)
    d.paragraph(f"{d.long} ber om at det etableres en arbeidsgruppe for {topic}.")
    d.blank()
    d.paragraph(d.fill(rng.choice(DECISIONS)))
    d.add(" Bakgrunn")
    d.body(2, 4, 0.0)
    for _ in range(rng.randint(2, 4)):
        d.add(d.title())
        d.body(1, 3, 0.15)
        if rng.random() < 0.5:
            for bullet in rng.sample(BULLETS, rng.randint(2, 4)):
                d.add(f"• {d.fill(bullet)}")
            d.blank()
    d.add(f"Forslag til {rng.choice(('arbeidsgruppe', 'mandat', 'organisering'))} for {topic}")
    d.body(1, 2, 0.3)
    later = meeting + timedelta(days=rng.randint(30, 90))
    d.paragraph(f"Forslag legges frem for {d.long.lower()} {_dm(later)}.")
    d.blank(2)
    d.cases = 1
    return d


_BUILDERS: dict[str, Callable[[random.Random, tuple[str, str], date], _Doc]] = {
    "free_text": _free_text,
    "table": _table,
    "numbered": _numbered,
    "action_plan": _action_plan,
    "case_paper": _case_paper,
}


def _allocation(count: int) -> list[str]:
    """Exactly MIX's share of each format (largest remainder), in a fixed order."""
    raw = {f: count * share for f, share in MIX.items()}
    counts = {f: int(v) for f, v in raw.items()}
    for f in sorted(raw, key=lambda f: raw[f] - counts[f], reverse=True)[
        : count - sum(counts.values())
    ]:
        counts[f] += 1
    return [f for f in FORMATS for _ in range(counts[f])]


def generate(count: int, seed: int = 1) -> list[GeneratedDocument]:
    """`count` documents in MIX proportions. Meetings are unique per committee and date, so
    no document replaces another (corrected minutes of the same meeting would)."""
    rng = random.Random(seed)
    formats = _allocation(count)
    rng.shuffle(formats)
    first, span = date(2015, 1, 5), (date(2026, 12, 18) - date(2015, 1, 5)).days
    used: set[tuple[str, date]] = set()
    docs: list[GeneratedDocument] = []
    for i, fmt in enumerate(formats):
        committee = rng.choice(COMMITTEES)
        while True:
            day = first + timedelta(days=rng.randint(0, span))
            day -= timedelta(days=max(0, day.weekday() - 3))  # Monday to Thursday
            if (committee[1], day) not in used:
                used.add((committee[1], day))
                break
        doc = _BUILDERS[fmt](rng, committee, day)
        dated = fmt in ("free_text", "table", "numbered")
        docs.append(
            GeneratedDocument(
                name=f"{i:04d}_{fmt}.txt",
                format=fmt,
                text=doc.text(),
                cases=doc.cases,
                tasks=doc.tasks,
                committee=committee[1] if fmt != "action_plan" else None,
                meeting_date=day if dated else None,
            )
        )
    return docs


__all__ = ["FORMATS", "MIX", "GeneratedDocument", "generate"]
