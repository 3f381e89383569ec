"""Everything Referent says to people, per language (nb default, en). Nowhere else."""

from __future__ import annotations

from datetime import date

LANGUAGES = ("nb", "en")

_MONTHS = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
_WEEKDAYS = {
    "nb": ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

MESSAGES: dict[str, dict[str, str]] = {
    "nb": {
        "help": (
            "Jeg svarer fra møtereferatene til utvalgene.\n"
            "- «Hva ble bestemt om LAR?» — vedtak og konklusjoner, med kilde\n"
            "- «Hvilke oppgaver har jeg?» eller «oppgaver for AU» — oppgaver og frister\n"
            "- «Når er neste SSU-møte?» og «Hva står på sakslisten?»"
        ),
        "greeting": "Hei! Spør meg om vedtak, oppgaver eller neste møte. Skriv «hjelp» for eksempler.",
        "welcome": (
            "Hei, jeg er Referent. Jeg kjenner møtereferatene til utvalgene deres.\n"
            "Spør om vedtak («Hva ble bestemt om LAR?»), oppgaver («Hvilke oppgaver har jeg?») "
            "og møter («Når er neste møte?»).\n"
            "Svarene viser alltid utvalg, møtedato og saksnummer. Skriv «hjelp» for flere eksempler."
        ),
        "error": "Beklager, noe gikk galt hos meg. Prøv igjen om litt.",
        "card.source": "Vis kilde",
        "card.more": "Flere treff",
        "card.due": "Frist",
        "card.owner": "Ansvarlig",
        "card.no_due": "ingen frist",
        "card.task_number": "Oppgave nr.",
        "card.mark_done": "Marker som ferdig",
        "tasks.number": "oppgave {id}",
        "unknown": "Det forsto jeg ikke. Skriv «hjelp» for å se hva du kan spørre om.",
        "decision.current": "Gjeldende vedtak",
        "decision.history": "Saken i tidligere møter",
        "decision.more": "Andre treff",
        "decision.none": "Fant ingen vedtak om «{topic}».",
        "decision.near": "Nærmeste treff:",
        "decision.no_topic": "Hva vil du vite om? Skriv for eksempel «Hva ble bestemt om LAR?».",
        "decision.not_decided": "Ikke vedtatt ennå",
        "status.decided": "vedtak",
        "status.noted": "orientering, ingen vedtak",
        "status.postponed": "utsatt",
        "status.proposed": "forslag, ikke vedtatt ennå",
        "label.proposal": "Forslag til vedtak",
        "case": "sak",
        "source": "Kilde: {document}",
        "source.chat": "Lagt inn i chat av {who}",
        "source.line": "linje {line}",
        "source.page": "side {page}",
        "tasks.mine": "Dine oppgaver ({name}):",
        "tasks.of": "Oppgaver for {name}:",
        "tasks.none": "Ingen åpne oppgaver for {name}.",
        "tasks.who": (
            "Jeg vet ikke hvem du er ennå. Si hvem du er, eller spør «oppgaver for <navn>»."
        ),
        "tasks.unknown_person": "Jeg finner ingen som heter «{name}» i referatene.",
        "tasks.ambiguous": "Flere heter «{name}»: {options}. Hvem mener du?",
        "tasks.due": "frist {due}",
        "tasks.overdue": "forfalt",
        "tasks.done": "ferdig",
        "tasks.via_group": "via {group}",
        "tasks.your_group": "din gruppe",
        "meeting.next": "Neste møte i {committee}: {when}",
        "meeting.none": "Jeg kjenner ikke til noe kommende møte{suffix}.",
        "meeting.none.committee": " i {committee}",
        "meeting.time": "kl. {start}",
        "meeting.time_range": "kl. {start}–{end}",
        "meeting.place": "sted: {location}",
        "agenda.title": "Saksliste for {committee} {when}:",
        "agenda.empty": "Ingen saker er meldt inn til {committee} {when} ennå.",
        "agenda.open_tasks": "Åpne oppgaver i {committee}:",
        "dialog.cancelled": "Avbrutt. Ingenting er lagret.",
        "dialog.gave_up": "Jeg forsto ikke svaret, så jeg avslutter her. Ingenting er lagret. Prøv igjen når du vil.",
        "dialog.nothing_to_cancel": "Det er ingenting å avbryte.",
        "dialog.help_suffix": "Skriv «avbryt» for å avslutte uten å lagre.",
        "identity.unknown": "Jeg finner ingen som heter «{name}» i referatene. Sjekk stavingen, og skriv gjerne hele navnet slik det står der, f.eks. «jeg er Fornavn Etternavn».",
        "identity.which": "Hvem av dem er du: {options}? Svar med nummer eller navn.",
        "identity.help_which": "Svar med nummeret foran navnet ditt (f.eks. «1») eller med navnet slik det står i listen.",
        "identity.not_one_of": "«{name}» er ingen av dem.",
        "identity.confirm": "Skal jeg huske at du er {person}? (ja/nei)",
        "identity.help_confirm": "Svar «ja», så svarer «hvilke oppgaver har jeg?» for {person} fra nå av. Svar «nei» hvis det ikke er deg.",
        "identity.linked": "Greit, nå husker jeg at du er {name}. «Hvilke oppgaver har jeg?» svarer nå for {name}.",
        "identity.not_linked": "Greit, da husker jeg ikke noe. Ingenting er lagret.",
        "identity.no_user": "Denne chatten forteller meg ikke hvem du er, så jeg kan ikke huske det. Ingenting er lagret. Spør gjerne «oppgaver for <navn>» i stedet.",
        "reassign.unknown": "Jeg finner ingen «{name}» i referatene, og en oppgave kan bare gis til en person eller gruppe som står der.",
        "reassign.ask_assignee": "Hvem skal få oppgave {id}? Sjekk stavingen og skriv navnet på nytt, eller «avbryt».",
        "reassign.help_assignee": "Skriv fullt navn («Britt Kveseth»), et fornavn som bare én har, eller en gruppe som «AU». Oppgaven kan bare gis til noen som står i referatene.",
        "yesno.retry": "Svar «ja» eller «nei».",
        "task.ask_description": "Hva er oppgaven? Skriv for eksempel «lage budsjettnotat».",
        "task.help_description": "Beskriv oppgaven med noen ord, f.eks. «sende forespørsel til LSU-ene».",
        "task.ask_assignee": "Hvem skal gjøre det? Skriv navnet på en person eller gruppe (f.eks. «AU»).",
        "task.help_assignee": "Skriv fullt navn («Britt Kveseth»), et fornavn som bare én har, eller en gruppe som «AU».",
        "task.unknown_assignee": "Jeg finner ingen «{name}» i referatene. Sjekk stavingen, eller skriv det samme en gang til for å bruke navnet slik det står.",
        "task.which": "Mener du {options}? Svar med nummer eller navn.",
        "task.which.or": "eller",
        "task.ask_due": "Når er fristen? F.eks. «5. desember», «om to uker» eller «ingen».",
        "task.help_due": "Skriv en dato («5.12», «5. desember»), «fredag», «om to uker», «uke 49» – eller «ingen frist».",
        "task.retry_due": "Det leste jeg ikke som en dato. Prøv f.eks. «5. desember» eller «om to uker», eller skriv «ingen».",
        "task.past_due": "Fristen {due} har allerede vært. Vil du bruke den likevel? (ja/nei)",
        "task.saved": "Lagt inn oppgave {id}: {description} – ansvarlig {assignee}, {due}.",
        "task.saved.no_due": "ingen frist",
        "task.saved.due": "frist {due}",
        "task.unassigned": "ikke angitt",
        "task.not_found": "Jeg finner ingen oppgave {id}.",
        "task.done": "Oppgave {id} er markert som ferdig: {description}.",
        "task.reopened": "Oppgave {id} er åpnet igjen: {description}.",
        "task.postponed": "Ny frist for oppgave {id} ({description}): {due}.",
        "task.reassigned": "Oppgave {id} ({description}) er gitt til {assignee}.",
    },
    "en": {
        "help": (
            "I answer from the committees' minutes.\n"
            "- “What was decided about LAR?” — decisions and conclusions, with their source\n"
            "- “Which tasks are mine?” or “tasks for AU” — action items and deadlines\n"
            "- “When is the next SSU meeting?” and “What's on the agenda?”"
        ),
        "greeting": "Hi! Ask me about decisions, tasks or the next meeting. Type “help” for examples.",
        "welcome": (
            "Hi, I'm Referent. I know your committees' minutes.\n"
            "Ask about decisions (“What was decided about LAR?”), tasks (“Which tasks are "
            "mine?”) and meetings (“When is the next meeting?”).\n"
            "Answers always cite committee, meeting date and case number. Type “help” for more."
        ),
        "error": "Sorry, something went wrong on my side. Please try again shortly.",
        "card.source": "Show source",
        "card.more": "More results",
        "card.due": "Due",
        "card.owner": "Owner",
        "card.no_due": "no due date",
        "card.task_number": "Task no.",
        "card.mark_done": "Mark as done",
        "tasks.number": "task {id}",
        "unknown": "I didn't understand that. Type “help” to see what you can ask.",
        "decision.current": "Current decision",
        "decision.history": "The case in earlier meetings",
        "decision.more": "Other matches",
        "decision.none": "I found no decision about “{topic}”.",
        "decision.near": "Closest matches:",
        "decision.no_topic": "What would you like to know about? Try “What was decided about LAR?”.",
        "decision.not_decided": "Not decided yet",
        "status.decided": "decision",
        "status.noted": "for information, no decision",
        "status.postponed": "postponed",
        "status.proposed": "proposal, not decided yet",
        "label.proposal": "Proposed decision",
        "case": "case",
        "source": "Source: {document}",
        "source.chat": "Added in chat by {who}",
        "source.line": "line {line}",
        "source.page": "page {page}",
        "tasks.mine": "Your tasks ({name}):",
        "tasks.of": "Tasks for {name}:",
        "tasks.none": "No open tasks for {name}.",
        "tasks.who": "I don't know who you are yet. Tell me, or ask “tasks for <name>”.",
        "tasks.unknown_person": "I can't find anyone called “{name}” in the minutes.",
        "tasks.ambiguous": "Several people are called “{name}”: {options}. Which one?",
        "tasks.due": "due {due}",
        "tasks.overdue": "overdue",
        "tasks.done": "done",
        "tasks.via_group": "via {group}",
        "tasks.your_group": "your group",
        "meeting.next": "Next {committee} meeting: {when}",
        "meeting.none": "I don't know of any upcoming meeting{suffix}.",
        "meeting.none.committee": " of {committee}",
        "meeting.time": "at {start}",
        "meeting.time_range": "{start}–{end}",
        "meeting.place": "venue: {location}",
        "agenda.title": "Agenda for {committee} {when}:",
        "agenda.empty": "No cases have been added for {committee} {when} yet.",
        "agenda.open_tasks": "Open tasks in {committee}:",
        "dialog.cancelled": "Cancelled. Nothing was saved.",
        "dialog.gave_up": "I didn't understand the answer, so I'll stop here. Nothing was saved. Try again any time.",
        "dialog.nothing_to_cancel": "There is nothing to cancel.",
        "dialog.help_suffix": "Type “cancel” to stop without saving.",
        "identity.unknown": "I can't find anyone called “{name}” in the minutes. Check the spelling, and try the whole name as the minutes write it, e.g. “I am Firstname Lastname”.",
        "identity.which": "Which of them are you: {options}? Answer with the number or the name.",
        "identity.help_which": "Answer with the number in front of your name (e.g. “1”) or with the name as listed.",
        "identity.not_one_of": "“{name}” is none of them.",
        "identity.confirm": "Shall I remember that you are {person}? (yes/no)",
        "identity.help_confirm": "Answer “yes” and “which tasks are mine?” answers for {person} from now on. Answer “no” if that isn't you.",
        "identity.linked": "OK, I'll remember that you are {name}. “Which tasks are mine?” now answers for {name}.",
        "identity.not_linked": "OK, I won't remember it. Nothing was saved.",
        "identity.no_user": "This chat doesn't tell me who you are, so I can't remember it. Nothing was saved. You can ask “tasks for <name>” instead.",
        "reassign.unknown": "I can't find “{name}” in the minutes, and a task can only be given to a person or group found there.",
        "reassign.ask_assignee": "Who should get task {id}? Check the spelling and type the name again, or “cancel”.",
        "reassign.help_assignee": "Type a full name (“Britt Kveseth”), a first name only one person has, or a group such as “AU”. The task can only go to someone in the minutes.",
        "yesno.retry": "Please answer “yes” or “no”.",
        "task.ask_description": "What is the task? For example “draft the budget note”.",
        "task.help_description": "Describe the task in a few words, e.g. “send the request to the LSUs”.",
        "task.ask_assignee": "Who will do it? Type a person's or a group's name (e.g. “AU”).",
        "task.help_assignee": "Type a full name (“Britt Kveseth”), a first name only one person has, or a group such as “AU”.",
        "task.unknown_assignee": "I can't find “{name}” in the minutes. Check the spelling, or type it again to use the name as written.",
        "task.which": "Do you mean {options}? Answer with the number or the name.",
        "task.which.or": "or",
        "task.ask_due": "When is it due? E.g. “5 December”, “in two weeks” or “none”.",
        "task.help_due": "Type a date (“5 December”, “5.12”), “Friday”, “in two weeks”, “week 49” – or “no due date”.",
        "task.retry_due": "I couldn't read that as a date. Try “5 December” or “in two weeks”, or type “none”.",
        "task.past_due": "The due date {due} has passed. Use it anyway? (yes/no)",
        "task.saved": "Added task {id}: {description} – owner {assignee}, {due}.",
        "task.saved.no_due": "no due date",
        "task.saved.due": "due {due}",
        "task.unassigned": "not set",
        "task.not_found": "I can't find task {id}.",
        "task.done": "Task {id} is marked as done: {description}.",
        "task.reopened": "Task {id} is open again: {description}.",
        "task.postponed": "New due date for task {id} ({description}): {due}.",
        "task.reassigned": "Task {id} ({description}) now belongs to {assignee}.",
    },
}


def text(language: str, key: str, **values: object) -> str:
    catalogue = MESSAGES.get(language, MESSAGES["nb"])
    return catalogue.get(key, MESSAGES["nb"][key]).format(**values)


def format_date(day: date, language: str, *, weekday: bool = False) -> str:
    """ "28. september 2023" / "28 September 2023", optionally with the weekday first."""
    lang = language if language in LANGUAGES else "nb"
    month = _MONTHS[lang][day.month - 1]
    core = f"{day.day}. {month} {day.year}" if lang == "nb" else f"{day.day} {month} {day.year}"
    return f"{_WEEKDAYS[lang][day.weekday()]} {core}" if weekday else core


def short_date(day: date) -> str:
    """Minutes' own style: 28.09.2023."""
    return day.strftime("%d.%m.%Y")
