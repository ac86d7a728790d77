"""SPARQL evaluation in worker processes.

A SPARQL engine cannot be interrupted from outside once a query runs, and a thread cannot
be killed; a process can. Each worker is a process holding its own copy of the graph (an
in-memory Oxigraph store loaded from the graph file). The server hands a query to an idle
worker and waits at most the time limit; past it, the worker is killed and replaced, and
the client gets a clear "time limit" error, while the other workers go on serving. Rows
are counted as they come: past the row limit the worker stops and says so, so a query
that would return millions of rows never builds them.

The worker answers with the response body already written in the negotiated format, so
the server process only passes bytes on. A library caller (``run_query`` on a graph file,
:func:`idmkg.store.select_with_limit`) asks for :data:`TERMS` instead: the solutions as a
term table (each distinct term once, the rows as indexes into it), which the caller turns
into rdflib terms without a document to write and parse (:func:`idmkg.results.from_term_table`).
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("idmkg.server")

#: media types per query form, in the order offered when the client accepts several
SOLUTION_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values"]
BOOLEAN_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values"]
#: the answer for a library caller in another process, never offered over HTTP: the solutions
#: as a term table (:func:`term_table`)
TERMS = "application/x-idmkg-term-table"
GRAPH_TYPES = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml",
               "application/trig", "application/n-quads"]


@dataclass
class Job:
    """A query to run: its text, how to answer (the Accept header and ``?format=``, or
    ``accept=TERMS`` for a term table), and the row limit."""

    query: str
    accept: str | None = None
    format: str | None = None
    max_rows: int = 10_000
    default_graphs: tuple = ()
    named_graphs: tuple = ()


@dataclass
class Outcome:
    """What a worker answered: ``status`` is ``ok`` (``media``/``body``/``count`` set),
    ``bad-query``, ``too-many-rows``, ``not-acceptable`` (``offered`` set), ``failed``,
    ``timeout`` or ``busy``; ``message`` is one line for people. An answer in :data:`TERMS`
    has ``table`` set instead of ``body`` (see :func:`term_table`)."""

    status: str
    media: str = ""
    body: bytes = b""
    count: int = 0
    message: str = ""
    offered: tuple = ()
    table: object = None


class RowLimit(Exception):
    pass


# ---------------------------------------------------------------------------
# in the worker process
# ---------------------------------------------------------------------------

from ..store import rdflib_term as _rdflib_term  # noqa: E402 (one conversion for the server and the library)


def _solutions(result, job: Job):
    from ..results import Results, to_csv, to_json, to_tsv, to_xml
    from .negotiate import choose

    media = choose(job.accept, SOLUTION_TYPES, job.format)
    if media is None:
        return Outcome("not-acceptable", offered=tuple(SOLUTION_TYPES))
    variables = [v.value for v in result.variables]
    bindings = []
    for solution in result:
        if len(bindings) >= job.max_rows:
            raise RowLimit()
        row = {}
        for name in variables:
            value = solution[name]
            if value is not None:
                row[name] = _rdflib_term(value)
        bindings.append(row)
    res = Results(variables, bindings)
    write = {"application/sparql-results+json": to_json, "application/sparql-results+xml": to_xml,
             "text/csv": to_csv, "text/tab-separated-values": to_tsv}[media]
    return Outcome("ok", media, write(res).encode("utf-8"), len(bindings))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _plain_term(term) -> tuple:
    """A pyoxigraph term as plain data (:func:`idmkg.results.from_term_table` reads it):
    ``("u", iri)``, ``("b", id)``, ``("l", text)``, ``("l", text, lang)`` or
    ``("t", text, datatype)``; an RDF-star triple as its text, like ``store.rdflib_term``."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return ("u", term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return ("b", term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return ("l", term.value, term.language)
        datatype = term.datatype.value
        return ("l", term.value) if datatype == _XSD_STRING else ("t", term.value, datatype)
    return ("l", str(term))


