"""Parsing and per-note extraction for a whole corpus: one pass per note (text -> Note ->
raw facts), in a process pool when there are enough notes for it to pay, and cached per note.

:func:`read_notes` gives each note with its raw facts and sections (what ``idmkg build`` and
:meth:`idmkg.incremental.LiveBuild.start` start from); :func:`combined` passes them through
the cross-note rules; :func:`extract_corpus` is the two in one. :func:`extract_corpus` gives the same notes and the same facts, in the same order, as
``parse_corpus`` followed by :func:`idmkg.extract.extract_facts`, whatever the number of
workers and whatever the cache holds (tests/test_extract_batch.py): only the per-note rules
(:func:`idmkg.extract.read_note`) run in the workers or come from the cache; the cross-note
rules (:mod:`.resolve`) always run here, on every note. With W workers, W - 1 processes are
started and this one reads too (the chunks of notes from the back while the workers take them
from the front), so only the workers' share of the facts is pickled between processes.

The cache is a folder the caller names, one file per note, ``<sha256 of the note's
text>.pickle``, holding the parsed note, its raw facts and its sections under the
:func:`rules_version` they were read with. An entry that does not unpickle, is for another
text or another rules version, or is not shaped as expected is ignored and rewritten. Entries
are written atomically (a temporary file and a rename), so builds sharing a cache folder never
read half an entry. A cache folder is trusted like code (it holds pickles): give one only
idmkg writes to; one that belongs to another user or that every user may write to is not
used (:func:`cache_problem`). The folder is tagged ``CACHEDIR.TAG`` so that backups skip it.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import FileProblem, IdmkgError, NoteError
from ..model import Fact, Note, Ref
from ..parse import check_distinct, corpus_files, decode_note, parse_text, read_bytes
from ..serialize import write_atomic
from . import NoteRules, Sections, chronological, combine

Progress = Callable[[str], None]

#: below this much note text to read (cache misses, characters) the pool is not used: it
#: costs 15-30 % more CPU (starting workers, pickling their facts back) and pays only when a
#: second core is free (bench/extract_batch.py, 2-core machine shared with other work: 4.4 MB,
#: 1,000 synthetic notes, 23.4 s -> 17.3 s; 0.6 MB, 100 notes, no gain measurable). The rules
#: read about 0.3 MB of text a second; the five notes are 75 kB, a synthetic note 4.4 kB
POOL_MIN_CHARS = 1_000_000
#: notes sent to a worker at a time
CHUNK = 8
#: the shape of a cache entry; bump it when the entry's layout changes
CACHE_FORMAT = 1

#: marks the cache folder as one that backup and archiving tools may skip (bford.info/cachedir)
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This folder is idmkg's facts cache: safe to delete; it never changes a result.\n")

_PACKAGE = Path(__file__).resolve().parent.parent
#: the source files that decide what a note yields: the parser, the dates, the records and
#: every extraction module (the rules, their helpers, this module)
RULE_SOURCES = ("parse.py", "dates.py", "model.py", "extract/*.py")


def source_digest() -> str:
    """SHA-256 over the source files that decide a note's raw facts (:data:`RULE_SOURCES`),
    each named, with the Python version (regular expressions and pickles depend on it)."""
    h = hashlib.sha256(f"idmkg-facts/{CACHE_FORMAT}/{sys.version_info[:2]}".encode())
    files = sorted({p for pattern in RULE_SOURCES for p in _PACKAGE.glob(pattern)})
    for path in files:
        h.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def rules_version(concept_labels: dict[str, list[str]], attendance_labels: dict[str, list[str]]) -> str:
    """The version of the rules a cache entry was read with: the source files
    (:func:`source_digest`), the concept and attendance labels the rules are given, and the
    signal words they read from the vocabulary (:mod:`idmkg.extract.signals`)."""
    from .signals import signal_words

    labels = json.dumps([concept_labels, attendance_labels, signal_words()], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((source_digest() + "\0" + labels).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Labels:
    concept: dict[str, list[str]]
    attendance: dict[str, list[str]]


# -- one note: text -> Note -> raw facts, as a cache entry -------------------------------------

def _entry(text_sha: str, version: str, note: Note, facts: list[Fact], sections: Sections) -> bytes:
    return pickle.dumps({"format": CACHE_FORMAT, "text_sha256": text_sha, "rules": version,
                         "note": note, "facts": _shared(facts), "sections": sections},
                        protocol=pickle.HIGHEST_PROTOCOL)


def _shared(facts: list[Fact]) -> list[Fact]:
    """The same facts with equal things (:class:`Ref`) and evidence as one object each, so
    that the pickle holds (and loading it rebuilds) each once: a third less time to load.
    Literal values are kept as they are (``Decimal("1.0") == Decimal("1.00")``)."""
    one: dict = {}

    def same(x):
        return one.setdefault(x, x)

    return [Fact(same(f.subject), f.prop, same(f.value) if type(f.value) is Ref else f.value,
                 same(tuple(same(e) for e in f.evidence)), f.derived, f.rule)
            if f.rule is not None else f for f in facts]  # (no rule: a new Fact would name this one)


def _unpack(blob: bytes, text_sha: str, version: str) -> tuple[Note, list[Fact], Sections] | None:
    """A cache entry's note, facts and sections; None if it is corrupt, stale or for another text."""
    try:
        e = pickle.loads(blob)
    except Exception:  # noqa: BLE001 - any damage to an entry (truncated, garbage, old classes) is a miss
        return None
    if not (isinstance(e, dict) and e.get("format") == CACHE_FORMAT and e.get("text_sha256") == text_sha
            and e.get("rules") == version and isinstance(e.get("note"), Note)
            and isinstance(e.get("facts"), list) and isinstance(e.get("sections"), dict)
            and e["note"].sha256 == text_sha and all(isinstance(f, Fact) for f in e["facts"])):
        return None
    return e["note"], e["facts"], e["sections"]


