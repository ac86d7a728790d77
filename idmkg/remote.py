"""Remote SPARQL 1.1 endpoints: run a query through SPARQLWrapper, and publish a graph to a
store through the SPARQL 1.1 Graph Store HTTP Protocol or SPARQL 1.1 Update. Every failure
(endpoint down, too slow, refusing, answering garbage) is one :class:`EndpointError` line."""
from __future__ import annotations

import http.client
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


#: a SELECT/ASK that meets a transient failure (connection refused or reset, HTTP 502, 503,
#: 504) is tried again this many times, after these pauses, within its overall timeout
RETRIES = 2
BACKOFF = (0.25, 0.75)
RETRY_STATUSES = {502, 503, 504}


class _Transient(Exception):
    """A failure worth another attempt; ``message`` says what happened."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _is_reset(err: BaseException) -> bool:
    reason = getattr(err, "reason", err)
    return isinstance(reason, (ConnectionRefusedError, ConnectionResetError, ConnectionAbortedError,
                               BrokenPipeError, http.client.RemoteDisconnected)) \
        or "refused" in str(reason).lower() or "reset by peer" in str(reason).lower()


def _attempt(endpoint: str, text: str, timeout: float) -> Results:
    """One request; raises _Transient for what may pass, EndpointError for the rest."""
    from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import (EndPointInternalError, EndPointNotFound, QueryBadFormed,
                                                SPARQLWrapperException, Unauthorized, URITooLong)

    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setQuery(text)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setReturnFormat(JSON)
    client.setTimeout(max(1, int(timeout)))
    client.timeout = timeout   # setTimeout truncates to whole seconds (0.5 s would mean no timeout)
    try:
        response = client.query().response
        content_type = response.headers.get("Content-Type", "")
        expected = response.headers.get("Content-Length")
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
        message = f"{endpoint} answered HTTP {err.code}: {_first_line(err.read()) or err.reason}"
        if err.code in RETRY_STATUSES:
            raise _Transient(message) from None
        raise EndpointError(message) from None
    except http.client.IncompleteRead as err:
        received = len(err.partial)
        of = f" of {received + err.expected}" if isinstance(err.expected, int) else ""
        raise EndpointError(f"{endpoint}: the answer was cut short ({received} bytes received{of})") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        if _is_reset(err):
            raise _Transient(_reason(err, endpoint, timeout)) from None
        raise EndpointError(_reason(err, endpoint, timeout)) from None
    if expected and expected.isdigit() and len(body) < int(expected):
        raise EndpointError(f"{endpoint}: the answer was cut short ({len(body)} bytes received of {expected})")
    try:
        doc = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        kind = content_type.split(";")[0].strip() or "no content type"
        raise EndpointError(f"{endpoint} answered {kind}, not SPARQL JSON results: "
                            f"{_first_line(body)[:80]!r}") from None
    except json.JSONDecodeError as err:
        kind = content_type.split(";")[0].strip() or "no content type"
        if "json" in kind and (err.pos >= len(err.doc.rstrip()) or err.msg.startswith("Unterminated string")):
            raise EndpointError(f"{endpoint}: the answer was cut short (its JSON ends unfinished after "
                                f"{len(body)} bytes)") from None
        raise EndpointError(f"{endpoint} answered {kind}, not SPARQL JSON results: "
                            f"{_first_line(body)[:80]!r}") from None
    return from_sparql_json(doc, endpoint)


def select(endpoint: str, text: str, timeout: float = 30.0) -> Results:
    """Run a SELECT or ASK query on a SPARQL 1.1 endpoint (POST, JSON results). A transient
    failure (connection refused or reset, HTTP 502/503/504) is retried up to
    :data:`RETRIES` times within ``timeout``; the error then says how many attempts were
    made. Other failures (400, 500, an answer that is not SPARQL results, or cut short) are
    not retried."""
    import time

    from SPARQLWrapper import SPARQLWrapper

    _check_url(endpoint)
    probe = SPARQLWrapper(endpoint, agent=USER_AGENT)
    probe.setQuery(text)
    if probe.isSparqlUpdateRequest() or probe.queryType not in ("SELECT", "ASK"):
        raise QueryError(f"only SELECT and ASK queries can be sent to an endpoint, not {probe.queryType}")
    if not timeout or timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout!r}")
    deadline = time.monotonic() + timeout
    attempts = 0
    while True:
        attempts += 1
        remaining = deadline - time.monotonic()
        try:
            return _attempt(endpoint, text, max(remaining, 0.05) if attempts > 1 else timeout)
        except _Transient as err:
            pause = BACKOFF[min(attempts - 1, len(BACKOFF) - 1)]
            if attempts > RETRIES or time.monotonic() + pause >= deadline:
                tried = f"{attempts} attempts" if attempts > 1 else "1 attempt, no time left to retry"
                raise EndpointError(f"{err.message} ({tried})") from None
            time.sleep(pause)


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
    #: the temporary graph the data was staged in before it replaced the target
    staging: str = ""
    #: what went wrong after the target was loaded (the staging graph could not be removed)
    warnings: list = None

    def __post_init__(self):
        self.warnings = list(self.warnings or [])


def _send(url: str, method: str, body: bytes, content_type: str, timeout: float) -> int:
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": content_type, "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as err:
        raise EndpointError(f"{url} refused the {method} (HTTP {err.code}): {_first_line(err.read())}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        raise EndpointError(_reason(err, url, timeout)) from None


def staging_graph() -> str:
    """A fresh IRI for the temporary graph a publication is loaded into first."""
    import uuid

    return f"urn:idmkg:staging:{uuid.uuid4()}"


def _gsp_url(endpoint: str, graph_iri: str | None) -> str:
    target = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    return endpoint + ("&" if "?" in endpoint else "?") + target


def publish(endpoint: str, graph: Graph, *, protocol: str = "gsp", graph_iri: str | None = None,
            replace: bool = True, timeout: float = 120.0) -> Published:
    """Load ``graph`` into a remote store: with the Graph Store Protocol (``endpoint`` is the
    store URL, e.g. Oxigraph's ``/store``; the target is replaced, or added to) or with
    SPARQL Update (``endpoint`` is the update URL). The triples go into the default graph,
    or into the named graph ``graph_iri``.

    The store is never left half-loaded without saying so: the data is first loaded into a
    new temporary graph (``urn:idmkg:staging:...``); only when that succeeded is the target
    changed, in one request (Update: ``MOVE``/``ADD`` of the staging graph; GSP: ``PUT`` or
    ``POST`` of the target), and the staging graph removed. A failure before that leaves
    the target as it was; a failure of the last step says what the target and the staging
    graph hold."""
    _check_url(endpoint)
    if graph_iri is not None and not valid_iri(graph_iri):
        raise QueryError(f"not a valid graph IRI: {graph_iri!r}")
    if protocol not in ("gsp", "update"):
        raise QueryError(f"unknown protocol {protocol!r}: gsp or update")
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    staging = staging_graph()
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    warnings: list[str] = []

    def stage() -> None:
        try:
            if protocol == "gsp":
                # N-Triples is Turtle: every Graph Store accepts text/turtle
                _send(_gsp_url(endpoint, staging), "PUT", ntriples, "text/turtle", timeout)
            else:
                data = ntriples.decode("utf-8")
                update = f"DROP SILENT GRAPH <{staging}> ;\nINSERT DATA {{ GRAPH <{staging}> {{\n{data}}} }}\n"
                _send(endpoint, "POST", update.encode("utf-8"), "application/sparql-update", timeout)
        except EndpointError as err:
            left = cleanup()
            remains = f"; a temporary graph <{staging}> may remain in the store" if left else ""
            raise EndpointError(f"{err} (nothing published: {target} was not changed{remains})") from None

    def cleanup() -> str | None:
        try:
            if protocol == "gsp":
                _send(_gsp_url(endpoint, staging), "DELETE", b"", "text/plain", timeout)
            else:
                _send(endpoint, "POST", f"DROP SILENT GRAPH <{staging}>".encode(), "application/sparql-update", timeout)
        except EndpointError as err:
            return str(err)
        return None

    stage()
    try:
        if protocol == "gsp":
            status = _send(_gsp_url(endpoint, graph_iri), "PUT" if replace else "POST", ntriples, "text/turtle",
                           timeout)
        else:
            into = f"GRAPH <{graph_iri}>" if graph_iri else "DEFAULT"
            swap = f"MOVE GRAPH <{staging}> TO {into}" if replace else \
                f"ADD GRAPH <{staging}> TO {into} ;\nDROP SILENT GRAPH <{staging}>"
            status = _send(endpoint, "POST", swap.encode("utf-8"), "application/sparql-update", timeout)
    except EndpointError as err:
        left = cleanup()
        kept = f"the staged copy is still in graph <{staging}> ({left})" if left else "the staged copy was removed"
        raise EndpointError(f"{err}: the {len(graph)} triples were loaded into a staging graph, but moving them "
                            f"into {target} failed: {target} may be unchanged or incomplete (a store that "
                            f"applies each request whole leaves it unchanged); {kept}") from None
    if protocol == "gsp":
        left = cleanup()
        if left:
            warnings.append(f"the temporary graph <{staging}> could not be removed: {left}")
    return Published(endpoint, protocol, len(graph), status, staging, warnings)
