"""Reading a built graph back from a file: the last build (``dist/idmkg.ttl``, built first
when there is none) or any RDF file, its format told by the extension. One place for the
query engine and the lineage, each raising its own kind of error."""
from __future__ import annotations

from pathlib import Path

DEFAULT_GRAPH = Path("dist") / "idmkg.ttl"
FORMATS = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".trig": "trig", ".nq": "nquads",
           ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


def graph_path(path: Path | str | None, error: type[Exception], progress=None, default: Path = DEFAULT_GRAPH) -> Path:
    """``path``, or the last build's ``default`` file, which is built first when there is
    none; a missing file is ``error``."""
    if path is None:
        path = default
        if not path.exists():
            from .pipeline import build

            if progress:
                progress(f"no graph at {path}: building it first")
            build(out=path.parent, progress=progress)
    path = Path(path)
    if not path.is_file():
        raise error(f"{path}: graph file not found (run 'idmkg build' first?)")
    return path


def read_graph(path: Path, error: type[Exception], progress=None, *, allow_network: bool | None = None):
    """The rdflib graph in ``path`` (a Dataset with the union as default graph for TriG and
    N-Quads); an unreadable file is ``error``. Nothing else is read: a JSON-LD file with a
    remote or ``file:`` ``@context`` is refused, and any network request made while parsing
    is refused, unless ``allow_network`` (see :mod:`idmkg.offline`)."""
    from rdflib import Dataset, Graph

    from . import offline

    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    graph = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    if progress:
        progress(f"reading {path}")
    if fmt == "json-ld":
        try:
            data = path.read_bytes()
        except OSError as err:
            raise error(f"{path}: cannot read the graph: {err.strerror or err}") from None
        offline.check_jsonld(data, str(path), error, allow_network)
    refused: list = []
    try:
        with offline.guard(allow_network) as refused:
            graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many kinds; all mean "not a readable graph"
        if refused:
            raise error(f"{path}: reading it tried to reach the network ({refused[0]}): refused; "
                        f"{offline.HOW_TO_ALLOW}") from None
        raise error(f"{path}: cannot read the graph ({fmt}): {' '.join(str(err).split())[:200]}") from None
    return graph
