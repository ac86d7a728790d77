"""The answer of a query worker to the library (a term table: each distinct term once, rows
as indexes) gives exactly the terms the SPARQL JSON document gave before it: every kind of
term, unbound values, no variables, ASK; through the worker process and in-process, on a
small graph of awkward terms and on every catalogue query over the five notes."""
from __future__ import annotations

import json

import pytest
from rdflib import BNode, Literal, URIRef

from idmkg.queries import load_catalogue, run_sparql, with_prefixes, with_values
from idmkg.results import from_sparql_json, from_term_table
from idmkg.server.workers import TERMS, Job, evaluate
from idmkg.store import load_store

AWKWARD = r'''
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "plain" , "" , "English"@en , "Deutsch"@de-DE , "line\nbreak \"quoted\" \\ tab\t" ,
          "naïve — ✓ 𝄞" , "2009-07-09"^^xsd:date , "42"^^xsd:integer , "7"^^xsd:nonNegativeInteger ,
          "1.50"^^xsd:decimal , "2009"^^xsd:gYear , "true"^^xsd:boolean , "x"^^ex:custom ,
          "not a number"^^xsd:integer , ex:b , [ ex:q "in a blank node" ] .
ex:b ex:p ex:a .
'''
QUERIES = [
    "SELECT ?s ?p ?o ?extra WHERE { ?s ?p ?o OPTIONAL { ?o <http://example.org/none> ?extra } } "
    "ORDER BY ?s ?p STR(?o) LANG(?o) STR(DATATYPE(?o))",
    "SELECT ?o (COUNT(*) AS ?n) (STRLEN(STR(?o)) AS ?len) WHERE { ?s ?p ?o } GROUP BY ?o ORDER BY STR(?o)",
    "SELECT * WHERE { }",
    "SELECT * WHERE { ?s <http://example.org/nothing> ?o }",
    "ASK { ?s ?p \"English\"@en }",
    "ASK { ?s ?p \"Welsh\"@cy }",
]


def the_json_way(store, text: str):
    """What the worker answered before the term table: SPARQL JSON, read back."""
    outcome = evaluate(store, Job(text, "application/sparql-results+json", None, 10_000), "http://example.org/")
    assert outcome.status == "ok", outcome.message
    return from_sparql_json(json.loads(outcome.body), "the query")


def the_table_way(store, text: str):
    outcome = evaluate(store, Job(text, TERMS, None, 10_000), "http://example.org/")
    assert (outcome.status, outcome.media) == ("ok", TERMS), outcome.message
    return outcome, from_term_table(outcome.table)


