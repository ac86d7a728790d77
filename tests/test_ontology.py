"""Tests for the ontology files in ontology/ (idm.ttl, vocab.ttl, concepts.ttl,
shapes.ttl). Uses only rdflib, owlrl (rdflib's reasoner, a pyshacl
dependency), pyshacl and owlready2; nothing from the idmkg package."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import owlrl
import pyshacl
import pytest
from pyshacl.entrypoints import meta_validate
from pyshacl.inference.custom_rdfs_closure import CustomRDFSSemantics
from rdflib import BNode, Graph, Literal, Namespace, URIRef

ROOT = Path(__file__).resolve().parents[1]
ONTO_DIR = ROOT / "ontology"
IDM_TTL = ONTO_DIR / "idm.ttl"
VOCAB_TTL = ONTO_DIR / "vocab.ttl"
CONCEPTS_TTL = ONTO_DIR / "concepts.ttl"
SHAPES_TTL = ONTO_DIR / "shapes.ttl"
README = ONTO_DIR / "README.md"

# plain Namespaces (rdflib's closed DefinedNamespaces warn when pytest probes module globals)
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
IDM = Namespace("https://w3id.org/idmkg/ontology#")
IDMC = Namespace("https://w3id.org/idmkg/concept/")
SH = Namespace("http://www.w3.org/ns/shacl#")
OA = Namespace("http://www.w3.org/ns/oa#")
ONTOLOGY_IRI = URIRef("https://w3id.org/idmkg/ontology")
SCHEME_IRI = URIRef("https://w3id.org/idmkg/concept/")
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# The idm: names in ontology/README.md's "Classes" and "Properties" sections
# (hard-coded copy; test_readme_terms_declared also re-parses the README).
README_CLASSES = """
Document DiscussionNote DocumentPart Paragraph Item Footnote Meeting
InformalConsultation CouncilSession Conference IntersessionalWorkshop
SessionSegment Panel Keynote Presentation InteractiveSession DialogueYear Topic
Theme WorkshopTopic Proposal Outcome MeetingStatus AttendanceFigure
AttendanceCategory SurveyResult Citation Organization Evidence
""".split()
README_PROPERTIES = """
symbol title issued placeOfIssue preparedFor hasDiscussionNote concernsYear
hasPart partOf hasParagraph paragraphOf hasItem hasFootnote number label text
sectionHeading discusses discussedIn startDate endDate venue status ordinal
segmentOf hasSegment servesYear hasMeeting onTopic incorporatesTopic organizer
year overarchingTheme themeOf buildsOn candidate targetYear proposedIn
proposedAt outcome attendanceOf attendance category count atLeast surveyOf
measure percentage respondents surveyed citingParagraph citedDocument
citedParagraph cites statedIn supportsProperty
""".split()
README_INDIVIDUALS = "held planned selected notSelected open incorporated".split()
INVERSE_PAIRS = [
    ("preparedFor", "hasDiscussionNote"),
    ("hasPart", "partOf"),
    ("hasParagraph", "paragraphOf"),
    ("discusses", "discussedIn"),
    ("segmentOf", "hasSegment"),
    ("servesYear", "hasMeeting"),
    ("overarchingTheme", "themeOf"),
    ("attendanceOf", "attendance"),
]
ATTENDANCE_KEYS = [
    "participants",
    "governments",
    "government-representatives",
    "countries",
    "international-organizations",
    "non-governmental-organizations",
    "intergovernmental-and-non-governmental-organizations",
    "ngos-private-sector-academia-media",
]


def load(*paths: Path) -> Graph:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load(IDM_TTL)


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return load(VOCAB_TTL)


@pytest.fixture(scope="module")
def concepts() -> Graph:
    return load(CONCEPTS_TTL)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load(SHAPES_TTL)


def declared_terms(g: Graph) -> set[URIRef]:
    out = set()
    for t in TERM_TYPES:
        out.update(s for s in g.subjects(RDF.type, t) if isinstance(s, URIRef))
    return out


# ---------------------------------------------------------------------------
# Parsing and declarations
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [IDM_TTL, VOCAB_TTL, CONCEPTS_TTL, SHAPES_TTL], ids=lambda p: p.name)
def test_file_parses(path: Path) -> None:
    g = load(path)
    assert len(g) > 50
    for s, p, o in g:  # no stray relative IRIs from a missing prefix
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert re.match(r"^(https?|urn|mailto):", str(term)), term


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    DCT = Namespace("http://purl.org/dc/terms/")
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert onto.value(ONTOLOGY_IRI, DCT["title"]) is not None
    assert onto.value(ONTOLOGY_IRI, DCT.description) is not None
    assert onto.value(ONTOLOGY_IRI, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(ONTOLOGY_IRI, DCT.creator) == Literal("idmkg")


def test_every_idm_term_has_label_and_definition(onto: Graph) -> None:
    terms = [t for t in declared_terms(onto) if str(t).startswith(str(IDM))]
    assert len(terms) > 80
    missing = []
    for t in terms:
        labels = [l for l in onto.objects(t, RDFS.label) if isinstance(l, Literal) and l.language == "en"]
        defs = [d for d in onto.objects(t, SKOS.definition) if isinstance(d, Literal) and d.language == "en"]
        if len(labels) != 1 or len(defs) != 1:
            missing.append(t)
    assert not missing, f"terms without exactly one rdfs:label@en and skos:definition@en: {missing}"


def test_hardcoded_readme_terms_declared(onto: Graph, vocab: Graph) -> None:
    classes = set(onto.subjects(RDF.type, OWL.Class))
    props = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    assert not [c for c in README_CLASSES if IDM[c] not in classes]
    assert not [p for p in README_PROPERTIES if IDM[p] not in props]
    assert not [i for i in README_INDIVIDUALS if (IDM[i], RDF.type, SKOS.Concept) not in vocab]


def _readme_names() -> tuple[set[str], set[str], set[str]]:
    text = README.read_text(encoding="utf-8")
    classes_sec = text.split("## Classes", 1)[1].split("## Properties", 1)[0]
    props_sec = text.split("## Properties", 1)[1]
    classes = {n for n in re.findall(r"`([^`]+)`", classes_sec) if re.fullmatch(r"[A-Z]\w*", n)}
    props: set[str] = set()
    for line in props_sec.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            first_cell = line.split("|")[1]
            props.update(n for n in re.findall(r"`([^`]+)`", first_cell) if re.fullmatch(r"[a-z]\w*", n))
    # inverses named in the axioms column, and `label` named in the `number` row
    props.update(re.findall(r"inverse `(\w+)`", props_sec))
    props.update(re.findall(r"string label for items and footnotes: `(\w+)`", props_sec))
    prefixed = set(re.findall(r"`idm:(\w+)`", text))
    return classes, props, prefixed


@pytest.mark.skipif(not README.exists(), reason="ontology/README.md not present")
def test_readme_terms_declared(onto: Graph, vocab: Graph) -> None:
    classes, props, prefixed = _readme_names()
    assert set(README_CLASSES) <= classes  # the hard-coded lists match the README
    assert set(README_PROPERTIES) <= props
    declared = declared_terms(onto)
    assert not [c for c in classes if (IDM[c], RDF.type, OWL.Class) not in onto]
    assert not [p for p in props if IDM[p] not in declared]
    vocab_subjects = set(vocab.subjects())
    assert not [n for n in prefixed if IDM[n] not in declared and IDM[n] not in vocab_subjects]


def test_added_terms_declared(onto: Graph) -> None:
    """Terms beyond the README that the assembler emits."""
    for c in ("Heading", "Cover", "Annex"):
        assert (IDM[c], RDFS.subClassOf, IDM.DocumentPart) in onto, c
        assert (IDM.Paragraph, OWL.disjointWith, IDM[c]) in onto, c
    for p in ("start", "end", "sourceFile", "sourceSha256"):
        assert (IDM[p], RDF.type, OWL.DatatypeProperty) in onto, p


def test_inverse_pairs(onto: Graph) -> None:
    for a, b in INVERSE_PAIRS:
        assert (IDM[a], OWL.inverseOf, IDM[b]) in onto or (IDM[b], OWL.inverseOf, IDM[a]) in onto, (a, b)


def test_property_axioms(onto: Graph) -> None:
    assert (IDM.buildsOn, RDF.type, OWL.TransitiveProperty) in onto
    assert (IDM.status, RDF.type, OWL.FunctionalProperty) in onto
    assert (IDM.outcome, RDF.type, OWL.FunctionalProperty) in onto
    ranges = {
        "year": XSD.gYear,
        "count": XSD.nonNegativeInteger,
        "respondents": XSD.nonNegativeInteger,
        "surveyed": XSD.nonNegativeInteger,
        "number": XSD.positiveInteger,
        "ordinal": XSD.positiveInteger,
        "citedParagraph": XSD.positiveInteger,
        "percentage": XSD.decimal,
        "startDate": XSD.date,
        "endDate": XSD.date,
        "issued": XSD.date,
        "atLeast": XSD.boolean,
        "text": XSD.string,
    }
    for p, r in ranges.items():
        assert (IDM[p], RDF.type, OWL.DatatypeProperty) in onto, p
        assert set(onto.objects(IDM[p], RDFS.range)) == {r}, p
    # every data property's range is a datatype, every object property's range is not
    for p in onto.subjects(RDF.type, OWL.ObjectProperty):
        for r in onto.objects(p, RDFS.range):
            assert not str(r).startswith(str(XSD)), p


def test_alignments(onto: Graph) -> None:
    SCHEMA = Namespace("http://schema.org/")
    DCT = Namespace("http://purl.org/dc/terms/")
    PROV = Namespace("http://www.w3.org/ns/prov#")
    FOAF = Namespace("http://xmlns.com/foaf/0.1/")
    expected_sub = [
        (IDM.Document, PROV.Entity), (IDM.Document, SCHEMA.CreativeWork), (IDM.DiscussionNote, IDM.Document),
        (IDM.Meeting, SCHEMA.Event), (IDM.Organization, SCHEMA.Organization), (IDM.Organization, FOAF.Organization),
        (IDM.Evidence, OA.Annotation), (IDM.Outcome, SKOS.Concept), (IDM.MeetingStatus, SKOS.Concept),
        (IDM.AttendanceCategory, SKOS.Concept), (IDM.Proposal, PROV.Entity), (IDM.Theme, IDM.Topic),
        (IDM.Panel, IDM.SessionSegment), (IDM.SessionSegment, IDM.Meeting),
    ]
    for s, o in expected_sub:
        assert (s, RDFS.subClassOf, o) in onto, (s, o)
    expected_subprop = [
        (IDM.symbol, DCT.identifier), (IDM["title"], DCT["title"]), (IDM.issued, DCT.issued),
        (IDM.concernsYear, DCT.temporal), (IDM.hasPart, DCT.hasPart), (IDM.partOf, DCT.isPartOf),
        (IDM.hasParagraph, IDM.hasPart), (IDM.paragraphOf, IDM.partOf), (IDM.text, SCHEMA.text),
        (IDM.discusses, DCT.subject), (IDM.startDate, SCHEMA.startDate), (IDM.endDate, SCHEMA.endDate),
        (IDM.venue, SCHEMA.location), (IDM.segmentOf, IDM.partOf), (IDM.onTopic, SCHEMA.about),
        (IDM.organizer, SCHEMA.organizer), (IDM.cites, DCT.references), (IDM.statedIn, PROV.wasDerivedFrom),
    ]
    for s, o in expected_subprop:
        assert (s, RDFS.subPropertyOf, o) in onto, (s, o)
    # external super-properties are declared with the same kind as their sub-properties
    for s, o in expected_subprop:
        kinds = {t for t in onto.objects(s, RDF.type) if t in (OWL.ObjectProperty, OWL.DatatypeProperty)}
        assert kinds and kinds <= set(onto.objects(o, RDF.type)), (s, o)


def test_owl2_rl_profile_constructs(onto: Graph) -> None:
    """No constructs outside OWL 2 RL superclass expressions: no existentials,
    unions, cardinalities or equivalences to complex classes at all."""
    forbidden = [OWL.someValuesFrom, OWL.unionOf, OWL.minCardinality, OWL.cardinality,
                 OWL.minQualifiedCardinality, OWL.qualifiedCardinality, OWL.oneOf, OWL.complementOf,
                 OWL.equivalentClass, OWL.hasSelf]
    for p in forbidden:
        assert not list(onto.triples((None, p, None))), p
    for s in onto.subjects():
        assert not isinstance(s, BNode), "idm.ttl should need no blank nodes"


def test_disjointness(onto: Graph) -> None:
    disjoint = set()
    for a, b in onto.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    for a, b in [(IDM.Meeting, IDM.Document), (IDM.Document, IDM.Topic), (IDM.Topic, IDM.DialogueYear),
                 (IDM.DialogueYear, IDM.Proposal), (IDM.Proposal, IDM.Meeting), (IDM.Paragraph, IDM.Footnote),
                 (IDM.Outcome, IDM.MeetingStatus), (IDM.AttendanceCategory, IDM.Outcome)]:
        assert frozenset((a, b)) in disjoint, (a, b)
    # a class is never declared disjoint with one of its (transitive) superclasses
    sup = owlrl_closure(load(IDM_TTL), rdfs=True)
    for pair in disjoint:
        a, b = tuple(pair)
        assert (a, RDFS.subClassOf, b) not in sup and (b, RDFS.subClassOf, a) not in sup


# ---------------------------------------------------------------------------
# Controlled values
# ---------------------------------------------------------------------------


def test_vocab_values(vocab: Graph) -> None:
    schemes = {
        IDM.outcomes: (IDM.Outcome, ["selected", "notSelected", "open", "incorporated"]),
        IDM.meetingStatuses: (IDM.MeetingStatus, ["held", "planned"]),
        IDM.attendanceCategories: (IDM.AttendanceCategory, [f"attendance-{k}" for k in ATTENDANCE_KEYS]),
    }
    for scheme, (cls, names) in schemes.items():
        assert (scheme, RDF.type, SKOS.ConceptScheme) in vocab
        members = set(vocab.subjects(SKOS.inScheme, scheme))
        assert members == {IDM[n] for n in names}, scheme
        for m in members:
            assert (m, RDF.type, cls) in vocab and (m, RDF.type, SKOS.Concept) in vocab
            assert len([l for l in vocab.objects(m, SKOS.prefLabel) if l.language == "en"]) == 1
            assert vocab.value(m, SKOS.definition) is not None
            assert vocab.value(m, RDFS.label) is not None
    assert vocab.value(IDM.open, SKOS.prefLabel) == Literal("still open", lang="en")
    hidden = {m: {str(h) for h in vocab.objects(m, SKOS.hiddenLabel)} for m in vocab.subjects(SKOS.inScheme, IDM.attendanceCategories)}
    for key, wording in [
        ("governments", "governments"),
        ("government-representatives", "government representatives"),
        ("ngos-private-sector-academia-media", "non-governmental organizations, the private sector, academia and the media"),
        ("intergovernmental-and-non-governmental-organizations", "intergovernmental and non-governmental organizations"),
        ("international-organizations", "international organizations"),
        ("non-governmental-organizations", "non-governmental organizations"),
    ]:
        assert wording in hidden[IDM[f"attendance-{key}"]], key
    assert (IDM["attendance-government-representatives"], SKOS.broader, IDM["attendance-participants"]) in vocab


# ---------------------------------------------------------------------------
# Concept scheme
# ---------------------------------------------------------------------------


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def test_concept_scheme(concepts: Graph) -> None:
    assert (SCHEME_IRI, RDF.type, SKOS.ConceptScheme) in concepts
    cs = set(concepts.subjects(RDF.type, SKOS.Concept))
    assert len(cs) >= 30
    tops = set(concepts.objects(SCHEME_IRI, SKOS.hasTopConcept))
    assert tops and tops == set(concepts.subjects(SKOS.topConceptOf, SCHEME_IRI))
    for c in cs:
        assert str(c).startswith(str(IDMC)), c
        assert (c, SKOS.inScheme, SCHEME_IRI) in concepts, c
        prefs = [l for l in concepts.objects(c, SKOS.prefLabel) if l.language == "en"]
        assert len(prefs) == 1, c
        assert str(c) == str(IDMC) + _slug(str(prefs[0])), (c, prefs[0])
        defs = list(concepts.objects(c, SKOS.definition))
        assert len(defs) == 1 and defs[0].language == "en" and len(defs[0]) > 20, c
        # top concepts are exactly those without broader
        assert (c in tops) == (concepts.value(c, SKOS.broader) is None), c
        # SKOS S13: pref, alt and hidden labels are pairwise disjoint
        alt = set(concepts.objects(c, SKOS.altLabel))
        hid = set(concepts.objects(c, SKOS.hiddenLabel))
        assert not (set(prefs) & alt) and not (set(prefs) & hid) and not (alt & hid), c
        for l in alt | hid:
            assert l.language == "en", (c, l)


def test_required_concepts_present(concepts: Graph) -> None:
    for slug in [
        "human-rights", "transnationalism", "return-migration", "assisted-voluntary-return-and-reintegration",
        "forced-return", "trafficking-in-persons", "migrant-exploitation", "smuggling-of-migrants",
        "south-south-migration", "human-security", "environmental-migration", "climate-change", "diaspora",
        "remittances", "social-remittances", "integration", "irregular-migration", "mixed-migration-flows",
        "labour-migration", "circular-migration", "internal-migration", "urbanization", "migration-and-development",
        "migration-governance", "capacity-building", "social-change", "social-cohesion", "identity",
        "xenophobia-and-discrimination", "gender", "migrant-health", "partnership", "shared-responsibility",
        "transnational-families", "reintegration", "global-economic-crisis", "data-and-research",
        "border-management", "refugees", "internally-displaced-persons", "policy-coherence",
    ]:
        assert (IDMC[slug], RDF.type, SKOS.Concept) in concepts, slug
    labels = {str(l) for l in concepts.objects(IDMC["trafficking-in-persons"], None) if isinstance(l, Literal)}
    assert {"human trafficking", "trafficking in human beings", "trafficked persons", "trafficking"} <= labels


def test_broader_narrower_symmetric_and_acyclic(concepts: Graph) -> None:
    broader = set(concepts.subject_objects(SKOS.broader))
    narrower = {(b, a) for a, b in concepts.subject_objects(SKOS.narrower)}
    assert broader == narrower
    assert broader, "there should be a hierarchy"
    related = set(concepts.subject_objects(SKOS.related))
    assert related == {(b, a) for a, b in related}
    parents: dict = {}
    for a, b in broader:
        parents.setdefault(a, set()).add(b)

    def ancestors(c, path=()):
        assert c not in path, f"cycle in skos:broader: {path + (c,)}"
        out = set()
        for p in parents.get(c, ()):
            out |= {p} | ancestors(p, path + (c,))
        return out

    for c in set(concepts.subjects(RDF.type, SKOS.Concept)):
        anc = ancestors(c)
        assert c not in anc
        # SKOS S27: skos:related is disjoint with skos:broaderTransitive
        for r in concepts.objects(c, SKOS.related):
            assert r not in anc, (c, r)


def test_concept_labels_unambiguous(concepts: Graph) -> None:
    """A label (case-insensitively) belongs to one concept only, and no label
    is a bare word the brief rules out."""
    owner: dict[str, URIRef] = {}
    for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for c, l in concepts.subject_objects(p):
            key = str(l).lower()
            assert owner.setdefault(key, c) == c, f"label {l!r} on {owner[key]} and {c}"
    for bad in ["return", "security", "migration", "migrants", "change"]:
        assert bad not in owner, bad


# ---------------------------------------------------------------------------
# SHACL shapes
# ---------------------------------------------------------------------------


def test_shapes_valid_against_shacl_shacl(shapes: Graph) -> None:
    conforms, _, text = meta_validate(shapes)
    assert conforms, text


def test_shapes_have_messages_names_descriptions(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    prop_shapes = set(shapes.objects(None, SH.property)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert len(node_shapes) >= 10
    for s in node_shapes | prop_shapes:
        assert shapes.value(s, SH.message) is not None, s
        assert shapes.value(s, SH.name) is not None, s
        assert shapes.value(s, SH.description) is not None, s
    for s in shapes.objects(None, SH.sparql):
        assert shapes.value(s, SH.message) is not None and shapes.value(s, SH.select) is not None


def test_shapes_use_only_declared_idm_terms(onto: Graph, vocab: Graph, shapes: Graph) -> None:
    known = declared_terms(onto) | set(vocab.subjects())
    used = {t for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(str(IDM))}
    for q in shapes.objects(None, SH.select):
        used |= {IDM[n] for n in re.findall(r"\bidm:(\w+)", str(q))}
    assert used and not (used - known), used - known


# ---------------------------------------------------------------------------
# Tiny data graphs against the shapes
# ---------------------------------------------------------------------------

P5_TEXT = (
    "Also through the process of informal consultations and a follow-up survey, two intersessional "
    "workshops have been selected by the Membership and are planned for 2009, subject to available funding."
)
QUOTE = "planned for 2009"

TINY_DATA = """
@base <https://w3id.org/idmkg/> .
@prefix idm:  <https://w3id.org/idmkg/ontology#> .
@prefix idmc: <https://w3id.org/idmkg/concept/> .
@prefix oa:   <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

