"""Query counts: every list and detail page and API list answers in a bounded number of queries, the same
number whatever the size of the lists (no N+1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schakel.participation import synth
from schakel.participation.models import Advice, AdvicePoint, AdviceRequest, Council, Meeting, Signal
from schakel.testing.factories import make_user

pytestmark = pytest.mark.django_db
MAX = 30


def _grow(gemeente):
    """Double the traffic: more requests, advice with points, meetings and signals."""
    council = Council.objects.filter(gemeente=gemeente, kind="wmo_raad").first()
    today = date.today()
    requests = AdviceRequest.objects.bulk_create(
        [
            AdviceRequest(
                gemeente=gemeente,
                subject=f"Extra {i}",
                policy_field="wmo_6",
                stage="verkenning",
                advice_deadline=today + timedelta(days=i % 9),
                status="uitgezet",
                sent_on=today,
            )
            for i in range(15)
        ]
    )
    AdviceRequest.councils.through.objects.bulk_create(
        [AdviceRequest.councils.through(advicerequest_id=r.pk, council_id=council.pk) for r in requests]
    )
    advices = Advice.objects.bulk_create(
        [
            Advice(
                gemeente=gemeente,
                council=council,
                title=f"Extra advies {i}",
                policy_field="wmo_6",
                status="uitgebracht",
                submitted_on=today,
                response_due=today + timedelta(days=i % 9),
            )
            for i in range(15)
        ]
    )
    AdvicePoint.objects.bulk_create(
        [AdvicePoint(advice=a, number=n, text="x") for a in advices for n in (1, 2)]
    )
    Meeting.objects.bulk_create([Meeting(council=council, gemeente=gemeente, date=today) for _ in range(10)])
    Signal.objects.bulk_create(
        [
            Signal(
                council=council,
                gemeente=gemeente,
                received_on=today,
                theme="wmo_6",
                description="s",
                anonymous=False,
                sender_name="Naam",
            )
            for _ in range(10)
        ]
    )


def _count(client, url) -> int:
    client.get(url)  # warm the per-process caches (processing activities, deadline rules)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_page_queries_are_bounded_and_independent_of_size(world, client, login):
    raadslid = make_user("adviesraadlid", world.gemeente, username="raadslid")
    secretaris = make_user("secretaris_adviesraad", world.gemeente, username="secr")
    beleid = make_user("beleidsmedewerker", world.gemeente, username="bel")
    synth.generate(world.gemeente, seed=3, today=date.today())
    _grow(world.gemeente)  # every kind of row present once (an empty prefetch costs no query)
    council = Council.objects.get(gemeente=world.gemeente, kind="wmo_raad")
    request = AdviceRequest.objects.filter(councils=council, status="beantwoord").first()
    advice = Advice.objects.filter(council=council, status="beantwoord").first()
    meeting = Meeting.objects.filter(council=council).first()

    def urls(user):
        pages = [
            reverse("participation:home"),
            reverse("participation:councils"),
            reverse("participation:council", kwargs={"pk": council.pk}),
            reverse("participation:request", kwargs={"pk": request.pk}),
            reverse("participation:advice", kwargs={"pk": advice.pk}),
            reverse("participation:meetings"),
            reverse("participation:meeting", kwargs={"pk": meeting.pk}),
            reverse("participation:information"),
            reverse("participation:queue"),
            reverse("api:adviesraad-list", kwargs={"version": "v1"}),
            reverse("api:adviesaanvraag-list", kwargs={"version": "v1"}),
            reverse("api:advies-list", kwargs={"version": "v1"}),
            reverse("api:advies-detail", kwargs={"version": "v1", "pk": advice.pk}),
        ]
        if user != beleid:
            pages.append(reverse("participation:signals"))
        return pages

    public = [
        reverse("participation:register"),
        reverse("participation:register_advice", kwargs={"pk": advice.pk}),
        reverse("participation:register_export"),
    ]
    before = {}
    for user in (raadslid, secretaris, beleid):
        login(client, user)
        for url in urls(user):
            before[(user.pk, url)] = _count(client, url)
    client.logout()
    for url in public:
        before[(None, url)] = _count(client, url)
    _grow(world.gemeente)
    for user in (raadslid, secretaris, beleid):
        login(client, user)
        for url in urls(user):
            after = _count(client, url)
            assert after <= MAX, (user.username, url, after)
            assert after == before[(user.pk, url)], (user.username, url, before[(user.pk, url)], after)
    client.logout()
    for url in public:
        assert _count(client, url) == before[(None, url)] <= MAX, url
