"""Human-readable documentation of the ontology, the controlled vocabularies and the concept
scheme: one self-contained HTML page (inline CSS, no scripts, nothing fetched), with every
class, property, controlled value and concept, its definition, its place in the hierarchy,
and examples taken from the built graph.

pyLODE was tried first: its last release for Python 3.11 (3.4.1) fails on import (it reads a
pyproject.toml that is not installed), later ones need Python >= 3.12, and it documents
neither SKOS concept schemes with the ontology nor instances, so the page is made here.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .namespaces import DEFAULT_BASE, IDM, IDMC, export_prefixes

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import BuildResult

ONTOLOGY_IRI = URIRef("https://w3id.org/idmkg/ontology")
EXAMPLES = 3
#: properties of the evidence annotations themselves: their examples may be evidence
EVIDENCE_PROPERTIES = {IDM.supportsProperty, IDM.supportsValue}
PROPERTY_KINDS = [(OWL.ObjectProperty, "Object properties", "object property"),
                  (OWL.DatatypeProperty, "Data properties", "data property"),
                  (OWL.AnnotationProperty, "Annotation properties", "annotation property"),
                  (RDF.Property, "Other properties", "property")]  # e.g. values that are things or literals
CHARACTERISTICS = [(OWL.FunctionalProperty, "functional"), (OWL.InverseFunctionalProperty, "inverse functional"),
                   (OWL.TransitiveProperty, "transitive"), (OWL.SymmetricProperty, "symmetric")]

CSS = """
:root { --ink: #1d2530; --muted: #5b6675; --rule: #d8dee6; --accent: #0b5cad; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #fff; }
header { background: var(--ink); color: #fff; padding: 1.5rem 2rem; }
header h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
header p { margin: .2rem 0; color: #d0d7e0; max-width: 60rem; }
header a { color: #9cc7f5; }
.layout { display: flex; align-items: flex-start; }
nav { position: sticky; top: 0; width: 17rem; max-height: 100vh; overflow: auto; padding: 1rem 1.2rem;
      border-right: 1px solid var(--rule); background: var(--bg); font-size: .9rem; flex: none; }
nav ul { list-style: none; padding-left: .8rem; margin: .2rem 0 .6rem; }
nav > ul { padding-left: 0; }
nav a { color: var(--ink); text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 1rem 2rem 4rem; max-width: 62rem; min-width: 0; }
h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.5rem; }
section.term { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem 1rem .8rem; margin: 1rem 0; }
section.term:target { border-color: var(--accent); box-shadow: 0 0 0 3px #cfe3f8; }
section.term h3 { margin: .2rem 0 .1rem; font-size: 1.15rem; }
.iri { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; color: var(--muted);
       word-break: break-all; }
.kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-left: .5rem; }
.definition { margin: .4rem 0; }
.comment { color: var(--muted); margin: .3rem 0; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem 1rem; margin: .5rem 0; font-size: .93rem; }
dt { color: var(--muted); }
dd { margin: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; background: var(--bg);
       padding: 0 .2em; border-radius: 3px; }
table { border-collapse: collapse; font-size: .9rem; margin: .6rem 0; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--bg); }
ul.examples { margin: .2rem 0; padding-left: 1.1rem; }
blockquote { margin: .2rem 0 .4rem; padding: .2rem .8rem; border-left: 3px solid var(--rule); color: var(--muted);
             font-size: .9rem; }
mark { background: #fff1a8; color: inherit; }
.tree ul { padding-left: 1.2rem; }
footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; }
"""


def esc(text) -> str:
    return html.escape(str(text), quote=True)


class Page:
    """What the page needs from the graphs: labels, anchors, examples."""

    def __init__(self, schema: Graph, data: Graph, base: str):
        self.schema, self.data, self.base = schema, data, base
        self.prefixes = sorted(export_prefixes(base).items(), key=lambda kv: -len(kv[1]))

    # -- names ---------------------------------------------------------------------
    def curie(self, iri) -> str:
        text = str(iri)
        for prefix, ns in self.prefixes:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return text

    def anchor(self, iri) -> str | None:
        text = str(iri)
        if text.startswith(str(IDM)) and (iri, None, None) in self.schema:
            return text[len(str(IDM)):]
        if text.startswith(str(IDMC)) and (iri, RDF.type, SKOS.Concept) in self.schema:
            return "concept-" + text[len(str(IDMC)):]
        if text == str(IDMC):
            return "concepts"
        return None

    def label(self, iri, graph: Graph | None = None) -> str:
        for g in ([graph] if graph is not None else []) + [self.schema, self.data]:
            for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title):
                values = sorted(g.objects(iri, p), key=lambda v: (getattr(v, "language", None) != "en", str(v)))
                if values:
                    return str(values[0])
        return self.curie(iri)

    def ref(self, iri) -> str:
        """A link to a documented term, else its prefixed name."""
        if isinstance(iri, Literal):
            return f"<code>{esc(iri)}</code>"
        target = self.anchor(iri)
        if target is None:
            return f"<code>{esc(self.curie(iri))}</code>"
        text = self.curie(iri) if str(iri).startswith(str(IDM)) else self.label(iri)
        return f'<a href="#{esc(target)}"><code>{esc(text)}</code></a>' if str(iri).startswith(str(IDM)) else \
            f'<a href="#{esc(target)}">{esc(text)}</a>'

    def refs(self, iris) -> str:
        return ", ".join(self.ref(i) for i in sorted(set(iris), key=str))

    def thing(self, iri) -> str:
        """An instance from the graph: its label, with its IRI on hover and below."""
        if not isinstance(iri, URIRef):
            return f"<code>{esc(iri)}</code>"
        if self.anchor(iri):
            return self.ref(iri)
        return f'{esc(self.label(iri))} <span class="iri">&lt;{esc(iri)}&gt;</span>'

    def text(self, iri, prop) -> list[str]:
        return [str(v) for v in sorted(self.schema.objects(iri, prop), key=str)]


def _terms(schema: Graph, cls: URIRef) -> list[URIRef]:
    owl_kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted((s for s in set(schema.subjects(RDF.type, cls))
                   if isinstance(s, URIRef) and str(s).startswith(str(IDM))
                   and not (cls == RDF.Property and any((s, RDF.type, k) in schema for k in owl_kinds))),
                  key=lambda s: str(s).lower())


def _header_rows(page: Page, iri, rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
    return f"<dl>{body}</dl>" if body else ""


def _term_section(page: Page, iri, kind: str, rows: list[tuple[str, str]], extra: str = "") -> str:
    anchor = page.anchor(iri)
    out = [f'<section class="term" id="{esc(anchor)}">',
           f"<h3>{esc(page.label(iri))}<span class=\"kind\">{esc(kind)}</span></h3>",
           f'<div class="iri">{esc(iri)}</div>']
    for d in page.text(iri, SKOS.definition):
        out.append(f'<p class="definition">{esc(d)}</p>')
    for c in page.text(iri, RDFS.comment) + page.text(iri, SKOS.scopeNote):
        out.append(f'<p class="comment">{esc(c)}</p>')
    out.append(_header_rows(page, iri, rows))
    out.append(extra)
    out.append("</section>")
    return "\n".join(x for x in out if x)


def _class_section(page: Page, cls: URIRef) -> str:
    s, d = page.schema, page.data
    members = sorted({m for m in d.subjects(RDF.type, cls) if isinstance(m, URIRef)}, key=str)
    rows = [
        ("subclass of", page.refs(s.objects(cls, RDFS.subClassOf))),
        ("superclass of", page.refs(s.subjects(RDFS.subClassOf, cls))),
        ("equivalent to", page.refs(s.objects(cls, OWL.equivalentClass))),
        ("disjoint with", page.refs(set(s.objects(cls, OWL.disjointWith)) | set(s.subjects(OWL.disjointWith, cls)))),
        ("domain of", page.refs(s.subjects(RDFS.domain, cls))),
        ("range of", page.refs(s.subjects(RDFS.range, cls))),
        ("in the graph", f"{len(members)} (subclasses included)"),
    ]
    examples = "".join(f"<li>{page.thing(m)}</li>" for m in members[:EXAMPLES])
    extra = f'<div>Examples:</div><ul class="examples">{examples}</ul>' if examples else ""
    return _term_section(page, cls, "class", rows, extra)


def _property_section(page: Page, prop: URIRef, kind: str) -> str:
    s, d = page.schema, page.data
    traits = [name for cls, name in CHARACTERISTICS if (prop, RDF.type, cls) in s]
    uses = sorted(d.subject_objects(prop), key=lambda so: ((so[0], RDF.type, IDM.Evidence) in d and prop not in
                                                             EVIDENCE_PROPERTIES, str(so[0]), str(so[1])))
    rows = [
        ("domain", page.refs(s.objects(prop, RDFS.domain))),
        ("range", page.refs(s.objects(prop, RDFS.range))),
        ("sub-property of", page.refs(s.objects(prop, RDFS.subPropertyOf))),
        ("super-property of", page.refs(s.subjects(RDFS.subPropertyOf, prop))),
        ("inverse of", page.refs(set(s.objects(prop, OWL.inverseOf)) | set(s.subjects(OWL.inverseOf, prop)))),
        ("characteristics", esc(", ".join(traits))),
        ("in the graph", f"{len(uses)} statement(s)"),
    ]
    examples = "".join(f"<li>{page.thing(a)} → {page.thing(b) if isinstance(b, URIRef) else _literal(b)}</li>"
                       for a, b in _spread(uses))
    extra = f'<div>Examples:</div><ul class="examples">{examples}</ul>' if examples else ""
    return _term_section(page, prop, kind, rows, extra)


def _spread(uses: list) -> list:
    """Up to EXAMPLES uses with different subjects where there are some."""
    out, seen = [], set()
    for a, b in uses:
        if a not in seen:
            out.append((a, b))
            seen.add(a)
        if len(out) == EXAMPLES:
            break
    return out


def _literal(value: Literal) -> str:
    text = str(value)
    text = text if len(text) <= 160 else text[:157] + "…"
    suffix = f"@{value.language}" if value.language else ""
    return f"<code>{esc(text)}</code>{esc(suffix)}"


def _excerpt(text: str, labels: list[str], width: int = 110) -> str:
    """The words around the first label found in ``text``, the label marked."""
    lower = text.lower()
    best = None
    for label in sorted(labels, key=len, reverse=True):
        m = re.search(r"\b" + re.escape(label.lower()) + r"\b", lower)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        short = text[: 2 * width]
        return esc(short) + ("…" if len(text) > len(short) else "")
    start, end = max(0, best[0] - width), min(len(text), best[1] + width)
    return (("…" if start else "") + esc(text[start:best[0]]) + f"<mark>{esc(text[best[0]:best[1]])}</mark>"
            + esc(text[best[1]:end]) + ("…" if end < len(text) else ""))


def _concept_section(page: Page, concept: URIRef) -> str:
    s, d = page.schema, page.data
    alt = sorted(str(v) for v in s.objects(concept, SKOS.altLabel))
    words = [str(v) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for v in s.objects(concept, p)]
    paragraphs = sorted(set(d.subjects(IDM.discusses, concept)), key=str)
    uses = sorted({(a, p) for a, p, _ in d.triples((None, None, concept)) if p != IDM.discusses
                   and p not in (SKOS.inScheme, SKOS.topConceptOf, SKOS.broader, SKOS.narrower, SKOS.related,
                                 SKOS.hasTopConcept, RDFS.isDefinedBy)
                   and (a, RDF.type, IDM.Evidence) not in d},  # the facts, not the evidence for them
                  key=lambda ap: (str(ap[0]), str(ap[1])))
    rows = [
        ("also called", esc("; ".join(alt))),
        ("in scheme", page.refs(s.objects(concept, SKOS.inScheme))),
        ("instance of", page.refs(o for o in s.objects(concept, RDF.type) if o != SKOS.Concept)),
        ("broader", page.refs(s.objects(concept, SKOS.broader))),
        ("narrower", page.refs(s.objects(concept, SKOS.narrower))),
        ("related", page.refs(s.objects(concept, SKOS.related))),
        ("in the graph", f"discussed in {len(paragraphs)} paragraph(s)" if str(concept).startswith(str(IDMC))
         else f"value of {len(uses)} statement(s)"),
    ]
    items = []
    for p in paragraphs[:EXAMPLES]:
        text = str(d.value(p, IDM.text) or "")
        items.append(f"<li>{esc(page.label(p))} <span class=\"iri\">&lt;{esc(p)}&gt;</span>"
                     f"<blockquote>{_excerpt(text, words)}</blockquote></li>")
    for a, p in _spread(uses):
        items.append(f"<li>{page.thing(a)} — {page.ref(p)}</li>")
    extra = f'<div>Examples:</div><ul class="examples">{"".join(items)}</ul>' if items else ""
    kind = "concept" if str(concept).startswith(str(IDMC)) else "controlled value"
    return _term_section(page, concept, kind, rows, extra)


def _tree(page: Page, concept: URIRef, seen: set) -> str:
    if concept in seen:
        return ""
    seen.add(concept)
    children = sorted(page.schema.objects(concept, SKOS.narrower), key=lambda c: page.label(c).lower())
    inner = "".join(_tree(page, c, seen) for c in children)
    return f"<li>{page.ref(concept)}{f'<ul>{inner}</ul>' if inner else ''}</li>"


def iri_table(readme: Path) -> str:
    """The IRI scheme table of ontology/README.md, as HTML (empty if the README has none)."""
    if not readme.is_file():
        return ""
    text = readme.read_text(encoding="utf-8")
    m = re.search(r"^## IRI scheme\s*\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    if not m:
        return ""
    rows = [ln.strip() for ln in m.group(1).splitlines() if ln.strip().startswith("|")]
    if len(rows) < 3:
        return ""

    def cells(line: str) -> list[str]:
        parts = [c.strip() for c in line.strip("|").split("|")]
        return [re.sub(r"`([^`]*)`", lambda mm: f"<code>{mm.group(1)}</code>", esc(c)) for c in parts]

    head = "".join(f"<th>{c}</th>" for c in cells(rows[0]))
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells(r)) + "</tr>" for r in rows[2:])
    intro = " ".join(ln.strip() for ln in m.group(1).split("\n|")[0].splitlines() if ln.strip()
                     and not ln.strip().startswith("|"))
    return f"<p>{re.sub(r'`([^`]*)`', lambda mm: f'<code>{mm.group(1)}</code>', esc(intro))}</p>" \
           f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render(schema: Graph, data: Graph, base: str = DEFAULT_BASE, readme: Path | None = None) -> str:
    """The documentation page for ``schema`` (ontology + vocabularies + concept scheme),
    with examples from ``data`` (the complete graph)."""
    from .describe import tool_version

    page = Page(schema, data, base)
    onto = ONTOLOGY_IRI
    title = page.label(onto, schema) if (onto, None, None) in schema else "idmkg ontology"
    title = next(iter(page.text(onto, DCTERMS.title)), title)
    description = next(iter(page.text(onto, DCTERMS.description)), "")
    version = next(iter(page.text(onto, OWL.versionInfo)), "")
    license_ = next(iter(page.text(onto, DCTERMS.license)), "")

    nav: list[str] = []
    body: list[str] = []

    def section(anchor: str, heading: str, parts: list[str], entries: list[tuple[str, str]] | None = None,
                intro: str = "") -> None:
        nav.append(f'<li><a href="#{anchor}">{esc(heading)}</a>' + (
            "<ul>" + "".join(f'<li><a href="#{esc(a)}">{esc(t)}</a></li>' for a, t in entries) + "</ul>"
            if entries else "") + "</li>")
        body.append(f'<h2 id="{anchor}">{esc(heading)}</h2>{intro}' + "\n".join(parts))

    prefixes = "".join(f"<tr><td><code>{esc(p)}:</code></td><td class=\"iri\">{esc(ns)}</td></tr>"
                       for p, ns in sorted(export_prefixes(base).items()))
    section("overview", "Overview", [
        f"<p>{esc(description)}</p>" if description else "",
        _header_rows(page, onto, [
            ("ontology IRI", f'<span class="iri">{esc(onto)}</span>'),
            ("namespace", f'<span class="iri">{esc(IDM)}</span> (prefix <code>idm:</code>)'),
            ("concepts", f'<span class="iri">{esc(IDMC)}</span> (prefix <code>idmc:</code>)'),
            ("version", esc(version)),
            ("license", f'<a href="{esc(license_)}">{esc(license_)}</a>' if license_ else ""),
            ("JSON-LD context", '<a href="context.jsonld">context.jsonld</a> (the context of <code>idmkg export '
                                '--format jsonld</code>)'),
        ]),
        "<h3>Prefixes</h3>", f"<table><tbody>{prefixes}</tbody></table>",
    ])
    iris = iri_table(readme) if readme else ""
    if iris:
        section("iris", "IRI scheme", [iris])

    classes = _terms(schema, OWL.Class)
    section("classes", "Classes", [_class_section(page, c) for c in classes],
            [(page.anchor(c), page.curie(c)) for c in classes])
    for cls, heading, kind in PROPERTY_KINDS:
        props = _terms(schema, cls)
        if props:
            section(heading.lower().replace(" ", "-"), heading, [_property_section(page, p, kind) for p in props],
                    [(page.anchor(p), page.curie(p)) for p in props])

    schemes = sorted(schema.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    for scheme in [s for s in schemes if str(s).startswith(str(IDM))]:
        members = sorted(schema.subjects(SKOS.inScheme, scheme), key=lambda c: page.label(c).lower())
        defs = page.text(scheme, SKOS.definition)
        section(page.anchor(scheme), f"Controlled values: {page.label(scheme)}",
                [_concept_section(page, c) for c in members], [(page.anchor(c), page.label(c)) for c in members],
                intro=f"<p>{esc(defs[0])}</p>" if defs else "")
    for scheme in [s for s in schemes if str(s).startswith(str(IDMC))]:
        members = sorted(schema.subjects(SKOS.inScheme, scheme), key=lambda c: page.label(c).lower())
        tops = sorted(schema.objects(scheme, SKOS.hasTopConcept), key=lambda c: page.label(c).lower())
        seen: set = set()
        tree = "".join(_tree(page, t, seen) for t in tops)
        defs = page.text(scheme, DCTERMS.description) or page.text(scheme, SKOS.definition)
        intro = (f"<p>{esc(defs[0])}</p>" if defs else "") + \
            f'<p class="iri">{esc(scheme)}</p><div class="tree"><ul>{tree}</ul></div>'
        section("concepts", f"Concept scheme: {page.label(scheme)}",
                [_concept_section(page, c) for c in members], [(page.anchor(c), page.label(c)) for c in members],
                intro=intro)

    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{esc(title)}</h1><p>{esc(IDM)} · version {esc(version)}</p>"
        f"<p>{len(classes)} classes, "
        f"{sum(len(_terms(schema, k)) for k, _, _ in PROPERTY_KINDS)} properties, "
        f"{len(set(schema.subjects(RDF.type, SKOS.Concept)))} concepts and controlled values; "
        f"examples from the graph of the notes.</p></header>",
        '<div class="layout">',
        f"<nav aria-label=\"contents\"><ul>{''.join(nav)}</ul></nav>",
        "<main>",
        *body,
        f"<footer>Generated by idmkg {esc(tool_version())} (<code>idmkg docs</code>) from ontology/idm.ttl, "
        "ontology/vocab.ttl and ontology/concepts.ttl.</footer>",
        "</main>",
        "</div>",
        "</body>",
        "</html>",
        "",
    ])


def write_docs(out: Path | str, corpus: Path | str | None = None, base: str = DEFAULT_BASE,
               progress: Callable[[str], None] | None = None, result: BuildResult | None = None) -> list[Path]:
    """Write ``out/index.html`` and ``out/context.jsonld``; builds the graph for the examples
    unless a build ``result`` is given."""
    from . import resources
    from .errors import ExportError
    from .export import check_writable, jsonld_context, write_file

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: is a file; give a folder for the documentation")
    check_writable(out / "index.html")
    if result is None:
        from .pipeline import build

        result = build(corpus, None, base=base, progress=progress, write=False, check=False)
    (progress or (lambda m: None))("writing documentation")
    page = render(result.schema, result.complete(), result.base, resources.ONTOLOGY_DIR / "README.md")
    context = json.dumps({"@context": jsonld_context(result.schema, result.base)}, indent=1, sort_keys=True)
    return [write_file(out / "index.html", page), write_file(out / "context.jsonld", context + "\n")]
