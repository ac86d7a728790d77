"""The pipeline, stage by stage: notes -> paragraphs -> facts -> graph -> OWL-RL inference
-> SHACL validation -> deterministic export, with progress reported to a callback and a
build summary at the end."""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from . import resources
from .assemble import assemble_triples, graph_name, graph_of, new_graph, union
from .curation import reconcile
from .errors import DataFileError, IdmkgError, ValidationFailed
from .extract.batch import combined, read_notes, store_entries
from .infer import infer_triples
from .model import Fact, Note
from .namespaces import DEFAULT_BASE, IDM, IDMC, data_prefixes
from .serialize import remove_stale_temporaries, trig_chunks, turtle_chunks, write_atomic
from .validate import ValidationReport, validate, validate_store
from .write_behind import WriteBehind, can_fork

Progress = Callable[[str], None]
#: SHACL engines: the compiled one (default) and the reference
VALIDATORS = ("sparql", "pyshacl")

#: a note from which fewer facts than this are read (concept tags aside) is flagged
FEW_FACTS = 10

#: what the summary counts: label -> class
COUNTED = [
    ("paragraphs", IDM.Paragraph),
    ("footnotes", IDM.Footnote),
    ("workshops", IDM.IntersessionalWorkshop),
    ("themes", IDM.Theme),
    ("workshop topics", IDM.WorkshopTopic),
    ("proposals", IDM.Proposal),
    ("informal consultations", IDM.InformalConsultation),
    ("Council sessions", IDM.CouncilSession),
    ("session segments", IDM.SessionSegment),
    ("conferences", IDM.Conference),
    ("meetings (inferred, all kinds)", IDM.Meeting),
    ("attendance figures", IDM.AttendanceFigure),
    ("survey results", IDM.SurveyResult),
    ("citations", IDM.Citation),
    ("organisations", IDM.Organization),
    ("evidence annotations", IDM.Evidence),
]
#: the kinds listed one by one, with provenance, in the summary
LISTED = [
    ("Workshops", IDM.IntersessionalWorkshop),
    ("Themes", IDM.Theme),
    ("Workshop topics", IDM.WorkshopTopic),
    ("Proposals", IDM.Proposal),
    ("Informal consultations", IDM.InformalConsultation),
    ("Council sessions", IDM.CouncilSession),
    ("Conferences", IDM.Conference),
]


