"""SHACL validation compiled to SPARQL and run by Oxigraph (issue #7), with pySHACL's verdict.

:func:`compile_shapes` reads a shapes graph and turns every constraint into a SPARQL graph
pattern whose solutions are exactly the validation results pySHACL would report for it
(focus node, value node); :meth:`CompiledShapes.validate` runs them on a pyoxigraph
``Store`` whose default graph holds the data to validate (asserted + inferred + ontology, as
pySHACL sees it), optionally only for some focus nodes (the nodes one added note touches),
and returns the same :class:`~idmkg.validate.ValidationReport` as the pySHACL path.
:meth:`CompiledShapes.grouped` gives the results query by query, each with the results
nested under it, and can run a SPARQL constraint for some value nodes only (``VALUES
?value``): what :mod:`idmkg.shacl_focus` checks again after a change.

Only the constructs ``ontology/shapes.ttl`` uses are compiled (SHACL Core: targetClass,
targetSubjectsOf, targetNode, predicate paths, minCount, maxCount, datatype, class, nodeKind,
in, node, or, minLength, minInclusive, maxInclusive, lessThan, lessThanOrEquals, uniqueLang,
languageIn, qualifiedValueShape with qualifiedMinCount/MaxCount; SHACL-SPARQL SELECT
constraints with ``$this`` and message templates; severities, messages, deactivated). Any
other SHACL term in the shapes graph raises :class:`UnsupportedShapes` naming it and the
shape, so that a richer shapes file goes to pySHACL rather than being checked less.

pySHACL is the reference semantics; where SHACL leaves room, pySHACL's choices are followed
(tests/test_shacl_sparql.py compares both engines on systematically damaged graphs):
sh:class counts rdfs:subClassOf* in the data graph; a literal of the right datatype that is
ill-typed violates sh:datatype; values that cannot be compared violate sh:minInclusive,
sh:lessThan and the like; sh:uniqueLang gives one result per duplicated language, without a
value; qualified counts give one result per focus node, without a value; a SPARQL constraint
reports its own message (templates filled in) and the shape's.

One difference cannot be helped: Oxigraph stores a well-formed literal of any integer type
(xsd:positiveInteger, xsd:int, ...) as xsd:integer with its canonical lexical form ("007" ->
"7"), so sh:datatype xsd:positiveInteger is checked on the value's range only: a value typed
xsd:integer (or xsd:int ...) in range passes here where pySHACL reports it, and reported
values are in canonical form. Ill-typed literals ("abc"^^xsd:positiveInteger), values out of
range and values of any other datatype are reported as pySHACL does.
"""
from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from .errors import IdmkgError

OX_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OX_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"


class UnsupportedShapes(IdmkgError):
    """The shapes graph uses a SHACL construct the SPARQL compiler does not handle (use pySHACL)."""


# ---------------------------------------------------------------------------
# what is understood
# ---------------------------------------------------------------------------

#: shape-describing predicates that carry no constraint (documentation, grouping)
_INERT = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity,
          SH.deactivated, SH.path, SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.property,
          SH.declare, SH.prefixes}
#: constraint parameters compiled
_PARAMS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.node, SH["or"],
           SH.minLength, SH.minInclusive, SH.maxInclusive, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang,
           SH.languageIn, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.sparql,
           SH.qualifiedValueShapesDisjoint}
#: SPARQL constraint predicates understood
_SPARQL_PARAMS = {RDF.type, SH.select, SH.message, SH.prefixes, SH.deactivated, SH.name, SH.description}

_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}

