"""The console check itself: Chromium's words for a blocked inline script are recognised.

Without this, a change in Chromium's message would make every CSP check pass silently.
"""

import pytest

from tests.e2e.conftest import ConsoleLog, watch_console

pytestmark = pytest.mark.e2e

PAGE = "<!doctype html><title>csp</title><script>document.title = 'ran'</script>"


def test_an_inline_script_blocked_by_the_policy_is_reported_as_a_csp_violation(browser):
    # given a page served with the platform's script policy and an inline script
    context = browser.new_context()
    tab = context.new_page()
    console = ConsoleLog()
    watch_console(tab, console)
    tab.route(
        "http://csp.test/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body=PAGE,
        ),
    )
    try:
        # when
        tab.goto("http://csp.test/")
        tab.wait_for_timeout(200)
        # then
        assert tab.title() == "csp", "the inline script ran despite the policy"
        assert console.csp_violations(), console.entries
    finally:
        context.close()
