"""The API's throttles count per fixed window (`schadeplatform.throttling.FixedWindowRateThrottle`):
a rate's requests per window, the next one refused with the seconds to the window's end, a new
window counting from one again; a request is one counter in the cache, not a list of moments;
with the cache away a request goes on. On the locmem cache of the tests and on the real Redis
(with django-redis, as production sets it up) where one listens."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings
from rest_framework.request import Request

from schadeplatform.throttling import ScopedRateThrottle, UserRateThrottle
from tests.schadeplatform.test_redis_outage import (
    REDIS_DOWN,
    REDIS_TEST_DB,
    _redis_listens,
    _redis_settings,
)

pytestmark = pytest.mark.django_db

MINUTE_START = 29_000_000 * 60.0  # a moment on a minute's edge


class View:
    throttle_scope = "login"  # 10/minute in REST_FRAMEWORK's rates


def _request(user):
    request = Request(RequestFactory().get("/api/v1/"))
    request.user = user  # as the API's authentication leaves it
    return request


def _throttle(cls, moment: list[float]):
    throttle = cls()
    throttle.timer = lambda: moment[0]
    return throttle


def _allowed(cls, user, moment: list[float]) -> tuple[bool, float]:
    throttle = _throttle(cls, moment)
    allowed = throttle.allow_request(_request(user), View())
    return allowed, throttle.wait()


def _counts_per_window(trainee) -> None:
    moment = [MINUTE_START + 5]
    # when: the scope's ten logins in the window, then an eleventh
    answers = [_allowed(ScopedRateThrottle, trainee, moment)[0] for _ in range(10)]
    refused, wait = _allowed(ScopedRateThrottle, trainee, moment)
    # then: ten allowed, the eleventh refused until the window ends (55 s later)
    assert answers == [True] * 10
    assert refused is False and wait == pytest.approx(55)
    # and: a refused request counts too (it stays refused in the same window)
    moment[0] = MINUTE_START + 59
    assert _allowed(ScopedRateThrottle, trainee, moment) == (False, pytest.approx(1))
    # and: the next window counts from one again
    moment[0] = MINUTE_START + 60
    assert _allowed(ScopedRateThrottle, trainee, moment)[0] is True


def test_a_scope_allows_its_rate_per_window_and_then_refuses_until_the_window_ends(trainee):
    caches["default"].clear()
    _counts_per_window(trainee)


def test_the_count_is_per_user_and_per_scope(trainee, other_trainee):
    caches["default"].clear()
    moment = [MINUTE_START + 1]
    for _ in range(10):
        _allowed(ScopedRateThrottle, trainee, moment)
    # then: the trainee's eleventh login is refused, a colleague's first is not, and the user
    # throttle (its own scope, 1200/minute) still lets the trainee's other requests through
    assert _allowed(ScopedRateThrottle, trainee, moment)[0] is False
    assert _allowed(ScopedRateThrottle, other_trainee, moment)[0] is True
    assert _allowed(UserRateThrottle, trainee, moment)[0] is True


def test_a_request_is_one_counter_in_the_cache_not_a_list(trainee):
    cache = caches["default"]
    cache.clear()
    moment = [MINUTE_START + 1]
    throttle = _throttle(UserRateThrottle, moment)
    for _ in range(300):
        assert throttle.allow_request(_request(trainee), View())
    # then: the window's counter says 300
    assert cache.get(f"{throttle.key}:{int(moment[0] // 60)}") == 300


def test_with_the_cache_away_a_request_goes_on(trainee):
    # given: django-redis with IGNORE_EXCEPTIONS and nothing listening (production's setup
    # while Redis restarts): every cache call answers None
    with override_settings(**_redis_settings(REDIS_DOWN)):
        # then: the throttle lets every request through, none fails
        assert all(_allowed(ScopedRateThrottle, trainee, [MINUTE_START])[0] for _ in range(12))


@pytest.mark.skipif(not _redis_listens(), reason="no Redis on 127.0.0.1:6379")
def test_on_redis_the_windows_count_as_on_any_cache(trainee):
    with override_settings(**_redis_settings(REDIS_TEST_DB)):
        caches["default"].clear()
        try:
            _counts_per_window(trainee)
        finally:
            caches["default"].clear()
