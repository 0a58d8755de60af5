from datetime import date

from schakel.cases import services
from schakel.cases.models import Case
from schakel.testing.factories import household_with_members


def test_the_work_queue_never_shows_more_than_visibility_allows(world, open_case):
    other = household_with_members(world.gemeente)
    services.register_melding(
        world.other_team_regisseur,
        household=other,
        received_on=date.today(),
        channel="loket",
        laws=["jeugd"],
        question="Zorgen",
        team=world.other_team,
    )
    for kind in (
        "regisseur",
        "colleague",
        "teamleider",
        "other_team_regisseur",
        "foreign_regisseur",
        "contractmanager",
        "privacy_officer",
    ):
        user = getattr(world, kind)
        work = set(Case.objects.in_work_of(user).values_list("pk", flat=True))
        visible = set(Case.objects.visible_to(user).values_list("pk", flat=True))
        assert work <= visible, kind
    assert set(Case.objects.in_work_of(world.regisseur).values_list("pk", flat=True)) == {open_case.pk}
    assert set(Case.objects.in_work_of(world.teamleider).values_list("pk", flat=True)) == {open_case.pk}
    assert not Case.objects.in_work_of(world.foreign_regisseur).exists()
    assert not Case.objects.in_work_of(world.contractmanager).exists()
