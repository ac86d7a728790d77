"""The web application: routes, start-up and shutdown, access log, health and VoID.

Start-up loads the graph (:class:`~.snapshot.Snapshot`) and starts the query workers;
while serving, a background task checks the graph file and swaps in a new snapshot (and a
new set of workers) once a rebuild has replaced it; shutdown stops the workers.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from ..errors import ServerError
from .config import ServerConfig
from .snapshot import Snapshot, graph_file

log = logging.getLogger("idmkg.server")
access = logging.getLogger("idmkg.access")


class AccessLog:
    """One line per request (Common Log Format-like, with the time taken), as pure ASGI
    middleware so that streaming responses are timed to their end."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = {"code": 500, "bytes": 0}

        async def sending(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body":
                status["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            client = scope.get("client") or ("-", 0)
            path = scope.get("path", "")
            if scope.get("query_string"):
                path += "?" + scope["query_string"].decode("latin-1")
            ms = (time.perf_counter() - started) * 1000
            access.info('%s "%s %s" %d %d %.1fms', client[0], scope.get("method", "-"), path[:300],
                        status["code"], status["bytes"], ms)


def create_app(config: ServerConfig, snapshot: Snapshot | None = None):
    from starlette.applications import Starlette
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from . import pages, protocol, query_pages
    from .render import STATIC

    path = graph_file(config.graph)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        from .workers import WorkerPool

        app.state.config = config
        app.state.snapshot = snapshot or await asyncio.to_thread(Snapshot.load, path, config.base)
        app.state.pool = WorkerPool(path, config.workers, config.timeout, config.max_rows, config.base)
        await app.state.pool.start()
        log.info("serving %s (%d triples) with %d query workers", path, app.state.snapshot.triples, config.workers)
        watcher = asyncio.create_task(_watch(app, config)) if config.reload_interval > 0 else None
        asyncio.create_task(_prepare(app.state.snapshot))
        try:
            yield
        finally:
            if watcher:
                watcher.cancel()
            log.info("shutting down: stopping the query workers")
            await app.state.pool.close()
            log.info("stopped")

    routes = [
        Route("/health", health),
        Route("/.well-known/void", void),
        *protocol.routes(),
        *query_pages.routes(),
        *pages.routes(),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=pages.exception_handlers())
    app.state.config = config
    return AccessLog(app)


async def _prepare(snapshot: Snapshot) -> None:
    """Build the pages that take seconds (home counts, the lineage view) in the background
    after start-up or a reload, so the first visitor does not wait for them."""
    from .pages import warm_up

    try:
        await warm_up(snapshot)
    except Exception as err:  # noqa: BLE001 (a page that cannot be prepared fails again, with a message, when asked)
        log.warning("could not prepare the pages in advance: %s", err)


async def _watch(app, config: ServerConfig) -> None:
    """Swap in the rebuilt graph: load it completely (new snapshot, new workers) while the
    old one keeps serving, then switch; the old workers finish what they run, then stop."""
    from .workers import WorkerPool

    while True:
        await asyncio.sleep(config.reload_interval)
        current = app.state.snapshot
        if not current.changed():
            continue
        try:
            fresh = await asyncio.to_thread(Snapshot.load, current.path, config.base)
            pool = WorkerPool(current.path, config.workers, config.timeout, config.max_rows, config.base)
            await pool.start()
        except (ServerError, OSError) as err:
            log.warning("graph changed but cannot be loaded; still serving the previous one: %s", err)
            current.stamp = fresh_stamp(current)
            continue
        await _prepare(fresh)
        old = app.state.pool
        app.state.snapshot, app.state.pool = fresh, pool
        log.info("graph reloaded: %s (%d triples, version %s)", fresh.path, fresh.triples, fresh.version)
        asyncio.create_task(old.close())


def fresh_stamp(snapshot: Snapshot):
    from .snapshot import file_stamp

    try:
        return file_stamp(snapshot.path)
    except OSError:
        return snapshot.stamp


async def health(request):
    from starlette.responses import JSONResponse

    snap = request.app.state.snapshot
    pool = request.app.state.pool
    return JSONResponse({"status": "ok", "graph": str(snap.path), "version": snap.version,
                         "triples": snap.triples, "loaded": snap.loaded_at.isoformat(timespec="seconds"),
                         "workers": pool.size, "busy": pool.busy})


async def void(request):
    """The VoID/DCAT description of the dataset, with this server's SPARQL endpoint."""
    from .protocol import graph_response
    from .void import void_graph

    graph = await asyncio.to_thread(void_graph, request.app.state.snapshot, str(request.base_url).rstrip("/"))
    return graph_response(request, graph)


def check_port(host: str, port: int) -> None:
    """A clear error now, rather than uvicorn's later, when the address cannot be bound."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise ServerError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            raise ServerError(f"cannot listen on {host}:{port}: {err.strerror}") from None


def serve(config: ServerConfig) -> None:
    """Run the server in the foreground until SIGINT/SIGTERM (graceful: requests in flight
    finish, the workers stop, exit status 0). The graph is loaded and the address checked
    first, so a bad file or a taken port is one clear error, not a failed start-up."""
    import signal
    import sys

    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    snapshot = Snapshot.load(graph_file(config.graph), config.base)
    check_port(config.host, config.port)
    app = create_app(config, snapshot)
    log.info("serving %s at http://%s:%d/ (SPARQL endpoint: /sparql); Ctrl-C stops", snapshot.path, config.host,
             config.port)
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then raises the signal again with the
    # handlers it found in place: let that end the process with status 0
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: sys.exit(0))
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=10, lifespan="on")
