"""The one entry point every channel uses: a question in, an Answer out.

`referent ask`, the Teams bot and (later) Slack all call `Assistant.answer`, so they give
the same answer to the same question.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.committee_access import Reader, committees_seen, restrict
from storage.database import Database
from storage.models import DEFAULT_TENANT

from . import render
from .answer_context import AnswerContext
from .answer_types import Answer, MeetingResult
from .attendance import answer_attendance
from .clock import Clock
from .committee_tasks import committee_tasks, settled_by
from .decision_answer import about_text, find_decisions, findings_note
from .decision_list import answer_decision_list
from .decision_search import Coverage, DecisionSearch, StaleIndex
from .group_members import answer_group_members
from .intent.committee_names import CommitteeNames, committee_names
from .intents import Intent, IntentKind, recognize
from .list_pages import LIST_CAP, cut_page, more_of, page_of
from .meeting_about import meeting_about
from .meeting_answer import agenda, meeting_result, next_meetings
from .meeting_choice import meeting_cite, place_note, scope, unknown_committee
from .meeting_dates import answer_meeting_dates
from .meeting_summary import summarize_meeting
from .responsible import answer_responsible
from .suggestions import fallback
from .task_answer import find_tasks, owner_not_found
from .task_scope import task_scope
from .texts import text
from .urgent_tasks import answer_urgent

# How much of a not-understood question's words (weighted as the search weighs them) a case
# must hold to be offered as its answer: most of them in what it is about (its title and
# decision), or nearly all of several in its text. Set on the corpus questions (issue 14)
# and on questions about other things (tests/assistant/test_guessed_questions.py).
_GUESS_ABOUT = 0.5
_GUESS_TEXT = 0.9
_GUESS_TEXT_WORDS = 3
_GUESS_CANDIDATES = 3  # the best hits tried, in rank order
_BARE_WORDS = 2  # one word alone is a topic when the search finds it at all
_NEAR_SHOWN = 3
# How long a look at the tenant's committees is trusted before it is read again (see
# Assistant._look): whether it keeps any to its members — a committee closed meanwhile is
# hidden at once all the same (see Assistant._reader); only its members may see it a few
# seconds later than they could — and their names, which a question may name: a committee
# imported meanwhile is found by name a few seconds later.
COMMITTEES_SEEN_S = 5.0
# A message up to this long is read on the event loop (`_recognize`): at most ~0.6 ms.
READ_HERE_CHARS = 120


def _lead_with(answer: Answer, note: str) -> None:
    """The note said before the results, in the text and on the card."""
    answer.note = note
    answer.text = f"{note}\n{answer.text}"


def _not_understood(answer: Answer, typed: str, *, keep_near: bool = False) -> None:
    """ "Jeg forsto ikke helt", with the suggestions closest to what was typed; with
    `keep_near`, the near matches the search found follow."""
    answer.intent = replace(answer.intent, kind=IntentKind.UNKNOWN)
    answer.found, answer.note = False, None
    said = fallback(typed, answer.language, person=answer.intent.person)
    answer.results = answer.results if keep_near else []
    if answer.results:
        said = "\n".join([said, "", *render.near(answer.results[:_NEAR_SHOWN], answer.language)])
    answer.text = said


def _answers(coverage: Coverage) -> bool:
    if coverage.about >= _GUESS_ABOUT and coverage.text >= _GUESS_ABOUT:
        return True
    return coverage.text >= _GUESS_TEXT and coverage.words >= _GUESS_TEXT_WORDS


T = TypeVar("T")

# Who reads the answer (storage/committee_access.py), or how to find it out: a chat user's
# lookup, made only when the tenant keeps some committee to its members.
ReaderLookup = Callable[[], Awaitable[Reader]]
Readers = Reader | ReaderLookup | None

# The asking person's name, or how to find it out (a chat user's lookup), or unknown.
Asker = str | Callable[[], Awaitable[str | None]] | None

# Questions about a committee's meetings, each answered by its own module.
_MEETING_ANSWERS: dict[IntentKind, Callable[[Session, AnswerContext, Intent, Answer], None]] = {
    IntentKind.MEETING_SUMMARY: summarize_meeting,
    IntentKind.ATTENDANCE: answer_attendance,
    IntentKind.MEETING_DATES: answer_meeting_dates,
}
# Of those, the questions about one meeting, which a topic names ("møtet om LAR").
_OF_A_MEETING = (IntentKind.MEETING_SUMMARY, IntentKind.ATTENDANCE)


async def _who_asks(asker: Asker) -> str | None:
    return await asker() if callable(asker) else asker


@dataclass
class Assistant:
    db: Database
    clock: Clock
    timezone: ZoneInfo
    tenant: str = DEFAULT_TENANT
    default_language: str = "nb"
    search: DecisionSearch = field(default_factory=DecisionSearch)
    # Task lists and agendas show this many tasks a page in chat; None: all (the CLI's --all).
    list_cap: int | None = LIST_CAP
    # The deployment's administrators (REFERENT_ADMINS), who read every committee.
    admins: tuple[str, ...] = ()
    monotonic: Callable[[], float] = time.monotonic  # for how long a look is trusted
    # Whether the tenant keeps any committee to its members and the committees' names, as
    # last read, and until when that is trusted (see _look).
    _any_closed: bool = field(default=False, init=False, repr=False)
    _committees: CommitteeNames | None = field(default=None, init=False, repr=False)
    _committees_seen_until: float = field(default=float("-inf"), init=False, repr=False)

    def today(self) -> date:
        return self.clock.now().astimezone(self.timezone).date()

    async def decisions(
        self,
        words: str,
        *,
        language: str | None = None,
        fallback_language: str | None = None,
        reader: Readers = None,
    ) -> Answer:
        """Decisions about `words` taken as a topic whatever they look like (a search box),
        with the filters they name ("LAR i SSU"); `language`, `fallback_language` and
        `reader` as for `answer`."""
        reader = await self._reader(reader)
        intent = await self._recognize(words)
        if intent.kind != IntentKind.DECISION or not intent.topic:
            intent = replace(intent, kind=IntentKind.DECISION, topic=words.strip())
        lang = self._language(intent, language, fallback_language)
        answer = Answer(intent=intent, language=lang)
        await self._read(
            reader, lambda session: self._decisions(session, intent, answer), search=True
        )
        return answer

    async def _recognize(self, text: str) -> Intent:
        """Reading a long message costs tens of milliseconds of CPU: in a worker thread, so
        the server's event loop goes on answering others (and /healthz) meanwhile. A
        question as members type one (0.2 ms of CPU at 40 characters, 0.6 ms at 120) is
        read here: the hop to the thread and back costs about as much as reading it."""
        await self._look()
        committees = self._committees
        if len(text) <= READ_HERE_CHARS:
            return recognize(text, today=self.today(), committees=committees)
        return await asyncio.to_thread(recognize, text, today=self.today(), committees=committees)

    def _language(self, intent: Intent, chosen: str | None, fallback: str | None) -> str:
        evident = intent.language if intent.language_evident else None
        return chosen or evident or fallback or self.default_language

    def _decisions(self, session: Session, intent: Intent, answer: Answer) -> None:
        assert intent.topic
        # Words alone or a frame ("LAR", "hva skjedde med LAR") do not ask what was decided.
        decided_first = not intent.bare
        found = find_decisions(
            session, self.search, self.tenant, intent, decided_first=decided_first
        )
        answer.results, answer.found = found.results, found.found
        answer.text = render.decisions(found.results, answer.language, intent.topic, found.found)
        note = findings_note(found, intent, answer.language)
        if note:
            _lead_with(answer, note)

    def _decision_list(
        self, session: Session, context: AnswerContext, intent: Intent, answer: Answer
    ) -> None:
        """A committee's decisions; for a committee these minutes do not have ("Faglig
        samarbeidsutvalg" where only SSU's are), the cases that mention it."""
        committee = intent.committee
        if not committee or scope(session, self.tenant, committee).known:
            answer_decision_list(session, context, intent, answer)
            return
        asked = replace(intent, topic=committee, committee=None)
        self._decisions(session, asked, answer)
        if answer.found:
            answer.intent = asked
            note = text(answer.language, "decisions.list.mentions", committee=committee)
            _lead_with(answer, note)
            return
        answer.results = []
        answer.text = unknown_committee(session, self.tenant, committee, answer.language)

    async def answer(
        self,
        question: str,
        *,
        asker: Asker = None,
        language: str | None = None,
        fallback_language: str | None = None,
        reader: Readers = None,
    ) -> Answer:
        """Answer `question`. `asker` is the asking person's name, when known, or how to find
        it out (called only when the question is about the asker: a chat user's lookup may
        cost a call to Teams); `language` overrides the question's own language;
        `fallback_language` (a chat client's locale) applies when the question does not
        show its language. `reader` is who reads the answer, for the committees kept to
        their members (storage/committee_access.py); None reads everything (the operator:
        a chat user always has a reader, if only an unknown one)."""
        intent = await self._recognize(question)
        return await self.answer_intent(
            intent,
            asker=asker,
            language=language,
            fallback_language=fallback_language,
            question=question,
            reader=reader,
        )

    async def answer_intent(
        self,
        intent: Intent,
        *,
        asker: Asker = None,
        language: str | None = None,
        fallback_language: str | None = None,
        question: str = "",
        reader: Readers = None,
    ) -> Answer:
        """Answer a question already recognized (the arguments as for `answer`; `question`,
        the words typed, for the suggestions when it was not understood)."""
        reader = await self._reader(reader)
        lang = self._language(intent, language, fallback_language)
        answer = Answer(intent=intent, language=lang)
        kind = intent.kind
        context = self._context()
        if kind == IntentKind.DECISION:
            if intent.topic:
                if intent.bare:  # whether words alone were meant as a topic: by the index
                    await self.search.refresh(self.db)
                    # Off the event loop: each word's analysis costs CPU, as reading it did.
                    if not await asyncio.to_thread(self._meant_as_topic, intent.topic):
                        _not_understood(answer, question or intent.topic)
                        return answer
                await self._read(
                    reader,
                    lambda session: self._decisions(session, intent, answer),
                    search=not intent.bare,  # just refreshed
                )
                if intent.bare and not answer.found:
                    # Words alone that the minutes have nothing on ("angre", "pizza fredag")
                    # may not be a topic: say so, offer what was likely, show what is near.
                    _not_understood(answer, question or intent.topic, keep_near=True)
            elif intent.postponed or intent.committee or intent.period or intent.last_meeting:
                await self._read(
                    reader,
                    lambda session: self._decision_list(session, context, intent, answer),
                    search=True,
                )
            else:
                answer.text = text(lang, "decision.no_topic")
        elif kind in (IntentKind.MY_TASKS, IntentKind.PERSON_TASKS):
            name = await _who_asks(asker) if kind == IntentKind.MY_TASKS else None
            await self._read(
                reader,
                lambda session: self._tasks(session, intent, answer, name),
                search=bool(intent.topic),  # a topic's typos are read by the index's terms
            )
        elif kind == IntentKind.URGENT_TASKS:
            mine = not intent.person and not intent.everyone
            name = await _who_asks(asker) if mine else intent.person
            await self._read(
                reader,
                lambda session: answer_urgent(session, context, intent, answer, name, mine=mine),
            )
        elif kind in (IntentKind.NEXT_MEETING, IntentKind.AGENDA):
            await self._read(reader, lambda session: self._meetings(session, intent, answer))
        elif kind == IntentKind.RESPONSIBLE:
            await self._read(
                reader,
                lambda session: answer_responsible(session, context, self.search, intent, answer),
                search=True,
            )
        elif kind in _OF_A_MEETING and intent.topic:  # "hvem var på møtet om LAR"
            answered = _MEETING_ANSWERS[kind]
            await self._read(
                reader,
                lambda session: self._of_meeting_about(session, context, intent, answer, answered),
                search=True,
            )
        elif kind in _MEETING_ANSWERS:
            answered = _MEETING_ANSWERS[kind]
            await self._read(reader, lambda session: answered(session, context, intent, answer))
        elif kind == IntentKind.GROUP_MEMBERS:
            await self._read(
                reader, lambda session: answer_group_members(session, context, intent, answer)
            )
        elif kind == IntentKind.GREETING:
            answer.text = text(lang, "greeting")
        elif kind == IntentKind.HELP:
            answer.text = text(lang, "help")
        elif intent.topic:
            await self._read(
                reader, lambda session: self._guess(session, intent, answer), search=True
            )
            if not answer.found:
                _not_understood(answer, question or intent.topic)
        else:
            _not_understood(answer, question)
        return answer

    async def _reader(self, reader: Readers) -> Reader | None:
        """Who reads the answer. A lookup (it may cost a call to Teams) is made only when
        the tenant keeps some committee to its members, as last seen (read again after
        COMMITTEES_SEEN_S); else an unknown reader, which is safe: the answer's own read works
        out what it may read from the committees as they are then (`_read`)."""
        if not callable(reader):
            return reader
        await self._look()
        return await reader() if self._any_closed else Reader()

    async def _look(self) -> None:
        """Read the tenant's committees again once the last look is COMMITTEES_SEEN_S old."""
        now = self.monotonic()
        if now < self._committees_seen_until:
            return
        closed, names = await self.db.read(lambda session: committees_seen(session, self.tenant))
        self._any_closed, self._committees = closed, committee_names(names)
        self._committees_seen_until = now + COMMITTEES_SEEN_S

    async def _read(
        self, reader: Reader | None, work: Callable[[Session], T], *, search: bool = False
    ) -> T:
        """`work` on a session that reads only what `reader` may (worked out in it). With
        `search`, the search's snapshot of the index is checked in that session and, when
        the index moved, reloaded before `work` runs again: one read while it stands still
        (a refresh of its own was a second session, on PostgreSQL a second pre-ping)."""

        def limited(session: Session, check: bool = search) -> T:
            if check:
                self.search.ensure_current(session)
            restrict(session, self.tenant, reader, admins=self.admins)
            return work(session)

        try:
            return await self.db.read(limited)
        except StaleIndex:
            await self.search.refresh(self.db)
            return await self.db.read(lambda session: limited(session, False))

    def _context(self) -> AnswerContext:
        return AnswerContext(tenant=self.tenant, now=self.clock.now(), timezone=self.timezone)

    def _meant_as_topic(self, topic: str) -> bool:
        """Several words alone of which the minutes know at most half ("blablabla møte
        kaffe", "what's the weather like") were not meant as a topic."""
        unknown, said = self.search.foreign(topic)
        return said < _BARE_WORDS or unknown * 2 <= said

    def _guess(self, session: Session, intent: Intent, answer: Answer) -> None:
        """A question of a kind not understood ("hvor mye fikk Teknat?"): answered from the
        minutes when a case holds most of what it says, saying that it is a guess; else
        "not understood", never a near miss for something nobody asked about."""
        assert intent.topic
        asked = replace(intent, kind=IntentKind.DECISION)
        found = find_decisions(session, self.search, self.tenant, asked)
        candidates = found.results[:_GUESS_CANDIDATES] if found.found else []
        # The case that holds what was asked leads, also when a later treatment of the
        # matter ranks first ("hvor mange pasienter er med i DHO": the status case, not the
        # later cost decision).
        top = next(
            (
                r
                for r in candidates
                if _answers(self.search.coverage(session, r.case_id, about_text(r), intent.topic))
            ),
            None,
        )
        if top is None:
            answer.found = False
            return
        results = [top, *(r for r in found.results if r is not top)]
        answer.intent = asked
        answer.results, answer.found = results, True
        answer.text = render.decisions(results, answer.language, intent.topic, True)
        _lead_with(answer, text(answer.language, "decision.guess"))

    def _tasks(self, session: Session, intent: Intent, answer: Answer, asker: str | None) -> None:
        lang = answer.language
        mine = intent.kind == IntentKind.MY_TASKS
        name = asker if mine else intent.person
        if not mine and not name:
            self._everyones_tasks(session, intent, answer)
            return
        if not name:
            answer.text = text(lang, "tasks.who")
            answer.found = False
            return
        scope = task_scope(session, self._context(), intent, self.search.vocabulary())
        found = find_tasks(
            session,
            self.tenant,
            name,
            include_done=intent.include_done,
            page=intent.page,
            per_page=self.list_cap,
            where=scope.where(),
            keep=scope.keep(),
        )
        answer.person, answer.groups, answer.tasks = found.name, found.groups, found.tasks
        if problem := owner_not_found(found, name, lang):
            answer.found, answer.text = False, problem
            return
        # "Dine oppgaver om LAR i SSU (Henrik Berg):" when the question narrowed the list
        words = scope.words(lang)
        in_ = ".in" if words else ""
        if not found.tasks:
            answer.text = text(lang, f"tasks.none{in_}", name=found.name, scope=words)
            return
        heading = text(lang, f"tasks.{'mine' if mine else 'of'}{in_}", name=found.name, scope=words)
        page = cut_page(found.tasks, found.page, self.list_cap, found.total)
        answer.tasks = page.shown
        answer.more, answer.next_page = more_of(intent, lang, page, person=found.name, scope=words)
        lines = [render.task_line(t, lang, self.today()) for t in page.shown]
        answer.text = "\n".join([heading, *lines, *([answer.more] if answer.more else [])])

    def _everyones_tasks(self, session: Session, intent: Intent, answer: Answer) -> None:
        """ "oppgaver for SSU", "åpne oppgaver om LAR", "hvem skal gjøre noe": the
        committee's (or all) tasks, as the question narrows them."""
        lang = answer.language
        scope = task_scope(session, self._context(), intent, self.search.vocabulary())
        number = intent.task_number  # "er oppgave 5 ferdig?": that one, done or not
        found = committee_tasks(
            session,
            self.tenant,
            include_done=intent.include_done,
            include_settled=number is not None,
            where=scope.where(),
            keep=scope.keep(),
        )
        words = scope.words(lang)
        where = words or text(lang, "tasks.scope.all")
        if not found and number is not None:
            answer.found, answer.text = False, text(lang, "tasks.one.unknown", id=number)
            return
        if not found:
            answer.text = text(lang, "tasks.none.open_in", scope=where)
            return
        heading = (
            text(lang, "tasks.one", id=number)
            if number is not None
            else text(lang, "tasks.open.in", scope=where)
        )
        page = page_of(found, intent.page, self.list_cap)
        answer.tasks = page.shown
        answer.more, answer.next_page = more_of(intent, lang, page, person=None, scope=words)
        lines = [render.task_line(t, lang, self.today()) for t in page.shown]
        lines += [answer.more] if answer.more else []
        if number is not None and (settled := settled_by(session, number)) is not None:
            lines.append(text(lang, "tasks.one.settled", meeting=meeting_cite(settled)))
        answer.text = "\n".join([heading, *lines])

    def _of_meeting_about(
        self,
        session: Session,
        context: AnswerContext,
        intent: Intent,
        answer: Answer,
        answered: Callable[[Session, AnswerContext, Intent, Answer], None],
    ) -> None:
        """A question about the meeting that treated `intent.topic`, answered of it."""
        about = meeting_about(session, context, self.search, intent, answer)
        if about is None:
            return
        answered(session, context, about.intent, answer)
        # The case that found it first: the one the conversation goes on about.
        others = [r for r in answer.results if r.case_id != about.case.case_id]
        answer.results = [about.case, *others]
        answer.text = "\n".join([about.heading(answer.language, intent.topic or ""), answer.text])

    def _meetings(self, session: Session, intent: Intent, answer: Answer) -> None:
        lang = answer.language
        upcoming = next_meetings(session, self.tenant, self.clock.now(), intent.committee)
        if not upcoming:
            suffix = (
                text(lang, "meeting.none.committee", committee=intent.committee)
                if intent.committee
                else ""
            )
            answer.text = text(lang, "meeting.none", suffix=suffix)
            answer.found = False
            return
        if intent.kind == IntentKind.NEXT_MEETING:
            answer.meetings = [meeting_result(m) for m in upcoming]
            answer.text = "\n".join(
                text(
                    lang,
                    "meeting.next",
                    committee=m.committee or "?",
                    when=self._when_where(session, m, lang),
                )
                for m in answer.meetings
            )
            return
        found = agenda(session, upcoming[0])
        page = page_of(found.open_tasks, intent.page, self.list_cap)
        answer.meetings = [found.meeting]
        answer.results = found.results
        answer.tasks = page.shown
        answer.more, answer.next_page = more_of(intent, lang, page, person=None)
        answer.text = render.agenda(
            found.meeting, found.results, page.shown, lang, self.timezone, self.today()
        ) + (f"\n{answer.more}" if answer.more else "")

    def _when_where(self, session: Session, meeting: MeetingResult, language: str) -> str:
        """When the meeting is, with its place — or that the minutes do not give one, so
        "where is the next meeting?" is never answered with a time alone."""
        when = render.meeting_when(meeting, language, self.timezone)
        if meeting.location:
            return when  # meeting_when says the place
        return f"{when} ({place_note(session, self.tenant, meeting, language)})"
