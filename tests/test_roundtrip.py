"""Property test of the hand-written Turtle serialiser: random graphs of the terms the
project writes (IRIs with odd characters, under the project's prefixes or not; literals
with quotes, backslashes, newlines, unicode, language tags and datatypes; blank nodes)
-> ``to_turtle`` -> rdflib's parser -> the same graph, and the same bytes when written
again."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from idmkg.namespaces import DEFAULT_BASE, data_prefixes
from idmkg.serialize import to_trig, to_turtle

PREFIXES = data_prefixes(DEFAULT_BASE)
NAMESPACES = sorted(set(PREFIXES.values())) + ["http://example.org/", "urn:x-test:"]

# characters allowed in an IRI reference (no <>"{}|^`\ space or controls), unicode too
IRI_CHARS = st.characters(codec="utf-8", exclude_characters='<>"{}|^`\\', exclude_categories=("Cc", "Cs", "Zs",
                                                                                                "Zl", "Zp"))
LOCAL = st.one_of(
    st.text(IRI_CHARS, min_size=1, max_size=20),
    st.sampled_from(["workshop/2009-2", "note/IC-2009-10/p/7", "a.b", "x.", "-x", "_x", "%41", "é", "a:b",
                     "q?x=1&y=2", "frag#x", "(p)", "it's", "a,b;c", "~user", "移民"]),
)
IRIS = st.builds(lambda ns, local: URIRef(ns + local), st.sampled_from(NAMESPACES), LOCAL)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.sampled_from(
    ['"', "'", '"""', "'''", "\\", "\\n", "\n", "\r\n", "\t", 'say "hi"\nnow', "ends with \"", "ends with \\",
     "🌍", "\u2028", "\x00", "\x7f", "€ ‘x’ –"])
LANGS = st.sampled_from(["en", "fr", "en-GB", "es-419", "zh-Hant"])
DATATYPES = st.sampled_from([XSD.string, URIRef("http://example.org/dt"), XSD.anyURI])

LITERALS = st.one_of(
    st.builds(Literal, TEXT),
    st.builds(lambda t, lang: Literal(t, lang=lang), TEXT, LANGS),
    st.builds(lambda t, dt: Literal(t, datatype=dt), TEXT, DATATYPES),
    st.builds(lambda n: Literal(n, datatype=XSD.integer), st.integers(-10**20, 10**20)),
    st.builds(lambda n: Literal(n, datatype=XSD.nonNegativeInteger), st.integers(0, 10**6)),
    st.builds(lambda d: Literal(d.isoformat(), datatype=XSD.date), st.dates()),
    st.builds(lambda b: Literal(b), st.booleans()),
    st.builds(lambda d: Literal(d, datatype=XSD.decimal),
              st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**6, max_value=10**6)),
)
BNODES = st.sampled_from([BNode("b1"), BNode("b2"), BNode("b3")])
SUBJECTS = IRIS | BNODES
OBJECTS = IRIS | LITERALS | BNODES
TRIPLES = st.lists(st.tuples(SUBJECTS, IRIS, OBJECTS), min_size=1, max_size=25)


def _graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRIPLES)
def test_turtle_round_trips_and_is_stable(triples):
    g = _graph(triples)
    text = to_turtle(g, PREFIXES)
    back = Graph().parse(data=text, format="turtle")
    assert isomorphic(g, back), text
    assert to_turtle(back, PREFIXES) == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TRIPLES, TRIPLES)
def test_trig_round_trips_per_graph(first, second):
    from rdflib import Dataset

    graphs = {DEFAULT_BASE + "graph/a": _graph(first), DEFAULT_BASE + "graph/b": _graph(second)}
    text = to_trig(graphs, PREFIXES)
    back = Dataset().parse(data=text, format="trig")
    for name, g in graphs.items():
        assert isomorphic(g, back.graph(URIRef(name))), text


def test_awkward_terms_examples():
    """A few terms written out, so a failure of the property above has a readable twin."""
    g = Graph()
    s = URIRef(DEFAULT_BASE + "id/workshop/2009-2")
    g.add((s, URIRef("http://example.org/p"), Literal('a "quoted"\nline\\ and 🌍', lang="en-GB")))
    g.add((s, URIRef("http://example.org/p"), Literal("x.", datatype=URIRef("http://example.org/dt"))))
    g.add((URIRef("http://example.org/x."), URIRef("http://example.org/-p"), URIRef("urn:x-test:移民")))
    text = to_turtle(g, PREFIXES)
    assert isomorphic(g, Graph().parse(data=text, format="turtle")), text
