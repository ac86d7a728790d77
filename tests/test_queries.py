"""The query catalogue, in-process: headers, expected answers on the five notes, parameter
binding that no value can escape, result formats, the catalogue as RDF, and the CLI."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import textwrap
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as ns

from idmkg import catalogue_graph, run_query, run_sparql
from idmkg.cli import main
from idmkg.engine import prepare, run_embedded
from idmkg.errors import QueryError, QueryFileError
from idmkg.namespaces import IDM, IDMC
from idmkg.queries import Param, get_query, load_catalogue, parse_query_file, to_term, with_values
from idmkg.results import Results, format_results, from_sparql_json, quote_string, to_json

REQUIRED = ["annual-themes", "proposed-themes", "carried-forward", "workshops", "workshop-attendance", "documents",
            "meetings", "concept-timeline", "paragraphs-about", "provenance", "title-variants", "cross-references"]
N2008 = "Discussion note for IDM 2008 (idm-2008-after-2007-02-26)"
N2009 = "Discussion note for IDM 2009 (idm-2009-after-2009-02-26)"
ID = "https://w3id.org/idmkg/id/"
INJECTIONS = ['"', "'", '"""', "'''", "}", "{", "} ; DROP ALL ; {", '") } UNION { ?s ?p ?o } #',
              "x\" . } DELETE WHERE { ?s ?p ?o } #", "\n} ; CLEAR DEFAULT ;\n", "\\", "\\u0022 } ;", "\\\"",
              "<http://example.org/x> } ; DROP ALL", "?_entity", "# comment", "\r\n\t", "\x00\x07",
              "Migration ‘sociale’ — 移民 🌍", "ſüß ÉÇ İ", "' || true || '", ")) FILTER(true) #"]


def rows(graph, name, **params):
    return run_query(name, params, graph=graph).rows


def pick(records, *keys):
    return [tuple(r[k] for k in keys) for r in records]


# ---------------------------------------------------------------------------
# the catalogue files
# ---------------------------------------------------------------------------

def test_catalogue_has_the_required_queries_with_complete_headers():
    catalogue = load_catalogue()
    assert set(REQUIRED) <= set(catalogue)
    for name in REQUIRED:
        q = catalogue[name]
        assert q.name == name and q.path.name == f"{name}.rq"
        assert q.summary and "\n" not in q.summary and q.description
        assert q.text.startswith("#+ name: " + name)
        for p in q.params:
            assert p.type and p.example is not None and p.description
            p.coerce(p.example)


@pytest.mark.parametrize("name", REQUIRED)
def test_each_query_parses_as_select_and_joins_lazily(name):
    """rdflib joins the parts of a group lazily (binding by binding) only when no part is
    itself a join; a query written otherwise takes seconds instead of milliseconds."""
    from rdflib.plugins.sparql.parserutils import CompValue

    query = prepare(get_query(name).body)
    assert query.algebra.name == "SelectQuery"

    def joins(node, found):
        if isinstance(node, CompValue):
            if node.name == "Join":
                found.append(node.get("lazy"))
            for value in node.values():
                for child in value if isinstance(value, list) else [value]:
                    joins(child, found)
        return found

    assert all(joins(query.algebra, [])), f"{name}: a join rdflib evaluates eagerly"


GOOD = """\
#+ name: {name}
#+ summary: A query.
#+ description: What it does.
#+ params:
#+   - name: year
#+     type: gYear
#+     example: 2009
PREFIX idm: <https://w3id.org/idmkg/ontology#>
SELECT ?y WHERE {{ ?y idm:year ?_year }}
"""


