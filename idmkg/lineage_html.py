"""The theme lineage as one self-contained, interactive HTML page: the SVG drawing of
:mod:`idmkg.lineage_draw` inline, the lineage's data as JSON, and a little plain JavaScript.
No CDN, no web font, no request of any kind: it works offline from a file.

Hovering a box or an arrow shows what the notes say about it (the transition in words, the
note and paragraph, and the paragraph itself with the quoted words marked) and dims what is
not in its lineage; a click pins the details in the side panel (Escape unpins).
"""
from __future__ import annotations

import html
import io
import json

from . import lineage as L
from .lineage_draw import NODE_STYLE, draw

CSS = """
:root { --ink: #263238; --muted: #546e7a; --line: #cfd8dc; --mark: #fff59d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", Verdana, sans-serif; color: var(--ink); background: #fff; }
header { padding: 14px 20px 6px; }
h1 { font-size: 20px; margin: 0 0 4px; }
header p { margin: 4px 0; color: var(--muted); max-width: 70em; }
.facts { display: flex; flex-wrap: wrap; gap: 8px 28px; padding: 4px 20px 10px; }
.facts section { flex: 1 1 22em; max-width: 46em; }
.facts h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 6px 0 2px; }
.facts ul { margin: 0; padding-left: 1.2em; }
.facts li { margin: 1px 0; }
main { display: flex; align-items: flex-start; gap: 12px; padding: 0 12px 20px; }
#figure { flex: 1 1 auto; min-width: 0; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
#figure svg { display: block; max-width: none; }
#figure svg [tabindex]:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
#figure.fit svg { width: 100%; height: auto; }
#details { flex: 0 0 24em; position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto;
           border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: #fafbfb; }
#details .hint { color: var(--muted); }
#tip { position: fixed; z-index: 10; display: none; max-width: 30em; max-height: 60vh; overflow: hidden;
       background: #fff; border: 1px solid #90a4ae; border-radius: 6px; padding: 8px 10px;
       box-shadow: 0 4px 14px rgba(0,0,0,.18); pointer-events: none; font-size: 13px; }
.kicker { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.title { font-weight: bold; margin: 2px 0 4px; }
.alt, .iri, .src { color: var(--muted); font-size: 12px; }
.iri { word-break: break-all; margin-top: 6px; }
.edge { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 5px; }
.what { font-weight: bold; }
.end { margin-top: 6px; font-style: italic; }
blockquote.para { margin: 4px 0 2px; padding: 4px 8px; border-left: 3px solid #b0bec5; background: #f5f7f8; }
mark { background: var(--mark); padding: 0 1px; }
.more { color: var(--muted); font-size: 12px; margin-top: 4px; }
svg g.dim { opacity: .16; transition: opacity .12s; }
button { font: inherit; font-size: 12px; margin-left: 8px; }
"""

JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lineage-data").textContent);
  var figure = document.getElementById("figure");
  var svg = figure.querySelector("svg");
  var tip = document.getElementById("tip");
  var panel = document.getElementById("details");
  var hint = panel.innerHTML;
  var pinned = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function itemId(node) {
    while (node && node !== svg && node.nodeType === 1) {
      if (node.id) {
        var m = /^(lin-(?:node|edge)-\d+)(?:-t\d+)?$/.exec(node.id);
        if (m && data.items[m[1]]) { return m[1]; }
      }
      node = node.parentNode;
    }
    return null;
  }
  // thin arrows get a wide, invisible stroke to hover
  Object.keys(data.items).forEach(function (id) {
    if (id.indexOf("lin-edge-") !== 0) { return; }
    var g = document.getElementById(id);
    var path = g && g.querySelector("path");
    if (!path) { return; }
    var hit = path.cloneNode(false);
    hit.removeAttribute("id");
    hit.setAttribute("style", "fill:none;stroke:#000;stroke-opacity:0;stroke-width:10;pointer-events:stroke");
    g.appendChild(hit);
  });
  // the keyboard reaches every box and arrow (Tab); focus pins its details in the panel
  svg.setAttribute("role", "group");
  svg.setAttribute("aria-label", "Theme lineage drawing: Tab through the boxes and arrows to read each one's details");
  Object.keys(data.items).forEach(function (id) {
    var g = document.getElementById(id);
    if (!g) { return; }
    var item = data.items[id];
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", item.kicker + ": " + item.title);
    g.addEventListener("focus", function () { pin(id); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pin(id); }
    });
  });
  function pin(id) {
    pinned = id;
    render(id, panel, 0);
    highlight(id);
  }
  function paragraph(edge) {
    var box = el("blockquote", "para");
    var text = edge.source_text || "", quote = edge.quote || "";
    var at = quote ? text.indexOf(quote) : -1;
    if (at < 0) {
      box.appendChild(document.createTextNode(text || quote));
    } else {
      box.appendChild(document.createTextNode(text.slice(0, at)));
      box.appendChild(el("mark", null, quote));
      box.appendChild(document.createTextNode(text.slice(at + quote.length)));
    }
    return box;
  }
  function edgeBlock(edge, full) {
    var div = el("div", "edge");
    div.appendChild(el("div", "what", edge.text));
    var where = edge.paragraph_label;
    if (edge.evidence > 1) { where += " (" + edge.evidence + " quotes: " + edge.sources + ")"; }
    div.appendChild(el("div", "src", where));
    if (full) { div.appendChild(paragraph(edge)); }
    return div;
  }
  function render(id, target, limit) {
    var item = data.items[id];
    var edges = item.edges;
    target.textContent = "";
    target.appendChild(el("div", "kicker", item.kicker));
    target.appendChild(el("div", "title", item.title));
    if (item.alt) { target.appendChild(el("div", "alt", "also worded: " + item.alt)); }
    var shown = limit ? edges.slice(0, limit) : edges;
    shown.forEach(function (i, k) { target.appendChild(edgeBlock(data.edges[i], !limit || k < 2)); });
    if (shown.length < edges.length) {
      target.appendChild(el("div", "more", (edges.length - shown.length) + " more: click to pin the details"));
    }
    if (item.end) { target.appendChild(el("div", "end", item.end)); }
    if (item.iri && !limit) { target.appendChild(el("div", "iri", item.iri)); }
  }
  function highlight(id) {
    var keep = id ? data.items[id].related : null;
    Object.keys(data.items).forEach(function (other) {
      var dim = keep !== null && keep.indexOf(other) < 0;
      data.items[other].parts.forEach(function (gid) {
        var g = document.getElementById(gid);
        if (g) { g.classList.toggle("dim", dim); }
      });
    });
  }
  function place(ev) {
    var pad = 14, w = tip.offsetWidth, h = tip.offsetHeight;
    var x = ev.clientX + pad, y = ev.clientY + pad;
    if (x + w > window.innerWidth - 4) { x = Math.max(4, ev.clientX - w - pad); }
    if (y + h > window.innerHeight - 4) { y = Math.max(4, window.innerHeight - h - 4); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hide() {
    tip.style.display = "none";
    highlight(pinned);
  }
  svg.addEventListener("mouseover", function (ev) {
    var id = itemId(ev.target);
    if (!id) { hide(); return; }
    render(id, tip, 3);
    tip.style.display = "block";
    place(ev);
    highlight(id);
  });
  svg.addEventListener("mousemove", function (ev) { if (tip.style.display === "block") { place(ev); } });
  svg.addEventListener("mouseleave", hide);
  svg.addEventListener("click", function (ev) {
    var id = itemId(ev.target);
    pinned = id;
    if (id) { render(id, panel, 0); } else { panel.innerHTML = hint; }
    highlight(pinned);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; panel.innerHTML = hint; highlight(null); }
  });
  document.getElementById("zoom").addEventListener("click", function () {
    figure.classList.toggle("fit");
    this.textContent = figure.classList.contains("fit") ? "Actual size" : "Fit to width";
  });
  document.documentElement.setAttribute("data-lineage-ready", "yes");
}());
"""


EDGE_NOUNS = {"proposed-for": "proposed", "proposed-again": "proposed again", "selected-as": "selected",
              "not-selected": "not selected", "taken-up-as-workshop": "taken up as workshop",
              "merged-into": "merged into workshop", "workshop-of": "workshop of the year", "builds-on": "builds on",
              "renamed": "renamed", "note-for": "note about the year"}


def page_data(G, drawing, link=None) -> dict:
    """What the page's script needs: every model edge in words with its source paragraph,
    and for every hoverable SVG id its kicker, title, edges, lineage and the ids it covers.
    With ``link`` (IRI -> URL or None), nodes and edges also carry ``href``: the page of the
    node, of the edge's source paragraph."""
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges, edge_index = [], {}
    for u, v, k, d in G.edges(keys=True, data=True):
        edge_index[(u, v, k)] = len(edges)
        edges.append({"source": u, "target": v, "kind": k, "text": L.describe_edge(G, u, v, k),
                      "note_label": d["note_label"], "paragraph_label": d["paragraph_label"],
                      "quote": d["quote"], "source_text": d["source_text"], "evidence": d["evidence"],
                      "sources": d["sources"]})
        if link is not None:
            edges[-1]["href"] = link(d["paragraph"]) if d.get("paragraph") else None
    route_ids = {}
    for i, (route, _) in enumerate(drawing.edges):
        route_ids.setdefault(route.source, []).append((f"lin-edge-{i}", route))
        route_ids.setdefault(route.target, []).append((f"lin-edge-{i}", route))
    node_gid = {n: f"lin-node-{index[n]}" for n in nodes if n in drawing.boxes}

    def routes_among(members: set[str]) -> list[str]:
        return sorted({gid for n in members for gid, r in route_ids.get(n, [])
                       if r.source in members and r.target in members})

    items = {}
    for n, gid in node_gid.items():
        d = G.nodes[n]
        kind = d["kind"]
        if kind in L.CANDIDATE_KINDS:
            line = L.lineage_of(G, n)
            members = line.nodes
            mine = [edge_index[(s.source, s.target, s.kind)] for s in line.steps]
            end = line.end
        elif kind == "note":
            mine = [i for i, e in enumerate(edges) if G.edges[e["source"], e["target"], e["kind"]]["note"] == n
                    and e["kind"] != "note-for"]
            members = {n} | {edges[i]["source"] for i in mine} | {edges[i]["target"] for i in mine}
            end = ""
        else:
            mine = [edge_index[(u, v, k)] for u, v, k in list(G.in_edges(n, keys=True)) + list(G.out_edges(n, keys=True))
                    if k != "note-for"]
            members = {n} | {edges[i]["source"] for i in mine} | {edges[i]["target"] for i in mine}
            end = ""
        what = {"theme": "overarching theme", "topic": "workshop topic", "workshop": f"workshop {n.split(':')[-1]}",
                "year": "dialogue year", "note": "discussion note"}[kind]
        state = NODE_STYLE.get(d["state"], NODE_STYLE["proposed"])[4] if kind not in ("year", "note") else ""
        title = d.get("held_title") or d["label"]
        items[gid] = {"type": "node", "node": n, "kicker": f"{what}{' · ' + state if state else ''}",
                      "title": title, "alt": d.get("alt_labels", ""), "iri": d["iri"], "end": end,
                      "edges": sorted(set(mine), key=lambda i: (edges[i]["kind"] == "note-for", i)),
                      "related": sorted({node_gid[m] for m in members if m in node_gid} | set(routes_among(members))),
                      "parts": [gid] + [f"{gid}-t{k}" for k in range(len(drawing.node_texts.get(n, [])))]}
        if link is not None:
            items[gid]["href"] = link(d["iri"]) if d.get("iri") else None
    for i, (route, _) in enumerate(drawing.edges):
        gid = f"lin-edge-{i}"
        mine = [edge_index[(route.source, route.target, k)] for k in route.keys]
        items[gid] = {"type": "edge", "kicker": " · ".join(EDGE_NOUNS.get(k, k) for k in route.keys),
                      "title": f"{_title(G, route.source)} → {_title(G, route.target)}", "alt": "", "iri": "",
                      "end": "", "edges": mine,
                      "related": sorted({gid, node_gid.get(route.source, ""), node_gid.get(route.target, "")} - {""}),
                      "parts": [gid]}
    return {"edges": edges, "items": items}


