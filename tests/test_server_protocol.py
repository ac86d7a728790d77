"""The SPARQL 1.1 Protocol endpoint of ``idmkg serve``, queried over real HTTP on 127.0.0.1:
SPARQLWrapper for every canned query (the same answers as embedded), plain requests for every
content type, updates and federation refused, the time and row limits, health, VoID, the
service description, access log, graceful shutdown and the swap to a rebuilt graph."""
from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef

from idmkg.queries import get_query, load_catalogue, run_query
from idmkg.results import from_sparql_json

from tests.helpers import RunningServer, one_line_error

SELECT_THEMES = "SELECT ?t WHERE { ?t a idm:Theme } ORDER BY ?t"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
            timeout: float = 30):
    """(status, headers, body) of one HTTP request, errors included."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(server, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return request(f"{server.url}/sparql?{qs}", headers={"Accept": accept} if accept else {})


def example_params(name: str) -> dict:
    return {p.name: p.example for p in get_query(name).params}


# ---------------------------------------------------------------------------
# the canned queries, through SPARQLWrapper
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_canned_query_answers_the_same_served_and_embedded(server, built_ttl, name):
    settings = [example_params(name), {}] if get_query(name).params else [{}]
    for params in settings:
        if any(p.required and p.name not in params for p in get_query(name).params):
            continue
        here = run_query(name, params, graph=built_ttl)
        there = run_query(name, params, endpoint=f"{server.url}/sparql")   # SPARQLWrapper, JSON
        assert there.vars == here.vars
        assert sorted(there.key(canonical=True)) == sorted(here.key(canonical=True)), (name, params)
        if not name.startswith("lineage-"):
            assert there.key(canonical=True) == here.key(canonical=True), (name, params)   # same order


def test_sparqlwrapper_select_with_xml_csv_and_tsv(server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    wrapper = SPARQLWrapper(f"{server.url}/sparql")
    wrapper.setQuery("PREFIX idm: <https://w3id.org/idmkg/ontology#> " + SELECT_THEMES)
    themes = None
    for fmt in (JSON, XML, CSV, TSV):
        wrapper.setReturnFormat(fmt)
        result = wrapper.query().convert()
        if fmt == JSON:
            themes = [b["t"]["value"] for b in result["results"]["bindings"]]
        elif fmt == XML:
            uris = [n.firstChild.data for n in result.getElementsByTagName("uri")]
            assert uris == themes
        else:
            text = result.decode("utf-8")
            assert len(text.strip().splitlines()) == len(themes) + 1
    assert len(themes) == 6


# ---------------------------------------------------------------------------
# content negotiation
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_results_by_accept(server, accept, media):
    status, headers, body = get(server, SELECT_THEMES, accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert "Accept" in headers["Vary"]
    rows = parse_results(body, media)
    assert len(rows) == 6 and all(r.startswith("https://w3id.org/idmkg/id/theme/") or r.startswith("<https")
                                  for r in rows)


def parse_results(body: bytes, media: str) -> list[str]:
    text = body.decode("utf-8")
    if media.endswith("json"):
        return [str(b["t"]) for b in from_sparql_json(json.loads(text)).bindings]
    if media.endswith("xml"):
        from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

        from rdflib import Variable

        return [str(b[Variable("t")]) for b in XMLResultParser().parse(io.BytesIO(body)).bindings]
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["t"]
        return [r[0] for r in rows[1:]]
    lines = text.splitlines()
    assert lines[0] == "?t"
    return lines[1:]


@pytest.mark.parametrize("fmt, media", [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                                        ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_select_results_by_format_parameter(server, fmt, media):
    status, headers, body = get(server, SELECT_THEMES, "text/turtle", format=fmt)
    assert status == 200 and headers["Content-Type"].startswith(media)
    assert len(parse_results(body, media)) == 6


@pytest.mark.parametrize("accept, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
])
@pytest.mark.parametrize("query", ["CONSTRUCT WHERE { ?t a idm:Theme ; skos:prefLabel ?l }",
                                   "DESCRIBE <https://w3id.org/idmkg/id/theme/south-south-migration>"])
def test_construct_and_describe_as_rdf(server, accept, rdflib_format, query):
    status, headers, body = get(server, query, accept)
    assert status == 200 and headers["Content-Type"].startswith(accept), body[:200]
    g = Graph().parse(data=body, format=rdflib_format)
    assert len(g) >= (12 if query.startswith("CONSTRUCT") else 5)


def test_ask_in_json_and_xml(server):
    status, _, body = get(server, "ASK { ?t a idm:Theme }", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = get(server, "ASK { ?t a idm:Nothing }", "application/sparql-results+xml")
    assert status == 200 and b"<boolean>false</boolean>" in body


def test_a_format_no_query_form_offers_is_406(server):
    status, _, body = get(server, SELECT_THEMES, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = get(server, "CONSTRUCT WHERE { ?s a idm:Theme }", "text/csv")
    assert status == 406 and b"text/turtle" in body


# ---------------------------------------------------------------------------
# POST, and what is refused
# ---------------------------------------------------------------------------

def test_post_form_and_direct_body(server):
    form = urllib.parse.urlencode({"query": SELECT_THEMES}).encode()
    status, _, body = request(f"{server.url}/sparql", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and len(body.decode().strip().splitlines()) == 7
    status, _, body = request(f"{server.url}/sparql", data=SELECT_THEMES.encode(), headers={
        "Content-Type": "application/sparql-query; charset=utf-8", "Accept": "application/json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 6


@pytest.mark.parametrize("how", ["form", "body", "query-param", "get-update", "prefixed"])
def test_updates_are_refused(server, how):
    update = "DROP ALL"
    if how == "form":
        answer = request(f"{server.url}/sparql", data=urllib.parse.urlencode({"update": update}).encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "body":
        answer = request(f"{server.url}/sparql", data=update.encode(),
                         headers={"Content-Type": "application/sparql-update"})
    elif how == "query-param":
        answer = get(server, "INSERT DATA { <http://e/a> <http://e/b> 1 }")
    elif how == "get-update":
        answer = request(f"{server.url}/sparql?update=" + urllib.parse.quote(update))
    else:
        answer = get(server, "PREFIX ex: <http://example.org/>\nBASE <http://example.org/>\n"
                             "# a comment\nDELETE WHERE { ?s ?p ?o }")
    status, _, body = answer
    assert status == 403 and b"read-only" in body
    # and nothing was changed
    status, _, body = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?t a idm:Theme }", "text/csv")
    assert body.decode().splitlines()[1] == "6"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
])
def test_federated_queries_are_refused(server, query):
    status, _, body = get(server, query)
    assert status == 403 and b"SERVICE" in body


def test_words_that_only_look_like_keywords_are_fine(server):
    query = ('SELECT ?l WHERE { ?t skos:prefLabel ?l FILTER(!CONTAINS(?l, "SERVICE DROP ALL")) } '
             '# SERVICE <http://example.org/>')
    status, _, body = get(server, query, "application/json")
    assert status == 200, body


@pytest.mark.parametrize("query, needle", [
    ("SELECT * WHERE { ?s ?p ", b"malformed SPARQL query: error at 1:"),
    ("SELEKT * WHERE { ?s ?p ?o }", b"malformed SPARQL query"),
    ("SELECT * WHERE { ?s nope:p ?o }", b"malformed SPARQL query"),
])
def test_malformed_queries_are_400_with_position(server, query, needle):
    status, _, body = get(server, query)
    assert status == 400 and needle in body
    assert len(body.decode().strip().splitlines()) == 1


def test_bad_requests(server):
    status, _, body = request(f"{server.url}/sparql", data=b"query=x", headers={"Content-Type": "text/plain"})
    assert status == 415 and b"application/sparql-query" in body
    qs = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    status, _, body = request(f"{server.url}/sparql?{qs}")
    assert status == 400 and b"more than one" in body
    status, _, body = request(f"{server.url}/sparql", data=("SELECT * WHERE { ?s ?p \"" + "x" * 1_100_000 + "\" }").encode(),
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _, body = request(f"{server.url}/sparql", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and b"UTF-8" in body
    status, _, _ = request(f"{server.url}/sparql", method="PUT", data=b"x")
    assert status == 405


def test_dataset_chosen_by_default_and_named_graph_uri(server):
    note = "https://w3id.org/idmkg/graph/note/IC-2010-5"
    status, _, body = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv", **{"default-graph-uri": note})
    in_note = int(body.decode().splitlines()[1])
    status, _, body = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
    everything = int(body.decode().splitlines()[1])
    assert 0 < in_note < everything
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"absolute IRI" in body


# ---------------------------------------------------------------------------
# limits
# ---------------------------------------------------------------------------

def test_row_limit_ends_a_huge_result_with_a_clear_error(server):
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"more than 10,000 results" in body and b"LIMIT" in body
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 10000", "text/csv")
    assert status == 200 and len(list(csv.reader(io.StringIO(body.decode("utf-8"))))) == 10_001


def test_time_limit_stops_an_expensive_query_while_others_are_served(server):
    outcome = {}

    def expensive():
        started = time.monotonic()
        outcome["answer"] = get(server, EXPENSIVE)
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=expensive)
    worker.start()
    time.sleep(0.3)
    served = 0
    while worker.is_alive():
        status, _, _ = get(server, SELECT_THEMES, "text/csv")
        assert status == 200
        served += 1
    worker.join()
    status, _, body = outcome["answer"]
    assert status == 503 and b"time limit" in body and b"2 s" in body
    assert 1.9 <= outcome["seconds"] < 10
    assert served >= 3
    # the worker that was stopped has been replaced: the pool is whole again
    deadline = time.monotonic() + 20
    while json.loads(request(f"{server.url}/health")[2])["busy"] != 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    status, _, _ = get(server, SELECT_THEMES)
    assert status == 200


# ---------------------------------------------------------------------------
# service description, health, VoID, log
# ---------------------------------------------------------------------------

def test_service_description(server):
    status, headers, body = request(f"{server.url}/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = f"<{server.url}/sparql>"
    assert g.query(f"ASK {{ {endpoint} a <{sd}Service> ; <{sd}endpoint> {endpoint} ; "
                   f"<{sd}supportedLanguage> <{sd}SPARQL11Query> ; <{sd}feature> <{sd}UnionDefaultGraph> }}").askAnswer
    assert not g.query(f"ASK {{ ?s <{sd}feature> <{sd}BasicFederatedQuery> }}").askAnswer


def test_health_and_void(server, built):
    status, headers, body = request(f"{server.url}/health")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["triples"] == len(built.complete())
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        status, headers, body = request(f"{server.url}/.well-known/void", headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept)
        g = Graph().parse(data=body, format=fmt)
        assert g.query(f"ASK {{ ?d a <http://rdfs.org/ns/void#Dataset> ; "
                       f"<http://rdfs.org/ns/void#sparqlEndpoint> <{server.url}/sparql> }}").askAnswer
        # one subset per named graph of the file; the default graph is only their merge
        subsets = {str(o) for o in g.objects(None, URIRef("http://rdfs.org/ns/void#subset"))}
        assert "https://w3id.org/idmkg/graph/note/IC-2010-5" in subsets
        assert not any(s.endswith("graph/default") for s in subsets)


def test_access_log_has_one_line_per_request(server):
    marker = "access-log-marker-12345"
    get(server, f"ASK {{ ?s ?p \"{marker}\" }}")
    time.sleep(0.2)
    lines = [ln for ln in server.log.read_text().splitlines() if marker in ln]
    assert len(lines) == 1 and '"GET /sparql?query=' in lines[0] and " 200 " in lines[0] and lines[0].endswith("ms")


# ---------------------------------------------------------------------------
# shutdown and rebuilds
# ---------------------------------------------------------------------------

def test_graceful_shutdown_finishes_the_request_in_flight(built_trig, tmp_path):
    running = RunningServer(built_trig, tmp_path / "serve.log", "--timeout", "3", "--workers", "1",
                            "--reload-interval", "0")
    outcome = {}
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(?c = ?f) }"
    thread = threading.Thread(target=lambda: outcome.setdefault("answer", get(running, slow, "text/csv")))
    thread.start()
    time.sleep(0.3)
    code = running.stop(signal.SIGTERM)
    thread.join(30)
    assert code == 0
    status, _, body = outcome["answer"]
    assert status in (200, 503), body   # finished or stopped at the time limit, never cut off
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log and "stopping the query workers" in log and log.rstrip().endswith("stopped")


def test_a_rebuilt_graph_is_swapped_in_whole(built_trig, tmp_path):
    served = tmp_path / "idmkg.trig"
    shutil.copy(built_trig, served)
    running = RunningServer(served, tmp_path / "serve.log", "--reload-interval", "0.2", "--workers", "1")
    try:
        before = json.loads(request(f"{running.url}/health")[2])
        extra = "<https://w3id.org/idmkg/id/theme/a-new-theme> a <https://w3id.org/idmkg/ontology#Theme> .\n"
        staging = tmp_path / "staging.trig"
        staging.write_text(served.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
        staging.replace(served)   # what the build does: atomic rename
        answers = set()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status, _, body = get(running, "SELECT (COUNT(*) AS ?n) WHERE { ?t a idm:Theme }", "text/csv")
            assert status == 200   # served throughout, old graph or new, never an error
            answers.add(body.decode().splitlines()[1])
            if "7" in answers:
                break
            time.sleep(0.1)
        assert answers <= {"6", "7"} and "7" in answers
        after = json.loads(request(f"{running.url}/health")[2])
        assert after["version"] != before["version"] and after["triples"] == before["triples"] + 1
        assert "graph reloaded" in (tmp_path / "serve.log").read_text()
    finally:
        running.stop()


def test_serve_reports_a_missing_or_broken_graph_in_one_line(runner, tmp_path):
    from idmkg.cli import main

    result = runner.invoke(main, ["serve", "--graph", str(tmp_path / "none.trig")])
    one_line_error(result, "none.trig", "not found")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b .\n", encoding="utf-8")
    result = runner.invoke(main, ["serve", "--graph", str(bad), "--port", "0"])
    one_line_error(result, "bad.ttl")


@pytest.mark.parametrize("query", [
    "PREFIX a: <http://a/> " * 5000 + "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "PREFIX a: " + " " * 200_000 + "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "# " + "SERVICE " * 50_000 + "\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    '"' * 300_000,
    "{" * 200_000,
])
def test_pathological_query_text_is_answered_quickly(server, query):
    """Long runs of prologue, blanks, braces or quotes: the checks before evaluation are
    linear (a backtracking pattern here once took seconds per request)."""
    started = time.monotonic()
    status, _, body = request(f"{server.url}/sparql", data=query.encode(),
                              headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status in (200, 400), body[:200]
    assert time.monotonic() - started < 2.5   # the time limit; the checks must not eat it
