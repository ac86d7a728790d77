"""Theme lineage (idmkg.lineage): the graph a careful reader of the five notes expects, the
analysis, drawings whose labels never overlap, exports that reload in networkx, and the
interactive page in headless Chromium (screenshot kept as tests/artifacts/lineage-page.png,
which git ignores)."""
from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import networkx as nx
import pytest

from idmkg import lineage as L
from idmkg.cli import main
from tests.helpers import one_line_error

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

SSM = "theme:south-south-migration"
HR = "theme:human-rights-migration-working-together-safe-dignified-secure-migration"
MSC = "theme:migration-social-change"
MHS = "theme:migration-human-security"
FUTURE = "theme:future-migration-building-capacities-change"
RETURN_THEME = "theme:return-migration-challenges-opportunities"
TRANSNATIONALISM = "topic:migration-transnationalism-opportunities-challenges"
SOCIETIES = "topic:societies-identities-multifaceted-impact-migration"
DRIVER = "topic:social-change-driver-migration"
CITIES = "topic:changing-cities-social-impacts-migration"
ENHANCING = "topic:enhancing-role-return-migration-fostering-development"
CRITICAL = "topic:return-critical-element-comprehensive-migration-management-systems"
NOT_AUTHORIZED = "topic:managing-return-when-entry-stay-is-not-authorized"
CIRCULAR = "topic:managing-return-making-temporary-circular-labour-migration-schemes-feasible"
NOTE_2008 = "note:idm-2008-after-2007-02-26"
NOTE_2009 = "note:idm-2009-after-2009-02-26"


@pytest.fixture(scope="session")
def G(built):
    return L.lineage_graph(built.complete())


@pytest.fixture(scope="session")
def graph_file(built):
    return next(p for p in built.outputs if p.suffix == ".ttl")


def edge(G, u, kind, v) -> dict:
    assert G.has_edge(u, v, kind), f"missing: {u} -{kind}-> {v}; {u} has {sorted(G.out_edges(u, keys=True))}"
    return G.edges[u, v, kind]


# ---------------------------------------------------------------------------
# the lineage of the five notes
# ---------------------------------------------------------------------------

def test_nodes(G):
    kinds = {k: sorted(n for n, d in G.nodes(data=True) if d["kind"] == k) for k in L.NODE_KINDS}
    assert kinds["year"] == ["year:2008", "year:2009", "year:2010", "year:2011"]
    assert len(kinds["theme"]) == 6 and len(kinds["topic"]) == 8
    assert kinds["workshop"] == [f"workshop:{y}-{i}" for y in (2008, 2009, 2010) for i in (1, 2)]
    assert kinds["note"] == sorted(["note:IC-2009-1", "note:IC-2009-10", "note:IC-2010-5", NOTE_2008, NOTE_2009])
    assert G.nodes[SSM]["label"] == "South-South Migration" and G.nodes[SSM]["year"] == 2009
    assert G.nodes["workshop:2010-2"]["state"] == "planned"
    assert G.nodes["workshop:2009-2"]["state"] == "held"


def test_south_south_migration_proposed_twice_never_selected(G):
    first = edge(G, SSM, "proposed-for", "year:2009")
    assert first["note"] == NOTE_2008 and first["quote"] == "South-South Migration"
    assert "heading above ¶16" in first["paragraph_label"]
    assert edge(G, SSM, "not-selected", "year:2009")["note"] == "note:IC-2009-1"
    again = edge(G, SSM, "proposed-again", "year:2010")
    assert again["note"] == NOTE_2009
    assert again["previous"].endswith("/proposal/2009/theme/south-south-migration")
    assert edge(G, SSM, "not-selected", "year:2010")["note"] == "note:IC-2009-10"
    assert not any(k == "selected-as" for _, _, k in G.out_edges(SSM, keys=True))
    assert G.nodes[SSM]["state"] == "not-selected"


