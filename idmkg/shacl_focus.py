"""What SHACL must check again after a change to the data, and checking only that (issue #7).

A live build (:mod:`idmkg.incremental`) adds a note, applies the triples that entered and
left the complete graph to its Oxigraph store, and asks :func:`revalidate` for the
validation results of the new store, given the old results and the changed triples. The
answer is the full run's (:meth:`idmkg.shacl_sparql.CompiledShapes.results`: the same
results, severities included; tests/test_shacl_focus.py), for a fraction of its cost.

Every compiled query (one per constraint of a shape, :mod:`idmkg.shacl_sparql`) is checked
again in one of three ways:

**Per focus node** (the constraints of SHACL Core: counts, datatypes, classes, nested
shapes ...). A focus node's results read its own triples, the types of its values, and the
triples of the nodes a nested shape (``sh:node``, ``sh:qualifiedValueShape``, an
``sh:or`` member with properties of its own) reaches along a property shape's path. So the
results that can change are those of: the subjects of the changed triples (their own
triples, and their membership of a target class); the nodes that point at a node whose
``rdf:type`` changed (a value's class); and the nodes from which one of those is reached
along the nested shapes' paths, as many steps back as shapes are nested (derived from the
shapes graph: for ontology/shapes.ttl, evidence -> target -> selector along
``oa:hasTarget`` and ``oa:hasSelector``). Those focus nodes are checked again, the others
keep their results (with the results nested under them, which name other nodes).

**Per value node** (a SPARQL constraint of a whole-graph check: a shape whose only target
is ``sh:targetNode``, such as ``idmsh:EvidenceQuotesShape`` over ``idm:Evidence``, or
``idmsh:MeetingDatesOneNoteShape`` over ``idm:Meeting``, whose query finds every bad node
and reports it as ``?value``). Its results are grouped by value node, and a value node's
results are those solutions of the query that bind ``?value`` to it. Which value nodes can a
changed triple ``t`` affect? A solution is a set of triple patterns matched together; if the
results for ``v`` differ between the old and the new store, some solution for ``v`` (in
one store or the other) matched ``t`` with one of its patterns ``P`` (a solution lost a
triple, or gained one), or an ``EXISTS``/``NOT EXISTS`` inside it matched ``t`` together
with that solution. Every pattern matched in such a *witness* is matched with the same
bindings, and each triple of it is in the old or the new store, so the witness is a match
in their union. Hence: if a chain of the query's patterns that are sure to be matched
together with ``P`` (the patterns of its group and of the groups enclosing it, not those
of a sibling ``UNION`` branch or an ``OPTIONAL`` part) links a variable of ``P`` to
``?value`` through variables, then ``v`` is found by binding ``P``'s variables to ``t``'s
terms and walking that chain through the union of the two stores (the new store and the
removed triples). Any such chain will do, so the shortest is walked. For the meeting check,
a changed ``idm:startDate`` triple names the meeting at once; a changed ``oa:hasSource`` of
an evidence target walks back to the evidence and on to the meeting it dates; a changed
``idm:partOf`` (a path ``idm:partOf+``) walks from every part below it. The query is then
run with ``VALUES ?value { ... }`` joined at the start of its WHERE clause (the same
solutions for those value nodes, since every solution binds ``?value``), and the other
value nodes keep their results.

A SPARQL constraint of a shape with class targets is done the same way with ``?this`` in
place of ``?value`` (its focus nodes), added to the focus nodes above.

**In full**, whenever anything changed: a SPARQL constraint this analysis cannot follow.
The query's own text (rdflib's SPARQL parser, no algebra) is read with a list of what is
understood: groups, ``UNION``, ``OPTIONAL``, ``FILTER``, ``BIND``, ``EXISTS`` and ``NOT
EXISTS``, triple patterns whose predicate is an IRI (possibly inverse or ``+``) or a
variable. Anything else (``MINUS``, subqueries, ``VALUES``, ``GRAPH``, path
sequences or alternatives, ``*`` and ``?`` paths (whose zero-length matches are every node
of the graph), aggregates, ``LIMIT``), a ``?value`` that not every solution
binds, or a pattern that a changed triple matches and that no chain of variables links to
``?value``, sends the query to a full run, as does a walk that reaches more than
:data:`MOST_NODES` nodes. So a new whole-graph constraint is either checked exactly or
checked in full, never less.

Limits: the ontology (class hierarchy) is taken as fixed, as a live build keeps it; a nested
shape with a SPARQL constraint of its own sends the query holding it to a full run.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field

import pyoxigraph
from pyparsing import ParseResults
from rdflib import BNode, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql.parserutils import CompValue

#: a walk that reaches more nodes than this gives up (the query runs in full)
MOST_NODES = 20_000

_DEFAULT = pyoxigraph.DefaultGraph()
_TYPE = pyoxigraph.NamedNode(str(RDF.type))
#: a constant in a triple pattern that the analysis does not read (matches anything)
_ANY = "*"


class _Unfocusable(Exception):
    """The query cannot be restricted to the nodes a change reaches: run it in full."""


# ---------------------------------------------------------------------------
# a SPARQL constraint's query, read: its triple patterns and which are matched together
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Pattern:
    s: object            # Variable, pyoxigraph term, or _ANY
    p: object            # pyoxigraph NamedNode or Variable (any predicate)
    o: object
    mod: str | None      # None or "+" (a path of one IRI)


@dataclass
class _Plan:
    """How a SPARQL constraint's results are focused: on ``key`` (``value`` or ``this``)."""
    key: Variable
    patterns: list[_Pattern]
    #: pattern -> the patterns matched together with it in any solution or witness
    together: dict[int, frozenset]
    #: which patterns a triple with this predicate can match (None: patterns with a variable
    #: predicate, matching any)
    by_predicate: dict = field(default_factory=dict)


