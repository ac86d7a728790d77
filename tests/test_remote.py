"""Remote SPARQL 1.1 endpoints: a real Oxigraph server on 127.0.0.1, started and stopped by
the fixtures, the graph published to it with ``idmkg publish``, every catalogue query run in
process and remotely with the same answers; and endpoints that are down, slow or answer
garbage give one clear error line."""
from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from idmkg import catalogue_graph, publish, run_query, run_sparql
from idmkg.cli import main
from idmkg.errors import EndpointError, QueryError
from idmkg.queries import get_query, load_catalogue, load_graph

OWN = {"annual-themes", "proposed-themes", "carried-forward", "workshops", "workshop-attendance", "documents",
       "meetings", "concept-timeline", "paragraphs-about", "provenance", "title-variants", "cross-references"}
INJECTIONS = ['"', "'", "}", "} ; DROP ALL ; {", '") } UNION { ?s ?p ?o } #', "\n} ; CLEAR DEFAULT ;\n",
              "\\", "\\u0022 } ;", "<http://example.org/x> } ; DROP ALL", "移民 🌍 ‘x’"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("the oxigraph server binary is not installed (pip install -e '.[test]' installs it)")
    return found


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A fresh Oxigraph server (``oxigraph serve``) on a free port of 127.0.0.1; its base URL."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    log = (location.parent / f"oxigraph-{port}.log").open("wb")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2) as response:
                    response.read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start on port {port}: see {log.name}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def published(oxigraph, built_ttl):
    """The session build published to the server with ``idmkg publish`` (data + catalogue)."""
    result = CliRunner().invoke(main, ["publish", "--endpoint", f"{oxigraph}/store", "--graph", str(built_ttl),
                                       "--sparql-url", f"{oxigraph}/query"])
    assert result.exit_code == 0, result.output
    assert "published" in result.stdout
    local = Graph()
    for triple in load_graph(built_ttl):
        local.add(triple)
    local += catalogue_graph(endpoint=f"{oxigraph}/query")
    return f"{oxigraph}/query", local


def example_params(name: str) -> dict:
    return {p.name: p.example for p in get_query(name).params}


def test_publish_loaded_every_triple(published):
    endpoint, local = published
    remote = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=endpoint)
    assert remote.rows == [{"n": len(local)}]
    described = run_sparql("SELECT ?q WHERE { ?q a <http://www.w3.org/ns/shacl#SPARQLSelectExecutable> ; "
                           "rdfs:label 'workshops' }", endpoint=endpoint)
    assert described.column("q") == ["https://w3id.org/idmkg/query/workshops"]


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_catalogue_query_gives_the_same_answers_embedded_and_remote(published, name):
    endpoint, local = published
    settings = [example_params(name)]
    if any(not p.required for p in get_query(name).params):
        settings.append({p.name: p.example for p in get_query(name).params if p.required})
    for params in settings:
        here = run_query(name, params, graph=local)
        there = run_query(name, params, endpoint=endpoint)
        assert there.vars == here.vars
        # Oxigraph keeps xsd:positiveInteger & co. as xsd:integer: compare canonically. The
        # catalogue's own queries order their rows totally, so the order must agree too;
        # other queries in queries/ are compared as multisets.
        if name in OWN:
            assert there.key(canonical=True) == here.key(canonical=True), (name, params)
        else:
            assert sorted(there.key(canonical=True)) == sorted(here.key(canonical=True)), (name, params)
        assert len(here) > 0 or name.startswith("lineage"), (name, params)


def test_cli_query_on_the_endpoint(published, built_ttl):
    endpoint, _ = published
    runner = CliRunner()
    remote = runner.invoke(main, ["query", "carried-forward", "-p", "kind=theme", "--endpoint", endpoint, "-f", "csv"])
    local = runner.invoke(main, ["query", "carried-forward", "-p", "kind=theme", "--graph", str(built_ttl), "-f", "csv"])
    assert remote.exit_code == 0 and remote.stdout == local.stdout
    assert "South-South Migration" in remote.stdout
    asked = runner.invoke(main, ["sparql", "ASK { ?y idm:overarchingTheme ?t }", "--endpoint", endpoint, "-f", "json"])
    assert json.loads(asked.stdout) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_plain_values_remotely(published, value):
    endpoint, local = published
    for name, param in (("provenance", "entity"), ("paragraphs-about", "concept"), ("concept-timeline", "concept")):
        assert len(run_query(name, {param: value}, endpoint=endpoint)) == 0
    count = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=endpoint)
    assert count.rows == [{"n": len(local)}], "the store was changed"