#: well-formedness of a literal's lexical form, for the datatypes whose ill-typed literals
#: rdflib (hence pySHACL) flags; {v} is the value. Datatypes not listed: the IRI alone decides.
_WELL_FORMED = {
    XSD.string: "true",
    XSD.date: "COALESCE(DATATYPE(xsd:date(STR({v}))) = xsd:date, false)",
    XSD.dateTime: "COALESCE(DATATYPE(xsd:dateTime(STR({v}))) = xsd:dateTime, false)",
    XSD.decimal: "COALESCE(DATATYPE(xsd:decimal(STR({v}))) = xsd:decimal, false)",
    XSD.integer: "COALESCE(DATATYPE(xsd:integer(STR({v}))) = xsd:integer, false)",
    XSD.boolean: "COALESCE(DATATYPE(xsd:boolean(STR({v}))) = xsd:boolean, false)",
    XSD.double: "COALESCE(DATATYPE(xsd:double(STR({v}))) = xsd:double, false)",
    XSD.float: "COALESCE(DATATYPE(xsd:float(STR({v}))) = xsd:float, false)",
    XSD.positiveInteger: "COALESCE(xsd:integer(STR({v})) >= 1, false)",
    XSD.nonNegativeInteger: "COALESCE(xsd:integer(STR({v})) >= 0, false)",
    XSD.negativeInteger: "COALESCE(xsd:integer(STR({v})) <= -1, false)",
    XSD.nonPositiveInteger: "COALESCE(xsd:integer(STR({v})) <= 0, false)",
    XSD.long: "COALESCE(DATATYPE(xsd:integer(STR({v}))) = xsd:integer, false)",
    XSD.int: "COALESCE(DATATYPE(xsd:integer(STR({v}))) = xsd:integer, false)",
}