@pytest.mark.parametrize("text, line, message", [
    ("SELECT ?x WHERE { ?x ?p ?o }\n", 1, "no header"),
    ("#+ name: q\n#+ summary: [unclosed\n#+ description: d\nSELECT * WHERE {}\n", 2, "malformed header"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\n#+ endpont: http://x\nSELECT ?x WHERE {}\n", 4,
     "unknown header key 'endpont'"),
    ("#+ name: other\n#+ summary: s\n#+ description: d\nSELECT ?x WHERE {}\n", 1, "must be the file name"),
    ("#+ name: q\n#+ description: d\nSELECT ?x WHERE {}\n", 1, "needs 'summary:'"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\n#+ params:\n#+   - name: year\n#+     type: gYear\n"
     "SELECT ?x WHERE { ?x ?p ?_year }\n", 5, "no example"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\n#+ params:\n#+   - name: year\n#+     type: date\n"
     "#+     example: 2009\nSELECT ?x WHERE { ?x ?p ?_year }\n", 5, "not a date"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\n#+ params:\n#+   - name: year\n#+     type: colour\n"
     "#+     example: red\nSELECT ?x WHERE { ?x ?p ?_year }\n", 5, "type 'colour'"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\nPREFIX x: <http://x/>\n\nSELECT ?x WHERE { ?x ?p ?_nope }\n",
     6, "?_nope looks like a parameter but is not declared"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\n#+ params:\n#+   - name: year\n#+     type: gYear\n"
     "#+     example: 2009\nSELECT ?x WHERE { ?x ?p ?o }\n", 4, "?_year is not used"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\nSELECT ?x WHERE {\n#+ tags: [late]\n}\n", 5, "after the query"),
    ("#+ name: q\n#+ summary: s\n#+ description: d\nPREFIX x: <http://x/>\n", 4, "must be a SELECT query"),
])
def test_a_malformed_header_is_one_error_naming_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryFileError) as caught:
        parse_query_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: "), str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_well_formed_file_parses_and_a_catalogue_folder_loads(tmp_path):
    (tmp_path / "by-year.rq").write_text(GOOD.format(name="by-year"), encoding="utf-8")
    q = load_catalogue(tmp_path)["by-year"]
    assert q.params == (Param("year", "gYear", "", None, 2009, None, False),)
    assert q.body.startswith("PREFIX idm:")
    assert q.bind({"year": "2010"}) == {"_year": Literal("2010", datatype=ns.XSD.gYear)}
    (tmp_path / "broken.rq").write_text("#+ name: broken\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="broken.rq:1: header needs 'summary:'"):
        load_catalogue(tmp_path)


def test_unknown_query_and_parameter_errors_say_what_exists():
    with pytest.raises(QueryError, match="did you mean workshops"):
        get_query("workshop")
    with pytest.raises(QueryError, match=r"has no parameter 'yaer' \(it takes: year\)"):
        get_query("workshops").bind({"yaer": "2009"})
    with pytest.raises(QueryError, match="needs parameter 'entity'"):
        get_query("provenance").bind({})
    with pytest.raises(QueryError, match="is not one of: theme, workshop-topic, both"):
        get_query("carried-forward").bind({"kind": "topics"})


# ---------------------------------------------------------------------------
# expected answers on the five notes
# ---------------------------------------------------------------------------

def test_annual_themes(complete_graph):
    records = rows(complete_graph, "annual-themes")
    assert {(r["yearLabel"], r["themeLabel"], r["noteLabel"]) for r in records} == {
        ("IDM 2008", "Return Migration: Challenges and Opportunities", "IC/2009/1"),
        ("IDM 2008", "Return Migration: Challenges and Opportunities", N2008),
        ("IDM 2009", "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration",
         "IC/2009/1"),
        # the headings "IDM 2009: <theme>" of the two notes written in 2009 restate the year's theme
        ("IDM 2009", "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration",
         "IC/2009/10"),
        ("IDM 2009", "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration", N2009),
        ("IDM 2010", "Migration and Social Change", "IC/2009/10"),
        ("IDM 2010", "Migration and Social Change", "IC/2010/5"),  # its heading "IDM 2010: Migration and social change"
        ("IDM 2011", None, None),
    }
    assert {r["paragraphLabel"] for r in records if r["yearLabel"] == "IDM 2010"} == {
        "IC/2009/10 ¶1", "IC/2009/10 ¶8", "IC/2010/5, heading above ¶2"}
    assert all(r["quote"] for r in records if r["themeLabel"])
    assert [r["yearLabel"] for r in records] == sorted(r["yearLabel"] for r in records)


def test_proposed_themes(complete_graph):
    themes = pick(rows(complete_graph, "proposed-themes"), "candidateLabel", "targetYearLabel", "proposedInLabel",
                  "outcomeLabel")
    assert themes == [
        ("Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration", "IDM 2009", N2008,
         "selected"),
        ("South-South Migration", "IDM 2009", N2008, "not selected"),
        ("Migration and Social Change", "IDM 2010", N2009, "selected"),
        ("South-South Migration", "IDM 2010", N2009, "not selected"),
        ("Migration and human security", "IDM 2011", "IC/2010/5", "still open"),
        ("The future of migration: Building capacities for change", "IDM 2011", "IC/2010/5", "still open"),
    ]
    topics = pick(rows(complete_graph, "proposed-themes", kind="workshop-topic"), "candidateLabel",
                  "targetYearLabel", "proposedAtLabel", "proposedInLabel", "outcomeLabel")
    incorporated = "incorporated into a workshop with other topics"
    october = "IDM informal consultations of 18 October 2007"
    october2009 = "IDM informal consultations of 20 October 2009"  # IC/2009/10 was prepared for them
    assert set(topics) == {
        ("Enhancing the Role of Return Migration in Fostering Development", "IDM 2008", october, None, "selected"),
        ("Managing return when entry or stay is not authorized", "IDM 2008", october, None, incorporated),
        ("Managing return: making temporary and circular labour migration schemes feasible", "IDM 2008", october,
         None, incorporated),
        ("Return as a critical element of comprehensive migration management systems", "IDM 2008", october, None,
         incorporated),
        ("Changing cities: social impacts of migration", "IDM 2010", october2009, "IC/2009/10", "not selected"),
        ("Migration and transnationalism: opportunities and challenges", "IDM 2010", october2009, "IC/2009/10", "selected"),
        ("Social change as a driver of migration", "IDM 2010", october2009, "IC/2009/10", "not selected"),
        ("Societies and identities: the multifaceted impact of migration", "IDM 2010", october2009, "IC/2009/10",
         "selected"),
    }
    both = rows(complete_graph, "proposed-themes", kind="both")
    assert len(both) == len(themes) + len(topics)


def test_carried_forward(complete_graph):
    records = rows(complete_graph, "carried-forward")
    by_candidate: dict[str, list[dict]] = {}
    for r in records:
        by_candidate.setdefault(r["candidateLabel"], []).append(r)
    south = by_candidate["South-South Migration"]
    assert [(r["proposedForLabel"], r["proposedInLabel"], r["outcomeLabel"]) for r in south] == [
        ("IDM 2009", N2008, "not selected"), ("IDM 2010", N2009, "not selected")]
    assert all(r["timesProposed"] == 2 and r["takenUpAs"] is None for r in south)
    social = by_candidate["Migration and Social Change"]
    assert pick(social, "proposedForLabel", "outcomeLabel", "takenUpAs", "takenUpHow") == [
        ("IDM 2010", "selected", ID + "year/2010", "overarching theme of the year")]
    assert pick(by_candidate["Migration and transnationalism: opportunities and challenges"],
                "outcomeLabel", "takenUpAs", "takenUpHow", "takenUpStatus") == [
        ("selected", ID + "workshop/2010-1", "workshop on this topic", "held")]
    assert pick(by_candidate["Societies and identities: the multifaceted impact of migration"],
                "outcomeLabel", "takenUpAs", "takenUpHow") == [
        ("selected", ID + "workshop/2010-2", "workshop on this topic")]
    merged = "merged with other topics into this workshop"
    assert {(c, r["takenUpAs"], r["takenUpHow"]) for c, rs in by_candidate.items() for r in rs
            if r["proposedForLabel"] == "IDM 2008"} == {
        ("Return as a critical element of comprehensive migration management systems", ID + "workshop/2008-1", merged),
        ("Managing return when entry or stay is not authorized", ID + "workshop/2008-1", merged),
        ("Managing return: making temporary and circular labour migration schemes feasible", ID + "workshop/2008-2",
         merged),
        ("Enhancing the Role of Return Migration in Fostering Development", ID + "workshop/2008-2",
         "workshop on this topic"),
    }
    # proposed once and not taken up: not carried forward
    for left_out in ("Social change as a driver of migration", "Changing cities: social impacts of migration",
                     "Migration and human security", "The future of migration: Building capacities for change"):
        assert left_out not in by_candidate
    assert {r["kind"] for r in rows(complete_graph, "carried-forward", kind="theme")} == {"overarching theme"}
    topics = rows(complete_graph, "carried-forward", kind="workshop-topic")
    assert {r["kind"] for r in topics} == {"workshop topic"} and len(topics) == 6


def test_workshops(complete_graph):
    records = rows(complete_graph, "workshops")
    assert pick(records, "workshop", "start", "end", "venue", "statusLabel", "yearLabel") == [
        (ID + "workshop/2008-1", date(2008, 4, 21), date(2008, 4, 22), None, "held", "IDM 2008"),
        (ID + "workshop/2008-2", date(2008, 7, 7), date(2008, 7, 8), None, "held", "IDM 2008"),
        (ID + "workshop/2009-1", date(2009, 3, 25), date(2009, 3, 26), "Geneva", "held", "IDM 2009"),
        (ID + "workshop/2009-2", date(2009, 7, 9), date(2009, 7, 10), "Geneva", "held", "IDM 2009"),
        (ID + "workshop/2010-1", date(2010, 3, 9), date(2010, 3, 10), "Geneva", "held", "IDM 2010"),
        (ID + "workshop/2010-2", date(2010, 7, 19), date(2010, 7, 20), "Geneva", "planned", "IDM 2010"),
    ]
    assert {r["themeLabel"] for r in records if r["yearLabel"] == "IDM 2010"} == {"Migration and Social Change"}
    assert records[0]["title"] == "Managing Return Migration"
    assert records[4]["title"] == "Migration and transnationalism: Opportunities and challenges"
    assert pick(rows(complete_graph, "workshops", year=2009), "workshop") == [
        (ID + "workshop/2009-1",), (ID + "workshop/2009-2",)]
    assert rows(complete_graph, "workshops", year="2012") == []
    csv_text = format_results(run_query("workshops", {"year": "2010"}, graph=complete_graph), "csv")
    assert ",2010-03-09,2010-03-10,Geneva," in csv_text     # ISO dates


def test_workshop_attendance(complete_graph):
    figures = pick(rows(complete_graph, "workshop-attendance"), "workshop", "categoryLabel", "count", "atLeast")
    short = {(w.rsplit("/", 1)[1], c, n, a) for w, c, n, a in figures}
    ngo = "Non-governmental organizations, the private sector, academia and the media"
    assert short >= {
        ("2009-1", "Participants", 200, True), ("2009-1", "Governments", 71, False),
        ("2009-1", "International organizations", 22, False), ("2009-1", ngo, 8, False),
        ("2009-2", "Participants", 200, True), ("2009-2", "Governments", 69, False),
        ("2009-2", "International organizations", 12, False), ("2009-2", ngo, 13, False),
        ("2010-1", "Participants", 225, False), ("2010-1", "Government representatives", 154, False),
        ("2010-1", "Countries", 70, True), ("2010-1", "International organizations", 35, False),
        ("2010-1", ngo, 26, False),
    }
    words = {r["figure"]: r["quote"] for r in rows(complete_graph, "workshop-attendance")}
    assert words["more than 70 countries"] == "over 70 countries"


def test_documents(complete_graph):
    records = rows(complete_graph, "documents")
    corpus = [r for r in records if r["inCorpus"]]
    assert pick(corpus, "noteLabel", "symbol", "issued", "yearLabel", "consultationDate") == [
        (N2008, None, None, "IDM 2008", None),
        ("IC/2009/1", "IC/2009/1", date(2009, 2, 10), "IDM 2009", date(2009, 2, 26)),
        (N2009, None, None, "IDM 2009", date(2009, 4, 28)),  # read from IC/2009/10 para 8
        ("IC/2009/10", "IC/2009/10", date(2009, 9, 24), "IDM 2009", date(2009, 10, 20)),
        ("IC/2010/5", "IC/2010/5", date(2010, 4, 16), "IDM 2010", date(2010, 4, 27)),
    ]
    assert corpus[-1]["title"] == "INTERNATIONAL DIALOGUE ON MIGRATION 2010: Migration and social change"
    # notes known only because a note cites them
    cited = pick([r for r in records if not r["inCorpus"]], "symbol", "consultationDate")
    assert ("IC/2008/6", date(2008, 10, 23)) in cited
    assert records.index(next(r for r in records if r["symbol"] == "IC/2008/6")) == 1   # in date order


def test_meetings_relies_on_inference(built, complete_graph):
    records = rows(complete_graph, "meetings")
    kinds = {r["meeting"].removeprefix(ID): r["kindLabel"] for r in records}
    assert len(kinds) == len(records), "one row per meeting"
    assert {m for m, k in kinds.items() if k == "intersessional workshop"} == {
        "workshop/2008-1", "workshop/2008-2", "workshop/2009-1", "workshop/2009-2", "workshop/2010-1", "workshop/2010-2"}
    assert {m for m, k in kinds.items() if k == "informal consultation"} >= {
        "consultation/2007-10-18", "consultation/2009-02-26", "consultation/2009-04-28", "consultation/2010-04-27"}
    assert {m for m, k in kinds.items() if k == "Council session"} == {"council/94", "council/96", "council/98"}
    assert kinds["conference/2008-02-19"] == "conference"
    assert kinds["segment/94/migration-environment"] == "panel discussion"
    council = next(r for r in records if r["meeting"] == ID + "council/98")
    assert (council["start"], council["end"]) == (date(2009, 11, 23), date(2009, 11, 26))
    assert next(r for r in records if r["meeting"] == ID + "council/94")["heldIn"] == "November 2007"
    # without the OWL-RL inferences nothing says a workshop is a meeting
    asserted = built.asserted_graph + built.schema
    assert not [r for r in rows(asserted, "meetings") if "workshop/" in r["meeting"]]


def test_concept_timeline_counts_paragraphs_per_year(complete_graph):
    records = rows(complete_graph, "concept-timeline")
    counted = {(r["concept"], r["yearLabel"]): r["paragraphs"] for r in records}
    # an independent count with the rdflib API
    expected: dict[tuple, set] = {}
    for paragraph, concept in complete_graph.subject_objects(IDM.discusses):
        note = complete_graph.value(paragraph, IDM.paragraphOf)
        year = complete_graph.value(complete_graph.value(note, IDM.concernsYear), ns.RDFS.label)
        expected.setdefault((str(concept), str(year)), set()).add(paragraph)
    assert counted == {k: len(v) for k, v in expected.items()}
    south = pick(rows(complete_graph, "concept-timeline", concept="South-South migration"), "yearLabel",
                 "paragraphs", "notes")
    assert south == [("IDM 2008", 3, 1), ("IDM 2009", 4, 2)]
    assert rows(complete_graph, "concept-timeline", concept="idmc:south-south-migration") == \
        rows(complete_graph, "concept-timeline", concept="SOUTH-south MIGRATION")


def test_paragraphs_about(complete_graph):
    tagged = {p for p in complete_graph.subjects(IDM.discusses, IDMC["return-migration"])}
    records = rows(complete_graph, "paragraphs-about", concept="return migration")
    assert {URIRef(r["paragraph"]) for r in records} == tagged
    assert ("IC/2009/1", 2) in pick(records, "noteLabel", "number")
    assert all(r["text"] and r["tagLabel"] == "return migration" for r in records)
    by_iri = rows(complete_graph, "paragraphs-about", concept=str(IDMC["return-migration"]))
    assert by_iri == rows(complete_graph, "paragraphs-about", concept="idmc:return-migration") == records
    narrow = rows(complete_graph, "paragraphs-about", concept="human rights")
    wide = rows(complete_graph, "paragraphs-about", concept="human rights", narrower="true")
    assert {r["paragraph"] for r in narrow} < {r["paragraph"] for r in wide}
    assert rows(complete_graph, "paragraphs-about", concept="no such concept") == []


def test_provenance(complete_graph):
    records = rows(complete_graph, "provenance", entity="id:workshop/2009-2")
    assert {r["noteLabel"] for r in records} == {"IC/2009/1", N2009, "IC/2009/10"}
    stated = {(r["propertyLabel"], r["noteLabel"], r["quote"]) for r in records}
    assert ("start date", "IC/2009/10", "9 and 10 July 2009") in stated
    assert ("venue", N2009, "Geneva") in stated
    assert any(r["subject"].endswith("/attendance/governments") and r["quote"] == "69 governments" for r in records)
    by_label = rows(complete_graph, "provenance", entity="south-south migration")
    theme = [r for r in by_label if r["entity"] == ID + "theme/south-south-migration"]
    assert {(r["subjectLabel"], r["propertyLabel"], r["noteLabel"]) for r in theme} >= {
        ("“South-South Migration” proposed for IDM 2009", "candidate", N2008),
        ("“South-South Migration” proposed for IDM 2010", "candidate", N2009)}
    assert rows(complete_graph, "provenance", entity="http://example.org/nothing") == []


def test_title_variants(complete_graph):
    records = pick(rows(complete_graph, "title-variants"), "entity", "wording", "isPreferred", "noteLabel")
    assert set(records) >= {
        (ID + "workshop/2009-2", "Trafficking in Persons and Exploitation of Migrants: Ensuring the Protection of "
         "Human Rights", True, "IC/2009/10"),
        (ID + "workshop/2009-2", "Trafficking and Exploitation of Migrants: Ensuring Protection of Human Rights",
         False, "IC/2009/1"),
        (ID + "workshop/2009-2", "Trafficking and Exploitation of Migrants: Ensuring Protection of Human Rights",
         False, N2009),
        (ID + "theme/human-rights-migration-working-together-safe-dignified-secure-migration",
         "Human Rights and Migration: Working together for safe, dignified and secure migration", False, N2008),
    }
    assert all(len({w for e2, w, _, _ in records if e2 == e}) > 1 for e, *_ in records)


def test_cross_references(complete_graph):
    records = pick(rows(complete_graph, "cross-references"), "citingParagraphLabel", "citedLabel", "citedParagraph",
                   "citedPartLabel")
    assert records == [
        (N2008 + " ¶12", "MC/INF/287", None, None),
        (N2009 + " ¶7", "IC/2009/1", 9, "IC/2009/1 ¶9"),
        (N2009 + " ¶7", "IC/2009/1", 10, "IC/2009/1 ¶10"),
        (N2009 + " ¶7", "IC/2009/1", 11, "IC/2009/1 ¶11"),
        ("IC/2009/1 ¶2", "IC/2008/6", None, None),
        ("IC/2009/1 ¶2", "MC/2266", None, None),
        ("IC/2010/5 ¶7", "IC/2010/1", 19, None),
        ("IC/2010/5 ¶7", "IC/2010/1", 20, None),
    ]


def test_every_row_carries_readable_labels(complete_graph):
    for name in REQUIRED:
        q = get_query(name)
        res = run_query(name, {p.name: p.example for p in q.params}, graph=complete_graph)
        assert len(res) > 0, name
        labels = [v for v in res.vars if v.endswith("Label") or v in ("title", "label", "text", "quote", "wording",
                                                                       "preferred", "kind", "figure")]
        assert labels, name
        for row in res.rows:
            assert any(isinstance(row[v], str) and row[v] for v in labels), (name, row)


def test_the_catalogue_in_the_graph_changes_no_answer(complete_graph):
    merged = Graph()
    for triple in complete_graph:
        merged.add(triple)
    merged += catalogue_graph()
    for name in REQUIRED:
        q = get_query(name)
        params = {p.name: p.example for p in q.params}
        assert run_query(name, params, graph=merged).key() == run_query(name, params, graph=complete_graph).key(), name


# ---------------------------------------------------------------------------
# parameters are values, never query text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_plain_values_in_process(complete_graph, value):
    size = len(complete_graph)
    assert rows(complete_graph, "provenance", entity=value) == []
    assert rows(complete_graph, "paragraphs-about", concept=value) == []
    assert rows(complete_graph, "concept-timeline", concept=value) == []
    assert len(complete_graph) == size


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_are_rejected_by_typed_parameters(value):
    for name, param in (("workshops", "year"), ("carried-forward", "kind"), ("paragraphs-about", "narrower")):
        with pytest.raises(QueryError, match=f"parameter '{param}'"):
            get_query(name).bind({param: value, **({"concept": "x"} if name == "paragraphs-about" else {})})
    with pytest.raises(QueryError):
        to_term(Param("x", "iri", example="http://x"), "http://x/" + value + "<>")


@pytest.mark.parametrize("value", INJECTIONS)
def test_values_blocks_bind_the_exact_value(value):
    """The VALUES block sent to endpoints, read back by Oxigraph's own parser, holds exactly
    the value: nothing of it became syntax."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    text = with_values("SELECT ?_v (STRLEN(?_v) AS ?n) WHERE { }", {"_v": Literal(value)})
    solutions = list(pyoxigraph.Store().query(text))
    assert len(solutions) == 1
    assert solutions[0]["_v"].value == value


def _tiny_graph(label: str) -> Graph:
    g = Graph()
    concept, para, note, year = (URIRef(f"http://example.org/{x}") for x in ("c", "p", "n", "y"))
    g.add((concept, ns.RDF.type, ns.SKOS.Concept))
    g.add((concept, ns.SKOS.prefLabel, Literal(label, lang="en")))
    for triple in ((para, IDM.discusses, concept), (para, IDM.paragraphOf, note), (para, IDM.number, Literal(1)),
                   (para, IDM.text, Literal("text")), (note, ns.RDFS.label, Literal("N")),
                   (note, IDM.concernsYear, year), (year, IDM.year, Literal("2009", datatype=ns.XSD.gYear))):
        g.add(triple)
    return g


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=40))
def test_any_text_matches_only_itself(value):
    """Property: whatever the text, as a parameter it finds the concept labelled with exactly
    that text (case-insensitively) and nothing else, in-process (initBindings) and through the
    VALUES text an endpoint receives (run by Oxigraph in-process)."""
    assume(isinstance(to_term(Param("c", "resource", example="x"), value), Literal))
    pyoxigraph = pytest.importorskip("pyoxigraph")
    g = _tiny_graph(value)
    query = get_query("paragraphs-about")
    for given_value, expected in ((value, 1), (value + "x", 0), ("} " + value, 0)):
        bindings = query.bind({"concept": given_value})
        assert len(run_embedded(query.body, g, bindings)) == expected
        store = pyoxigraph.Store()
        store.load(g.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
        assert len(list(store.query(with_values(query.body, bindings)))) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_quoted_strings_round_trip_through_a_sparql_parser(value):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    solution = next(iter(pyoxigraph.Store().query(f"SELECT ?v WHERE {{ BIND({quote_string(value)} AS ?v) }}")))
    assert solution["v"].value == value


def test_lone_surrogates_are_refused():
    with pytest.raises(QueryError, match="not valid Unicode"):
        get_query("provenance").bind({"entity": "\udc80"})


def test_values_go_into_every_group_that_uses_the_parameter():
    text = "SELECT ?x WHERE { ?x ?p ?_a . { SELECT ?x WHERE { ?x ?q ?_a } } FILTER EXISTS { ?x ?r ?_b } }"
    bound = with_values(text, {"_a": Literal("A"), "_b": Literal("B")})
    assert bound.count('VALUES (?_a) { ("A") }') == 2 and bound.count('VALUES (?_b) { ("B") }') == 1
    prepare(bound)
    with pytest.raises(QueryError, match="unbalanced"):
        with_values("SELECT ?x WHERE { ?x ?p ?_a", {"_a": Literal("A")})


# ---------------------------------------------------------------------------
# results and their formats
# ---------------------------------------------------------------------------

def _sample() -> Results:
    return Results(["s", "label", "n"], [
        {"s": URIRef("https://w3id.org/idmkg/id/workshop/2009-2"), "label": Literal('a "b"\tc|d\ne', lang="en"),
         "n": Literal(3)},
        {"s": BNode("b0")},
    ])


def test_json_is_w3c_sparql_results_and_reads_back():
    doc = json.loads(to_json(_sample()))
    assert doc["head"]["vars"] == ["s", "label", "n"]
    assert doc["results"]["bindings"][0]["label"] == {"type": "literal", "value": 'a "b"\tc|d\ne', "xml:lang": "en"}
    assert doc["results"]["bindings"][0]["n"]["datatype"] == str(ns.XSD.integer)
    assert doc["results"]["bindings"][1] == {"s": {"type": "bnode", "value": "b0"}}
    assert from_sparql_json(doc).key() == _sample().key()
    assert json.loads(to_json(Results([], boolean=True))) == {"head": {}, "boolean": True}


def test_csv_tsv_markdown_table():
    res = _sample()
    parsed = list(csv.reader(io.StringIO(format_results(res, "csv"))))
    assert parsed == [["s", "label", "n"], ["https://w3id.org/idmkg/id/workshop/2009-2", 'a "b"\tc|d\ne', "3"],
                      ["b0", "", ""]]
    tsv = format_results(res, "tsv").splitlines()
    assert tsv[0] == "?s\t?label\t?n"
    assert tsv[1] == '<https://w3id.org/idmkg/id/workshop/2009-2>\t"a \\"b\\"\\tc|d\\ne"@en\t3'
    md = format_results(res, "markdown", {"id": "https://w3id.org/idmkg/id/"})
    assert "| id:workshop/2009-2 | a \"b\" c\\|d e | 3 |" in md
    table = format_results(res, "table", {"id": "https://w3id.org/idmkg/id/"})
    assert "id:workshop/2009-2" in table and "2 rows" in table
    with pytest.raises(QueryError, match="unknown format"):
        format_results(res, "xml")


def test_rows_dataframe_and_no_pandas(complete_graph, monkeypatch):
    res = run_query("workshops", year=2010, graph=complete_graph)
    assert res.rows[0]["start"] == date(2010, 3, 9) and res.rows[0]["ordinal"] == 1
    pandas = pytest.importorskip("pandas")
    frame = res.to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == res.vars and len(frame) == 2
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(QueryError, match="pandas is not installed"):
        res.to_dataframe()


def test_ad_hoc_sparql(complete_graph):
    res = run_sparql("SELECT (COUNT(?w) AS ?n) WHERE { ?w a idm:IntersessionalWorkshop }", graph=complete_graph)
    assert res.rows == [{"n": 6}]
    assert run_sparql("ASK { <https://w3id.org/idmkg/id/year/2010> idm:overarchingTheme ?t }", graph=complete_graph).boolean is True
    with pytest.raises(QueryError, match=r"malformed SPARQL query: .*line:1"):
        run_sparql("SELECT ?x WHERE { ?x a idm:Foo", graph=complete_graph)
    with pytest.raises(QueryError, match="malformed"):
        run_sparql("DROP ALL", graph=complete_graph)


# ---------------------------------------------------------------------------
# the catalogue as RDF
# ---------------------------------------------------------------------------

def test_catalogue_graph_describes_each_query_as_a_sparql_executable(complete_graph):
    g = catalogue_graph(endpoint="http://127.0.0.1:7878/query")
    assert not any(isinstance(t, BNode) for triple in g for t in triple)
    schema = "https://schema.org/"
    for name in REQUIRED:
        node = URIRef(f"https://w3id.org/idmkg/query/{name}")
        assert (node, ns.RDF.type, ns.SH.SPARQLSelectExecutable) in g and (node, ns.RDF.type, ns.SH.SPARQLExecutable) in g
        q = get_query(name)
        assert str(g.value(node, ns.SH.select)) == q.body
        assert str(g.value(node, ns.RDFS.comment)).startswith(q.summary)
        assert g.value(node, ns.RDFS.comment).language == "en"
        assert {str(k) for k in g.objects(node, URIRef(schema + "keywords"))} == set(q.tags)
        assert g.value(node, URIRef(schema + "target")) == URIRef("http://127.0.0.1:7878/query")
        assert len(list(g.objects(node, ns.SH.parameter))) == len(q.params)
        declared = {str(g.value(d, ns.SH.prefix)) for d in g.objects(g.value(node, ns.SH.prefixes), ns.SH.declare)}
        assert {"idm", "rdfs"} <= declared
    kinds = URIRef("https://w3id.org/idmkg/query/carried-forward/param/kind")
    assert [str(x) for x in g.items(g.value(kinds, ns.SH["in"]))] == ["theme", "workshop-topic", "both"]
    assert g.value(kinds, ns.SH.defaultValue) == Literal("both")
    # the published text is the query: param-free queries give the catalogue's answers
    text = str(g.value(URIRef("https://w3id.org/idmkg/query/documents"), ns.SH.select))
    assert run_embedded(text, complete_graph).key() == run_query("documents", graph=complete_graph).key()


# ---------------------------------------------------------------------------
# the command line
# ---------------------------------------------------------------------------

def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_cli_queries_lists_the_catalogue():
    result = invoke("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert set(REQUIRED) <= set(listed)
    assert listed["workshops"]["params"][0]["type"] == "gYear"
    table = invoke("queries")
    assert table.exit_code == 0 and "carried-forward" in table.stdout
    assert "| `workshops` |" in invoke("queries", "-f", "markdown").stdout


def test_cli_query_formats(built_ttl, tmp_path):
    result = invoke("query", "workshops", "--graph", str(built_ttl), "-p", "year=2009", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("workshop,title,ordinal,start,end,venue") and len(lines) == 3
    doc = json.loads(invoke("query", "carried-forward", "--graph", str(built_ttl), "-p", "kind=theme",
                            "-f", "json").stdout)
    assert {b["candidateLabel"]["value"] for b in doc["results"]["bindings"]} == {
        "South-South Migration", "Migration and Social Change",
        "Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration"}
    assert invoke("query", "documents", "--graph", str(built_ttl), "-f", "tsv").stdout.startswith("?note\t")
    assert "| IC/2010/5 |" in invoke("query", "documents", "--graph", str(built_ttl), "-f", "markdown").stdout
    table = invoke("query", "annual-themes", "--graph", str(built_ttl))
    assert table.exit_code == 0 and "IDM 2010" in table.stdout
    out = tmp_path / "sub" / "themes.csv"
    written = invoke("query", "annual-themes", "--graph", str(built_ttl), "-f", "csv", "-o", str(out))
    assert written.exit_code == 0 and out.read_text(encoding="utf-8").startswith("year,yearLabel,theme")
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("args, message", [
    (["query", "workshops", "-p", "colour=red"], "has no parameter 'colour'"),
    (["query", "workshops", "-p", "year"], "--param expects KEY=VALUE"),
    (["query", "workshops", "-p", "year=next"], "is not a year"),
    (["query", "no-such-query"], "no query named 'no-such-query'"),
    (["query", "provenance"], "needs parameter 'entity'"),
    (["sparql", "SELECT ?x WHERE { ?x ?p }"], "malformed SPARQL query"),
    (["sparql", "missing-file.rq"], "no such file"),
    (["query", "workshops", "--graph", "no/such/graph.ttl"], "graph file not found"),
])
def test_cli_errors_are_one_line_and_non_zero(built_ttl, args, message):
    if "--graph" not in args:
        args = [*args, "--graph", str(built_ttl)]
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("idmkg: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_cli_injection_values_are_data(built_ttl):
    for value in INJECTIONS[:12]:
        result = invoke("query", "provenance", "--graph", str(built_ttl), "-p", f"entity={value}", "-f", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["results"]["bindings"] == []


def test_cli_sparql_text_file_and_stdin(built_ttl, tmp_path):
    query = "SELECT ?t WHERE { <https://w3id.org/idmkg/id/year/2009> idm:overarchingTheme/skos:prefLabel ?t }"
    # (CliRunner's stdout turns the CRLF line ends of W3C CSV into LF)
    expected = 't\n"Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration"\n'
    assert invoke("sparql", query, "--graph", str(built_ttl), "-f", "csv").stdout == expected
    path = tmp_path / "q.rq"
    path.write_text(query, encoding="utf-8")
    assert invoke("sparql", str(path), "--graph", str(built_ttl), "-f", "csv").stdout == expected
    assert invoke("sparql", "-", "--graph", str(built_ttl), "-f", "csv", input=query).stdout == expected


def test_headers_follow_the_grlc_decorator_convention():
    for name in REQUIRED:
        header = [line for line in get_query(name).text.splitlines() if line.startswith("#+")]
        assert header[0] == f"#+ name: {name}"
        assert any(re.match(r"#\+ summary: \S", line) for line in header)
        assert any(line.startswith("#+ description:") for line in header)
        if get_query(name).params:
            assert "#+ params:" in header
    assert textwrap.dedent(GOOD.format(name="x")).startswith("#+ name:")
