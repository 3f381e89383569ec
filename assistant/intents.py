"""What a committee member wants, from a question in their own words (bokmål or English).

    recognize("Hva ble bestemt om LAR og TUD i SSU i 2023?", today=date(2026, 11, 23))
    -> Intent(DECISION, "nb", topic="LAR og TUD", committee="SSU", period=2023-01-01..2023-12-31)

Pure Python, no network, no model: the text is folded (lower case, æøå as ae/o/a, punctuation
as spaces — see `assistant.intent.text`), the filters are found and blanked out one by one
(case number, period, committee, next/last meeting, limit), and what is left decides the
intent and gives the topic or person — cut from the original text, in the user's own words.

Rules for the ambiguous cases (each has a test in tests/assistant/test_intents.py):

- The first key word decides between decisions, tasks and agenda: "hvilke oppgaver ble
  vedtatt" is about tasks, "hva ble bestemt om oppgavene til AU" about a decision. An agenda
  word beats "next meeting": "hva står på sakslisten neste møte" is AGENDA.
- NEXT_MEETING needs a meeting word (møte, møtes, meet, meeting): "neste generasjons journal"
  is a bare topic. Past tense is never NEXT_MEETING: "når ble LAR bestemt" is DECISION, "når
  var forrige møte" is DECISION with last_meeting. "forrige" / "siste" / "sist" / "last" =
  the last meeting held.
- "hva ble bestemt på neste møte" is DECISION without topic (past tense wins; "neste møte" is
  dropped). Future tense about decisions or discussion ("hva skal behandles", "what will be
  decided") is AGENDA.
- A bare topic ("fastlegesituasjonen", "LAR?", "hjelpeplasser") is DECISION. It must have a
  content word, at most eight words, not start with a question word or verb we did not
  understand, and not be keyboard mashing. A decision question may have no topic when it
  says what it wants ("hva ble bestemt på siste møte?", "vedtak i SSU i fjor").
- HELP and GREETING only when that is the whole message ("hjelp", "help me", "hva kan du?",
  "?"; "hei", "god morgen"). "hjelpeplasser" and "hei, hva ble bestemt om LAR" are not.
  "???" and "👍" are UNKNOWN; so are thanks and yes/no.
- Case numbers: "sak 2023.30", "2023.30", "14/2022" and "sak 5" are looked up by number:
  `case_number` holds the number as written without "sak" (as the minutes write it), the
  topic is that number when nothing else is asked, and the year inside is no period.
- Tasks: "mine oppgaver", "hva skal jeg gjøre", "what do I owe" are MY_TASKS; a named person
  or group ("oppgaver for AU", "Christines oppgaver", "what does AU owe") is PERSON_TASKS
  with the name as written ("Christines" -> "Christine"; a name that is itself a first name
  ending in s, "Lars", "Jonas", is kept). A task question naming nobody is MY_TASKS; one
  naming a committee and nobody ("oppgaver for SSU", "hva skal SSU gjøre", "åpne oppgaver i
  SSU", "open tasks in SSU") or "hvem skal …" is PERSON_TASKS with person None (everyone's
  tasks); "mine oppgaver i SSU" is MY_TASKS in SSU. "vi" counts as me. On task and agenda
  questions `topic` may narrow the list ("mine oppgaver om LAR"); a task question narrowed
  by topic, period or meeting and naming nobody is everyone's ("oppgaver om LAR"). A
  deadline question is a task question with the thing due as its topic ("når er fristen
  for rapporten", "when is my report due").
- "hva skal vi gjøre med LAR?" / "what should we do about LAR" is DECISION, topic "LAR".
- `include_done` needs a word for done ("inkludert ferdige", "including done", "mine ferdige
  oppgaver"); "alle oppgaver" alone is open tasks. It is only set on task questions.
- `limit`: "de tre siste vedtakene", "top 5", "vis 10", "the last 3 decisions"; "siste
  vedtak" / "the latest decision" (singular) is 1.
- Periods (calendar, inclusive): "i 2023"/"in 2023"/"fra 2023" = that year; "i år"/"this year"
  = this calendar year ("i år 2023" = 2023); "i fjor"/"last year" = the previous one;
  "siden 2022"/"since 2022" = 2022-01-01 to today; "før 2023" = up to 2022-12-31; "de siste
  to årene"/"the past year" = rolling back from today; "i høst", "i vår", "i mars" = the
  latest one that has begun (for meeting and agenda questions: the next one not yet over).
  A bare year after today ("Helseplan 2030") stays in the topic. A date that names a thing
  stays in the topic too: "for <year>" after a noun ("handlingsplanen for 2024"), and a date
  after a meeting-planning word ("møtedatoer 2014", "partnerskapsmøtet i juni"); "på møtet i
  juni" and "vedtak for 2023" are filters.
- Committees: "i SSU", "fra LSU", "SSU-møtet", "in the OSU", "strategisk samarbeidsutvalg",
  "SSU" alone, "hva har SSU vedtatt" are filters (`committee`). Named where the topic stands,
  without a forum word, the committee is the topic instead: "faglig samarbeidsutvalg status",
  "hva skjedde med SSU", "hva ble bestemt om SSU" (topic as written, committee None).
  "partnerskapsmøtet" is PM only as a forum ("i partnerskapsmøtet", "neste
  partnerskapsmøte"), otherwise the event is a topic ("program for partnerskapsmøtet 2023");
  "PM" in capitals is always the committee, lower-case "pm" never. The first committee named
  wins.
- Issue 15's types are read first, by their own words (`intent/type_words.py`), each only
  when nothing else is asked about: RESPONSIBLE ("hvem har ansvar for X", "hvem følger opp
  X", "hvem skal melde inn X" — "hvem skal gjøre det" stays PERSON_TASKS), ATTENDANCE
  ("hvem hadde forfall", "var Sindre med på siste møte" with `person`, "who chairs SSU";
  "fravær blant ansatte" is a topic), GROUP_MEMBERS ("hvem er med i AU", "medlemmer av
  arbeidsgruppen", `person` the group; "hvem er medlem av SSU" is ATTENDANCE, "hvem er i
  gang med LAR" no group), MEETING_DATES (a planning noun, "når møtes SSU i
  2027" — without a period it is NEXT_MEETING —, "hvor holdes møtet 9. desember"),
  URGENT_TASKS ("har jeg noe som haster", "mine forfalte oppgaver"; "hvilke oppgaver i SSU
  har forfalt" is `everyone`'s in SSU; "haster det med LAR" is about LAR) and
  MEETING_SUMMARY ("hva skjedde på siste SSU-møte", a day or a month naming the meeting;
  "hva ble sagt om LAR på siste møte" is about LAR). A DECISION without a
  decision word (words alone, a question frame) is `bare`: the answer may find the words
  were not meant as a topic. A first name alone ("Kari") is UNKNOWN with `person`.
- Language is "en" only when English words outnumber Norwegian ones; "LAR?" is "nb".
- Sloppy typing: case, punctuation and a missing "?" do not matter; æøå may be typed as
  ae/o/aa (and ø as "oe" in "moete", "gjoere"); a key word of six letters or more may be one
  slip off ("bestem", "vedtat", "decidded"); a leading bot mention ("@Referent", Teams
  "<at>…</at>", Slack "<@U…>") and politeness ("kan du si meg …", "lurer på …", "takk") are
  ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from minutes.names import first_names

from .intent import type_words
from .intent.committee_names import PREPOSITION, CommitteeNames
from .intent.periods import Period, PeriodMatch, find_period
from .intent.text import Folded, correct_typos, fold, fold_pattern, strip_mentions
from .intent.vocab import (
    ENGLISH,
    FIRST_PERSON,
    FIRST_PERSON_EN_ONLY,
    FRAME,
    GROUP_WORDS,
    MEETING_ONLY,
    MEETING_WORDS,
    NORWEGIAN,
    NOT_A_TOPIC_START,
    NOT_OWNERS,
    POSSESSIVE_FIRST,
    POSSESSIVE_LINKS,
    QUESTION_WORDS,
    RESPELLINGS,
    TASK_ADJECTIVES,
    TOPIC_LEAD,
    TOPIC_STOP,
    TOPIC_TRAIL,
    TYPO_TARGETS,
    words,
)

__all__ = ["Intent", "IntentKind", "Period", "recognize"]


class IntentKind(StrEnum):
    DECISION = "decision"
    MY_TASKS = "my_tasks"
    PERSON_TASKS = "person_tasks"
    NEXT_MEETING = "next_meeting"
    AGENDA = "agenda"
    # Issue 15's question types; the topic, committee and period slots as for the others.
    RESPONSIBLE = "responsible"  # who is responsible for <topic>
    MEETING_SUMMARY = "meeting_summary"  # what happened at a committee's last / a given meeting
    ATTENDANCE = "attendance"  # who attended / was absent (`absent`) at a meeting
    MEETING_DATES = "meeting_dates"  # a committee's meeting dates in a period, with place
    URGENT_TASKS = "urgent_tasks"  # the asker's (or `person`'s) overdue and due within 7 days
    GROUP_MEMBERS = "group_members"  # who belongs to a group the minutes name (`person`)
    HELP = "help"
    GREETING = "greeting"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    language: str  # "nb" | "en"
    topic: str | None = None  # UNKNOWN: the words a search may still try
    person: str | None = None
    committee: str | None = None
    period: Period | None = None
    last_meeting: bool = False
    limit: int | None = None
    # A list answer's page ("mine oppgaver side 2", "my tasks page 3"): tasks and agendas
    # show the most urgent few in chat, and their last line says how to see the next ones.
    page: int = 1
    include_done: bool = False
    case_number: str | None = None  # "2023.30", "14/2022", "5": as written, without "sak"
    absent: bool = False  # ATTENDANCE: asked who was absent (forfall, absent, fraværende)
    # URGENT_TASKS: everyone's (a committee's) rather than the asker's ("hvilke oppgaver i
    # SSU har forfalt?"), as PERSON_TASKS without `person` is for the open ones
    everyone: bool = False
    # PERSON_TASKS: the one task of this number, done or not ("er oppgave 5 ferdig?"); the
    # number cards show and commands take ("ferdig med oppgave 5")
    task_number: int | None = None
    # DECISION without a topic: which cases were postponed ("hvilke saker ble utsatt"), not
    # which were decided
    postponed: bool = False
    # MEETING_SUMMARY: asked how many items ("hvor mange saker var det på siste møte")
    count: bool = False
    # MEETING_DATES: asked when meetings were held ("når møttes SSU sist", "when did LSU
    # meet"): those held, newest first, not the coming ones
    held: bool = False
    # MY_TASKS, PERSON_TASKS: the period is the tasks' deadline ("oppgaver med frist i
    # desember", "tasks due this week"), not the meeting that gave them
    due: bool = False
    # DECISION without a decision word: words alone ("fastlegesituasjonen") or a question
    # frame ("hva skjedde med LAR", "what's X"). When the minutes have little on them, the
    # words may not have been meant as a topic ("angre", "what's the weather like").
    bare: bool = field(default=False, compare=False)
    # False when no word showed the language ("LAR?"): then the chat client's locale decides.
    language_evident: bool = field(default=True, compare=False)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# ---------------------------------------------------------------- whole-message intents

_GREETING = (
    r"(?:hei(?:sann|hei|a)?|hallo(?:i|en)?|halla|hoi|heisan|morn|god\s+(?:morgen|dag|kveld|"
    r"ettermiddag|formiddag)|hello|hi|hey|hiya|howdy|good\s+(?:morning|afternoon|evening|day)|"
    r"yo|hej|moro)(?:\s+(?:referent|bot|boten|du|der|alle(?:\s+sammen)?|there|everyone|all|"
    r"folks|team))?"
)
_GREETINGS = _rx(rf"^(?:{_GREETING}\s*)+")
_SMALL_TALK = _rx(
    r"(?:hva\s+skjer|hvordan\s+går\s+det|hvordan\s+har\s+du\s+det|står\s+til|how\s+are\s+you|"
    r"how's\s+it\s+going|what's\s+up|whats\s+up|sup)"
)
_HELP = _rx(
    r"(?:/?hjelp(?:\s+meg)?|/?help(?:\s+me)?|hva\s+kan\s+du(?:\s+gjøre|\s+hjelpe(?:\s+meg)?"
    r"(?:\s+med)?)?|(?:hva|kva)\s+kan\s+(?:jeg|eg)\s+(?:spørre\s+(?:deg\s+)?om|spør\s+om|gjøre(?:\s+her)?|"
    r"skrive)|hvordan\s+(?:bruker\s+jeg|funker|fungerer|virker)\s+(?:deg|dette|du|det|denne|"
    r"boten|referent)|hva\s+gjør\s+du|hvem\s+er\s+du|hva\s+er\s+du|hva\s+er\s+dette|"
    r"hva\s+er\s+referent|what\s+can\s+you\s+do|what\s+can\s+i\s+(?:ask|do|say)(?:\s+here)?|"
    r"what\s+do\s+you\s+do|who\s+are\s+you|what\s+are\s+you|what\s+is\s+this|"
    r"how\s+do(?:es)?\s+(?:i\s+use\s+(?:this|you|it)|this\s+work|it\s+work|you\s+work)|"
    r"kommandoer|commands|meny|menu|usage|info|instruksjoner|instructions|bruksanvisning|"
    r"eksempler|examples|kom\s+i\s+gang|get\s+started|support|start)"
)
# A phrase here has at most _POLITE_WORDS words; a match starts where a run of spaces starts
# (or at the start): from inside the run it would only match the same phrase later, and
# trying every position of a long run of blanked text would cost its length squared.
_POLITE_END = _rx(
    r"(?:(?<!\s)\s+|^)(?:takk|tusen\s+takk|takk\s+på\s+forhånd|thanks|thank\s+you|thx|please|"
    r"pls|plz|er\s+du\s+snill|vær\s+så\s+snill|da|ass|liksom|egentlig|forresten|btw|igjen|"
    r"again|nå|now|eller|or)\s*$"
)
_POLITE_WORDS = 3  # "takk på forhånd", "vær så snill"

# ---------------------------------------------------------------- filters

_CASE_NUMBERS = (
    _rx(
        r"\b(?:sak(?:en)?|saksnummer|saksnr|saknr|case|item|agenda\s+item)\s*"
        r"(?:nr\s*|no\s*|number\s*|nummer\s*)?(?P<n>\d{1,4}(?:[./]\d{1,4})?)\b(?![./]\d)"
    ),
    _rx(r"(?<![\w./])(?P<n>(?:19|20)\d\d\.\d{1,3}|\d{1,3}/(?:19|20)\d\d)(?![\w]|[./]\d)"),
)
_COMMITTEE = _rx(
    PREPOSITION
    + r"(?P<name>\b(?P<long>lokal|strategisk|overordnet|faglig)(?:e|t|te)?\s+samarbeidsutvalg"
    r"(?P<longposs>ets|s)?(?:et)?\b"
    r"|\b(?P<short>lsu|ssu|osu|fsu)(?P<poss>'s\b|s\b)?(?:-(?=\w)|\b|(?=møte))"
    r"|\b(?P<pm>pm)(?:-(?=\w)|\b)"
    r"|\b(?P<pmlong>partnerskaps(?=møte)|partnerskapet\b))"
)
# Words before a meeting that make it the place where something was decided ("på møtet i
# juni", "i partnerskapsmøtet") or the meeting to come ("neste partnerskapsmøte").
_FORUM_WORDS = frozenset(
    {"i", "in", "fra", "from", "pa", "at", "under", "during", "hos", "neste", "next", "kommende",
     "upcoming", "siste", "forrige", "last", "previous", "sist"}
)  # fmt: skip
_FORUM_PREPS = frozenset(
    {"i", "in", "fra", "from", "pa", "at", "under", "during", "hos", "by", "av", "of", "within",
     "innen"}
)  # fmt: skip
# Meeting words that are things to decide about, dated: "møtedatoer 2014", "partnerskapsmøtet
# i juni" (the event), "møteplan for 2027".
_PLANNING_NOUN = _rx(
    r"(?:møte(?:dato|datoer|datoene|plan|planen|planer|kalender|kalenderen|oversikt|rekke|"
    r"rekken)|partnerskapsmøte(?:t|r|ne)?)"
)
_MINUTES_NOUN = _rx(r"referat|referatet|møtereferatet|protokoll|protokollen|minutes")
_MINUTES_APPROVED = _rx(r"\b(?:godkjen\w*|godkjent|approv\w*|signert|signed|vedtatt)\b")
_MEETING_AFTER = _rx(r"-?\s*(?:\S*møte|meeting)")  # "SSU-møtet", "SSU meeting": the forum
_LONG_COMMITTEES = MappingProxyType(
    {"lokal": "LSU", "strategisk": "SSU", "overordnet": "OSU", "faglig": "FSU"}
)
_DONE = _rx(
    r"\b(?P<neg>ikke|not|uten|without|unntatt|except|excluding|ekskludert\s+)?\s*"
    r"\b(?:ferdige|ferdig|fullførte|fullført|utførte|utført|lukkede|lukket|avsluttede|"
    r"avslutta|ferdigstilte|done|completed|finished|closed)\b"
)
_NUMBER_WORDS = MappingProxyType({
    "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
    "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "atte": 8, "eight": 8, "ni": 9,
    "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12, "twelve": 12,
    "femten": 15, "fifteen": 15, "tjue": 20, "twenty": 20,
})  # fmt: skip
_N = r"(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_LATEST = r"(?:siste|nyeste|seneste|ferskeste|last|latest|newest|most\s+recent|recent)"
_LIMITS = (
    _rx(
        rf"\b(?:(?:vis|show|list|gi|give)\s+(?:meg\s+|me\s+)?)?(?:(?:de|the)\s+)?{_N}\s+"
        rf"(?:{_LATEST}|første|first)\b"
    ),
    _rx(rf"\b(?:(?:de|the)\s+)?(?:{_LATEST}|top|topp)\s*{_N}"),
    _rx(rf"\b(?:vis|show|list|gi|give)\s+(?:meg\s+|me\s+)?{_N}"),
)
# "side 2", "page 3" as the message's last words: the page of a task list or agenda.
_PAGE = re.compile(r"\b(?:side|page)\s+(?P<n>[1-9]\d?)\s*[.!?]*\s*$", re.IGNORECASE)
_LATEST_ONE = _rx(
    rf"\b(?P<art>(?:det|den|de|the)\s+)?{_LATEST}(?=\s+(?:vedtak|vedtaket|beslutning|"
    r"beslutningen|konklusjon|konklusjonen|avgjørelse|avgjørelsen|decision|conclusion)\b)"
)
_LAST_MEETING = (
    _rx(
        r"\b(?:(?:på|fra|i|under|etter|at|from|in|during|after|til|for|av|of)\s+)?"
        r"(?:(?:det|den|the|our|vårt|vår)\s+)?(?:siste|sist|forrige|førre|seneste|last|previous|latest|"
        r"prior|most\s+recent)\s+(?:møte\w*|meetings?|gang|time)\b"
    ),
    _rx(r"\blast(?=\s+(?:met|meet)\b)|\bsist\b"),
)
_MEETING = (
    r"(?:\w+-?)?møte(?:t|ne|r|dato|datoen|datoer|tid|tidspunkt|tidspunktet|dag|dagen|sted|"
    r"stedet)?|meetings?"
)
_NEXT_REF = _rx(
    r"\b(?:(?P<prep>på|i|til|for|at|in|during|before|until|innen|fram\s+til|frem\s+til|om|"
    r"about|of|on)\s+)?(?:(?:det|den|the|our|vårt|vår)\s+)?(?:neste|kommende|forestående|next|"
    r"upcoming|coming)\s+(?:\S+\s+)??(?:(?P<meeting>" + _MEETING + r")|gang|time)\b"
    r"|\b(?P<meeting2>nestemøte\w*)\b"
)

# ---------------------------------------------------------------- what the question is about

_DECISION_WORD = _rx(
    r"\b(?:bestemt|bestemte|besluttet|beslutta|besluttede|vedtatt|vedtatte|vedtok|konkludert|"
    r"konkluderte|avgjort|avgjorde|godkjent|godkjente|godtatt|enige|enighet|utsatt|avvist|"
    r"anbefalt|anbefalte|diskutert|drøftet|drøfta|behandlet|behandla|vedtak|vedtaket|"
    r"vedtakene|beslutning|beslutningen|beslutninger|beslutningene|konklusjon|konklusjonen|"
    r"konklusjoner|konklusjonene|avgjørelse|avgjørelsen|avgjørelser|utfall|utfallet|referat|"
    r"referatet|referatene|møtereferat|møtereferatet|protokoll|protokollen|decided|decide|"
    r"decides|decision|decisions|resolved|resolution|resolutions|concluded|conclude|"
    r"conclusion|conclusions|agreed|agree|approved|approve|rejected|postponed|outcome|"
    r"outcomes|minutes|discussed|determined|valgt|valgte|oppnevnt|oppnevnte|utnevnt|elected|"
    r"nominated|appointed|appoint|elect|selected|chosen|adopted|adopt|accepted|ratified|ratify|"
    r"deferred|"
    # nynorsk
    r"vedteke|vedtekne|avgjerd|avgjerda|avgjerder|avgjerdene|handsama|handsamt|"
    r"valde|godkjend|godkjende|utsett)\b"
)
_AGENDA_WORDS = (
    _rx(
        r"\b(?:saksliste\w*|sakslista|sakliste\w*|sakskart\w*|dagsorden\w*|agenda\w*|"
        r"innkalling\w*|møteinnkalling\w*)\b"
    ),
    _rx(
        r"\b(?:skal|vil|kommer\s+til\s+å)\s+(?:\S+\s+){0,3}?(?:diskutere|diskuteres|behandle|"
        r"behandles|ta\s+opp|tas\s+opp|bestemme|bestemmes|vedta|vedtas|beslutte|besluttes|"
        r"snakke\s+om|drøfte|drøftes|gjennomgå|gjennomgås)\b"
    ),
    _rx(
        r"\b(?:diskuteres|behandles|bestemmes|vedtas|besluttes|drøftes|gjennomgås|tas\s+opp|"
        r"skal\s+opp|kommer\s+opp|står\s+på\s+(?:programmet|planen))\b"
    ),
    _rx(
        r"\b(?:will|shall|are\s+we\s+going\s+to|is\s+going\s+to|are\s+going\s+to|gonna)\s+"
        r"(?:\S+\s+){0,3}?(?:discuss|discussed|decide|decided|cover|covered|review|reviewed|"
        r"consider|considered|talk\s+about|talked\s+about)\b"
        r"|\b(?:coming\s+up|up\s+for\s+discussion|on\s+the\s+table|"
        r"are\s+we\s+(?:discussing|deciding|covering))\b"
    ),
)
# With "neste møte" in the question these ask for its agenda: "hva står på neste møte?"
_AGENDA_WITH_NEXT = _rx(
    r"\b(?:hva\s+står(?:\s+på)?|what(?:'s|\s+is|\s+are)\s+(?:on|up)|hva\s+skjer|what\s+happens|"
    r"what(?:'s|\s+is)\s+happening|saker|sakene|items|topics|punkter|punktene|temaer|tema)\b"
)
_WHO = r"(?P<x>\S+(?:\s+\S+){0,3}?)"
_TASK_NOUN = _rx(
    r"\b(?:\w*oppgave(?:r|ne|n)?|oppg|gjøremål(?:ene|et)?|aksjonspunkt(?:er|ene|et)?|"
    r"oppfølgingspunkt(?:er|ene|et)?|frister|fristene|todos?|to-dos?|tasks?|"
    r"action\s+(?:items?|points?)|assignments?|deadlines?|"
    # "actions" alone is also what a board did: a task noun only as a list of them is named
    r"(?:(?:my|our|open|outstanding|pending|overdue|remaining)\s+)actions|"
    r"actions(?=\s+(?:for|from|assigned|arising|due|list|log)\b|\W*$))\b"
)
_TASK_TRIGGERS = (
    ("noun", _TASK_NOUN),
    (
        "do",
        _rx(
            r"\b(?:hva|va|ka|kva|hvilke\s+ting)\s+(?:skal|må|bør|burde|har|trenger)\s+"
            rf"(?:{_WHO}\s+)??(?:å\s+)?(?:gjøre|gjøra|gjort|gjør|ordne|fikse|levere)\b"
        ),
    ),
    (
        "do",
        _rx(
            r"\bwhat\s+(?:should|must|shall|will|do|does|did|am|is|are|have|has)\s+"
            rf"{_WHO}\s+(?:(?:need|needs|have|has|got|supposed|meant|going)\s+to\s+)?"
            r"(?:do|doing|owe|owes|deliver)\b"
        ),
    ),
    (
        "do",
        _rx(
            rf"\b(?:hva|what)\s+(?:er|is|are|am|har)\s+{_WHO}\s+(?:ansvarlig\s+for|ansvar\s+for|"
            r"responsible\s+for|in\s+charge\s+of|assigned(?:\s+to)?)(?=\s|$)"
        ),
    ),
    ("do", _rx(rf"\bhva\s+gjenstår(?:\s+(?:for|til)\s+{_WHO}(?:\s|$))?")),
    (
        "do",
        _rx(
            rf"\b(?:noe|noen\s+ting|anything|something)\s+(?:{_WHO}\s+)??(?:må|skal|bør|burde|"
            r"need\s+to|have\s+to|must|should)\s+(?:gjøre|gjøra|ordne|levere|do|deliver)\b"
        ),
    ),
    (
        "do",
        _rx(
            r"\bwhat(?:'s|\s+is)\s+on\s+(?P<x>\S+(?:\s+\S+){0,2}?)\s+(?:plate|list|to-do\s+list|"
            r"todo\s+list|desk)\b"
        ),
    ),
    (
        "who",
        _rx(
            r"\b(?:hvem|who)\s+(?:skal|må|bør|har\s+ansvar(?:et)?\s+for|er\s+ansvarlig\s+for|"
            r"følger\s+opp|tar|gjør|is\s+responsible\s+for|is\s+in\s+charge\s+of|should|must|"
            r"will|owns?|is\s+following\s+up|follows\s+up|is\s+doing|does|"
            # "hvem har fått i oppgave å følge opp LAR", "who was given the job of …"
            r"(?:har\s+fått|fikk)\s+(?:i\s+)?(?:oppgave\w*|ansvar(?:et)?|jobben)\s+"
            r"(?:(?:med\s+)?å|for|med)|(?:was|were)\s+(?:given|assigned)(?:\s+the\s+"
            r"(?:task|job|responsibility))?(?:\s+(?:of|to|for))?|got\s+the\s+(?:task|job)\s+"
            r"(?:of|to))\b"
        ),
    ),
    # When something is due: "når er fristen for rapporten", "når skal jeg levere
    # rapporten", "when is my report due" — the tasks about it, with their due dates.
    (
        "due",
        _rx(
            r"\b(?:hva|når)\s+er\s+(?:de\s+)?frist(?:en|ene|er)?(?:\s+(?:min|mi|mitt|mine|vår|"
            r"våre))?(?:\s+(?:for|på|til|om)\s+(?P<t>\S.*))?$"
        ),
    ),
    (
        "due",
        _rx(
            rf"\bnår\s+(?:skal|må|bør)\s+{_WHO}\s+(?:levere|sende\s+inn|sende|ha\s+klar|"
            r"ha\s+ferdig|bli\s+ferdig\s+med|gjøre\s+ferdig|være\s+ferdig\s+med)\s+(?P<t>\S.*)$"
        ),
    ),
    (
        "due",
        _rx(
            rf"\bwhen\s+(?:do|does|must|should|will)\s+{_WHO}\s+(?:have\s+to\s+|need\s+to\s+)?"
            r"(?:deliver|submit|send|finish|hand\s+in)\s+(?P<t>\S.*)$"
        ),
    ),
    ("due", _rx(r"\bwhen\s+(?:is|are)\s+(?P<t>\S.*?)\s+due\W*$")),
    # What falls due in a period (taken out of the view): "what is due next week", «hva har
    # frist i desember», «hva forfaller denne uken»
    (
        "due",
        _rx(
            r"^\W*(?:what(?:'s|\s+is|\s+are)\s+(?:due|the\s+deadlines)|what\s+has\s+a\s+"
            r"deadline|(?:hva|kva)\s+(?:har|som\s+har)\s+frist|(?:hva|kva)\s+forfaller)\W*$"
        ),
    ),
    ("due", _rx(r"\bwhat(?:'s|\s+is)\s+the\s+deadline\s+(?:for|on)\s+(?P<t>\S.*)$")),
)
_TASK_NUMBER = _rx(r"\b(?:oppgave\w*|oppg\.?|task)\s*(?:(?:nr|no)\.?\s*)?#?(?P<n>\d{1,9})\b")
_WE = FIRST_PERSON | frozenset({"man", "utvalget", "committee"})
_DO_WITH = _rx(r"\s*(?:med|om|about|with|on|i|in|for|angående|regarding)\s+(?=\S)")
_TOPIC_AFTER = _rx(
    r"\b(?:om|angående|vedrørende|(?:som\s+)?gjelder|about|regarding|concerning|on|"
    r"(?:that|which)\s+concerns?|knyttet\s+til|related\s+to|"
    r"i\s+saken\s+om|for\s+saken|med\s+saken)\s+(?=\S)"
)
_WHO_VERBS = _rx(
    r"\s*(?:(?:skal|må|bør|har|er|gjøre|gjør|ta|tar|følge|følger|opp|med|ansvar(?:et)?|"
    r"ansvarlig|for|på|handle|do|follow|follows|following|up|on|with|about|responsible|is|"
    r"in|charge|of|owns?|should|must|will|does|doing)\s+)+"
)
_OWNER_FILL = r"(?:noen|any|fått|got|have|åpne|open|flere|some|nye|new|igjen|ingen|no)"
_OWNER_FILLER = _rx(_OWNER_FILL)
_BEFORE_NOUN_OWNER = _rx(
    r"\b(?:har|has|do|does|have|fikk|fått|got)\s+(?P<x>\S+(?:\s+\S+){0,2}?)\s+"
    rf"(?:{_OWNER_FILL}\s+)*$"
)
# The words that put an owner after a task list's noun or topic: "… for Henrik", "… assigned
# to AU".
_OWNER_LINK = (
    r"(?:for|til|tildelt|assigned\s+to|belonging\s+to|of|owned\s+by|hos|that\s+belong\s+to)"
)
_AFTER_NOUN_OWNER = (
    (
        False,
        _rx(
            rf"\s*(?:\S+\s+){{0,3}}?(?:som\s+(?:er\s+)?)?{_OWNER_LINK}\s+(?P<x>\S+(?:\s+\S+){{0,3}})"
        ),
    ),
    (True, _rx(r"\s*(?:\S+\s+){0,2}?(?:har|has|does|do|er|are|is)\s+(?P<x>\S+(?:\s+\S+){0,2})")),
    (True, _rx(r"\s*(?:som\s+)?(?P<x>\S+(?:\s+\S+){0,2}?)\s+(?:har|skal|må|has|must|owns?)\b")),
)
_NAME_WORDS = 3  # a person's name as typed: "henrik", "henrik berg", "kari ann hansen"
_EVERYONE = _rx(r"\b(?:alle\s+sine|alle\s+sammen|hele\s+utvalget|alles|everyone's|everybody's)\b")

_NEXT_MEETING = (
    _rx(
        r"\bnår\s+(?!(?:var|ble|blei|hadde|vart|møttes)\b)(?:\S+\s+){0,4}?"
        r"(?:\S*møte[rt]?|møtes|møtene|samles|treffes)\b"
    ),
    _rx(r"\b(?:møtes|treffes|samles)\b"),
    _rx(
        r"\bwhen(?:'s|\s+is|\s+are|\s+do|\s+does|\s+will|\s+shall|\s+can)?\s+(?:\S+\s+){0,5}?"
        r"(?:meet|meets|meeting|meetings|gather)\b"
    ),
    _rx(r"\b(?:er\s+det|blir\s+det|is\s+there|are\s+there)\s+(?:\S+\s+)?(?:møte[r]?|meetings?)\b"),
)
_PAST = _rx(r"\b(?:did|was|were|had|ble|var|hadde|møttes)\b")


class _HowIsGoing:
    """The frame "how is X going": its look-ahead reads to the end of the question, so it is
    searched only when the question ends with one of the words, and only up to that word
    (the same matches; a long question is not read to its end from every "how is")."""

    _FRAME = _rx(
        r"\bhow\s+(?:is|are|did|does|has)\s+(?=.+\s+(?:going|go|doing|progressing|gone)\s*$)"
    )
    _LAST_WORD = _rx(r"\s(?:going|go|doing|progressing|gone)$")

    def search(self, view: str) -> re.Match[str] | None:
        end = len(view.rstrip())
        if not self._LAST_WORD.search(view, max(0, end - len(" progressing")), end):
            return None
        return self._FRAME.search(view, 0, end)


_DECISION_FRAMES = (
    _rx(
        r"\b(?:hva|va|ka|kva|what)\s+(?:har\s+|has\s+)?(?:skjedde|skjedd|skjer|skal\s+skje|"
        r"happened|happens|is\s+happening|'s\s+happening|happening)\s+(?:med|i|with|to|on|"
        r"about|in|på|for)?\s*"
    ),
    _rx(r"\bhvordan\s+(?:går|gikk|står)\s+det\s+(?:med|i|for)\s+"),
    _HowIsGoing(),
    _rx(r"\bstatus(?:\s+(?:for|på|i|on|of|about|med))?(?:\s+|$)"),
    _rx(
        r"\b(?:siste\s+)?(?:nytt|news|nyheter|updates?|oppdatering(?:er)?)\s+(?:om|fra|på|i|on|"
        r"about|regarding|for|med)\s+"
    ),
    _rx(r"\b(?:hva|what)\s+(?:vet\s+du|veit\s+du|do\s+you\s+know|know)\s+(?:om|about)\s+"),
    _rx(
        r"\b(?:hva|what)\s+(?:sa|sier|said|diskuterte|snakket|snakka|pratet|prata|"
        r"did\s+(?:\S+\s+){0,4}?(?:say|discuss|talk)|"
        r"have\s+we\s+said)\s+(?:\S+\s+)?(?:om|about|on)\s+"
    ),
    _rx(
        r"\b(?:hva|what)\s+(?:ble|was|were|har\s+vi|have\s+we|did\s+we)\s+(?:sagt|said|"
        r"snakket\s+om|talked\s+about|say|talk\s+about)\s+(?:om|about|on|i|in|angående|"
        r"regarding)?\s*"
    ),
    _rx(
        r"\b(?:fortell|tell|info|informasjon|information|opplysninger|oppsummer|summarize|"
        r"summarise|oppsummering|summary|sammendrag|les|read)\s+(?:meg\s+|me\s+|mer\s+|more\s+|"
        r"litt\s+)?(?:om|about|on|of|av|fra|from|på)\s+"
    ),
    _rx(r"\b(?:hva|what)\s+(?:med|about)\s+"),
    _rx(r"\b(?:søk\s+etter|søk|finn|search\s+for|search|find|look\s+up|slå\s+opp|sjekk|check)\s+"),
    _rx(r"^\s*(?:hva|va|ka|kva|what)\s+(?:er|is|was|var|'s)\s+"),
    _rx(r"^\s*(?:what's|whats)\s+"),
    _rx(
        r"^\s*(?:how|hvordan|åssen)\s+(?:will|is|are|was|were|do|does|did|should|can|skal|blir|"
        r"ble|er|var|har|kan|vil|går|gikk)\s+"
    ),
    _rx(r"^\s*(?:om|about|angående|ang|regarding|re|vedrørende)\s+"),
)

# "when does the new LAR routine start", «når gjelder LAR-rutinen fra», «når trer avtalen i
# kraft»: when something decided takes effect, which its decision says ("gjelder fra 1.
# januar 2027"); «hva handler LAR-saken om», "what is the DHO project about": what it is.
# The topic is what stands between the question word and the verb or "om"/"about".
_TOPIC_BETWEEN = (
    _rx(
        r"^\s*(?:hva|kva)\s+(?:handler|handla|handlet|gjelder|dreier)\s+(?:det\s+seg\s+)?"
        r"(?P<topic>.+?)\s+(?:seg\s+)?om\s*$"
    ),
    _rx(r"^\s*what\s+(?:is|was|are|were|'s)\s+(?P<topic>.+?)\s+about\s*$"),
    _rx(
        r"^\s*(?:fra\s+)?(?:når|naar|when)\s+(?:does|do|will|did|is|are|skal)\s+(?P<topic>.+?)\s+"
        r"(?:start|begin|apply|take\s+effect|come\s+into\s+(?:force|effect)|kick\s+off|"
        r"starte|begynne|gjelde(?:\s+fra)?|tre\s+i\s+kraft|være\s+på\s+plass)\s*$"
    ),
    _rx(
        r"^\s*(?:fra\s+)?(?:når|naar)\s+(?:gjelder|starter|begynner|trer|kommer|gjaldt|startet|"
        r"begynte|trådte)\s+(?P<topic>.+?)(?:\s+(?:fra|i\s+kraft|i\s+gang))?\s*$"
    ),
)


def _topic_between(q: _Question) -> Intent | None:
    view = q.view
    for pattern in _TOPIC_BETWEEN:
        if not (m := pattern.search(view)):
            continue
        said = [t.text for t in q.tokens(*m.span("topic"))]
        if all(w in MEETING_ONLY or w in MEETING_WORDS for w in said):
            return None  # "når starter møtet": the meeting's time, asked elsewhere
        topic = q.clean_topic(*m.span("topic"))
        return _decision(q, topic) if topic else None  # asked of a decision: no bare words
    return None


# Matched at a position (after the preamble taken so far), so it has no "^".
_PREAMBLE = _rx(
    r"\s*(?:" + _GREETING + r"|(?:jeg\s+)?(?:lurer|lurte)\s+på|(?:kan|kunne|vil|gidder)\s+du"
    r"(?:\s+(?:si|fortelle|vise|sjekke|finne|hjelpe|gi)(?:\s+meg)?)?|si\s+meg|fortell\s+meg|"
    r"vis\s+meg|gi\s+meg|vis|finn\s+ut|(?:jeg\s+)?(?:vil|skulle|ønsker)\s+(?:gjerne\s+)?"
    r"(?:vite|ha|se)|vet\s+du|veit\s+du|husker\s+du|(?:kjapt\s+|et\s+)?spørsmål|please|pls|"
    r"plz|vennligst|(?:can|could|would|will)\s+you(?:\s+(?:please\s+)?(?:tell|show|give|"
    r"check|find|remind|list)(?:\s+me)?)?|tell\s+me|show\s+me|give\s+me|remind\s+me|"
    r"list|let\s+me\s+know|i\s+(?:was\s+)?wonder(?:ing)?|i(?:'d|\s+would)\s+like\s+to\s+know|"
    r"i\s+want\s+to\s+know|do\s+you\s+know|do\s+you\s+remember|any\s+idea|(?:quick\s+)?"
    r"question|minn\s+meg\s+(?:på)?|hjelp\s+meg(?:\s+(?:med|å\s+finne|finne))?|help\s+me"
    r"(?:\s+(?:with|find|to\s+find))?|ok|okay|okei|og|and|btw|forresten|ehm|eh|hmm|um|so|"
    r"referent)"
    r"(?=\s|$)"
)

_NAMES_ENDING_IN_S = words(
    "tobias elias mathias matias andreas jonas lucas lukas markus marcus nicolas klaus claus "
    "mons hans jens nils lars thomas tomas magnus julius linus marius agnes iris doris ines"
)


# ---------------------------------------------------------------- the work on one question


_WORD = re.compile(r"\S+")


def _words_before(text: str, starts: list[int], ends: list[int], i: int, n: int) -> list[str]:
    """`text[:i].split()[-n:]`, from the words of `text` (their starts and ends) found once."""
    k = bisect_left(starts, i)
    return [text[starts[w] : min(ends[w], i)] for w in range(max(0, k - n), k)]


@dataclass(slots=True)
class _Token:
    text: str  # folded
    start: int
    end: int


class _Question:
    """One question being taken apart: folded text with the spans already used blanked."""

    def __init__(
        self, folded: Folded, today: date, language: str, committees: CommitteeNames | None
    ) -> None:
        self.folded = folded
        self.today = today
        self.language = language
        self.committees = committees  # the tenant's own, besides the councils known here
        self.chars = list(folded.text)
        self.used = [False] * len(self.chars)
        self.case_number: str | None = None
        self.period_match: PeriodMatch | None = None
        self.committee: str | None = None
        self.committee_span: tuple[int, int] | None = None  # the name itself, no preposition
        self.committee_forum = False  # "i SSU", "forrige SSU-møte": where, not what
        self.last_meeting = False
        self.limit: int | None = None
        self.include_done = False
        self.next_ref = False
        self.next_ref_meeting = False
        self.next_prep: str | None = None
        # The view and its words, made again only when needed after a blank: a long message
        # is read a bounded number of times, not once per word.
        self._view: str | None = None
        self._tokens: list[_Token] | None = None
        self._token_starts: list[int] = []
        self._token_ends: list[int] = []
        self._folded_starts: list[int] | None = None
        self._folded_ends: list[int] = []

    # -- text helpers

    @property
    def view(self) -> str:
        if self._view is None:
            self._view = "".join(self.chars)
        return self._view

    def _words(self) -> list[_Token]:
        if self._tokens is None:
            self._tokens = [
                _Token(m.group(0), m.start(), m.end()) for m in _WORD.finditer(self.view)
            ]
            self._token_starts = [t.start for t in self._tokens]
            self._token_ends = [t.end for t in self._tokens]
        return self._tokens

    def blank(self, i: int, j: int) -> None:
        if j > i:
            self.chars[i:j] = " " * (j - i)
            self.used[i:j] = [True] * (j - i)
            self._view = self._tokens = None

    def tokens(self, i: int = 0, j: int | None = None) -> list[_Token]:
        """The words left between folded positions i and j."""
        words = self._words()
        j = len(self.view) if j is None else j
        lo, hi = bisect_left(self._token_starts, i), bisect_right(self._token_ends, j)
        return words[lo:hi]

    def view_words_before(self, i: int, n: int) -> list[str]:
        """`self.view[:i].split()[-n:]`, without splitting all that comes before."""
        self._words()
        return _words_before(self.view, self._token_starts, self._token_ends, i, n)

    def folded_words_before(self, i: int, n: int) -> list[str]:
        """`self.folded.text[:i].split()[-n:]`: the words as typed, blanked or not."""
        text = self.folded.text
        if self._folded_starts is None:
            spans = [m.span() for m in _WORD.finditer(text)]
            self._folded_starts = [a for a, _ in spans]
            self._folded_ends = [b for _, b in spans]
        return _words_before(text, self._folded_starts, self._folded_ends, i, n)

    def source(self, i: int, j: int) -> str:
        return self.folded.source(i, j)

    def gap_used(self, i: int, j: int) -> bool:
        return any(self.used[i:j])

    def has_filters(self) -> bool:
        return bool(
            self.committee or self.period_match or self.last_meeting or self.case_number
            or self.limit
        )  # fmt: skip

    # -- filters

    def take_filters(self) -> None:
        for pattern in _CASE_NUMBERS:
            if m := pattern.search(self.view):
                self.case_number = self.source(*m.span("n"))
                self.blank(*m.span())
                break
        self._take_period()
        self._take_committee()
        for m in _DONE.finditer(self.view):
            if not m["neg"]:
                self.include_done = True
        self._take_limit()
        for pattern in _LAST_MEETING:
            if m := pattern.search(self.view):
                self.last_meeting = True
                self.blank(*m.span())
                break
        if m := _NEXT_REF.search(self.view):
            self.next_ref = True
            self.next_ref_meeting = bool(m["meeting"] or m["meeting2"])
            self.next_prep = m["prep"]
            self.blank(*m.span())

    def _take_period(self) -> None:
        search = self.view
        for _ in range(_TOPIC_PERIODS_AT_MOST + 1):
            pm = find_period(search, self.source, self.today)
            if pm is None:
                return
            if not self._period_in_topic(pm):
                self.period_match = pm
                self.blank(pm.start, pm.end)
                return
            search = search[: pm.start] + " " * (pm.end - pm.start) + search[pm.end :]

    def _period_in_topic(self, pm: PeriodMatch) -> bool:
        """A date that names a thing rather than filters: "handlingsplanen for 2024",
        "møtedatoer 2014", "partnerskapsmøtet i juni" (but "på møtet i juni" filters)."""
        words = self.folded_words_before(pm.start, 2)
        if not words:
            return False
        prev, before = words[-1], (words[-2] if len(words) > 1 else "")
        if _PLANNING_NOUN.fullmatch(prev) and before not in _FORUM_WORDS:
            return True
        if (
            _MINUTES_NOUN.fullmatch(prev)
            and pm.prefix in {"", "fra", "from", "for", "of"}
            and _MINUTES_APPROVED.search(self.view)
        ):
            # "ble referatet fra 2. september godkjent": which minutes (a case of a later
            # meeting); "vis referatet fra 26. oktober" asks for that meeting's
            return True
        if not pm.prefix and _BARE_YEAR.fullmatch(self.folded.text, pm.start, pm.end):
            # Plans, budgets and reports are named by their year: "budsjett 2025", "budgetary
            # plan 2025", "årsmelding 2024" (but "LAR 2023" is LAR in 2023).
            return bool(_NAMED_BY_YEAR.fullmatch(prev))
        return (
            pm.prefix == "for"
            and pm.kind == "in"
            and prev not in TOPIC_STOP
            and not self._filter_word(prev)
        )

    @staticmethod
    def _filter_word(word: str) -> bool:
        """A word after which a year filters: a decision, task or agenda word."""
        return bool(
            _DECISION_WORD.fullmatch(word)
            or _TASK_NOUN.fullmatch(word)
            or _AGENDA_WORDS[0].fullmatch(word)
        )

    def _take_committee(self) -> None:
        view = self.view
        for m in _COMMITTEE.finditer(view):
            if m["pm"] and self.source(*m.span("pm")) != "PM":
                continue  # "pm" in lower case is a time of day more often than a committee
            before = self.view_words_before(m.start(), 1)
            if m["pmlong"] and m["prep"] not in _FORUM_WORDS and not set(before) & _FORUM_WORDS:
                continue  # "program for partnerskapsmøtet 2023": the event, a topic
            if m["long"]:
                short = _LONG_COMMITTEES[m["long"]]
            elif m["short"]:
                short = m["short"].upper()
            else:
                short = "PM"
            self._committee_at(short, m["prep"], m.span("name"), m.span(), before)
            return
        if self.committees and (found := self.committees.find(view)):
            span = (found.start, found.end)
            before = self.view_words_before(found.start, 1)
            self._committee_at(found.committee, found.prep, found.name, span, before)

    def _committee_at(
        self,
        committee: str,
        prep: str | None,
        name: tuple[int, int],
        span: tuple[int, int],
        before: list[str],
    ) -> None:
        """The question is limited to `committee`, named at `name` within `span`: as where
        to look ("i SSU", "forrige SSU-møte") or, named bare, maybe what it is about."""
        self.committee = committee
        self.committee_span = name
        self.committee_forum = (
            prep in _FORUM_PREPS
            or bool(set(before) & _FORUM_WORDS)
            or bool(_MEETING_AFTER.match(self.folded.text, span[1]))
        )
        self.blank(*span)

    def _take_limit(self) -> None:
        for pattern in _LIMITS:
            for m in pattern.finditer(self.view):
                word = m["n"]
                if word == "to" and self.language != "nb":
                    continue
                n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
                if 0 < n <= 99:
                    self.limit = n
                    self.blank(*m.span())
                    return
        m = _LATEST_ONE.search(self.view)
        if m and not (m["art"] or "").startswith("de "):
            self.limit = 1
            self.blank(*m.span())

    def take_politeness(self) -> None:
        view, start = self.view, 0
        while (m := _PREAMBLE.match(view, start)) and m.group().strip():
            start = m.end()
        self.blank(0, start)
        view = self.view
        self.blank(_polite_end(view), len(view))

    # -- slots

    def clean_topic(self, i: int, j: int) -> str | None:
        """The topic between folded positions i and j: link words off both ends, then the
        original text of what is left."""
        toks = self.tokens(i, j)
        view = self.view
        first, last = 0, len(toks)  # what is left: toks[first:last]
        while first < last:
            lead = _TOPIC_LEAD_PHRASE.match(view, toks[first].start)
            if lead and lead.end() > toks[first].start:
                while first < last and toks[first].start < lead.end():
                    first += 1
            elif toks[first].text in TOPIC_LEAD:
                first += 1
            else:
                break
        while last > first and (toks[last - 1].text in TOPIC_TRAIL or toks[last - 1].text in FRAME):
            last -= 1
        toks = toks[first:last]
        if not toks or all(t.text in TOPIC_STOP for t in toks):
            return None
        if _is_gibberish([self.source(t.start, t.end) for t in toks]):
            return None
        return _tidy(self.source(toks[0].start, toks[-1].end)) or None

    def topic_before(self, j: int) -> str | None:
        toks = self.tokens(0, j)
        first, last = 0, len(toks)  # what is left: toks[first:last]
        while first < last and toks[first].text in _FRAME_OR_LEAD:
            first += 1
        while last > first and toks[last - 1].text in _FRAME_OR_TRAIL:
            last -= 1
        if first == last:
            return None
        return self.clean_topic(toks[first].start, toks[last - 1].end)

    def who(self, i: int, j: int, *, name_like: bool, possessive: bool) -> str | None:
        """ "me", a person/group as written, or None, from the words at folded [i, j)."""
        toks = self.tokens(i, j)
        picked: list[_Token] = []
        for t in toks:
            if picked and self.gap_used(picked[-1].end, t.start):
                break
            if t.text in _PERSON_STOP or _is_done_word(t.text):
                break
            picked.append(t)
            if len(picked) == 4:
                break
        if not picked:
            return None
        words = [t.text for t in picked]
        if any(self.is_first_person(w) for w in words):
            return "me"
        if words[0] in NOT_OWNERS or words[0] in QUESTION_WORDS:
            return None
        if _NUMBER_WORD.fullmatch(words[0]):  # "kompetanseplanen for 2027": no one's name
            return None
        text = _tidy(self.source(picked[0].start, picked[-1].end))
        if name_like and not _name_like(text, words):
            return None
        return _strip_possessive(text, always=possessive)

    def committee_as_topic(self, after: int = 0) -> str | None:
        """ "faglig samarbeidsutvalg status", "hva skjedde med SSU", "hva ble bestemt om SSU":
        a committee named where the topic stands, without "i"/"fra"/"på" in front, is what
        the question is about rather than where to look. Clears the committee filter."""
        if not self.committee_span or self.committee_span[0] < after or self.committee_forum:
            return None
        topic = _tidy(self.source(*self.committee_span))
        self.committee = None
        return topic

    def is_first_person(self, word: str) -> bool:
        return word in FIRST_PERSON or (self.language == "en" and word in FIRST_PERSON_EN_ONLY)

    def period(self, future: bool) -> Period | None:
        pm = self.period_match
        return pm.resolve(self.today, future) if pm else None


_TOPIC_LEAD_PHRASE = _rx(
    r"\s*(?:(?:når\s+det\s+gjelder|i\s+forhold\s+til|med\s+hensyn\s+til|when\s+it\s+comes\s+to|"
    r"with\s+regards?\s+to|in\s+regards?\s+to|with\s+respect\s+to|as\s+to|i\s+saken\s+om|"
    r"saken\s+om|i\s+saken|the\s+(?:case|matter|issue)\s+(?:of|about|on)|the\s+matter\s+of)"
    r"(?:\s+|$))+"
)
_PERSON_STOP = FRAME - {"du", "jeg", "eg", "vi", "we", "you", "de", "dere", "man"} | frozenset(
    {
        "om", "med", "fra", "i", "pa", "som", "that", "about", "on", "in", "at", "with", "from",
        "har", "skal", "ma", "til", "to", "innen", "for", "before", "by", "etter", "after",
        "angaende", "regarding", "gjore", "owe", "owes", "noen", "any", "igjen", "sine",
        "sin", "sitt", "inkludert", "inkl", "including", "incl", "samt", "plus", "og",
        "and", "eller", "or", "a", "fatt", "have", "got", "open", "apne", "do",
        "frist", "due", "ble", "vedtatt", "gitt", "given",
    }
)  # fmt: skip


# Dates that name a thing ("handlingsplanen for 2024") are passed over when looking for the
# period a question filters by: each is blanked and the search begins again (the blank may
# join what is around it into a period). A real question passes over one or two; after this
# many no period is read, so that a message made of such dates costs a bounded number of
# searches of it, not one per date.
_TOPIC_PERIODS_AT_MOST = 4
_BARE_YEAR = _rx(r"\s*(?:19|20)\d\d\s*")
_NAMED_BY_YEAR = _rx(
    r"\S*(?:plan|planen|planer|budsjett|budsjettet|budget|strategi|strategien|strategy|"
    r"regnskap|regnskapet|accounts|rapport|rapporten|report|melding|meldingen|program|"
    r"programmet|programme|rute|ruta|ruten|statement)"
)
_GUESS_WORDS_AT_MOST = 24  # longer messages are not questions to search the minutes with
# "I" and "you": a question about the asker or the bot ("hvordan logger jeg inn", "har du sett
# nøklene mine"), not about what a committee did ("hva fikk vi til", "hvor mye fikk Teknat").
_PERSONAL = words("jeg eg æ meg mæ min mine mitt du deg din dine ditt")
_PERSONAL_EN = words("i i'm i've me my mine myself you you're your yours")
_FRAME_OR_LEAD = FRAME | TOPIC_LEAD
_FRAME_OR_TRAIL = FRAME | TOPIC_TRAIL


def _personal(q: _Question, said: list[str]) -> bool:
    personal = _PERSONAL_EN if q.language == "en" else _PERSONAL
    return any(w in personal for w in said)


def _polite_end(text: str) -> int:
    """Where the thanks and fillers that end `text` begin ("…, takk", "thanks again"), or
    len(text). Phrases come off the end one by one, each the leftmost _POLITE_END match in
    what is left; each is looked for among the last few words only (a phrase has at most
    _POLITE_WORDS), so a long text or a long row of "takk" costs linear time, not a search
    of all of it per phrase."""
    ends = [m.end() for m in _WORD.finditer(text)]
    end, n = len(text), len(ends)
    while m := _POLITE_END.search(
        text, ends[n - 1 - _POLITE_WORDS] if n > _POLITE_WORDS else 0, end
    ):
        end = m.start()
        while n and ends[n - 1] > end:
            n -= 1
    return end


def _is_done_word(word: str) -> bool:
    return bool(_DONE.fullmatch(word))


def _tidy(text: str) -> str:
    return text.strip(" \t\r\n?!.,;:\"'«»“”‘’()[]{}*_-")


def _name_like(text: str, words: list[str]) -> bool:
    return (
        text[:1].isupper()
        or words[0] in GROUP_WORDS
        or _strip_s(words[0]) in GROUP_WORDS
        or words[0] in first_names()
        or _strip_s(words[0]) in first_names()
    )


def _strip_s(word: str) -> str:
    return word[:-1] if word.endswith("s") else word


def _strip_possessive(name: str, *, always: bool) -> str:
    """ "Christine's" -> "Christine"; with `always` also "Christines" / "AUs" -> "Christine" /
    "AU" — unless the name is itself a first name ending in s ("Lars", "Jonas")."""
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    if not always or not name.endswith("s") or len(name) < 3:
        return name
    last = name.rsplit(" ", 1)[-1].lower()
    if last.endswith(("us", "ss")):  # "Fjordby sykehus", "Campus", "Hess": no possessive
        return name
    if last in _NAMES_ENDING_IN_S or (last in first_names() and last[:-1] not in first_names()):
        return name
    return name[:-1]


_KEYBOARD_ROWS = ("qwertyuiopå", "asdfghjkløæ", "zxcvbnm")


def _is_gibberish(words: list[str]) -> bool:
    """Keyboard mashing and laughter: every word is a row run, vowel-less lower case or
    a repeated letter. Upper-case vowel-less words are abbreviations ("KHS")."""

    def junk(word: str) -> bool:
        low = word.lower()
        if not low.isalpha():
            return False
        if len(low) >= 4 and any(low in row or low[::-1] in row for row in _KEYBOARD_ROWS):
            return True
        if re.fullmatch(r"(.)\1{2,}|(?:ha|he|hi|ho|hah|heh|lol|xd)+", low):
            return True
        return len(low) >= 4 and word.islower() and not re.search(r"[aeiouyæøå]", low)

    return bool(words) and all(junk(w) for w in words)


def _language(folded: Folded) -> tuple[str, bool]:
    """The question's language, and whether any word showed it."""
    words = re.findall(r"[\w'-]+", folded.text)
    en = sum(w in ENGLISH for w in words)
    nb = sum(w in NORWEGIAN for w in words) + bool(re.search(r"[æøåÆØÅ]", folded.original))
    return ("en" if en > nb else "nb"), en != nb


