"""No network and no other local files unless the user turns it on.

rdflib fetches behind the caller's back: a SPARQL query's ``SERVICE <url>`` is an HTTP
request, ``FROM <url>`` / ``FROM NAMED <url>`` load a URL or a local file (``file:///...``)
into the dataset, and the JSON-LD parser downloads a remote ``@context`` (or reads a
``file:`` one). idmkg reads only what it is given:

- queries are checked on their parsed algebra before they run (:func:`check_query`):
  ``SERVICE`` is refused, and so is a ``FROM``/``FROM NAMED`` IRI that does not name a graph
  of the data queried (rdflib would load it from the web or the disk);
- JSON-LD documents are checked before they are parsed (:func:`check_jsonld`): every
  ``@context`` (and ``@import``) must be inline;
- while a query runs or a file is parsed, an audit hook (:func:`guard`) refuses any HTTP
  request or socket connection the process makes, whatever asked for it: the backstop.

``ALLOW_NETWORK = True`` (or ``allow_network=True`` on :func:`idmkg.run_query`,
:func:`idmkg.run_sparql`, :func:`idmkg.engine.run_embedded`, :func:`idmkg.graph_file.read_graph`)
turns all of this off. Turtle ``@base`` and ``owl:imports`` are plain data to rdflib (nothing
is fetched), and RDF/XML external entities are never resolved (expat's default), which the
tests check.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import sys
from typing import Iterator

from rdflib import URIRef

#: the module-level setting: True lets queries and parsers reach the network and other files
ALLOW_NETWORK = False

HOW_TO_ALLOW = "pass allow_network=True (or set idmkg.offline.ALLOW_NETWORK = True) to allow it"

#: while set, a list collecting what the audit hook refused; None when no guard is active
_GUARD: contextvars.ContextVar[list | None] = contextvars.ContextVar("idmkg_offline_guard", default=None)
_HOOKED = False
_BLOCKED_EVENTS = {"urllib.Request", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                   "http.client.connect", "ftplib.connect"}


class NetworkRefused(OSError):
    """Raised inside the guarded code when it tries to reach the network."""


def allowed(allow_network: bool | None) -> bool:
    """The keyword when given, else the module setting."""
    return ALLOW_NETWORK if allow_network is None else bool(allow_network)


def _hook(event: str, args) -> None:
    if event not in _BLOCKED_EVENTS:
        return
    refused = _GUARD.get()
    if refused is None:
        return
    index = 1 if event == "socket.connect" else 0
    target = args[index] if len(args) > index else ""
    refused.append(f"{event} {target}")
    raise NetworkRefused(f"network access refused: {target}")


@contextlib.contextmanager
def guard(allow_network: bool | None = None) -> Iterator[list]:
    """Within the block, refuse every HTTP request and socket connection of this thread
    (unless allowed); yields the list of what was refused, for the caller's message."""
    global _HOOKED
    if allowed(allow_network):
        yield []
        return
    if not _HOOKED:
        sys.addaudithook(_hook)
        _HOOKED = True
    refused: list = []
    token = _GUARD.set(refused)
    try:
        yield refused
    finally:
        _GUARD.reset(token)


# ---------------------------------------------------------------------------
# SPARQL
# ---------------------------------------------------------------------------

def _walk(node, seen: set) -> Iterator:
    from rdflib.plugins.sparql.parserutils import CompValue

    if id(node) in seen:
        return
    if isinstance(node, CompValue):
        seen.add(id(node))
        yield node
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, dict):
        seen.add(id(node))
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, (list, tuple, set, frozenset)):
        seen.add(id(node))
        for value in node:
            yield from _walk(value, seen)


def query_reaches_out(prepared) -> tuple[list[str], list[tuple[str, URIRef]]]:
    """What a prepared rdflib query would fetch: the ``SERVICE`` terms (``<iri>``, ``?var``), and the dataset
    clause (``("FROM", iri)``, ``("FROM NAMED", iri)``)."""
    services, dataset = [], []
    algebra = prepared.algebra
    for clause in getattr(algebra, "datasetClause", None) or []:
        if "default" in clause:
            dataset.append(("FROM", clause["default"]))
        elif "named" in clause:
            dataset.append(("FROM NAMED", clause["named"]))
    for node in _walk(algebra, set()):
        if node.name in ("ServiceGraphPattern", "Service"):
            services.append(node["term"].n3() if "term" in node else "?")
    return services, dataset


def _named_graphs(graph) -> set[str]:
    from rdflib import ConjunctiveGraph, Dataset

    if not isinstance(graph, ConjunctiveGraph):
        return set()
    graphs = graph.graphs() if isinstance(graph, Dataset) else graph.contexts()
    return {str(c.identifier) for c in graphs if len(c)}


def check_query(prepared, graph, error: type[Exception], allow_network: bool | None = None) -> None:
    """Refuse (``error``, one line) a query that would reach the network or a local file."""
    check_reach(prepared, lambda: _named_graphs(graph), error, allow_network)


def check_reach(prepared, named_graphs, error: type[Exception], allow_network: bool | None = None) -> None:
    """The check of :func:`check_query` for any store: ``named_graphs()`` gives the IRIs of
    the graphs the data holds (a FROM of one of them reads nothing else)."""
    if allowed(allow_network):
        return
    services, dataset = query_reaches_out(prepared)
    if services:
        raise error(f"federated query refused: SERVICE {services[0]} would send a request to another "
                    f"endpoint; {HOW_TO_ALLOW}")
    if dataset:
        known = named_graphs()
        for keyword, iri in dataset:
            if str(iri) not in known:
                raise error(f"{keyword} <{iri}> refused: it names no graph of the data queried, and rdflib "
                            f"would load it from the web or a local file; {HOW_TO_ALLOW}")


# ---------------------------------------------------------------------------
# JSON-LD
# ---------------------------------------------------------------------------

def _contexts(node) -> Iterator[object]:
    """Every ``@context`` and ``@import`` value anywhere in a JSON-LD document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                yield value
            yield from _contexts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _contexts(value)


def remote_contexts(doc) -> list[str]:
    """The references to contexts that are not inline (URLs, ``file:`` IRIs, relative
    references), in document order."""
    found = []
    for value in _contexts(doc):
        for item in (value if isinstance(value, list) else [value]):
            if isinstance(item, str):
                found.append(item)
    return found


def check_jsonld(data: bytes | str, where: str, error: type[Exception], allow_network: bool | None = None) -> None:
    """Refuse (``error``) a JSON-LD document whose context would be fetched: a remote or
    file ``@context``. A document that is not JSON is left to the parser to report."""
    if allowed(allow_network):
        return
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return
    refs = remote_contexts(doc)
    if refs:
        raise error(f"{where}: JSON-LD @context {refs[0]!r} refused: idmkg reads only inline contexts and "
                    f"would have to fetch it (inline the context, or {HOW_TO_ALLOW})")
