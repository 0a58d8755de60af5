"""The default configuration with the apps' fragments: roles, permissions once per app, app hooks."""

import pytest

from schakel.core import configuration
from schakel.core.models import ProcessingActivity, Role

pytestmark = pytest.mark.django_db


def _partner_perms(role: Role) -> set[str]:
    return set(role.permissions.filter(content_type__app_label="partners").values_list("codename", flat=True))


def test_fragments_are_merged_and_applied_once(config):
    regisseur = Role.objects.get(code="regisseur")
    assert "add_referral" in _partner_perms(regisseur)  # from partners/data/configuration.yaml
    assert {"cases", "partners", "people"} <= set(regisseur.configured_apps)
    assert Role.objects.filter(code__in=["partner", "aanbieder", "adviesraadlid"]).count() == 3
    assert ProcessingActivity.objects.filter(code="reintegratie-samenwerking-zorgverzekeraar").exists()
    assert configuration.apply() == {"activities": 0, "roles": 0, "screening_areas": 0}


def test_removed_permissions_stay_removed_even_all_of_an_app(config):
    regisseur = Role.objects.get(code="regisseur")
    regisseur.permissions.remove(*regisseur.permissions.filter(content_type__app_label="partners"))
    configuration.apply()
    assert _partner_perms(Role.objects.get(code="regisseur")) == set()
    configuration.apply(reset_permissions=True)
    assert "add_referral" in _partner_perms(Role.objects.get(code="regisseur"))


def test_an_app_added_by_an_upgrade_grants_its_defaults(config):
    regisseur = Role.objects.get(code="regisseur")
    regisseur.permissions.remove(*regisseur.permissions.filter(content_type__app_label="partners"))
    regisseur.configured_apps = [a for a in regisseur.configured_apps if a != "partners"]
    regisseur.save()
    configuration.apply()
    assert "add_referral" in _partner_perms(Role.objects.get(code="regisseur"))
