"""SHACL compiled to SPARQL on Oxigraph (idmkg/shacl_sparql.py) gives pySHACL's results: on
the five notes, on a graph damaged so that every constraint of ontology/shapes.ttl is
violated (the damage is derived from the shapes themselves), for a few focus (or value)
nodes only, and on a synthetic archive; constructs it does not compile are refused."""
from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from idmkg import resources
from idmkg.namespaces import IDM, OA
from idmkg.shacl_sparql import UnsupportedShapes, compile_shapes
from idmkg.validate import results_of, store_of, validate, validate_store

DAMAGED = "urn:x-damaged:"
SHAPES = ns.Namespace("https://w3id.org/idmkg/shapes#")
#: Oxigraph folds every integer type into xsd:integer (see idmkg/shacl_sparql.py), so values
#: are compared by the term Oxigraph gives back
INTEGERS = {ns.XSD.positiveInteger, ns.XSD.nonNegativeInteger, ns.XSD.int, ns.XSD.long, ns.XSD.integer}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return resources.load_turtle(resources.SHAPES)


def _norm(term):
    if isinstance(term, Literal) and term.datatype in INTEGERS and isinstance(term.value, int):
        return Literal(str(term.value), datatype=ns.XSD.integer)
    if isinstance(term, Literal) and term.datatype == ns.XSD.decimal and term.value is not None:
        return Literal(term.value, datatype=ns.XSD.decimal)
    return term


def keyset(results: list[dict]) -> list[tuple]:
    """Results as comparable tuples (focus, path, component, severity, messages, value), sorted."""
    return sorted((str(r["focus"]), str(r["path"]), str(r["component"]), str(r["severity"]),
                   tuple(sorted(str(m) for m in r["messages"])), str(_norm(r["value"])))
                  for r in results)


def pyshacl_results(graph: Graph, shapes: Graph) -> list[dict]:
    return results_of(validate(graph, shapes).graph)


def both(graph: Graph, shapes: Graph):
    reference = pyshacl_results(graph, shapes)
    store = store_of(graph)
    compiled = compile_shapes(shapes).results(store)
    return reference, compiled, store


def test_five_notes_conform_under_both_engines(built, complete_graph, shapes):
    reference = validate(complete_graph, shapes)
    fast = validate_store(store_of(complete_graph), shapes)
    assert reference.conforms and fast.conforms
    assert reference.violations == fast.violations == []
    assert fast.text == reference.text


# ---------------------------------------------------------------------------
# damage derived from the shapes: one mutation per constraint
# ---------------------------------------------------------------------------

def _targets(store, root) -> list[URIRef]:
    q = "SELECT DISTINCT ?this WHERE { " + " UNION ".join("{ " + t + " }" for t in root.targets) + " }"
    return sorted(URIRef(r["this"].value) for r in store.query(q) if hasattr(r["this"], "value"))


def _bigger(v: Literal) -> Literal:
    if isinstance(v.value, dt.date):
        return Literal(v.value + dt.timedelta(days=400), datatype=v.datatype)
    return Literal(str(int(v.value) + 5), datatype=v.datatype)