class _Scope:
    def __init__(self) -> None:
        self.mandatory: list[int] = []
        self.children: list[_Scope] = []


class _Reader:
    def __init__(self, text: str):
        from rdflib.plugins.sparql.algebra import translatePrologue
        from rdflib.plugins.sparql.parser import parseQuery

        try:
            parsed = parseQuery(text)
        except Exception as e:  # noqa: BLE001 (rdflib's parser raises many kinds)
            raise _Unfocusable(f"unparsable: {e}") from e
        self.prologue = translatePrologue(parsed[0], None)
        self.query = parsed[1]
        self.patterns: list[_Pattern] = []

    def term(self, t):
        if isinstance(t, Variable):
            return t
        if isinstance(t, BNode):                 # a blank node in a query is a variable
            return Variable(f"_b{t}")
        if isinstance(t, CompValue) and t.name == "pname":
            t = self.prologue.absolutize(t)
        if isinstance(t, URIRef):
            return pyoxigraph.NamedNode(str(t))
        return _ANY                              # a literal: matched by anything, never walked

    def predicate(self, p):
        if isinstance(p, Variable):
            return p, None, False
        if isinstance(p, CompValue) and p.name == "PathAlternative" and len(p.part) == 1:
            seq = p.part[0]
            if seq.name == "PathSequence" and len(seq.part) == 1:
                elt, inverse = seq.part[0], False
                if elt.name == "PathEltOrInverse":
                    elt, inverse = elt.part, True
                # (p* and p? also match a path of length zero: every node of the graph, which
                # any changed triple can add or take away; not followed)
                if elt.name == "PathElt" and (elt["mod"] if "mod" in elt else None) in (None, "+"):
                    iri = elt.part
                    if isinstance(iri, CompValue) and iri.name == "pname":
                        iri = self.prologue.absolutize(iri)
                    if isinstance(iri, URIRef):
                        return pyoxigraph.NamedNode(str(iri)), (elt["mod"] if "mod" in elt else None), inverse
        raise _Unfocusable("a property path other than one IRI")

    def group(self, g, scope: _Scope) -> None:
        """Read a GroupGraphPatternSub into ``scope`` (nested plain groups flattened)."""
        if not isinstance(g, CompValue) or g.name != "GroupGraphPatternSub":
            raise _Unfocusable(f"a {getattr(g, 'name', type(g).__name__)} where a group was expected")
        for part in (g["part"] if "part" in g else []):
            name = part.name
            if name == "TriplesBlock":
                for block in part.triples:
                    block = list(block)
                    for i in range(0, len(block), 3):
                        s, o = self.term(block[i]), self.term(block[i + 2])
                        p, mod, inverse = self.predicate(block[i + 1])
                        if inverse:
                            s, o = o, s
                        self.patterns.append(_Pattern(s, p, o, mod))
                        scope.mandatory.append(len(self.patterns) - 1)
            elif name == "GroupOrUnionGraphPattern":
                if len(part.graph) == 1:
                    self.group(part.graph[0], scope)
                else:
                    for branch in part.graph:
                        child = _Scope()
                        self.group(branch, child)
                        scope.children.append(child)
            elif name == "OptionalGraphPattern":
                child = _Scope()
                self.group(part.graph, child)
                scope.children.append(child)
            elif name in ("Filter", "Bind"):
                self.expression(part.expr, scope)
            else:
                raise _Unfocusable(f"{name} in the query")

    def expression(self, e, scope: _Scope) -> None:
        if isinstance(e, CompValue):
            if e.name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
                child = _Scope()
                self.group(e.graph, child)
                scope.children.append(child)
                return
            for k, v in e.items():
                if not k.startswith("_"):
                    self.expression(v, scope)
        elif isinstance(e, (list, ParseResults)):
            for x in e:
                self.expression(x, scope)