def test_publish_by_sparql_update_into_a_named_graph(oxigraph):
    g = Graph()
    g.parse(data='<http://example.org/a> <http://example.org/p> "x" , "y" .', format="turtle")
    done = publish(f"{oxigraph}/update", g, protocol="update", graph_iri="http://example.org/g")
    assert done.triples == 2
    ask = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g> { ?s ?p ?o } }"
    assert run_sparql(ask, endpoint=f"{oxigraph}/query").rows == [{"n": 2}]
    publish(f"{oxigraph}/update", g, protocol="update", graph_iri="http://example.org/g")   # replaces
    assert run_sparql(ask, endpoint=f"{oxigraph}/query").rows == [{"n": 2}]
    publish(f"{oxigraph}/store", g, graph_iri="http://example.org/g2", replace=False)
    publish(f"{oxigraph}/store", Graph().parse(data="<http://e/b> <http://e/p> 1 .", format="turtle"),
            graph_iri="http://example.org/g2", replace=False)
    n2 = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/g2> { ?s ?p ?o } }"
    assert run_sparql(n2, endpoint=f"{oxigraph}/query").rows == [{"n": 3}]


def test_remote_errors_from_a_real_server(oxigraph):
    with pytest.raises(EndpointError, match="rejected the query as malformed"):
        run_sparql("SELECT ?x WHERE { ?x ?p }", endpoint=f"{oxigraph}/query")
    with pytest.raises(QueryError, match="only SELECT and ASK"):
        run_sparql("DROP ALL", endpoint=f"{oxigraph}/query")
    with pytest.raises(EndpointError, match=r"refused the PUT \(HTTP 4\d\d\)"):
        publish(f"{oxigraph}/nothing-here", Graph().parse(data="<http://e/a> <http://e/p> 1 .", format="turtle"))


# ---------------------------------------------------------------------------
# endpoints that are down, slow, or answer garbage
# ---------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    behaviour = "garbage"

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        kind = self.server.behaviour
        if kind == "slow":
            time.sleep(3)
        if kind == "error":
            body, status, ctype = b"internal trouble\nstack trace", 500, "text/plain"
        elif kind == "not-sparql":
            body, status, ctype = json.dumps({"hello": "world"}).encode(), 200, "application/json"
        else:
            body, status, ctype = b"<html><body>Welcome to nginx!</body></html>", 200, "text/html"
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass

    do_PUT = do_POST


@pytest.fixture
def fake_endpoint():
    servers = []

    def start(behaviour: str) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.behaviour = behaviour
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("behaviour, message", [
    ("garbage", "answered text/html, not SPARQL JSON results"),
    ("not-sparql", "answered JSON that is not SPARQL results"),
    ("error", r"failed \(HTTP 500\): internal trouble"),
    ("slow", "did not answer within 0.5 s"),
])
def test_bad_endpoints_are_one_clear_error(fake_endpoint, behaviour, message):
    url = fake_endpoint(behaviour)
    with pytest.raises(EndpointError, match=message):
        run_query("annual-themes", endpoint=url, timeout=0.5)
    result = CliRunner().invoke(main, ["query", "annual-themes", "--endpoint", url, "--timeout", "0.5"])
    assert result.exit_code == 1
    assert result.stderr.startswith("idmkg: error: ") and result.stderr.count("\n") == 1


def test_an_endpoint_that_is_down(fake_endpoint):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="connection refused"):
        run_query("documents", endpoint=url)
    with pytest.raises(EndpointError, match="connection refused"):
        publish(url, Graph().parse(data="<http://e/a> <http://e/p> 1 .", format="turtle"))
    result = CliRunner().invoke(main, ["sparql", "ASK {}", "--endpoint", url])
    assert result.exit_code == 1 and "connection refused" in result.stderr
    with pytest.raises(EndpointError, match="not an http"):
        run_query("documents", endpoint="ftp://example.org/sparql")
    slow = fake_endpoint("slow")
    with pytest.raises(EndpointError, match="did not answer within"):
        publish(slow, Graph().parse(data="<http://e/a> <http://e/p> 1 .", format="turtle"), timeout=0.5)


def test_a_literal_value_reaches_the_endpoint_unchanged(published):
    endpoint, _ = published
    from idmkg.queries import with_values

    for value in INJECTIONS:
        text = with_values("SELECT ?_v WHERE { }", {"_v": Literal(value)})
        assert run_sparql(text, endpoint=endpoint).column("_v") == [value]


# ---------------------------------------------------------------------------
# bounded retries, answers cut short, publication through a staging graph
# ---------------------------------------------------------------------------

RESULTS = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}})