def _title(G, n: str) -> str:
    d = G.nodes[n]
    return f"workshop {n.split(':')[-1]}" if d["kind"] == "workshop" else d["label"]


def _facts(G) -> str:
    a = L.analysis(G)
    parts = []
    rep = [f"{html.escape(r['label'])}: " + ", ".join(
        f"IDM {p['year']} ({p['outcome'].replace('-', ' ') or 'no outcome recorded'})" for p in r["proposals"])
        for r in a["proposed_more_than_once"]]
    parts.append(("Proposed more than once", rep or ["none"]))
    never = [f"IDM {r['year']}: {html.escape(r['label'])} ({r['outcome'].replace('-', ' ')})"
             for r in a["never_taken_up"]]
    parts.append(("Proposals never taken up", never or ["none"]))
    chains = [html.escape(c["text"]) + f" ({c['first_year']}–{c['last_year']})" if c["first_year"] != c["last_year"]
              else html.escape(c["text"]) for c in a["longest_chains"]]
    parts.append(("Longest chains", chains or ["none"]))
    return "\n".join(
        f"<section><h2>{title}</h2><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul></section>"
        for title, items in parts)


#: what the script adds when the page is served with links to entity pages (see ``to_html``)
LINK_JS = (
    'if (item.href && !limit) { var a = el("a", "page", "Open the page of " + item.title); '
    'a.href = item.href; var p = el("p", "open"); p.appendChild(a); target.appendChild(p); }\n    ',
    'if (full && edge.href) { var a = el("a", "page", "Read " + edge.paragraph_label); a.href = edge.href; '
    'var p = el("div", "src"); p.appendChild(a); div.appendChild(p); }\n    ')


