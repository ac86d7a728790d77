"""SHACL after a change checks only what the change can affect (idmkg.shacl_focus), and its
results are the full run's: after notes are added to a live build (each of the five notes
left out then added, a synthetic archive grown, the test corpora grown one note at a time,
which carry warnings), after damage that reaches a whole-graph check only from afar (a
meeting's dates, through its evidence's target and the parts of the note it quotes; a
paragraph's text, under the evidence quoting it), and for new whole-graph constraints: one
the analysis follows (an OPTIONAL), and ones it cannot (a pattern linked to no value node,
a path sequence, a ``*`` path), which run in full."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from idmkg import resources
from idmkg.incremental import LiveBuild
from idmkg.namespaces import IDM, OA
from idmkg.resources import NOTES_DIR
from idmkg.shacl_focus import Results, focus_of, revalidate, validate_all
from idmkg.shacl_sparql import compile_shapes
from idmkg.store import oxigraph_term, rdflib_term
from tests.helpers import corpus_of

DATA = Path(__file__).parent / "data"
SHAPES = "https://w3id.org/idmkg/shapes#"
ONE_NOTE = URIRef(SHAPES + "MeetingDatesOneNoteShape")
DEFAULT = pyoxigraph.DefaultGraph()


def canon(results: list[dict]) -> list[tuple]:
    """Results as comparable tuples, every field (severity included), as a sorted multiset."""
    return sorted((str(r["focus"]), str(r["path"]), str(r["component"]), str(r["severity"]), str(r["value"]),
                   str(r["source_shape"]), str(r["source_constraint"]), tuple(sorted(map(str, r["messages"]))))
                  for r in results)


def assert_full_run(live: LiveBuild) -> list[dict]:
    """The live build's results equal a full validation of its store; returns the latter."""
    full = live._engine.results(live.dataset.store)
    assert isinstance(live._results, Results)
    assert canon(live._results) == canon(full)
    assert live.report.conforms == (not any(r["severity"] == SH.Violation for r in full)
                                    and not live.closure.inconsistencies())
    return full


@pytest.mark.parametrize("left_out", range(5))
def test_each_of_the_five_notes_added(tmp_path, left_out):
    files = sorted(NOTES_DIR.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, [f for i, f in enumerate(files) if i != left_out], "four"))
    change = live.add(files[left_out])
    assert change.focus_nodes > 100
    assert_full_run(live)


@pytest.mark.parametrize("corpus", ["training2", "unseen"])
def test_corpora_grown_one_note_at_a_time(tmp_path, corpus):
    files = sorted((DATA / corpus).glob("*.txt"))
    order = [files[0]] + files[1:][::-1]
    live = LiveBuild.start(corpus_of(tmp_path, order[:1], "start"))
    warned = False
    for f in order[1:]:
        live.add(f)
        full = assert_full_run(live)
        warned = warned or any(r["severity"] == SH.Warning for r in full)
    assert warned   # these corpora carry warnings: the merging of kept and new results is exercised


