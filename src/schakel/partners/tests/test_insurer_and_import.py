"""The insurer's side (shared outcomes, its own collaboration check), the participants import and the
screening as a way to find the target group."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from .. import leidraad, services
from ..models import CollaborationCheck, PolicyParticipation, ScreeningArea
from . import factories as f

pytestmark = pytest.mark.django_db
TODAY = date.today()


def test_insurer_user_sees_shared_outcomes_and_fills_in_its_own_check(world, open_case, client, login):
    iv = f.intervention(world, f.partnership(world))
    insurer_user = f.partner_user(world, insurer=iv.partnership.insurer, username="verzekeraar")
    login(client, insurer_user)
    assert client.get(reverse("partners:overview")).status_code == 200
    page = client.get(reverse("partners:partnership", kwargs={"pk": iv.partnership_id})).content.decode()
    assert "Gedeelde uitkomsten" in page and "Boekingen" not in page and 'name="fund-kind"' not in page
    scores = {f"item_{code}": "3" for code in leidraad.ITEM_CODES}
    url = reverse("partners:check", kwargs={"pk": iv.partnership_id})
    response = client.post(url, {"party": "gemeente", "on": TODAY.isoformat(), **scores})
    assert response.status_code == 200 and not CollaborationCheck.objects.exists()  # not its party
    response = client.post(url, {"party": "zorgverzekeraar", "on": TODAY.isoformat(), **scores})
    assert response.status_code == 302
    assert CollaborationCheck.objects.get().party == "zorgverzekeraar"
    other = f.partner_user(world, deliverer=iv.deliverer, username="coach2")
    login(client, other)
    assert client.get(reverse("partners:partnership", kwargs={"pk": iv.partnership_id})).status_code == 404


def test_import_participants(world, tmp_path):
    ps = f.partnership(world, fund_cents=0)
    policy = ps.policies.create(name="Gemeentepolis", income_limit_percent=120)
    beleid = f.make_user("beleidsmedewerker", world.gemeente, username="beleid-import")
    good = tmp_path / "deelnemers.csv"
    good.write_text("jaar;deelnemers\n2024;800\n2025;900\n", encoding="utf-8")
    call_command("import_participants", str(good), polis=policy.pk, gebruiker=beleid.username)
    assert set(policy.participation.values_list("year", "participants", "source")) == {
        (2024, 800, PolicyParticipation.Source.IMPORTED),
        (2025, 900, PolicyParticipation.Source.IMPORTED),
    }
    assert services.fund_balance(ps) == 170_000
    bad = tmp_path / "fout.csv"
    bad.write_text("jaar;deelnemers\n2026;1000\n2027;veel\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Regel 3"):
        call_command("import_participants", str(bad), polis=policy.pk, gebruiker=beleid.username)
    assert not policy.participation.filter(year=2026).exists()  # all rows or none
    with pytest.raises(CommandError, match="Niets ingelezen"):
        call_command(
            "import_participants", str(good), polis=policy.pk, gebruiker=world.privacy_officer.username
        )


def test_screening_finds_the_target_group(world, open_case, client, login):
    person = open_case.household.memberships.first().person
    areas = list(ScreeningArea.objects.values_list("code", flat=True))
    services.record_screening(
        world.regisseur, open_case, person, {**dict.fromkeys(areas, "geen"), areas[0]: "ernstig"}
    )
    login(client, world.regisseur)
    page = client.get(reverse("partners:referrals")).content.decode()
    assert "Mogelijke doelgroep" in page and person.full_name in page
    iv = f.intervention(world, f.partnership(world))
    services.create_referral(
        world.regisseur,
        f.action_for(world, open_case),
        iv,
        basis="vrijwillig",
        basis_note="Vrijwillig",
        consent=f.consent(),
        person=person,
    )
    assert services.target_group(world.regisseur) == []
    assert services.target_group(world.foreign_regisseur) == []