#: the integer types Oxigraph folds into xsd:integer when it stores a literal
_INTEGER_TYPES = {XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger, XSD.negativeInteger,
                  XSD.nonPositiveInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


def _n3(term) -> str:
    """A term written for a SPARQL query."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedShapes(f"a blank node ({term}) where the compiler needs an IRI or a literal")


# ---------------------------------------------------------------------------
# the compiled form
# ---------------------------------------------------------------------------

@dataclass
class Constraint:
    """One constraint of a shape: the SPARQL pattern of its violations and how to report them."""
    component: URIRef
    #: (focus variable, value variable, fresh-name source) -> group pattern whose solutions
    #: are the violations; binds the value variable if ``has_value``
    pattern: object
    has_value: bool
    #: extra variables a row of results reports (uniqueLang: one result per language)
    distinct_on: tuple[str, ...] = ()
    source_constraint: object = None


@dataclass
class Shape:
    node: object
    path: URIRef | None
    severity: URIRef
    messages: list
    deactivated: bool
    constraints: list[Constraint] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)   # group patterns binding ?this
    sparql: list = field(default_factory=list)          # (constraint node, query text, messages)


class _Names:
    """Fresh SPARQL variable names."""

    def __init__(self) -> None:
        self._n = itertools.count()

    def __call__(self, stem: str = "v") -> str:
        return f"?_{stem}{next(self._n)}"


def _where(shapes: Graph, node) -> str:
    name = shapes.value(node, SH.name)
    if isinstance(node, URIRef):
        return f"<{node}>"
    parents = list(shapes.subjects(SH.property, node)) or list(shapes.subjects(RDF.first, node))
    within = ""
    if parents and isinstance(parents[0], URIRef):
        within = f" of <{parents[0]}>"
    return f"the shape {name and repr(str(name)) or 'without a name'}{within}"


class _Compiler:
    def __init__(self, shapes: Graph):
        self.g = shapes
        self.shapes: dict = {}

    # -- shapes --------------------------------------------------------------
    def shape(self, node) -> Shape:
        if node in self.shapes:
            return self.shapes[node]
        g = self.g
        path = g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShapes(f"{_where(g, node)}: sh:path is a complex path (only predicate paths "
                                    f"are compiled)")
        severity = g.value(node, SH.severity) or SH.Violation
        deactivated = g.value(node, SH.deactivated)
        s = Shape(node, path, severity, sorted(g.objects(node, SH.message), key=str),
                  bool(deactivated is not None and deactivated.toPython() is True))
        self.shapes[node] = s
        for p, o in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if p == RDF.type or p in _INERT or p in _PARAMS:
                continue
            if str(p).startswith(str(SH)):
                raise UnsupportedShapes(f"{_where(g, node)}: {p.n3(g.namespace_manager)} is not supported by "
                                        f"the SPARQL compiler (validate with pySHACL)")
        self._constraints(s)
        return s

    def _constraints(self, s: Shape) -> None:
        g, node = self.g, s.node
        one = lambda p: g.value(node, p)
        if (x := one(SH.minCount)) is not None:
            s.constraints.append(Constraint(SH.MinCountConstraintComponent, self._min_count(s, int(x)), False))
        if (x := one(SH.maxCount)) is not None:
            s.constraints.append(Constraint(SH.MaxCountConstraintComponent, self._max_count(s, int(x)), False))
        for dt in sorted(g.objects(node, SH.datatype)):
            s.constraints.append(Constraint(SH.DatatypeConstraintComponent, self._value_filter(s, self._datatype(dt)), True))
        for cls in sorted(g.objects(node, SH["class"])):
            s.constraints.append(Constraint(SH.ClassConstraintComponent, self._class(s, cls), True))
        for kind in sorted(g.objects(node, SH.nodeKind)):
            if kind not in _NODE_KINDS:
                raise UnsupportedShapes(f"{_where(g, node)}: unknown sh:nodeKind {kind}")
            s.constraints.append(Constraint(SH.NodeKindConstraintComponent,
                                            self._value_filter(s, lambda v, k=kind: f"!{_NODE_KINDS[k].format(v=v)}"), True))
        for lst in g.objects(node, SH["in"]):
            members = list(Collection(g, lst))
            test = lambda v, m=members: "!(" + (" || ".join(f"sameTerm({v}, {_n3(x)})" for x in m) or "false") + ")"
            s.constraints.append(Constraint(SH.InConstraintComponent, self._value_filter(s, test), True))
        for other in sorted(g.objects(node, SH.node), key=str):
            s.constraints.append(Constraint(SH.NodeConstraintComponent, self._node(s, other), True,
                                            source_constraint=other))
        for lst in g.objects(node, SH["or"]):
            s.constraints.append(Constraint(SH.OrConstraintComponent, self._or(s, list(Collection(g, lst))), True))
        if (x := one(SH.minLength)) is not None:
            n = int(x)
            s.constraints.append(Constraint(SH.MinLengthConstraintComponent, self._value_filter(
                s, lambda v: "false" if n == 0 else f"(isBlank({v}) || STRLEN(STR({v})) < {n})"), True))
        for p, op, comp in ((SH.minInclusive, ">=", SH.MinInclusiveConstraintComponent),
                            (SH.maxInclusive, "<=", SH.MaxInclusiveConstraintComponent)):
            for bound in g.objects(node, p):
                s.constraints.append(Constraint(comp, self._value_filter(
                    s, lambda v, b=bound, o=op: f"!COALESCE(!isBlank({v}) && !isIRI({v}) && {v} {o} {_n3(b)}, false)"), True))
        for p, op, comp in ((SH.lessThan, "<", SH.LessThanConstraintComponent),
                            (SH.lessThanOrEquals, "<=", SH.LessThanOrEqualsConstraintComponent)):
            for other in sorted(g.objects(node, p)):
                if s.path is None:
                    raise UnsupportedShapes(f"{_where(g, node)}: {p.n3(g.namespace_manager)} on a node shape")
                s.constraints.append(Constraint(comp, self._pair(s, other, op), True, distinct_on=("o",)))
        if (x := one(SH.uniqueLang)) is not None and x.toPython() is True:
            s.constraints.append(Constraint(SH.UniqueLangConstraintComponent, self._unique_lang(s), False,
                                            distinct_on=("lang",)))
        for lst in g.objects(node, SH.languageIn):
            langs = sorted({str(x).lower() for x in Collection(g, lst)})
            s.constraints.append(Constraint(SH.LanguageInConstraintComponent,
                                            self._value_filter(s, lambda v, ls=langs: self._lang_test(v, ls)), True))
        for q in g.objects(node, SH.qualifiedValueShape):
            disjoint = one(SH.qualifiedValueShapesDisjoint)
            if disjoint is not None and disjoint.toPython() is True:
                raise UnsupportedShapes(f"{_where(g, node)}: sh:qualifiedValueShapesDisjoint true is not supported")
            qmin, qmax = one(SH.qualifiedMinCount), one(SH.qualifiedMaxCount)
            if qmax is not None:
                s.constraints.append(Constraint(SH.QualifiedMaxCountConstraintComponent,
                                                self._qualified(s, q, int(qmax), "max"), False))
            if qmin is not None:
                s.constraints.append(Constraint(SH.QualifiedMinCountConstraintComponent,
                                                self._qualified(s, q, int(qmin), "min"), False))
        for c in g.objects(node, SH.sparql):
            self._sparql(s, c)
        for prop in sorted(g.objects(node, SH.property), key=str):
            self.shape(prop)

    # -- value nodes ---------------------------------------------------------
    def _values(self, s: Shape, f: str, v: str) -> str:
        """A pattern binding ``v`` to the value nodes of ``f`` (none for a node shape: its
        value node is the focus node itself, see :func:`_vv`)."""
        return f"{f} <{s.path}> {v} ." if s.path is not None else ""

    def _value_filter(self, s: Shape, test):
        return lambda f, v, names: f"{self._values(s, f, _vv(s, f, v))} FILTER ({test(_vv(s, f, v))})"

    # -- components ----------------------------------------------------------
    def _distinct_values(self, s: Shape, f: str, n: int, names, extra=None) -> str:
        vs = [names() for _ in range(n)]  # (count constraints are on property shapes only)
        parts = [self._values(s, f, v) for v in vs]
        if extra:
            parts += [extra(v, names) for v in vs]
        parts += [f"FILTER (!sameTerm({a}, {b}))" for a, b in itertools.combinations(vs, 2)]
        return " ".join(parts)

    def _min_count(self, s: Shape, n: int):
        if s.path is None:
            raise UnsupportedShapes(f"{_where(self.g, s.node)}: sh:minCount on a node shape")
        if n <= 0:
            return lambda f, v, names: "FILTER (false)"
        return lambda f, v, names: f"FILTER NOT EXISTS {{ {self._distinct_values(s, f, n, names)} }}"

    def _max_count(self, s: Shape, n: int):
        if s.path is None:
            raise UnsupportedShapes(f"{_where(self.g, s.node)}: sh:maxCount on a node shape")
        return lambda f, v, names: f"FILTER EXISTS {{ {self._distinct_values(s, f, n + 1, names)} }}"

    def _datatype(self, dt):
        if dt == RDFS.Literal:
            return lambda v: f"!isLiteral({v})"
        wf = _WELL_FORMED.get(dt, "true")
        if dt in _INTEGER_TYPES:
            # Oxigraph stores a well-formed literal of any integer type as xsd:integer
            # (module docstring): the datatype check falls back on the value's range
            return lambda v: (f"!(isLiteral({v}) && (sameTerm(DATATYPE({v}), <{dt}>) || "
                              f"sameTerm(DATATYPE({v}), xsd:integer)) && {wf.format(v=v)})")
        return lambda v: f"!(isLiteral({v}) && sameTerm(DATATYPE({v}), <{dt}>) && {wf.format(v=v)})"

    def _class(self, s: Shape, cls):
        if not isinstance(cls, URIRef):
            raise UnsupportedShapes(f"{_where(self.g, s.node)}: sh:class with a blank node")
        return lambda f, v, names: (f"{self._values(s, f, _vv(s, f, v))} FILTER NOT EXISTS {{ {_vv(s, f, v)} "
                                    f"{OX_RDF_TYPE}/{OX_SUBCLASS}* <{cls}> }}")

    def _violated(self, node, v: str, names) -> str:
        """A filter expression: true iff ``v`` does not conform to the shape ``node``."""
        other = self.shape(node)
        if other.sparql:
            raise UnsupportedShapes(f"{_where(self.g, node)}: sh:sparql in a shape used by sh:node, sh:or or "
                                    f"sh:qualifiedValueShape")
        if other.deactivated:
            return "false"
        parts = []
        for sub in [other] + [self.shape(p) for p in sorted(self.g.objects(node, SH.property), key=str)]:
            if sub.deactivated:
                continue
            for c in sub.constraints:
                parts.append(_as_expression(c.pattern(v, names(), names)))
        return "(" + (" || ".join(parts) or "false") + ")"

    def _node(self, s: Shape, other):
        return lambda f, v, names: (f"{self._values(s, f, _vv(s, f, v))} "
                                    f"FILTER ({self._violated(other, _vv(s, f, v), names)})")

    def _or(self, s: Shape, members):
        def pattern(f, v, names):
            v = _vv(s, f, v)
            tests = [self._violated(m, v, names) for m in members]
            return f"{self._values(s, f, v)} FILTER ({' && '.join(tests) or 'true'})"
        return pattern

    def _pair(self, s: Shape, other, op):
        def pattern(f, v, names):
            o = names("o")
            return (f"{self._values(s, f, v)} {f} <{other}> {o} . "
                    f"FILTER (!COALESCE(!isIRI({v}) && !isIRI({o}) && {v} {op} {o}, false))")
        return pattern

    def _unique_lang(self, s: Shape):
        def pattern(f, v, names):
            b = names()
            return (f"{self._values(s, f, v)} {self._values(s, f, b)} "
                    f"FILTER (!sameTerm({v}, {b}) && LANG({v}) != \"\" && LCASE(LANG({v})) = LCASE(LANG({b}))) "
                    f"BIND (LCASE(LANG({v})) AS ?lang)")
        return pattern

    @staticmethod
    def _lang_test(v: str, langs: list[str]) -> str:
        if "*" in langs:
            return f"!(isLiteral({v}) && LANG({v}) != \"\")"
        listed = ", ".join(f'"{x}"' for x in langs)
        return (f"!(isLiteral({v}) && LANG({v}) != \"\" && (LCASE(LANG({v})) IN ({listed}) || "
                f"LCASE(STRBEFORE(LANG({v}), \"-\")) IN ({listed})))")

    def _qualified(self, s: Shape, q, n: int, kind: str):
        if s.path is None:
            raise UnsupportedShapes(f"{_where(self.g, s.node)}: sh:qualifiedValueShape on a node shape")

        def conforming(f, names, count):
            return self._distinct_values(s, f, count, names,
                                         extra=lambda x, nm: f"FILTER (!{self._violated(q, x, nm)})")
        if kind == "max":
            return lambda f, v, names: f"FILTER EXISTS {{ {conforming(f, names, n + 1)} }}"
        if n <= 0:
            return lambda f, v, names: "FILTER (false)"
        return lambda f, v, names: f"FILTER NOT EXISTS {{ {conforming(f, names, n)} }}"

    def _sparql(self, s: Shape, c) -> None:
        g = self.g
        for p in g.predicates(c):
            if p not in _SPARQL_PARAMS:
                raise UnsupportedShapes(f"{_where(g, s.node)}: {p.n3(g.namespace_manager)} on its SPARQL constraint "
                                        f"is not supported")
        deactivated = g.value(c, SH.deactivated)
        if deactivated is not None and deactivated.toPython() is True:
            return
        select = g.value(c, SH.select)
        if select is None:
            raise UnsupportedShapes(f"{_where(g, s.node)}: a SPARQL constraint without sh:select (ASK and "
                                    f"custom components are not supported)")
        text = str(select)
        if re.search(r"\b(MINUS|SERVICE|VALUES)\b|\{\s*SELECT\b", text, re.IGNORECASE) or re.search(r"\$(?!this\b)\w", text):
            raise UnsupportedShapes(f"{_where(g, s.node)}: its SPARQL constraint uses MINUS, SERVICE, VALUES, a "
                                    f"subquery or a pre-bound variable other than $this")
        prefixes = []
        for decl_owner in g.objects(c, SH.prefixes):
            for d in g.objects(decl_owner, SH.declare):
                prefixes.append(f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>")
        s.sparql.append((c, "\n".join(sorted(set(prefixes))) + "\n" + text, sorted(g.objects(c, SH.message), key=str)))

    # -- targets -------------------------------------------------------------
    def targets(self, s: Shape) -> None:
        g = self.g
        for cls in sorted(g.objects(s.node, SH.targetClass)):
            s.targets.append(f"?this {OX_RDF_TYPE}/{OX_SUBCLASS}* {_n3(cls)} .")
        for p in sorted(g.objects(s.node, SH.targetSubjectsOf)):
            s.targets.append(f"?this {_n3(p)} [] .")
        nodes = sorted(g.objects(s.node, SH.targetNode))
        if nodes:
            s.targets.append(f"VALUES ?this {{ {' '.join(_n3(n) for n in nodes)} }}")
        if s.path is None and isinstance(s.node, URIRef) and (s.node, RDF.type, RDFS.Class) in g:
            raise UnsupportedShapes(f"{_where(g, s.node)}: implicit class targets are not supported")


@dataclass
class Query:
    """One compiled query: its text and how to turn a row into a validation result."""
    shape: Shape
    component: URIRef
    text: str
    has_value: bool
    source_constraint: object = None
    messages: list = field(default_factory=list)   # the SPARQL constraint's own (templates)
    #: sh:node: the queries of the nested shape, whose results for each value node pySHACL
    #: reports too (as sh:detail of this result)
    nested: list = field(default_factory=list)
    #: the target patterns (binding ?this) of a shape with targets
    targets: str = ""
    #: the root shape (the one with the targets) this query checks, for a property shape's
    #: query the node shape holding it
    root: object = None
    #: a SPARQL constraint's own query (prefixes declared, ``$this`` unbound), as written
    select: str = ""

    def focused(self, values: str, targeted: bool = False, value_values: str = "") -> str:
        """The text with the focus nodes bound: all targets, or those of ``values`` (a VALUES
        clause) that are targets (checked per node, not by listing every target), or, if
        ``targeted``, the nodes of ``values`` (known to be targets). ``value_values`` (a
        ``VALUES ?value { ... }`` clause) restricts a SPARQL constraint to those value nodes:
        joined at the start of its WHERE clause, which the caller may do only where every
        solution binds ``?value`` (:mod:`idmkg.shacl_focus` checks it)."""
        if value_values and "#VALUE_PATTERN#" not in self.text:
            raise ValueError("only a SPARQL constraint's query can be restricted to value nodes")
        if targeted:
            pattern = "{ " + values + " }"
        elif values and self.targets:
            pattern = f"{{ SELECT DISTINCT ?this WHERE {{ {values} FILTER EXISTS {{ {self.targets} }} }} }}"
        else:
            pattern = f"{{ SELECT DISTINCT ?this WHERE {{ {self.targets} }} }}"
        return (self.text.replace("#FOCUS_PATTERN#", pattern).replace("#FOCUS#", values)
                .replace("#VALUE_PATTERN#", value_values))


class CompiledShapes:
    """The shapes as SPARQL queries; :meth:`validate` runs them on an Oxigraph store."""

    def __init__(self, shapes: Graph, roots: list[Shape], queries: list[Query], by_node: dict | None = None):
        self.shapes_graph = shapes
        #: every compiled shape, by its node in the shapes graph
        self.by_node = by_node or {}
        self.roots = roots
        self.queries = queries
        self.seconds: dict[str, float] = {}

    def validate(self, store, focus=None):
        """Validate the default graph of ``store`` (a ``pyoxigraph.Store``); with ``focus`` (IRIs),
        only those focus nodes: the results are the full run's results whose focus node is one
        of them. Returns an :class:`idmkg.validate.ValidationReport`."""
        from .validate import StoreLookup, report_from_results

        results = self.results(store, focus)
        return report_from_results(results, StoreLookup(store), self.shapes_graph)

    def results(self, store, focus=None) -> list[dict]:
        """The validation results as dicts (focus, path, component, severity, messages, value,
        source_shape, source_constraint), rdflib terms; the results pySHACL nests under a
        sh:node result (sh:detail) are listed too, as pySHACL's report lists them."""
        groups = self.grouped(store, range(len(self.queries)), focus)
        return [r for i in sorted(groups) for group in groups[i] for r in group]

    def grouped(self, store, indexes, focus=None, values=None) -> dict[int, list[list[dict]]]:
        """The results of the queries ``self.queries[i]`` for ``i`` in ``indexes``, by query, in
        groups: a result and the results pySHACL nests under it (sh:detail), which name
        other focus nodes. ``focus`` (IRIs) as in :meth:`results`; ``values`` (pyoxigraph
        or rdflib terms) restricts SPARQL constraints to those value nodes (see
        :meth:`Query.focused`)."""
        indexes = sorted(set(indexes))
        restrict = ""
        if values is not None:
            terms = sorted({_term_text(v) for v in values})
            if not terms:
                return {i: [] for i in indexes}
            restrict = "VALUES ?value { " + " ".join(terms) + " }"
        if focus is None:
            return {i: self._run(store, [self.queries[i]], "", value_values=restrict) for i in indexes}
        out: dict[int, list[list[dict]]] = {i: [] for i in indexes}
        terms = sorted({str(f) for f in focus})
        if not terms:
            return out
        values_clause = "VALUES ?this { " + " ".join(f"<{t}>" for t in terms) + " }"
        # which of the focus nodes each shape targets, once per shape; shapes that target
        # none of them are skipped, the others run on their own focus nodes only
        by_targets: dict[str, list[int]] = {}
        for i in indexes:
            by_targets.setdefault(self.queries[i].targets, []).append(i)
        for targets, chosen in by_targets.items():
            hit = sorted(str(row["this"]) for row in store.query(
                f"SELECT DISTINCT ?this WHERE {{ {values_clause} FILTER EXISTS {{ {targets} }} }}"))
            if hit:
                for i in chosen:
                    out[i] = self._run(store, [self.queries[i]], "VALUES ?this { " + " ".join(hit) + " }",
                                       targeted=True, value_values=restrict)
        return out

    def _run(self, store, queries: list[Query], values: str, targeted: bool = False,
             value_values: str = "") -> list[list[dict]]:
        from .store import rdflib_term

        out = []
        for q in queries:
            started = time.perf_counter()
            solutions = store.query(q.focused(values, targeted, value_values if q.select else ""))
            names = [v.value for v in solutions.variables]
            seen = set()
            found = []
            for row in solutions:
                this = rdflib_term(row["this"])
                value = rdflib_term(row["value"]) if q.has_value else None
                bound, path = None, q.shape.path
                if q.source_constraint is not None:
                    bound = {n: rdflib_term(row[n]) for n in names}
                    key = tuple(sorted((n, t) for n, t in bound.items() if t is not None))
                    if key in seen:   # pySHACL drops a repeated row
                        continue
                    seen.add(key)
                    path = bound.get("path") or path
                    bound = {n: t for n, t in bound.items() if n not in ("this", "path", "value")} | {
                        "this": this, "path": path, "value": value}
                found.append({"focus": this, "path": path, "component": q.component,
                              "severity": q.shape.severity, "value": value, "source_shape": q.shape.node,
                              "source_constraint": q.source_constraint,
                              "messages": _messages(q, bound)})
            key = f"{q.shape.node}|{q.component}"
            self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - started
            if q.nested and found:
                inner = sorted({r["value"] for r in found}, key=str)
                detail: dict = {}
                for group in self._run(store, q.nested, "VALUES ?this { " + " ".join(_n3(v) for v in inner) + " }"):
                    detail.setdefault(group[0]["focus"], []).extend(group)
                for r in found:
                    out.append([r] + [dict(d) for d in detail.get(r["value"], [])])
            else:
                out.extend([r] for r in found)
        return out


def _term_text(term) -> str:
    """A pyoxigraph or rdflib term (IRI or literal) written for a VALUES clause."""
    if isinstance(term, (URIRef, Literal)):
        return _n3(term)
    import pyoxigraph

    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.Literal)):
        return str(term)
    raise ValueError(f"a blank node ({term}) cannot be named in a VALUES clause")


