"""Facts -> RDF: stable IRIs from normalised keys, the notes' structure (paragraphs, items,
footnotes, headings, cover, annex), and for every fact its provenance: ``idm:statedIn`` the
paragraph and an ``idm:Evidence`` Web Annotation quoting the exact words with offsets.

There are no blank nodes: everything, evidence included, has an IRI minted from content,
so the same notes always give the same graph.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from collections import defaultdict

from rdflib import Graph, Literal, URIRef

from .model import Evidence, Fact, Note, Ref
from .namespaces import DCTERMS, IDM, IDMC, OA, OWL, RDF, RDFS, SKOS, XSD, data_prefixes, expand

#: datatype of integer-valued properties (others get xsd:integer)
INTEGER_TYPES = {
    "idm:count": XSD.nonNegativeInteger,
    "idm:ordinal": XSD.positiveInteger,
    "idm:citedParagraph": XSD.positiveInteger,
    "idm:number": XSD.positiveInteger,
    "idm:respondents": XSD.nonNegativeInteger,
    "idm:surveyed": XSD.nonNegativeInteger,
}
LABEL_PROPS = {"rdfs:label", "skos:prefLabel", "skos:altLabel"}
PART_CLASSES = {"p": IDM.Paragraph, "h": IDM.Heading, "fn": IDM.Footnote, "cover": IDM.Cover, "annex": IDM.Annex}
KIND_NAMES = {
    "workshop": "Workshop", "proposal": "Proposal", "theme": "Theme", "topic": "Workshop topic",
    "consultation": "Informal consultation", "council": "Council session", "conference": "Conference",
}


class Minter:
    """Refs -> IRIs under a base (default https://w3id.org/idmkg/)."""

    def __init__(self, base: str):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def __call__(self, ref: Ref) -> URIRef:
        kind, key = ref.kind, ref.key
        if kind == "class":
            return IDM[key]
        if kind == "status" or kind == "outcome":
            return IDM[key]
        if kind == "category":
            return IDM["attendance-" + key]
        if kind == "concept":
            return IDMC[key]
        if kind == "part":
            note, part = key.split("/", 1)
            return URIRef(f"{self.base}id/note/{note}/{part}")
        if kind in ("attendance", "survey"):
            meeting_kind, rest = key.split("/", 1)
            meeting_key, item = rest.rsplit("/", 1)
            return URIRef(f"{self.base}id/{meeting_kind}/{meeting_key}/{kind}/{item}")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def part(self, note: str, part: str) -> URIRef:
        return self(Ref("part", f"{note}/{part}"))


def literal(prop: str, value) -> Literal:
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=INTEGER_TYPES.get(prop, XSD.integer))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if prop in LABEL_PROPS:
        return Literal(str(value), lang="en")
    return Literal(str(value))


def _paragraph_of(ev: Evidence, notes: dict[str, Note]) -> str | None:
    """The paragraph a piece of evidence belongs to: itself, the first paragraph under a
    heading, the paragraph carrying a footnote's marker; None for cover and annex."""
    kind, _, rest = ev.part.partition("/")
    if kind in ("p", "h"):
        return f"p/{rest}"
    if kind == "fn":
        for p in notes[ev.note].paragraphs:
            if any(fn.number == int(rest) for fn in p.footnotes):
                return f"p/{p.number}"
        return "annex"
    return None


