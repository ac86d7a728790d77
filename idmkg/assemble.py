"""Facts -> RDF: stable IRIs from normalised keys, the notes' structure (paragraphs, items,
footnotes, headings, cover, annex), and for every fact its provenance: ``idm:statedIn`` the
paragraph and an ``idm:Evidence`` Web Annotation quoting the exact words with offsets.

There are no blank nodes: everything, evidence included, has an IRI minted from content,
so the same notes always give the same graph.

Two forms: :func:`assembled_triples` yields each named graph's distinct triples as plain
tuples of rdflib terms, one graph at a time, without building an rdflib ``Graph`` (what a
large archive needs: the pipeline streams them to a store or a serialiser);
:func:`assemble` puts the same triples in one rdflib ``Graph`` per named graph.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from decimal import Decimal
from typing import Iterator

from rdflib import Graph, Literal, URIRef

from .model import Evidence, Fact, Note, Ref
from .serialize import gc_paused
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

#: a triple of rdflib terms
Triple = tuple


#: the vocabulary's terms, made once (each ``IDM.x`` makes a new URIRef)
_DCTERMS_identifier = DCTERMS.identifier
_IDM_Annex = IDM.Annex
_IDM_Cover = IDM.Cover
_IDM_DialogueYear = IDM.DialogueYear
_IDM_DiscussionNote = IDM.DiscussionNote
_IDM_Evidence = IDM.Evidence
_IDM_ExtractionRule = IDM.ExtractionRule
_IDM_Footnote = IDM.Footnote
_IDM_Heading = IDM.Heading
_IDM_Item = IDM.Item
_IDM_Paragraph = IDM.Paragraph
_IDM_end = IDM.end
_IDM_extractedBy = IDM.extractedBy
_IDM_hasFootnote = IDM.hasFootnote
_IDM_hasItem = IDM.hasItem
_IDM_hasParagraph = IDM.hasParagraph
_IDM_label = IDM.label
_IDM_number = IDM.number
_IDM_paragraphOf = IDM.paragraphOf
_IDM_partOf = IDM.partOf
_IDM_quotedNote = IDM.quotedNote
_IDM_quotedPart = IDM.quotedPart
_IDM_sectionHeading = IDM.sectionHeading
_IDM_sourceFile = IDM.sourceFile
_IDM_sourceSha256 = IDM.sourceSha256
_IDM_start = IDM.start
_IDM_statedIn = IDM.statedIn
_IDM_supportsProperty = IDM.supportsProperty
_IDM_supportsValue = IDM.supportsValue
_IDM_text = IDM.text
_IDM_year = IDM.year
_OA_SpecificResource = OA.SpecificResource
_OA_TextPositionSelector = OA.TextPositionSelector
_OA_TextQuoteSelector = OA.TextQuoteSelector
_OA_end = OA.end
_OA_exact = OA.exact
_OA_hasBody = OA.hasBody
_OA_hasSelector = OA.hasSelector
_OA_hasSource = OA.hasSource
_OA_hasTarget = OA.hasTarget
_OA_start = OA.start
_OWL_versionInfo = OWL.versionInfo
_RDF_type = RDF.type
_RDFS_label = RDFS.label
_SKOS_prefLabel = SKOS.prefLabel
_XSD_date = XSD.date
_XSD_decimal = XSD.decimal
_XSD_gYear = XSD.gYear
_XSD_integer = XSD.integer
_XSD_nonNegativeInteger = XSD.nonNegativeInteger
_VOCABULARY = {t: t for name, t in list(globals().items()) if name.startswith("_") and isinstance(t, URIRef)}


class Minter:
    """Refs -> IRIs under a base (default https://w3id.org/idmkg/); each IRI is made once."""

    def __init__(self, base: str):
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self._minted: dict[Ref, URIRef] = {}
        self._parts: dict[tuple[str, str], URIRef] = {}

    def __call__(self, ref: Ref) -> URIRef:
        iri = self._minted.get(ref)
        if iri is None:
            iri = self._minted[ref] = self._mint(ref)
        return iri

    def _mint(self, ref: Ref) -> URIRef:
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
            return self.part(note, part)
        if kind in ("attendance", "survey"):
            meeting_kind, rest = key.split("/", 1)
            meeting_key, item = rest.rsplit("/", 1)
            return URIRef(f"{self.base}id/{meeting_kind}/{meeting_key}/{kind}/{item}")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def part(self, note: str, part: str) -> URIRef:
        iri = self._parts.get((note, part))
        if iri is None:
            iri = self._parts[(note, part)] = URIRef(f"{self.base}id/note/{note}/{part}")
        return iri


def literal(prop: str, value) -> Literal:
    if isinstance(value, Decimal):
        return Literal(value, datatype=_XSD_decimal)
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=INTEGER_TYPES.get(prop, _XSD_integer))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=_XSD_date)
    if prop in LABEL_PROPS:
        return Literal(str(value), lang="en")
    return Literal(str(value))