def _as_expression(pattern: str) -> str:
    """A filter expression true iff ``pattern`` has a solution: the condition itself when the
    pattern is one FILTER (cheaper than EXISTS around it), else EXISTS { pattern }."""
    p = pattern.strip()
    if p.startswith("FILTER "):
        rest = p[len("FILTER "):]
        opening = min((i for i in (rest.find("("), rest.find("{")) if i >= 0), default=-1)
        if opening >= 0 and rest[:opening].strip() in ("", "EXISTS", "NOT EXISTS"):
            depth = 0
            for i, ch in enumerate(rest[opening:], opening):
                depth += ch in "({"
                depth -= ch in ")}"
                if depth == 0:
                    break
            if i == len(rest) - 1 and '"' not in rest:
                return rest
    return f"EXISTS {{ {pattern} }}"


def _vv(s: Shape, f: str, v: str) -> str:
    """The value-node variable of a shape's constraint: ``v`` for a property shape, the focus
    node's own variable for a node shape."""
    return v if s.path is not None else f


def _messages(q: Query, bound) -> list:
    shape_messages = list(q.shape.messages)
    if q.source_constraint is None:
        return shape_messages
    out = []
    for m in q.messages:
        text = str(m)
        for var, val in (bound or {}).items():
            if val is not None:
                text = re.sub(f"{{[?$]{re.escape(var)}}}", lambda _m, s=str(val): s, text)
        out.append(Literal(text))
    return out + [m for m in shape_messages if m not in q.messages]


