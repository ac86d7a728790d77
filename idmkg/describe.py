"""The description every export carries (named graph ``graph/description``): VoID and DCAT
metadata of the dataset and PROV-O provenance of each named graph.

The fixed part (title, description, license, publisher, keywords, the software, what the
non-note graphs hold) is data: ``ontology/dataset.ttl``. What depends on the export is
computed here: the notes it holds (``dcterms:source``), triple, entity, class and property
counts and partitions, the vocabularies used, example resources, the SPARQL endpoint if one
is named, and for each graph where it comes from, when and by which version of idmkg.

Times are reproducible, so that two exports of the same notes are byte-identical: the
extraction time is ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds
convention) when it is set, else midnight UTC of the newest date the notes themselves record
(date of issue, of the consultation they were written for, of the last consultation they
report). The latter is not the wall-clock time of the run: it says "no earlier than"; set
``SOURCE_DATE_EPOCH`` (e.g. to the release commit's time) for a release.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter, defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from . import resources
from .errors import ExportError
from .model import Note
from .namespaces import DCAT, DEFAULT_BASE, IDM, IDMC, IDMSH, SCHEMA, VOID, export_prefixes

#: kinds of thing a partner may want to look at first (void:exampleResource: the first of each)
EXAMPLE_CLASSES = (IDM.DiscussionNote, IDM.Paragraph, IDM.IntersessionalWorkshop, IDM.Theme, IDM.WorkshopTopic,
                   IDM.Proposal, IDM.InformalConsultation)
#: IRIs under the default base that are vocabulary, not data: never rebased
FIXED = (str(IDM), str(IDMC), str(IDMSH), "https://w3id.org/idmkg/ontology")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")


def tool_version() -> str:
    """The installed idmkg version (``0+unknown`` when run from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("idmkg")
    except PackageNotFoundError:  # pragma: no cover - the project is always installed
        return "0+unknown"


def build_time(notes: list[Note], environ: dict | None = None) -> dt.datetime:
    """The extraction time written into the provenance: ``SOURCE_DATE_EPOCH`` if set, else
    midnight UTC of the newest date recorded in the notes (see the module docstring)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise ExportError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds since "
                              f"1970-01-01 (e.g. $(git log -1 --format=%ct))") from None
    dates = [d for n in notes for d in (n.issued, n.consultation_date, n.previous_consultation) if d]
    day = max(dates) if dates else dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def timestamp(moment: dt.datetime) -> Literal:
    return Literal(moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)


def rebase(term, base: str):
    """An IRI of ``dataset.ttl`` (written under the default base) under ``base``."""
    if isinstance(term, URIRef) and base != DEFAULT_BASE:
        iri = str(term)
        if iri.startswith(DEFAULT_BASE) and not iri.startswith(FIXED):
            return URIRef(base + iri[len(DEFAULT_BASE):])
    return term


def load_metadata(base: str = DEFAULT_BASE) -> Graph:
    """``ontology/dataset.ttl`` with its IRIs under ``base``."""
    fixed = resources.load_turtle(resources.DATASET)
    if base == DEFAULT_BASE:
        return fixed
    g = Graph()
    for s, p, o in fixed:
        g.add((rebase(s, base), p, rebase(o, base)))
    return g


def graph_kind(name: str, base: str) -> str:
    """``note/IC-2009-10``, ``derived``, ``inferred``, ... for a named graph IRI."""
    return name[len(base) + len("graph/"):] if name.startswith(base + "graph/") else name


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    return iri[:cut]


def _partition_iri(base: str, kind: str, term: URIRef, names: dict[str, str]) -> URIRef:
    """``{base}dataset/class/idm-Paragraph``, ``{base}dataset/property/rdfs-label``."""
    iri = str(term)
    for prefix, ns in sorted(names.items(), key=lambda kv: -len(kv[1])):
        local = iri[len(ns):]
        if iri.startswith(ns) and local and all(c.isalnum() or c in "_-" for c in local):
            return URIRef(f"{base}dataset/{kind}/{prefix}-{local}")
    return URIRef(f"{base}dataset/{kind}/{hashlib.sha1(iri.encode()).hexdigest()[:16]}")


def _stats(triples, uri_space: str) -> dict:
    """VoID statistics of a set of triples."""
    subjects, objects, predicates, classes = set(), set(), set(), set()
    for s, p, o in triples:
        subjects.add(s)
        objects.add(o)
        predicates.add(p)
        if p == RDF.type:
            classes.add(o)
    return {
        "triples": len(triples),
        "entities": sum(1 for s in subjects if isinstance(s, URIRef) and str(s).startswith(uri_space)),
        "distinctSubjects": len(subjects),
        "distinctObjects": len(objects),
        "properties": len(predicates),
        "classes": len(classes),
    }


def _integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def describe(graphs: dict[str, Graph], notes: list[Note], base: str, *, endpoint: str | None = None,
             moment: dt.datetime | None = None, version: str | None = None) -> Graph:
    """The description of an export made of ``graphs`` (named graph IRI -> graph; the
    description graph itself not among them) read from ``notes``."""
    base = base if base.endswith(("/", "#")) else base + "/"
    version = version or tool_version()
    moment = moment or build_time(notes)
    when = timestamp(moment)
    names = export_prefixes(base)
    uri_space = base + "id/"
    dataset = URIRef(base + "dataset")
    software = URIRef(f"{base}software/idmkg")
    agent = URIRef(f"{base}software/idmkg/{version}")
    activity = URIRef(f"{base}activity/build/{moment.astimezone(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')}")

    d = Graph()
    fixed = load_metadata(base)
    graph_iris = {URIRef(name) for name in graphs}
    for s, p, o in fixed:
        if str(s).startswith(base + "graph/") and s not in graph_iris:
            continue  # a graph this export does not hold
        d.add((s, p, o))

    # the software and the run
    d.add((agent, RDF.type, PROV.SoftwareAgent))
    d.add((agent, RDFS.label, Literal(f"idmkg {version}", lang="en")))
    d.add((agent, SCHEMA.softwareVersion, Literal(version)))
    d.add((agent, DCTERMS.isVersionOf, software))
    d.add((activity, RDF.type, PROV.Activity))
    d.add((activity, RDFS.label, Literal(f"idmkg {version}: extraction of the facts from the notes", lang="en")))
    d.add((activity, PROV.wasAssociatedWith, agent))
    d.add((activity, PROV.endedAtTime, when))

    # the dataset as a whole
    parts = {name: set(g) for name, g in graphs.items()}
    data: set = set().union(*parts.values())
    stats = _stats(data, uri_space)
    d.add((dataset, DCTERMS.created, when))
    d.add((dataset, DCTERMS.modified, when))
    d.add((dataset, PROV.wasGeneratedBy, activity))
    d.add((dataset, VOID.uriSpace, Literal(uri_space)))
    for key, n in stats.items():
        d.add((dataset, VOID[key], _integer(n)))
    members: dict = defaultdict(set)
    properties: Counter = Counter()
    size: Counter = Counter()
    for s, p, o in data:
        properties[p] += 1
        size[s] += 1
        if p == RDF.type and isinstance(o, URIRef):
            members[o].add(s)
    vocabularies = {_namespace(str(p)) for p in properties} | {_namespace(str(c)) for c in members}
    for ns in sorted(vocabularies - {"", uri_space}):
        d.add((dataset, VOID.vocabulary, URIRef(ns)))
    for cls in EXAMPLE_CLASSES:  # the most fully described member of each (ties: first IRI)
        ranked = sorted((-size[s], str(s)) for s in members.get(cls, ()) if str(s).startswith(uri_space))
        if ranked:
            d.add((dataset, VOID.exampleResource, URIRef(ranked[0][1])))
    for cls in sorted(members):
        part = _partition_iri(base, "class", cls, names)
        d.add((dataset, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add((part, VOID.entities, _integer(len(members[cls]))))
    for prop in sorted(properties):
        part = _partition_iri(base, "property", prop, names)
        d.add((dataset, VOID.propertyPartition, part))
        d.add((part, VOID.property, prop))
        d.add((part, VOID.triples, _integer(properties[prop])))
    if endpoint:
        service = URIRef(endpoint)
        distribution = URIRef(base + "dataset/sparql")
        d.add((dataset, VOID.sparqlEndpoint, service))
        d.add((dataset, DCAT.distribution, distribution))
        d.add((distribution, RDF.type, DCAT.Distribution))
        d.add((distribution, DCTERMS.title, Literal("SPARQL endpoint", lang="en")))
        d.add((distribution, DCAT.accessURL, service))
        d.add((distribution, DCAT.accessService, service))
        d.add((service, RDF.type, DCAT.DataService))
        d.add((service, DCAT.endpointURL, service))
        d.add((service, DCAT.servesDataset, dataset))
        d.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))

    # each named graph, with its provenance
    by_key = {n.key: n for n in notes}
    note_graphs = []
    for name in sorted(graphs):
        iri, kind = URIRef(name), graph_kind(name, base)
        d.add((dataset, VOID.subset, iri))
        d.add((iri, RDF.type, VOID.Dataset))
        d.add((iri, RDF.type, PROV.Entity))
        d.add((iri, VOID.triples, _integer(len(parts[name]))))
        d.add((iri, VOID.entities, _integer(_stats(parts[name], uri_space)["entities"])))
        d.add((iri, PROV.wasGeneratedBy, activity))
        d.add((iri, PROV.generatedAtTime, when))
        if kind.startswith("note/"):
            note_graphs.append(iri)
            key = kind[len("note/"):]
            source = URIRef(f"{uri_space}note/{key}")
            label = by_key[key].label if key in by_key else key
            d.add((iri, DCTERMS.title, Literal(f"Facts read from {label}", lang="en")))
            for p in (DCTERMS.source, PROV.wasDerivedFrom, PROV.hadPrimarySource):
                d.add((iri, p, source))
            d.add((dataset, DCTERMS.source, source))
            d.add((activity, PROV.used, source))
    for name in graphs:
        iri, kind = URIRef(name), graph_kind(name, base)
        if kind == "derived":
            for source in note_graphs:
                d.add((iri, PROV.wasDerivedFrom, source))
        elif kind == "inferred":
            for other in graphs:
                if graph_kind(other, base) not in ("inferred", "ontology"):
                    d.add((iri, PROV.wasDerivedFrom, URIRef(other)))
            d.add((iri, PROV.wasDerivedFrom, URIRef("https://w3id.org/idmkg/ontology")))
    return d
