"""Serving the graph over HTTP: a read-only SPARQL 1.1 Protocol endpoint, linked-data pages
for every entity, the canned queries as forms, and the theme lineage, on an ASGI stack
(Starlette, run by uvicorn).

The parts, in the order a request meets them:

- :mod:`.config`: the settings (graph file, host, port, time and row limits, workers);
- :mod:`.snapshot`: the built graph loaded into an in-memory Oxigraph store, swapped
  whole when a rebuild replaces the file;
- :mod:`.negotiate`: HTTP content negotiation (``Accept`` with q-values);
- :mod:`.workers`: SPARQL evaluation in worker processes, so a query past the time limit
  is stopped by ending its process while the others keep serving;
- :mod:`.protocol`: the SPARQL 1.1 Protocol (GET/POST, result formats, updates refused);
- :mod:`.pages` and :mod:`.query_pages`: HTML for people, rendered by :mod:`.render`;
- :mod:`.app`: the routes, access log, health, VoID, start-up and shutdown.
"""
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app", "serve"]


def create_app(config: ServerConfig | None = None):
    from .app import create_app as _create

    return _create(config or ServerConfig())


def serve(config: ServerConfig | None = None) -> None:
    from .app import serve as _serve

    _serve(config or ServerConfig())
