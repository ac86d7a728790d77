"""Ontology documentation (issue 5): every class, property, controlled value and concept is on
the page with its definition and examples from the graph; the page is self-contained and
opens in headless Chromium without a console message (a screenshot is kept in
tests/artifacts/docs.png, which git ignores)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from idmkg import resources
from idmkg.cli import main
from idmkg.docs import esc, render, write_docs
from idmkg.export import jsonld_context
from idmkg.namespaces import IDM, IDMC

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr",
                  "--v=0"]
VOID_ELEMENTS = {"meta", "link", "br", "hr", "img", "input", "wbr", "col", "area", "base", "source"}


@pytest.fixture(scope="module")
def site(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    write_docs(out, result=built)
    return out


@pytest.fixture(scope="module")
def page(site):
    return (site / "index.html").read_text(encoding="utf-8")


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start:page.index("</section>", start)]


def documented_terms(schema):
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        for s in schema.subjects(RDF.type, kind):
            if str(s).startswith(str(IDM)):
                yield s, str(s)[len(str(IDM)):]
    for c in schema.subjects(RDF.type, SKOS.Concept):
        if str(c).startswith(str(IDMC)):
            yield c, "concept-" + str(c)[len(str(IDMC)):]
        elif str(c).startswith(str(IDM)):
            yield c, str(c)[len(str(IDM)):]


def test_every_class_property_and_concept_is_there_with_its_definition(built, page):
    terms = list(documented_terms(built.schema))
    assert len(terms) >= 32 + 60 + 77
    for term, anchor in terms:
        text = section(page, anchor)
        assert esc(str(term)) in text, anchor
        definitions = list(built.schema.objects(term, SKOS.definition))
        assert definitions, f"{anchor} has no skos:definition in the ontology"
        for d in definitions:
            assert esc(str(d)) in text, anchor


def test_examples_come_from_the_graph(built, page):
    g = built.complete()
    for cls in set(built.schema.subjects(RDF.type, OWL.Class)):
        if not str(cls).startswith(str(IDM)) or not set(g.subjects(RDF.type, cls)):
            continue
        text = section(page, str(cls)[len(str(IDM)):])
        assert '<ul class="examples"><li>' in text, cls
        examples = re.findall(r'&lt;(https://w3id\.org/idmkg/id/[^&]+)&gt;', text)
        assert all((URIRef(e), RDF.type, cls) in g for e in examples), cls
    workshop = section(page, "IntersessionalWorkshop")
    assert "Managing Return Migration" in workshop and "in the graph</dt><dd>6 " in workshop
    concept = section(page, "concept-return-migration")
    assert "<blockquote>" in concept and "<mark>" in concept and "IC/2009/1 ¶2" in concept
    assert "discussed in 10 paragraph(s)" in concept
    outcome = section(page, "selected")
    assert "proposed for IDM 2009" in outcome and "idm:outcome" in outcome


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.links, self.problems = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag in ("script", "img", "iframe", "object", "embed") or "src" in attrs:
            self.problems.append(f"<{tag}> loads something")
        if tag == "link" and attrs.get("href") != "data:,":
            self.problems.append(f"<link href={attrs.get('href')!r}>")
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def test_the_page_is_well_formed_self_contained_and_its_links_resolve(page):
    checker = _Checker()
    checker.feed(page)
    assert not checker.problems, checker.problems[:5]
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids)), "duplicate ids"
    assert set(checker.links) <= set(checker.ids), sorted(set(checker.links) - set(checker.ids))[:5]
    assert "@import" not in page and "url(" not in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_docs_are_deterministic_and_ship_the_jsonld_context(built, site, page):
    again = render(built.schema, built.complete(), built.base, resources.ONTOLOGY_DIR / "README.md")
    assert again == page
    context = json.loads((site / "context.jsonld").read_text())
    assert context == {"@context": jsonld_context(built.schema, built.base)}
    assert "IRI scheme" in page and "id/workshop/2009-2" in page  # the table of ontology/README.md


def _chromium(url: str, tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(exe).exists(), "chromium is not installed: run ./.ci/system-deps (Debian chromium)"
    run = subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, url],
                         capture_output=True, text=True, timeout=180)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run, console


def test_the_page_opens_in_headless_chromium_without_console_messages(site, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "docs.png"
    shot.unlink(missing_ok=True)
    run, console = _chromium((site / "index.html").as_uri(), tmp_path, "--window-size=1280,1600",
                             f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console == []
    assert shot.stat().st_size > 30_000  # a blank page is about 6 kB
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_console_check_does_catch_errors(tmp_path):
    """The check above is not vacuous: a page that logs an error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body>'
                   '<script>console.error("broken on purpose")</script></body></html>')
    run, console = _chromium(bad.as_uri(), tmp_path, "--dump-dom")
    assert any("broken on purpose" in line for line in console), run.stderr[-2000:]


def test_docs_command(tmp_path):
    runner = CliRunner()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = runner.invoke(main, ["docs", "-o", str(blocker)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"idmkg: error: {blocker}: is a file; give a folder for the "
                                                  "documentation"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt", corpus)
    out = tmp_path / "site"
    result = runner.invoke(main, ["docs", "--corpus", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["context.jsonld", "index.html"]
    assert "Societies and identities" in (out / "index.html").read_text()
