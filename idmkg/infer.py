"""OWL 2 RL closure of the asserted graph with the ontology, kept apart from what was asserted.

Two reasoners give the same result (``tests/test_reason.py`` proves it on the notes):

- ``fast`` (default): :mod:`idmkg.reason`, the rules the ontology actually uses, ~1 s;
- ``owlrl``: the owlrl package, every OWL 2 RL rule, the reference semantics, ~10 s.

``fast`` refuses an ontology that uses other constructs, and the build then falls back to
owlrl. The closure runs on a copy (asserted + ontology + vocabulary + concepts). What comes
back new is the *inferred* graph, filtered to triples about the data and the concepts (not
the ontology's own axioms, nor owlrl's bookkeeping such as ``x owl:sameAs x``)."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import IDMC

NOISE_TYPES = {OWL.Thing, RDFS.Resource}
#: where owlrl records the inconsistencies it finds
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
REASONERS = ("fast", "owlrl")


@dataclass
class Inference:
    """What the reasoner added, the inconsistencies it found (empty if none), and which
    reasoner ran."""

    graph: Graph
    errors: list[str]
    reasoner: str


def _owlrl(asserted: Graph, schema: Graph) -> tuple[Graph, list[str]]:
    import owlrl

    work = Graph()
    for t in asserted:
        work.add(t)
    for t in schema:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    errors = sorted(" ".join(str(m).split()) for m in work.objects(None, OWLRL_ERRORS.error))
    return work, errors


def _fast(asserted: Graph, schema: Graph):
    from .reason import Closure

    closure = Closure(schema)
    work = Graph()
    for t in asserted:
        work.add(t)
    for t in schema:
        work.add(t)
    return closure.expand(work)


def infer(asserted: Graph, schema: Graph, base: str, reasoner: str = "fast") -> Inference:
    """Triples OWL 2 RL entails from ``asserted`` + ``schema`` that neither states."""
    from .reason import UnsupportedOntology

    used = reasoner
    if reasoner == "fast":
        try:
            closure, errors = _fast(asserted, schema)
        except UnsupportedOntology:
            used = "owlrl"
    if used == "owlrl":
        closure, errors = _owlrl(asserted, schema)
    inferred = Graph()
    keep = (base + "id/", str(IDMC))  # the data and the concepts, not the ontology's own axioms
    for s, p, o in closure:
        if not isinstance(s, URIRef) or not str(s).startswith(keep) or isinstance(o, BNode):
            continue
        if p == OWL.sameAs and s == o:
            continue
        if p == RDF.type and o in NOISE_TYPES:
            continue
        if (s, p, o) in asserted or (s, p, o) in schema:
            continue
        inferred.add((s, p, o))
    return Inference(inferred, errors, used)
