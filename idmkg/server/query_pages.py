"""The canned queries as forms, the SPARQL query editor, and results as HTML tables.

``/queries`` lists the catalogue (``queries/*.rq``); ``/queries/NAME`` shows one query's
description and a form with its parameters; submitting it (GET, so a result is a link
that can be shared) runs the query with the values bound (typed and escaped by
:meth:`~idmkg.queries.CannedQuery.bind` and :func:`~idmkg.queries.with_values`, never pasted)
and shows the rows, with download links for CSV, TSV, JSON and XML: the same URL with
``format=``. ``/sparql`` opened in a browser is an editor with the project's prefixes
filled in; its results come back as a table too. Every query runs on the worker pool, under
the server's time and row limits.
"""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response

from ..errors import QueryError
from ..namespaces import data_prefixes
from ..results import from_sparql_json
from rdflib import URIRef

from .entities import href
from .negotiate import choose
from .render import curie, render
from .workers import SOLUTION_TYPES, Job

#: what an HTML page asks the workers for: SPARQL JSON for SELECT/ASK, Turtle for graphs
_FOR_PAGES = "application/sparql-results+json, text/turtle;q=0.9"
DOWNLOADS = (("csv", "CSV"), ("tsv", "TSV"), ("json", "JSON"), ("xml", "XML"))


def wants_html(request: Request, fmt: str | None) -> bool:
    """Whether the client (a browser) prefers an HTML page to a results document."""
    if fmt:
        return fmt.lower() == "html"
    return choose(request.headers.get("accept"), ["text/html", *SOLUTION_TYPES]) == "text/html" and \
        "text/html" in (request.headers.get("accept") or "")


def default_editor_text(base: str) -> str:
    prefixes = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in data_prefixes(base).items()
                         if p in ("id", "idm", "idmc", "skos", "rdfs", "dcterms", "oa", "prov"))
    return (prefixes + "\n\n# every overarching theme, by dialogue year\n"
            "SELECT ?year ?theme ?label WHERE {\n  ?year idm:overarchingTheme ?theme .\n"
            "  ?theme skos:prefLabel ?label .\n}\nORDER BY ?year\n")


def table(request: Request, outcome) -> dict:
    """The page context for a worker's answer: columns and rows of cells (text and link)
    for solutions, the boolean for ASK, the text for graphs, or the error line."""
    from .protocol import outcome_response

    if outcome.status != "ok":
        response = outcome_response(outcome)
        return {"error": outcome.message or response.body.decode().removeprefix("idmkg: ").strip(),
                "status": response.status_code}
    snapshot = request.app.state.snapshot
    if outcome.media == "text/turtle":
        return {"graph": outcome.body.decode("utf-8"), "count": outcome.count}
    res = from_sparql_json(json.loads(outcome.body), "the query")
    if res.boolean is not None:
        return {"boolean": res.boolean}
    rows = []
    for binding in res.bindings:
        cells = []
        for var in res.vars:
            term = binding.get(var)
            if term is None:
                cells.append({"text": "", "href": None})
                continue
            text = str(term)
            link = None
            if isinstance(term, URIRef):
                link = href(snapshot, text)   # a page of this site, or None (ontology terms, other sites)
                text = curie(text, snapshot.base)
            cells.append({"text": text, "href": link})
        rows.append(cells)
    return {"columns": res.vars, "rows": rows, "count": len(rows)}


async def _run(request: Request, text: str, accept: str, fmt: str | None = None):
    return await request.app.state.pool.run(Job(text, accept, fmt, request.app.state.config.max_rows))


async def editor(request: Request, text: str | None = None, outcome=None, status: int = 200) -> Response:
    snapshot = request.app.state.snapshot
    context = {"title": "SPARQL query editor", "query": text or default_editor_text(snapshot.base),
               "result": table(request, outcome) if outcome is not None else None,
               "config": request.app.state.config, "downloads": DOWNLOADS, "query_text": text}
    return render("sparql.html", status=status, **context)


async def results_page(request: Request, text: str) -> Response:
    """An ad-hoc query's results for a browser (the query has passed the protocol's checks)."""
    outcome = await _run(request, text, _FOR_PAGES)
    status = 200 if outcome.status == "ok" else table(request, outcome)["status"]
    return await editor(request, text, outcome, status)


async def catalogue_page(request: Request) -> Response:
    from ..queries import load_catalogue

    catalogue = load_catalogue()
    queries = [q for name, q in sorted(catalogue.items()) if not name.startswith("lineage-")]
    return render("queries.html", title="Canned queries", queries=queries)


async def query_page(request: Request) -> Response:
    from ..queries import get_query, lateral_optionals, with_values
    from .protocol import error, outcome_response

    name = request.path_params["name"]
    try:
        query = get_query(name)
    except QueryError as err:
        return error(404, str(err)) if not wants_html(request, None) else \
            render("error.html", status=404, title="No such query", message=str(err))
    params = request.query_params
    fmt = params.get("format")
    submitted = "run" in params or fmt is not None
    values = {p.name: params.get(p.name) for p in query.params if params.get(p.name)}
    context = {"title": query.summary, "query": query, "values": values, "result": None, "problem": None,
               "downloads": DOWNLOADS, "download_query": None}
    if not submitted:
        return render("query.html", **context)
    try:
        bindings = query.bind(values)
        # the workers run Oxigraph: the query's own "#@ oxigraph: lateral-optionals" line applies,
        # as in run_query on a graph file (same rows; the standard text stays the catalogue's)
        text = lateral_optionals(with_values(query.body, bindings))
    except QueryError as err:
        if fmt and fmt != "html":
            return error(400, str(err))
        context["problem"] = str(err)
        return render("query.html", status=400, **context)
    if fmt and fmt != "html":
        outcome = await _run(request, text, request.headers.get("accept"), fmt)
        response = outcome_response(outcome)
        if outcome.status == "ok":
            ext = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml"}.get(fmt, "txt")
            response.headers["Content-Disposition"] = f'attachment; filename="{query.name}.{ext}"'
        return response
    outcome = await _run(request, text, _FOR_PAGES)
    context["result"] = table(request, outcome)
    from urllib.parse import urlencode

    context["download_query"] = urlencode([(k, v) for k, v in values.items()])
    return render("query.html", status=200 if outcome.status == "ok" else context["result"]["status"], **context)


def routes():
    from starlette.routing import Route

    return [Route("/queries", catalogue_page), Route("/queries/{name}", query_page)]
