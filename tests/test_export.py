"""Partner exports (issue 5): every format parses back, with rdflib and with independent
parsers (Oxigraph; Raptor's rapper for all but JSON-LD, which Raptor cannot read), to the
graph that was built, named graph by named graph where the format keeps them; exports are
byte-identical across runs and processes; the dataset description (VoID, DCAT, PROV-O);
note selection; the IRI scheme; and the CLI's one-line errors."""
from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from tests.helpers import one_line_error
from idmkg import resources
from idmkg.assemble import assemble, graph_name
from idmkg.cli import main
from idmkg.describe import build_time, tool_version
from idmkg.errors import ExportError
from idmkg.export import FORMATS, export, jsonld_context, resolve_format, resolve_notes, select
from idmkg.extract import extract_facts
from idmkg.namespaces import DCAT, DEFAULT_BASE, IDM, IDMC, VOID
from idmkg.pipeline import BuildResult

ROOT = Path(__file__).resolve().parent.parent
NOTE_KEYS = ["IC-2009-1", "IC-2009-10", "IC-2010-5", "idm-2008-after-2007-02-26", "idm-2009-after-2009-02-26"]
ONE_NOTE = "002_5c41cb46aeb7a953.txt"  # IC/2010/5
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
                 "rdfxml": "xml"}
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
             "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
RAPPER_FORMAT = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig",
                 "rdfxml": "rdfxml"}


# --- helpers -------------------------------------------------------------------------

def same_graph(got: Graph, expected: Graph) -> None:
    """Isomorphic, with a readable failure: ground triples compared as sets, the triples
    with blank nodes (ontology axioms, if any) by rdflib's isomorphism."""
    def split(g):
        ground, blank = set(), Graph()
        for t in g:
            (blank.add(t) if any(isinstance(x, BNode) for x in t) else ground.add(t))
        return ground, blank

    (ga, ba), (gb, bb) = split(got), split(expected)
    missing, extra = gb - ga, ga - gb
    assert not missing and not extra, (f"{len(missing)} triple(s) missing, e.g. {sorted(missing)[:2]}; "
                                       f"{len(extra)} extra, e.g. {sorted(extra)[:2]}")
    assert isomorphic(ba, bb)


def same_dataset(got: dict, expected: dict) -> None:
    assert set(got) == set(expected), (sorted(set(got) ^ set(expected)))
    for name in sorted(expected):
        same_graph(got[name], expected[name])


def _from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    raise TypeError(term)


def oxigraph_dataset(path: Path, fmt) -> dict:
    """Graph name (None for the default graph) -> rdflib Graph, as Oxigraph reads the file."""
    graphs: dict = {}
    for q in ox.parse(path=str(path), format=fmt):
        name = None if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name.value)
        graphs.setdefault(name, Graph()).add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)))
    return graphs


