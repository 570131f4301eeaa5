"""CPU time per phase of the load test: gunicorn's workers, the load database's backends, the client.

Requests per second depend on what else runs on the machine; CPU seconds per request hardly do.
On a shared machine (other builds, other developers' tests) the throughput ratio of two phases
can drift with the neighbours' load between the phases, while the CPU each request costs shows
where capacity goes and gives the ratio the stack would reach on cores of its own.

Read from /proc (Linux): utime + stime of each process, sampled every half second in a thread,
so that a process that ends during the phase (a database connection past CONN_MAX_AGE) still
counts with what it had used at its last sample.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of `pid` in seconds; None when it is gone (or there is no /proc)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after it are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(parent: int) -> list[int]:
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry.name))
    return found


class CpuMeter:
    """Sums the CPU that groups of processes use between each `start()` and its `stop()`.

    `groups` maps a name to a callable that returns the group's current pids. A pid first seen
    after a start counts from zero: it was born during the span. Spans add up in `used`.
    """

    def __init__(self, groups: dict, interval: float = 0.5) -> None:
        self.groups = groups
        self.interval = interval
        self.used: dict[str, float] = {**dict.fromkeys(groups, 0.0), "client": 0.0}
        self._first: dict[tuple[str, int], float] = {}
        self._last: dict[tuple[str, int], float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._client_started = 0.0

    def _sample(self, initial: bool) -> None:
        for name, pids in self.groups.items():
            for pid in pids():
                used = cpu_seconds(pid)
                if used is None:
                    continue
                key = (name, pid)
                self._first.setdefault(key, used if initial else 0.0)
                self._last[key] = used

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample(initial=False)

    def start(self) -> CpuMeter:
        self._first, self._last = {}, {}
        self._sample(initial=True)
        self._client_started = time.process_time()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> dict[str, float]:
        """Adds this span to `used`: CPU seconds per group and `client` (this process)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._sample(initial=False)
        self.used["client"] += time.process_time() - self._client_started
        for (name, pid), last in self._last.items():
            self.used[name] += max(0.0, last - self._first[(name, pid)])
        return self.used


def per_request(used: dict[str, float], requests: int) -> dict[str, float | None]:
    """Milliseconds of CPU per request, per group and in total."""
    if not requests:
        return dict.fromkeys([*used, "total"])
    result = {name: round(seconds / requests * 1000, 2) for name, seconds in used.items()}
    result["total"] = round(sum(used.values()) / requests * 1000, 2)
    return result


def one_process(spent: float, requests: int, seconds: float) -> dict[str, float | None]:
    """A single process's CPU in a phase (`spent` seconds over `seconds` of wall time): per
    request, and as cores busy on average. A single-threaded process uses one core at most, so
    near 1.0 the phase's throughput was bounded by that process (the load generator, say)."""
    return {
        "cpu_ms_per_request": round(spent / requests * 1000, 2) if requests else None,
        "cores_busy": round(spent / seconds, 2) if seconds else None,
    }
