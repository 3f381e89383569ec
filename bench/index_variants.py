"""What each kind of posting earns: the search index rebuilt without it, and what that costs.

    .venv/bin/python bench/index_variants.py                     # 5,000 cases, SQLite
    .venv/bin/python bench/index_variants.py --cases 20000 --meetings 2000

One search_bench store (SQLite); then, for each variant, its postings and terms are written
anew from the cases and measured: postings, the index's size (dbstat), the time to analyse
and write them, hit@3 on search_compare's known-target questions, and for search_bench's
decision questions how many still find something and how many keep the full index's best
hit and top three. Variants (each leaves out one kind of posting, or caps them):

- full: what `assistant.search.case_weights.case_weights` writes (the reference);
- no-compound-parts: a word's term only, not the terms of its parts from the static
  compound list (the question's side still splits compounds);
- no-body: title, decision and proposal only;
- body-repeated-only: a body word only when it occurs twice or more in the case, or in
  another field;
- top-N: each case's N highest-weighted postings;
- rarer-than-P%: no postings of terms found in more than P % of the cases (their idf is
  low: log 2 at half the cases), a whole-index cut on the full variant's postings;
- cap-P%: each term's best-weighted postings, at most P % of the cases (a search reads a
  common term's best postings first anyway); "+df": with each term's true document
  frequency given to the search (as if stored with the term), so idf stays the full index's.

A variant earns its place when hit@3 and the answers stay while postings and size fall.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from machine import describe, machine
from search_bench import build_corpus, build_store
from search_compare import Asked, asked_questions
from sqlalchemy import text
from sqlalchemy.orm import Session

from assistant.decision_search import DecisionSearch
from assistant.search.analysis import _word_terms, index_terms
from assistant.search.case_weights import FIELD_BOOSTS, bm25_weights
from assistant.search.normalize import raw_words, term, token_of
from storage.database import Database
from storage.models import DEFAULT_TENANT
from storage.posting_store import write_postings
from storage.search_index import Filters, TermRow, term_ids

Weights = Callable[[dict[str, Any]], dict[str, float]]


def whole_word_terms(text_: str) -> list[str]:
    """`index_terms` without the static compound parts: each word's own term."""
    out: list[str] = []
    for raw in raw_words(text_):
        token = token_of(raw)
        if token is None:
            continue
        for part in token.parts:
            out.extend(_word_terms(part.lower())[:1])
        if token.joined is not None and (joined := term(token.joined.lower())):
            out.append(joined)
    return out


def weights_of(
    case: dict[str, Any],
    *,
    analyse: Callable[[str], list[str]] = index_terms,
    fields: tuple[tuple[str, float], ...] = FIELD_BOOSTS,
    body_repeated_only: bool = False,
    top: int | None = None,
) -> dict[str, float]:
    """`case_weights` with one kind of posting left out (or capped)."""
    counts: Counter[str] = Counter()
    length = 0
    by_field = {field: analyse(case.get(field) or "") for field, _ in fields}
    elsewhere = {t for field, terms in by_field.items() if field != "body" for t in terms}
    for field, boost in fields:
        terms = by_field[field]
        length += len(terms)
        if field == "body" and body_repeated_only:
            seen = Counter(terms)
            terms = [t for t in terms if seen[t] > 1 or t in elsewhere]
        for t in terms:
            counts[t] += boost
    weights = bm25_weights(counts, float(max(length, 1)))
    if top is not None and len(weights) > top:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return weights


# Whole-index cuts: drop the terms found in more than this share of the cases.
COMMON_CUTS = (0.5, 0.25)
# ... or keep each term's best postings, up to this share of the cases.
CAPS = (0.1, 0.02)

VARIANTS: dict[str, Weights] = {
    "full": weights_of,
    "no-compound-parts": partial(weights_of, analyse=whole_word_terms),
    "no-body": partial(weights_of, fields=tuple(f for f in FIELD_BOOSTS if f[0] != "body")),
    "body-repeated-only": partial(weights_of, body_repeated_only=True),
    "top-60": partial(weights_of, top=60),
    "top-40": partial(weights_of, top=40),
}


def _capped(full: dict[int, dict[str, float]], most: int) -> dict[int, dict[str, float]]:
    """Each term's `most` highest-weighted postings (ties by case id, as the search reads)."""
    by_term: dict[str, list[tuple[float, int]]] = {}
    for case_id, weights in full.items():
        for t, w in weights.items():
            by_term.setdefault(t, []).append((-w, case_id))
    out: dict[int, dict[str, float]] = {case_id: {} for case_id in full}
    for t, postings in by_term.items():
        for w, case_id in sorted(postings)[:most]:
            out[case_id][t] = -w
    return out