def compile_shapes(shapes: Graph) -> CompiledShapes:
    """Compile ``shapes`` (an rdflib graph) into SPARQL; :class:`UnsupportedShapes` if it uses
    a construct the compiler does not handle."""
    c = _Compiler(shapes)
    target_preds = (SH.targetClass, SH.targetSubjectsOf, SH.targetNode)
    for p in (SH.targetObjectsOf, SH.target, SH.rule, SH.xone, SH["and"], SH["not"], SH.equals, SH.disjoint,
              SH.hasValue, SH.maxLength, SH.pattern, SH.flags, SH.minExclusive, SH.maxExclusive, SH.closed,
              SH.ignoredProperties, SH.expression, SH.entailment):
        for s, _ in shapes.subject_objects(p):
            raise UnsupportedShapes(f"{_where(shapes, s)}: {p.n3(shapes.namespace_manager)} is not supported by "
                                    f"the SPARQL compiler (validate with pySHACL)")
    for s, o in shapes.subject_objects(RDF.type):
        if o in (SH.ConstraintComponent, SH.SPARQLAskValidator, SH.SPARQLSelectValidator, SH.JSConstraint,
                 SH.SPARQLTarget, SH.SPARQLRule, SH.TripleRule):
            raise UnsupportedShapes(f"{_where(shapes, s)}: {o.n3(shapes.namespace_manager)} is not supported by "
                                    f"the SPARQL compiler (validate with pySHACL)")
    roots = sorted({s for p in target_preds for s in shapes.subjects(p)}, key=str)
    # every shape is compiled (so an unsupported construct anywhere is refused)
    all_shapes = set(roots) | set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.objects(None, SH.property))
    for node in sorted(all_shapes, key=str):
        c.shape(node)
    compiled_roots = []
    queries: list[Query] = []
    for node in roots:
        root = c.shape(node)
        c.targets(root)
        compiled_roots.append(root)
        if root.deactivated:
            continue
        targets = " UNION ".join("{ " + t + " }" for t in root.targets)
        for q in _shape_queries(c, shapes, node, "#FOCUS_PATTERN#", set()):
            q.targets, q.root = targets, node
            queries.append(q)
    return CompiledShapes(shapes, compiled_roots, queries, c.shapes)


