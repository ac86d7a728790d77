"""Parse + per-note extraction of a corpus in a process pool and through the per-note facts
cache (idmkg.extract.batch): the same notes and the same facts, in the same order, as
parse_corpus + extract_facts; a cache entry is used only for the same text and rules."""
from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from idmkg.errors import NoteError
from idmkg.extract import batch, extract_facts
from idmkg.parse import parse_corpus, parse_note
from idmkg.resources import NOTES_DIR

TESTS = Path(__file__).resolve().parent
BENCH = TESTS.parent / "bench"
CORPORA = {"notes": NOTES_DIR, "training": TESTS / "data" / "training", "training2": TESTS / "data" / "training2",
           "unseen": TESTS / "data" / "unseen"}


@pytest.fixture(scope="module")
def synth30(tmp_path_factory) -> Path:
    sys.path.insert(0, str(BENCH))
    import synth_archive

    out = tmp_path_factory.mktemp("synth30")
    synth_archive.generate(30, 5, out)
    return out


@pytest.fixture
def pool_always(monkeypatch):
    """The pool used whatever the size of the corpus (it is kept for large ones otherwise)."""
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)


def reference(corpus, labels):
    notes = parse_corpus(corpus)
    return notes, extract_facts(notes, *labels)


def assert_same(got, expected):
    (notes, facts), (ref_notes, ref_facts) = got, expected
    assert notes == ref_notes
    assert [n.source for n in notes] == [n.source for n in ref_notes]
    assert len(facts) == len(ref_facts)
    assert facts == ref_facts  # same facts, same order
    # equal is not enough: 1 == True, Decimal("1.0") == Decimal("1.00"); and the rule is not compared
    assert [repr(f) for f in facts] == [repr(f) for f in ref_facts]
    assert [f.rule for f in facts] == [f.rule for f in ref_facts]


def said_from_cache(said: list[str], n: int) -> bool:
    """Whether the progress messages say that ``n`` notes came from the cache."""
    return any(f"({n} from the facts cache" in s for s in said)


def run(corpus, labels, **kw):
    said: list[str] = []
    got = batch.extract_corpus(corpus, *labels, progress=said.append, **kw)
    return got, said


# -- parallel == sequential ----------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CORPORA))
def test_pool_gives_the_sequential_notes_and_facts(name, schema_labels, pool_always):
    corpus = CORPORA[name]
    got, said = run(corpus, schema_labels, workers=2)
    assert any("in 2 processes" in s for s in said), said
    assert_same(got, reference(corpus, schema_labels))


def test_pool_on_a_synthetic_archive(synth30, schema_labels, pool_always):
    expected = reference(synth30, schema_labels)
    assert len(expected[0]) == 30
    got, said = run(synth30, schema_labels, workers=2)
    assert any("in 2 processes" in s for s in said), said
    assert_same(got, expected)
    got, said = run(synth30, schema_labels, workers=3)
    assert_same(got, expected)


def test_one_process_and_small_corpora_stay_out_of_the_pool(schema_labels):
    got, said = run(NOTES_DIR, schema_labels, workers=2)  # 75 kB: below the threshold
    assert said == ["extracting facts from 5 notes"]  # the build's stage names (bench/scale.py)
    assert_same(got, reference(NOTES_DIR, schema_labels))
    got, said = run(NOTES_DIR, schema_labels, workers=1)
    assert_same(got, reference(NOTES_DIR, schema_labels))


def test_files_and_parsed_notes_as_input(schema_labels, pool_always, tmp_path):
    expected = reference(NOTES_DIR, schema_labels)
    files = sorted(NOTES_DIR.glob("*.txt"), reverse=True)  # any order in, notes sorted by key out
    assert_same(batch.extract_corpus(files, *schema_labels, workers=2), expected)
    notes = [parse_note(p) for p in files]
    assert_same(batch.extract_corpus(notes, *schema_labels, workers=2), expected)
    # parsed notes through the cache: a hit only for an equal note
    cache = tmp_path / "cache"
    assert_same(batch.extract_corpus(notes, *schema_labels, workers=1, cache_dir=cache), expected)
    got, said = run(notes, schema_labels, workers=1, cache_dir=cache)
    assert_same(got, expected)
    assert said_from_cache(said, 5)


