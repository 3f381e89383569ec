"""The words minutes use to write action items, per language (nb, nn, en, sv): data only.

minutes/actions.py reads these tables; a new language or a new way of writing a task is a new
entry here, not new code. Words are lower case. Word lists are written as one string (split on
white space); lists of phrases as one string with the phrases split by "|".
Minutes do not say which language they are in, so the finder uses the union of all tables
(`merged()`): the words hardly collide, and mixed-language minutes are common.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Commitment:
    """A phrase after an owner that makes the sentence a task: "to", "agreed to", "følger opp".

    `then_verb`: the task is the verb after the phrase ("Kari to *send* …"); otherwise the
    phrase itself starts the task ("Kari *følger opp* saken"). `evidence`: an owner known only
    from the document (a name used as a speaker or mid-sentence) is enough; without it the
    owner must be a known person, a first name, initials or a role. `any_name`: the phrase
    itself says someone takes a task on ("agreed to", "tar på sig att"), so any capitalised
    name before it is the owner. `agreement`: the meeting body itself agreeing ("The Council
    agreed to take items 7 and 8 together") is a decision, not a task.
    """

    words: Phrase
    then_verb: bool = True
    evidence: bool = True
    any_name: bool = False
    agreement: bool = False


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _texts(text: str) -> tuple[str, ...]:
    return tuple(" ".join(part.split()) for part in text.split("|") if part.strip())


def _phrases(text: str) -> tuple[Phrase, ...]:
    return tuple(tuple(part.split()) for part in text.split("|") if part.strip())


def _commit(text: str, **kwargs: bool) -> tuple[Commitment, ...]:
    return tuple(Commitment(phrase, **kwargs) for phrase in _phrases(text))


@dataclass(frozen=True, slots=True)
class Words:
    # "Action: Kari to send …" at a line start; alone on its line, the items below it
    labels: tuple[str, ...] = ()
    # headings of a list of tasks: "Action items", "Oppfølgingspunkter"
    sections: tuple[str, ...] = ()
    # what a label or section says when there is nothing to do: "Action items: None"
    nothing: tuple[str, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    # present tense as a task ("Kari lager et notat"): verb endings, irregular verbs, and
    # present-tense verbs that report or decide rather than commit
    present_endings: tuple[str, ...] = ()
    irregular_present: frozenset[str] = frozenset()
    not_actions: frozenset[str] = frozenset()
    # words that end like a present tense but are no verb: "eller", "under", "never"
    not_present: frozenset[str] = frozenset()
    # endings of long plural nouns that look like a present tense: "utfordringer"
    noun_endings: tuple[str, ...] = ()
    # finite verbs: after one of these the word before was a noun ("veileder bør …")
    finite: frozenset[str] = frozenset()
    # "X orienterer om …" is a report; "X orienterer styret i neste møte" is not
    report_before: dict[str, frozenset[str]] = field(default_factory=dict)
    # a task text containing these is a decision or a report: "tar saken til orientering"
    not_task_phrases: tuple[Phrase, ...] = ()
    # a task text starting so goes on without an end: "continue to monitor this area"
    ongoing: tuple[Phrase, ...] = ()
    # words after a modal that are not the task's verb: "will be", "skal ikke"
    not_verbs: frozenset[str] = frozenset()
    passive_endings: tuple[str, ...] = ()
    # words allowed between a modal and its verb: "will also send", "skal også sende"
    adverbs: frozenset[str] = frozenset()
    # phrases between a modal and its verb: "would be happy to facilitate"
    modal_bridges: tuple[Phrase, ...] = ()
    # sentence openers that are never an owner ("This will …", "Vi må …")
    not_owners: frozenset[str] = frozenset()
    # endings of adverbs that open a sentence ("Conservatively agreed to …")
    adverb_endings: tuple[str, ...] = ()
    # he/she: the owner is the person last named as a subject
    pronouns: frozenset[str] = frozenset()
    # head nouns of roles and bodies that own tasks as written ("The Roads Engineer")
    roles: tuple[str, ...] = ()
    # the meeting body itself: its agreeing is a decision
    bodies: frozenset[str] = frozenset()
    # a person's title before a name: "Mr. O'Riordan", "Cllr. Ryan"
    titles: frozenset[str] = frozenset()
    # words joining two owners ("Jovi & Jordan", "Lill og Henry") or inside a role
    # ("Minister for Justice"); `splits` are those that join two owners
    connectors: frozenset[str] = frozenset()
    splits: frozenset[str] = frozenset()
    # "It was agreed that the Meetings Administrator would circulate …"
    agreed_openers: tuple[Phrase, ...] = ()
    agreed_modals: frozenset[str] = frozenset()
    # "Mr. Kennedy confirmed that he will enquire …": the verbs before "that he will"
    reported_verbs: frozenset[str] = frozenset()
    that_words: frozenset[str] = frozenset()
    # ", will follow up" / "og skal …": a second verb of the sentence's subject
    ellipsis_modals: frozenset[str] = frozenset()
    and_words: frozenset[str] = frozenset()
    # a deadline in the task: marker + what follows ("by 1 December", "innen 5. desember")
    due_markers: tuple[Phrase, ...] = ()
    # markers that need a time word after them ("by Friday", not "by Kari")
    due_markers_needing_time: tuple[Phrase, ...] = ()
    # phrases that are a deadline by themselves: "next week", "neste møte", "in due course"
    due_phrases: tuple[Phrase, ...] = ()
    time_words: frozenset[str] = frozenset()
    # words that end a deadline phrase: "by Friday *and* send …"
    due_stops: frozenset[str] = frozenset()
    # "til *et* møte" is a place to go, not a time
    indefinite_articles: frozenset[str] = frozenset()
    # abbreviations whose full stop does not end a sentence: "Mr.", "ang.", "avd."
    abbreviations: frozenset[str] = frozenset()
    # "Kari sender *ikke* …": no task
    negations: frozenset[str] = frozenset()
    # the language's commonest words: tell which languages a text is written in
    common: frozenset[str] = frozenset()
    # whether a bare present tense commits ("Kari lager et notat"); not so in English
    present_is_task: bool = True


# Month and weekday names are time words in every language.
_CALENDAR = _set("""
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar mars mai juni juli oktober desember des okt januari februari augusti
    monday tuesday wednesday thursday friday saturday sunday
    mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag
    tisdag lördag söndag
""")

NB = Words(
    labels=_texts("aksjon | oppfølging | tiltak | ap | aksjonspunkt | oppgave"),
    sections=_texts("oppfølgingspunkter | aksjonspunkter | oppgaver | aksjoner"),
    nothing=_texts("ingen | ingen aksjoner | ingen oppgaver | ingen nye | - | –"),
    commitments=(
        *_commit("skal | vil | må | har ansvar for å"),
        *_commit("tar på seg å | påtar seg å", any_name=True),
        *_commit("har ansvaret for å | får ansvar for å | får i oppdrag å | gis i oppdrag å"),
        *_commit("bes om å | bes | blir bedt om å | oppfordres til å | anmodes om å"),
        *_commit(
            "følger opp | tar kontakt | tar ansvar | tar med seg | tar tak i | sjekker opp"
            " | sørger for",
            then_verb=False,
        ),
        *_commit("ser på", then_verb=False, evidence=False),
    ),
    present_endings=("er",),
    irregular_present=_set("tar går får gjør ser gir ber har vet"),
    not_actions=_set("""
        anbefaler anser antar avventer beklager bekrefter ber beskriver bidrar blir deltar er
        erfarer erkjenner etterlyser foreslår forklarer forteller forutsetter framhever
        fremhever fremmer frykter får gir gjelder godkjenner går handler har heter håper hører
        innebærer inneholder innstiller ivaretar kjenner kommenterer kommer konstaterer krever
        leder legger ligger liker lurer mener minner mottar nevner omfatter opplever opplyser
        oppsummerer peker poengterer presiserer påpeker redegjør refererer registrerer regner
        representerer savner ser sier sikrer slutter spør stemmer stiller står støtter svarer
        synes takker tenker tilrår tilsier trenger tror tviler understreker utgjør uttrykker
        vedtar vet viser vurderer ønsker presenterer planlegger bemerker fokuserer bruker
        diskuterer drøfter søker hevder argumenterer velger styrer innvilger bevilger tildeler
        avslår oppfordrer nominerer
    """),
    not_present=_set("eller etter under over hver veileder"),
    finite=_set("er var ble blir har hadde skal vil må kan bør kunne skulle ville måtte"),
    noun_endings=("inger", "heter", "skaper", "sjoner", "grupper", "planer", "saker", "menter"),
    report_before={
        "orienterer": _set("om kort fra at"),
        "informerer": _set("om kort fra at"),
    },
    not_task_phrases=_phrases(
        "til orientering | til etterretning | til følge | saken til | vedtaket | innstillingen"
        " | orienteringen"
    ),
    not_verbs=_set("""
        være ha bli det den dette ikke kunne få også nok gjerne heller da så du vi fra med på i
        til av om for etter hos ved uten mot under over før
    """),
    ongoing=_phrases("fortsette å | følge med på"),
    passive_endings=("es",),
    adverbs=_set("også snarest straks nå videre fortsatt selv"),
    not_owners=_set("""
        det dette den denne disse de vi jeg du man alle ingen her der saken hvem hva hvis når
        som etter før i på med for til og men eller om forslag vedtak innstilling behandling
        konklusjon status spørsmål svar kommentar merknad
    """),
    pronouns=_set("han hun"),
    roles=_texts("""
        leder | nestleder | sekretær | sekretariat | koordinator | arbeidsgiver | direktør |
        rådmann | ordfører | administrasjon | utvalg | styre | gruppe | team | referent |
        kasserer | ansvarlig | saksbehandler | rådgiver | sjef | representant | kontaktperson |
        forvaltning | avdeling | enhet | kontor | tjeneste | verneombud | tillitsvalgt |
        tillitsvalgte | arbeidsutvalg | komite | komité | nemnd | råd | etat
    """),
    bodies=_set("""
        styret utvalget møtet rådet komiteen forumet medlemmene formannskapet kommunestyret
        nemnda gruppa gruppen arbeidsutvalget
    """),
    connectors=_set("og & / +"),
    splits=_set("og & / +"),
    agreed_openers=_phrases(
        "det ble avtalt at | det ble bestemt at | det ble enighet om at | det ble besluttet at"
        " | vi ble enige om at | det er avtalt at"
    ),
    agreed_modals=_set("skal vil"),
    ellipsis_modals=_set("skal"),
    and_words=_set("og"),
    due_markers=_phrases("innen | senest | frist | før | i løpet av | til | i | fram til"),
    due_markers_needing_time=_phrases("før | til | i | fram til"),
    due_phrases=_phrases(
        "neste møte | neste uke | neste måned | snarest | i morgen | denne uken | straks"
    ),
    time_words=_set("""
        møte møtet uke uken måned måneden dag dager år året neste slutten utgangen starten jul
        påske sommeren høsten våren vinteren sommer høst vår vinter morgen kvartal styremøte
        styremøtet årsskiftet nyttår
    """),
    due_stops=_set("og for slik som at så med hvis der"),
    indefinite_articles=_set("en et ei"),
    abbreviations=_set("""
        ang avd bl.a ca dvs evt f.eks jf kl mht nr osv pga tlf mm m.m inkl ref vedr iht adm
        div hhv
    """),
    negations=_set("ikke aldri"),
    common=_set("og det som er til på ikke av med har en et de vi skal"),
)

NN = Words(
    labels=_texts("oppfølging | tiltak | aksjon | oppgåve"),
    sections=_texts("oppfølgingspunkt | aksjonspunkt | oppgåver"),
    nothing=_texts("ingen | ingen nye"),
    commitments=(
        *_commit("skal | vil | må | tek på seg å | vert bedd om å | blir bedd om å"),
        *_commit("får i oppdrag å"),
        *_commit("følgjer opp | tek kontakt | tek ansvar | syter for", then_verb=False),
    ),
    present_endings=("ar", "er"),
    irregular_present=_set("tek går får gjer ser gjev ber har"),
    not_actions=_set("""
        meiner ønskjer opplever er har ser ber viser leiar deltek tykkjer trur seier spør
        svarar gjeld vedtek tilrår takkar kjem ligg står gjev vert presenterer planlegg
    """),
    finite=_set("er var vart blir har hadde skal vil må kan bør"),
    report_before={"orienterer": _set("om kort frå at"), "informerer": _set("om kort frå at")},
    not_verbs=_set("vere ha bli verte ikkje det den"),
    passive_endings=("ast", "es"),
    adverbs=_set("også òg snarast vidare"),
    not_owners=_set("det dette dei me vi eg ein alle ingen"),
    pronouns=_set("han ho"),
    roles=_texts("leiar | nestleiar | sekretær | koordinator | kommunedirektør | utval"),
    bodies=_set("styret utvalet møtet medlemene"),
    connectors=_set("og"),
    splits=_set("og"),
    agreed_openers=_phrases("det vart avtalt at | det vart semje om at"),
    agreed_modals=_set("skal"),
    due_markers=_phrases("innan | seinast | frist"),
    due_phrases=_phrases("neste møte | neste veke | snarast"),
    time_words=_set("møte veke veka månad dag dagar"),
    abbreviations=_set("ang avd t.d"),
    negations=_set("ikkje aldri"),
    common=_set("og det som er til på ikkje av med har ein eit dei me skal"),
)

EN = Words(
    labels=_texts(
        "action | action item | action point | todo | to do | follow-up | follow up | ap"
    ),
    sections=_texts("""
        action items | actions | action points | next steps | follow-ups | follow ups |
        open actions | new actions | action items and owners | todos | to-dos | tasks
    """),
    nothing=_texts("""
        none | n/a | na | nil | nothing | no action items | no actions | no new actions |
        no new action items | none this week
    """),
    commitments=(
        *_commit("to | will | shall | is to | are to | is going to | are going to"),
        *_commit(
            "offered to | has offered to | undertook to | volunteered to | has volunteered to"
            " | promised to | committed to",
            any_name=True,
        ),
        *_commit("agreed to | has agreed to", agreement=True, any_name=True),
        *_commit(
            "owns the action | owns this action | owns that action | takes the action"
            " | has the action | took an action | took the action",
            then_verb=False,
            any_name=True,
        ),
        *_commit("follows up", then_verb=False),
    ),
    # English words that end like a Scandinavian present tense ("Ryan never …")
    not_present=_set("""
        never rather together either neither further however over after under ever later
        other whether answer offer number member order water paper chair chapter letter matter
    """),
    not_verbs=_set("""
        the a an this that these those his her its their our your my be been being have has
        had not date all any some each every no members him them us me you it which what who
        whom where when how and or but as one two three there here more less most also now
        then in on at of for from with by into via likely probably hopefully still
        remain like love prefer hope wish welcome appreciate say note suggest think expect
        agree support
    """),
    ongoing=_phrases("continue to | keep under review | keep an eye on | monitor"),
    adverbs=_set("""
        also now then further personally again shortly soon try jointly separately formally
        immediately directly first
    """),
    modal_bridges=_phrases("be happy to | be glad to | be willing to"),
    not_owners=_set("""
        it this that these those there here we i you they everyone everybody nobody someone
        somebody all each both the a an what who when where why how which if whether please
        let's lets next agreed decision resolved proposed seconded question answer note notes
        reply response item items motion update status welcome thanks thank meeting minutes
        agenda discussion any no none one in on at for from with by of and or but so then
        also after before since until as once while following action actions todo ok yes
    """),
    adverb_endings=("ally", "ively", "ately", "ously", "edly", "ntly", "stly", "ingly"),
    pronouns=_set("he she"),
    roles=_texts("""
        chair | chairperson | chairman | chairwoman | cathaoirleach | secretary | treasurer |
        engineer | administrator | executive | director | manager | officer | superintendent |
        inspector | council | committee | board | team | group | leader | secretariat | staff |
        clerk | coordinator | co-ordinator | lead | maintainer | implementor | implementer |
        editor | organiser | organizer | department | section | office | unit | authority |
        members | president | vice-president | planner | architect | auditor | registrar |
        mayor | commissioner | sergeant | host | facilitator | owner |
        champion | steward
    """),
    bodies=_set("""
        council committee board members meeting group forum councillors directors trustees
        assembly body panel conference
    """),
    titles=_set("""
        mr mrs ms miss dr cllr councillor prof professor sen senator deputy minister sir dame
        fr rev supt insp sgt chief senior
    """),
    connectors=_set("and & / + of for"),
    splits=_set("and & / +"),
    agreed_openers=_phrases("""
        it was agreed that | it was further agreed that | it was also agreed that |
        it was decided that | it was agreed by members that | we agreed that | agreed that
    """),
    agreed_modals=_set("would will should shall"),
    reported_verbs=_set("""
        agreed confirmed said stated indicated advised undertook added noted replied explained
        promised assured responded
    """),
    that_words=_set("that"),
    ellipsis_modals=_set("will shall"),
    and_words=_set("and"),
    due_markers=_phrases("""
        by | before | within | no later than | in advance of | in the next | over the next |
        for the next | at the next | ahead of | prior to | until | in time for | end of |
        by the end of
    """),
    due_markers_needing_time=_phrases(
        "by | before | for the next | at the next | ahead of | prior to | until | in time for"
    ),
    due_phrases=_phrases("""
        next week | next month | next meeting | in due course | asap | as soon as possible |
        tomorrow | this week | end of week | end of month | today
    """),
    time_words=_set("""
        meeting week weeks month months day days year years end next tomorrow today tonight
        christmas easter summer autumn winter spring fall quarter q1 q2 q3 q4 eod eow cob
        midday noon deadline kickoff conference weekend couple call sync release
    """),
    due_stops=_set("""
        and so that which who if to with but or where when because as about regarding
    """),
    indefinite_articles=_set("a an"),
    abbreviations=_set("""
        mr mrs ms dr cllr st no prof vs etc e.g i.e approx sen fr rev supt insp sgt jr sr inc
        ltd co dept govt cf fig re
    """),
    negations=_set("not never"),
    common=_set("the and of to is that will in for with on are was be this"),
    present_is_task=False,
)

SV = Words(
    labels=_texts("åtgärd | åtagande | uppföljning | att göra"),
    sections=_texts("åtaganden | åtgärder | att göra | uppföljning | nästa steg | åtgärdspunkter"),
    nothing=_texts("inga | inget | ingen | inga åtaganden"),
    commitments=(
        *_commit("ska | skall | kommer att | ansvarar för att"),
        *_commit("tar på sig att | åtar sig att", any_name=True),
        *_commit("får i uppdrag att | ombeds att | ombeds | uppmanas att | ser till att"),
        *_commit(
            "ansvarar för | tar hand om | följer upp | tar kontakt | kollar upp | kollar på",
            then_verb=False,
        ),
    ),
    present_endings=("ar", "er"),
    irregular_present=_set("tar går får gör ser ger ber har"),
    not_actions=_set("""
        tycker anser menar är har säger berättar informerar presenterar undrar frågar svarar
        gäller innebär handlar ligger står kommer föreslår yrkar beslutar godkänner tackar
        finns ser ber vet visar deltar leder bifaller avslår noterar konstaterar påpekar
        framför upplever känner planerar använder diskuterar önskar söker hävdar väljer
        brukar representerar rekommenderar beviljar tänker nominerar uppmanar
    """),
    not_present=_set("eller efter under över"),
    finite=_set("är var blev blir har hade ska skall vill måste kan bör kunde skulle"),
    noun_endings=("ingar", "heter", "skaper", "ioner", "grupper", "planer"),
    not_verbs=_set("vara ha bli inte det den också från med på i till av om för efter hos vid mot"),
    ongoing=_phrases("fortsätta att | fortsätta"),
    passive_endings=("as",),
    adverbs=_set("också även snarast direkt nu"),
    not_owners=_set("""
        det detta den denna dessa de vi jag man alla ingen här där vem vad om när som efter
        innan förslag beslut mötet fråga svar
    """),
    pronouns=_set("han hon"),
    roles=_texts("""
        ordförande | sekreterare | kassör | styrelse | valberedning | revisor | prefekt |
        ansvarig | kommitté | utskott | sektion | klubbmästare | ledamot | ledamöter
    """),
    bodies=_set("styrelsen stämman mötet gruppen ledamöterna divisionsstämman"),
    connectors=_set("och & /"),
    splits=_set("och & /"),
    agreed_openers=_phrases("det beslutades att | det bestämdes att | vi kom överens om att"),
    agreed_modals=_set("ska skall"),
    ellipsis_modals=_set("ska"),
    and_words=_set("och"),
    due_markers=_phrases("senast | senaste | innan | före | till nästa | på nästa | inom"),
    due_markers_needing_time=_phrases("innan | före"),
    due_phrases=_phrases("nästa vecka | nästa möte | nästa månad | snarast"),
    time_words=_set("""
        möte mötet vecka veckan månad dag dagar styrelsemöte stämma stämman nästa slutet jul
        påsk sommaren hösten
    """),
    due_stops=_set("och för som att så med om"),
    indefinite_articles=_set("en ett"),
    abbreviations=_set("bl.a t.ex ca nr s.k osv dvs ang"),
    negations=_set("inte aldrig"),
    common=_set("och att det som är på inte av med har för en ett de vi ska"),
)

LANGUAGES: dict[str, Words] = {"nb": NB, "nn": NN, "en": EN, "sv": SV}


def _union(name: str) -> frozenset:
    return frozenset(x for words in LANGUAGES.values() for x in getattr(words, name))


def _ordered(name: str) -> tuple:
    return tuple(dict.fromkeys(x for words in LANGUAGES.values() for x in getattr(words, name)))


@cache
def label_names() -> tuple[str, ...]:
    """Every language's task labels and headings of task lists, longest first: in an
    alternation, "action items" is tried before "action"."""
    words = merged()
    return tuple(sorted({*words.labels, *words.sections}, key=len, reverse=True))


@cache
def merged() -> Words:
    """All languages' words in one table (minutes do not say which language they are in)."""
    report_before: dict[str, frozenset[str]] = {}
    for words in LANGUAGES.values():
        for verb, after in words.report_before.items():
            report_before[verb] = report_before.get(verb, frozenset()) | after
    empty = Words()
    values = {
        name: _union(name) if isinstance(getattr(empty, name), frozenset) else _ordered(name)
        for name in Words.__dataclass_fields__
        if name not in ("report_before", "present_is_task")
    }
    values["time_words"] = values["time_words"] | _CALENDAR
    return Words(report_before=report_before, **values)
