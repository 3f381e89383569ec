"""Answering "what was decided about X?": rank, gather the case's history, lead with the
decision in force."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Protocol

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from storage.models import Case, Committee, Meeting
from storage.search_index import Filters

from . import render
from .answer_types import CaseResult, Source
from .case_details import with_details
from .decision_search import CaseHit, Coverage, DecisionSearch, Ranked
from .intents import Intent
from .search.normalize import is_stopword, term, words
from .texts import format_period, short_date

# A case number as minutes write it: "2023.30", "14/2022", and in municipal protocols with
# the series first, "PS 3/26" (politisk sak), "RS 1/26" (referatsak), "OS 2/26", "FO 1/26".
_NUMBER = r"(?:(?:PS|RS|OS|FO)\s*)?(?:\d{4}\.\d{1,3}|\d{1,3}/\d{2,4})"
_CASE_NUMBER = re.compile(rf"^\s*(?:sak\s+)?(?P<n>{_NUMBER})\s*$", re.I)
_NUMBER_IN_TOPIC = re.compile(r"(?:\bsak\s+)?\b(?P<n>(?:PS|RS|OS|FO)\s*\d{1,3}/\d{2,4})\b", re.I)
_NUMBER_PARTS = re.compile(r"^(?:(?P<series>[A-Z]{2})\s*)?(?P<rest>.+)$", re.I)
_SEQUENCE_YEAR = re.compile(r"^(?P<seq>\d{1,3})/(?P<year>\d{2}|\d{4})$")
_SAME_MATTER = 0.5  # share of the shorter title's words two titles of one matter have in common
_LATER_CHUNK = 20  # later cases read at a time for a matter's next treatment
DEFAULT_LIMIT = 5
_OTHER_MATCH_SHARE = 0.3  # of the best score, below which a hit is not worth showing
_DECIDED_LEAD_SHARE = 0.5  # of the best score, from which a decision leads an undecided top
_FAR_PAST = date.min
# Matches within the question's filters this much weaker than the best without them answer
# something else: the filters are left out then, as when they hold nothing.
_FAR_WEAKER = 0.5
_NAME_MIN = 4  # letters a word needs before it may name a committee by its start


# The question's filters, each of which may be dropped when it leaves nothing.
PERIOD, COMMITTEE, LAST_MEETING = "period", "committee", "last_meeting"
# What is tried when the filters leave nothing, in turn: the period (the committee's other
# times), the committee and its last meeting (all the minutes), then all of them.
_WIDENINGS = (
    frozenset({PERIOD}),
    frozenset({COMMITTEE, LAST_MEETING}),
    frozenset({PERIOD, COMMITTEE, LAST_MEETING}),
)


@dataclass(frozen=True, slots=True)
class DecisionFindings:
    results: list[CaseResult]
    found: bool  # False when only near matches (or nothing) fitted
    # The filters of the question that had nothing and were left out to find these: a
    # period, a committee or "siste møte" narrows an answer, it never empties one
    # ("handlingsplanen 2024" decided in 2023, "LAR i OSU" when only SSU treated it).
    dropped: frozenset[str] = frozenset()
    last_meeting: str | None = None  # the meeting "siste møte" meant, when it was dropped

    @property
    def outside_period(self) -> bool:
        """The question's period had nothing and these come from other times."""
        return PERIOD in self.dropped


def names_committee(committee: object) -> ColumnElement[bool]:
    """A committee row a question's `committee` (a value or a bound parameter) names: the
    recognizer gives a short name, or the name of a committee that has none."""
    return or_(Committee.short_name == committee, Committee.name == committee)


def committee_ids(session: Session, tenant: str, committee: str) -> tuple[int, ...]:
    """The committees a question's `committee` names."""
    rows = session.scalars(
        select(Committee.id).where(Committee.tenant == tenant, names_committee(committee))
    )
    return tuple(rows)


def _filters(session: Session, tenant: str, intent: Intent) -> Filters:
    ids = committee_ids(session, tenant, intent.committee) if intent.committee else None
    meeting_id = None
    if intent.last_meeting:
        query = (
            select(Meeting.id)
            .join(Committee, Committee.id == Meeting.committee_id)
            .where(Committee.tenant == tenant, Meeting.status == "held")
            .order_by(Meeting.date.desc(), Meeting.id.desc())
        )
        if ids is not None:
            query = query.where(Meeting.committee_id.in_(ids))
        meeting_id = session.scalar(query.limit(1))
    return Filters(
        tenant=tenant,
        committee_ids=ids,
        start=intent.period.start if intent.period else None,
        end=intent.period.end if intent.period else None,
        meeting_id=meeting_id,
    )


