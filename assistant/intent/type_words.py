"""The words that make a question one of issue 15's types: who is responsible, what happened at
a meeting, who attended, a committee's meeting dates, what is urgent. Patterns on folded text
(see `text.fold`); `assistant.intents` decides with them (the rules are in its docstring)."""

from __future__ import annotations

import re

from .text import fold_pattern


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# "hvem har ansvar for X", "hvem er ansvarlig for X", "who is responsible for X", "who owns X"
RESPONSIBLE = _rx(
    r"\b(?:hvem|kven|who)(?:'s|\s+s)?\s+(?:(?:har|er|sitter\s+med|has|is|has\s+got)\s+)?(?:(?:hoved|det\s+)?"
    r"ansvar(?:et|lig)?|ansvarleg|responsible|in\s+charge|the\s+owner|accountable|eier|eig)"
    r"\s+(?:for|of|over|til)\s+(?=\S)"
    r"|\b(?:hvem|who)\s+(?:eier|owns|lager|skriver|utarbeider|koordinerer|organiserer|"
    r"tar\s+seg\s+av|ordner|følger\s+opp|makes|writes|prepares|drafts|coordinates|"
    r"organi[sz]es|is\s+(?:making|writing|preparing|drafting|coordinating|organi[sz]ing|"
    r"following\s+up))\s+(?=\S)"
    r"|\b(?:ansvarlig|ansvar|responsible|owner)\s+(?:for|of)\s+(?=\S)"
    r"|^\s*(?:ansvarlig|ansvaret|ansvar|responsible)\s+(?=\S)"
)

# What a committee talked about, named with nothing else: its last meeting's summary ("what
# did SSU discuss", «hva diskuterte LSU», «hva snakket AMU om»).
DISCUSSED = _rx(
    r"\b(?:what\s+did\s+(?:\S+\s+){0,4}?(?:discuss|talk\s+about|cover)|(?:hva|kva)\s+"
    r"(?:diskuterte|diskuterer|snakket|snakka|pratet|prata)\b(?:\s+(?:\S+\s+){0,4}?om\b)?)"
)
# What happened at a meeting: "hva skjedde", "what happened", "oppsummering", "referat fra"
HAPPENED = _rx(
    r"\b(?:(?:hva|va|ka|kva)\s+(?:skjedde|skjedd|har\s+skjedd|skjer|skjedde\s+det|handlet|handla|"
    r"gjaldt|ble\s+(?:gjort|"
    r"sagt|behandlet|behandla|tatt\s+opp|diskutert|drøftet|gjennomgått)|var\s+oppe|var\s+på|"
    r"sto\s+på|kom\s+fram|kom\s+frem)|hvilke\s+saker\s+(?:var|ble)|hvordan\s+gikk\s+(?:det|møtet)|"
    r"what\s+(?:happened|went\s+on|was\s+(?:discussed|covered|said|on\s+the\s+agenda)|"
    r"were\s+the\s+(?:main\s+)?(?:points|items|topics))|what\s+did\s+(?:we\s+|they\s+|the\s+)?(?:\S+\s+)?"
    r"(?:discuss|cover|talk\s+about)|how\s+did\s+(?:it|the\s+meeting)\s+go|"
    r"oppsummer\w*|sammendrag\w*|sammenfatning\w*|summary|summari[sz]e\w*|recap\w*|"
    r"highlights|hovedpunkt\w*|referat|referatet|referatene|minutes|protokollen|protokoll)\b"
)

