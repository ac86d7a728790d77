"""The CLI, in-process: help that teaches, one clear line for every bad input, exit codes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from idmkg import resources
from idmkg.cli import main
from tests.helpers import one_line_error, shapes_every_workshop_fails

ROOT = Path(__file__).resolve().parent.parent
ONE_NOTE = "002_5c41cb46aeb7a953.txt"


@pytest.fixture
def one_note(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(resources.NOTES_DIR / ONE_NOTE, corpus)
    return corpus


def _commands():
    return sorted(main.commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_and_is_in_the_readme(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 4
    assert f"idmkg {command}" in (ROOT / "README.md").read_text()


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command.strip() in ci


def test_build_one_note(runner, one_note, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--corpus", str(one_note), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    assert (out / "idmkg.ttl").stat().st_size > 0 and (out / "idmkg.trig").stat().st_size > 0




@pytest.mark.parametrize("engines", [["--reasoner", "store"], ["--reasoner", "owlrl", "--validator", "pyshacl"]])
def test_reference_engines_give_the_same_files(runner, one_note, tmp_path, engines):
    """The fast reasoner and the compiled SHACL engine (the defaults) against the store rules,
    owlrl and pySHACL: same verdict, same bytes."""
    written = {}
    for name, options in (("default", []), ("reference", engines)):
        out = tmp_path / name
        result = runner.invoke(main, ["build", "--corpus", str(one_note), "--out", str(out), *options])
        assert result.exit_code == 0, result.output
        assert "conforms" in result.output
        written[name] = [(out / f).read_bytes() for f in ("idmkg.ttl", "idmkg.trig")]
    assert written["default"] == written["reference"]


def test_an_unknown_engine_is_refused(runner, one_note, tmp_path):
    result = runner.invoke(main, ["build", "--corpus", str(one_note), "--out", str(tmp_path / "o"),
                                  "--validator", "shacl"])
    assert result.exit_code == 2 and "'sparql'" in result.output and "'pyshacl'" in result.output
    assert not (tmp_path / "o").exists()
    from idmkg.errors import IdmkgError
    from idmkg.pipeline import build

    with pytest.raises(IdmkgError, match="unknown validator 'shacl': use one of sparql, pyshacl"):
        build(one_note, tmp_path / "o", validator="shacl")
    assert not (tmp_path / "o").exists()


def test_missing_corpus(runner, tmp_path):
    result = runner.invoke(main, ["build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    one_line_error(result, "nope", "corpus directory not found")
    assert result.exit_code == 1


def test_empty_corpus(runner, tmp_path):
    result = runner.invoke(main, ["validate", "--corpus", str(tmp_path)])
    one_line_error(result, "no notes")


def test_a_note_without_paragraphs_names_the_file(runner, tmp_path):
    (tmp_path / "bad.txt").write_text("INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\nNo numbers here.\n")
    result = runner.invoke(main, ["build", "--corpus", str(tmp_path), "--out", str(tmp_path / "o")])
    one_line_error(result, "bad.txt", "no numbered paragraphs")
    assert not (tmp_path / "o").exists()


def test_a_binary_note_names_the_file(runner, tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(main, ["stats", "--corpus", str(tmp_path)])
    one_line_error(result, "bin.txt", "binary file")


def test_malformed_ontology_file(runner, one_note, tmp_path, monkeypatch):
    bad = tmp_path / "idm.ttl"
    bad.write_text("@prefix idm: <https://w3id.org/idmkg/ontology#> .\nidm:Workshop a idm:Class ;\n    rdfs:label \"unterminated .\n")
    monkeypatch.setattr(resources, "ONTOLOGY", bad)
    result = runner.invoke(main, ["build", "--corpus", str(one_note), "--out", str(tmp_path / "o")])
    one_line_error(result, str(bad), "malformed Turtle")


def test_debug_shows_the_traceback(runner, tmp_path):
    result = runner.invoke(main, ["--debug", "validate", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert type(result.exception).__name__ == "NoteError"


def test_shape_violation_fails_the_build_and_writes_nothing(runner, one_note, tmp_path, monkeypatch):
    shapes_every_workshop_fails(tmp_path, monkeypatch, "A workshop must name its sponsor (test rule).")
    out = tmp_path / "o"
    result = runner.invoke(main, ["build", "--corpus", str(one_note), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "A workshop must name its sponsor" in result.output
    assert "IC/2010/5 ¶2" in result.output  # which note and paragraph
    assert not out.exists()
    result = runner.invoke(main, ["validate", "--corpus", str(one_note)])
    assert result.exit_code == 2
    assert result.output.count("must name its sponsor") == 2  # both workshops of 2010


def test_stats_json(runner, one_note, tmp_path):
    import json

    target = tmp_path / "stats.json"
    result = runner.invoke(main, ["stats", "--corpus", str(one_note), "--format", "json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text())
    assert data["counts"]["notes"] == 1
    assert data["counts"]["workshops"] == 2
