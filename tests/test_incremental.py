"""Adding notes to a live build (idmkg.incremental) gives what a full build of the same
notes gives: every named graph, the inferred triples, the working store and the SHACL
report; and the counted closure (idmkg.reason_counted) equals the fast reasoner's under
any sequence of additions and removals."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from idmkg.errors import NoteError
from idmkg.incremental import LiveBuild
from idmkg.namespaces import IDM
from idmkg.pipeline import build, load_schema
from idmkg.reason import Closure
from idmkg.reason_counted import CountedClosure
from idmkg.resources import NOTES_DIR
from tests.helpers import corpus_of

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def assert_same_as_full(live: LiveBuild, corpus: Path) -> None:
    full = build(corpus, write=False, check=False)
    assert {n: set(t) for n, t in full.asserted.triples.items()} == {n: set(t) for n, t in live.graphs.items()}
    assert set(full.inferred) == live.inferred
    assert set(full.working_dataset().store) == set(live.dataset.store)
    assert sorted(map(str, full.report.violations)) == sorted(map(str, live.report.violations))
    assert full.report.conforms == live.report.conforms


@pytest.mark.parametrize("left_out", range(5))
def test_adding_any_of_the_five_notes_equals_the_full_build(tmp_path, left_out):
    files = sorted(NOTES_DIR.glob("*.txt"))
    assert len(files) == 5
    live = LiveBuild.start(corpus_of(tmp_path, [f for i, f in enumerate(files) if i != left_out], "four"))
    change = live.add(files[left_out])
    assert change.asserted_added > 1000 and change.graphs_changed
    assert_same_as_full(live, NOTES_DIR)


@pytest.mark.parametrize("corpus", ["training2", "unseen"])
def test_notes_added_one_at_a_time_in_any_order(tmp_path, corpus):
    """Oldest first, then the rest from the newest back: a note can settle or reopen what
    others said (outcomes, preferred titles, workshop status), in either direction. These
    corpora do not all conform to the shapes, so the reports' merging is exercised too."""
    files = sorted((DATA / corpus).glob("*.txt"))
    order = [files[0]] + files[1:][::-1]
    live = LiveBuild.start(corpus_of(tmp_path, order[:1], "start"))
    for i, f in enumerate(order[1:], start=2):
        live.add(f)
        assert_same_as_full(live, corpus_of(tmp_path, order[:i], f"step{i}"))


def test_a_synthetic_archive_grows_note_by_note(tmp_path):
    import synth_archive

    archive = tmp_path / "archive"
    synth_archive.generate(8, 5, archive)
    files = sorted(archive.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, files[:5], "first5"))
    change = live.add(*files[5:])
    assert len(change.notes) == 3
    assert_same_as_full(live, archive)


def test_the_exports_are_the_full_builds_bytes(tmp_path):
    files = sorted(NOTES_DIR.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, files[1:], "four"))
    live.add(files[0])
    ours = live.write(tmp_path / "live")
    theirs = build(NOTES_DIR, out=tmp_path / "full").outputs
    assert [p.name for p in ours] == [p.name for p in theirs]
    for a, b in zip(ours, theirs):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_a_note_already_held_is_refused_and_nothing_changes(tmp_path):
    files = sorted(NOTES_DIR.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, files[:2], "two"))
    before = len(live.dataset)
    with pytest.raises(NoteError, match="already in the graph"):
        live.add(files[0])
    copy = tmp_path / "copy.txt"
    copy.write_bytes(files[1].read_bytes())
    with pytest.raises(NoteError, match="already in the graph|same text"):
        live.add(copy)
    assert len(live.dataset) == before and len(live.notes) == 2


def test_a_note_that_cannot_be_read_is_refused_in_one_line_and_nothing_changes(tmp_path):
    files = sorted(NOTES_DIR.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, files[:1], "one"))
    before = (len(live.dataset), sorted(live.graphs))
    bad = tmp_path / "not-a-note.txt"
    bad.write_text("Nothing here is numbered.\n", encoding="utf-8")
    for path in (bad, tmp_path / "missing.txt"):
        with pytest.raises(NoteError) as err:
            live.add(files[1], path)
        assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert (len(live.dataset), sorted(live.graphs)) == before and len(live.notes) == 1


# ---------------------------------------------------------------------------
# the counted closure against the fast reasoner, on random graphs
# ---------------------------------------------------------------------------

_SCHEMA = load_schema()
_RULES = Closure(_SCHEMA)
_PROPS = sorted({p for p in list(_RULES.domain) + list(_RULES.range) + list(_RULES.inverse)
                 + list(_RULES.super_props) + sorted(_RULES.transitive) + sorted(_RULES.symmetric)}, key=str)
_CLASSES = sorted(_RULES.super_classes, key=str)[:40]
_NODES = [URIRef(f"https://w3id.org/idmkg/id/thing/{i}") for i in range(6)]
_FUNCTIONAL = _RULES.functional

_triple = st.one_of(
    st.tuples(st.sampled_from(_NODES), st.just(RDF.type), st.sampled_from(_CLASSES)),
    st.tuples(st.sampled_from(_NODES), st.sampled_from([p for p in _PROPS if p not in _FUNCTIONAL]),
              st.one_of(st.sampled_from(_NODES), st.just(Literal("x")))),
    st.tuples(st.sampled_from(_NODES), st.just(IDM.buildsOn), st.sampled_from(_NODES)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.lists(_triple, max_size=12)), min_size=1, max_size=6))
def test_counted_closure_equals_the_fast_reasoner(steps):
    schema = set(_SCHEMA)
    current: set = set()
    counted = CountedClosure(_RULES, schema)
    for adding, triples in steps:
        triples = set(triples)
        if adding:
            current |= triples
            counted.update(added=triples)
        else:
            gone = triples | set(sorted(current, key=str)[: len(triples)])
            current -= gone
            counted.update(removed=gone)
        derived, errors = _RULES.derive(current | schema)
        assert counted.derived() == derived
        assert counted.inconsistencies() == errors
