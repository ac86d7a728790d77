"""SHACL validation -> (conforms, report graph, report for people).

Each violation is told in words a curator can act on: which thing (its label), which rule
(the shape's message), and which note and paragraph the thing was read from.

Two engines give the same report: :func:`validate` runs pySHACL (the reference) on an rdflib
graph; :func:`validate_store` runs the shapes compiled to SPARQL (:mod:`idmkg.shacl_sparql`)
on an Oxigraph store, optionally for a few focus nodes only. Both turn their validation
results into :class:`Violation` objects with the same code (:func:`report_from_results`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .namespaces import IDM, OA


@dataclass(frozen=True)
class Violation:
    focus: str
    label: str
    path: str
    message: str
    severity: str
    sources: tuple[str, ...]

    def __str__(self) -> str:
        where = f" (read from {', '.join(self.sources)})" if self.sources else ""
        path = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {self.label}{where}: {self.message}{path}"


@dataclass
class ValidationReport:
    conforms: bool
    graph: Graph
    violations: list[Violation] = field(default_factory=list)

    def add_inconsistencies(self, messages: list[str]) -> None:
        """OWL-RL inconsistencies (a thing in two disjoint classes, ...) fail validation too."""
        for m in messages:
            self.violations.append(Violation("", "the ontology and the data together", "", m,
                                             "Inconsistency", ()))
        self.conforms = self.conforms and not messages

    @property
    def text(self) -> str:
        if self.conforms:
            warnings = [v for v in self.violations if v.severity in ("Warning", "Info")]
            if not warnings:
                return "The graph conforms to the shapes."
            return "\n".join([f"The graph conforms to the shapes, with {len(warnings)} warning(s):"]
                             + [f"  - {v}" for v in warnings])
        lines = [f"The graph violates the shapes ({len(self.violations)} result(s)):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# what a violation says about a node: its label and the note parts it was read from
# ---------------------------------------------------------------------------

class GraphLookup:
    """Labels and sources read from an rdflib graph."""

    def __init__(self, data: Graph):
        self.data = data
        self.namespace_manager = data.namespace_manager

    def labels(self, node) -> list:
        return list(self.data.objects(node, RDFS.label))

    def objects(self, node, prop) -> list:
        return list(self.data.objects(node, prop))


class StoreLookup:
    """Labels and sources read from the default graph of a pyoxigraph store."""

    def __init__(self, store, base: str | None = None):
        from .assemble import new_graph
        from .namespaces import DEFAULT_BASE

        self.store = store
        self.namespace_manager = new_graph(base or DEFAULT_BASE).namespace_manager

    def objects(self, node, prop) -> list:
        import pyoxigraph

        from .store import rdflib_term

        if not isinstance(node, URIRef):
            return []
        return [rdflib_term(q.object) for q in self.store.quads_for_pattern(
            pyoxigraph.NamedNode(str(node)), pyoxigraph.NamedNode(str(prop)), None, pyoxigraph.DefaultGraph())]

    def labels(self, node) -> list:
        return self.objects(node, RDFS.label)


def _short(namespace_manager, term) -> str:
    try:
        return namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except Exception:  # noqa: BLE001 (a term the prefixes cannot shorten is written in full)
        return str(term)


def _label(lookup, node):
    """One label of ``node`` (the smallest, so that both engines name it alike), or None."""
    labels = lookup.labels(node) if node is not None else []
    return min(labels, key=str) if labels else None


def _sources(lookup, focus) -> tuple[str, ...]:
    """Labels of the note parts a node was read from (for evidence: the part it quotes)."""
    if focus is None:
        return ()
    parts = set(lookup.objects(focus, IDM.statedIn))
    parts |= {src for target in lookup.objects(focus, OA.hasTarget) for src in lookup.objects(target, OA.hasSource)}
    out = []
    for part in sorted(parts, key=str):
        label = _label(lookup, part)
        out.append(str(label) if label else str(part))
    return tuple(out)


# ---------------------------------------------------------------------------
# validation results (as dicts) -> report
# ---------------------------------------------------------------------------

def results_of(report: Graph) -> list[dict]:
    """The validation results of a SHACL report graph as dicts: focus, path, component,
    severity, value, source_shape, source_constraint (terms or None) and messages (a list)."""
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append({"focus": report.value(r, SH.focusNode), "path": report.value(r, SH.resultPath),
                    "component": report.value(r, SH.sourceConstraintComponent),
                    "severity": report.value(r, SH.resultSeverity), "value": report.value(r, SH.value),
                    "source_shape": report.value(r, SH.sourceShape),
                    "source_constraint": report.value(r, SH.sourceConstraint),
                    "messages": sorted(report.objects(r, SH.resultMessage), key=str)})
    return out


def _message(result: dict, shapes: Graph | None) -> str:
    """The message told: a SPARQL constraint's own (its template filled in) before the shape's."""
    messages = list(result["messages"])
    if not messages:
        return "violates a shape"
    if len(messages) > 1 and shapes is not None and result.get("source_shape") is not None:
        own = set(shapes.objects(result["source_shape"], SH.message))
        specific = [m for m in messages if m not in own]
        messages = specific or messages
    return str(min(messages, key=str))


def violations_of(results: list[dict], lookup, shapes: Graph | None = None) -> list[Violation]:
    """Each validation result told in words, sorted."""
    violations = []
    for result in results:
        focus, path, value = result["focus"], result["path"], result["value"]
        if isinstance(value, URIRef) and not _sources(lookup, focus) and _sources(lookup, value):
            focus = value  # a whole-graph check (targetNode a class) names the bad node as its value
        label = _label(lookup, focus)
        severity = result["severity"]
        violations.append(Violation(
            focus=str(focus),
            label=f"{label} <{focus}>" if label else str(focus),
            path=_short(lookup.namespace_manager, path) if path is not None else "",
            message=_message(result, shapes),
            severity=_short(lookup.namespace_manager, severity).replace("sh:", "") if severity is not None
            else "Violation",
            sources=_sources(lookup, focus),
        ))
    violations.sort(key=lambda v: (v.severity, v.focus, v.path, v.message))
    return violations


def _conforms(results: list[dict]) -> bool:
    """No result of severity sh:Violation (warnings and infos do not fail validation, as
    with pySHACL's ``allow_warnings``)."""
    return not any(r["severity"] in (None, SH.Violation) for r in results)


def report_graph(results: list[dict]) -> Graph:
    """A SHACL validation report graph holding ``results`` (as pySHACL writes one)."""
    g = Graph()
    g.bind("sh", SH)
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    g.add((report, SH.conforms, Literal(_conforms(results))))
    for r in results:
        node = BNode()
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        for prop, key in ((SH.focusNode, "focus"), (SH.resultPath, "path"), (SH.sourceConstraintComponent, "component"),
                          (SH.resultSeverity, "severity"), (SH.value, "value"), (SH.sourceShape, "source_shape"),
                          (SH.sourceConstraint, "source_constraint")):
            if r.get(key) is not None:
                g.add((node, prop, r[key]))
        for m in r["messages"]:
            g.add((node, SH.resultMessage, m))
    return g


def report_from_results(results: list[dict], lookup, shapes: Graph | None = None,
                        graph: Graph | None = None) -> ValidationReport:
    """The report for people (and the report graph) of a list of validation results."""
    return ValidationReport(_conforms(results), graph if graph is not None else report_graph(results),
                            violations_of(results, lookup, shapes))


# ---------------------------------------------------------------------------
# the two engines
# ---------------------------------------------------------------------------

def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (asserted + inferred + ontology) against ``shapes`` with pySHACL."""
    import pyshacl

    # the shapes use SHACL Core and SHACL-SPARQL only (no SHACL-AF rules or custom targets):
    # without pySHACL's "advanced" mode the same checks run a third faster
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                           allow_warnings=True)
    out = report_from_results(results_of(report), GraphLookup(data), shapes, graph=report)
    out.conforms = bool(conforms)
    return out


_COMPILED: dict[int, object] = {}


def compiled(shapes: Graph):
    """``shapes`` compiled to SPARQL (:func:`idmkg.shacl_sparql.compile_shapes`), kept for
    the graph object's lifetime."""
    from .shacl_sparql import compile_shapes

    key = id(shapes)
    hit = _COMPILED.get(key)
    if hit is None or hit[0] is not shapes:
        hit = _COMPILED[key] = (shapes, compile_shapes(shapes))
    return hit[1]


def validate_store(store, shapes: Graph, focus=None, base: str | None = None) -> ValidationReport:
    """Validate the default graph of the pyoxigraph ``store`` (asserted + inferred + ontology)
    against ``shapes``, compiled to SPARQL; with ``focus`` (IRIs), only those focus nodes
    are checked (the full run's results for them). Same report as :func:`validate`.
    Raises :class:`idmkg.shacl_sparql.UnsupportedShapes` if the shapes use a construct the
    compiler does not handle (then use :func:`validate`)."""
    engine = compiled(shapes)
    results = engine.results(store, focus)
    return report_from_results(results, StoreLookup(store, base), shapes)


def _bnode(b: BNode) -> str:
    """A blank node in N-Triples, with its rdflib id where N-Triples allows it (so that both
    engines name it alike)."""
    import re

    label = str(b)
    return f"_:{label}" if re.fullmatch(r"[A-Za-z0-9_]+", label) else f"_:h{abs(hash(label))}"


def store_of(graph: Graph):
    """An in-memory pyoxigraph store whose default graph holds ``graph``'s triples."""
    import pyoxigraph

    from .serialize import nt_term

    store = pyoxigraph.Store()
    lines = []
    for s, p, o in graph:
        terms = []
        for t in (s, p, o):
            terms.append(_bnode(t) if isinstance(t, BNode) else nt_term(t))
        lines.append(" ".join(terms) + " .\n")
    store.bulk_load("".join(lines).encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store