# ---------------------------------------------------------------- recognize


_PAGED = (IntentKind.MY_TASKS, IntentKind.PERSON_TASKS, IntentKind.AGENDA)


def recognize(text: str, *, today: date, committees: CommitteeNames | None = None) -> Intent:
    """The intent of one chat message. `today` is the caller's date in the user's zone;
    `committees` the tenant's committees, found by name besides the councils' known here.
    A task list or agenda question ending in "side N" / "page N" asks for that page; any
    other question keeps those words ("hva står på side 3")."""
    if (m := _PAGE.search(text or "")) and m.start() > 0:
        paged = _recognize(text[: m.start()], today, committees)
        if paged.kind in _PAGED:
            return replace(paged, page=int(m["n"]))
    return _recognize(text, today, committees)


def _recognize(text: str, today: date, committees: CommitteeNames | None) -> Intent:
    original = strip_mentions(text or "")
    folded = correct_typos(fold(original), TYPO_TARGETS, RESPELLINGS)
    if not re.search(r"\w", folded.text):
        kind = IntentKind.HELP if original.strip() == "?" else IntentKind.UNKNOWN
        return Intent(kind, "nb", language_evident=False)
    language, evident = _language(folded)

    whole = _whole_message(folded.text)
    if whole is not None:
        return Intent(whole, language, language_evident=evident)

    q = _Question(folded, today, language, committees)
    q.take_filters()
    q.take_politeness()
    return replace(_due_period(q, _classify(q)), language_evident=evident)


