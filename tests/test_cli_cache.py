"""The fast build paths through the CLI: the facts cache (OUT/.cache/facts by default),
--cache / --no-cache, --workers, and `idmkg add` rebuilding through the cache. Whatever the
cache holds and however many processes read, the exports are the same bytes; a damaged
entry or a cache folder that cannot serve costs time (and one warning line), never the build."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from idmkg import resources
from idmkg.cli import main
from idmkg.extract import NoteRules, batch
from idmkg.pipeline import default_cache_dir
from tests.helpers import shapes_every_workshop_fails

EXPORTS = ("idmkg.ttl", "idmkg.trig")
NOTES = sorted(p.name for p in resources.NOTES_DIR.glob("*.txt"))


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The keys of the notes the per-note rules read in this process (a spy around the real
    rules: a note from the cache is not read)."""
    seen: list[str] = []
    real = NoteRules.read

    def counted(rules, note):
        seen.append(note.key)
        return real(rules, note)

    monkeypatch.setattr(NoteRules, "read", counted)
    return seen


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The exports of the five notes built without any cache, in one process."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("reference")
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--no-cache", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert not (out / ".cache").exists()
    return exports(out)


def exports(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in EXPORTS}


def build(runner, out: Path, *options: str):
    result = runner.invoke(main, ["-v", "build", "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result


def warnings(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("idmkg: warning:")]


def test_the_second_build_reads_no_note_and_writes_the_same_bytes(runner, tmp_path, reads, reference):
    out = tmp_path / "out"
    first = build(runner, out)
    assert len(reads) == 5
    assert "(0 from the facts cache)" in first.output
    cache = default_cache_dir(out)
    assert cache == out / ".cache" / "facts"
    assert len(list(cache.glob("*.pickle"))) == 5
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert exports(out) == reference
    reads.clear()
    second = build(runner, out)
    assert reads == []
    assert "(5 from the facts cache)" in second.output
    assert exports(out) == reference
    assert not warnings(second)


def test_no_cache_reads_every_note_and_writes_no_cache(runner, tmp_path, reads, reference):
    out = tmp_path / "out"
    build(runner, out)
    reads.clear()
    result = build(runner, out, "--no-cache")
    assert len(reads) == 5 and "facts cache" not in result.output
    assert exports(out) == reference
    fresh = tmp_path / "fresh"
    build(runner, fresh, "--no-cache")
    assert not (fresh / ".cache").exists()
    both = runner.invoke(main, ["build", "--out", str(fresh), "--no-cache", "--cache", str(tmp_path / "c")])
    assert both.exit_code == 2 and "--cache and --no-cache" in both.output


def test_an_explicit_cache_folder(runner, tmp_path, reads, reference):
    out, cache = tmp_path / "out", tmp_path / "my cache"
    build(runner, out, "--cache", str(cache))
    assert len(list(cache.glob("*.pickle"))) == 5 and not (out / ".cache").exists()
    reads.clear()
    build(runner, tmp_path / "elsewhere", "--cache", str(cache))
    assert reads == []
    assert exports(tmp_path / "elsewhere") == reference


def test_one_or_two_processes_give_the_same_bytes(runner, tmp_path, monkeypatch, reference):
    monkeypatch.setattr(batch, "POOL_MIN_CHARS", 0)  # the pool even for five notes
    one = build(runner, tmp_path / "one", "--workers", "1", "--no-cache")
    assert "read in" not in one.output
    two = build(runner, tmp_path / "two", "--workers", "2", "--no-cache")
    assert "read in 2 processes" in two.output
    assert exports(tmp_path / "one") == exports(tmp_path / "two") == reference
    # the workers fill the cache as this process does
    filled = build(runner, tmp_path / "filled", "--workers", "2")
    assert "read in 2 processes" in filled.output
    assert len(list(default_cache_dir(tmp_path / "filled").glob("*.pickle"))) == 5
    assert exports(tmp_path / "filled") == reference


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "a folder"])
def test_a_damaged_entry_is_read_again_and_rewritten(runner, tmp_path, reads, reference, damage):
    out = tmp_path / "out"
    build(runner, out)
    cache = default_cache_dir(out)
    victim = min(cache.glob("*.pickle"))
    good = victim.read_bytes()
    if damage == "a folder":
        victim.unlink()
        victim.mkdir()
    else:
        victim.write_bytes({"garbage": b"\x80\x05not a pickle", "truncated": good[: len(good) // 3],
                            "empty": b""}[damage])
    reads.clear()
    result = build(runner, out)
    assert len(reads) == 1 and "(4 from the facts cache)" in result.output
    assert exports(out) == reference
    if damage != "a folder":  # (a folder in an entry's place stays: idmkg removes nothing it did not write)
        assert victim.read_bytes() == good
        reads.clear()
        build(runner, out)
        assert reads == []


@pytest.mark.parametrize("where", ["a file", "under a file", "writable by everyone"])
def test_a_cache_folder_that_cannot_serve_is_one_warning_and_the_build_goes_on(runner, tmp_path, reads,
                                                                                reference, where):
    cache = tmp_path / "cache"
    if where == "a file":
        cache.write_text("not a folder")
        reason = "it is not a folder"
    elif where == "under a file":
        (tmp_path / "file").write_text("not a folder")
        cache = tmp_path / "file" / "cache"
        reason = "is not a folder"
    else:
        build(runner, tmp_path / "first", "--cache", str(cache))
        cache.chmod(0o777)
        reason = "every user may write to it"
    reads.clear()
    out = tmp_path / "out"
    result = build(runner, out, "--cache", str(cache))
    said = warnings(result)
    assert len(said) == 1, result.output
    assert f"facts cache {cache} not used: " in said[0] and reason in said[0] and "every note is read" in said[0]
    assert len(reads) == 5
    assert exports(out) == reference
    if where == "writable by everyone":  # not loaded from, and not written to
        assert len(list(cache.glob("*.pickle"))) == 5
        assert batch.cache_problem(cache) and batch.store_entries(cache, []) == 0
    elif where == "under a file":
        assert (tmp_path / "file").read_text() == "not a folder"
    else:
        assert cache.read_text() == "not a folder"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_cache_folder_of_another_user_is_not_loaded(runner, tmp_path, reads, reference):
    cache = tmp_path / "cache"
    build(runner, tmp_path / "first", "--cache", str(cache))
    os.chown(cache, 65534, 65534)
    reads.clear()
    result = build(runner, tmp_path / "out", "--cache", str(cache))
    assert "belongs to another user" in " ".join(warnings(result)) and len(reads) == 5
    assert exports(tmp_path / "out") == reference
    # the library refuses it too, whatever its caller checked
    reads.clear()
    from idmkg.pipeline import build as run_build

    run_build(out=tmp_path / "lib", cache_dir=cache)
    assert len(reads) == 5 and exports(tmp_path / "lib") == reference


def test_a_failed_build_writes_no_cache(runner, tmp_path, monkeypatch):
    shapes_every_workshop_fails(tmp_path, monkeypatch)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert not out.exists()


def test_validate_and_stats_use_the_build_cache_when_there_is_one(runner, tmp_path, reads, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert len(reads) == 5 and not (tmp_path / "dist").exists()  # no cache made by a command that writes no graph
    assert runner.invoke(main, ["build"]).exit_code == 0  # dist/, dist/.cache/facts
    assert (tmp_path / "dist" / ".cache" / "facts").is_dir()
    reads.clear()
    for command in (["validate"], ["stats", "--format", "json"]):
        result = runner.invoke(main, command)
        assert result.exit_code == 0, result.output
    assert reads == []
    result = runner.invoke(main, ["stats", "--no-cache", "--format", "json"])
    assert result.exit_code == 0 and len(reads) == 5


def test_add_rebuilds_through_the_cache_reading_only_the_new_note(runner, tmp_path, reads):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    new = NOTES[-1]
    for name in NOTES[:-1]:
        shutil.copy(resources.NOTES_DIR / name, corpus)
    build(runner, out, "--corpus", str(corpus))
    assert len(reads) == 4
    reads.clear()
    given = tmp_path / "given.txt"
    shutil.copy(resources.NOTES_DIR / new, given)
    result = runner.invoke(main, ["-v", "add", "--corpus", str(corpus), "--out", str(out), str(given)])
    assert result.exit_code == 0, result.output
    assert "(4 from the facts cache)" in result.output
    assert len(reads) == 1
    assert len(list(default_cache_dir(out).glob("*.pickle"))) == 5
    build(runner, tmp_path / "plain", "--corpus", str(corpus), "--no-cache")  # the stored note under its new name
    assert exports(out) == exports(tmp_path / "plain")


def test_help_teaches_the_cache_and_the_workers(runner):
    for command in ("build", "add", "validate", "stats"):
        text = " ".join(runner.invoke(main, [command, "--help"]).output.split())
        for needle in ("--workers N", "--cache DIR", "--no-cache", ".cache/facts", "never changes the result",
                       "delete it at any time", "pickles"):
            assert needle in text, (command, needle)
