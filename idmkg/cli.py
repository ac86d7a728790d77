"""The ``idmkg`` command: a thin shell over the library. Each command parses its options,
calls one library function and prints the result; an :class:`~idmkg.errors.IdmkgError`
becomes one line on stderr and exit status 1 (a traceback only with ``--debug``)."""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from .errors import IdmkgError, ValidationFailed
from .namespaces import DEFAULT_BASE

EXIT_ERROR, EXIT_INVALID = 1, 2


def handle_errors(func):
    """Turn library errors into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except ValidationFailed as err:
            if ctx.obj.get("debug"):
                raise
            click.echo(f"idmkg: error: {err}", err=True)
            if ctx.obj.get("verbose"):
                click.echo(err.report_text, err=True)
            sys.exit(EXIT_INVALID)
        except IdmkgError as err:
            if ctx.obj.get("debug"):
                raise
            click.echo(f"idmkg: error: {err}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def build_options(func):
    """The options every command that builds the graph shares."""
    func = click.option("--corpus", type=click.Path(path_type=Path), default=None,
                        help="Folder of notes (*.txt). Default: the project's own notes/.")(func)
    func = click.option("--base", default=DEFAULT_BASE, show_default=True,
                        help="Base IRI under which every entity IRI is minted.")(func)
    return func


def cache_options(func):
    """How the notes are read: processes, and the facts cache."""
    func = click.option("--no-cache", is_flag=True,
                        help="Read every note; neither read nor write the facts cache.")(func)
    func = click.option("--cache", "cache", type=click.Path(path_type=Path), default=None, metavar="DIR",
                        help="Facts cache: what each note yields, one file per note text, reused while the "
                             "text and idmkg's rules are the same, so a rebuild reads only new or changed "
                             "notes. Default: OUT/.cache/facts (dist/.cache/facts; for commands without "
                             "--out, used only when a build made it). It never changes the result: delete "
                             "it at any time, it is refilled. It holds Python pickles, so give only a folder "
                             "idmkg writes to (a folder of another user, or writable by every user, is not "
                             "used).")(func)
    func = click.option("--workers", type=click.IntRange(1, 256), default=None, metavar="N",
                        help="Processes that read the notes. Default: one per CPU, started only when over "
                             "1 MB of note text is to be read (below that a pool costs more than it saves). "
                             "1: all in this process. Same result either way.")(func)
    return func


def cache_folder(cache: Path | None, no_cache: bool, out: Path | None) -> Path | None:
    """The facts cache a command uses (None: none): ``--cache``, else OUT's default cache, else
    (a command that writes no graph) the default build's cache if it exists. A folder that
    cannot serve is reported in one warning line and the build goes on without it."""
    from .extract.batch import cache_problem
    from .pipeline import default_cache_dir

    if no_cache:
        if cache is not None:
            raise click.UsageError("--cache and --no-cache: give one of them")
        return None
    if cache is None:
        cache = default_cache_dir(out if out is not None else Path("dist"))
        if out is None and not cache.is_dir():
            return None
    problem = cache_problem(cache)
    if problem:
        click.echo(f"idmkg: warning: facts cache {cache} not used: {problem}; every note is read", err=True)
        return None
    return cache


class Reporter:
    """Progress on stderr: a rich status line when stderr is a terminal, plain lines with -v."""

    def __init__(self, verbose: bool):
        from rich.console import Console

        self.console = Console(stderr=True)
        self.verbose = verbose
        self.status = None

    def __enter__(self):
        if self.console.is_terminal and not self.verbose:
            self.status = self.console.status("starting")
            self.status.__enter__()
        return self

    def __call__(self, message: str) -> None:
        if self.status is not None:
            self.status.update(message)
        elif self.verbose:
            self.console.print(f"[dim]… {message}[/dim]")

    def __exit__(self, *exc):
        if self.status is not None:
            self.status.__exit__(*exc)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Show each stage as it runs and full reports.")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
@click.version_option(package_name="idmkg")
@click.pass_context
def main(ctx, verbose, debug):
    """idmkg: the knowledge graph of the IOM International Dialogue on Migration.

    \b
    Typical use:
      idmkg build                  # notes -> dist/idmkg.ttl and dist/idmkg.trig
      idmkg validate               # SHACL check, report in plain words
      idmkg stats                  # what the graph holds, with provenance
      idmkg export -o idmkg.trig   # for partners: any RDF format, one named graph per note
      idmkg docs -o site/          # HTML documentation of the ontology and concepts
      idmkg serve                  # SPARQL endpoint and web pages on http://127.0.0.1:8080/
    """
    ctx.ensure_object(dict)
    ctx.obj.update(verbose=verbose, debug=debug)


@main.command()
@build_options
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder for idmkg.ttl (complete graph) and idmkg.trig (named graphs).")
@click.option("--reasoner", type=click.Choice(["fast", "store", "owlrl"]), default="fast", show_default=True,
              help="fast: the OWL 2 RL rules the ontology uses, semi-naive over plain triples (0.2 s on the "
                   "five notes); store: the same rules as SPARQL Update in Oxigraph (ontology/rules/); owlrl: "
                   "the owlrl package, every rule (the reference, ~10 s). Same result, proven by the tests.")
@click.option("--validator", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the SHACL shapes compiled to SPARQL and run in Oxigraph; pyshacl: the reference "
                   "(~10x slower). Same results, proven by the tests.")
@cache_options
@click.pass_context
@handle_errors
def build(ctx, corpus, base, out, reasoner, validator, workers, cache, no_cache):
    """Build the graph: parse, extract, infer, validate, export.

    Writes OUT/idmkg.ttl (asserted + inferred + ontology, the graph queries run on) and
    OUT/idmkg.trig (one named graph per note, the inferences, the ontology). Nothing is
    written if SHACL validation fails (exit status 2).

    What each note yields is kept in the facts cache (OUT/.cache/facts), so the next build
    reads only the notes that are new or changed; the files written are the same
    byte for byte with or without it.
    """
    from .pipeline import build as run_build

    cache_dir = cache_folder(cache, no_cache, out)
    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, out, base=base, progress=report, reasoner=reasoner, validator=validator,
                           workers=workers, cache_dir=cache_dir)
    print_summary(result.summary(), listed=ctx.obj["verbose"])
    for path in result.outputs:
        click.echo(f"wrote {path}")


@main.command()
@build_options
@cache_options
@click.pass_context
@handle_errors
def validate(ctx, corpus, base, workers, cache, no_cache):
    """Check the graph against the SHACL shapes and report each violation in words:
    which thing, which rule, and the note and paragraph it was read from."""
    from .pipeline import build as run_build

    cache_dir = cache_folder(cache, no_cache, None)
    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, None, base=base, progress=report, write=False, check=False,
                           workers=workers, cache_dir=cache_dir)
    click.echo(result.report.text)
    if not result.report.conforms:
        sys.exit(EXIT_INVALID)


@main.command()
@build_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for programs.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write to FILE instead of stdout.")
@cache_options
@click.pass_context
@handle_errors
def stats(ctx, corpus, base, fmt, output, workers, cache, no_cache):
    """What the graph holds: counts, triples, validation verdict, and every workshop,
    theme, proposal, consultation and Council session with the paragraphs it comes from."""
    from .pipeline import build as run_build
    from .serialize import write_atomic

    cache_dir = cache_folder(cache, no_cache, None)
    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, None, base=base, progress=report, write=False, check=False,
                           workers=workers, cache_dir=cache_dir)
    summary = result.summary()
    if fmt == "json":
        text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        if output:
            write_atomic(output, text)
        else:
            click.echo(text, nl=False)
        return
    if output:
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        print_summary(summary, listed=True, console=Console(file=buffer, width=120))
        write_atomic(output, buffer.getvalue())
    else:
        print_summary(summary, listed=True)


@main.command("export")
@build_options
@click.option("--format", "-f", "fmt", default=None, metavar="FORMAT",
              help="turtle, ntriples, nquads, trig, jsonld or rdfxml. Default: from the extension of "
                   "-o (.ttl .nt .nq .trig .jsonld .rdf).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write to FILE (atomically: all or nothing) instead of stdout.")
@click.option("--note", "notes", multiple=True, metavar="NOTE",
              help="Only this note, by symbol (IC/2009/10) or, for a note without one, by key "
                   "(idm-2009-after-2009-02-26); repeat for several. Default: every note.")
@click.option("--inferred/--asserted-only", default=False, show_default=True,
              help="Add the OWL 2 RL inferences (graph/inferred), or keep to what the notes state.")
@click.option("--ontology/--no-ontology", default=False, show_default=True,
              help="Add the ontology, controlled vocabularies and concept scheme (graph/ontology).")
@click.option("--sparql-endpoint", metavar="URL", default=None,
              help="Name the SPARQL endpoint that serves this data in the dataset description.")
@click.option("--queries/--no-queries", default=False, show_default=True,
              help="Add the canned-query catalogue (graph/queries: one sh:SPARQLSelectExecutable per "
                   "query), so the export says which questions it answers.")
@click.pass_context
@handle_errors
def export_command(ctx, corpus, base, fmt, output, notes, inferred, ontology, sparql_endpoint, queries):
    """Export the graph for partners, in any RDF format, with a VoID/DCAT description.

    TriG and N-Quads keep one named graph per note (graph/note/IC-2009-10, ...), with
    graph/derived, graph/inferred, graph/ontology and graph/description (VoID, DCAT and the
    PROV-O provenance of each graph); the other formats hold their union. Every format is
    deterministic: the same notes give byte-identical files.

    \b
    Examples:
      idmkg export -o idmkg.trig                         # every note, facts as stated
      idmkg export -o idmkg.nt --inferred --ontology     # everything, as N-Triples
      idmkg export --format jsonld --note IC/2009/10     # one note, to stdout
      idmkg export -o 2009.ttl --note IC/2009/1 --note idm-2009-after-2009-02-26
    """
    from .export import export_file

    with Reporter(ctx.obj["verbose"]) as report:
        made = export_file(output, fmt, notes, inferred=inferred, ontology=ontology, endpoint=sparql_endpoint,
                           corpus=corpus, base=base, progress=report, queries=queries)
    if output is None:
        click.echo(made.text, nl=False)
    else:
        click.echo(f"wrote {made.path} ({made.format.label}, {len(made.graphs)} graphs, "
                   f"{made.triples} triples, {len(made.notes)} notes)")


@main.command()
@build_options
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("dist/docs"), show_default=True,
              help="Folder for index.html (the documentation) and context.jsonld (the JSON-LD context).")
@click.pass_context
@handle_errors
def docs(ctx, corpus, base, output):
    """Write the ontology and concept scheme documentation as one self-contained HTML page.

    Every class, property, controlled value and concept with its definition, its place in
    the hierarchy, and examples taken from the graph built from the notes (how many things
    of each class, which paragraphs discuss each concept). No scripts or fonts are
    fetched: the page opens offline.

    \b
    Example:
      idmkg docs -o site/ && xdg-open site/index.html
    """
    from .docs import write_docs

    with Reporter(ctx.obj["verbose"]) as report:
        paths = write_docs(output, corpus=corpus, base=base, progress=report)
    for path in paths:
        click.echo(f"wrote {path}")


@main.command()
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Draw or export to FILE, the extension choosing: .svg or .png (drawing), .html "
                   "(interactive page), .graphml, .gexf or .json (node-link) for graph tools. "
                   "Without it, print the analysis.")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=None,
              help="Graph to read (Turtle, TriG, N-Triples ...). Default: the last build, dist/idmkg.ttl, "
                   "built first when there is none.")
@click.option("--focus", metavar="THEME", default=None,
              help="Only this theme's or workshop topic's lineage: its title, part of it, or IRI.")
@click.option("--year", "years", metavar="YEAR[-YEAR]", default=None,
              help="Only these dialogue years, e.g. 2009 or 2009-2010.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the analysis (without -o).")
@click.pass_context
@handle_errors
def lineage(ctx, output, graph_file, focus, years, fmt):
    """Theme lineage: how themes and workshop topics went from proposal to selection to
    held workshop, read from the graph (not the notes).

    Without -o, prints the themes proposed more than once, the proposals never taken up and
    the longest chains; with --focus, that theme's path from first proposal to its end. With
    -o, draws or exports the lineage: each transition carries the note and paragraph it
    comes from.

    \b
    Examples:
      idmkg lineage                                   # the analysis, as text
      idmkg lineage -o lineage.png                    # years as columns, with a legend
      idmkg lineage -o lineage.html                   # hover shows the source paragraph
      idmkg lineage -o lineage.graphml --year 2009-2010
      idmkg lineage --focus "South-South Migration"   # one theme's path
    """
    from .lineage import analysis, analysis_text, load_lineage, output_format, parse_years, restrict, write_lineage

    if output is not None:
        output_format(output)
    parse_years(years)
    with Reporter(ctx.obj["verbose"]) as report:
        whole = load_lineage(graph_file, progress=report)
    view = restrict(whole, focus=focus, years=years)
    if output is not None:
        path = write_lineage(view, output)
        click.echo(f"wrote {path} ({view.number_of_nodes()} nodes, {view.number_of_edges()} transitions)")
        return
    if fmt == "json":
        click.echo(json.dumps(analysis(view, focus=view.graph.get("focus")), indent=2, ensure_ascii=False))
    else:
        click.echo(analysis_text(view, focus=view.graph.get("focus")), nl=False)


# ---------------------------------------------------------------------------
# the query catalogue, ad-hoc SPARQL, remote endpoints
# ---------------------------------------------------------------------------

def graph_options(func):
    """Where a query runs: the last build (default), another graph file, or an endpoint."""
    func = click.option("--timeout", type=float, default=30.0, show_default=True, metavar="SECONDS",
                        help="Give up on a query still running after this time (local graph or --endpoint).")(func)
    func = click.option("--max-rows", type=click.IntRange(1, None), default=1_000_000, show_default=True,
                        help="Row limit of a query on the local graph: an answer of more rows stops with an error.")(func)
    func = click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
                        help="SPARQL engine for a local graph: Oxigraph (fast) or rdflib's own (the reference; "
                             "same answers, slower).")(func)
    func = click.option("--allow-network", is_flag=True,
                        help="Let a query on the local graph use SERVICE and FROM <url>, and a JSON-LD graph file "
                             "load remote contexts (off: nothing is fetched, no local file but the graph is read).")(func)
    func = click.option("--endpoint", metavar="URL", default=None,
                        help="Run on this SPARQL 1.1 query endpoint instead of the local graph.")(func)
    func = click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=None,
                        help="Graph file to query (Turtle, TriG, N-Triples ...). Default: the last build, "
                             "dist/idmkg.ttl, built first when there is none.")(func)
    return func


def result_options(func):
    from .results import FORMATS

    func = click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
                        help="Write to FILE (atomically) instead of stdout.")(func)
    func = click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for people; csv, tsv, json (W3C SPARQL 1.1 results formats); markdown.")(func)
    return func


def _local_graph(ctx, graph_file, allow_network: bool = False, engine: str = "rdflib"):
    """The local graph a query runs on: loaded by rdflib for its engine; for Oxigraph, the
    file (the last build, built first when there is none), which it loads itself."""
    from .graph_file import graph_path
    from .queries import QueryError, load_graph

    with Reporter(ctx.obj["verbose"]) as report:
        if engine == "oxigraph":
            return graph_path(graph_file, QueryError, report)
        return load_graph(graph_file, progress=report, allow_network=allow_network)


def emit_results(results, fmt: str, output) -> None:
    from .queries import display_prefixes
    from .results import format_results, rich_table
    from .serialize import write_atomic

    prefixes = display_prefixes()
    if output is not None:
        write_atomic(output, format_results(results, fmt, prefixes))
        click.echo(f"wrote {output} ({len(results)} rows)", err=True)
    elif fmt == "table":
        from rich.console import Console

        Console(width=None if sys.stdout.isatty() else 160).print(rich_table(results, prefixes))
    else:
        click.echo(format_results(results, fmt, prefixes), nl=False)


def parse_params(pairs) -> dict[str, str]:
    from .errors import QueryError

    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise QueryError(f"--param expects KEY=VALUE, got {pair!r}")
        if key in params:
            raise QueryError(f"--param {key} given twice")
        params[key] = value
    return params


@main.command("queries")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table",
              show_default=True, help="table for people, markdown for documents, json for programs.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write to FILE instead of stdout.")
@click.pass_context
@handle_errors
def queries_command(ctx, fmt, output):
    """List the catalogue of canned queries (queries/*.rq): name, summary, parameters.

    \b
    Run one with:  idmkg query NAME [--param KEY=VALUE ...] [--format csv]
    """
    from .queries import load_catalogue
    from .serialize import write_atomic

    catalogue = load_catalogue()

    def shown(value) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)

    def params_text(q) -> str:
        return "; ".join(f"{p.name} ({'|'.join(p.enum) if p.enum else p.type}{', required' if p.required else ''}"
                         f"{f', default {shown(p.default)}' if p.default is not None else ''}; "
                         f"e.g. {shown(p.example)})" for p in q.params)

    if fmt == "json":
        text = json.dumps([{"name": q.name, "summary": q.summary, "description": q.description, "tags": list(q.tags),
                            "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default,
                                        "example": p.example, "enum": list(p.enum) if p.enum else None,
                                        "description": p.description} for p in q.params]}
                           for q in catalogue.values()], indent=2, ensure_ascii=False, default=str) + "\n"
    elif fmt == "markdown":
        lines = ["| query | what it answers | parameters |", "|---|---|---|"]
        lines += [f"| `{q.name}` | {q.summary} | {params_text(q) or '-'} |".replace("\n", " ") for q in catalogue.values()]
        text = "\n".join(lines) + "\n"
    else:
        from io import StringIO

        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"idmkg query catalogue ({len(catalogue)} queries)", show_header=True)
        table.add_column("query", no_wrap=True)
        table.add_column("what it answers", overflow="fold")
        table.add_column("parameters", overflow="fold")
        for q in catalogue.values():
            table.add_row(q.name, q.summary, params_text(q) or "-")
        if output is None:
            Console().print(table)
            return
        buffer = StringIO()
        Console(file=buffer, width=160).print(table)
        text = buffer.getvalue()
    if output is not None:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


@main.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (see 'idmkg queries'); repeat for several.")
@graph_options
@result_options
@click.pass_context
@handle_errors
def query_command(ctx, name, params, graph_file, endpoint, timeout, allow_network, engine, max_rows, fmt, output):
    """Run the canned query NAME of the catalogue, on the last build or on --endpoint.

    Parameter values are typed and bound, never pasted into the query text.

    \b
    Examples:
      idmkg query workshops --param year=2009
      idmkg query carried-forward -p kind=theme --format csv -o carried.csv
      idmkg query provenance -p entity=id:workshop/2009-2 --format json
      idmkg query annual-themes --endpoint http://127.0.0.1:7878/query
    """
    from .queries import get_query, run_query

    values = parse_params(params)
    query = get_query(name)
    query.bind(values)  # unknown or badly typed parameters fail before the graph is loaded
    graph = None if endpoint else _local_graph(ctx, graph_file, allow_network, engine)
    results = run_query(name, values, graph=graph, endpoint=endpoint, timeout=timeout, allow_network=allow_network,
                        engine=None if endpoint else engine, max_rows=None if endpoint else max_rows)
    emit_results(results, fmt, output)


@main.command("sparql")
@click.argument("query")
@graph_options
@result_options
@click.pass_context
@handle_errors
def sparql_command(ctx, query, graph_file, endpoint, timeout, allow_network, engine, max_rows, fmt, output):
    """Run an ad-hoc SELECT or ASK query: QUERY is the text, a .rq file, or - (stdin).

    The project's prefixes (id: idm: idmc: skos: rdfs: ...) may be used undeclared.

    \b
    Examples:
      idmkg sparql 'SELECT ?w ?t WHERE { ?w a idm:IntersessionalWorkshop ; skos:prefLabel ?t }'
      idmkg sparql my-question.rq --format csv
      echo 'ASK { ?y idm:overarchingTheme ?t }' | idmkg sparql - --endpoint http://127.0.0.1:7878/query
    """
    from .errors import QueryError
    from .queries import run_sparql

    if query == "-":
        text = sys.stdin.read()
    elif not any(c.isspace() or c == "{" for c in query.strip()):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such file, and not a SPARQL query")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{query}: cannot read: {err}") from None
    else:
        text = query
    graph = None if endpoint else _local_graph(ctx, graph_file, allow_network, engine)
    results = run_sparql(text, graph=graph, endpoint=endpoint, timeout=timeout, allow_network=allow_network,
                         engine=None if endpoint else engine, max_rows=None if endpoint else max_rows)
    emit_results(results, fmt, output)


@main.command("publish")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (e.g. Oxigraph's http://HOST:PORT/store), or with "
                   "--protocol update the SPARQL Update URL (http://HOST:PORT/update).")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=None,
              help="Graph file to publish. Default: the last build, dist/idmkg.ttl, built first when there is none.")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="gsp: SPARQL 1.1 Graph Store HTTP Protocol; update: SPARQL 1.1 Update (DROP + INSERT DATA).")
@click.option("--graph-iri", metavar="IRI", default=None,
              help="Load into this named graph. Default: the store's default graph.")
@click.option("--append", is_flag=True, help="Add to what the target graph holds instead of replacing it.")
@click.option("--catalogue/--no-catalogue", default=True, show_default=True,
              help="Also publish the query catalogue as RDF (sh:SPARQLExecutable), so that the "
                   "endpoint says which questions it answers.")
@click.option("--sparql-url", metavar="URL", default=None,
              help="The query URL that will serve the data, recorded as the catalogue's schema:target.")
@click.option("--timeout", type=float, default=120.0, show_default=True, metavar="SECONDS")
@click.pass_context
@handle_errors
def publish_command(ctx, endpoint, graph_file, protocol, graph_iri, append, catalogue, sparql_url, timeout):
    """Load the graph into a remote RDF store (replacing the target graph by default).

    \b
    Examples:
      oxigraph serve --location store/ --bind 127.0.0.1:7878 &
      idmkg publish --endpoint http://127.0.0.1:7878/store
      idmkg query workshops --endpoint http://127.0.0.1:7878/query
    """
    from rdflib import Graph

    from .remote import publish

    source = _local_graph(ctx, graph_file)
    graph = Graph()
    for triple in source.triples((None, None, None)):
        graph.add(triple)
    extra = 0
    if catalogue:
        from .catalogue import catalogue_graph

        described = catalogue_graph(endpoint=sparql_url)
        extra = len(described)
        graph += described
    done = publish(endpoint, graph, protocol=protocol, graph_iri=graph_iri, replace=not append, timeout=timeout)
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"published {done.triples} triples ({extra} of them the query catalogue) to {target} at "
               f"{endpoint} ({'SPARQL Update' if protocol == 'update' else 'Graph Store Protocol'}, "
               f"{'added' if append else 'replaced'}; HTTP {done.status})")
    for warning in getattr(done, "warnings", ()) or ():
        click.echo(f"idmkg: warning: {warning}", err=True)


@main.command("serve")
@click.option("--graph", "graph_file", type=click.Path(path_type=Path), default=None,
              help="Graph file to serve (TriG keeps the named graphs). Default: the last build, "
                   "dist/idmkg.trig, built first when there is none.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to be reachable from other machines).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, metavar="SECONDS",
              help="Time limit of one SPARQL query; a query past it is stopped and answered with 503.")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10_000, show_default=True,
              help="Result-row limit of one SPARQL query; a query past it is stopped and answered with 400.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Processes evaluating SPARQL side by side (each holds a copy of the graph).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI the graph was minted under: its id/... IRIs are served as pages.")
@click.option("--reload-interval", type=click.FloatRange(0, 3600), default=2.0, show_default=True, metavar="SECONDS",
              help="How often to check the graph file for a rebuild and swap it in (0: never).")
@click.option("--allow-federation", is_flag=True,
              help="Let queries use SERVICE to reach other endpoints (off by default: the server makes no "
                   "outgoing requests).")
@click.pass_context
@handle_errors
def serve_command(ctx, graph_file, host, port, timeout, max_rows, workers, base, reload_interval, allow_federation):
    """Serve the graph: a read-only SPARQL 1.1 endpoint and linked-data pages.

    \b
    Routes:
      /                 home: what the graph holds
      /id/...           every entity: HTML for browsers, Turtle/JSON-LD by content negotiation
      /sparql           SPARQL 1.1 Protocol (GET/POST; JSON, XML, CSV, TSV; Turtle, JSON-LD)
      /queries          the canned queries as forms
      /lineage          the theme lineage, interactive
      /health, /.well-known/void
    \b
    Examples:
      idmkg serve --port 8080
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8080/sparql?query=SELECT+*+WHERE+{?s+a+idm:Theme}'
    Stop with Ctrl-C (requests in flight finish first).
    """
    from .server import ServerConfig, serve
    from .server.snapshot import graph_file as find_graph

    with Reporter(ctx.obj["verbose"]) as report:
        path = find_graph(graph_file, report)
    config = ServerConfig(graph=path, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
                          base=base, reload_interval=reload_interval, federation=allow_federation)
    serve(config)


@main.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Folder of notes to add to. Default: the project's own notes/.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder the graph is rebuilt into.")
@click.option("--no-build", is_flag=True, help="Store the notes but do not rebuild the graph.")
@click.option("--dry-run", is_flag=True, help="Read and check the files, say what would be added, write nothing.")
@cache_options
@click.pass_context
@handle_errors
def add_command(ctx, files, corpus, out, no_build, dry_run, workers, cache, no_cache):
    """Add discussion notes to the corpus from PDF, Word .docx, HTML, markdown or text.

    Each FILE is read (the format is told by its content, then its name), normalised into
    note text (PDF: running headers, footers and page numbers removed, footnotes separated;
    .docx: Word numbering and footnotes), parsed like the other notes, and refused with one
    line if it is already in the corpus (same symbol, same text, same file). Then the
    original is stored under CORPUS/originals/, the text as CORPUS/NNN_<hash>.txt, its
    provenance in CORPUS/manifest.json, and the graph is rebuilt into OUT, through the facts
    cache (OUT/.cache/facts): after an 'idmkg build' only the new notes are read. All or
    nothing: if any file cannot be added, nothing is written.

    \b
    Examples:
      idmkg add IC-2011-3.pdf
      idmkg add --dry-run note.docx note.html
      idmkg add --corpus my-notes/ --no-build *.pdf
    """
    from .ingest import add_notes

    rebuild = not (no_build or dry_run)
    cache_dir = cache_folder(cache, no_cache, out) if rebuild else None
    with Reporter(ctx.obj["verbose"]) as report:
        result = add_notes(files, corpus, rebuild=rebuild, progress=report, dry_run=dry_run, out=out,
                           workers=workers, cache_dir=cache_dir)
    verb = "would add" if dry_run else "added"
    for a in result.added:
        click.echo(f"{verb} {a.source} ({a.format}) as {a.text_file}: {a.symbol or a.key}, "
                   f"{a.paragraphs} paragraphs, {a.footnotes} footnotes")
    if result.build is not None:
        print_summary(result.build.summary(), listed=ctx.obj["verbose"])
        for path in result.build.outputs:
            click.echo(f"wrote {path}")


@main.command("review")
@click.argument("note")
@click.option("--corpus", type=click.Path(path_type=Path), default=None,
              help="Folder of notes. Default: the project's own notes/.")
@click.option("--html", "html_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Also write the review as one self-contained HTML page.")
@click.option("--all", "show_all", is_flag=True, help="Show every part of the note, not only those with facts or flagged.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
@handle_errors
def review_command(ctx, note, corpus, html_file, show_all, fmt):
    """What idmkg read from one note, paragraph by paragraph.

    NOTE is the note's key, symbol or file name (IC/2010/5, 002_5c41cb46aeb7a953.txt).
    Each paragraph with facts is shown with the words they were read from highlighted and the
    rule that read each; paragraphs that look like they hold facts (a date, a figure, a quoted
    title, words such as workshop, theme, proposed, selected) but yielded none are flagged
    MISSED?. Add a missed fact by hand to graph/curated.ttl (its header shows how).

    \b
    Examples:
      idmkg review IC/2010/5
      idmkg review IC/2010/5 --html review.html
    """
    from rich.console import Console

    from .review import print_review, review_note, to_html

    with Reporter(ctx.obj["verbose"]) as report:
        report("reading the corpus and extracting facts")
        review = review_note(note, corpus)
    if html_file:
        from .export import write_file

        write_file(html_file, to_html(review))
        click.echo(f"wrote {html_file}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"note": review.note.key, "facts": review.facts,
                               "parts": [{"part": p.id, "facts": [vars(f) for f in p.facts], "missed": p.missed,
                                          "signals": [vars(s) for s in p.signals]} for p in review.parts]},
                              ensure_ascii=False, indent=2, default=str))
        return
    print_review(review, Console(), show_all)


def print_summary(summary: dict, listed: bool = False, console=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    for warning in summary.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {warning}")
    table = Table(title="idmkg build summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, n in summary["counts"].items():
        table.add_row(label, str(n))
    for label, n in summary["triples"].items():
        table.add_row(f"triples: {label}", str(n))
    table.add_row("validation", summary["validation"])
    table.add_row("time (s)", f"{summary['seconds']:.1f}")
    console.print(table)
    if not listed:
        return
    for title, rows in summary["listed"].items():
        t = Table(title=title, show_header=True, expand=False)
        t.add_column("label", overflow="fold")
        t.add_column("read from", overflow="fold")
        for row in rows:
            t.add_row(row["label"], "; ".join(row["sources"]))
        console.print(t)


if __name__ == "__main__":  # pragma: no cover
    main()
