"""The graph a server answers from: a built graph file loaded into an in-memory Oxigraph
store. A snapshot never changes once loaded; a rebuild gives a new snapshot, which the
server swaps in whole once it is completely loaded, so a request sees one graph or the
other, never a mix (the build writes its files atomically, so a complete file is all a
snapshot ever reads)."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ServerError
from ..namespaces import DEFAULT_BASE
from ..store import FORMATS as _FORMATS
from ..store import load_store as _load_store

DEFAULT_GRAPH_FILE = Path("dist") / "idmkg.trig"


def load_store(path: Path):
    """The graph file in an in-memory Oxigraph store (:func:`idmkg.store.load_store`); an
    unreadable file is a ServerError."""
    return _load_store(path, ServerError)


def graph_file(path: Path | str | None, progress=None) -> Path:
    """``path``, or the last build's TriG (built first when there is none)."""
    from ..graph_file import graph_path

    path = graph_path(path, ServerError, progress, default=DEFAULT_GRAPH_FILE)
    if path.suffix.lower() not in _FORMATS:
        raise ServerError(f"{path}: unknown graph format {path.suffix!r} (use one of: {', '.join(sorted(_FORMATS))})")
    return path


def file_stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@dataclass
class Snapshot:
    """One loaded graph: the ``store`` (every named graph of the file; queries see their
    union as the default graph), where it came from and when."""

    path: Path
    store: object   # pyoxigraph.Store: the named graphs, and their merge as the default graph
    base: str = DEFAULT_BASE
    stamp: tuple[int, int] = (0, 0)
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    triples: int = 0
    quads: int = 0
    version: str = ""
    cache: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str, base: str = DEFAULT_BASE) -> "Snapshot":
        path = Path(path)
        stamp = file_stamp(path)
        store = load_store(path)
        triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0]
        version = hashlib.sha256(f"{path.resolve()}|{stamp[0]}|{stamp[1]}".encode()).hexdigest()[:12]
        return cls(path, store, base, stamp, triples=int(triples.value), quads=len(store), version=version)

    def changed(self) -> bool:
        """Whether the file on disk is no longer the one loaded."""
        try:
            return file_stamp(self.path) != self.stamp
        except OSError:
            return False   # gone for a moment (being replaced): keep serving what we have

    def query(self, text: str, **kwargs):
        """Run one of the server's own (bounded) queries on the default graph: the merge of
        every named graph."""
        return self.store.query(text, **kwargs)

    def local_path(self, iri: str) -> str | None:
        """The path under which this server answers for ``iri`` (``/id/theme/x``), or None
        for an IRI outside the base."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return None

    def iri(self, path: str) -> str:
        """The IRI a local path stands for."""
        return self.base + path.lstrip("/")
