"""The load tests' CPU meter (tests/benchmarks/load/cpu.py): a process born during a span counts
from zero, and a single process's figures say how busy it kept its core."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.benchmarks.load import cpu

pytestmark = pytest.mark.skipif(not cpu.PROC.exists(), reason="reads /proc (Linux)")

BUSY = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass\n"


def test_a_process_started_during_the_span_counts_with_the_cpu_it_used():
    children: list[subprocess.Popen] = []
    meter = cpu.CpuMeter({"busy": lambda: [p.pid for p in children if p.poll() is None]})
    meter.start()
    children.append(subprocess.Popen([sys.executable, "-c", BUSY]))
    children[0].wait()
    used = meter.stop()
    # Sampled every half second: what it used after its last sample is not seen.
    assert 0.05 <= used["busy"] <= 0.8
    assert used["client"] >= 0.0


def test_one_process_per_request_and_cores_busy():
    figures = cpu.one_process(spent=30.0, requests=6000, seconds=40.0)
    assert figures == {"cpu_ms_per_request": 5.0, "cores_busy": 0.75}
    assert cpu.one_process(spent=1.0, requests=0, seconds=0.0) == {
        "cpu_ms_per_request": None,
        "cores_busy": None,
    }
