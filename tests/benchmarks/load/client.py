"""The simulated users: trainees editing their calculation, assessors opening their queue.

Each user has its own httpx client (its own session cookie), logs in through the login form
as a browser does, and then loops until the phase's deadline. A trainee reads the draft and
saves it back with the version it read (alternating between the full reference lines and the
lines without the last one, so every save changes the draft and its estimate); a 409 (saved
elsewhere meanwhile) is counted apart and answered by reloading, as the editor does.
"""

from __future__ import annotations

import asyncio
import random
import re
import time

import httpx

from .stats import Kind

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT = httpx.Timeout(60.0)


async def pause(think: float, rng: random.Random) -> None:
    """A person's pause: `think` seconds on average, spread so that users do not move in step."""
    if think:
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))


class Phase:
    """The kinds measured in one phase, created on first use."""

    def __init__(self) -> None:
        self.kinds: dict[str, Kind] = {}

    def kind(self, name: str) -> Kind:
        return self.kinds.setdefault(name, Kind(name))


async def timed(
    phase: Phase, name: str, request, *, accept=(200,), conflict=()
) -> httpx.Response | None:
    """Send one request, record its latency under `name`; None when it failed."""
    kind = phase.kind(name)
    started = time.perf_counter()
    try:
        response = await request
    except httpx.HTTPError as exc:
        kind.failed(None, f"{type(exc).__name__}: {exc}")
        return None
    elapsed = time.perf_counter() - started
    if response.status_code in conflict:
        kind.conflicts += 1
        kind.ok(elapsed)
        return response
    if response.status_code not in accept:
        kind.failed(
            elapsed, f"{response.status_code} {response.request.url.path}: {response.text[:200]}"
        )
        return None
    kind.ok(elapsed)
    return response


async def login(client: httpx.AsyncClient, username: str, password: str, phase: Phase) -> bool:
    page = await timed(phase, "login: formulier", client.get("/account/inloggen/"))
    if page is None:
        return False
    match = CSRF_FIELD.search(page.text)
    if match is None:
        phase.kind("login: formulier").failed(None, "geen csrfmiddlewaretoken in het formulier")
        return False
    response = await timed(
        phase,
        "login: versturen",
        client.post(
            "/account/inloggen/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": match.group(1),
            },
            headers={"Referer": f"{client.base_url}/account/inloggen/"},
        ),
        accept=(302,),
    )
    return response is not None


def _api_headers(client: httpx.AsyncClient) -> dict[str, str]:
    return {"X-CSRFToken": client.cookies.get("csrftoken", ""), "Accept": "application/json"}


async def trainee(
    client: httpx.AsyncClient, user: dict, phase: Phase, deadline: float, think: float
) -> None:
    url = f"/api/v1/attempts/{user['attempt']}/calculation/"
    full_lines: list | None = None
    turn = 0
    rng = random.Random(user["username"])
    await pause(think, rng)
    while time.monotonic() < deadline:
        response = await timed(
            phase, "calculatie: lezen", client.get(url, headers=_api_headers(client))
        )
        if response is None:
            await asyncio.sleep(0.5)
            continue
        draft = response.json()
        if full_lines is None:
            full_lines = draft["lines"]
        turn += 1
        lines = full_lines if turn % 2 == 0 or len(full_lines) < 2 else full_lines[:-1]
        body = {"version": draft["version"], "lines": lines}
        await timed(
            phase,
            "calculatie: opslaan",
            client.put(url, json=body, headers=_api_headers(client)),
            conflict=(409,),
        )
        await pause(think, rng)


async def assessor(
    client: httpx.AsyncClient, user: dict, phase: Phase, deadline: float, think: float
) -> None:
    rng = random.Random(user["username"])
    await pause(think, rng)
    while time.monotonic() < deadline:
        await timed(phase, "wachtrij: pagina", client.get("/beoordeling/"))
        queue = client.get("/api/v1/assessment/queue/", headers=_api_headers(client))
        await timed(phase, "wachtrij: API", queue)
        await pause(think, rng)


async def pinger(client: httpx.AsyncClient, phase: Phase, deadline: float) -> None:
    while time.monotonic() < deadline:
        await timed(phase, "ping (basislijn)", client.get("/ping/"))


async def run_mixed(
    base_url: str, users: dict, duration: float, think: float, login_concurrency: int
) -> tuple[Phase, float, Phase, float]:
    """Everyone logs in (a phase of its own), then trainees and assessors work for `duration` s.

    Logins go a few at a time: each costs a full password hash (PBKDF2, production's hasher),
    and 55 at once on two cores would only measure that.
    """
    logins, work = Phase(), Phase()
    clients: list[httpx.AsyncClient] = []
    gate = asyncio.Semaphore(login_concurrency)

    async def open_session(user: dict, loop) -> tuple | None:
        client = httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT)
        clients.append(client)
        async with gate:
            if await login(client, user["username"], users["password"], logins):
                return client, user, loop
        return None

    try:
        login_started = time.monotonic()
        sessions = await asyncio.gather(
            *(open_session(user, trainee) for user in users["trainees"]),
            *(open_session(user, assessor) for user in users["assessors"]),
        )
        login_seconds = time.monotonic() - login_started
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(
            *(
                loop(client, user, work, deadline, think)
                for client, user, loop in filter(None, sessions)
            )
        )
        return logins, login_seconds, work, time.monotonic() - started
    finally:
        for client in clients:
            await client.aclose()


async def run_baseline(base_url: str, concurrency: int, duration: float) -> tuple[Phase, float]:
    """The trivial JSON view with as many clients as the mixed phase had users."""
    phase = Phase()
    clients = [httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT) for _ in range(concurrency)]
    try:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(pinger(client, phase, deadline) for client in clients))
        return phase, time.monotonic() - started
    finally:
        for client in clients:
            await client.aclose()
