"""Lists answer with a fixed number of queries, whether they show 1 row or 50.

    .venv/bin/pytest tests/hardening/test_query_budgets.py -n0 -q

The lists, their viewers, row makers and budgets are in tests/hardening/query_budgets.py.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.hardening.query_budgets import LIST_CASES, World, discovered_list_names

pytestmark = pytest.mark.django_db


def _get(client, url: str):
    response = client.get(url, HTTP_ACCEPT="application/json, text/html")
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case.url_name,
            marks=[pytest.mark.xfail(reason=case.known_issue, strict=True)]
            if case.known_issue
            else [],
        )
        for case in LIST_CASES
    ],
)
def test_list_query_count_stays_within_its_budget_from_1_to_50_rows(
    case, trainee, assessor, cohort, client_for, django_assert_max_num_queries
):
    # given one row, and a first request that fills the caches every request shares
    world = World(trainee=trainee, assessor=assessor, cohort=cohort)
    try:
        url = reverse(case.url_name, kwargs=case.kwargs(world))
    except NoReverseMatch:
        pytest.skip(f"{case.url_name} does not exist (yet)")
    client = client_for(world.viewer(case.viewer))
    case.add_rows(world, 1)
    _get(client, url)
    # when it is read with 1 row and with 50
    with django_assert_max_num_queries(case.budget) as one:
        one_row = _get(client, url)
    case.add_rows(world, 49)
    with CaptureQueriesContext(connection) as fifty:
        fifty_rows = _get(client, url)
    # then both show their rows, within the same fixed number of queries
    assert case.count_rows(one_row, world) >= 1, f"{url} shows no row"
    assert case.count_rows(fifty_rows, world) >= 50, f"{url} does not show the 50 rows"
    assert len(fifty) == len(one), (
        f"{url}: {len(one)} queries for 1 row, {len(fifty)} for 50 rows; the extra ones:\n"
        + "\n".join(query["sql"][:200] for query in fifty.captured_queries[len(one) :][:10])
    )
    assert len(fifty) <= case.budget


def test_every_list_in_the_url_inventory_has_a_query_budget():
    covered = {case.url_name for case in LIST_CASES}
    missing = sorted(discovered_list_names() - covered)
    assert not missing, (
        "Lists without a query budget; add a ListCase (or a NOT_LISTS entry) in "
        f"tests/hardening/query_budgets.py: {missing}"
    )
