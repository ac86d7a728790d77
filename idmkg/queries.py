"""The canned query catalogue: SPARQL files in ``queries/``, each with a grlc-style header of
``#+`` comment lines (YAML) giving its name, summary, description, tags and parameters::

    #+ name: workshops
    #+ summary: Each intersessional workshop with its dates, venue, status, year and theme.
    #+ description: |
    #+   ...
    #+ tags: [meetings]
    #+ params:
    #+   - name: year
    #+     type: gYear
    #+     description: only the workshops of this dialogue year
    #+     example: 2009

A parameter ``year`` is the variable ``?_year`` in the query (grlc's and BASIL's convention).
User values are never pasted into query text: they are typed, converted to RDF terms and
bound, with rdflib's ``initBindings`` in-process and as a ``VALUES`` block of escaped terms
at the top of the query's outer group for a remote endpoint. A parameter must therefore be
used in the outer group of its query, or in a plain group joined into it (not in an
OPTIONAL, MINUS, sub-query or EXISTS), where both ways of binding mean the same thing.
"""
from __future__ import annotations

import datetime
import difflib
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from . import resources
from .errors import QueryError, QueryFileError
from .namespaces import DEFAULT_BASE, PREFIXES, data_prefixes
from .engine import DEFAULT_GRAPH, load_graph, resolve_graph, run_embedded  # noqa: F401 (re-exported)
from .results import Results, check_text, sparql_term, valid_iri

DEFAULT_TIMEOUT = 30.0
PARAM_TYPES = ("string", "integer", "decimal", "boolean", "date", "gYear", "iri", "resource")
HEADER_KEYS = {"name", "summary", "description", "tags", "params",
               # grlc decorators that mean nothing here but are harmless
               "endpoint", "method", "pagination"}
PARAM_KEYS = {"name", "type", "description", "default", "example", "enum", "required"}
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_PARAM_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM_VAR = re.compile(r"[?$]_([A-Za-z0-9_]+)")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
_SCHEMES = ("http://", "https://", "urn:", "tag:", "mailto:", "file:")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""
    default: object = None
    example: object = None
    enum: tuple[str, ...] | None = None
    required: bool = False

    @property
    def variable(self) -> str:
        return "_" + self.name

    def coerce(self, value, query: str = ""):
        """The RDF term for a user value (a string from the command line or a Python value)."""
        return to_term(self, value, query)


@dataclass(frozen=True)
class CannedQuery:
    name: str
    summary: str
    description: str
    body: str
    path: Path
    tags: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()

    @property
    def text(self) -> str:
        """The query as written in its file, header included."""
        return self.path.read_text(encoding="utf-8")

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        takes = ", ".join(p.name for p in self.params) or "no parameters"
        raise QueryError(f"query '{self.name}' has no parameter '{name}' (it takes: {takes})")

    def bind(self, values: Mapping[str, object] | None = None) -> dict[str, object]:
        """Variable name (``_year``) -> RDF term for the given values and the defaults; unknown
        parameters, missing required ones and badly typed values are QueryErrors."""
        values = {k: v for k, v in (values or {}).items() if v is not None}
        bound = {}
        for name, value in values.items():
            p = self.param(str(name).replace("-", "_"))
            bound[p.variable] = p.coerce(value, self.name)
        for p in self.params:
            if p.variable in bound:
                continue
            if p.default is not None:
                bound[p.variable] = p.coerce(p.default, self.name)
            elif p.required:
                raise QueryError(f"query '{self.name}' needs parameter '{p.name}' ({p.type}), "
                                 f"e.g. --param {p.name}={p.example}")
        return bound


# ---------------------------------------------------------------------------
# typed parameters
# ---------------------------------------------------------------------------

def expand_curie(value: str) -> str | None:
    """``id:workshop/2009-2`` or ``idmc:human-rights`` -> full IRI; None if no known prefix."""
    prefix, sep, local = value.partition(":")
    known = data_prefixes(DEFAULT_BASE)
    if sep and prefix in known and local and not local.startswith("//"):
        return known[prefix] + local
    return None


