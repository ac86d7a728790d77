"""No network and no other local files unless the user turns it on: embedded SPARQL refuses
SERVICE and FROM/FROM NAMED of graphs the data does not hold, graph files never fetch a
JSON-LD context, an external XML entity or an owl:imports. A local HTTP server counts the
requests: it must see none (and it does see them when the user allows the network, which
proves each probe would really have fetched)."""
from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from idmkg import offline, resources
from idmkg.cli import main
from idmkg.engine import run_embedded
from idmkg.errors import DataFileError, QueryError
from idmkg.graph_file import read_graph
from idmkg.queries import run_sparql

SECRET = "idmkg-secret-do-not-read"


class _Counting(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.hits.append(self.path)
        if self.path.endswith(".jsonld"):
            body, ctype = json.dumps({"@context": {"name": "http://example.org/name"}}).encode(), "application/ld+json"
        elif self.path.endswith(".ttl"):
            body, ctype = b"<http://example.org/fetched> <http://example.org/p> 1 .", "text/turtle"
        elif self.path.endswith(".dtd"):
            body, ctype = b'<!ENTITY x "fetched">', "application/xml-dtd"
        else:
            body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
            ctype = "application/sparql-results+json"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET


@pytest.fixture(scope="module")
def counting_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    server.hits = []
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def counter(counting_server):
    """A local HTTP server counting the requests it gets: (base URL, list of paths), the
    list emptied for each test."""
    counting_server.hits.clear()
    return f"http://127.0.0.1:{counting_server.server_address[1]}", counting_server.hits


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.ttl"
    path.write_text(f'<http://example.org/secret> <http://example.org/p> "{SECRET}" .\n')
    return path


def _graph():
    return Graph().parse(data="<http://example.org/a> <http://example.org/p> 1 .", format="turtle")


def _dataset():
    return Dataset(default_union=True).parse(
        data="<http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 . }", format="trig")


def _queries(url: str, secret_uri: str) -> dict[str, str]:
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "service-silent-in-exists": f"ASK {{ ?s ?p ?o FILTER EXISTS {{ SERVICE SILENT <{url}/q> {{ ?s ?p ?o }} }} }}",
        "service-in-subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/q> {{ ?s ?p ?o }} }} }} }}",
        "from": f"SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
        "from-named": f"SELECT * FROM NAMED <{url}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "from-file": f"SELECT * FROM <{secret_uri}> WHERE {{ ?s ?p ?o }}",
    }


@pytest.mark.parametrize("name", ["service", "service-silent-in-exists", "service-in-subquery", "from",
                                  "from-named", "from-file"])
@pytest.mark.parametrize("kind", ["graph", "dataset"])
def test_embedded_queries_do_not_reach_out(counter, secret_file, name, kind):
    url, hits = counter
    text = _queries(url, secret_file.as_uri())[name]
    graph = _graph() if kind == "graph" else _dataset()
    with pytest.raises(QueryError) as info:
        run_embedded(text, graph)
    message = str(info.value)
    assert "\n" not in message and "allow_network=True" in message
    assert ("SERVICE" in message) if name.startswith("service") else ("FROM" in message), message
    assert hits == []


def test_the_probes_really_fetch_when_allowed(counter, secret_file):
    """Proof that the refusals above guard real requests: allowed, rdflib makes them."""
    url, hits = counter
    queries = _queries(url, secret_file.as_uri())
    run_embedded(queries["service"], _graph(), allow_network=True)
    assert hits == ["/sparql"]
    rows = run_embedded(queries["from"], _dataset(), allow_network=True).rows
    assert hits[1:] == ["/data.ttl"] and "http://example.org/fetched" in str(rows)
    rows = run_embedded(queries["from-file"], _dataset(), allow_network=True).rows
    assert SECRET in str(rows)


