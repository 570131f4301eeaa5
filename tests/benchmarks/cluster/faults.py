"""The faults injected during the exam-day load, each with what it measured.

Each function gets the running `Cluster` (run.py), acts, and returns a dict: when it acted
(`at`, seconds since the load started), its recovery time in seconds, and the observations that
run.py turns into the fault's verdict once the run is over (acknowledged writes and the
database's state are checked at the end, for all faults together).
"""

from __future__ import annotations

import json
import time

from .topology import http_status, wait_until

TASK_TABLE = "django_tasks_database_dbtaskresult"


def kill_app_server(cluster) -> dict:
    """(a) One app server SIGKILLed (master and workers), restarted ~10 s later."""
    server = cluster.apps[0]
    pid = server.pid
    killed = time.time()
    server.kill()
    time.sleep(10)
    restarted = time.time()
    server.start()
    rejoin = wait_until(server.healthy, 120, f"{server.name} na herstart")
    return {
        "fault": "app_server_killed",
        "at": round(killed - cluster.load_started, 1),
        "killed_pid": pid,
        "down_seconds": round(restarted - killed, 1),
        "rejoin_seconds": round(rejoin, 1),
        "window": [killed, time.time() + 20],
    }


def _running_render(cluster, seconds: float):
    """A render_report task RUNNING now (id, worker id, report id), polled every 50 ms."""
    deadline = time.time() + seconds
    asked = False
    while time.time() < deadline:
        row = cluster.query(
            f"SELECT id, worker_ids, args_kwargs FROM {TASK_TABLE} "
            "WHERE status = 'RUNNING' AND task_path LIKE %s ORDER BY started_at DESC LIMIT 1",
            ("%render_report",),
        )
        if row:
            return row[0]
        if not asked and time.time() > deadline - seconds / 2:
            # No assessor's render came by: ask one ourselves, as an assessor's click would.
            cluster.manage_py_json(["-m", "tests.benchmarks.cluster.snapshot", "--request-report"])
            asked = True
        time.sleep(0.05)
    return None


def kill_worker_mid_render(cluster) -> dict:
    """(b) A db_worker SIGKILLed while it renders a report; restarted by the supervisor; the
    periodic `requeue_stale_tasks` puts the lost task back and the report is rendered once."""
    found = _running_render(cluster, 60)
    if found is None:
        return {"fault": "worker_killed_mid_render", "skipped": "geen render gevonden"}
    task_id, worker_ids, args_kwargs = found
    report_id = (args_kwargs or {}).get("args", [None])[0]
    worker = next(
        (w for w in cluster.workers if f"cluster-{w.name}" == (worker_ids or [""])[-1]),
        cluster.workers[0],
    )
    killed = time.time()
    worker.kill()  # the run's supervisor starts it again after 2 s, as systemd would

    def rendered() -> bool:
        rows = cluster.query(f"SELECT status FROM {TASK_TABLE} WHERE id = %s", (task_id,))
        return bool(rows) and rows[0][0] == "SUCCESSFUL"

    waited = wait_until(rendered, 180, "de verloren render")
    recovered_at = time.time()
    rows = cluster.query(
        f"SELECT worker_ids, return_value FROM {TASK_TABLE} WHERE id = %s", (task_id,)
    )
    report = cluster.query(
        "SELECT key, status, render_count, file FROM assessment_report WHERE id = %s",
        (report_id,),
    )
    return {
        "fault": "worker_killed_mid_render",
        "at": round(killed - cluster.load_started, 1),
        "task": str(task_id),
        "report": report_id,
        "killed_worker": worker.name,
        "recovery_seconds": round(recovered_at - killed, 1),
        "waited_seconds": round(waited, 1),
        "worker_ids": rows[0][0] if rows else None,
        "return_value": rows[0][1] if rows else None,
        "report_row": list(report[0]) if report else None,
    }


def restart_redis(cluster) -> dict:
    """(c) Redis stopped and started again (empty: no persistence, as a cache)."""
    stopped = time.time()
    cluster.redis.stop()
    time.sleep(2)
    cluster.redis.start()
    back = wait_until(cluster.redis.ready, 30, "redis na herstart")
    ready_at = time.time()

    def keys_back() -> bool:
        import redis

        # One anonymous API request of our own (an unknown path: 404 after the anonymous
        # throttle counted it), so that the check does not depend on the load still running.
        http_status(f"{cluster.nginx.url}/api/v1/bestaat-niet/")
        client = redis.Redis(host="127.0.0.1", port=cluster.redis.port, socket_timeout=1)
        return any(b"throttle" in key for key in client.scan_iter(count=1000))

    throttles = wait_until(keys_back, 60, "throttles in redis")
    return {
        "fault": "redis_restarted",
        "at": round(stopped - cluster.load_started, 1),
        "recovery_seconds": round(ready_at - stopped, 1),
        "redis_ready_seconds": round(back, 1),
        "throttles_back_seconds": round(throttles, 1),
        "window": [stopped, time.time() + 30],
    }


def restart_postgres(cluster) -> dict:
    """(d) The cluster's own PostgreSQL restarted with `-m fast` (sessions cut, transactions in
    flight rolled back), held down `--pg-down-seconds` in between as a failover's gap would be
    (0: `pg_ctl restart -m fast`, back in a fraction of a second on this small database)."""
    pids = [app.pid for app in cluster.apps]
    started = time.time()
    down = cluster.args.pg_down_seconds
    if down > 0:
        cluster.postgres.pg_ctl("stop", "-m", "fast")
        time.sleep(down)
        cluster.postgres.start()
    else:
        cluster.postgres.restart()
    restarted = time.time()
    wait_until(lambda: all(app.healthy() for app in cluster.apps), 120, "app servers na pg")
    healthy = time.time()
    # The workers exit on the lost connection; the supervisor restarts them (2 s).
    wait_until(lambda: all(w.alive() for w in cluster.workers), 30, "workers na pg")
    workers_back = time.time()
    return {
        "fault": "postgres_restarted",
        "at": round(started - cluster.load_started, 1),
        "restart_seconds": round(restarted - started, 1),
        "held_down_seconds": down,
        "recovery_seconds": round(healthy - started, 1),
        "workers_back_seconds": round(workers_back - restarted, 1),
        "app_servers_not_restarted": pids == [app.pid for app in cluster.apps]
        and all(app.alive() for app in cluster.apps),
        "window": [started, time.time() + 30],
    }


def events_in(events: list[dict], window: list[float], kinds: tuple[str, ...]) -> list[dict]:
    return [e for e in events if e["type"] in kinds and window[0] <= e["t"] <= window[1]]


def client_recovery(events: list[dict], window: list[float]) -> dict:
    """What the clients saw in a fault's window: retried requests by status, requests given
    up, logouts, and the seconds from the fault to the last retried failure."""
    retries = events_in(events, window, ("retry",))
    by_status: dict[str, int] = {}
    for event in retries:
        key = str(event.get("status") or "verbinding")
        by_status[key] = by_status.get(key, 0) + 1
    return {
        "retries": by_status,
        "gave_up": len(events_in(events, window, ("gave_up",))),
        "logged_out": len(events_in(events, window, ("logged_out",))),
        "last_failure_after_seconds": round(max(e["t"] for e in retries) - window[0], 1)
        if retries
        else 0.0,
    }


def dumps(value) -> str:
    return json.dumps(value, default=str)
