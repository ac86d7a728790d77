"""``idmkg serve`` end to end in headless Chromium (Playwright, the system's Chromium): open the
home page, follow a theme to the paragraph that proposed it and find the quote marked, run a
canned query from its form (and a bad value, shown as an alert), run a query in the SPARQL
editor, open the lineage view and point at a box; the skip link and the forms work from the
keyboard; no console error, no page error, and no request ever leaves the server ("no CDN").

Screenshots are kept as test artefacts in tests/artifacts/server/ (git ignores
tests/artifacts/). Skipped, saying why, only when /usr/bin/chromium is missing; Playwright
drives that browser and never downloads one.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "server"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
THEME = "South-South Migration"
WORKSHOPS_2009 = ("Effective Respect for the Human Rights of Migrants: A Shared Responsibility",
                  "Trafficking in Persons and Exploitation of Migrants: Ensuring the Protection of Human Rights")
#: problems seen on every page of the module, for the last test
SEEN: dict[str, list] = {"pages": [], "problems": [], "requests": []}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: install Debian's chromium "
                                                              "package to run the browser tests")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page whose console errors, page errors and requests are recorded."""

    def __init__(self, page, origin: str):
        self.page, self.origin = page, origin
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.allowed_status_errors: set[str] = set()   # URLs expected to answer 4xx
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message):
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource: the server responded with a status of 4") and \
                url in self.allowed_status_errors:
            return   # the browser's note on a page we asked for knowing it is a 4xx
        self.problems.append(f"console.error: {message.text} ({url})")

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not (u == self.origin or u.startswith((self.origin + "/", "data:", "about:", "blob:")))]

    def check(self):
        assert not self.problems, self.problems
        assert not self.foreign_requests(), self.foreign_requests()


