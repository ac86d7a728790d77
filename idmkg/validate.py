"""SHACL validation -> (conforms, report graph, report for people).

Each violation is told in words a curator can act on: which thing (its label), which rule
(the shape's message), and which note and paragraph the thing was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
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
            return "The graph conforms to the shapes."
        lines = [f"The graph violates the shapes ({len(self.violations)} result(s)):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def _short(graph: Graph, term) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term) if isinstance(term, URIRef) else str(term)
    except Exception:
        return str(term)


def _sources(data: Graph, focus) -> tuple[str, ...]:
    """Labels of the note parts a node was read from (for evidence: the part it quotes)."""
    parts = set(data.objects(focus, IDM.statedIn))
    parts |= {src for target in data.objects(focus, OA.hasTarget) for src in data.objects(target, OA.hasSource)}
    out = []
    for part in sorted(parts, key=str):
        label = data.value(part, RDFS.label)
        out.append(str(label) if label else str(part))
    return tuple(out)


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (asserted + inferred + ontology) against ``shapes``."""
    import pyshacl

    # the shapes use SHACL Core and SHACL-SPARQL only (no SHACL-AF rules or custom targets):
    # without pySHACL's "advanced" mode the same checks run a third faster
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                           allow_warnings=True)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or "violates a shape"
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        if isinstance(value, URIRef) and not _sources(data, focus) and _sources(data, value):
            focus = value  # a whole-graph check (targetNode a class) names the bad node as its value
        label = data.value(focus, RDFS.label) if focus is not None else None
        violations.append(Violation(
            focus=str(focus),
            label=f"{label} <{focus}>" if label else str(focus),
            path=_short(data, path) if path is not None else "",
            message=str(message),
            severity=_short(data, severity).replace("sh:", "") if severity is not None else "Violation",
            sources=_sources(data, focus),
        ))
    violations.sort(key=lambda v: (v.severity, v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), report, violations)
