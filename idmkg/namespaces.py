"""Namespaces and prefixes, defined once."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

DEFAULT_BASE = "https://w3id.org/idmkg/"
IDM = Namespace("https://w3id.org/idmkg/ontology#")
IDMC = Namespace("https://w3id.org/idmkg/concept/")
IDMSH = Namespace("https://w3id.org/idmkg/shapes#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

#: prefix -> namespace, in the order they are written at the top of every Turtle file
PREFIXES: dict[str, str] = {
    "idm": str(IDM),
    "idmc": str(IDMC),
    "idmsh": str(IDMSH),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "oa": str(OA),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


#: hot-loop membership tests: ``p in IS_TYPE`` is ``p == RDF.type`` (and ``p in IS_SAME_AS``
#: ``p == OWL.sameAs``) without a namespace lookup and a Python-level __eq__ per triple
IS_TYPE, IS_SAME_AS = frozenset({RDF.type}), frozenset({OWL.sameAs})


def data_prefixes(base: str) -> dict[str, str]:
    """The prefixes for a graph minted under ``base`` (``id:`` for the data)."""
    return {"id": base + "id/", **PREFIXES}


#: prefixes exports add: the dataset description's (VoID, DCAT) and the ontology header's (VANN)
DESCRIPTION_PREFIXES: dict[str, str] = {"dcat": str(DCAT), "vann": "http://purl.org/vocab/vann/", "void": str(VOID)}


def export_prefixes(base: str) -> dict[str, str]:
    """The prefixes written at the top of every export: the data's and the description's,
    sorted by prefix."""
    return dict(sorted({**data_prefixes(base), **DESCRIPTION_PREFIXES}.items()))


def expand(curie: str):
    """``idm:startDate`` -> URIRef."""
    from rdflib import URIRef

    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


__all__ = ["DCAT", "DCTERMS", "DEFAULT_BASE", "FOAF", "IDM", "IDMC", "IDMSH", "OA", "OWL", "PREFIXES", "PROV",
           "RDF", "RDFS", "SCHEMA", "SKOS", "VOID", "XSD", "data_prefixes", "expand",
           "DESCRIPTION_PREFIXES", "export_prefixes"]
