"""What a server is told at start-up."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..namespaces import DEFAULT_BASE

DEFAULT_PORT = 8080
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_WORKERS = 2


@dataclass
class ServerConfig:
    """``graph`` is the built graph to serve (default: the last build, ``dist/idmkg.trig``);
    ``timeout`` (seconds) and ``max_rows`` bound every SPARQL query; ``workers`` is the number
    of processes that evaluate queries side by side; ``base`` is the base IRI the graph was
    minted under, whose ``id/...`` IRIs this server answers for; ``reload_interval`` is how
    often (seconds) the graph file is checked for a rebuild (0: never); ``federation`` lets
    queries use SERVICE to reach other endpoints (off: the server makes no outgoing requests)."""

    graph: Path | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = DEFAULT_WORKERS
    base: str = DEFAULT_BASE
    reload_interval: float = 2.0
    access_log: bool = True
    federation: bool = False
    extra: dict = field(default_factory=dict)
