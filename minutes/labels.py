"""The words minutes use to label their facts, in one place: header fields and the headings
that are about the meeting rather than an item. Bokmål, nynorsk, English, Swedish, Danish.

Adding a language or a council's own wording is adding words here (with a test beside the
others in tests/minutes/test_header.py), not code."""

from __future__ import annotations

# field -> label spellings (matched case-insensitively at a line's start, before a colon or a
# tab; the longest spelling wins, so "Meldt forfall" beats "Forfall").
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "date": (
        "Møtedato", "Møtedag", "Dato/sted", "Dato og sted", "Tid og sted", "Tid og stad",
        "Dato/tid", "Dato", "Meeting date", "Date of meeting", "Date", "Datum", "Mødedato",
    ),
    "time": (
        "Tidspunkt", "Klokkeslett", "Klokkeslag", "Tid", "Time", "Meeting time", "Tidpunkt",
        "Klokka", "Starttid", "Tidspunkt for møtet",
    ),
    "place": (
        "Møtested", "Møtestad", "Møtelokale", "Sted", "Stad", "Location", "Venue", "Place",
        "Plats", "Lokale", "Mødested", "Where",
    ),
    "meeting": ("Møte", "Utvalg", "Utval", "Organ", "Body", "Committee", "Møtenavn"),
    "present": (
        "Til stede", "Tilstede", "Til stades", "Deltakere", "Deltakarar", "Deltagere", "Møtt",
        "Møtte", "Følgende medlemmer møtte", "Følgende møtte", "Møtende medlemmer",
        "Present", "Members present", "Attendees", "Attendance", "In attendance",
        "Also present", "Also in attendance", "Officials in attendance",
        "Board members in attendance were", "Närvarande", "Deltagare", "Tilstedeværende",
    ),
    "absent": (
        "Meldt forfall", "Forfall", "Frafall", "Ikke til stede", "Ikkje til stades",
        "Ikke møtt", "Ikkje møtt", "Følgende medlemmer hadde forfall", "Apologies", "Absent",
        "Regrets", "Apologies received", "Frånvarande", "Afbud",
    ),
    "substitutes": ("Varamedlemmer", "Varamedlemmar", "Vara", "Substitutes", "Ersättare"),
    "chair": (
        "Møteleder", "Møteleiar", "Leder", "Chair", "Chairperson", "Chairman", "Chaired by",
        "Present in the chair", "In the chair", "Mötesordförande", "Ordförande", "Ordstyrer",
        "Ordstyrar",
    ),
    "secretary": (
        "Referent", "Sekretær", "Protokollfører", "Protokollførar", "Skrivar", "Minute-taker",
        "Minute taker", "Minutes taken by", "Secretary", "Scribe", "Note taker",
        "Sekreterare", "Protokollförare", "Mötessekreterare",
    ),
    "next": ("Neste møte", "Neste møte blir", "Next meeting", "Nästa möte", "Næste møde"),
    "group": ("Arbeidsutvalg", "Arbeidsutvalget"),
}  # fmt: skip

# Labels that may stand without a colon in the header zone ("Dato/sted 28.09.23, …"), with
# their value on the same line; and those whose list follows on the next lines.
COLONLESS = {
    "Møtedato", "Dato/sted", "Dato og sted", "Tidspunkt", "Møteleder", "Referent", "Møtested",
}  # fmt: skip
COLONLESS_EMPTY = {
    "Til stede", "Tilstede", "Forfall", "Frafall", "Present", "Attendees", "Apologies",
    "Absent", "Ikke til stede", "Närvarande",
}  # fmt: skip
# A date labelled so is the meeting's wherever it stands (a PDF's columns may put it in the
# middle of a case); "Dato"/"Date" count only before the first item.
STRONG_DATE_LABELS = {"Møtedato", "Meeting date", "Date of meeting", "Mødedato"}

# Words just before a date that make it some other date than the meeting's.
NOT_THE_MEETING_DATE = (
    "neste møte", "next meeting", "nästa möte", "godkjent", "godkjend", "approved", "publisert",
    "published", "posted", "dated", "datert", "forrige møte", "previous meeting", "utskrevet",
    "printed", "signert", "signed", "justert", "frist", "deadline", "innen", "by", "until",
    "before", "updated", "oppdatert", "sist endret",
)  # fmt: skip
# Words that make an opening line about the meeting (its title or its "held on" sentence).
MEETING_WORDS = (
    "møte", "møtet", "meeting", "minutes", "referat", "protokoll", "møteprotokoll",
    "møtebok", "held", "avholdt", "haldne", "took place", "proceedings", "möte", "protokoll",
    "sammanträde", "mødet", "referat", "notes",
)  # fmt: skip