def _shape_queries(c: _Compiler, shapes: Graph, node, focus_pattern: str, within: set) -> list[Query]:
    """The queries of the shape ``node`` and its property shapes, for the focus nodes that
    ``focus_pattern`` binds to ``?this``."""
    if node in within:
        raise UnsupportedShapes(f"{_where(shapes, node)}: a recursive shape")
    root = c.shape(node)
    names = _Names()
    queries: list[Query] = []
    props = [c.shape(p) for p in sorted(shapes.objects(node, SH.property), key=str)]
    for s in [root] + props:
        if s.deactivated:
            continue
        for con in s.constraints:
            body = con.pattern("?this", "?value", names)
            select = "?this ?value" if con.has_value else "?this"
            if con.has_value and s.path is None:
                select = "?this (?this AS ?value)"
            if con.distinct_on == ("lang",):
                select = "DISTINCT ?this ?lang"
            text = f"PREFIX xsd: <{XSD}>\nSELECT {select} WHERE {{ {focus_pattern} {body} }}"
            q = Query(s, con.component, text, con.has_value)
            if con.component == SH.NodeConstraintComponent:
                q.nested = _shape_queries(c, shapes, con.source_constraint, "#FOCUS#", within | {node})
            queries.append(q)
        for cnode, text, messages in s.sparql:
            queries.append(Query(s, SH.SPARQLConstraintComponent, _bind_this(text, focus_pattern), True, cnode,
                                 messages, select=text))
    return queries


def _bind_this(text: str, focus_pattern: str) -> str:
    """The SPARQL constraint's query with ``$this`` bound to each focus node: the focus
    pattern joined at the start of its WHERE clause (pre-binding, as SHACL-SPARQL does)."""
    m = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    if not m:
        raise UnsupportedShapes("a SPARQL constraint whose SELECT has no WHERE clause")
    text = text[:m.end()] + " " + focus_pattern + " #VALUE_PATTERN# " + text[m.end():]
    return text.replace("$this", "?this")