class Damage:
    """Mutations of a copy of the complete graph, each on a focus node not used before."""

    def __init__(self, graph: Graph, shapes: Graph):
        self.g = Graph()
        self.g += graph
        self.g.namespace_manager = graph.namespace_manager
        self.shapes = shapes
        self.used: set = set()
        self.planted: list[tuple] = []   # (focus, component, path)
        self.sources: list = []          # the shape node of each planted fault
        self.params: list = []           # and its constraint's parameter (a SPARQL constraint's node)

    def values(self, f, p):
        return sorted(self.g.objects(f, p), key=str)

    def pick(self, candidates, path=None, need=None, also=()):
        """The first candidate whose ``path`` (and ``also`` paths) no mutation touched yet."""
        for f in candidates:
            keys = {(f, p) for p in (path, *also)}
            if keys & self.used:
                continue
            if path is not None and not self.values(f, path):
                continue
            if need is not None and not need(f):
                continue
            self.used |= keys
            return f
        return None

    def replace(self, f, p, new):
        for v in self.values(f, p):
            self.g.remove((f, p, v))
        self.g.add((f, p, new))

    def plant(self, candidates, shape_node, path, component, param) -> bool:
        g, sg = self.g, self.shapes
        untyped = URIRef(DAMAGED + f"thing{len(self.planted)}")
        if component == SH.MinCountConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            g.remove((f, path, None))
        elif component == SH.MaxCountConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            v = self.values(f, path)[0]
            g.add((f, path, untyped if isinstance(v, URIRef) else Literal(f"{v} (again)")))
        elif component == SH.DatatypeConstraintComponent:
            f = self.pick(candidates, path) or self.pick(candidates, also=(path,))   # or add a value
            if f is None:
                return False
            self.replace(f, path, Literal("written", lang="en") if param == ns.XSD.string else Literal("not a value"))
        elif component in (SH.ClassConstraintComponent, SH.OrConstraintComponent) and path is not None:
            f = self.pick(candidates, path)
            if f is None:
                return False
            self.replace(f, path, untyped)
        elif component == SH.OrConstraintComponent:   # on a node shape: no member holds
            members = list(Collection(sg, param))
            paths = [sg.value(m, SH.path) for m in members]
            # a member comparing two properties (sh:lessThan...) fails on a focus node with one
            # value of each, in the wrong order; a member counting values fails with fewer
            pairs = [(sg.value(m, SH.path), sg.value(m, c)) for m in members
                     for c in (SH.lessThan, SH.lessThanOrEquals) if sg.value(m, c) is not None]
            if pairs:
                need = lambda x: all(len(self.values(x, p)) == 1 and len(self.values(x, o)) == 1 for p, o in pairs)
            else:
                need = lambda x: any(self.values(x, p) for p in paths)
            f = self.pick(candidates, need=need, also=paths + [o for _, o in pairs])
            if f is None:
                return False
            for m, p in zip(members, paths):
                least = sg.value(m, SH.minCount)
                if least is not None:
                    for v in self.values(f, p)[max(int(least) - 1, 0):]:
                        g.remove((f, p, v))
            for p, other in pairs:
                self.replace(f, p, _bigger(self.values(f, other)[0]))
        elif component == SH.NodeKindConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            self.replace(f, path, Literal("a literal"))
        elif component == SH.InConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            self.replace(f, path, IDM.nonsense)
        elif component == SH.NodeConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            for v in self.values(f, path):   # the nested shape's first required property goes
                first = min(sg.objects(param, SH.property), key=str)
                g.remove((v, sg.value(first, SH.path), None))
        elif component == SH.MinLengthConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            self.replace(f, path, Literal(""))
        elif component in (SH.MinInclusiveConstraintComponent, SH.MaxInclusiveConstraintComponent):
            f = self.pick(candidates, path)
            if f is None:
                return False
            v = self.values(f, path)[0]
            low = component == SH.MinInclusiveConstraintComponent
            number = Decimal(param.value) + (-5 if low else 50)
            # an integer out of its type's range is ill-typed, and pySHACL orders ill-typed
            # literals by datatype IRI (so "-5"^^xsd:nonNegativeInteger passes sh:minInclusive 0
            # there, not here): a number written as a string violates in both
            self.replace(f, path, Literal(str(int(number))) if v.datatype in INTEGERS
                         else Literal(str(number), datatype=v.datatype))
        elif component in (SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent):
            f = self.pick(candidates, path, need=lambda x: bool(self.values(x, param)), also=(param,))
            if f is None:   # no focus node has both values: give one both
                f = self.pick(candidates, also=(path, param))
                if f is None:
                    return False
                self.replace(f, param, Literal("3", datatype=ns.XSD.nonNegativeInteger))
            self.replace(f, path, _bigger(self.values(f, param)[0]))
        elif component == SH.UniqueLangConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            v = self.values(f, path)[0]
            g.add((f, path, Literal(f"{v} (bis)", lang=v.language)))
        elif component == SH.QualifiedMinCountConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            v = self.values(f, path)[0]
            self.replace(f, path, Literal(str(v), lang="fr"))
        elif component == SH.QualifiedMaxCountConstraintComponent:
            f = self.pick(candidates, path)
            if f is None:
                return False
            v = self.values(f, path)[0]
            g.add((f, path, Literal(f"{v} (bis)", lang="en-GB")))
        elif component == SH.SPARQLConstraintComponent and param == SHAPES.EvidenceQuoteMatchesText:
            f = self.pick(candidates, also=("sparql",))
            if f is None:
                return False
            evidence = min(g.subjects(RDF.type, IDM.Evidence))
            target = g.value(evidence, OA.hasTarget)
            selector = g.value(target, OA.hasSelector)
            self.replace(selector, OA.exact, Literal("words the paragraph does not hold"))
        elif component == SH.SPARQLConstraintComponent and param == SHAPES.MeetingDatesOneNoteConstraint:
            # a second start date, "read" from the very paragraph that gives the first, of a
            # meeting whose start date one annotation gives
            def evidence_of(x):
                found = sorted(e for e in g.subjects(OA.hasBody, x) if (e, IDM.supportsProperty, IDM.startDate) in g)
                return found if len(found) == 1 else []
            # (the shape targets the class node; the meeting at fault is the result's value)
            meetings = sorted(g.subjects(RDF.type, IDM.Meeting))
            f = self.pick(meetings, IDM.startDate, need=lambda x: bool(evidence_of(x)), also=("sparql",))
            if f is None:
                return False
            first = evidence_of(f)[0]
            second = URIRef(DAMAGED + f"evidence{len(self.planted)}")
            later = _bigger(self.values(f, IDM.startDate)[0])
            g.add((f, IDM.startDate, later))
            for p, o in ((RDF.type, IDM.Evidence), (OA.hasBody, f), (IDM.supportsProperty, IDM.startDate),
                         (IDM.supportsValue, later), (OA.hasTarget, g.value(first, OA.hasTarget))):
                g.add((second, p, o))
        else:
            raise AssertionError(f"no damage for {component}")
        self.planted.append((f, component, path))
        self.sources.append(shape_node)
        self.params.append(param)
        return True