# -- errors ---------------------------------------------------------------------------------------

GOOD = (NOTES_DIR / "002_5c41cb46aeb7a953.txt").read_text(encoding="utf-8")
BAD = {
    "empty": b"",
    "latin-1": GOOD.replace("’", "'").encode("latin-1", errors="replace") + "Société".encode("latin-1"),
    "duplicate-paragraph": GOOD.replace("7. Subject to the availability", "6. Subject to the availability").encode(),
    "no-name": "INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\n1. A note with no symbol and no date.\n".encode(),
}


@pytest.mark.parametrize("name", sorted(BAD))
@pytest.mark.parametrize("workers", [1, 2])
def test_a_bad_note_is_the_same_one_line_error(name, workers, tmp_path, schema_labels, pool_always):
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTES_DIR, corpus)
    (corpus / f"{name}.txt").write_bytes(BAD[name])
    (corpus / "zz-also-bad.txt").write_bytes(b"")  # the first bad file by name is the one reported
    with pytest.raises(NoteError) as expected:
        parse_corpus(corpus)
    with pytest.raises(NoteError) as got:
        batch.extract_corpus(corpus, *schema_labels, workers=workers, cache_dir=tmp_path / "cache")
    assert str(got.value) == str(expected.value)
    assert "\n" not in str(got.value) and f"{name}.txt" in str(got.value)
    assert (got.value.path, got.value.line) == (expected.value.path, expected.value.line)


def test_the_same_note_twice_and_no_notes(tmp_path, schema_labels, pool_always):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(NoteError) as expected:
        parse_corpus(tmp_path)
    with pytest.raises(NoteError) as got:
        batch.extract_corpus(tmp_path, *schema_labels, workers=2, cache_dir=tmp_path / "cache")
    assert str(got.value) == str(expected.value) and "same note as" in str(got.value)
    with pytest.raises(NoteError, match="no notes"):
        batch.extract_corpus(tmp_path / "cache", *schema_labels)
    with pytest.raises(NoteError, match="corpus directory not found"):
        batch.extract_corpus(tmp_path / "nowhere", *schema_labels)


# -- the cache ------------------------------------------------------------------------------------

def entries(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(cache.glob("*.pickle"))}


def test_warm_cache_equals_cold_and_reads_nothing(tmp_path, schema_labels, synth30, pool_always):
    expected = reference(synth30, schema_labels)
    cache = tmp_path / "cache"
    got, said = run(synth30, schema_labels, workers=2, cache_dir=cache)   # written by the workers
    assert_same(got, expected)
    names = {hashlib.sha256(p.read_text(encoding="utf-8").encode()).hexdigest() + ".pickle"
             for p in synth30.glob("*.txt")}
    assert set(entries(cache)) == names
    got, said = run(synth30, schema_labels, workers=2, cache_dir=cache)
    assert_same(got, expected)
    assert said_from_cache(said, 30)
    assert not any("processes" in s for s in said), said


def test_a_cached_note_read_from_another_path_keeps_that_path(tmp_path, schema_labels):
    cache = tmp_path / "cache"
    batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=cache)
    moved = tmp_path / "moved"
    shutil.copytree(NOTES_DIR, moved)
    got, said = run(moved, schema_labels, cache_dir=cache)
    assert said_from_cache(said, 5)
    assert_same(got, reference(moved, schema_labels))


def test_a_changed_note_misses(tmp_path, schema_labels):
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTES_DIR, corpus)
    cache = tmp_path / "cache"
    batch.extract_corpus(corpus, *schema_labels, cache_dir=cache)
    note = corpus / "002_5c41cb46aeb7a953.txt"
    text = note.read_text(encoding="utf-8")
    assert "7. Subject to the availability" in text
    note.write_text(text.replace("7. Subject to the availability", "7. Subject to the continued availability"),
                    encoding="utf-8")
    got, said = run(corpus, schema_labels, cache_dir=cache)
    assert said_from_cache(said, 4)
    expected = reference(corpus, schema_labels)
    assert_same(got, expected)
    changed = next(n for n in got[0] if n.source == note)
    assert "continued availability" in changed.paragraph(7).text
    assert len(entries(cache)) == 6  # the old text's entry stays (another corpus may hold it)


