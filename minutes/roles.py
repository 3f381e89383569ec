"""The words minutes use for the roles inside an item: the adopted decision, the proposal, the
treatment, the vote and its outcome. Bokmål (nb), nynorsk (nn), English (en), Swedish (sv),
Danish (da).

Everything here is data: a table per role, each with one row per language. Adding a language or
a body's own wording is adding words here (with a short body in tests/minutes/test_roles.py),
not code. minutes/role_patterns.py compiles the tables; minutes/decisions.py uses them.

Notation (all matching ignores case; a space matches any run of white space):
- Label tables hold whole labels. A label heads its text: alone on a line ("Vedtak"), or followed
  by ":" / " – " and the text on the same line ("Decision: …"). A label written with a final
  ":" must have the colon ("Att:", "Agreed:"): without it the word is ordinary prose.
  `{owner}` is a genitive word ("Formannskapets", "Kommunedirektørens"); `{body}` is the name of
  a body or meeting, one to five words ("kommunestyret", "administrasjonsutvalget").
- Phrase tables hold small regular expressions (alternatives in "(…|…)", optional parts "?"),
  no unbounded repeats, matched as whole words anywhere in a sentence ("^" = at its start).
  `{n}` is a number, `{count}` a number or a number word ("three"), `{ordinal}` an ordinal
  ("andra", "second"), `{collective}` the body acting as one (COLLECTIVE_SUBJECTS).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- labels

# The adopted decision: its text follows the label.
DECISION_LABELS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Vedtak", "Enstemmig vedtak", "Endelig vedtak", "{owner} vedtak", "Vedtak i {body}",
        "Konklusjon", "Konklusjoner", "Beslutning", "Beslutninger", "Avgjørelse",
    ),
    "nn": (
        "Vedtak", "Samrøystes vedtak", "Endeleg vedtak", "{owner} vedtak", "Vedtak i {body}",
        "Konklusjon", "Avgjerd",
    ),
    "en": (
        "Decision", "Decisions", "Decision made", "Decisions made", "Resolved",
        "And resolved", "It was resolved", "Resolution", "Resolutions", "Agreed:",
        "Conclusion:", "Conclusions:", "Outcome", "Result", "Decided:", "Consented decisions",
    ),
    "sv": ("Beslut", "{owner} beslut", "Beslutat", "Beslutades:", "Slutsats", "Mötet beslutade",
           "Resultat:", "Utfall:"),
    "da": ("Beslutning", "{owner} beslutning", "Afgørelse", "Konklusion", "Besluttet:",
           "Resultat:", "Udfald:"),
}  # fmt: skip

# Decision labels that announce how a vote went rather than what was decided ("Outcome:
# Approved, 8 to 4"): an approval under them adopts the item's proposal, which may be named only
# by the item's title.
OUTCOME_LABELS: tuple[str, ...] = ("outcome", "result", "resultat", "utfall", "udfald")

# A proposal: a recommendation to the body, a motion, an amendment. Never the decision by itself.
PROPOSAL_LABELS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Innstilling", "{owner} innstilling", "Innstilling fra {body}", "Forslag til vedtak",
        "{owner} forslag til vedtak", "Forslag til vedtak i {body}",
        "Forslag til vedtak fra {body}",
        "{owner} forslag til vedtak i {body}", "Tilråding", "Tilrådning", "{owner} tilråding",
        "Forslag:", "Alternativt forslag", "Tilleggsforslag", "Endringsforslag",
    ),
    "nn": (
        "Innstilling", "Tilråding", "{owner} tilråding", "Framlegg til vedtak",
        "{owner} framlegg til vedtak", "Framlegg til vedtak i {body}", "Framlegg:",
        "Tilleggsframlegg", "Endringsframlegg",
    ),
    "en": (
        "Recommendation", "Recommendations", "{owner} recommendation", "Proposal:",
        "Proposed resolution", "Proposed decision", "Draft resolution", "Draft decision",
        "Motion", "Motion:", "Amendment:", "Wording:", "Vote required:",
    ),
    "sv": (
        "Förslag", "Förslag till beslut", "{owner} förslag", "Förslag från {body}",
        "Beslutsförslag", "Attsatser", "Att-satser", "Att:", "Yrkande", "Yrkanden",
    ),
    "da": (
        "Indstilling", "{owner} indstilling", "Forslag til beslutning", "Forslag til vedtagelse",
        "Beslutningsforslag", "Forslag:",
    ),
}  # fmt: skip

# Proposal labels that name the recommendation put to the body (the case paper's own proposal),
# as opposed to a member's motion or amendment. Matched against the start of a found label.
RECOMMENDATION_WORDS: tuple[str, ...] = (
    "innstilling", "forslag til vedtak", "tilråding", "tilrådning", "framlegg til vedtak",
    "recommendation", "proposed resolution", "proposed decision", "draft resolution",
    "draft decision", "förslag till beslut", "beslutsförslag", "indstilling",
    "forslag til beslutning", "forslag til vedtagelse",
)  # fmt: skip

# A caption over a list that belongs to the label before it ("Beslut" / "Förslag" then
# "Attsatser:"); standing alone it heads a proposal.
LIST_CAPTIONS: tuple[str, ...] = ("attsatser", "att-satser")

# An answer to a member's question: the officials' reply, never a decision of the body. Its
# paragraph is skipped.
REPLY_LABELS: dict[str, tuple[str, ...]] = {
    "nb": ("Svar",),
    "nn": ("Svar",),
    "en": ("Reply", "Response", "Answer"),
    "sv": ("Svar",),
    "da": ("Svar",),
}

# The treatment (debate, amendments, votes). Its text is where outcomes are written.
TREATMENT_LABELS: dict[str, tuple[str, ...]] = {
    "nb": ("Behandling", "{owner} behandling", "Behandling i {body}", "Drøfting", "Diskusjon",
           "Debatt", "Saksbehandling"),
    "nn": ("Handsaming", "{owner} handsaming", "Behandling", "Drøfting", "Diskusjon"),
    "en": ("Discussion", "Discussion points", "Deliberation", "Debate", "Notes"),
    "sv": ("Diskussion", "Behandling", "Anteckningar", "Överläggning"),
    "da": ("Behandling", "Drøftelse", "Diskussion"),
}  # fmt: skip

# A line that heads the treatment of one case inside a protocol ("Formannskaps behandling av sak
# 1/2026 i møte den 29.01.2026:"): a header, never an item or a decision. Found anywhere in a line.
TREATMENT_HEADERS: dict[str, tuple[str, ...]] = {
    "nb": (r"\w{1,60}s behandling av sak {n}",),
    "nn": (r"\w{1,60}s handsaming av sak {n}", r"\w{1,60}s behandling av sak {n}"),
    "en": (r"consideration of item {n}",),
    "sv": (r"\w{1,60}s behandling av ärende {n}",),
    "da": (r"\w{1,60}s behandling af sag {n}",),
}

# A vote's record: the counts follow (inline or on the next lines).
VOTE_LABELS: dict[str, tuple[str, ...]] = {
    "nb": ("Avstemming", "Avstemning", "Votering", "Stemmegivning"),
    "nn": ("Røysting", "Avrøysting", "Votering"),
    "en": ("Voting", "Vote", "Votes", "Vote result", "Result of the vote"),
    "sv": ("Omröstning", "Röstning", "Votering"),
    "da": ("Afstemning",),
}

# The sections of a case paper that follow its proposal: background, never a decision.
SECTION_LABELS: dict[str, tuple[str, ...]] = {
    "nb": (
        "Bakgrunn", "Saksopplysninger", "Saksutredning", "Saksframstilling", "Saksframlegg",
        "Saksvurdering", "Saksvurderinger", "Vurdering", "Vurderinger", "Vedlegg",
        "Økonomiske konsekvenser", "Hjemmel", "Saken gjelder", "Sammendrag", "Eventuelt",
        "Tidligere vedtak", "Tidligere vedtak i saken", "Tidligere behandling", "Historikk",
    ),
    "nn": ("Saksopplysningar", "Saksutgreiing", "Vurderingar", "Økonomiske konsekvensar",
           "Tidlegare vedtak", "Tidlegare handsaming"),
    "en": ("Background", "Attachments", "Appendix", "Financial implications", "Rationale",
           "Previous decisions", "Previous resolutions", "History"),
    "sv": ("Bakgrund", "Bilagor", "Bilaga", "Ärendebeskrivning", "Motivering", "Tidigare beslut"),
    "da": ("Baggrund", "Sagsfremstilling", "Bilag", "Økonomi", "Tidligere beslutninger"),
}  # fmt: skip

# Words that head a count in a vote ("For: 21", "Mot: 2", "Against" with names below).
TALLY_WORDS: dict[str, tuple[str, ...]] = {
    "nb": ("For", "Mot", "Imot", "Avholdende", "Blanke", "Blank"),
    "nn": ("For", "Mot", "Imot", "Avhaldande"),
    "en": ("For", "Against", "Abstentions", "Abstention", "Abstained", "In favour", "In favor",
           "Opposed"),
    "sv": ("För", "Emot", "Ja", "Nej", "Avstår", "Avstod", "Nedlagda"),
    "da": ("Imod", "Undlod", "Hverken for eller imod"),
}  # fmt: skip

# --------------------------------------------------------------------------- markers

# A sentence that ends in ":" and introduces the adopted decision on the next lines.
DECISION_MARKERS: dict[str, tuple[str, ...]] = {
    "nb": (r"(fattet|fatta|gjorde) (slik|slikt|følgende|enstemmig) vedtak",
           r"følgende (\w{1,20} )?(vedtak|tilleggsforslag|endringsforslag|forslag) ble "
           r"(enstemmig )?vedtatt",
           r"det ble (enstemmig )?enighet om følgende", r"(ble )?enige om følgende"),
    "nn": (r"(gjorde|fatta) (slikt|følgjande|samrøystes) vedtak",),
    "en": (r"the following (resolution|motion|decision)s? (was|were) (unanimously )?"
           r"(adopted|passed|agreed|carried)",
           r"(and|it was) (unanimously )?resolved", r"resolved as follows", r"agreed as follows",
           r"the following was (unanimously )?(agreed|decided|resolved)"),
    "sv": (r"(beslutade|beslöt) (styrelsen|stämman|mötet) (följande|att)",
           r"följande beslut fattades"),
    "da": (r"traf følgende beslutning", r"følgende blev vedtaget"),
}  # fmt: skip

# A sentence that ends in ":" and introduces a proposal on the next lines.
PROPOSAL_MARKERS: dict[str, tuple[str, ...]] = {
    "nb": (r"(fremmet|fremma|la fram|satte fram) (følgende|slikt|et) (alternative |alternativt )?"
           r"(forslag|tilleggsforslag|endringsforslag|utsettelsesforslag)",
           r"(fremmet|fremma) (følgende|slikt) (omforente )?(forslag|tilleggsforslag)"),
    "nn": (r"(fremja|sette fram|la fram) (følgjande|slikt) (framlegg|tilleggsframlegg|forslag)",),
    "en": (r"(proposed|seconded|moved) .{0,200} as follows",
           r"moved the following (motion|amendment)",
           r"the (motion|proposal|amendment) (read|reads|was) as follows"),
    "sv": (r"(yrkade|föreslog|lade fram) följande", r"följande (yrkande|förslag)"),
    "da": (r"(fremsatte|stillede) følgende (forslag|ændringsforslag)",),
}  # fmt: skip

# Who moved and seconded: a resolution that follows them was a motion, so it is the proposal too.
MOVER_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"(foreslått|fremmet) av", r"etter forslag fra"),
    "nn": (r"(føreslått|fremja) av",),
    "en": (r"(proposed|moved|seconded) by", r"on the (proposal|motion) of"),
    "sv": (r"(yrkat|föreslaget) av", r"på förslag av"),
    "da": (r"(foreslået|stillet) af",),
}

# An item whose title says it is a report, a briefing or news is only noted unless it has a
# labelled decision: the sentences of a report ("The request is approved") tell what happened
# elsewhere. Matched against the first words of the title.
REPORT_TITLES: dict[str, tuple[str, ...]] = {
    "nb": ("orientering", "orienteringer", "orienteringssak", "orienteringssaker", "informasjon",
           "rapport", "rapporter", "meldinger", "referatsaker", "status"),
    "nn": ("orientering", "orienteringssak", "informasjon", "rapport", "meldingar"),
    "en": ("report", "reports", "update", "updates", "presentation", "information", "briefing",
           "activities", "finances", "financial", "news", "status"),
    "sv": ("rapport", "rapporter", "information", "meddelanden", "verksamhetsrapport"),
    "da": ("orientering", "meddelelser", "beretning", "status"),
}  # fmt: skip

# "Dette ble satt opp mot:": the next proposal is an alternative to the last one.
VERSUS_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"dette ble satt opp mot", r"satt opp mot hverandre", r"alternativ votering"),
    "nn": (r"dette vart sett opp mot",),
    "en": (r"this was put against", r"put to the vote against"),
    "sv": (r"detta ställdes mot", r"ställdes mot varandra"),
    "da": (r"dette blev stillet op over for",),
}

# The first or last line of a proposal that says who stands behind it, not what it says.
ATTRIBUTION_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"forslag (fremmet )?(fra|av)", r"fra (?-i:[A-ZÆØÅ]{1,5})\b", r"på vegne av"),
    "nn": (r"framlegg frå", r"på vegner av"),
    "en": (r"on behalf of", r"(proposed|moved|submitted|seconded) by"),
    "sv": (r"förslag från", r"yrkande från", r"på uppdrag av"),
    "da": (r"forslag fra", r"på vegne af"),
}

# --------------------------------------------------------------------------- outcomes

# What an outcome sentence says was voted on. Kinds: recommendation (the case's own proposal),
# proposal (the last one put forward; "this", "it"), addition, all (every point), numbered.
PROPOSAL_OBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "recommendation": {
        "nb": ("innstillingen", "innstilling", "forslag til vedtak", "forslaget til vedtak",
               "tilrådingen", "tilrådningen", "kommunedirektørens forslag"),
        "nn": ("innstillinga", "tilrådinga", "framlegg til vedtak", "framlegget til vedtak"),
        "en": ("the recommendation", "recommendation", "the officer's recommendation",
               "the proposed resolution"),
        "sv": ("förslaget till beslut", "beslutsförslaget"),
        "da": ("indstillingen",),
    },
    "numbered": {
        "nb": ("forslag {n}", "forslag nr\\.? {n}", "alternativ {n}"),
        "nn": ("framlegg {n}", "forslag {n}"),
        "en": ("proposal {n}", "option {n}", "amendment {n}"),
        "sv": ("förslag {n}", "attsats {n}", "den {ordinal} attsatsen", "{ordinal} attsatsen",
               "den {ordinal} att-satsen"),
        "da": ("forslag {n}",),
    },
    "all": {
        "nb": ("alle forslagene", "samtlige forslag"),
        "nn": ("alle framlegga",),
        "en": ("all (the )?proposals", "all (the )?recommendations"),
        "sv": ("samtliga attsatser", "samtliga att-satser", "alla attsatser", "attsatserna"),
        "da": ("alle forslagene",),
    },
    "addition": {
        "nb": ("tilleggsforslaget", "tilleggsforslag", "endringsforslaget", "endringsforslag"),
        "nn": ("tilleggsframlegget", "endringsframlegget"),
        "en": ("the amendment", "amendment"),
        "sv": ("tilläggsyrkandet", "ändringsyrkandet"),
        "da": ("ændringsforslaget", "tillægsforslaget"),
    },
    "proposal": {
        "nb": ("forslaget", "saken", "det", "dette"),
        "nn": ("framlegget", "forslaget", "saka", "dette"),
        "en": ("the proposal", "the motion", "the resolution", "this", "it", "that", "same"),
        "sv": ("attsatsen", "att-satsen", "attsats", "förslaget", "motionen", "propositionen",
               "yrkandet"),
        "da": ("forslaget", "sagen"),
    },
}  # fmt: skip

# Words between the object and the verb: "ble", "was", "blev" …
AUXILIARIES: dict[str, tuple[str, ...]] = {
    "nb": ("ble", "blei", "blir", "er", "har blitt"),
    "nn": ("vart", "vert", "blei", "er"),
    "en": ("was", "is", "were", "are", "has been", "have been", "being"),
    "sv": ("blev", "är", "har", "har blivit", "har varit"),
    "da": ("blev", "er", "bliver"),
}

# How a vote went, written beside the verb: "enstemmig", "unanimously".
MANNER_WORDS: dict[str, tuple[str, ...]] = {
    "nb": ("enstemmig", "enstemt", "ved akklamasjon", "mot {n} stemmer", "med {n} mot {n} stemmer",
           "med {n} stemmer"),
    "nn": ("samrøystes", "med {n} mot {n} røyster"),
    "en": ("unanimously", "by acclamation", "nem\\.? con\\.?", "without objection",
           "by {n} votes? to {n}", "{n} to {n}", "by an? {n}-{n} vote"),
    "sv": ("enhälligt", "med acklamation", "utan omröstning"),
    "da": ("enstemmigt", "enstemmig"),
}  # fmt: skip

NEGATIONS: dict[str, tuple[str, ...]] = {
    "nb": ("ikke",),
    "nn": ("ikkje",),
    "en": ("not",),
    "sv": ("inte", "ej"),
    "da": ("ikke",),
}

# The verb that says a proposal was adopted …
ADOPTED_VERBS: dict[str, tuple[str, ...]] = {
    "nb": ("vedtatt", "vedtas", "godkjent", "godkjennes", "tiltrådt", "tiltres", "bifalt",
           "enstemmig vedtatt", "enstemmig for"),
    "nn": ("vedteke", "vedteken", "vedtekne", "vedtatt", "vedtas", "godkjent", "godkjend",
           "samrøystes vedteke"),
    "en": ("accepted", "adopted", "approved", "carried", "agreed", "passed", "ratified",
           "agreed to", "approved unanimously", "adopted unanimously", "carried unanimously"),
    "sv": ("bifalles", "bifölls", "bifallen", "godkänd", "godkänt", "godkända", "godkändes",
           "godkänns", "antogs", "antas", "fastställs", "fastställdes", "fastställd"),
    "da": ("vedtaget", "vedtages", "godkendt", "godkendes", "tiltrådt"),
}  # fmt: skip

# … or voted down.
REJECTED_VERBS: dict[str, tuple[str, ...]] = {
    "nb": ("falt", "forkastet", "nedstemt", "avvist", "ikke vedtatt", "ikke godkjent",
           "avslått"),
    "nn": ("fall", "forkasta", "ikkje vedteke", "ikkje godkjent"),
    "en": ("rejected", "defeated", "lost", "fell", "voted down", "not accepted", "not adopted",
           "not approved", "not carried", "not agreed", "declined"),
    "sv": ("avslås", "avslogs", "avslaget", "föll", "inte godkänd", "ej godkänd", "inte bifallen",
           "röstades ner"),
    "da": ("forkastet", "faldt", "ikke vedtaget", "ikke godkendt", "nedstemt"),
}  # fmt: skip

# An outcome written on its own, without saying what it applies to: "Approved unanimously.",
# "Godkjent", "Enstemmig for", "Agenda OK". It adopts the proposal when there is one; else the
# line itself is the decision. Only these words (plus manner words and votes) may be on the line.
BARE_APPROVALS: dict[str, tuple[str, ...]] = {
    "nb": ("godkjent", "godkjennes", "vedtatt", "vedtas", "enstemmig vedtatt", "enstemmig for",
           "tiltrådt", "ok", "enighet"),
    "nn": ("godkjent", "godkjend", "vedteke", "samrøystes vedteke", "ok"),
    "en": ("approved", "agreed", "carried", "adopted", "accepted", "passed", "ratified",
           "motion carried", "ok", "consensus", "no objections?,? agreed", "so resolved"),
    "sv": ("bifalles", "bifallet", "godkänd", "godkänt", "godkänns", "antogs", "fastställs",
           "attsatsen bifalles", "attsats bifalles", "ok"),
    "da": ("godkendt", "vedtaget", "tiltrådt", "ok"),
}  # fmt: skip

BARE_REJECTIONS: dict[str, tuple[str, ...]] = {
    "nb": ("forkastet", "falt", "ikke vedtatt", "ikke godkjent", "nedstemt"),
    "nn": ("forkasta", "ikkje vedteke"),
    "en": ("rejected", "not approved", "not agreed", "not carried", "not accepted", "defeated",
           "motion lost", "motion defeated"),
    "sv": ("avslogs", "inte bifallen", "ej bifallen"),
    "da": ("forkastet", "ikke vedtaget"),
}  # fmt: skip

# Taken for information only: a sentence that says so makes the item NOTED.
NOTED_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"til orientering", r"til etterretning", r"til vitende"),
    "nn": (r"til orientering", r"til vitande", r"til etterretning"),
    "en": (r"(was|were|is|are|been|be) (duly )?noted",
           r"^(the )?(members|committee|board|council|meeting|group) noted", r"^noted\b",
           r"received and noted", r"taken as having been dealt with", r"for information only",
           r"(was|were) received for information"),
    "sv": (r"till handlingarna", r"noterades", r"antecknades"),
    "da": (r"til efterretning", r"til orientering"),
}  # fmt: skip

# A decision whose first sentence only takes note ("… tas til orientering"). Taking a report
# "til etterretning" is a decision of its own; taking a briefing so is only noting it.
NOTED_DECISIONS: dict[str, tuple[str, ...]] = {
    "nb": (r"til orientering", r"til vitende",
           r"(orientering|informasjon|redegjørelse)\w{0,4} .{0,60}til etterretning"),
    "nn": (r"til orientering", r"til vitande",
           r"(orientering|informasjon)\w{0,4} .{0,60}til etterretning"),
    "en": (r"\b(be|is|was|were) (duly )?noted\b", r"^noted\b", r"for information\b"),
    "sv": (r"till handlingarna", r"\bnoteras\b"),
    "da": (r"til efterretning", r"til orientering"),
}  # fmt: skip

POSTPONED_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"utsatt", r"utsettes", r"bordlagt", r"bordlegges", r"motsatte seg å fatte vedtak",
           r"utsettelse av saken"),
    "nn": (r"utsett", r"utsetjast", r"utsatt", r"utsettast"),
    "en": (r"(be|was|were|is|been|being) (\w{1,20} )?(deferred|postponed|held over|adjourned to)",
           r"agreed to (defer|postpone)", r"^(deferred|postponed)\b", r"deferral of",
           r"(deferred|postponed) (the )?(item|items|motion|question|matter|consideration)\b",
           # taken off the meeting: "let's move this to an async discussion"
           r"(move|moved|take|taken) (this|it|the (item|topic|discussion|matter|question)) "
           r"(to|into) (an? )?(async|asynchronous) (discussion|vote|poll|decision|approval)",
           r"(take|taken|took) (this|it|the (item|topic|discussion|matter|question)) offline"),
    "sv": (r"bordläggs", r"bordlades", r"bordlagt", r"skjuts upp", r"sköts upp", r"ajourneras"),
    "da": (r"udsat", r"udsættes", r"udskudt"),
}  # fmt: skip

WITHDRAWN_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"(saken|forslaget|søknaden|klagen|spørsmålet|interpellasjonen|den|det|punktet) "
           r"(ble |er |blir )?(trukket|trekkes)", r"trukket fra sakslisten", r"^trukket\b"),
    "nn": (r"(saka|framlegget|søknaden|spørsmålet) (vart |er )?(trekt|trekt tilbake)", r"^trekt\b"),
    "en": (r"(item|motion|proposal|question|application|matter|it|notice of motion) "
           r"(was |has been |is |were )?withdrawn", r"withdrew (the|his|her|their) "
           r"(motion|item|proposal|question|application)", r"^withdrawn\b"),
    "sv": (r"(ärendet|motionen|förslaget|propositionen|yrkandet) (drogs tillbaka|har dragits "
           r"tillbaka|återkallades|återtogs)", r"^återtaget\b"),
    "da": (r"(sagen|forslaget) (blev |er )?trukket( tilbage)?",),
}  # fmt: skip

# --------------------------------------------------------------------------- free sentences

# A sentence in which the body decides, when nothing is labelled. `{collective}` is the body
# acting as one ("the Board", "utvalget", "LSU", "we"); a single person agreeing is no decision.
AGREEMENT_SENTENCES: dict[str, tuple[str, ...]] = {
    "nb": (r"det (ble|var) (enstemmig )?(vedtatt|besluttet|bestemt|enighet)",
           r"(vedtok|besluttet|bestemte) (at|å)", r"vedtok", r"(sluttet|slutter) seg til",
           r"ble enige om", r"{collective} ber", r"oppfordres (til|om)", r"bes (om )?å"),
    "nn": (r"vedtok", r"{collective} ber", r"det vart (samrøystes )?(vedteke|bestemt|semje)"),
    "en": (r"it was (unanimously |further |also |then )?(agreed|decided|resolved|determined)",
           r"^(be it )?(further )?resolved,? that",
           r"{collective} (unanimously |formally |then )?(agreed|decided|resolved) "
           r"(to|that|on|upon)",
           r"{collective} (unanimously )?agreed\.?$", r"agreed by all",
           r"(?<!\bi\s)(?<!\bi've\s)(?<!\bi\shave\s)decide[sd] (to|that)",
           r"no objections? (to|for)",
           r"consensus (was|to|that)",
           # Notes without a subject: "Agreed to meet monthly.", "…; accepting the only
           # proposal received" — not "Accepting it would mean …" (the gerund as a subject).
           r"^agreed (to|that|on|upon)",
           r"(^|(?<=;)|(?<=;\s))(accepting|approving|adopting) (?![^.;,]{0,80}\b(would|could|might|"
           r"should|means?|meant|requires?|required|is|was|are|were|will)\b)(the|an?|only|this|"
           r"that|these|those|both|all|its|his|her|their|our)"),
    "sv": (r"beslutades", r"beslöts", r"{collective} (beslutar|beslutade|beslöt) (att|om)"),
    "da": (r"det blev besluttet", r"{collective} besluttede"),
}  # fmt: skip

# The body setting a rule for itself from now on ("FU vil fra nå kreve oppmøte", "The Board will
# henceforth publish …"): a decision. (A table of its own: its modal verbs are too common a key
# for the large table above.)
STANDING_RULE_SENTENCES: dict[str, tuple[str, ...]] = {
    "nb": (r"{collective} (vil|skal) (fra nå( av)?|heretter|fra og med nå)",),
    "nn": (r"{collective} (vil|skal) (frå no( av)?|heretter)",),
    "en": (r"{collective} (will|shall) (from now on|henceforth)",),
    "sv": (r"{collective} (ska|kommer att) (från och med nu|hädanefter)",),
    "da": (r"{collective} vil (fra nu af|fremover)",),
}  # fmt: skip

# A sentence that records a result: something was approved, chosen or set ("Referatet ble
# godkjent", "Lars Hupel was ratified"). In a report or a reply this is news from elsewhere.
RESULT_SENTENCES: dict[str, tuple[str, ...]] = {
    "nb": (r"(ble|blir|er|var) (enstemmig )?(godkjent|vedtatt|besluttet|bestemt|valgt|satt til)",
           r"godkjennes", r"vedtas", r"velges", r"godkjent ved akklamasjon"),
    "nn": (r"(vart|er|blei) (samrøystes )?(godkjend|godkjent|vedteke|vedtatt|valt|einige)",
           r"godkjennast", r"vedtakast"),
    "en": (r"(was|were) (unanimously |duly )?(adopted|approved|agreed|carried|ratified|accepted)",
           r"and (unanimously )?(adopted|approved|agreed|carried)", r"(approved|agreed|accepted)$"),
    "sv": (r"(blev|är|har blivit) (enhälligt )?(godkänd|godkänt|godkända|beslutad|beslutat|vald|"
           r"valda|antagen|antaget)", r"väljs (till|in)", r"fastställs", r"bifalles"),
    "da": (r"blev (enstemmigt )?(godkendt|vedtaget|besluttet|valgt)", r"godkendes", r"vedtages"),
}  # fmt: skip

# The body acting as one, for {collective} above. Upper-case abbreviations ("LSU", "FU") count too.
COLLECTIVE_SUBJECTS: dict[str, tuple[str, ...]] = {
    "nb": ("utvalget", r"\w{0,30}utvalg(et)?", "styret", "møtet", "komiteen", "rådet", "gruppen",
           "arbeidsgruppen", "formannskapet", "kommunestyret", "vi", "alle", "partene"),
    "nn": ("utvalet", "styret", "møtet", "gruppa", "vi", "alle"),
    "en": ("the board", "the committee", "the council", "the members", "members", "the group",
           "group", "board", "committee",
           "the working group", "the meeting", "the panel", "all", "everyone", "we", "the wg",
           "the subcommittee", "the steering committee"),
    "sv": ("styrelsen", "stämman", "mötet", "gruppen", "vi", "alla"),
    "da": ("udvalget", "bestyrelsen", "mødet", "vi", "alle"),
}  # fmt: skip

# A sentence that puts a proposal forward; its text is the proposal, never a decision.
PROPOSAL_SENTENCES: dict[str, tuple[str, ...]] = {
    "nb": (r"\b(foreslo|foreslår|fremmet forslag om|la fram forslag om) (at|å)\b",),
    "nn": (r"\b(gjorde framlegg om|føreslo|føreslår) (at|å)\b",),
    "en": (r"\bi (will )?move\b", r"\bwe (will )?move (at the next|that)\b", r"^i propose\b",
           r"\b(proposes|proposed|suggests|suggested) (that|to|we)\b",
           r"\b(the )?(board|committee|council|members|group) (was|were) asked to\b",
           r"^(the |initial |new |revised )?proposal (is to|of)\b"),
    "sv": (r"\b(föreslår|föreslog|yrkar|yrkade) (på )?att\b",),
    "da": (r"\b(foreslår|foreslog|indstiller) (at|om)\b",),
}  # fmt: skip

# A sentence that says what the body votes on ("It was agreed that the board would vote only on
# allocating three months …", "a vote was held on whether to ratify Lars"): its text is the
# proposal put to the vote, so an outcome that names nothing ("Outcome: Approved, 6 to 4")
# adopts it, not the item's title.
VOTED_ON_SENTENCES: dict[str, tuple[str, ...]] = {
    "nb": (r"\b(skal|vil|skulle|ville) (\w{1,20} )?stemme (\w{1,20} )?over\b",
           r"\bdet ble (holdt )?(avstemning|votering) (over|om)\b"),
    "nn": (r"\b(skal|vil|skulle|ville) (\w{1,20} )?røyste (\w{1,20} )?over\b",),
    "en": (r"\ba vote was (held|taken) on (whether to|the proposal to|the motion to)\b",
           r"\b(would|will|shall|should) (then |now )?vote (only )?on\b"),
    "sv": (r"\b(ska|skulle) (\w{1,20} )?rösta (\w{1,20} )?om\b",
           r"\bomröstning (hölls )?om\b"),
    "da": (r"\b(skal|ville) (\w{1,20} )?stemme (\w{1,20} )?om\b",),
}  # fmt: skip

# A sentence about an earlier meeting's decision, or reported speech: history, not this item's.
HISTORY_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"tidligere", r"(i|på) (forrige|sist|siste) møte", r"i fjor", r"forrige gang"),
    "nn": (r"tidlegare", r"(i|på) (førre|siste) møte", r"i fjor"),
    "en": (r"previously", r"earlier",
           r"at (the|its|their) (?!next\b|following\b|coming\b)\w{3,12} meeting",
           r"had (been )?(agreed|decided|resolved|approved|adopted)",
           r"(stated|said|informed|reported|confirmed|explained|advised|recalled|pointed out) "
           r"that"),
    "sv": (r"tidigare", r"(vid|på|under) (förra|föregående) (mötet|möte|stämman|stämma)",
           r"förra året"),
    "da": (r"tidligere", r"på (sidste|forrige) møde"),
}  # fmt: skip

# Agreements about running the meeting, not about the item: take items together, adjourn, when
# to meet next.
PROCEDURE_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"\bbehandles (samlet|sammen)\b", r"\bmøtet ble (hevet|satt)\b"),
    "nn": (r"\bhandsamast (samla|saman)\b",),
    "en": (r"\btake (items?|motions?|questions?) .{0,60}together\b", r"\badjourn",
           r"\bhold the \w{0,20} ?meeting\b",
           r"\bsuspend standing orders\b", r"\btake (item|items) \S{1,10} (next|first|now)\b",
           r"\b(items?|motions?) .{0,40}(be )?taken together\b"),
    "sv": (r"\bbehandlas (gemensamt|tillsammans)\b",
           r"\bmötet (öppnas|öppnades|avslutas|avslutades)\b"),
    "da": (r"\bbehandles samlet\b",),
}  # fmt: skip

# The count phrases of a vote, kept as written in `votes`.
VOTE_PHRASES: dict[str, tuple[str, ...]] = {
    "nb": (r"(for|imot|mot) (forslaget|innstillingen|forslag {n}|tilleggsforslaget|"
           r"endringsforslaget) stemte {n}", r"med {n} mot {n} stemmer",
           r"{n} (stemmer )?for,? {n} (stemmer )?(i)?mot",
           r"mot {n} stemmer", r"med {n} stemmer", r"\benstemmig\b", r"ved akklamasjon"),
    "nn": (r"\bsamrøystes\b", r"med {n} mot {n} røyster",
           r"for (framlegget|innstillinga) røysta {n}"),
    "en": (r"\bunanimously\b", r"\bunanimous\b", r"by acclamation", r"by {n} votes? to {n}",
           r"\b{n}-{n} vote",
           r"\b{n} to {n}\b", r"\b{count} in favou?r\b", r"\b{count} (opposed|against)\b",
           r"\b{count} abstentions?\b", r"\bnem\.? con\b"),
    "sv": (r"\benhälligt\b", r"med acklamation", r"{n} röster mot {n}", r"{n} (ja|nej)-?röster"),
    "da": (r"\benstemmigt\b", r"{n} stemmer for"),
}  # fmt: skip

# Number words for {count} (English prose votes: "three in favor, four opposed").
COUNT_WORDS: tuple[str, ...] = (
    "no", "none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "twenty", "all",
)  # fmt: skip

# Ordinals for {ordinal} ("Den andra attsatsen blev godkänd"), by position.
ORDINALS: tuple[tuple[str, ...], ...] = (
    ("första", "første", "first", "1\\.?"),
    ("andra", "andre", "second", "2\\.?"),
    ("tredje", "third", "3\\.?"),
    ("fjärde", "fjerde", "fourth", "4\\.?"),
    ("femte", "fifth", "5\\.?"),
)

# A short sentence (at most a few words) that ends in one of these records a decision of its own:
# "Agenda OK", "Innkalling og sakliste godkjent", "Participation approved".
SHORT_APPROVAL_WORDS: dict[str, tuple[str, ...]] = {
    "nb": ("ok", "godkjent", "akseptert", "vedtatt", "godtatt"),
    "nn": ("ok", "godkjent", "godkjend", "vedteke"),
    "en": ("ok", "approved", "accepted", "adopted"),
    "sv": ("ok", "godkänd", "godkänt", "godkända", "beslutat"),
    "da": ("ok", "godkendt", "vedtaget"),
}

# … unless a pronoun says what it is about: "Det gick ok", "It went OK" judge how something went.
JUDGING_SUBJECTS: dict[str, tuple[str, ...]] = {
    "nb": ("det", "den", "dette", "vi", "jeg", "han", "hun", "de"),
    "nn": ("det", "den", "dette", "vi", "eg", "han", "ho", "dei"),
    "en": ("it", "this", "that", "we", "i", "he", "she", "they"),
    "sv": ("det", "den", "detta", "vi", "jag", "han", "hon", "de"),
    "da": ("det", "den", "dette", "vi", "jeg", "han", "hun", "de"),
}

# Something that happened to a proposal during the treatment, so its text has ended: the chair
# refused a vote, the case was postponed or withdrawn.
TREATMENT_EVENTS: dict[str, tuple[str, ...]] = {
    "nb": (r"motsatte seg å fatte vedtak", r"(saken|forslaget|den) ble (enstemmig )?(vedtatt )?"
           r"(utsatt|trukket)", r"ble (enstemmig )?vedtatt utsatt"),
    "nn": (r"(saka|framlegget) vart (utsett|trekt)",),
    "en": (r"(was|were) (deferred|postponed|withdrawn)",),
    "sv": (r"(bordlades|drogs tillbaka|sköts upp)",),
    "da": (r"blev (udsat|trukket)",),
}  # fmt: skip

# Words before a decision phrase that make it something else: a condition ("if … were
# approved"), a possibility ("kan vedtas"), a negation ("ikke er vedtatt").
HEDGE_WORDS: dict[str, tuple[str, ...]] = {
    "nb": ("hvis", "dersom", "såfremt", "kan", "kunne", "bør", "burde", "ikke", "om ikke"),
    "nn": ("viss", "dersom", "kan", "kunne", "bør", "ikkje"),
    "en": ("if", "unless", "whether", "can", "could", "might", "may", "should", "not"),
    "sv": ("om", "ifall", "kan", "kunde", "bör", "borde", "inte", "ej"),
    "da": ("hvis", "dersom", "kan", "kunne", "bør", "ikke"),
}
