"""A paraphrase stress test of the workshop and attendance rules: the same facts written the ways a
secretariat plausibly writes them (verb, tense and voice; where the dates sit; venue forms;
attendance forms; title forms; changed plans), and wordings that must not yield a fact (figures that
are not attendance, a workshop merely discussed, another event). The cases are data:
tests/data/phrasings/workshop-paraphrases.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from idmkg.extract import extract_facts
from idmkg.parse import parse_text

DATA = Path(__file__).parent / "data" / "phrasings" / "workshop-paraphrases.yaml"
CASES = yaml.safe_load(DATA.read_text(encoding="utf-8"))["cases"]
COVER = ("IC/2019/2\n\nOriginal: English\nGeneva, 11 March 2019\n\nINTERNATIONAL DIALOGUE ON MIGRATION 2019\n\n"
         "26 March 2019\n\n1. This note covers the Dialogue since the informal consultations held on 15 November 2018.\n\n"
         "## Workshops\n\n")


def _facts(body: str, schema_labels) -> set[tuple[str, str, str]]:
    note = parse_text(COVER + body + "\n")
    return {(str(f.subject), f.prop, str(f.value)) for f in extract_facts([note], *schema_labels)}


PARAMS = [pytest.param(c, id=f"{c['dim']}-{i}",
                       marks=[pytest.mark.xfail(strict=True, reason=c["gap"])] if c.get("gap") else [])
          for i, c in enumerate(CASES)]


@pytest.mark.parametrize("case", PARAMS)
def test_paraphrase(schema_labels, case):
    facts = _facts(case["body"], schema_labels)
    missing = [tuple(f) for f in case.get("yields", []) if tuple(map(str, f)) not in facts]
    wrong = [tuple(f) for f in case.get("not", []) if tuple(map(str, f)) in facts]
    assert not missing and not wrong, {"missing": missing, "wrong": wrong}