def test_themes_selected(G):
    assert edge(G, HR, "proposed-for", "year:2009")["note"] == NOTE_2008
    chosen = edge(G, HR, "selected-as", "year:2009")
    assert chosen["paragraph_label"] == "IC/2009/1 ¶4" and "membership has selected" in chosen["source_text"]
    assert edge(G, MSC, "proposed-for", "year:2010")["note"] == NOTE_2009
    assert edge(G, MSC, "selected-as", "year:2010")["note"] == "note:IC-2009-10"
    assert edge(G, RETURN_THEME, "selected-as", "year:2008")  # chosen in 2007; no proposal recorded
    for theme in (MHS, FUTURE):  # the 2011 candidates are still open
        assert edge(G, theme, "proposed-for", "year:2011")["outcome"] == "open"
        assert G.nodes[theme]["state"] == "open"


def test_2010_workshop_topics(G):
    for topic, workshop, paragraph in ((TRANSNATIONALISM, "workshop:2010-1", "IC/2010/5 ¶2"),
                                       (SOCIETIES, "workshop:2010-2", "IC/2010/5 ¶7")):
        assert edge(G, topic, "proposed-for", "year:2010")["note"] == "note:IC-2009-10"
        assert edge(G, topic, "taken-up-as-workshop", workshop)["paragraph_label"] == paragraph
    for topic in (DRIVER, CITIES):
        assert edge(G, topic, "proposed-for", "year:2010")
        assert edge(G, topic, "not-selected", "year:2010")
        assert not any(k in L.TAKE_UP_KINDS for _, _, k in G.out_edges(topic, keys=True))


def test_2008_topics_merged_into_the_two_workshops(G):
    for topic in (CRITICAL, NOT_AUTHORIZED):
        merged = edge(G, topic, "merged-into", "workshop:2008-1")
        assert merged["note"] == NOTE_2008 and merged["quote"] == G.nodes[topic]["label"]
        assert edge(G, topic, "proposed-for", "year:2008")["proposed_at"] == "consultation:2007-10-18"
    assert edge(G, CIRCULAR, "merged-into", "workshop:2008-2")
    assert edge(G, ENHANCING, "taken-up-as-workshop", "workshop:2008-2")
    for workshop in ("workshop:2008-1", "workshop:2008-2"):  # each absorbed several offered topics
        absorbed = [u for u, _, k in G.in_edges(workshop, keys=True) if k in L.TAKE_UP_KINDS]
        assert len(absorbed) == 2, absorbed


def test_workshop_2009_2_renamed(G):
    renamed = edge(G, "workshop:2009-2", "renamed", "workshop:2009-2")
    assert renamed["held_title"] == ("Trafficking in Persons and Exploitation of Migrants: "
                                     "Ensuring the Protection of Human Rights")
    assert renamed["announced_title"] == "Trafficking and Exploitation of Migrants: Ensuring Protection of Human Rights"
    assert renamed["paragraph_label"] == "IC/2009/10 ¶2"
    assert [u for u, v, k in G.edges(keys=True) if k == "renamed"] == ["workshop:2009-2"]


def test_migration_and_human_security_builds_on_human_rights(G):
    builds = edge(G, MHS, "builds-on", HR)
    assert builds["paragraph_label"] == "IC/2010/5 ¶12" and "build on earlier overarching topics" in builds["quote"]
    assert [(u, v) for u, v, k in G.edges(keys=True) if k == "builds-on"] == [(MHS, HR)]


def test_every_edge_carries_its_note_and_paragraph(G):
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["kind"] == k and d["label"]
        note = G.nodes[d["note"]]
        assert note["kind"] == "note"
        assert d["paragraph"].startswith(note["iri"] + "/"), (u, k, v, d["paragraph"])
        assert d["quote"] and d["quote"] in d["source_text"], (u, k, v)
        assert d["year"] in (2008, 2009, 2010, 2011)


# ---------------------------------------------------------------------------
# analysis
# ---------------------------------------------------------------------------

