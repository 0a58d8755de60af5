"""Booking the municipal share of a partner intervention as realisation of the earmark ``partner``."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from schakel.finance import services
from schakel.finance.models import Earmark, PayableLine, PaymentRunLine

from .conftest import YEAR, claim

pytestmark = pytest.mark.django_db
ON = date(YEAR, 3, 14)


def _book(fin, ref="ref:1", amount=120_000, municipal=30_000, **kwargs):
    values = {
        "gemeente_id": fin.gemeente.pk,
        "source_ref": ref,
        "description": "Valpreventie (Stichting Beweeg)",
        "on": ON,
        "amount_cents": amount,
        "municipal_cents": municipal,
        "partner": "Zorgverzekeraar Zilver, Fonds Samen",
        **kwargs,
    }
    return services.book_intervention_cost(**values)


def _partner_figures(fin):
    return next(
        f for f in services.figures_for(fin.budget, as_of=ON) if f.earmark and f.earmark.kind == "partner"
    )


def test_booked_once_with_the_split(fin):
    line = _book(fin)
    assert line is not None and line.pk
    line.refresh_from_db()
    assert (line.source, line.earmark_kind, line.law, line.provider_id) == (
        "interventie",
        "partner",
        "",
        None,
    )
    assert (line.year, line.month, line.period_start, line.period_end) == (YEAR, 3, ON, ON)
    assert (line.amount_cents, line.municipal_cents, line.partner_cents) == (120_000, 30_000, 90_000)
    assert line.partner == "Zorgverzekeraar Zilver, Fonds Samen"


def test_idempotent_on_repeat_also_inside_the_callers_transaction(fin):
    first = _book(fin)
    with transaction.atomic():
        assert _book(fin) is None
        assert _book(fin, amount=999, municipal=1) is None
        # the caller's transaction stays usable after the refused repeat
        assert PayableLine.objects.filter(source="interventie").count() == 1
    assert PayableLine.objects.get(source="interventie").pk == first.pk


def test_concurrent_duplicate_is_answered_in_a_savepoint(fin, monkeypatch):
    _book(fin)
    # simulate a race: the existence check misses the line booked by another request
    real_filter = PayableLine.objects.filter
    calls = {"n": 0}

    def racing_filter(*args, **kwargs):
        calls["n"] += 1
        qs = real_filter(*args, **kwargs)
        return qs.none() if calls["n"] == 1 else qs

    monkeypatch.setattr(PayableLine.objects, "filter", racing_filter)
    with transaction.atomic():
        assert _book(fin) is None
        assert real_filter(source="interventie").count() == 1


def test_realisation_of_the_partner_earmark_grows_by_exactly_the_municipal_share(fin):
    Earmark.objects.create(budget=fin.budget, kind="partner", initial_cents=500_000_00)
    services.book_claim_lines([claim(fin, "323:1", 19500)])
    before = _partner_figures(fin)
    total_before = services.figures_for(fin.budget, as_of=ON)[0].realised_cents
    _book(fin, amount=120_000, municipal=30_001)
    after = _partner_figures(fin)
    assert after.realised_cents - before.realised_cents == 30_001
    assert after.by_month[2] - before.by_month[2] == 30_001
    assert services.figures_for(fin.budget, as_of=ON)[0].realised_cents - total_before == 30_001


def test_never_in_a_payment_run(fin):
    _book(fin)
    services.book_claim_lines([claim(fin, "323:1", 19500)])
    run = services.prepare_run(
        fin.controller,
        gemeente=fin.gemeente,
        provider=fin.provider,
        execution_date=date.today() + timedelta(days=1),
    )
    assert (run.total_cents, run.line_count) == (19500, 1)
    assert not PaymentRunLine.objects.filter(line__source="interventie").exists()


def test_database_refuses_a_line_without_provider_for_other_sources(fin):
    services.book_claim_lines([claim(fin, "323:1", 100)])
    line = PayableLine.objects.get()
    line.pk, line.provider, line.source_ref = None, None, "323:2"
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()


@pytest.mark.parametrize(
    ("amount", "municipal", "field"),
    [
        (100, 101, "municipal_cents"),
        (100, -1, "municipal_cents"),
        (-100, 0, "amount_cents"),
        (100.0, 50, "amount_cents"),
        (100, 12.5, "municipal_cents"),
        (100, True, "municipal_cents"),
    ],
)
def test_bad_amounts_refused_in_dutch_and_nothing_stored(fin, amount, municipal, field):
    with pytest.raises(ValidationError) as exc:
        _book(fin, amount=amount, municipal=municipal)
    assert field in exc.value.message_dict
    assert not PayableLine.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"source_ref": ""}, "source_ref"),
        ({"on": "2026-03-14"}, "on"),
        ({"gemeente_id": 10**9}, "gemeente_id"),
    ],
)
def test_bad_input_refused(fin, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        _book(fin, **kwargs)
    assert field in exc.value.message_dict
    assert not PayableLine.objects.exists()


def test_drilldown_and_open_totals_cope_without_provider(client, login, fin):
    Earmark.objects.create(budget=fin.budget, kind="partner", initial_cents=500_000_00)
    _book(fin)
    services.book_claim_lines([claim(fin, "323:1", 19500)])
    login(client, fin.controller)
    body = client.get(reverse("finance:drilldown", kwargs={"pk": fin.budget.pk}) + "?oormerk=partner")
    assert body.status_code == 200 and "Valpreventie (Stichting Beweeg)" in body.content.decode()
    runs = client.get(reverse("finance:runs"))
    assert runs.status_code == 200
    assert [t["provider_id"] for t in runs.context["totals"]] == [fin.provider.pk]
