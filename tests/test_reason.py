"""The fast reasoner gives exactly owlrl's closure (the reference semantics) on the notes,
finds the same inconsistencies, and hands over to owlrl for constructs it does not know."""
from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from idmkg.infer import infer
from idmkg.namespaces import DEFAULT_BASE, IDM
from tests.helpers import schema_with_a_restriction


@pytest.fixture(scope="module")
def both(built):
    asserted = built.asserted_graph
    return (infer(asserted, built.schema, DEFAULT_BASE, "fast"),
            infer(asserted, built.schema, DEFAULT_BASE, "owlrl"))


def test_fast_equals_owlrl_on_the_five_notes(both):
    fast, reference = both
    assert fast.reasoner == "fast" and reference.reasoner == "owlrl"
    assert len(fast.graph) > 3000
    assert set(fast.graph) == set(reference.graph)
    assert fast.errors == reference.errors == []


def test_fast_equals_owlrl_on_the_golden_note(schema, schema_labels):
    from idmkg.assemble import assemble, union
    from idmkg.extract import extract_facts
    from idmkg.parse import parse_note
    from tests.test_golden_graph import GOLDEN

    note = parse_note(GOLDEN / "IC-2011-4.txt")
    g = union(assemble([note], extract_facts([note], *schema_labels), DEFAULT_BASE).values(), DEFAULT_BASE)
    assert set(infer(g, schema, DEFAULT_BASE, "fast").graph) == set(infer(g, schema, DEFAULT_BASE, "owlrl").graph)


def test_both_reasoners_report_the_same_inconsistencies(built):
    g = Graph()
    g += built.asserted_graph
    g.add((URIRef(f"{DEFAULT_BASE}id/note/IC-2009-10/p/2"), RDF.type, IDM.Footnote))
    fast = infer(g, built.schema, DEFAULT_BASE, "fast")
    reference = infer(g, built.schema, DEFAULT_BASE, "owlrl")
    assert fast.reasoner == "fast"
    assert fast.errors and len(fast.errors) == len(reference.errors)


def test_equality_through_a_functional_property_is_left_to_owlrl(built):
    g = Graph()
    g += built.asserted_graph
    g.add((URIRef(f"{DEFAULT_BASE}id/workshop/2010-2"), IDM.status, IDM.held))  # also planned
    result = infer(g, built.schema, DEFAULT_BASE, "fast")
    assert result.reasoner == "owlrl"  # owlrl equates the two values; SHACL reports them


def test_an_unknown_construct_falls_back_to_owlrl(built):
    schema, small, only_owlrl = schema_with_a_restriction(built.schema)
    result = infer(small, schema, DEFAULT_BASE, "fast")
    assert result.reasoner == "owlrl"
    assert only_owlrl in result.graph
