"""The bad-input corpus: every way of feeding idmkg something wrong, in one table (CORPUS:
name -> kind, input, expected exit code and message), each run through the CLI in process
and checked for: no traceback, the exit code, the message, and no partial file left in the
output folder (its files before and after are the same; no ``.idmkg.*.tmp``).

Kinds: ``note`` (a file in a one-note corpus, ``idmkg build``), ``data`` (an ontology,
vocabulary, concept, shapes or curated-facts file replaced, ``idmkg build``), ``curation``
(hand-entered facts contradicting the notes, ``idmkg build``), ``query`` (hostile
parameters, ``idmkg query`` on a one-note graph), ``sparql`` (queries that run forever,
return millions of rows, reach out, or are malformed: ``idmkg sparql``), ``graph`` (graph
files that cannot be read), ``endpoint`` (remote endpoints and stores that fail).
"""
from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from idmkg import resources
from idmkg.cli import main
from idmkg.parse import MAX_NOTE_BYTES
from tests.test_bad_notes import BAD as BAD_NOTES, GOOD
from tests.test_remote import INJECTIONS, _Handler, _Scripted, free_port

NOTE = resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt"   # IC/2010/5, the smallest build
TTL_ERROR = ('@prefix x: <http://example.org/> .\nx:a x:b x:c .\nx:d x:e "unterminated .\n', "3:24: malformed Turtle")


@dataclass(frozen=True)
class Case:
    kind: str
    input: object          # note bytes; (resources attribute, file bytes); curated text; CLI args; ...
    code: int
    message: str           # must appear in the output
    extra: dict = field(default_factory=dict)


def _note_cases() -> dict[str, Case]:
    cases = {f"note-{name}": Case("note", data, 1, message) for name, (data, message) in BAD_NOTES.items()}
    cases.update({
        "note-utf16-bom-no-title": Case("note", "IC/2009/7\n\n1. A paragraph with no title.\n".encode("utf-16"), 1,
                                        "no title 'INTERNATIONAL DIALOGUE ON MIGRATION"),
        "note-utf16-bom-no-paragraphs": Case("note", "INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\nNothing.\n"
                                             .encode("utf-16"), 1, "no numbered paragraphs"),
        "note-50-MB": Case("note", b"INTERNATIONAL DIALOGUE ON MIGRATION 2009\n" + b"1. x\n" * (10 * 1024 * 1024),
                           1, f"the limit is {MAX_NOTE_BYTES // (1024 * 1024)} MB"),
        "note-renamed-copy": Case("note", GOOD.encode("utf-8"), 1, "same note as"),
        "note-pdf-renamed-txt": Case("note", b"%PDF-1.5\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<</Type/Catalog/Pages 2 0 R", 1,
                                     "is a PDF file"),
    })
    return cases


def _data_cases() -> dict[str, Case]:
    text, message = TTL_ERROR
    cases = {f"data-syntax-{attr.lower()}": Case("data", (attr, text.encode()), 1, message)
             for attr in ("ONTOLOGY", "VOCAB", "CONCEPTS", "SHAPES", "CURATED")}
    cases.update({
        "data-missing-ontology": Case("data", ("ONTOLOGY", None), 1, "file not found"),
        "data-binary-shapes": Case("data", ("SHAPES", bytes(range(256)) * 4), 1, "malformed Turtle"),
        "data-latin1-concepts": Case("data", ("CONCEPTS", '@prefix x: <http://e/> . x:a x:b "Soci\xe9t\xe9" .\n'
                                              .encode("latin-1")), 1, "malformed Turtle"),
        "data-curated-is-rdfxml": Case("data", ("CURATED", b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3'
                                                b'.org/1999/02/22-rdf-syntax-ns#"/>\n'), 1, "malformed Turtle"),
    })
    return cases


CURATION = {
    "curation-contradicting-status": ("<id/workshop/2010-2> idm:status idm:held .\n",
                                      "curated idm:held, but the notes say idm:planned (IC/2010/5 ¶"),
    "curation-contradicting-date": ('<id/workshop/2010-1> idm:startDate "1999-01-01"^^xsd:date .\n',
                                    'but the notes say "2010-03-09"^^xsd:date'),
    "curation-override-without-value": ("<id/workshop/2010-2> cur:overrides idm:endDate .\n",
                                        "but the file gives no idm:endDate for it"),
}
CURATED_HEAD = ("@prefix idm: <https://w3id.org/idmkg/ontology#> .\n@prefix cur: <https://w3id.org/idmkg/curation#> .\n"
                "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")


