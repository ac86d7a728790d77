"""The linked-data pages of ``idmkg serve``: over the real built graph (dist/idmkg.trig,
built first when missing), through the whole application (Starlette TestClient)."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import rdflib

import pyoxigraph

from idmkg.server import ServerConfig, create_app

IDM = "https://w3id.org/idmkg/ontology#"
BASE = "https://w3id.org/idmkg/"
PREFIX = ("PREFIX idm: <https://w3id.org/idmkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml"}


@pytest.fixture(scope="module")
def client(built_trig):
    from starlette.testclient import TestClient

    with TestClient(create_app(ServerConfig(graph=Path(built_trig), workers=1, reload_interval=0))) as c:
        yield c


@pytest.fixture(scope="module")
def store(client):
    return client.app.app.state.snapshot.store if hasattr(client.app, "app") else client.app.state.snapshot.store


def select(store, text):
    return [tuple(row) for row in store.query(PREFIX + text)]   # the default graph: the merge


def iris(store, cls):
    return sorted({r[0].value for r in select(store, f"SELECT ?x WHERE {{ ?x a {cls} }}")})


def local(iri):
    if iri.startswith(BASE + "concept/"):
        return "/concept/" + iri[len(BASE + "concept/"):]
    return "/" + iri[len(BASE):]


def page(client, path, **headers):
    r = client.get(path, headers={"accept": "text/html", **headers})
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def visible(text):
    """The page's text without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def test_home_counts_what_the_graph_holds(client, store):
    text = page(client, "/")
    shown = dict(re.findall(r'<tr id="count-(\w+)">.*?data-count="(\d+)"', text))

    def n(pattern):
        # an independent formulation: the distinct subjects, counted in Python
        return len({r[0] for r in select(store, f"SELECT ?x WHERE {{ {pattern} }}")})

    expected = {
        "notes": n("?x a idm:DiscussionNote ; idm:hasParagraph ?p"),
        "paragraphs": n("?x a idm:Paragraph"), "years": n("?x a idm:DialogueYear"),
        "themes": n("?x a idm:Theme"), "topics": n("?x a idm:WorkshopTopic"),
        "workshops": n("?x a idm:IntersessionalWorkshop"), "proposals": n("?x a idm:Proposal"),
        "meetings": n("?x a idm:Meeting"), "evidence": n("?x a idm:Evidence"),
        "concepts": n("?x skos:inScheme <https://w3id.org/idmkg/concept/> ; a skos:Concept"),
    }
    for key, value in expected.items():
        assert int(shown[key]) == value, key
    assert expected["notes"] == 5 and expected["themes"] >= 5 and expected["evidence"] > 500
    triples = len({(r[0], r[1], r[2]) for r in select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")})
    assert int(shown["triples"]) == triples
    for link in ("/queries", "/sparql", "/lineage"):
        assert f'href="{link}"' in text
    for cls in ("idm:DialogueYear", "idm:Theme", "idm:IntersessionalWorkshop"):
        for iri in iris(store, cls):
            assert f'href="{local(iri)}"' in text, iri
    assert text.count("<h1>") == 1 and '<html lang="en">' in text


def test_every_main_entity_has_a_page_with_its_label(client, store):
    kinds = ["idm:DialogueYear", "idm:Theme", "idm:WorkshopTopic", "idm:IntersessionalWorkshop",
             "idm:InformalConsultation", "idm:CouncilSession", "idm:Conference", "idm:Proposal"]
    todo = [i for k in kinds for i in iris(store, k)]
    todo += [r[0].value for r in select(store, "SELECT DISTINCT ?x WHERE { ?x a idm:DiscussionNote ; idm:hasParagraph ?p }")]
    todo += [r[0].value for r in select(store, "SELECT DISTINCT ?x WHERE { ?x skos:inScheme <https://w3id.org/idmkg/concept/> }")]
    assert len(todo) > 100
    for iri in todo:
        text = page(client, local(iri))
        labels = {r[0].value for r in select(store, f"SELECT ?l WHERE {{ {{ <{iri}> skos:prefLabel ?l }} UNION "
                                                    f"{{ <{iri}> rdfs:label ?l }} }}")}
        h1 = visible(re.search(r"<h1>(.*?)</h1>", text, re.S).group(1))
        assert h1 in labels, (iri, h1, labels)
        assert text.count("<h1>") == 1 and iri in text
        assert '<section id="facts">' in text and '<section id="referred-by">' in text


@pytest.mark.parametrize("media", list(RDF_TYPES))
def test_rdf_by_accept_and_by_format(client, store, media):
    iri = BASE + "id/theme/migration-social-change"
    expected = {(rdflib.URIRef(iri), rdflib.URIRef(q.predicate.value), _rdflib(q.object))
                for q in store.quads_for_pattern(pyoxigraph.NamedNode(iri), None, None, None)}
    short = {"text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
             "application/rdf+xml": "rdf"}[media]
    for r in (client.get(local(iri), headers={"accept": media}),
              client.get(local(iri) + f"?format={short}", headers={"accept": "text/html"})):
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        assert "accept" in r.headers["vary"].lower()
        g = rdflib.Graph().parse(data=r.content, format=RDF_TYPES[media])
        assert expected <= set(g), expected - set(g)
        # the evidence annotations come along, with their quotes
        quotes = set(g.objects(None, rdflib.URIRef("http://www.w3.org/ns/oa#exact")))
        assert rdflib.Literal("Migration and Social Change") in quotes


def _rdflib(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if dt.endswith("#string") else rdflib.URIRef(dt))


def test_headers_and_negotiation(client):
    r = client.get("/id/year/2010", headers={"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["vary"] == "Accept"
    assert '</id/year/2010?format=ttl>; rel="alternate"; type="text/turtle"' in r.headers["link"]
    r = client.get("/id/year/2010", headers={"accept": "application/ld+json;q=1, text/html;q=0.5"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert client.get("/id/year/2010", headers={"accept": "image/png"}).status_code == 406
    assert client.get("/id/year/2010?format=png").status_code == 406


def test_unknown_and_hostile_paths_are_404_without_echo(client):
    for path in ("/id/theme/no-such-theme", "/id/%3Cscript%3Ealert(1)%3C/script%3E", "/id/a%22b", "/id/a%20b",
                 "/id/" + "x/" * 2000, "/concept/%3Cb%3E", "/graph/nope", "/id/theme/x%0Ay", "/no/such/page"):
        for accept in ("text/html", "text/turtle"):
            r = client.get(path, headers={"accept": accept})
            assert r.status_code == 404, (path, accept, r.status_code)
            assert "<script" not in r.text and "<b>" not in r.text and "a\"b" not in r.text
            assert "Traceback" not in r.text
        assert r.headers["content-type"].startswith("text/plain") and len(r.text.splitlines()) == 1
    r = client.get("/id/%3Cscript%3E", headers={"accept": "text/html"})
    assert r.headers["content-type"].startswith("text/html") and "<h1>Not found</h1>" in r.text
    r = client.post("/id/year/2010", headers={"accept": "text/html"})
    assert r.status_code == 405 and "<h1>" in r.text


def test_theme_links_to_the_paragraph_that_proposed_it_with_the_quote_marked(client):
    home = page(client, "/")
    themes = re.search(r'<section id="themes">(.*?)</section>', home, re.S).group(1)
    theme_href = re.search(r'href="(/id/theme/[^"]+)"', themes).group(1)
    theme = page(client, theme_href)
    proposals = re.search(r'<section id="proposals">(.*?)</section>', theme, re.S).group(1)
    link = re.search(r'<q>(.*?)</q> — <a class="evidence" href="([^"]+)">', proposals)
    assert link, proposals[:500]
    quote, target = html.unescape(link.group(1)), html.unescape(link.group(2))
    path, anchor = target.split("#")
    assert re.match(r"^/id/note/[^/]+/p/\d+$", path) and anchor.startswith("e-")
    para = page(client, path)
    marks = [visible(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", para, re.S)]
    assert any(quote in m for m in marks), (quote, marks)
    assert f'id="{anchor}"' in para
    # the "stated in" links lead to paragraph pages too
    for stated in re.findall(r'class="stated-in" href="([^"]+)"', proposals):
        assert '<article class="paragraph"' in page(client, stated)


def test_note_lists_all_its_paragraphs_in_order_with_facts(client, store):
    note = BASE + "id/note/IC-2009-10"
    numbers = sorted(int(r[0].value) for r in select(store, f"SELECT DISTINCT ?n WHERE {{ <{note}> idm:hasParagraph ?p . "
                                                                f"?p idm:number ?n }}"))
    text = page(client, local(note))
    shown = [int(n) for n in re.findall(r'<article class="paragraph" id="p-(\d+)">', text)]
    assert shown == numbers and len(numbers) >= 10
    assert text.count('class="drawn"') > 5 and "<mark" in text


def test_paragraph_page_marks_every_quote_and_links_around(client, store):
    para = BASE + "id/note/IC-2009-10/p/8"
    text = page(client, local(para))
    body = re.search(r'<article class="paragraph" id="p-8">(.*?)</article>', text, re.S).group(1)
    quotes = {r[0].value for r in select(store, f"SELECT ?q WHERE {{ ?t <http://www.w3.org/ns/oa#hasSource> <{para}> ; "
                                                f"<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?q }}")}
    marks = [visible(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", body, re.S)]
    for q in quotes:
        assert any(q in m for m in marks), q
    plain = visible(body)
    assert select(store, f"SELECT ?t WHERE {{ <{para}> idm:text ?t }}")[0][0].value in plain
    assert 'href="/id/note/IC-2009-10/p/7"' in text and 'href="/id/note/IC-2009-10/p/9"' in text
    assert '<section id="drawn">' in text


def test_concept_and_graph_pages(client):
    text = page(client, "/concept/return-migration")
    assert '<section id="discussed">' in text and 'href="/concept/forms-of-migration"' in text
    assert re.search(r'href="/id/note/[^"]+/p/\d+"', text)
    assert "return migration" in page(client, "/concept/")
    text = page(client, "/graph/note/IC-2009-10")
    assert "idm:Paragraph" in text
    r = client.get("/graph/derived?format=nt")
    assert r.status_code == 200 and len(rdflib.Graph().parse(data=r.text, format="nt")) > 100


def test_lineage_page(client):
    r = client.get("/lineage", headers={"accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<svg" in r.text and 'href="/"' in r.text
    assert "<script src" not in r.text and "http://" not in r.text.split("<svg")[0]
    assert '"href":"/id/theme/' in r.text     # the details panel links to the entity pages


def test_a_server_error_shows_no_traceback(client, built_trig, monkeypatch):
    from starlette.testclient import TestClient

    from idmkg.server import pages

    def broken(snap, iri):
        raise RuntimeError("secret internals <b>")

    monkeypatch.setattr(pages, "entity_data", broken)
    monkeypatch.setattr(pages, "description", broken)
    app = create_app(ServerConfig(graph=Path(built_trig), workers=1, reload_interval=0))
    inner = client.app.app if hasattr(client.app, "app") else client.app
    (app.app if hasattr(app, "app") else app).state.snapshot = inner.state.snapshot
    other = TestClient(app, raise_server_exceptions=False)   # no start-up: borrows the loaded snapshot
    r = other.get("/id/year/2010", headers={"accept": "text/html"})
    assert r.status_code == 500 and r.headers["content-type"].startswith("text/html") and "<h1>Server error</h1>" in r.text
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    r = other.get("/id/year/2010", headers={"accept": "text/turtle"})   # a program: one line of text
    assert r.status_code == 500 and r.headers["content-type"].startswith("text/plain")
    assert "secret" not in r.text and len(r.text.splitlines()) == 1


@pytest.mark.parametrize("name", ["provenance", "paragraphs-about"])
def test_canned_query_page_runs_the_oxigraph_form_and_gives_run_querys_rows(client, built_trig, monkeypatch, name):
    """A canned query that asks for LATERAL lookups (its ``#@ oxigraph: lateral-optionals`` line)
    is sent to the Oxigraph workers in that form, as run_query does on a graph file; the rows
    are the same as run_query's."""
    import json

    from idmkg.queries import get_query, run_query
    from idmkg.results import from_sparql_json

    app = client.app.app if hasattr(client.app, "app") else client.app
    pool = app.state.pool
    sent = []
    real_run = pool.run

    async def recording_run(job):
        sent.append(job.query)
        return await real_run(job)

    monkeypatch.setattr(pool, "run", recording_run)
    params = {p.name: p.example for p in get_query(name).params if p.example is not None}
    r = client.get(f"/queries/{name}", params={"run": "1", "format": "json", **params})
    assert r.status_code == 200, r.text[:300]
    assert len(sent) == 1 and "LATERAL" in sent[0]
    served = from_sparql_json(json.loads(r.text))
    here = run_query(name, params, graph=Path(built_trig))
    assert served.vars == here.vars
    assert served.key(canonical=True) == here.key(canonical=True)
