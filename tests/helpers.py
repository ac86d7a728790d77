"""Assertions shared by the CLI tests of every command."""
from __future__ import annotations


def one_line_error(result, *needles: str, code: int = 1) -> str:
    """The command failed with exit ``code`` and said so in one line, ``idmkg: error: ...``,
    containing every needle, with no traceback. Returns the line."""
    assert result.exit_code == code, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("idmkg: error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]
