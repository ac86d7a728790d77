"""Deterministic serialisation: Turtle, TriG, N-Triples, N-Quads and RDF/XML written by hand
from sorted triples, JSON-LD from rdflib's serializer re-sorted, so the same graph always
gives the same bytes (whatever order the triples were added in, whatever the Python hash
seed) and a diff between two builds shows only what changed; writes are atomic (temporary
file + rename)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .errors import IdmkgError


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


class TermWriter:
    """Writes terms as prefixed names where that is safe, else as <IRIs>."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self._iris: dict[URIRef, str] = {}

    def __call__(self, term) -> str:
        if isinstance(term, URIRef):
            written = self._iris.get(term)
            if written is None:
                written = self._iris[term] = self._iri(str(term))
            return written
        if isinstance(term, Literal):
            if term.datatype is not None:
                lexical = Literal(str(term)).n3()
                return f"{lexical}^^{self(URIRef(term.datatype))}"
            return term.n3()
        if isinstance(term, BNode):
            return f"_:{term}"
        raise IdmkgError(f"cannot write {term!r} as Turtle")

    def _iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local and _safe_local(local):
                    return f"{prefix}:{local}"
        return f"<{iri}>"


def _safe_local(local: str) -> bool:
    return all(c.isalnum() or c in "_-" for c in local) and not local[0] in "-" and local[-1] != "."


def turtle_body(triples, write: TermWriter, indent: str = "") -> list[str]:
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    lines: list[str] = []
    for s in sorted(by_subject, key=_sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, _sort_key(p)))
        lines.append(indent + write(s))
        for i, p in enumerate(order):
            objs = ", ".join(write(o) for o in sorted(set(preds[p]), key=_sort_key))
            end = " ." if i == len(order) - 1 else " ;"
            verb = "a" if p == RDF.type else write(p)
            lines.append(f"{indent}    {verb} {objs}{end}")
        lines.append("")
    return lines


def header(prefixes: dict[str, str]) -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()] + [""]


