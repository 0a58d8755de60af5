"""A user with a role in several municipalities chooses the municipality they act in (not silently the first);
the choice lists only municipalities where they hold the permission and is hidden when there is only one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from schakel.core.models import Membership, Role
from schakel.participation.models import AdviceRequest, Setup
from schakel.testing.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


def _second_role(user, gemeente, role):
    Membership.objects.create(user=user, gemeente=gemeente, role=Role.objects.get(code=role))


def test_choice_hidden_with_one_municipality(councils, client, login):
    login(client, councils.beleid)
    page = client.get(reverse("participation:request_new")).content.decode()
    assert 'name="gemeente"' not in page


def test_request_in_the_chosen_municipality(councils, client, login, world):
    _second_role(councils.beleid, world.other_gemeente, "beleidsmedewerker")
    unrelated = GemeenteFactory()  # no role there: never offered
    login(client, councils.beleid)
    url = reverse("participation:request_new")
    page = client.get(url).content.decode()
    assert world.other_gemeente.name in page and world.gemeente.name in page
    assert unrelated.name not in page
    page = client.get(f"{url}?gemeente={world.other_gemeente.pk}").content.decode()
    assert councils.foreign.name in page and councils.wmo.name not in page
    response = client.post(
        f"{url}?gemeente={world.other_gemeente.pk}",
        {
            "subject": "Buurdorp",
            "policy_field": "wmo_6",
            "stage": "verkenning",
            "advice_deadline": (date.today() + timedelta(days=20)).strftime("%d-%m-%Y"),
            "response_weeks": 6,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AdviceRequest.objects.get().gemeente == world.other_gemeente
    assert client.get(f"{url}?gemeente={unrelated.pk}").status_code == 404


def test_setup_in_the_chosen_municipality(councils, client, login, world):
    # the secretary of Schakeldam also holds a role without change_setup in the other municipality
    _second_role(councils.secretaris, world.other_gemeente, "adviesraadlid")
    login(client, councils.secretaris)
    url = reverse("participation:setup")
    assert 'name="gemeente"' not in client.get(url).content.decode()
    assert client.get(f"{url}?gemeente={world.other_gemeente.pk}").status_code == 404
    _second_role(councils.secretaris, world.other_gemeente, "secretaris_adviesraad")
    response = client.post(
        f"{url}?gemeente={world.other_gemeente.pk}", {"model": "3", "advice_weeks": 8, "response_weeks": 4}
    )
    assert response.status_code == 302
    assert Setup.objects.get().gemeente == world.other_gemeente
