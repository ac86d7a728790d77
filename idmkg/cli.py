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
    """
    ctx.ensure_object(dict)
    ctx.obj.update(verbose=verbose, debug=debug)


@main.command()
@build_options
@click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True,
              help="Folder for idmkg.ttl (complete graph) and idmkg.trig (named graphs).")
@click.pass_context
@handle_errors
def build(ctx, corpus, base, out):
    """Build the graph: parse, extract, infer, validate, export.

    Writes OUT/idmkg.ttl (asserted + inferred + ontology, the graph queries run on) and
    OUT/idmkg.trig (one named graph per note, the inferences, the ontology). Nothing is
    written if SHACL validation fails (exit status 2).
    """
    from .pipeline import build as run_build

    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, out, base=base, progress=report)
    print_summary(result.summary(), listed=ctx.obj["verbose"])
    for path in result.outputs:
        click.echo(f"wrote {path}")


@main.command()
@build_options
@click.pass_context
@handle_errors
def validate(ctx, corpus, base):
    """Check the graph against the SHACL shapes and report each violation in words:
    which thing, which rule, and the note and paragraph it was read from."""
    from .pipeline import build as run_build

    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, None, base=base, progress=report, write=False, check=False)
    click.echo(result.report.text)
    if not result.report.conforms:
        sys.exit(EXIT_INVALID)


@main.command()
@build_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json for programs.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="Write to FILE instead of stdout.")
@click.pass_context
@handle_errors
def stats(ctx, corpus, base, fmt, output):
    """What the graph holds: counts, triples, validation verdict, and every workshop,
    theme, proposal, consultation and Council session with the paragraphs it comes from."""
    from .pipeline import build as run_build
    from .serialize import write_atomic

    with Reporter(ctx.obj["verbose"]) as report:
        result = run_build(corpus, None, base=base, progress=report, write=False, check=False)
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
