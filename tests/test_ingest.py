"""``idmkg add``: every format of a note (PDF, .docx, HTML, markdown, text) yields the same
facts as the vendored text; duplicates and unreadable files are refused with one line
naming the file; nothing is written unless the whole batch can be added; the manifest and
the corpus agree.

The fixtures (tests/data/ingest/) are made from notes 002 (IC/2010/5) and 000 (IC/2009/10)
by tests/data/ingest/make_fixtures.py; the PDFs by LibreOffice from the .docx, with a
running header, page numbers and footnotes at the bottom of their page."""
from __future__ import annotations

import html
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from idmkg import resources
from idmkg.cli import main
from idmkg.errors import IngestError, NoteError
from idmkg.extract import extract_facts
from idmkg.ingest import add_notes, check_corpus, convert
from idmkg.ingest.html import convert as html_convert
from idmkg.ingest.markdown import convert as markdown_convert
from idmkg.parse import parse_corpus, parse_text
from tests.helpers import one_line_error

DATA = Path(__file__).resolve().parent / "data" / "ingest"
NOTES = {"ic-2010-5": "002_5c41cb46aeb7a953.txt", "ic-2009-10": "000_aa852f21bc5d0914.txt"}
FORMATS = ["pdf", "docx", "html", "md", "txt"]


def fixture(name: str, fmt: str, tmp_path: Path) -> Path:
    """The note ``name`` in format ``fmt``; the text version is the vendored note itself."""
    if fmt == "txt":
        path = tmp_path / f"{name}.txt"
        shutil.copy(resources.NOTES_DIR / NOTES[name], path)
        return path
    return DATA / f"{name}.{fmt}"


def corpus_copy(tmp_path: Path, without: str | None = None) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in resources.NOTES_DIR.glob("*.txt"):
        if f.name != without:
            shutil.copy(f, corpus)
    return corpus


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def facts_of(corpus: Path, schema_labels) -> set:
    return set(extract_facts(parse_corpus(corpus), *schema_labels))


# -- same facts from every format ------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(NOTES))
def test_every_format_yields_the_same_facts(tmp_path, facts, schema_labels, name, fmt):
    """Strict: the whole corpus's facts, with their evidence (note, part, offsets, exact
    words), are equal to those of the vendored notes when this note comes from ``fmt``."""
    corpus = corpus_copy(tmp_path, without=NOTES[name])
    result = add_notes([fixture(name, fmt, tmp_path)], corpus, rebuild=False)
    (added,) = result.added
    assert added.format == {"md": "markdown", "txt": "text"}.get(fmt, fmt)
    got = facts_of(corpus, schema_labels)
    expected = set(facts)
    assert got - expected == set() and expected - got == set(), (
        sorted(map(str, got - expected))[:5], sorted(map(str, expected - got))[:5])
    assert check_corpus(corpus) == []


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_converted_note_parses_like_the_vendored_one(fmt, tmp_path):
    """Paragraph by paragraph: text, heading, items, footnotes; and the cover."""
    for name, file in NOTES.items():
        original = parse_text((resources.NOTES_DIR / file).read_text(encoding="utf-8"), file)
        converted = parse_text(convert(fixture(name, fmt, tmp_path)).text, "converted")
        assert converted.cover == original.cover
        assert converted.annex == original.annex
        assert [(p.number, p.text, p.heading, p.items, [(f.number, f.text) for f in p.footnotes])
                for p in converted.paragraphs] == \
               [(p.number, p.text, p.heading, p.items, [(f.number, f.text) for f in p.footnotes])
                for p in original.paragraphs]


UNSEEN = Path(__file__).resolve().parent / "data" / "unseen"
UNSEEN_FILES = sorted(p for p in (UNSEEN / "pdf").glob("*") if p.suffix in (".pdf", ".docx")
                      and (UNSEEN / f"{p.stem}.txt").exists()) if (UNSEEN / "pdf").is_dir() else []


@pytest.mark.skipif(not UNSEEN_FILES, reason="no PDF/.docx versions of the unseen notes")
@pytest.mark.parametrize("path", UNSEEN_FILES, ids=lambda p: p.name)
def test_unseen_notes_made_elsewhere_yield_the_same_facts(path, schema_labels):
    """PDF and .docx versions of the synthetic unseen notes, made independently of the
    fixtures here (tests/data/unseen/make_pdfs.sh: HTML with LibreOffice footnotes)."""
    expected = set(extract_facts([parse_text((UNSEEN / f"{path.stem}.txt").read_text(encoding="utf-8"), "a")],
                                 *schema_labels))
    got = set(extract_facts([parse_text(convert(path).text, "b")], *schema_labels))
    assert got == expected, (sorted(map(str, got - expected))[:5], sorted(map(str, expected - got))[:5])