# Words that make the period after them a deadline (folded: "frist", not "forfall", which
# is an absence).
_DUE_WORDS = frozenset({"frist", "fristen", "frister", "forfaller", "due", "deadline"})
_BEFORE_PERIOD = 3  # words looked at in front of the period


def _due_period(q: _Question, intent: Intent) -> Intent:
    """A task list whose period follows a deadline word: the tasks due then. A month named
    without its year is the nearer one, ahead or behind: «med frist i januar» asked in
    December is next January, «med frist i november» the one just gone."""
    pm = q.period_match
    if intent.kind not in (IntentKind.MY_TASKS, IntentKind.PERSON_TASKS) or pm is None:
        return intent
    if not _DUE_WORDS.intersection(q.folded_words_before(pm.start, _BEFORE_PERIOD)):
        return intent
    behind, ahead = q.period(False), q.period(True)
    assert behind is not None and ahead is not None

    def distance(period: Period) -> int:
        middle = period.start + (period.end - period.start) / 2
        return abs((middle - q.today).days)

    return replace(intent, due=True, period=min((behind, ahead), key=distance))


def _whole_message(text: str) -> IntentKind | None:
    rest = text[: _polite_end(text)].rstrip()
    greeting = _GREETINGS.match(rest)
    if greeting:
        rest = rest[greeting.end() :].strip()
    if not rest:
        return IntentKind.GREETING if greeting else None
    if _HELP.fullmatch(rest):
        return IntentKind.HELP
    if _SMALL_TALK.fullmatch(rest):
        return IntentKind.GREETING
    return None