def _query_cases() -> dict[str, Case]:
    hostile = {f"query-injection-{i}": v for i, v in enumerate(INJECTIONS)}
    hostile.update({"query-iri-with-gt": "<http://example.org/a>b>", "query-curie-with-gt": "id:workshop/2010-2>",
                    "query-newlines": "a\nb\r\n} ;\nDROP ALL", "query-1-MB": "x" * 1_000_000,
                    "query-nul-and-controls": "a\x00b\x1b[31mred"})
    cases = {name: Case("query", ["query", "provenance", "-p", f"entity={value}", "--graph", "{graph}"], 0, "0 rows")
             for name, value in hostile.items()}
    cases.update({
        "query-typed-injection": Case("query", ["query", "workshops", "-p", "year=} ; DROP ALL ; {", "--graph", "{graph}",
                                                "-o", "{out}/r.csv"], 1, "is not a year (YYYY)"),
        "query-lone-surrogate": Case("query", ["query", "provenance", "-p", "entity=\udc80", "--graph", "{graph}"], 1,
                                     "not valid Unicode"),
        "query-unknown-parameter": Case("query", ["query", "workshops", "-p", "nope=1", "--graph", "{graph}"], 1,
                                        "has no parameter 'nope'"),
        "query-unknown-name": Case("query", ["query", "workshop", "--graph", "{graph}"], 1, "did you mean workshops"),
    })
    return cases


SPARQL = {
    "sparql-cartesian-forever": ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 1, "ran longer than 1 s"),
    # millions of rows stop at the row limit; set low, so that the time limit cannot come first on
    # a slow machine (nor the row limit first on a fast one, as with the default of 1,000,000)
    "sparql-millions-of-rows": ("SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }", 1,
                                "the query gives more than 1,000 rows (the row limit)", ["--max-rows", "1000"]),
    "sparql-count-forever": ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 1,
                             "ran longer than 1 s"),
    "sparql-service": ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 1,
                       "federated query refused"),
    "sparql-from-local-file": ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", 1,
                               "FROM <file:///etc/passwd> refused"),
    "sparql-malformed": ("SELECT * WHERE { ?s ?p", 1, "malformed SPARQL query"),
    "sparql-update": ("DROP ALL", 1, "malformed SPARQL query"),
    "sparql-1-MB-of-braces": ("SELECT * WHERE " + "{" * 500_000, 1, "malformed SPARQL query"),
}

GRAPHS = {
    "graph-missing": (None, "graph file not found"),
    "graph-binary-ttl": (bytes(range(256)) * 8, "cannot read the graph (turtle)"),
    "graph-truncated-trig": (b"<http://e/g> { <http://e/a> <http://e/b> ", "cannot read the graph (trig)"),
    "graph-jsonld-remote-context": (json.dumps({"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://e/a"})
                                    .encode(), "JSON-LD @context 'http://127.0.0.1:9/ctx.jsonld' refused"),
}
GRAPH_SUFFIX = {"graph-binary-ttl": ".ttl", "graph-truncated-trig": ".trig", "graph-jsonld-remote-context": ".jsonld",
                "graph-missing": ".ttl"}

ENDPOINTS = {   # script of the fake endpoint (or "down", "slow"), CLI command, expected message
    "endpoint-down": ("down", "query", "connection refused (is the server running?) (3 attempts)"),
    "endpoint-503-always": ((503,), "query", "answered HTTP 503: status 503 (3 attempts)"),
    "endpoint-500": ((500,), "query", "failed (HTTP 500)"),
    "endpoint-html": (("html",), "query", "answered text/html, not SPARQL JSON results"),
    "endpoint-cut-short": (("short",), "query", "the answer was cut short"),
    "endpoint-truncated-json": (("cut-json",), "query", "the answer was cut short (its JSON ends unfinished"),
    "endpoint-slow": ("slow", "query", "did not answer within 0.5 s"),
    "publish-staging-fails": ((500,), "publish", "nothing published: the default graph was not changed"),
    "publish-swap-fails": (("ok", 500, "ok"), "publish", "moving them into the default graph failed"),
}


def _corpus() -> dict[str, Case]:
    cases = {**_note_cases(), **_data_cases()}
    cases.update({name: Case("curation", text, 1, message) for name, (text, message) in CURATION.items()})
    cases.update(_query_cases())
    cases.update({name: Case("sparql", text, code, message, {"args": list(more)})
                  for name, (text, code, message, *more) in SPARQL.items()})
    cases.update({name: Case("graph", data, 1, message) for name, (data, message) in GRAPHS.items()})
    cases.update({name: Case("endpoint", script, 1, message, {"command": command})
                  for name, (script, command, message) in ENDPOINTS.items()})
    return cases


