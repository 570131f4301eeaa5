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
from dataclasses import dataclass
from functools import partial

import httpx

from .cpu import CpuMeter
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
    client: httpx.AsyncClient, user: dict, phase: Phase, deadline: float, *, think: float, seed: int
) -> None:
    url = f"/api/v1/attempts/{user['attempt']}/calculation/"
    full_lines: list | None = user.get("full_lines")
    turn = 0
    rng = random.Random(f"{user['username']}/{seed}")
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
    client: httpx.AsyncClient, user: dict, phase: Phase, deadline: float, *, think: float, seed: int
) -> None:
    rng = random.Random(f"{user['username']}/{seed}")
    await pause(think, rng)
    while time.monotonic() < deadline:
        await timed(phase, "wachtrij: pagina", client.get("/beoordeling/"))
        queue = client.get("/api/v1/assessment/queue/", headers=_api_headers(client))
        await timed(phase, "wachtrij: API", queue)
        await pause(think, rng)


async def pinger(client: httpx.AsyncClient, phase: Phase, deadline: float) -> None:
    while time.monotonic() < deadline:
        await timed(phase, "ping (basislijn)", client.get("/ping/"))


@dataclass
class Results:
    """Both phases of a run; each phase's seconds are the sum of its windows."""

    logins: Phase
    login_seconds: float
    mixed: Phase
    mixed_seconds: float
    baseline: Phase
    baseline_seconds: float


async def run_load(
    base_url: str,
    users: dict,
    *,
    duration: float,
    baseline: float,
    rounds: int,
    think: float,
    login_concurrency: int,
    meters: tuple[CpuMeter, CpuMeter] | None = None,
) -> Results:
    """Everyone logs in (apart), then `rounds` times: the users work, then /ping/ is fetched.

    The mixed load and the baseline alternate in `rounds` windows (duration / rounds and
    baseline / rounds seconds each), so that both phases meet the same neighbours: on a shared
    machine other processes come and go within minutes, and one baseline after one long mixed
    phase could meet a quieter or busier machine than the phase it is compared with.

    Logins go a few at a time: each costs a full password hash (PBKDF2, production's hasher),
    and 55 at once on two cores would only measure that. `meters` (mixed, baseline) measure the
    windows only.
    """
    logins, work, pings = Phase(), Phase(), Phase()
    clients: list[httpx.AsyncClient] = []
    gate = asyncio.Semaphore(login_concurrency)
    mixed_meter, baseline_meter = meters or (None, None)

    async def open_session(user: dict, loop) -> tuple | None:
        client = httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT)
        clients.append(client)
        async with gate:
            if await login(client, user["username"], users["password"], logins):
                return client, user, loop
        return None

    async def window(meter: CpuMeter | None, seconds: float, loops) -> float:
        if meter is not None:
            meter.start()
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(loop(deadline) for loop in loops))
        elapsed = time.monotonic() - started
        if meter is not None:
            meter.stop()
        return elapsed

    try:
        login_started = time.monotonic()
        sessions = [
            session
            for session in await asyncio.gather(
                *(open_session(user, trainee) for user in users["trainees"]),
                *(open_session(user, assessor) for user in users["assessors"]),
            )
            if session is not None
        ]
        login_seconds = time.monotonic() - login_started
        pingers = [httpx.AsyncClient(base_url=base_url, timeout=TIMEOUT) for _ in users_of(users)]
        clients.extend(pingers)
        print(f"Ingelogd in {login_seconds:.0f} s; {rounds} rondes ...", flush=True)
        mixed_seconds = baseline_seconds = 0.0
        for round_number in range(rounds):
            mixed_seconds += await window(
                mixed_meter,
                duration / rounds,
                [
                    partial(loop, client, user, work, think=think, seed=round_number)
                    for client, user, loop in sessions
                ],
            )
            baseline_seconds += await window(
                baseline_meter,
                baseline / rounds,
                [partial(pinger, client, pings) for client in pingers],
            )
        return Results(logins, login_seconds, work, mixed_seconds, pings, baseline_seconds)
    finally:
        for client in clients:
            await client.aclose()


def users_of(users: dict) -> list[dict]:
    return [*users["trainees"], *users["assessors"]]
