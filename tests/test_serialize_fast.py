"""The fast writers of :mod:`idmkg.serialize` and the lean assembly of :mod:`idmkg.assemble`
(issue #7):

* N-Quads written in pieces for a bulk load (``nquads_chunks``, through ``ChunkReader``)
  parse, in Oxigraph and in rdflib, back to the triples written, graph by graph: random
  IRIs and literals with quotes, backslashes, controls, unicode, language tags, datatypes;
* the escapes equal the RDF 1.1 rules written out plainly here, the Turtle quoting equals
  rdflib's ``Literal.n3()`` (what the files were written with before), the prefixed names
  equal a plain longest-namespace-first search, the pieces join to the whole text;
* ``assemble_triples`` gives the triples of ``assemble``'s graphs, the five notes' N-Quads
  load into Oxigraph to the same graphs, and the files written from plain triples are the
  bytes written from the rdflib graphs;
* ``write_atomic`` streams pieces and leaves nothing behind when a piece fails.
"""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from idmkg.assemble import (Minter, assemble, assemble_triples, assembled_triples, evidence_iri, graph_name,
                             literal)
from idmkg.model import Ref
from idmkg.namespaces import IDM, OA, RDF, expand
from idmkg.errors import IdmkgError
from idmkg.namespaces import DEFAULT_BASE, data_prefixes
from idmkg.serialize import (ChunkReader, TermWriter, _joined, _safe_local, nquads_chunks, nt_term, to_nquads,
                             to_ntriples, to_trig, to_turtle, trig_chunks, turtle_chunks, write_atomic)

PREFIXES = data_prefixes(DEFAULT_BASE)
NAMESPACES = sorted(set(PREFIXES.values())) + ["http://example.org/", "urn:x-test:"]
IRI_CHARS = st.characters(codec="utf-8", exclude_characters='<>"{}|^`\\', exclude_categories=("Cc", "Cs", "Zs",
                                                                                                "Zl", "Zp"))
LOCAL = st.text(IRI_CHARS, min_size=1, max_size=20) | st.sampled_from(
    ["workshop/2009-2", "note/IC-2009-10/p/7", "a.b", "x.", "-x", "_x", "%41", "é", "a:b", "q?x=1&y=2",
     "frag#x", "(p)", "it's", "移民", "٣", "x²", "Ⅻ"])
IRIS = st.builds(lambda ns, local: URIRef(ns + local), st.sampled_from(NAMESPACES), LOCAL)
#: IRIs as RFC 3987 allows them (Oxigraph checks that; the N-Quads grammar and rdflib allow more,
#: which Oxigraph loads with lenient=True): letters and digits of any script, a few marks
VALID_LOCAL = st.text(st.characters(codec="utf-8", categories=("Lu", "Ll", "Lo", "Nd"))
                      | st.sampled_from("-._~!$&'()*+,;=:@/"), min_size=1, max_size=20)
VALID_IRIS = st.builds(lambda ns, local: URIRef(ns + local), st.sampled_from(NAMESPACES), VALID_LOCAL)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['"', "'", '"""', "\\", "\\n", "\n", "\r\n", "\t", 'say "hi"\nnow', 'ends with "', "ends with \\",
     'x"\n"', "🌍", "\u2028", "\x00", "\x1f", "\x7f", "\x80", "€ ‘x’ –", "\ufeff"])
LANGS = st.sampled_from(["en", "fr", "en-GB", "es-419", "zh-Hant", "de-CH-1996"]) | st.from_regex(
    r"[a-z]{2,3}(-[A-Z]{2})?", fullmatch=True)
