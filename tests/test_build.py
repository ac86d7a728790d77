"""The build of the five notes, end to end: validation, exports, named graphs, inference,
determinism, and the summary."""
from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from idmkg import build
from idmkg.namespaces import DEFAULT_BASE, IDM

NOTE_KEYS = ["IC-2009-1", "IC-2009-10", "IC-2010-5", "idm-2008-after-2007-02-26", "idm-2009-after-2009-02-26"]


def test_build_conforms_to_the_shapes(built):
    assert built.report.conforms, built.report.text


def test_turtle_export_is_the_complete_graph(built):
    ttl = next(p for p in built.outputs if p.suffix == ".ttl")
    g = Graph().parse(ttl, format="turtle")
    assert isomorphic(g, built.complete())


def test_trig_has_one_graph_per_note_plus_derived_inferred_ontology(built):
    trig = next(p for p in built.outputs if p.suffix == ".trig")
    ds = Dataset()
    ds.parse(trig, format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    expected = {f"{DEFAULT_BASE}graph/note/{k}" for k in NOTE_KEYS}
    expected |= {f"{DEFAULT_BASE}graph/{n}" for n in ("derived", "inferred", "ontology")}
    assert names == expected
    asserted = Graph()
    for name in names - {f"{DEFAULT_BASE}graph/inferred", f"{DEFAULT_BASE}graph/ontology"}:
        asserted += ds.graph(URIRef(name))
    assert isomorphic(asserted, built.asserted_graph)


def test_each_note_graph_holds_only_that_notes_parts(built):
    for name, g in built.asserted.items():
        if "/graph/note/" not in name:
            continue
        key = name.rsplit("/", 1)[1]
        sources = {str(o) for o in g.objects(None, IDM.statedIn)}
        assert sources and all(f"/id/note/{key}/" in s for s in sources), (key, sources)


def test_inferred_triples_are_kept_apart(built):
    workshop = URIRef(f"{DEFAULT_BASE}id/workshop/2009-2")
    assert (workshop, RDF.type, IDM.Meeting) in built.inferred
    assert (workshop, RDF.type, IDM.Meeting) not in built.asserted_graph
    assert not set(built.inferred) & set(built.asserted_graph)


def test_a_query_for_meetings_finds_workshops_and_segments(built):
    rows = built.complete().query("""
        PREFIX idm: <https://w3id.org/idmkg/ontology#>
        SELECT ?m WHERE { ?m a idm:Meeting }""")
    meetings = {str(r.m).split("/id/")[1] for r in rows}
    assert {"workshop/2008-1", "workshop/2010-2", "council/98", "consultation/2009-04-28",
            "conference/2008-02-19"} <= meetings


def test_every_fact_node_is_traced_to_a_part_of_a_note(built):
    g = built.complete()
    for cls in (IDM.IntersessionalWorkshop, IDM.Proposal, IDM.AttendanceFigure, IDM.Citation, IDM.Theme,
                IDM.WorkshopTopic, IDM.InformalConsultation, IDM.CouncilSession, IDM.Conference):
        nodes = set(g.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            parts = set(g.objects(node, IDM.statedIn))
            assert parts, node
            assert all((p, IDM.text, None) in g for p in parts), node


def test_summary_shows_every_kind_with_provenance(built):
    summary = built.summary()
    counts, listed = summary["counts"], summary["listed"]
    assert counts["notes"] == 5
    assert counts["paragraphs"] == 78
    assert counts["workshops"] == 6
    assert counts["themes"] == 6
    assert counts["proposals"] == 14
    assert counts["informal consultations"] == 9
    assert counts["Council sessions"] == 3
    assert counts["hand-entered triples"] == 0
    assert summary["validation"] == "conforms"
    assert summary["triples"]["inferred"] > 0
    for title in ("Workshops", "Themes", "Proposals", "Informal consultations", "Council sessions"):
        assert listed[title], title
        for row in listed[title]:
            assert row["sources"], (title, row)
    labels = {r["label"] for r in listed["Council sessions"]}
    assert labels == {"94th Session of the IOM Council", "96th Session of the IOM Council",
                      "98th Session of the IOM Council"}


def test_two_builds_are_byte_identical(built, tmp_path):
    again = build(out=tmp_path, check=False)
    for first, second in zip(sorted(built.outputs), sorted(again.outputs)):
        assert first.name == second.name
        assert first.read_bytes() == second.read_bytes(), first.name


def test_a_different_base_mints_every_iri_under_it(tmp_path):
    from idmkg.assemble import assemble
    from idmkg.parse import parse_corpus
    from idmkg.resources import NOTES_DIR

    notes = [n for n in parse_corpus(NOTES_DIR) if n.key == "IC-2010-5"]
    graphs = assemble(notes, [], "http://example.org/idm/")
    subjects = {str(s) for g in graphs.values() for s in g.subjects()}
    assert subjects and all(s.startswith("http://example.org/idm/id/") for s in subjects)


def test_a_wrong_quote_is_reported_with_its_note_part(built):
    from rdflib import Literal

    from idmkg import resources
    from idmkg.namespaces import OA
    from idmkg.validate import validate

    g = built.complete()
    selector = sorted(g.subjects(OA.exact, Literal("9 and 10 July 2009")))[0]
    g.set((selector, OA.exact, Literal("10 and 11 July 2009")))
    report = validate(g, resources.load_turtle(resources.SHAPES))
    assert not report.conforms
    assert len(report.violations) == 1
    text = str(report.violations[0])
    assert "10 and 11 July 2009" in text and "¶2" in text, text


def test_summary_counts_survey_results(built):
    assert built.summary()["counts"]["survey results"] == 14  # 13 annex figures + the response rate


def test_validation_without_advanced_mode_finds_what_advanced_mode_finds(complete_graph):
    """idmkg validates with pySHACL's advanced (SHACL-AF) mode off, a third faster: the shapes
    use none of its features, so a damaged graph gets the very same results either way."""
    import pyshacl
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL, RDF, SH

    from idmkg import resources
    from idmkg.namespaces import IDM, OA

    bad = Graph()
    for t in complete_graph:
        bad.add(t)
    evidence = sorted(bad.subjects(RDF.type, IDM.Evidence))[0]
    bad.remove((evidence, OA.hasBody, None))
    bad.set((sorted(bad.subjects(OA.exact, None))[0], OA.exact, Literal("not the quote")))
    workshop = sorted(bad.subjects(RDF.type, IDM.IntersessionalWorkshop))[0]
    bad.add((workshop, IDM.startDate, Literal("soon")))
    bad.add((workshop, IDM.status, IDM.planned))
    bad.remove((sorted(bad.subjects(RDF.type, IDM.ExtractionRule))[0], OWL.versionInfo, None))
    shapes = resources.load_turtle(resources.SHAPES)
    found = {}
    for advanced in (True, False):
        conforms, report, _ = pyshacl.validate(bad, shacl_graph=shapes, inference="none", advanced=advanced,
                                               allow_warnings=True)
        found[advanced] = sorted((str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
                                 for r in report.subjects(RDF.type, SH.ValidationResult))
        assert not conforms
    assert found[True] == found[False] and len(found[False]) >= 5


def test_a_proposal_made_outside_the_corpus_is_a_warning_not_a_failure(built):
    """A note may report the outcome of a proposal made in a document the corpus lacks
    ("chose X in preference to Y"): both SHACL engines warn, and the graph still conforms."""
    from idmkg import resources
    from idmkg.validate import store_of, validate, validate_store

    complete = built.complete()
    proposal = next(iter(sorted(complete.subjects(RDF.type, IDM.Proposal))))
    for p in (IDM.proposedIn, IDM.proposedAt):
        complete.remove((proposal, p, None))
    shapes = resources.load_turtle(resources.SHAPES)
    for report in (validate(complete, shapes), validate_store(store_of(complete), shapes, base=DEFAULT_BASE)):
        assert report.conforms
        assert [(v.focus, v.severity) for v in report.violations] == [(str(proposal), "Warning")]
        assert "should say where it was made" in report.violations[0].message