def _constraints(shapes: Graph):
    """(root shape, shape node, path, component, parameter) of every constraint checked at a target."""
    engine = compile_shapes(shapes)
    out = []
    for root in engine.roots:
        for s in [root] + _props(engine, shapes, root):
            for c in s.constraints:
                out.append((root, s.node, s.path, c.component, _param(shapes, s.node, c.component)))
            for cnode, _, _ in s.sparql:
                out.append((root, s.node, None, SH.SPARQLConstraintComponent, cnode))
    return out


def _props(engine, shapes, root):
    return [engine.by_node[p] for p in sorted(shapes.objects(root.node, SH.property), key=str)]


PARAMS = {SH.DatatypeConstraintComponent: SH.datatype, SH.ClassConstraintComponent: SH["class"],
          SH.OrConstraintComponent: SH["or"], SH.NodeConstraintComponent: SH.node,
          SH.MinInclusiveConstraintComponent: SH.minInclusive, SH.MaxInclusiveConstraintComponent: SH.maxInclusive,
          SH.LessThanConstraintComponent: SH.lessThan, SH.LessThanOrEqualsConstraintComponent: SH.lessThanOrEquals}


def _param(shapes, node, component):
    p = PARAMS.get(component)
    return shapes.value(node, p) if p is not None else None


@pytest.fixture(scope="module")
def damaged(complete_graph, shapes):
    clean = store_of(complete_graph)
    damage = Damage(complete_graph, shapes)
    missed = []
    for root, node, path, component, param in _constraints(shapes):
        if not damage.plant(_targets(clean, root), node, path, component, param):
            missed.append((root.node, path, component))
    reference, compiled, store = both(damage.g, shapes)
    return damage, missed, reference, compiled, store


