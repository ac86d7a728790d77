"""A fast forward-chaining reasoner for the OWL 2 RL rules the idmkg ontology uses.

owlrl (the reference) applies every OWL 2 RL rule to every triple until nothing changes;
on this graph that takes ~10 s in pure Python. The ontology only uses a handful of
constructs, so the same entailments about the data follow from a few set operations:

- cax-sco, cax-eqc: types propagate up ``rdfs:subClassOf`` / ``owl:equivalentClass``;
- prp-spo1, prp-eqp: property assertions propagate up ``rdfs:subPropertyOf``;
- prp-inv: ``owl:inverseOf`` both ways; prp-symp: ``owl:SymmetricProperty``;
- prp-trp: ``owl:TransitiveProperty``;
- prp-dom, prp-rng: ``rdfs:domain`` / ``rdfs:range`` give types (IRIs and blank nodes only);
- cax-dw: ``owl:disjointWith`` is checked and a violation reported as an inconsistency, as
  owlrl does;
- prp-fp: a functional property with two values makes OWL equate them (``owl:sameAs``, then
  every triple copied across); rather than re-implement equality, the reasoner hands such a
  graph to owlrl (SHACL flags the two values anyway).

:func:`closure` returns the same inferred triples as :func:`idmkg.infer.infer` with owlrl
(``tests/test_reason.py`` proves it on the five notes); any construct outside this list in
the ontology makes it refuse, so a richer ontology falls back to owlrl instead of silently
losing entailments.
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .errors import IdmkgError
from .namespaces import IS_TYPE


#: axiom predicates this reasoner understands; other OWL vocabulary in the schema is refused
HANDLED = {
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf, OWL.equivalentClass,
    OWL.equivalentProperty, OWL.disjointWith,
}
HANDLED_TYPES = {OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty}
#: OWL terms with no effect on data entailments (declarations, annotations)
INERT = {
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology, OWL.versionInfo,
    OWL.versionIRI, OWL.imports, OWL.NamedIndividual, OWL.Thing, OWL.Nothing, OWL.deprecated,
}


class UnsupportedOntology(IdmkgError):
    """The ontology (or the data: equality through a functional property) needs a rule the
    fast reasoner does not implement."""


def _check_supported(schema: Graph) -> None:
    for s, p, o in schema:
        if p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(OWL)):
            if o not in HANDLED_TYPES and o not in INERT:
                raise UnsupportedOntology(f"fast reasoner does not handle {o.n3()} (on {s.n3()})")
        elif str(p).startswith(str(OWL)) and p not in HANDLED and p not in INERT:
            raise UnsupportedOntology(f"fast reasoner does not handle {p.n3()} (on {s.n3()})")


def _ancestors(pairs: list[tuple], nodes) -> dict:
    """Reflexive-transitive closure of a parent relation, for each node."""
    parents = defaultdict(set)
    for child, parent in pairs:
        parents[child].add(parent)
    out = {}
    for n in nodes:
        seen, todo = {n}, [n]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        out[n] = seen
    return out


class Closure:
    """The schema compiled once; :meth:`expand` applies it to a data graph."""

    def __init__(self, schema: Graph):
        _check_supported(schema)
        sub_class = [(s, o) for s, o in schema.subject_objects(RDFS.subClassOf)]
        for a, b in schema.subject_objects(OWL.equivalentClass):
            sub_class += [(a, b), (b, a)]
        sub_prop = [(s, o) for s, o in schema.subject_objects(RDFS.subPropertyOf)]
        for a, b in schema.subject_objects(OWL.equivalentProperty):
            sub_prop += [(a, b), (b, a)]
        classes = {c for pair in sub_class for c in pair}
        props = {p for pair in sub_prop for p in pair}
        self.super_classes = _ancestors(sub_class, classes)
        self.super_props = _ancestors(sub_prop, props)
        self.inverse = defaultdict(set)
        for a, b in schema.subject_objects(OWL.inverseOf):
            self.inverse[a].add(b)
            self.inverse[b].add(a)
        self.symmetric = set(schema.subjects(RDF.type, OWL.SymmetricProperty))
        self.transitive = set(schema.subjects(RDF.type, OWL.TransitiveProperty))
        self.functional = set(schema.subjects(RDF.type, OWL.FunctionalProperty))
        self.domain = defaultdict(set)
        self.range = defaultdict(set)
        for p, c in schema.subject_objects(RDFS.domain):
            self.domain[p].add(c)
        for p, c in schema.subject_objects(RDFS.range):
            self.range[p].add(c)
        self._templates: dict = {}
        self.disjoint = defaultdict(set)
        for a, b in schema.subject_objects(OWL.disjointWith):
            self.disjoint[a].add(b)
            self.disjoint[b].add(a)

    def _supers(self, cls) -> set:
        return self.super_classes.get(cls, {cls})

    def expand(self, data) -> tuple[set[tuple], list[str]]:
        """All triples entailed by ``data`` (an rdflib Graph or any iterable of triples) +
        schema about the data (input triples included), and the inconsistencies found."""
        triples = set(data)
        added, errors = self.derive(triples)
        return triples | added, errors

    def derive(self, triples: set[tuple]) -> tuple[set[tuple], list[str]]:
        """The triples entailed by ``triples`` + schema that ``triples`` does not hold, and
        the inconsistencies found. ``triples`` is not changed.

        Semi-naive: each round applies the rules only to the triples the previous round
        added. Every rule but prp-trp has one premise, so this derives what applying them
        to everything would; prp-trp joins the new pairs with all known ones, both ways.
        Reflexive steps (a class is its own superclass) are skipped: they derive nothing."""
        strict_classes = {c: tuple(x for x in sups if x != c) for c, sups in self.super_classes.items()}
        strict_props = {p: tuple(x for x in sups if x != p) for p, sups in self.super_props.items()}
        succ: dict = defaultdict(lambda: defaultdict(set))   # transitive p -> s -> {o}
        pred: dict = defaultdict(lambda: defaultdict(set))   # transitive p -> o -> {s}
        transitive, symmetric = self.transitive, self.symmetric
        # RDF.type looked up once (a namespace attribute costs a Python call), and tested by
        # set membership (hash, then identity) rather than URIRef.__eq__: same answers
        rdf_type, is_type = RDF.type, IS_TYPE
        inverse, domain, rng = self.inverse, self.domain, self.range
        for s, p, o in triples:
            if p in transitive:
                succ[p][s].add(o)
                pred[p][o].add(s)
        added: set[tuple] = set()
        delta = triples
        while delta:
            new = set()
            add = new.add
            for s, p, o in delta:
                if p in is_type:
                    for sup in strict_classes.get(o, ()):
                        add((s, p, sup))
                    continue
                for sup in strict_props.get(p, ()):
                    add((s, sup, o))
                resource = isinstance(o, (URIRef, BNode))
                if resource:
                    for inv in inverse.get(p, ()):
                        add((o, inv, s))
                    if p in symmetric:
                        add((o, p, s))
                    for c in rng.get(p, ()):
                        add((o, rdf_type, c))
                if p in transitive:
                    for o2 in succ[p].get(o, ()):
                        add((s, p, o2))
                    for s0 in pred[p].get(s, ()):
                        add((s0, p, o))
                for c in domain.get(p, ()):
                    add((s, rdf_type, c))
            new -= triples
            new -= added
            added |= new
            for s, p, o in new:
                if p in transitive:
                    succ[p][s].add(o)
                    pred[p][o].add(s)
            delta = new
        return added, self._errors(triples, added)

    def consequences(self, triple: tuple) -> tuple:
        """What ``triple`` alone entails with the schema through the one-premise rules (every
        rule but prp-trp), itself excluded: the closure of a set of triples is the union of
        its triples' consequences plus the transitive steps, which
        :class:`idmkg.reason_counted.CountedClosure` adds as premises of their own. Worked
        out once per property (and class) as a template over the subject and object."""
        s, p, o = triple
        if p == RDF.type:
            key = (p, o)
        else:
            key = (p, isinstance(o, (URIRef, BNode)))
        template = self._templates.get(key)
        if template is None:
            template = self._templates[key] = self._template(p, o if p == RDF.type else None, key[1])
        ends = (s, o)
        out = tuple((ends[a] if a.__class__ is int else a, q, ends[b] if b.__class__ is int else b)
                    for a, q, b in template)
        return out if s != o else tuple(t for t in out if t != triple)

    def _template(self, p, cls, resource: bool) -> tuple:
        """The consequences of ``(0, p, 1)`` (0 and 1 standing for the subject and object;
        ``cls`` the object of a type triple), found by the rules of :meth:`derive`."""
        start = (0, p, cls if p == RDF.type else 1)
        found, todo = {start}, [start]
        while todo:
            s, q, o = todo.pop()
            out = []
            if q == RDF.type:
                out += [(s, q, sup) for sup in self._supers(o) if sup != o]
            else:
                out += [(s, sup, o) for sup in self.super_props.get(q, {q}) if sup != q]
                object_resource = resource if o == 1 else True   # 0 is the subject: an IRI or a blank node
                if object_resource:
                    out += [(o, inv, s) for inv in self.inverse.get(q, ())]
                    if q in self.symmetric:
                        out.append((o, q, s))
                    out += [(o, RDF.type, c) for c in self.range.get(q, ())]
                out += [(s, RDF.type, c) for c in self.domain.get(q, ())]
            for t in out:
                if t not in found:
                    found.add(t)
                    todo.append(t)
        found.discard(start)
        return tuple(sorted(found, key=str))

    def _errors(self, *parts: set[tuple]) -> list[str]:
        types = defaultdict(set)
        values = defaultdict(set)
        functional = self.functional
        is_type = IS_TYPE
        for triples in parts:
            for s, p, o in triples:
                if p in is_type:
                    types[s].add(o)
                elif p in functional:
                    values[(s, p)].add(o)
        errors = []
        for s, cs in types.items():
            for c in cs:
                for d in self.disjoint.get(c, ()):
                    if d in cs and str(c) < str(d):
                        errors.append(f"Disjoint classes {c.n3()} and {d.n3()} have a common individual {s.n3()}")
        for (s, p), vs in values.items():
            if len(vs) > 1:
                raise UnsupportedOntology(f"functional property {p.n3()} has several values on {s.n3()}: "
                                          "owl:sameAs reasoning needed")
        return sorted(errors)
