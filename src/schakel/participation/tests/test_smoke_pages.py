"""Every page of the app answers for the roles that use it (smoke over the synthetic year of traffic)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from schakel.core.models import User
from schakel.participation import synth
from schakel.participation.models import Advice, AdviceRequest, Council, Meeting
from schakel.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_synthetic_year_and_pages(world, client, login):
    raadslid = make_user("adviesraadlid", world.gemeente, username="raadslid")
    counts = synth.generate(world.gemeente, seed=7, today=date.today())
    assert counts["adviezen"] > 10
    assert Council.objects.of_user(raadslid).count() == 1
    secretaris = make_user("secretaris_adviesraad", world.gemeente, username="secr")
    beleid = make_user("beleidsmedewerker", world.gemeente, username="bel")
    advice = Advice.objects.filter(status="beantwoord").first()
    request = AdviceRequest.objects.first()
    meeting = Meeting.objects.first()
    council = Council.objects.first()
    for user in (raadslid, secretaris, beleid):
        login(client, user)
        for name, kwargs in [
            ("home", {}),
            ("councils", {}),
            ("council", {"pk": council.pk}),
            ("meetings", {}),
            ("meeting", {"pk": meeting.pk}),
            ("information", {}),
            ("signals", {}),
            ("queue", {}),
            ("advice", {"pk": advice.pk}),
            ("request", {"pk": request.pk}),
        ]:
            response = client.get(reverse(f"participation:{name}", kwargs=kwargs))
            expected = 403 if (user == beleid and name == "signals") else 200
            if name in ("council", "meeting", "advice", "request") and user == raadslid:
                expected = response.status_code if response.status_code == 404 else 200
            assert response.status_code == expected, (user.username, name, response.status_code)
        client.logout()
    login(client, beleid)
    assert client.get(reverse("participation:request_new")).status_code == 200
    login(client, secretaris)
    assert client.get(reverse("participation:setup")).status_code == 200
    client.logout()
    assert client.get(reverse("participation:register")).status_code == 200
    assert client.get(reverse("participation:register_advice", kwargs={"pk": advice.pk})).status_code == 200
    synth.delete(world.gemeente)
    assert not Council.objects.exists()
    assert User.objects.filter(username="raadslid").exists()
