"""idmkg: the knowledge graph of the IOM International Dialogue on Migration.

The library API, stage by stage (the CLI is a thin shell over these)::

    from idmkg import build, parse_corpus, extract_facts, validate
    result = build()                 # every stage; result.complete() is the rdflib Graph
    result.summary()["counts"]

The query catalogue (``queries/*.rq``), in-process or on a SPARQL endpoint::

    from idmkg import run_query, run_sparql, load_catalogue
    rows = run_query("workshops", year=2009).rows       # list of dicts, plain Python values
    df = run_query("carried-forward", kind="theme").to_dataframe()   # with pandas installed
    run_query("annual-themes", endpoint="http://127.0.0.1:7878/query")
"""
from .pipeline import BuildResult, build, load_schema
from .errors import DataFileError, IdmkgError, NoteError, ValidationFailed
from .extract import extract_facts
from .parse import parse_corpus, parse_note, parse_text
from .validate import validate
from .errors import EndpointError, QueryError, QueryFileError
from .queries import get_query, load_catalogue, load_graph, run_query, run_sparql
from .results import Results
from .catalogue import catalogue_graph
from .remote import publish

__all__ = ["BuildResult", "DataFileError", "IdmkgError", "NoteError", "ValidationFailed", "build",
           "extract_facts", "load_schema", "parse_corpus", "parse_note", "parse_text", "validate",
           "EndpointError", "QueryError", "QueryFileError", "Results", "catalogue_graph", "get_query",
           "load_catalogue", "load_graph", "publish", "run_query", "run_sparql"]