@pytest.fixture
def watched(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.url,
                                  service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    w = Watched(page, server.url)
    try:
        yield w
    finally:
        SEEN["pages"].append(page.url)
        SEEN["problems"] += w.problems
        SEEN["requests"] += w.requests
        context.close()


def shot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 1000
    return path


def count_of(page, key: str) -> int:
    return int(page.locator(f"#count-{key} [data-count]").get_attribute("data-count"))


# ---------------------------------------------------------------------------
# home -> theme -> paragraph
# ---------------------------------------------------------------------------

def test_home_page_to_a_theme_to_the_paragraph_that_proposed_it(watched, server):
    page = watched.page
    answer = page.goto("/")
    assert answer.status == 200
    assert "International Dialogue on Migration" in page.title()
    assert page.get_by_role("heading", level=1).inner_text().startswith("International Dialogue on Migration")
    # the counts are there and agree with what the page lists
    counts = page.locator("[data-count]")
    assert counts.count() >= 10
    assert all(int(v) > 0 for v in counts.evaluate_all("els => els.map(e => e.dataset.count)"))
    themes = page.locator('main a[href^="/id/theme/"]')
    distinct = set(themes.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert count_of(page, "themes") == len(distinct) == 6, distinct
    assert count_of(page, "notes") == 5
    shot(page, "home")

    # click the theme
    page.locator('main a[href^="/id/theme/"]', has_text=THEME).first.click()
    page.wait_for_url("**/id/theme/south-south-migration")
    assert page.get_by_role("heading", level=1).inner_text() == THEME
    assert page.title().startswith(THEME)
    # the proposal's evidence: the quoted words, and a link to the paragraph they are in
    evidence = page.locator("ul.evidence li").filter(has=page.locator('a[href*="/p/"]')).first
    quote = evidence.locator("q").inner_text()
    assert THEME.lower() in quote.lower(), quote
    link = evidence.locator('a[href*="/p/"]').first
    target = link.get_attribute("href")
    shot(page, "theme")
    link.click()
    page.wait_for_url(re.compile(r".*/id/note/[^/]+/p/\d+(#.*)?$"))
    assert urlsplit(page.url).path == urlsplit(target).path
    # the paragraph page shows the quoted words marked
    marks = page.locator("main mark")
    texts = marks.all_inner_texts()
    assert any(quote in t for t in texts), (quote, texts[:20])
    marked = marks.filter(has_text=quote).first
    assert marked.is_visible()
    assert "¶" in page.get_by_role("heading", level=1).inner_text()
    shot(page, "paragraph")
    watched.check()


def test_every_theme_links_to_paragraphs_that_mark_its_quotes(watched, server):
    """Not only the one clicked: each theme's first quoted paragraph has the quote marked."""
    page = watched.page
    page.goto("/")
    hrefs = sorted(set(page.locator('main a[href^="/id/theme/"]').evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")))
    checked = 0
    for href in hrefs:
        assert page.goto(href).status == 200, href
        items = page.locator("ul.evidence li").filter(has=page.locator('a[href*="/p/"]'))
        if items.count() == 0:
            continue
        quote = items.first.locator("q").inner_text()
        target = items.first.locator('a[href*="/p/"]').first.get_attribute("href")
        assert page.goto(target).status == 200, target
        texts = page.locator("main mark").all_inner_texts()
        assert any(quote in t for t in texts), (href, target, quote, texts[:10])
        checked += 1
    assert checked >= 4, hrefs
    watched.check()


# ---------------------------------------------------------------------------
# canned queries
# ---------------------------------------------------------------------------

def test_run_a_canned_query_from_its_form(watched, server):
    page = watched.page
    page.goto("/queries")
    page.locator('main a[href="/queries/workshops"]').first.click()
    page.wait_for_url("**/queries/workshops")
    form = page.locator("form#query-form")
    assert form.is_visible()
    field = page.get_by_label("year")
    field.fill("2009")
    with page.expect_navigation():
        form.get_by_role("button", name="Run query").click()
    assert parse_qs(urlsplit(page.url).query).get("year") == ["2009"], page.url
    rows = page.locator("table#results tbody tr")
    assert rows.count() == 2
    body = "\n".join(rows.all_inner_texts())
    for title in WORKSHOPS_2009:
        assert title in body, body
    assert all("IDM 2009" in r for r in rows.all_inner_texts())
    assert re.match(r"2 rows\b", page.locator("#result-count").inner_text()), page.locator("#result-count").inner_text()
    assert page.get_by_label("year").input_value() == "2009"   # the form keeps the value
    # download links: the same query, as CSV, TSV, JSON and XML
    links = page.locator("#result-count a")
    labels = links.all_inner_texts()
    assert labels == ["CSV", "TSV", "JSON", "XML"], labels
    for label, fmt in zip(labels, ("csv", "tsv", "json", "xml")):
        href = links.filter(has_text=label).first.get_attribute("href")
        query = parse_qs(urlsplit(href).query)
        assert query.get("format") == [fmt] and query.get("year") == ["2009"], href
    csv = page.request.get(links.filter(has_text="CSV").first.get_attribute("href"))
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text().strip().splitlines()) == 3   # header and two workshops
    sparql_json = json.loads(page.request.get(links.filter(has_text="JSON").first.get_attribute("href")).text())
    assert len(sparql_json["results"]["bindings"]) == 2
    shot(page, "query-workshops-2009", full_page=True)
    watched.check()


def test_a_bad_value_is_shown_as_an_alert(watched, server):
    page = watched.page
    page.goto("/queries/workshops")
    page.get_by_label("year").fill("abc")
    watched.allowed_status_errors.add(server.url + "/queries/workshops?run=1&year=abc")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Run query").click()
    assert navigation.value.status == 400
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    text = alert.inner_text()
    assert "abc" in text and "year" in text, text
    assert page.locator("table#results").count() == 0
    assert page.get_by_label("year").input_value() == "abc"   # the value is kept to correct it
    shot(page, "query-bad-value")
    watched.check()


# ---------------------------------------------------------------------------
# SPARQL editor
# ---------------------------------------------------------------------------

def test_the_sparql_editor_runs_a_select_and_shows_a_table(watched, server):
    page = watched.page
    page.goto("/sparql")
    form = page.locator("form#sparql-form")
    editor = page.locator("textarea#query")
    assert form.is_visible() and "SELECT" in editor.input_value()
    editor.fill("SELECT ?theme ?label WHERE {\n  ?theme a idm:Theme ; skos:prefLabel ?label .\n}\nORDER BY ?label\n")
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Run query").click()
    assert navigation.value.status == 200
    table = page.locator("table#results")
    assert table.is_visible()
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["theme", "label"], headers
    rows = table.locator("tbody tr")
    assert rows.count() == 6
    assert THEME in "\n".join(rows.all_inner_texts())
    # the query stays in the editor, and theme cells link to their pages
    assert "idm:Theme" in page.locator("textarea#query").input_value()
    hrefs = table.locator("tbody a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("/id/theme/") for h in hrefs), hrefs
    shot(page, "sparql-editor", full_page=True)
    watched.check()


# ---------------------------------------------------------------------------
# lineage
# ---------------------------------------------------------------------------

POINT_ON_NODE = """id => {
  const g = document.getElementById(id);
  g.scrollIntoView({block: "center", inline: "center"});
  const b = g.getBoundingClientRect();
  return [b.x + b.width / 2, b.y + 4];
}"""


def test_the_lineage_view_shows_details_on_hover_and_click(watched, server):
    page = watched.page
    page.set_viewport_size({"width": 1600, "height": 1100})
    assert page.goto("/lineage").status == 200
    page.wait_for_selector("html[data-lineage-ready='yes']")
    svg = page.locator("#figure svg")
    assert svg.count() == 1 and svg.is_visible()
    items = json.loads(page.locator("#lineage-data").text_content())["items"]
    node = next(i for i, it in items.items() if it["type"] == "node" and it["title"] == THEME)
    assert page.locator(f"#{node}").count() == 1
    # hover: the tooltip tells what the notes say, the rest of the lineage dims
    x, y = page.evaluate(POINT_ON_NODE, node)
    page.mouse.move(x, y)
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert THEME in tip.inner_text() and "proposed for IDM 2009" in tip.inner_text(), tip.inner_text()
    assert page.locator("svg g.dim").count() > 10
    # click: the details are pinned in the side panel, with links to the pages
    page.mouse.click(x, y)
    details = page.locator("#details")
    assert THEME in details.inner_text()
    assert details.locator("blockquote.para mark").count() >= 1
    open_page = details.locator("a.page", has_text="Open the page of")
    assert open_page.count() == 1 and open_page.get_attribute("href") == "/id/theme/south-south-migration"
    read = details.locator("a.page", has_text="Read ")
    reads = read.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert reads and all(re.fullmatch(r"/id/note/[^/]+/[ph]/\d+", h) for h in reads), reads
    assert all(page.request.get(h).ok for h in reads), reads   # paragraphs and headings have pages
    shot(page, "lineage")
    # Escape unpins; the link from the panel leads to the theme's page
    page.keyboard.press("Escape")
    assert THEME not in details.inner_text()
    page.mouse.click(x, y)
    open_page.click()
    page.wait_for_url("**/id/theme/south-south-migration")
    assert page.get_by_role("heading", level=1).inner_text() == THEME
    watched.check()


# ---------------------------------------------------------------------------
# keyboard
# ---------------------------------------------------------------------------

def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className, text: (e.innerText || '').trim(),
                href: e.getAttribute('href')}; }""")


def tab_until(page, predicate, limit: int = 40) -> dict:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now)
        if predicate(now):
            return now
    raise AssertionError(f"not reached by Tab in {limit} presses: {seen}")


def test_skip_link_and_forms_work_from_the_keyboard(watched, server):
    page = watched.page
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "a" and first["href"] == "#main" and "Skip" in first["text"], first
    box = page.locator("a.skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, box   # shown on screen once focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")

    # a canned query, from the keyboard alone
    page.goto("/queries/workshops")
    tab_until(page, lambda f: f["id"] == "param-year")
    page.keyboard.type("2009")
    tab_until(page, lambda f: f["tag"] == "button" and "Run query" in f["text"], limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("table#results tbody tr").count() == 2

    # the editor is reachable too, and submits from its button
    page.goto("/sparql")
    tab_until(page, lambda f: f["id"] == "query")
    tab_until(page, lambda f: f["tag"] == "button" and "Run query" in f["text"], limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("table#results tbody tr").count() >= 1
    watched.check()


def test_the_lineage_drawing_works_from_the_keyboard(watched, server):
    """Every box and arrow of the lineage is reachable with Tab; focus pins its details."""
    page = watched.page
    page.goto("/lineage")
    assert page.locator("#figure svg").get_attribute("aria-label")
    reached = tab_until(page, lambda f: (f.get("id") or "").startswith("lin-node-"), limit=80)
    details = page.locator("#details")
    title = details.locator(".title").inner_text()
    assert title and title in page.evaluate("document.activeElement.getAttribute('aria-label')"), reached
    page.keyboard.press("Tab")
    assert details.locator(".title").inner_text()   # the next one's details replace them
    watched.check()


# ---------------------------------------------------------------------------
# links
# ---------------------------------------------------------------------------

#: what Chromium asks for when it follows a link
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
LINKED_FROM = ["/", "/id/theme/south-south-migration", "/id/note/idm-2008-after-2007-02-26/p/16", "/id/year/2009",
               "/id/workshop/2009-1", "/queries", "/queries/workshops?run=1&year=2009",
               "/sparql?format=html&query=" + "SELECT%20%3Fs%20%3Fp%20%3Fo%20WHERE%20%7B%20%3Fs%20a%20idm%3ATheme%20%3B"
               "%20%3Fp%20%3Fo%20%7D", "/lineage"]


def test_links_on_the_pages_a_visitor_sees_lead_somewhere(watched, server):
    """Every link to this server on those pages (and in the lineage's details) answers 200."""
    page = watched.page
    targets: dict[str, str] = {}
    for source in LINKED_FROM:
        assert page.goto(source).status == 200, source
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
        if source == "/lineage":
            data = json.loads(page.locator("#lineage-data").text_content())
            hrefs += [server.url + x["href"] for x in [*data["items"].values(), *data["edges"]] if x.get("href")]
        for href in hrefs:
            if href.startswith(server.url + "/"):
                targets.setdefault(href.split("#")[0], source)
    assert len(targets) > 100
    broken = []
    for target, source in sorted(targets.items()):
        answer = page.request.get(target, headers={"Accept": BROWSER_ACCEPT}, max_redirects=0)
        if answer.status != 200:
            broken.append(f"{target[len(server.url):]} ({answer.status}, linked from {source})")
    assert not broken, broken
    watched.check()


# ---------------------------------------------------------------------------
# everything seen
# ---------------------------------------------------------------------------

def test_no_console_error_and_no_request_left_the_server(server):
    """Across every page the tests above opened (run the whole module for this to mean much)."""
    if not SEEN["pages"]:
        pytest.skip("no page was opened (run with the other tests of this module)")
    assert not SEEN["problems"], SEEN["problems"]
    foreign = [u for u in SEEN["requests"] if not u.startswith((server.url + "/", "data:", "about:", "blob:"))]
    assert not foreign, foreign
    assert any(u.startswith(server.url + "/static/") for u in SEEN["requests"])   # the style sheet: local