DATATYPES = st.sampled_from([XSD.string, URIRef("http://example.org/dt"), XSD.anyURI, XSD.gYear])
LITERALS = st.one_of(
    st.builds(Literal, TEXT),
    st.builds(lambda t, lang: Literal(t, lang=lang), TEXT, LANGS),
    st.builds(lambda t, dt: Literal(t, datatype=dt), TEXT, DATATYPES),
    st.builds(lambda n: Literal(n, datatype=XSD.integer), st.integers(-10**20, 10**20)),
    st.builds(lambda n: Literal(n, datatype=XSD.nonNegativeInteger), st.integers(0, 10**6)),
    st.builds(lambda d: Literal(d.isoformat(), datatype=XSD.date), st.dates()),
    st.builds(Literal, st.booleans()),
)
TRIPLES = st.lists(st.tuples(IRIS, IRIS, IRIS | LITERALS), min_size=1, max_size=25)
VALID_TRIPLES = st.lists(st.tuples(VALID_IRIS, VALID_IRIS, VALID_IRIS | LITERALS), min_size=1, max_size=25)
GRAPH_NAMES = st.sampled_from([DEFAULT_BASE + "graph/a", DEFAULT_BASE + "graph/note/IC-2009-10", "urn:x-test:g"])


# --- plain references --------------------------------------------------------------------

def plain_escape(text: str) -> str:
    """RDF 1.1 N-Triples string escapes, one character at a time."""
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


def plain_prefixed(iri: str, prefixes: dict[str, str]) -> str:
    """The longest namespace first whose rest is a safe local name, else <iri>."""
    for prefix, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
        local = iri[len(ns):]
        if iri.startswith(ns) and local and all(c.isalnum() or c in "_-" for c in local) \
                and local[0] != "-" and local[-1] != ".":
            return f"{prefix}:{local}"
    return f"<{iri}>"


def rdflib_turtle_term(term, write: TermWriter) -> str:
    """How the Turtle writer wrote a literal before: rdflib's n3(), datatypes as prefixed names."""
    if term.datatype is not None:
        return f"{Literal(str(term)).n3()}^^{write(URIRef(term.datatype))}"
    return term.n3()


def from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def comparable(term):
    """Terms compared as written: lexical form, lower-case language tag, datatype
    (xsd:string as none)."""
    if isinstance(term, Literal):
        datatype = None if term.datatype in (None, XSD.string) else str(term.datatype)
        return ("literal", str(term), (term.language or "").lower(), datatype)
    return (type(term).__name__, str(term))


def quads(graphs: dict) -> set:
    return {(name, *map(comparable, t)) for name, triples in graphs.items() for t in triples}


def ox_quads(data: bytes, lenient: bool = False) -> set:
    return {(q.graph_name.value, *map(comparable, map(from_ox, (q.subject, q.predicate, q.object))))
            for q in ox.parse(data, format=ox.RdfFormat.N_QUADS, lenient=lenient)}


def rdflib_quads(data: bytes) -> set:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format="nquads")
    return {(str(g), *map(comparable, (s, p, o))) for s, p, o, g in ds.quads((None, None, None, None))}


