"""A document beyond what minutes hold fails alone with its reason in the import report, and
the batch goes on (issue 19, item 1). SQLite and PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.importing import ImportOptions, import_paths
from storage.database import Database
from tests.conftest import seed
from tests.minutes.docfactory import make_pdf
from tests.minutes.test_reader_bounds import docx_of


async def test_oversized_documents_fail_alone_with_a_reason(db: Database, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(docx_of([f"Sak {i}/23 Tema {i}" for i in range(100_000)]))
    page = make_pdf([[f"Sak {i}/23 linje {i} " * 3 for i in range(1500)]])
    kids = b"/Kids [" + b" ".join([b"4 0 R"] * 200) + b"] /Count 200"
    shared = tmp_path / "shared.pdf"
    shared.write_bytes(page.replace(b"/Kids [4 0 R] /Count 1", kids))
    register = tmp_path / "register.txt"
    register.write_text("\n\n".join(f"Sak {i}/23 Tema {i}" for i in range(1, 2600)))
    start = time.perf_counter()
    results = await import_paths(db, [bomb, shared, register, seed("000")], ImportOptions())
    assert time.perf_counter() - start < 20
    report = {Path(r.path).name: (r.status, r.error or "") for r in results}
    assert report["bomb.docx"][0] == "failed"
    assert report["bomb.docx"][1].startswith("document too large after unpacking: 100,001 lines")
    assert report["shared.pdf"][0] == "failed"
    assert "drawing instructions" in report["shared.pdf"][1]
    assert report["register.txt"] == (
        "failed",
        "too many cases: 2,599 in one document; the limit is 2,000",
    )
    assert report[seed("000").name] == ("imported", "")
