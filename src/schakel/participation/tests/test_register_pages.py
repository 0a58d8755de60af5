"""The public register pages the year's advice (no silent cap) with a bounded number of queries; the export
stays complete (never paged)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from schakel.participation.models import Advice
from schakel.participation.views.register import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _given(councils, n: int):
    year = date.today().year
    Advice.objects.bulk_create(
        [
            Advice(
                gemeente=councils.wmo.gemeente,
                council=councils.wmo if i % 2 else councils.client,
                title=f"Advies {i:03d}",
                policy_field="wmo_6",
                status="uitgebracht",
                submitted_on=date(year, 1, 1 + i % 28),
            )
            for i in range(n)
        ]
    )


def test_all_advice_reachable_over_pages(councils, client):
    _given(councils, PAGE_SIZE * 2 + 5)
    url = reverse("participation:register")
    seen = set()
    for page in (1, 2, 3):
        body = client.get(url, {"jaar": date.today().year, "pagina": page}).content.decode()
        seen |= {t for t in (f"Advies {i:03d}" for i in range(PAGE_SIZE * 2 + 5)) if t in body}
    assert len(seen) == PAGE_SIZE * 2 + 5
    first = client.get(url, {"jaar": date.today().year}).content.decode()
    assert "Pagina 1 van 3" in first and "pagina=2" in first and f"jaar={date.today().year}" in first
    # an out-of-range or bad page number shows a valid page, not an error
    assert client.get(url, {"pagina": "999"}).status_code == 200
    assert client.get(url, {"pagina": "x"}).status_code == 200


def test_export_is_complete(councils, client):
    _given(councils, PAGE_SIZE * 2 + 5)
    lines = client.get(reverse("participation:register_export")).content.decode().splitlines()
    given = sum(int(line.split(";")[3]) for line in lines[1:])
    assert given == PAGE_SIZE * 2 + 5


def test_register_queries_independent_of_size(councils, client, django_assert_max_num_queries):
    _given(councils, 10)
    url = reverse("participation:register")
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    _given(councils, PAGE_SIZE * 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url, {"pagina": 2})
