"""The store reasoner (OWL 2 RL rules as SPARQL Update in Oxigraph, idmkg.reason_store) gives
exactly owlrl's closure (the reference) on the notes, the golden note and a synthetic archive,
finds the same inconsistencies, refuses what idmkg.reason refuses, and adding notes one at a
time gives what a full run gives."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from idmkg.infer import infer
from idmkg.store import oxigraph_term as _to_ox
from idmkg.namespaces import DEFAULT_BASE, IDM
from tests.helpers import schema_with_a_restriction
from idmkg.reason import UnsupportedOntology

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _store_with(graphs: dict[str, Graph]):
    import pyoxigraph

    store = pyoxigraph.Store()
    for name, graph in graphs.items():
        node = pyoxigraph.NamedNode(name)
        store.extend(pyoxigraph.Quad(_to_ox(s), _to_ox(p), _to_ox(o), node) for s, p, o in graph)
    return store


def _triples(store, graph: str) -> set:
    import pyoxigraph

    return {(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph))}


SCHEMA, TARGET = "urn:test:schema", "urn:test:inferred"


@pytest.fixture(scope="module")
def reference(built):
    return infer(built.asserted_graph, built.schema, DEFAULT_BASE, "owlrl")


def test_store_equals_owlrl_on_the_five_notes(built, reference):
    store = infer(built.asserted_graph, built.schema, DEFAULT_BASE, "store")
    assert store.reasoner == "store" and reference.reasoner == "owlrl"
    assert len(store.graph) > 3000
    assert set(store.graph) == set(reference.graph)
    assert store.errors == reference.errors == []


def test_store_equals_owlrl_on_the_golden_note(schema, schema_labels):
    from idmkg.assemble import assemble, union
    from idmkg.extract import extract_facts
    from idmkg.parse import parse_note
    from tests.test_golden_graph import GOLDEN

    note = parse_note(GOLDEN / "IC-2011-4.txt")
    g = union(assemble([note], extract_facts([note], *schema_labels), DEFAULT_BASE).values(), DEFAULT_BASE)
    store = infer(g, schema, DEFAULT_BASE, "store")
    assert store.reasoner == "store" and len(store.graph) > 100
    assert set(store.graph) == set(infer(g, schema, DEFAULT_BASE, "owlrl").graph)


def test_store_equals_owlrl_on_a_ten_note_synthetic_archive(tmp_path):
    sys.path.insert(0, str(BENCH))
    import synth_archive

    from idmkg.pipeline import build

    synth_archive.generate(10, 1, tmp_path / "notes")
    asserted = build(tmp_path / "notes", write=False, check=False)
    g, schema = asserted.asserted_graph, asserted.schema
    store, reference = infer(g, schema, DEFAULT_BASE, "store"), infer(g, schema, DEFAULT_BASE, "owlrl")
    assert store.reasoner == "store" and len(store.graph) > 3000
    assert set(store.graph) == set(reference.graph)
    assert store.errors == reference.errors


def test_all_three_reasoners_report_the_same_inconsistencies(built):
    g = Graph()
    g += built.asserted_graph
    g.add((URIRef(f"{DEFAULT_BASE}id/note/IC-2009-10/p/2"), RDF.type, IDM.Footnote))
    store = infer(g, built.schema, DEFAULT_BASE, "store")
    reference = infer(g, built.schema, DEFAULT_BASE, "owlrl")
    fast = infer(g, built.schema, DEFAULT_BASE, "fast")
    assert store.reasoner == "store"
    assert store.errors and store.errors == reference.errors
    assert len(store.errors) == len(fast.errors)
    assert set(store.graph) == set(reference.graph)


def test_equality_through_a_functional_property_is_left_to_owlrl(built):
    g = Graph()
    g += built.asserted_graph
    g.add((URIRef(f"{DEFAULT_BASE}id/workshop/2010-2"), IDM.status, IDM.held))  # also planned
    assert infer(g, built.schema, DEFAULT_BASE, "store").reasoner == "owlrl"
    store = _store_with({"urn:test:data": g, SCHEMA: built.schema})
    with pytest.raises(UnsupportedOntology, match="functional property"):
        from idmkg.reason_store import infer_in_store

        infer_in_store(store, ["urn:test:data"], SCHEMA, TARGET, DEFAULT_BASE)
    assert not _triples(store, "urn:idmkg:reason:closure")  # working graphs cleaned up


def test_an_unknown_construct_falls_back_to_owlrl(built):
    schema, small, only_owlrl = schema_with_a_restriction(built.schema)
    result = infer(small, schema, DEFAULT_BASE, "store")
    assert result.reasoner == "owlrl"
    assert only_owlrl in result.graph
    from idmkg.reason_store import infer_in_store

    with pytest.raises(UnsupportedOntology, match=r"does not handle <http://www\.w3\.org/2002/07/owl#(Restriction|onProperty|someValuesFrom)>"):
        infer_in_store(_store_with({"urn:test:data": small, SCHEMA: schema}), ["urn:test:data"], SCHEMA, TARGET,
                       DEFAULT_BASE)


def test_adding_the_notes_one_at_a_time_equals_a_full_run(built, reference):
    from idmkg.reason_store import add_graph_in_store, infer_in_store

    notes = sorted(name for name in built.asserted if "/note/" in name)
    others = sorted(name for name in built.asserted if name not in notes)
    assert len(notes) == 5
    graphs = {name: built.asserted[name] for name in [*notes, *others]} | {SCHEMA: built.schema}

    full = _store_with(graphs)
    full_errors = infer_in_store(full, [*notes, *others], SCHEMA, TARGET, DEFAULT_BASE)
    expected = _triples(full, TARGET)
    assert {(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in reference.graph} == expected

    growing = _store_with(graphs)
    errors = infer_in_store(growing, others, SCHEMA, TARGET, DEFAULT_BASE)
    assert errors == []
    sizes = [len(_triples(growing, TARGET))]
    for note in notes:
        errors = add_graph_in_store(growing, note, TARGET, DEFAULT_BASE, errors)
        sizes.append(len(_triples(growing, TARGET)))
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert _triples(growing, TARGET) == expected
    assert errors == full_errors == []


def test_a_note_stating_what_was_inferred_takes_it_out_of_the_inferred_graph(built):
    from idmkg.reason_store import add_graph_in_store, infer_in_store

    store = _store_with({"urn:test:data": built.asserted_graph, SCHEMA: built.schema})
    infer_in_store(store, ["urn:test:data"], SCHEMA, TARGET, DEFAULT_BASE)
    before = _triples(store, TARGET)
    import pyoxigraph

    s, p, o = min(before, key=str)
    store.add(pyoxigraph.Quad(s, p, o, pyoxigraph.NamedNode("urn:test:more")))
    add_graph_in_store(store, "urn:test:more", TARGET, DEFAULT_BASE)
    assert _triples(store, TARGET) == before - {(s, p, o)}


def test_an_inconsistency_brought_by_an_added_note_is_found_as_in_a_full_run(built):
    import pyoxigraph

    from idmkg.reason_store import add_graph_in_store, infer_in_store

    wrong = (URIRef(f"{DEFAULT_BASE}id/note/IC-2009-10/p/2"), RDF.type, IDM.Footnote)
    store = _store_with({"urn:test:data": built.asserted_graph, SCHEMA: built.schema})
    assert infer_in_store(store, ["urn:test:data"], SCHEMA, TARGET, DEFAULT_BASE) == []
    store.add(pyoxigraph.Quad(*map(_to_ox, wrong), pyoxigraph.NamedNode("urn:test:more")))
    incremental = add_graph_in_store(store, "urn:test:more", TARGET, DEFAULT_BASE)
    after = _triples(store, TARGET)
    full = infer_in_store(store, ["urn:test:data", "urn:test:more"], SCHEMA, TARGET, DEFAULT_BASE)
    assert incremental and incremental == full
    assert after == _triples(store, TARGET)
