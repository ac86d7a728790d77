"""Fact precision and recall of the extraction rules on notes that were not used to write them.

    .venv/bin/python bench/extraction_accuracy.py [--notes DIR] [--json] [--quiet]

Reads every note ``DIR/*.txt`` (default ``tests/data/unseen``: synthetic notes written for idmkg,
see their README) and its answer key ``DIR/<name>.facts.yaml``, runs the parser on each note
and the extractor on all the notes that parse (together, as one corpus: some facts are only
stated across notes), and compares the extracted facts with the planted ones.

Prints, per fact kind (``subject kind.property``): planted, extracted, correct, precision and
recall; the micro-averaged totals; per note: planted, found, recall; then every miss (with
the note and part where it was planted) and every wrong extraction (with the note and part it
was read from), so that a rules engineer can act. ``--json`` prints the same as one JSON
object. Figures, not assertions: the exit status is 0 unless the notes or keys cannot be read.

How facts are compared
----------------------
A fact is ``(subject, property, value)``, matched on normalised forms, never on IRI strings:

* subjects and references are ``kind/natural key``: ``workshop/2012-1`` (dialogue year and
  ordinal), ``council/101`` (session number), ``consultation/2012-04-18`` (date),
  ``year/2013``, ``note/IC-2012-3`` (a note of the corpus is named by the key its answer key
  gives; the extractor's key for the same file is translated), ``attendance/workshop/2012-1/
  governments`` (meeting and category), ``citation/IC-2012-8/p/10/IC-2012-3`` (citing note and
  paragraph, cited document), ``status/held``, ``outcome/notSelected``;
* themes and topics are named by their title, and proposals by ``year/theme|topic/title``;
  a title is normalised by ``slug``: Unicode folded to ASCII, lower case, every run of
  non-alphanumerics a separator, a few function words dropped (``STOPWORDS``). An extracted
  theme or topic is identified with a planted one when the slug of its key, or of any of its
  wordings (``idm:wording``, ``idm:title``, ``skos:prefLabel``, ``skos:altLabel``), is the
  planted slug;
* literal values: dates as ISO dates, integers and booleans as such, strings (titles, venues,
  symbols, languages) by ``slug``; a key value ``{any_of: [...]}`` accepts any of the values.

Only the properties in ``SCOPE`` are scored (others, such as ``rdf:type``, labels, wordings,
concept tagging, Council segments, survey figures and organizers, are ignored on both sides).
Within scope, every extracted fact not in the key is a wrong extraction, except those the key
marks ``optional: true`` (implied rather than stated, e.g. that topics tabled in a note were
proposed at the consultation the note is prepared for): optional facts count neither as
planted nor as wrong. Facts are compared as a set over the whole corpus: a fact planted in two
notes counts once (found if extracted from either). Every fact planted in a note the parser
rejects counts as missed, whatever the other notes give.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTES = ROOT / "tests" / "data" / "unseen"

#: the properties scored, per subject kind (property names without the ``idm:``/``skos:`` prefix)
SCOPE: dict[str, set[str]] = {
    "note": {"symbol", "issued", "placeOfIssue", "originalLanguage", "concernsYear", "preparedFor",
             "writtenAfter"},
    "workshop": {"ordinal", "status", "startDate", "endDate", "venue", "title", "altLabel", "onTopic",
                 "incorporatesTopic", "announcedIn"},
    "attendance": {"count", "atLeast"},
    "year": {"overarchingTheme"},
    "proposal": {"candidate", "proposedIn", "proposedAt", "outcome", "previousProposal"},
    "theme": {"buildsOn"},
    "topic": set(),
    "council": {"ordinal", "startDate", "endDate"},
    "citation": {"citedDocument", "citedParagraph"},
}
#: kinds whose natural key is a title
TITLED = {"theme", "topic"}
REF_KINDS = {"note", "consultation", "theme", "topic", "status", "year", "outcome", "proposal", "workshop",
             "council", "conference", "doc", "class", "category", "org", "part", "concept", "segment",
             "attendance", "citation"}
STOPWORDS = {"a", "an", "the", "and", "or", "of", "for", "in", "on", "to", "with", "at", "by", "as", "from",
             "its", "their", "is", "are", "be"}
WORDING_PROPS = {"idm:wording", "idm:title", "skos:prefLabel", "skos:altLabel", "rdfs:label"}


def slug(text: str) -> str:
    """Normalised title: ASCII, lower case, alphanumeric words without function words, ``-``-joined."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w and w not in STOPWORDS]
    return "-".join(words)


def short(prop: str) -> str:
    return prop.split(":", 1)[-1]


# ---------------------------------------------------------------------------------------------
# answer keys
# ---------------------------------------------------------------------------------------------