def _first(patterns: tuple[re.Pattern[str], ...], view: str) -> re.Match[str] | None:
    found = [m for p in patterns if (m := p.search(view))]
    return min(found, key=lambda m: m.start()) if found else None


def _classify(q: _Question) -> Intent:
    typed = _question_type(q)
    if typed is not None:
        return typed
    view = q.view
    agenda = _first(_AGENDA_WORDS, view)
    if agenda is None and q.next_ref:
        agenda = _AGENDA_WITH_NEXT.search(view)
    task = _task_trigger(q)
    decision = _DECISION_WORD.search(view)

    if task and task[0] == "do" and q.next_ref and q.next_prep in {"pa", "i", "at", "in"}:
        who = task[1].groupdict().get("x")
        if who and who.strip() in _WE:
            return _make(q, IntentKind.AGENDA)  # "hva skal vi gjøre på neste møte?"

    # The first key word decides; on a tie agenda before tasks before decisions.
    first: list[tuple[int, int, Callable[[], Intent]]] = []
    if agenda:
        topic = _topic_after(q, agenda.end())
        first.append((agenda.start(), 0, lambda: _make(q, IntentKind.AGENDA, topic=topic)))
    if task:
        first.append((task[1].start(), 1, lambda: _tasks(q, *task)))
    if decision:
        first.append((decision.start(), 2, lambda: _decision_at(q, *decision.span())))
    if first:
        return min(first, key=lambda f: f[:2])[2]()

    if q.committee and not q.period_match and type_words.WHEN_IS.search(view):
        return _make(q, IntentKind.NEXT_MEETING)  # "når er LSU", "when is SSU"
    if _is_next_meeting(q):
        period = q.period(True)
        if period and period.start != period.end and not q.next_ref:
            return _make(q, IntentKind.MEETING_DATES)  # "SSU møter 2022": that year's meetings
        return _make(q, IntentKind.NEXT_MEETING)

    if between := _topic_between(q):
        return between
    content = [t for t in q.tokens() if t.text not in TOPIC_STOP]
    for frame in _DECISION_FRAMES:
        if (m := frame.search(view)) and (content or q.has_filters()):
            topic = q.clean_topic(m.end(), len(view)) or q.topic_before(m.start())
            if topic is None:
                topic = q.committee_as_topic()
            if topic or q.has_filters():
                return replace(_decision(q, topic), bare=True)

    # A bare topic ("fastlegesituasjonen", "LAR i SSU"), or only filters ("SSU i fjor")
    toks = q.tokens()
    topic = q.clean_topic(0, len(view)) if toks else None
    if topic is None:  # only filters: "SSU", "lokalt samarbeidsutvalg", "SSU i fjor"
        if q.has_filters():
            return replace(_decision(q, None), bare=True)
        return _make(q, IntentKind.UNKNOWN)
    if _a_name_alone(q, toks):
        # "Kari", "Geir Tveit": a person, not a topic; the reply offers their tasks
        return _make(q, IntentKind.UNKNOWN, person=topic)
    if toks[0].text in NOT_A_TOPIC_START or len(toks) > 8:
        # A question of a kind not read here ("hvor mye fikk Teknat?", "who did the board
        # appoint as treasurer"): its words go along, for a search that may still find the
        # matter in the minutes (Assistant answers only when one covers them well).
        said = [t.text for t in toks]
        guess = topic if len(toks) <= _GUESS_WORDS_AT_MOST and not _personal(q, said) else None
        return _make(q, IntentKind.UNKNOWN, topic=guess)
    return replace(_decision(q, topic), bare=True)