def test_changed_labels_miss(tmp_path, schema_labels):
    cache = tmp_path / "cache"
    batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=cache)
    concepts, categories = schema_labels
    key = min(concepts)
    more = ({**concepts, key: [*concepts[key], "intersessional workshop"]}, categories)
    assert batch.rules_version(*more) != batch.rules_version(*schema_labels)
    got, said = run(NOTES_DIR, more, cache_dir=cache)
    assert said_from_cache(said, 0)
    assert_same(got, reference(NOTES_DIR, more))
    assert got[1] != reference(NOTES_DIR, schema_labels)[1]
    # the entries were rewritten for the new labels: the old ones now miss in turn
    got, said = run(NOTES_DIR, schema_labels, cache_dir=cache)
    assert said_from_cache(said, 0)


def test_the_rules_version_follows_the_rule_sources(tmp_path, monkeypatch, schema_labels):
    package = Path(batch.__file__).resolve().parent.parent
    copy = tmp_path / "idmkg"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(batch, "_PACKAGE", copy)
    before = batch.rules_version(*schema_labels)
    assert before == batch.rules_version(*schema_labels)
    (copy / "cli.py").write_text((copy / "cli.py").read_text() + "\n# not a rule\n")
    assert batch.rules_version(*schema_labels) == before
    for name in ("extract/themes.py", "extract/resolve.py", "extract/common.py", "parse.py", "dates.py",
                 "model.py"):
        path = copy / name
        text = path.read_text()
        path.write_text(text + "\n# changed\n")
        assert batch.rules_version(*schema_labels) != before, name
        path.write_text(text)
        assert batch.rules_version(*schema_labels) == before, name
    (copy / "extract" / "newrule.py").write_text("X = 1\n")
    assert batch.rules_version(*schema_labels) != before


def _stale(blob: bytes) -> bytes:
    e = pickle.loads(blob)
    e["rules"] = "0" * 64
    return pickle.dumps(e)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "stale", "another note", "not an entry"])
def test_a_damaged_entry_is_ignored_and_rewritten(damage, tmp_path, schema_labels):
    cache = tmp_path / "cache"
    expected = batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=cache)
    good = entries(cache)
    victim, other = sorted(good)[:2]
    blob = good[victim]
    (cache / victim).write_bytes({
        "truncated": blob[: len(blob) // 2],
        "garbage": b"\x80\x05not a pickle at all",
        "empty": b"",
        "stale": _stale(blob),
        "another note": good[other],
        "not an entry": pickle.dumps({"format": batch.CACHE_FORMAT, "facts": "no"}),
    }[damage])
    got, said = run(NOTES_DIR, schema_labels, cache_dir=cache)
    assert said_from_cache(said, 4)
    assert_same(got, expected)
    assert entries(cache) == good  # rewritten as it was


def test_an_unwritable_cache_costs_time_not_the_build(tmp_path, schema_labels):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    got = batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=blocked)
    assert_same(got, reference(NOTES_DIR, schema_labels))


def _cold_run(args) -> str:
    corpus, cache, labels, workers = args
    notes, facts = batch.extract_corpus(corpus, *labels, workers=workers, cache_dir=cache)
    return hashlib.sha256(repr((notes, facts, [f.rule for f in facts])).encode()).hexdigest()


def test_builds_sharing_a_cache_write_it_safely(tmp_path, schema_labels, synth30):
    """Four processes fill one cache at the same time (each note written four times over):
    every process gets the sequential facts, and the cache is whole afterwards."""
    cache = tmp_path / "cache"
    expected = reference(synth30, schema_labels)
    digest = hashlib.sha256(repr((expected[0], expected[1], [f.rule for f in expected[1]])).encode()).hexdigest()
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(4) as pool:
        digests = pool.map(_cold_run, [(synth30, cache, schema_labels, 1)] * 4)
    assert digests == [digest] * 4
    assert len(entries(cache)) == 30 and not list(cache.glob(".*.tmp"))
    got, said = run(synth30, schema_labels, workers=1, cache_dir=cache)
    assert said_from_cache(said, 30)
    assert_same(got, expected)


