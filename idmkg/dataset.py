"""The build's working dataset: the complete graph of a build (asserted + inferred +
ontology, the RDF merge of its named graphs) in an in-memory Oxigraph store's default
graph, so that SHACL checks (:mod:`idmkg.shacl_sparql`) and the build summary run in Rust
rather than over rdflib's pure-Python graph (issue #7).

Triples go in as rdflib terms, written as N-Triples a piece at a time
(:func:`idmkg.serialize.nquads_chunks`) and parsed by Oxigraph; a triple given twice (two
notes state it) is stored once, as in the merge. Oxigraph keeps integer literals of
derived datatypes (``xsd:nonNegativeInteger``, ...) as ``xsd:integer`` (oxigraph#526): the
exports are written from the triples, never read back from this store.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph

from .serialize import nquads_chunks

_DEFAULT = pyoxigraph.DefaultGraph()


class Dataset:
    """The merge of a build's graphs in a pyoxigraph store (its default graph)."""

    def __init__(self) -> None:
        self.store = pyoxigraph.Store()

    def add(self, *parts: Iterable[tuple]) -> None:
        """Add rdflib triples (any number of iterables of them) to the merge."""
        for piece in nquads_chunks([(None, part) for part in parts]):
            # written from rdflib terms that nt_term has checked: skip a second validation
            self.store.load(piece, format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)

    def remove(self, triples: Iterable[tuple]) -> None:
        """Take rdflib triples out of the merge (those it holds; no blank nodes)."""
        from .store import oxigraph_term

        remove = self.store.remove
        for s, p, o in triples:
            remove(pyoxigraph.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), _DEFAULT))

    def __len__(self) -> int:
        return len(self.store)

    def subjects(self, predicate: str, obj: str | None = None) -> set[str]:
        """IRIs of the subjects of ``predicate`` (with object IRI ``obj``)."""
        o = pyoxigraph.NamedNode(obj) if obj else None
        return {q.subject.value for q in self.store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), o,
                                                                       _DEFAULT)}

    def values(self, subject: str, predicate: str) -> list:
        """Objects of ``subject predicate ?o``, as pyoxigraph terms."""
        return [q.object for q in self.store.quads_for_pattern(pyoxigraph.NamedNode(subject),
                                                               pyoxigraph.NamedNode(predicate), None, _DEFAULT)]