def _a_name_alone(q: _Question, toks: list[_Token]) -> bool:
    """A first name, maybe with a surname, written as a name and nothing else asked."""
    if q.has_filters() or len(toks) > 3:
        return False
    first = toks[0]
    return first.text in first_names() and all(q.source(t.start, t.end)[:1].isupper() for t in toks)


# ---------------------------------------------------------------- issue 15's question types

# Words a question about a meeting may hold besides its type's words and filters.
_MEETING_TALK = MEETING_ONLY | words(
    "pa på i at in on from fra under during om about of av sist siste last forrige previous hos "
    "det den de the a an som that was were var ble har have had hadde skjedde sa said noe "
    "something anything any all alle alt saker sakene items cases punkter hele whole"
)
_OWNER_BEFORE = _rx(
    r"\b(?:har|has|does|do|får|fikk)\s+(?P<x>\S+(?:\s+\S+){0,2}?)\s+(?:noe|noen|any|anything|something)\b"
)
_OWNER_AFTER = _rx(r"\b(?:for|til|hos)\s+(?P<x>\S+(?:\s+\S+){0,2}?)\s*$")


def _question_type(q: _Question) -> Intent | None:
    """Responsible, attendance, meeting dates, urgent tasks and meeting summaries: each has
    words of its own (`type_words`); they are read before decisions, tasks and agendas
    because their words would otherwise be taken for a topic ("hvem hadde forfall")."""
    view = q.view
    m = type_words.RESPONSIBLE.search(view)
    if m and not q.next_ref:
        topic = q.clean_topic(m.end(), len(view)) or q.committee_as_topic(after=m.start())
        if topic:
            return _make(q, IntentKind.RESPONSIBLE, topic=topic)
    if q.committee_span and type_words.RESPONSIBLE_FOR_COMMITTEE.search(view):
        topic = _tidy(q.source(*q.committee_span))
        return replace(_make(q, IntentKind.RESPONSIBLE, topic=topic), committee=None)
    attended = type_words.ATTENDED_PERSON.search(view)
    if attended is None and (q.last_meeting or q.period_match):
        attended = type_words.WAS_PERSON.search(view)
    if attended:
        who = q.who(*attended.span("x"), name_like=True, possessive=False)
        if who and who != "me":
            return _make(q, IntentKind.ATTENDANCE, person=who)
    if q.committee and type_words.CHAIR.search(view):
        return _make(q, IntentKind.ATTENDANCE)
    if about := _meeting_about(q):
        return about
    if (m := type_words.POSTPONED_CASES.search(view)) and _only_meeting_talk(q, m):
        return _make(q, IntentKind.DECISION, postponed=True)
    if (m := type_words.HOW_MANY.search(view)) and _counted_at_a_meeting(q, m):
        return _make(q, IntentKind.MEETING_SUMMARY, count=True)
    if _asks_attendance(q):
        return _make(q, IntentKind.ATTENDANCE, absent=bool(type_words.ABSENT.search(view)))
    if members := _members(q):
        return members
    if (
        type_words.MEETING_DATES.search(view)
        or (q.period_match and not q.next_ref and type_words.MEETS_WHEN.search(view))
        or _meetings_of_a_year(q)
        or _where_or_when_held(q)
        or _where_it_was_held(q)
    ):
        return _meeting_dates(q)
    if urgent := _urgent(q):
        return urgent
    if (m := type_words.HAPPENED.search(view)) and _about_a_meeting(q, m):
        return _make(q, IntentKind.MEETING_SUMMARY)
    if q.committee and (m := type_words.DISCUSSED.search(view)) and _only_meeting_talk(q, m):
        last = q.last_meeting or q.period_match is None  # "what did SSU discuss": lately
        return replace(_make(q, IntentKind.MEETING_SUMMARY), last_meeting=last)
    return None