def _plan(select: str, key: Variable) -> _Plan:
    reader = _Reader(select)
    q = reader.query
    if q.name != "SelectQuery":
        raise _Unfocusable("not a SELECT query")
    for k in q.keys():
        if k not in ("modifier", "projection", "where", "orderby") and not k.startswith("_"):
            raise _Unfocusable(f"{k} in the query")
    projected = q.get("projection")
    if projected is not None:
        for item in projected:
            if "expr" in item or "evar" in item:
                raise _Unfocusable("an expression in the projection")
        if key not in [item.var for item in projected]:
            raise _Unfocusable(f"?{key} is not projected")
    top = _Scope()
    reader.group(q.where, top)
    together: dict[int, frozenset] = {}

    def assign(scope: _Scope, context: frozenset) -> None:
        full = context | frozenset(scope.mandatory)
        for i in scope.mandatory:
            together[i] = full
        for child in scope.children:
            assign(child, full)
    assign(top, frozenset())
    if key != Variable("this") and not any(key in (reader.patterns[i].s, reader.patterns[i].o)
                                           for i in top.mandatory):
        raise _Unfocusable(f"not every solution binds ?{key}")
    plan = _Plan(key, reader.patterns, together)
    for i, p in enumerate(reader.patterns):
        plan.by_predicate.setdefault(None if isinstance(p.p, Variable) else p.p, []).append(i)
    return plan


# ---------------------------------------------------------------------------
# walking the union of the old and the new store
# ---------------------------------------------------------------------------

class _Union:
    """The new store's default graph plus the triples taken out of it."""

    def __init__(self, store, removed: list[tuple]):
        self.store = store
        self.out: dict = defaultdict(set)
        self.into: dict = defaultdict(set)
        for s, p, o in removed:
            self.out[(s, p)].add(o)
            self.out[(s, None)].add(o)
            self.into[(p, o)].add(s)
            self.into[(None, o)].add(s)

    def objects(self, s, p) -> set:
        if isinstance(s, pyoxigraph.Literal):
            return set()
        found = {q.object for q in self.store.quads_for_pattern(s, p, None, _DEFAULT)}
        return found | self.out.get((s, p), set())

    def subjects(self, p, o) -> set:
        found = {q.subject for q in self.store.quads_for_pattern(None, p, o, _DEFAULT)}
        return found | self.into.get((p, o), set())

    def step(self, nodes: set, p, forward: bool, mod: str | None) -> set:
        """The nodes one pattern's edge leads to from ``nodes``; for ``mod`` "+" its path of
        one or more edges, for "*" of zero or more."""
        pred = None if isinstance(p, Variable) else p
        move = (lambda n: self.objects(n, pred)) if forward else (lambda n: self.subjects(pred, n))
        if mod in ("+", "*"):
            seen = set(nodes) if mod == "*" else set()
            frontier = set(nodes)
            while frontier:
                nxt = set()
                for n in frontier:
                    nxt |= move(n)
                frontier = nxt - seen
                seen |= frontier
                if len(seen) > MOST_NODES:
                    raise _Unfocusable("the walk reaches too many nodes")
            return seen
        out = set()
        for n in nodes:
            out |= move(n)
            if len(out) > MOST_NODES:
                raise _Unfocusable("the walk reaches too many nodes")
        return out


