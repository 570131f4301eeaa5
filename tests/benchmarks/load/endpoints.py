"""CPU per request of each endpoint of the load test, one request at a time on one worker.

    .venv/bin/python tests/benchmarks/load_test.py --duration 4 --keep-db   # prepare once
    .venv/bin/python -m tests.benchmarks.load.endpoints [--requests 100 --batches 5]

Serves the prepared load database (`--keep-db` of load_test.py) with gunicorn and one sync
worker, logs in one trainee and one assessor and sends each kind of request of the load test
`--requests` times in a row, `--batches` times. Per batch it reads the CPU that the worker and
the database's backends used (tests/benchmarks/load/cpu.py) and prints the least per request of
the batches: what a request costs the server, with the neighbours' interference mostly left out
(they can only add to a batch). The client's own CPU is not counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO_ROOT))

from tests.benchmarks.load import cpu, server  # noqa: E402
from tests.benchmarks.load.client import CSRF_FIELD  # noqa: E402


def login(client: httpx.Client, username: str, password: str) -> None:
    page = client.get("/account/inloggen/")
    token = CSRF_FIELD.search(page.text).group(1)
    response = client.post(
        "/account/inloggen/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{client.base_url}/account/inloggen/"},
    )
    if response.status_code != 302:
        raise SystemExit(f"inloggen {username}: {response.status_code}")


def headers(client: httpx.Client) -> dict[str, str]:
    return {"X-CSRFToken": client.cookies.get("csrftoken", ""), "Accept": "application/json"}


def requests(trainee: httpx.Client, assessor: httpx.Client, anonymous: httpx.Client, user: dict):
    """Each kind: a function that sends one request and checks its answer."""
    url = f"/api/v1/attempts/{user['attempt']}/calculation/"
    full = user["full_lines"]
    state = {"version": trainee.get(url, headers=headers(trainee)).json()["version"], "turn": 0}

    def expect(response: httpx.Response, code: int = 200) -> None:
        if response.status_code != code:
            raise SystemExit(f"{response.request.url.path}: {response.status_code}")

    def ping() -> None:
        expect(anonymous.get("/ping/"))

    def read() -> None:
        expect(trainee.get(url, headers=headers(trainee)))

    def save() -> None:
        state["turn"] += 1
        lines = full if state["turn"] % 2 == 0 else full[:-1]
        response = trainee.put(
            url, json={"version": state["version"], "lines": lines}, headers=headers(trainee)
        )
        expect(response)
        state["version"] = response.json()["version"]

    def queue_page() -> None:
        expect(assessor.get("/beoordeling/"))

    def queue_api() -> None:
        expect(assessor.get("/api/v1/assessment/queue/", headers=headers(assessor)))

    return {
        "ping": ping,
        "calculatie: lezen": read,
        "calculatie: opslaan": save,
        "wachtrij: pagina": queue_page,
        "wachtrij: API": queue_api,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="schadeplatform_load")
    parser.add_argument("--users", type=Path, default=REPO_ROOT / "var" / "load-users.json")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--pg-port", type=int, default=5432)
    args = parser.parse_args(argv)
    users = json.loads(args.users.read_text())
    port = server.free_port()
    env = server.server_env(f"postgres://postgres@127.0.0.1:{args.pg_port}/{args.database}", port)
    backends = server.DatabaseBackends(args.database, "127.0.0.1", args.pg_port)
    log = REPO_ROOT / "var" / "load-endpoints-gunicorn.log"
    results: dict[str, dict[str, float]] = {}
    try:
        with server.Gunicorn(env, port, 1, log) as gunicorn:
            (worker,) = cpu.children(gunicorn.process.pid)
            clients = [httpx.Client(base_url=gunicorn.base_url, timeout=60) for _ in range(3)]
            trainee, assessor, anonymous = clients
            login(trainee, users["trainees"][0]["username"], users["password"])
            login(assessor, users["assessors"][0]["username"], users["password"])
            kinds = requests(trainee, assessor, anonymous, users["trainees"][0])

            def used() -> dict[str, float]:
                return {
                    "gunicorn": cpu.cpu_seconds(worker) or 0.0,
                    "postgresql": sum(cpu.cpu_seconds(pid) or 0.0 for pid in backends()),
                }

            for name, send in kinds.items():
                for _ in range(10):  # warm: prepared statements, caches, connections
                    send()
                best: dict[str, float] | None = None
                for _ in range(args.batches):
                    before = used()
                    for _ in range(args.requests):
                        send()
                    after = used()
                    spent = {key: (after[key] - before[key]) / args.requests for key in after}
                    if best is None or sum(spent.values()) < sum(best.values()):
                        best = spent
                results[name] = {key: round(value * 1000, 2) for key, value in best.items()}
                results[name]["total"] = round(sum(best.values()) * 1000, 2)
                print(
                    f"{name:22} {results[name]['total']:6.2f} ms "
                    f"(gunicorn {results[name]['gunicorn']:.2f}, "
                    f"postgresql {results[name]['postgresql']:.2f})",
                    flush=True,
                )
            for client in clients:
                client.close()
    finally:
        backends.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