def _rewrite(session: Session, weights: dict[int, dict[str, float]]) -> None:
    for table in ("search_block", "search_case", "search_gone", "search_term"):
        session.execute(text(f"DELETE FROM {table}"))  # the queue after the cases' rows
    write_postings(session, weights)


def _size_mb(session: Session) -> float:
    rows = session.execute(
        text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%search_block%' "
             "OR name LIKE '%search_case%' OR name LIKE '%search_term%'")
    )  # fmt: skip
    return float(rows.scalar() or 0) / 1e6


def _answers(session: Session, search: DecisionSearch, questions: list[Asked]) -> list[list[int]]:
    out = []
    for q in questions:
        hits = search.search(session, q.topic, filters=Filters(DEFAULT_TENANT), limit=3)
        out.append([h.case.id for h in hits])
    return out


async def run(args: argparse.Namespace) -> None:
    corpus = build_corpus(args.cases, args.meetings, args.seed)
    questions = [q for q in asked_questions(corpus, 200, 50, args.seed) if not q.committee]
    known = [q for q in questions if q.targets]
    folder = Path(tempfile.mkdtemp(prefix="referent_indexvariants_"))
    db = Database(f"sqlite+aiosqlite:///{folder / 'variants.db'}")
    try:
        await db.upgrade()
        await build_store(db, corpus, 5_000)
        reference: list[list[int]] | None = None
        print(f"{args.cases} cases; {len(questions)} questions without a committee "
              f"({len(known)} known-target); filters left out, limit 3")  # fmt: skip
        print(f"  {'variant':<20} {'postings':>9} {'MB':>6} {'analyse s':>9} {'write s':>8} "
              f"{'hit@3':>7} {'found':>6} {'same #1':>8} {'same top3':>9}")  # fmt: skip
        full: dict[int, dict[str, float]] = {}
        cuts = {f"rarer-than-{int(c * 100)}%": c for c in COMMON_CUTS}
        caps = {f"cap-{int(c * 100)}%": c for c in CAPS}
        caps |= {f"{name}+df": c for name, c in caps.items()}
        true_df: Counter[str] = Counter()
        for name in [*VARIANTS, *cuts, *caps]:
            t0 = time.perf_counter()
            if name in caps:
                weights = _capped(full, int(caps[name] * len(full)))
            elif name in cuts:
                df = Counter(t for w in full.values() for t in w)
                most = cuts[name] * len(full)
                weights = {i: {t: v for t, v in w.items() if df[t] <= most}
                           for i, w in full.items()}  # fmt: skip
            else:
                weights = {c["id"]: VARIANTS[name](c) for c in corpus.cases}
            if name == "full":
                full = weights
                true_df = Counter(t for w in full.values() for t in w)
            analyse_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            await db.write(partial(_rewrite, weights=weights))
            write_s = time.perf_counter() - t0
            await db.optimize()
            size = await db.read(_size_mb)
            search = DecisionSearch()
            await search.refresh(db)
            if name.endswith("+df"):
                # The search's cache of document frequencies (filled as terms are asked),
                # preset with the full index's: what storing them with the terms would give.
                index = search._index
                assert index is not None
                terms = sorted(true_df)
                ids = await db.read(lambda s, terms=terms: term_ids(s, terms))
                index.frequencies.update({t: TermRow(i, true_df[t]) for t, i in ids.items()})
            answers = await db.read(lambda s, ds=search: _answers(s, ds, questions))
            if reference is None:
                reference = answers
            hit = sum(1 for q, a in zip(questions, answers, strict=True)
                      if q.targets and q.targets & set(a))  # fmt: skip
            found = sum(1 for a in answers if a)
            same_first = sum(1 for a, r in zip(answers, reference, strict=True)
                             if a[:1] == r[:1])  # fmt: skip
            same_top = sum(1 for a, r in zip(answers, reference, strict=True) if a == r)
            postings = sum(len(w) for w in weights.values())
            print(f"  {name:<20} {postings:>9} {size:6.1f} {analyse_s:9.1f} {write_s:8.1f} "
                  f"{hit:>3}/{len(known):<3} {found:>6} {same_first:>8} {same_top:>9}")  # fmt: skip
    finally:
        await db.close()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(describe(machine()))
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
