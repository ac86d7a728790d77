"""OWL 2 RL closure of the asserted graph with the ontology, kept apart from what was asserted.

Two reasoners give the same result (``tests/test_reason.py`` proves it on the notes):

- ``fast`` (default): :mod:`idmkg.reason`, the rules the ontology actually uses, ~1 s;
- ``owlrl``: the owlrl package, every OWL 2 RL rule, the reference semantics, ~10 s;
- ``store``: :mod:`idmkg.reason_store`, the same rules as SPARQL Update run in an Oxigraph
  store (``ontology/rules/``); the graphs are loaded into a fresh store first.

``fast`` and ``store`` refuse an ontology that uses other constructs, and the build then falls back to
owlrl. The closure runs on a copy (asserted + ontology + vocabulary + concepts). What comes
back new is the *inferred* graph, filtered to triples about the data and the concepts (not
the ontology's own axioms, nor owlrl's bookkeeping such as ``x owl:sameAs x``)."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDFS

from .namespaces import IDMC, IS_SAME_AS, IS_TYPE

NOISE_TYPES = {OWL.Thing, RDFS.Resource}
#: where owlrl records the inconsistencies it finds
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")
REASONERS = ("fast", "owlrl", "store")


@dataclass
class Inference:
    """What the reasoner added, the inconsistencies it found (empty if none), and which
    reasoner ran."""

    graph: Graph  # a list of triples from infer_triples
    errors: list[str]
    reasoner: str


def _owlrl(asserted, schema: Graph) -> tuple[Graph, list[str]]:
    import owlrl

    work = Graph()
    for t in asserted:
        work.add(t)
    for t in schema:
        work.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    errors = sorted(" ".join(str(m).split()) for m in work.objects(None, OWLRL_ERRORS.error))
    return work, errors


def _fast(asserted: set[tuple], schema: Graph) -> tuple[set[tuple], list[str]]:
    """What the fast rules add to ``asserted`` + ``schema`` (neither's own triples)."""
    from .reason import Closure

    return Closure(schema).derive(asserted | set(schema))


def _store(asserted, schema: Graph, base: str) -> tuple[list[tuple], list[str]]:
    """The store rules on a fresh store holding ``asserted`` (any iterable of triples) and
    ``schema``; the inferred triples come back already filtered."""
    import pyoxigraph

    from .reason_store import infer_in_store
    from .serialize import nquads_chunks
    from .store import rdflib_term

    data, ontology, target = (pyoxigraph.NamedNode(f"urn:idmkg:infer:{n}") for n in ("data", "schema", "inferred"))
    store = pyoxigraph.Store()
    for piece in nquads_chunks([(data.value, asserted), (ontology.value, schema)]):
        store.load(piece, format=pyoxigraph.RdfFormat.N_QUADS)
    errors = infer_in_store(store, [data.value], ontology.value, target.value, base, keep_closure=False)
    inferred = [(rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object))
                for q in store.quads_for_pattern(None, None, None, target)]
    return inferred, errors


def infer(asserted: Graph, schema: Graph, base: str, reasoner: str = "fast") -> Inference:
    """Triples OWL 2 RL entails from ``asserted`` + ``schema`` that neither states."""
    result = infer_triples(set(asserted), schema, base, reasoner)
    graph = Graph()
    for t in result.graph:
        graph.add(t)
    result.graph = graph
    return result


def infer_triples(asserted: set[tuple], schema: Graph, base: str, reasoner: str = "fast") -> Inference:
    """:func:`infer` on a set of triples, with the inferred triples as a list (no rdflib
    Graph is made on the ``fast`` path): what the build uses on large archives."""
    from .reason import UnsupportedOntology

    if reasoner == "fast":
        try:
            added, errors = _fast(asserted, schema)
            return Inference(_kept(added, base, (), ()), errors, "fast")
        except UnsupportedOntology:
            pass   # a construct (or owl:sameAs) the fast rules lack: the reference decides
    if reasoner == "store":
        try:
            inferred, errors = _store(asserted, schema, base)
            return Inference(inferred, errors, "store")
        except UnsupportedOntology:
            pass
    closure, errors = _owlrl(asserted, schema)
    return Inference(_kept(closure, base, asserted, set(schema)), errors, "owlrl")


def kept_prefixes(base: str) -> tuple[str, str]:
    """The IRIs inferred triples are kept about: the data's and the concept scheme's."""
    return (base + "id/", str(IDMC))


def about_data(triple: tuple, keep: tuple[str, str]) -> bool:
    """Whether an entailed triple belongs in the inferred graph: about the data or the
    concepts (``keep``: :func:`kept_prefixes`), not a blank node's, not owlrl's bookkeeping
    (``x owl:sameAs x``, types owl:Thing and rdfs:Resource)."""
    s, p, o = triple
    # str.startswith: rdflib's URIRef.startswith does not take a tuple of prefixes
    if not isinstance(s, URIRef) or not str.startswith(s, keep) or isinstance(o, BNode):
        return False
    if p in IS_SAME_AS and s == o:
        return False
    return not (p in IS_TYPE and o in NOISE_TYPES)


def _kept(closure, base: str, asserted, schema) -> list[tuple]:
    """The triples of a closure about the data and the concepts (not the ontology's own
    axioms, nor owlrl's bookkeeping) that neither ``asserted`` nor ``schema`` states."""
    keep = kept_prefixes(base)
    return [t for t in closure if about_data(t, keep) and t not in asserted and t not in schema]