# Who attended or was absent ("hvem hadde forfall", "who was absent", "oppmøte")
ATTENDANCE_WHO = _rx(
    r"\b(?:hvem|kven|who)\s+(?:(?:var|er|hadde|har|meldte|sendte|ga|var\s+det\s+som|was|were|"
    r"had|sent|gave|did)\s+)?(?:(?:ikke|not|n't)\s+)?(?:til\s*stede|tilstede|borte|"
    r"fraværende|forfall|fravær|møtte|møtt|deltok|deltatt|deltar|manglet|attended|attend|"
    r"attending|present|absent|missing|missed|apologies|showed\s+up|show\s+up|participated|"
    r"ledet|leda|leiet|chaired|var\s+møteleder|was\s+(?:the\s+)?chair|"
    r"(?:(?:med|der|kom|came|there)(?:\s+(?:på|at|i|in))?|på|at)(?:\s+(?:møtet|møte|"
    r"the\s+meeting|meeting))?(?=\s*$))\b"
)
# A meeting named by what it treated: "møtet om LAR", "møtet der budsjettet ble vedtatt",
# "the meeting about emergency beds", "the meeting where the budget was discussed". `topic`
# is what it treated; a date after "on" is a period, taken out of the view before this.
MEETING_ABOUT = _rx(
    r"\b(?P<meeting>møtet|møte|the\s+meeting|meeting)\s+(?:om|der|hvor|da|som\s+(?:behandlet|gjaldt|"
    r"handlet\s+om|tok\s+opp|drøftet|diskuterte)|about|on|where|when|at\s+which|that\s+"
    r"(?:discussed|decided|considered|covered|took\s+up|dealt\s+with))\s+(?P<topic>\S.*?)"
    r"(?:\s+(?:ble|var|vart|was|were|got)\s+(?:behandlet|behandla|diskutert|drøftet|vedtatt|"
    r"besluttet|tatt\s+opp|oppe|på\s+sakslista|på\s+sakslisten|discussed|decided|adopted|"
    r"considered|approved|agreed|taken\s+up|on\s+the\s+agenda))?\s*[?.!]*\s*$"
)
# How many items a meeting had ("hvor mange saker var det på siste møte", "how many items
# were on the agenda at the October meeting"): its summary, counted.
HOW_MANY = _rx(
    r"\b(?:hvor|kor|how)\s+(?:mange|many)\s+(?:saker|sakene|punkter|vedtak|items|cases|"
    r"matters|decisions)\b"
)
# Which cases were postponed, as a list ("hvilke saker ble utsatt på siste møte", "utsatte
# saker i SSU", "which items were deferred"); whether one case was ("ble LAR utsatt") is a
# decision question about it.
POSTPONED_CASES = _rx(
    r"\b(?:(?:hvilke|hvilken|kva|hva\s+for\s+(?:noen\s+)?)\s*(?:saker|sakene|sak|punkter|"
    r"punkt)\s+(?:ble|vart|er|har\s+blitt|har\s+vorte)\s+utsatt|(?:hva|kva)\s+(?:ble|vart|er|"
    r"har\s+blitt)\s+utsatt|utsatte\s+saker|saker\s+som\s+(?:ble|er|vart)\s+utsatt|"
    r"(?:which|what)\s+(?:items|cases|matters)\s+(?:were|have\s+been|was|got)\s+(?:postponed|"
    r"deferred|put\s+off|held\s+over)|what\s+(?:was|were|has\s+been|got)\s+(?:postponed|"
    r"deferred|put\s+off)|(?:postponed|deferred)\s+(?:items|cases|matters))\b"
)
# "hvem var på siste møte", "who was at the October meeting": with the meeting taken out as
# a filter, nothing is left but who was (intents._asks_attendance wants that filter)
WHO_WAS = _rx(r"^\s*(?:hvem|kven|who)\s+(?:var|was|were)(?:\s+(?:på|at))?\s*$")
# "hvem har ansvaret for faglig samarbeidsutvalg": the committee named is the topic
RESPONSIBLE_FOR_COMMITTEE = _rx(
    r"\b(?:hvem|kven|who)(?:'s|\s+s)?\s+(?:(?:har|er|has|is)\s+)?(?:ansvar(?:et|lig)?|"
    r"ansvarleg|responsible|in\s+charge)\s*$"
)
# "who chairs SSU", "hvem leder LSU", "hvem er sekretær i SSU", "who takes the minutes in
# LSU": the chair and minute-taker at its last meeting (the committee taken out)
CHAIR = _rx(
    r"^\s*(?:hvem|kven|who)\s+(?:leder|leier|chairs|is\s+(?:the\s+)?chair(?:\s+of)?|"
    r"er\s+(?:leder|møteleder|sekretær|sekretæren|møtesekretær|referent|referenten)"
    r"(?:\s+(?:i|for|av|til))?|skriver\s+referat(?:et|ene|a)?(?:\s+(?:i|for|til))?|"
    r"is\s+(?:the\s+)?(?:secretary|minute[-\s]?taker|clerk)(?:\s+(?:of|for|in|to))?|"
    r"takes\s+(?:the\s+)?minutes(?:\s+(?:in|for|at|of))?)\s*$"
)
# Who belongs to a group the minutes name: "hvem er med i AU", "hvem sitter i
# arbeidsutvalget", "hvem er medlem av AU", "medlemmer i AU", "who is on the working group",
# "members of AU". (?P<x>): the group (none when a committee was named: it is taken out of
# the text). `says`: a word that says membership (med, medlem, sitter, members, sits);
# without one ("hvem er i AU", "who is in X") the group must look like one (GROUP_NOUN, or
# a short name in capitals).
MEMBERS_OF = _rx(
    r"^\s*(?:(?:hvem|kven|who)\s+(?:(?:er|var|is|are|was|were)\s+)?"
    r"(?:(?P<says>med|medlem|medlemmer|members?|sitter|sit|satt|sits|sat|serves?|served)\s+)?"
    r"|(?:(?:hvem|kven)\s+er\s+|who\s+are\s+)?(?:the\s+)?"
    r"(?P<noun>medlemmene|medlemmer|medlemmar|members|membership)\s+)"
    r"(?:(?:i|av|på|in|on|of)\s+(?P<x>.*?))?[\s?.!]*$"
)
# Words that make what they end a group: "arbeidsgruppen for rus", "the working group".
GROUP_NOUN = _rx(
    r"(?:gruppe|gruppa|gruppen|grupper|utvalg|utvalget|utvalet|styre|styret|råd|rådet|team|"
    r"teamet|nettverk|nettverket|group|committee|board|panel|council|network)"
)
# "var Sindre Kolstad med på siste møte", "was Kari Ringstad at the last meeting": one person
ATTENDED_PERSON = _rx(
    r"^\s*(?:var|was|were|did|deltok|attended)\s+(?P<x>\S+(?:\s+\S+){0,3}?)\s+(?:med|til\s*stede|"
    r"tilstede|der|present|there|at|attend|in\s+attendance|på)(?:\s+(?:på|at|i|in))?"
    r"(?:\s+(?:møtet|møte|the\s+meeting|meeting))?\s*$"
)
# The same with the meeting taken as a filter: "was Kari Ringstad [at the last meeting]"
WAS_PERSON = _rx(r"^\s*(?:var|was|were)\s+(?P<x>\S+(?:\s+\S+){0,3}?)\s*$")
ATTENDANCE_NOUN = _rx(
    r"\b(?:forfall|frafall|fravær|fraværende|oppmøte|fremmøte|frammøte|tilstede|til\s+stede|deltakere|"
    r"deltakerne|deltagere|deltagerne|deltakarar|deltakerliste\w*|møtedeltakere\w*|"
    r"tilstedeværende|attendance|attendees|participants|apologies|absentees|absences)\b"
)
ABSENT = _rx(
    r"\b(?:forfall|frafall|fravær|fraværende|borte|manglet|ikke\s+(?:til\s*stede|tilstede|med|der|"
    r"møtte|kom|deltok)|absent|absentees|absences|apologies|missing|missed|not\s+(?:present|"
    r"there|attend\w*)|n't\s+(?:attend|there|present|come|show))\b"
)

