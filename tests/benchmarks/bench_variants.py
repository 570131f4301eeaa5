"""Benchmark: 500 practice variants generated and validated (engine run and validity variants
included) in under 60 s on one core; a trainee's "new variant" answers in under 300 ms.

Run: .venv/bin/pytest tests/benchmarks/bench_variants.py -q -s -n0
It prints the timings (wall and CPU; the CPU time is the steadier figure on a shared machine).
"""

import os
import statistics
import time

import pytest
from django.urls import reverse

from cases.variants import generate, validity

VARIANTS = 500
LIMIT_LIBRARY_SECONDS = 60.0
REQUESTS = 10
LIMIT_REQUEST_SECONDS = 0.3


def test_five_hundred_variants_generate_and_validate_within_the_limit():
    generate._variant.cache_clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    checked = failed = 0
    for variant in generate.library(VARIANTS):
        outcomes = validity.check(variant)
        checked += len(outcomes)
        failed += sum(1 for o in outcomes if not o.ok)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"\nvariants: {VARIANTS} generated and validated ({checked} validity variants scored, "
        f"{failed} off) in wall {wall:.2f} s, CPU {cpu:.2f} s (limit {LIMIT_LIBRARY_SECONDS} s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    assert failed == 0
    assert cpu < LIMIT_LIBRARY_SECONDS


@pytest.mark.django_db
def test_a_new_variant_answers_within_the_limit(client, trainee):
    client.force_login(trainee)
    url = reverse("cases:practice-variant-new")
    client.post(url, follow=True)  # warm up templates and the catalogue, as a running worker has
    timings, cpu_timings = [], []
    for _ in range(REQUESTS):
        generate._variant.cache_clear()  # every request generates its variant afresh
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post(url, follow=True)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
        assert response.status_code == 200
    median, cpu_median = statistics.median(timings), statistics.median(cpu_timings)
    print(
        f"\nnew variant (POST + the variant's page) over {REQUESTS} requests (limit "
        f"{LIMIT_REQUEST_SECONDS * 1000:.0f} ms): wall median {median * 1000:.0f} ms (max "
        f"{max(timings) * 1000:.0f}); CPU median {cpu_median * 1000:.0f} ms"
    )
    assert cpu_median < LIMIT_REQUEST_SECONDS