def canonical(graph: Graph) -> Graph:
    """Blank nodes (in the ontology's axioms) relabelled from their content, so their
    labels are the same on every run."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(graph)


def to_turtle(graph: Graph, prefixes: dict[str, str]) -> str:
    write = TermWriter(prefixes)
    return "\n".join(header(prefixes) + turtle_body(canonical(graph), write))


def to_trig(graphs: dict[str, Graph], prefixes: dict[str, str]) -> str:
    """Named graphs in the order given by their sorted names."""
    write = TermWriter(prefixes)
    lines = header(prefixes)
    for name in sorted(graphs):
        lines.append(f"{write(URIRef(name))} {{")
        lines += turtle_body(canonical(graphs[name]), write, indent="    ")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8; or bytes, such as a PNG) to ``path`` via a temporary file in the
    same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --- N-Triples and N-Quads: one statement a line, lines sorted --------------------------

_IRI_FORBIDDEN = set('<>"{}|^`\\')


def nt_term(term) -> str:
    """A term as N-Triples / N-Quads writes it (RDF 1.1: UTF-8, only the required escapes)."""
    if isinstance(term, URIRef):
        iri = str(term)
        if any(c in _IRI_FORBIDDEN or ord(c) <= 0x20 for c in iri):
            raise IdmkgError(f"cannot write the IRI {iri!r}: it holds a character IRIs may not contain")
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{_bnode_label(term)}"
    if isinstance(term, Literal):
        text = f'"{_nt_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{nt_term(URIRef(term.datatype))}"
        return text
    raise IdmkgError(f"cannot write {term!r} as N-Triples")


def _nt_escape(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return "".join(out)


def _bnode_label(node: BNode, prefix: str = "") -> str:
    label = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in str(node))
    return prefix + (label if label[:1].isalpha() else "b" + label)


def to_ntriples(graph: Graph) -> str:
    """N-Triples, lines sorted by code point (``LC_ALL=C sort`` order)."""
    lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in canonical(graph)})
    return "".join(line + "\n" for line in lines)


def to_nquads(graphs: dict[str, Graph]) -> str:
    """N-Quads, each graph's triples in its named graph; lines sorted. Blank nodes are
    labelled per graph, so that two graphs never share one by accident."""
    lines: set[str] = set()
    for i, name in enumerate(sorted(graphs)):
        g = nt_term(URIRef(name))
        for s, p, o in canonical(graphs[name]):
            terms = [f"_:{_bnode_label(t, f'g{i}')}" if isinstance(t, BNode) else nt_term(t) for t in (s, p, o)]
            lines.add(f"{terms[0]} {terms[1]} {terms[2]} {g} .")
    return "".join(line + "\n" for line in sorted(lines))


# --- RDF/XML: one rdf:Description per subject, in sorted order -------------------------

_XML_NAME_START = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def _ncname(local: str) -> bool:
    return bool(local) and local[0] in _XML_NAME_START and all(
        c.isascii() and (c.isalnum() or c in "_.-") for c in local)


def _xml_text(text: str, what: str) -> str:
    for c in text:
        if (ord(c) < 0x20 and c not in "\t\n\r") or 0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff":
            raise IdmkgError(f"cannot write {what} as XML: it holds the character U+{ord(c):04X}")
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _xml_attr(text: str) -> str:
    return quoteattr(_xml_text(text, "an attribute"))


def to_rdfxml(graph: Graph, prefixes: dict[str, str]) -> str:
    """RDF/XML written by hand: sorted subjects, ``rdf:type`` first then sorted properties,
    namespace declarations for the prefixes used, in sorted order."""
    graph = canonical(graph)
    spaces = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def split(p: URIRef) -> tuple[str, str]:
        iri = str(p)
        for _, ns in spaces:
            if iri.startswith(ns) and _ncname(iri[len(ns):]):
                return ns, iri[len(ns):]
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        if cut <= 0 or not _ncname(iri[cut:]):
            raise IdmkgError(f"cannot write the property {iri} in RDF/XML: it does not end in an XML name")
        return iri[:cut], iri[cut:]

    by_subject: dict = {}
    splits: dict = {}
    for s, p, o in graph:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
        if p not in splits:
            splits[p] = split(p)
    ns_prefix = {ns: prefix for prefix, ns in sorted(prefixes.items()) if prefix != "rdf"}
    ns_prefix[str(RDF)] = "rdf"
    taken = set(ns_prefix.values())
    n = 0
    for ns in sorted({ns for ns, _ in splits.values()} - set(ns_prefix)):
        while f"ns{n}" in taken:
            n += 1
        ns_prefix[ns] = f"ns{n}"
        taken.add(ns_prefix[ns])
    used = {"rdf": str(RDF)} | {ns_prefix[ns]: ns for ns, _ in splits.values()}

    body: list[str] = []
    for s in sorted(by_subject, key=_sort_key):
        about = f'rdf:nodeID="{_bnode_label(s)}"' if isinstance(s, BNode) else f"rdf:about={_xml_attr(str(s))}"
        body.append(f"  <rdf:Description {about}>")
        preds = by_subject[s]
        for p in sorted(preds, key=lambda p: (p != RDF.type, _sort_key(p))):
            ns, local = splits[p]
            tag = f"{ns_prefix[ns]}:{local}"
            for o in sorted(preds[p], key=_sort_key):
                if isinstance(o, URIRef):
                    body.append(f"    <{tag} rdf:resource={_xml_attr(str(o))}/>")
                elif isinstance(o, BNode):
                    body.append(f'    <{tag} rdf:nodeID="{_bnode_label(o)}"/>')
                else:
                    attr = ""
                    if o.language:
                        attr = f" xml:lang={_xml_attr(o.language)}"
                    elif o.datatype is not None:
                        attr = f" rdf:datatype={_xml_attr(str(o.datatype))}"
                    body.append(f"    <{tag}{attr}>{_xml_text(str(o), f'a literal of {s}')}</{tag}>")
        body.append("  </rdf:Description>")
    head = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    head += [f"    xmlns:{prefix}={_xml_attr(used[prefix])}" for prefix in sorted(used)]
    head[-1] += ">"
    return "\n".join(head + body + ["</rdf:RDF>", ""])


# --- JSON-LD: rdflib's serializer, then every array sorted -----------------------------

def to_jsonld(graph: Graph, context: dict) -> str:
    """Compact JSON-LD with ``context`` inline. rdflib writes nodes in set order, which
    changes with the hash seed; the nodes of ``@graph`` are sorted by ``@id`` and every
    array of values by its JSON text (``@list`` arrays keep their order)."""
    import json

    text = canonical(graph).serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    if "@graph" not in data:
        data = {"@context": data.pop("@context", context), "@graph": [data] if data else []}
    data["@context"] = context
    data["@graph"] = sorted((_sorted_json(node) for node in data["@graph"]),
                            key=lambda n: (str(n.get("@id", "")), json.dumps(n, sort_keys=True)))
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def _sorted_json(value, key: str = ""):
    import json

    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True,
                                                                                     ensure_ascii=False))
    return value
