"""Browser end-to-end tests: Playwright drives Debian's Chromium against pytest-django's live server.

    .venv/bin/pytest tests/e2e -m e2e -n0 -q

Needs `apt-get install chromium` (/usr/bin/chromium, or E2E_CHROMIUM=<path>) and the Python
package playwright; never `playwright install` (no browser downloads). Without either, every
test here is skipped with the reason. Each test:

- gets a fresh database with the demo data (`demo_data`: loaded once per test process, then
  restored for each test from a copy of the database; the live server runs in another thread,
  so the database is transactional and flushed after each test);
- gets a `page` whose console is recorded: a Content-Security-Policy violation or an uncaught
  script error fails the test, on every page it visited;
- leaves a screenshot of its last page in test-artifacts/e2e/<test>.png, passed or failed;
  `shot("<step>")` saves one of a main page on the way, test-artifacts/e2e/<test>-<step>.png;
- may open more tabs, each in a fresh context (`another_page()`: a second person at another
  browser); their consoles are checked like the first one's.

Shared steps (`login_as`, `demo_password`, `DEMO_ROLES`) live in tests/e2e/flows.py, so that
the long flows (trainee from intake to delivery, editor publishing) can build on them.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# What Chromium writes to the console when the Content-Security-Policy blocks something.
CSP_MESSAGE = re.compile(
    r"Content Security Policy|Refused to (execute|load|apply|connect|frame|create)", re.IGNORECASE
)


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install 'playwright>=1.50,<2')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set E2E_CHROMIUM)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing_browser()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM, called from the
    # tests and fixtures, would otherwise refuse to run "in an async context". Set only while
    # the browser runs, so that the rest of the suite keeps Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_data(request, live_server, demo_files):
    """The demo users, cohort, content, cases and assessments (`manage.py load_demo`).

    On SQLite the demo is loaded once per test process and each test gets the database back from
    a copy (tests/demo_snapshot.py); on another database each test loads it itself. Its files
    stay on disk for the session (`demo_files`).

    The tests are marked `serialized_rollback=True`: each starts from the rows the migrations
    made, with the ids they had when the copy was taken, so the content types Django keeps in
    memory stay those of the restored database. A flush that made them anew (without the mark)
    would give them other ids.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        pytest.fail("demo_data needs django_db(transaction=True, serialized_rollback=True)")
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from tests import demo_snapshot

    with override_settings(**demo_files):
        if not (demo_snapshot.supported(connection) and demo_snapshot.demo.restore(connection)):
            call_command("load_demo", stdout=io.StringIO())
            if demo_snapshot.supported(connection):
                demo_snapshot.demo.take(connection)
        yield


class ConsoleLog:
    """Console messages and page errors of one test, with the URL each came from."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, str]] = []  # (kind, url, text)

    def csp_violations(self) -> list[str]:
        return [f"{url}: {text}" for _kind, url, text in self.entries if CSP_MESSAGE.search(text)]

    def script_errors(self) -> list[str]:
        return [f"{url}: {text}" for kind, url, text in self.entries if kind == "pageerror"]


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


def watch_console(tab, console: ConsoleLog) -> None:
    tab.on("console", lambda message: console.entries.append((message.type, tab.url, message.text)))
    tab.on("pageerror", lambda error: console.entries.append(("pageerror", tab.url, str(error))))


def _artifact_name(request) -> str:
    return re.sub(r"[^\w.-]+", "_", request.node.name)


def _new_tab(browser, live_server, console: ConsoleLog):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(float(os.environ.get("E2E_TIMEOUT_MS", "15000")))
    tab = context.new_page()
    watch_console(tab, console)
    return tab


@pytest.fixture
def page(request, browser, live_server, console):
    """A fresh browser context on the live server; fails the test on a CSP violation."""
    tab = _new_tab(browser, live_server, console)
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{_artifact_name(request)}.png"), full_page=True)
    finally:
        tab.context.close()
    _assert_clean_console(console)


@pytest.fixture
def another_page(browser, live_server, console, page):
    """Opens another tab in a fresh context (someone else at another browser), same checks."""
    opened = []

    def open_tab():
        tab = _new_tab(browser, live_server, console)
        opened.append(tab)
        return tab

    yield open_tab
    for tab in opened:
        tab.context.close()


@pytest.fixture
def shot(request):
    """`shot("intake")` or `shot("review", tab)`: a full-page screenshot of a main step, saved as
    test-artifacts/e2e/<test>-<step>.png (the last page is saved as <test>.png anyway)."""
    name = _artifact_name(request)

    def take(step: str, tab=None) -> Path:
        tab = tab if tab is not None else request.getfixturevalue("page")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-{step}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


def _assert_clean_console(console: ConsoleLog) -> None:
    violations = console.csp_violations()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
    errors = console.script_errors()
    assert not errors, "Uncaught script errors:\n" + "\n".join(errors)
