from datetime import timedelta

from django.utils import timezone

from schakel.cases.models import Case
from schakel.people.models import BreakGlassGrant, Household, Person


def test_regisseur_and_team_see_the_household(world, open_case):
    hh = open_case.household
    for user in (world.regisseur, world.colleague, world.teamleider):
        assert Household.objects.visible_to(user).filter(pk=hh.pk).exists(), user
        assert Case.objects.visible_to(user).filter(pk=open_case.pk).exists()
        assert Person.objects.visible_to(user).count() == hh.memberships.count()


def test_others_do_not(world, open_case):
    hh = open_case.household
    for user in (
        world.other_team_regisseur,
        world.foreign_regisseur,
        world.contractmanager,
        world.privacy_officer,
    ):
        assert not Household.objects.visible_to(user).filter(pk=hh.pk).exists(), user
        assert not Person.objects.visible_to(user).exists()


def test_break_the_glass_grants_temporary_access(world, open_case):
    hh = open_case.household
    user = world.other_team_regisseur
    BreakGlassGrant.objects.create(
        user=user,
        household=hh,
        reason="Crisis buiten kantooruren",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    assert Household.objects.visible_to(user).filter(pk=hh.pk).exists()
    BreakGlassGrant.objects.create(
        user=world.foreign_regisseur,
        household=hh,
        reason="x",
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    assert not Household.objects.visible_to(world.foreign_regisseur).exists()
