"""Words of the questions, in the folded alphabet of `text.fold` (æ->ae, ø->o, å->a).

Sets are written with their Norwegian letters for readability and folded on import.
"""

from __future__ import annotations

from types import MappingProxyType

from .text import fold_word


def words(text: str) -> frozenset[str]:
    """A set of words from a string of words, folded."""
    return frozenset(fold_word(w) for w in text.split())


# Key words one typing slip from which a word is read as the key word ("bestem" -> "bestemt").
TYPO_TARGETS = words(
    "bestemt besluttet vedtatt konkludert vedtaket vedtakene beslutning beslutningen "
    "konklusjon konklusjonen oppgaver oppgavene sakslisten saksliste dagsorden dagsordenen "
    "innkallingen skjedde decided decision decisions meeting meetings happened agenda "
    "approved concluded"
)

# ø typed as "oe" (folding reads it as "o" only when typed as ø or o)
RESPELLINGS = MappingProxyType(
    {
        "moete": "mote", "moetet": "motet", "moeter": "moter", "moetes": "motes",
        "moetene": "motene", "gjoere": "gjore", "foelge": "folge", "oensker": "onsker",
        "spoersmal": "sporsmal", "loerdag": "lordag", "soek": "sok",
    }
)  # fmt: skip

FIRST_PERSON = words(
    "jeg eg æ meg mæ min mine mitt mi vi oss vår våre vårt me my mine myself we us our ours"
)
# English "I" is first person only in an English question (Norwegian "i" = in).
FIRST_PERSON_EN_ONLY = frozenset({"i", "i'm", "i've", "i'd"})
POSSESSIVE_FIRST = words("min mine mitt mi vår våre vårt my our")
POSSESSIVE_LINKS = words("sine sin sitt si")  # "Christine sine oppgaver"
# Genitives that are not somebody: "dagens oppgaver", "hans oppgaver" (whose?).
NOT_OWNERS = words(
    "dagens ukens årets månedens morgendagens gårsdagens neste hvis hans hennes deres dens "
    "dets its his her their whose today's alles everyone's everybody's andres others' "
    "hvilkes alle all the du dere de han hun den det you they he she it them him man noen "
    "someone somebody anyone"
)
# Words before a task noun that describe the tasks rather than name an owner ("open tasks").
TASK_ADJECTIVES = words(
    "åpne open nye new gamle old forfalte overdue ferdige done kommende upcoming viktige "
    "important alle all mine my andre other flere more noen some ubesvarte pending aktive "
    "active løpende current gjenstående remaining uløste unresolved"
)
GROUP_WORDS = words("au arbeidsutvalg arbeidsutvalget arbeidsutvalgets")

# Words that ask, link or fill: never a topic by themselves, trimmed off a topic's ends.
QUESTION_WORDS = words(
    "hva va ka kva hvilke hvilken hvilket hvem når hvor hvordan hvorfor åssen koss kor "
    "what whats what's which who whom whose when whens when's where why how how's"
)
FRAME = QUESTION_WORDS | words(
    "ble blei vart blitt blir har hadde er e var være vi dere de du jeg eg man det som noe "
    "noen om egentlig endelig allerede ennå enda også ikke nylig sist fikk fått kommet tatt "
    "fattet fatta gjort gjorde og så jo vel da nå liksom ass altså forresten mon tro "
    "there was were is are am did do does we you they it has have had been ever made taken "
    "so and the a an any some not finally already yet still also get got anything something "
    "ok okei okay bare just please pls takk thanks kanskje maybe mange many"
)
TOPIC_LEAD = words(
    "om for med angående ang ang. vedrørende ved rundt omkring på i mht til av "
    "about on regarding re concerning with in around to of at over for as som "
    "the a an noe noen something anything any"
)
TOPIC_TRAIL = words(
    "da egentlig igjen nå nylig forresten altså liksom ass hittil "
    "again exactly then recently now please pls takk thanks "
    "og and i på in at on for fra from om about med with til to av of the a an som that "
    "møte møtet møter møtene meeting meetings noe noen "
    # "how will X be used", "hvordan skal X organiseres"
    "be used brukes brukt benyttes handled håndteres håndtert organised organized organiseres "
    "organisert finansieres finansiert funded løses løst solved going gone progressing doing "
    "done gjøres work working fungere fungerer virke virker go"
)
# A topic made only of these is no topic ("hva ble bestemt om det?").
TOPIC_STOP = (
    FRAME
    | TOPIC_LEAD
    | TOPIC_TRAIL
    | words(
        "dette denne den disse this that these those it saken sak saker sakene ting things alt "
        "everything all alle der her there here møte møtet møter meeting meetings referat "
        "status nytt news info informasjon updates update hei hi hello hey ja nei yes no ok "
        "okei okay lol test testing heisann hallo takk thanks tusen thank you jepp nope yep "
        "mm hmm hm ehm eh um du deg dere jeg meg vi oss me my we us i neste next siste last "
        "forrige previous gang time meet met møttes møtes"
    )
)

# Words that start a question we did not understand; such a question is no bare topic.
NOT_A_TOPIC_START = QUESTION_WORDS | words(
    "kan kunne skal skulle vil ville må bør burde er har gjør jeg vi du dere de man det "
    "can could will would should shall is are do does did have has i we you they it "
    "hvorfor why ok okay takk thanks ja nei yes no"
)

MEETING_ONLY = words(
    "møte møter møtet møtene møtedato møtedatoer møtedatoene møteplan møteplanen "
    "møtekalender møtekalenderen meeting meetings schedule calendar kommende fremover "
    "framover snart soon upcoming neste next er det noen noe any the is are there når when "
    "hvor where plan planen oversikt over dato datoer dates date og and"
)
MEETING_WORDS = words(
    "møte møter møtet møtene møtedato møtedatoer møtedatoene møteplan møteplanen "
    "møtekalender møtekalenderen meeting meetings"
)

ENGLISH = words(
    """what whats what's when when's which who whom whose why how how's where my the did
    do does is are was were meeting meetings meet decided decide decision decisions tasks
    task about with next last year since this that happened happen owe owes should will
    would please show tell we our us have has been there any all including done items
    action latest top help hello hi hey can you your of on at in and or give list find
    regarding concerning upcoming schedule responsible assigned it its an thanks morning
    good me mine i'm i've agreed approved minutes status news anything something
    assignments assignment open due"""
)
NORWEGIAN = words(
    """hva va ka kva når hvilke hvilken hvilket hvem hvordan hvorfor hvor ble er har jeg eg
    meg min mitt vi oss om på og det som skal neste møte møtet møtes møter oppgaver
    oppgavene vedtak vedtaket bestemt vedtatt besluttet sakslisten saksliste i fjor år
    siden hei hjelp kan du gjøre til med av ikke siste forrige sist sak saken referat da nå
    hos fra inkludert ferdige alle mine sine skjedde god morgen takk dagsorden noe noen var
    være blir også dere de den en et ei gjør må bør kommer mellom står hvilke lurer vet
    status nytt"""
)
