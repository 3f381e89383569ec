"""What an item decided, from its body text: the adopted decision, the proposal, the vote.

The words are data (minutes/roles.py, compiled in minutes/role_patterns.py). This module reads
an item's lines once: labels ("Vedtak", "Innstilling", "Decision:", "Förslag till beslut") open
blocks of text; the sentences between them ("Dermed ble innstillingen vedtatt.", "For forslaget
stemte 12", "It was agreed that …", "The proposal is not accepted.") are outcomes that apply to
the proposals before them. Then, in this order of evidence:

1. the last labelled decision with text ("Vedtak", "Konklusjon", "Resolved: …");
2. the proposals an outcome adopted ("Dermed ble innstillingen vedtatt" with no "Vedtak" text,
   "Attsatsen blev godkänd", "Approved unanimously" after "Vote required: …");
3. sentences that record a decision ("It was agreed that …", "Referatet ble godkjent");
4. otherwise the item was postponed, withdrawn, voted down (REJECTED), only noted, or — a
   proposal with no treatment, as in a case paper — PROPOSED.

A rejected proposal is never the decision. Sentences about earlier meetings' decisions, about
running the meeting ("agreed to take items 7, 8 together") and the background sections of a
case paper are not this item's decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import role_patterns as rp
from .model import CaseStatus


@dataclass(slots=True)
class Decision:
    status: CaseStatus
    decision: str | None = None
    label: str | None = None
    proposal: str | None = None
    votes: str | None = None  # as written: "For forslaget stemte 12", "8 to 4", "enstemmig"


_LIST_ITEM = re.compile(r"^(?:[-•–]\s|\d+[.)]\s|[a-z][.)]\s)")
# A line that ends in one of these words was wrapped mid-sentence.
_CONTINUES = re.compile(
    r"(?:[,(–-]|\b(?:i|og|om|til|for|av|på|med|at|som|en|et|ei|den|det|de|fra|ved|mot|eller))$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"-])|\n+")
_DASH_BULLET = re.compile(r"^[•–]\s*")


def _goes_on(line: str) -> bool:
    """Whether a line ends as _CONTINUES says a wrapped one does. The pattern is anchored at
    the end and its longest word has five letters, so its last characters decide: searched
    whole, a paragraph that grows by each wrapped line was searched from every position."""
    return _CONTINUES.search(line[-12:]) is not None


def _ends_sentence(line: str) -> bool:
    """_ENDS_SENTENCE is one character before the end (or before a final newline): only the
    last two characters need searching, not every position."""
    return _ENDS_SENTENCE.search(line[-2:]) is not None


def tidy(text: str) -> str:
    """Join lines a PDF wrapped, keep headings, sentences and list items on their own lines."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())  # white space runs as one space (\s is str.isspace)
        if not line:
            continue
        wrapped = line[0].islower() or _goes_on(out[-1]) if out else False
        if out and wrapped and not _LIST_ITEM.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(
        _DASH_BULLET.sub("- ", line) if line.startswith(("•", "–")) else line for line in out
    )


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def find_decision(body: str, title: str | None = None) -> Decision:
    """The item's decision from its body text (lines joined with "\\n"). `title`, when given,
    is the item's title: it names the proposal when an outcome ("Outcome: Approved, 8 to 4")
    refers to a proposal the body only links to, and a report's title ("Rapport", "Director's
    Report") says its sentences are news, not decisions."""
    reader = _Reader(title)
    reader.read(body.splitlines())
    return reader.result()


# --------------------------------------------------------------------------- reading

