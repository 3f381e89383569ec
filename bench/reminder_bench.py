"""Reminder scheduler benchmark: an idle pass over a large schedule, and a burst of 1,000
reminders sent with pacing off and at its default.

    .venv/bin/python bench/reminder_bench.py                      # SQLite file
    .venv/bin/python bench/reminder_bench.py --backend postgresql
    .venv/bin/python bench/reminder_bench.py --sends-only --backend sqlite

The store: 10,000 meetings of 500 committees (20 each, spread from a year ago to a year
ahead, 13:00), each committee subscribed in 3 Teams channels (1,500 conversations), and
2,000 open tasks. On BURST_DAY 334 of the committees meet, so at 09:00 the day before
1,002 agenda reminders fall due at once.

- idle pass: a moment when everything due has been sent (the ledger holds it): the
  scheduler plans (meetings within reach x their subscriptions, tasks in their window),
  finds every key written, claims nothing. Median of 30 passes.
- burst: one pass at 09:00 the day before BURST_DAY, the Connector fake (another process,
  answering at once) receiving every message; wall time and CPU per send, with pacing off
  and at its default. With pacing on, the observed rates are checked against the limits
  (overall per second; per conversation per second and per 30 s).

Figures, not a test: it prints them, and fails only when the burst does not arrive whole.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from machine import describe, machine
from pg import with_database
from sqlalchemy import delete, insert, select, update

from assistant.clock import FixedClock
from bot.adapter import authentication
from bot.config import BotIdentity
from bot.outbox import Outbox
from bot.pacing import PacingLimits
from bot.scheduler import Scheduler, SchedulerSettings
from storage import deliveries
from storage.database import Database
from storage.models import (
    ChatConversation,
    Committee,
    Delivery,
    Meeting,
    Subscription,
    Task,
)

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)
BURST_DAY = date(2027, 1, 14)  # a Thursday
COMMITTEES, MEETINGS_EACH, CHANNELS_EACH, TASKS = 500, 20, 3, 2000
BURST_COMMITTEES = 334


# ---- the Connector fake, in a process of its own ------------------------------------------


def _fake_connector(port: int, ready: Any) -> None:
    arrivals: list[tuple[float, str]] = []

    async def activity(request: web.Request) -> web.Response:
        await request.read()
        arrivals.append((time.perf_counter(), request.match_info["cid"]))
        return web.json_response({"id": uuid.uuid4().hex})

    async def stats(request: web.Request) -> web.Response:
        return web.json_response({"arrivals": arrivals})

    async def reset(request: web.Request) -> web.Response:
        arrivals.clear()
        return web.json_response({})

    app = web.Application()
    app.router.add_post("/v3/conversations/{cid}/activities", activity)
    app.router.add_get("/stats", stats)
    app.router.add_post("/reset", reset)
    ready.set()
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


class Fake:
    def __init__(self) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        ready = multiprocessing.Event()
        self.process = multiprocessing.Process(
            target=_fake_connector, args=(self.port, ready), daemon=True
        )
        self.process.start()
        ready.wait(10)
        time.sleep(0.3)

    async def arrivals(self) -> list[tuple[float, str]]:
        import aiohttp

        async with aiohttp.ClientSession() as http, http.get(f"{self.url}/stats") as r:
            return [tuple(a) for a in (await r.json())["arrivals"]]

    async def reset(self) -> None:
        import aiohttp

        async with aiohttp.ClientSession() as http:
            await http.post(f"{self.url}/reset")

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


# ---- the store -----------------------------------------------------------------------------


def populate(db_session: Any, connector_url: str) -> None:
    session = db_session
    first = NOW.date() - timedelta(days=365)
    session.execute(
        insert(Committee),
        [{"id": c + 1, "tenant": "default", "name": f"Utvalg {c}", "short_name": f"U{c:03d}",
          "aliases": []} for c in range(COMMITTEES)],
    )  # fmt: skip
    conversations, subscriptions, meetings, tasks = [], [], [], []
    for c in range(COMMITTEES):
        for k in range(CHANNELS_EACH):
            n = c * CHANNELS_EACH + k + 1
            cid = f"19:c{c}-{k}@thread.tacv2"
            conversations.append({
                "id": n, "tenant": "default", "channel": "msteams", "conversation_id": cid,
                "kind": "channel", "service_url": connector_url, "teams_tenant_id": "t",
                "reference": {"bot": {"id": "28:bot"}, "conversation": {"id": cid},
                              "channelId": "msteams", "serviceUrl": connector_url},
                "updated_at": NOW,
            })  # fmt: skip
            subscriptions.append({
                "id": n, "tenant": "default", "conversation_ref_id": n, "committee_id": c + 1,
                "offsets_days": [7, 1], "lead_days": 7, "at_minute": 540, "active": True,
                "created_at": NOW, "updated_at": NOW,
            })  # fmt: skip
        for m in range(MEETINGS_EACH):
            day = first + timedelta(days=(c * 7 + m * 37) % 730)
            if c < BURST_COMMITTEES and m == 0:
                day = BURST_DAY
            elif day in (BURST_DAY, BURST_DAY + timedelta(days=6)):
                day += timedelta(days=2)  # no other meeting's reminder on the burst morning
            start = datetime(day.year, day.month, day.day, 13, tzinfo=OSLO)
            meetings.append({"committee_id": c + 1, "date": day, "starts_at": start,
                             "status": "planned" if day >= NOW.date() else "held",
                             "location": f"Rom {c}-{m}", "origin": "minutes"})  # fmt: skip
    for t in range(TASKS):
        due = NOW.date() + timedelta(days=(t * 11) % 120 - 60)
        tasks.append({"committee_id": t % COMMITTEES + 1, "tenant": "default",
                      "description": f"Oppgave {t}", "due_date": due, "status": "open",
                      "origin": "minutes", "created_at": NOW})  # fmt: skip
    session.execute(insert(ChatConversation), conversations)
    session.execute(insert(Subscription), subscriptions)
    session.execute(insert(Meeting), meetings)
    session.execute(insert(Task), tasks)


def _sequence_fix(session: Any) -> None:
    """PostgreSQL: explicit ids leave the sequences behind."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in ("committee", "chat_conversation", "subscription"):
        session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                 f"(SELECT max(id) FROM {table}))")
        )  # fmt: skip


