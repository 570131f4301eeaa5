"""Latencies per request kind, and the summary the load test prints and writes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Kind:
    """The requests of one kind in one phase: latencies (seconds) and what went wrong."""

    name: str
    latencies: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    conflicts: int = 0
    error_samples: list[str] = field(default_factory=list)

    def ok(self, seconds: float) -> None:
        self.requests += 1
        self.latencies.append(seconds)

    def failed(self, seconds: float | None, reason: str) -> None:
        self.requests += 1
        self.errors += 1
        if seconds is not None:
            self.latencies.append(seconds)
        if len(self.error_samples) < 5:
            self.error_samples.append(reason)


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarise(kind: Kind, seconds: float) -> dict:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, 1)

    count = kind.requests
    return {
        "kind": kind.name,
        "requests": count,
        "errors": kind.errors,
        "conflicts": kind.conflicts,
        "rps": round(count / seconds, 1) if seconds else None,
        "p50_ms": ms(percentile(kind.latencies, 0.50)),
        "p95_ms": ms(percentile(kind.latencies, 0.95)),
        "p99_ms": ms(percentile(kind.latencies, 0.99)),
        "max_ms": ms(max(kind.latencies) if kind.latencies else None),
        "error_samples": kind.error_samples,
    }


def table(rows: list[dict]) -> str:
    header = (
        f"{'soort':<22}{'verzoeken':>10}{'fouten':>8}{'409':>6}"
        f"{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = [
            f"{row['kind']:<22}",
            f"{row['requests']:>10}",
            f"{row['errors']:>8}",
            f"{row['conflicts']:>6}",
            f"{_num(row['rps']):>10}",
            f"{_num(row['p50_ms']):>10}",
            f"{_num(row['p95_ms']):>10}",
            f"{_num(row['p99_ms']):>10}",
        ]
        lines.append("".join(cells))
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
