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

DEFAULT_GRAPH_FILE = Path("dist") / "idmkg.trig"
_FORMATS = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
            ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML", ".jsonld": "JSON_LD"}


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


def load_store(path: Path):
    """An in-memory Oxigraph store holding ``path``; an unreadable file is a ServerError
    naming the file and, where the parser says, the line and column.

    The default graph is the RDF merge of every named graph, materialised: Oxigraph's own
    "default graph as union" option does not remove a triple that two graphs share (the
    note's and ``graph/inferred`` both say ``?note a idm:DiscussionNote``), so a query
    would see it twice and give duplicate rows, where SPARQL's merge gives one. The named
    graphs stay, for ``GRAPH ?g`` and for telling which note says what."""
    import pyoxigraph

    fmt = getattr(pyoxigraph.RdfFormat, _FORMATS[path.suffix.lower()])
    store = pyoxigraph.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        where = f"{path}:{err.lineno}:{err.offset}" if getattr(err, "lineno", None) else str(path)
        raise ServerError(f"{where}: cannot read the graph: {' '.join(str(err.msg or err).split())[:200]}") from None
    except (OSError, ValueError) as err:
        raise ServerError(f"{path}: cannot read the graph: {' '.join(str(err).split())[:200]}") from None
    default = pyoxigraph.DefaultGraph()
    named = [q.triple for q in store.quads_for_pattern(None, None, None, None)
             if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, default) for t in named)
    return store


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

    def match(self, s=None, p=None, o=None):
        """The triples of the merged graph matching a pattern (pyoxigraph terms or None),
        each once."""
        import pyoxigraph

        return (q.triple for q in self.store.quads_for_pattern(s, p, o, pyoxigraph.DefaultGraph()))

    def local_path(self, iri: str) -> str | None:
        """The path under which this server answers for ``iri`` (``/id/theme/x``), or None
        for an IRI outside the base."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return None

    def iri(self, path: str) -> str:
        """The IRI a local path stands for."""
        return self.base + path.lstrip("/")