def same(a, b, loaded_twice: bool = False) -> None:
    """Same variables, rows, order, and terms of the same class, text, datatype and language
    (blank nodes of two loads of a file: only the class)."""
    assert (a.vars, a.boolean, len(a.bindings)) == (b.vars, b.boolean, len(b.bindings))
    for left, right in zip(a.bindings, b.bindings):
        assert left.keys() == right.keys()
        for var in left:
            x, y = left[var], right[var]
            if loaded_twice and isinstance(x, BNode):
                assert isinstance(y, BNode), var
                continue
            assert (type(x), str(x)) == (type(y), str(y)), var
            if isinstance(x, Literal):
                assert (x.datatype, x.language, x.value) == (y.datatype, y.language, y.value), var
    if not loaded_twice:
        assert a.key() == b.key()
        assert a.rows == b.rows


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    path = tmp_path_factory.mktemp("terms") / "awkward.ttl"
    path.write_text(AWKWARD, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", QUERIES)
def test_the_term_table_reads_as_the_json_document_did(awkward, text):
    store = load_store(awkward)
    _, table = the_table_way(store, text)
    same(table, the_json_way(store, text))


def test_the_awkward_graph_has_every_kind_of_term(awkward):
    """The comparison above covers IRIs, blank nodes, plain, language-tagged and typed
    literals, ill-typed ones and unbound variables."""
    store = load_store(awkward)
    _, res = the_table_way(store, QUERIES[0])
    objects = [b["o"] for b in res.bindings]
    assert any(isinstance(o, BNode) for o in objects) and any(isinstance(o, URIRef) for o in objects)
    assert {o.language for o in objects if isinstance(o, Literal)} >= {"en", "de-de", None}
    assert {str(o.datatype) for o in objects if isinstance(o, Literal) and o.datatype} >= {
        "http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#integer",
        "http://example.org/custom"}
    assert all("extra" not in b for b in res.bindings)   # unbound everywhere
    assert len(the_table_way(store, QUERIES[2])[1]) == 1  # one solution of no variables


def test_each_distinct_term_is_sent_once(awkward):
    store = load_store(awkward)
    outcome, res = the_table_way(store, "SELECT ?s ?p WHERE { ?s ?p ?o }")
    names, terms, flat, count = outcome.table
    assert count == len(res) == 18 and len(flat) == 2 * count
    assert len(terms) == len(set(terms)) == 5   # ex:a, ex:b, the blank node; ex:p, ex:q
    first, second = [b["p"] for b in res.bindings if b["p"] == URIRef("http://example.org/p")][:2]
    assert first is second   # one rdflib term, shared by the rows


def test_through_the_worker_process(awkward):
    """run_sparql on a file (the time-limited default) goes through a worker process: the
    same answer as in-process."""
    store = load_store(awkward)
    for text in QUERIES:
        same(run_sparql(text, graph=awkward), the_json_way(store, text), loaded_twice=True)


def test_the_row_limit_is_counted_in_the_worker(awkward):
    from idmkg.errors import QueryError

    with pytest.raises(QueryError, match="more than 5 rows"):
        run_sparql("SELECT * WHERE { ?s ?p ?o }", graph=awkward, max_rows=5)
    assert len(run_sparql("SELECT * WHERE { ?s ?p ?o } LIMIT 5", graph=awkward, max_rows=5)) == 5


@pytest.fixture(scope="module")
def five_notes(built_ttl):
    return load_store(built_ttl)


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_catalogue_query_reads_the_same_either_way(five_notes, name):
    store = five_notes
    query = load_catalogue()[name]
    text = with_prefixes(with_values(query.body, query.bind({p.name: p.example for p in query.params})))
    _, table = the_table_way(store, text)
    assert len(table) > 0
    same(table, the_json_way(store, text))


@pytest.mark.parametrize("text", [q for q in QUERIES if not q.startswith("ASK")])
def test_rows_made_from_the_table_equal_rows_made_from_the_bindings(awkward, text):
    """``TableResults.rows`` converts each distinct term once; the same rows, in the same
    order, as Results built from the same bindings convert them cell by cell."""
    from idmkg.results import Results

    store = load_store(awkward)
    _, res = the_table_way(store, text)
    eager = Results(res.vars, res.bindings)
    assert res.rows == eager.rows
    assert list(res) == list(eager)
    assert [res.column(v) for v in res.vars] == [eager.column(v) for v in eager.vars]


def test_counting_the_rows_makes_no_terms(awkward):
    """A caller that only counts the rows does not pay for rdflib terms; the bindings are made
    on first use, once, and the rows read them right after."""
    store = load_store(awkward)
    _, res = the_table_way(store, QUERIES[0])
    assert len(res) == 18
    assert "bindings" not in vars(res)
    first = res.bindings
    assert res.bindings is first and len(first) == 18
    same(res, the_json_way(store, QUERIES[0]))


# ---- .rows straight from the plain data: IRIs, blank nodes and text without rdflib terms

PLAIN = [("u", "http://example.org/a"), ("b", "b0"), ("l", ""), ("l", "plain \"text\"\n"),
         ("l", "English", "en"), ("t", "2009-07-09", "http://www.w3.org/2001/XMLSchema#date"),
         ("t", "42", "http://www.w3.org/2001/XMLSchema#integer"),
         ("t", "2009", "http://www.w3.org/2001/XMLSchema#gYear"),
         ("t", "1.5", "http://www.w3.org/2001/XMLSchema#decimal"),
         ("t", "true", "http://www.w3.org/2001/XMLSchema#boolean"),
         ("t", "not a number", "http://www.w3.org/2001/XMLSchema#integer"),
         ("t", "x", "http://example.org/custom")]


def test_each_kind_of_plain_term_reads_as_its_rdflib_term_would():
    """``TableResults.rows`` takes the text of an IRI, a blank node and a plain or
    language-tagged literal as it is, and converts a typed literal through rdflib: the
    values are those :func:`python_value` gives the rdflib term, kind by kind."""
    from idmkg.results import _term_from_plain, python_value

    width = 3
    flat = [i if i < len(PLAIN) else -1 for i in range(len(PLAIN) + 2)]   # two cells unbound
    flat += [-1] * (-len(flat) % width)
    res = from_term_table((["x", "y", "z"], PLAIN, flat, len(flat) // width))
    expected = [python_value(_term_from_plain(p)) for p in PLAIN] + [None] * (len(flat) - len(PLAIN))
    assert [row[v] for row in res.rows for v in res.vars] == expected
    assert [type(row[v]) for row in res.rows for v in res.vars] == [type(v) for v in expected]
    assert res.rows == from_term_table((["x", "y", "z"], PLAIN, flat, len(flat) // width)).rows


def test_rows_before_and_after_the_bindings_are_the_same(awkward):
    """The values are made once whichever comes first, the rows or the rdflib terms."""
    store = load_store(awkward)
    _, first = the_table_way(store, QUERIES[0])
    rows = first.rows
    assert first.bindings and first.rows == rows
    _, second = the_table_way(store, QUERIES[0])
    assert second.bindings and second.rows == rows
    assert len(rows) == 18 and all(len(row) == len(first.vars) for row in rows)
