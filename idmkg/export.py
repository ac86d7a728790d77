"""Partner exports: the graph in Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML, with
a choice of what goes in (all notes or some; asserted facts only or with the OWL 2 RL
inferences; with or without the ontology and concept scheme), always with the dataset
description (VoID, DCAT, PROV-O: :mod:`idmkg.describe`).

TriG and N-Quads keep the named graphs: one per note (``{base}graph/note/{key}``), then
``graph/derived`` (what no single note states), ``graph/curated`` (hand-entered facts, if
any), ``graph/inferred``, ``graph/ontology`` and ``graph/description``, so that a partner
can drop or refresh one note. The other formats hold the union of the same graphs.

Every format is deterministic (:mod:`idmkg.serialize`): the same notes give byte-identical
files, whatever the order the triples were added in and whatever the Python hash seed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .assemble import graph_name, union
from .errors import ExportError
from .namespaces import DEFAULT_BASE, IDM, export_prefixes

if TYPE_CHECKING:  # pragma: no cover
    from .model import Note
    from .pipeline import BuildResult


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    media_type: str
    #: keeps named graphs (TriG, N-Quads); the others hold the union of the graphs
    datasets: bool = False


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "Turtle", ".ttl", "text/turtle"),
    Format("ntriples", "N-Triples", ".nt", "application/n-triples"),
    Format("nquads", "N-Quads", ".nq", "application/n-quads", datasets=True),
    Format("trig", "TriG", ".trig", "application/trig", datasets=True),
    Format("jsonld", "JSON-LD", ".jsonld", "application/ld+json"),
    Format("rdfxml", "RDF/XML", ".rdf", "application/rdf+xml"),
)}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads",
           "json-ld": "jsonld", "rdf": "rdfxml", "xml": "rdfxml", "rdf/xml": "rdfxml", "rdf-xml": "rdfxml"}
EXTENSIONS = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld",
              ".json": "jsonld", ".rdf": "rdfxml", ".xml": "rdfxml", ".owl": "rdfxml"}


def format_names() -> str:
    return ", ".join(FORMATS)


def resolve_format(fmt: str | None = None, path: Path | str | None = None) -> Format:
    """The format asked for by name (or alias), else the one the file extension says."""
    if fmt:
        key = ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
        if key not in FORMATS:
            raise ExportError(f"unknown format {fmt!r}; choose one of {format_names()}")
        return FORMATS[key]
    if path is not None:
        ext = Path(path).suffix.lower()
        if ext in EXTENSIONS:
            return FORMATS[EXTENSIONS[ext]]
        raise ExportError(f"{path}: cannot tell the format from the extension {ext or '(none)'!s}; give --format "
                          f"({format_names()}) or name the file .ttl, .nt, .nq, .trig, .jsonld or .rdf")
    raise ExportError(f"give --format ({format_names()}) or -o FILE with a known extension")


def resolve_notes(notes: list[Note], wanted) -> list[str]:
    """Note keys for names given by symbol (``IC/2009/10``) or key (``IC-2009-10``,
    ``idm-2009-after-2009-02-26``), case-insensitive; in the order given, without repeats."""
    by_name: dict[str, str] = {}
    for n in notes:
        by_name[n.key.lower()] = n.key
        if n.symbol:
            by_name[n.symbol.lower()] = n.key
    keys: list[str] = []
    for name in wanted:
        key = by_name.get(str(name).strip().lower())
        if key is None:
            known = ", ".join(n.symbol or n.key for n in sorted(notes, key=lambda n: n.key))
            raise ExportError(f"unknown note {name!r}; the notes are: {known}")
        if key not in keys:
            keys.append(key)
    return keys


def check_endpoint(url: str | None) -> str | None:
    if url is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() or c in '<>"{}|^`\\' for c in url):
        raise ExportError(f"--sparql-endpoint {url!r} is not an http(s) URL")
    return url


def check_writable(path: Path | str) -> Path:
    """Fail early, before a build, if ``path`` cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    probe = path.absolute().parent
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise ExportError(f"{path}: cannot write: {probe} is not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise ExportError(f"{path}: cannot write: no permission to write in {probe}")
    return path


def write_file(path: Path | str, text: str) -> Path:
    """Atomic write (nothing left behind on failure); an OS error becomes one line."""
    from .serialize import write_atomic

    path = Path(path)
    try:
        write_atomic(path, text)
    except OSError as err:
        raise ExportError(f"{path}: cannot write: {err.strerror or err}") from None
    return path


# --- what goes in ----------------------------------------------------------------------

def select(result: BuildResult, notes: list[str] | None = None, *, inferred: bool = False,
           ontology: bool = False) -> dict[str, Graph]:
    """The data graphs of an export, by graph IRI (the description is added by :func:`export`).

    ``notes``: keys of the notes to keep (None: all). With some notes only, ``graph/derived``
    keeps the triples about things those notes mention, and the inferences are those of
    OWL 2 RL on what is exported (the build's own inferences drew on every note)."""
    base = result.base
    by_graph = {graph_name(base, f"note/{n.key}"): n.key for n in result.notes}
    everything = notes is None or set(notes) >= set(by_graph.values())
    keep = set(by_graph.values()) if notes is None else set(notes)
    unknown = keep - set(by_graph.values())
    if unknown:
        raise ExportError(f"unknown note key(s): {', '.join(sorted(unknown))}")
    graphs: dict[str, Graph] = {}
    for name, g in result.asserted.items():
        if name in by_graph:
            if by_graph[name] in keep:
                graphs[name] = g
        elif name != graph_name(base, "derived") or everything:
            graphs[name] = g
    if not everything and graph_name(base, "derived") in result.asserted:
        mentioned = {t for g in graphs.values() for s, _, o in g for t in (s, o)}
        derived = Graph()
        for t in result.asserted[graph_name(base, "derived")]:
            if t[0] in mentioned:
                derived.add(t)
        graphs[graph_name(base, "derived")] = derived
    if inferred:
        if everything:
            graphs[graph_name(base, "inferred")] = result.inferred
        else:
            from .infer import infer

            graphs[graph_name(base, "inferred")] = infer(union(graphs.values(), base), result.schema, base).graph
    if ontology:
        graphs[graph_name(base, "ontology")] = result.schema
    return graphs


def jsonld_context(schema: Graph, base: str = DEFAULT_BASE) -> dict:
    """The JSON-LD context of the exports: the prefixes, and a term for every idm: class and
    property, named by its local name (``startDate``, ``Paragraph``). Object properties
    take IRIs (``"@type": "@id"``); data properties with one datatype range are typed with
    it (``"@type": "xsd:date"``)."""
    prefixes = export_prefixes(base)
    context: dict = dict(prefixes)
    kinds = {OWL.Class: "class", OWL.ObjectProperty: "object", OWL.DatatypeProperty: "data",
             OWL.AnnotationProperty: "annotation", RDF.Property: "other"}
    for kind_class, kind in kinds.items():
        for s in schema.subjects(RDF.type, kind_class):
            iri = str(s)
            if not iri.startswith(str(IDM)):
                continue
            local = iri[len(str(IDM)):]
            if not local or local in context or not local.replace("_", "").isalnum():
                continue
            curie = f"idm:{local}"
            if kind == "object":
                context[local] = {"@id": curie, "@type": "@id"}
            elif kind == "data":
                ranges = [r for r in schema.objects(s, RDFS.range) if isinstance(r, URIRef)]
                if len(ranges) == 1 and str(ranges[0]).startswith(str(XSD)) and ranges[0] != XSD.string:
                    context[local] = {"@id": curie, "@type": f"xsd:{str(ranges[0])[len(str(XSD)):]}"}
                else:
                    context[local] = {"@id": curie}
            else:
                context[local] = curie
    return dict(sorted(context.items()))


# --- writing ---------------------------------------------------------------------------

@dataclass
class Export:
    """An export made: its format, text, and the graphs it holds (description included)."""

    format: Format
    text: str
    graphs: dict[str, Graph]
    path: Path | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(len(g) for g in self.graphs.values())

    def graph(self) -> Graph:
        """The union of the graphs: what a triple format holds."""
        g = Graph()
        for part in self.graphs.values():
            g += part
        return g


def serialize(graphs: dict[str, Graph], fmt: Format | str, base: str, schema: Graph | None = None) -> str:
    """``graphs`` (graph IRI -> graph) written in ``fmt``, deterministically."""
    from . import serialize as ser

    fmt = fmt if isinstance(fmt, Format) else resolve_format(fmt)
    prefixes = export_prefixes(base)
    if fmt.name == "trig":
        return ser.to_trig(graphs, prefixes)
    if fmt.name == "nquads":
        return ser.to_nquads(graphs)
    merged: set | Graph = set().union(*(set(g) for g in graphs.values()))
    if fmt.name == "jsonld" or any(isinstance(t, BNode) for triple in merged for t in triple):
        merged = union(graphs.values(), base)  # rdflib's JSON-LD writer and canonical() need a Graph
    if fmt.name == "turtle":
        return ser.to_turtle(merged, prefixes)
    if fmt.name == "ntriples":
        return ser.to_ntriples(merged)
    if fmt.name == "rdfxml":
        return ser.to_rdfxml(merged, prefixes)
    if fmt.name == "jsonld":
        if schema is None:
            from .pipeline import load_schema

            schema = load_schema()
        return ser.to_jsonld(merged, jsonld_context(schema, base))
    raise ExportError(f"unknown format {fmt.name!r}")  # pragma: no cover - FORMATS is closed


def export(result: BuildResult, fmt: Format | str = "trig", notes: list[str] | None = None, *,
           inferred: bool = False, ontology: bool = False, endpoint: str | None = None,
           description: bool = True, queries: bool = False) -> Export:
    """Select, describe and serialise; nothing is written (see :func:`export_file`).
    ``notes`` are names as :func:`resolve_notes` takes them (symbols or keys). ``queries``
    adds the canned-query catalogue (``graph/queries``, sh:SPARQLExecutable per query), so
    the export says which questions it answers."""
    import time

    from .describe import describe

    started = time.perf_counter()
    fmt = fmt if isinstance(fmt, Format) else resolve_format(fmt)
    keys = resolve_notes(result.notes, notes) if notes else None
    graphs = select(result, keys, inferred=inferred, ontology=ontology)
    if queries:
        from .catalogue import catalogue_graph

        graphs[graph_name(result.base, "queries")] = catalogue_graph(result.base, endpoint=check_endpoint(endpoint))
    if description:
        chosen = [n for n in result.notes if keys is None or n.key in keys]
        graphs[graph_name(result.base, "description")] = describe(graphs, chosen, result.base,
                                                                 endpoint=check_endpoint(endpoint))
    text = serialize(graphs, fmt, result.base, result.schema)
    return Export(fmt, text, graphs, seconds=time.perf_counter() - started,
                  notes=keys or [n.key for n in result.notes])


def export_file(output: Path | str | None = None, fmt: str | None = None, notes=(), *, inferred: bool = False,
                ontology: bool = False, endpoint: str | None = None, corpus: Path | str | None = None,
                base: str = DEFAULT_BASE, progress: Callable[[str], None] | None = None,
                queries: bool = False) -> Export:
    """What ``idmkg export`` does: check the request (format, notes, output path, endpoint)
    before anything slow, build the graph (refusing one that violates the shapes), export,
    and write ``output`` atomically (or only return the text when ``output`` is None)."""
    from . import resources
    from .parse import parse_corpus
    from .pipeline import build

    say = progress or (lambda message: None)
    if output is not None:
        check_writable(output)
    chosen = resolve_format(fmt, output)
    check_endpoint(endpoint)
    if notes:
        resolve_notes(parse_corpus(corpus or resources.NOTES_DIR), notes)
    result = build(corpus, None, base=base, progress=progress, write=False, check=True)
    say(f"exporting {chosen.label}")
    made = export(result, chosen, list(notes) or None, inferred=inferred, ontology=ontology, endpoint=endpoint,
                  queries=queries)
    if output is not None:
        made.path = write_file(output, made.text)
    return made
