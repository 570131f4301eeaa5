"""Benchmark of calcengine (run by hand; pytest does not collect bench_*.py).

    .venv/bin/python tests/benchmarks/bench_calcengine.py

Input: a 60-line estimate, six copies of the lines of the golden case polo-total-loss with ids
made unique. Measured in one run, median of many repetitions:

- engine: parse + calculate + to_json from the already-loaded JSON data (validation included);
- engine with JSON: the same, starting from the JSON bytes (loads included);
- floor: the least any engine must do with those lines, summing unit_price × quantity as
  Decimals from the loaded data (and, for the second ratio, from the JSON bytes);
- batch: `python -m calcengine estimate --batch DIR` over 10,000 such files, as a subprocess.

Targets: at most 1 ms per estimate, at most 8 × the floor, the batch under 15 s.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from calcengine import calculate, loads, parse, to_json  # noqa: E402
from tests.shared import GOLDEN_DIR  # noqa: E402

COPIES = 6
BATCH_FILES = 10_000


def sixty_line_input() -> dict:
    data = json.loads((GOLDEN_DIR / "polo-total-loss.input.json").read_text(encoding="utf-8"))
    lines = []
    for copy_number in range(COPIES):
        for line in data["lines"]:
            line = copy.deepcopy(line)
            line["id"] = f"{copy_number + 1}-{line['id']}"
            line["code"] = f"{line['code']}-{copy_number + 1}"
            lines.append(line)
    data["lines"] = lines
    return data


def paired_medians(
    measured, floor_function, argument, repeat: int = 3000
) -> tuple[float, float, float]:
    """Median seconds of `measured` and of `floor_function`, timed alternately so that both
    see the same machine load, and the median of their per-round ratio."""
    for _ in range(200):
        measured(argument)
        floor_function(argument)
    clock = time.perf_counter
    engine_times, floor_times, ratios = [], [], []
    for _ in range(repeat):
        started = clock()
        measured(argument)
        middle = clock()
        floor_function(argument)
        ended = clock()
        engine_times.append(middle - started)
        floor_times.append(ended - middle)
        ratios.append((middle - started) / (ended - middle))
    return (
        statistics.median(engine_times),
        statistics.median(floor_times),
        statistics.median(ratios),
    )


def engine(data: dict) -> dict:
    return to_json(calculate(parse(data)))


def engine_from_json(raw: bytes) -> dict:
    return to_json(calculate(parse(loads(raw))))


def floor(data: dict) -> Decimal:
    total = Decimal(0)
    for line in data["lines"]:
        price = line.get("unit_price")
        if price is not None:
            total += Decimal(price) * Decimal(line.get("quantity", 1))
    return total


def floor_from_json(raw: bytes) -> Decimal:
    return floor(json.loads(raw, parse_float=Decimal))


def batch_seconds(raw: bytes) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (user + system, the batch and its worker processes)."""
    with tempfile.TemporaryDirectory() as directory:
        for number in range(BATCH_FILES):
            Path(directory, f"estimate-{number:05d}.json").write_bytes(raw)
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "calcengine", "estimate", "--batch", directory],
            cwd=REPO_ROOT,
            capture_output=True,
            check=False,
            env=os.environ | {"PYTHONPATH": str(REPO_ROOT)},
        )
        elapsed = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    rows = completed.stdout.count(b"\n")
    if completed.returncode != 0 or rows != BATCH_FILES:
        raise SystemExit(
            f"batch failed ({completed.returncode}): {completed.stderr.decode()[:500]}"
        )
    return elapsed, cpu, rows


def main() -> None:
    data = sixty_line_input()
    raw = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
    assert len(engine(data)["lines"]) == COPIES * 10
    assert engine(data) == engine_from_json(raw)

    engine_time, floor_time, ratio = paired_medians(engine, floor, data)
    engine_json_time, floor_json_time, json_ratio = paired_medians(
        engine_from_json, floor_from_json, raw
    )
    print(
        f"60-line estimate, {len(raw):,} bytes of JSON, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(f"engine (parse + calculate + to_json, from loaded data): {engine_time * 1e6:8.1f} µs")
    print(f"floor  (sum of unit_price × quantity, from loaded data): {floor_time * 1e6:8.1f} µs")
    print(f"ratio engine / floor (median of paired rounds):         {ratio:8.1f}")
    print(
        f"engine with JSON loading (loads + the above):           {engine_json_time * 1e6:8.1f} µs"
    )
    print(
        f"floor with JSON loading (json.loads + the sum):         {floor_json_time * 1e6:8.1f} µs"
    )
    print(f"ratio with JSON loading:                                {json_ratio:8.1f}")
    if "--no-batch" not in sys.argv:
        elapsed, cpu, rows = batch_seconds(raw)
        print(f"--batch over {rows:,} files (subprocess, wall clock):      {elapsed:8.2f} s")
        print(f"--batch CPU time (user + system, all its processes):    {cpu:8.2f} s")
        print(f"load average at the end (1, 5, 15 min):                 {os.getloadavg()}")


if __name__ == "__main__":
    main()