def _present(filters: Filters) -> frozenset[str]:
    given = {
        PERIOD: filters.start is not None or filters.end is not None,
        COMMITTEE: filters.committee_ids is not None,
        LAST_MEETING: filters.meeting_id is not None,
    }
    return frozenset(name for name, on in given.items() if on)


def _without(filters: Filters, dropped: frozenset[str]) -> Filters:
    wider = filters
    if PERIOD in dropped:
        wider = replace(wider, start=None, end=None)
    if COMMITTEE in dropped:
        wider = replace(wider, committee_ids=None)
    if LAST_MEETING in dropped:
        wider = replace(wider, meeting_id=None)
    return wider


def case_result(case: Case, role: str) -> CaseResult:
    committee = case.committee.label if case.committee else None
    return CaseResult(
        committee=committee,
        meeting_date=case.meeting.date if case.meeting else None,
        case=case.number,
        title=case.title,
        decision=case.decision,
        decision_label=case.decision_label,
        proposal=case.proposal,
        status=case.status,
        role=role,
        source=Source(case.document.name if case.document else None, case.line, case.page),
        case_id=case.id,
    )


# Words that many case titles share without being about the same thing.
_GENERIC_TITLE_WORDS = (
    "sak", "forslag", "status", "oppfølging", "orientering", "orienteringssaker", "felles",
    "ny", "nytt", "nye", "møte", "referat", "godkjenning", "innkalling", "vedlegg", "plan",
)  # fmt: skip


@functools.cache
def _generic_terms() -> frozenset[str]:
    return frozenset(term(w) for w in _GENERIC_TITLE_WORDS)


def _title_terms(case: Case) -> frozenset[str]:
    """The distinctive whole words of a title, as stems (no compound parts)."""
    return _terms_of_title(case.title)


@functools.lru_cache(maxsize=16384)
def _terms_of_title(title: str) -> frozenset[str]:
    # Cached: an agenda compares each of a year's cases with several others.
    return frozenset({term(w) for w in words(title) if not is_stopword(w)} - _generic_terms())


# A case number that names one matter across meetings carries its year ("2023.30",
# "PS 3/26", "14/2022"); "3" or "5.2" only say where an item stood on one agenda.
_LASTING_NUMBER = re.compile(r"\d{4}\.\d|\d/\d{2}")


class MatterKeys(Protocol):
    """What same_matter compares of a case: a Case, or its columns read without one."""

    @property
    def id(self) -> int: ...
    @property
    def committee_id(self) -> int | None: ...
    @property
    def meeting_id(self) -> int | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def title(self) -> str: ...


