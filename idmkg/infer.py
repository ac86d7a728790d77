"""OWL-RL closure of the asserted graph with the ontology, kept apart from what was asserted.

The closure runs on a copy (asserted + ontology + vocabulary + concepts). What comes back
new is the *inferred* graph, filtered to triples about the data and the concepts (not the
ontology's own axioms, nor owlrl's bookkeeping such as ``x owl:sameAs x``)."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import IDMC

NOISE_TYPES = {OWL.Thing, RDFS.Resource}
#: where owlrl records the inconsistencies it finds
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


@dataclass
class Inference:
    """What OWL-RL added, and the inconsistencies it found (empty if none)."""

    graph: Graph
    errors: list[str]


def infer(asserted: Graph, schema: Graph, base: str) -> Inference:
    """Triples OWL 2 RL entails from ``asserted`` + ``schema`` that neither states."""
    import owlrl

    work = Graph()
    for t in asserted:
        work.add(t)
    for t in schema:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    inferred = Graph()
    keep = (base, str(IDMC))
    for s, p, o in work:
        if not isinstance(s, URIRef) or not str(s).startswith(keep):
            continue
        if isinstance(o, URIRef) is False and not isinstance(o, Literal):
            continue
        if p == OWL.sameAs and s == o:
            continue
        if p == RDF.type and o in NOISE_TYPES:
            continue
        if (s, p, o) in asserted or (s, p, o) in schema:
            continue
        inferred.add((s, p, o))
    errors = sorted(" ".join(str(m).split()) for m in work.objects(None, OWLRL_ERRORS.error))
    return Inference(inferred, errors)