@dataclass
class _Failure:
    """An error a user can act on, raised in a worker, carried back as data (the project's
    errors do not survive pickling: their constructors take the parts of the message)."""

    cls: type
    message: str
    path: object = None
    line: int | None = None

    def error(self) -> IdmkgError:
        err = self.cls.__new__(self.cls)
        Exception.__init__(err, self.message)
        if issubclass(self.cls, FileProblem):
            err.path, err.line = self.path, self.line
        return err


def _read_one(rules: NoteRules, version: str, path: Path, text: str, text_sha: str,
              cache_dir: Path | None) -> bytes | _Failure:
    """Parse and read one note; the entry (pickled) is written to the cache and returned."""
    try:
        note = parse_text(text, path)
    except IdmkgError as err:
        return _Failure(type(err), str(err), getattr(err, "path", None), getattr(err, "line", None))
    facts, sections = rules.read(note)
    blob = _entry(text_sha, version, note, facts, sections)
    if cache_dir is not None:
        _store(cache_dir, text_sha, blob)
    return blob


def _store(cache_dir: Path, text_sha: str, blob: bytes) -> bool:
    try:
        if not cache_dir.is_dir():
            cache_dir.mkdir(parents=True, exist_ok=True)
            (cache_dir / "CACHEDIR.TAG").write_text(CACHEDIR_TAG, encoding="ascii")
        write_atomic(cache_dir / f"{text_sha}.pickle", blob)
    except OSError:
        return False  # a cache that cannot be written costs time, never the build
    return True


# -- the workers ---------------------------------------------------------------------------------

_worker: dict = {}


def _init_worker(labels: _Labels, version: str, cache_dir: Path | None) -> None:
    _worker.update(rules=NoteRules(labels.concept, labels.attendance), version=version, cache_dir=cache_dir)


def _read_chunk(jobs: list[tuple[Path, str, str]]) -> list[bytes | _Failure]:
    w = _worker
    return [_read_one(w["rules"], w["version"], path, text, sha, w["cache_dir"]) for path, text, sha in jobs]


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _pool_context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# -- the corpus ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class NoteRead:
    """One note as the per-note rules read it: the parsed note, its raw facts (before the
    cross-note rules, :func:`idmkg.extract.combine`) and its sections. ``entry`` is its cache
    entry still to be stored (:func:`store_entries`), when :func:`read_notes` was asked to
    store later; None otherwise."""

    note: Note
    facts: list[Fact]
    sections: Sections
    entry: bytes | None = field(default=None, repr=False, compare=False)


