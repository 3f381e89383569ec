"""What the Teams app says about itself, in Norwegian (the manifest) and English (en-us.json).

Both languages list the same commands in the same order: the English file addresses the
manifest's strings by position («bots[0].commandLists[0].commands[1].title»).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    title: str  # what Teams puts in the compose box when the command is picked
    description: str


@dataclass(frozen=True, slots=True)
class AppTexts:
    name_short: str
    name_full: str
    description_short: str
    description_full: str
    commands: tuple[Command, ...]
    search_title: str
    search_description: str
    search_parameter_title: str
    search_parameter_description: str


NORWEGIAN = AppTexts(
    name_short="Referent",
    name_full="Referent – møtereferater, vedtak og oppgaver",
    description_short="Svar fra møtereferatene: vedtak, oppgaver og neste møte",
    description_full=(
        "Referent leser møtereferatene til utvalgene i helsefellesskapet (LSU, SSU, OSU, FSU "
        "og andre) og svarer i Teams: hva som ble bestemt i en sak, hvilke oppgaver du og "
        "gruppene dine har fått, og når neste møte er. Hvert svar viser kilden – referat og "
        "linje – så du kan sjekke selv.\n\n"
        "Spør i en personlig chat, i en gruppechat eller i en kanal (nevn @Referent), for "
        "eksempel «hva ble bestemt om LAR?» eller «hvilke oppgaver har jeg?». Fra skrivefeltet "
        "kan du søke i vedtak og dele et vedtak som kort. Referent svarer på norsk eller "
        "engelsk, etter språket i spørsmålet."
    ),
    commands=(
        Command("hjelp", "Hva Referent kan svare på"),
        Command("hva ble bestemt om", "Vedtak om et tema, f.eks. «hva ble bestemt om LAR?»"),
        Command("hvilke oppgaver har jeg?", "Dine oppgaver fra referatene, også gruppenes"),
        Command("når er neste møte?", "Dato, tid og sted for neste møte"),
    ),
    search_title="Søk i vedtak",
    search_description="Finn vedtak i møtereferatene og del dem som kort",
    search_parameter_title="Søkeord",
    search_parameter_description="Tema, sak eller ord fra vedtaket, f.eks. LAR",
)

ENGLISH = AppTexts(
    name_short="Referent",
    name_full="Referent – minutes, decisions and tasks",
    description_short="Answers from your minutes: decisions, tasks and the next meeting",
    description_full=(
        "Referent reads the minutes of your health community's committees (LSU, SSU, OSU, FSU "
        "and others) and answers in Teams: what was decided on a case, which tasks you and "
        "your groups were given, and when the next meeting is. Every answer shows its source – "
        "the minutes and the line – so you can check for yourself.\n\n"
        "Ask in a personal chat, a group chat or a channel (mention @Referent), for example "
        "“what was decided about LAR?” or “what tasks do I have?”. From the compose box you "
        "can search decisions and share one as a card. Referent answers in Norwegian or "
        "English, in the language of the question."
    ),
    commands=(
        Command("help", "What Referent can answer"),
        Command(
            "what was decided about", "Decisions on a topic, e.g. “what was decided about LAR?”"
        ),
        Command("what tasks do I have?", "Your tasks from the minutes, your groups' too"),
        Command("when is the next meeting?", "Date, time and place of the next meeting"),
    ),
    search_title="Search decisions",
    search_description="Find decisions in the minutes and share them as cards",
    search_parameter_title="Search words",
    search_parameter_description="Topic, case or words of the decision, e.g. LAR",
)


# -- Slack (manifest/slack_manifest.py). A Slack manifest holds one language, so each
# language has its own set; the name and short description are the Teams app's own.


@dataclass(frozen=True, slots=True)
class SlackTexts:
    name: str
    description: str
    long_description: str  # Slack: 175 to 4,000 characters
    command_description: str
    command_usage_hint: str
    new_task_name: str  # shortcut names: at most 24 characters
    new_task_description: str
    task_from_message_name: str
    task_from_message_description: str


SLACK_NORWEGIAN = SlackTexts(
    name=NORWEGIAN.name_short,
    description=NORWEGIAN.description_short,
    long_description=(
        "Referent leser møtereferatene til utvalgene i helsefellesskapet (LSU, SSU, OSU, FSU "
        "og andre) og svarer i Slack: hva som ble bestemt i en sak, hvilke oppgaver du og "
        "gruppene dine har fått, og når neste møte er. Hvert svar viser kilden – referat og "
        "linje – så du kan sjekke selv.\n\n"
        "Nevn @Referent i en kanal (svaret kommer i tråden), skriv til Referent direkte, eller "
        "bruk /referent, for eksempel «/referent hva ble bestemt om LAR?». «abonner på SSU» i "
        "en kanal gir sakslisten dit før hvert møte. Referent svarer på norsk eller engelsk, "
        "etter språket i spørsmålet."
    ),
    command_description="Spør om vedtak, oppgaver og neste møte",
    command_usage_hint="hva ble bestemt om LAR? | hvilke oppgaver har jeg? | når er neste møte?",
    new_task_name="Ny oppgave",
    new_task_description="Legg inn en oppgave med ansvarlig og frist",
    task_from_message_name="Lag oppgave fra melding",
    task_from_message_description="En ny oppgave med meldingen som beskrivelse",
)

SLACK_ENGLISH = SlackTexts(
    name=ENGLISH.name_short,
    description=ENGLISH.description_short,
    long_description=(
        "Referent reads the minutes of your health community's committees (LSU, SSU, OSU, FSU "
        "and others) and answers in Slack: what was decided on a case, which tasks you and "
        "your groups were given, and when the next meeting is. Every answer shows its source – "
        "the minutes and the line – so you can check for yourself.\n\n"
        "Mention @Referent in a channel (it answers in the thread), message it directly, or "
        "use /referent, for example “/referent what was decided about LAR?”. “subscribe to "
        "SSU” in a channel sends the agenda there before each meeting. Referent answers in "
        "Norwegian or English, in the language of the question."
    ),
    command_description="Ask about decisions, tasks and the next meeting",
    command_usage_hint="what was decided about LAR? | what tasks do I have? | next meeting?",
    new_task_name="New task",
    new_task_description="Add a task with an owner and a due date",
    task_from_message_name="Task from message",
    task_from_message_description="A new task with the message as its description",
)

SLACK_TEXTS = {"nb": SLACK_NORWEGIAN, "en": SLACK_ENGLISH}