class _Scripted(http.server.BaseHTTPRequestHandler):
    """Answers each request by the next step of ``server.script`` (the last step repeats):
    ``"ok"``, an HTTP status (``503``), ``"reset"`` (close without answering),
    ``"short"`` (Content-Length larger than the body), ``"cut-json"`` (JSON ending midway),
    ``"html"``. Records ``(method, path, body)`` in ``server.seen``."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8", "replace")
        server = self.server
        server.seen.append((self.command, self.path, body))
        step = server.script[min(len(server.seen) - 1, len(server.script) - 1)]
        if step == "reset":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        status, ctype, data, length = 200, "application/sparql-results+json", RESULTS.encode(), None
        if isinstance(step, int):
            status, ctype, data = step, "text/plain", f"status {step}\n".encode()
        elif step == "short":
            length = len(data) + 500
        elif step == "cut-json":
            data = data[: len(data) // 2]
        elif step == "html":
            ctype, data = "text/html", b"<html><body>Bad gateway, try later</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length or len(data)))
        self.end_headers()
        self.wfile.write(data)
        if step == "short":
            self.close_connection = True

    do_PUT = do_POST
    do_DELETE = do_POST


@pytest.fixture
def scripted():
    servers = []

    def start(*script):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
        server.script, server.seen = list(script), []
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql", server.seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("failure", [502, 503, 504, "reset"])
def test_transient_failures_are_retried(scripted, failure):
    url, seen = scripted(failure, failure, "ok")
    assert run_sparql("SELECT ?x WHERE { ?x ?p ?o }", endpoint=url).rows == [{"x": "ok"}]
    assert len(seen) == 3


@pytest.mark.parametrize("failure, message", [(503, "answered HTTP 503"), ("reset", "cannot reach")])
def test_retries_are_bounded_and_counted(scripted, failure, message):
    url, seen = scripted(failure)
    started = time.monotonic()
    with pytest.raises(EndpointError) as info:
        run_sparql("ASK { ?s ?p ?o }", endpoint=url)
    assert message in str(info.value) and str(info.value).endswith("(3 attempts)"), str(info.value)
    assert len(seen) == 3 and time.monotonic() - started < 5


def test_retries_stay_within_the_timeout(scripted):
    url, seen = scripted(503)
    started = time.monotonic()
    with pytest.raises(EndpointError, match="answered HTTP 503"):
        run_sparql("ASK { ?s ?p ?o }", endpoint=url, timeout=0.5)
    assert time.monotonic() - started < 1.5 and len(seen) <= 2


def test_a_refused_connection_is_retried_then_one_error():
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(EndpointError, match=r"connection refused .*\(3 attempts\)"):
        run_sparql("ASK { ?s ?p ?o }", endpoint=url)


@pytest.mark.parametrize("failure, message", [
    (400, "rejected the query as malformed"),
    (500, r"failed \(HTTP 500\)"),
    (429, "answered HTTP 429"),
    ("html", "answered text/html, not SPARQL JSON results"),
    ("short", "the answer was cut short"),
    ("cut-json", r"the answer was cut short \(its JSON ends unfinished after \d+ bytes\)"),
])
def test_other_failures_are_not_retried(scripted, failure, message):
    url, seen = scripted(failure)
    with pytest.raises(EndpointError, match=message):
        run_sparql("SELECT ?x WHERE { ?x ?p ?o }", endpoint=url)
    assert len(seen) == 1
    result = CliRunner().invoke(main, ["sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", url])
    assert result.exit_code == 1 and result.stderr.startswith("idmkg: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def _two_triples() -> Graph:
    return Graph().parse(data='<http://example.org/a> <http://example.org/p> "x" , "y" .', format="turtle")


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_publish_stages_then_swaps(scripted, protocol):
    url, seen = scripted("ok")
    done = publish(url, _two_triples(), protocol=protocol, graph_iri="http://example.org/g")
    assert done.staging.startswith("urn:idmkg:staging:") and done.warnings == []
    if protocol == "gsp":
        assert [(m, urllib.parse.unquote(p.split("graph=")[-1])) for m, p, _ in seen] == [
            ("PUT", done.staging), ("PUT", "http://example.org/g"), ("DELETE", done.staging)]
    else:
        assert len(seen) == 2 and f"GRAPH <{done.staging}>" in seen[0][2] and "INSERT DATA" in seen[0][2]
        assert seen[1][2] == f"MOVE GRAPH <{done.staging}> TO GRAPH <http://example.org/g>"


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_failed_staging_load_leaves_the_target_alone_and_says_so(scripted, protocol):
    url, seen = scripted(503, "ok")
    with pytest.raises(EndpointError, match=r"HTTP 503.*nothing published: graph <http://example.org/g> was not "
                                            r"changed\)$"):
        publish(url, _two_triples(), protocol=protocol, graph_iri="http://example.org/g")
    assert all("http%3A%2F%2Fexample.org%2Fg" not in p and "<http://example.org/g>" not in b for _, p, b in seen)


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_failed_swap_says_what_the_store_holds(scripted, protocol):
    url, seen = scripted("ok", 500, "ok")
    with pytest.raises(EndpointError) as info:
        publish(url, _two_triples(), protocol=protocol)
    message = str(info.value)
    assert "the 2 triples were loaded into a staging graph, but moving them into the default graph failed" in message
    assert "the staged copy was removed" in message and "\n" not in message


def test_publish_to_oxigraph_leaves_no_staging_graph(oxigraph):
    query = f"{oxigraph}/query"
    for protocol, endpoint in (("gsp", f"{oxigraph}/store"), ("update", f"{oxigraph}/update")):
        for graph_iri in ("http://example.org/staged", None):
            publish(endpoint, _two_triples(), protocol=protocol, graph_iri=graph_iri)
            publish(endpoint, _two_triples(), protocol=protocol, graph_iri=graph_iri, replace=False)
    named = run_sparql("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", endpoint=query).column("g")
    assert not [g for g in named if str(g).startswith("urn:idmkg:staging:")], named
    n = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/staged> { ?s ?p ?o } }"
    assert run_sparql(n, endpoint=query).rows == [{"n": 2}]
