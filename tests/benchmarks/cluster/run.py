"""Exam day on several machines, on loopback: the cluster, the exam-morning load, the faults.

    .venv/bin/python tests/benchmarks/cluster/run.py --candidates 200 --minutes 6
    .venv/bin/python tests/benchmarks/cluster/run.py --candidates 20 --minutes 1 --pace 0.2  # smoke

One command (issue #17; docs/hardening.md "Exam day on several machines"):
1. its own PostgreSQL 15 (initdb into var/cluster/pg, as the `postgres` OS user), its own Redis
   (no persistence), a fresh database migrated with the demo and an exam cohort of
   `--candidates` candidates and `--assessors` assessors (seed.py);
2. two gunicorn app servers (production settings over plain HTTP, REDIS_URL, the database task
   backend, shared media under var/cluster/media, TRUSTED_PROXY_HOPS=1), two `db_worker`s,
   `requeue_stale_tasks` every `--requeue-every` seconds (production: cron or a systemd timer),
   and nginx in front (passive health checks, proxy_next_upstream);
3. the exam morning in locust (locustfile.py) for `--minutes`, the exam window closing at 85 %
   of it, a steady window at 18-34 % (after the login peak: not before every candidate's first
   save is acknowledged; before the faults) for the autosave's p95, and the faults at 35/45/55/65 %: an app server SIGKILLed and restarted, a worker
   SIGKILLed mid-render, Redis restarted, PostgreSQL restarted (faults.py);
4. a capacity phase of `--capacity-seconds`: the exam's requests at saturation (closed loop, no
   pauses; `--capacity-users` users of the seed's capacity cohort and the assessors: autosaves,
   the calculation and the attempt read again, the assessors' queue page and API), between two
   /ping/ phases of `--ping-seconds` each (the bare view; before and after, so that a drift of
   the machine's speed over the run weighs on both sides), all through nginx to both servers, with the same
   client on the same machine: their ratio of requests per second is the mixed throughput
   against the bare view's (issue #17's target); CPU per request is measured in each phase;
5. the verdicts: every acknowledged autosave in PostgreSQL, the exam window's edge whole,
   every report once (verify.py), each fault's recovery, autosave p95 < 300 ms, the mixed
   throughput at saturation >= 30 % of /ping/'s. var/cluster/report.json, a Markdown summary on stdout;
   exit code 1 when a target is missed. Every process is stopped afterwards, and the cluster's
   files but the report, the event log and the process logs removed unless `--keep` (then
   `--reuse` starts from that database next time, without migrate and load_demo).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT))

from tests.benchmarks.cluster import faults, topology, verify  # noqa: E402
from tests.benchmarks.load import cpu  # noqa: E402
from tests.benchmarks.load.server import PYTHON  # noqa: E402

SAVE_KIND = "calculatie: opslaan"
TARGET_SAVE_P95_MS = 300.0
TARGET_CAPACITY_SHARE = 0.30
FAULT_AT = {"a": 0.35, "b": 0.45, "c": 0.55, "d": 0.65}
CLOSE_AT = 0.85
# The steady window: after the login peak, before the first fault. The capacity and the
# autosave's p95 are judged here; the whole run's figures are reported beside them.
STEADY = (0.18, 0.34)
STEADY_MIN_SECONDS = 15.0


def ensure_locust() -> None:
    try:
        import locust  # noqa: F401
    except ImportError:
        extra = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"][
            "optional-dependencies"
        ]["load"]
        subprocess.run([str(PYTHON), "-m", "pip", "install", *extra], check=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--assessors", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=6)
    parser.add_argument("--pace", type=float, default=1.0, help="factor on every pause")
    parser.add_argument("--capacity-seconds", type=float, default=45)
    parser.add_argument("--capacity-users", type=int, default=24)
    parser.add_argument(
        "--capacity-warmup",
        type=float,
        default=20,
        help="seconds of the capacity phase before it is measured (the logins)",
    )
    parser.add_argument("--ping-seconds", type=float, default=30)
    parser.add_argument("--ping-users", type=int, default=20)
    parser.add_argument("--workers-per-server", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--requeue-every", type=float, default=10)
    parser.add_argument("--requeue-older-than", type=float, default=20)
    parser.add_argument(
        "--pg-down-seconds",
        type=float,
        default=5,
        help="PostgreSQL held down this long in its restart (0: pg_ctl restart -m fast)",
    )
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument(
        "--keep", action="store_true", help="keep var/cluster (the database) for --reuse"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="the database a --keep run left (skip migrate/demo)"
    )
    parser.add_argument("--root", type=Path, default=REPO_ROOT / "var" / "cluster")
    return parser.parse_args(argv)


class Cluster:
    """The processes of one run (topology.py) and the helpers the faults use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.root: Path = args.root
        pg_port, redis_port, app1, app2, lb = topology.ports(5)
        conf = self.root / "pg" / "data" / "postgresql.conf"
        if args.reuse and conf.exists():
            pg_port = int(
                [line for line in conf.read_text().splitlines() if line.startswith("port = ")][-1]
                .split("=")[1]
                .strip()
            )
        self.postgres = topology.Postgres(self.root / "pg", pg_port)
        self.redis = topology.Redis(self.root / "redis", redis_port)
        self.lb_port = lb
        self.env = topology.app_env(
            os.environ,
            database_url=self.postgres.url(topology.DATABASE),
            redis_url=f"redis://127.0.0.1:{redis_port}/0",
            lb_port=lb,
            media=self.root / "media",
        )
        logs = self.root / "logs"
        workers = args.workers_per_server
        self.apps = [
            topology.AppServer("app1", self.env, app1, workers, logs / "app1.log"),
            topology.AppServer("app2", self.env, app2, workers, logs / "app2.log"),
        ]
        self.workers = [
            topology.DbWorker("w1", self.env, logs / "worker1.log"),
            topology.DbWorker("w2", self.env, logs / "worker2.log"),
        ]
        self.nginx = topology.Nginx(
            self.root / "nginx", lb, [f"127.0.0.1:{app1}", f"127.0.0.1:{app2}"]
        )
        self.load_started = 0.0
        self._local = threading.local()
        self._stop = threading.Event()
        self.health: list[tuple[float, bool, bool]] = []
        self.requeued: list[str] = []
        self.worker_restarts: list[str] = []

    # -- database access for the run itself (the faults, the CPU meter) --------------------
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """A query of the run itself; [] while the database is away. One connection per thread
        (the CPU meter, the faults and the main thread ask at once), each query bounded."""
        import psycopg

        for _ in range(2):
            connection = getattr(self._local, "db", None)
            try:
                if connection is None or connection.closed:
                    connection = self._local.db = psycopg.connect(
                        f"host=127.0.0.1 port={self.postgres.port} user=postgres "
                        f"dbname={topology.DATABASE}",
                        autocommit=True,
                        connect_timeout=3,
                        options="-c statement_timeout=10000",
                    )
                cursor = connection.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
            except psycopg.Error:
                self._local.db = None
                if connection is not None:
                    with contextlib.suppress(Exception):
                        connection.close()
        return []

    def backend_pids(self) -> list[int]:
        rows = self.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (topology.DATABASE,),
        )
        return [pid for (pid,) in rows]

    def step(self, args: list[str], label: str) -> float:
        started = time.perf_counter()
        result = subprocess.run(
            [str(PYTHON), *args], cwd=REPO_ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
            raise SystemExit(f"{label} mislukt (exit {result.returncode})")
        return round(time.perf_counter() - started, 1)

    def manage_py_json(self, args: list[str]) -> dict:
        result = subprocess.run(
            [str(PYTHON), *args], cwd=REPO_ROOT, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            sys.stderr.write(result.stderr[-3000:])
            return {}
        return json.loads(result.stdout or "{}")

    # -- life cycle ------------------------------------------------------------------------
    def prepare(self, users_file: Path) -> dict:
        steps = {}
        reuse = self.args.reuse and (self.postgres.data / "PG_VERSION").exists()
        if reuse:
            # A database kept by --keep: started if it is not running, seeded again (the seed
            # takes up what is there and walks a new attempt for a candidate who handed in).
            for sub in ("logs", "nginx", "redis"):
                shutil.rmtree(self.root / sub, ignore_errors=True)
            for name in (
                "events.jsonl",
                "capacity-events.jsonl",
                "ping-before-events.jsonl",
                "ping-events.jsonl",
            ):
                (self.root / name).unlink(missing_ok=True)
            if not (self.postgres.data / "postmaster.pid").exists():
                self.postgres.start()
            self.redis = topology.Redis(self.root / "redis", self.redis.port)
        else:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root.mkdir(parents=True)
            started = time.perf_counter()
            self.postgres.init()
            self.postgres.start()
            self.postgres.create_database(topology.DATABASE)
            steps["postgres"] = round(time.perf_counter() - started, 1)
        self.redis.start()
        topology.wait_until(self.redis.ready, 30, "redis")
        if not reuse:
            steps["migrate"] = self.step(["manage.py", "migrate", "--noinput", "-v0"], "migrate")
            steps["load_demo"] = self.step(["manage.py", "load_demo"], "load_demo")
        steps["seed"] = self.step(
            ["-m", "tests.benchmarks.cluster.seed", "--candidates", str(self.args.candidates),
             "--assessors", str(self.args.assessors), "--closes-in", "86400",
             "--capacity", str(self.args.capacity_users),
             "--out", str(users_file)],
            "seed",
        )  # fmt: skip
        return steps

    def start(self) -> None:
        for app in self.apps:
            app.start()
        for worker in self.workers:
            worker.start()
        for app in self.apps:
            topology.wait_until(app.healthy, 120, app.name)
        self.nginx.start()
        topology.wait_until(
            lambda: topology.http_status(f"{self.nginx.url}/gezond/") == 200, 30, "nginx"
        )
        threading.Thread(target=self._watch_health, daemon=True).start()
        threading.Thread(target=self._requeue, daemon=True).start()
        threading.Thread(target=self._supervise_workers, daemon=True).start()

    def _supervise_workers(self) -> None:
        """A db_worker that exits is started again after 2 s, as systemd's `Restart=always`
        with `RestartSec=2` would: django-tasks-db's worker exits on a database error other
        than a lock (a PostgreSQL restart ends both workers)."""
        dead_since: dict[str, float] = {}
        while not self._stop.wait(0.5):
            for worker in self.workers:
                if worker.alive():
                    dead_since.pop(worker.name, None)
                    continue
                since = dead_since.setdefault(worker.name, time.time())
                if time.time() - since >= 2:
                    code = worker.popen.returncode if worker.popen else None
                    worker.start()
                    dead_since.pop(worker.name, None)
                    self.worker_restarts.append(
                        f"{time.time() - self.load_started:.0f}s {worker.name} (exit {code})"
                    )

    def _watch_health(self) -> None:
        """The script's own health checks: /gezond/ of each server every second (OSS nginx
        checks passively only, by the failures of real requests)."""
        while not self._stop.wait(1.0):
            self.health.append((time.time(), *(app.healthy() for app in self.apps)))

    def _requeue(self) -> None:
        """requeue_stale_tasks, as cron or a systemd timer would run it next to the workers."""
        while not self._stop.wait(self.args.requeue_every):
            result = subprocess.run(
                [str(PYTHON), "manage.py", "requeue_stale_tasks", "--older-than",
                 str(self.args.requeue_older_than)],
                cwd=REPO_ROOT, env=self.env, capture_output=True, text=True,
            )  # fmt: skip
            if result.stdout.strip():
                self.requeued.append(
                    f"{time.time() - self.load_started:.0f}s {result.stdout.strip()}"
                )

    def stop(self) -> None:
        self._stop.set()
        for process in [self.nginx, *self.apps, *self.workers, self.redis]:
            process.stop()
        self.postgres.stop()


def set_window(cluster: Cluster, users: dict, closes_at: dt.datetime) -> None:
    cluster.query(
        f'UPDATE "{users["cohort_table"]}" SET exam_closes_at = %s WHERE id = %s',
        (closes_at, users["cohort"]),
    )


def run_locust(cluster, users_file, events_file, classes, count, seconds, csv_prefix, extra_env):
    env = {
        **cluster.env,
        "CLUSTER_USERS": str(users_file),
        "CLUSTER_EVENTS": str(events_file),
        **extra_env,
    }
    args = [str(PYTHON), "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
            "--headless", "-u", str(count), "-r", str(max(1, min(count, 20))),
            "-t", f"{int(seconds)}s", "--stop-timeout", "10", "--host", cluster.nginx.url,
            "--csv", str(csv_prefix), "--only-summary", "--loglevel", "WARNING", *classes]  # fmt: skip
    log = (cluster.root / "logs" / f"{csv_prefix.name}.locust.log").open("w")
    process = subprocess.Popen(args, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    LOAD_GENERATORS.append(process)
    return process


# The locust processes started so far: the meters' "load_generator" group counts the running ones.
LOAD_GENERATORS: list[subprocess.Popen] = []


def load_generator_pids() -> list[int]:
    return [p.pid for p in LOAD_GENERATORS if p.poll() is None]


# Groups a meter counts that are not the platform: this process, and the load generator.
NOT_THE_PLATFORM = ("client", "load_generator")


def platform_cpu(used: dict[str, float]) -> dict[str, float]:
    """The CPU seconds of the platform's own processes (what `cpu.per_request` sums up)."""
    return {k: round(v, 2) for k, v in used.items() if k not in NOT_THE_PLATFORM}


def read_stats(csv_prefix: Path, seconds: float) -> tuple[list[dict], dict]:
    rows, total = [], {}
    with open(f"{csv_prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            entry = {
                "kind": row["Name"] if row["Type"] else "totaal",
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(int(row["Request Count"]) / seconds, 2) if seconds else None,
                "p50_ms": _num(row["50%"]),
                "p95_ms": _num(row["95%"]),
                "p99_ms": _num(row["99%"]),
                "max_ms": _num(row["Max Response Time"]),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                rows.append(entry)
    return rows, total


def _num(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def acked_attempts(path: Path) -> int:
    """How many attempts have at least one acknowledged save in the event log so far."""
    return len({e["attempt"] for e in read_events(path) if e["type"] == "ack"})


def parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_locust()
    cluster = Cluster(args)
    users_file = args.root / "users.json"
    events_file = args.root / "events.jsonl"
    duration = args.minutes * 60
    report: dict = {"settings": {k: str(v) for k, v in vars(args).items()}}
    fault_results: dict[str, dict] = {}
    try:
        print(f"Cluster voorbereiden in {args.root} ...", flush=True)
        report["preparation_seconds"] = cluster.prepare(users_file)
        users = json.loads(users_file.read_text())
        cluster.start()
        groups = {
            "gunicorn": lambda: [pid for app in cluster.apps for pid in cpu.children(app.pid)],
            "postgresql": cluster.backend_pids,
            "db_workers": lambda: [w.pid for w in cluster.workers if w.alive()],
            "nginx": lambda: [cluster.nginx.pid, *cpu.children(cluster.nginx.pid)],
            "redis": lambda: [cluster.redis.pid] if cluster.redis.alive() else [],
            "load_generator": load_generator_pids,
        }
        mixed_meter, ping_meter = cpu.CpuMeter(groups), cpu.CpuMeter(groups)
        capacity_meter = cpu.CpuMeter(groups)
        steady_meter = cpu.CpuMeter(groups)
        steady: dict[str, float] = {}

        def measure_steady() -> None:
            time.sleep(max(0.0, cluster.load_started + STEADY[0] * duration - time.time()))
            # Not before every candidate's first save is acknowledged: until then the login
            # peak's backlog (a password check of 231 ms per login on sync workers) is still
            # draining and the load is not yet the paced one. At the latest STEADY_MIN_SECONDS
            # before the window's end (the first fault).
            latest = cluster.load_started + STEADY[1] * duration - STEADY_MIN_SECONDS
            while time.time() < latest and acked_attempts(events_file) < len(users["candidates"]):
                time.sleep(1)
            steady["start"] = time.time()
            steady_meter.start()
            time.sleep(max(0.0, cluster.load_started + STEADY[1] * duration - time.time()))
            steady_meter.stop()
            steady["end"] = time.time()

        print(
            f"Klaar: {report['preparation_seconds']}; nginx {cluster.nginx.url}; "
            f"{len(users['candidates'])} kandidaten, {len(users['assessors'])} beoordelaars; "
            f"{args.minutes} min examen ...",
            flush=True,
        )
        cluster.load_started = time.time()
        closes_at = dt.datetime.fromtimestamp(cluster.load_started + CLOSE_AT * duration, dt.UTC)
        set_window(cluster, users, closes_at)
        mixed_meter.start()
        steady["t0"] = cluster.load_started
        threading.Thread(target=measure_steady, daemon=True).start()
        locust = run_locust(
            cluster, users_file, events_file, ["CandidateUser", "AssessorUser"],
            len(users["candidates"]) + len(users["assessors"]), duration,
            args.root / "mixed",
            {"CLUSTER_PACE": str(args.pace),
             "CLUSTER_SUBMIT_FROM": str(0.45 * duration),
             "CLUSTER_SUBMIT_TO": str(0.95 * duration)},
        )  # fmt: skip
        plan = [] if args.no_faults else [
            ("a", faults.kill_app_server), ("b", faults.kill_worker_mid_render),
            ("c", faults.restart_redis), ("d", faults.restart_postgres),
        ]  # fmt: skip
        for key, fault in plan:
            wait = cluster.load_started + FAULT_AT[key] * duration - time.time()
            if wait > 0:
                time.sleep(wait)
            print(f"  fout {key}: {fault.__name__} ...", flush=True)
            try:
                fault_results[key] = fault(cluster)
            except SystemExit as exc:
                fault_results[key] = {"fault": fault.__name__, "error": str(exc)}
            print(
                f"    {faults.dumps({k: v for k, v in fault_results[key].items() if k != 'window'})}",
                flush=True,
            )
        locust.wait()
        mixed_seconds = time.time() - cluster.load_started
        mixed_meter.stop()
        mixed_rows, mixed_total = read_stats(args.root / "mixed", mixed_seconds)

        def ping_phase(name: str) -> tuple[list, dict, float]:
            print(f"/ping/ ({args.ping_seconds:.0f} s) ...", flush=True)
            started = time.time()
            ping_meter.start()
            run_locust(
                cluster, users_file, args.root / f"{name}-events.jsonl", ["PingUser"],
                args.ping_users, args.ping_seconds, args.root / name, {},
            ).wait()  # fmt: skip
            seconds = time.time() - started
            ping_meter.stop()
            rows, total = read_stats(args.root / name, seconds)
            return rows, total, seconds

        # /ping/ before and after the capacity phase, their requests and seconds added up: the
        # machine's speed may drift over the minutes of a run (a shared host), and a ping phase
        # on each side compares the mix with the bare view of the same minutes.
        _, before_total, before_seconds = ping_phase("ping-before")
        print(f"capaciteit ({args.capacity_seconds:.0f} s, verzadigd) ...", flush=True)
        capacity_locust = run_locust(
            cluster, users_file, args.root / "capacity-events.jsonl",
            ["CapacityCandidate", "CapacityAssessor"], args.capacity_users,
            args.capacity_warmup + args.capacity_seconds, args.root / "capacity",
            {"CLUSTER_PACE": "0"},
        )  # fmt: skip
        # Measured after the warm-up (the users' logins), until locust stops.
        time.sleep(args.capacity_warmup)
        capacity_started = time.time()
        capacity_meter.start()
        capacity_locust.wait()
        capacity_meter.stop()
        capacity_ended = time.time()
        capacity_seconds = capacity_ended - capacity_started
        capacity_rows, capacity_total = read_stats(
            args.root / "capacity", capacity_ended - capacity_started + args.capacity_warmup
        )
        capacity_total = {
            **capacity_total,
            "requests_measured": requests_between(
                args.root / "capacity", capacity_started, capacity_ended
            ),
        }

        ping_rows, after_total, after_seconds = ping_phase("ping")
        ping_seconds = before_seconds + after_seconds
        ping_requests = before_total.get("requests", 0) + after_total.get("requests", 0)
        ping_total = {
            **after_total,
            "requests": ping_requests,
            "rps": round(ping_requests / ping_seconds, 2) if ping_seconds else 0,
            "rps_before": before_total.get("rps", 0),
            "rps_after": after_total.get("rps", 0),
        }

        # Let the workers finish what was asked before the database is read.
        open_tasks = (
            f"SELECT 1 FROM {faults.TASK_TABLE} WHERE status IN ('READY', 'RUNNING') LIMIT 1"
        )
        with contextlib.suppress(SystemExit):  # judged from the snapshot: no_task_left_open
            topology.wait_until(
                lambda: not cluster.query(open_tasks), 180, "openstaande taken", interval=1
            )
        snapshot = cluster.manage_py_json(
            ["-m", "tests.benchmarks.cluster.snapshot", "--cohort", str(users["cohort"])]
        )
        report["logs"] = {
            "app1_starts": cluster.apps[0].starts,
            "requeued": cluster.requeued,
            "worker_restarts": cluster.worker_restarts,
            "health_samples": len(cluster.health),
        }
    finally:
        cluster.stop()
    events = read_events(events_file)
    steady["requests"] = requests_between(
        args.root / "mixed", steady.get("start", 0), steady.get("end", 0)
    )
    steady["cpu_used"] = steady_meter.used
    report.update(
        verdicts(
            args,
            users,
            events,
            snapshot,
            fault_results,
            mixed_rows,
            mixed_total,
            mixed_seconds,
            ping_total,
            ping_seconds,
            mixed_meter,
            ping_meter,
            steady,
            {"total": capacity_total, "seconds": capacity_seconds, "meter": capacity_meter},
        )
    )
    report["mixed"] = {
        "seconds": round(mixed_seconds, 1),
        "kinds": mixed_rows,
        "total": mixed_total,
    }
    report["capacity"] = {
        "seconds": round(capacity_seconds, 1),
        "kinds": capacity_rows,
        "total": capacity_total,
    }
    report["ping"] = {"seconds": round(ping_seconds, 1), "kinds": ping_rows, "total": ping_total}
    report["machine"] = {"cpus": os.cpu_count(), "load_average": os.getloadavg()}
    out = args.root / "report.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str))
    print(markdown(report))
    print(f"\nRapport: {out}")
    if not args.keep:
        # The report stays; the cluster's data, logs and media go.
        for sub in ("pg", "redis", "media", "nginx"):
            shutil.rmtree(args.root / sub, ignore_errors=True)
    return 0 if report["passed"] else 1


def verdicts(args, users, events, snapshot, fault_results, mixed_rows, mixed_total,
             mixed_seconds, ping_total, ping_seconds, mixed_meter, ping_meter, steady,
             capacity) -> dict:  # fmt: skip
    closes_at = parse_time(snapshot.get("closes_at"))
    acks = [e for e in events if e["type"] == "ack"]
    drafts = {int(k): v for k, v in snapshot.get("drafts", {}).items()}
    writes = verify.acknowledged_writes(acks, drafts)
    attempts = [
        {
            **a,
            "submitted_at": parse_time(a["submitted_at"]),
            "draft_updated_at": parse_time(drafts.get(a["id"], {}).get("updated_at")),
        }
        for a in snapshot.get("attempts", [])
    ]
    finals = [
        {**f, "submitted_at": parse_time(f["submitted_at"])} for f in snapshot.get("finals", [])
    ]
    edge = verify.clock_edge(closes_at, attempts, finals)
    closed_at_ts = closes_at.timestamp() if closes_at else 0
    edge["refused_after_close"] = sum(
        1 for e in events if e["type"] == "refused" and e["t"] >= closed_at_ts
    )
    edge["acks_after_close"] = sum(1 for e in acks if e["t"] > closed_at_ts + 1)
    reports = verify.reports_once(snapshot.get("reports", []), snapshot.get("report_files", 0))

    mixed_requests = mixed_total.get("requests", 0)
    ping_requests = ping_total.get("requests", 0)
    cpu_mixed = cpu.per_request(platform_cpu(mixed_meter.used), mixed_requests)
    cpu_ping = cpu.per_request(platform_cpu(ping_meter.used), ping_requests)
    cpu_steady = cpu.per_request(
        platform_cpu(steady.get("cpu_used", {})), steady.get("requests", 0)
    )
    # The request path: what answers requests (gunicorn, PostgreSQL, nginx, Redis). The
    # db_workers render PDFs beside it, on machines of their own in production.
    path_steady = _path_ms(cpu_steady)
    path_ping = _path_ms(cpu_ping)
    capacity_share = path_ping / path_steady if path_steady and path_ping else 0.0
    # The target: requests per second of the exam's mix at saturation against /ping/'s, same
    # client, same machine, one phase after the other (the steady window above is paced, far
    # below saturation, so its CPU per request also carries what the idle processes spend).
    capacity_requests = capacity["total"].get("requests_measured", 0)
    capacity_rps = capacity_requests / capacity["seconds"] if capacity["seconds"] else 0
    cpu_capacity = cpu.per_request(platform_cpu(capacity["meter"].used), capacity_requests)
    path_capacity = _path_ms(cpu_capacity)
    mixed_rps = mixed_requests / mixed_seconds if mixed_seconds else 0
    ping_rps = ping_requests / ping_seconds if ping_seconds else 0
    saturated_share = capacity_rps / ping_rps if ping_rps else 0.0
    save = next((row for row in mixed_rows if row["kind"] == SAVE_KIND), {})
    steady_saves = [
        e["ms"]
        for e in acks
        if "ms" in e and steady.get("start", 0) <= e["t"] <= steady.get("end", 0)
    ]
    steady_p95 = percentile(steady_saves, 0.95)

    fault_verdicts = {}
    for key, result in fault_results.items():
        seen = faults.client_recovery(events, result["window"]) if "window" in result else {}
        checks = {
            "acknowledged_writes_kept": writes["passed"],
            "completed": "error" not in result and "skipped" not in result,
        }
        if key == "a":
            checks["no_request_given_up"] = seen.get("gave_up", 0) == 0
            recovery = seen.get("last_failure_after_seconds")
        elif key == "b":
            row = result.get("report_row") or [None, None, None, None]
            checks["report_rendered_once"] = row[1] == "rendered" and row[2] == 1 and bool(row[3])
            checks["task_retried"] = len(result.get("worker_ids") or []) >= 2
            checks["reports_once_overall"] = reports["passed"]
            recovery = result.get("recovery_seconds")
        elif key == "c":
            checks["nobody_logged_out"] = not any(
                e["type"] == "logged_out" and e["t"] >= result["window"][0] for e in events
            )
            checks["throttles_back"] = "throttles_back_seconds" in result
            recovery = result.get("recovery_seconds")
        else:
            checks["no_request_given_up"] = seen.get("gave_up", 0) == 0
            checks["app_servers_reconnected_by_themselves"] = bool(
                result.get("app_servers_not_restarted")
            )
            checks["workers_back"] = "workers_back_seconds" in result
            recovery = result.get("recovery_seconds")
        fault_verdicts[key] = {
            **{k: v for k, v in result.items() if k != "window"},
            "clients": seen,
            "recovery_seconds": recovery,
            "checks": checks,
            "passed": all(checks.values()),
        }
    gave_up = sum(1 for e in events if e["type"] == "gave_up")
    logged_out = sum(1 for e in events if e["type"] == "logged_out")
    targets = {
        "acknowledged_writes_lost_0": writes["passed"],
        "autosave_p95_under_300ms": (steady_p95 or 1e9) < TARGET_SAVE_P95_MS,
        "mixed_throughput_at_least_30pct_of_ping": saturated_share >= TARGET_CAPACITY_SHARE,
        "clock_edge_whole": edge["passed"],
        "reports_once": reports["passed"],
        "nobody_logged_out": logged_out == 0,
        "no_request_given_up": gave_up == 0,
        "no_task_left_open": not report_tasks_left_open(snapshot),
        "faults_passed": all(v["passed"] for v in fault_verdicts.values())
        and (args.no_faults or len(fault_verdicts) == 4),
    }
    return {
        "acknowledged_writes": writes,
        "clock_edge": edge,
        "reports": reports,
        "faults": fault_verdicts,
        "cpu_ms_per_request": {
            "mixed": cpu_mixed,
            "steady": cpu_steady,
            "capacity": cpu_capacity,
            "ping": cpu_ping,
        },
        "steady_window": {
            "from_to_seconds": [
                round(steady.get("start", 0) - steady.get("t0", 0), 1),
                round(steady.get("end", 0) - steady.get("t0", 0), 1),
            ],
            "requests": steady.get("requests", 0),
            "rps": round(steady.get("requests", 0) / (steady["end"] - steady["start"]), 1)
            if steady.get("end")
            else None,
            "autosaves": len(steady_saves),
            "autosave_p50_ms": percentile(steady_saves, 0.50),
            "autosave_p95_ms": steady_p95,
            "autosave_p99_ms": percentile(steady_saves, 0.99),
            "request_path_cpu_ms": path_steady,
        },
        "autosave_whole_run": {k: save.get(k) for k in ("requests", "p50_ms", "p95_ms", "p99_ms")},
        "throughput": {
            "mixed_rps": round(mixed_rps, 1),
            "ping_rps": round(ping_rps, 1),
            "ping_rps_before_after": [ping_total.get("rps_before"), ping_total.get("rps_after")],
            "capacity_rps": round(capacity_rps, 1),
            "capacity_share_by_throughput": round(saturated_share, 3),
            "capacity_request_path_cpu_ms": path_capacity,
            "capacity_share_by_cpu_saturated": round(path_ping / path_capacity, 3)
            if path_capacity and path_ping
            else None,
            "ping_request_path_cpu_ms": path_ping,
            "steady_share_by_cpu": round(capacity_share, 3),
        },
        # Locust runs on the same cores; where it is near one core busy, the phase measured it.
        "load_generator": {
            "capacity": cpu.one_process(
                capacity["meter"].used["load_generator"], capacity_requests, capacity["seconds"]
            ),
            "ping": cpu.one_process(ping_meter.used["load_generator"], ping_requests, ping_seconds),
        },
        "handed_in": sum(1 for e in events if e["type"] == "handed_in"),
        "gave_up": gave_up,
        "logged_out": logged_out,
        "tasks": snapshot.get("tasks"),
        "targets": targets,
        "passed": all(targets.values()),
    }


def report_tasks_left_open(snapshot: dict) -> bool:
    tasks = snapshot.get("tasks") or {}
    return bool(tasks.get("READY") or tasks.get("RUNNING"))


def _path_ms(per_request: dict) -> float | None:
    parts = [per_request.get(k) for k in ("gunicorn", "postgresql", "nginx", "redis")]
    if any(part is None for part in parts):
        return None
    return round(sum(parts), 2)


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def requests_between(csv_prefix: Path, start: float, end: float) -> int:
    """Requests locust counted between two moments (its per-second history of totals)."""
    totals: list[tuple[float, int]] = []
    path = Path(f"{csv_prefix}_stats_history.csv")
    if not path.exists() or not end:
        return 0
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                totals.append((float(row["Timestamp"]), int(row["Total Request Count"])))

    def at(moment: float) -> int:
        before = [count for stamp, count in totals if stamp <= moment]
        return before[-1] if before else 0

    return at(end) - at(start)


FAULT_NAMES = {
    "a": "app server gedood (SIGKILL) en herstart",
    "b": "db_worker gedood midden in een render",
    "c": "Redis herstart",
    "d": "PostgreSQL herstart (-m fast)",
}


def markdown(report: dict) -> str:
    lines = ["", "## Examendag op het cluster", ""]
    mixed = report["mixed"]
    lines.append(f"Gemengde belasting, {mixed['seconds']} s:")
    lines.append("")
    lines.append("| endpoint | verzoeken | fouten | req/s | p50 ms | p95 ms | p99 ms |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for row in [*mixed["kinds"], *report["capacity"]["kinds"], *report["ping"]["kinds"]]:
        lines.append(
            f"| {row['kind']} | {row['requests']} | {row['errors']} | {row['rps']} | "
            f"{row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} |"
        )
    t, c = report["throughput"], report["cpu_ms_per_request"]
    lines += [
        "",
        f"Verzadigd: gemengd {t['capacity_rps']} req/s, /ping/ {t['ping_rps']} req/s "
        f"(ervoor en erna {t.get('ping_rps_before_after')}): "
        f"{t['capacity_share_by_throughput']:.0%} van /ping/. CPU per verzoek op het "
        f"verzoekpad: verzadigd {t['capacity_request_path_cpu_ms']} ms, stabiel venster "
        f"(gepaced) {report['steady_window']['request_path_cpu_ms']} ms, /ping/ "
        f"{t['ping_request_path_cpu_ms']} ms (verhouding verzadigd "
        f"{t['capacity_share_by_cpu_saturated']}, stabiel venster {t['steady_share_by_cpu']}). "
        f"Examenochtend gemiddeld {t['mixed_rps']} req/s.",
        f"CPU per verzoek (ms) hele run: {c['mixed']}; stabiel venster: {c['steady']}; "
        f"verzadigd: {c['capacity']}; /ping/: {c['ping']}",
        f"Lastgenerator (locust, één proces): verzadigd {report['load_generator']['capacity']}, "
        f"/ping/ {report['load_generator']['ping']}",
        f"Stabiel venster {report['steady_window']}",
        "",
        "| fout | hersteltijd s | oordeel | details |",
        "|---|---:|---|---|",
    ]
    for key, fault in report["faults"].items():
        failed = [name for name, ok in fault["checks"].items() if not ok]
        lines.append(
            f"| {key}: {FAULT_NAMES[key]} | {fault['recovery_seconds']} | "
            f"{'OK' if fault['passed'] else 'MIS: ' + ', '.join(failed)} | {fault.get('clients', '')} |"
        )
    w, e, r = report["acknowledged_writes"], report["clock_edge"], report["reports"]
    lines += [
        "",
        f"Bevestigde autosaves: {w['acknowledged']} ({w['attempts']} pogingen), verloren "
        f"{w['lost_count']}. Examenvenster: {e['delivered']} ingeleverd, {e['final_versions']} "
        f"eindcalculaties, {e['refused_after_close']} weigeringen na sluiting, problemen "
        f"{e['problem_count']}. Rapporten: {r['rendered']} gemaakt, {r['files']} bestanden, "
        f"problemen {r['problems']}.",
        "",
    ]
    for name, ok in report["targets"].items():
        lines.append(f"- {'OK ' if ok else 'MIS'} {name}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
