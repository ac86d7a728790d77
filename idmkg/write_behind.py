"""Writing the exports while the build loads its store and validates: the finished triples
are handed to a forked process, which writes ``idmkg.ttl`` and ``idmkg.trig`` to temporary
files in the output folder; the build renames them into place only once validation has
passed, and removes them (and any folder it made for them) otherwise. Both stages only
read the finished graph, so on two cores they overlap; the bytes are those of
:func:`idmkg.pipeline.write_outputs` (the same code writes them).

Where ``os.fork`` is missing (Windows) the exports are written after validation, as before.
A writer whose build has died (killed mid-build) notices that its parent is gone, removes
its temporary file and stops."""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Self

from .errors import IdmkgError
from .serialize import publish, remove_stale_temporaries, temporary_beside, write_pieces

#: what a writer is given: final path -> a function giving the pieces of text to write
Jobs = dict[Path, Callable[[], Iterator[str]]]


def can_fork() -> bool:
    return hasattr(os, "fork")


def _created_folders(folder: Path) -> list[Path]:
    """The folders that writing into ``folder`` would make (deepest first)."""
    missing: list[Path] = []
    probe = folder.absolute()
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    return missing


class WriteBehind:
    """Exports written by a child process to temporary files; :meth:`commit` renames them
    into place, :meth:`abandon` removes them. Use as a context manager: leaving the block
    without a commit abandons."""

    def __init__(self, out: Path, jobs: Jobs):
        self.out = Path(out)
        self.jobs = dict(jobs)
        remove_stale_temporaries(self.out)
        self._made = _created_folders(self.out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.temps = {path: temporary_beside(path) for path in self.jobs}
        self._errors_r, errors_w = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the writer
            os.close(self._errors_r)
            _write_and_exit(self.jobs, self.temps, parent, errors_w)
        os.close(errors_w)
        self._done = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        if not self._done:
            self.abandon()

    def _wait(self) -> str:
        """Wait for the writer; its error message, or '' if it wrote everything."""
        with os.fdopen(self._errors_r, "rb") as pipe:
            message = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        if not message and os.waitstatus_to_exitcode(status) != 0:
            message = f"the export writer stopped (status {os.waitstatus_to_exitcode(status)})"
        return message

    def commit(self) -> list[Path]:
        """Wait for the writer, then rename every temporary file into place (mode as
        :func:`idmkg.serialize.write_atomic` sets it). A writer's error is an
        :class:`IdmkgError`, and nothing is renamed."""
        self._done = True
        message = self._wait()
        if message:
            self._remove()
            raise IdmkgError(f"{self.out}: cannot write the exports: {message}")
        for path, tmp in self.temps.items():
            publish(tmp, path)
        return list(self.temps)

    def abandon(self) -> None:
        """Stop the writer and remove what it wrote, and the folders made for it."""
        self._done = True
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:  # pragma: no cover - already gone
            pass
        self._wait()
        self._remove()

    def _remove(self) -> None:
        for tmp in self.temps.values():
            tmp.unlink(missing_ok=True)
        for folder in self._made:  # deepest first; only if still empty
            try:
                folder.rmdir()
            except OSError:
                break


def _write_and_exit(jobs: Jobs, temps: dict[Path, Path], parent: int, errors_w: int) -> None:
    """In the child: write each job to its temporary file; report an error through the
    pipe; never return."""
    gc.disable()   # a collection would walk (and copy) every object inherited from the build
    code = 0
    try:
        for path, pieces in jobs.items():
            with open(temps[path], "wb") as fh:
                write_pieces(fh, _while_alive(pieces(), parent))
        if os.getppid() != parent:
            raise _Orphaned
    except _Orphaned:
        for tmp in temps.values():
            try:
                os.unlink(tmp)
            except OSError:
                pass
        code = 3
    except BaseException as err:  # noqa: BLE001 - any failure is reported to the build, which raises it
        try:
            os.write(errors_w, (getattr(err, "strerror", None) or str(err) or type(err).__name__).encode())
        except OSError:
            pass
        code = 1
    finally:
        os._exit(code)


class _Orphaned(Exception):
    pass


def _while_alive(pieces: Iterator[str], parent: int) -> Iterator[str]:
    """The pieces, as long as the build that forked this writer is alive (it died: stop,
    leave nothing)."""
    for piece in pieces:
        if os.getppid() != parent:
            raise _Orphaned
        yield piece
