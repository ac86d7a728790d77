"""queries.lateral_optionals: on the Oxigraph path, a query that asks for it (``#@ oxigraph:
lateral-optionals``) has its plain OPTIONALs written LATERAL { OPTIONAL { ... } }; other
OPTIONALs and other queries are left as they are. That the rows stay the same is checked on
the whole catalogue by tests/test_query_rewrites.py and here on a small graph."""
from __future__ import annotations

from rdflib import Graph

from idmkg.queries import lateral_optionals, run_sparql

PRAGMA = "#@ oxigraph: lateral-optionals\n"
DATA = """@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a ex:p ex:b . ex:a ex:p ex:c . ex:a ex:p "text" .
ex:b rdfs:label "B" . ex:b rdfs:label "Bee" . ex:q rdfs:label "Q" .
"""
QUERY = PRAGMA + """PREFIX ex: <http://example.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?o ?name WHERE { ex:a ex:p ?o OPTIONAL { ?o rdfs:label ?name } } ORDER BY ?o ?name"""


def test_only_plain_optionals_of_a_query_that_asks_are_rewritten():
    text = PRAGMA + "SELECT * { ?s ?p ?o OPTIONAL { ?o <x:y>/<x:z> ?n } OPTIONAL { ?o <x:w> ?m FILTER(?m > 1) } }"
    out = lateral_optionals(text)
    assert "LATERAL { OPTIONAL { ?o <x:y>/<x:z> ?n } }" in out
    assert "OPTIONAL { ?o <x:w> ?m FILTER(?m > 1) } }" in out and out.count("LATERAL") == 1
    plain = text.replace(PRAGMA, "")
    assert lateral_optionals(plain) == plain
    commented = PRAGMA + "SELECT * { ?s ?p ?o # OPTIONAL { ?o ?q ?r }\n }"
    assert lateral_optionals(commented) == commented


def test_rewritten_optional_gives_the_rows_of_the_left_join(tmp_path):
    graph = Graph().parse(data=DATA, format="turtle")
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    reference = run_sparql(QUERY.replace(PRAGMA, ""), graph=graph, engine="rdflib")
    fast = run_sparql(QUERY, graph=path, engine="oxigraph", timeout=None)
    assert fast.rows == reference.rows
    assert len(fast) == 4   # b twice (two labels), c and the literal without one


def test_variables_after_the_pragma_narrow_it_to_the_optionals_that_mention_them():
    text = ("#@ oxigraph: lateral-optionals ?heading\n"
            "SELECT * { ?p ?q ?r OPTIONAL { ?p <x:h> ?heading } OPTIONAL { ?p <x:h> ?headings }"
            " OPTIONAL { ?n <x:y> ?y } OPTIONAL { ?p <x:w> ?heading FILTER(?heading != 1) } }")
    out = lateral_optionals(text)
    assert "LATERAL { OPTIONAL { ?p <x:h> ?heading } }" in out
    assert out.count("LATERAL") == 1   # not ?headings, not ?y, not the one with a FILTER
    everything = lateral_optionals(text.replace(" ?heading\n", "\n", 1))
    assert everything.count("LATERAL") == 3


def test_a_narrowed_rewrite_gives_the_rows_of_the_left_join(tmp_path):
    graph = Graph().parse(data=DATA, format="turtle")
    path = tmp_path / "g.ttl"
    graph.serialize(path, format="turtle")
    query = QUERY.replace(PRAGMA, "#@ oxigraph: lateral-optionals ?name\n")
    assert "LATERAL" in lateral_optionals(query)
    reference = run_sparql(QUERY.replace(PRAGMA, ""), graph=graph, engine="rdflib")
    assert run_sparql(query, graph=path, engine="oxigraph", timeout=None).rows == reference.rows