def read_notes(source: Path | str | Iterable[Path | str] | Iterable[Note],
               concept_labels: dict[str, list[str]], attendance_labels: dict[str, list[str]], *,
               workers: int | None = None, cache_dir: Path | str | None = None,
               progress: Progress | None = None, store: bool = True) -> list[NoteRead]:
    """Each note of a corpus with its raw facts: ``source`` is a corpus folder (its ``*.txt``
    notes), note files, or notes already parsed. Returns one :class:`NoteRead` per note, sorted
    by key (as ``parse_corpus``); a note given twice is refused as ``parse_corpus`` does.

    ``workers``: processes to read the notes with (None: one per CPU; 1: none, all in this
    process); the pool is used only when at least :data:`POOL_MIN_CHARS` of text is to be read.
    ``cache_dir``: the per-note cache folder (None: no cache; a folder another user owns or
    may write to is not used, :func:`cache_problem`). ``store``: write the entries of the
    notes read now as they are read (True), or keep them on the results for
    :func:`store_entries` (False: a caller that writes nothing unless it succeeds).
    Errors are those of ``parse_corpus``: the first bad note in file-name order, one line
    naming it."""
    say = progress or (lambda message: None)
    version = rules_version(concept_labels, attendance_labels)
    cache = Path(cache_dir) if cache_dir is not None else None
    if cache is not None and _untrusted(cache):
        say(f"not using the facts cache {cache}: {_untrusted(cache)}")
        cache = None
    writes = cache if store else None   # where entries are written as they are read
    items = _items(source)
    results: list[tuple | _Failure | None] = [None] * len(items)
    misses: list[int] = []
    jobs: list[tuple[Path, str, str] | Note] = []
    for i, item in enumerate(items):
        if isinstance(item, Note):
            text_sha, path = item.sha256, item.source
        else:
            path = item
            try:
                text = decode_note(path, read_bytes(path))
            except IdmkgError as err:
                results[i] = _Failure(type(err), str(err), getattr(err, "path", None), getattr(err, "line", None))
                break  # the sequential path stops at the first bad file
            text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        hit = _cached(cache, text_sha, version)
        if hit is not None and (hit[0] == item if isinstance(item, Note) else True):
            note = hit[0] if isinstance(item, Note) or hit[0].source == path else replace(hit[0], source=path)
            results[i] = (note, hit[1], hit[2], None)
            continue
        misses.append(i)
        jobs.append(item if isinstance(item, Note) else (path, text, text_sha))
    n_workers = default_workers() if workers is None else max(1, int(workers))
    chars = sum(len(j[1]) if isinstance(j, tuple) else sum(len(p.text) for p in j.paragraphs) for j in jobs)
    pooled = n_workers > 1 and len(misses) > 1 and chars >= POOL_MIN_CHARS
    labels = _Labels(concept_labels, attendance_labels)
    rules = NoteRules(labels.concept, labels.attendance)
    keep = cache is not None and not store   # entries kept for store_entries
    # notes already parsed are read in this process: only text is sent to the workers
    texts = [(i, j) for i, j in zip(misses, jobs) if not isinstance(j, Note)]
    parsed = [(i, j) for i, j in zip(misses, jobs) if isinstance(j, Note)]
    per_chunk = max(1, min(CHUNK, len(texts) // (4 * n_workers)))  # a small corpus: every process gets some
    chunks = [texts[k:k + per_chunk] for k in range(0, len(texts), per_chunk)] if pooled else []
    processes = min(n_workers, len(chunks))
    details = ([f"{len(items) - len(misses)} from the facts cache"] if cache is not None else []) \
        + ([f"{len(texts)} read in {processes} processes"] if processes > 1 else [])
    say(f"extracting facts from {len(items)} notes" + (f" ({', '.join(details)})" if details else ""))
    if processes > 1:
        # this process is one of the readers: the workers take the chunks from the front, this
        # process from the back, until they meet; only the workers' facts are pickled across
        with ProcessPoolExecutor(processes - 1, mp_context=_pool_context(),
                                 initializer=_init_worker, initargs=(labels, version, writes)) as pool:
            futures = [pool.submit(_read_chunk, [job for _, job in chunk]) for chunk in chunks]
            for i, r in _read_locally(rules, version, writes, parsed, keep):
                results[i] = r
            taken = len(chunks)
            while taken > 0 and futures[taken - 1].cancel():
                taken -= 1
                for i, r in _read_locally(rules, version, writes, chunks[taken], keep):
                    results[i] = r
            for chunk, future in zip(chunks[:taken], futures):
                for (i, _), blob in zip(chunk, future.result()):
                    results[i] = _from_worker(blob, keep)
    else:
        for i, r in _read_locally(rules, version, writes, list(zip(misses, jobs)), keep):
            results[i] = r
    for r in results:
        if isinstance(r, _Failure):
            raise r.error()
    check_distinct([r[0] for r in results])
    return sorted((NoteRead(*r) for r in results), key=lambda r: r.note.key)


def combined(reads: list[NoteRead]) -> tuple[list[Note], list[Fact]]:
    """The notes (sorted by key) and the facts of a corpus read by :func:`read_notes`: the raw
    facts of every note through the cross-note rules, as ``extract_facts`` gives them."""
    ordered = chronological([r.note for r in reads])
    per_note = {r.note.key: (r.facts, r.sections) for r in reads}
    facts = combine(ordered, [per_note[n.key] for n in ordered])
    return sorted((r.note for r in reads), key=lambda n: n.key), facts


def store_entries(cache_dir: Path | str, reads: list[NoteRead]) -> int:
    """Write the cache entries :func:`read_notes` kept (``store=False``); the number written.
    A folder that cannot be written costs time, never the build: nothing is raised."""
    cache = Path(cache_dir)
    if _untrusted(cache):
        return 0
    written = 0
    for r in reads:
        if r.entry is not None and _store(cache, r.note.sha256, r.entry):
            written += 1
    return written


def extract_corpus(source: Path | str | Iterable[Path | str] | Iterable[Note],
                   concept_labels: dict[str, list[str]], attendance_labels: dict[str, list[str]], *,
                   workers: int | None = None, cache_dir: Path | str | None = None,
                   progress: Progress | None = None) -> tuple[list[Note], list[Fact]]:
    """Notes and facts of a corpus (:func:`read_notes`, then :func:`combined`): the notes sorted
    by key (as ``parse_corpus``) and the facts (as ``extract_facts``), byte for byte the same
    as the sequential path, whatever ``workers`` and whatever the cache holds."""
    return combined(read_notes(source, concept_labels, attendance_labels, workers=workers,
                               cache_dir=cache_dir, progress=progress))


# -- the cache folder ----------------------------------------------------------------------------

def cache_problem(cache_dir: Path | str) -> str | None:
    """Why the folder cannot serve as the facts cache, in words, or None if it can: it (or the
    nearest folder above it that exists, where it would be made) must be a folder this user
    can write to; an existing cache folder must be this user's and not writable by others (it
    holds pickles, which run code when loaded). Nothing is created."""
    cache = Path(cache_dir)
    if cache.exists() and not cache.is_dir():
        return "it is not a folder"
    untrusted = _untrusted(cache)
    if untrusted:
        return untrusted
    probe = cache
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        return f"{probe} is not a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{probe} cannot be written to"
    return None


def _untrusted(cache: Path) -> str | None:
    """Why an existing cache folder is not to be loaded from (None: it may be)."""
    try:
        st = cache.stat()
    except OSError:
        return None  # not there (yet): made by this user when the first entry is written
    if not cache.is_dir():
        return "it is not a folder"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return "it belongs to another user (a cache holds pickles: only a folder idmkg writes to)"
    if st.st_mode & 0o002:
        return "every user may write to it (a cache holds pickles: only a folder idmkg writes to)"
    return None


def _items(source) -> list[Path | Note]:
    if isinstance(source, (str, Path)):
        return corpus_files(source)
    items = [s if isinstance(s, Note) else Path(s) for s in source]
    if not items:
        raise NoteError("<corpus>", "no notes given")
    return items


def _cached(cache: Path | None, text_sha: str, version: str):
    if cache is None:
        return None
    try:
        blob = (cache / f"{text_sha}.pickle").read_bytes()
    except OSError:
        return None
    return _unpack(blob, text_sha, version)


def _from_worker(blob: bytes | _Failure, keep: bool = False):
    if isinstance(blob, _Failure):
        return blob
    e = pickle.loads(blob)
    return e["note"], e["facts"], e["sections"], blob if keep else None


def _read_locally(rules: NoteRules, version: str, cache: Path | None, jobs: list, keep: bool = False) -> list:
    """Read notes in this process: (index, note) or (index, (path, text, sha)) jobs; each
    result is (note, facts, sections, entry kept or None); entries are written to ``cache``."""
    out = []
    for i, job in jobs:
        if isinstance(job, Note):
            note, sha = job, job.sha256
        else:
            path, text, sha = job
            try:
                note = parse_text(text, path)
            except IdmkgError as err:
                out.append((i, _Failure(type(err), str(err), getattr(err, "path", None), getattr(err, "line", None))))
                break  # the sequential path stops at the first bad note
        facts, sections = rules.read(note)
        blob = _entry(sha, version, note, facts, sections) if cache is not None or keep else None
        if cache is not None:
            _store(cache, sha, blob)
        out.append((i, (note, facts, sections, blob if keep else None)))
    return out
