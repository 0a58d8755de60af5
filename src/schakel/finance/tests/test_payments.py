"""Payment runs: four eyes, never paid twice, nothing half-paid, SEPA pain.001 valid against the XSD, CSV."""

import os
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from lxml import etree

from schakel.finance import services, workflow
from schakel.finance.models import PayableLine, PaymentRun, PaymentRunLine, PaymentRunStatus

from .conftest import claim

pytestmark = pytest.mark.django_db
TOMORROW = date.today() + timedelta(days=1)


def _prepare(fin):
    services.book_claim_lines(
        [claim(fin, "323:1", 19500), claim(fin, "323:2", 20000, month=2), claim(fin, "323:3", -500, month=2)]
    )
    return services.prepare_run(
        fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
    )


def test_prepare_collects_open_lines_and_is_idempotent(fin):
    run = _prepare(fin)
    assert (run.total_cents, run.line_count, run.status) == (39000, 3, "concept")
    again = services.prepare_run(
        fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
    )
    assert again.pk == run.pk
    assert PaymentRun.objects.count() == 1


def test_four_eyes_preparer_cannot_approve(fin):
    run = _prepare(fin)
    services.transition(fin.controller, run, "indienen")
    with pytest.raises(PermissionDenied):
        services.transition(fin.controller, run, "goedkeuren")
    run = services.transition(fin.approver, run, "goedkeuren")
    assert run.status == "goedgekeurd" and run.approved_by == fin.approver


def test_four_eyes_is_a_database_constraint(fin):
    run = _prepare(fin)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRun.objects.filter(pk=run.pk).update(approved_by=fin.controller)


def test_a_line_is_never_in_two_active_runs(fin):
    run = _prepare(fin)
    line = PayableLine.objects.first()
    other = PaymentRun.objects.create(
        gemeente=fin.gemeente,
        provider=fin.provider,
        reference="BR-X",
        execution_date=TOMORROW,
        prepared_by=fin.controller,
        prepared_at=run.prepared_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRunLine.objects.create(run=other, line=line)


def test_rejection_releases_lines_for_a_new_run(fin):
    run = _prepare(fin)
    services.transition(fin.controller, run, "indienen")
    with pytest.raises(ValidationError):
        services.transition(fin.approver, run, "afkeuren")  # a reason is required
    services.transition(fin.approver, run, "afkeuren", note="Regel 323:3 eerst uitzoeken")
    assert not PaymentRunLine.objects.filter(active=True).exists()
    new = services.prepare_run(
        fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
    )
    assert new.pk != run.pk and new.line_count == 3


def test_nothing_half_prepared_when_a_line_is_taken_concurrently(fin, monkeypatch):
    services.book_claim_lines([claim(fin, "323:1", 19500)])
    line = PayableLine.objects.get()
    blocker = PaymentRun.objects.create(
        gemeente=fin.gemeente,
        provider=fin.provider,
        reference="BR-BLOCK",
        execution_date=TOMORROW,
        prepared_by=fin.approver,
        prepared_at=line.booked_at,
        status="geannuleerd",
    )
    # simulate a concurrent run taking the line after the open lines were read
    from schakel.finance.services import payments

    original = payments.PaymentRunLine.objects.bulk_create

    def racing(objs, *args, **kwargs):
        PaymentRunLine.objects.create(run=blocker, line=line)
        return original(objs, *args, **kwargs)

    monkeypatch.setattr(payments.PaymentRunLine.objects, "bulk_create", racing)
    with pytest.raises(ValidationError):
        services.prepare_run(
            fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
        )
    assert not PaymentRun.objects.exclude(pk=blocker.pk).exists()
    assert not PaymentRunLine.objects.exists()


@pytest.mark.parametrize(
    ("setup", "field"),
    [("no_lines", "provider"), ("past", "execution_date"), ("no_iban", "provider"), ("negative", "provider")],
)
def test_prepare_refuses_bad_input(fin, setup, field):
    day = TOMORROW
    if setup != "no_lines":
        services.book_claim_lines([claim(fin, "323:1", -100 if setup == "negative" else 100)])
    if setup == "past":
        day = date.today() - timedelta(days=1)
    if setup == "no_iban":
        fin.provider.iban = ""
        fin.provider.save()
    with pytest.raises(ValidationError) as exc:
        services.prepare_run(fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=day)
    assert field in exc.value.message_dict
    assert not PaymentRun.objects.exists()


def test_sepa_export_only_when_approved_and_valid_against_xsd(fin):
    run = _prepare(fin)
    with pytest.raises(ValidationError):
        services.sepa_xml(fin.controller, run)
    services.transition(fin.controller, run, "indienen")
    run = services.transition(fin.approver, run, "goedkeuren")
    xml = services.sepa_xml(fin.controller, run)
    import sepaxml

    xsd = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.03.xsd")
    schema = etree.XMLSchema(etree.parse(xsd))
    doc = etree.fromstring(xml)
    schema.assertValid(doc)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    assert doc.findtext(".//p:CdtTrfTxInf/p:Amt/p:InstdAmt", namespaces=ns) == "390.00"
    assert doc.findtext(".//p:CdtTrfTxInf/p:CdtrAcct/p:Id/p:IBAN", namespaces=ns) == "NL91ABNA0417164300"
    assert doc.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=ns) == "NL02RABO0123456789"


def test_csv_export_has_every_line_and_no_bsn(fin):
    run = _prepare(fin)
    text = services.run_csv(fin.controller, run)
    rows = text.strip().split("\r\n")
    assert rows[0].startswith("betaalronde;aanbieder_agb")
    assert len(rows) == 4
    assert fin.person.bsn not in text
    assert sum(int(r.split(";")[11]) for r in rows[1:]) == run.total_cents


def test_paid_run_keeps_lines_and_cannot_change(fin):
    run = _prepare(fin)
    services.transition(fin.controller, run, "indienen")
    services.transition(fin.approver, run, "goedkeuren")
    run = services.transition(fin.approver, run, "betaald")
    assert run.paid_at is not None
    with pytest.raises(ValidationError):
        services.transition(fin.approver, run, "afkeuren", note="x")
    with pytest.raises(ValidationError):  # nothing left to pay: the lines were paid
        services.prepare_run(
            fin.controller, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
        )


def test_transition_table_is_complete():
    assert set(workflow.USER_TRANSITIONS) == set(PaymentRunStatus.values)
    for actions in workflow.USER_TRANSITIONS.values():
        for new_status, perm, who in actions.values():
            assert new_status in PaymentRunStatus.values
            assert perm in (workflow.PREPARE, workflow.APPROVE)
            assert who in ("any", "other", "preparer")
    approve = workflow.USER_TRANSITIONS["ingediend"]["goedkeuren"]
    assert approve[2] == "other"  # four eyes


def test_regisseur_cannot_prepare(fin, world):
    with pytest.raises(PermissionDenied):
        services.prepare_run(
            world.regisseur, gemeente=fin.gemeente, provider=fin.provider, execution_date=TOMORROW
        )