@dataclass
class Planted:
    subject: str
    prop: str
    values: frozenset          # accepted normalised values (one, or several for any_of)
    shown: str                 # the value as written in the key
    sources: list[tuple[str, str]] = field(default_factory=list)   # (note, part)
    optional: bool = False

    @property
    def kind(self) -> str:
        return f"{self.subject.split('/', 1)[0]}.{self.prop}"


@dataclass
class Key:
    path: Path
    note: str
    file: str
    facts: list[dict]


class KeyError_(ValueError):
    """An answer key is malformed."""


def _canon_key(kind: str, key: str) -> str:
    key = str(key)
    if kind in TITLED:
        return slug(key)
    if kind == "proposal":
        parts = key.split("/", 2)
        if len(parts) != 3 or parts[1] not in TITLED:
            raise KeyError_(f"proposal key {key!r} is not YEAR/theme|topic/TITLE")
        return f"{parts[0]}/{parts[1]}/{slug(parts[2])}"
    return key


def _plain(value):
    """Numbers, booleans and dates in one comparable form; None for anything else."""
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (float, Decimal)):
        return float(value)
    return None


def _canon_value(value, prop: str):
    if (plain := _plain(value)) is not None:
        return plain
    text = str(value)
    if "/" in text and prop not in {"symbol"}:
        kind, rest = text.split("/", 1)
        if kind in REF_KINDS:
            return f"{kind}/{_canon_key(kind, rest)}"
    return slug(text)


