"""Deterministic serialisation: Turtle, TriG, N-Triples, N-Quads and RDF/XML written by hand
from sorted triples, JSON-LD from rdflib's serializer re-sorted, so the same graph always
gives the same bytes (whatever order the triples were added in, whatever the Python hash
seed) and a diff between two builds shows only what changed; writes are atomic (temporary
file + rename)."""
from __future__ import annotations

import contextlib
import gc
import io
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .errors import IdmkgError


#: lines joined into one piece of text handed to the writer
CHUNK_LINES = 20_000

_GROUND = frozenset({URIRef, Literal})


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


def _turtle_quote(text: str) -> str:
    """A string as rdflib's ``Literal.n3()`` quotes it (long quotes when it holds a newline)."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


_LOCAL = re.compile(r"[\w-]+")


class TermWriter:
    """Writes terms as prefixed names where that is safe, else as <IRIs>; each IRI is
    worked out once."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self._iris: dict[URIRef, str] = {}
        self._datatypes: dict[str, str] = {}
        # the longest namespace an IRI starts with, by one regular expression; the others it
        # starts with are the namespaces that the longest starts with
        by_length = [ns for _, ns in self.prefixes if ns]
        self._namespace = re.compile("|".join(re.escape(ns) for ns in by_length)) if by_length else None
        self._candidates = {ns: [(prefix, other) for prefix, other in self.prefixes if ns.startswith(other)]
                            for ns in by_length}

    def __call__(self, term) -> str:
        cls = term.__class__
        if cls is URIRef:
            written = self._iris.get(term)
            if written is None:
                written = self._iris[term] = self._iri(str(term))
            return written
        if cls is Literal:
            return self.literal(term)
        if isinstance(term, URIRef):
            return self(URIRef(str(term)))
        if isinstance(term, Literal):
            return self.literal(term)
        if isinstance(term, BNode):
            return f"_:{term}"
        raise IdmkgError(f"cannot write {term!r} as Turtle")

    def literal(self, term: Literal) -> str:
        datatype = term.datatype
        if datatype is not None:
            written = self._datatypes.get(datatype)
            if written is None:
                written = self._datatypes[datatype] = self(URIRef(str(datatype)))
            return f"{_turtle_quote(str(term))}^^{written}"
        language = term.language
        if language:
            return f"{_turtle_quote(str(term))}@{language}"
        return _turtle_quote(str(term))

    def _iri(self, iri: str) -> str:
        match = self._namespace.match(iri) if self._namespace is not None else None
        candidates = self._candidates[match.group()] if match else self.prefixes
        for prefix, ns in candidates:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local and _safe_local(local):
                    return f"{prefix}:{local}"
        return f"<{iri}>"


def _safe_local(local: str) -> bool:
    # \w is exactly str.isalnum() or "_"
    return _LOCAL.fullmatch(local) is not None and local[0] != "-" and local[-1] != "."


def _group(triples) -> tuple[dict, bool]:
    """subject -> predicate -> objects (a list, duplicates possible), and whether a blank
    node was met."""
    by_subject: dict = {}
    blank = False
    ground = _GROUND
    for s, p, o in triples:
        if s.__class__ is not URIRef or o.__class__ not in ground:
            blank = blank or isinstance(s, BNode) or isinstance(o, BNode)
        preds = by_subject.get(s)
        if preds is None:
            by_subject[s] = {p: [o]}
        else:
            objs = preds.get(p)
            if objs is None:
                preds[p] = [o]
            else:
                objs.append(o)
    return by_subject, blank


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while millions of (acyclic) containers are made: each
    full collection walks all of them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _grouped(triples) -> dict:
    """:func:`_group`, blank nodes relabelled from their content (see :func:`canonical`)."""
    with gc_paused():
        by_subject, blank = _group(triples)
    if blank:
        g = Graph()
        for s, preds in by_subject.items():
            for p, objs in preds.items():
                for o in objs:
                    g.add((s, p, o))
        by_subject, _ = _group(canonical(g))
    return by_subject


def _sorted_subjects(by_subject: dict) -> list:
    literals = [s for s in by_subject if isinstance(s, Literal)]
    if literals:  # not RDF, but rdflib allows it
        return sorted(by_subject, key=_sort_key)
    return sorted(by_subject, key=str)  # the same order as _sort_key on IRIs and blank nodes


class _PredicateKeys(dict):
    """predicate -> its sort key (rdf:type first), worked out once."""

    def __missing__(self, p):
        key = self[p] = (p != RDF.type, _sort_key(p))
        return key