@dataclass
class BuildResult:
    notes: list[Note]
    facts: list[Fact]
    asserted: dict[str, Graph]
    inferred: Graph | list  # the build gives a list of triples
    schema: Graph
    report: ValidationReport | None
    base: str = DEFAULT_BASE
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    curated_facts: int = 0  # triples in graph/curated.ttl
    #: what the check of graph/curated.ttl against the notes reported (overrides applied,
    #: facts about IRIs no note gives)
    curation_warnings: list[str] = field(default_factory=list)
    #: the working dataset (:class:`idmkg.dataset.Dataset`), if the build made one
    dataset: object = None

    def _asserted_parts(self) -> list:
        """The asserted named graphs, as triple lists where the build kept them so."""
        a = self.asserted
        return list(a.triples.values()) if isinstance(a, GraphsOnDemand) else list(a.values())

    @property
    def asserted_graph(self) -> Graph:
        return union(self._asserted_parts(), self.base)

    def complete(self) -> Graph:
        """Asserted + inferred + ontology: the graph queries run on."""
        return union([*self._asserted_parts(), self.inferred, self.schema], self.base)

    def summary(self) -> dict:
        """Counts, triples, verdict and the things listed one by one, read from the working
        dataset (:mod:`idmkg.dataset`) rather than from an rdflib merge of every graph."""
        d = self.working_dataset()
        complete_counts = {"notes": len(d.subjects(str(IDM.sourceSha256)))}
        complete_counts.update({label: len(d.subjects(str(RDF.type), str(cls))) for label, cls in COUNTED})
        asserted = {t for part in self._asserted_parts() for t in part}
        discusses = IDM.discusses
        used = {o for _, p, o in asserted if p == discusses}
        listed = {}
        for title, cls in LISTED:
            rows = []
            for s in sorted(d.subjects(str(RDF.type), str(cls))):
                label = _first(d.values(s, str(SKOS.prefLabel))) or _first(d.values(s, str(RDFS.label))) or s
                sources = sorted({_first(d.values(p.value, str(RDFS.label))) or p.value
                                  for p in d.values(s, str(IDM.statedIn))})
                rows.append({"iri": s, "label": label, "sources": sources})
            listed[title] = rows
        return {
            "warnings": self.warnings(),
            "counts": {**complete_counts, "concepts discussed": len(used),
                       "concepts in scheme": len({c for c in self.schema.subjects(RDF.type, SKOS.Concept)
                                                  if str(c).startswith(str(IDMC))}),
                       "hand-entered triples": self.curated_facts},
            "triples": {"asserted": len(asserted), "inferred": len(self.inferred),
                        "ontology and vocabularies": len(self.schema), "complete": len(d)},
            "validation": "conforms" if self.report and self.report.conforms else
                          ("not run" if self.report is None else f"{len(self.report.violations)} violation(s)"),
            "seconds": round(self.seconds, 2),
            "listed": listed,
        }

    def working_dataset(self):
        """The complete graph in an Oxigraph store (:class:`idmkg.dataset.Dataset`): the
        build's own, or made from the graphs if the result was put together by hand."""
        if self.dataset is None:
            from .dataset import Dataset

            self.dataset = Dataset()
            self.dataset.add(*self._asserted_parts(), self.inferred, self.schema)
        return self.dataset

    def warnings(self) -> list[str]:
        """Notes that parse but yield suspiciously few facts: likely a format the rules miss."""
        per_note: Counter = Counter()
        for f in self.facts:
            if f.prop != "idm:discusses":
                for note in {e.note for e in f.evidence}:
                    per_note[note] += 1
        return [f"{n.source.name} ({n.label}): only {per_note[n.key]} facts read from "
                f"{len(n.paragraphs)} paragraphs; check its format" for n in self.notes
                if per_note[n.key] < FEW_FACTS] + list(self.curation_warnings) + self.shape_warnings()

    def shape_warnings(self) -> list[str]:
        """SHACL results of severity Warning or Info (they do not fail the build)."""
        if self.report is None:
            return []
        return [str(v) for v in self.report.violations if v.severity in ("Warning", "Info")]


def _first(terms) -> str | None:
    """The smallest lexical value among pyoxigraph terms (a stable pick), or None."""
    return min((t.value for t in terms), default=None)


def load_schema() -> Graph:
    """Ontology + controlled vocabulary + concept scheme."""
    g = Graph()
    for path in (resources.ONTOLOGY, resources.VOCAB, resources.CONCEPTS):
        g += resources.load_turtle(path)
    return g


def labels_by_key(schema: Graph, cls: URIRef, namespace: str) -> dict[str, list[str]]:
    """Every wording (pref, alt and hidden labels) of the members of ``cls``, by IRI key."""
    out: dict[str, list[str]] = {}
    for s in schema.subjects(RDF.type, cls):
        if not str(s).startswith(namespace):
            continue
        words = [str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in schema.objects(s, p)]
        out[str(s)[len(namespace):]] = sorted(set(words))
    if not out:
        raise DataFileError(f"no {cls.n3()} with labels in the ontology files")
    return out


