"""``idmkg serve`` under load, with the functions of bench/load_test.py at a smaller bound:
300 requests of the realistic mix at concurrency 8 all end as expected, and an expensive
query ends with 503 at the time limit while the other requests go on being served. No speed
thresholds here (those are for the bench script): only correctness under concurrency."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "load_test.py"
TIME_LIMIT = 2.0   # the session server's --timeout (conftest.server)


def _load_bench():
    spec = importlib.util.spec_from_file_location("idmkg_bench_load_test", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


load_test = _load_bench()


@pytest.fixture(scope="module")
def mix(server):
    with load_test.new_client(server.url) as client:
        return load_test.build_mix(client)


def test_the_mix_covers_every_kind_of_request(mix):
    assert set(mix) == set(load_test.WEIGHTS)
    assert all(mix[kind] for kind in mix), {k: len(v) for k, v in mix.items()}
    paths = {c.path for c in mix["page-html"]}
    assert any(p.startswith("/id/theme/") for p in paths) and any("/p/" in p for p in paths), sorted(paths)[:10]
    drawn = load_test.draw(mix, 300)
    assert len(drawn) == 300 and {c.kind for c in drawn} == set(mix)


def test_300_requests_at_concurrency_8_all_answered_as_expected(server, mix):
    phase = load_test.run_load(server.url, 300, 8, mix)
    figures = load_test.summary(phase)
    assert figures["requests"] == 300
    assert figures["errors"] == 0, figures["error_samples"]
    assert figures["statuses"] == {"200": 300}, figures["statuses"]
    assert set(figures["by_kind"]) == set(load_test.WEIGHTS)
    assert figures["throughput_rps"] > 0 and figures["overall"]["max_ms"] >= figures["overall"]["p50_ms"]


def test_an_expensive_query_ends_at_the_time_limit_while_others_are_served(server, mix):
    phase = load_test.run_time_limit(server.url, 8, mix, lead=0.3, after=0.3)
    figures = load_test.time_limit_summary(phase, TIME_LIMIT)
    expensive = figures["expensive"]
    assert expensive["status"] == 503, expensive
    assert "time limit" in expensive["answer"], expensive
    assert TIME_LIMIT - 0.2 <= expensive["seconds"] <= TIME_LIMIT + 5, expensive
    during = figures["others_during"]
    # the other requests went on being served while the expensive query ran, queries too
    assert during["ok"] >= 20, during
    assert during["statuses"] == {"200": during["count"]}, during["statuses"]
    ran = {r.kind for r in phase.during if r.status == 200}
    assert {"sparql-json", "page-html"} <= ran or {"sparql-csv", "page-html"} <= ran, ran
    # and nothing of the mix failed in the whole phase, including the worker's replacement
    assert figures["phase"]["errors"] == 0, figures["phase"]["error_samples"]


def test_the_server_still_answers_after_the_phases(server, mix):
    phase = load_test.run_calls(server.url, [c for calls in mix.values() for c in calls], 4)
    assert all(r.expected for r in phase.results), [r.error for r in phase.results if not r.expected]
    assert "Traceback" not in server.log.read_text(errors="replace")


def test_the_report_reads(server, mix):
    figures = {"url": server.url, "concurrency": 2, "mix": {},
               "load": load_test.summary(load_test.run_load(server.url, 20, 2, mix))}
    text = load_test.report(figures)
    assert "req/s" in text and "p99 ms" in text and "all" in text
    assert load_test.percentile([1, 2, 3, 4], 0.5) == 2.5 and load_test.percentile([5], 0.99) == 5