def _looks_like_iri(value: str) -> bool:
    return value.startswith(_SCHEMES) or bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value))


def to_term(p: Param, value, query: str = ""):
    where = f"parameter '{p.name}'" + (f" of query '{query}'" if query else "")

    def bad(expected: str):
        return QueryError(f"{where}: {value!r} is not {expected}")

    if isinstance(value, str):
        check_text(value, where)
    if p.enum is not None:
        text = str(value)
        if text not in p.enum:
            raise QueryError(f"{where}: {value!r} is not one of: {', '.join(p.enum)}")
        return Literal(text)
    kind = p.type
    if kind == "string":
        if not isinstance(value, str):
            raise bad("text")
        return Literal(value)
    if kind == "integer":
        if isinstance(value, bool) or not (isinstance(value, int) or
                                           (isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()))):
            raise bad("an integer")
        return Literal(int(value))
    if kind == "decimal":
        try:
            return Literal(Decimal(str(value).strip()), datatype=XSD.decimal)
        except InvalidOperation:
            raise bad("a decimal number") from None
    if kind == "boolean":
        if isinstance(value, bool):
            return Literal(value)
        text = str(value).strip().lower()
        if text in ("true", "yes", "1"):
            return Literal(True)
        if text in ("false", "no", "0"):
            return Literal(False)
        raise bad("true or false")
    if kind == "date":
        if isinstance(value, datetime.date):
            return Literal(value.isoformat(), datatype=XSD.date)
        try:
            return Literal(datetime.date.fromisoformat(str(value).strip()).isoformat(), datatype=XSD.date)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
    if kind == "gYear":
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text):
            raise bad("a year (YYYY)")
        return Literal(text, datatype=XSD.gYear)
    if kind in ("iri", "resource"):
        if not isinstance(value, str):
            raise bad("an IRI" if kind == "iri" else "an IRI or a label")
        text = value.strip()
        iri = expand_curie(text) or (text if _looks_like_iri(text) else None)
        if iri is not None and valid_iri(iri):
            return URIRef(iri)
        if kind == "iri":
            raise bad("an absolute IRI or a prefixed name (id:..., idm:..., idmc:...)")
        return Literal(value)
    raise QueryError(f"{where}: unknown type {kind!r}")


# ---------------------------------------------------------------------------
# catalogue files
# ---------------------------------------------------------------------------

def _mask(text: str) -> str:
    """``text`` with comments, string literals and IRIs blanked out (same length), so that
    searching for braces and variables finds only query syntax."""
    out, i, n = list(text), 0, len(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif c in "\"'":
            delim = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(delim)
            while j < n and not text.startswith(delim, j) and (len(delim) == 3 or text[j] != "\n"):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(delim))
        elif c == "<" and (m := _IRIREF.match(text, i)):
            j = m.end()
        else:
            i += 1
            continue
        blank(i, j)
        i = j
    return "".join(out)


_OPTIONAL = re.compile(r"\bOPTIONAL\s*\{", re.IGNORECASE)
#: words that make an OPTIONAL's body more than triple patterns: left as it is
_NOT_PLAIN = re.compile(r"\b(FILTER|BIND|VALUES|MINUS|SERVICE|GRAPH|EXISTS|SELECT|OPTIONAL|UNION|LATERAL)\b",
                        re.IGNORECASE)


_LATERAL_PRAGMA = re.compile(r"^#@ oxigraph: lateral-optionals((?:[ \t]+[?$]\w+)*)[ \t]*$", re.MULTILINE)