def test_damage_covers_every_constraint(damaged):
    damage, missed, reference, _, _ = damaged
    assert missed == [], missed
    found = {(str(r["focus"]), str(r["component"]), str(r["path"])) for r in reference}
    for (f, component, path), param in zip(damage.planted, damage.params):
        if component == SH.SPARQLConstraintComponent:   # each SPARQL constraint reports its fault
            assert any(r["source_constraint"] == param for r in reference), param
            continue
        assert (str(f), str(component), str(path)) in found, (f, component, path)


def test_every_component_of_the_shapes_is_violated(damaged, shapes):
    _, _, reference, compiled, _ = damaged
    used = {c for *_, c, _ in _constraints(shapes)}
    assert {r["component"] for r in reference} >= used
    assert {r["component"] for r in compiled} >= used


def test_each_fault_is_reported_with_the_severity_its_shape_declares(damaged, shapes):
    """What a note may leave unsaid or the notes may say differently is a warning (shapes with
    sh:severity sh:Warning), the rest a violation: each planted fault is reported at the
    severity of the shape that declares its constraint, by both engines."""
    damage, _, reference, compiled, _ = damaged
    declared = {shapes.value(node, SH.severity) or SH.Violation for node in damage.sources}
    assert declared == {SH.Violation, SH.Warning}   # both kinds are planted
    for engine in (reference, compiled):
        found = {(str(r["focus"]), r["component"], str(r["path"]), r["severity"]) for r in engine}
        for (f, component, path), node, param in zip(damage.planted, damage.sources, damage.params):
            severity = shapes.value(node, SH.severity) or SH.Violation
            if component == SH.SPARQLConstraintComponent:
                assert any(r["source_constraint"] == param and r["severity"] == severity for r in engine), param
                continue
            assert (str(f), component, str(path), severity) in found, (f, component, path, severity)


def test_damaged_graph_same_results_under_both_engines(damaged, shapes):
    damage, _, reference, compiled, store = damaged
    assert len(reference) >= len(damage.planted)
    assert keyset(compiled) == keyset(reference)
    # and the same report for people
    slow = validate(damage.g, shapes)
    fast = validate_store(store, shapes)
    assert not slow.conforms and not fast.conforms
    assert fast.violations == slow.violations
    assert fast.text == slow.text


def test_focus_restricted_validation_gives_the_full_results_for_those_nodes(damaged, shapes, built):
    damage, _, _, compiled, store = damaged
    planted = {str(f) for f, _, _ in damage.planted}
    # the nodes one note's graph mentions (subjects and objects), for the note most damaged
    notes = {name: {str(t) for s, _, o in g for t in (s, o) if isinstance(t, URIRef)}
             for name, g in built.asserted.items() if "/graph/note/" in name}
    name = max(sorted(notes), key=lambda n: len(notes[n] & planted))
    focus = notes[name]
    assert focus & planted
    engine = compile_shapes(shapes)
    part = engine.results(store, focus)
    expected = [r for r in compiled if str(r["focus"]) in focus]
    assert part and keyset(part) == keyset(expected)
    fast = validate_store(store, shapes, focus=focus)
    assert not fast.conforms   # the full verdict: the graph does not conform
    assert engine.results(store, set()) == []
    # focus on every node: the full run
    everything = {str(r["focus"]) for r in compiled}
    assert keyset(engine.results(store, everything)) == keyset(compiled)