<id/year/2009> a idm:DialogueYear ;
    rdfs:label "IDM 2009" ;
    idm:year "2009"^^xsd:gYear ;
    idm:overarchingTheme <id/theme/human-rights-migration> .

<id/theme/human-rights-migration> a idm:Theme ;
    rdfs:label "Human Rights and Migration" ;
    skos:prefLabel "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration"@en ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/topic/effective-respect-human-rights-migrants> a idm:WorkshopTopic ;
    rdfs:label "Effective Respect for the Human Rights of Migrants: A Shared Responsibility" ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/note/IC-2009-1> a idm:DiscussionNote ;
    rdfs:label "IC/2009/1" ;
    idm:sourceSha256 "6c444774e62b" ;
    idm:symbol "IC/2009/1" ;
    idm:issued "2009-02-10"^^xsd:date ;
    idm:placeOfIssue "Geneva" ;
    idm:concernsYear <id/year/2009> ;
    idm:preparedFor <id/consultation/2009-02-26> ;
    idm:hasParagraph <id/note/IC-2009-1/p/5> ;
    idm:hasPart <id/note/IC-2009-1/fn/1> .

<id/note/IC-2009-1/p/5> a idm:Paragraph ;
    rdfs:label "IC/2009/1 para. 5" ;
    idm:number "5"^^xsd:positiveInteger ;
    idm:text "__P5_TEXT__" ;
    idm:paragraphOf <id/note/IC-2009-1> ;
    idm:discusses idmc:human-rights .

