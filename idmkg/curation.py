"""Hand-entered facts (``graph/curated.ttl``) checked against what the notes say, before
the build merges them.

A curated triple *contradicts* the notes when its property can have one value only (an
``owl:FunctionalProperty`` of the ontology, or ``sh:maxCount 1`` in a shape whose targets
include the subject) and the extraction gave the same subject another value. The build
then stops (:class:`~idmkg.errors.CurationConflict`), naming for each one the curated file's
line, the subject, the property, the curated value and the extracted one with the
paragraph it was read from, unless the curated file marks it as an intended override::

    @prefix cur: <https://w3id.org/idmkg/curation#> .
    <id/workshop/2009-2> idm:status idm:held ;
        cur:overrides idm:status .      # the curated idm:status replaces the notes' value

``S cur:overrides P`` says: for S, the curated values of P replace the extracted ones (the
extracted triples are removed from the note graphs; their evidence annotations stay, as
the record of what the note said). ``cur:`` triples are instructions to the build, never
part of the graph. A curated fact about an ``id/...`` IRI the extraction never minted
(likely a typo) is a warning, as is an override that overrides nothing.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .errors import CurationConflict
from .namespaces import IDM, OA, data_prefixes

CUR = Namespace("https://w3id.org/idmkg/curation#")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: shown at most in the error line; the rest are counted
SHOWN = 5


@dataclass
class Curation:
    """What the check found: ``graph`` is the curated graph to merge (without ``cur:``
    triples); ``conflicts`` stop the build; ``warnings`` and ``overrides`` are reported."""

    graph: Graph
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    overrides: list[str] = field(default_factory=list)
    #: (graph name, triple) of extracted facts an override replaces
    replaced: list[tuple[str, tuple]] = field(default_factory=list)


# ---------------------------------------------------------------------------
# which properties take one value
# ---------------------------------------------------------------------------

ANY = "any"


def functional_properties(schema: Graph, shapes: Graph | None) -> dict[URIRef, list]:
    """property -> the conditions under which it takes one value: ``ANY`` (always), or
    ``("class", C)``, ``("subjectsOf", P)``, ``("node", N)`` from the shapes' targets."""
    out: dict[URIRef, list] = {}
    for p in schema.subjects(RDF.type, OWL.FunctionalProperty):
        if isinstance(p, URIRef):
            out.setdefault(p, []).append(ANY)
    if shapes is None:
        return out
    for ps, count in shapes.subject_objects(SH.maxCount):
        try:
            if int(count) > 1:
                continue
        except (TypeError, ValueError):
            continue
        path = shapes.value(ps, SH.path)
        if not isinstance(path, URIRef):
            continue   # a path expression, not a property
        conditions = []
        for node_shape in set(shapes.subjects(SH.property, ps)) | {ps}:
            conditions += [("class", c) for c in shapes.objects(node_shape, SH.targetClass)]
            conditions += [("subjectsOf", q) for q in shapes.objects(node_shape, SH.targetSubjectsOf)]
            conditions += [("node", n) for n in shapes.objects(node_shape, SH.targetNode)]
        out.setdefault(path, []).extend(conditions or [ANY])
    return out


def _superclasses(schema: Graph, classes: set) -> set:
    seen, todo = set(classes), list(classes)
    while todo:
        for sup in schema.objects(todo.pop(), RDFS.subClassOf):
            if sup not in seen:
                seen.add(sup)
                todo.append(sup)
    return seen


def _applies(conditions: list, subject, graphs: list[Graph], schema: Graph) -> bool:
    if ANY in conditions:
        return True
    types = _superclasses(schema, {t for g in graphs for t in g.objects(subject, RDF.type)})
    for kind, value in conditions:
        if kind == "class" and value in types:
            return True
        if kind == "subjectsOf" and any((subject, value, None) in g for g in graphs):
            return True
        if kind == "node" and value == subject:
            return True
    return False


def _same_value(a, b) -> bool:
    if a == b:
        return True
    if isinstance(a, Literal) and isinstance(b, Literal):
        try:
            return bool(a.eq(b))
        except (TypeError, ValueError):
            return False
    return False