# ---- measuring -----------------------------------------------------------------------------


def scheduler(db: Database, outbox: Outbox, at: datetime, pacing: PacingLimits) -> Scheduler:
    settings = SchedulerSettings(pacing=pacing, batch=200, concurrency=16)
    return Scheduler(db, outbox, FixedClock(at), tz=OSLO, tenant="default", settings=settings)


async def idle_pass(db: Database, outbox: Outbox, passes: int) -> dict[str, Any]:
    """Everything due by NOW written and marked sent; then passes a minute later."""
    await db.write(lambda s: deliveries.write_due(s, "default", NOW, OSLO))
    await db.write(lambda s: s.execute(update(Delivery).values(status="sent")))
    due = await db.read(deliveries.counts)
    idle = scheduler(db, outbox, NOW + timedelta(minutes=1), PacingLimits.off())
    await idle.run_once()  # warm caches (holidays, statement cache)
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        report = await idle.run_once()
        times.append((time.perf_counter() - start) * 1000)
        assert not report, report
    return {
        "ledger": due,
        "idle_pass_ms_median": round(statistics.median(times), 2),
        "idle_pass_ms_p90": round(sorted(times)[int(len(times) * 0.9)], 2),
        "idle_pass_ms_min": round(min(times), 2),
    }


def _windows(times: list[float], seconds: float) -> int:
    times, most, start = sorted(times), 0, 0
    for end, t in enumerate(times):
        while times[start] <= t - seconds:
            start += 1
        most = max(most, end - start + 1)
    return most