def same_matter(a: MatterKeys, b: MatterKeys) -> bool:
    """One matter treated at several meetings of the same committee: the same case number,
    or titles that share most of their words. Two items of one meeting are two matters,
    however alike their titles ("Semesterstøtte - Mikro", "Semesterstøtte - SIFI"), and
    minutes that name no committee may be any body's: a working group's "Schema 5.1.1
    Implementation" is not another group's "Schema Coordinates Implementation"."""
    if a.id == b.id:
        return True
    if a.committee_id is None or a.committee_id != b.committee_id:
        return False
    if a.meeting_id is not None and a.meeting_id == b.meeting_id:
        return False
    if a.number and a.number == b.number and _LASTING_NUMBER.search(a.number):
        return True
    ta, tb = _title_terms(a), _title_terms(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= _SAME_MATTER


class MatterText(MatterKeys, Protocol):
    """What refers_to reads of the later case: its keys and its text."""

    @property
    def body(self) -> str: ...


def refers_to(later: MatterText, case: MatterKeys) -> bool:
    """Whether a later case names the earlier one by a number that carries its year
    ("Oppfølging av sak 32/2026"): a follow-up whose title says something else."""
    number = case.number
    if not number or not _LASTING_NUMBER.search(number) or later.id == case.id:
        return False
    pattern = rf"\b(?:sak|saken|case|item)\s+{re.escape(number)}(?![\d/]|\.\d)"
    return re.search(pattern, f"{later.title}\n{later.body}", re.I) is not None


def later_treatment(session: Session, case: Case) -> Case | None:
    """The matter's next treatment at a later meeting of the same committee (the same
    matter, or a case that follows it up by number), when the store has one. Only the
    cases the settling keys say can match are read: reading every later case of the
    committee took 0.8 s for an information item of 2014 in a 50,000-case store."""
    # Imported here: settled_tasks reads this module's rules at its import.
    from .settled_tasks import later_candidates

    if case.committee_id is None or case.meeting is None:
        return None
    ids = later_candidates(session, case.committee_id, case.meeting.date, case.title, case.number)
    if ids is not None and not ids:
        return None
    # The rows' own committee and day too, should a key lag behind; every later case of the
    # committee when the keys are not current.
    only = [] if ids is None else [Case.id.in_(ids)]
    ordered = session.scalars(
        select(Case.id)
        .join(Meeting, Meeting.id == Case.meeting_id)
        .where(*only, Case.committee_id == case.committee_id, Meeting.date > case.meeting.date)
        .order_by(Meeting.date, Case.position, Case.id)
    ).all()
    # A few at a time, earliest first: the next treatment is mostly among the first, and
    # a common title word makes hundreds of candidates.
    for at in range(0, len(ordered), _LATER_CHUNK):
        chunk = ordered[at : at + _LATER_CHUNK]
        query = select(Case).where(Case.id.in_(chunk)).execution_options(populate_existing=True)
        loaded = {c.id: c for c in session.scalars(query).unique()}  # hits defer their bodies
        for later in (loaded[i] for i in chunk):
            if same_matter(case, later) or refers_to(later, case):
                return later
    return None


def _asked_number(topic: str, case_number: str | None) -> tuple[str, str] | None:
    """(the case number asked for, the other words of the question), when it asks for one:
    "sak 2023.30", "PS 3/26", "sak 3/26 i formannskapet" (the number the intent found, or
    one with its series that the intent does not know)."""
    whole = _CASE_NUMBER.match(topic)
    if whole:
        return whole["n"], ""
    if case_number:
        return case_number, "" if topic == case_number else topic
    inside = _NUMBER_IN_TOPIC.search(topic)
    if inside:
        rest = (topic[: inside.start()] + " " + topic[inside.end() :]).strip()
        return inside["n"], rest
    return None


def _number_key(number: str) -> tuple[str | None, str]:
    """(series, number) compared loosely: "PS 3/26" = ("PS", "3/26"), "3/2026" = (None, "3/26")."""
    parts = _NUMBER_PARTS.match(number.strip())
    series, rest = (parts["series"], parts["rest"]) if parts else (None, number)
    if series and not rest.strip()[:1].isdigit():
        series, rest = None, number  # "Sak 5" has no series; only "PS 5"
    rest = re.sub(r"\s+", "", rest).lower()
    dated = _SEQUENCE_YEAR.match(rest)
    if dated:
        rest = f"{int(dated['seq'])}/{int(dated['year']) % 100:02d}"
    return (series.upper() if series else None), rest


def _number_hits(
    session: Session,
    search: DecisionSearch,
    tenant: str,
    filters: Filters,
    number: str,
    rest: str,
) -> list[CaseHit]:
    """The cases with that number ("3/26" is PS 3/26 of every body that has one, "PS 3/26"
    only the political cases) that the question's other words fit, if it has any: the body
    they name first, then the best fit, the latest, a decided one before a report."""
    series, wanted = _number_key(number)
    # Candidates that end like the number ("PS 3/26", "3/2026" for 3/26); the key decides.
    dated = _SEQUENCE_YEAR.match(wanted)
    ending = f"{dated['seq']}/%{dated['year']}" if dated else _like_escaped(wanted)
    query = select(Case).where(Case.tenant == tenant, Case.number.ilike(f"%{ending}", escape="\\"))
    if filters.committee_ids is not None:
        query = query.where(Case.committee_id.in_(filters.committee_ids))
    found = []
    for case in session.scalars(query):
        assert case.number is not None
        their_series, theirs = _number_key(case.number)
        if theirs == wanted and series in (None, their_series):
            found.append(case)
    if not found:
        return []
    fit: dict[int, float] = {}
    if rest:
        hits = search.search(session, rest, filters=filters, limit=50)
        fit = {h.case.id: h.score for h in hits}
        named = _asked_names(rest)
        # "sak 7 om LAR": an item 7 that is not about LAR is not the one asked for.
        found = [c for c in found if c.id in fit or _names(named, c.committee)]
    else:
        named = set()

    def rank(case: Case) -> tuple[bool, float, date, bool, int]:
        held = case.meeting.date if case.meeting else _FAR_PAST
        fits = _names(named, case.committee), fit.get(case.id, 0.0)
        return *fits, held, case.status == "decided", case.id

    found.sort(key=rank, reverse=True)
    return [CaseHit(c, 1.0, True) for c in found]


def _like_escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _asked_names(text: str) -> set[str]:
    return {term(w) for w in words(text) if len(w) >= _NAME_MIN}


def _names(asked: set[str], committee: Committee | None, *, whole: bool = False) -> bool:
    """Whether the question's words name the committee: "formannskapet" names Formannskap,
    "kommunestyret" Kommunestyre. `whole`: every word of its name, not just one ("Steinkjer"
    alone does not name "Styret for Steinkjer kommuneskoger")."""
    if committee is None or not asked:
        return False
    if committee.short_name and term(committee.short_name) in asked:
        return True
    names = {n for n in map(term, words(committee.name)) if len(n) >= _NAME_MIN}
    said = [any(a.startswith(n) or n.startswith(a) for a in asked) for n in names]
    return bool(said) and (all(said) if whole else any(said))


def _decided_first(
    session: Session, search: DecisionSearch, strong: list[CaseHit], topic: str, best: float
) -> list[CaseHit]:
    """Asked what was decided ("hva ble bestemt om legevakt"), a decision leads, not an
    undecided case that ranks above it (a proposal that names the topic more often): when
    it ranks in the same league and holds the question's words as much as the other, in
    its title and decision and in all its text. A case about the topic that was only noted
    («handlingsplan for 2024» in its title) stays ahead of a decision that names it in
    passing; and when the top's own matter was decided, its decision leads as before."""
    top = strong[0]
    if any(h.case.status == "decided" and same_matter(top.case, h.case) for h in strong):
        return strong  # the top's matter was decided: that decision leads already
    for hit in strong[1:]:
        if hit.case.status != "decided" or hit.score < _DECIDED_LEAD_SHARE * best:
            continue
        held, theirs = (
            _held(session, search, hit.case, topic),
            _held(session, search, top.case, topic),
        )
        if held.about >= theirs.about and held.text >= theirs.text:
            return [hit, *(h for h in strong if h is not hit)]
        return strong
    return strong


def _held(session: Session, search: DecisionSearch, case: Case, topic: str) -> Coverage:
    """How much of the question's words (by weight) the case holds."""
    return search.coverage(session, case.id, about_text(case), topic)


def about_text(case: Case | CaseResult) -> str:
    """What a case is about, as `DecisionSearch.coverage` weighs it: its title, decision and
    proposal."""
    return " ".join(t for t in (case.title, case.decision, case.proposal) if t)


def find_decisions(
    session: Session,
    search: DecisionSearch,
    tenant: str,
    intent: Intent,
    *,
    decided_first: bool = False,
) -> DecisionFindings:
    """The cases a question about a topic finds, the best one's matter first. With
    `decided_first` (asked what was decided), a decision leads an undecided case that
    ranks just above it (`_decided_first`)."""
    topic = (intent.topic or "").strip()
    filters = _filters(session, tenant, intent)
    limit = intent.limit or DEFAULT_LIMIT
    hits: list[CaseHit] = []
    asked = _asked_number(topic, intent.case_number)
    if asked:
        hits = _number_hits(session, search, tenant, filters, *asked)
        topic = asked[1]  # no case has that number: what else the question says, if anything
    dropped: frozenset[str] = frozenset()
    if not hits and topic:
        ranked = max(10, limit * 2)
        hits = search.search(session, topic, filters=filters, limit=ranked)
        hits, dropped = _widened(search, session, topic, filters, hits, ranked)
    if not hits:
        return DecisionFindings([], False)
    last_meeting = _meeting_label(session, filters.meeting_id) if LAST_MEETING in dropped else None

    def when(case: Case) -> tuple[date, int]:
        return (case.meeting.date if case.meeting else _FAR_PAST), case.id

    strong = [h for h in hits if h.strong]
    if not strong:
        near = [case_result(h.case, "near") for h in hits[:3]]
        return DecisionFindings(near, False)
    best = max(h.score for h in strong)
    if not asked and topic:
        # A body the question names ("hva vedtok formannskapet om …") goes first, when the
        # intent did not know it as a committee to filter by.
        named = _asked_names(topic)
        strong.sort(key=lambda h: not _names(named, h.case.committee, whole=True))

    if decided_first and not asked and topic:
        strong = _decided_first(session, search, strong, topic, best)
    top = strong[0].case
    matter = sorted((h.case for h in strong if same_matter(top, h.case)), key=when)
    decided = [c for c in matter if c.status == "decided"]
    current = decided[-1] if decided else matter[-1]
    # Each treatment of the matter with the next one after it, if the search found one.
    following = {a.id: case_result(b, "later") for a, b in pairwise(matter)}
    results = [case_result(current, "current")]
    results += [case_result(c, "history") for c in matter if c.id != current.id]
    results = [replace(r, later=following.get(r.case_id)) for r in results]
    if current.status != "decided" and results[0].later is None:
        # An information item's follow-up at a later meeting that the question's words did
        # not find ("Oppfølging av sak 35/26"), or that its filters left out.
        after = later_treatment(session, current)
        if after is not None:
            results[0] = replace(results[0], later=case_result(after, "later"))
    # Other matches only while they are in the same league as the best one.
    floor = _OTHER_MATCH_SHARE * best
    others = [h.case for h in strong if h.case not in matter and h.score >= floor]
    results += [case_result(c, "match") for c in others[: max(0, limit - 1)]]
    results = with_details(session, results, intent.topic or topic)
    return DecisionFindings(results, True, dropped, last_meeting)


def findings_note(found: DecisionFindings, intent: Intent, language: str) -> str | None:
    """What the answer says before its results when filters of the question were left out
    ("Ingen treff om «LAR» i OSU. Nærmeste treff ellers:"); None when none was."""
    period = intent.period
    return render.filters_note(
        found.dropped,
        intent.topic or "",
        language,
        committee=intent.committee,
        period=format_period(period.start, period.end, language) if period else None,
        last_meeting=found.last_meeting,
    )


def _widened(
    search: DecisionSearch,
    session: Session,
    topic: str,
    filters: Filters,
    hits: list[CaseHit],
    ranked: int,
) -> tuple[list[CaseHit], frozenset[str]]:
    """The hits with the fewest of the question's filters left out that answer it, when the
    filters leave nothing — or only matches far weaker than what the minutes hold without
    them (a translation's "sykehus" on the last SSU meeting for "hospitering", which LSU
    treated): (hits, the filters left out)."""
    present = _present(filters)
    if not present:
        return hits, frozenset()
    best = _strongest(hits)
    # Ranked only: the cases of a wider search are loaded when it answers instead.
    unfiltered: Ranked | None = None
    if best:
        if search.highest(session, topic) * _FAR_WEAKER <= best:
            return hits, frozenset()  # nothing anywhere can be far stronger: no search needed
        everywhere = _without(filters, present)
        unfiltered = search.rank(session, topic, filters=everywhere, limit=ranked)
        if unfiltered.strongest() * _FAR_WEAKER <= best:
            return hits, frozenset()  # in the league of the best the minutes hold
    tried: set[frozenset[str]] = set()
    for widening in _WIDENINGS:
        leave = widening & present
        if not leave or leave in tried:
            continue
        tried.add(leave)
        if leave == present and unfiltered is not None:
            wider = unfiltered  # every filter left out: ranked above already
        else:
            wider = search.rank(session, topic, filters=_without(filters, leave), limit=ranked)
        if wider.strongest() > best / _FAR_WEAKER:
            return search.cases(session, wider), leave
    return hits, frozenset()


def _strongest(hits: list[CaseHit]) -> float:
    return max((h.score for h in hits if h.strong), default=0.0)


def _meeting_label(session: Session, meeting_id: int | None) -> str | None:
    """ "SSU 26.10.2026": how a note names the meeting "siste møte" meant."""
    meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    if meeting is None:
        return None
    committee = meeting.committee.label if meeting.committee else None
    return " ".join(x for x in (committee, short_date(meeting.date)) if x)
