"""Does a note brought in as PDF or Word read as its text does? Measured on every note we have.

    .venv/bin/python bench/ingest_fidelity.py [--formats pdf docx] [--worst N] [--numbered-items] [DIR ...]

For every note ``*.txt`` in ``notes/``, ``tests/data/unseen`` and ``tests/data/training*``
(never the sealed sets), the note is parsed with the project's parser and written as a small
HTML document from what the parser read (cover lines centred; each heading as a real ``<h3>``
wherever the note had it, whether a markdown ``#`` line or a plain line; numbered paragraphs
``N.<tab>text``; items indented; footnotes as LibreOffice's own footnote markup, anchored at
the end of the paragraph that carries them; the annex line by line after an ``ANNEX``
heading). LibreOffice (headless, its own profile) prints that to PDF and to .docx; the files
are cached under ``bench/.cache/ingest/`` by the hash of the HTML, so a rerun converts nothing.

Each file is read back with :func:`idmkg.ingest.convert` and parsed; the converted note is
compared with the original on paragraphs (numbers and whitespace-normalised text), headings,
footnotes, cover fields and, the figure that matters, the extracted facts (each note extracted
on its own with the scorer's entry point, :func:`idmkg.extract.extract_facts`; a fact is
subject, property and value, evidence aside).

Prints per format: notes read, rejected (by the converter or the parser), notes whose facts
are identical, facts lost and facts gained, and counts of notes differing in paragraphs,
headings, footnotes and cover; then the worst notes with their first difference. Figures, not
assertions: the exit status is 0 unless LibreOffice is missing.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "ingest"
FILTERS = {"pdf": "pdf:writer_pdf_Export", "docx": "docx:MS Word 2007 XML"}
COVER_FIELDS = ("key", "symbol", "title", "subtitle", "dialogue_year", "issued", "place", "language",
                "consultation_date", "previous_consultation")


def note_files(dirs: list[Path]) -> list[Path]:
    out = []
    for d in dirs:
        if "sealed" in d.name:
            continue
        out += sorted(d.glob("*.txt"))
    return out


def default_dirs() -> list[Path]:
    data = ROOT / "tests" / "data"
    return [ROOT / "notes", data / "unseen"] + sorted(p for p in data.glob("training*") if p.is_dir())


# ---------------------------------------------------------------------------------------------
# note -> HTML (what LibreOffice converts)
# ---------------------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _anchor(n: int) -> str:
    return (f'<a class="sdfootnoteanc" name="sdfootnote{n}anc" href="#sdfootnote{n}sym">'
            f"<sup>{n}</sup></a>")


def note_html(note, numbered_items: bool = False) -> str:
    """The parsed note as HTML for LibreOffice Writer: real headings, numbered paragraphs,
    indented items, Writer footnotes, the annex after an ANNEX heading. ``numbered_items``:
    items labelled 1, 2, 3 printed "1.<tab>text", as a numbered list inside a paragraph."""
    body: list[str] = [f'<p align="center">{_esc(line)}</p>' for line in note.cover.split("\n") if line.strip()]
    body.append('<p style="page-break-before: always"></p>')
    footnotes: list[tuple[int, str]] = []
    heading = None
    source = " ".join(note.source.read_text(encoding="utf-8").split())
    for p in note.paragraphs:
        if p.heading and p.heading != heading:
            body.append(f"<h3>{_esc(p.heading)}</h3>")
        heading = p.heading
        lines = [ln for ln in p.text.split("\n") if ln.strip()] or [""]
        footnotes += [(fn.number, fn.text) for fn in p.footnotes]
        marked = _with_markers(lines, [fn.number for fn in p.footnotes], source)
        body.append(f'<p align="justify">{p.number}.&#9;{marked[0]}</p>')
        for line in marked[1:]:
            if numbered_items:
                line = re.sub(r"^\((\d{1,2})\)\s+", r"\1.&#9;", line)
            body.append(f'<p align="justify" style="margin-left: 1.5cm">{line}</p>')
    if note.annex.strip():
        lines = note.annex.split("\n")
        first = lines[0].strip()
        if re.match(r"(?i)^annex\b", first):
            body.append(f"<h3>{_esc(first)}</h3>")
            lines = lines[1:]
        else:
            body.append("<h3>ANNEX</h3>")
        marks = _annex_markers(note, lines)
        for i, line in enumerate(lines):
            if line.strip():
                body.append(f"<p>{_esc(line.strip())}{''.join(_anchor(n) for n in marks.get(i, []))}</p>")
        footnotes += [(fn.number, fn.text) for fn in note.annex_footnotes]
    notes = "".join(
        f'<div id="sdfootnote{n}"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote{n}sym" '
        f'href="#sdfootnote{n}anc">{n}</a> {_esc(t)}</p></div>'
        for n, t in sorted(set(footnotes)))
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IDM note</title>"
            "<style>body{font-family:'Times New Roman',serif;font-size:12pt}"
            "h3{font-size:12pt;font-weight:bold;text-align:center}</style></head><body>"
            + "\n".join(body) + notes + "</body></html>\n")


def _marker_spots(number: int, source: str) -> list[str]:
    """The words just before each marker of footnote ``number`` in the note's source (markup
    and other markers removed), longest first."""
    from idmkg.parse import clean_inline

    sup = str(number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    marker = re.compile(rf"<sup>{number}</sup>|(?<![⁰¹²³⁴⁵⁶⁷⁸⁹]){sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"
                        rf"|(?<=[A-Za-z.,;:)”\"’'*]){number}(?=[\s*]|$)")
    spots = []
    for m in marker.finditer(source):
        before = source[max(0, m.start() - 80):m.start()]
        before = re.sub(r"<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+", "", before)
        words = clean_inline(before).split()[-5:]
        if len(words) >= 2:
            spots.append(" ".join(words))
    return spots


def _with_markers(lines: list[str], numbers: list[int], source: str) -> list[str]:
    """The paragraph's lines as HTML with each footnote's anchor where the source has its
    marker (after the same words); a marker not found goes to the end of the first line."""
    at: dict[tuple[int, int], list[int]] = {}
    for n in numbers:
        where = (0, len(lines[0]))
        for spot in _marker_spots(n, source):
            hits = [(i, ln.find(spot) + len(spot)) for i, ln in enumerate(lines) if spot in ln]
            if hits:
                where = hits[0]
                break
        at.setdefault(where, []).append(n)
    out = []
    for i, line in enumerate(lines):
        cuts = sorted(pos for (j, pos) in at if j == i)
        html_line, prev = "", 0
        for pos in cuts:
            html_line += _esc(line[prev:pos]) + "".join(_anchor(n) for n in at[(i, pos)])
            prev = pos
        out.append(html_line + _esc(line[prev:]))
    return out


def _annex_markers(note, lines: list[str]) -> dict[int, list[int]]:
    """{annex line index: footnote numbers whose marker it carries}, found in the note's source
    (the parsed annex has its markers removed); a marker not found goes to the first line."""
    from idmkg.parse import clean_inline

    raw = note.source.read_text(encoding="utf-8").splitlines()
    where: dict[int, list[int]] = {}
    for fn in note.annex_footnotes:
        sup = str(fn.number).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        marker = re.compile(rf"(?<=\S)(?:<sup>{fn.number}</sup>|{sup}(?![⁰¹²³⁴⁵⁶⁷⁸⁹]))")
        at = 0
        for r in raw:
            if marker.search(r):
                plain = clean_inline(re.sub(r"^#+\s*", "", marker.sub("", r)))
                hits = [i for i, ln in enumerate(lines) if ln.strip() and clean_inline(ln) == plain]
                if hits:
                    at = hits[0]
                    break
        where.setdefault(at, []).append(fn.number)
    return where


# ---------------------------------------------------------------------------------------------
# LibreOffice, cached
# ---------------------------------------------------------------------------------------------

def make_files(pages: dict[str, str], formats: list[str]) -> dict[tuple[str, str], Path]:
    """{html hash: html} -> {(hash, format): cached file}; converts only what is not cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    out = {(h, f): CACHE / f"{h}.{f}" for h in pages for f in formats}
    todo = {f: [h for h in pages if not out[(h, f)].exists()] for f in formats}
    if not any(todo.values()):
        return out
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("ingest_fidelity: LibreOffice not found (apt-get install libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="idmkg-fidelity-") as tmp:
        profile = Path(tmp) / "profile"
        for fmt, hashes in todo.items():
            if not hashes:
                continue
            src = Path(tmp) / "html"
            dst = Path(tmp) / fmt
            src.mkdir(exist_ok=True)
            dst.mkdir()
            files = []
            for h in hashes:
                (src / f"{h}.html").write_text(pages[h], encoding="utf-8")
                files.append(str(src / f"{h}.html"))
            print(f"converting {len(files)} notes to {fmt} with LibreOffice ...", file=sys.stderr)
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--infilter=HTML (StarWriter)", "--convert-to", FILTERS[fmt], "--outdir", str(dst),
                            *files], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           cwd=tmp)
            for h in hashes:
                made = dst / f"{h}.{fmt}"
                if made.exists():
                    part = out[(h, fmt)].with_suffix(".part")
                    shutil.copyfile(made, part)
                    os.replace(part, out[(h, fmt)])
    return out


# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------

def _ws(text: str) -> str:
    """Whitespace-normalised; a second-level bullet "o" counts as a bullet (the lines layout
    the converters write has no nested bullets: the parser reads "  - x" at level 1)."""
    return " ".join(re.sub(r"(?m)^\s*o ", "• ", text).split())


def facts_of(note, labels) -> set[tuple]:
    from idmkg.extract import extract_facts

    return {(f.subject.kind, f.subject.key, f.prop, repr(f.value)) for f in extract_facts([note], *labels)}


@dataclass
class Result:
    name: str
    fmt: str
    rejected: str | None = None
    lost: int = 0
    gained: int = 0
    first_fact: str = ""
    diffs: dict[str, str] = field(default_factory=dict)

    @property
    def score(self) -> tuple:
        return (self.rejected is not None, self.lost + self.gained, len(self.diffs))


def first_diff(a: list, b: list) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"#{i}: {str(x)[:90]!r} != {str(y)[:90]!r}"
    return f"count {len(a)} != {len(b)}" + (f" (first extra {str((a + b)[min(len(a), len(b))])[:90]!r})")


def compare(orig, conv) -> dict[str, str]:
    diffs = {}
    pa = [(p.number, _ws(p.text)) for p in orig.paragraphs]
    pb = [(p.number, _ws(p.text)) for p in conv.paragraphs]
    if pa != pb:
        diffs["paragraphs"] = first_diff(pa, pb)
    ha = [(p.number, _ws(p.heading or "")) for p in orig.paragraphs]
    hb = [(p.number, _ws(p.heading or "")) for p in conv.paragraphs]
    if ha != hb:
        diffs["headings"] = first_diff(ha, hb)
    fa = sorted({(fn.number, _ws(fn.text)) for p in orig.paragraphs for fn in p.footnotes}
                | {(fn.number, _ws(fn.text)) for fn in orig.annex_footnotes})
    fb = sorted({(fn.number, _ws(fn.text)) for p in conv.paragraphs for fn in p.footnotes}
                | {(fn.number, _ws(fn.text)) for fn in conv.annex_footnotes})
    if fa != fb:
        diffs["footnotes"] = first_diff(fa, fb)
    ca = [(k, getattr(orig, k)) for k in COVER_FIELDS]
    cb = [(k, getattr(conv, k)) for k in COVER_FIELDS]
    if ca != cb:
        diffs["cover"] = first_diff(ca, cb)
    aa = [_ws(ln) for ln in orig.annex.split("\n") if ln.strip()]
    ab = [_ws(ln) for ln in conv.annex.split("\n") if ln.strip()]
    if aa != ab:
        diffs["annex lines"] = first_diff(aa, ab)
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--formats", nargs="+", default=["pdf", "docx"], choices=sorted(FILTERS))
    ap.add_argument("--worst", type=int, default=8)
    ap.add_argument("--numbered-items", action="store_true",
                    help='print items labelled (1), (2) as a numbered list "1. ... 2. ..." inside the paragraph')
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from idmkg.errors import IdmkgError
    from idmkg.ingest import convert
    from idmkg.parse import parse_note, parse_text
    from idmkg.pipeline import extraction_labels, load_schema

    files = note_files(args.dirs or default_dirs())
    originals, pages = {}, {}
    for path in files:
        note = parse_note(path)
        page = note_html(note, numbered_items=args.numbered_items)
        h = hashlib.sha256(page.encode("utf-8")).hexdigest()[:20]
        originals[path] = (note, h)
        pages[h] = page
    made = make_files(pages, args.formats)
    labels = extraction_labels(load_schema())
    results: dict[str, list[Result]] = {f: [] for f in args.formats}
    for path, (note, h) in originals.items():
        name = f"{path.parent.name}/{path.name}"
        want = facts_of(note, labels)
        for fmt in args.formats:
            r = Result(name, fmt)
            results[fmt].append(r)
            file = made[(h, fmt)]
            if not file.exists():
                r.rejected = "LibreOffice made no file"
                continue
            try:
                text = convert(file).text
                conv = parse_text(text, path.with_suffix(f".{fmt}.txt"))
            except IdmkgError as err:
                r.rejected = str(err).replace(str(file), name)[:160]
                continue
            except Exception as err:  # noqa: BLE001 -- a converter crash is a finding, not the end of the run
                r.rejected = f"CRASH {type(err).__name__}: {err}"[:160]
                continue
            got = facts_of(conv, labels)
            r.lost, r.gained = len(want - got), len(got - want)
            if want != got:
                r.first_fact = ("lost " + str(sorted(want - got)[0]) if want - got
                                else "gained " + str(sorted(got - want)[0]))[:200]
            r.diffs = compare(note, conv)
    print(f"{'format':<6} {'notes':>5} {'read':>5} {'rejected':>8} {'same facts':>10} {'lost':>5} {'gained':>6} "
          f"{'paras':>5} {'heads':>5} {'fnotes':>6} {'cover':>5} {'annex':>5}")
    for fmt, rs in results.items():
        read = [r for r in rs if r.rejected is None]
        def n(kind):
            return sum(kind in r.diffs for r in read)
        print(f"{fmt:<6} {len(rs):>5} {len(read):>5} {len(rs) - len(read):>8} "
              f"{sum(r.lost == r.gained == 0 for r in read):>10} {sum(r.lost for r in read):>5} "
              f"{sum(r.gained for r in read):>6} {n('paragraphs'):>5} {n('headings'):>5} {n('footnotes'):>6} "
              f"{n('cover'):>5} {n('annex lines'):>5}")
    print("(paras/heads/fnotes/cover/annex: notes read that differ in them)")
    for fmt, rs in results.items():
        worst = sorted((r for r in rs if r.score > (False, 0, 0)), key=lambda r: r.score, reverse=True)
        if not worst:
            continue
        print(f"\nworst {fmt}:")
        for r in worst[:args.worst]:
            if r.rejected:
                print(f"  {r.name}: REJECTED {r.rejected}")
                continue
            print(f"  {r.name}: facts -{r.lost} +{r.gained}" + (f"  {r.first_fact}" if r.first_fact else ""))
            for kind, d in r.diffs.items():
                print(f"      {kind}: {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