def _turtle_lines(by_subject: dict, write: TermWriter, indent: str = ""):
    """The lines of :func:`turtle_body`, one subject block (a list of lines) at a time."""
    pkeys = _PredicateKeys()
    verbs: dict = {}
    rdf_type = RDF.type
    pad = indent + "    "
    iris = write._iris  # URIRef -> text, filled by write()
    iri_class = URIRef
    for s in _sorted_subjects(by_subject):
        preds = by_subject[s]
        block = [indent + write(s)]
        order = sorted(preds, key=pkeys.__getitem__) if len(preds) > 1 else list(preds)
        last = order[-1]
        for p in order:
            objs = preds[p]
            if len(objs) == 1:
                o = objs[0]
                text = iris.get(o) if o.__class__ is iri_class else None
                if text is None:
                    text = write(o)
            else:
                text = ", ".join([write(o) for o in sorted(set(objs), key=_sort_key)])
            verb = verbs.get(p)
            if verb is None:
                verb = verbs[p] = "a" if p == rdf_type else write(p)
            block.append(f"{pad}{verb} {text} ." if p is last else f"{pad}{verb} {text} ;")
        block.append("")
        yield block


def turtle_body(triples, write: TermWriter, indent: str = "") -> list[str]:
    lines: list[str] = []
    for block in _turtle_lines(_grouped(triples), write, indent):
        lines += block
    return lines


def header(prefixes: dict[str, str]) -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()] + [""]


def canonical(graph: Graph) -> Graph:
    """Blank nodes (in the ontology's axioms) relabelled from their content, so their
    labels are the same on every run."""
    if not _has_blank(graph):
        return graph
    from rdflib.compare import to_canonical_graph

    if not isinstance(graph, Graph):
        g = Graph()
        for t in graph:
            g.add(t)
        graph = g
    return to_canonical_graph(graph)


def _has_blank(triples) -> bool:
    ground = _GROUND
    for s, p, o in triples:
        if s.__class__ is not URIRef or p.__class__ is not URIRef or o.__class__ not in ground:
            if isinstance(s, BNode) or isinstance(p, BNode) or isinstance(o, BNode):
                return True
    return False


def _joined(blocks, first: list[str] | None = None) -> Iterator[str]:
    """Lists of lines -> pieces of text, such that their concatenation is all the lines
    joined by newlines."""
    pending: list[str] = list(first or [])
    started = False
    for block in blocks:
        pending += block
        if len(pending) >= CHUNK_LINES:
            text = "\n".join(pending)
            yield ("\n" + text) if started else text
            started = True
            pending = []
    if pending or not started:
        text = "\n".join(pending)
        yield ("\n" + text) if started else text


def turtle_chunks(triples, prefixes: dict[str, str]) -> Iterator[str]:
    """:func:`to_turtle` in pieces of text, for writing millions of triples (any iterable of
    triples; duplicates are written once) without holding the whole text."""
    write = TermWriter(prefixes)
    return _joined(_turtle_lines(_grouped(triples), write), header(prefixes))


def to_turtle(graph, prefixes: dict[str, str]) -> str:
    """Turtle: subjects sorted, ``rdf:type`` first then sorted properties, objects sorted.
    ``graph`` is an rdflib ``Graph`` or any iterable of triples."""
    return "".join(turtle_chunks(graph, prefixes))


def trig_chunks(graphs, prefixes: dict[str, str]) -> Iterator[str]:
    """:func:`to_trig` in pieces of text. ``graphs``: graph IRI -> triples (an rdflib
    ``Graph`` or any iterable of triples), or an iterable of (graph IRI, triples); each
    graph's triples are read once, when it is written."""
    items = sorted(graphs.items() if isinstance(graphs, dict) else graphs, key=lambda kv: str(kv[0]))
    write = TermWriter(prefixes)

    def blocks():
        for name, triples in items:
            yield [f"{write(URIRef(name))} {{"]
            yield from _turtle_lines(_grouped(triples), write, indent="    ")
            yield ["}", ""]

    return _joined(blocks(), header(prefixes))


def to_trig(graphs, prefixes: dict[str, str]) -> str:
    """Named graphs in the order given by their sorted names."""
    return "".join(trig_chunks(graphs, prefixes))


def write_atomic(path: Path, text) -> None:
    """Write ``text`` (UTF-8; or bytes, such as a PNG; or an iterable of pieces of text or
    bytes, written as they come) to ``path`` via a temporary file in the same folder and a
    rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, (str, bytes, bytearray, memoryview)):
        pieces = [text]
    else:
        pieces = text
    tmp = temporary_beside(path)
    try:
        with open(tmp, "wb") as fh:
            write_pieces(fh, pieces)
        publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temporary_beside(path: Path) -> Path:
    """A new empty temporary file in ``path``'s folder, named ``.NAME.*.tmp`` (so that
    :func:`remove_stale_temporaries` recognises one left by a killed build)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def write_pieces(fh, pieces) -> None:
    """Write pieces of text (as UTF-8) or bytes to the binary file ``fh`` as they come."""
    for piece in pieces:
        fh.write(piece.encode("utf-8") if isinstance(piece, str) else bytes(piece))


def publish(tmp: Path, path: Path) -> None:
    """Give the finished temporary file the mode a new file gets (0666 less the umask; mkstemp
    makes it 0600) and rename it to ``path`` in one step."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the exports' temporary files (``.idmkg.*.tmp``) left in ``folder`` by a build
    killed while writing."""
    for stale in Path(folder).glob(".idmkg.*.tmp"):
        stale.unlink(missing_ok=True)