def extraction_labels(schema: Graph) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What the extraction rules match words against: every wording of each concept of
    the scheme, and of each attendance category, by key."""
    return (labels_by_key(schema, SKOS.Concept, str(IDMC)),
            labels_by_key(schema, IDM.AttendanceCategory, str(IDM) + "attendance-"))


def load_curated(base: str) -> Graph:
    """Hand-entered facts (``graph/curated.ttl``), ideally none. ``<id/...>`` IRIs are
    relative to the data base. The graph as written: with its ``cur:`` instructions (see
    :mod:`idmkg.curation`), which :func:`build` applies and removes."""
    path = resources.CURATED
    if not path.exists():
        return new_graph(base)
    g = resources.load_turtle(path, base=base)
    return g


class GraphsOnDemand(Mapping):
    """Named graphs kept as lists of rdflib triples, each made into an rdflib ``Graph`` only
    when asked for (by notebooks, exports of some notes, curation): the build itself works
    on the lists and on the working dataset, so a large archive never pays for a Graph per
    note."""

    def __init__(self, triples: dict[str, list], base: str):
        self.triples = triples
        self.base = base
        self._graphs: dict[str, Graph] = {}

    def __getitem__(self, name: str) -> Graph:
        if name not in self._graphs:
            self._graphs[name] = graph_of(self.triples[name], self.base)
        return self._graphs[name]

    def __iter__(self):
        return iter(self.triples)

    def __len__(self) -> int:
        return len(self.triples)


def _reconciled(triples: dict[str, list], curated: Graph, schema: Graph, base: str) -> tuple[dict, Graph, list]:
    """Hand-entered facts checked against the notes (:mod:`idmkg.curation`): the asserted
    triples (overridden ones removed), the curated graph to add, and the warnings."""
    graphs = GraphsOnDemand(triples, base)
    asserted = {name: graphs[name] for name in graphs}
    checked = reconcile(curated, asserted, schema, resources.load_turtle(resources.SHAPES),
                        resources.CURATED, base)   # CurationConflict: nothing merged or written
    return {name: list(g) for name, g in asserted.items()}, checked.graph, checked.overrides + checked.warnings


def _validated(dataset, shapes: Graph, base: str, complete) -> ValidationReport:
    """SHACL: the shapes compiled to SPARQL and run on the working dataset (pySHACL's
    results, tests/test_shacl_sparql.py); pySHACL itself if the shapes use a construct the
    compiler does not know."""
    from .shacl_sparql import UnsupportedShapes

    try:
        return validate_store(dataset.store, shapes, base=base)
    except UnsupportedShapes:
        return validate(complete(), shapes)


def build(corpus: Path | str | None = None, out: Path | str | None = None, base: str = DEFAULT_BASE,
          progress: Progress | None = None, write: bool = True, check: bool = True,
          reasoner: str = "fast", validator: str = "sparql", workers: int | None = None,
          cache_dir: Path | str | None = None) -> BuildResult:
    """Run every stage. Raises :class:`ValidationFailed` if ``check`` and SHACL fails
    (nothing is written then); the failing result is on the exception's ``result``.
    ``reasoner`` is ``fast`` (default), ``store`` (the same rules as SPARQL Update in
    Oxigraph) or ``owlrl`` (the reference; same result, slower);
    ``validator`` is ``sparql`` (default: the shapes compiled to SPARQL on Oxigraph) or
    ``pyshacl`` (the reference; same results, slower).
    ``workers``: processes that parse and read the notes (None: one per CPU; used only for
    a corpus large enough for it to pay, :data:`idmkg.extract.batch.POOL_MIN_CHARS`);
    ``cache_dir``: a folder of per-note facts, reused while a note's text and the rules are
    the same (:mod:`idmkg.extract.batch`; :func:`default_cache_dir` is where ``idmkg build``
    keeps it); None: no cache. The entries of the notes read are written only once the build
    has succeeded (nothing is written by a build that fails)."""
    if validator not in VALIDATORS:
        raise IdmkgError(f"unknown validator {validator!r}: use one of {', '.join(VALIDATORS)}")
    say = progress or (lambda message: None)
    started = time.perf_counter()
    base = base if base.endswith(("/", "#")) else base + "/"
    say("reading ontology, vocabulary and concept scheme")
    schema = load_schema()
    say("parsing notes")
    reads = read_notes(corpus or resources.NOTES_DIR, *extraction_labels(schema),
                       workers=workers, cache_dir=cache_dir, progress=say, store=False)
    notes, facts = combined(reads)
    say(f"assembling graph from {len(facts)} facts")
    triples = assemble_triples(notes, facts, base)
    curated = load_curated(base)
    curation_warnings: list[str] = []
    if len(curated):
        say("checking hand-entered facts against the notes")
        triples, curated, curation_warnings = _reconciled(triples, curated, schema, base)
        if len(curated):
            triples[graph_name(base, "curated")] = list(curated)
    say(f"inferring (OWL 2 RL, {reasoner} reasoner)")
    asserted = GraphsOnDemand(triples, base)
    inference = infer_triples({t for part in triples.values() for t in part}, schema, base, reasoner)
    result = BuildResult(notes, facts, asserted, inference.graph, schema, None, base=base,
                         curated_facts=len(curated), curation_warnings=curation_warnings)
    out = Path(out or "dist")
    with contextlib.ExitStack() as stack:
        writer = None
        if write and can_fork():  # the exports written alongside loading and validating
            say("writing exports (alongside the store and validation)")
            writer = stack.enter_context(WriteBehind(out, export_jobs(result, out)))
        say("loading the complete graph into the working store")
        dataset = result.working_dataset()
        say("validating (SHACL)")
        shapes = resources.load_turtle(resources.SHAPES)
        if validator == "pyshacl":
            result.report = validate(result.complete(), shapes)
        else:
            result.report = _validated(dataset, shapes, base, result.complete)
        if inference.errors:
            result.report.add_inconsistencies(inference.errors)
        result.seconds = time.perf_counter() - started
        if check and not result.report.conforms:  # the writer's files are removed on the way out
            err = ValidationFailed(
                f"the graph violates the shapes: {len(result.report.violations)} result(s); first: "
                f"{result.report.violations[0] if result.report.violations else '?'}", result.report.text)
            err.result = result
            raise err
        if writer is not None:
            say("waiting for the exports")
            result.outputs = writer.commit()
        elif write:
            say("writing exports")
            result.outputs = write_outputs(result, out)
    if cache_dir is not None:
        store_entries(cache_dir, reads)
    result.seconds = time.perf_counter() - started
    return result


def default_cache_dir(out: Path | str) -> Path:
    """Where ``idmkg build --out OUT`` keeps the facts cache: ``OUT/.cache/facts``, a folder
    inside the one idmkg writes its exports to (``dist/`` by default, which git ignores), so
    that removing the output removes the cache too and no other program's folder is read."""
    return Path(out) / ".cache" / "facts"


def export_jobs(result: BuildResult, out: Path) -> dict:
    """``idmkg.ttl`` (the merge) and ``idmkg.trig`` (the named graphs): path -> a function
    giving the file's text in pieces, deterministic, streamed from the triples (no merged
    rdflib Graph is made)."""
    base = result.base
    prefixes = data_prefixes(base)
    asserted = result.asserted
    graphs = dict(asserted.triples) if isinstance(asserted, GraphsOnDemand) else dict(asserted)
    graphs[graph_name(base, "inferred")] = result.inferred
    graphs[graph_name(base, "ontology")] = result.schema
    return {out / "idmkg.ttl": lambda: turtle_chunks((t for g in graphs.values() for t in g), prefixes),
            out / "idmkg.trig": lambda: trig_chunks(graphs, prefixes)}


def write_outputs(result: BuildResult, out: Path) -> list[Path]:
    """The exports of :func:`export_jobs`, each written atomically."""
    remove_stale_temporaries(out)
    jobs = export_jobs(result, out)
    for path, pieces in jobs.items():
        write_atomic(path, pieces())
    return list(jobs)