_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\s]{0,2000}\)")
_BULLET = re.compile(r"^\s*(?:[-*•·+▪◦–]|\d{1,2}[.)]|[a-z][.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*={1,6}\s+")
_OPENING_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}
_ABBREVIATIONS = frozenset(
    [
        "cllr",
        "mr",
        "mrs",
        "ms",
        "dr",
        "no",
        "nr",
        "kl",
        "ca",
        "jf",
        "bl",
        "f.eks",
        "pkt",
        "st",
        "co",
        "ltd",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "ref",
        "tlf",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’»)]?\s+(?=[\"“‘«(\[]?[A-ZÆØÅÄÖÜ0-9])")
_SPEAKER = re.compile(r"(?:[A-ZÆØÅÄÖ][\w.'’-]{0,30} ?){1,3}:\s")  # "Mark: …", "Eric Huss: …"
_ENDS_SENTENCE = re.compile(r"[.!?:;”\"’»)]$")
_WORDS = re.compile(r"[\w-]+")
_COUNT_AFTER_COLON = re.compile(r":[ \t]*\d")  # what every inline tally has


def _clean(line: str) -> str:
    """A line as words: no heading marks, bullets, emphasis or link targets."""
    # Most lines have no mark, link or emphasis: a pattern is tried only where its mark is.
    text = _HEADING.sub("", line) if "#" in line or "=" in line else line
    text = _LINK.sub(r"\1", text) if "](" in text else text
    text = _EMPHASIS.sub("", text) if "*" in text or "_" in text else text
    text = _BULLET.sub("", text)
    return " ".join(text.split())


def _split(text: str) -> list[str]:
    """Sentences of a paragraph; "Cllr. Foley", "L. Galvin" and "1. Avtale" do not end one."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        before = text[max(start, m.start() - 40) : m.start()].split()  # the last word only
        last = before[-1].lower().rstrip(".").lstrip("(\"'“‘[") if before else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        if last.isdigit() and len(last) <= 2 and not text[start : m.start() - len(last)].strip():
            continue  # "1. Avtale …": a list number, not a sentence's end
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


@dataclass(frozen=True, slots=True)
class _Line:
    raw: str
    text: str  # cleaned
    new_paragraph: bool
    bullet: bool


def _lines(lines: list[str]) -> list[_Line]:
    """The non-blank lines, each marked where a paragraph starts. Text taken from a PDF puts a
    blank line after every line, or none between paragraphs: a line that stops well short of
    the others and ends a sentence ends its paragraph, and a line that starts in lower case
    continues one."""
    kept: list[tuple[str, str, int]] = []  # raw, cleaned, blank lines before
    blanks = 0
    for raw in lines:
        text = _clean(raw)
        if not text:
            blanks += 1
            continue
        kept.append((raw, text, blanks))
        blanks = 0
    if not kept:
        return []
    lengths = sorted(len(text) for _, text, _ in kept)
    width = lengths[int(len(lengths) * 0.8)]
    gaps = [before for _, _, before in kept[1:]]
    wrapped = sum(
        1 for _, text, _ in kept if len(text) >= 0.75 * width and not _ends_sentence(text)
    )
    soft = (
        len(gaps) >= 3
        and sum(1 for g in gaps if g == 1) >= 0.6 * len(gaps)
        and wrapped >= 0.4 * len(kept)
    )
    out: list[_Line] = []
    previous = ""
    for k, (raw, text, before) in enumerate(kept):
        bullet = _BULLET.match(raw) is not None
        if k == 0:
            new = True
        elif before and not (soft and before == 1):
            new = not (text[:1].islower() and not _ends_sentence(previous))
        else:  # whether the short line before ended its paragraph: asked only here
            short = width >= 50 and len(previous) < 0.65 * width
            new = bullet or (short and not text[:1].islower() and not _goes_on(previous))
        out.append(_Line(raw, text, new, bullet))
        previous = text
    return out


@dataclass
class _Proposal:
    text: str
    kind: str  # recommendation | proposal | addition | motion | title
    alternative: int | None = None  # "1)" / "2)": competing proposals put against each other
    group: int = 0
    labelled: bool = True  # put forward under a label or marker, not said in passing
    adopted: bool = False
    rejected: bool = False
    votes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    role: str  # decision | proposal
    label: str | None
    kind: str = "proposal"
    lines: list[str] = field(default_factory=list)
    inline: bool = False  # the label had its text on the same line: a paragraph, not a section
    bullet: bool = False  # … inside a list item: the item only
    quote: str | None = None  # the closing quote the text waits for


@dataclass
class _Tally:
    word: str
    count: str | None = None
    items: int = 0
    lines: int = 0


class _Reader:
    def __init__(self, title: str | None) -> None:
        self.title = _title_proposal(title)
        self.proposals: list[_Proposal] = []
        self.decisions: list[tuple[str, str | None]] = []  # (text, label) of labelled decisions
        self.decision_votes: list[str] = []
        self.sentence_decisions: list[str] = []
        self.sentence_votes: list[str] = []
        self.adopted_without_text: list[str] | None = None  # votes of "Forslag til vedtak vedtatt"
        self.rejected_without_text: list[str] | None = None
        self.postponed = self.withdrawn = self.noted = False
        self.pending_votes: list[str] = []
        self.tallies: list[_Tally] = []
        self.block: _Block | None = None
        self.paragraph: list[str] = []
        self.background = False
        self.alternative: int | None = None
        self.group = 0
        self.versus = False
        self.unanimous_label = False
        self.labelled_paragraph = False  # the paragraph follows "Voting:": its outcome names
        self.moved = False  # "Proposed by … seconded by …" was said: a resolution is a motion
        self.report = _is_report(title)
        self.in_reply = False  # after "REPLY:" up to the next label: the officials' answer
        self.title_approves = _title_approves(title)
        self.free_text: list[str] = []  # what the body says outside any block (for the above)

    # ----------------------------------------------------------------- lines

    def read(self, lines: list[str]) -> None:
        for line in _lines(lines):
            if line.new_paragraph:
                self._flush()
                block = self.block
                if block and (block.inline or block.bullet) and not _list_goes_on(block, line):
                    self._close()
            self._line(line)
        self._flush()
        self._close()
        self._end_tallies()

    def _line(self, line: _Line) -> None:
        raw, text = line.raw.strip(), line.text
        if self.block and self.block.quote:
            self._quoted(text)
            return
        if line.new_paragraph and self._tasks_follow(text):
            self._reset_section()
            return
        if self._structure(text):
            return
        if self.block:
            if (self.block.bullet and (line.bullet or not line.raw[:1].isspace())) or (
                self.block.role == "proposal" and self._ends_proposal(text)
            ):
                self._close()
            else:
                self._add(raw, text)
                return
        if self.tallies and self._tally_continues(text, line.bullet):
            return
        self._end_tallies()
        if self.background:
            return
        if line.bullet:
            self._flush()
        inside = rp.label_inside(text) if ":" in text else None
        if inside is not None:
            hit = rp.label_at_start(text[inside:])
            if hit:
                self.paragraph.append(text[:inside])
                self._flush()
                self._label(hit, line.bullet)
                return
        self.paragraph.append(text)

    def _structure(self, text: str) -> bool:
        """Labels, markers, vote counts and alternatives: they end what came before."""
        hit = rp.label_at_start(text)
        if hit is not None and self._caption(hit):
            return True
        if hit is not None:
            self._flush()
            self._close()
            self._end_tallies()
            self._label(hit, False)
            return True
        phrase = rp.line_phrase(text)
        if phrase == "header":
            self._reset_section()
            return True
        if rp.ALTERNATIVE_NUMBER.fullmatch(text):
            self._reset_section()
            self.alternative = int(text.strip("()"))
            return True
        if phrase == "versus":
            self._reset_section()
            self.versus = True
            return True
        colon = ":" in text
        tally = rp.tally_line().fullmatch(text) if len(text) < 40 else None
        counted = colon and _COUNT_AFTER_COLON.search(text) is not None  # "For: 12" has one
        inline = list(rp.tally_inline().finditer(text)) if counted else []
        if tally or (inline and _only_tallies(text, inline)):
            self._flush()
            self._close()
            if tally:
                self.tallies.append(_Tally(tally["word"], tally["count"]))
            else:
                self._end_tallies()
                self.tallies.extend(_Tally(m["word"], m["count"]) for m in inline)
            return True
        for role in ("decision", "proposal") if colon else ():
            found = rp.marker(text, role)
            if found is not None:
                start, end = found
                said = _split(text[:start])
                before = (
                    " ".join(said[:-1])
                    if said and not text[:start].rstrip().endswith((".", "!", "?"))
                    else text[:start]
                )
                self.paragraph.append(before)
                self._flush()
                self._close()
                self._end_tallies()
                self._open_marker(role, text[len(before) : end], text[start:end])
                rest = text[end:].strip()
                if rest:
                    self._inline_text(rest)
                return True
        return False

    def _tasks_follow(self, text: str) -> bool:
        """Whether a paragraph opened by "Oppfølging:" or "Action items:" heads the tasks a
        finished decision gave out: not more of it. Under a list item that ends in a colon
        or no full stop ("1. Avtale om akuttberedskap"), the label is part of the decision:
        what it says is followed up, item by item."""
        block = self.block
        if block is None or not block.lines or not rp.tasks_label(text):
            return False
        return block.lines[-1].rstrip().endswith((".", "!", "?"))

    def _caption(self, hit: rp.LabelHit) -> bool:
        """A caption ("Attsatser:") under "Beslut" or "Förslag" belongs to it: passed over."""
        caption = hit.label.lower() in rp.list_captions() and not hit.rest
        return caption and self.block is not None and not self.block.lines

    def _reset_section(self) -> None:
        self._flush()
        self._close()
        self._end_tallies()
        self.background = self.in_reply = False

    def _label(self, hit: rp.LabelHit, bullet: bool) -> None:
        self.background = hit.role == "section"
        self.in_reply = hit.role == "reply"
        if hit.role in ("treatment", "section"):
            if hit.role == "treatment" and hit.rest:
                self.paragraph.append(hit.rest)  # "Discussion: the group …"
            return
        if hit.role == "reply":
            if hit.rest:
                self.paragraph.append(hit.rest)
            return
        if hit.role == "vote":
            self.labelled_paragraph = True
            if hit.rest:
                self.paragraph.append(hit.rest)
            return
        if hit.role == "decision" and re.match(r"(enstemmig|samrøystes)\b", hit.label, re.I):
            self.unanimous_label = True
        kind = _proposal_kind(hit.label) if hit.role == "proposal" else "decision"
        self.block = _Block(hit.role, hit.label, kind, inline=bool(hit.rest), bullet=bullet)
        if hit.rest:
            self._inline_text(hit.rest)

    def _open_marker(self, role: str, sentence: str, marker_text: str) -> None:
        """A marker opens a block: "LSU fattet slik vedtak:" the decision, "… fremmet
        følgende forslag:" a proposal; "Proposed by X, seconded by Y and resolved:" says the
        decision was a motion."""
        word = re.search(r"\b(vedtak|resolution|beslut\w*|decision)\b", marker_text, re.I)
        label = _decision_word(word[0]) if role == "decision" and word else None
        kind = _proposal_kind(marker_text) if role == "proposal" else "decision"
        if rp.search("MOVER_PHRASES", sentence):
            self.moved = True
        self.block = _Block(role, label, kind)

    def _inline_text(self, text: str) -> None:
        """A label's text on its own line: for a proposal, up to an outcome said in the same
        breath ("Vote required: can we …? Approved unanimously.")."""
        assert self.block is not None
        if self.block.role == "proposal":
            quote = _opening_quote(text)
            if quote is None:
                parts = _split(text)
                for k, part in enumerate(parts):
                    if k and self._ends_proposal(part):
                        self.block.lines.append(" ".join(parts[:k]))
                        self._close()
                        self.paragraph.append(" ".join(parts[k:]))
                        return
        self._add(text, text)

    def _add(self, raw: str, text: str) -> None:
        assert self.block is not None
        if not self.block.lines:
            quote = _opening_quote(text)
            if quote is not None:
                self.block.quote = quote
                self._quoted(text)
                return
        self.block.lines.append(raw)

    def _quoted(self, text: str) -> None:
        """A quoted text runs to its closing quote, whatever lines it spans."""
        assert self.block is not None and self.block.quote is not None
        start = 1 if not self.block.lines else 0
        end = _closing(text, self.block.quote, start)
        if end is None:
            self.block.lines.append(text)
            return
        self.block.lines.append(text[: end + 1])
        self.block.quote = None
        rest = text[end + 1 :].strip(" .,;")
        self._close()
        if rest:
            self.paragraph.append(rest)

    def _ends_proposal(self, text: str) -> bool:
        """An outcome or a count after a proposal's text ends it ("For forslaget stemte 12")."""
        first = _split(text)[0] if text else ""
        return bool(
            rp.search("TREATMENT_EVENTS", first)
            or rp.vote_only(first)
            or rp.adopted(first)
            or rp.rejected(first)
            or rp.bare_approval(first)
            or rp.bare_rejection(first)
        )

    # ----------------------------------------------------------------- blocks

    def _close(self) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        lines = block.lines
        if block.role == "proposal":
            lines = _without_attribution(lines)
        text = tidy("\n".join(lines)) or None
        if block.role == "proposal":
            self._proposal(text, block.kind) if text else None
            return
        if text is None:
            return
        if all(_is_attribution(line) for line in text.splitlines()):
            self.moved = True  # "Proposed by X; Seconded by Y;" — who moved what follows
            return
        short = len(text.split()) <= 15
        if short:
            first = _split(_clean(text.splitlines()[0]))[0]
            refers = (block.label or "").lower() in rp.outcome_labels()
            if self._outcome(first, refers, block.label):
                return
        self.decisions.append((text, block.label))
        self.decision_votes = self._take_votes(text if short else "") or self.decision_votes
        outcome_label = (block.label or "").lower() in rp.outcome_labels()
        if self.moved and not outcome_label and not any(p.labelled for p in self.proposals):
            self._proposal(text, "motion")  # proposed, seconded and resolved: the motion
            self.proposals[-1].adopted = True
        self.moved = False

    def _proposal(self, text: str, kind: str, labelled: bool = True) -> None:
        if self.alternative is None and not self.versus:
            self.group += 1
        proposal = _Proposal(text, kind, self.alternative, self.group, labelled=labelled)
        self.alternative, self.versus = None, False
        if kind == "motion":  # "Motion: the Board moves, unanimously, to …": moved and carried
            manner = rp.votes_in(_split(text)[0])
            if manner:
                proposal.adopted, proposal.votes = True, manner
        self.proposals.append(proposal)

    # ----------------------------------------------------------------- sentences

    def _flush(self) -> None:
        text, self.paragraph = " ".join(self.paragraph).strip(), []
        if text:
            self.free_text.append(text)
        labelled, self.labelled_paragraph = self.labelled_paragraph, False
        for sentence in _split(text):
            self._sentence(sentence, labelled)

    def _sentence(self, sentence: str, labelled: bool) -> None:
        sentence = sentence.lstrip("‘“\"'«([ ")
        keys = rp.SentenceKeys(sentence)  # the tables' key words, found once
        says = keys.says_anything()
        if says and keys.search("MOVER_PHRASES"):
            self.moved = True
        if says and (keys.search("HISTORY_PHRASES") or keys.search("PROCEDURE_PHRASES")):
            return
        if says and keys.search("WITHDRAWN_PHRASES"):
            self.withdrawn = True
            return
        if says and keys.search("POSTPONED_PHRASES"):
            self.postponed = True
            return
        if not self.in_reply and self._outcome(sentence, labelled, None, keys):
            return
        if rp.vote_only(sentence):
            self.pending_votes.extend(rp.votes_in(sentence))
            return
        if not says:
            if _short_approval(sentence) and not (self.report or self.in_reply):
                self.sentence_decisions.append(sentence)
            return
        if keys.search("NOTED_PHRASES"):
            self.noted = True
            return
        if keys.search("VOTED_ON_SENTENCES"):
            self._proposal(sentence, "proposal")  # put to the vote: as good as labelled
            return
        if keys.search("PROPOSAL_SENTENCES"):
            motion = re.search(r"\b(move|moves|moved)\b", sentence, re.I) is not None
            self._proposal(sentence, "motion" if motion else "proposal", labelled=motion)
            return
        if _records_decision(sentence, self.report or self.in_reply, keys):
            self.sentence_decisions.append(sentence)
            self.sentence_votes.extend(self._take_votes(sentence))
            if keys.search("MOVER_PHRASES") and not self.proposals:
                # "… were proposed by Cllr. Foley, seconded by Cllr. Ryan and adopted"
                self._proposal(sentence, "motion", labelled=False)
                self.proposals[-1].adopted = False

    def _outcome(
        self, sentence: str, refers: bool, label: str | None, keys: rp.SentenceKeys | None = None
    ) -> bool:
        """A proposal voted down or adopted (True when the sentence said so). `refers`: the
        outcome is about the item's proposal even when it names none ("Outcome: Approved")."""
        verb = keys.outcome_verb() if keys is not None else rp.outcome_verb(sentence)
        rejected = rp.rejected(sentence) if verb else None
        if rejected or (verb and rp.bare_rejection(sentence)):
            obj = rejected["obj"] if rejected else None
            target = self._target(obj, True)  # only a proposal can be voted down
            votes = self._take_votes(sentence)
            if target is None:
                self.rejected_without_text = votes
            else:
                target.rejected, target.adopted, target.votes = True, False, votes
            return True
        adopted = rp.adopted(sentence) if verb else None
        if adopted is None and rp.bare_approval(sentence) is None:
            return False
        obj = adopted["obj"] if adopted else None
        votes = self._take_votes(sentence)
        target = self._target(obj, refers or obj is not None, bare=obj is None)
        if obj is not None and _names_items(obj) and target is not None:
            target = self._item_of(target, obj)
        if target is not None:
            target.adopted, target.rejected, target.votes = True, False, votes
        elif obj is not None and label is None:  # "Forslag til vedtak enstemmig vedtatt"
            self.adopted_without_text = votes
        elif label is not None:  # "Vedtak: Godkjent": the line itself is what was decided
            self.decisions.append((sentence, label))
            self.decision_votes = votes
        else:
            self.sentence_decisions.append(sentence)
            self.sentence_votes.extend(votes)
        return True

    def _target(self, obj: str | None, refers: bool, bare: bool = False) -> _Proposal | None:
        """The proposal an outcome is about: named ("forslag 2", "innstillingen"), else the
        last one; the item's title when the body only links to it. A bare "Godkjent" approves
        only a proposal put forward as one, not a suggestion made in passing."""
        open_ones = [p for p in self.proposals if p.labelled or not bare]
        if obj is not None:
            obj = " ".join(obj.lower().split())
            if rp.object_kind("numbered").match(obj) and not _names_items(obj):
                number = _number(obj)
                last_group = open_ones[-1].group if open_ones else 0
                group = [p for p in open_ones if p.group == last_group]
                found = [p for p in group if p.alternative == number]
                if found:
                    return found[-1]
                if number and 0 < number <= len(group):
                    return group[number - 1]
            if rp.object_kind("recommendation").match(obj):
                found = [p for p in open_ones if p.kind == "recommendation"]
                if found:
                    return found[-1]
            if rp.object_kind("addition").match(obj):
                found = [p for p in open_ones if p.kind == "addition"]
                if found:
                    return found[-1]
        if open_ones:
            return open_ones[-1]
        if refers and self.title:
            self.proposals.append(_Proposal(self.title, "title"))
            return self.proposals[-1]
        return None

    def _item_of(self, proposal: _Proposal, obj: str) -> _Proposal:
        """One point of a proposal ("Den andra attsatsen blev godkänd": the second only)."""
        number = _number(obj)
        points = [line for line in proposal.text.splitlines() if _LIST_ITEM.match(line)]
        if number is None or not 0 < number <= len(points) or len(points) < 2:
            return proposal
        point = _Proposal(points[number - 1], proposal.kind, group=proposal.group)
        self.proposals.append(point)
        return point

    def _take_votes(self, sentence: str) -> list[str]:
        self._end_tallies()
        votes = [*self.pending_votes, *rp.votes_in(sentence)]
        self.pending_votes = []
        return list(dict.fromkeys(v.split(":")[0].strip() for v in votes if v.strip()))

    # ----------------------------------------------------------------- tallies

    def _tally_continues(self, text: str, bullet: bool) -> bool:
        """Names under "For" / "Against", up to the count: "… Teefy, Ward. (34)", "None"."""
        tally = self.tallies[-1]
        if tally.count is not None or tally.lines >= 20:
            return False
        tally.lines += 1
        count = re.search(r"\((\d{1,4})\)\s*\.?$", text)
        if count:
            tally.count = count[1]
        elif re.match(r"(none|no\b|nil|ingen|inga|there (were|was) no)", text, re.I):
            tally.count = "none"
        elif bullet:
            tally.items += 1
        elif tally.items:
            tally.lines = 20
            return False
        return True

    def _end_tallies(self) -> None:
        if not self.tallies:
            return
        parts = [f"{t.word} {t.count or t.items}" for t in self.tallies]
        self.tallies = []
        self.pending_votes.append(", ".join(parts))

    # ----------------------------------------------------------------- result

    def result(self) -> Decision:
        proposal = self._proposal_text()
        adopted = [p for p in self.proposals if p.adopted and not p.rejected]
        rejected = [p for p in self.proposals if p.rejected]
        if self.decisions:
            text, label = self.decisions[-1]
            votes = (
                self.decision_votes
                or next((p.votes for p in reversed(adopted)), [])
                or self.adopted_without_text
                or []
            )
            if not votes and self.unanimous_label:
                votes = ["enstemmig"]
            status = _decision_status(text)
            return Decision(status, text, _label(label), proposal, _votes(votes))
        if adopted:
            text = "\n".join(dict.fromkeys(p.text for p in adopted))
            votes = [v for p in adopted for v in p.votes]
            return Decision(_decision_status(text), text, None, proposal, _votes(votes))
        if self.sentence_decisions:
            text = "\n".join(dict.fromkeys(self.sentence_decisions))
            return Decision(CaseStatus.DECIDED, text, None, proposal, _votes(self.sentence_votes))
        if self.adopted_without_text is not None:
            return Decision(
                CaseStatus.DECIDED, None, None, proposal, _votes(self.adopted_without_text)
            )
        if self.postponed:
            return Decision(CaseStatus.POSTPONED, None, None, proposal, _votes(self.pending_votes))
        if self.withdrawn:
            return Decision(CaseStatus.WITHDRAWN, None, None, proposal)
        if rejected or self.rejected_without_text is not None:
            votes = rejected[-1].votes if rejected else self.rejected_without_text or []
            return Decision(CaseStatus.REJECTED, None, None, proposal, _votes(votes))
        if self.title_approves and self.free_text:
            text = "\n".join(self.free_text)
            return Decision(CaseStatus.DECIDED, text, None, proposal)
        if self.noted:
            return Decision(CaseStatus.NOTED, None, None, proposal)
        if any(p.labelled for p in self.proposals):
            return Decision(CaseStatus.PROPOSED, None, None, proposal, _votes(self.pending_votes))
        return Decision(CaseStatus.NOTED, None, None, proposal, _votes(self.pending_votes))

    def _proposal_text(self) -> str | None:
        """The case's own recommendation (the whole one, when points of it were voted on one by
        one), else the first proposal put forward."""
        recommendations = [p for p in self.proposals if p.kind == "recommendation"]
        if recommendations:
            return max(recommendations, key=lambda p: len(p.text)).text
        return self.proposals[0].text if self.proposals else None


# --------------------------------------------------------------------------- helpers


def _records_decision(sentence: str, agreements_only: bool, keys: rp.SentenceKeys) -> bool:
    """A sentence in which the body decides ("It was agreed that …") or that records a result
    ("Referatet ble godkjent", a short "Agenda OK"), not hedged ("if … were approved", "kan
    vedtas"). `agreements_only`: in a report or a reply, results are news from elsewhere."""
    if sentence.rstrip().endswith("?") or _SPEAKER.match(sentence):
        return False  # "Do we have consensus …?" asks; "Mark: No objections." is one member
    agreements = ("AGREEMENT_SENTENCES", "STANDING_RULE_SENTENCES")
    names = agreements if agreements_only else (*agreements, "RESULT_SENTENCES")
    for name in names:
        m = keys.search(name)
        if m and not rp.hedged(sentence[: m.start()]):
            return True
    return not agreements_only and _short_approval(sentence)


def _short_approval(sentence: str) -> bool:
    """A few words ending in approval: "Agenda OK", "Participation approved"."""
    if ":" in sentence or sentence.rstrip().endswith("?"):
        return False  # "Jakub: OK." is one member's word, "OK?" a question
    words = _WORDS.findall(sentence[:80])
    if 1 < len(words) <= 6 and words[0].lower() in rp.judging_subjects():
        return False  # "Det gick ok": how something went, not what was approved
    return 1 < len(words) <= 6 and words[-1].lower() in rp.short_approval_words()


def _decision_status(text: str) -> CaseStatus:
    first = _split(" ".join(text.split()))[0] if text.strip() else ""
    if rp.search("NOTED_DECISIONS", first):
        return CaseStatus.NOTED
    if rp.search("POSTPONED_PHRASES", first) and not rp.search("AGREEMENT_SENTENCES", first):
        return CaseStatus.POSTPONED
    if rp.search("WITHDRAWN_PHRASES", first):
        return CaseStatus.WITHDRAWN
    return CaseStatus.DECIDED


def _title_proposal(title: str | None) -> str | None:
    """An item's title as the proposal it names: "Proposal: Django on Bluesky" -> "Django …"."""
    if not title or not title.strip():
        return None
    text = re.sub(
        r"^(?:proposal|motion|voting|vote|forslag|proposition|förslag)\b[^:]{0,20}:\s*",
        "",
        title.strip(),
        flags=re.I,
    )
    return " ".join(text.split()) or None


def _list_goes_on(block: _Block, line: _Line) -> bool:
    """A list goes on after a blank line ("Vedtak: 1. …", "2. …"): still the decision."""
    return line.bullet and not block.bullet and any(_LIST_ITEM.match(x) for x in block.lines)


def _is_report(title: str | None) -> bool:
    """A report's title: "Rapport", "Orienteringssak - status for …", "Director's Report",
    "Financial statement" (a report word first, or last in a short title)."""
    words = _WORDS.findall((title or "").lower())
    reports = rp.report_titles()
    return bool(words) and (words[0] in reports or (len(words) <= 4 and words[-1] in reports))


def _title_approves(title: str | None) -> bool:
    """A title that records the decision ("Grants approved", "Individual members approved") and
    the body lists what it covers."""
    words = _WORDS.findall((title or "").lower())
    return 1 < len(words) <= 6 and words[-1] in rp.short_approval_words()


def _proposal_kind(label: str) -> str:
    if rp.addition().search(label):
        return "addition"
    if rp.recommendation().match(label):
        return "recommendation"
    if re.match(r"motion\b", label, re.I):
        return "motion"
    return "proposal"


def _decision_word(word: str) -> str:
    word = word.lower()
    if word.startswith("vedtak"):
        return "Vedtak"
    if word.startswith("beslut"):
        return "Beslut"
    return word.capitalize()


def _label(label: str | None) -> str | None:
    if not label:
        return None
    label = label.rstrip(":").strip()
    rest = label[1:].lower() if label.isupper() else label[1:]  # "VEDTAK" -> "Vedtak"
    return label[:1].upper() + rest


def _votes(votes: list[str]) -> str | None:
    return ", ".join(dict.fromkeys(v for v in votes if v)) or None


def _only_tallies(text: str, found: list[re.Match[str]]) -> bool:
    rest = text
    for m in reversed(found):
        rest = rest[: m.start()] + rest[m.end() :]
    return not re.sub(r"[\s,;/|–-]+", "", rest)


def _names_items(obj: str) -> bool:
    return bool(re.search(r"att-?sats", obj, re.I)) and not re.search(r"samtliga|alla", obj, re.I)


def _number(obj: str) -> int | None:
    digits = re.search(r"\d{1,3}", obj)
    if digits:
        return int(digits[0])
    for k, pattern in enumerate(rp.ordinal_number()):
        if pattern.search(obj):
            return k + 1
    return None


def _opening_quote(text: str) -> str | None:
    text = text.lstrip()
    return _OPENING_QUOTES.get(text[:1]) if text else None


def _closing(text: str, quote: str, start: int) -> int | None:
    """Where a quote closes: the closing mark not inside a word ("O’Dea" is no end)."""
    position = start
    while True:
        at = text.find(quote, position)
        if at < 0:
            return None
        after = text[at + 1 : at + 2]
        if not after or not after.isalnum():
            return at
        position = at + 1


def _without_attribution(lines: list[str]) -> list[str]:
    """A proposal without the lines that say whose it is ("Forslag fra H, INP, V …")."""
    kept = [line for line in lines if line.strip()]

    while kept and _is_attribution(kept[0]):
        kept.pop(0)
    while kept and _is_attribution(kept[-1]):
        kept.pop()
    return kept


def _is_attribution(line: str) -> bool:
    """Whose, not what: "Forslag fra H, INP og V", "Seconded by Councillor Benson;"."""
    text = _clean(line)
    return len(text.split()) <= 12 and rp.attribution().match(text) is not None