def lateral_optionals(text: str) -> str:
    """For Oxigraph: each ``OPTIONAL { ... }`` whose body is only triple patterns (property
    paths included) written ``LATERAL { OPTIONAL { ... } }``. The solutions are the same (the
    body is matched with the left side's values put in, which is what the left join keeps),
    but Oxigraph then looks the body up once per row instead of matching it against the whole
    graph first and joining: a label lookup ``OPTIONAL { ?x rdfs:label ?name }`` costs ~45 ms
    on 1,000 notes as a join, well under 1 ms per row as a lookup. SPARQL 1.1 has no LATERAL
    (SEP-0006), so this is for the Oxigraph path only; rdflib runs the text as written.
    Per row is slower than one join when the rows are many, so a query asks for it with a
    line ``#@ oxigraph: lateral-optionals`` (provenance: 29 rows, 9 label lookups). Variables
    after it (``#@ oxigraph: lateral-optionals ?heading``) narrow it to the plain OPTIONALs that
    mention one of them (paragraphs-about: the section heading, one lookup per paragraph)."""
    pragma = _LATERAL_PRAGMA.search(text)
    if not pragma:
        return text
    names = pragma.group(1).split()
    only = re.compile(r"[?$](?:%s)\b" % "|".join(re.escape(n[1:]) for n in names)) if names else None
    masked = _mask(text)
    edits = []
    for m in _OPTIONAL.finditer(masked):
        end = masked.find("}", m.end())
        if end < 0 or "{" in masked[m.end():end] or _NOT_PLAIN.search(masked, m.end(), end):
            continue
        if only and not only.search(masked, m.end(), end):
            continue
        edits.append((m.start(), end + 1))
    for start, end in reversed(edits):
        text = f"{text[:start]}LATERAL {{ {text[start:end]} }}{text[end:]}"
    return text


def _header(path: Path, lines: list[str]) -> tuple[dict, int, list[str]]:
    header = []
    for line in lines:
        if not line.startswith("#+"):
            break
        header.append(line[2:][1:] if line[2:].startswith(" ") else line[2:])
    if not header:
        raise QueryFileError(path, "no header: a catalogue query starts with '#+ name:', '#+ summary:', "
                                   "'#+ description:' lines", 1)
    for number, line in enumerate(lines[len(header):], start=len(header) + 1):
        if line.startswith("#+"):
            raise QueryFileError(path, "'#+' header line after the query text began: the header "
                                       "must be one block at the top", number)
    import yaml

    try:
        meta = yaml.safe_load("\n".join(header))
    except yaml.YAMLError as err:
        # where the faulty construct starts (an unclosed [ ...), else where YAML gave up
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise QueryFileError(path, f"malformed header: {problem}", mark.line + 1 if mark else 1) from None
    if not isinstance(meta, dict):
        raise QueryFileError(path, "malformed header: expected 'key: value' lines", 1)
    return meta, len(header), header


def _line_of(header: list[str], key: str, after: int = 0) -> int:
    pattern = re.compile(rf"^\s*(-\s*)?{re.escape(str(key))}\s*:")
    for number, line in enumerate(header[after:], start=after + 1):
        if pattern.match(line):
            return number
    return after + 1 if after else 1


def _param_line(header: list[str], item, start: int) -> int:
    """The header line where a parameter's entry starts (its ``- name:`` line if found)."""
    name = item.get("name") if isinstance(item, dict) else None
    for number in range(start, len(header) + 1):
        line = header[number - 1]
        if re.match(r"^\s*-\s*name\s*:", line) and (name is None or line.split(":", 1)[1].strip() == str(name)):
            return number
    return start


