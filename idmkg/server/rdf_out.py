"""RDF for machines: a set of triples written in the negotiated syntax, in a fixed order
(sorted), with the project's prefixes, so the same description is the same bytes."""
from __future__ import annotations

from ..namespaces import data_prefixes

_FORMATS = {"text/turtle": "TURTLE", "application/ld+json": "JSON_LD", "application/n-triples": "N_TRIPLES",
            "application/rdf+xml": "RDF_XML", "application/trig": "TRIG", "application/n-quads": "N_QUADS"}
MEDIA_TYPES = list(_FORMATS)


def serialize_triples(triples, media: str, base: str) -> bytes:
    """``triples`` (pyoxigraph Triples or Quads' triples) in ``media``'s syntax."""
    import pyoxigraph

    fmt = getattr(pyoxigraph.RdfFormat, _FORMATS[media])
    unique = sorted(set(triples), key=str)
    prefixes = data_prefixes(base) if media in ("text/turtle", "application/trig", "application/rdf+xml") else None
    return pyoxigraph.serialize(unique, format=fmt, prefixes=prefixes)


def from_rdflib(graph) -> list:
    """The triples of an rdflib graph as pyoxigraph Triples."""
    import pyoxigraph

    data = graph.serialize(format="nt", encoding="utf-8")
    return [q.triple for q in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)]
