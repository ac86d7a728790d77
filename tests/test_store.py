"""The Oxigraph engine in-process (the default for a graph file): the same rows as rdflib's
engine for every catalogue query, on Turtle and on TriG (whose named graphs share triples:
the merge must not count them twice), with the same refusals."""
from __future__ import annotations

import pytest

from idmkg.engine import QueryTimeout
from idmkg.errors import QueryError
from idmkg.queries import get_query, load_catalogue, run_query, run_sparql


def settings(name: str) -> list[dict]:
    params = get_query(name).params
    out = [{p.name: p.example for p in params}]
    if params and not any(p.required for p in params):
        out.append({})
    return out


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_catalogue_query_gives_the_same_rows_on_both_engines(built_ttl, built_trig, name):
    for params in settings(name):
        reference = run_query(name, params, graph=built_ttl, engine="rdflib")
        for graph in (built_ttl, built_trig):
            fast = run_query(name, params, graph=graph)
            assert fast.vars == reference.vars
            if name.startswith("lineage-"):   # read by code that orders them itself: compared as sets
                assert sorted(fast.key(canonical=True)) == sorted(reference.key(canonical=True)), (name, graph.suffix)
            else:                              # the catalogue's queries order their rows totally
                assert fast.key(canonical=True) == reference.key(canonical=True), (name, params, graph.suffix)


def test_the_merged_default_graph_counts_a_shared_triple_once(built_trig, built_ttl):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_sparql(count, graph=built_trig).rows == run_sparql(count, graph=built_ttl).rows
    named = run_sparql("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", graph=built_trig)
    assert named.rows[0]["n"] >= 8   # five notes, derived, inferred, ontology


def test_refusals_match_the_rdflib_engine(built_trig):
    with pytest.raises(QueryError, match="SERVICE <http://127.0.0.1:9/sparql>"):
        run_sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", graph=built_trig)
    with pytest.raises(QueryError, match="FROM <file:///etc/passwd> refused"):
        run_sparql("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", graph=built_trig)
    rows = run_sparql("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/idmkg/graph/note/IC-2010-5> "
                      "WHERE { ?s ?p ?o }", graph=built_trig).rows
    assert rows[0]["n"] > 100   # a graph of the file itself may be named
    with pytest.raises(QueryError, match="malformed SPARQL query"):
        run_sparql("SELECT * WHERE { ?s ?p }", graph=built_trig)
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_sparql("CONSTRUCT WHERE { ?s ?p ?o }", graph=built_trig)


def test_the_time_limit_stops_a_runaway_query(built_ttl):
    with pytest.raises(QueryTimeout, match="longer than 0.5 s"):
        run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", graph=built_ttl, timeout=0.5)


def test_engine_choice_is_checked(built_ttl, complete_graph):
    with pytest.raises(QueryError, match="unknown engine 'jena'"):
        run_query("documents", graph=built_ttl, engine="jena")
    with pytest.raises(QueryError, match="not on an rdflib Graph"):
        run_query("documents", graph=complete_graph, engine="oxigraph")
    assert len(run_query("documents", graph=complete_graph)) == len(run_query("documents", graph=built_ttl))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_row_limit_stops_a_huge_answer(built_ttl, engine):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    with pytest.raises(QueryError, match="more than 1,000 rows"):
        run_sparql(everything, graph=built_ttl, engine=engine, max_rows=1000)
    assert len(run_sparql(everything + " LIMIT 1000", graph=built_ttl, engine=engine, max_rows=1000)) == 1000


def test_cli_row_limit_is_one_line(runner, built_ttl):
    from idmkg.cli import main
    from tests.helpers import one_line_error

    result = runner.invoke(main, ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(built_ttl), "--max-rows", "50"])
    one_line_error(result, "more than 50 rows", "--max-rows")