def _parse_params(path: Path, raw, header: list[str]) -> tuple[Param, ...]:
    start = _line_of(header, "params")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise QueryFileError(path, "params: expected a list of parameters ('- name: ...')", start)
    params = []
    for item in raw:
        line = _param_line(header, item, start)
        if not isinstance(item, dict):
            raise QueryFileError(path, f"params: expected 'name:', 'type:' ... for each parameter, got {item!r}", line)
        unknown = set(item) - PARAM_KEYS
        if unknown:
            raise QueryFileError(path, f"parameter {item.get('name')!r}: unknown key(s) {', '.join(sorted(unknown))} "
                                       f"(allowed: {', '.join(sorted(PARAM_KEYS))})", line)
        name = item.get("name")
        if not isinstance(name, str) or not _PARAM_NAME.match(name):
            raise QueryFileError(path, f"parameter name {name!r} must be lower-case letters, digits and _", line)
        kind = item.get("type", "string")
        if kind not in PARAM_TYPES:
            raise QueryFileError(path, f"parameter '{name}': type {kind!r} is not one of {', '.join(PARAM_TYPES)}", line)
        enum = item.get("enum")
        if enum is not None and (not isinstance(enum, list) or not enum or not all(isinstance(e, str) for e in enum)):
            raise QueryFileError(path, f"parameter '{name}': enum must be a list of strings", line)
        if "example" not in item:
            raise QueryFileError(path, f"parameter '{name}': no example", line)
        required = item.get("required", False)
        if not isinstance(required, bool) or (required and item.get("default") is not None):
            raise QueryFileError(path, f"parameter '{name}': required must be true or false, and a "
                                       "required parameter has no default", line)
        p = Param(name, kind, str(item.get("description") or ""), item.get("default"), item["example"],
                  tuple(enum) if enum else None, required)
        for what in ("default", "example"):
            if getattr(p, what) is not None:
                try:
                    p.coerce(getattr(p, what))
                except QueryError as err:
                    raise QueryFileError(path, f"{what} of parameter '{name}': {err}", line) from None
        if name in {q.name for q in params}:
            raise QueryFileError(path, f"parameter '{name}' declared twice", line)
        params.append(p)
    return tuple(params)