def _only_meeting_talk(
    q: _Question, skip: re.Match[str], also: frozenset[str] = frozenset()
) -> bool:
    """Nothing but `skip`, talk of a meeting and the words `also` (folded)."""
    return all(
        t.text in _MEETING_TALK or t.text in TOPIC_STOP or t.text in also
        or skip.start() <= t.start < skip.end()
        for t in q.tokens()
    )  # fmt: skip


def _meeting_about(q: _Question) -> Intent | None:
    """Who was at, or what happened at, a meeting named by what it treated ("hvem var på
    møtet om LAR", "summary of the meeting about emergency beds"): asked as of "the
    meeting", with the subject as the topic that finds it. Other questions that name such
    a meeting ("hva ble vedtatt på møtet om LAR") are about the subject itself."""
    about = type_words.MEETING_ABOUT.search(q.view)
    if about is None or q.next_ref:
        return None
    topic = q.clean_topic(about.start("topic"), about.end("topic"))
    if not topic:
        return None
    rest = q.view[: about.end("meeting")]  # "hvem var på møtet": as asked of a meeting
    if _DECISION_WORD.search(rest):
        return None
    asks = type_words.ATTENDANCE_WHO.search(rest) or type_words.ATTENDANCE_NOUN.search(rest)
    if asks:
        absent = bool(type_words.ABSENT.search(rest))
        return _make(q, IntentKind.ATTENDANCE, topic=topic, absent=absent)
    if type_words.HAPPENED.search(rest):
        return _make(q, IntentKind.MEETING_SUMMARY, topic=topic)
    return None