async def burst(db: Database, outbox: Outbox, fake: Fake, pacing: PacingLimits) -> dict[str, Any]:
    """The agenda reminders of BURST_DAY's meetings, the morning before: the tasks are
    done and what fell due before that morning is in the ledger as sent."""
    at = datetime.combine(BURST_DAY - timedelta(days=1), time_of_day(9), OSLO)

    def ready(session: Any) -> None:
        session.execute(delete(Delivery))
        session.execute(update(Task).values(status="done"))
        deliveries.write_due(session, "default", at - timedelta(minutes=1), OSLO)
        session.execute(update(Delivery).values(status="sent"))

    await db.write(ready)
    await fake.reset()
    run = scheduler(db, outbox, at, pacing)
    cpu, wall = time.process_time(), time.perf_counter()
    report = await run.run_once()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    arrivals = await fake.arrivals()
    if report.sent != len(arrivals) or report.sent < 1000:
        raise SystemExit(f"burst incomplete: {report}, {len(arrivals)} arrived")
    by_conversation: dict[str, list[float]] = defaultdict(list)
    for t, conversation in arrivals:
        by_conversation[conversation].append(t)
    overall = _windows([t for t, _ in arrivals], 1.0)
    return {
        "sent": report.sent,
        "wall_s": round(wall, 2),
        "cpu_ms_per_send": round(cpu * 1000 / report.sent, 3),
        "sends_per_s": round(report.sent / wall, 1),
        "most_in_1s_overall": overall,
        "most_in_1s_one_conversation": max(_windows(v, 1.0) for v in by_conversation.values()),
        "most_in_30s_one_conversation": max(_windows(v, 30.0) for v in by_conversation.values()),
        "pacer_waited_s": round(run.pacer.waited, 2),
    }


async def bench(url: str, args: argparse.Namespace) -> dict[str, Any]:
    fake = Fake()
    db = Database(url)
    auth = authentication(BotIdentity())
    try:
        await db.upgrade()
        started = time.perf_counter()

        def build(session: Any) -> None:
            populate(session, fake.url)
            _sequence_fix(session)

        await db.write(build)
        await db.optimize()
        meetings = await db.read(lambda s: len(s.scalars(select(Meeting.id)).all()))
        took = time.perf_counter() - started
        subscriptions = COMMITTEES * CHANNELS_EACH
        print(f"  store: {meetings} meetings, {subscriptions} subscriptions, {TASKS} tasks "
              f"({took:.1f} s)", file=sys.stderr)  # fmt: skip
        outbox = Outbox(auth, "")
        result: dict[str, Any] = {"meetings": meetings}
        if not args.sends_only:
            result["idle"] = await idle_pass(db, outbox, args.passes)
            print(f"  idle pass: {result['idle']}", file=sys.stderr)
        result["burst_pacing_off"] = await burst(db, outbox, fake, PacingLimits.off())
        print(f"  1,000 sends, pacing off: {result['burst_pacing_off']}", file=sys.stderr)
        if not args.no_paced:
            limits = PacingLimits()
            result["burst_paced"] = await burst(db, outbox, fake, limits)
            result["pacing_limits"] = {
                "overall_per_s": limits.overall[0].count,
                "per_conversation": [(x.count, x.seconds) for x in limits.per_conversation],
                "headroom_s": limits.headroom,
            }
            paced = result["burst_paced"]
            result["paced_within_limits"] = (
                paced["most_in_1s_overall"] <= limits.overall[0].count
                and paced["most_in_1s_one_conversation"] <= limits.per_conversation[0].count
                and paced["most_in_30s_one_conversation"] <= limits.per_conversation[1].count
            )
            within = result["paced_within_limits"]
            print(f"  1,000 sends, paced: {paced} (within the limits: {within})", file=sys.stderr)
        return result
    finally:
        await auth.close()
        await db.close()
        fake.stop()


def main() -> int:
    # A reminder whose meeting has passed is logged as dropped: thousands of them here.
    logging.getLogger("storage.deliveries").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--passes", type=int, default=30)
    parser.add_argument("--sends-only", action="store_true", help="skip the idle pass")
    parser.add_argument("--no-paced", action="store_true", help="skip the paced burst")
    args = parser.parse_args()
    info = machine()
    print(describe(info), file=sys.stderr)
    print(f"{args.backend}:", file=sys.stderr)
    if args.backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            result = asyncio.run(bench(f"sqlite+aiosqlite:///{tmp}/reminders.db", args))
    else:
        found = with_database("referent_bench", lambda url, server: asyncio.run(bench(url, args)))
        if isinstance(found, str):
            print(f"PostgreSQL not usable: {found}", file=sys.stderr)
            return 1
        result = found
    print(json.dumps({"backend": args.backend, "machine": info, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