def to_html(G, title: str | None = None, link=None, nav: str | None = None) -> str:
    """The page, as text. ``link`` (IRI -> URL or None) makes the details panel link each
    box to its page and each transition to its paragraph's page; ``nav`` is HTML put at the
    top of the page (a way back to a site). Without them, the standalone page as ever."""
    import matplotlib

    from .lineage_draw import RC, default_title, subtitle

    drawing = draw(G, title, ids=True)
    buf = io.StringIO()
    with matplotlib.rc_context(RC):
        drawing.fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "idmkg"})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    data = json.dumps(page_data(G, drawing, link), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("</", "<\\/")
    heading = html.escape(title or default_title(G))
    script = JS
    if link is not None:
        script = script.replace("if (item.iri && !limit) {", LINK_JS[0] + "if (item.iri && !limit) {", 1)
        script = script.replace("    if (full) { div.appendChild(paragraph(edge)); }\n",
                                "    if (full) { div.appendChild(paragraph(edge)); }\n    " + LINK_JS[1], 1)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>{heading}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{nav or ''}"
        f"<header><h1>{heading}</h1>\n<p>{html.escape(subtitle(G))}</p>\n"
        "<p>Hover over a box or an arrow to read what the notes say and see its lineage; click to pin "
        "the details on the right (Escape to unpin).<button id=\"zoom\" type=\"button\">Fit to width</button></p>"
        "</header>\n"
        f"<div class=\"facts\">{_facts(G)}</div>\n"
        f"<main><div id=\"figure\">{svg}</div>\n"
        "<aside id=\"details\"><p class=\"hint\">Click a box or an arrow to keep its details here: the "
        "transitions in words, the note and paragraph each comes from, and the paragraph itself with "
        "the quoted words marked.</p></aside></main>\n"
        "<div id=\"tip\" role=\"tooltip\"></div>\n"
        f"<script type=\"application/json\" id=\"lineage-data\">{data}</script>\n"
        f"<script>{script}</script>\n</body>\n</html>\n")