# What a question about how many items a meeting had may say besides (folded).
_COUNT_TALK = words(
    "behandlet behandla vedtatt vedtok besluttet oppe sakslisten sakslista agenda "
    "discussed decided treated considered dealt with handled taken up covered"
)


def _counted_at_a_meeting(q: _Question, m: re.Match[str]) -> bool:
    """ "hvor mange saker var det på siste møte": a meeting named, and nothing else asked
    about ("hvor mange saker om LAR" is not)."""
    return _names_a_meeting(q) and _only_meeting_talk(q, m, also=_COUNT_TALK)


def _members(q: _Question) -> Intent | None:
    """ "hvem er med i AU", "medlemmer av arbeidsgruppen for rus", "who is on the working
    group": the members of a group, as the minutes list them (`person`: the group as
    written). A committee asked so ("hvem er medlem av SSU") is asked of its last meeting,
    as "hvem er med i LSU" (ATTENDANCE); a meeting ("hvem er med på møtet") was read above."""
    m = type_words.MEMBERS_OF.search(q.view)
    if m is None:
        return None
    said = m["says"] or m["noun"]
    group = q.clean_topic(*m.span("x")) if m["x"] else None
    if group is None:
        return _make(q, IntentKind.ATTENDANCE) if q.committee and said else None
    if words(group) <= MEETING_ONLY:
        return None  # "hvem er med på møtet": attendance, read above or not at all
    looks = type_words.GROUP_NOUN.search(fold(group).text) or _SHORT_NAME.fullmatch(group)
    return _make(q, IntentKind.GROUP_MEMBERS, person=group) if said or looks else None


_SHORT_NAME = re.compile(r"[A-ZÆØÅ]{2,6}")  # "AU", "FAU": a group's short name


def _asks_attendance(q: _Question) -> bool:
    """ "hvem hadde forfall", "who attended"; a noun alone ("oppmøte siste møte", "forfall
    LSU oktober") only with nothing else to be about: "fravær blant ansatte" is a topic."""
    if _DECISION_WORD.search(q.view):
        return False
    if type_words.ATTENDANCE_WHO.search(q.view):
        return True
    if type_words.WHO_WAS.match(q.view) and (q.last_meeting or q.period_match):
        return True
    m = type_words.ATTENDANCE_NOUN.search(q.view)
    return bool(m and _only_meeting_talk(q, m))


_A_YEAR = _rx(r"(?<![\w./])(?:19|20)\d\d(?![\w]|[./]\d)")


def _where_or_when_held(q: _Question) -> bool:
    """ "hvor holdes møtet 9. desember", "når er LSU i mars": a meeting or committee with a
    period, asked where or when (without a period it is the next meeting)."""
    if q.next_ref or q.period_match is None:
        return False
    view = q.view
    if type_words.WHEN_IS.search(view):
        return q.committee is not None
    if not type_words.WHERE_HELD.search(view):
        return False
    return q.committee is not None or any(t.text in MEETING_WORDS for t in q.tokens())


def _where_it_was_held(q: _Question) -> bool:
    """ "hvor var møtet i LSU", "where was the last SSU meeting": a meeting held, asked where
    (the last one, without a period)."""
    if q.next_ref or not type_words.WHERE_WAS.search(q.folded.text):  # "var siste" is taken
        return False
    return bool(q.committee or q.last_meeting or any(t.text in MEETING_WORDS for t in q.tokens()))


def _meetings_of_a_year(q: _Question) -> bool:
    """ "SSU møter 2027": meeting words and a year (a future one is no filter elsewhere)."""
    said = [t.text for t in q.tokens()]
    years = [w for w in said if _A_YEAR.fullmatch(w)]
    rest = [w for w in said if w not in years]
    return bool(
        years and rest and all(w in MEETING_ONLY for w in rest) and set(rest) & MEETING_WORDS
    )


def _meeting_dates(q: _Question) -> Intent:
    """ "møtedatoer LSU 2027": the year after a planning word stays in the topic for a search
    (a case may have set the dates) and is also the period of the meetings to list."""
    where_was = _where_it_was_held(q)
    asked = where_was or type_words.WHERE_HELD.search(q.view) or type_words.WHEN_IS.search(q.view)
    topic = None if asked else q.clean_topic(0, len(q.view))
    if q.period_match is None and (pm := find_period(q.view, q.source, q.today)):
        q.period_match = pm
        q.blank(pm.start, pm.end)
    if q.period_match is None and (year := _A_YEAR.search(q.view)):
        whole = Period(date(int(year.group()), 1, 1), date(int(year.group()), 12, 31))
        q.period_match = PeriodMatch(*year.span(), lambda today, future: whole, "", "in")
        q.blank(*year.span())
    held = bool(where_was or type_words.MET_WHEN.search(q.view))
    intent = _make(q, IntentKind.MEETING_DATES, topic=topic, held=held)
    if held and q.period_match is not None:  # "hvor var møtet i oktober": the past October
        intent = replace(intent, period=q.period(False))
    if where_was and intent.period is None:
        intent = replace(intent, last_meeting=True)  # "hvor var møtet": the last one held
    return intent


def _urgent(q: _Question) -> Intent | None:
    view = q.view
    m = type_words.URGENT.search(view)
    if m is None or _DECISION_WORD.search(view, 0, m.start()):
        return None
    task = _task_trigger(q)
    if task is not None:
        asked = _tasks(q, *task)
        person = asked.person if asked.kind == IntentKind.PERSON_TASKS else None
        everyone = asked.kind == IntentKind.PERSON_TASKS and person is None
        return replace(
            asked, kind=IntentKind.URGENT_TASKS, person=person, topic=None, everyone=everyone
        )
    if not _only_meeting_talk(q, m) and not (
        own := _OWNER_BEFORE.search(view) or _OWNER_AFTER.search(view)
    ):
        return None  # "haster det med LAR": about LAR
    person = None
    for pattern in (_OWNER_BEFORE, _OWNER_AFTER):
        if own := pattern.search(view):
            who = q.who(*own.span("x"), name_like=True, possessive=False)
            if who and who != "me":
                person = who
    return _make(q, IntentKind.URGENT_TASKS, person=person)


def _task_trigger(q: _Question) -> tuple[str, re.Match[str]] | None:
    """The first task trigger in the question (its kind and match), if any."""
    return min(
        ((kind, m) for kind, p in _TASK_TRIGGERS if (m := p.search(q.view))),
        key=lambda km: km[1].start(),
        default=None,
    )


_A_MONTH = 31  # days: "hva skjedde i SSU i oktober" asks about that month's meeting


def _about_a_meeting(q: _Question, m: re.Match[str]) -> bool:
    """ "hva skjedde på siste SSU-møte", "oppsummering av møtet 14. oktober": a meeting is
    named and nothing else is asked about ("hva ble sagt om LAR på siste møte" is LAR)."""
    return _names_a_meeting(q) and _only_meeting_talk(q, m)


def _names_a_meeting(q: _Question) -> bool:
    """A held meeting is named: the last one, a day or month, or a meeting word."""
    if q.next_ref:
        return False
    period = q.period(False)
    return bool(
        q.last_meeting
        or (period is not None and (period.end - period.start).days <= _A_MONTH)
        or any(t.text in MEETING_WORDS for t in q.tokens())
    )


def _is_next_meeting(q: _Question) -> bool:
    if q.next_ref and q.next_ref_meeting:
        return True
    view = q.view
    if q.last_meeting and not q.next_ref:
        return False
    if any(p.search(view) for p in _NEXT_MEETING) and not _PAST.search(view):
        return True
    words = [t.text for t in q.tokens()]
    if words and all(w in MEETING_ONLY for w in words) and any(w in MEETING_WORDS for w in words):
        return True
    # "neste SSU?", "når er neste LSU": next + a committee and nothing else
    return bool(
        q.committee
        and any(w in {"neste", "next"} for w in words)
        and all(w in MEETING_ONLY for w in words)
    )


def _decision_at(q: _Question, start: int, end: int) -> Intent:
    subject = _subject_after(q, end)
    if subject is not None:  # "hvilke vedtak fattet SSU i 2023": who decided, not the topic
        end = subject
    for t in q.tokens(end):  # "hvilke vedtak ble fattet om LAR", "decisions were made about"
        if t.text not in _AFTER_DECISION_WORD:
            break
        end = t.end
    topic = q.clean_topic(end, len(q.view))
    forum = _forum_after(q, end)
    if topic is None or forum:
        # "ble kvalitetshåndboka vedtatt i administrasjonsutvalget": what before, where after;
        # the body's name stays in the topic, where it ranks that body's cases first.
        before = q.topic_before(start)
        topic = f"{before} {forum}" if before and forum else before or topic
    if topic is None and subject is None and not _active(q, start, end):
        topic = q.committee_as_topic(after=end)  # "hva ble bestemt om SSU"; not "hva vedtok SSU"
    return _decision(q, topic)


def _active(q: _Question, start: int, end: int) -> bool:
    """Whether the decision word at start:end is a verb whose subject follows it ("hva vedtok
    SSU", "hvilke saker behandlet SSU"); «behandlet», "discussed" are so only when no
    auxiliary stands before them ("hva ble behandlet", "what was discussed")."""
    if _ACTIVE_VERB.fullmatch(q.view, start, end):
        return True
    if not _ACTIVE_OR_PASSIVE.fullmatch(q.view, start, end):
        return False
    return not set(q.view_words_before(start, 1)) & _AUXILIARIES


# A decision verb whose subject follows it in a question: "hva vedtok SSU", "hva bestemte LSU"
_ACTIVE_VERB = _rx(
    r"vedtok|bestemte|besluttet|beslutta|konkluderte|avgjorde|godkjente|valgte|vedtek"
)
# Past forms that are verbs with their subject after them, or participles after an auxiliary.
_ACTIVE_OR_PASSIVE = _rx(r"behandlet|behandla|drøftet|drøfta|discussed|considered")
_AUXILIARIES = words("ble blei vart blitt er har hadde var was were been is are has have had")
# A verb of a decision noun whose subject follows it ("hvilke vedtak fattet SSU", "hvor mange
# vedtak gjorde LSU i fjor", "which decisions did SSU make"), and the words of such a verb
# that may follow the subject.
_NOUN_VERBS = words("fattet fatta gjorde tok traff did")
_VERB_TAILS = words("make take reach pass adopt")