# Asked when it met ("når møttes SSU", "when did LSU meet"): one of MEETING_DATES, MET_WHEN.
_MET = r"når\s+møttes|when\s+did\s+(?:\S+\s+){0,3}?meet"
# A committee's meetings in a period: named ("møtedatoer LSU", "meeting schedule"), or asked
# when it meets with a period ("når møtes SSU i 2027"; without one it is the next meeting).
MEETING_DATES = _rx(
    r"\b(?:møtedato(?:er|ene|ar|ane)?|møteplan\w*|møtekalender\w*|møteoversikt\w*|"
    r"møterekke\w*|meeting\s+(?:dates|schedule|calendar|plan)|schedule\s+of\s+meetings|"
    r"(?:hvilke|kva|hva\s+for\s+(?:noen\s+)?)\s*møter|which\s+meetings|what\s+meetings|"
    r"alle\s+møte(?:ne|r)|all\s+(?:the\s+)?meetings|(?:hvilke|what|which)\s+(?:datoer|dates|"
    r"dager|days)|" + _MET + r")\b"
)
# Of those, the questions about meetings held: "når møttes SSU sist", "when did LSU meet".
MET_WHEN = _rx(rf"\b(?:{_MET})\b")
MEETS_WHEN = _rx(
    r"\b(?:when\s+(?:does|do|will)\s+(?:\S+\s+){0,3}?meet|når\s+møte[sr]|"
    r"når\s+skal\s+(?:\S+\s+){0,2}?møtes|når\s+har\s+(?:\S+\s+){0,2}?møter)\b"
)

# Urgent tasks: "har jeg noe som haster", "hva haster", "anything overdue", "what's due soon"
URGENT = _rx(
    r"\b(?:haster|hastar|hast|hastverk|forfalt|forfalte|forfalne|overdue|urgent|urgently|"
    r"late|past\s+due|due\s+(?:soon|this\s+week|next\s+week)|snart\s+frist|frist\s+snart|"
    r"(?:frist|fristen|frister)\s+(?:denne|neste)\s+(?:uka|uken|veka)|"
    r"(?:innen|før)\s+(?:fredag|neste\s+uke|uka\s+er\s+omme)|"
    r"(?:neste|next)\s+(?:\d{1,2}|sju|syv|seven|fem|five|tre|three|ti|ten)\s+(?:dager|days))\b"
)

# Where a meeting is held: "hvor holdes møtet 9. desember", "where is the meeting on 14 December"
WHERE_HELD = _rx(r"^\s*(?:hvor|kor|where)\s+(?:holdes|skal|blir|er|is|will|does|are)\b")
# Asked where a meeting was held: "hvor var møtet i LSU", "where was the last SSU meeting".
WHERE_WAS = _rx(r"^\s*(?:hvor|kor|where)\s+(?:var|ble|vart|was|were|did)\b")
# Only "when is" left around a committee: "når er LSU i mars", "when is SSU"
WHEN_IS = _rx(r"^\s*(?:når|naar|when)\s+(?:er|is|har|has|does|do|blir)\s*(?:neste\s*)?$")
