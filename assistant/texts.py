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
        "language.chosen": "Greit, jeg svarer på norsk her fra nå av.",
        "card.sent.decision": "Det kortet er fra meg. Slik står det i referatet nå:\n"
        "**{heading}**\n{outcome}\n\n{source}",
        "card.sent.gone": "Det kortet er fra meg, men saken finnes ikke lenger i referatene.",
        "card.sent.other": (
            "Jeg leser det du skriver, ikke kort. Skriv spørsmålet ditt, "
            "for eksempel «Hva ble bestemt om LAR?»."
        ),
        "card.source": "Vis kilde",
        "card.more": "Flere treff",
        "card.due": "Frist",
        "card.owner": "Ansvarlig",
        "card.no_due": "ingen frist",
        "card.task_number": "Oppgave nr.",
        "card.mark_done": "Marker som ferdig",
        "form.task.title": "Eller fyll ut alt på en gang:",
        "form.task.description": "Oppgave",
        "form.task.assignee": "Ansvarlig (navn eller gruppe)",
        "form.task.due": "Frist",
        "form.task.submit": "Legg inn oppgaven",
        "form.case.heading": "Eller fyll ut alt på en gang:",
        "form.case.committee": "Utvalg",
        "form.case.choose": "Velg utvalg",
        "form.case.title": "Tittel",
        "form.case.title_missing": "Saken må ha en tittel",
        "form.case.description": "Beskrivelse",
        "form.case.kind": "Type sak",
        "form.case.choose_kind": "Velg type",
        "form.case.submit": "Meld inn saken",
        "form.meeting.heading": "Eller fyll ut alt på en gang:",
        "form.meeting.committee": "Utvalg",
        "form.meeting.choose": "Velg utvalg",
        "form.meeting.date": "Dato",
        "form.meeting.start": "Fra kl.",
        "form.meeting.end": "Til kl.",
        "form.meeting.location": "Sted",
        "form.meeting.submit": "Legg inn møtet",
        "card.case": "Sak",
        "tasks.number": "oppgave {id}",
        "unknown": "Det forsto jeg ikke. Skriv «hjelp» for å se hva du kan spørre om.",
        "message.too_long": (
            "Meldingen er for lang ({length} tegn) – jeg leser opptil {limit} tegn. "
            "Skriv spørsmålet kortere, eller importer dokumentet med `referent import`."
        ),
        "decision.current": "Gjeldende vedtak",
        "decision.history": "Saken i tidligere møter",
        "decision.more": "Andre treff",
        "decision.none": "Fant ingen vedtak om «{topic}».",
        "decision.guess": "Jeg er ikke sikker på at jeg forsto spørsmålet, men dette fant jeg i referatene:",
        "decision.outside_period": "Ingen treff om «{topic}» i {period}. Nærmeste treff fra andre tider:",
        "period.before": "før {day}",
        "decision.near": "Nærmeste treff:",
        "decision.no_topic": "Hva vil du vite om? Skriv for eksempel «Hva ble bestemt om LAR?».",
        "decision.not_decided": "Ikke vedtatt ennå",
        "status.decided": "vedtak",
        "status.noted": "orientering, ingen vedtak",
        "status.postponed": "utsatt",
        "status.proposed": "forslag, ikke vedtatt ennå",
        "label.proposal": "Forslag til vedtak",
        "decision.noted": "Bare tatt til orientering (ingen vedtak)",
        "decision.rejected": "Ikke vedtatt – forslaget falt",
        "decision.postponed": "Utsatt – ikke avgjort",
        "decision.withdrawn": "Trukket – ikke avgjort",
        "status.rejected": "forslaget falt, ikke vedtatt",
        "status.withdrawn": "trukket",
        "label.rejected_proposal": "Forslaget som falt",
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
        "task.passed_due": "{passed} er passert – mente du {due}, eller en annen dato?",
        "task.help_passed_due": "Svar «ja» for {due}, skriv en annen dato («15. desember», «om to uker»), «nei» for å skrive fristen på nytt, eller «ingen».",
        "task.retry_passed_due": "Svar «ja» for {due}, eller skriv en annen dato, f.eks. «15. desember».",
        "task.who_are_you": "Jeg vet ikke hvem du er i referatene. Hva heter du?",
        "task.help_who_are_you": "Skriv fullt navn slik referatene har det («Britt Kveseth»). Skriver du «jeg er …» en gang, husker jeg det.",
        "task.saved": "Lagt inn oppgave {id}: {description} – ansvarlig {assignee}, {due}.",
        "task.saved.no_due": "ingen frist",
        "task.saved.due": "frist {due}",
        "task.unassigned": "ikke angitt",
        "task.not_found": "Jeg finner ingen oppgave {id}.",
        "task.done": "Oppgave {id} er markert som ferdig: {description}.",
        "task.reopened": "Oppgave {id} er åpnet igjen: {description}.",
        "task.postponed": "Ny frist for oppgave {id} ({description}): {due}.",
        "task.reassigned": "Oppgave {id} ({description}) er gitt til {assignee}.",
        "case.ask_committee": "Hvilket utvalg skal saken til? Utvalgene er {committees}. Skriv f.eks. «{example}».",
        "case.committee.help": "Skriv kortnavnet eller hele navnet på utvalget, f.eks. «{example}». Utvalgene er {committees}.",
        "case.committee.unknown": "Jeg finner ikke utvalget «{name}». Utvalgene er {committees}. Skriv f.eks. «{example}».",
        "case.committee.which": "Flere utvalg heter «{name}»: {options}. Svar med nummer eller navn.",
        "case.committee.none": "Jeg kjenner ingen utvalg ennå. Importer et møtereferat først, så prøver vi igjen.",
        "case.ask_title": "Hva er tittelen på saken? Skriv f.eks. «Legevaktsamarbeid 2027».",
        "case.help_title": "Skriv en kort tittel slik den skal stå på sakslisten, f.eks. «Budsjett for legevakten».",
        "case.ask_description": "Beskriv saken kort, eller skriv «ingen».",
        "case.help_description": "Én eller to setninger om hva saken gjelder, f.eks. «Forslag om felles legevakt fra 2027». Skriv «ingen» for å hoppe over.",
        "case.ask_kind": "Hva slags sak er det: 1. orientering, 2. diskusjon eller 3. beslutning?",
        "case.help_kind": "Orientering: til informasjon. Diskusjon: utvalget drøfter saken. Beslutning: utvalget skal gjøre vedtak. Svar med ord eller nummer, f.eks. «2» eller «diskusjon».",
        "case.retry_kind": "Svar «orientering», «diskusjon» eller «beslutning» (eller 1, 2, 3). Skriv f.eks. «beslutning».",
        "case.kind.orientering": "orientering",
        "case.kind.diskusjon": "diskusjon",
        "case.kind.beslutning": "beslutning",
        "case.summary": "Ny sak til {committee}:\n- Tittel: {title}\n- Beskrivelse: {description}\n- Type: {kind}\n- Meldt inn av: {by}\n- Møte: {meeting}",
        "case.summary.no_description": "ingen",
        "case.summary.unknown_by": "ikke kjent",
        "case.summary.no_meeting": "{committee} har ikke noe kommende møte, så saken lagres uten møte",
        "case.confirm": "Skal jeg melde inn saken? (ja/nei)",
        "case.help_confirm": "Svar «ja» for å melde inn saken slik den står over, eller «nei» for å la være.",
        "case.not_saved": "Greit, saken er ikke meldt inn. Ingenting er lagret.",
        "case.saved": "Saken «{title}» er meldt inn til møtet i {committee} {meeting}. Den står nå på sakslisten.",
        "case.saved.no_meeting": "Saken «{title}» er meldt inn til {committee}, men uten møte: {committee} har ikke noe kommende møte ennå.",
        "meeting.new.ask_committee": "Hvilket utvalg skal ha møtet? Utvalgene er {committees}. Skriv f.eks. «{example}».",
        "meeting.new.ask_when": "Når er møtet? Skriv dato og gjerne klokkeslett, f.eks. «14. desember kl 13-15».",
        "meeting.new.help_when": "Skriv en dato («14.12», «14. desember», «fredag») og gjerne tid («kl 13-15»). Klokkeslett kan du la være.",
        "meeting.new.retry_when": "Det leste jeg ikke som en dato. Skriv f.eks. «14. desember kl 13» eller «fredag kl 10-12».",
        "meeting.new.past": "Datoen {day} har allerede vært. Vil du bruke den likevel? (ja/nei)",
        "meeting.new.help_past": "Svar «ja» for å bruke datoen, eller «nei» for å skrive en ny.",
        "meeting.new.ask_location": "Hvor skal møtet være? Skriv f.eks. «Grønland 32, Drammen» eller «Teams», eller «ingen».",
        "meeting.new.help_location": "Skriv adresse, rom eller «Teams». Skriv «ingen» hvis stedet ikke er bestemt.",
        "meeting.new.summary": "Nytt møte i {committee}:\n- Tid: {when}\n- Sted: {location}",
        "meeting.new.no_location": "ikke bestemt",
        "meeting.new.confirm": "Skal jeg legge inn møtet? (ja/nei)",
        "meeting.new.help_confirm": "Svar «ja» for å legge inn møtet, eller «nei» for å la være.",
        "meeting.new.not_saved": "Greit, møtet er ikke lagt inn. Ingenting er lagret.",
        "meeting.new.saved": "Lagt inn møte i {committee}: {when}.",
        "meeting.new.existing": "{committee} har allerede et møte {when}. Jeg la ikke inn et nytt.",
        "meeting.move.ask_committee": "Hvilket utvalgs møte skal flyttes? Utvalgene er {committees}. Skriv f.eks. «{example}».",
        "meeting.move.not_found": "Jeg finner ikke noe planlagt møte i {committee} som kan flyttes.",
        "meeting.move.not_found_on": "Jeg finner ikke noe planlagt møte i {committee} {day}.",
        "meeting.move.ask_when": "Når skal møtet være i stedet? Skriv f.eks. «15. desember kl 10».",
        "meeting.move.confirm": "Skal jeg flytte møtet i {committee} {old} til {new}? (ja/nei)",
        "meeting.move.help_confirm": "Svar «ja» for å flytte møtet, eller «nei» for å la det stå.",
        "meeting.move.not_moved": "Greit, møtet er ikke flyttet.",
        "meeting.move.moved": "Flyttet: møtet i {committee} er nå {when}.",
        "meeting.move.gone": "Møtet er ikke lenger planlagt, så jeg kunne ikke flytte det.",
        "and": "og",
        "welcome.channel": (
            "Hei, jeg er Referent. Jeg kjenner møtereferatene til utvalgene.\n"
            "Skriv «abonner på SSU» (med utvalgets navn), så legger jeg ut sakslisten her før "
            "hvert møte. Spør meg gjerne om vedtak, oppgaver og møter."
        ),
        "welcome.subscribed": (
            "Hei, jeg er Referent. Jeg legger ut sakslisten her før hvert {committee}-møte "
            "({offsets} før, kl. {hour}). Endre med «påminnelser 3 dager før kl 10», stopp med "
            "«avslutt abonnement»."
        ),
        "subscribe.done": (
            "Denne samtalen får nå sakslisten før hvert {committee}-møte: {offsets} før, "
            "kl. {hour}. Endre med «påminnelser 3 dager og 1 dag før kl 10», stopp med "
            "«avslutt abonnement»."
        ),
        "subscribe.already": "Denne samtalen får allerede påminnelser for {committee} ({offsets} før, kl. {hour}).",
        "subscribe.unknown": "Jeg kjenner ikke noe utvalg som heter «{name}». Utvalgene jeg kjenner: {known}.",
        "subscribe.ambiguous": "Flere utvalg heter «{name}»: {known}. Skriv hele navnet.",
        "unsubscribe.done": "Stoppet: denne samtalen får ikke lenger påminnelser for {committees}.",
        "unsubscribe.none": "Denne samtalen har ingen påminnelser å stoppe.",
        "reminders.settings.done": "Påminnelsene for {committees} går nå {offsets} før møtet, kl. {hour}.",
        "reminders.settings.none": "Denne samtalen har ingen påminnelser ennå. Skriv først «abonner på» og utvalgets navn, f.eks. «abonner på SSU».",
        "reminders.settings.bad": "Påminnelser kan gå fra 0 til 60 dager før møtet, mellom kl. 07 og 18. Skriv f.eks. «påminnelser 7 dager og 1 dag før kl 09».",
        "reminders.days": "{n} dager",
        "reminders.day": "1 dag",
        "reminders.same_day": "samme dag",
        "reminder.agenda.title": "Påminnelse: {committee}-møte {when}",
        "reminder.agenda.cases": "Saker på sakslisten:",
        "reminder.agenda.no_cases": "Ingen saker er meldt inn ennå. Meld inn med «ny sak».",
        "reminder.agenda.due_before": "Oppgaver med frist før møtet:",
        "reminder.agenda.carried_over": "Uferdige oppgaver fra forrige møte ({date}):",
        "reminder.source.minutes": "Møtet er kunngjort i {source}.",
        "reminder.source.chat": "Møtet ble lagt inn i chat av {source}.",
        "reminder.task.before": "Påminnelse: oppgaven har frist {due}.",
        "reminder.task.due": "Påminnelse: oppgaven har frist i dag.",
        "reminder.task.overdue": "Påminnelse: fristen for oppgaven var {due}.",
        "reminder.task.done": "Ferdig: markert av {who}.",
        "reminder.task.done_anonymous": "Ferdig.",
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
        "language.chosen": "OK, I'll answer in English here from now on.",
        "card.sent.decision": "That card is mine. This is what the minutes say now:\n"
        "**{heading}**\n{outcome}\n\n{source}",
        "card.sent.gone": "That card is mine, but its case is no longer in the minutes.",
        "card.sent.other": (
            "I read what you write, not cards. Type your question, "
            "e.g. “What was decided about LAR?”"
        ),
        "card.source": "Show source",
        "card.more": "More results",
        "card.due": "Due",
        "card.owner": "Owner",
        "card.no_due": "no due date",
        "card.task_number": "Task no.",
        "card.mark_done": "Mark as done",
        "form.task.title": "Or fill it all in at once:",
        "form.task.description": "Task",
        "form.task.assignee": "Owner (name or group)",
        "form.task.due": "Due date",
        "form.task.submit": "Add the task",
        "form.case.heading": "Or fill it all in at once:",
        "form.case.committee": "Committee",
        "form.case.choose": "Choose a committee",
        "form.case.title": "Title",
        "form.case.title_missing": "The case needs a title",
        "form.case.description": "Description",
        "form.case.kind": "Kind of case",
        "form.case.choose_kind": "Choose a kind",
        "form.case.submit": "Submit the case",
        "form.meeting.heading": "Or fill it all in at once:",
        "form.meeting.committee": "Committee",
        "form.meeting.choose": "Choose a committee",
        "form.meeting.date": "Date",
        "form.meeting.start": "From",
        "form.meeting.end": "Until",
        "form.meeting.location": "Venue",
        "form.meeting.submit": "Add the meeting",
        "card.case": "Case",
        "tasks.number": "task {id}",
        "unknown": "I didn't understand that. Type “help” to see what you can ask.",
        "message.too_long": (
            "The message is too long ({length} characters) – I read up to {limit} characters. "
            "Write a shorter question, or import the document with `referent import`."
        ),
        "decision.current": "Current decision",
        "decision.history": "The case in earlier meetings",
        "decision.more": "Other matches",
        "decision.none": "I found no decision about “{topic}”.",
        "decision.guess": "I'm not sure I understood the question, but this is what I found in the minutes:",
        "decision.outside_period": "Nothing about “{topic}” in {period}. The closest matches from other times:",
        "period.before": "before {day}",
        "decision.near": "Closest matches:",
        "decision.no_topic": "What would you like to know about? Try “What was decided about LAR?”.",
        "decision.not_decided": "Not decided yet",
        "status.decided": "decision",
        "status.noted": "for information, no decision",
        "status.postponed": "postponed",
        "status.proposed": "proposal, not decided yet",
        "label.proposal": "Proposed decision",
        "decision.noted": "Only noted (no decision)",
        "decision.rejected": "Not adopted – the proposal was voted down",
        "decision.postponed": "Postponed – not decided",
        "decision.withdrawn": "Withdrawn – not decided",
        "status.rejected": "voted down, not adopted",
        "status.withdrawn": "withdrawn",
        "label.rejected_proposal": "Proposal voted down",
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
        "task.passed_due": "{passed} has passed – did you mean {due}, or another date?",
        "task.help_passed_due": "Answer “yes” for {due}, type another date (“15 December”, “in two weeks”), “no” to type the due date again, or “none”.",
        "task.retry_passed_due": "Answer “yes” for {due}, or type another date, e.g. “15 December”.",
        "task.who_are_you": "I don't know who you are in the minutes. What is your name?",
        "task.help_who_are_you": "Type your full name as the minutes have it (“Britt Kveseth”). Type “I am …” once and I will remember it.",
        "task.saved": "Added task {id}: {description} – owner {assignee}, {due}.",
        "task.saved.no_due": "no due date",
        "task.saved.due": "due {due}",
        "task.unassigned": "not set",
        "task.not_found": "I can't find task {id}.",
        "task.done": "Task {id} is marked as done: {description}.",
        "task.reopened": "Task {id} is open again: {description}.",
        "task.postponed": "New due date for task {id} ({description}): {due}.",
        "task.reassigned": "Task {id} ({description}) now belongs to {assignee}.",
        "case.ask_committee": "Which committee is the case for? The committees are {committees}. For example “{example}”.",
        "case.committee.help": "Type the committee's short or full name, e.g. “{example}”. The committees are {committees}.",
        "case.committee.unknown": "I can't find the committee “{name}”. The committees are {committees}. For example “{example}”.",
        "case.committee.which": "Several committees are called “{name}”: {options}. Answer with the number or the name.",
        "case.committee.none": "I don't know any committees yet. Import some minutes first, then try again.",
        "case.ask_title": "What is the case's title? For example “Out-of-hours service 2027”.",
        "case.help_title": "Type a short title as it should appear on the agenda, e.g. “Budget for the out-of-hours service”.",
        "case.ask_description": "Describe the case briefly, or type “none”.",
        "case.help_description": "A sentence or two on what the case is about, e.g. “Proposal for a joint out-of-hours service from 2027”. Type “none” to skip.",
        "case.ask_kind": "What kind of case is it: 1. information, 2. discussion or 3. decision?",
        "case.help_kind": "Information: for the committee's information. Discussion: the committee discusses it. Decision: the committee is to decide. Answer with the word or the number, e.g. “2” or “discussion”.",
        "case.retry_kind": "Answer “information”, “discussion” or “decision” (or 1, 2, 3). For example “decision”.",
        "case.kind.orientering": "information",
        "case.kind.diskusjon": "discussion",
        "case.kind.beslutning": "decision",
        "case.summary": "New case for {committee}:\n- Title: {title}\n- Description: {description}\n- Kind: {kind}\n- Proposed by: {by}\n- Meeting: {meeting}",
        "case.summary.no_description": "none",
        "case.summary.unknown_by": "unknown",
        "case.summary.no_meeting": "{committee} has no upcoming meeting, so the case is saved without one",
        "case.confirm": "Shall I submit the case? (yes/no)",
        "case.help_confirm": "Answer “yes” to submit the case as shown above, or “no” to leave it.",
        "case.not_saved": "All right, the case was not submitted. Nothing was saved.",
        "case.saved": "The case “{title}” is submitted for the {committee} meeting on {meeting}. It is now on the agenda.",
        "case.saved.no_meeting": "The case “{title}” is submitted to {committee}, but without a meeting: {committee} has no upcoming meeting yet.",
        "meeting.new.ask_committee": "Which committee is meeting? The committees are {committees}. For example “{example}”.",
        "meeting.new.ask_when": "When is the meeting? Type a date and preferably a time, e.g. “14 December 1-3pm”.",
        "meeting.new.help_when": "Type a date (“14 December”, “14.12”, “Friday”) and preferably a time (“13:00-15:00”). The time may be left out.",
        "meeting.new.retry_when": "I couldn't read that as a date. Try “14 December at 1pm” or “Friday 10am-12pm”.",
        "meeting.new.past": "The date {day} has passed. Use it anyway? (yes/no)",
        "meeting.new.help_past": "Answer “yes” to use the date, or “no” to type another.",
        "meeting.new.ask_location": "Where is the meeting? E.g. “Grønland 32, Drammen” or “Teams”, or “none”.",
        "meeting.new.help_location": "Type an address, a room or “Teams”. Type “none” if the venue is not decided.",
        "meeting.new.summary": "New {committee} meeting:\n- When: {when}\n- Venue: {location}",
        "meeting.new.no_location": "not decided",
        "meeting.new.confirm": "Shall I add the meeting? (yes/no)",
        "meeting.new.help_confirm": "Answer “yes” to add the meeting, or “no” to leave it.",
        "meeting.new.not_saved": "All right, the meeting was not added. Nothing was saved.",
        "meeting.new.saved": "Meeting added for {committee}: {when}.",
        "meeting.new.existing": "{committee} already has a meeting on {when}. I didn't add another.",
        "meeting.move.ask_committee": "Which committee's meeting is to be moved? The committees are {committees}. For example “{example}”.",
        "meeting.move.not_found": "I can't find a planned {committee} meeting to move.",
        "meeting.move.not_found_on": "I can't find a planned {committee} meeting on {day}.",
        "meeting.move.ask_when": "When should the meeting be instead? For example “15 December at 10am”.",
        "meeting.move.confirm": "Shall I move the {committee} meeting on {old} to {new}? (yes/no)",
        "meeting.move.help_confirm": "Answer “yes” to move the meeting, or “no” to leave it as it is.",
        "meeting.move.not_moved": "All right, the meeting was not moved.",
        "meeting.move.moved": "Moved: the {committee} meeting is now on {when}.",
        "meeting.move.gone": "The meeting is no longer planned, so I couldn't move it.",
        "and": "and",
        "welcome.channel": (
            "Hi, I'm Referent. I know the committees' minutes.\n"
            "Type “subscribe to SSU” (with the committee's name) and I'll post the agenda here "
            "before each meeting. Ask me about decisions, tasks and meetings any time."
        ),
        "welcome.subscribed": (
            "Hi, I'm Referent. I'll post the agenda here before each {committee} meeting "
            "({offsets} before, at {hour}). Change it with “reminders 3 days before at 10”, stop "
            "it with “unsubscribe”."
        ),
        "subscribe.done": (
            "This conversation now gets the agenda before each {committee} meeting: {offsets} "
            "before, at {hour}. Change it with “reminders 3 days and 1 day before at 10”, stop "
            "it with “unsubscribe”."
        ),
        "subscribe.already": "This conversation already gets reminders for {committee} ({offsets} before, at {hour}).",
        "subscribe.unknown": "I don't know a committee called “{name}”. The committees I know: {known}.",
        "subscribe.ambiguous": "Several committees are called “{name}”: {known}. Type the full name.",
        "unsubscribe.done": "Stopped: this conversation no longer gets reminders for {committees}.",
        "unsubscribe.none": "This conversation has no reminders to stop.",
        "reminders.settings.done": "Reminders for {committees} now go {offsets} before the meeting, at {hour}.",
        "reminders.settings.none": "This conversation has no reminders yet. First type “subscribe to” and the committee, e.g. “subscribe to SSU”.",
        "reminders.settings.bad": "Reminders can go 0 to 60 days before the meeting, between 07:00 and 18:00. For example “reminders 7 days and 1 day before at 09”.",
        "reminders.days": "{n} days",
        "reminders.day": "1 day",
        "reminders.same_day": "the same day",
        "reminder.agenda.title": "Reminder: {committee} meeting {when}",
        "reminder.agenda.cases": "Cases on the agenda:",
        "reminder.agenda.no_cases": "No cases have been added yet. Add one with “new case”.",
        "reminder.agenda.due_before": "Tasks due before the meeting:",
        "reminder.agenda.carried_over": "Unfinished tasks from the previous meeting ({date}):",
        "reminder.source.minutes": "The meeting was announced in {source}.",
        "reminder.source.chat": "The meeting was added in chat by {source}.",
        "reminder.task.before": "Reminder: this task is due {due}.",
        "reminder.task.due": "Reminder: this task is due today.",
        "reminder.task.overdue": "Reminder: this task was due {due}.",
        "reminder.task.done": "Done: marked by {who}.",
        "reminder.task.done_anonymous": "Done.",
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


def format_period(start: date, end: date, language: str) -> str:
    """ "2025", "mars 2025", "1. september 2025 – 30. november 2025"; an open end is today."""
    lang = language if language in LANGUAGES else "nb"
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    if (start.year, start.month) == (end.year, end.month) and start.day == 1:
        following = date(end.year + end.month // 12, end.month % 12 + 1, 1)
        if (following - end).days == 1:
            return f"{_MONTHS[lang][start.month - 1]} {start.year}"
    if start == end:
        return format_date(start, lang)
    if start == date.min:
        return text(lang, "period.before", day=format_date(end, lang))
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def short_date(day: date) -> str:
    """Minutes' own style: 28.09.2023."""
    return day.strftime("%d.%m.%Y")
