"""The SPARQL 1.1 Protocol at ``/sparql`` (https://www.w3.org/TR/sparql11-protocol/),
read-only.

- query via GET (``?query=``), POST of a form (``query=``) or POST of the query itself
  (``Content-Type: application/sparql-query``); ``default-graph-uri`` and
  ``named-graph-uri`` choose the dataset (by default, the union of every named graph);
- results by content negotiation (or ``?format=``): SPARQL JSON, XML, CSV, TSV for SELECT
  and ASK; Turtle, JSON-LD, N-Triples, RDF/XML for CONSTRUCT and DESCRIBE;
- refused, with a 4xx and one line saying why: updates (403), federated queries
  (``SERVICE``, 403, unless the server was started with federation allowed), a query over
  the size limit (413), a malformed query (400), an unsupported body type (415), a format
  no query form offers (406);
- a query past the time limit ends with 503, one past the row limit with 400, and the
  server goes on answering others meanwhile (:mod:`.workers`);
- without a query: the service description (Turtle or another RDF syntax), or, for a
  browser, the query editor.
"""
from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..queries import _mask
from .negotiate import choose
from .rdf_out import MEDIA_TYPES, from_rdflib, serialize_triples
from .workers import Job

MAX_QUERY_BYTES = 1_000_000
SERVICE_TTL = Path(__file__).parent / "service.ttl"
_PROLOGUE_ITEM = re.compile(r"\s*(?:PREFIX\s+[\w.-]*:|BASE\b)", re.IGNORECASE)
_KEYWORD = re.compile(r"\s*([A-Za-z]+)")
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)
_TEXT_TYPES = ("text/", "application/sparql-results+", "application/ld+json", "application/n-triples",
               "application/rdf+xml", "application/trig", "application/n-quads")


def error(status: int, message: str, headers: dict | None = None) -> Response:
    """One line for people, as plain text (what SPARQL clients show)."""
    return PlainTextResponse(f"idmkg: {message}\n", status_code=status, headers=headers)


def first_keyword(masked: str) -> str:
    """The first keyword after the prologue (PREFIX and BASE declarations) of a masked
    query: SELECT, ASK, ... or an update's INSERT, DROP, .... One pass, no backtracking:
    the check runs on whatever text a client sends."""
    pos = 0
    while m := _PROLOGUE_ITEM.match(masked, pos):
        pos = m.end()
    m = _KEYWORD.match(masked, pos)
    return m.group(1).upper() if m else ""


def refusal(text: str, federation: bool = False) -> Response | None:
    """A response refusing ``text`` before it reaches a worker, or None to run it."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        return error(413, f"the query is longer than {MAX_QUERY_BYTES:,} bytes")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return error(400, "the query is not valid Unicode text")
    masked = _mask(text)   # comments, strings and IRIs blanked
    if first_keyword(masked) in UPDATE_KEYWORDS:
        return error(403, "this endpoint is read-only: SPARQL Update is refused")
    if not federation and _SERVICE.search(masked):
        return error(403, "federated queries (SERVICE) are turned off on this endpoint")
    return None


def outcome_response(outcome) -> Response:
    """The HTTP response for a worker's :class:`~.workers.Outcome`."""
    if outcome.status == "ok":
        media = outcome.media
        if media.startswith(_TEXT_TYPES):
            media += "; charset=utf-8"
        return Response(outcome.body, media_type=media, headers={"Vary": "Accept"})
    if outcome.status == "not-acceptable":
        return error(406, "none of the formats asked for (Accept or ?format=) fits this query; it can give: "
                          + ", ".join(outcome.offered))
    status = {"bad-query": 400, "too-many-rows": 400, "timeout": 503, "busy": 503, "failed": 500}[outcome.status]
    headers = {"Retry-After": "2"} if outcome.status == "busy" else None
    return error(status, outcome.message, headers)


async def run(request: Request, text: str, fmt: str | None = None, default_graphs=(), named_graphs=()) -> Response:
    """Check ``text`` and run it on a worker; the response to send."""
    config = request.app.state.config
    refused = refusal(text, getattr(config, "federation", False))
    if refused is not None:
        return refused
    for iri in (*default_graphs, *named_graphs):
        if not re.fullmatch(r'[A-Za-z][\w+.-]*:[^<>"{}|^`\\\x00-\x20]*', iri):
            return error(400, f"not an absolute IRI: {iri[:200]!r} (default-graph-uri / named-graph-uri)")
    from .query_pages import results_page, wants_html

    if wants_html(request, fmt) and not default_graphs and not named_graphs:
        return await results_page(request, text)
    job = Job(text, request.headers.get("accept"), fmt, config.max_rows, tuple(default_graphs), tuple(named_graphs))
    outcome = await request.app.state.pool.run(job)
    return outcome_response(outcome)


