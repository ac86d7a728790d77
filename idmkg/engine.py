"""Running SPARQL in-process on an rdflib graph, parameters bound with ``initBindings``.

rdflib orders the triple patterns of a basic graph pattern once, before it knows what the
earlier patterns, the enclosing joins or ``initBindings`` have bound; a query that starts
from a parameter (``provenance`` of one entity) then walks every evidence annotation of
the graph before it looks at the entity. While idmkg runs a query, a basic graph pattern is
evaluated with a binding-aware order instead: at each step the pattern with the fewest
unbound terms goes first. The answers are the same (a BGP's order does not change its
solutions); only the work differs. The custom evaluation is installed for the duration of
the query only, so nothing else in the process (pySHACL, the build) is affected.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import time
from pathlib import Path
from typing import Mapping

from rdflib import Graph, Variable
from rdflib.namespace import RDF
from rdflib.paths import Path as PropertyPath

from . import offline
from .errors import QueryError
from .graph_file import DEFAULT_GRAPH, graph_path, read_graph  # noqa: F401 (DEFAULT_GRAPH re-exported)
from .results import Results, from_rdflib

_EVAL_KEY = "idmkg_bgp_order"
#: when the running query must stop (time.monotonic()), or None: no limit
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("idmkg_query_deadline", default=None)


class QueryTimeout(QueryError):
    """An embedded query ran past its time limit."""


def _tick() -> None:
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout("time limit")


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:400]


_CAP = 24


def _estimate(ctx, triple) -> int:
    """How many triples match ``triple`` under the current bindings, counted up to _CAP."""
    pattern = tuple(ctx[node] for node in triple)
    count = 0
    for _ in ctx.graph.triples(pattern):
        count += 1
        if count >= _CAP:
            break
    return count


def _score(ctx, triple) -> int:
    unbound = sum(1 for node in triple if ctx[node] is None)
    # "?x a idm:Class" with ?x unbound lists a whole class: rarely the place to start
    if triple[1] == RDF.type and unbound == 1 and ctx[triple[0]] is None:
        unbound += 1
    return unbound


def _bgp(ctx, triples: list):
    from rdflib.plugins.sparql.sparql import AlreadyBound

    _tick()
    if not triples:
        yield ctx.solution()
        return
    scores = [_score(ctx, t) for t in triples]
    low = min(scores)
    candidates = [i for i, score in enumerate(scores) if score == low]
    if len(candidates) > 1 and low > 0:
        plain = [i for i in candidates if not isinstance(triples[i][1], PropertyPath)] or candidates
        candidates = [min(plain, key=lambda i: _estimate(ctx, triples[i]))]
    best = candidates[0]
    s, p, o = triples[best]
    rest = triples[:best] + triples[best + 1:]
    _s, _p, _o = ctx[s], ctx[p], ctx[o]
    for ss, sp, so in ctx.graph.triples((_s, _p, _o)):
        _tick()
        c = ctx.push() if None in (_s, _p, _o) else ctx
        try:
            if _s is None:
                c[s] = ss
            if _p is None:
                c[p] = sp
            if _o is None:
                c[o] = so
        except AlreadyBound:
            continue
        yield from _bgp(c, rest)


def _custom_eval(ctx, part):
    if part.name == "BGP":
        return _bgp(ctx, list(part.triples))
    raise NotImplementedError()


@contextlib.contextmanager
def binding_aware_bgps():
    from rdflib.plugins.sparql import CUSTOM_EVALS

    installed = _EVAL_KEY not in CUSTOM_EVALS
    if installed:
        CUSTOM_EVALS[_EVAL_KEY] = _custom_eval
    try:
        yield
    finally:
        if installed:
            CUSTOM_EVALS.pop(_EVAL_KEY, None)


@functools.lru_cache(maxsize=64)
def prepare(text: str):
    """Parse and translate a query once (cached); a syntax error is one QueryError line."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except Exception as err:  # pyparsing and rdflib raise many kinds: all mean a bad query
        raise QueryError(f"malformed SPARQL query: {_one_line(err)}") from None


def run_embedded(text: str, graph: Graph, bindings: Mapping[str, object] | None = None, *,
                 allow_network: bool | None = None, timeout: float | None = None) -> Results:
    """Run a SELECT or ASK query on an in-memory rdflib graph, with ``bindings`` (variable
    name -> RDF term) as initBindings. ``SERVICE``, and ``FROM``/``FROM NAMED`` of a graph
    the data does not hold, are refused unless ``allow_network`` (default: the setting
    :data:`idmkg.offline.ALLOW_NETWORK`): see :mod:`idmkg.offline`. With ``timeout``
    (seconds), a query still running past it stops with a :class:`QueryTimeout` (checked
    as each basic graph pattern produces or scans a triple)."""
    prepared = prepare(text)
    if timeout is not None and timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout!r}")
    offline.check_query(prepared, graph, QueryError, allow_network)
    init = {Variable(k): v for k, v in (bindings or {}).items()}
    refused: list = []
    token = _DEADLINE.set(time.monotonic() + timeout if timeout else None)
    try:
        with offline.guard(allow_network) as refused, binding_aware_bgps():
            return from_rdflib(graph.query(prepared, initBindings=init))
    except QueryTimeout:
        raise QueryTimeout(f"the query ran longer than {timeout:g} s, the time limit, and was stopped "
                           f"(narrow it down, add LIMIT, or raise --timeout)") from None
    except QueryError:
        raise
    except Exception as err:
        if refused:
            raise QueryError(f"query refused: it tried to reach the network ({refused[0]}); "
                             f"{offline.HOW_TO_ALLOW}") from None
        raise QueryError(f"query failed: {_one_line(err)}") from None
    finally:
        _DEADLINE.reset(token)


_GRAPHS: dict[tuple, Graph] = {}


def load_graph(path: Path | str | None = None, progress=None, allow_network: bool | None = None) -> Graph:
    """The graph queries run on: ``path``, or the last build (``dist/idmkg.ttl``), which is
    built first when there is none. Loaded graphs are cached until the file changes."""
    path = graph_path(path, QueryError, progress)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _GRAPHS:
        g = read_graph(path, QueryError, allow_network=allow_network)
        if len(_GRAPHS) >= 4:
            _GRAPHS.clear()
        _GRAPHS[key] = g
    return _GRAPHS[key]


def resolve_graph(graph) -> Graph:
    """An rdflib Graph as is; a file name (or None: the last build) loaded."""
    return graph if isinstance(graph, Graph) else load_graph(graph)
