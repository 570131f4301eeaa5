"""The cluster's processes on loopback: PostgreSQL, Redis, two gunicorn app servers, two
db_workers and nginx in front, each on its own free port, all under var/cluster/.

Each process runs in a session of its own (`start_new_session`), so "kill an app server" kills
its master and workers at once, as a machine that dies would, and nothing is left behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.benchmarks.load.server import HOST, PYTHON, REPO_ROOT, free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GUNICORN = REPO_ROOT / ".venv" / "bin" / "gunicorn"
SETTINGS = "tests.benchmarks.cluster.settings"
DATABASE = "schadeplatform_cluster"


def wait_until(check, seconds: float, what: str, interval: float = 0.2) -> float:
    """Poll `check()` until true; the seconds it took. SystemExit after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except Exception:
            pass
        time.sleep(interval)
    raise SystemExit(f"{what}: niet klaar binnen {seconds:.0f} s")


def http_status(url: str, timeout: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Process:
    """One long-running process in its own session, with a log file."""

    def __init__(self, name: str, args: list[str], log: Path, env: dict | None = None) -> None:
        self.name, self.args, self.log, self.env = name, args, log, env
        self.popen: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> Process:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        log = self.log.open("a")
        self.popen = subprocess.Popen(
            self.args,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.starts += 1
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid if self.popen else 0

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole session: the master and its children, without warning."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, timeout: float = 15) -> None:
        if not self.alive():
            return
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        except ProcessLookupError:
            pass


def as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """initdb and pg_ctl refuse root: run them as the `postgres` OS user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *args], capture_output=True, text=True, check=False, **kwargs)


class Postgres:
    """A PostgreSQL 15 instance of its own: initdb into `data`, on its own port."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.data = root / "data"
        self.sockets = root / "sock"
        self.log = root / "postgresql.log"

    def _own(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            for path in self.root.rglob("*"):
                shutil.chown(path, "postgres", "postgres")

    def init(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.sockets.mkdir(parents=True)
        self._own()
        result = as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8"]
        )  # fmt: skip
        if result.returncode:
            raise SystemExit(f"initdb mislukt: {result.stderr[-2000:]}")
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = '{HOST}'\n"
                f"unix_socket_directories = '{self.sockets}'\nmax_connections = 200\n"
                "shared_buffers = 128MB\n"
            )

    def pg_ctl(self, *args: str) -> None:
        result = as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
             *args]
        )  # fmt: skip
        if result.returncode:
            raise SystemExit(f"pg_ctl {' '.join(args)} mislukt: {result.stderr[-2000:]}")

    def start(self) -> None:
        self.pg_ctl("start")

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: sessions are cut, in-flight transactions roll back."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "stop", "-m", "fast"])

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')

    @property
    def admin_dsn(self) -> str:
        return f"host={HOST} port={self.port} user=postgres dbname=postgres"

    def url(self, name: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"


class Redis(Process):
    def __init__(self, root: Path, port: int) -> None:
        root.mkdir(parents=True, exist_ok=True)
        super().__init__(
            "redis",
            [REDIS_SERVER, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly",
             "no", "--dir", str(root), "--daemonize", "no"],
            root / "redis.log",
        )  # fmt: skip
        self.port = port

    def ready(self) -> bool:
        import redis

        return bool(redis.Redis(host=HOST, port=self.port, socket_timeout=1).ping())


def app_env(base: dict, *, database_url: str, redis_url: str, lb_port: int, media: Path) -> dict:
    env = dict(base)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "SECRET_KEY": "cluster-test-only-" + "x" * 64,
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{lb_port}",
            # nginx is the one proxy in front: the client is the address it saw.
            "TRUSTED_PROXY_HOPS": "1",
            "MEDIA_ROOT": str(media / "public"),
            "PRIVATE_MEDIA_ROOT": str(media / "private"),
            # The exam morning asks many reports; the hourly quota per user is not under test.
            "PDF_RENDERS_MAX_PER_USER_PER_HOUR": "10000",
            "PYTHONPATH": str(REPO_ROOT),
        }
    )
    return env


class AppServer(Process):
    """gunicorn (sync workers) on its own port, production settings over plain HTTP."""

    def __init__(self, name: str, env: dict, port: int, workers: int, log: Path) -> None:
        super().__init__(
            name,
            [str(GUNICORN), "schadeplatform.wsgi:application", "--bind", f"{HOST}:{port}",
             "--workers", str(workers), "--worker-class", "sync", "--backlog", "512",
             "--timeout", "60", "--graceful-timeout", "5", "--chdir", str(REPO_ROOT)],
            log,
            env,
        )  # fmt: skip
        self.port = port

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def healthy(self) -> bool:
        """The check a load balancer would make: /gezond/ answers 200 (process and database)."""
        return http_status(f"{self.url}/gezond/") == 200


class DbWorker(Process):
    def __init__(self, name: str, env: dict, log: Path) -> None:
        super().__init__(
            name,
            [str(PYTHON), "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay",
             "--worker-id", f"cluster-{name}", "-v", "1"],
            log,
            env,
        )  # fmt: skip


NGINX_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format upstream '$remote_addr [$time_iso8601] "$request" $status '
                        'upstream=$upstream_addr upstream_status=$upstream_status '
                        'rt=$request_time';
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    client_max_body_size 12m;

    # Passive health checks only (OSS nginx): a server whose connection fails is skipped for
    # fail_timeout after max_fails failures; the request that met the failure goes on to the
    # next server (proxy_next_upstream). Active checks (health_check) are NGINX Plus.
    upstream app {{
        server {app1} max_fails=1 fail_timeout=5s;
        server {app2} max_fails=1 fail_timeout=5s;
    }}

    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            # The edge: the client is the address nginx saw, whatever the client wrote.
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A refused or broken connection is retried on the other server; nginx does not
            # retry POST/PATCH once sent (non_idempotent not set), it does retry a PUT: the
            # autosave's replay rule answers a repeated save as the first.
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
        }}
    }}
}}
"""


class Nginx(Process):
    def __init__(self, prefix: Path, port: int, upstreams: list[str]) -> None:
        self.prefix, self.upstreams = prefix, upstreams
        conf = prefix / "nginx.conf"
        super().__init__(
            "nginx",
            [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
             "-g", "daemon off;"],
            prefix / "nginx.stdout.log",
        )  # fmt: skip
        self.port = port

    def start(self) -> Nginx:
        """Writes the configuration and its folders (the run may have emptied var/cluster)."""
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "tmp" / sub).mkdir(parents=True, exist_ok=True)
            # nginx's workers run as an unprivileged user when started by root.
            os.chmod(self.prefix / "tmp" / sub, 0o777)
        (self.prefix / "nginx.conf").write_text(
            NGINX_CONF.format(
                prefix=self.prefix,
                host=HOST,
                port=self.port,
                app1=self.upstreams[0],
                app2=self.upstreams[1],
            )
        )
        super().start()
        return self

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def ports(count: int) -> list[int]:
    chosen: list[int] = []
    while len(chosen) < count:
        port = free_port()
        if port not in chosen:
            chosen.append(port)
    return chosen
