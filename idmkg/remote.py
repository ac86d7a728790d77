"""Remote SPARQL 1.1 endpoints: run a query through SPARQLWrapper, and publish a graph to a
store through the SPARQL 1.1 Graph Store HTTP Protocol or SPARQL 1.1 Update. Every failure
(endpoint down, too slow, refusing, answering garbage) is one :class:`EndpointError` line."""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import Graph

from .errors import EndpointError, QueryError
from .results import Results, from_sparql_json, valid_iri

USER_AGENT = "idmkg (SPARQLWrapper)"


def _check_url(url: str, what: str = "endpoint") -> str:
    parsed = urllib.parse.urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise EndpointError(f"{what} {url!r} is not an http(s) URL")
    return url


def _first_line(text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return (lines[0] if lines else "")[:200]


def _reason(err: BaseException, url: str, timeout: float) -> str:
    reason = getattr(err, "reason", err)
    if isinstance(reason, (socket.timeout, TimeoutError)) or "timed out" in str(reason):
        return f"{url} did not answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError) or "refused" in str(reason).lower():
        return f"cannot reach {url}: connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host"
    return f"cannot reach {url}: {_first_line(reason) or type(reason).__name__}"


def select(endpoint: str, text: str, timeout: float = 30.0) -> Results:
    """Run a SELECT or ASK query on a SPARQL 1.1 endpoint (POST, JSON results)."""
    from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import (EndPointInternalError, EndPointNotFound, QueryBadFormed,
                                                SPARQLWrapperException, Unauthorized, URITooLong)

    _check_url(endpoint)
    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setQuery(text)
    if client.isSparqlUpdateRequest() or client.queryType not in ("SELECT", "ASK"):
        raise QueryError(f"only SELECT and ASK queries can be sent to an endpoint, not {client.queryType}")
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setReturnFormat(JSON)
    if not timeout or timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout!r}")
    client.setTimeout(max(1, int(timeout)))
    client.timeout = timeout   # setTimeout truncates to whole seconds (0.5 s would mean no timeout)
    try:
        response = client.query().response
        content_type = response.headers.get("Content-Type", "")
        body = response.read()
    except QueryBadFormed as err:
        raise EndpointError(f"{endpoint} rejected the query as malformed: {_first_line(_detail(err))}") from None
    except EndPointNotFound:
        raise EndpointError(f"{endpoint}: no SPARQL endpoint there (HTTP 404)") from None
    except Unauthorized:
        raise EndpointError(f"{endpoint}: not authorised (HTTP 401/403)") from None
    except URITooLong:
        raise EndpointError(f"{endpoint}: request too long (HTTP 414)") from None
    except EndPointInternalError as err:
        raise EndpointError(f"{endpoint} failed (HTTP 500): {_first_line(_detail(err))}") from None
    except SPARQLWrapperException as err:
        raise EndpointError(f"{endpoint}: {_first_line(_detail(err))}") from None
    except urllib.error.HTTPError as err:
        raise EndpointError(f"{endpoint} answered HTTP {err.code}: {_first_line(err.read())}") from None
    except (urllib.error.URLError, OSError) as err:
        raise EndpointError(_reason(err, endpoint, timeout)) from None
    try:
        doc = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        kind = content_type.split(";")[0].strip() or "no content type"
        raise EndpointError(f"{endpoint} answered {kind}, not SPARQL JSON results: "
                            f"{_first_line(body)[:80]!r}") from None
    return from_sparql_json(doc, endpoint)


def _detail(err: Exception) -> str:
    """What the endpoint said: SPARQLWrapper appends the response body (as a bytes repr)."""
    import ast

    message = str(err)
    marker = "Response:"
    if marker not in message:
        return str(getattr(err, "msg", "") or message)
    said = message.split(marker, 1)[1].strip()
    try:
        said = ast.literal_eval(said)
    except (ValueError, SyntaxError):
        pass
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)


@dataclass
class Published:
    url: str
    protocol: str
    triples: int
    status: int


def _send(url: str, method: str, body: bytes, content_type: str, timeout: float) -> int:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        raise EndpointError(f"{url} refused the {method} (HTTP {err.code}): {_first_line(err.read())}") from None
    except (urllib.error.URLError, OSError) as err:
        raise EndpointError(_reason(err, url, timeout)) from None


def publish(endpoint: str, graph: Graph, *, protocol: str = "gsp", graph_iri: str | None = None,
            replace: bool = True, timeout: float = 120.0) -> Published:
    """Load ``graph`` into a remote store: with the Graph Store Protocol (``endpoint`` is the
    store URL, e.g. Oxigraph's ``/store``; PUT replaces, POST adds) or with SPARQL Update
    (``endpoint`` is the update URL; DROP then INSERT DATA in one request). The triples go
    into the default graph, or into the named graph ``graph_iri``."""
    _check_url(endpoint)
    if graph_iri is not None and not valid_iri(graph_iri):
        raise QueryError(f"not a valid graph IRI: {graph_iri!r}")
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    if protocol == "gsp":
        target = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
        url = endpoint + ("&" if "?" in endpoint else "?") + target
        # N-Triples is Turtle: every Graph Store accepts text/turtle
        status = _send(url, "PUT" if replace else "POST", ntriples, "text/turtle", timeout)
    elif protocol == "update":
        where = f"GRAPH <{graph_iri}>" if graph_iri else "DEFAULT"
        drop = f"DROP SILENT {where} ;\n" if replace else ""
        data = ntriples.decode("utf-8")
        inner = f"GRAPH <{graph_iri}> {{\n{data}}}" if graph_iri else data
        update = f"{drop}INSERT DATA {{\n{inner}}}\n".encode("utf-8")
        status = _send(endpoint, "POST", update, "application/sparql-update", timeout)
    else:
        raise QueryError(f"unknown protocol {protocol!r}: gsp or update")
    return Published(endpoint, protocol, len(graph), status)