def _matches(p: _Pattern, t: tuple) -> bool:
    s, pred, o = t
    for want, got in ((p.s, s), (p.o, o)):
        if want is not _ANY and not isinstance(want, Variable) and want != got:
            if p.mod != "+":   # a path's ends are other nodes than the edge's
                return False
    if isinstance(p.s, Variable) and p.s == p.o and p.mod is None and s != o:
        return False
    return isinstance(p.p, Variable) or p.p == pred


def _keys_reached(plan: _Plan, union: _Union, changed: list[tuple]) -> set:
    """The ``plan.key`` nodes whose results ``changed`` can affect (see the module docstring)."""
    found: set = set()
    for t in changed:
        for i in plan.by_predicate.get(t[1], []) + plan.by_predicate.get(None, []):
            p = plan.patterns[i]
            if not _matches(p, t):
                continue
            bound: dict = {}
            if p.mod == "+":
                start = union.step({t[0]}, p.p, False, "*")
                end = union.step({t[2]}, p.p, True, "*")
            else:
                start, end = {t[0]}, {t[2]}
            for var, nodes in ((p.s, start), (p.o, end)):
                if isinstance(var, Variable):
                    bound[var] = bound.get(var, set()) | nodes
            found |= _walk(plan, i, bound, union)
            if len(found) > MOST_NODES:
                raise _Unfocusable("the change reaches too many nodes")
    return found


def _walk(plan: _Plan, i: int, bound: dict, union: _Union) -> set:
    """From the variables of pattern ``i`` (bound to nodes) to ``plan.key``, along the shortest
    chain of patterns matched together with it."""
    if plan.key in bound:
        return bound[plan.key]
    edges = [j for j in sorted(plan.together[i]) if j != i
             and isinstance(plan.patterns[j].s, Variable) and isinstance(plan.patterns[j].o, Variable)
             and plan.patterns[j].s != plan.patterns[j].o]
    # breadth first over variables: var -> (previous var, pattern, forward)
    came: dict = {v: None for v in sorted(bound)}
    queue = deque(sorted(bound))
    while queue and plan.key not in came:
        v = queue.popleft()
        for j in edges:
            p = plan.patterns[j]
            for here, there, forward in ((p.s, p.o, True), (p.o, p.s, False)):
                if here == v and there not in came:
                    came[there] = (v, j, forward)
                    queue.append(there)
    if plan.key not in came:
        raise _Unfocusable("a changed triple's pattern is not linked to the key variable")
    chain = []
    v = plan.key
    while came[v] is not None:
        prev, j, forward = came[v]
        chain.append((j, forward))
        v = prev
    nodes = bound[v]
    for j, forward in reversed(chain):
        p = plan.patterns[j]
        nodes = union.step(nodes, p.p, forward, p.mod)
    return nodes


# ---------------------------------------------------------------------------
# what to check again: the plan of every query, per compiled shapes
# ---------------------------------------------------------------------------

@dataclass
class _Shapes:
    """Per compiled shapes: how each query is checked again, and the nested shapes' reach."""
    #: query index -> "focus" | "value" | "full"
    mode: dict[int, str]
    #: query index -> plan (SPARQL constraints focused per value, or per focus node)
    plans: dict[int, _Plan]
    #: predicates a nested shape follows from its focus node, and how many steps at most
    nested: frozenset
    depth: int


_PLANS: dict[int, tuple] = {}