# ---------------------------------------------------------------------------
# where things are said
# ---------------------------------------------------------------------------

class _Lines:
    """Finds the line of the curated file that states a triple (best effort)."""

    def __init__(self, path: Path, graph: Graph, base: str):
        try:
            self.lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []
        self.base = base
        self.prefixes = [(p, str(ns)) for p, ns in graph.namespaces() if p]

    def forms(self, term) -> list[str]:
        if term == RDF.type:
            return [" a ", "rdf:type"]
        if not isinstance(term, URIRef):
            return [str(term)] if isinstance(term, Literal) else []
        iri = str(term)
        found = [f"<{iri}>"]
        if iri.startswith(self.base):
            found.append(f"<{iri[len(self.base):]}>")
        found += [f"{p}:{iri[len(ns):]}" for p, ns in self.prefixes if iri.startswith(ns) and len(iri) > len(ns)]
        return found

    def find(self, s, p, o) -> int | None:
        """The 1-based line of the statement ``s p o``: the first line, in a statement
        about ``s``, naming ``p`` and ``o``; else naming ``p``; else the subject's line."""
        subject, prop, obj = self.forms(s), self.forms(p), self.forms(o)
        code = ["" if line.lstrip().startswith("#") else line for line in self.lines]
        fallback = None
        for i, line in enumerate(code):
            if not any(f in line for f in subject):
                continue
            for j in range(i, len(code)):
                text = code[j]
                if any(f in text for f in prop):
                    if not obj or any(f in text for f in obj):
                        return j + 1
                    fallback = fallback or j + 1
                if text.rstrip().endswith("."):
                    break
            fallback = fallback or i + 1
        return fallback


def _source(graphs: dict[str, Graph], s, p, o) -> str:
    """Where the extraction read (s, p, o): the labels of the parts its evidence quotes, or
    the named graph that holds it."""
    where = set()
    for g in graphs.values():
        for ev in g.subjects(OA.hasBody, s):
            if (ev, IDM.supportsProperty, p) not in g:
                continue
            value = g.value(ev, IDM.supportsValue)
            if value is not None and not _same_value(value, o) and str(value) != str(o):
                continue
            for target in g.objects(ev, OA.hasTarget):
                for part in g.objects(target, OA.hasSource):
                    label = next((lab for h in graphs.values() for lab in h.objects(part, RDFS.label)), None)
                    where.add(str(label or part))
    if not where:
        where = {name.rsplit("/graph/", 1)[-1] for name, g in graphs.items() if (s, p, o) in g}
    return ", ".join(sorted(where)) or "the notes"


class _Shower:
    """Terms for messages: IRIs as ``prefix:rest`` (whatever the rest holds), literals in
    Turtle."""

    def __init__(self, prefixes: dict[str, str]):
        from .serialize import TermWriter

        self.literal = TermWriter(prefixes)
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term) -> str:
        if isinstance(term, URIRef):
            iri = str(term)
            for prefix, ns in self.prefixes:
                if iri.startswith(ns) and len(iri) > len(ns) and not any(c.isspace() for c in iri):
                    return f"{prefix}:{iri[len(ns):]}"
            return f"<{iri}>"
        return self.literal(term)


# ---------------------------------------------------------------------------
# the check
# ---------------------------------------------------------------------------

