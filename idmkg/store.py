"""Oxigraph (pyoxigraph) as idmkg's fast store: a built graph file loaded in memory, SPARQL
run on it in-process, answers as :class:`~idmkg.results.Results`. The server answers from it
(:mod:`idmkg.server`), and so do ``run_query``/``run_sparql`` on a graph file by default
(``engine="oxigraph"``); rdflib's engine stays the reference (``engine="rdflib"``). The two
give the same rows for every catalogue query (tests/test_queries.py, tests/test_remote.py).

The store's default graph is the RDF merge of the file's named graphs, materialised:
Oxigraph's "default graph as union" option keeps a triple once per graph that holds it, so
a query would see duplicates where SPARQL's merge has one (the note's graph and
``graph/inferred`` both say ``?note a idm:DiscussionNote``).
"""
from __future__ import annotations

import threading
from pathlib import Path

from .errors import QueryError

FORMATS = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
           ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD"}

def load_store(path: Path, error: type[Exception] = QueryError):
    """An in-memory Oxigraph store holding ``path``; an unreadable file is a ServerError
    naming the file and, where the parser says, the line and column.

    The default graph is the RDF merge of every named graph, materialised: Oxigraph's own
    "default graph as union" option does not remove a triple that two graphs share (the
    note's and ``graph/inferred`` both say ``?note a idm:DiscussionNote``), so a query
    would see it twice and give duplicate rows, where SPARQL's merge gives one. The named
    graphs stay, for ``GRAPH ?g`` and for telling which note says what."""
    import pyoxigraph

    if path.suffix.lower() not in FORMATS:
        raise error(f"{path}: unknown graph format {path.suffix!r} (use one of: {', '.join(sorted(FORMATS))})")
    fmt = getattr(pyoxigraph.RdfFormat, FORMATS[path.suffix.lower()])
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        where = f"{path}:{err.lineno}:{err.offset}" if getattr(err, "lineno", None) else str(path)
        raise error(f"{where}: cannot read the graph ({_syntax(path)}): "
                    f"{' '.join(str(err.msg or err).split())[:200]}") from None
    except (OSError, ValueError) as err:
        raise error(f"{path}: cannot read the graph ({_syntax(path)}): {' '.join(str(err).split())[:200]}") from None
    default = pyoxigraph.DefaultGraph()
    named = [q.triple for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, default) for t in named)
    return store


def _syntax(path: Path) -> str:
    from .graph_file import FORMATS as NAMES

    return NAMES.get(path.suffix.lower(), path.suffix.lstrip("."))


_STORES: dict[tuple, object] = {}


def check_graph_file(path: Path, allow_network: bool | None = None) -> None:
    """Refuse a JSON-LD file whose context would be fetched (:mod:`idmkg.offline`)."""
    if path.suffix.lower() == ".jsonld":
        from . import offline

        offline.check_jsonld(path.read_bytes(), str(path), QueryError, allow_network)


def cached_store(path: Path, allow_network: bool | None = None):
    """:func:`load_store`, kept until the file changes (a few stores at most); the file is
    checked first (:func:`check_graph_file`)."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _STORES:
        check_graph_file(path, allow_network)
        if len(_STORES) >= 4:
            _STORES.clear()
        _STORES[key] = load_store(path)
    return _STORES[key]


def rdflib_term(term):
    """A pyoxigraph term as the rdflib term it stands for (None stays None)."""
    import pyoxigraph
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    return Literal(str(term))   # RDF-star triples as their text


def oxigraph_term(term):
    """An rdflib term as the pyoxigraph term it stands for (the inverse of
    :func:`rdflib_term`)."""
    import pyoxigraph
    from rdflib import BNode, URIRef

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def _results(result, max_rows: int | None):
    import pyoxigraph

    from .results import Results

    if isinstance(result, pyoxigraph.QueryBoolean):
        return Results([], boolean=bool(result))
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise QueryError(ONLY_ROWS)
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        if max_rows is not None and len(rows) >= max_rows:
            from .queries import too_many_rows

            raise QueryError(too_many_rows(max_rows))
        rows.append({n: rdflib_term(solution[n]) for n in names if solution[n] is not None})
    return Results(names, rows)


ONLY_ROWS = "only SELECT and ASK queries give rows (use the server or 'idmkg export' for graphs)"


def select(store, text: str, max_rows: int | None = None):
    """Run a SELECT or ASK query on ``store`` in this process; its answer as Results."""
    try:
        return _results(store.query(text), max_rows)
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL query: {' '.join(str(err).split())[:300]}") from None
    except QueryError:
        raise
    except Exception as err:  # an evaluation error is the query's: one line
        raise QueryError(f"query failed: {' '.join(str(err).split())[:300]}") from None


# ---------------------------------------------------------------------------
# queries under a time limit: in a worker process, which can be stopped
# ---------------------------------------------------------------------------

_WORKERS: dict[tuple, object] = {}
_WORKERS_LOCK = threading.Lock()


def _stop_workers() -> None:
    for worker in list(_WORKERS.values()):
        worker.kill()
    _WORKERS.clear()


def select_with_limit(path: Path, text: str, timeout: float, max_rows: int | None = None):
    """Run a SELECT or ASK query on the graph file ``path`` in a worker process (started once
    and kept for the next queries on the same file): past ``timeout`` seconds the process is
    stopped, so a runaway query leaves nothing running behind (a thread could not be
    stopped). The worker answers with a term table (each distinct term once, rows as
    indexes: ``server.workers.term_table``), read into Results here."""
    import atexit

    from .engine import QueryTimeout
    from .results import from_term_table
    from .server.workers import TERMS, Job, Worker

    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    with _WORKERS_LOCK:
        worker = _WORKERS.get(key)
        if worker is None or not worker.alive():
            for old in [k for k in _WORKERS if k[0] == key[0]]:
                _WORKERS.pop(old).kill()
            if not _WORKERS:
                atexit.register(_stop_workers)
            from .namespaces import DEFAULT_BASE

            worker = Worker(path, DEFAULT_BASE)
            try:
                worker.wait_ready(120)
            except Exception as err:  # the worker says why it could not load the graph
                raise QueryError(str(err)) from None
            _WORKERS[key] = worker
        job = Job(text, TERMS, None, max_rows if max_rows is not None else 2 ** 62)
        try:
            worker.conn.send(job)
            done = worker.conn.poll(timeout)
            outcome = worker.conn.recv() if done else None
        except (EOFError, OSError):
            _WORKERS.pop(key, None)
            worker.kill()
            raise QueryError("the query process stopped unexpectedly (out of memory?)") from None
        if outcome is None:
            _WORKERS.pop(key, None)
            worker.kill()
            raise QueryTimeout(f"the query ran longer than {timeout:g} s, the time limit, and was stopped "
                               f"(narrow it down, add LIMIT, or raise --timeout)")
    if outcome.status == "ok" and outcome.media == TERMS:
        return from_term_table(outcome.table)
    if outcome.status in ("ok", "not-acceptable"):
        raise QueryError(ONLY_ROWS)
    if outcome.status == "too-many-rows":
        from .queries import too_many_rows

        raise QueryError(too_many_rows(max_rows))
    raise QueryError(outcome.message)
