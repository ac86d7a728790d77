"""The exports written by a forked process while the build validates
(:mod:`idmkg.write_behind`): the same bytes as writing them afterwards, renamed into place
only on success, nothing left (not even a folder made for them) otherwise."""
from __future__ import annotations

import os
import shutil

import pytest

from idmkg import resources
from idmkg.errors import IdmkgError, ValidationFailed
from idmkg.pipeline import build, write_outputs
from idmkg.write_behind import WriteBehind
from tests.helpers import shapes_every_workshop_fails

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(scope="module")
def one_note(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt", corpus)
    return corpus


def test_written_behind_equals_written_after(one_note, tmp_path):
    result = build(one_note, tmp_path / "behind")
    assert [p.name for p in result.outputs] == ["idmkg.ttl", "idmkg.trig"]
    after = write_outputs(result, tmp_path / "after")
    for written, reference in zip(result.outputs, after):
        assert written.read_bytes() == reference.read_bytes() and written.stat().st_size > 1000
    assert sorted(p.name for p in (tmp_path / "behind").iterdir()) == ["idmkg.trig", "idmkg.ttl"]
    assert oct((tmp_path / "behind" / "idmkg.ttl").stat().st_mode & 0o777) == \
        oct((tmp_path / "after" / "idmkg.ttl").stat().st_mode & 0o777)


def test_a_failed_validation_leaves_nothing(one_note, tmp_path, monkeypatch):
    shapes_every_workshop_fails(tmp_path, monkeypatch)
    out = tmp_path / "a" / "b" / "dist"
    with pytest.raises(ValidationFailed):
        build(one_note, out)
    assert not (tmp_path / "a").exists()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "idmkg.ttl").write_text("previous")
    with pytest.raises(ValidationFailed):
        build(one_note, kept)
    assert sorted(p.name for p in kept.iterdir()) == ["idmkg.ttl"]
    assert (kept / "idmkg.ttl").read_text() == "previous"


def test_a_writer_error_is_one_error_and_renames_nothing(tmp_path):
    def broken():
        yield "@prefix x: <urn:x#> .\n"
        raise OSError(28, "No space left on device")

    out = tmp_path / "out"
    out.mkdir()
    (out / "idmkg.ttl").write_text("previous")
    writer = WriteBehind(out, {out / "idmkg.ttl": broken, out / "idmkg.trig": lambda: iter(["text"])})
    with writer, pytest.raises(IdmkgError, match="No space left on device"):
        writer.commit()
    assert sorted(p.name for p in out.iterdir()) == ["idmkg.ttl"]
    assert (out / "idmkg.ttl").read_text() == "previous"


def test_abandoned_writer_is_stopped_and_cleaned_up(tmp_path):
    def endless():
        while True:
            yield "x" * 1000

    out = tmp_path / "new" / "out"
    with WriteBehind(out, {out / "idmkg.ttl": endless}) as writer:
        assert out.is_dir() and len(list(out.iterdir())) == 1   # its temporary file
    with pytest.raises(ProcessLookupError):
        os.kill(writer.pid, 0)   # stopped and reaped
    assert not (tmp_path / "new").exists()


def test_stale_temporary_files_are_removed(tmp_path):
    (tmp_path / ".idmkg.ttl.abc.tmp").write_text("left by a killed build")
    with WriteBehind(tmp_path, {tmp_path / "idmkg.ttl": lambda: iter(["a", "b"])}) as writer:
        paths = writer.commit()
    assert paths == [tmp_path / "idmkg.ttl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idmkg.ttl"]
    assert (tmp_path / "idmkg.ttl").read_text() == "ab"

