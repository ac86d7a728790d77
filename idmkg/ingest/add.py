"""``idmkg add``: convert notes, refuse duplicates, store them with their provenance, rebuild.

What goes where, in the corpus folder (``notes/`` by default):

* ``NNN_<sha256 of the text, 16 hex>.txt``: the normalised note text, which the pipeline
  reads like the vendored notes (``NNN`` is the next free number);
* ``originals/<same name><original extension>``: the file as given, byte for byte;
* ``manifest.json``: one provenance record per added note: the file's name, format, sha256 of
  the original and of the text, when it was added, the note's key and symbol, and the tool
  and library versions that read it. The vendored notes are listed in ``README.md``.

All or nothing: every file is read, converted, parsed and checked against the corpus and
the other files first; only then is anything written (each file atomically: temporary file
and rename), the manifest last. A failure while writing, or a rebuild that fails (the graph
with the new notes violates the shapes), takes the corpus back to what it was.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources
from ..errors import IdmkgError, IngestError, NoteError
from ..model import Note
from ..parse import parse_note, parse_text
from ..serialize import write_atomic
from .convert import Converted, convert, library_versions

MANIFEST = "manifest.json"
ORIGINALS = "originals"
MANIFEST_VERSION = 1

Progress = Callable[[str], None]


def paragraph_count(note) -> int:
    """The note's numbered paragraphs, counting those of the annex that go on with the body's
    numbering (the parser keeps the annex as lines: "10. ..." there is not a Paragraph)."""
    count = len(note.paragraphs)
    last = note.paragraphs[-1].number if note.paragraphs else 0
    for line in note.annex.split("\n"):
        m = re.match(r"^(\d{1,3})\.\s+\S", line.strip())
        if m and int(m.group(1)) == last + 1:
            count, last = count + 1, last + 1
    return count


@dataclass(frozen=True)
class AddedNote:
    source: Path  # the file as given
    format: str
    key: str
    symbol: str | None
    text_file: Path  # where the normalised text is (or would be) stored
    original_file: Path
    paragraphs: int
    footnotes: int
    record: dict


@dataclass
class AddResult:
    added: list[AddedNote] = field(default_factory=list)
    build: object | None = None  # the pipeline's BuildResult, when rebuilt
    dry_run: bool = False


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def read_manifest(corpus: Path) -> dict:
    path = corpus / MANIFEST
    if not path.exists():
        return {"version": MANIFEST_VERSION, "notes": []}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise IngestError(path, f"unreadable manifest: {err}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("notes"), list):
        raise IngestError(path, "malformed manifest: expected an object with a 'notes' list")
    return manifest


def check_corpus(corpus: Path | str | None = None) -> list[str]:
    """What is wrong between the manifest and the corpus (empty when they agree): every record's
    text and original present with the recorded sha256, no stray temporary files."""
    corpus = Path(corpus or resources.NOTES_DIR)
    problems = []
    try:
        manifest = read_manifest(corpus)
    except IngestError as err:
        return [str(err)]
    for rec in manifest["notes"]:
        for what, name, digest in (("text", rec.get("file"), rec.get("sha256_text")),
                                   ("original", rec.get("original"), rec.get("sha256_original"))):
            path = corpus / str(name)
            if not path.is_file():
                problems.append(f"{path}: {what} of {rec.get('source_name')} is missing")
            elif sha256(path.read_bytes()) != digest:
                problems.append(f"{path}: {what} of {rec.get('source_name')} differs from its recorded sha256")
    for stray in [*corpus.glob(".*.tmp"), *(corpus / ORIGINALS).glob(".*.tmp")]:
        problems.append(f"{stray}: temporary file left by an interrupted write")
    listed = {rec.get("original") for rec in manifest["notes"]}
    if (corpus / ORIGINALS).is_dir():
        for f in sorted((corpus / ORIGINALS).iterdir()):
            if not f.name.startswith(".") and f"{ORIGINALS}/{f.name}" not in listed:
                problems.append(f"{f}: original not in the manifest")
    return problems


def _corpus_notes(corpus: Path) -> list[tuple[Path, bytes, Note]]:
    out = []
    for f in sorted(corpus.glob("*.txt")):
        data = f.read_bytes()
        out.append((f, data, parse_note(f)))
    return out


def _next_number(corpus: Path, taken: set[int]) -> int:
    numbers = set(taken)
    for f in corpus.glob("*.txt"):
        head = f.name.split("_", 1)[0]
        if head.isdigit():
            numbers.add(int(head))
    return max(numbers, default=-1) + 1


def _prepare(paths: list[Path], corpus: Path, say: Progress) -> tuple[list[tuple[Converted, Note, dict]], dict]:
    """Read, convert, parse and check every file; nothing written."""
    manifest = read_manifest(corpus)
    existing = _corpus_notes(corpus)
    by_source = {rec.get("sha256_original"): rec for rec in manifest["notes"]}
    by_bytes = {sha256(data): f for f, data, _ in existing}
    by_text = {note.sha256: f for f, _, note in existing}
    by_key = {note.key: f for f, _, note in existing}
    versions = library_versions()
    today = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    batch_files: dict[str, Path] = {}
    batch_text: dict[str, Path] = {}
    batch_key: dict[str, Path] = {}
    prepared = []
    taken: set[int] = set()
    for path in paths:
        say(f"reading {path}")
        c = convert(path)
        digest = sha256(c.data)
        if digest in batch_files:
            raise IngestError(path, f"given twice: same file as {batch_files[digest]} in this command")
        if digest in by_source:
            rec = by_source[digest]
            raise IngestError(path, f"already in the corpus: same file as {corpus / str(rec.get('file'))} "
                                    f"(added from {rec.get('source_name')} on {rec.get('added', '?')[:10]})")
        if digest in by_bytes:
            raise IngestError(path, f"already in the corpus: same file as {by_bytes[digest]}")
        try:
            note = parse_text(c.text, path)
        except NoteError as err:
            if c.format == "text":
                raise  # the parser's message names the file and line
            message = str(err)
            detail = message[len(f"{path}:"):].lstrip() if message.startswith(f"{path}:") else message
            if detail[:1].isdigit():  # a line number of the converted text would mean nothing
                detail = detail.split(": ", 1)[-1]
            raise IngestError(path, f"not a discussion note (read as {c.format}): {detail}") from None
        text_digest = sha256(c.text)
        if text_digest in by_text:
            raise IngestError(path, f"already in the corpus: same text as {by_text[text_digest]}")
        if text_digest in batch_text:
            raise IngestError(path, f"given twice: same text as {batch_text[text_digest]} in this command")
        what = f"symbol {note.symbol}" if note.symbol else f"note {note.key}"
        if note.key in by_key:
            raise IngestError(path, f"already in the corpus: same {what} as {by_key[note.key]}")
        if note.key in batch_key:
            raise IngestError(path, f"given twice: same {what} as {batch_key[note.key]} in this command")
        batch_files[digest], batch_text[text_digest], batch_key[note.key] = path, path, path
        number = _next_number(corpus, taken)
        taken.add(number)
        stem = f"{number:03d}_{text_digest[:16]}"
        suffix = path.suffix.lower() if path.suffix else {"pdf": ".pdf", "docx": ".docx", "html": ".html",
                                                           "markdown": ".md"}.get(c.format, ".txt")
        record = {
            "file": f"{stem}.txt",
            "original": f"{ORIGINALS}/{stem}{suffix}",
            "source_name": path.name,
            "format": c.format,
            "sha256_original": digest,
            "sha256_text": text_digest,
            "bytes_original": len(c.data),
            "key": note.key,
            "symbol": note.symbol,
            "paragraphs": paragraph_count(note),
            "added": today,
            "tool": versions,
        }
        prepared.append((c, note, record))
    return prepared, manifest


def add_notes(paths, corpus: Path | str | None = None, rebuild: bool = True, progress: Progress | None = None,
              dry_run: bool = False, out: Path | str | None = None, **build_options) -> AddResult:
    """Add the notes in ``paths`` to ``corpus`` (default: the project's ``notes/``) and
    rebuild the graph into ``out`` (default ``dist``) unless ``rebuild`` is false.
    ``build_options`` go to :func:`idmkg.pipeline.build`: ``idmkg add`` passes ``workers`` and
    ``cache_dir`` (``OUT/.cache/facts``), so that the rebuild reads only the new notes.
    Raises :class:`IngestError` (nothing written) if any file cannot be added."""
    say = progress or (lambda message: None)
    corpus = Path(corpus or resources.NOTES_DIR)
    paths = [Path(p) for p in paths]
    if not paths:
        raise IngestError(corpus, "no files to add")
    if not corpus.is_dir():
        raise IngestError(corpus, "corpus directory not found")
    prepared, manifest = _prepare(paths, corpus, say)
    result = AddResult(dry_run=dry_run)
    for c, note, rec in prepared:
        footnotes = sum(len(p.footnotes) for p in note.paragraphs) + len(note.annex_footnotes)
        result.added.append(AddedNote(c.path, c.format, note.key, note.symbol, corpus / rec["file"],
                                      corpus / rec["original"], paragraph_count(note), footnotes, rec))
    if dry_run:
        return result

    manifest_path = corpus / MANIFEST
    old_manifest = manifest_path.read_bytes() if manifest_path.exists() else None
    written: list[Path] = []
    try:
        for c, note, rec in prepared:
            say(f"storing {c.path.name} as {rec['file']}")
            original = corpus / rec["original"]
            write_atomic(original, c.data)
            written.append(original)
            text_file = corpus / rec["file"]
            write_atomic(text_file, c.text)
            written.append(text_file)
        new_manifest = {"version": MANIFEST_VERSION,
                        "about": "Notes added with `idmkg add`: where each came from (see notes/README.md).",
                        "notes": [*manifest["notes"], *(rec for _, _, rec in prepared)]}
        write_atomic(manifest_path, json.dumps(new_manifest, indent=2, ensure_ascii=False) + "\n")
        written.append(manifest_path)
        if rebuild:
            from ..pipeline import build

            result.build = build(corpus, out or "dist", progress=say, **build_options)
    except BaseException as err:
        _rollback(written, manifest_path, old_manifest)
        if isinstance(err, OSError):
            where = getattr(err, "filename", None) or corpus
            raise IngestError(where, f"cannot store the notes: {err.strerror or err}; "
                                     "nothing added (the corpus is as it was)") from err
        if isinstance(err, IdmkgError) and not isinstance(err, IngestError):
            names = ", ".join(str(p) for p in paths)
            wrapped = IngestError(names, f"not added (the corpus is as it was): {err}")
            if hasattr(err, "report_text"):
                wrapped.report_text = err.report_text
            raise wrapped from err
        raise
    return result


def _rollback(written: list[Path], manifest_path: Path, old_manifest: bytes | None) -> None:
    for path in reversed(written):
        if path == manifest_path and old_manifest is not None:
            write_atomic(manifest_path, old_manifest)
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            pass
    originals = manifest_path.parent / ORIGINALS
    if originals.is_dir() and not any(originals.iterdir()):
        os.rmdir(originals)
