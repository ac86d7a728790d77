"""Deterministic serialisation: Turtle and TriG written by hand from sorted triples, so the
same graph always gives the same bytes and a diff between two builds shows only what
changed; writes are atomic (temporary file + rename)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .errors import IdmkgError


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (0, str(term), "", "")


class TermWriter:
    """Writes terms as prefixed names where that is safe, else as <IRIs>."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term) -> str:
        if isinstance(term, URIRef):
            iri = str(term)
            for prefix, ns in self.prefixes:
                if iri.startswith(ns):
                    local = iri[len(ns):]
                    if local and _safe_local(local):
                        return f"{prefix}:{local}"
            return f"<{iri}>"
        if isinstance(term, Literal):
            if term.datatype is not None:
                lexical = Literal(str(term)).n3()
                return f"{lexical}^^{self(URIRef(term.datatype))}"
            return term.n3()
        if isinstance(term, BNode):
            return f"_:{term}"
        raise IdmkgError(f"cannot write {term!r} as Turtle")


def _safe_local(local: str) -> bool:
    return all(c.isalnum() or c in "_-" for c in local) and not local[0] in "-" and local[-1] != "."


def turtle_body(triples, write: TermWriter, indent: str = "") -> list[str]:
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    lines: list[str] = []
    for s in sorted(by_subject, key=_sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, _sort_key(p)))
        lines.append(indent + write(s))
        for i, p in enumerate(order):
            objs = ", ".join(write(o) for o in sorted(set(preds[p]), key=_sort_key))
            end = " ." if i == len(order) - 1 else " ;"
            verb = "a" if p == RDF.type else write(p)
            lines.append(f"{indent}    {verb} {objs}{end}")
        lines.append("")
    return lines


def header(prefixes: dict[str, str]) -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()] + [""]


def canonical(graph: Graph) -> Graph:
    """Blank nodes (in the ontology's axioms) relabelled from their content, so their
    labels are the same on every run."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(graph)


def to_turtle(graph: Graph, prefixes: dict[str, str]) -> str:
    write = TermWriter(prefixes)
    return "\n".join(header(prefixes) + turtle_body(canonical(graph), write))


def to_trig(graphs: dict[str, Graph], prefixes: dict[str, str]) -> str:
    """Named graphs in the order given by their sorted names."""
    write = TermWriter(prefixes)
    lines = header(prefixes)
    for name in sorted(graphs):
        lines.append(f"{write(URIRef(name))} {{")
        lines += turtle_body(canonical(graphs[name]), write, indent="    ")
        lines.append("}")
        lines.append("")
    return "\n".join(lines)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
