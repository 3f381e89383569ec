"""A throwaway PostgreSQL database for a benchmark run, on the server of
REFERENT_BENCH_POSTGRES_URL (default: the local test server)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable
from typing import TypeVar

import asyncpg
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
T = TypeVar("T")


def admin_url() -> str:
    url = os.environ.get("REFERENT_BENCH_POSTGRES_URL", "").strip() or DEFAULT_POSTGRES_URL
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _admin(sql: str) -> str:
    conn = await asyncpg.connect(admin_url(), timeout=5)
    try:
        await conn.execute(sql)
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


def with_database(
    prefix: str,
    run: Callable[[str, str], T],
    *,
    keep: bool = False,
    template: str | None = None,
) -> T | str:
    """`run(url, server)` on a new database (a copy of `template` when given), dropped
    afterwards (WITH (FORCE)) unless kept; or the reason PostgreSQL could not be used."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        version = asyncio.run(_admin(f'CREATE DATABASE "{name}"{copy}'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        return f"{type(error).__name__}: {error}".strip()
    url = database_url(name)
    try:
        return run(url, f"PostgreSQL {version}")
    finally:
        if keep:
            print(f"kept: {url}")
        else:
            _drop(name)


def database_url(name: str) -> str:
    """The SQLAlchemy URL of database `name` on the bench's server."""
    url = make_url(admin_url()).set(drivername="postgresql+asyncpg", database=name)
    return url.render_as_string(False)


def _drop(name: str) -> None:
    try:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        print(f"WARNING: could not drop the bench database {name}: {error}")