def test_a_synthetic_archive_grows(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import synth_archive

    archive = tmp_path / "archive"
    synth_archive.generate(8, 5, archive)
    files = sorted(archive.glob("*.txt"))
    live = LiveBuild.start(corpus_of(tmp_path, files[:5], "first5"))
    for f in files[5:]:
        live.add(f)
        assert_full_run(live)


# ---------------------------------------------------------------------------
# damage far from the meeting: the meeting check's focus must reach it
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def five(tmp_path_factory):
    return LiveBuild.start(NOTES_DIR)


def _apply(live: LiveBuild, plus: set, minus: set):
    """A change to the live build's store, validated as the live build does after an add."""
    live.dataset.remove(minus)
    live.dataset.add(plus)
    focus = live._focus(plus | minus)
    live._validate(focus)
    return focus


def _one(store, query: str):
    rows = list(store.query(query))
    assert rows, query
    return [rdflib_term(x) for x in rows[0]]


def test_a_meetings_dates_damaged_from_afar_are_caught(five):
    """A meeting given a second start date by evidence quoting another note is fine (two
    notes may disagree); moving that evidence's quoted part into the first note (its target's
    source, then the part's place in the note: changes two and three steps from the
    meeting) makes one note give two dates, a violation the live build must report."""
    live = five
    store = live.dataset.store
    meeting, start, note = _one(store, f"""
        SELECT ?m ?d ?note WHERE {{
          ?m a <{IDM.Meeting}> ; <{IDM.startDate}> ?d .
          ?e <{OA.hasBody}> ?m ; <{IDM.supportsProperty}> <{IDM.startDate}> ; <{OA.hasTarget}>/<{OA.hasSource}> ?p .
          ?p <{IDM.partOf}>+ ?note . ?note <{IDM.sourceSha256}> [] .
          FILTER NOT EXISTS {{ ?m <{IDM.startDate}> ?other FILTER (?other != ?d) }}
        }} ORDER BY ?m LIMIT 1""")
    target, part, up = _one(store, f"""
        SELECT ?t ?p ?up WHERE {{
          ?e a <{IDM.Evidence}> ; <{OA.hasTarget}> ?t . ?t <{OA.hasSource}> ?p . ?p <{IDM.partOf}> ?up .
          ?p <{IDM.partOf}>+ ?other . ?other <{IDM.sourceSha256}> [] .
          FILTER (?other != <{note}>)
        }} ORDER BY ?t LIMIT 1""")
    home, = _one(store, f"""SELECT ?p WHERE {{ ?p <{IDM.partOf}> <{note}> }} ORDER BY ?p LIMIT 1""")
    later = Literal(start.toPython() + dt.timedelta(days=1), datatype=XSD.date)
    elsewhere = URIRef("urn:x-test:evidence-elsewhere")

    def one_note_results():
        return [r for r in live._results if r["source_shape"] == ONE_NOTE and r["value"] == meeting]

    # two notes, two dates: not this check's business
    _apply(live, {(meeting, IDM.startDate, later), (elsewhere, OA.hasBody, meeting),
                  (elsewhere, IDM.supportsProperty, IDM.startDate), (elsewhere, OA.hasTarget, target)}, set())
    assert_full_run(live)
    assert not one_note_results()
    # the other note's evidence now quotes a part of the first note: two steps from the meeting
    home_part = _one(store, f"""SELECT ?p WHERE {{ ?t <{OA.hasSource}> ?p . ?p <{IDM.partOf}>+ <{note}> }}
                                ORDER BY ?p LIMIT 1""")[0]
    focus = _apply(live, {(target, OA.hasSource, home_part)}, {(target, OA.hasSource, part)})
    assert str(meeting) not in focus.nodes   # not a subject of the change: reached by the walk
    assert one_note_results()
    assert_full_run(live)
    # back, then the quoted part itself moves into the first note (the path idm:partOf+)
    _apply(live, {(target, OA.hasSource, part)}, {(target, OA.hasSource, home_part)})
    assert not one_note_results()
    assert_full_run(live)
    _apply(live, {(part, IDM.partOf, home)}, {(part, IDM.partOf, up)})
    assert one_note_results()
    assert_full_run(live)
    # and repaired: the result goes
    _apply(live, {(part, IDM.partOf, up)}, {(part, IDM.partOf, home)})
    assert not one_note_results()
    assert_full_run(live)


def test_a_quote_damaged_from_its_paragraph_is_caught(five):
    """The evidence-quote check: a paragraph's text changed (three steps from the evidence)."""
    live = five
    store = live.dataset.store
    paragraph, text = _one(store, f"""
        SELECT ?p ?text WHERE {{ ?e a <{IDM.Evidence}> ; <{OA.hasTarget}>/<{OA.hasSource}> ?p . ?p <{IDM.text}> ?text }}
        ORDER BY ?p LIMIT 1""")
    blank = "#" * len(str(text))   # the same length: every quote of it now differs
    damaged = Literal(blank, lang=text.language) if text.language else Literal(blank, datatype=text.datatype)
    _apply(live, {(paragraph, IDM.text, damaged)}, {(paragraph, IDM.text, text)})
    full = assert_full_run(live)
    assert any(r["component"] == SH.SPARQLConstraintComponent and "quotes" in str(r["messages"]) for r in full)
    _apply(live, {(paragraph, IDM.text, text)}, {(paragraph, IDM.text, damaged)})
    assert_full_run(live)


# ---------------------------------------------------------------------------
# a whole-graph constraint the analysis cannot follow is run in full
# ---------------------------------------------------------------------------

def _shapes_with(extra: str) -> Graph:
    g = Graph()
    g += resources.load_turtle(resources.SHAPES)
    g.parse(data="@prefix idmsh: <https://w3id.org/idmkg/shapes#> . @prefix sh: <http://www.w3.org/ns/shacl#> . "
                 "@prefix idm: <https://w3id.org/idmkg/ontology#> . " + extra, format="turtle")
    return g


_UNLINKED = """
idmsh:X a sh:NodeShape ; sh:targetNode idm:Meeting ; sh:severity sh:Warning ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <https://w3id.org/idmkg/shapes> ;
        sh:select "SELECT $this ?value WHERE { ?value a idm:Meeting . ?flag idm:flagged true . }" ] .
"""
_SEQUENCE = """
idmsh:X a sh:NodeShape ; sh:targetNode idm:Meeting ; sh:severity sh:Warning ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <https://w3id.org/idmkg/shapes> ;
        sh:select "SELECT $this ?value WHERE { ?value a idm:Meeting ; idm:flag/idm:flagged true . }" ] .
"""


@pytest.mark.parametrize("extra", [_UNLINKED, _SEQUENCE], ids=["unlinked-pattern", "path-sequence"])
def test_a_constraint_not_followed_runs_in_full(five, extra):
    engine = compile_shapes(_shapes_with(extra))
    store = pyoxigraph.Store()
    store.extend(five.dataset.store.quads_for_pattern(None, None, None, DEFAULT))
    old = validate_all(engine, store)
    meeting = _one(store, f"SELECT ?m WHERE {{ ?m a <{IDM.Meeting}> }} ORDER BY ?m LIMIT 1")[0]
    flag = URIRef("urn:x-test:flag")
    change = {(meeting, IDM.flag, flag), (flag, IDM.flagged, Literal(True))}
    for s, p, o in change:
        store.add(pyoxigraph.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), DEFAULT))
    focus = focus_of(engine, store, change)
    index = next(i for i, q in enumerate(engine.queries) if q.root == URIRef(SHAPES + "X"))
    new = revalidate(engine, store, old, focus)
    assert index in focus.full
    assert canon(new) == canon(engine.results(store))
    assert any(r["source_shape"] == URIRef(SHAPES + "X") for r in new)
    # nothing changed: nothing run again, the same results
    assert canon(revalidate(engine, store, new, set())) == canon(new)