def _shapes_plan(engine) -> _Shapes:
    hit = _PLANS.get(id(engine))
    if hit is not None and hit[0] is engine:
        return hit[1]
    g = engine.shapes_graph
    mode, plans = {}, {}
    for i, q in enumerate(engine.queries):
        whole = q.root is not None and not any(
            (q.root, p, None) in g for p in (SH.targetClass, SH.targetSubjectsOf))
        if q.select:
            key = Variable("value") if whole else Variable("this")
            try:
                plans[i] = _plan(q.select, key)
                mode[i] = "value" if whole else "focus"
            except _Unfocusable:
                mode[i] = "full"
        elif _nested_sparql(q):
            mode[i] = "full"
        else:
            mode[i] = "focus"
    preds, depth = set(), 0
    for root in {q.root for q in engine.queries if q.root is not None}:
        p, d = _reach(g, root, ())
        preds |= p
        depth = max(depth, d)
    out = _Shapes(mode, plans, frozenset(preds), depth)
    _PLANS[id(engine)] = (engine, out)
    return out


def _nested_sparql(q) -> bool:
    return any(n.select or _nested_sparql(n) for n in q.nested)


def _reads_beyond_type(g, shape) -> bool:
    """Whether a shape checked on a value node reads more of it than its own term and types."""
    return any((shape, p, None) in g for p in (SH.property, SH.node, SH.qualifiedValueShape, SH["or"],
                                                 SH.path, SH.sparql))


def _reach(g, shape, seen: tuple) -> tuple[set, int]:
    """The predicates along which ``shape``'s nested shapes read other nodes, and how many
    steps deep (the class of a value is handled apart: see :func:`focus_nodes`)."""
    if shape in seen:
        return set(), 0
    seen = seen + (shape,)
    preds, depth = set(), 0
    path = g.value(shape, SH.path)
    for child in g.objects(shape, SH.property):
        p, d = _reach(g, child, seen)
        preds |= p
        depth = max(depth, d)
    members = list(g.objects(shape, SH.node)) + list(g.objects(shape, SH.qualifiedValueShape))
    for lst in g.objects(shape, SH["or"]):
        members += list(Collection(g, lst))
    for m in members:
        p, d = _reach(g, m, seen)
        preds |= p
        step = 0
        if path is not None and _reads_beyond_type(g, m):
            preds.add(path)
            step = 1
        depth = max(depth, d + step)
    return preds, depth


# ---------------------------------------------------------------------------
# the public part
# ---------------------------------------------------------------------------

class Results(list):
    """Validation results (dicts, as :meth:`CompiledShapes.results` gives them) that remember
    which query gave each and for which focus or value node, so that some can be replaced."""

    def __init__(self, groups: dict[int, dict]):
        self.groups = groups      # query index -> key (focus or value node, str) -> [[result, *details]]
        super().__init__(r for i in sorted(groups) for key in sorted(groups[i])
                         for group in groups[i][key] for r in group)


