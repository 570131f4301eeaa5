"""The exam morning as locust users: candidates, assessors, and /ping/ for the baseline.

Started by run.py (`locust -f ... --headless --csv`), with its settings in the environment:
CLUSTER_USERS (the seed's JSON), CLUSTER_EVENTS (this run's JSON-lines log), CLUSTER_PACE (a
factor on every pause: 1 is a person's pace, 0.2 a smoke run's), CLUSTER_SUBMIT_FROM/TO (seconds
from the start within which each candidate hands in).

- A candidate logs in through the login form, opens the exam attempt and its calculation,
  autosaves every 20-30 s (x pace), alternating between the full lines and the lines without
  the last one, and at its own moment saves the full lines and hands in: final calculation,
  final inspection, delivery. Every acknowledged save is logged (attempt, version, hash of the
  lines): run.py compares the log with PostgreSQL at the end.
- An assessor opens the queue (page and API), grades a submission it may start (rubric,
  comment, signature) and asks for its report, or else asks for the calculation report of a
  candidate's pre-calculation; it polls the report until rendered (by the db_workers).
- `PingUser` fetches /ping/ in a closed loop: the bare view's throughput, in its own phase.

Each user connects from its own loopback address (127.x.y.z), as candidates in their own homes
would: nginx passes it on as X-Forwarded-For, and the login throttle and lockout count per
candidate, not for the whole exam at once.

A request that meets 502/503/504 or a broken connection is retried with backoff (Retry-After
when given), as the editor's autosave does; each failed try is counted as a failure of its
endpoint, and a request that never got through is logged as "gave_up".
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from typing import Any

import gevent
from locust import HttpUser, constant, task
from locust.clients import LocustHttpAdapter
from urllib3 import PoolManager

from tests.benchmarks.cluster.verify import lines_hash

USERS = json.loads(open(os.environ["CLUSTER_USERS"]).read())  # noqa: SIM115
EVENTS = open(os.environ["CLUSTER_EVENTS"], "a", buffering=1)  # noqa: SIM115
PACE = float(os.environ.get("CLUSTER_PACE", "1"))
SUBMIT_FROM = float(os.environ.get("CLUSTER_SUBMIT_FROM", "120"))
SUBMIT_TO = float(os.environ.get("CLUSTER_SUBMIT_TO", "300"))
STARTED = time.time()
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RETRIABLE = (0, 502, 503, 504)
MAX_TRIES = 12

_candidates = iter(USERS["candidates"])
_assessors = iter(USERS["assessors"])
_addresses = itertools.count(1)


def log(kind: str, **data: Any) -> None:
    EVENTS.write(json.dumps({"type": kind, "t": time.time(), **data}) + "\n")


def own_address() -> str:
    """A loopback address of its own per user: 127.1.0.1, 127.1.0.2, ..."""
    n = next(_addresses)
    return f"127.1.{n // 250}.{n % 250 + 1}"


class ExamUser(HttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self) -> None:
        address = own_address()
        self.client.mount(
            "http://",
            LocustHttpAdapter(pool_manager=PoolManager(source_address=(address, 0), maxsize=2)),
        )
        self.account = self.next_account()
        self.logged_in = False

    def next_account(self) -> dict:
        raise NotImplementedError

    def pause(self, low: float, high: float) -> None:
        gevent.sleep(random.uniform(low, high) * PACE)

    def api_headers(self) -> dict[str, str]:
        return {
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Accept": "application/json",
        }

    def send(self, method: str, path: str, name: str, *, ok=(200,), expected=(), **kwargs):
        """The request, retried while the cluster is away (502/503/504, no connection).

        Returns the response (status in `ok` or `expected`; `expected` ones are not failures)
        or None when it never got through or failed otherwise."""
        delay = 0.5
        for attempt in range(MAX_TRIES):
            with self.client.request(
                method, path, name=name, catch_response=True, allow_redirects=False, **kwargs
            ) as response:
                status = response.status_code or 0
                if self.logged_in and self._logged_out(response):
                    log("logged_out", user=self.account["username"], path=path, status=status)
                    response.failure(f"uitgelogd: {status}")
                    return None
                if status in ok or status in expected:
                    response.success()
                    return response
                if status in RETRIABLE:
                    response.failure(f"{status or 'geen verbinding'} (poging {attempt + 1})")
                    wait = response.headers.get("Retry-After") if status else None
                    log("retry", user=self.account["username"], name=name, status=status)
                    gevent.sleep(min(float(wait) if wait else delay, 5.0))
                    delay = min(delay * 2, 5.0)
                    continue
                response.failure(f"{status}: {response.text[:200]}")
                return None
        log("gave_up", user=self.account["username"], name=name)
        return None

    @staticmethod
    def _logged_out(response) -> bool:
        status = response.status_code
        if status == 302 and "/account/inloggen/" in response.headers.get("Location", ""):
            return True
        text = response.text.lower() if status == 403 else ""
        return any(sign in text for sign in ("authenticat", "ingelogd", "csrf"))

    def login(self) -> bool:
        page = self.send("GET", "/account/inloggen/", "login: formulier")
        match = CSRF_FIELD.search(page.text) if page is not None else None
        if match is None:
            return False
        response = self.send(
            "POST",
            "/account/inloggen/",
            "login: versturen",
            ok=(302,),
            data={
                "username": self.account["username"],
                "password": USERS["password"],
                "csrfmiddlewaretoken": match.group(1),
            },
            headers={"Referer": f"{self.host}/account/inloggen/"},
        )
        self.logged_in = response is not None
        return self.logged_in


class CandidateUser(ExamUser):
    fixed_count = len(USERS["candidates"])

    def next_account(self) -> dict:
        return next(_candidates)

    def on_start(self) -> None:
        super().on_start()
        self.pause(0, 10)  # not everyone at the door at the same second
        self.done = not self.login()
        attempt = self.account["attempt"]
        self.url = f"/api/v1/attempts/{attempt}/calculation/"
        self.lines = self.account["lines"]
        self.version: int | None = None
        self.turn = 0
        self.submit_at = STARTED + random.uniform(SUBMIT_FROM, SUBMIT_TO)
        if not self.done:
            self.send("GET", f"/api/v1/attempts/{attempt}/", "poging: openen")
            self.reload()

    def reload(self) -> None:
        response = self.send("GET", self.url, "calculatie: lezen", headers=self.api_headers())
        if response is not None:
            self.version = response.json()["version"]

    def save(self, lines: list) -> bool:
        """One autosave; True when acknowledged (and logged)."""
        if self.version is None:
            self.reload()
            if self.version is None:
                return False
        response = self.send(
            "PUT",
            self.url,
            "calculatie: opslaan",
            expected=(409, 403),
            json={"version": self.version, "lines": lines},
            headers=self.api_headers(),
        )
        if response is None:
            return False
        if response.status_code == 409:
            self.reload()  # saved elsewhere meanwhile: the editor reloads
            return False
        if response.status_code == 403:
            log("refused", user=self.account["username"], step="opslaan", text=response.text[:200])
            self.done = True
            return False
        self.version = response.json()["version"]
        log(
            "ack",
            attempt=self.account["attempt"],
            version=self.version,
            hash=lines_hash(lines),
            ms=round(response.elapsed.total_seconds() * 1000, 1),
        )
        return True

    def move(self, name: str, data: dict) -> bool:
        attempt = self.account["attempt"]
        response = self.send(
            "POST",
            f"/api/v1/attempts/{attempt}/moves/{name}/",
            f"stap: {name}",
            expected=(409,),
            json=data,
            headers=self.api_headers(),
        )
        if response is None:
            return False
        if response.status_code == 409:
            log("refused", user=self.account["username"], step=name, text=response.text[:300])
            return False
        return True

    def hand_in(self) -> None:
        self.done = True
        if not self.save(self.lines) and self.version is None:
            return
        attempt = self.account["attempt"]
        if not self.move("submit_final", {}):
            return
        if not self.move("final_inspection", {"items": self.account["items"]}):
            return
        if self.move(
            "deliver_vehicle",
            {
                "explanation": "Werk toegelicht met de eindcalculatie.",
                "answers": self.account["answers"],
            },
        ):
            log("handed_in", attempt=attempt, user=self.account["username"])

    @task
    def work(self) -> None:
        # One task per user class: locust merges a base class's tasks into a subclass's, so
        # the capacity phase's classes override `round`, not the task.
        self.round()

    def round(self) -> None:
        if self.done:
            gevent.sleep(5)
            return
        if time.time() >= self.submit_at:
            self.hand_in()
            return
        self.turn += 1
        lines = self.lines if self.turn % 2 == 0 or len(self.lines) < 2 else self.lines[:-1]
        self.save(lines)
        self.pause(20, 30)


class AssessorUser(ExamUser):
    fixed_count = len(USERS["assessors"])

    def next_account(self) -> dict:
        return next(_assessors)

    def on_start(self) -> None:
        super().on_start()
        self.pause(0, 10)
        self.done = not self.login()

    def report(self, body: dict) -> None:
        response = self.send(
            "POST",
            "/api/v1/assessment/reports/",
            "rapport: aanvragen",
            ok=(202,),
            expected=(400, 429),
            json=body,
            headers=self.api_headers(),
        )
        if response is None or response.status_code != 202:
            return
        report = response.json()
        deadline = time.time() + 120
        while report["status"] != "rendered" and time.time() < deadline:
            gevent.sleep(2)
            answer = self.send(
                "GET",
                f"/api/v1/assessment/reports/{report['id']}/",
                "rapport: status",
                headers=self.api_headers(),
            )
            if answer is None:
                return
            report = answer.json()
            if report["status"] == "failed":
                log("report_failed", report=report["id"])
                return
        if report["status"] == "rendered":
            self.send("GET", report["download"], "rapport: downloaden")

    def grade(self, row: dict) -> bool:
        started = self.send(
            "POST",
            f"/api/v1/assessment/attempts/{row['attempt']}/grades/",
            "beoordeling: starten",
            ok=(201,),
            expected=(400, 403),
            headers=self.api_headers(),
        )
        if started is None or started.status_code != 201:
            return False
        grade = started.json()
        areas = USERS["areas"]
        patched = self.send(
            "PATCH",
            f"/api/v1/assessment/grades/{grade['id']}/",
            "beoordeling: opslaan",
            expected=(400, 409),
            json={
                "revision": grade["revision"],
                "rubric": {area: random.randint(2, 4) for area in areas},
                "comment": "Degelijke calculatie; eindoordeel uit de belastingtest.",
            },
            headers=self.api_headers(),
        )
        if patched is None or patched.status_code != 200:
            return False
        signed = self.send(
            "POST",
            f"/api/v1/assessment/grades/{grade['id']}/sign/",
            "beoordeling: ondertekenen",
            expected=(400, 403),
            headers=self.api_headers(),
        )
        if signed is None or signed.status_code != 200:
            return False
        self.report({"kind": "assessment", "grade": grade["id"]})
        return True

    @task
    def work(self) -> None:
        self.round()

    def round(self) -> None:
        if self.done:
            gevent.sleep(5)
            return
        self.send("GET", "/beoordeling/", "wachtrij: pagina")
        queue = self.send(
            "GET", "/api/v1/assessment/queue/", "wachtrij: API", headers=self.api_headers()
        )
        rows = queue.json() if queue is not None else []
        startable = [row for row in rows if row.get("can_start") and not row.get("my_grade")]
        if not (startable and self.grade(random.choice(startable))):
            candidate = random.choice(USERS["candidates"])
            if candidate["precalc_version"]:
                self.report(
                    {"kind": "calculation", "calculation_version": candidate["precalc_version"]}
                )
        self.pause(20, 40)


_capacity = iter(USERS.get("capacity", []))


class CapacityCandidate(CandidateUser):
    """The capacity phase (closed loop, CLUSTER_PACE 0): a candidate's requests of the exam
    morning without the pauses: autosaves, and every sixth turn the calculation read again (as
    after a reload). Its own trainees (the seed's capacity cohort, no exam window), so the
    exam's attempts and their acknowledged saves are left as the morning ended."""

    fixed_count = 0
    weight = 9

    def next_account(self) -> dict:
        return next(_capacity)

    def round(self) -> None:
        if self.done:
            gevent.sleep(1)
            return
        self.turn += 1
        if self.turn % 6 == 0:
            self.reload()
            return
        self.save(self.lines if self.turn % 2 == 0 or len(self.lines) < 2 else self.lines[:-1])


class CapacityAssessor(AssessorUser):
    """The capacity phase's assessor: the queue page and its API in a closed loop (grading
    and reports change what there is to grade; their cost is in the exam morning's figures)."""

    fixed_count = 0
    weight = 1

    def round(self) -> None:
        if self.done:
            gevent.sleep(1)
            return
        self.send("GET", "/beoordeling/", "wachtrij: pagina")
        self.send("GET", "/api/v1/assessment/queue/", "wachtrij: API", headers=self.api_headers())


class PingUser(HttpUser):
    """The bare view, closed loop: run alone, in the ping phase."""

    wait_time = constant(0)

    @task
    def ping(self) -> None:
        self.client.get("/ping/", name="ping (basislijn)")