def add_structure(g: Graph, mint: Minter, note: Note) -> None:
    """The note and its parts, with their text."""
    n = mint(Ref("note", note.key))
    g.add((n, RDF.type, IDM.DiscussionNote))
    g.add((n, RDFS.label, Literal(note.label, lang="en")))
    g.add((n, IDM.sourceFile, Literal(note.source.name)))
    g.add((n, IDM.sourceSha256, Literal(note.sha256)))

    def part(pid: str, cls: URIRef, text: str, label: str) -> URIRef:
        iri = mint.part(note.key, pid)
        g.add((iri, RDF.type, cls))
        g.add((iri, IDM.text, Literal(text)))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        g.add((iri, IDM.partOf, n))
        return iri

    part("cover", IDM.Cover, note.cover, f"{note.label}, cover page")
    if note.annex:
        part("annex", IDM.Annex, note.annex, f"{note.label}, annex")
    previous = None
    for p in note.paragraphs:
        pi = part(f"p/{p.number}", IDM.Paragraph, p.text, f"{note.label} ¶{p.number}")
        g.add((n, IDM.hasParagraph, pi))
        g.add((pi, IDM.paragraphOf, n))
        g.add((pi, IDM.number, literal("idm:number", p.number)))
        if p.heading:
            g.add((pi, IDM.sectionHeading, Literal(p.heading)))
            if p.heading != previous:
                part(f"h/{p.number}", IDM.Heading, p.heading, f"{note.label}, heading above ¶{p.number}")
        previous = p.heading
        for item in p.items:
            ii = mint.part(note.key, f"p/{p.number}/item/{p.items.index(item) + 1}")
            g.add((ii, RDF.type, IDM.Item))
            g.add((ii, IDM.label, Literal(item.label)))
            g.add((ii, IDM.text, Literal(item.text)))
            g.add((ii, IDM.start, Literal(item.start, datatype=XSD.nonNegativeInteger)))
            g.add((ii, IDM.end, Literal(item.end, datatype=XSD.nonNegativeInteger)))
            g.add((ii, RDFS.label, Literal(f"{note.label} ¶{p.number} ({item.label}) #{p.items.index(item) + 1}",
                                           lang="en")))
            g.add((pi, IDM.hasItem, ii))
        for fn in p.footnotes:
            fi = part(f"fn/{fn.number}", IDM.Footnote, fn.text, f"{note.label}, footnote {fn.number}")
            g.add((fi, IDM.label, Literal(str(fn.number))))
            g.add((pi, IDM.hasFootnote, fi))
    for fn in note.annex_footnotes:
        fi = part(f"fn/{fn.number}", IDM.Footnote, fn.text, f"{note.label}, footnote {fn.number}")
        g.add((fi, IDM.label, Literal(str(fn.number))))
        g.add((mint.part(note.key, "annex"), IDM.hasFootnote, fi))


def evidence_iri(mint: Minter, fact: Fact, ev: Evidence) -> URIRef:
    key = "|".join([str(fact.subject), fact.prop, repr(fact.value), ev.note, ev.part, str(ev.start), str(ev.end)])
    return URIRef(f"{mint.base}id/evidence/{hashlib.sha1(key.encode()).hexdigest()[:20]}")