def test_the_module_setting_allows_it(counter, monkeypatch):
    url, hits = counter
    monkeypatch.setattr(offline, "ALLOW_NETWORK", True)
    run_sparql(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", graph=_graph())
    assert len(hits) == 1


def test_from_a_graph_the_dataset_holds_is_fine(counter):
    ds = _dataset()
    rows = run_embedded("SELECT ?o FROM <http://example.org/g> WHERE { ?s ?p ?o }", ds).rows
    assert [int(r["o"]) for r in rows] == [1]
    named = run_embedded("SELECT ?g FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", ds).rows
    assert [str(r["g"]) for r in named] == ["http://example.org/g"]


def test_words_that_look_like_keywords_are_fine():
    g = Graph().parse(data='<http://example.org/a> <http://example.org/p> "SERVICE <http://x/> FROM <http://y/>" .',
                      format="turtle")
    rows = run_embedded('SELECT ?o WHERE { ?s ?p ?o FILTER(CONTAINS(?o, "SERVICE")) } # FROM <http://z/>', g).rows
    assert len(rows) == 1


def test_the_guard_is_a_backstop_for_any_request(counter):
    """Whatever code runs inside the guard, a request is refused and recorded."""
    import urllib.request

    url, hits = counter
    with offline.guard() as refused:
        with pytest.raises(OSError):
            urllib.request.urlopen(url + "/x", timeout=5)
    assert hits == [] and len(refused) == 1
    with urllib.request.urlopen(url + "/y", timeout=5) as answer:   # outside the guard: allowed
        answer.read()
    assert hits == ["/y"]


def test_cli_sparql_refuses_service_and_from(counter, tmp_path):
    url, hits = counter
    graph = tmp_path / "g.trig"
    graph.write_text("<http://example.org/g> { <http://example.org/a> <http://example.org/p> 1 . }\n")
    for text in (f"SELECT * WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}", f"SELECT * FROM <{url}/d.ttl> WHERE {{ ?s ?p ?o }}"):
        result = CliRunner().invoke(main, ["sparql", text, "--graph", str(graph)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("idmkg: error: ") and result.output.count("\n") == 1
        assert "Traceback" not in result.output
    assert hits == []


# ---------------------------------------------------------------------------
# graph files: JSON-LD contexts, RDF/XML entities, Turtle @base and owl:imports
# ---------------------------------------------------------------------------

def _jsonld_docs(url: str, secret_uri: str) -> dict[str, object]:
    body = {"@id": "http://example.org/a", "name": "x"}
    return {
        "remote-context": {"@context": f"{url}/ctx.jsonld", **body},
        "file-context": {"@context": secret_uri, **body},
        "context-list": {"@context": [{"x": "http://example.org/x"}, f"{url}/ctx.jsonld"], **body},
        "scoped-context": {"@context": {"name": {"@id": "http://example.org/name", "@context": f"{url}/ctx.jsonld"}},
                           **body},
        "nested-node-context": {"@context": {"k": "http://example.org/k"}, "@id": "http://example.org/a",
                                "k": {"@context": f"{url}/ctx.jsonld", "name": "y"}},
        "import": {"@context": {"@version": 1.1, "@import": f"{url}/ctx.jsonld"}, **body},
        "relative-context": {"@context": "ctx.jsonld", **body},
    }


@pytest.mark.parametrize("name", ["remote-context", "file-context", "context-list", "scoped-context",
                                  "nested-node-context", "import", "relative-context"])
def test_jsonld_contexts_are_never_fetched(counter, secret_file, tmp_path, name):
    url, hits = counter
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": {"name": "http://example.org/secret-name"}}))
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(_jsonld_docs(url, secret_file.as_uri())[name]))
    with pytest.raises(QueryError) as info:
        read_graph(path, QueryError)
    assert "JSON-LD @context" in str(info.value) and "refused" in str(info.value)
    assert hits == []


def test_a_remote_jsonld_context_really_is_fetched_when_allowed(counter, tmp_path):
    url, hits = counter
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(_jsonld_docs(url, "")["remote-context"]))
    g = read_graph(path, QueryError, allow_network=True)
    assert len(g) == 1 and hits == ["/ctx.jsonld"]


def test_inline_jsonld_is_read(tmp_path):
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps({"@context": {"name": "http://example.org/name"}, "@id": "http://example.org/a",
                                "name": "x"}))
    assert len(read_graph(path, QueryError)) == 1


def test_rdfxml_external_entities_are_not_resolved(counter, secret_file, tmp_path):
    url, hits = counter
    path = tmp_path / "doc.rdf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY local SYSTEM "{secret_file.as_uri()}">
  <!ENTITY remote SYSTEM "{url}/entity.dtd">
  <!ENTITY % param SYSTEM "{url}/param.dtd">
  %param;
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>&local;</e:p><e:q>&remote;</e:q></rdf:Description>
</rdf:RDF>
""")
    try:
        g = read_graph(path, QueryError)
        assert SECRET not in " ".join(str(o) for o in g.objects())
    except QueryError as err:   # refusing the file is as good
        assert "cannot read" in str(err)
    assert hits == []


def test_rdfxml_external_dtd_is_not_fetched(counter, tmp_path):
    url, hits = counter
    path = tmp_path / "doc.rdf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "{url}/doc.dtd">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><e:p>x</e:p></rdf:Description>
</rdf:RDF>
""")
    assert len(read_graph(path, QueryError)) == 1
    assert hits == []


@pytest.mark.parametrize("suffix", [".ttl", ".trig"])
def test_turtle_base_and_imports_fetch_nothing(counter, secret_file, tmp_path, suffix):
    url, hits = counter
    head = f"@base <{url}/> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    body = f"<onto> a owl:Ontology ; owl:imports <{url}/data.ttl> , <{secret_file.as_uri()}> .\n"
    text = head + body
    path = tmp_path / f"doc{suffix}"
    path.write_text(text if suffix == ".ttl" else head + "{\n" + body + "}\n")
    g = read_graph(path, QueryError)
    assert SECRET not in " ".join(str(o) for o in g.objects()) and "fetched" not in " ".join(map(str, g.subjects()))
    data_file = tmp_path / "data.ttl"
    data_file.write_text(text)
    assert len(resources.load_turtle(data_file)) == 3
    assert hits == []


def test_load_turtle_resolves_relative_iris_against_a_base(tmp_path):
    path = tmp_path / "c.ttl"
    path.write_text("<id/workshop/x> <http://example.org/p> 1 .\n")
    g = resources.load_turtle(path, base="https://w3id.org/idmkg/")
    assert str(next(iter(g.subjects()))) == "https://w3id.org/idmkg/id/workshop/x"
    with pytest.raises(DataFileError, match="file not found"):
        resources.load_turtle(tmp_path / "missing.ttl")
