"""idm:quotedPart and idm:quotedNote: each evidence annotation names the part of a note it
quotes and that note directly (written by the assembly with the annotation), so that the
lineage queries read them in one step instead of walking oa:hasTarget/oa:hasSource and
(idm:partOf|idm:paragraphOf)+ per row. They must say exactly what the walk finds: on the
five notes' build and on the golden note; the shapes reject a wrong one."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from idmkg import resources
from idmkg.dataset import Dataset
from idmkg.namespaces import IDM
from idmkg.validate import validate_store

WALK = """
PREFIX idm: <https://w3id.org/idmkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?e ?part ?note WHERE {
  ?e a idm:Evidence ; oa:hasTarget/oa:hasSource ?part .
  OPTIONAL { ?part (idm:partOf|idm:paragraphOf)+ ?note . ?note a idm:DiscussionNote }
}"""


def _walked(graph: Graph) -> dict:
    out: dict = {}
    for e, part, note in graph.query(WALK):
        out.setdefault(e, set()).add((part, note))
    return out


def _stated(graph: Graph) -> dict:
    out: dict = {}
    for e in graph.subjects(RDF.type, IDM.Evidence):
        out[e] = {(p, n) for p in graph.objects(e, IDM.quotedPart) for n in graph.objects(e, IDM.quotedNote)}
    return out


def test_every_annotation_states_the_part_and_note_its_target_walks_to(complete_graph):
    walked, stated = _walked(complete_graph), _stated(complete_graph)
    assert len(walked) > 500
    assert stated == walked
    for e in walked:   # exactly one of each
        assert len(list(complete_graph.objects(e, IDM.quotedPart))) == 1
        assert len(list(complete_graph.objects(e, IDM.quotedNote))) == 1


def test_the_golden_note_states_them_too(schema_labels):
    from idmkg.assemble import assemble, union
    from idmkg.extract import extract_facts
    from idmkg.namespaces import DEFAULT_BASE
    from idmkg.parse import parse_note

    golden = Path(__file__).parent / "data" / "golden" / "IC-2011-4.txt"
    note = parse_note(golden)
    g = union(assemble([note], extract_facts([note], *schema_labels), DEFAULT_BASE).values(), DEFAULT_BASE)
    walked, stated = _walked(g), _stated(g)
    assert walked and stated == walked


def test_the_terms_are_declared_and_shaped():
    onto = resources.load_turtle(resources.ONTOLOGY)
    shapes = resources.load_turtle(resources.SHAPES)
    for term in (IDM.quotedPart, IDM.quotedNote):
        assert (term, RDF.type, URIRef("http://www.w3.org/2002/07/owl#ObjectProperty")) in onto
        assert (None, URIRef("http://www.w3.org/ns/shacl#path"), term) in shapes


@pytest.mark.parametrize("prop", [IDM.quotedPart, IDM.quotedNote])
def test_the_shapes_reject_a_second_link(complete_graph, prop):
    """Two quoted parts, or two quoted notes, on one annotation: a violation (on a copy of the
    five notes' graph). (That the link is the target's source is tested above, not by a
    shape: checking every annotation's link cost ~2.5 s of validation at 1,000 notes.)"""
    g = Graph()
    for t in complete_graph:
        g.add(t)
    e = min(g.subjects(RDF.type, IDM.Evidence))
    assert not any("quoted" in str(v) for v in _validated(g).violations)
    other = min(p for p in g.subjects(RDF.type, IDM.DiscussionNote if prop == IDM.quotedNote else IDM.Paragraph)
                if p not in set(g.objects(e, prop)))
    g.add((e, prop, other))
    report = _validated(g)
    assert not report.conforms
    assert any("quoted" in str(v) for v in report.violations), [str(v) for v in report.violations][:3]


def _validated(g: Graph):
    """The build's SHACL engine (the shapes compiled to SPARQL) on ``g``."""
    d = Dataset()
    d.add(g)
    return validate_store(d.store, resources.load_turtle(resources.SHAPES))
