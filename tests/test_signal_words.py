"""The extraction rules' word lists come from the vocabulary (ontology/vocab.ttl, the
idm:signal-* concepts read by idmkg.extract.signals), not from literals in the rules."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from idmkg.extract import signals
from idmkg.namespaces import IDM

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "ontology" / "vocab.ttl"
RULES = [ROOT / "idmkg" / "extract" / f"{m}.py" for m in ("attendance", "meetings", "workshops")]
USED = re.compile(r"""alternation\(\s*["']([\w-]+)["']""")


def _used_keys() -> set[str]:
    return {k for p in RULES for k in USED.findall(p.read_text(encoding="utf-8"))}


def test_every_list_the_rules_use_is_in_the_vocabulary() -> None:
    g = Graph().parse(VOCAB)
    declared = {str(s)[len(signals.PREFIX):] for s in g.subjects(RDF.type, IDM.SignalWords)}
    used = _used_keys()
    assert used, "the rules read no signal words"
    assert used <= declared, used - declared
    read = signals.signal_words()
    for key in used:
        labels = {str(o) for o in g.objects(IDM["signal-" + key], SKOS.hiddenLabel)}
        assert set(read[key]) == labels, key
        pattern = re.compile(r"(?:" + signals.alternation(key) + r")\Z", re.IGNORECASE)
        assert all(pattern.match(w) for w in labels), key


def test_every_list_in_the_vocabulary_is_used() -> None:
    assert set(signals.signal_words()) == _used_keys()


def _scratch_home(tmp_path: Path, key: str, label: str) -> Path:
    home = tmp_path / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    g = Graph().parse(home / "ontology" / "vocab.ttl")
    g.remove((IDM["signal-" + key], SKOS.hiddenLabel, Literal(label, lang="en")))
    g.serialize(home / "ontology" / "vocab.ttl", format="turtle")
    return home


PROBE = """
import json, re, sys
from idmkg.extract import attendance, meetings, workshops
out = {}
for mod in (attendance, meetings, workshops):
    for name, value in vars(mod).items():
        if isinstance(value, re.Pattern):
            out[mod.__name__ + "." + name] = value.pattern
        elif isinstance(value, str) and name.isupper():
            out[mod.__name__ + "." + name] = value
        elif isinstance(value, list) and name.isupper():
            for i, item in enumerate(value):
                if isinstance(item, tuple) and isinstance(item[-1], re.Pattern):
                    out[f"{mod.__name__}.{name}[{i}]"] = item[-1].pattern
print(json.dumps(out))
"""


def _patterns(home: Path | None) -> dict[str, str] | str:
    """The rules' patterns as compiled with the vocabulary of ``home`` (None: the project's),
    or the error that stopped them from compiling."""
    env = dict(os.environ)
    if home is not None:
        env["IDMKG_HOME"] = str(home)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    return json.loads(done.stdout) if done.returncode == 0 else done.stderr


@pytest.mark.parametrize("key", sorted(_used_keys()))
def test_removing_a_wording_changes_what_the_rules_match(tmp_path: Path, key: str) -> None:
    label = signals.words(key)[0]
    before = _patterns(None)
    after = _patterns(_scratch_home(tmp_path, key, label))
    assert isinstance(before, dict), before
    if len(signals.words(key)) == 1:  # the list left empty: the rules refuse to compile without it
        assert isinstance(after, str) and f"idm:signal-{key}" in after
        return
    assert isinstance(after, dict), after
    changed = [name for name in before if before[name] != after.get(name)]
    assert changed, f"removing {label!r} from idm:signal-{key} changed no rule"
    forms = {re.escape(label).replace(r"\ ", space) for space in (" ", r"\s+")}

    def count(patterns: dict[str, str]) -> int:
        return sum(len(re.findall(r"(?<![\w\\])" + re.escape(f) + r"(?!\w)", patterns[n])) for n in changed for f in forms)
    assert count(after) < count(before), f"{label!r} is still in the changed rules"


def test_a_list_missing_from_the_vocabulary_is_an_error(tmp_path: Path) -> None:
    key = sorted(_used_keys())[0]
    home = tmp_path / "home"
    shutil.copytree(ROOT / "ontology", home / "ontology")
    g = Graph().parse(home / "ontology" / "vocab.ttl")
    g.remove((IDM["signal-" + key], None, None))
    g.serialize(home / "ontology" / "vocab.ttl", format="turtle")
    env = dict(os.environ, IDMKG_HOME=str(home))
    done = subprocess.run([sys.executable, "-c", "import idmkg.extract.attendance, idmkg.extract.meetings, idmkg.extract.workshops"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode != 0 and f"idm:signal-{key}" in done.stderr
