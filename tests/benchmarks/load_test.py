"""Load test: 50 trainees editing calculations and 5 assessors opening queues, against gunicorn.

    .venv/bin/python tests/benchmarks/load_test.py                 # 120 s of mixed load
    .venv/bin/python tests/benchmarks/load_test.py --duration 15   # a quick smoke run

Run by hand (pytest does not collect it). Everything stays on 127.0.0.1:
1. a fresh PostgreSQL database (`--database`, dropped afterwards unless `--keep-db`), migrated,
   with the demo data (`load_demo`) and the load users made through the apps' services
   (tests/benchmarks/load/seed.py);
2. gunicorn with sync workers (`--threads N`: gthread) on production settings served over plain
   HTTP (tests/benchmarks/load/settings.py);
3. every user logs in through the login form (apart, not measured as load);
4. phase "mixed": for `--duration` seconds in all, each trainee reads their draft and saves it
   with the version read (200, or 409 -> reload) and each assessor opens the queue page and
   the queue API;
5. phase "baseline": as many clients fetch the trivial JSON view /ping/ for `--baseline`
   seconds in all, which gives the throughput the stack can reach without database or
   templates. The two phases alternate in `--rounds` windows (default 4), so that both meet
   the same neighbours on a shared machine.

Prints a table per request kind (requests, errors, 409s, requests/s, p50/p95/p99), the CPU per
request of each phase (gunicorn's workers, the database's backends, the client: see
tests/benchmarks/load/cpu.py) and checks the targets the mode can judge. Without `--think`
(closed loop: capacity): no errors, mixed throughput at least 30 % of the baseline's. With
`--think S` (users pause S seconds on average between steps: a person's pace): no errors, p95
of a calculation save under 300 ms. Writes everything to var/load-test.json. Exit code 1 when a
target is missed.

    .venv/bin/python tests/benchmarks/load_test.py --duration 60            # capacity
    .venv/bin/python tests/benchmarks/load_test.py --duration 60 --think 3  # latency
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))

from tests.benchmarks.load import client, cpu, server  # noqa: E402
from tests.benchmarks.load.stats import summarise, table  # noqa: E402

SAVE_KIND = "calculatie: opslaan"
TARGET_SAVE_P95_MS = 300.0
TARGET_BASELINE_SHARE = 0.30


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=120, help="seconds of mixed load")
    parser.add_argument(
        "--baseline",
        type=float,
        default=None,
        help="seconds of /ping/ (default: duration / 4, 10..30)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="the mixed load and the baseline alternate in this many windows",
    )
    parser.add_argument("--trainees", type=int, default=50)
    parser.add_argument("--assessors", type=int, default=5)
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker: 1 = sync workers, more = gthread workers",
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds each user waits between steps"
    )
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--database", default="schadeplatform_load")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--keep-db", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse-db", action="store_true", help="skip create/migrate/seed (after --keep-db)"
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "var" / "load-test.json")
    args = parser.parse_args(argv)
    if args.port == 0:
        args.port = server.free_port()
    if args.pg_host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--pg-host: alleen loopback")
    if args.baseline is None:
        args.baseline = min(30.0, max(10.0, args.duration / 4))
    return args


def prepare(args: argparse.Namespace, env: dict[str, str], users_file: Path) -> dict[str, float]:
    steps: dict[str, float] = {}
    started = time.perf_counter()
    server.recreate_database(args.database, args.pg_host, args.pg_port)
    steps["createdb"] = time.perf_counter() - started
    steps["migrate"] = server.run_step(["manage.py", "migrate", "--noinput", "-v0"], env, "migrate")
    steps["load_demo"] = server.run_step(["manage.py", "load_demo"], env, "load_demo")
    steps["seed"] = server.run_step(
        [
            "-m",
            "tests.benchmarks.load.seed",
            "--trainees",
            str(args.trainees),
            "--assessors",
            str(args.assessors),
            "--wait",
            "300",
            "--out",
            str(users_file),
        ],
        env,
        "seed",
    )
    return {name: round(seconds, 1) for name, seconds in steps.items()}


def machine() -> dict:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in lscpu.splitlines()
            if line.startswith("Model name")
        ),
        "",
    )
    return {"cpus": os.cpu_count(), "cpu_model": model, "python": platform.python_version()}


def verdict(
    mixed_rows: list[dict], baseline_rows: list[dict], mixed_rps: float, think: float
) -> dict:
    """The targets that the run's mode can judge.

    Without pauses (closed loop) the users saturate the server: throughput is the capacity and
    comparable with the baseline's, while latency is mostly queueing (Little's law). With pauses
    the throughput is what the users ask for, and latency is what a person waits.
    """
    errors = sum(row["errors"] for row in mixed_rows + baseline_rows)
    save = next((row for row in mixed_rows if row["kind"] == SAVE_KIND), None)
    baseline_rps = sum(row["rps"] or 0 for row in baseline_rows)
    share = mixed_rps / baseline_rps if baseline_rps else 0.0
    checks: dict[str, bool] = {"no_errors": errors == 0}
    if think:
        checks["save_p95_under_300ms"] = bool(
            save and save["p95_ms"] is not None and save["p95_ms"] < TARGET_SAVE_P95_MS
        )
    else:
        checks["at_least_30pct_of_baseline"] = share >= TARGET_BASELINE_SHARE
    return {
        "mode": "paced" if think else "closed-loop",
        "errors": errors,
        "save_p95_ms": save["p95_ms"] if save else None,
        "mixed_rps": round(mixed_rps, 1),
        "baseline_rps": round(baseline_rps, 1),
        "share_of_baseline": round(share, 3),
        "checks": checks,
        "passed": all(checks.values()),
    }


def cpu_summary(
    mixed_used: dict, mixed_requests: int, baseline_used: dict, baseline_requests: int
) -> dict:
    """CPU seconds per phase and per request; `cpu_ratio` is baseline's per request / mixed's.

    That ratio is the throughput share the mixed load would reach if the stack had the cores to
    itself (every part CPU-bound), whatever the neighbours did during either phase.
    """
    mixed_used = {name: round(seconds, 2) for name, seconds in mixed_used.items()}
    baseline_used = {name: round(seconds, 2) for name, seconds in baseline_used.items()}
    mixed = cpu.per_request(mixed_used, mixed_requests)
    baseline = cpu.per_request(baseline_used, baseline_requests)
    ratio = baseline["total"] / mixed["total"] if mixed["total"] and baseline["total"] else 0.0
    return {
        "mixed": {"seconds": mixed_used, "per_request": mixed},
        "baseline": {"seconds": baseline_used, "per_request": baseline},
        "cpu_ratio": round(ratio, 3),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = f"postgres://postgres@{args.pg_host}:{args.pg_port}/{args.database}"
    env = server.server_env(database_url, args.port)
    users_file = args.out.with_name("load-users.json")
    print(f"Database {args.database}: voorbereiden ...", flush=True)
    steps = {} if args.reuse_db else prepare(args, env, users_file)
    users = json.loads(users_file.read_text())
    print(
        f"Voorbereid: {steps or 'hergebruikt'}; {len(users['trainees'])} cursisten, "
        f"{len(users['assessors'])} beoordelaars; gunicorn met {args.workers} workers"
        + (f" x {args.threads} threads" if args.threads > 1 else ""),
        flush=True,
    )
    backends = server.DatabaseBackends(args.database, args.pg_host, args.pg_port)
    try:
        with server.Gunicorn(
            env, args.port, args.workers, args.out.with_name("load-gunicorn.log"), args.threads
        ) as gunicorn:
            groups = {
                "gunicorn": lambda: cpu.children(gunicorn.process.pid),
                "postgresql": backends,
            }
            meters = cpu.CpuMeter(groups), cpu.CpuMeter(groups)
            print(
                f"Inloggen, dan {args.rounds} x ({args.duration / args.rounds:.0f} s gemengd, "
                f"{args.baseline / args.rounds:.0f} s /ping/) ...",
                flush=True,
            )
            run = asyncio.run(
                client.run_load(
                    gunicorn.base_url,
                    users,
                    duration=args.duration,
                    baseline=args.baseline,
                    rounds=args.rounds,
                    think=args.think,
                    login_concurrency=args.workers,
                    meters=meters,
                )
            )
            gunicorn.ensure_running()
    finally:
        backends.close()
        if not args.keep_db:
            server.drop_database(args.database, args.pg_host, args.pg_port)

    login_seconds, mixed_seconds, baseline_seconds = (
        run.login_seconds,
        run.mixed_seconds,
        run.baseline_seconds,
    )
    login_rows = [summarise(kind, login_seconds) for kind in run.logins.kinds.values()]
    mixed_rows = [summarise(kind, mixed_seconds) for kind in run.mixed.kinds.values()]
    baseline_rows = [summarise(kind, baseline_seconds) for kind in run.baseline.kinds.values()]
    mixed_requests = sum(kind.requests for kind in run.mixed.kinds.values())
    mixed_rps = mixed_requests / mixed_seconds
    result = verdict(mixed_rows, baseline_rows, mixed_rps, args.think)
    cpu_used = cpu_summary(
        meters[0].used,
        mixed_requests,
        meters[1].used,
        sum(kind.requests for kind in run.baseline.kinds.values()),
    )
    # Failed logins count as errors too: a user that could not log in did no work.
    result["errors"] += sum(row["errors"] for row in login_rows)
    result["checks"]["no_errors"] = result["errors"] == 0
    result["passed"] = all(result["checks"].values())

    print(f"\nInloggen ({login_seconds:.1f} s, vooraf, niet in de doorvoer):")
    print(table(login_rows))
    print(f"\nGemengd ({mixed_seconds:.1f} s):")
    print(table(mixed_rows))
    print(f"\nBasislijn /ping/ ({baseline_seconds:.1f} s):")
    print(table(baseline_rows))
    print(
        f"\nGemengd {result['mixed_rps']} req/s = {result['share_of_baseline']:.0%} van de basislijn "
        f"({result['baseline_rps']} req/s); p95 opslaan {result['save_p95_ms']} ms; "
        f"fouten {result['errors']}"
    )
    print(
        "CPU per verzoek (ms, gunicorn + postgresql + client): "
        f"gemengd {cpu_used['mixed']['per_request']['total']}, "
        f"basislijn {cpu_used['baseline']['per_request']['total']}; "
        f"verhouding {cpu_used['cpu_ratio']:.0%} (onafhankelijk van de rest van de machine)"
    )
    for name, passed in result["checks"].items():
        print(f"  {'OK  ' if passed else 'MIS '} {name}")
    for row in login_rows + mixed_rows + baseline_rows:
        for sample in row["error_samples"]:
            print(f"  fout bij {row['kind']}: {sample}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "settings": {
                    key: value if not isinstance(value, Path) else str(value)
                    for key, value in vars(args).items()
                },
                "machine": machine(),
                "preparation_seconds": steps,
                "logins": login_rows,
                "mixed": {"seconds": round(mixed_seconds, 1), "kinds": mixed_rows},
                "baseline": {"seconds": round(baseline_seconds, 1), "kinds": baseline_rows},
                "cpu": cpu_used,
                "load_average": os.getloadavg(),
                "result": result,
            },
            indent=2,
        )
    )
    print(f"\nResultaten: {args.out}")
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