# --- properties ----------------------------------------------------------------------------

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(GRAPH_NAMES, VALID_TRIPLES, min_size=1, max_size=3), st.integers(1, 7))
def test_nquads_pieces_parse_back_in_oxigraph_and_rdflib(graphs, chunk_lines):
    pieces = list(nquads_chunks(graphs, chunk_lines=chunk_lines))
    assert all(p.endswith(b"\n") for p in pieces)
    data = b"".join(pieces)
    expected = quads(graphs)
    assert ox_quads(data) == expected, data.decode()
    assert rdflib_quads(data) == expected, data.decode()
    # the store, loaded in bulk from the pieces, holds what it holds when given the parsed
    # quads one by one (a store keeps typed literals in canonical form: "05"^^xsd:positiveInteger
    # becomes "5"^^xsd:integer, in both)
    store, reference = ox.Store(), ox.Store()
    store.bulk_load(input=ChunkReader(iter(pieces)), format=ox.RdfFormat.N_QUADS)
    reference.extend(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    assert set(store) == set(reference)
    # the sorted export holds the same lines
    lines = data.decode().split("\n")  # not splitlines(): U+2028 in a literal is not a line end
    assert "\n".join(sorted(set(lines[:-1]))) + "\n" == to_nquads(graphs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(GRAPH_NAMES, TRIPLES, min_size=1, max_size=3))
def test_any_iri_the_writer_accepts_loads_leniently(graphs):
    data = b"".join(nquads_chunks(graphs))
    expected = quads(graphs)
    assert ox_quads(data, lenient=True) == expected, data.decode()
    assert rdflib_quads(data) == expected, data.decode()


@settings(max_examples=300, deadline=None)
@given(TEXT | LITERALS)
def test_literal_escapes_are_the_plain_rules_and_rdflibs_quoting(value):
    term = value if isinstance(value, Literal) else Literal(value)
    written = nt_term(term)
    assert written.startswith(f'"{plain_escape(str(term))}"')
    write = TermWriter(PREFIXES)
    assert write(term) == rdflib_turtle_term(term, write)


@settings(max_examples=300, deadline=None)
@given(IRIS, st.dictionaries(st.sampled_from(["a", "b", "c", "d"]),
                             st.sampled_from(NAMESPACES + [DEFAULT_BASE, DEFAULT_BASE + "id/note/", "http://",
                                                           "http://example.org/x"]), max_size=4))
def test_prefixed_names_are_the_longest_safe_namespace(iri, extra):
    prefixes = {**PREFIXES, **extra}
    assert TermWriter(prefixes)(iri) == plain_prefixed(str(iri), prefixes)


@given(st.text(IRI_CHARS | st.sampled_from("-_.:"), min_size=1, max_size=12))
def test_safe_local_is_alnum_underscore_hyphen(local):
    assert _safe_local(local) == (all(c.isalnum() or c in "_-" for c in local) and local[0] != "-"
                                  and local[-1] != ".")


@given(st.lists(st.lists(st.text(max_size=3), max_size=4), max_size=6), st.lists(st.text(max_size=3), max_size=3))
def test_pieces_join_as_newline_join(blocks, first):
    import idmkg.serialize as ser

    old = ser.CHUNK_LINES
    ser.CHUNK_LINES = 2
    try:
        got = "".join(_joined(iter(blocks), first))
    finally:
        ser.CHUNK_LINES = old
    assert got == "\n".join(first + [line for block in blocks for line in block])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRIPLES, TRIPLES)
def test_turtle_and_trig_of_plain_triples_equal_those_of_graphs(first, second):
    g1, g2 = Graph(), Graph()
    for t in first:
        g1.add(t)
    for t in second:
        g2.add(t)
    assert to_turtle(first + first, PREFIXES) == to_turtle(g1, PREFIXES)  # duplicates written once
    named = {"urn:x-test:b": second, "urn:x-test:a": first}
    assert to_trig(named, PREFIXES) == to_trig({"urn:x-test:a": g1, "urn:x-test:b": g2}, PREFIXES)
    assert "".join(trig_chunks(list(named.items()), PREFIXES)) == to_trig(named, PREFIXES)
    assert to_ntriples(first) == to_ntriples(g1)


def test_blank_nodes_are_labelled_per_graph_and_from_content():
    b = BNode("x")
    p = URIRef("http://example.org/p")
    g = {"urn:x-test:a": [(b, p, Literal("1"))], "urn:x-test:b": [(b, p, Literal("2"))]}
    loaded = list(ox.parse(b"".join(nquads_chunks(g)), format=ox.RdfFormat.N_QUADS))
    assert len({q.subject for q in loaded}) == 2  # one node per graph, not shared by accident
    graph = Graph()
    graph.add((b, p, Literal("1")))
    renamed = Graph()
    renamed.add((BNode("other"), p, Literal("1")))
    assert to_turtle(graph, PREFIXES) == to_turtle(renamed, PREFIXES) == to_turtle([(b, p, Literal("1"))], PREFIXES)


def test_a_bad_iri_is_refused_in_one_line():
    with pytest.raises(IdmkgError, match="cannot write the IRI"):
        b"".join(nquads_chunks({"urn:x-test:a": [(URIRef("http://example.org/a b"), URIRef("urn:p"), Literal(1))]}))


# --- assembly -------------------------------------------------------------------------------