def test_pdf_running_header_page_numbers_and_footnotes_are_taken_out():
    text = convert(DATA / "ic-2010-5.pdf").text
    assert "Discussion note" not in text  # the running header, on every page
    lines = text.splitlines()
    assert not [ln for ln in lines if ln.strip().isdigit()]  # page numbers
    footnotes = [ln for ln in lines if ln.startswith("<sup>")]
    assert [ln[:20] for ln in footnotes] == ["<sup>1</sup> For fur", "<sup>2</sup> For fur"]
    assert "media.<sup>1</sup>" in text and "19–20)" in footnotes[1]


def test_add_with_rebuild_through_the_cli(runner, tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    out = tmp_path / "dist"
    result = runner.invoke(main, ["add", "--corpus", str(corpus), "--out", str(out), str(DATA / "ic-2010-5.pdf")])
    assert result.exit_code == 0, result.output
    assert "added" in result.output and "IC/2010/5" in result.output and "conforms" in result.output
    trig = (out / "idmkg.trig").read_text(encoding="utf-8")
    assert "graph/note/IC-2010-5" in trig
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    (rec,) = manifest["notes"]
    assert rec["format"] == "pdf" and rec["symbol"] == "IC/2010/5" and rec["source_name"] == "ic-2010-5.pdf"
    assert (corpus / rec["original"]).read_bytes() == (DATA / "ic-2010-5.pdf").read_bytes()
    assert "pdfplumber" in rec["tool"] and rec["added"].endswith("Z")
    assert check_corpus(corpus) == []


def test_two_notes_in_one_command_and_the_manifest(tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    (corpus / NOTES["ic-2009-10"]).unlink()
    result = add_notes([DATA / "ic-2010-5.docx", DATA / "ic-2009-10.html"], corpus, rebuild=False)
    assert [a.key for a in result.added] == ["IC-2010-5", "IC-2009-10"]
    names = [a.text_file.name for a in result.added]
    assert names[0].startswith("005_") and names[1].startswith("006_")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert [r["file"] for r in manifest["notes"]] == names
    assert check_corpus(corpus) == []
    assert len(parse_corpus(corpus)) == 5


def test_dry_run_writes_nothing(runner, tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    before = snapshot(corpus)
    result = runner.invoke(main, ["add", "--dry-run", "--corpus", str(corpus), str(DATA / "ic-2010-5.md")])
    assert result.exit_code == 0, result.output
    assert "would add" in result.output and "14 paragraphs" in result.output
    assert snapshot(corpus) == before


# -- duplicates ------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_same_symbol_as_a_corpus_note_is_refused(tmp_path, fmt):
    corpus = corpus_copy(tmp_path)
    before = snapshot(corpus)
    path = DATA / f"ic-2010-5.{fmt}"
    with pytest.raises(IngestError) as info:
        add_notes([path], corpus, rebuild=False)
    message = str(info.value)
    assert message.startswith(str(path)) and "already in the corpus: same symbol IC/2010/5" in message
    assert NOTES["ic-2010-5"] in message and "\n" not in message
    assert snapshot(corpus) == before


def test_same_text_under_another_name_is_refused(tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    (corpus / "elsewhere.txt").write_text(convert(DATA / "ic-2010-5.html").text, encoding="utf-8")
    with pytest.raises(IngestError, match=r"ic-2010-5.html: already in the corpus: same text as .*elsewhere.txt"):
        add_notes([DATA / "ic-2010-5.html"], corpus, rebuild=False)


def test_same_file_as_a_corpus_note_is_refused(tmp_path):
    corpus = corpus_copy(tmp_path)
    copy = tmp_path / "renamed.txt"
    shutil.copy(resources.NOTES_DIR / NOTES["ic-2010-5"], copy)
    with pytest.raises(IngestError, match="renamed.txt: already in the corpus: same file as .*002_5c41cb46aeb7a953.txt"):
        add_notes([copy], corpus, rebuild=False)


def test_a_file_added_before_is_refused_by_its_bytes(tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    add_notes([DATA / "ic-2010-5.pdf"], corpus, rebuild=False)
    with pytest.raises(IngestError, match=r"already in the corpus: same file as .*005_.*\.txt \(added from ic-2010-5.pdf"):
        add_notes([DATA / "ic-2010-5.pdf"], corpus, rebuild=False)


def test_same_file_twice_and_two_formats_of_one_note_in_one_command(runner, tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    before = snapshot(corpus)
    pdf = str(DATA / "ic-2010-5.pdf")
    one_line_error(runner.invoke(main, ["add", "--no-build", "--corpus", str(corpus), pdf, pdf]),
                   "given twice: same file as")
    one_line_error(runner.invoke(main, ["add", "--no-build", "--corpus", str(corpus), pdf, str(DATA / "ic-2010-5.docx")]),
                   "ic-2010-5.docx", "given twice: same symbol IC/2010/5 as", "ic-2010-5.pdf")
    assert snapshot(corpus) == before


# -- unreadable files --------------------------------------------------------------------------

def _pdf_bytes(build) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    build(writer)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((50, 50), "1. This discussion note provides an update", fill="black")
    buf = io.BytesIO()
    image.save(buf, format="PDF")
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    import pypdf

    reader = pypdf.PdfReader(DATA / "ic-2010-5.pdf")
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _odt() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue()


BAD = {
    "scan.png": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image, not a note"),
    "photo.jpg": (lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "a JPEG image"),
    "note.odt": (_odt, "OpenDocument text (.odt) is not read: save it as .docx or PDF"),
    "note.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "Word 97-2003 .doc"),
    "archive.zip": (lambda: zipfile_bytes(), "a zip archive, not a note"),
    "broken.docx": (lambda: (DATA / "ic-2010-5.docx").read_bytes()[:5000], "damaged or truncated .docx"),
    "empty.pdf": (lambda: _pdf_bytes(lambda w: w.add_blank_page(612, 792)), "no text in the PDF (empty pages)"),
    "truncated.pdf": (lambda: (DATA / "ic-2010-5.pdf").read_bytes()[:30000], "truncated or damaged PDF"),
    "scanned.pdf": (_scanned_pdf, "no text layer (a scanned PDF?): OCR it first"),
    "locked.pdf": (_encrypted_pdf, "encrypted PDF (password-protected)"),
    "empty.html": (lambda: b"", "empty file"),
    "no-note.html": (lambda: b"<!DOCTYPE html><html><body><h1>Minutes</h1><p>Nothing numbered.</p></body></html>",
                     "not a discussion note (read as html): no numbered paragraphs"),
    "no-title.md": (lambda: b"# Notes\n\n1. A first paragraph.\n\n2. A second one.\n",
                    "not a discussion note (read as markdown): no title 'INTERNATIONAL DIALOGUE ON MIGRATION"),
    "latin1.txt": (lambda: "INTERNATIONAL DIALOGUE ON MIGRATION 2011\n\n1. Société\n".encode("latin-1"),
                   "not UTF-8"),
    "mislabelled.pdf": (lambda: b"just some text\n", "named .pdf but is not one"),
}


def zipfile_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(BAD))
def test_unreadable_file_is_one_clear_line_naming_it(runner, tmp_path, name):
    make, expected = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    corpus = corpus_copy(tmp_path)
    before = snapshot(corpus)
    with pytest.raises((IngestError, NoteError)) as info:
        add_notes([path], corpus, rebuild=False)
    message = str(info.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message, message
    result = runner.invoke(main, ["add", "--corpus", str(corpus), str(path)])
    one_line_error(result, str(path), expected)
    assert snapshot(corpus) == before


def test_nothing_is_written_when_one_file_of_the_batch_fails(runner, tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    (corpus / NOTES["ic-2009-10"]).unlink()
    bad = tmp_path / "scan.png"
    bad.write_bytes(BAD["scan.png"][0]())
    before = snapshot(corpus)
    result = runner.invoke(main, ["add", "--corpus", str(corpus), str(DATA / "ic-2010-5.pdf"),
                                  str(DATA / "ic-2009-10.docx"), str(bad)])
    one_line_error(result, "scan.png", "PNG image")
    assert snapshot(corpus) == before


def test_a_failure_while_writing_leaves_the_corpus_as_it_was(tmp_path, monkeypatch):
    """Disk full on the third write (the second note's original): the files already written
    are taken back, the manifest stays as it was, and the corpus still checks clean."""
    from idmkg.ingest import add as add_module

    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    (corpus / NOTES["ic-2009-10"]).unlink()
    third = "003_9beb0cb66125f99d.txt"
    shutil.move(corpus / third, tmp_path / "ic-2009-1.txt")
    add_notes([tmp_path / "ic-2009-1.txt"], corpus, rebuild=False)  # a manifest to keep
    before = snapshot(corpus)
    real = add_module.write_atomic
    calls = []

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(add_module, "write_atomic", failing)
    with pytest.raises(IngestError, match="cannot store the notes: No space left on device; nothing added"):
        add_notes([DATA / "ic-2010-5.pdf", DATA / "ic-2009-10.html"], corpus, rebuild=False)
    assert len(calls) == 3
    monkeypatch.setattr(add_module, "write_atomic", real)
    assert snapshot(corpus) == before
    assert check_corpus(corpus) == []


def test_a_failed_rebuild_takes_the_notes_back_out(tmp_path, monkeypatch):
    from idmkg import pipeline
    from idmkg.errors import ValidationFailed

    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    before = snapshot(corpus)

    def failing_build(*args, **kwargs):
        raise ValidationFailed("the graph violates the shapes: 1 result(s); first: something")

    monkeypatch.setattr(pipeline, "build", failing_build)
    with pytest.raises(IngestError, match="not added \\(the corpus is as it was\\): the graph violates the shapes"):
        add_notes([DATA / "ic-2010-5.html"], corpus, out=tmp_path / "dist")
    assert snapshot(corpus) == before and not (corpus / "originals").exists()


def test_check_corpus_finds_a_changed_or_missing_file(tmp_path):
    corpus = corpus_copy(tmp_path, without=NOTES["ic-2010-5"])
    (added,) = add_notes([DATA / "ic-2010-5.docx"], corpus, rebuild=False).added
    added.original_file.write_bytes(b"changed")
    added.text_file.unlink()
    problems = check_corpus(corpus)
    assert any("differs from its recorded sha256" in p for p in problems)
    assert any("text of ic-2010-5.docx is missing" in p for p in problems)


# -- the HTML and markdown readers keep any paragraph text -----------------------------------

WORD_CHARS = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                             + list("éüßçøåΩЖж中文ñÉ") + list(".,;:!?'\"“”‘’()-–—/&<>%$=+[]{}_~|@^\\`#"))
WORD = st.text(WORD_CHARS, min_size=1, max_size=12)


@st.composite
def paragraphs(draw):
    """3-6 paragraphs of words; some words carry a footnote marker (numbered in order)."""
    count = draw(st.integers(3, 6))
    paras, notes, n = [], [], 0
    for _ in range(count):
        words = draw(st.lists(WORD, min_size=1, max_size=25))
        tokens = []
        for w in words:
            if draw(st.integers(0, 9)) == 0 and n < 9:
                n += 1
                tokens.append((w, n))
                notes.append(" ".join(draw(st.lists(WORD, min_size=1, max_size=8))))
            else:
                tokens.append((w, None))
        paras.append(tokens)
    return paras, notes


def _lines_text(paras, notes) -> str:
    out = ["# INTERNATIONAL DIALOGUE ON MIGRATION 2011", "IC/2011/7"]
    for i, tokens in enumerate(paras, start=1):
        out.append(f"{i}. " + " ".join(w + (f"<sup>{m}</sup>" if m else "") for w, m in tokens))
    out += [f"<sup>{k}</sup> {t}" for k, t in enumerate(notes, start=1)]
    return "\n\n".join(out) + "\n"


def _html(paras, notes) -> str:
    body = []
    for i, tokens in enumerate(paras, start=1):
        text = " ".join(html.escape(w) + (f'<a href="#fn{m}"><sup>{m}</sup></a>' if m else "") for w, m in tokens)
        body.append(f'<ol start="{i}">\n<li>{text}</li></ol>' if i % 2 else f"<p>{i}. {text}</p>")
    fns = "".join(f'<li id="fn{k}"><p>{html.escape(t)} <a href="#fnref{k}">↩︎</a></p></li>'
                  for k, t in enumerate(notes, start=1))
    return ("<!DOCTYPE html><html><head><title>x</title></head><body><h1>INTERNATIONAL DIALOGUE ON MIGRATION "
            f"2011</h1><p>IC/2011/7</p>{''.join(body)}<section class=\"footnotes\"><hr><ol>{fns}</ol></section>"
            "</body></html>")


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" else c for c in text)


def _markdown(paras, notes) -> str:
    out = ["INTERNATIONAL DIALOGUE ON MIGRATION 2011  ", "IC/2011/7", ""]
    for i, tokens in enumerate(paras, start=1):
        out.append(f"{i}. " + " ".join(_md_escape(w) + (f"[^{m}]" if m else "") for w, m in tokens) + "\n")
    out += [f"[^{k}]: {_md_escape(t)}" for k, t in enumerate(notes, start=1)]
    return "\n".join(out) + "\n"


def _plain(paras) -> list[str]:
    return [" ".join(w for w, _ in tokens) for tokens in paras]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_html_and_markdown_keep_the_paragraphs(sample):
    paras, notes = sample
    plain = _plain(paras)
    # what the parser itself cannot keep, whatever the format: emphasis stars, <http..> brackets
    assume(not any("*" in p or "<http" in p for p in plain + notes))
    expected = parse_text(_lines_text(paras, notes), "expected")
    assert [p.text for p in expected.paragraphs] == plain  # the reference is right
    for name, text in (("html", html_convert(_html(paras, notes))), ("markdown", markdown_convert(_markdown(paras, notes)))):
        got = parse_text(text, name)
        assert [(p.number, p.text, [(f.number, f.text) for f in p.footnotes]) for p in got.paragraphs] == \
               [(p.number, p.text, [(f.number, f.text) for f in p.footnotes]) for p in expected.paragraphs], (name, text)