<id/note/IC-2009-1/fn/1> a idm:Footnote ;
    rdfs:label "IC/2009/1 footnote 1" ;
    idm:number "1"^^xsd:positiveInteger ;
    idm:label "1" ;
    idm:text "Article 1(1)(e)." .

<id/consultation/2009-02-26> a idm:InformalConsultation ;
    rdfs:label "Informal consultations of 26 February 2009" ;
    idm:startDate "2009-02-26"^^xsd:date ;
    idm:endDate "2009-02-26"^^xsd:date ;
    idm:status idm:held ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/workshop/2009-1> a idm:IntersessionalWorkshop ;
    rdfs:label "Effective Respect for the Human Rights of Migrants: A Shared Responsibility" ;
    idm:title "Effective Respect for the Human Rights of Migrants: A Shared Responsibility" ;
    idm:startDate "2009-03-25"^^xsd:date ;
    idm:endDate "2009-03-26"^^xsd:date ;
    idm:venue "Geneva" ;
    idm:status idm:planned ;
    idm:ordinal "1"^^xsd:positiveInteger ;
    idm:servesYear <id/year/2009> ;
    idm:onTopic <id/topic/effective-respect-human-rights-migrants> ;
    idm:organizer <id/org/iom> ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/org/iom> a idm:Organization ;
    rdfs:label "International Organization for Migration" ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/proposal/2009/effective-respect-human-rights-migrants/IC-2009-1> a idm:Proposal ;
    rdfs:label "proposal" ;
    idm:candidate <id/topic/effective-respect-human-rights-migrants> ;
    idm:targetYear <id/year/2009> ;
    idm:outcome idm:selected ;
    idm:proposedIn <id/note/IC-2009-1> ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/workshop/2009-1/attendance/participants> a idm:AttendanceFigure ;
    rdfs:label "more than 200 participants" ;
    idm:count "200"^^xsd:nonNegativeInteger ;
    idm:atLeast true ;
    idm:category idm:attendance-participants ;
    idm:attendanceOf <id/workshop/2009-1> ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/workshop/2009-1/survey/response-rate> a idm:SurveyResult ;
    rdfs:label "response rate" ;
    idm:measure "response rate" ;
    idm:percentage "23"^^xsd:decimal ;
    idm:respondents "43"^^xsd:nonNegativeInteger ;
    idm:surveyed "190"^^xsd:nonNegativeInteger ;
    idm:surveyOf <id/workshop/2009-1> ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/note/IC-2009-1/p/5/cites/IC-2008-6> a idm:Citation ;
    rdfs:label "citation" ;
    idm:citingParagraph <id/note/IC-2009-1/p/5> ;
    idm:citedDocument <id/doc/IC-2008-6> ;
    idm:citedParagraph "9"^^xsd:positiveInteger ;
    idm:statedIn <id/note/IC-2009-1/p/5> .