def _one(values: list[str], name: str) -> str | Response:
    if len(values) > 1:
        return error(400, f"more than one '{name}' parameter")
    return values[0]


async def sparql(request: Request) -> Response:
    params = request.query_params
    if request.method == "GET":
        if "update" in params:
            return error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in params:
            return await service_or_editor(request)
        text = _one(params.getlist("query"), "query")
        if isinstance(text, Response):
            return text
        return await run(request, text, params.get("format"), params.getlist("default-graph-uri"),
                         params.getlist("named-graph-uri"))
    if request.method != "POST":
        return error(405, "use GET or POST", {"Allow": "GET, POST, HEAD"})
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    length = int(request.headers.get("content-length") or 0)
    if length > MAX_QUERY_BYTES * 3:
        return error(413, f"the request body is longer than {MAX_QUERY_BYTES * 3:,} bytes")
    if ctype == "application/sparql-update":
        return error(403, "this endpoint is read-only: SPARQL Update is refused")
    if ctype == "application/sparql-query":
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return error(400, "the query is not UTF-8 text")
        return await run(request, text, params.get("format"), params.getlist("default-graph-uri"),
                         params.getlist("named-graph-uri"))
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form(max_part_size=MAX_QUERY_BYTES * 2)
        if "update" in form:
            return error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in form:
            return error(400, "no 'query' in the form")
        text = _one(form.getlist("query"), "query")
        if isinstance(text, Response):
            return text
        fmt = form.get("format") or params.get("format")
        return await run(request, str(text), fmt, form.getlist("default-graph-uri") or params.getlist("default-graph-uri"),
                         form.getlist("named-graph-uri") or params.getlist("named-graph-uri"))
    return error(415, f"unsupported request body type {ctype or '(none)'}: send application/sparql-query "
                      "or an application/x-www-form-urlencoded form with 'query'")


def service_description(request: Request):
    """The service description as an rdflib Graph, for this server's URL."""
    from rdflib import Graph, Literal, URIRef

    endpoint = str(request.url.replace(query="")).split("#")[0]
    g = Graph().parse(SERVICE_TTL, format="turtle", publicID=endpoint)
    config = request.app.state.config
    sd = "http://www.w3.org/ns/sparql-service-description#"
    if getattr(config, "federation", False):
        g.add((URIRef(endpoint), URIRef(sd + "feature"), URIRef(sd + "BasicFederatedQuery")))
    g.add((URIRef(endpoint), URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
           Literal(f"Limits: {config.timeout:g} s per query, {config.max_rows:,} results per query.", lang="en")))
    return g


async def service_or_editor(request: Request) -> Response:
    accept = request.headers.get("accept")
    fmt = request.query_params.get("format")
    media = choose(accept, ["text/html", *MEDIA_TYPES], fmt)
    if media == "text/html":
        from .query_pages import editor

        return await editor(request)
    return graph_response(request, service_description(request))


def graph_response(request: Request, triples, status: int = 200, headers: dict | None = None) -> Response:
    """RDF by content negotiation (``Accept`` or ``?format=``): ``triples`` is an iterable of
    pyoxigraph Triples or an rdflib Graph."""
    if not isinstance(triples, (list, tuple, set)) and hasattr(triples, "serialize"):
        triples = from_rdflib(triples)
    media = choose(request.headers.get("accept"), MEDIA_TYPES, request.query_params.get("format"))
    if media is None:
        return error(406, "this resource is available as: " + ", ".join(MEDIA_TYPES))
    snapshot = request.app.state.snapshot
    body = serialize_triples(triples, media, snapshot.base)
    out = {"Vary": "Accept", **(headers or {})}
    suffix = "; charset=utf-8" if media.startswith(_TEXT_TYPES) else ""
    return Response(body, status_code=status, media_type=media + suffix, headers=out)


def routes():
    from starlette.routing import Route

    return [Route("/sparql", sparql, methods=["GET", "POST", "HEAD"])]