def add_fact(g: Graph, mint: Minter, fact: Fact, notes: dict[str, Note]) -> None:
    s = mint(fact.subject)
    p = expand(fact.prop)
    o = mint(fact.value) if isinstance(fact.value, Ref) else literal(fact.prop, fact.value)
    g.add((s, p, o))
    for ev in fact.evidence:
        para = _paragraph_of(ev, notes)
        if fact.subject.kind != "part":  # a paragraph's own tags need no statedIn itself
            g.add((s, IDM.statedIn, mint.part(ev.note, para or ev.part)))
        e = evidence_iri(mint, fact, ev)
        target, selector = URIRef(f"{e}/target"), URIRef(f"{e}/selector")
        g.add((e, RDF.type, IDM.Evidence))
        g.add((e, OA.hasBody, s))
        g.add((e, IDM.supportsProperty, p))
        g.add((e, IDM.supportsValue, o))
        g.add((e, OA.hasTarget, target))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, mint.part(ev.note, ev.part)))
        g.add((target, OA.hasSelector, selector))
        g.add((selector, RDF.type, OA.TextQuoteSelector))
        g.add((selector, RDF.type, OA.TextPositionSelector))
        g.add((selector, OA.exact, Literal(ev.quote)))
        g.add((selector, OA.start, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((selector, OA.end, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
        if fact.rule is not None:
            g.add((e, IDM.extractedBy, add_rule(g, mint, fact.rule)))


def add_rule(g: Graph, mint: Minter, rule) -> URIRef:
    """The node of an extraction rule (its name and version), in the graph that uses it."""
    iri = URIRef(f"{mint.base}rule/{rule.name}/{rule.version}")
    g.add((iri, RDF.type, IDM.ExtractionRule))
    g.add((iri, RDFS.label, Literal(f"extraction rule {rule.name}, version {rule.version}", lang="en")))
    g.add((iri, DCTERMS.identifier, Literal(rule.name)))
    g.add((iri, OWL.versionInfo, Literal(rule.version)))
    return iri


def add_labels(g: Graph, mint: Minter, facts: list[Fact]) -> None:
    """Readable labels for things that have none: years, proposals, figures, citations."""
    years = {f.value for f in facts if isinstance(f.value, Ref) and f.value.kind == "year"}
    years |= {f.subject for f in facts if f.subject.kind == "year"}
    for y in years:
        iri = mint(y)
        g.add((iri, RDF.type, IDM.DialogueYear))
        g.add((iri, IDM.year, Literal(y.key, datatype=XSD.gYear)))
        g.add((iri, RDFS.label, Literal(f"IDM {y.key}", lang="en")))
    titles = {}
    for s, o in g.subject_objects(SKOS.prefLabel):
        titles[s] = str(o)
    for s in set(g.subjects(RDF.type, None)):
        if (s, RDFS.label, None) in g:
            continue
        if s in titles:
            g.add((s, RDFS.label, Literal(titles[s], lang="en")))
    by_note = {f.subject.key for f in facts if f.subject.kind == "note" and f.prop == "idm:concernsYear"}
    by_subject = defaultdict(dict)
    for f in facts:
        by_subject[f.subject][f.prop] = f.value
    for ref, props in by_subject.items():
        iri = mint(ref)
        if (iri, RDFS.label, None) in g:
            continue
        label = None
        if ref.kind == "proposal" and "idm:candidate" in props:
            cand = titles.get(mint(props["idm:candidate"]), props["idm:candidate"].key)
            label = f"“{cand}” proposed for IDM {props['idm:targetYear'].key}"
        elif ref.kind == "attendance":
            meeting = titles.get(mint(props["idm:attendanceOf"]), props["idm:attendanceOf"].key)
            label = f"{meeting}: {props.get('idm:count')} {props['idm:category'].key.replace('-', ' ')}"
        elif ref.kind == "citation":
            label = f"Citation of {props['idm:citedDocument'].key.replace('-', '/')}"
        elif ref.kind == "doc" or (ref.kind == "note" and ref.key not in by_note):
            label = ref.key.replace("-", "/")
        elif ref.kind == "survey":
            meeting = titles.get(mint(props["idm:surveyOf"]), props["idm:surveyOf"].key)
            label = f"{meeting}: survey, {props.get('idm:measure')} {props.get('idm:percentage', '')}%"
        if label:
            g.add((iri, RDFS.label, Literal(label, lang="en")))


def new_graph(base: str) -> Graph:
    g = Graph()
    for prefix, ns in data_prefixes(base).items():
        g.bind(prefix, ns, override=True)
    return g


def graph_name(base: str, name: str) -> str:
    """IRI of a named graph: ``{base}graph/note/IC-2009-10``, ``{base}graph/derived``, ..."""
    return f"{base}graph/{name}"


def assemble(notes: list[Note], facts: list[Fact], base: str) -> dict[str, Graph]:
    """The asserted graph of the notes, split by source: one graph per note (its structure
    and every fact it states, with the evidence it gives), and ``derived`` for conclusions
    drawn across notes (outcomes, preferred titles, ...) and labels made up from several
    facts, with their evidence. Adding a note changes only its own graph and ``derived``."""
    mint = Minter(base)
    by_key = {n.key: n for n in notes}
    graphs: dict[str, Graph] = {}
    for note in notes:
        g = new_graph(mint.base)
        add_structure(g, mint, note)
        for fact in facts:
            mine = tuple(e for e in fact.evidence if e.note == note.key)
            if mine and not fact.derived:
                add_fact(g, mint, Fact(fact.subject, fact.prop, fact.value, mine, rule=fact.rule), by_key)
        graphs[graph_name(mint.base, f"note/{note.key}")] = g
    union = new_graph(mint.base)
    for g in graphs.values():
        union += g
    derived = new_graph(mint.base)
    for fact in facts:
        if fact.derived or not fact.evidence:
            add_fact(derived, mint, fact, by_key)
    union += derived
    before = set(union)
    add_labels(union, mint, facts)
    for t in set(union) - before:
        derived.add(t)
    graphs[graph_name(mint.base, "derived")] = derived
    return graphs


def union(graphs, base: str) -> Graph:
    g = new_graph(base)
    for part in graphs:
        g += part
    return g
