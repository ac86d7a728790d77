"""Paraphrase stress test for proposals and themes (issue #9, generality): the same facts
written along each dimension a secretariat varies (lead verb, list form, decision wording,
re-proposal, builds-on), and must-not cases (lists and titles that are not proposals).
The cases are data: tests/data/phrasings/proposal-paraphrases.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from idmkg.extract import extract_facts
from idmkg.parse import parse_text

CASES = yaml.safe_load((Path(__file__).parent / "data" / "phrasings" / "proposal-paraphrases.yaml")
                       .read_text(encoding="utf-8"))

COVER = ("IC/2019/2\n\nOriginal: English\nGeneva, 11 March 2019\n\nINTERNATIONAL DIALOGUE ON MIGRATION 2019\n\n"
         "26 March 2019\n\n1. This note covers the Dialogue since the informal consultations held on "
         "15 November 2018.\n\n")


def _facts(body: str, schema_labels) -> set[tuple[str, str, str]]:
    note = parse_text(COVER + body)
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([note], *schema_labels)}


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(reason=c["known_gap"], strict=True))
                                  if "known_gap" in c else c for c in CASES], ids=[c["id"] for c in CASES])
def test_paraphrase(case, schema_labels):
    facts = _facts(case["body"], schema_labels)
    missing = [tuple(f) for f in case.get("must", ()) if tuple(f) not in facts]
    assert not missing, f"{case['dimension']}: not read {missing}"
    # (subject prefix, property) or (subject prefix, property, value): none of these may be read
    wrong = [(s, p, v) for s, p, v in facts for prefix, prop, *value in case.get("none", ())
             if s.startswith(prefix) and p == prop and (not value or v == value[0])]
    assert not wrong, f"{case['dimension']}: read {wrong}"
