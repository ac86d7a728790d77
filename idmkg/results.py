"""Query results, whichever engine produced them (rdflib in-process or a remote SPARQL 1.1
endpoint), and their formats: a readable table, W3C SPARQL 1.1 JSON, W3C CSV and TSV, and
Markdown. Rows come as RDF terms (``bindings``) or as plain Python values (``rows``); a
pandas DataFrame when pandas is installed."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .errors import EndpointError, QueryError

FORMATS = ("table", "csv", "tsv", "json", "markdown")

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
#: characters an IRIREF may not contain (SPARQL 1.1 grammar [139], Turtle [18])
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double}
_INTEGER_TYPES = {XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger,
                  XSD.nonPositiveInteger, XSD.long, XSD.int, XSD.short, XSD.byte, XSD.unsignedLong,
                  XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


def check_text(value: str, what: str = "value") -> str:
    """Reject text that cannot be sent as UTF-8 (lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryError(f"{what} is not valid Unicode text: {value!r}") from None
    return value


def valid_iri(iri: str) -> bool:
    """An absolute IRI that can be written between <> without escapes."""
    return bool(iri) and ":" in iri and not any(c in _IRI_FORBIDDEN for c in iri)


def quote_string(value: str) -> str:
    """A SPARQL/Turtle short string literal for any text: every character that could end
    the string, start an escape or break a line is escaped; nothing is left raw that the
    grammar gives a meaning to."""
    out = []
    for ch in check_text(value):
        if ch in _ECHAR:
            out.append(_ECHAR[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def sparql_term(term) -> str:
    """An RDF term in SPARQL (and Turtle/N-Triples) syntax, safe to place in query text."""
    if isinstance(term, URIRef):
        if not valid_iri(str(term)):
            raise QueryError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = quote_string(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise QueryError(f"cannot write {term!r} as a SPARQL term")


def python_value(term):
    """A plain Python value for a term: IRIs as strings, numbers as int/Decimal/float, dates
    as datetime.date, years as int, booleans as bool, text as str; None for unbound."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype == XSD.gYear and str(term).lstrip("-").isdigit():
            return int(str(term))
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


@dataclass
class Results:
    """The answer to a SELECT (``vars`` and ``bindings``) or ASK (``boolean``) query."""

    vars: list[str]
    bindings: list[dict] = field(default_factory=list)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.bindings)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    @property
    def rows(self) -> list[dict]:
        """One dict per solution, every variable present (None where unbound), Python values."""
        return [{v: python_value(b.get(v)) for v in self.vars} for b in self.bindings]

    def column(self, var: str) -> list:
        return [python_value(b.get(var)) for b in self.bindings]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (pandas is optional: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise QueryError("pandas is not installed: pip install pandas (rows are in .rows)") from None
        if self.boolean is not None:
            return pandas.DataFrame({"ask": [self.boolean]})
        return pandas.DataFrame(self.rows, columns=self.vars)

    def key(self, canonical: bool = False) -> list[tuple]:
        """The solutions as tuples of SPARQL term strings, in order (for comparing engines).
        ``canonical``: integers of the derived XSD types (positiveInteger ...) as xsd:integer,
        as stores such as Oxigraph keep them."""
        if self.boolean is not None:
            return [(self.boolean,)]

        def term(t) -> str:
            if canonical and isinstance(t, Literal) and t.datatype in _INTEGER_TYPES:
                t = Literal(str(t), datatype=XSD.integer)
            return sparql_term(t)

        return [tuple(term(b[v]) if v in b else "" for v in self.vars) for b in self.bindings]


# ---------------------------------------------------------------------------
# from engines
# ---------------------------------------------------------------------------

def from_rdflib(result) -> Results:
    if result.type == "ASK":
        return Results([], boolean=bool(result.askAnswer))
    if result.type != "SELECT":
        raise QueryError(f"only SELECT and ASK queries are supported here, not {result.type}")
    names = [str(v) for v in result.vars]
    rows = [{str(k): v for k, v in row.items() if v is not None} for row in result.bindings]
    return Results(names, rows)


def _term_from_json(value, where: str):
    if not isinstance(value, dict) or "type" not in value or "value" not in value:
        raise EndpointError(f"{where}: not a SPARQL JSON term: {json.dumps(value)[:120]}")
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        lang, datatype = value.get("xml:lang"), value.get("datatype")
        if lang:
            return Literal(text, lang=lang)
        if datatype and datatype != str(XSD.string) and datatype != str(RDF.langString):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise EndpointError(f"{where}: unknown SPARQL JSON term type {kind!r}")


def from_sparql_json(doc, where: str = "endpoint") -> Results:
    """Read a W3C SPARQL 1.1 Query Results JSON document; anything else is an EndpointError."""
    if not isinstance(doc, dict) or "head" not in doc:
        raise EndpointError(f"{where} answered JSON that is not SPARQL results (no 'head')")
    if "boolean" in doc:
        return Results([], boolean=bool(doc["boolean"]))
    try:
        names = list(doc["head"].get("vars", []))
        raw = doc["results"]["bindings"]
    except (KeyError, TypeError, AttributeError):
        raise EndpointError(f"{where} answered JSON that is not SPARQL results (no 'results.bindings')") from None
    rows = []
    for solution in raw:
        if not isinstance(solution, dict):
            raise EndpointError(f"{where} answered a malformed solution: {json.dumps(solution)[:120]}")
        rows.append({k: _term_from_json(v, where) for k, v in solution.items()})
    return Results(names, rows)


def _term_from_plain(plain: tuple):
    """An rdflib term from the plain data of ``server.workers._plain_term``; the same term
    as :func:`_term_from_json` gives for the same value in SPARQL JSON."""
    kind, text = plain[0], plain[1]
    if kind == "u":
        return URIRef(text)
    if kind == "l":
        return Literal(text, lang=plain[2]) if len(plain) > 2 else Literal(text)
    if kind == "t":
        return Literal(text, datatype=URIRef(plain[2]))
    if kind == "b":
        return BNode(text)
    raise QueryError(f"the query process answered an unknown kind of term {kind!r}")


#: kinds of plain term (``server.workers._plain_term``) whose Python value is their text
_AS_TEXT = frozenset("ulb")


class TableResults(Results):
    """Results read from a term table (``server.workers.term_table``), made as they are used:
    the rdflib terms and the row dicts of ``bindings`` on first use (counting the rows needs
    neither), ``rows`` from the distinct terms, each converted to a Python value once (IRIs and
    text without an rdflib term at all) and shared by the rows that hold it. Equal to the Results the same solutions give any other
    way (tests/test_term_table.py)."""

    def __init__(self, names: list[str], plain: list, flat, count: int):
        self.vars, self.boolean = names, None
        self._plain, self._flat, self._count = plain, flat, count
        self._terms = self._values = None

    def __getattr__(self, name: str):
        if name != "bindings" or "_flat" not in self.__dict__:
            raise AttributeError(name)
        self.bindings = self._bindings()
        return self.bindings

    def __len__(self) -> int:
        return self._count

    def terms(self) -> list:
        """The distinct terms of the answer as rdflib terms, made once."""
        if self._terms is None:
            self._terms = [_term_from_plain(p) for p in self._plain]
        return self._terms

    def _bindings(self) -> list[dict]:
        names, flat, count, width = self.vars, self._flat, self._count, len(self.vars)
        if not width:
            return [{} for _ in range(count)]
        terms = self.terms()
        bindings = []
        append = bindings.append
        for start in range(0, width * count, width):
            append({name: terms[i] for name, i in zip(names, flat[start:start + width]) if i >= 0})
        return bindings

    def values(self) -> list:
        """The distinct terms of the answer as Python values (:func:`python_value`), made once:
        an IRI, a blank node and a plain or language-tagged literal are their text, read from
        the plain data without making an rdflib term; a typed literal goes through rdflib
        (``toPython``), so a date, a number or an ill-typed value comes out as it would from
        the rdflib term."""
        if self._values is None:
            terms = self._terms
            self._values = [plain[1] if plain[0] in _AS_TEXT
                            else python_value(terms[i] if terms is not None else _term_from_plain(plain))
                            for i, plain in enumerate(self._plain)]
        return self._values

    @property
    def rows(self) -> list[dict]:
        names, flat, count, width = self.vars, self._flat, self._count, len(self.vars)
        if not width:
            return [{} for _ in range(count)]
        values = [*self.values(), None]   # index -1: unbound
        cells = iter(list(map(values.__getitem__, flat)))
        return [dict(zip(names, row)) for row in zip(*[cells] * width)]


def from_term_table(table) -> Results:
    """Results from a term table (``server.workers.term_table``: variables, distinct terms
    as plain data, rows as a flat array of indexes, row count) or a boolean (ASK). Each
    distinct term is made once, when first needed, and shared by the rows that hold it
    (rdflib terms are immutable): :class:`TableResults`."""
    if isinstance(table, bool):
        return Results([], boolean=table)
    names, plain, flat, count = table
    return TableResults(names, plain, flat, count)


# ---------------------------------------------------------------------------
# formats
# ---------------------------------------------------------------------------

def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(res: Results) -> str:
    """W3C SPARQL 1.1 Query Results JSON Format."""
    if res.boolean is not None:
        doc = {"head": {}, "boolean": res.boolean}
    else:
        doc = {"head": {"vars": res.vars},
               "results": {"bindings": [{v: _json_term(b[v]) for v in res.vars if v in b} for b in res.bindings]}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _xml_term(term) -> str:
    from xml.sax.saxutils import escape, quoteattr

    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and term.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attrs}>{escape(_xml_text(str(term)))}</literal>"


def _xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters even escaped: they become U+FFFD."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF
                   and c not in "\ufffe\uffff" else "\ufffd" for c in text)


def to_xml(res: Results) -> str:
    """W3C SPARQL Query Results XML Format (second edition)."""
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in res.vars]
    out.append("  </head>")
    if res.boolean is not None:
        out.append(f"  <boolean>{'true' if res.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for b in res.bindings:
            out.append("    <result>")
            out += [f"      <binding name={quoteattr(v)}>{_xml_term(b[v])}</binding>" for v in res.vars if v in b]
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _plain(term) -> str:
    return "" if term is None else str(term)


def to_csv(res: Results) -> str:
    """W3C SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if res.boolean is not None:
        writer.writerows([["ask"], ["true" if res.boolean else "false"]])
        return buffer.getvalue()
    writer.writerow(res.vars)
    for b in res.bindings:
        writer.writerow([_plain(b.get(v)) for v in res.vars])
    return buffer.getvalue()


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return str(term)
    return sparql_term(term)


def to_tsv(res: Results) -> str:
    """W3C SPARQL 1.1 Query Results TSV: terms in SPARQL syntax, ``?var`` header."""
    if res.boolean is not None:
        return "?ask\n" + ("true" if res.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in res.vars)]
    lines += ["\t".join(_tsv_term(b.get(v)) for v in res.vars) for b in res.bindings]
    return "\n".join(lines) + "\n"


def display(term, prefixes: dict[str, str] | None = None) -> str:
    """A term for people: IRIs as prefixed names where a prefix fits, literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri
    return str(term)


def _display_rows(res: Results, prefixes) -> tuple[list[str], list[list[str]]]:
    if res.boolean is not None:
        return ["ask"], [["true" if res.boolean else "false"]]
    return res.vars, [[display(b.get(v), prefixes) for v in res.vars] for b in res.bindings]


def to_markdown(res: Results, prefixes: dict[str, str] | None = None) -> str:
    names, rows = _display_rows(res, prefixes)

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(n) for n in names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def readable_columns(res: Results) -> list[str]:
    """The columns a person reads: an IRI column ``x`` is left out when ``xLabel`` gives its
    label (every format but the table keeps both)."""
    return [v for v in res.vars if f"{v}Label" not in res.vars]


def rich_table(res: Results, prefixes: dict[str, str] | None = None, title: str | None = None):
    from rich.table import Table

    names, rows = _display_rows(res, prefixes)
    keep = [i for i, name in enumerate(names) if res.boolean is not None or name in readable_columns(res)]
    table = Table(title=title, show_header=True, show_lines=False)
    for i in keep:
        table.add_column(names[i], overflow="fold")
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    hidden = len(names) - len(keep)
    table.caption = f"{len(rows)} row{'s' if len(rows) != 1 else ''}" + (
        f"; {hidden} IRI column{'s' if hidden != 1 else ''} shown by label only (all in csv, tsv, json)"
        if hidden else "")
    return table


def to_table(res: Results, prefixes: dict[str, str] | None = None, width: int = 160, title: str | None = None) -> str:
    """A readable table as text (rich, no colour)."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False).print(
        rich_table(res, prefixes, title))
    return buffer.getvalue()


def format_results(res: Results, fmt: str, prefixes: dict[str, str] | None = None, width: int = 160) -> str:
    if fmt == "json":
        return to_json(res)
    if fmt == "csv":
        return to_csv(res)
    if fmt == "tsv":
        return to_tsv(res)
    if fmt == "markdown":
        return to_markdown(res, prefixes)
    if fmt == "table":
        return to_table(res, prefixes, width)
    raise QueryError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