def term_table(result, max_rows: int) -> tuple:
    """The solutions of a SELECT as ``(variables, terms, flat, count)``: each distinct term
    once, as plain data (:func:`_plain_term`), and the ``count`` rows as one flat array of
    indexes into ``terms``, ``len(variables)`` per row, -1 where a variable is unbound. Much less to
    build, send and read than a results document when a value recurs (a note, a label, a
    year); past ``max_rows`` rows, RowLimit."""
    from array import array

    variables = [v.value for v in result.variables]
    index: dict = {}
    terms: list = []
    flat = array("q")
    count = 0
    for solution in result:
        if count >= max_rows:
            raise RowLimit()
        count += 1
        for term in solution:
            if term is None:
                flat.append(-1)
                continue
            i = index.get(term)
            if i is None:
                i = index[term] = len(terms)
                terms.append(term)
            flat.append(i)
    return variables, [_plain_term(t) for t in terms], flat, count


def _boolean(result, job: Job):
    from ..results import Results, to_csv, to_json, to_tsv, to_xml
    from .negotiate import choose

    media = choose(job.accept, BOOLEAN_TYPES, job.format)
    if media is None:
        return Outcome("not-acceptable", offered=tuple(BOOLEAN_TYPES))
    res = Results([], boolean=bool(result))
    write = {"application/sparql-results+json": to_json, "application/sparql-results+xml": to_xml,
             "text/csv": to_csv, "text/tab-separated-values": to_tsv}[media]
    return Outcome("ok", media, write(res).encode("utf-8"), 1)


def _triples(result, job: Job, base: str):
    from .negotiate import choose
    from .rdf_out import serialize_triples

    media = choose(job.accept, GRAPH_TYPES, job.format)
    if media is None:
        return Outcome("not-acceptable", offered=tuple(GRAPH_TYPES))
    triples = []
    for triple in result:
        if len(triples) >= job.max_rows:
            raise RowLimit()
        triples.append(triple)
    return Outcome("ok", media, serialize_triples(triples, media, base), len(triples))