def _subject_after(q: _Question, end: int) -> int | None:
    """Where the subject ends, when the committee named after the decision noun (which
    ends at `end`) is who decided: only such a verb and the question's frame, no preposition,
    stand between them. With the verb's rest after it ("did SSU make")."""
    if q.committee_span is None or q.committee_span[0] < end:
        return None
    between = [t.text for t in q.tokens(end, q.committee_span[0])]
    if not any(w in _NOUN_VERBS for w in between):
        return None
    if not all(w in _NOUN_VERBS or (w in FRAME and w not in TOPIC_LEAD) for w in between):
        return None  # "hvilke vedtak ble fattet om SSU": what they are about
    subject_end = q.committee_span[1]
    for t in q.tokens(subject_end):
        if t.text not in _VERB_TAILS:
            break
        subject_end = t.end
    return subject_end


# The name of a body or meeting as the last word of a place ("i administrasjonsutvalget", "på
# allmøtet", "at the general meeting"), folded (å -> a, ø -> o).
_BODY_END = _rx(
    r"\S*(?:utvalg|utvalget|utvalet|styre|styret|styrelsen|radet|nemnda|formannskapet|"
    r"motet|council|board|committee|meeting|forum|assembly|gruppa|gruppen|group)"
)


def _forum_after(q: _Question, end: int) -> str | None:
    """The body named right after a decision word with "i"/"på"/"in"/"at" and nothing else
    ("vedtatt i administrasjonsutvalget", "approved at the general meeting"), as written."""
    toks = q.tokens(end)
    if not 2 <= len(toks) <= 4 or toks[0].text not in _FORUM_PREPS:
        return None
    if not _BODY_END.fullmatch(toks[-1].text):
        return None
    first = next(t for t in toks[1:] if t.text not in TOPIC_LEAD or t is toks[-1])
    return _tidy(q.source(first.start, toks[-1].end))


_AFTER_DECISION_WORD = words(
    "ble blei vart blitt har hadde er var det som fattet fatta gjort tatt made taken were was "
    "is are been has have had vi we de they noe noen something anything any egentlig endelig "
    "nylig there"
)


def _decision(q: _Question, topic: str | None) -> Intent:
    if topic is None and q.case_number:
        topic = q.case_number
    intent = _make(q, IntentKind.DECISION, topic=topic)
    pm = q.period_match
    if intent.period and intent.period.start > q.today and pm is not None:
        # No minutes are from the future: "innherredsbyen etter 2027", "skolerute 2027-2028"
        # name what was decided, not when.
        named = _tidy(q.source(pm.start, pm.end))
        intent = replace(intent, period=None, topic=f"{topic} {named}" if topic else named)
    return intent


def _topic_after(q: _Question, i: int) -> str | None:
    view = q.view
    m = _TOPIC_AFTER.search(view, i)
    return q.clean_topic(m.end(), len(view)) if m else None


def _make(q: _Question, kind: IntentKind, **slots: object) -> Intent:
    future = kind in (IntentKind.NEXT_MEETING, IntentKind.AGENDA, IntentKind.MEETING_DATES)
    tasks = kind in (IntentKind.MY_TASKS, IntentKind.PERSON_TASKS)
    return Intent(
        kind=kind,
        language=q.language,
        committee=q.committee,
        period=q.period(future),
        last_meeting=q.last_meeting,
        limit=q.limit,
        include_done=q.include_done and tasks,
        case_number=q.case_number,
        **slots,  # type: ignore[arg-type]
    )


def _tasks(q: _Question, trigger: str, m: re.Match[str]) -> Intent:
    view = q.view
    if numbered := _TASK_NUMBER.search(view):  # "er oppgave 5 ferdig?", "status of task 12"
        asked = _make(q, IntentKind.PERSON_TASKS, task_number=int(numbered["n"]))
        return replace(asked, include_done=True)
    owner: str | None = None  # "me", a name, or None = not said
    everyone = False
    topic: str | None = None

    if trigger == "who":
        rest = _WHO_VERBS.match(view, m.end())
        topic = q.clean_topic(rest.end() if rest else m.end(), len(view))
        if topic and not _PRONOUN_TOPIC.fullmatch(topic):
            # "hvem skal melde inn kandidatene", "hvem følger opp LAR": who is responsible
            return _make(q, IntentKind.RESPONSIBLE, topic=topic)
        return _make(q, IntentKind.PERSON_TASKS, person=None)

    if trigger == "due":  # the tasks about what is due; the owner, if said, or everyone's
        if m.groupdict().get("x"):
            owner = q.who(*m.span("x"), name_like=False, possessive=True)
        if m.groupdict().get("t"):
            topic = q.clean_topic(*m.span("t"))
    elif trigger == "do":
        x = m.groupdict().get("x")
        we = (x or "").strip() in _WE or (not x and q.committee is not None)
        with_topic = _DO_WITH.match(view, m.end())
        if we and with_topic:  # "hva skal vi gjøre med LAR?" asks what was decided
            return _decision(q, q.clean_topic(with_topic.end(), len(view)))
        if x:
            owner = q.who(*m.span("x"), name_like=False, possessive=True)
        if with_topic:
            topic = q.clean_topic(with_topic.end(), len(view))
    else:
        owner = _owner_around_noun(q, m)

    if topic is None:
        topic = _topic_after(q, m.end())
    if topic is None and trigger == "noun":
        topic = _bare_topic_after(q, m.end(), owner)  # "oppgaver LAR": typed without «om»
    if owner is None:
        words = [t.text for t in q.tokens()]
        if any(q.is_first_person(w) for w in words):
            owner = "me"
        elif _EVERYONE.search(view) or q.committee or topic or q.period_match or q.last_meeting:
            # "oppgaver for SSU", "hva skal SSU gjøre?", "åpne oppgaver i SSU", "which
            # tasks are due in SSU", "oppgaver om LAR", "oppgaver fra forrige møte": the
            # committee's or everyone's, as narrowed, not the asker's ("mine …" is).
            everyone = True
    if owner == "me" or (owner is None and not everyone):
        return _make(q, IntentKind.MY_TASKS, topic=topic)
    if topic and owner:  # "oppgaver om LAR for Henrik": the owner is no part of the topic
        topic = _without_owner(topic, owner)
    return _make(q, IntentKind.PERSON_TASKS, person=owner, topic=topic)


def _bare_topic_after(q: _Question, i: int, owner: str | None) -> str | None:
    """The words after the task noun, when they are all that is left (but the owner named
    at their end: "oppgaver ØHD for Henrik") and none is a word of task questions ("som",
    "er", "ferdige"): a topic typed without «om»/"about"."""
    if owner == "me":
        return None
    rest = q.tokens(i)
    if owner is not None and rest:
        written = q.source(rest[0].start, rest[-1].end)
        said = _without_owner(written, owner)
        if said is None or said == written:  # the owner alone, or not at the end
            return None
        start = rest[0].start
        rest = [t for t in rest if len(q.source(start, t.end)) <= len(said)]
    if not rest or any(_task_word(t.text) for t in rest):
        return None
    return q.clean_topic(rest[0].start, rest[-1].end)


def _task_word(word: str) -> bool:
    return (
        word in FRAME or word in TOPIC_STOP or word in _PERSON_STOP or word in _DUE_WORDS
        or _is_done_word(word)
    )  # fmt: skip


def _without_owner(topic: str, owner: str) -> str | None:
    """The topic without the owner written at its end ("LAR for Henrik" -> "LAR")."""
    end = re.search(rf"\s+{_OWNER_LINK}\s+{re.escape(owner)}\W*$", topic, re.IGNORECASE)
    return (topic[: end.start()].strip() or None) if end else topic


_PRONOUN_TOPIC = _rx(r"(?:det|dette|den|hva|noe|that|this|it|what|something)")
_NUMBER_WORD = re.compile(r"\d[\d./-]*")


def _owner_around_noun(q: _Question, m: re.Match[str]) -> str | None:
    view = q.view
    before = q.tokens(0, m.start())
    if before and not q.gap_used(before[-1].end, m.start()):
        last = before[-1]
        if last.text in POSSESSIVE_FIRST:
            return "me"
        if last.text in POSSESSIVE_LINKS and len(before) > 1:  # "Christine sine oppgaver"
            start = _name_start(q, before[:-1])
            if start is not None:
                return q.who(start, before[-2].end, name_like=False, possessive=False)
        if _looks_possessive(q, last):  # "Christines oppgaver", "Christine's tasks"
            start = _name_start(q, before)
            if start is not None:
                return q.who(start, last.end, name_like=False, possessive=True)
        if _looks_like_owner(q, last, first=len(before) == 1):  # "AU tasks"
            start = _name_start(q, before)
            if start is not None:
                return q.who(start, last.end, name_like=False, possessive=False)
    if own := _before_noun_owner(q, m.start()):
        who = q.who(*own.span("x"), name_like=False, possessive=False)
        if who:
            return who
    if re.match(r"\s*(?:mine|mitt|min|of\s+mine)\b", view[m.end() :]):
        return "me"
    for name_like, pattern in _AFTER_NOUN_OWNER:
        if own := pattern.match(view, m.end()):
            who = q.who(*own.span("x"), name_like=name_like, possessive=name_like)
            if who:
                return who
    rest = q.tokens(m.end())
    if 1 <= len(rest) <= _NAME_WORDS and _known_name_start(rest[0].text):
        # "oppgaver henrik berg", "tasks AU": a name alone after the noun, as typed in haste
        return q.who(rest[0].start, rest[-1].end, name_like=True, possessive=False)
    return None


def _known_name_start(word: str) -> bool:
    return word in first_names() or word in GROUP_WORDS


def _before_noun_owner(q: _Question, end: int) -> re.Match[str] | None:
    """_BEFORE_NOUN_OWNER in the view up to `end` ("har Christine noen oppgaver", "does AU
    have any tasks"). Its match ends in a row of words like "noen"/"any", which may be long,
    and begins at most four words before that row: searched from there, not from every
    "har"/"have" in a long message."""
    words = q.tokens(0, end)
    row = len(words)
    while row and _OWNER_FILLER.fullmatch(words[row - 1].text):
        row -= 1
    start = words[max(0, row - 4)].start if words else 0
    return _BEFORE_NOUN_OWNER.search(q.view, start, end)


def _looks_possessive(q: _Question, tok: _Token) -> bool:
    word = tok.text
    original = q.source(tok.start, tok.end)
    if word in NOT_OWNERS or word in FRAME or word in TOPIC_STOP:
        return False
    if original.endswith(("'s", "’s")) or (original.endswith(("'", "’")) and len(word) > 2):
        return True
    if not word.endswith("s") or len(word) < 3:
        return False
    base = word[:-1]
    return (
        original[:1].isupper()
        or base in first_names()
        or base in GROUP_WORDS
        or word in first_names()
    )


def _looks_like_owner(q: _Question, tok: _Token, *, first: bool) -> bool:
    word = tok.text
    original = q.source(tok.start, tok.end)
    if word in NOT_OWNERS or word in TASK_ADJECTIVES or word in FRAME or word in TOPIC_STOP:
        return False
    return (
        word in GROUP_WORDS
        or word in first_names()
        or (len(original) >= 2 and original.isupper())
        or (original[:1].isupper() and not first)
    )


def _name_start(q: _Question, before: list[_Token]) -> int | None:
    """Where a name that ends with before[-1] starts: capitalised words before it belong to
    it ("Vestre Vikens"), up to three."""
    picked = [before[-1]]
    for t in reversed(before[:-1]):
        if len(picked) == 3 or q.gap_used(t.end, picked[0].start):
            break
        if not q.source(t.start, t.end)[:1].isupper() or t.text in FRAME | QUESTION_WORDS:
            break
        picked.insert(0, t)
    first = picked[0]
    if first.text in FRAME or first.text in QUESTION_WORDS:
        return None
    return first.start
