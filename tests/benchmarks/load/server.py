"""A throwaway PostgreSQL database and a gunicorn server on loopback for the load test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
GUNICORN = REPO_ROOT / ".venv" / "bin" / "gunicorn"
SETTINGS = "tests.benchmarks.load.settings"
HOST = "127.0.0.1"


def free_port() -> int:
    """A port nobody listens on now: a fixed one may be another developer's server."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def admin_dsn(pg_host: str, pg_port: int) -> str:
    return f"host={pg_host} port={pg_port} user=postgres dbname=postgres"


def recreate_database(name: str, pg_host: str, pg_port: int) -> None:
    import psycopg

    with psycopg.connect(admin_dsn(pg_host, pg_port), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str, pg_host: str, pg_port: int) -> None:
    import psycopg

    with psycopg.connect(admin_dsn(pg_host, pg_port), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class DatabaseBackends:
    """The pids of PostgreSQL's backends serving one database (the app's connections).

    On loopback PostgreSQL runs on the same machine, so its backends' CPU is part of what a
    request costs. The connection this reader holds is left out.
    """

    def __init__(self, name: str, pg_host: str, pg_port: int) -> None:
        import psycopg

        self.name = name
        self.connection = psycopg.connect(admin_dsn(pg_host, pg_port), autocommit=True)

    def __call__(self) -> list[int]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,),
        ).fetchall()
        return [pid for (pid,) in rows]

    def close(self) -> None:
        self.connection.close()


def server_env(database_url: str, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "load-test-only-" + "x" * 64,
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{port}",
            "PYTHONPATH": str(REPO_ROOT),
        }
    )
    return env


def run_step(args: list[str], env: dict[str, str], label: str) -> float:
    """Run one preparation step (migrate, load_demo, seed); its duration in seconds."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(PYTHON), *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"{label} mislukt (exit {result.returncode})")
    return time.perf_counter() - started


class Gunicorn:
    """gunicorn, started and stopped by the load test, bound to loopback.

    Sync workers by default (one request at a time per process, no keep-alive); `threads` > 1
    runs gthread workers with that many threads each (keep-alive connections).
    """

    def __init__(
        self, env: dict[str, str], port: int, workers: int, log: Path, threads: int = 1
    ) -> None:
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.threads = threads
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> Gunicorn:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "schadeplatform.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                *(
                    ("--worker-class", "gthread", "--threads", str(self.threads))
                    if self.threads > 1
                    else ("--worker-class", "sync")
                ),
                "--backlog",
                "512",
                "--timeout",
                "60",
                "--chdir",
                str(REPO_ROOT),
            ],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, attempts: int = 120) -> None:
        for _ in range(attempts):
            if self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn stopte (exit {self.process.returncode}); zie {self.log}"
                )
            try:
                with urllib.request.urlopen(f"{self.base_url}/ping/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"gunicorn antwoordde niet binnen {attempts // 2} s; zie {self.log}")

    def ensure_running(self) -> None:
        if self.process.poll() is not None:
            raise SystemExit(f"gunicorn stopte (exit {self.process.returncode}); zie {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log_file.close()