def evaluate(store, job: Job, base: str) -> Outcome:
    """Run ``job`` on ``store`` (the union of its graphs as the default graph)."""
    import pyoxigraph

    from ..queries import with_prefixes

    dataset = {}   # the store's default graph: the merge of every named graph (snapshot.load_store)
    if job.default_graphs:
        dataset = {"default_graph": [pyoxigraph.NamedNode(g) for g in job.default_graphs]}
    if job.named_graphs:
        dataset["named_graphs"] = [pyoxigraph.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(with_prefixes(job.query), **dataset)
        if job.accept == TERMS:
            if isinstance(result, pyoxigraph.QuerySolutions):
                table = term_table(result, job.max_rows)
                return Outcome("ok", TERMS, count=table[3], table=table)
            if isinstance(result, pyoxigraph.QueryBoolean):
                return Outcome("ok", TERMS, count=1, table=bool(result))
            return Outcome("not-acceptable", offered=tuple(GRAPH_TYPES))
        if isinstance(result, pyoxigraph.QuerySolutions):
            return _solutions(result, job)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return _boolean(result, job)
        return _triples(result, job, base)
    except SyntaxError as err:
        return Outcome("bad-query", message=f"malformed SPARQL query: {' '.join(str(err).split())[:300]}")
    except RowLimit:
        return Outcome("too-many-rows", message=f"the query gives more than {job.max_rows:,} results "
                                                "(the server's row limit): add LIMIT or narrow it down")
    except Exception as err:  # an evaluation error (type error in an aggregate, ...) is the query's
        return Outcome("failed", message=f"query failed: {' '.join(str(err).split())[:300]}")


def worker_main(conn, path: str, base: str) -> None:
    """A worker's life: load the graph, say ready, answer jobs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the server decides when workers stop
    from .snapshot import load_store

    try:
        store = load_store(Path(path))
    except Exception as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", len(store)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(evaluate(store, job, base))


# ---------------------------------------------------------------------------
# in the server process
# ---------------------------------------------------------------------------

class Worker:
    """One worker process: ``python -m idmkg.server.workers GRAPH BASE FD``, talking over a
    socket pair (a fresh interpreter, so nothing of the server's state, threads or main
    module is copied into it)."""

    def __init__(self, path: Path, base: str):
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "idmkg.server.workers", str(path), base, str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())

    def wait_ready(self, timeout: float) -> None:
        from ..errors import ServerError

        try:
            if not self.conn.poll(timeout):
                raise ServerError(f"a query worker did not load the graph within {timeout:.0f} s")
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise ServerError("a query worker stopped while loading the graph") from None
        except ServerError:
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise ServerError(f"a query worker cannot load the graph: {detail}")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        try:
            self.process.kill()
            self.process.wait(5)
        except (OSError, ValueError):
            pass
        except Exception:  # noqa: BLE001 (subprocess.TimeoutExpired: nothing more to do)
            pass
        self.conn.close()

    def stop(self) -> None:
        """Ask the worker to finish and wait a little; kill it if it does not."""
        import subprocess

        try:
            self.conn.send(None)
            self.process.wait(2)
            self.conn.close()
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.kill()


class WorkerPool:
    """``size`` workers over the graph in ``path``; :meth:`run` answers a :class:`Job`
    within ``timeout`` seconds (waiting for a free worker included)."""

    def __init__(self, path: Path, size: int, timeout: float, max_rows: int, base: str | None = None,
                 start_timeout: float = 120.0):
        from ..namespaces import DEFAULT_BASE

        self.path, self.size, self.timeout, self.max_rows = Path(path), max(1, size), timeout, max_rows
        self.base = base or DEFAULT_BASE
        self.start_timeout = start_timeout
        self.idle: asyncio.Queue | None = None
        self.busy = 0
        self.closed = False
        self.executor = concurrent.futures.ThreadPoolExecutor(max_workers=self.size + 2,
                                                              thread_name_prefix="idmkg-pool")
        self.all: set[Worker] = set()
        self.stopped_by_timeout = 0

    def _spawn(self) -> Worker:
        worker = Worker(self.path, self.base)
        worker.wait_ready(self.start_timeout)
        return worker

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.idle = asyncio.Queue()
        workers = await asyncio.gather(*(loop.run_in_executor(self.executor, self._spawn) for _ in range(self.size)),
                                       return_exceptions=True)
        errors = [w for w in workers if isinstance(w, BaseException)]
        for w in workers:
            if isinstance(w, Worker):
                self.all.add(w)
                self.idle.put_nowait(w)
        if errors:
            await self.close()
            raise errors[0]

    async def _replace(self, dead: Worker) -> None:
        self.all.discard(dead)
        if self.closed:
            return
        loop = asyncio.get_running_loop()
        try:
            worker = await loop.run_in_executor(self.executor, self._spawn)
        except Exception as err:  # noqa: BLE001 (logged; the pool serves with one worker fewer)
            log.error("cannot start a replacement query worker: %s", err)
            return
        if self.closed:
            worker.stop()
            return
        self.all.add(worker)
        self.idle.put_nowait(worker)

    async def run(self, job: Job) -> Outcome:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self.idle.get(), self.timeout)
        except asyncio.TimeoutError:
            return Outcome("busy", message=f"every query worker was busy for {self.timeout:g} s; try again later")
        self.busy += 1
        try:
            try:
                worker.conn.send(job)
                left = max(0.0, deadline - loop.time())
                ready = await loop.run_in_executor(self.executor, worker.conn.poll, left)
                if not ready:
                    self.stopped_by_timeout += 1
                    worker.kill()
                    asyncio.create_task(self._replace(worker))
                    return Outcome("timeout", message=f"the query was stopped after {self.timeout:g} s "
                                                      "(the server's time limit)")
                outcome = worker.conn.recv()
            except (EOFError, OSError, ValueError) as err:
                worker.kill()
                asyncio.create_task(self._replace(worker))
                return Outcome("failed", message=f"the query worker stopped unexpectedly ({err.__class__.__name__}); "
                                                 "the query may have needed too much memory")
            if self.closed:
                worker.stop()
            else:
                self.idle.put_nowait(worker)
            return outcome
        finally:
            self.busy -= 1

    async def close(self) -> None:
        """Stop idle workers now; a worker still running a query stops when it returns."""
        self.closed = True
        loop = asyncio.get_running_loop()
        stopping = []
        while self.idle is not None and not self.idle.empty():
            stopping.append(self.idle.get_nowait())
        await asyncio.gather(*(loop.run_in_executor(self.executor, w.stop) for w in stopping))
        if self.busy == 0:
            for w in list(self.all):
                if w.alive():
                    await loop.run_in_executor(self.executor, w.kill)
            self.executor.shutdown(wait=False)


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))


if __name__ == "__main__":
    import sys
    from multiprocessing.connection import Connection

    from idmkg.server import workers   # the module by its name, so what it sends unpickles as such

    workers.worker_main(Connection(int(sys.argv[3])), sys.argv[1], sys.argv[2])