def check_curation(curated: Graph, asserted: dict[str, Graph], schema: Graph, shapes: Graph | None,
                   path: Path | str, base: str) -> Curation:
    """Compare ``curated`` with the extracted graphs (``asserted``: graph name -> graph)."""
    write = _Shower({**data_prefixes(base), "cur": str(CUR)})
    lines = _Lines(Path(path), curated, base)
    graphs = list(asserted.values())
    functional = functional_properties(schema, shapes)
    merged = Graph()
    for t in curated:
        if not str(t[1]).startswith(str(CUR)):
            merged.add(t)
    result = Curation(merged)

    def at(s, p, o) -> str:
        line = lines.find(s, p, o)
        return f"{path}:{line}" if line else f"{path}"

    overrides = {(s, p) for s, p in curated.subject_objects(CUR.overrides)}
    for s, p, o in sorted(curated, key=lambda t: tuple(map(str, t))):
        if str(p).startswith(str(CUR)) and p != CUR.overrides:
            result.conflicts.append(f"{at(s, p, o)}: unknown curation instruction {write(p)} (only cur:overrides)")
    for s, p in sorted(overrides, key=lambda t: tuple(map(str, t))):
        if not isinstance(p, URIRef):
            result.conflicts.append(f"{at(s, CUR.overrides, p)}: cur:overrides needs a property, not {write(p)}")
        elif (s, p, None) not in merged:
            result.conflicts.append(f"{at(s, CUR.overrides, p)}: {write(s)} cur:overrides {write(p)}, but the file "
                                    f"gives no {write(p)} for it")

    extracted_terms: set = set()
    for g in graphs:
        for s, _, o in g:
            extracted_terms.add(s)
            if isinstance(o, URIRef):
                extracted_terms.add(o)
    ids = base + "id/"
    warned: set = set()
    for s, p, o in sorted(merged, key=lambda t: tuple(map(str, t))):
        if isinstance(s, URIRef) and str(s).startswith(ids) and s not in extracted_terms and s not in warned:
            warned.add(s)
            close = difflib.get_close_matches(str(s), [str(t) for t in extracted_terms
                                                         if isinstance(t, URIRef) and str(t).startswith(ids)], n=1)
            hint = f"; did you mean {write(URIRef(close[0]))}?" if close else ""
            result.warnings.append(f"{at(s, p, o)}: curated fact about {write(s)}, which no note gives "
                                   f"(a typo?){hint}")
        conditions = functional.get(p)
        if not conditions:
            continue
        others = sorted({o2 for g in graphs for o2 in g.objects(s, p) if not _same_value(o2, o)}, key=str)
        if not others or not _applies(conditions, s, graphs + [merged], schema):
            continue
        said = "; ".join(f"{write(o2)} ({_source(asserted, s, p, o2)})" for o2 in others)
        if (s, p) in overrides:
            result.overrides.append(f"{at(s, p, o)}: curated {write(s)} {write(p)} {write(o)} overrides the "
                                    f"notes' {said}")
            for name, g in asserted.items():
                for o2 in others:
                    if (s, p, o2) in g:
                        result.replaced.append((name, (s, p, o2)))
        else:
            result.conflicts.append(f"{at(s, p, o)}: {write(s)} {write(p)}: curated {write(o)}, but the notes "
                                    f"say {said}")
    for s, p in sorted(overrides, key=lambda t: tuple(map(str, t))):
        if isinstance(p, URIRef) and (s, p, None) in merged and not any(
                r[1][0] == s and r[1][1] == p for r in result.replaced):
            result.warnings.append(f"{at(s, CUR.overrides, p)}: {write(s)} cur:overrides {write(p)}, but the notes "
                                   f"give no other value (remove the cur:overrides?)")
    return result


def reconcile(curated: Graph, asserted: dict[str, Graph], schema: Graph, shapes: Graph | None,
              path: Path | str, base: str) -> Curation:
    """Check, then apply: raise :class:`CurationConflict` for contradictions that are not
    marked as overrides; else remove the overridden extracted triples from ``asserted`` (in
    place) and return the check, whose ``graph`` is what to merge."""
    result = check_curation(curated, asserted, schema, shapes, path, base)
    if result.conflicts:
        n = len(result.conflicts)
        shown = "; ".join(result.conflicts[:SHOWN]) + (f"; and {n - SHOWN} more" if n > SHOWN else "")
        raise CurationConflict(f"{n} curated fact(s) contradict the notes (mark an intended one with "
                               f"'cur:overrides', see {Path(path).name}): {shown}", result.conflicts)
    for name, triple in result.replaced:
        asserted[name].remove(triple)
    return result
