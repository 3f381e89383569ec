"""Issue 19's hostile documents, full size, through the worker's whole job: read, parse and
index weights (`assistant.document_parsing.parse_bytes`), one document at a time.

    .venv/bin/python bench/import_attacks.py                  # every attack, 120 s limit each
    .venv/bin/python bench/import_attacks.py --code /tmp/before --limit 30

Figures, not a test (tests/minutes/test_reader_bounds.py and tests/storage/
test_import_bounds.py hold small versions). Each attack runs in its own process so one that
takes too long is stopped at --limit ("> N s") and the others still run. `--code` puts
another checkout first on the path (`git archive <commit> | tar -x -C /tmp/before`) to print
the before figures on the same machine. Ends with one JSON line of all figures.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bold_markdown() -> tuple[str, bytes]:
    return "bold.md", ("**a " * 50_000).encode()  # one 200 KB line of unclosed bold


def long_word() -> tuple[str, bytes]:
    return "word.txt", b"Sak 1/23 Budsjett\n\n" + b"a" * 19_000_000 + b"\n"


def bomb_docx() -> tuple[str, bytes]:
    """250,000 paragraphs, about 1.3 MB on disk, 14 MB of XML once unpacked."""
    import docx

    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("x")
    document.save(made)
    source = zipfile.ZipFile(made)
    xml = source.read("word/document.xml").decode()
    at = xml.index("<w:body>") + len("<w:body>")
    body = "".join(f"<w:p><w:r><w:t>Sak {i}/23 Tema {i}</w:t></w:r></w:p>" for i in range(250_000))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            main = info.filename == "word/document.xml"
            archive.writestr(
                info.filename, xml[:at] + body + xml[at:] if main else source.read(info)
            )
    return "bomb.docx", out.getvalue()


def shared_stream_pdf() -> tuple[str, bytes]:
    """200 pages that are one page object, so they share its 215 KB content stream."""
    from tests.minutes.docfactory import make_pdf

    page = make_pdf([[f"Sak {i}/23 linje {i} " * 3 for i in range(3000)]])
    kids = b"/Kids [" + b" ".join([b"4 0 R"] * 200) + b"] /Count 200"
    return "shared.pdf", page.replace(b"/Kids [4 0 R] /Count 1", kids)


def html_tags() -> tuple[str, bytes]:
    return "tags.html", ("- " + " <a" * 66_000 + "x|").encode()  # unclosed tags, no <p>


def front_matter() -> tuple[str, bytes]:
    return "front.md", ("---\nkey: a" + " " * 200_000 + "#x\n---\nSak 1\n").encode()


ATTACKS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "markdown '**a ' x 50,000 (200 KB)": bold_markdown,
    ".txt with one 19 MB word": long_word,
    ".docx of 250,000 paragraphs": bomb_docx,
    "PDF: 200 pages on one stream": shared_stream_pdf,
    "HTML ' <a' x 66,000": html_tags,
    "front matter: 200 KB of spaces": front_matter,
}


def _run(code: str | None, attack: str, answer: multiprocessing.Queue) -> None:
    if code:
        sys.path.insert(0, code)
    sys.path.insert(1, str(ROOT))
    from assistant.document_parsing import parse_bytes

    name, data = ATTACKS[attack]()
    start = time.perf_counter()
    parsed = parse_bytes(data, name=name, path=None, committee=None, max_bytes=20 * 1024 * 1024)
    seconds = time.perf_counter() - start
    outcome = parsed.error or f"{len(parsed.minutes.cases) if parsed.minutes else 0} cases"
    answer.put((seconds, outcome))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", help="another checkout to time instead of this one")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per attack")
    parser.add_argument("--only", default="", help="run the attacks whose name holds this")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")  # --code must be imported afresh
    figures: dict[str, object] = {}
    for attack in (a for a in ATTACKS if args.only.lower() in a.lower()):
        answer = context.Queue()
        process = context.Process(target=_run, args=(args.code, attack, answer))
        process.start()
        process.join(args.limit)
        if process.is_alive():
            process.kill()
            process.join()
            figures[attack] = None
            print(f"{attack:40} > {args.limit:.0f} s", flush=True)
            continue
        seconds, outcome = answer.get()
        figures[attack] = round(seconds, 3)
        print(f"{attack:40} {seconds:7.2f} s  {outcome[:90]}", flush=True)
    print(json.dumps({"code": args.code or str(ROOT), "seconds": figures}))


if __name__ == "__main__":
    main()