def test_path_of_a_theme(G):
    line = L.lineage_of(G, "south south migration")
    assert [(s.kind, s.target, s.note) for s in line.steps] == [
        ("proposed-for", "year:2009", NOTE_2008), ("not-selected", "year:2009", "note:IC-2009-1"),
        ("proposed-again", "year:2010", NOTE_2009), ("not-selected", "year:2010", "note:IC-2009-10")]
    assert line.end.startswith("never selected")
    hr = L.lineage_of(G, HR)
    kinds = [s.kind for s in hr.steps]
    assert kinds[:2] == ["proposed-for", "selected-as"] and "renamed" in kinds and kinds[-1] == "builds-on"
    assert {"workshop:2009-1", "workshop:2009-2", MHS, "year:2011"} <= hr.nodes
    topic = L.lineage_of(G, TRANSNATIONALISM)
    assert topic.steps[-1].kind == "taken-up-as-workshop" and topic.steps[-1].target == "workshop:2010-1"


def test_repeated_never_taken_up_and_chains(G):
    repeated = L.repeated_proposals(G)
    assert [(r["node"], [p["year"] for p in r["proposals"]]) for r in repeated] == [(SSM, [2009, 2010])]
    never = {(r["node"], r["year"], r["outcome"]) for r in L.never_taken_up(G)}
    assert never == {(SSM, 2009, "not-selected"), (SSM, 2010, "not-selected"), (DRIVER, 2010, "not-selected"),
                     (CITIES, 2010, "not-selected"), (MHS, 2011, "open"), (FUTURE, 2011, "open")}
    longest = L.longest_chains(G, 3)
    assert longest[0].nodes == [HR, MHS, "year:2011"] and (longest[0].first_year, longest[0].last_year) == (2009, 2011)
    assert all(len(c.hops) <= len(longest[0].hops) for c in L.chains(G))


def test_find_restrict_and_their_errors(G):
    assert L.find_node(G, "SOUTH-SOUTH MIGRATION") == SSM
    assert L.find_node(G, "transnationalism") == TRANSNATIONALISM
    assert L.find_node(G, "https://w3id.org/idmkg/id/theme/migration-human-security") == MHS
    with pytest.raises(L.LineageError, match="did you mean.*South-South Migration"):
        L.find_node(G, "South-South Migrations")
    with pytest.raises(L.LineageError, match="matches .* give more of the title"):
        L.find_node(G, "migration")
    view = L.restrict(G, focus="South-South")
    assert {n for n in view if view.nodes[n]["kind"] != "note"} == {SSM, "year:2009", "year:2010"}
    assert {n for n in view if view.nodes[n]["kind"] == "note"} == {NOTE_2008, NOTE_2009, "note:IC-2009-1",
                                                                    "note:IC-2009-10"}
    only = L.restrict(G, years="2010")
    assert {d["year"] for n, d in only.nodes(data=True) if d["kind"] != "note"} == {2010}
    assert not only.has_node(SSM)  # South-South Migration belongs to 2009, its first proposal
    with pytest.raises(L.LineageError, match="nothing to show; the graph has 2008–2011"):
        L.restrict(G, years="2012-2014")
    with pytest.raises(L.LineageError, match="span is empty"):
        L.restrict(G, years="2010-2009")


# ---------------------------------------------------------------------------
# drawings
# ---------------------------------------------------------------------------

def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5


@pytest.mark.parametrize("focus,years", [(None, None), ("South-South", None), ("Human Rights", None), (None, "2010")])
def test_drawing_labels_do_not_overlap(G, focus, years):
    from idmkg.lineage_draw import WRAP, draw

    view = L.restrict(G, focus=focus, years=years)
    drawing = draw(view)
    drawing.fig.canvas.draw()
    renderer = drawing.fig.canvas.get_renderer()
    boxes = drawing.label_boxes(renderer)
    assert len(boxes) >= view.number_of_nodes() + 3
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if _overlaps(ba, bb)]
    assert not clashes, clashes[:5]
    figure = drawing.fig.bbox
    for n, patch in drawing.boxes.items():  # every node is drawn, its words inside its box
        box = patch.get_window_extent(renderer)
        assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and figure.y0 <= box.y0 and box.y1 <= figure.y1
        for t in drawing.node_texts[n]:
            ext = t.get_window_extent(renderer)
            assert box.x0 <= ext.x0 and ext.x1 <= box.x1 and box.y0 <= ext.y0 and ext.y1 <= box.y1, (n, t.get_text())
            assert t.get_fontsize() >= 6
            assert max(len(line) for line in t.get_text().splitlines()) <= max(WRAP.values()) + 2
    assert set(drawing.boxes) == set(view.nodes)


