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


def corpus_of(tmp_path, files, name: str):
    """A corpus folder ``tmp_path/name`` holding copies of ``files``."""
    import shutil

    folder = tmp_path / name
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def shapes_every_workshop_fails(tmp_path, monkeypatch, message: str = "test rule") -> None:
    """From now on in this test, the build's shapes are the project's plus one that every
    workshop fails (a sponsor, which no note names), reporting ``message``: a build that must
    fail validation."""
    from idmkg import resources

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(resources.SHAPES.read_text() + f"""
idmsh:NeedsSponsor a sh:NodeShape ;
    sh:targetClass idm:IntersessionalWorkshop ;
    sh:property [ sh:path idm:sponsor ; sh:minCount 1 ; sh:message "{message}" ] .
""")
    monkeypatch.setattr(resources, "SHAPES", shapes)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """An ``idmkg serve`` process on 127.0.0.1: its ``url``, its ``log`` file, the process."""

    def __init__(self, graph, log_path, *options: str, timeout: float = 60.0):
        import subprocess
        import sys
        import time
        import urllib.request

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log_path
        self._log_file = open(log_path, "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "idmkg", "serve", "--graph", str(graph),
                                         "--port", str(self.port), *options],
                                        stdout=self._log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"idmkg serve exited ({self.process.returncode}): {log_path.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"idmkg serve did not answer within {timeout} s: {log_path.read_text()}")
            time.sleep(0.1)

    def stop(self, sig=None) -> int:
        import signal

        if self.process.poll() is None:
            self.process.send_signal(sig or signal.SIGTERM)
            try:
                self.process.wait(20)
            except Exception:  # noqa: BLE001 (hung: kill it, the test will say)
                self.process.kill()
                self.process.wait(5)
        self._log_file.close()
        return self.process.returncode


def schema_with_a_restriction(schema):
    """The ontology plus an OWL construct the fast reasoners lack (an existential
    restriction), and a small graph it applies to: (schema, data, the triple only owlrl
    derives)."""
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    from idmkg.namespaces import DEFAULT_BASE, IDM

    richer = Graph()
    richer += schema
    restriction = BNode()
    richer.add((restriction, RDF.type, OWL.Restriction))
    richer.add((restriction, OWL.onProperty, IDM.onTopic))
    richer.add((restriction, OWL.someValuesFrom, IDM.WorkshopTopic))
    richer.add((restriction, RDFS.subClassOf, IDM.TopicalMeeting))
    workshop, topic = URIRef(f"{DEFAULT_BASE}id/workshop/2010-1"), URIRef(f"{DEFAULT_BASE}id/topic/x")
    small = Graph()
    small.add((workshop, IDM.onTopic, topic))
    small.add((topic, RDF.type, IDM.WorkshopTopic))
    small.add((topic, RDFS.label, Literal("x")))
    return richer, small, (workshop, RDF.type, IDM.TopicalMeeting)
