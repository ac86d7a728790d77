"""The query catalogue as RDF, so that the graph (and an endpoint serving it) says which
questions it answers. Each query is a ``sh:SPARQLExecutable`` and
``sh:SPARQLSelectExecutable`` with its text (``sh:select``), its prefixes (``sh:prefixes``
/ ``sh:declare``), a comment, keywords and, when known, the endpoint that answers it
(``schema:target``), as the SIB sparql-examples project describes queries; its parameters
are ``sh:Parameter`` nodes (``sh:path``, ``sh:datatype`` or ``sh:nodeKind``, ``sh:optional``,
``sh:defaultValue``, ``sh:in``). Every node has an IRI: there are no blank nodes.
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from .namespaces import DEFAULT_BASE, IDM
from .queries import CannedQuery, load_catalogue

#: schema.org as the SIB sparql-examples use it (https), for schema:keywords and schema:target
SCHEMA_HTTPS = Namespace("https://schema.org/")
_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)
_XSD_TYPES = {"string": XSD.string, "integer": XSD.integer, "decimal": XSD.decimal, "boolean": XSD.boolean,
              "date": XSD.date, "gYear": XSD.gYear}


def query_iri(name: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}query/{name}")


def catalogue_graph(base: str = DEFAULT_BASE, endpoint: str | None = None,
                    folder: Path | str | None = None) -> Graph:
    """The catalogue of canned queries (``queries/*.rq``) as an RDF graph, query IRIs
    ``{base}query/{name}``; ``endpoint`` (a SPARQL query URL) becomes each query's
    ``schema:target``."""
    base = base if base.endswith(("/", "#")) else base + "/"
    g = Graph()
    g.bind("sh", SH)
    g.bind("schema", SCHEMA_HTTPS)
    g.bind("dcterms", DCTERMS)
    g.bind("idm", IDM)
    catalogue = URIRef(f"{base}query/")
    g.add((catalogue, RDF.type, SKOS.Collection))
    g.add((catalogue, RDFS.label, Literal("idmkg query catalogue", lang="en")))
    g.add((catalogue, RDFS.comment, Literal(
        "The canned SPARQL queries of idmkg: the questions this knowledge graph answers.", lang="en")))
    prefixes = URIRef(f"{base}query/prefixes")
    g.add((prefixes, RDF.type, OWL.Ontology))
    declared: dict[str, str] = {}
    for query in load_catalogue(folder).values():
        node = _add_query(g, query, base, prefixes, endpoint)
        g.add((catalogue, SKOS.member, node))
        for prefix, namespace in _DECL.findall(query.body):
            declared.setdefault(prefix, namespace)
    for prefix, namespace in sorted(declared.items()):
        decl = URIRef(f"{base}query/prefixes/{prefix or 'default'}")
        g.add((prefixes, SH.declare, decl))
        g.add((decl, SH.prefix, Literal(prefix)))
        g.add((decl, SH.namespace, Literal(namespace, datatype=XSD.anyURI)))
    return g



def _add_query(g: Graph, query: CannedQuery, base: str, prefixes: URIRef, endpoint: str | None) -> URIRef:
    node = query_iri(query.name, base)
    g.add((node, RDF.type, SH.SPARQLExecutable))
    g.add((node, RDF.type, SH.SPARQLSelectExecutable))
    g.add((node, RDFS.label, Literal(query.name)))
    g.add((node, DCTERMS.identifier, Literal(query.name)))
    g.add((node, DCTERMS.title, Literal(query.summary, lang="en")))
    g.add((node, RDFS.comment, Literal(f"{query.summary} {query.description}", lang="en")))
    g.add((node, DCTERMS.description, Literal(query.description, lang="en")))
    g.add((node, SH.select, Literal(query.body)))
    g.add((node, SH.prefixes, prefixes))
    g.add((node, DCTERMS.source, Literal(f"queries/{query.path.name}")))
    for tag in query.tags:
        g.add((node, SCHEMA_HTTPS.keywords, Literal(tag)))
    if endpoint:
        g.add((node, SCHEMA_HTTPS.target, URIRef(endpoint)))
    for p in query.params:
        param = URIRef(f"{node}/param/{p.name}")
        g.add((node, SH.parameter, param))
        g.add((param, RDF.type, SH.Parameter))
        g.add((param, SH.path, URIRef(f"{base}query/param/{p.name}")))
        g.add((param, SH.name, Literal(p.name)))
        g.add((param, RDFS.label, Literal(f"?_{p.name}")))
        if p.description:
            g.add((param, SH.description, Literal(p.description, lang="en")))
        if p.type in _XSD_TYPES:
            g.add((param, SH.datatype, _XSD_TYPES[p.type]))
        elif p.type == "iri":
            g.add((param, SH.nodeKind, SH.IRI))
        else:  # resource: an IRI or a label
            g.add((param, SH.nodeKind, SH.IRIOrLiteral))
        g.add((param, SH.optional, Literal(not p.required)))
        if p.default is not None:
            g.add((param, SH.defaultValue, p.coerce(p.default)))
        g.add((param, SKOS.example, p.coerce(p.example)))
        if p.enum:
            head = URIRef(f"{param}/in")
            items = [URIRef(f"{param}/in/{i}") for i in range(1, len(p.enum))]
            Collection(g, head, [Literal(v) for v in p.enum])
            # rdflib's Collection makes blank nodes for the list cells after the first; name them
            _name_list_cells(g, head, items)
            g.add((param, SH["in"], head))
    return node


def _name_list_cells(g: Graph, head: URIRef, names: list[URIRef]) -> None:
    """Replace the blank-node cells of the RDF list at ``head`` by ``names``."""
    from rdflib import BNode

    cell, i = head, 0
    while True:
        rest = g.value(cell, RDF.rest)
        if rest is None or rest == RDF.nil:
            return
        if isinstance(rest, BNode):
            named = names[i]
            for p, o in list(g.predicate_objects(rest)):
                g.add((named, p, o))
            g.remove((rest, None, None))
            g.set((cell, RDF.rest, named))
            rest = named
        cell, i = rest, i + 1
