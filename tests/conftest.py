"""Shared fixtures: the parsed notes, the facts read from them, and one full build."""
from __future__ import annotations

import pytest

from idmkg import parse_corpus
from idmkg.extract import extract_facts
from idmkg.pipeline import extraction_labels, load_schema
from idmkg.resources import NOTES_DIR


@pytest.fixture(scope="session")
def notes():
    return parse_corpus(NOTES_DIR)


@pytest.fixture(scope="session")
def schema():
    return load_schema()


@pytest.fixture(scope="session")
def schema_labels(schema):
    return extraction_labels(schema)


@pytest.fixture(scope="session")
def facts(notes, schema_labels):
    return extract_facts(notes, *schema_labels)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One complete build of the five notes (about a minute: OWL-RL and SHACL)."""
    from idmkg import build

    out = tmp_path_factory.mktemp("dist")
    return build(out=out, check=False)


@pytest.fixture(scope="session")
def complete_graph(built):
    """The complete graph of the session build (asserted + inferred + ontology), once."""
    return built.complete()


@pytest.fixture(scope="session")
def built_ttl(built):
    """The Turtle export of the session build (dist/idmkg.ttl of that build)."""
    return next(p for p in built.outputs if p.suffix == ".ttl")


@pytest.fixture
def runner():
    """Click's in-process runner for the CLI."""
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def built_trig(built):
    """The TriG export of the session build (dist/idmkg.trig: one named graph per note)."""
    return next(p for p in built.outputs if p.suffix == ".trig")


@pytest.fixture(scope="session")
def server(built_trig, tmp_path_factory):
    """One ``idmkg serve`` of the session build on a free port of 127.0.0.1, with a 2 s time
    limit and the default row limit (10,000), two query workers."""
    from tests.helpers import RunningServer

    log = tmp_path_factory.mktemp("server") / "serve.log"
    running = RunningServer(built_trig, log, "--timeout", "2", "--workers", "2", "--reload-interval", "0")
    yield running
    running.stop()