# --- N-Triples and N-Quads: one statement a line, lines sorted --------------------------

_IRI_FORBIDDEN = set('<>"{}|^`\\')
_IRI_BAD = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_NT_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')
_NT_ESCAPES = {c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F]}
_NT_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})


def nt_term(term) -> str:
    """A term as N-Triples / N-Quads writes it (RDF 1.1: UTF-8, only the required escapes)."""
    if isinstance(term, URIRef):
        iri = str(term)
        if _IRI_BAD.search(iri):
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
    return text.translate(_NT_ESCAPES) if _NT_SPECIAL.search(text) else text


def _bnode_label(node: BNode, prefix: str = "") -> str:
    label = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in str(node))
    return prefix + (label if label[:1].isalpha() else "b" + label)


class _NTerms(dict):
    """IRI -> its N-Triples text, worked out once. Literals are written each time (rdflib
    holds ``"x"@en-GB`` and ``"x"@en-gb`` equal, so a memo would write one as the other);
    blank nodes: see :func:`_quad_lines`."""

    def __missing__(self, term):
        text = self[term] = nt_term(term)
        return text

    def literal(self, term: Literal) -> str:
        text = f'"{_nt_escape(str(term))}"'
        language = term.language
        if language:
            return f"{text}@{language}"
        datatype = term.datatype
        if datatype is not None:
            return f"{text}^^{self[URIRef(str(datatype)) if datatype.__class__ is not URIRef else datatype]}"
        return text


def _quad_lines(triples, terms: _NTerms, bnode_prefix: str, end: str) -> Iterator[str]:
    """One line per triple, ended by ``end`` (a dot, or the graph's IRI and a dot, and a
    line end); blank nodes labelled with ``bnode_prefix``."""
    w = terms.__getitem__
    lit = terms.literal
    iri = URIRef
    for s, p, o in triples:
        if s.__class__ is iri:
            if o.__class__ is iri:
                yield f"{w(s)} {w(p)} {w(o)}{end}"
                continue
            if o.__class__ is Literal:
                yield f"{w(s)} {w(p)} {lit(o)}{end}"
                continue
        terms_of = []
        for t in (s, p, o):
            if isinstance(t, BNode):
                terms_of.append(f"_:{_bnode_label(t, bnode_prefix)}")
            elif isinstance(t, Literal):
                terms_of.append(lit(t))
            else:
                terms_of.append(nt_term(t))
        yield f"{terms_of[0]} {terms_of[1]} {terms_of[2]}{end}"


def to_ntriples(graph) -> str:
    """N-Triples, lines sorted by code point (``LC_ALL=C sort`` order)."""
    return "".join(sorted(set(_quad_lines(canonical(graph), _NTerms(), "", " .\n"))))


def _named(graphs) -> list:
    return sorted(graphs.items() if isinstance(graphs, dict) else graphs, key=lambda kv: str(kv[0]))


def to_nquads(graphs) -> str:
    """N-Quads, each graph's triples in its named graph; lines sorted. Blank nodes are
    labelled per graph, so that two graphs never share one by accident. ``graphs``: graph
    IRI -> triples (an rdflib ``Graph`` or any iterable of triples), or an iterable of
    (graph IRI, triples)."""
    lines: set[str] = set()
    terms = _NTerms()
    for i, (name, triples) in enumerate(_named(graphs)):
        lines.update(_quad_lines(canonical(triples), terms, f"g{i}", f" {nt_term(URIRef(name))} .\n"))
    return "".join(sorted(lines))


def nquads_chunks(graphs, *, chunk_lines: int = CHUNK_LINES) -> Iterator[bytes]:
    """N-Quads as UTF-8 pieces, unsorted, each graph's triples as they come (duplicates
    kept): what a store loads in bulk (``pyoxigraph.Store.bulk_load`` through
    :class:`ChunkReader`, or ``Store.load`` per piece: every piece ends at a line end).
    ``graphs``: graph IRI -> triples, or an iterable of (graph IRI, triples), each read
    once; graph IRI None puts its triples in the default graph. Blank nodes are labelled
    per graph (``g0``, ``g1`` ... in the order given), not relabelled from content."""
    items = graphs.items() if isinstance(graphs, dict) else graphs
    terms = _NTerms()
    for i, (name, triples) in enumerate(items):
        end = " .\n" if name is None else f" {nt_term(URIRef(name))} .\n"
        pending: list[str] = []
        for line in _quad_lines(triples, terms, f"g{i}", end):
            pending.append(line)
            if len(pending) >= chunk_lines:
                yield "".join(pending).encode("utf-8")
                pending = []
        if pending:
            yield "".join(pending).encode("utf-8")


class ChunkReader(io.RawIOBase):
    """A binary file over an iterator of byte pieces: ``Store.bulk_load(input=ChunkReader(
    nquads_chunks(graphs)), format=RdfFormat.N_QUADS)`` loads without the whole text."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not len(self._buffer):
            try:
                self._buffer = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        n = min(len(b), len(self._buffer))
        b[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


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