def parse_query_file(path: Path | str) -> CannedQuery:
    """Read one ``.rq`` file; a malformed header or query is a QueryFileError naming the file
    and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryFileError(path, f"cannot read: {err}") from None
    lines = text.splitlines()
    meta, count, header = _header(path, lines)
    unknown = set(meta) - HEADER_KEYS
    if unknown:
        key = sorted(unknown)[0]
        hint = " (give defaults and allowed values under params:)" if key in ("defaults", "enumerate") else ""
        raise QueryFileError(path, f"unknown header key '{key}'{hint}; allowed: {', '.join(sorted(HEADER_KEYS))}",
                             _line_of(header, key))
    for key in ("name", "summary", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise QueryFileError(path, f"header needs '{key}:' with text", _line_of(header, key))
    name = meta["name"].strip()
    if name != path.stem or not _NAME.match(name):
        raise QueryFileError(path, f"name '{name}' must be the file name without .rq ('{path.stem}'), "
                                   "lower-case words joined by hyphens", _line_of(header, "name"))
    summary = meta["summary"].strip()
    if "\n" in summary:
        raise QueryFileError(path, "summary must be one line", _line_of(header, "summary"))
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise QueryFileError(path, "tags: expected a list of words", _line_of(header, "tags"))
    params = _parse_params(path, meta.get("params"), header)
    rest = "\n".join(lines[count:])
    masked = _mask(rest)
    if not re.search(r"\bSELECT\b", masked, re.IGNORECASE) or "{" not in masked:
        raise QueryFileError(path, "the query text after the header must be a SELECT query", count + 1)
    used = {}
    for m in _PARAM_VAR.finditer(masked):
        used.setdefault(m.group(1), count + 1 + rest.count("\n", 0, m.start()))
    declared = {p.name for p in params}
    for var, line in used.items():
        if var not in declared:
            raise QueryFileError(path, f"variable ?_{var} looks like a parameter but is not declared under params:",
                                 line)
    for p in params:
        if p.name not in used:
            raise QueryFileError(path, f"parameter '{p.name}' is declared but ?_{p.name} is not used in the query",
                                 _line_of(header, "params"))
    body = rest.strip("\n") + "\n"
    return CannedQuery(name, summary, " ".join(meta["description"].split()), body, path, tuple(tags), params)


@functools.lru_cache(maxsize=8)
def _load(folder: str, stamp: tuple) -> dict[str, CannedQuery]:
    return {p.stem: parse_query_file(p) for p in sorted(Path(folder).glob("*.rq"))}


def load_catalogue(folder: Path | str | None = None) -> dict[str, CannedQuery]:
    """Every ``*.rq`` file of the folder (default: the project's ``queries/``), by name."""
    folder = Path(folder or resources.QUERIES_DIR)
    if not folder.is_dir():
        raise QueryError(f"{folder}: query folder not found (set IDMKG_HOME to the idmkg project folder?)")
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.rq")))
    return _load(str(folder.resolve()), stamp)


def get_query(name: str, folder: Path | str | None = None) -> CannedQuery:
    catalogue = load_catalogue(folder)
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, catalogue, n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; the catalogue has: {', '.join(catalogue)}"
    raise QueryError(f"no query named '{name}' in the catalogue{hint}")


# ---------------------------------------------------------------------------
# binding and running
# ---------------------------------------------------------------------------

def with_values(text: str, bindings: Mapping[str, object]) -> str:
    """The query with its parameters bound by ``VALUES`` blocks: one at the start of each
    innermost group pattern (``{ ... }``, including sub-queries and EXISTS) that uses a bound
    parameter variable, so that the value is a constant wherever the variable occurs, as
    with rdflib's initBindings. Each term is written by :func:`sparql_term`, which escapes
    it: a value can never become query syntax."""
    if not bindings:
        return text
    masked = _mask(text)
    stack: list[int] = []
    uses: dict[int, set[str]] = {}
    pending: set[str] = set()   # used before the first group (in the SELECT clause)
    first = None
    for i, c in enumerate(masked):
        if c == "{":
            stack.append(i)
            if first is None:
                first = i
                if pending:
                    uses.setdefault(i, set()).update(pending)
        elif c == "}":
            if not stack:
                raise QueryError("malformed SPARQL query: unbalanced '}'")
            stack.pop()
        elif c in "?$" and (m := _PARAM_VAR.match(masked, i)) and "_" + m.group(1) in bindings:
            var = "_" + m.group(1)
            if stack:
                uses.setdefault(stack[-1], set()).add(var)
            elif first is None:
                pending.add(var)
            else:
                uses.setdefault(first, set()).add(var)
    if stack or first is None:
        raise QueryError("malformed SPARQL query: unbalanced '{' or no group pattern to bind parameters in")
    for start in sorted(uses, reverse=True):
        names = sorted(uses[start])
        row = " ".join(sparql_term(bindings[n]) for n in names)
        block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
        text = text[:start + 1] + block + text[start + 1:]
    return text


def with_prefixes(text: str) -> str:
    """Declare the project's prefixes (``idm:``, ``skos:``, ``id:`` ...) that an ad-hoc query
    uses without declaring them."""
    declared = {(m.group(1) or "") for m in _PREFIX_DECL.finditer(_mask(text))}
    masked = _mask(text)
    missing = [(p, ns) for p, ns in data_prefixes(DEFAULT_BASE).items()
               if p not in declared and re.search(rf"(?<![\w?$]){re.escape(p)}:", masked)]
    # on the query's first line, so that line numbers in error messages stay the user's
    return "".join(f"PREFIX {p}: <{ns}> " for p, ns in missing) + text


def run_query(name: str, params: Mapping[str, object] | None = None, *, graph=None, endpoint: str | None = None,
              timeout: float = DEFAULT_TIMEOUT, folder: Path | str | None = None, allow_network: bool | None = None,
              engine: str | None = None, max_rows: int | None = None, **kwparams) -> Results:
    """Run the catalogue query ``name`` with typed parameters, on ``graph`` (an rdflib Graph,
    a file, or by default the last build) or on a remote SPARQL 1.1 ``endpoint``. In process,
    ``SERVICE`` and ``FROM`` of anything but the data's own graphs are refused unless
    ``allow_network`` (see :mod:`idmkg.offline`). ``engine``: ``oxigraph`` (the default for a
    graph file: fast) or ``rdflib`` (the default for an rdflib Graph: the reference). With
    ``max_rows``, an answer of more rows is a QueryError (on Oxigraph, counted as they come)."""
    query = get_query(name, folder)
    bindings = query.bind({**(params or {}), **kwparams})
    if endpoint:
        from .remote import select

        return select(endpoint, with_values(query.body, bindings), timeout=timeout)
    if _engine(graph, engine) == "oxigraph":
        return run_on_store(query.body, graph, bindings, allow_network=allow_network, timeout=timeout,
                            max_rows=max_rows)
    return _bounded(run_embedded(query.body, resolve_graph(graph), bindings, allow_network=allow_network,
                                 timeout=timeout), max_rows)


def run_sparql(text: str, *, graph=None, endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT,
               allow_network: bool | None = None, engine: str | None = None, max_rows: int | None = None) -> Results:
    """Run an ad-hoc SELECT or ASK query (the project's prefixes may be left undeclared). In
    process, ``SERVICE`` and ``FROM`` of anything but the data's own graphs are refused
    unless ``allow_network`` (see :mod:`idmkg.offline`)."""
    check_text(text, "the query")
    text = with_prefixes(text)
    if endpoint:
        from .remote import select

        return select(endpoint, text, timeout=timeout)
    if _engine(graph, engine) == "oxigraph":
        return run_on_store(text, graph, allow_network=allow_network, timeout=timeout, max_rows=max_rows)
    return _bounded(run_embedded(text, resolve_graph(graph), allow_network=allow_network, timeout=timeout), max_rows)


def _bounded(results: Results, max_rows: int | None) -> Results:
    if max_rows is not None and len(results) > max_rows:
        raise QueryError(too_many_rows(max_rows))
    return results


def too_many_rows(max_rows: int) -> str:
    return f"the query gives more than {max_rows:,} rows (the row limit): add LIMIT, narrow it down, or raise --max-rows"


ENGINES = ("oxigraph", "rdflib")


def _engine(graph, engine: str | None) -> str:
    from rdflib import Graph

    if engine is None:
        return "rdflib" if isinstance(graph, Graph) else "oxigraph"
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "oxigraph" and isinstance(graph, Graph):
        raise QueryError("the oxigraph engine runs on a graph file, not on an rdflib Graph object")
    return engine


def run_on_store(text: str, graph=None, bindings: Mapping[str, object] | None = None, *,
                 allow_network: bool | None = None, timeout: float | None = None,
                 max_rows: int | None = None) -> Results:
    """Run a SELECT or ASK query on a graph file (default: the last build) loaded in Oxigraph,
    parameters bound by escaped ``VALUES``. The query is read by rdflib's parser first, so a
    malformed query, ``SERVICE`` and a ``FROM`` of anything but the file's own graphs are
    refused exactly as on the rdflib engine."""
    from . import offline
    from .engine import prepare
    from .graph_file import graph_path
    from .store import cached_store, check_graph_file, select, select_with_limit

    if timeout is not None and timeout <= 0:
        raise QueryError(f"timeout must be a positive number of seconds, not {timeout!r}")
    prepared = prepare(text)
    path = graph_path(graph, QueryError)
    check_graph_file(path, allow_network)
    # the file is loaded here only to name its graphs for a FROM, or to run without a time limit:
    # a time-limited query runs in a worker process that loads it there
    offline.check_reach(prepared, lambda: {g.value for g in cached_store(path).named_graphs()}, QueryError,
                        allow_network)
    text = lateral_optionals(with_values(text, bindings or {}))
    if timeout is None:
        return select(cached_store(path), text, max_rows=max_rows)
    return select_with_limit(path, text, timeout, max_rows)


def display_prefixes() -> dict[str, str]:
    """Prefixes used to shorten IRIs in tables."""
    return {**PREFIXES, **data_prefixes(DEFAULT_BASE)}
