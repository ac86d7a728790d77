"""Linked-data pages: every IRI the graph mints under the base dereferences to HTML for a
browser and to RDF (Turtle, JSON-LD, N-Triples, RDF/XML) for a machine; the home page says
what the graph holds; ``/lineage`` is the interactive theme lineage; errors are an HTML page
for browsers and one line of text for programs.

The data comes from :mod:`.entities`; this module negotiates, renders (Jinja2 templates)
and caches per snapshot (home counts, the lineage page, in ``snapshot.cache``).
"""
from __future__ import annotations

import asyncio
from urllib.parse import quote

from ..namespaces import IDMC
from .entities import (N, OFFERED, _ERROR_OFFERED, _exists, description, entity_data, graph_data, home_data,
                       href, valid_path)
from .negotiate import choose
from .render import render


# ---------------------------------------------------------------- HTTP

def _wants_html(request) -> bool:
    return choose(request.headers.get("accept"), _ERROR_OFFERED) in ("text/html", None)


def error_response(request, status: int, message: str, headers: dict | None = None):
    """An error for a browser (HTML page) or for a program (one line of text)."""
    from starlette.responses import PlainTextResponse

    titles = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 406: "Not acceptable",
              500: "Server error", 503: "Unavailable"}
    title = titles.get(status, "Error")
    out = {"Vary": "Accept", **(headers or {})}
    if request.method != "HEAD" and _wants_html(request):
        return render("error.html", status=status, headers=out, title=title, message=message)
    return PlainTextResponse(f"{status} {title}: {message}\n", status_code=status, headers=out)


def _alternates(path: str) -> str:
    return ", ".join(f'<{path}?format={short}>; rel="alternate"; type="{media}"' for short, media in (
        ("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
        ("rdf", "application/rdf+xml")))


def _negotiated(request):
    return choose(request.headers.get("accept"), OFFERED, request.query_params.get("format"))


async def _answer(request, iri: str, local: str):
    """An entity: HTML or its RDF description, or 404/406."""
    from .protocol import graph_response

    snap = request.app.state.snapshot
    media = _negotiated(request)
    if media is None:
        return error_response(request, 406, "this resource is available as: " + ", ".join(OFFERED),
                              headers={"Link": _alternates(local)})
    if not _exists(snap.store, N(iri)):
        return error_response(request, 404, "the graph holds nothing about this IRI.")
    headers = {"Vary": "Accept", "Link": _alternates(local)}
    if media != "text/html":
        return graph_response(request, description(snap, iri), headers=headers)
    data = await asyncio.to_thread(entity_data, snap, iri)
    return render("entity.html", headers=headers, title=data["label"], page=data, local=local)


def _path_param(request) -> str | None:
    path = request.path_params.get("path", "")
    return path if valid_path(path) else None


async def entity(request):
    path = _path_param(request)
    if path is None:
        return error_response(request, 404, "no such entity.")
    snap = request.app.state.snapshot
    return await _answer(request, snap.base + "id/" + path, "/id/" + quote(path, safe="/:@-._~!$&'()*+,;="))


async def concept(request):
    name = request.path_params.get("name", "")
    if name and not valid_path(name):
        return error_response(request, 404, "no such concept.")
    return await _answer(request, str(IDMC) + name, "/concept/" + quote(name, safe="-._~"))


async def named_graph(request):
    from .protocol import graph_response

    path = _path_param(request)
    if path is None:
        return error_response(request, 404, "no such graph.")
    snap = request.app.state.snapshot
    iri = snap.base + "graph/" + path
    local = "/graph/" + quote(path, safe="/:@-._~!$&'()*+,;=")
    media = _negotiated(request)
    if media is None:
        return error_response(request, 406, "this graph is available as: " + ", ".join(OFFERED))
    data = graph_data(snap, iri)
    if data is None:
        return error_response(request, 404, "no such named graph.")
    headers = {"Vary": "Accept", "Link": _alternates(local)}
    if media != "text/html":
        triples = [q.triple for q in snap.store.quads_for_pattern(None, None, None, N(iri))]
        return graph_response(request, triples, headers=headers)
    return render("graph.html", headers=headers, title=data["label"], page=data, local=local)


async def home(request):
    snap = request.app.state.snapshot
    data = await asyncio.to_thread(home_data, snap) if "home" not in snap.cache else snap.cache["home"]
    return render("home.html", title="International Dialogue on Migration knowledge graph", page=data,
                  version=snap.version, loaded=snap.loaded_at.isoformat(timespec="seconds"))


def lineage_page(snap) -> str:
    """The lineage page of a snapshot's graph (built once per snapshot: a few seconds)."""
    from ..lineage import load_lineage
    from ..lineage_html import to_html

    G = load_lineage(snap.path)

    def link(iri: str) -> str | None:
        return href(snap, iri)

    nav = ('<nav aria-label="Site" style="padding:8px 20px 0;font-size:14px"><a href="/">idmkg home</a> · <a href="/queries">Queries</a>'
           ' · <a href="/sparql">SPARQL</a></nav>')
    return to_html(G, link=link, nav=nav)


async def lineage_html(snap) -> str:
    """The snapshot's lineage page, built once (under a lock: concurrent first requests wait
    for the one build)."""
    page = snap.cache.get("lineage")
    if page is None:
        lock = snap.cache.setdefault("lineage_lock", asyncio.Lock())
        async with lock:
            page = snap.cache.get("lineage")
            if page is None:
                page = await asyncio.to_thread(lineage_page, snap)
                snap.cache["lineage"] = page
    return page


async def lineage(request):
    from starlette.responses import HTMLResponse

    return HTMLResponse(await lineage_html(request.app.state.snapshot))


async def warm_up(snap) -> None:
    """Compute what the slow pages need (home counts, lineage) ahead of the first request."""
    if "home" not in snap.cache:
        await asyncio.to_thread(home_data, snap)
    await lineage_html(snap)


def routes():
    from starlette.routing import Route

    return [
        Route("/", home, methods=["GET", "HEAD"]),
        Route("/lineage", lineage, methods=["GET", "HEAD"]),
        Route("/id/{path:path}", entity, methods=["GET", "HEAD"]),
        Route("/concept/", concept, methods=["GET", "HEAD"]),
        Route("/concept/{name}", concept, methods=["GET", "HEAD"]),
        Route("/graph/{path:path}", named_graph, methods=["GET", "HEAD"]),
    ]


async def _http_error(request, exc):
    status = getattr(exc, "status_code", 500)
    messages = {404: "there is no page at this address.", 405: "this address does not answer that method."}
    message = messages.get(status, "the request could not be answered.")
    headers = dict(getattr(exc, "headers", None) or {})
    return error_response(request, status, message, headers=headers)


async def _server_error(request, exc):
    import logging

    logging.getLogger("idmkg.server").exception("error while answering %s", request.url.path[:300])
    return error_response(request, 500, "something went wrong on the server; the error has been logged.")


def exception_handlers():
    from starlette.exceptions import HTTPException

    return {HTTPException: _http_error, 404: _http_error, 405: _http_error, 500: _server_error}
