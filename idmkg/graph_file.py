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


def read_graph(path: Path, error: type[Exception], progress=None):
    """The rdflib graph in ``path`` (a Dataset with the union as default graph for TriG and
    N-Quads); an unreadable file is ``error``."""
    from rdflib import Dataset, Graph

    fmt = FORMATS.get(path.suffix.lower(), "turtle")
    graph = Dataset(default_union=True) if fmt in ("trig", "nquads") else Graph()
    if progress:
        progress(f"reading {path}")
    try:
        graph.parse(path, format=fmt)
    except Exception as err:  # rdflib raises many kinds; all mean "not a readable graph"
        raise error(f"{path}: cannot read the graph ({fmt}): {' '.join(str(err).split())[:200]}") from None
    return graph