def test_lean_assembly_gives_the_graphs_triples(notes, facts):
    graphs = assemble(notes, facts, DEFAULT_BASE)
    lean = assemble_triples(notes, facts, DEFAULT_BASE)
    assert list(lean) == list(graphs) == [graph_name(DEFAULT_BASE, f"note/{n.key}") for n in notes] + [
        graph_name(DEFAULT_BASE, "derived")]
    for name, g in graphs.items():
        assert len(lean[name]) == len(set(lean[name])) == len(g), name
        assert set(lean[name]) == set(g), name
    assert [name for name, _ in assembled_triples(notes, facts, DEFAULT_BASE)] == list(graphs)


def test_each_fact_is_in_the_graph_of_each_note_stating_it_with_its_words(notes, facts):
    """What the graphs must hold, checked fact by fact (the quadratic reading of the rule)."""
    lean = {name: set(triples) for name, triples in assemble_triples(notes, facts, DEFAULT_BASE).items()}
    mint = Minter(DEFAULT_BASE)
    derived = graph_name(DEFAULT_BASE, "derived")
    keys = {n.key for n in notes}
    checked = 0
    for f in facts:
        s, p = mint(f.subject), expand(f.prop)
        o = mint(f.value) if isinstance(f.value, Ref) else literal(f.prop, f.value)
        if f.derived or not f.evidence:
            assert (s, p, o) in lean[derived], f
            continue
        for ev in f.evidence:
            if ev.note not in keys:
                continue
            g = lean[graph_name(DEFAULT_BASE, f"note/{ev.note}")]
            e = evidence_iri(mint, f, ev)
            assert (s, p, o) in g, f
            assert (e, RDF.type, IDM.Evidence) in g and (e, IDM.supportsValue, o) in g, f
            assert (URIRef(f"{e}/selector"), OA.exact, Literal(ev.quote)) in g, f
            assert (URIRef(f"{e}/target"), OA.hasSource, mint.part(ev.note, ev.part)) in g, f
            checked += 1
    assert checked > 500


def test_five_notes_load_into_oxigraph_and_write_the_same_bytes(notes, facts, schema, tmp_path):
    graphs = assemble(notes, facts, DEFAULT_BASE)
    lean = assemble_triples(notes, facts, DEFAULT_BASE)
    pieces = list(nquads_chunks(lean))
    assert ox_quads(b"".join(pieces)) == quads(graphs)
    store = ox.Store()
    store.bulk_load(input=ChunkReader(pieces), format=ox.RdfFormat.N_QUADS)
    assert len(store) == sum(len(g) for g in graphs.values())
    # files from plain triples, streamed, are the files from rdflib graphs
    complete = Graph()
    for g in [*graphs.values(), schema]:
        complete += g
    write_atomic(tmp_path / "a.ttl", turtle_chunks([t for ts in lean.values() for t in ts] + list(schema), PREFIXES))
    assert (tmp_path / "a.ttl").read_text(encoding="utf-8") == to_turtle(complete, PREFIXES)
    with_schema = {**graphs, graph_name(DEFAULT_BASE, "ontology"): schema}
    lean_schema = {**lean, graph_name(DEFAULT_BASE, "ontology"): list(schema)}
    write_atomic(tmp_path / "a.trig", trig_chunks(lean_schema, PREFIXES))
    assert (tmp_path / "a.trig").read_text(encoding="utf-8") == to_trig(with_schema, PREFIXES)
    assert to_nquads(lean_schema) == to_nquads(with_schema)


def test_write_atomic_streams_and_leaves_nothing_when_a_piece_fails(tmp_path):
    target = tmp_path / "out.ttl"
    write_atomic(target, iter(["é", b"\n", "x" * 10]))
    assert target.read_bytes() == "é\nxxxxxxxxxx".encode("utf-8")

    def failing():
        yield "partial"
        raise IdmkgError("stopped")

    with pytest.raises(IdmkgError):
        write_atomic(target, failing())
    assert target.read_bytes() == "é\nxxxxxxxxxx".encode("utf-8")  # the old file kept
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temporary file left