def test_sparql_constraints_restricted_to_value_nodes_give_the_full_results_for_those(damaged, shapes):
    """A whole-graph check run for some value nodes only (``VALUES ?value``, as
    idmkg.shacl_focus does after a change) gives the full run's results for them."""
    _, _, _, _, store = damaged
    engine = compile_shapes(shapes)
    sparql = [i for i, q in enumerate(engine.queries) if q.select]
    assert sparql
    for i in sparql:
        full = [r for group in engine.grouped(store, [i])[i] for r in group]
        values = sorted({r["value"] for r in full}, key=str)
        assert values, engine.queries[i].root   # the damage reaches every constraint
        some = values[::2]
        part = [r for group in engine.grouped(store, [i], values=some)[i] for r in group]
        assert part and keyset(part) == keyset([r for r in full if r["value"] in some])
        assert engine.grouped(store, [i], values=[]) == {i: []}
    core = next(q for q in engine.queries if not q.select)
    with pytest.raises(ValueError):   # a core constraint's query has no value restriction
        core.focused("", value_values="VALUES ?value { 1 }")


# ---------------------------------------------------------------------------
# a synthetic archive
# ---------------------------------------------------------------------------

def test_synthetic_archive_same_results(tmp_path, shapes):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import synth_archive

    from idmkg.pipeline import build

    corpus = tmp_path / "synth10"
    synth_archive.generate(10, 1, corpus)
    result = build(corpus, write=False, check=False)
    graph = result.complete()
    reference, compiled, store = both(graph, shapes)
    assert keyset(compiled) == keyset(reference)
    assert validate_store(store, shapes).violations == validate(graph, shapes).violations
    # the working dataset of the build, as the pipeline has it, gives the same report
    assert validate_store(result.working_dataset().store, shapes).violations == validate(graph, shapes).violations


# ---------------------------------------------------------------------------
# refusal
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("extra, named", [
    ("idmsh:X a sh:NodeShape ; sh:targetClass idm:Theme ; sh:property [ sh:path idm:title ; sh:pattern \"^A\" ] .",
     "sh:pattern"),
    ("idmsh:X a sh:NodeShape ; sh:targetObjectsOf idm:candidate ; sh:closed true .", "sh:targetObjectsOf"),
    (("idmsh:X a sh:NodeShape ; sh:targetClass idm:Theme ; "
     "sh:property [ sh:path [ sh:inversePath idm:candidate ] ; sh:minCount 1 ] ."), "complex path"),
    ("idmsh:X a sh:NodeShape ; sh:targetClass idm:Theme ; sh:xone ( [ sh:class idm:Theme ] ) .", "sh:xone"),
])
def test_unsupported_construct_is_refused(shapes, extra, named):
    richer = Graph()
    richer += shapes
    richer.parse(data="@prefix idmsh: <https://w3id.org/idmkg/shapes#> . @prefix sh: <http://www.w3.org/ns/shacl#> . "
                      "@prefix idm: <https://w3id.org/idmkg/ontology#> . " + extra, format="turtle")
    with pytest.raises(UnsupportedShapes) as err:
        compile_shapes(richer)
    message = str(err.value)
    assert named in message and "\n" not in message
    assert "shapes#X" in message or "without a name" in message or "shape" in message



def test_severity_and_deactivated_as_pyshacl(complete_graph, shapes):
    """A property shape lowered to sh:Warning reports warnings; a deactivated shape reports
    nothing; both as pySHACL does."""
    changed = Graph()
    changed += shapes
    text_shape = next(s for s in changed.subjects(SH.path, IDM.text))
    changed.add((text_shape, SH.severity, SH.Warning))
    changed.add((URIRef("https://w3id.org/idmkg/shapes#DialogueYearShape"), SH.deactivated, Literal(True)))
    g = Graph()
    g += complete_graph
    g.namespace_manager = complete_graph.namespace_manager
    paragraph = min(g.subjects(RDF.type, IDM.Paragraph), key=str)
    g.remove((paragraph, IDM.text, None))
    year = min(g.subjects(IDM.year, None), key=str)
    g.remove((year, IDM.year, None))
    reference, compiled, _ = both(g, changed)
    assert keyset(compiled) == keyset(reference)
    assert [str(r["severity"]) for r in compiled] == [str(SH.Warning)]
    slow, fast = validate(g, changed), validate_store(store_of(g), changed)
    assert slow.conforms and fast.conforms   # a warning does not fail validation
    assert fast.violations == slow.violations and fast.violations[0].severity == "Warning"
