"""Query counts of the API are bounded: they do not grow with the number of rows or the household size.

Each test measures an endpoint on a small data set, then makes the data set much larger and asserts
that the count stays the same (issue 2 §10: bounded and independent of household size).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.cases import services
from schakel.people.models import HouseholdMember
from schakel.testing.factories import PersonFactory, household_with_members

from .fixtures import API

pytestmark = pytest.mark.django_db
#: Upper bound per request: session/auth, the access policy, the page, its prefetches, the log insert.
MAX_QUERIES = 16


def grow_household(household, extra: int) -> None:
    for _ in range(extra):
        person = PersonFactory(gemeente=household.gemeente)
        HouseholdMember.objects.create(household=household, person=person, relation="kind")


def add_cases(world, count: int) -> None:
    for _ in range(count):
        household = household_with_members(world.gemeente, adults=2, children=2)
        services.register_melding(
            world.regisseur,
            household=household,
            received_on=date.today(),
            channel="loket",
            laws=["wmo", "jeugd"],
            question="Vraag",
            team=world.team,
        )


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


LIST_URLS = ["personen/", "huishoudens/", "casussen/", "doelen/", "acties/", "beschikkingen/"]


@pytest.mark.parametrize("path", LIST_URLS)
def test_list_queries_do_not_grow_with_rows_or_household_size(
    api_client, world, full_case, path, django_assert_max_num_queries
):
    url = f"{API}/{path}"
    count(api_client, url)  # warm the per-process caches (processing activity)
    small = count(api_client, url)
    add_cases(world, 5)
    grow_household(full_case.household, 8)
    assert count(api_client, url) == small
    with django_assert_max_num_queries(MAX_QUERIES):
        api_client.get(url)


def test_detail_queries_do_not_grow_with_household_size_or_plan_size(
    api_client, world, full_case, django_assert_max_num_queries
):
    goal = full_case.plan.goals.get()
    urls = [
        f"{API}/casussen/{full_case.pk}/",
        f"{API}/huishoudens/{full_case.household_id}/",
        f"{API}/plannen/{full_case.plan.pk}/",
        f"{API}/doelen/{goal.pk}/",
        f"{API}/beschikkingen/{full_case.decisions.get().pk}/",
    ]
    for url in urls:
        count(api_client, url)
    before = {url: count(api_client, url) for url in urls}
    grow_household(full_case.household, 10)
    for index in range(6):
        extra = services.add_goal(
            world.regisseur, full_case, life_domain="financien", description=f"Doel {index}"
        )
        services.add_action(world.regisseur, extra, description="Actie", carrier="inwoner")
    services.register_melding(
        world.regisseur,
        household=full_case.household,
        received_on=date.today(),
        channel="email",
        laws=["wmo"],
        question="Nog een vraag",
        team=world.team,
    )
    after = {url: count(api_client, url) for url in urls}
    assert after == before
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES + 6):  # the case detail adds its deadline rules
            api_client.get(url)