def _minted(iri: str) -> URIRef:
    """A URIRef of an IRI made here of the base and hex digits, without rdflib's check of
    every character (the same term; the check costs more than the rest of assembly)."""
    return str.__new__(URIRef, iri)


def evidence_iri(mint: Minter, fact: Fact, ev: Evidence) -> URIRef:
    key = "|".join([str(fact.subject), fact.prop, repr(fact.value), ev.note, ev.part, str(ev.start), str(ev.end)])
    return _minted(f"{mint.base}id/evidence/{hashlib.sha1(key.encode()).hexdigest()[:20]}")


def graph_name(base: str, name: str) -> str:
    """IRI of a named graph: ``{base}graph/note/IC-2009-10``, ``{base}graph/derived``, ..."""
    return f"{base}graph/{name}"


class Assembly:
    """The terms of one assembly, each made once (IRIs, literals, properties, rule nodes),
    and the triples of the structure, facts and labels."""

    def __init__(self, notes: list[Note], base: str):
        self.mint = Minter(base)
        self._literals: dict[tuple, Literal] = {}
        self._props: dict[str, URIRef] = {}
        self._rules: dict = {}
        #: note key -> footnote number -> the paragraph carrying its marker
        self._footnote_paragraph: dict[str, dict[int, str]] = {}
        for note in notes:
            self.know(note)

    def know(self, note: Note) -> None:
        """Learn where ``note``'s footnotes are called from (before assembling its facts)."""
        where: dict[int, str] = {}
        for p in note.paragraphs:
            for fn in p.footnotes:
                where.setdefault(fn.number, f"p/{p.number}")
        self._footnote_paragraph[note.key] = where

    # --- terms -------------------------------------------------------------------------

    def lit(self, value, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
        key = (type(value), value, lang, datatype)
        term = self._literals.get(key)
        if term is None:
            term = self._literals[key] = Literal(value, lang=lang, datatype=datatype)
        return term

    def value_literal(self, prop: str, value) -> Literal:
        """:func:`literal`, made once per distinct (kind of property, value)."""
        kind = prop if (prop in INTEGER_TYPES or prop in LABEL_PROPS) else ""
        key = ("value", kind, type(value), value)
        term = self._literals.get(key)
        if term is None:
            term = self._literals[key] = literal(prop, value)
        return term

    def prop(self, curie: str) -> URIRef:
        iri = self._props.get(curie)
        if iri is None:
            iri = expand(curie)
            iri = self._props[curie] = _VOCABULARY.get(iri, iri)  # the same object as the module's
        return iri

    def paragraph_of(self, ev: Evidence) -> str | None:
        """The paragraph a piece of evidence belongs to: itself, the first paragraph under a
        heading, the paragraph carrying a footnote's marker; None for cover and annex."""
        kind, _, rest = ev.part.partition("/")
        if kind in ("p", "h"):
            return f"p/{rest}"
        if kind == "fn":
            return self._footnote_paragraph[ev.note].get(int(rest), "annex")
        return None

    # --- triples -----------------------------------------------------------------------

    def structure(self, note: Note, add) -> None:
        """The note and its parts, with their text."""
        mint, lit = self.mint, self.lit
        n = mint(Ref("note", note.key))
        add((n, _RDF_type, _IDM_DiscussionNote))
        add((n, _RDFS_label, lit(note.label, "en")))
        add((n, _IDM_sourceFile, lit(note.source.name)))
        add((n, _IDM_sourceSha256, lit(note.sha256)))

        def part(pid: str, cls: URIRef, text: str, label: str) -> URIRef:
            iri = mint.part(note.key, pid)
            add((iri, _RDF_type, cls))
            add((iri, _IDM_text, lit(text)))
            add((iri, _RDFS_label, lit(label, "en")))
            add((iri, _IDM_partOf, n))
            return iri

        part("cover", _IDM_Cover, note.cover, f"{note.label}, cover page")
        if note.annex:
            part("annex", _IDM_Annex, note.annex, f"{note.label}, annex")
        previous = None
        for p in note.paragraphs:
            pi = part(f"p/{p.number}", _IDM_Paragraph, p.text, f"{note.label} ¶{p.number}")
            add((n, _IDM_hasParagraph, pi))
            add((pi, _IDM_paragraphOf, n))
            add((pi, _IDM_number, self.value_literal("idm:number", p.number)))
            if p.heading:
                add((pi, _IDM_sectionHeading, lit(p.heading)))
                if p.heading != previous:
                    part(f"h/{p.number}", _IDM_Heading, p.heading, f"{note.label}, heading above ¶{p.number}")
            previous = p.heading
            for item in p.items:
                position = p.items.index(item) + 1
                ii = mint.part(note.key, f"p/{p.number}/item/{position}")
                add((ii, _RDF_type, _IDM_Item))
                add((ii, _IDM_label, lit(item.label)))
                add((ii, _IDM_text, lit(item.text)))
                add((ii, _IDM_start, lit(item.start, datatype=_XSD_nonNegativeInteger)))
                add((ii, _IDM_end, lit(item.end, datatype=_XSD_nonNegativeInteger)))
                add((ii, _RDFS_label, lit(f"{note.label} ¶{p.number} ({item.label}) #{position}", "en")))
                add((pi, _IDM_hasItem, ii))
            for fn in p.footnotes:
                fi = part(f"fn/{fn.number}", _IDM_Footnote, fn.text, f"{note.label}, footnote {fn.number}")
                add((fi, _IDM_label, lit(str(fn.number))))
                add((pi, _IDM_hasFootnote, fi))
        for fn in note.annex_footnotes:
            fi = part(f"fn/{fn.number}", _IDM_Footnote, fn.text, f"{note.label}, footnote {fn.number}")
            add((fi, _IDM_label, lit(str(fn.number))))
            add((mint.part(note.key, "annex"), _IDM_hasFootnote, fi))

    def fact(self, fact: Fact, evidence, add) -> None:
        """``fact`` with the given pieces of its evidence (those of one note, or all)."""
        mint = self.mint
        s = mint(fact.subject)
        p = self.prop(fact.prop)
        o = mint(fact.value) if isinstance(fact.value, Ref) else self.value_literal(fact.prop, fact.value)
        add((s, p, o))
        tagged_part = fact.subject.kind == "part"  # a paragraph's own tags need no statedIn itself
        for ev in evidence:
            if not tagged_part:
                add((s, _IDM_statedIn, mint.part(ev.note, self.paragraph_of(ev) or ev.part)))
            e = evidence_iri(mint, fact, ev)
            target, selector = _minted(f"{e}/target"), _minted(f"{e}/selector")
            add((e, _RDF_type, _IDM_Evidence))
            add((e, _OA_hasBody, s))
            add((e, _IDM_supportsProperty, p))
            add((e, _IDM_supportsValue, o))
            add((e, _OA_hasTarget, target))
            add((target, _RDF_type, _OA_SpecificResource))
            part = mint.part(ev.note, ev.part)
            add((target, _OA_hasSource, part))
            add((target, _OA_hasSelector, selector))
            add((selector, _RDF_type, _OA_TextQuoteSelector))
            add((selector, _RDF_type, _OA_TextPositionSelector))
            add((selector, _OA_exact, self.lit(ev.quote)))
            add((selector, _OA_start, self.lit(ev.start, datatype=_XSD_nonNegativeInteger)))
            add((selector, _OA_end, self.lit(ev.end, datatype=_XSD_nonNegativeInteger)))
            # the quoted part and its note, stated on the annotation itself: what a query would
            # otherwise walk per row (oa:hasTarget/oa:hasSource, then idm:partOf to the note)
            add((e, _IDM_quotedPart, part))
            add((e, _IDM_quotedNote, mint(Ref("note", ev.note))))
            if fact.rule is not None:
                add((e, _IDM_extractedBy, self.rule(fact.rule, add)))

    def rule(self, rule, add) -> URIRef:
        """The node of an extraction rule (its name and version), in the graph that uses it."""
        made = self._rules.get(rule)
        if made is None:
            iri = URIRef(f"{self.mint.base}rule/{rule.name}/{rule.version}")
            made = self._rules[rule] = (iri, (
                (iri, _RDF_type, _IDM_ExtractionRule),
                (iri, _RDFS_label, self.lit(f"extraction rule {rule.name}, version {rule.version}", "en")),
                (iri, _DCTERMS_identifier, self.lit(rule.name)),
                (iri, _OWL_versionInfo, self.lit(rule.version))))
        for t in made[1]:
            add(t)
        return made[0]


class _Prefixed:
    """``x in _Prefixed(p)``: x is an IRI starting with p."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __contains__(self, term) -> bool:
        return str.startswith(term, self.prefix)


class Seen:
    """What the labels made up across notes need to know of the union of the graphs:
    which subjects are typed or labelled, their titles (``skos:prefLabel``), and the
    triples about years."""

    def __init__(self, years: set[URIRef] | None, year_prefix: str = ""):
        #: the year IRIs; None: keep the triples about any IRI under ``year_prefix`` (what
        #: one graph seen alone keeps, for :meth:`merged` to narrow once the years are known)
        self.years = years
        self.year_prefix = year_prefix
        self.typed: set = set()
        self.labelled: set = set()
        self.titles: dict = {}
        self.about_years: set = set()

    @classmethod
    def merged(cls, parts: list[Seen], years: set[URIRef]) -> Seen:
        """What seeing each part's graph in turn would have seen (parts made with years=None)."""
        out = cls(years)
        titles = out.titles
        for part in parts:
            out.typed |= part.typed
            out.labelled |= part.labelled
            for s, title in part.titles.items():
                old = titles.get(s)
                if old is None or title < old:
                    titles[s] = title
            out.about_years |= {t for t in part.about_years if t[0] in years}
        return out

    def see(self, triples) -> None:
        kinds = {_RDF_type: 1, _RDFS_label: 2, _SKOS_prefLabel: 3}
        years = self.years
        if years is None:
            prefix = self.year_prefix
            years = _Prefixed(prefix)
        for t in triples:
            s, p, o = t
            kind = kinds.get(p)
            if kind == 1:
                self.typed.add(s)
            elif kind == 2:
                self.labelled.add(s)
            elif kind == 3:
                # one title per subject; of several, the least (rdflib's choice was
                # whichever its set iterated last, which changed with the hash seed)
                old = self.titles.get(s)
                if old is None or str(o) < old:
                    self.titles[s] = str(o)
            if s in years:
                self.about_years.add(t)


#: the kinds of things given a label made up from their facts (:func:`_labels`)
_MADE_UP_LABEL_KINDS = frozenset({"proposal", "attendance", "citation", "doc", "note", "survey"})


def _labels(asm: Assembly, facts: list[Fact], year_refs, seen: Seen, add) -> None:
    """Readable labels for things that have none: years, proposals, figures, citations;
    only triples the graphs do not hold yet."""
    mint, lit = asm.mint, asm.lit
    labelled, titles = seen.labelled, seen.titles

    def new(t):
        if t not in seen.about_years:
            add(t)

    for y in year_refs:
        iri = mint(y)
        new((iri, _RDF_type, _IDM_DialogueYear))
        new((iri, _IDM_year, lit(y.key, datatype=_XSD_gYear)))
        new((iri, _RDFS_label, lit(f"IDM {y.key}", "en")))
        seen.typed.add(iri)
        labelled.add(iri)
    # (the typed subjects with a title and no label yet: found from the titles, far fewer
    # than the typed subjects, which include every evidence node)
    for s in sorted((s for s in titles if s in seen.typed and s not in labelled), key=str):
        add((s, _RDFS_label, lit(titles[s], "en")))
        labelled.add(s)
    by_note = {f.subject.key for f in facts if f.subject.kind == "note" and f.prop == "idm:concernsYear"}
    by_subject: dict[Ref, dict] = defaultdict(dict)
    for f in facts:
        if f.subject.kind in _MADE_UP_LABEL_KINDS:  # (the kinds given a label below)
            by_subject[f.subject][f.prop] = f.value
    for ref, props in by_subject.items():
        iri = mint(ref)
        if iri in labelled:
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
            add((iri, _RDFS_label, lit(label, "en")))
            labelled.add(iri)


def facts_by_note(facts: list[Fact]) -> dict[str, list[tuple[Fact, tuple[Evidence, ...]]]]:
    """The facts each note's graph holds (none derived), each with the evidence that note gives."""
    by_note: dict[str, list[tuple[Fact, tuple[Evidence, ...]]]] = defaultdict(list)
    for fact in facts:
        if fact.derived:
            continue
        evidence = fact.evidence
        if evidence:
            note = evidence[0].note
            if len(evidence) == 1 or all(ev.note == note for ev in evidence):
                by_note[note].append((fact, evidence))  # one note's (most facts): as below, quicker
                continue
        mine: dict[str, list[Evidence]] = {}
        for ev in fact.evidence:
            mine.setdefault(ev.note, []).append(ev)
        for key, evidence in mine.items():
            by_note[key].append((fact, tuple(evidence)))
    return by_note


def year_refs_of(facts: list[Fact]) -> list[Ref]:
    """The dialogue years the facts name, sorted."""
    refs = set()
    for f in facts:
        if f.subject.kind == "year":
            refs.add(f.subject)
        value = f.value
        if type(value) is Ref and value.kind == "year":
            refs.add(value)
    return sorted(refs, key=str)


def note_triples(asm: Assembly, note: Note, facts: list[tuple[Fact, tuple[Evidence, ...]]]) -> list[Triple]:
    """One note's graph: its structure, and its facts with the evidence it gives."""
    out: list[Triple] = []
    add = out.append
    asm.structure(note, add)
    for fact, evidence in facts:
        asm.fact(fact, evidence, add)
    return list(dict.fromkeys(out))


def derived_inputs(facts: list[Fact]) -> list[Fact]:
    """The facts :func:`derived_triples` reads, in their order: the derived ones, those
    without evidence, and those about the things given a made-up label (:func:`_labels`); it
    gives the same triples on these as on all of ``facts``. (A live build, which makes the
    derived graph again on every added note, passes it these: a fifth of the facts.)"""
    kinds = _MADE_UP_LABEL_KINDS
    return [f for f in facts if f.derived or not f.evidence or f.subject.kind in kinds]


def derived_triples(asm: Assembly, facts: list[Fact], year_refs: list[Ref], seen: Seen,
                    made: dict[Fact, tuple[Triple, ...]] | None = None) -> list[Triple]:
    """The ``derived`` graph: conclusions drawn across notes, and labels made up from several
    facts; ``seen`` has seen every note's graph (and is updated).

    ``made``: the triples of each derived fact from an earlier call (a fact's triples depend on
    the fact alone), reused, and replaced by those of this call's facts: a live build
    (:mod:`idmkg.incremental`) keeps it between notes, so only new conclusions are assembled."""
    out: list[Triple] = []
    earlier = made.copy() if made is not None else {}
    if made is not None:
        made.clear()
    for fact in facts:
        if fact.derived or not fact.evidence:
            triples = earlier.get(fact)
            if triples is None:
                found: list[Triple] = []
                asm.fact(fact, fact.evidence, found.append)
                triples = tuple(found)
            if made is not None:
                made[fact] = triples
            out.extend(triples)
    derived = dict.fromkeys(out)
    seen.see(derived)
    labels: list[Triple] = []
    _labels(asm, facts, year_refs, seen, labels.append)
    derived.update(dict.fromkeys(labels))
    return list(derived)


def assembled_triples(notes: list[Note], facts: list[Fact], base: str) -> Iterator[tuple[str, list[Triple]]]:
    """The asserted graph of the notes, one named graph at a time: ``(graph IRI, its
    distinct triples)`` as tuples of rdflib terms, no rdflib ``Graph`` built. First one
    graph per note, in the order of ``notes`` (its structure and every fact it states, with
    the evidence it gives), then ``derived``: conclusions drawn across notes (outcomes,
    preferred titles, ...) and labels made up from several facts, with their evidence.
    The same triples as :func:`assemble`'s graphs; :mod:`idmkg.incremental` makes them
    a graph at a time with the same functions."""
    asm = Assembly(notes, base)
    mint = asm.mint
    by_note = facts_by_note(facts)
    year_refs = year_refs_of(facts)
    seen = Seen({mint(y) for y in year_refs})
    for note in notes:
        triples = note_triples(asm, note, by_note.get(note.key, ()))
        seen.see(triples)
        yield graph_name(mint.base, f"note/{note.key}"), triples
    yield graph_name(mint.base, "derived"), derived_triples(asm, facts, year_refs, seen)


def assemble_triples(notes: list[Note], facts: list[Fact], base: str) -> dict[str, list[Triple]]:
    """:func:`assembled_triples` all at once (graph IRI -> distinct triples), made without
    cyclic garbage collection: several times faster on a large archive than taking them one
    graph at a time while the collector walks every triple made so far."""
    with gc_paused():
        return dict(assembled_triples(notes, facts, base))


def new_graph(base: str) -> Graph:
    g = Graph()
    for prefix, ns in data_prefixes(base).items():
        g.bind(prefix, ns, override=True)
    return g


def graph_of(triples, base: str) -> Graph:
    """An rdflib ``Graph`` of ``triples``, with the data's prefixes bound."""
    g = new_graph(base)
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


def assemble(notes: list[Note], facts: list[Fact], base: str) -> dict[str, Graph]:
    """The asserted graph of the notes as one rdflib ``Graph`` per named graph (graph IRI ->
    graph): see :func:`assembled_triples`, which yields the same triples without the
    ``Graph`` objects."""
    base = Minter(base).base
    with gc_paused():
        return {name: graph_of(triples, base) for name, triples in assembled_triples(notes, facts, base)}


def union(graphs, base: str) -> Graph:
    g = new_graph(base)
    for part in graphs:
        g += part
    return g
