"""The build's working dataset: the named graphs of a build (one per note, ``derived``,
``curated``, ``ontology``, ``inferred``) in an in-memory Oxigraph store, whose default graph
is kept as their RDF merge, so that inference rules and SHACL checks run as SPARQL in Rust
rather than over rdflib's pure-Python graph (issue #7).

Graphs go in as rdflib triples (written as N-Quads and parsed by Oxigraph in one call) and
come back out as rdflib triples; :meth:`Dataset.merge_default` materialises the merge (see
:mod:`idmkg.store` for why Oxigraph's own union-default-graph option is not used).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph

from .serialize import nquads_chunks
from .store import rdflib_term


class Dataset:
    """Named graphs in a pyoxigraph store; the default graph is their merge once
    :meth:`merge_default` has run (and after every later :meth:`add`)."""

    def __init__(self) -> None:
        self.store = pyoxigraph.Store()
        self.names: list[str] = []
        self._merged = False

    def add(self, name: str, triples: Iterable[tuple]) -> None:
        """Add rdflib triples to the named graph ``name`` (and to the merge, if kept)."""
        self.add_all({name: triples})

    def add_all(self, graphs) -> None:
        """Add named graphs (graph IRI -> rdflib triples, or (IRI, triples) pairs), written
        as N-Quads and parsed by Oxigraph a piece at a time."""
        items = list(graphs.items() if isinstance(graphs, dict) else graphs)
        for name, _ in items:
            if name not in self.names:
                self.names.append(name)
        for piece in nquads_chunks(items):
            # the pieces are written from rdflib terms that nt_term has checked: skip
            # Oxigraph's second validation of every IRI
            self.store.load(piece, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
        if self._merged:
            for name, _ in items:
                self.store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")

    def merge_default(self) -> None:
        """Materialise the merge of the named graphs as the default graph."""
        self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        self._merged = True

    def graph(self, name: str) -> Iterator[tuple]:
        """The triples of a named graph, as rdflib terms."""
        memo: dict = {}

        def term(t):
            got = memo.get(t)
            if got is None:
                got = memo[t] = rdflib_term(t)
            return got

        for q in self.store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name)):
            yield term(q.subject), term(q.predicate), term(q.object)

    def __len__(self) -> int:
        """Triples in the merge (the default graph), once merged."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))

    def count(self, name: str) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name)))

    def subjects(self, predicate: str, obj: str | None = None) -> set[str]:
        """IRIs of the subjects of ``predicate`` (with object IRI ``obj``) in the merge."""
        o = pyoxigraph.NamedNode(obj) if obj else None
        return {q.subject.value for q in self.store.quads_for_pattern(None, pyoxigraph.NamedNode(predicate), o,
                                                                       pyoxigraph.DefaultGraph())}

    def values(self, subject: str, predicate: str) -> list:
        """Objects of ``subject predicate ?o`` in the merge, as pyoxigraph terms."""
        return [q.object for q in self.store.quads_for_pattern(pyoxigraph.NamedNode(subject),
                                                               pyoxigraph.NamedNode(predicate), None,
                                                               pyoxigraph.DefaultGraph())]

    def distinct(self, names: Iterable[str]) -> int:
        """Distinct triples across the named graphs ``names``."""
        seen = set()
        for name in names:
            for q in self.store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name)):
                seen.add(q.triple)
        return len(seen)