def load_keys(notes_dir: Path) -> list[Key]:
    keys = []
    for path in sorted(notes_dir.glob("*.facts.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"note", "file", "facts"} <= set(data):
            raise KeyError_(f"{path}: needs the fields note, file and facts")
        for i, f in enumerate(data["facts"]):
            missing = {"kind", "key", "prop", "value", "at"} - set(f)
            if missing:
                raise KeyError_(f"{path}: fact {i + 1} lacks {sorted(missing)}")
            if f["kind"] not in SCOPE or f["prop"] not in SCOPE[f["kind"]]:
                raise KeyError_(f"{path}: fact {i + 1}: {f['kind']}.{f['prop']} is not a scored kind of fact")
        keys.append(Key(path, str(data["note"]), str(data["file"]), list(data["facts"])))
    return keys


def planted_facts(keys: list[Key]) -> dict[tuple[str, str], list[Planted]]:
    """(subject, prop) -> planted facts; identical facts from several notes are merged."""
    out: dict[tuple[str, str], list[Planted]] = defaultdict(list)
    for key in keys:
        for f in key.facts:
            subject = f"{f['kind']}/{_canon_key(f['kind'], f['key'])}"
            raw = f["value"]
            if isinstance(raw, dict) and "any_of" in raw:
                values = frozenset(_canon_value(v, f["prop"]) for v in raw["any_of"])
                shown = " | ".join(map(str, raw["any_of"]))
            else:
                values = frozenset([_canon_value(raw, f["prop"])])
                shown = str(raw)
            optional = bool(f.get("optional", False))
            for p in out[(subject, f["prop"])]:
                if p.values == values:
                    p.sources.append((key.note, str(f["at"])))
                    p.optional = p.optional and optional
                    break
            else:
                out[(subject, f["prop"])].append(
                    Planted(subject, f["prop"], values, shown, [(key.note, str(f["at"]))], optional))
    return out


# ---------------------------------------------------------------------------------------------
# extraction
# ---------------------------------------------------------------------------------------------

@dataclass
class Extracted:
    subject: str
    prop: str
    value: object
    sources: set[tuple[str, str]] = field(default_factory=set)

    @property
    def kind(self) -> str:
        return f"{self.subject.split('/', 1)[0]}.{self.prop}"


def run_extraction(notes_dir: Path, keys: list[Key]):
    """Parse each note on its own (a rejected note is reported, not fatal), extract from the rest
    together. Returns (facts, rejected {file: error line}, {extractor note key: answer-key note})."""

    from idmkg import parse_note
    from idmkg.errors import IdmkgError
    from idmkg.extract import extract_facts
    from idmkg.pipeline import extraction_labels, load_schema

    by_file = {k.file: k.note for k in keys}
    notes, rejected, rename = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="idmkg-unseen-") as tmp:
        for src in sorted(notes_dir.glob("*.txt")):
            dst = Path(tmp) / src.name
            shutil.copyfile(src, dst)
            try:
                note = parse_note(dst)
            except IdmkgError as err:
                rejected[src.name] = str(err).replace(str(dst), str(src))
                continue
            notes.append(note)
            rename[note.key] = by_file.get(src.name, note.key)
        schema = load_schema()
        labels = extraction_labels(schema)
        facts = extract_facts(notes, *labels) if notes else []
    return facts, rejected, rename


class Normaliser:
    """Maps the extractor's Refs and literals into the answer keys' normal form."""

    def __init__(self, facts, rename: dict[str, str], planted_titles: set[str]):
        self.rename = rename
        self.alias: dict[tuple[str, str], str] = {}
        wordings: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.candidate: dict[str, object] = {}
        for f in facts:
            if f.subject.kind in TITLED and f.prop in WORDING_PROPS and isinstance(f.value, str):
                wordings[(f.subject.kind, f.subject.key)].add(slug(f.value))
            if f.subject.kind == "proposal" and f.prop == "idm:candidate":
                self.candidate[f.subject.key] = f.value
        for (kind, key), words in wordings.items():
            own = slug(key.replace("-", " "))
            if own in planted_titles:
                self.alias[(kind, key)] = own
                continue
            hits = sorted(w for w in words if w in planted_titles)
            self.alias[(kind, key)] = hits[0] if hits else own

    def note_key(self, key: str) -> str:
        return self.rename.get(key, key)

    def ref(self, kind: str, key: str) -> str:
        if kind in TITLED:
            return f"{kind}/{self.alias.get((kind, key), slug(key.replace('-', ' ')))}"
        if kind == "note":
            return f"note/{self.note_key(key)}"
        if kind == "proposal":
            cand = self.candidate.get(key)
            year, ckind, rest = (key.split("/", 2) + ["", ""])[:3]
            if cand is not None and hasattr(cand, "kind"):
                return f"proposal/{year}/{self.ref(cand.kind, cand.key)}"
            return f"proposal/{year}/{ckind}/{slug(rest.replace('-', ' '))}"
        if kind == "citation":
            parts = key.split("/")
            if parts:
                parts[0] = self.note_key(parts[0])
            return "citation/" + "/".join(parts)
        return f"{kind}/{key}"

    def value(self, value, prop: str):
        if hasattr(value, "kind") and hasattr(value, "key"):
            return self.ref(value.kind, value.key)
        if (plain := _plain(value)) is not None:
            return plain
        return slug(str(value))


def extracted_facts(facts, norm: Normaliser) -> dict[tuple[str, str, object], Extracted]:
    out: dict[tuple[str, str, object], Extracted] = {}
    for f in facts:
        kind, prop = f.subject.kind, short(f.prop)
        if kind not in SCOPE or prop not in SCOPE[kind]:
            continue
        subject = norm.ref(kind, f.subject.key)
        value = norm.value(f.value, prop)
        e = out.setdefault((subject, prop, value), Extracted(subject, prop, value))
        e.sources.update((norm.note_key(ev.note), ev.part) for ev in f.evidence)
    return out


# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------

def compare(notes_dir: Path) -> dict:
    keys = load_keys(notes_dir)
    notes_on_disk = {p.name for p in notes_dir.glob("*.txt")}
    for k in keys:
        if k.file not in notes_on_disk:
            raise KeyError_(f"{k.path}: refers to {k.file}, which is not in {notes_dir}")
    planted = planted_facts(keys)
    titles = {p.subject.split("/", 1)[1] for ps in planted.values() for p in ps
              if p.subject.split("/", 1)[0] in TITLED}
    for ps in planted.values():
        for p in ps:
            for v in p.values:
                if isinstance(v, str) and v.split("/", 1)[0] in TITLED:
                    titles.add(v.split("/", 1)[1])
                if isinstance(v, str) and v.startswith("proposal/"):
                    titles.add(v.split("/", 3)[3])
            if p.subject.startswith("proposal/"):
                titles.add(p.subject.split("/", 3)[3])

    facts, rejected, rename = run_extraction(notes_dir, keys)
    norm = Normaliser(facts, rename, titles)
    extracted = extracted_facts(facts, norm)
    rejected_notes = {k.note for k in keys if k.file in rejected}

    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"planted": 0, "extracted": 0, "correct": 0})
    per_note: dict[str, dict[str, int]] = defaultdict(lambda: {"planted": 0, "found": 0, "wrong": 0})
    misses, wrong, matched_extracted = [], [], set()

    for (subject, prop), ps in sorted(planted.items()):
        for p in ps:
            hits = [(subject, prop, v) for v in p.values if (subject, prop, v) in extracted]
            for h in hits:
                matched_extracted.add(h)
            if p.optional:
                continue
            forced_miss = any(n in rejected_notes for n, _ in p.sources)
            found = bool(hits) and not forced_miss
            per_kind[p.kind]["planted"] += 1
            per_kind[p.kind]["correct"] += int(found)
            for n in {n for n, _ in p.sources}:
                per_note[n]["planted"] += 1
                per_note[n]["found"] += int(found)
            if not found:
                have = sorted(str(e.value) for (s, pr, _v), e in extracted.items() if s == subject and pr == prop)
                misses.append({
                    "kind": p.kind, "subject": subject, "prop": prop, "value": p.shown,
                    "planted_at": [f"{n} {part}" for n, part in p.sources],
                    "extracted_instead": have,
                    "reason": "note rejected by the parser" if forced_miss else "",
                })

    optional_hits = 0
    for k, e in sorted(extracted.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
        if k in matched_extracted:
            p_opt = all(p.optional for p in planted.get((e.subject, e.prop), []) if e.value in p.values)
            if p_opt:
                optional_hits += 1
                continue
            per_kind[e.kind]["extracted"] += 1
            continue
        per_kind[e.kind]["extracted"] += 1
        notes_of = sorted({n for n, _ in e.sources})
        for n in notes_of:
            per_note[n]["wrong"] += 1
        wrong.append({"kind": e.kind, "subject": e.subject, "prop": e.prop, "value": e.value,
                      "read_from": sorted(f"{n} {part}" for n, part in e.sources)})

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    kinds = {}
    for kind, c in sorted(per_kind.items()):
        kinds[kind] = {**c, "precision": ratio(c["correct"], c["extracted"]), "recall": ratio(c["correct"], c["planted"])}
    total = {x: sum(c[x] for c in per_kind.values()) for x in ("planted", "extracted", "correct")}
    total["precision"] = ratio(total["correct"], total["extracted"])
    total["recall"] = ratio(total["correct"], total["planted"])
    notes = {}
    for k in keys:
        c = per_note[k.note]
        notes[k.note] = {"file": k.file, **c, "recall": ratio(c["found"], c["planted"]),
                         "rejected": rejected.get(k.file)}
    return {"notes_dir": str(notes_dir), "notes": notes, "rejected": rejected, "kinds": kinds, "total": total,
            "optional_extracted": optional_hits, "misses": misses, "wrong": wrong}


# ---------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------

def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def print_report(r: dict, quiet: bool = False) -> None:
    out = sys.stdout.write
    for f, err in sorted(r["rejected"].items()):
        out(f"REJECTED {f}: {err}\n")
    out(f"\nFact accuracy on {len(r['notes'])} unseen notes ({r['notes_dir']})\n\n")
    width = max([len(k) for k in r["kinds"]] + [len("kind"), len("overall (micro)")])
    out(f"{'kind':<{width}}  planted  extracted  correct  precision  recall\n")
    for kind, c in r["kinds"].items():
        out(f"{kind:<{width}}  {c['planted']:>7}  {c['extracted']:>9}  {c['correct']:>7}  "
            f"{_fmt(c['precision']):>9}  {_fmt(c['recall']):>6}\n")
    t = r["total"]
    out(f"{'overall (micro)':<{width}}  {t['planted']:>7}  {t['extracted']:>9}  {t['correct']:>7}  "
        f"{_fmt(t['precision']):>9}  {_fmt(t['recall']):>6}\n")
    out(f"\n(optional facts extracted, not scored: {r['optional_extracted']})\n")
    out(f"\n{'note':<28}  planted  found  recall  wrong\n")
    for note, c in r["notes"].items():
        flag = "  REJECTED" if c["rejected"] else ""
        out(f"{note:<28}  {c['planted']:>7}  {c['found']:>5}  {_fmt(c['recall']):>6}  {c['wrong']:>5}{flag}\n")
    if quiet:
        return
    out(f"\nMisses ({len(r['misses'])}): planted, not extracted\n")
    for m in r["misses"]:
        instead = f"   [extracted: {', '.join(m['extracted_instead'])}]" if m["extracted_instead"] else ""
        reason = f"   ({m['reason']})" if m["reason"] else ""
        out(f"  {m['subject']} {m['prop']} = {m['value']}   @ {'; '.join(m['planted_at'])}{instead}{reason}\n")
    out(f"\nWrong extractions ({len(r['wrong'])}): extracted, not planted\n")
    for w in r["wrong"]:
        out(f"  {w['subject']} {w['prop']} = {w['value']}   @ {'; '.join(w['read_from']) or '(no evidence)'}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=Path, default=DEFAULT_NOTES, help="folder of notes and answer keys")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--quiet", action="store_true", help="tables only, no list of misses and wrong facts")
    args = ap.parse_args(argv)
    try:
        report = compare(args.notes)
    except (KeyError_, OSError, yaml.YAMLError) as err:
        print(f"extraction_accuracy: {err}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        print_report(report, args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