# -- property: any subset, any order, any workers, any cache state --------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_subset_any_cache_state_gives_the_sequential_facts(data, synth30, schema_labels, tmp_path_factory,
                                                               monkeypatch):
    files = sorted(synth30.glob("*.txt"))
    chosen = data.draw(st.lists(st.sampled_from(files), min_size=1, max_size=12, unique=True), label="notes")
    warm = data.draw(st.lists(st.sampled_from(chosen), unique=True), label="cached before")
    workers = data.draw(st.sampled_from([1, 2]), label="workers")
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", data.draw(st.sampled_from([0, batch.POOL_MIN_CHARS])))
    cache = tmp_path_factory.mktemp("cache")
    if warm:
        batch.extract_corpus(warm, *schema_labels, workers=1, cache_dir=cache)
    notes = sorted((parse_note(p) for p in chosen), key=lambda n: n.key)
    expected = (notes, extract_facts(notes, *schema_labels))
    got, said = run(chosen, schema_labels, workers=workers, cache_dir=cache)
    assert said_from_cache(said, len(warm))
    assert_same(got, expected)


# -- one note at a time: read_notes, combined, store_entries (the build and the live build) ------

def test_read_notes_gives_each_note_with_its_raw_facts(schema_labels, tmp_path):
    from idmkg.extract import NoteRules, read_note

    rules = NoteRules(*schema_labels)
    reads = batch.read_notes(NOTES_DIR, *schema_labels, workers=1)
    ref_notes = parse_corpus(NOTES_DIR)
    assert [r.note for r in reads] == ref_notes  # sorted by key, as parse_corpus
    for r, note in zip(reads, ref_notes):
        facts, sections = read_note(note, rules.matcher, rules.attendance, rules.figure)
        assert [repr(f) for f in r.facts] == [repr(f) for f in facts] and r.sections == sections
        assert r.entry is None
    assert_same(batch.combined(reads), reference(NOTES_DIR, schema_labels))


@pytest.mark.parametrize("workers", [1, 2])
def test_entries_kept_for_later_are_written_only_when_asked(schema_labels, tmp_path, workers, pool_always):
    cache = tmp_path / "cache"
    reads = batch.read_notes(NOTES_DIR, *schema_labels, workers=workers, cache_dir=cache, store=False)
    assert not cache.exists()  # nothing written yet: a build that fails leaves no cache
    assert all(r.entry is not None for r in reads)
    assert batch.store_entries(cache, reads) == 5
    assert (cache / "CACHEDIR.TAG").is_file()
    again = batch.read_notes(NOTES_DIR, *schema_labels, workers=workers, cache_dir=cache, store=False)
    assert again == reads and all(r.entry is None for r in again)  # all from the cache: nothing to store
    assert batch.store_entries(cache, again) == 0
    assert_same(batch.combined(again), reference(NOTES_DIR, schema_labels))


def test_cache_problem_says_why_a_folder_cannot_serve(tmp_path, schema_labels):
    assert batch.cache_problem(tmp_path / "new" / "deep") is None  # made on the first write
    assert not (tmp_path / "new").exists()
    (tmp_path / "file").write_text("x")
    assert batch.cache_problem(tmp_path / "file") == "it is not a folder"
    assert "is not a folder" in batch.cache_problem(tmp_path / "file" / "cache")
    shared = tmp_path / "shared"
    batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=shared)
    assert batch.cache_problem(shared) is None
    shared.chmod(0o777)
    assert "every user may write to it" in batch.cache_problem(shared)
    said: list[str] = []
    got = batch.extract_corpus(NOTES_DIR, *schema_labels, cache_dir=shared, progress=said.append)
    assert any("not using the facts cache" in s for s in said) and not said_from_cache(said, 5)
    assert_same(got, reference(NOTES_DIR, schema_labels))
