"""Make the ingest-fidelity fixtures: PDF and .docx versions of notes that each exercised a fix
of the PDF/Word readers (found by ``bench/ingest_fidelity.py``), printed by LibreOffice from
the HTML that bench script writes (real headings, numbered paragraphs, Writer footnotes).

    .venv/bin/python tests/data/ingest/make_fidelity_fixtures.py     # needs LibreOffice (soffice)

``FIXTURES`` names each fixture, its source note and what it exercises; the files go to
``fidelity/NAME.pdf`` and ``fidelity/NAME.docx``, and ``fidelity/SOURCES`` lists the source of
each (the test reads it). ``list-in-paragraph`` is ``training7/ic-2021-3`` with its four
topics written as a numbered list ``1. ... 2. ...`` inside paragraph 5 (its text is kept as
``fidelity/list-in-paragraph.txt``). The tests use the files; they never need LibreOffice.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
OUT = HERE / "fidelity"

#: name -> (source note, relative to the repository, numbered list items?, what it exercises)
FIXTURES = {
    "plain-headings": ("notes/002_5c41cb46aeb7a953.txt", False,
                       "headings as plain lines (IC/2010/5), two footnotes, short paragraphs"),
    "lettered-headings": ("notes/004_511cff8487bd002f.txt", False,
                          "bold headings '(a) Title' (were read as items of the paragraph before)"),
    "annex-topics": ("tests/data/training11/ic-2021-8.txt", False,
                     "paragraphs run together by a wrong line spacing; annex read line by line"),
    "numbered-items": ("tests/data/training7/ic-2021-3.txt", False, "items '(1) ...' (were run into the paragraph)"),
    "list-in-paragraph": ("tests/data/ingest/fidelity/list-in-paragraph.txt", True,
                          "a list '1. ... 2. ...' inside paragraph 5 (must never be taken for paragraphs)"),
    "annex-footnote": ("notes/000_aa852f21bc5d0914.txt", False, "a footnote marked in the annex; annex bullets"),
    "annex-paragraphs": ("tests/data/training10/ic-2006-1.txt", False,
                         "annex paragraphs 10-12 going on with the body's numbering (the dry run counted 9)"),
}

#: made by tests/data/unseen/make_pdfs.sh from a note kept here (name -> (note, -, what))
BY_MAKE_PDFS = {
    "list-at-margin": ("tests/data/ingest/fidelity/list-at-margin.txt", False,
                       "a list '1. 2. 3.' in paragraph 1, at the paragraphs' margin ('2.' was read as paragraph 2)"),
}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from bench.ingest_fidelity import make_files, note_html
    from idmkg.parse import parse_note

    OUT.mkdir(exist_ok=True)
    listed = OUT / "list-in-paragraph.txt"
    if not listed.exists():
        text = (ROOT / "tests/data/training7/ic-2021-3.txt").read_text(encoding="utf-8")
        listed.write_text(re.sub(r"(?m)^- \(([1-4])\) ", r"\1. ", text), encoding="utf-8")
    import hashlib

    pages, names = {}, {}
    for name, (src, numbered, _) in FIXTURES.items():
        page = note_html(parse_note(ROOT / src), numbered_items=numbered)
        h = hashlib.sha256(page.encode("utf-8")).hexdigest()[:20]
        pages[h], names[name] = page, h
    made = make_files(pages, ["pdf", "docx"])
    for name, h in names.items():
        for fmt in ("pdf", "docx"):
            shutil.copyfile(made[(h, fmt)], OUT / f"{name}.{fmt}")
            print(OUT / f"{name}.{fmt}")
    # made by make_pdfs.sh itself: its numbered lines stand at the paragraphs' margin
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, (src, _, _) in BY_MAKE_PDFS.items():
            shutil.copyfile(ROOT / src, Path(tmp) / f"{name}.txt")
            subprocess.run(["sh", str(ROOT / "tests/data/unseen/make_pdfs.sh"), f"{name}.txt"], check=True,
                           env={**__import__("os").environ, "NOTES_DIR": tmp}, stdout=subprocess.DEVNULL)
            for fmt in ("pdf", "docx"):
                shutil.copyfile(Path(tmp) / "pdf" / f"{name}.{fmt}", OUT / f"{name}.{fmt}")
    (OUT / "SOURCES").write_text("".join(f"{name}\t{src}\t{why}\n" for name, (src, _, why)
                                         in {**FIXTURES, **BY_MAKE_PDFS}.items()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
