"""A real Learning Record Store for the xAPI tests: ralph (openfun/ralph, `ralph-malph` on PyPI)
with its file-system backend, run from its own virtualenv (its FastAPI/pydantic pins are not
the project's). `./dev.sh lrs` installs it into var/ralph-venv (about a minute); RALPH_VENV
names another. Without it the tests that need it skip, saying so."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
USERNAME = "platform"
PASSWORD = "lrs-test-password"
VERSION_HEADER = {"X-Experience-API-Version": "1.0.3"}


# ralph's file-system LRS backend writes each request with operation type CREATE to one file
# (fs_lrs.jsonl), which refuses every write after the first ("already exists and overwrite is
# not allowed"; ralph-malph 5.1.0). Its data backend supports APPEND, so the server is started
# with that as the LRS backend's default: every statement is appended to the file, and ralph's
# own read-before-write still answers 409 for an id it holds.
LAUNCH = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@dataclass
class RunningLrs:
    url: str  # the xAPI endpoint, ending in /xAPI/
    process: subprocess.Popen

    def statements(self, **params) -> dict:
        response = httpx.get(
            self.url + "statements",
            params=params,
            auth=(USERNAME, PASSWORD),
            headers=VERSION_HEADER,
            timeout=10,
        )
        response.raise_for_status()
        return response.json()


def ralph_python() -> Path | None:
    venv = Path(os.environ.get("RALPH_VENV") or ROOT / "var" / "ralph-venv")
    python = venv / "bin" / "python"
    if not python.exists() or not list(venv.glob("lib/python*/site-packages/ralph/api")):
        return None
    return python


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(workdir: Path) -> RunningLrs | str:
    """Start ralph on a free loopback port; a RunningLrs, or why it could not start."""
    python = ralph_python()
    if python is None:
        return "ralph (the local LRS) is not installed: run `./dev.sh lrs` (see README, xAPI)"
    app_dir, data_dir = workdir / "app", workdir / "data"
    app_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    hashed = subprocess.run(
        [
            str(python),
            "-c",
            "import bcrypt,sys;print(bcrypt.hashpw(sys.argv[1].encode(),"
            "bcrypt.gensalt(4)).decode())",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.strip()
    # ralph's auth file, as `ralph auth -u … -s all -w` writes it.
    (app_dir / "auth.json").write_text(
        json.dumps(
            [
                {
                    "agent": {"mbox": "mailto:lrs@example.org", "objectType": "Agent"},
                    "scopes": ["all"],
                    "hash": hashed,
                    "username": USERNAME,
                }
            ]
        )
    )
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(app_dir),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data_dir),
        "RALPH_RUNSERVER_AUTH_BACKENDS": "basic",
    }
    log = open(workdir / "ralph.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [str(python), "-c", LAUNCH, str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=workdir,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            if httpx.get(f"http://127.0.0.1:{port}/__heartbeat__", timeout=1).status_code == 200:
                return RunningLrs(url=f"http://127.0.0.1:{port}/xAPI/", process=process)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(process)
    tail = (workdir / "ralph.log").read_text(errors="replace")[-800:]
    return f"ralph did not start within 30 s: {tail}"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
