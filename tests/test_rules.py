"""Each extracted fact carries the rule that found it (name and version), down to the graph:
a partner can tell machine-extracted from hand-curated facts and trace a wrong fact to its
rule."""
from __future__ import annotations

import hashlib
import importlib
import inspect

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from idmkg.model import Evidence, Fact, Ref, Rule
from idmkg.namespaces import IDM


def test_every_fact_of_the_five_notes_names_a_rule_that_exists(facts):
    assert facts and all(f.rule is not None for f in facts)
    for rule in {f.rule for f in facts}:
        module, function = rule.name.split("/")
        mod = importlib.import_module(f"idmkg.extract.{module}")
        func = getattr(mod, function, None) or getattr(mod, "_" + function)
        expected = hashlib.sha256(inspect.getsource(func).encode("utf-8")).hexdigest()[:10]
        assert rule.version == expected, rule


def test_rules_spread_over_the_modules(facts):
    modules = {f.rule.name.split("/")[0] for f in facts}
    assert {"workshops", "themes", "meetings", "attendance", "concepts", "resolve"} <= modules
    assert all(f.rule.name.startswith("resolve/") for f in facts if f.derived)


def test_a_fact_made_outside_idmkg_has_no_rule_and_rules_do_not_change_equality():
    ev = Evidence("n", "p/1", 0, 1, "x")
    plain = Fact(Ref("workshop", "2009-1"), "idm:venue", "Geneva", (ev,))
    assert plain.rule is None
    ruled = Fact(Ref("workshop", "2009-1"), "idm:venue", "Geneva", (ev,), rule=Rule("workshops/read", "0123456789"))
    assert ruled == plain and len({ruled, plain}) == 1
    assert str(ruled.rule) == "workshops/read@0123456789"


def test_every_evidence_in_the_graph_names_its_rule(complete_graph):
    g = complete_graph
    evidence = set(g.subjects(RDF.type, IDM.Evidence))
    assert len(evidence) > 900
    for e in evidence:
        rules = list(g.objects(e, IDM.extractedBy))
        assert len(rules) == 1, e
        rule = rules[0]
        assert (rule, RDF.type, IDM.ExtractionRule) in g
        name = g.value(rule, DCTERMS.identifier)
        version = g.value(rule, OWL.versionInfo)
        assert isinstance(name, Literal) and isinstance(version, Literal)
        assert rule == URIRef(f"https://w3id.org/idmkg/rule/{name}/{version}")


def test_the_catalogue_lists_facts_by_rule(built_ttl):
    from idmkg.queries import run_query

    rows = run_query("extraction-rules", graph=built_ttl).rows
    assert sum(r["statements"] for r in rows) >= 970
    one = run_query("extraction-rules", {"rule": "workshops/dates"}, graph=built_ttl).rows
    assert {r["property"].rsplit("#", 1)[1] for r in one} == {"startDate", "endDate"}
    assert all(r["name"] == "workshops/dates" for r in one)
