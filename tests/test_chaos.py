"""Crash safety: a build killed with SIGKILL at any point leaves the previous export intact
(writes go to a temporary file that is renamed into place)."""
from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from idmkg import resources

KILLS = 20


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_builds_never_damage_the_previous_export(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(resources.NOTES_DIR / "002_5c41cb46aeb7a953.txt", corpus)
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "idmkg", "build", "--corpus", str(corpus), "--out", str(out)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - started
    previous = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(previous) == {"idmkg.ttl", "idmkg.trig"}
    assert (out / ".cache" / "facts").is_dir()   # the facts cache (README: Rebuilding fast)

    rng = random.Random(20261124)
    for i in range(KILLS):
        # kill points spread over the whole build, the write phase included
        delay = duration * (i + rng.random()) / KILLS
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name, data in previous.items():
            assert (out / name).read_bytes() == data, f"kill {i} at {delay:.2f}s damaged {name}"
    leftovers = sorted(p.name for p in out.iterdir() if p.name not in previous)
    # a killed write may leave its temporary file; the next build removes it, and reads its
    # note through whatever the killed builds left in the facts cache to the same exports
    subprocess.run(command, check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == sorted([*previous, ".cache"]), leftovers
    for name, data in previous.items():
        assert (out / name).read_bytes() == data, f"the build after the kills changed {name}"
