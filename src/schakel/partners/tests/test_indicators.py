"""The partner indicators for the monitor, against hand-computed values."""

from datetime import date

import pytest

from .. import indicators, services
from . import factories as f

pytestmark = pytest.mark.django_db
YEAR = date.today().year


def test_indicators(world, open_case):
    ps = f.partnership(world)
    iv = f.intervention(world, ps)
    referral = f.referral(world, open_case, iv, health_before=2)
    services.change_status(world.regisseur, referral, "gestart")
    services.change_status(world.regisseur, referral, "afgerond", health_after=4)
    [row] = indicators.per_intervention(world.gemeente.pk, YEAR)
    assert (row["referred"], row["completed"], row["dropped_out"], row["health_gain"]) == (1, 1, 0, 2.0)
    fund = indicators.fund(world.gemeente.pk, YEAR)
    assert fund["besteding"] == -20_000 and fund["verplichting"] == -20_000 and fund["vrijval"] == 20_000
    assert fund["saldo"] == 80_000
    summary = indicators.summary(world.gemeente.pk, YEAR)
    assert summary == {
        "referred": 1,
        "completed": 1,
        "completion_rate": 1.0,
        "policy_participants": 0,
        "fund_spent_cents": 20_000,
    }
    assert indicators.per_intervention(world.other_gemeente.pk, YEAR) == []
