"""Golden-file test: a small note written in the IDM style (tests/data/golden/IC-2011-4.txt,
not one of the five) gives exactly the asserted graph in IC-2011-4.ttl, reviewed by hand.

To update after an intended change: run this module with IDMKG_UPDATE_GOLDEN=1, review the
diff of the .ttl, commit both."""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from idmkg.assemble import assemble, union
from idmkg.extract import extract_facts
from idmkg.namespaces import DEFAULT_BASE, data_prefixes
from idmkg.parse import parse_note
from idmkg.serialize import to_turtle, write_atomic

GOLDEN = Path(__file__).parent / "data" / "golden"
RULE = DEFAULT_BASE + "rule/"


def without_rule_versions(g: Graph) -> Graph:
    """The graph with each extraction rule named without its version (a digest of the
    rule's code): the golden file records which rule read each fact, and stays valid when
    a rule's code is edited without changing what it reads."""
    out = Graph()
    for s, p, o in g:
        if p == OWL.versionInfo and str(s).startswith(RULE):
            continue
        s, o = (URIRef(str(t).rsplit("/", 1)[0]) if isinstance(t, URIRef) and str(t).startswith(RULE) else t
                for t in (s, o))
        if p == RDFS.label and str(s).startswith(RULE):
            o = Literal(str(o).split(", version ")[0], lang=o.language)
        out.add((s, p, o))
    return out


def test_golden_note_graph(schema_labels):
    note = parse_note(GOLDEN / "IC-2011-4.txt")
    facts = extract_facts([note], *schema_labels)
    got = without_rule_versions(union(assemble([note], facts, DEFAULT_BASE).values(), DEFAULT_BASE))
    expected_file = GOLDEN / "IC-2011-4.ttl"
    if os.environ.get("IDMKG_UPDATE_GOLDEN"):
        write_atomic(expected_file, to_turtle(got, data_prefixes(DEFAULT_BASE)))
    expected = Graph().parse(expected_file, format="turtle")
    if not isomorphic(got, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        raise AssertionError(f"{len(missing)} triples missing, {len(extra)} unexpected; e.g. missing "
                             f"{sorted(missing)[:3]} unexpected {sorted(extra)[:3]}")


def test_golden_note_key_facts(schema_labels):
    note = parse_note(GOLDEN / "IC-2011-4.txt")
    facts = {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([note], *schema_labels)}
    assert ("workshop/2011-1", "idm:status", "status/held") in facts
    assert ("attendance/workshop/2011-1/participants", "idm:count", "180") in facts
    assert ("year/2011", "idm:overarchingTheme", "theme/future-migration-building-capacities-change") in facts
    assert ("proposal/2012/theme/diasporas-development", "idm:outcome", "outcome/open") in facts
    assert ("citation/IC-2011-4/p/2/IC-2010-5", "idm:citedParagraph", "10") in facts


FIVE_NOTES = GOLDEN / "five-notes.facts.txt"


def fact_lines(facts) -> list[str]:
    """One line per fact: subject, property, value and the words of each evidence."""
    lines = set()
    for f in facts:
        quotes = " | ".join(f"{e.note} {e.part} «{e.quote}»" for e in f.evidence)
        lines.add(f"{f.subject}\t{f.prop}\t{f.value}\t{quotes}")
    return sorted(lines)


def test_every_fact_of_the_five_notes_is_as_reviewed(facts):
    """Every fact read from the five notes, with its words: a rule change that adds, drops or
    changes one shows here as a diff to review (IDMKG_UPDATE_GOLDEN=1 rewrites the file)."""
    got = fact_lines(facts)
    if os.environ.get("IDMKG_UPDATE_GOLDEN"):
        write_atomic(FIVE_NOTES, "\n".join(got) + "\n")
    expected = FIVE_NOTES.read_text(encoding="utf-8").splitlines()
    missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
    assert not missing and not extra, f"{len(missing)} facts gone, e.g. {missing[:2]}; {len(extra)} new, e.g. {extra[:2]}"
