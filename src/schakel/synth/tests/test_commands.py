"""``schakel generate`` and the set-up part of ``schakel demo`` (no servers started)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from schakel.core.models import Membership, User
from schakel.monitoring.models import ExtractRun
from schakel.people.models import Person
from schakel.synth.staff import DEMO_USERS
from schakel.testing.factories import HouseholdFactory


@pytest.mark.django_db
def test_demo_sets_up_once_and_prints_the_credentials(config, settings):
    settings.DEMO_WITHOUT_2FA = True
    out = StringIO()
    call_command("demo", "--no-serve", "--size", "1000", "--seed", "3", stdout=out)
    text = out.getvalue()
    assert "TWEE-FACTORAUTHENTICATIE (TOTP) STAAT UIT" in text
    for username, role, _first, _last, password in DEMO_USERS:
        assert username in text and password in text
        user = User.objects.get(username=username)
        assert user.check_password(password) and len(password) >= 12
        assert Membership.objects.filter(user=user, role__code=role).exists()
    assert User.objects.get(username="beheerder").is_staff
    assert not User.objects.get(username="regisseur").is_staff
    persons = Person.objects.count()
    assert persons == 1000
    # the monitor's first extract is queued for the worker (run at once by the tests' immediate backend)
    assert "Monitor: het extract" in text
    assert ExtractRun.objects.filter(status=ExtractRun.Status.DONE, full=True).count() == 1

    settings.DEMO_WITHOUT_2FA = False
    out = StringIO()
    call_command("demo", "--no-serve", "--size", "1000", "--seed", "3", stdout=out)
    assert "bestond al" in out.getvalue() and "TOTP" in out.getvalue() and "STAAT UIT" not in out.getvalue()
    assert Person.objects.count() == persons
    assert ExtractRun.objects.count() == 1  # an extract exists: not queued again
    assert Membership.objects.filter(user__username="regisseur", role__code="regisseur").count() == 1


@pytest.mark.django_db
def test_generate_command(config):
    out = StringIO()
    call_command(
        "generate", "--size", "500", "--seed", "1", "--gemeente", "0363", "--no-progress", stdout=out
    )
    assert "Amsterdam (0363)" in out.getvalue()
    assert Person.objects.filter(gemeente__code="0363").count() == 500
    household = HouseholdFactory(gemeente=Person.objects.first().gemeente)  # sequences moved past the ids
    assert household.pk > 0
    out = StringIO()
    call_command("generate", "--size", "500", "--gemeente", "0363", "--no-progress", stdout=out)
    assert "niets gedaan" in out.getvalue()
    with pytest.raises(CommandError, match="komt niet voor"):
        call_command("generate", "--gemeente", "9999", "--no-progress")