def test_drawings_are_deterministic(G):
    view = L.restrict(G, focus="Human Rights")
    svg = L.render(view, "svg")
    assert svg == L.render(view, "svg") and svg.startswith("<?xml") and "<dc:date>" not in svg
    png = L.render(view, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png == L.render(view, "png")


# ---------------------------------------------------------------------------
# exports
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("ext", ["graphml", "gexf", "json"])
def test_exports_reload_with_the_same_nodes_and_edges(G, tmp_path, ext):
    path = L.write_lineage(G, tmp_path / f"lineage.{ext}")
    back = L.read_export(path)
    assert set(back.nodes) == set(G.nodes)
    assert sorted((u, v, d["kind"]) for u, v, d in back.edges(data=True)) == \
        sorted((u, v, k) for u, v, k in G.edges(keys=True))
    assert back.nodes[SSM]["label"] == "South-South Migration"
    again = [d for u, v, d in back.edges(data=True) if d["kind"] == "proposed-again"]
    assert len(again) == 1 and again[0]["note"] == NOTE_2009 and again[0]["quote"] == "South-South Migration"
    assert path.read_bytes() == L.render(G, ext).encode()  # deterministic (GEXF: no 'today')


def test_graphml_is_what_networkx_reads_directly(G, tmp_path):
    path = L.write_lineage(G, tmp_path / "lineage.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_edges() == G.number_of_edges() and back.is_directed()


# ---------------------------------------------------------------------------
# the catalogue and the CLI
# ---------------------------------------------------------------------------

def test_lineage_queries_fit_the_catalogue():
    queries = pytest.importorskip("idmkg.queries")
    if not hasattr(queries, "parse_query_file"):
        pytest.skip("no catalogue parser")
    for name in (L.QUERY_NODES, L.QUERY_EDGES):
        q = queries.parse_query_file(L.query_path(name))
        assert q.name == name and q.summary and q.description




def test_cli_draws_exports_and_analyses(runner, graph_file, tmp_path):
    out = tmp_path / "lineage.svg"
    result = runner.invoke(main, ["lineage", "-o", str(out), "--graph", str(graph_file), "--year", "2009-2010"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}") and out.read_text().startswith("<?xml")
    result = runner.invoke(main, ["lineage", "--graph", str(graph_file), "--focus", "south-south migration"])
    assert result.exit_code == 0, result.output
    assert "proposed again for IDM 2010" in result.output and "never selected" in result.output
    result = runner.invoke(main, ["lineage", "--graph", str(graph_file), "--format", "json"])
    data = json.loads(result.output)
    assert data["proposed_more_than_once"][0]["node"] == SSM and len(data["never_taken_up"]) == 6


def test_cli_errors_are_one_line(runner, graph_file, tmp_path):
    one_line_error(runner.invoke(main, ["lineage", "-o", str(tmp_path / "x.pdf")]), "x.pdf", "'.pdf'", ".graphml")
    one_line_error(runner.invoke(main, ["lineage", "--year", "20x9"]), "--year", "20x9")
    one_line_error(runner.invoke(main, ["lineage", "--graph", str(graph_file), "--year", "2030"]),
                    "--year 2030", "2008–2011")
    one_line_error(runner.invoke(main, ["lineage", "--graph", str(graph_file), "--focus", "South-North Migration"]),
                    "South-North Migration", "did you mean", "South-South Migration")
    one_line_error(runner.invoke(main, ["lineage", "--graph", str(tmp_path / "none.ttl")]), "none.ttl", "not found")
    assert not list(tmp_path.iterdir())


def test_cli_builds_the_graph_first_when_there_is_none(runner, graph_file, tmp_path, monkeypatch):
    import idmkg.pipeline

    calls = []

    def fake_build(out=None, progress=None, **kw):
        calls.append(Path(out))
        Path(out).mkdir(parents=True, exist_ok=True)
        shutil.copy(graph_file, Path(out) / "idmkg.ttl")

    monkeypatch.setattr(idmkg.pipeline, "build", fake_build)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lineage", "-o", "lineage.json"])
    assert result.exit_code == 0, result.output
    assert calls == [Path("dist")] and (tmp_path / "dist" / "idmkg.ttl").exists()
    assert json.loads((tmp_path / "lineage.json").read_text())["multigraph"] is True


# ---------------------------------------------------------------------------
# the interactive page in headless Chromium
# ---------------------------------------------------------------------------

class Chromium:
    """Headless Debian Chromium driven over the DevTools protocol (no browser download)."""

    def __init__(self, tmp_path: Path):
        import websocket

        exe = shutil.which("chromium") or "/usr/bin/chromium"
        assert Path(exe).exists(), "chromium is not installed: run ./.ci/system-deps (Debian chromium)"
        profile = tmp_path / "profile"
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-port=0", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file, deadline = profile / "DevToolsActivePort", time.time() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            assert self.proc.poll() is None and time.time() < deadline, "chromium did not start"
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30))
        url = next(p["webSocketDebuggerUrl"] for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.ids, self.events = itertools.count(1), []

    def call(self, method: str, **params):
        i = next(self.ids)
        self.ws.send(json.dumps({"id": i, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == i:
                assert "error" not in msg, msg
                return msg.get("result", {})
            self.events.append(msg)

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def wait_for(self, method: str, timeout: float = 60):
        deadline = time.time() + timeout
        while not any(e.get("method") == method for e in self.events):
            assert time.time() < deadline, f"no {method}"
            self.events.append(json.loads(self.ws.recv()))

    def problems(self) -> list[str]:
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append(f"exception: {p['exceptionDetails'].get('text')} {p['exceptionDetails'].get('exception')}")
            elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert", "warning"):
                out.append(f"console.{p['type']}: {p['args']}")
            elif m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append(f"log: {p['entry']['text']} {p['entry'].get('url', '')}")
            elif m == "Network.requestWillBeSent" and not p["request"]["url"].startswith(("file:", "data:")):
                out.append(f"request: {p['request']['url']}")
        return out

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self.proc.kill()


POINT_ON = """(function (id, along) {
  var g = document.getElementById(id), path = g.querySelector('path');
  if (id.indexOf('lin-node-') === 0) { var b = g.getBoundingClientRect(); return [b.x + b.width / 2, b.y + 4]; }
  var p = path.getPointAtLength(path.getTotalLength() * along), m = path.getScreenCTM();
  return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
})"""


def test_page_opens_in_headless_chromium_without_console_errors(G, tmp_path):
    page = L.write_lineage(G, tmp_path / "lineage.html")
    text = page.read_text()
    assert "<script src" not in text and "<link rel=\"stylesheet\"" not in text and "@import" not in text
    browser = Chromium(tmp_path)
    try:
        for domain in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            browser.call(domain)
        browser.call("Emulation.setDeviceMetricsOverride", width=1600, height=1100, deviceScaleFactor=1, mobile=False)
        browser.call("Page.navigate", url=page.as_uri())
        browser.wait_for("Page.loadEventFired")
        assert browser.eval("document.documentElement.getAttribute('data-lineage-ready')") == "yes"
        items = json.loads(browser.eval("document.getElementById('lineage-data').textContent"))["items"]
        node = next(i for i, it in items.items() if it["type"] == "node" and it["title"] == "South-South Migration")
        arrow = next(i for i, it in items.items() if it["type"] == "edge" and it["kicker"] == "proposed again · not selected")
        browser.eval("window.scrollTo(0, document.getElementById('figure').offsetTop - 20)")
        x, y = browser.eval(f"{POINT_ON}('{node}', 0)")
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        tip = browser.eval("document.getElementById('tip').innerText")
        assert "South-South Migration" in tip and "proposed for IDM 2009" in tip, tip
        x, y = browser.eval(f"{POINT_ON}('{arrow}', 0.45)")
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        assert browser.eval("document.getElementById('tip').style.display") == "block"
        assert browser.eval("document.querySelector('#tip mark').textContent") == "South-South Migration"
        assert "proposed again for IDM 2010" in browser.eval("document.getElementById('tip').innerText")
        assert browser.eval("document.querySelectorAll('svg g.dim').length") > 10  # the rest of the lineage dims
        browser.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=1)
        browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=1)
        assert "IC/2009/10 ¶1" in browser.eval("document.getElementById('details').innerText")
        shot = browser.call("Page.captureScreenshot", format="png")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "lineage-page.png").write_bytes(base64.b64decode(shot["data"]))
        assert not browser.problems(), browser.problems()
    finally:
        browser.close()


def test_the_console_check_does_catch_errors(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><head><link rel='icon' href='data:,'></head><body>"
                   "<script>console.error('boom'); undefinedFunction();</script></body></html>")
    browser = Chromium(tmp_path)
    try:
        for domain in ("Runtime.enable", "Log.enable", "Page.enable"):
            browser.call(domain)
        browser.call("Page.navigate", url=bad.as_uri())
        browser.wait_for("Page.loadEventFired")
        problems = browser.problems()
        assert any("boom" in p for p in problems) and any("exception" in p for p in problems), problems
    finally:
        browser.close()


# ---------------------------------------------------------------------------
# (h9) `idmkg lineage` runs its queries on the graph file in Oxigraph (run_query), not on the
# file loaded into rdflib: the same lineage, and the same output byte for byte, as the rdflib
# path (lineage_graph on the graph read by rdflib, the way the command read it before)
# ---------------------------------------------------------------------------

def _rdflib_lineage(graph_file):
    return L.lineage_graph(L.load_graph(graph_file))


def test_lineage_of_the_file_is_the_lineage_of_the_rdflib_graph(graph_file):
    L._LOADED.clear()
    from_file = L.load_lineage(graph_file)
    reference = _rdflib_lineage(graph_file)
    assert list(from_file.nodes(data=True)) == list(reference.nodes(data=True))
    assert list(from_file.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert from_file.number_of_edges() > 30


@pytest.mark.parametrize("args, suffix", [([], None), (["--format", "json"], None),
                                          (["--focus", "South-South Migration"], None),
                                          (["--year", "2009-2010", "-o"], ".graphml"), (["-o"], ".json"),
                                          (["-o"], ".html")])
def test_cli_lineage_output_is_byte_for_byte_the_rdflib_paths(runner, graph_file, tmp_path, args, suffix):
    reference = _rdflib_lineage(graph_file)
    years = args[args.index("--year") + 1] if "--year" in args else None
    focus = args[args.index("--focus") + 1] if "--focus" in args else None
    view = L.restrict(reference, focus=focus, years=years)
    L._LOADED.clear()   # the command reads the file again
    if suffix:
        out, expected = tmp_path / f"cli{suffix}", tmp_path / f"reference{suffix}"
        result = runner.invoke(main, ["lineage", "--graph", str(graph_file), *args, str(out)])
        assert result.exit_code == 0, result.output
        L.write_lineage(view, expected)
        assert out.read_bytes() == expected.read_bytes()
    else:
        result = runner.invoke(main, ["lineage", "--graph", str(graph_file), *args])
        assert result.exit_code == 0, result.output
        if "json" in args:
            expected = json.dumps(L.analysis(view, focus=view.graph.get("focus")), indent=2, ensure_ascii=False) + "\n"
        else:
            expected = L.analysis_text(view, focus=view.graph.get("focus"))
        assert result.output == expected


def test_a_malformed_graph_file_is_one_lineage_error(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(L.LineageError, match="bad.ttl"):
        L.load_lineage(bad)