def _keyed(engine, mode: dict, ran: dict[int, list]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for i, groups in ran.items():
        by: dict = {}
        for group in groups:
            top = group[0]
            by.setdefault(str(top["value"] if mode.get(i) == "value" else top["focus"]), []).append(group)
        out[i] = by
    return out


def validate_all(engine, store) -> Results:
    """Every validation result of the default graph of ``store`` (a full run)."""
    plan = _shapes_plan(engine)
    return Results(_keyed(engine, plan.mode, engine.grouped(store, range(len(engine.queries)))))


@dataclass
class Focus:
    """What a change makes to check again: the focus nodes of the per-focus queries, the
    value (or focus) nodes of each focused SPARQL constraint, and the queries run in full."""
    nodes: set[str]
    keys: dict[int, set]          # query index -> nodes (pyoxigraph terms)
    full: set[int]

    def __len__(self) -> int:
        return len(self.nodes)


def focus_of(engine, store, changed) -> Focus:
    """What ``changed`` (rdflib triples that entered or left the default graph of ``store``,
    which holds the new data) makes to check again."""
    from .store import oxigraph_term

    plan = _shapes_plan(engine)
    triples = sorted({tuple(oxigraph_term(x) for x in t) for t in changed}, key=str)
    removed = [t for t in triples if pyoxigraph.Quad(*t, _DEFAULT) not in store]
    union = _Union(store, removed)
    nodes = focus_nodes(plan, store, triples)
    keys: dict[int, set] = {}
    full: set[int] = set()
    if not triples:
        return Focus(nodes, keys, full)
    for i, m in plan.mode.items():
        if m == "full":
            full.add(i)
        elif i in plan.plans:
            try:
                keys[i] = _keys_reached(plan.plans[i], union, triples)
            except _Unfocusable:
                full.add(i)
    return Focus(nodes, keys, full)


def focus_nodes(plan: _Shapes, store, triples: list[tuple]) -> set[str]:
    """The focus nodes whose per-focus results the changed triples can affect: their
    subjects; the nodes pointing at a node whose types changed (a value's class); and the
    nodes from which one of those is reached along the nested shapes' paths."""
    focus = {t[0] for t in triples if isinstance(t[0], pyoxigraph.NamedNode)}
    for s in {t[0] for t in triples if t[1] == _TYPE and isinstance(t[0], pyoxigraph.NamedNode)}:
        focus |= {q.subject for q in store.quads_for_pattern(None, None, s, _DEFAULT)
                  if isinstance(q.subject, pyoxigraph.NamedNode)}
    nested = [pyoxigraph.NamedNode(str(p)) for p in sorted(plan.nested)]
    frontier = set(focus)
    for _ in range(plan.depth):
        back = set()
        for node in frontier:
            for p in nested:
                back |= {q.subject for q in store.quads_for_pattern(None, p, node, _DEFAULT)
                         if isinstance(q.subject, pyoxigraph.NamedNode)}
        frontier = back - focus
        focus |= back
    return {n.value for n in focus}


def revalidate(engine, store, old: list, changed) -> Results:
    """The validation results of ``store`` after ``changed`` (rdflib triples, or the
    :class:`Focus` of them), given ``old``, the results before: the full run's results,
    computing only what the change can affect (see the module docstring)."""
    if not isinstance(old, Results):
        return validate_all(engine, store)
    focus = changed if isinstance(changed, Focus) else focus_of(engine, store, changed)
    plan = _shapes_plan(engine)
    groups = {i: dict(by) for i, by in old.groups.items()}
    per_focus = [i for i, m in plan.mode.items() if m == "focus" and i not in focus.full]
    # per focus node: the common focus nodes, plus those a SPARQL constraint's walk reached
    buckets: dict[frozenset, list[int]] = defaultdict(list)
    for i in per_focus:
        extra = frozenset(n.value for n in focus.keys.get(i, ()) if isinstance(n, pyoxigraph.NamedNode))
        buckets[frozenset(focus.nodes) | extra].append(i)
    for nodes, chosen in sorted(buckets.items(), key=lambda kv: kv[1]):
        ran = _keyed(engine, plan.mode, engine.grouped(store, chosen, set(nodes)))
        for i in chosen:
            kept = {k: g for k, g in groups.get(i, {}).items() if k not in nodes}
            groups[i] = kept | ran.get(i, {})
    # per value node
    for i, m in plan.mode.items():
        if m != "value" or i in focus.full:
            continue
        values = focus.keys.get(i, set())
        if not values:
            continue
        if any(isinstance(v, pyoxigraph.BlankNode) for v in values):
            focus.full.add(i)
            continue
        names = {_key_text(v) for v in values}
        ran = _keyed(engine, plan.mode, engine.grouped(store, [i], values=values))
        kept = {k: g for k, g in groups.get(i, {}).items() if k not in names}
        groups[i] = kept | ran.get(i, {})
    # in full
    if focus.full:
        groups |= _keyed(engine, plan.mode, engine.grouped(store, sorted(focus.full)))
    return Results(groups)


def _key_text(term) -> str:
    """The key a result's value is filed under (``str`` of the rdflib term)."""
    from .store import rdflib_term

    return str(rdflib_term(term))