<id/note/IC-2009-1/p/5> idm:cites <id/doc/IC-2008-6> .
<id/doc/IC-2008-6> a idm:Document ; rdfs:label "IC/2008/6" ; idm:symbol "IC/2008/6" .

<id/evidence/0001> a idm:Evidence ;
    rdfs:label "evidence" ;
    oa:hasBody <id/workshop/2009-1> ;
    idm:supportsProperty idm:status ;
    oa:hasTarget <id/evidence/0001/target> .
<id/evidence/0001/target>
    oa:hasSource <id/note/IC-2009-1/p/5> ;
    oa:hasSelector <id/evidence/0001/selector> .
<id/evidence/0001/selector> a oa:TextQuoteSelector , oa:TextPositionSelector ;
    oa:exact "__QUOTE__" ;
    oa:start "__START__"^^xsd:nonNegativeInteger ;
    oa:end "__END__"^^xsd:nonNegativeInteger .
"""

BASE = "https://w3id.org/idmkg/"
WORKSHOP = URIRef(BASE + "id/workshop/2009-1")
PROPOSAL = URIRef(BASE + "id/proposal/2009/effective-respect-human-rights-migrants/IC-2009-1")
PARAGRAPH = URIRef(BASE + "id/note/IC-2009-1/p/5")
FOOTNOTE = URIRef(BASE + "id/note/IC-2009-1/fn/1")
FIGURE = URIRef(BASE + "id/workshop/2009-1/attendance/participants")
SELECTOR = URIRef(BASE + "id/evidence/0001/selector")
EVIDENCE = URIRef(BASE + "id/evidence/0001")


def tiny_instance_graph() -> Graph:
    start = P5_TEXT.index(QUOTE)
    ttl = (
        TINY_DATA.replace("__P5_TEXT__", P5_TEXT)
        .replace("__QUOTE__", QUOTE)
        .replace("__START__", str(start))
        .replace("__END__", str(start + len(QUOTE)))
    )
    return Graph().parse(data=ttl, format="turtle")


def owlrl_closure(g: Graph, rdfs: bool = True) -> Graph:
    """owlrl RDFS (or OWL 2 RL) closure of g, in place.

    For RDFS this uses pyshacl's CustomRDFSSemantics, i.e. owlrl's
    RDFS_Semantics without its one-time "literals with equal value" rule:
    plain owlrl.RDFS_Semantics compares literal values with Python ==, so
    "1"^^xsd:positiveInteger gets copied onto every triple whose object is
    "true"^^xsd:boolean (and 5 as positiveInteger onto 5 as
    nonNegativeInteger), which breaks sh:datatype and sh:maxCount checks.
    pyshacl.validate(..., inference="rdfs") uses the same class."""
    semantics = CustomRDFSSemantics if rdfs else owlrl.OWLRL_Semantics
    owlrl.DeductiveClosure(semantics).expand(g)
    return g


def validate(instances: Graph, rdfs: bool = True) -> tuple[bool, Graph, str, Graph]:
    data = load(IDM_TTL, VOCAB_TTL, CONCEPTS_TTL)
    data += instances
    owlrl_closure(data, rdfs=rdfs)
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=load(SHAPES_TTL), inference="none", advanced=True, allow_warnings=False
    )
    return conforms, report, text, data


def results(report: Graph) -> list[tuple]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append((report.value(r, SH.focusNode), report.value(r, SH.resultPath),
                    report.value(r, SH.sourceConstraintComponent), str(report.value(r, SH.resultMessage))))
    return out


def test_correct_tiny_graph_conforms() -> None:
    conforms, _, text, _ = validate(tiny_instance_graph())
    assert conforms, text


def test_correct_tiny_graph_conforms_after_owl_rl() -> None:
    conforms, _, text, data = validate(tiny_instance_graph(), rdfs=False)
    errors = [str(o) for s in data.subjects(RDF.type, OWLRL_ERROR) for o in data.objects(s)]
    assert not [e for e in errors if e != str(OWLRL_ERROR)], errors
    assert conforms, text


def test_shapes_can_fail_bad_workshop_and_proposal() -> None:
    g = tiny_instance_graph()
    # workshop ends before it starts
    g.set((WORKSHOP, IDM.startDate, Literal("2009-03-27", datatype=XSD.date)))
    # proposal without candidate
    g.remove((PROPOSAL, IDM.candidate, None))
    conforms, report, text, _ = validate(g)
    assert not conforms
    found = results(report)
    assert any(f == WORKSHOP and p == IDM.startDate and c == SH.LessThanOrEqualsConstraintComponent
               for f, p, c, _ in found), text
    assert any(f == PROPOSAL and p == IDM.candidate and c == SH.MinCountConstraintComponent
               for f, p, c, _ in found), text
    assert all(m and m != "None" for *_, m in found)


def _mutate(g: Graph, name: str) -> None:
    if name == "quote-offsets-wrong":
        start = int(g.value(SELECTOR, OA.start))
        g.set((SELECTOR, OA.start, Literal(start + 1, datatype=XSD.nonNegativeInteger)))
        g.set((SELECTOR, OA.end, Literal(start + 1 + len(QUOTE), datatype=XSD.nonNegativeInteger)))
    elif name == "stated-in-footnote":
        g.add((FIGURE, IDM.statedIn, FOOTNOTE))
    elif name == "negative-count":
        g.set((FIGURE, IDM["count"], Literal(-1, datatype=XSD.integer)))
    elif name == "percentage-over-100":
        g.set((URIRef(BASE + "id/workshop/2009-1/survey/response-rate"), IDM.percentage,
               Literal("123", datatype=XSD.decimal)))
    elif name == "bad-outcome":
        g.set((PROPOSAL, IDM.outcome, IDM.held))
    elif name == "two-themes":
        g.add((URIRef(BASE + "id/year/2009"), IDM.overarchingTheme, URIRef(BASE + "id/theme/south-south-migration")))
    elif name == "note-without-symbol-or-title":
        g.remove((URIRef(BASE + "id/note/IC-2009-1"), IDM.symbol, None))
    elif name == "empty-paragraph-text":
        g.set((PARAGRAPH, IDM.text, Literal("")))
    else:  # pragma: no cover
        raise ValueError(name)


@pytest.mark.parametrize("mutation, focus", [
    ("quote-offsets-wrong", EVIDENCE),
    ("stated-in-footnote", FIGURE),
    ("negative-count", FIGURE),
    ("percentage-over-100", URIRef(BASE + "id/workshop/2009-1/survey/response-rate")),
    ("bad-outcome", PROPOSAL),
    ("two-themes", URIRef(BASE + "id/year/2009")),
    ("note-without-symbol-or-title", URIRef(BASE + "id/note/IC-2009-1")),
    ("empty-paragraph-text", PARAGRAPH),
])
def test_shapes_catch_mutation(mutation: str, focus: URIRef) -> None:
    g = tiny_instance_graph()
    _mutate(g, mutation)
    conforms, report, text, _ = validate(g)
    assert not conforms, mutation
    # whole-graph checks (sh:targetNode a class) name the bad node as the result's sh:value
    flagged = {f for f, *_ in results(report)} | set(report.objects(None, SH.value))
    assert focus in flagged, text


# ---------------------------------------------------------------------------
# HermiT (owlready2)
# ---------------------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="java is not on PATH; HermiT needs a JVM")


def _hermit(tmp_path: Path, g: Graph):
    import owlready2

    nt = tmp_path / "input.nt"
    g.serialize(destination=str(nt), format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    # xsd:date and xsd:gYear (ranges of the date/year properties) are outside the
    # OWL 2 datatype map, so HermiT must be told to tolerate them.
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    return world, onto


@needs_java
def test_hermit_consistent(tmp_path: Path) -> None:
    import owlready2

    g = load(IDM_TTL, VOCAB_TTL)
    try:
        world, onto = _hermit(tmp_path, g)
    except owlready2.OwlReadyInconsistentOntologyError as e:  # pragma: no cover
        pytest.fail(f"HermiT found idm.ttl + vocab.ttl inconsistent: {e!r}")
    assert list(world.inconsistent_classes()) == []
    assert onto.search_one(iri=str(IDM.IntersessionalWorkshop)) is not None


@needs_java
def test_hermit_consistent_with_instances(tmp_path: Path) -> None:
    """The ontology, the SKOS files and the tiny instance graph together are consistent."""
    g = load(IDM_TTL, VOCAB_TTL, CONCEPTS_TTL)
    g += tiny_instance_graph()
    world, _ = _hermit(tmp_path, g)
    assert list(world.inconsistent_classes()) == []


@needs_java
def test_hermit_detects_disjointness_violation(tmp_path: Path) -> None:
    import owlready2

    g = load(IDM_TTL, VOCAB_TTL)
    g += tiny_instance_graph()
    g.add((FOOTNOTE, IDM.paragraphOf, URIRef(BASE + "id/note/IC-2009-1")))  # makes a footnote a Paragraph
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(tmp_path, g)
