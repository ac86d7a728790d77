"""Bad notes: each gives one clear message naming the file and the problem, through the
library (NoteError) and the CLI (one line, exit 1, nothing written)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from idmkg import resources
from idmkg.cli import main
from idmkg.errors import NoteError
from idmkg.parse import MAX_NOTE_BYTES, parse_note

GOOD = (resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt").read_text(encoding="utf-8")


def _latin1():
    return GOOD.replace("’", "'").replace("“", '"').replace("”", '"').replace("¹", "1").replace("²", "2") \
        .replace("–", "-").encode("latin-1", errors="replace") + "Société".encode("latin-1")


BAD = {
    "empty": (b"", "empty file"),
    "blank": (b"  \n\n \t\n", "empty file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<", "is a PDF file"),
    "truncated-pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog", "is a PDF file"),
    "latin-1": (_latin1(), "Latin-1"),
    "bad-utf16": (b"\xff\xfe" + b"\x00\xd8", "utf-16 byte-order mark"),
    "no-paragraphs": ("INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\nNo numbers here.\n".encode(), "no numbered paragraphs"),
    "no-title": ("IC/2009/7\n\n1. A paragraph with no title above it.\n".encode(),
                 "no title 'INTERNATIONAL DIALOGUE ON MIGRATION"),
    "no-name": ("INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\n1. A note with no symbol and no date.\n".encode(),
                "cannot name the note"),
    "duplicate-paragraph": (GOOD.replace("7. Subject to the availability", "6. Subject to the availability").encode(),
                            "paragraph 6 appears twice"),
    "too-large": (b"x" * (MAX_NOTE_BYTES + 1), "too large"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_note_is_one_clear_error(tmp_path, name):
    data, expected = BAD[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    with pytest.raises(NoteError) as info:
        parse_note(path)
    message = str(info.value)
    assert str(path) in message and expected in message, message
    assert "\n" not in message


@pytest.mark.parametrize("name", ["empty", "latin-1", "duplicate-paragraph", "pdf"])
def test_bad_note_in_a_corpus_stops_the_build_with_one_line(tmp_path, name):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    data, expected = BAD[name]
    (corpus / f"{name}.txt").write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and f"{name}.txt" in lines[0], result.output
    assert not out.exists()


def test_utf8_with_bom_and_utf16_are_read(tmp_path):
    for encoding, name in (("utf-8-sig", "bom8.txt"), ("utf-16", "bom16.txt")):
        path = tmp_path / name
        path.write_bytes(GOOD.encode(encoding))
        note = parse_note(path)
        assert note.symbol == "IC/2010/5" and len(note.paragraphs) == 14


def test_the_same_note_under_two_names_is_refused(tmp_path):
    from idmkg.parse import parse_corpus

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(NoteError, match="same note as"):
        parse_corpus(tmp_path)


def test_latin1_error_gives_the_line(tmp_path):
    path = tmp_path / "l1.txt"
    path.write_bytes("INTERNATIONAL DIALOGUE ON MIGRATION 2009\n\n1. Soci\xe9t\xe9.\n".encode("latin-1"))
    with pytest.raises(NoteError) as info:
        parse_note(path)
    assert f"{path}:3:" in str(info.value)


def test_a_note_yielding_few_facts_is_flagged(tmp_path):
    from idmkg import build

    (tmp_path / "thin.txt").write_text("INTERNATIONAL DIALOGUE ON MIGRATION 2011\n\nIC/2011/9\n\n"
                                       "1. This note says almost nothing.\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = build(tmp_path, write=False, check=False)
    warnings = result.summary()["warnings"]
    assert len(warnings) == 1 and "thin.txt" in warnings[0] and "IC/2011/9" in warnings[0]


def test_the_five_notes_raise_no_warning(built):
    assert built.summary()["warnings"] == []


@pytest.mark.parametrize("attribute", ["ONTOLOGY", "VOCAB", "CONCEPTS", "SHAPES", "CURATED"])
def test_a_syntax_error_in_a_data_file_gives_file_line_and_column(tmp_path, monkeypatch, attribute):
    from idmkg.errors import DataFileError

    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix x: <http://example.org/> .\nx:a x:b x:c .\nx:d x:e "unterminated .\n')
    monkeypatch.setattr(resources, attribute, bad)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert result.output.strip() == f"idmkg: error: {bad}:3:24: malformed Turtle: newline found in string literal"
    with pytest.raises(DataFileError):
        resources.load_turtle(bad)


def test_a_paragraph_number_without_its_full_stop_is_an_error_not_a_silent_loss(tmp_path):
    """In PDF text a number alone on a line without its full stop ("5") is not read as a
    paragraph start; the paragraphs after it must not vanish into paragraph 4."""
    text = (resources.NOTES_DIR / "003_9beb0cb66125f99d.txt").read_text(encoding="utf-8")
    import re

    m = re.search(r"(?m)^5\.(\s)", text)
    assert m, "the fixture note has a paragraph 5"
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text[:m.start()] + "5\n" + text[m.end():], encoding="utf-8")
    with pytest.raises(NoteError, match=r"paragraph 6 follows paragraph 4: paragraph 5 is missing or its number "
                                        r"is not written '5\.'"):
        parse_note(damaged)