def test_the_whole_graph_checks_are_focused_per_value(five):
    """ontology/shapes.ttl's two whole-graph checks are followed (not run in full), and a
    change reaches the value nodes it touches only."""
    live = five
    engine = live._engine
    whole = {i for i, q in enumerate(engine.queries) if q.select}
    assert len(whole) == 2
    store = live.dataset.store
    meeting, start = _one(store, f"SELECT ?m ?d WHERE {{ ?m a <{IDM.Meeting}> ; <{IDM.startDate}> ?d }} "
                                 "ORDER BY ?m LIMIT 1")
    focus = focus_of(engine, store, {(meeting, IDM.startDate, start)})
    assert not (whole & focus.full)
    by_root = {engine.queries[i].root: focus.keys[i] for i in whole}
    assert by_root[ONE_NOTE] == {oxigraph_term(meeting)}
    assert by_root[URIRef(SHAPES + "EvidenceQuotesShape")] == set()


_NO_ORDINAL = """
idmsh:X a sh:NodeShape ; sh:targetNode idm:Meeting ; sh:severity sh:Info ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <https://w3id.org/idmkg/shapes> ;
        sh:select '''SELECT $this ?value WHERE {
            ?value a idm:Meeting . OPTIONAL { ?value idm:ordinal ?n } FILTER (!BOUND(?n)) }''' ] .
"""
_STAR = """
idmsh:X a sh:NodeShape ; sh:targetNode idm:Meeting ; sh:severity sh:Info ;
    sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes <https://w3id.org/idmkg/shapes> ;
        sh:select "SELECT $this ?value WHERE { ?value a idm:Meeting ; idm:ordinal* ?n . FILTER (isIRI(?n)) }" ] .
"""


@pytest.mark.parametrize("extra, mode", [(_NO_ORDINAL, "value"), (_STAR, "full")], ids=["optional", "star-path"])
def test_a_new_whole_graph_constraint_is_followed_or_run_in_full(five, extra, mode):
    engine = compile_shapes(_shapes_with(extra))
    index = next(i for i, q in enumerate(engine.queries) if q.root == URIRef(SHAPES + "X"))
    store = pyoxigraph.Store()
    store.extend(five.dataset.store.quads_for_pattern(None, None, None, DEFAULT))
    old = validate_all(engine, store)
    meeting = _one(store, f"SELECT ?m WHERE {{ ?m a <{IDM.Meeting}> FILTER NOT EXISTS {{ ?m <{IDM.ordinal}> [] }} }} "
                          "ORDER BY ?m LIMIT 1")[0]
    assert any(r["value"] == meeting for r in old if r["source_shape"] == URIRef(SHAPES + "X"))
    change = {(meeting, IDM.ordinal, Literal(99))}
    for s, p, o in change:
        store.add(pyoxigraph.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), DEFAULT))
    focus = focus_of(engine, store, change)
    assert (index in focus.full) == (mode == "full")
    if mode == "value":
        assert focus.keys[index] == {oxigraph_term(meeting)}
    new = revalidate(engine, store, old, focus)
    assert canon(new) == canon(engine.results(store))
    if mode == "value":   # the meeting now has an ordinal
        assert not any(r["value"] == meeting for r in new if r["source_shape"] == URIRef(SHAPES + "X"))
