"""Hand-entered facts (graph/curated.ttl) checked against the notes before the merge:
a contradiction stops the build with one line per conflict (file line, subject, property,
both values, the paragraph the note's value comes from), unless marked ``cur:overrides``;
facts about IRIs no note gives are warnings."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from idmkg import resources
from idmkg.cli import main
from idmkg.curation import ANY, CUR, functional_properties
from idmkg.errors import CurationConflict
from idmkg.namespaces import IDM
from idmkg.pipeline import build, load_schema

NOTE = resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt"   # IC/2010/5
HEAD = """@prefix idm: <https://w3id.org/idmkg/ontology#> .
@prefix cur: <https://w3id.org/idmkg/curation#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/idmkg/id/> .
# reviewed by A. Person, 2026-01-01
"""
W2 = "https://w3id.org/idmkg/id/workshop/2010-2"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(NOTE, folder)
    return folder


@pytest.fixture
def curated(tmp_path, monkeypatch):
    """Write a curated file (HEAD + text) and point the build at it."""
    path = tmp_path / "curated.ttl"
    monkeypatch.setattr(resources, "CURATED", path)

    def write(text: str):
        path.write_text(HEAD + text, encoding="utf-8")
        return path

    return write


def test_functional_properties_come_from_the_ontology_and_the_shapes():
    shapes = resources.load_turtle(resources.SHAPES)
    functional = functional_properties(load_schema(), shapes)
    assert ANY in functional[IDM.status] and ANY in functional[IDM.outcome]
    assert ("class", IDM.Meeting) in functional[IDM.startDate]
    assert IDM.statedIn not in functional


def test_a_contradicting_status_stops_the_build(corpus, curated):
    path = curated("<id/workshop/2010-2> idm:status idm:held ;\n    idm:statedIn <id/note/IC-2010-5/p/2> .\n")
    with pytest.raises(CurationConflict) as info:
        build(corpus, write=False, check=False)
    message = str(info.value)
    assert "\n" not in message and message.startswith("1 curated fact(s) contradict the notes")
    conflict = info.value.conflicts[0]
    assert conflict.startswith(f"{path}:6: id:workshop/2010-2 idm:status: curated idm:held, but the notes say "
                               "idm:planned (IC/2010/5 ¶"), conflict


def test_a_contradicting_date_names_the_line_and_the_paragraph(corpus, curated):
    path = curated('\n\n<id/workshop/2010-1>\n    idm:startDate "2010-03-10"^^xsd:date .\n')
    with pytest.raises(CurationConflict) as info:
        build(corpus, write=False, check=False)
    conflict = info.value.conflicts[0]
    assert conflict.startswith(f'{path}:9: id:workshop/2010-1 idm:startDate: curated "2010-03-10"^^xsd:date, '
                               'but the notes say "2010-03-09"^^xsd:date (IC/2010/5 ¶'), conflict


def test_agreeing_and_unconstrained_facts_are_merged(corpus, curated):
    curated('<id/workshop/2010-2> idm:status idm:planned ;\n'
            '    idm:startDate "2010-07-19"^^xsd:date ;\n'
            '    idm:statedIn <id/note/IC-2010-5/p/2> .\n')
    result = build(corpus, write=False, check=False)
    assert result.curated_facts == 3 and result.summary()["warnings"] == []
    assert result.report.conforms, result.report.text


def test_an_override_replaces_the_notes_value_and_is_reported(corpus, curated):
    curated("<id/workshop/2010-2> idm:status idm:held ;\n    cur:overrides idm:status .\n")
    result = build(corpus, write=False, check=False)
    graph = result.asserted_graph
    assert set(graph.objects(URIRef(W2), IDM.status)) == {IDM.held}
    assert not any(str(p).startswith(str(CUR)) for p in graph.predicates())
    warnings = result.summary()["warnings"]
    assert len(warnings) == 1 and "overrides the notes' idm:planned (IC/2010/5 ¶" in warnings[0]
    assert result.report.conforms, result.report.text


def test_an_override_without_a_value_is_a_conflict(corpus, curated):
    curated("<id/workshop/2010-2> cur:overrides idm:status .\n")
    with pytest.raises(CurationConflict, match="cur:overrides idm:status, but the file gives no idm:status"):
        build(corpus, write=False, check=False)


def test_an_unknown_curation_instruction_is_a_conflict(corpus, curated):
    curated("<id/workshop/2010-2> cur:replaces idm:status .\n")
    with pytest.raises(CurationConflict, match="unknown curation instruction cur:replaces"):
        build(corpus, write=False, check=False)


def test_a_fact_about_an_iri_no_note_gives_is_a_warning(corpus, curated):
    path = curated("<id/workshop/2010-22> idm:status idm:held .\n")
    result = build(corpus, write=False, check=False)
    warnings = result.summary()["warnings"]
    assert warnings == [f"{path}:6: curated fact about id:workshop/2010-22, which no note gives (a typo?); "
                        "did you mean id:workshop/2010-2?"]


def test_many_conflicts_are_counted_in_one_line(corpus, curated):
    curated("".join(f'<id/workshop/2010-{i}> idm:status idm:cancelled{i} .\n' for i in (1, 2)) +
            '<id/workshop/2010-1> idm:startDate "2001-01-01"^^xsd:date ; idm:endDate "2001-01-02"^^xsd:date .\n'
            '<id/workshop/2010-2> idm:startDate "2001-01-01"^^xsd:date ; idm:endDate "2001-01-02"^^xsd:date .\n')
    with pytest.raises(CurationConflict) as info:
        build(corpus, write=False, check=False)
    assert len(info.value.conflicts) == 6
    assert str(info.value).startswith("6 curated fact(s)") and str(info.value).endswith("; and 1 more")


def test_cli_build_stops_with_one_line_and_writes_nothing(corpus, curated, tmp_path):
    curated("<id/workshop/2010-2> idm:status idm:held .\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("idmkg: error: 1 curated fact(s) contradict the notes")
    assert "curated idm:held, but the notes say idm:planned" in lines[0] and "Traceback" not in result.output
    assert not out.exists()


def test_the_project_curated_file_is_consistent_with_the_notes():
    """graph/curated.ttl as committed: parses, and its facts (if any) contradict nothing."""
    g = resources.load_turtle(resources.CURATED, base="https://w3id.org/idmkg/")
    assert isinstance(g, Graph)
