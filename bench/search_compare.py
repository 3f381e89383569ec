"""Referent's search against SQLite FTS5 and PostgreSQL full-text, on one store, interleaved.

    .venv/bin/python bench/search_compare.py                      # 50,000 cases, four engines
    .venv/bin/python bench/search_compare.py --cases 5000 --meetings 500 --keep
    .venv/bin/python bench/search_compare.py --reuse FILE --reuse-postgresql URL

The store and the questions are search_bench's (`build_store`, `make_questions`, same seed):
its decision questions, plus known-target questions made here. Four engines answer each
question, in an order that rotates from question to question, so a noisy neighbour on the
machine slows them alike:

- referent/sqlite, referent/postgresql: `DecisionSearch.search` (query analysis, BM25 over
  the postings, loading the hits' cases) with the question's committee and period filters;
  its candidates' rows of postings kept between searches as the assistant keeps them, so
  the repeated rounds find them kept (`--read-rows`: read at every search);
- fts5/sqlite: an FTS5 table over the cases' title, decision, proposal and body (external
  content, unicode61 with diacritics folded), ranked by `bm25()` with the fields weighted
  3/2/1/1;
- fts/postgresql: a GIN-indexed `to_tsvector('norwegian', …)` of the same fields
  (setweight A/B/C/D), ranked by `ts_rank_cd`.

The built-in engines get what Referent's search gets: the topic the intent recogniser found
in the question, and the same filters (joined to the case and the meeting). Their query is
the topic's words OR-ed (`--mode and` for all words, which finds nothing for many natural
questions). Every engine runs through `Database.read`, as the assistant reads.

Reported: p50/p95 per engine over the measured runs (after one unmeasured round), each
engine's p95 against Referent's on the same database as a ratio, how many questions found
nothing, and hit@3 on the known-target questions: a case with a rare word (in at most three
cases) asked about by that word as written, inflected (definite form), with a typing slip,
or in an English question; a hit when any case holding the word ranks in the top three.
Also the index's build time and size against each built-in index's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from machine import describe, machine
from pg import with_database
from search_bench import (
    NOW,
    OSLO,
    PREFIXES,
    SUFFIXES,
    Corpus,
    _typo,
    build_corpus,
    build_store,
    make_questions,
    percentiles,
)
from sqlalchemy import text
from sqlalchemy.orm import Session

from assistant.decision_answer import committee_ids
from assistant.decision_search import DecisionSearch
from assistant.indexing import reindex_all
from assistant.intents import IntentKind, recognize
from storage.database import Database
from storage.models import DEFAULT_TENANT
from storage.search_index import Filters

FIELDS = ("title", "decision", "proposal", "body")
FTS5_WEIGHTS = "3.0, 2.0, 1.0, 1.0"  # bm25() column weights, in FIELDS order
PG_WEIGHTS = ("A", "B", "C", "D")
LIMIT = 10
TARGET_MS = {"referent/sqlite": 10.0, "referent/postgresql": 20.0}
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Asked:
    text: str
    topic: str
    committee: str | None
    start: date | None
    end: date | None
    targets: frozenset[int] = frozenset()  # known-target questions: the cases that count
    variant: str = ""


# -- the questions -------------------------------------------------------------------------------


def _definite(word: str) -> str:
    """The definite form, as a question would inflect it: plan -> planen, tiltak -> tiltaket."""
    if word.endswith("e"):
        return word + "n"
    if word.endswith(("tiltak", "forum", "fond", "regnskap", "system", "register", "mål")):
        return word + "et"
    return word + "en"


def known_target_questions(corpus: Corpus, count: int, seed: int) -> list[tuple[str, set[int]]]:
    """(question, the cases holding its rare word): words of three parts (prefix + compound)
    found in one to three cases, asked four ways in turn."""
    compounds = {p + s for p in PREFIXES for s in SUFFIXES}
    holders: dict[str, set[int]] = defaultdict(set)
    for case in corpus.cases:
        said = " ".join(case.get(f) or "" for f in FIELDS).lower()
        for word in set(WORD.findall(said)):
            if len(word) > 14 and any(word.startswith(p) and word[len(p) :] in compounds
                                      for p in PREFIXES):  # fmt: skip
                holders[word].add(case["id"])
    rare = sorted(w for w, cases in holders.items() if len(cases) <= 3)
    rng = random.Random(seed * 31 + 7)
    rng.shuffle(rare)
    out: list[tuple[str, set[int]]] = []
    for i, word in enumerate(rare[:count]):
        kind = i % 4
        if kind == 0:
            question = f"hva ble bestemt om {word}?"
        elif kind == 1:
            question = f"hva ble vedtatt om {_definite(word)}"
        elif kind == 2:
            question = f"hva ble bestemt om {_typo(rng, word) or word}?"
        else:
            question = f"what was decided about the {word}?"
        out.append((question, holders[word]))
    return out


def asked_questions(corpus: Corpus, count: int, known: int, seed: int) -> list[Asked]:
    today = NOW.astimezone(OSLO).date()
    texts = [(q.text, set[int](), "bench") for q in make_questions(corpus, count, seed)
             if q.kind == "decision"]  # fmt: skip
    variants = ("as written", "inflected", "typo", "english")
    known_ones = known_target_questions(corpus, known, seed)
    texts += [(t, cases, variants[i % 4]) for i, (t, cases) in enumerate(known_ones)]
    out = []
    for question, targets, variant in texts:
        intent = recognize(question, today=today)
        if intent.kind != IntentKind.DECISION or not (intent.topic or "").strip():
            continue
        period = intent.period
        out.append(
            Asked(question, intent.topic or "", intent.committee,
                  period.start if period else None, period.end if period else None,
                  frozenset(targets), variant)
        )  # fmt: skip
    return out


# -- the built-in indexes ------------------------------------------------------------------------


def _fts5_build(session: Session) -> None:
    columns = ", ".join(FIELDS)
    session.execute(text("DROP TABLE IF EXISTS case_fts"))
    session.execute(
        text(
            f"CREATE VIRTUAL TABLE case_fts USING fts5({columns}, content='case_item', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    )
    session.execute(text("INSERT INTO case_fts(case_fts) VALUES ('rebuild')"))


def _pg_fts_build(session: Session) -> None:
    document = " || ".join(
        f"setweight(to_tsvector('norwegian', coalesce({f}, '')), '{w}')"
        for f, w in zip(FIELDS, PG_WEIGHTS, strict=True)
    )
    session.execute(text("DROP TABLE IF EXISTS case_fts"))
    session.execute(
        text(f"CREATE TABLE case_fts AS SELECT id, {document} AS document FROM case_item")
    )
    session.execute(text("ALTER TABLE case_fts ADD PRIMARY KEY (id)"))
    session.execute(text("CREATE INDEX ix_case_fts ON case_fts USING gin (document)"))


# Referent's index (storage/posting_store.py), with their indexes.
INDEX_TABLES = ("search_block", "search_case", "search_gone", "search_term")


def _sqlite_sizes(session: Session) -> dict[str, float]:
    rows = session.execute(text("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")).all()
    size = dict(rows)
    postings = sum(v for k, v in size.items() if any(t in k for t in INDEX_TABLES))
    fts = sum(v for k, v in size.items() if k.startswith("case_fts"))
    return {"referent_mb": postings / 1e6, "builtin_mb": fts / 1e6}


def _pg_sizes(session: Session) -> dict[str, float]:
    mb = "pg_total_relation_size('{}') / 1e6"
    referent = " + ".join(mb.format(t) for t in INDEX_TABLES)
    row = session.execute(text(f"SELECT {referent}, {mb.format('case_fts')}")).one()
    return {"referent_mb": float(row[0]), "builtin_mb": float(row[1])}


# -- the engines ---------------------------------------------------------------------------------


def _conditions(f: Filters) -> tuple[str, list[str]]:
    """The filters as a join and conditions on case_item c (and meeting m)."""
    joins = " JOIN case_item c ON c.id = x.id"
    found = ["c.tenant = :tenant"]
    if f.committee_ids is not None:
        found.append(f"c.committee_id IN ({', '.join(map(str, f.committee_ids)) or 'NULL'})")
    if f.start or f.end:
        joins += " JOIN meeting m ON m.id = c.meeting_id"
        if f.start:
            found.append(f"m.date >= '{f.start.isoformat()}'")
        if f.end:
            found.append(f"m.date <= '{f.end.isoformat()}'")
    return joins, found


def fts5_search(session: Session, topic: str, f: Filters, mode: str) -> list[int]:
    words = WORD.findall(topic.lower())
    if not words:
        return []
    match = f" {mode.upper()} ".join(f'"{w}"' for w in words)
    joins, found = _conditions(f)
    sql = (
        f"SELECT x.id FROM (SELECT rowid AS id, bm25(case_fts, {FTS5_WEIGHTS}) AS rank "
        f"FROM case_fts WHERE case_fts MATCH :match) x{joins} WHERE {' AND '.join(found)} "
        f"ORDER BY x.rank, x.id LIMIT {LIMIT}"
    )
    return list(session.scalars(text(sql), {"match": match, "tenant": f.tenant}))


def pg_fts_search(session: Session, topic: str, f: Filters, mode: str) -> list[int]:
    query = "plainto_tsquery('norwegian', :topic)"
    if mode == "or":
        query = f"CAST(replace(CAST({query} AS text), ' & ', ' | ') AS tsquery)"
    joins, found = _conditions(f)
    sql = (
        f"SELECT x.id FROM (SELECT id, ts_rank_cd(document, t.q) AS rank "
        f"FROM case_fts, (SELECT {query} AS q) t WHERE document @@ t.q) x{joins} "
        f"WHERE {' AND '.join(found)} ORDER BY x.rank DESC, x.id LIMIT {LIMIT}"
    )
    return list(session.scalars(text(sql), {"topic": topic, "tenant": f.tenant}))


Engine = Callable[[Session, Asked, Filters], list[int]]


def referent_engine(search: DecisionSearch) -> Engine:
    def run(session: Session, asked: Asked, f: Filters) -> list[int]:
        return [h.case.id for h in search.search(session, asked.topic, filters=f, limit=LIMIT)]

    return run


def _filters(session: Session, asked: Asked) -> Filters:
    ids = committee_ids(session, DEFAULT_TENANT, asked.committee) if asked.committee else None
    return Filters(DEFAULT_TENANT, committee_ids=ids, start=asked.start, end=asked.end)


# -- measuring -----------------------------------------------------------------------------------


async def measure(
    engines: dict[str, tuple[Database, Engine]], questions: list[Asked], rounds: int
) -> dict[str, Any]:
    """Each question on every engine, in a rotating order; the first round unmeasured."""
    filters: dict[tuple[str, int], Filters] = {}
    for name, (db, _) in engines.items():
        for i, q in enumerate(questions):
            filters[name, i] = await db.read(lambda s, q=q: _filters(s, q))
    names = list(engines)
    ms: dict[str, list[float]] = defaultdict(list)
    found: dict[str, list[list[int]]] = {name: [[] for _ in questions] for name in names}
    for r in range(rounds + 1):
        for i, q in enumerate(questions):
            shift = (i + r) % len(names)
            for name in names[shift:] + names[:shift]:
                db, engine = engines[name]
                f = filters[name, i]
                t0 = time.perf_counter()
                ids = await db.read(lambda s, e=engine, q=q, f=f: e(s, q, f))
                elapsed = (time.perf_counter() - t0) * 1000
                if r > 0:
                    ms[name].append(elapsed)
                found[name][i] = ids
    out: dict[str, Any] = {}
    known = [i for i, q in enumerate(questions) if q.targets]
    for name in names:
        hits = [i for i in known if questions[i].targets & set(found[name][i][:3])]
        by_variant = Counter(questions[i].variant for i in hits)
        out[name] = {
            **percentiles(ms[name]),
            "empty": sum(1 for ids in found[name] if not ids),
            "hit_at_3": len(hits),
            "known": len(known),
            "hit_at_3_by_variant": dict(by_variant),
        }
    return out


def report(results: dict[str, Any], questions: list[Asked], builds: dict[str, Any]) -> None:
    known = sum(1 for q in questions if q.targets)
    variants = Counter(q.variant for q in questions if q.targets)
    print(f"\n  {len(questions)} questions ({len(questions) - known} of search_bench's decision "
          f"questions, {known} known-target: {dict(variants)})")  # fmt: skip
    print(f"  {'engine':<20} {'n':>5} {'p50':>8} {'p95':>8} {'p95 ratio':>10} {'empty':>6} "
          f"{'hit@3':>8}")  # fmt: skip
    for name, r in results.items():
        own = "referent/" + name.split("/")[1]
        ratio = r["p95"] / results[own]["p95"] if own in results else float("nan")
        print(f"  {name:<20} {r['n']:>5} {r['p50']:8.2f} {r['p95']:8.2f} {ratio:9.2f}x "
              f"{r['empty']:>6} {r['hit_at_3']:>4}/{r['known']:<3}")  # fmt: skip
    for name, r in results.items():
        by = ", ".join(f"{v} {r['hit_at_3_by_variant'].get(v, 0)}/{n}"
                       for v, n in sorted(variants.items()))  # fmt: skip
        print(f"    {name:<18} hit@3 by wording: {by}")
    for name, target in TARGET_MS.items():
        if name not in results:
            continue
        mine = results[name]
        base = name.split("/")[1]
        others = [r for n, r in results.items() if not n.startswith("referent/")]
        beaten = all(mine["p95"] < o["p95"] for o in others)
        ahead = all(mine["hit_at_3"] * 100 / max(1, mine["known"])
                    >= o["hit_at_3"] * 100 / max(1, o["known"]) + 15 for o in others)  # fmt: skip
        print(f"  target {name}: p95 {mine['p95']:.1f} ms <= {target:.0f} ms: "
              f"{'yes' if mine['p95'] <= target else 'NO'}; p95 below every built-in's: "
              f"{'yes' if beaten else 'NO'}; hit@3 >= theirs + 15 points: "
              f"{'yes' if ahead else 'NO'}")  # fmt: skip
        if base in builds:
            b = builds[base]
            built = "store reused: build not timed"
            if not math.isnan(b["referent_s"]):
                ratio = b["referent_s"] / b["builtin_s"]
                built = (f"build (cases + postings) {b['referent_s']:.1f} s vs "
                         f"{b['builtin_s']:.1f} s ({ratio:.1f}x)")  # fmt: skip
            if not math.isnan(b["rebuild_s"]):
                ratio = b["rebuild_s"] / b["builtin_s"]
                built += (f"; rebuilt from the stored cases {b['rebuild_s']:.1f} s vs "
                          f"{b['builtin_s']:.1f} s ({ratio:.1f}x)")  # fmt: skip
            print(f"    index on {base}: Referent's postings {b['referent_mb']:.0f} MB, "
                  f"built-in {b['builtin_mb']:.0f} MB ({b['referent_mb'] / b['builtin_mb']:.1f}x); "
                  f"{built}")  # fmt: skip


# -- the run -------------------------------------------------------------------------------------


async def prepare(db: Database, corpus: Corpus, args: argparse.Namespace, reused: bool) -> dict:
    """Build the store (unless reused) and the built-in index; their times and sizes."""
    referent_s = float("nan")
    if not reused:
        await db.upgrade()
        t0 = time.perf_counter()
        phases = await build_store(db, corpus, args.batch)
        referent_s = phases["cases_and_index"]  # rows and postings: the index's share is most
        print(f"  {db.dialect}: store built in {time.perf_counter() - t0:.1f} s")
    await db.upgrade()  # a reused store from before the newest migration
    await db.optimize()  # as `referent serve` does at start-up
    build = _fts5_build if db.dialect == "sqlite" else _pg_fts_build
    t0 = time.perf_counter()
    await db.write(build)
    builtin_s = time.perf_counter() - t0
    if db.dialect == "postgresql":
        async with db.engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE case_fts"))
    print(f"  {db.dialect}: built-in index built in {builtin_s:.1f} s")
    rebuild_s = float("nan")
    if args.rebuild:  # Referent's index built from the stored cases, as the built-in one is
        t0 = time.perf_counter()
        async with db.session() as session, session.begin():
            await reindex_all(session)
        rebuild_s = time.perf_counter() - t0
        await db.optimize()
        print(f"  {db.dialect}: Referent's index rebuilt (`referent db reindex`) in "
              f"{rebuild_s:.1f} s")  # fmt: skip
    sizes = await db.read(_sqlite_sizes if db.dialect == "sqlite" else _pg_sizes)
    return {**sizes, "referent_s": referent_s, "builtin_s": builtin_s, "rebuild_s": rebuild_s}


async def run(sqlite_url: str | None, pg_url: str | None, corpus: Corpus,
              questions: list[Asked], args: argparse.Namespace) -> dict[str, Any]:  # fmt: skip
    engines: dict[str, tuple[Database, Engine]] = {}
    builds: dict[str, Any] = {}
    opened: list[Database] = []
    try:
        for url, reused in ((sqlite_url, bool(args.reuse)), (pg_url, bool(args.reuse_postgresql))):
            if url is None:
                continue
            db = Database(url)
            opened.append(db)
            builds[db.dialect] = await prepare(db, corpus, args, reused)
            search = DecisionSearch(keep_rows=not args.read_rows)
            await search.refresh(db)
            engines[f"referent/{db.dialect}"] = (db, referent_engine(search))
            if db.dialect == "sqlite":
                engines["fts5/sqlite"] = (db, lambda s, q, f: fts5_search(s, q.topic, f, args.mode))
            else:
                engines["fts/postgresql"] = (
                    db, lambda s, q, f: pg_fts_search(s, q.topic, f, args.mode)
                )  # fmt: skip
        results = await measure(engines, questions, args.rounds)
        report(results, questions, builds)
        return {"engines": results, "indexes": builds}
    finally:
        for db in opened:
            await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=50_000, help="default 50000")
    parser.add_argument("--meetings", type=int, default=5_000, help="default 5000")
    parser.add_argument(
        "--questions", type=int, default=200, help="search_bench questions (decisions asked)"
    )
    parser.add_argument("--known", type=int, default=50, help="known-target questions")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--mode", choices=("or", "and"), default="or",
                        help="how the built-in engines combine the topic's words")  # fmt: skip
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=5_000, help="cases per transaction")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and PG database")
    parser.add_argument("--reuse", metavar="FILE", help="a SQLite store kept by search_bench or "
                        "this bench (same --seed/--cases/--meetings)")  # fmt: skip
    parser.add_argument("--reuse-postgresql", metavar="URL", help="the same for PostgreSQL")
    parser.add_argument("--rebuild", action="store_true", help="also time Referent's index "
                        "rebuilt from the stored cases (`referent db reindex`)")  # fmt: skip
    parser.add_argument(
        "--read-rows",
        action="store_true",
        help="Referent reads its candidates' rows of postings at every search, as before "
        "session 26, instead of keeping them between searches (the rounds repeat the questions)",
    )
    args = parser.parse_args(argv)
    print(describe(machine()))
    corpus = build_corpus(args.cases, args.meetings, args.seed)
    questions = asked_questions(corpus, args.questions, args.known, args.seed)
    print(f"{len(corpus.cases)} cases, {len(questions)} questions, mode {args.mode!r}, "
          f"{args.rounds} measured rounds (+1 warm-up), engines interleaved")  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="referent_searchcompare_"))
    sqlite_url = None
    if args.backend in ("sqlite", "both"):
        if args.reuse:
            copy = folder / "search.db"  # the FTS5 table is added to a copy, not the kept file
            shutil.copyfile(args.reuse, copy)
        else:
            copy = folder / "search.db"
        sqlite_url = f"sqlite+aiosqlite:///{copy}"
    started = time.perf_counter()
    try:
        if args.backend == "sqlite":
            outcome: Any = asyncio.run(run(sqlite_url, None, corpus, questions, args))
        elif args.reuse_postgresql:
            outcome = asyncio.run(run(sqlite_url, args.reuse_postgresql, corpus, questions, args))
        else:
            outcome = with_database(
                "referent_searchcompare",
                lambda url, _server: asyncio.run(run(sqlite_url, url, corpus, questions, args)),
                keep=args.keep,
            )
            if isinstance(outcome, str):
                print(f"PostgreSQL unavailable ({outcome}); SQLite only")
                outcome = asyncio.run(run(sqlite_url, None, corpus, questions, args))
    finally:
        if args.keep:
            print(f"kept: {folder / 'search.db'}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\ntotal wall time {time.perf_counter() - started:.0f} s")
    print(json.dumps({"machine": machine(), "cases": args.cases, "mode": args.mode, **outcome},
                     default=str))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