def rapper_dataset(path: Path, fmt: str, tmp_path: Path) -> dict:
    """What Raptor's rapper reads (written out as N-Quads, which Oxigraph then reads)."""
    rapper = shutil.which("rapper")
    assert rapper, "rapper is not installed: run ./.ci/system-deps (Debian raptor2-utils)"
    run = subprocess.run([rapper, "-q", "-i", fmt, "-o", "nquads", str(path), "http://example.invalid/"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and not run.stderr.strip(), run.stderr[:2000]
    out = tmp_path / f"{path.name}.rapper.nq"
    out.write_text(run.stdout, encoding="utf-8")
    return oxigraph_dataset(out, ox.RdfFormat.N_QUADS)


def expected_as(made, fmt) -> dict:
    """What a file of ``fmt`` should hold: the named graphs, or their union in the default graph."""
    if fmt.datasets:
        return dict(made.graphs)
    return {None: made.graph()}


def assemble_only(notes, schema, schema_labels, base: str = DEFAULT_BASE) -> BuildResult:
    """A build without inference and validation (fast): enough for the asserted graphs."""
    facts = extract_facts(notes, *schema_labels)
    return BuildResult(notes, facts, assemble(notes, facts, base), Graph(), schema, None, base=base)


def trig_blocks(text: str) -> dict[str, str]:
    """The text of each named graph of a TriG file written by idmkg (``<name> {`` ... ``}``)."""
    blocks, name, lines = {}, None, []
    for line in text.splitlines():
        m = re.match(r"^<([^>]+)> \{$", line)
        if m:
            name, lines = m.group(1), []
        elif line == "}" and name:
            blocks[name] = "\n".join(lines)
            name = None
        elif name:
            lines.append(line)
    return blocks


# --- fixtures ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def complete_exports(built, tmp_path_factory):
    """Every format, with the inferences and the ontology: format name -> (Export, file)."""
    out = tmp_path_factory.mktemp("exports")
    made = {}
    for name, fmt in FORMATS.items():
        e = export(built, fmt, inferred=True, ontology=True)
        path = out / f"idmkg{fmt.extension}"
        path.write_text(e.text, encoding="utf-8")
        made[name] = (e, path)
    return made


@pytest.fixture(scope="module")
def four_and_five(notes, schema, schema_labels, tmp_path_factory):
    """TriG exports (asserted facts) of the five notes and of the four without the newest
    (IC/2010/5), from corpora copied into two folders, the four named in reverse order."""
    out = tmp_path_factory.mktemp("four-five")
    five_dir, four_dir = out / "five", out / "four"
    five_dir.mkdir()
    four_dir.mkdir()
    files = sorted(resources.NOTES_DIR.glob("*.txt"))
    for f in files:
        shutil.copy(f, five_dir / f.name)
    from idmkg.parse import parse_corpus

    five = assemble_only(parse_corpus(five_dir), schema, schema_labels)
    four_notes = [n for n in parse_corpus(five_dir) if n.key != "IC-2010-5"]
    four = assemble_only(list(reversed(four_notes)), schema, schema_labels)
    texts = {}
    for label, result in (("five", five), ("four", four)):
        text = export(result, "trig").text
        (out / f"{label}.trig").write_text(text, encoding="utf-8")
        texts[label] = text
    return texts, five, four


# --- every format parses back to the built graph --------------------------------------

@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_parses_back_with_rdflib(complete_exports, name):
    made, path = complete_exports[name]
    fmt = FORMATS[name]
    if fmt.datasets:
        ds = Dataset()
        ds.parse(path, format=RDFLIB_FORMAT[name])
        got = {str(g.identifier): g for g in ds.graphs() if len(g)}
        same_dataset(got, expected_as(made, fmt))
    else:
        same_graph(Graph().parse(path, format=RDFLIB_FORMAT[name]), made.graph())


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_parses_back_with_oxigraph(complete_exports, name):
    made, path = complete_exports[name]
    same_dataset(oxigraph_dataset(path, OX_FORMAT[name]), expected_as(made, FORMATS[name]))


@pytest.mark.parametrize("name", list(RAPPER_FORMAT))
def test_every_format_but_jsonld_parses_back_with_rapper(complete_exports, name, tmp_path):
    made, path = complete_exports[name]
    same_dataset(rapper_dataset(path, RAPPER_FORMAT[name], tmp_path), expected_as(made, FORMATS[name]))


def test_the_export_is_the_built_graph_plus_its_description(built, complete_exports):
    made, _ = complete_exports["trig"]
    description = graph_name(built.base, "description")
    data = Graph()
    for name, g in made.graphs.items():
        if name != description:
            data += g
    assert isomorphic(data, built.complete())
    names = set(made.graphs)
    assert names == {graph_name(built.base, f"note/{k}") for k in NOTE_KEYS} | {
        graph_name(built.base, n) for n in ("derived", "inferred", "ontology", "description")}
    for name, g in built.asserted.items():
        assert made.graphs[name] is g


def test_asserted_only_is_the_default(built):
    made = export(built, "trig")
    names = {n.rsplit("graph/", 1)[1] for n in made.graphs}
    assert names == {f"note/{k}" for k in NOTE_KEYS} | {"derived", "description"}
    workshop = URIRef(f"{DEFAULT_BASE}id/workshop/2009-2")
    assert (workshop, RDF.type, IDM.Meeting) not in made.graph()  # inferred only
    assert (IDM.Meeting, RDF.type, None) not in made.graph()  # ontology


# --- determinism ---------------------------------------------------------------------

def _shuffled(result: BuildResult, seed: int) -> BuildResult:
    rng = random.Random(seed)

    def copy(g: Graph) -> Graph:
        triples = list(g)
        rng.shuffle(triples)
        h = Graph()
        for t in triples:
            h.add(t)
        return h

    asserted = {name: copy(result.asserted[name]) for name in reversed(list(result.asserted))}
    return dataclasses.replace(result, asserted=asserted, inferred=copy(result.inferred),
                               schema=copy(result.schema), notes=list(reversed(result.notes)))


@pytest.fixture(scope="module")
def shuffled(built):
    return _shuffled(built, 7)


@pytest.mark.parametrize("name", list(FORMATS))
def test_export_bytes_do_not_depend_on_the_order_triples_were_added(shuffled, complete_exports, name):
    made, path = complete_exports[name]
    again = export(shuffled, name, inferred=True, ontology=True)
    assert again.text == made.text
    assert path.read_bytes() == made.text.encode("utf-8")


SCRIPT = """
import sys
from pathlib import Path
from idmkg import build
from idmkg.export import FORMATS, export
result = build(sys.argv[1], write=False, check=False)
for name, fmt in FORMATS.items():
    text = export(result, fmt, inferred=True, ontology=True, endpoint="http://localhost:7878/query").text
    (Path(sys.argv[2]) / ("idmkg" + fmt.extension)).write_bytes(text.encode("utf-8"))
"""


def test_two_builds_in_two_processes_give_byte_identical_exports(tmp_path):
    """Two processes with different hash seeds (set iteration order differs): same bytes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(resources.NOTES_DIR / ONE_NOTE, corpus)
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        runs.append((out, subprocess.Popen([sys.executable, "-c", SCRIPT, str(corpus), str(out)], env=env,
                                           stderr=subprocess.PIPE, text=True)))
    for out, proc in runs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-2000:]
    first, second = (sorted(out.iterdir()) for out, _ in runs)
    assert [p.name for p in first] == sorted(f"idmkg{f.extension}" for f in FORMATS.values())
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_turtle_is_prefixed_grouped_by_subject_and_sorted(complete_exports):
    made, _ = complete_exports["turtle"]
    lines = made.text.splitlines()
    prefixes = dict(re.findall(r"^@prefix (\w+): <([^>]+)> \.$", made.text, re.M))
    for p in ("dcat", "dcterms", "foaf", "id", "idm", "idmc", "oa", "owl", "prov", "rdf", "rdfs", "schema", "skos",
              "void", "xsd"):
        assert p in prefixes, p
    # a subject line is one term alone (lines of long literals may start in column 0 too)
    subjects = [ln for ln in lines if re.fullmatch(r"<[^<>\s]*>|[A-Za-z][\w-]*:[\w-]*", ln)]

    def expand(name: str) -> str:
        if name.startswith("<"):
            return name[1:-1]
        prefix, local = name.split(":", 1)
        return prefixes[prefix] + local

    iris = [expand(s) for s in subjects]
    assert len(iris) == len(set(iris)) == len(set(made.graph().subjects())), "one block per subject"
    assert iris == sorted(iris)


def test_line_formats_are_sorted(complete_exports):
    for name in ("ntriples", "nquads"):
        made, _ = complete_exports[name]
        lines = made.text.splitlines()
        assert lines == sorted(lines) and len(lines) == len(set(lines)), name
        assert all(ln.endswith(" .") for ln in lines)


def test_rdfxml_and_jsonld_are_sorted(complete_exports):
    rdfxml, _ = complete_exports["rdfxml"]
    abouts = re.findall(r'<rdf:Description rdf:about="([^"]+)">', rdfxml.text)
    assert abouts == sorted(abouts) and len(abouts) == len(set(abouts))
    jsonld, _ = complete_exports["jsonld"]
    data = json.loads(jsonld.text)
    ids = [node["@id"] for node in data["@graph"]]
    assert ids == sorted(ids)


# --- adding a note, the order of the notes, the IRIs -----------------------------------

def test_adding_a_note_adds_its_graph_and_keeps_every_iri(four_and_five):
    texts, five, four = four_and_five
    blocks5, blocks4 = trig_blocks(texts["five"]), trig_blocks(texts["four"])
    new = graph_name(DEFAULT_BASE, "note/IC-2010-5")
    assert set(blocks5) - set(blocks4) == {new}
    assert set(blocks4) <= set(blocks5)

    def things(result):  # every IRI minted for the data, evidence aside (its IRI hashes the fact)
        return {t for g in result.asserted.values() for triple in g for t in triple
                if isinstance(t, URIRef) and str(t).startswith(DEFAULT_BASE + "id/") and "/evidence/" not in str(t)}

    lost = things(four) - things(five)
    assert not lost, sorted(lost)[:5]


@pytest.mark.parametrize("left_out", ["idm-2008-after-2007-02-26", "IC-2009-10"])  # IC/2010/5: above
def test_no_iri_changes_when_a_note_is_added(notes, facts, schema_labels, left_out):
    """Whichever note comes last, the others' things keep their IRIs (evidence aside: its IRI
    hashes the fact, and a later note may change a fact, e.g. a proposal's outcome)."""
    def things(graphs):
        return {t for g in graphs.values() for triple in g for t in triple
                if isinstance(t, URIRef) and str(t).startswith(DEFAULT_BASE + "id/") and "/evidence/" not in str(t)}

    some = [n for n in notes if n.key != left_out]
    before = things(assemble(some, extract_facts(some, *schema_labels), DEFAULT_BASE))
    after = things(assemble(notes, facts, DEFAULT_BASE))
    assert before <= after, sorted(before - after)[:5]


def test_adding_a_note_changes_only_its_graph_and_the_description(four_and_five):
    texts, _, _ = four_and_five
    blocks5, blocks4 = trig_blocks(texts["five"]), trig_blocks(texts["four"])
    changed = {name for name in blocks4 if blocks4[name] != blocks5[name]}
    # graph/derived holds the conclusions drawn across notes (outcomes, preferred titles, ...):
    # a new note may change them; every other note's own graph stays as it was
    assert changed <= {graph_name(DEFAULT_BASE, "description"), graph_name(DEFAULT_BASE, "derived")}, sorted(changed)
    assert graph_name(DEFAULT_BASE, "note/IC-2010-5") in set(blocks5) - set(blocks4)


def test_the_order_of_the_notes_does_not_matter(notes, schema, schema_labels, built):
    backward = assemble_only(list(reversed(notes)), schema, schema_labels)
    assert export(backward, "trig").text == export(built, "trig").text


#: the documented IRI scheme (ontology/README.md), one pattern per kind of thing
NOTE = r"(IC-\d{4}-\d+|idm-\d{4}-after-\d{4}-\d{2}-\d{2})"
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
MEETING = rf"(workshop/\d{{4}}-\d+|consultation/\d{{4}}-\d{{2}}-\d{{2}}|council/\d+|conference/({SLUG}))"
IRI_PATTERNS = [rf"note/{NOTE}", rf"note/{NOTE}/p/\d+", rf"note/{NOTE}/fn/\d+", rf"note/{NOTE}/p/\d+/item/\d+",
                rf"note/{NOTE}/h/\d+", rf"note/{NOTE}/(cover|annex)", r"doc/[A-Z]+(-[A-Z0-9]+)+", r"year/\d{4}",
                rf"theme/{SLUG}", rf"topic/{SLUG}", MEETING, rf"segment/\d+/{SLUG}",
                rf"proposal/\d{{4}}/(theme|topic)/{SLUG}", rf"{MEETING}/attendance/{SLUG}",
                rf"{MEETING}/survey/{SLUG}", rf"citation/{NOTE}/p/\d+/[A-Z]+(-[A-Z0-9]+)+",
                r"evidence/[0-9a-f]{20}(/target|/selector)?", rf"org/{SLUG}"]


def test_every_iri_follows_the_documented_scheme(built, complete_exports):
    made, _ = complete_exports["trig"]
    base = built.base
    patterns = [re.compile(p + "$") for p in IRI_PATTERNS]
    fixed = (str(IDM), str(IDMC), "https://w3id.org/idmkg/ontology")
    graphs = [rf"graph/(note/{NOTE}|derived|curated|inferred|ontology|description)",
              r"dataset", r"dataset/(class|property)/([a-z]+-[A-Za-z0-9_-]+|[0-9a-f]{16})", r"dataset/sparql",
              r"agent/idmkg", r"software/idmkg(/[0-9][0-9A-Za-z.+-]*)?", r"activity/build/\d{8}T\d{6}Z",
              r"rule/[a-z_]+/[a-z_]+/[0-9a-f]{10}"]
    other = [re.compile(p + "$") for p in graphs]
    odd = set()
    for name, g in made.graphs.items():
        for t in {x for triple in g for x in triple} | {URIRef(name)}:
            iri = str(t)
            if not isinstance(t, URIRef) or not iri.startswith(base) or iri.startswith(fixed):
                continue
            local = iri[len(base):]
            if local.startswith("id/"):
                if not any(p.match(local[3:]) for p in patterns):
                    odd.add(iri)
            elif not any(p.match(local) for p in other):
                odd.add(iri)
    assert not odd, sorted(odd)[:10]
    readme = (ROOT / "ontology" / "README.md").read_text()
    for documented in ("graph/description", "dataset", "activity/build/", "software/idmkg", "rule/", "segment/",
                       "/item/", "citation/"):
        assert documented in readme, documented


def test_a_different_base_moves_every_data_iri_and_the_description(notes, schema, schema_labels):
    base = "http://example.org/kg/"
    one = [n for n in notes if n.key == "IC-2010-5"]
    result = assemble_only(one, schema, schema_labels, base=base)
    made = export(result, "nquads", ontology=True)
    g = made.graph()
    assert set(made.graphs) == {base + "graph/note/IC-2010-5", base + "graph/derived", base + "graph/ontology",
                                base + "graph/description"}
    fixed = (str(IDM), str(IDMC), "https://w3id.org/idmkg/ontology")
    stray = {str(t) for triple in g for t in triple if isinstance(t, URIRef)
             and str(t).startswith("https://w3id.org/idmkg/") and not str(t).startswith(fixed)}
    assert not stray, sorted(stray)[:5]
    assert (URIRef(base + "dataset"), RDF.type, VOID.Dataset) in g
    assert (URIRef(base + "dataset"), VOID.uriSpace, Literal(base + "id/")) in g
    ctx = jsonld_context(schema, base)
    assert ctx["id"] == base + "id/"


# --- the description ------------------------------------------------------------------

def test_the_description_says_what_a_partner_needs(built, complete_exports):
    made, _ = complete_exports["trig"]
    d = made.graphs[graph_name(built.base, "description")]
    ds = URIRef(built.base + "dataset")
    assert {VOID.Dataset, DCAT.Dataset} <= set(d.objects(ds, RDF.type))
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.publisher, DCTERMS.created,
              VOID.triples, VOID.entities, VOID.vocabulary, VOID.exampleResource, DCAT.keyword):
        assert d.value(ds, p) is not None, p
    assert str(d.value(ds, DCTERMS.license)) == "https://creativecommons.org/licenses/by/4.0/"
    assert d.value(d.value(ds, DCTERMS.publisher), URIRef("http://xmlns.com/foaf/0.1/name")) is not None
    sources = {str(s) for s in d.objects(ds, DCTERMS.source)}
    assert sources == {f"{built.base}id/note/{k}" for k in NOTE_KEYS}
    data = Graph()
    for name, g in made.graphs.items():
        if not name.endswith("/description"):
            data += g
    assert int(d.value(ds, VOID.triples)) == len(data)
    entities = {s for s in data.subjects() if str(s).startswith(built.base + "id/")}
    assert int(d.value(ds, VOID.entities)) == len(entities)
    vocabularies = {str(v) for v in d.objects(ds, VOID.vocabulary)}
    assert {str(IDM), "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#",
            "http://www.w3.org/ns/prov#"} <= vocabularies
    for example in d.objects(ds, VOID.exampleResource):
        assert (example, None, None) in data, example
    assert (ds, VOID.sparqlEndpoint, None) not in d  # none served unless named
    for cls in (IDM.Paragraph, IDM.IntersessionalWorkshop):
        part = next(p for p in d.objects(ds, VOID.classPartition) if (p, VOID["class"], cls) in d)
        assert int(d.value(part, VOID.entities)) == len(set(data.subjects(RDF.type, cls)))
    subsets = {str(s) for s in d.objects(ds, VOID.subset)}
    assert subsets == set(made.graphs) - {graph_name(built.base, "description")}


def test_each_note_graph_has_its_provenance(built, complete_exports):
    made, _ = complete_exports["nquads"]
    d = made.graphs[graph_name(built.base, "description")]
    for key in NOTE_KEYS:
        g = URIRef(graph_name(built.base, f"note/{key}"))
        source = URIRef(f"{built.base}id/note/{key}")
        assert (g, PROV.wasDerivedFrom, source) in d
        assert (g, PROV.hadPrimarySource, source) in d
        assert int(d.value(g, VOID.triples)) == len(made.graphs[str(g)])
        when = d.value(g, PROV.generatedAtTime)
        assert when.datatype == XSD.dateTime
        activity = d.value(g, PROV.wasGeneratedBy)
        assert (activity, PROV.used, source) in d
        assert d.value(activity, PROV.endedAtTime) == when
        agent = d.value(activity, PROV.wasAssociatedWith)
        assert (agent, RDF.type, PROV.SoftwareAgent) in d
        assert str(d.value(agent, URIRef("http://schema.org/softwareVersion"))) == tool_version()
        # and the source document itself is in the note's graph, with its checksum
        assert (source, IDM.sourceSha256, None) in made.graphs[str(g)]


def test_extraction_time_is_reproducible(built, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = build_time(built.notes)
    assert newest.isoformat() == "2010-04-27T00:00:00+00:00"  # the consultations IC/2010/5 was written for
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time(built.notes).isoformat() == "2023-11-14T22:13:20+00:00"
    made = export(built, "trig")
    assert "2023-11-14T22:13:20" in made.text and "2010-04-27T00:00:00" not in made.text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH"):
        build_time(built.notes)


def test_a_sparql_endpoint_is_described_when_named(built):
    made = export(built, "turtle", endpoint="https://example.org/idmkg/sparql")
    g = made.graph()
    ds, endpoint = URIRef(built.base + "dataset"), URIRef("https://example.org/idmkg/sparql")
    assert (ds, VOID.sparqlEndpoint, endpoint) in g
    assert (endpoint, RDF.type, DCAT.DataService) in g
    assert (endpoint, DCAT.servesDataset, ds) in g
    with pytest.raises(ExportError, match="not an http"):
        export(built, "turtle", endpoint="localhost:7878")


def test_jsonld_uses_the_context(built, complete_exports):
    made, path = complete_exports["jsonld"]
    data = json.loads(path.read_text())
    ctx = data["@context"]
    assert ctx == jsonld_context(built.schema, built.base)
    assert ctx["startDate"] == {"@id": "idm:startDate", "@type": "xsd:date"}
    assert ctx["statedIn"] == {"@id": "idm:statedIn", "@type": "@id"}
    workshop = next(n for n in data["@graph"] if n["@id"].endswith("/id/workshop/2009-2"))
    assert workshop["startDate"] == "2009-07-09"
    assert "IntersessionalWorkshop" in workshop["@type"]


# --- selection --------------------------------------------------------------------------

def test_notes_are_named_by_symbol_or_key(built):
    assert resolve_notes(built.notes, ["IC/2009/10", "idm-2009-after-2009-02-26", "ic-2009-10"]) == [
        "IC-2009-10", "idm-2009-after-2009-02-26"]
    with pytest.raises(ExportError, match=r"unknown note 'IC/2099/1'; the notes are: IC/2009/1, IC/2009/10"):
        resolve_notes(built.notes, ["IC/2099/1"])


def test_some_notes_only(built):
    made = export(built, "trig", ["IC/2009/10", "idm-2008-after-2007-02-26"])
    kept = {graph_name(built.base, "note/IC-2009-10"), graph_name(built.base, "note/idm-2008-after-2007-02-26")}
    assert {n for n in made.graphs if "/graph/note/" in n} == kept
    for name in kept:
        assert made.graphs[name] is built.asserted[name]
    derived = made.graphs[graph_name(built.base, "derived")]
    full = built.asserted[graph_name(built.base, "derived")]
    assert 0 < len(derived) < len(full) and set(derived) <= set(full)
    mentioned = {t for n in kept for triple in built.asserted[n] for t in triple}
    assert all(s in mentioned for s in derived.subjects())
    d = made.graphs[graph_name(built.base, "description")]
    sources = {str(s) for s in d.objects(URIRef(built.base + "dataset"), DCTERMS.source)}
    assert sources == {f"{built.base}id/note/IC-2009-10", f"{built.base}id/note/idm-2008-after-2007-02-26"}


def test_some_notes_with_inferences_infers_from_what_is_exported(built):
    graphs = select(built, ["IC-2010-5"], inferred=True)
    inferred = graphs[graph_name(built.base, "inferred")]
    workshop = URIRef(f"{built.base}id/workshop/2010-1")
    assert (workshop, RDF.type, IDM.Meeting) in inferred
    # what the full build infers, or asserts in another note's graph
    assert set(inferred) <= set(built.inferred) | set(built.asserted_graph)
    assert len(inferred) < len(built.inferred)


# --- formats and the CLI ----------------------------------------------------------------

def test_formats_by_name_alias_or_extension():
    assert resolve_format("Turtle").name == "turtle"
    assert resolve_format("nt").name == "ntriples"
    assert resolve_format(None, "x/y.jsonld").name == "jsonld"
    assert resolve_format(None, "y.NQ").name == "nquads"
    assert resolve_format("trig", "y.ttl").name == "trig"  # --format wins
    with pytest.raises(ExportError, match="cannot tell the format"):
        resolve_format(None, "y.txt")




@pytest.mark.parametrize("args, needles", [
    (["--format", "n3"], ["unknown format 'n3'", "turtle, ntriples, nquads, trig, jsonld, rdfxml"]),
    ([], ["cannot tell the format from the extension .txt"]),
    (["--format", "trig", "--note", "IC/2011/4"], ["unknown note 'IC/2011/4'", "idm-2009-after-2009-02-26"]),
    (["--format", "trig", "--sparql-endpoint", "ftp://x"], ["not an http(s) URL"]),
])
def test_export_errors_are_one_line_and_write_nothing(runner, tmp_path, args, needles):
    target = tmp_path / "out.txt"
    result = runner.invoke(main, ["export", "-o", str(target), *args])
    one_line_error(result, *needles)
    assert not target.exists() and not list(tmp_path.iterdir())


def test_export_to_an_unwritable_path(runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(main, ["export", "-o", str(blocker / "out.ttl")])
    one_line_error(result, "cannot write", "is not a folder")
    result = runner.invoke(main, ["export", "-o", str(tmp_path)])
    one_line_error(result, "is a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_export_from_the_command_line(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(resources.NOTES_DIR / ONE_NOTE, corpus)
    target = tmp_path / "out" / "one.nq"
    result = runner.invoke(main, ["export", "--corpus", str(corpus), "-o", str(target), "--note", "IC/2010/5"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {target} (N-Quads, 3 graphs, ")
    graphs = oxigraph_dataset(target, ox.RdfFormat.N_QUADS)
    assert set(graphs) == {graph_name(DEFAULT_BASE, n) for n in ("note/IC-2010-5", "derived", "description")}
    assert [p.name for p in target.parent.iterdir()] == ["one.nq"]  # no temporary file left
    result = runner.invoke(main, ["export", "--corpus", str(corpus), "--format", "nt"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("<") and result.output.endswith(" .\n")


def test_readme_shows_how_to_load_and_query_an_export(complete_exports, tmp_path, monkeypatch):
    """The README's partner example (pyoxigraph) runs as written on a TriG export."""
    readme = (ROOT / "README.md").read_text()
    assert "idmkg export" in readme and "oxigraph load" in readme
    code = next(b for b in re.findall(r"```python\n(.*?)\n```", readme, re.S) if "pyoxigraph" in b)
    made, path = complete_exports["trig"]
    monkeypatch.chdir(tmp_path)
    shutil.copy(path, tmp_path / "idmkg.trig")
    out: list = []
    exec(compile(code, "README.md", "exec"), {"print": lambda *a, **k: out.append(" ".join(map(str, a)))})
    text = "\n".join(out)
    assert "Trafficking" in text and "2009-07-09" in text, text


def test_the_export_can_carry_the_query_catalogue(built):
    from rdflib.namespace import SH

    made = export(built, "trig", queries=True, endpoint="http://127.0.0.1:7878/query")
    catalogue = made.graphs[graph_name(built.base, "queries")]
    names = {str(q).rsplit("/", 1)[1] for q in catalogue.subjects(RDF.type, SH.SPARQLSelectExecutable)}
    assert {"annual-themes", "carried-forward", "workshops", "provenance"} <= names
    store = ox.Store()
    store.load(made.text.encode("utf-8"), ox.RdfFormat.TRIG)
    asked = store.query("ASK { GRAPH <https://w3id.org/idmkg/graph/queries> "
                        "{ ?q a <http://www.w3.org/ns/shacl#SPARQLSelectExecutable> } }")
    assert bool(asked)