#: the corpus: name -> Case
CORPUS = _corpus()


def test_the_corpus_is_large_and_covers_every_kind():
    kinds = {}
    for case in CORPUS.values():
        kinds[case.kind] = kinds.get(case.kind, 0) + 1
    assert len(CORPUS) >= 40, kinds
    assert set(kinds) == {"note", "data", "curation", "query", "sparql", "graph", "endpoint"}


# ---------------------------------------------------------------------------
# running a case
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def one_note_graph(tmp_path_factory):
    """A build of one note (IC/2010/5): the graph the query and sparql cases run on."""
    from idmkg import build

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(NOTE, corpus)
    out = tmp_path_factory.mktemp("built")
    build(corpus, out)
    return out / "idmkg.ttl"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _serve(handler, configure: Callable) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    configure(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _prepare(name: str, case: Case, tmp_path: Path, monkeypatch, graph: Path, servers: list) -> list[str]:
    """Set the case up under tmp_path; the CLI arguments to run it."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    shutil.copy(NOTE, corpus)
    build = ["build", "--corpus", str(corpus), "--out", str(out)]
    if case.kind == "note":
        (corpus / f"{name}.txt").write_bytes(case.input)
        if name not in ("note-renamed-copy",):
            (corpus / NOTE.name).unlink()
        return build
    if case.kind == "data":
        attribute, data = case.input
        path = tmp_path / f"{attribute.lower()}.ttl"
        if data is not None:
            path.write_bytes(data)
        monkeypatch.setattr(resources, attribute, path)
        return build
    if case.kind == "curation":
        path = tmp_path / "curated.ttl"
        path.write_text(CURATED_HEAD + case.input, encoding="utf-8")
        monkeypatch.setattr(resources, "CURATED", path)
        return build
    if case.kind == "query":
        return [a.replace("{graph}", str(graph)).replace("{out}", str(out)) for a in case.input]
    if case.kind == "sparql":
        return ["sparql", case.input, "--graph", str(graph), "--timeout", "1", "-o", str(out / "result.csv"),
                *(a for more in case.extra["args"] for a in more)]
    if case.kind == "graph":
        path = tmp_path / f"graph{GRAPH_SUFFIX[name]}"
        if case.input is not None:
            path.write_bytes(case.input)
        return ["sparql", "ASK { ?s ?p ?o }", "--graph", str(path), "-o", str(out / "result.csv")]
    if case.kind == "endpoint":
        script, command = case.input, case.extra["command"]
        if script == "down":
            url = f"http://127.0.0.1:{free_port()}/sparql"
        elif script == "slow":
            server = _serve(_Handler, lambda s: setattr(s, "behaviour", "slow"))
            servers.append(server)
            url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        else:
            def configure(s):
                s.script, s.seen = list(script), []

            server = _serve(_Scripted, configure)
            servers.append(server)
            url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        if command == "publish":
            return ["publish", "--endpoint", url, "--graph", str(graph), "--no-catalogue", "--timeout", "5"]
        return ["query", "annual-themes", "--endpoint", url, "--timeout", "0.5" if script == "slow" else "5",
                "-o", str(out / "result.csv")]
    raise AssertionError(case.kind)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_input(name, tmp_path, monkeypatch, one_note_graph):
    case = CORPUS[name]
    out = tmp_path / "out"
    out.mkdir()
    (out / "idmkg.ttl").write_text("# the previous export\n")
    (out / "idmkg.trig").write_text("# the previous export\n")
    servers: list = []
    try:
        args = _prepare(name, case, tmp_path, monkeypatch, one_note_graph, servers)
        before, graph_before = _snapshot(out), one_note_graph.stat().st_mtime_ns
        started = time.monotonic()
        result = CliRunner().invoke(main, args)
        took = time.monotonic() - started
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output, output
    assert result.exit_code == case.code, output[-2000:]
    assert case.message in output, output[-2000:]
    if case.code:
        lines = [ln for ln in output.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("idmkg: error: "), output[-2000:]
    assert _snapshot(out) == before, "the output folder changed"
    assert not list(out.glob(".idmkg.*.tmp")) and not list(out.glob(".*.tmp"))
    assert one_note_graph.stat().st_mtime_ns == graph_before
    assert took < 15, f"{name} took {took:.1f} s"
