from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.core import deadlines
from schakel.core.models import DeadlineRule


@pytest.mark.django_db
def test_wmo_terms_from_the_law():
    melding = date(2026, 3, 2)
    assert deadlines.due_date("onderzoek", "wmo", melding) == date(2026, 4, 13)  # 6 weeks, art. 2.3.2
    assert deadlines.due_date("beschikking", "wmo", melding) == date(2026, 3, 16)  # 2 weeks, art. 2.3.5
    assert deadlines.due_date("bezwaar", "jeugd", melding) == date(2026, 4, 13)  # 6 weeks, Awb 6:7
    assert deadlines.due_date("beschikking", "jeugd", melding) == date(2026, 4, 27)  # 8 weeks, Awb 4:13
    assert deadlines.due_date("onderzoek", "jeugd", melding) is None


@pytest.mark.django_db
def test_admin_override_wins():
    DeadlineRule.objects.create(
        kind="onderzoek", law="jeugd", amount=10, unit="werkdagen", legal_source="verordening"
    )
    assert deadlines.due_date("onderzoek", "jeugd", date(2026, 4, 24)) == date(2026, 5, 11)  # King's Day 27/4


def test_working_days_skip_weekends_and_holidays():
    assert deadlines.add_working_days(date(2026, 12, 24), 1) == date(
        2026, 12, 28
    )  # Christmas, Boxing Day, weekend
    assert deadlines.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)  # weekend + Koningsdag


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 30))
def test_working_days_result_is_a_working_day_and_later(start, amount):
    result = deadlines.add_working_days(start, amount)
    assert deadlines.is_working_day(result)
    assert (result - start).days >= amount


def test_flags():
    today = date(2026, 5, 1)
    assert deadlines.flag(date(2026, 4, 30), today) == deadlines.Flag.OVERDUE
    assert deadlines.flag(date(2026, 5, 5), today) == deadlines.Flag.DUE_SOON
    assert deadlines.flag(date(2026, 6, 5), today) == deadlines.Flag.OK
    assert deadlines.flag(date(2026, 4, 1), today, met=True) == deadlines.Flag.NONE
