import pytest
from django.db import DatabaseError, connection, transaction

from schakel.core import activities, processing_log, security_log
from schakel.core.models import Membership, ProcessingLogEntry, Role, SecurityLogEntry
from schakel.core.pseudonym import pseudonymise


@pytest.fixture
def entry(world):
    processing_log.record(
        user=world.regisseur,
        action="raadplegen",
        operation="test",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", 1, "999993847", world.gemeente.pk)],
    )
    return ProcessingLogEntry.objects.get()


def test_entry_has_the_verwerkingenlogging_fields(world, entry):
    assert entry.subject_hash == pseudonymise("999993847")
    assert "999993847" not in str(entry.__dict__)
    assert entry.processing_activity.code == activities.CASE_MANAGEMENT
    assert entry.confidentiality == "vertrouwelijk"
    assert entry.retention_years == 15
    assert entry.username == "regisseur"
    assert entry.roles == "regisseur"
    assert entry.trace_id


def test_orm_refuses_changes(entry):
    entry.result = "geweigerd"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        ProcessingLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        ProcessingLogEntry.objects.update(result="x")


@pytest.mark.parametrize("sql", ["UPDATE {t} SET result = 'x'", "DELETE FROM {t}"])
@pytest.mark.parametrize("table", ["core_processinglogentry", "core_securitylogentry"])
def test_database_triggers_refuse_raw_sql(entry, sql, table):
    security_log.record(SecurityLogEntry.Event.EXPORT, username="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(t=table))


def test_unknown_activity_is_a_clear_error(world):
    with pytest.raises(processing_log.UnknownProcessingActivity):
        processing_log.record(
            user=world.regisseur,
            action="raadplegen",
            operation="x",
            activity_code="bestaat-niet",
            subjects=[processing_log.Subject("persoon", 1)],
        )


def test_role_changes_reach_the_security_log(world):
    before = SecurityLogEntry.objects.filter(event="role_change").count()
    membership = Membership.objects.create(
        user=world.contractmanager, gemeente=world.gemeente, role=Role.objects.get(code="controller")
    )
    membership.delete()
    role = Role.objects.get(code="controller")
    role.permissions.clear()
    assert SecurityLogEntry.objects.filter(event="role_change").count() == before + 3


def test_failed_login_is_logged(rf, world):
    from django.contrib.auth import authenticate

    assert (
        authenticate(request=rf.post("/inloggen/"), username="regisseur", password="nog-steeds-fout") is None
    )
    assert SecurityLogEntry.objects.filter(event="login_failed", username="regisseur").exists()


def test_a_large_batch_is_logged_completely_and_alike(world):
    """A batch (e.g. 250 incoming messages) goes through COPY on PostgreSQL and one INSERT per 500 rows
    on SQLite; either way every subject gets the same full entry."""
    n = processing_log._COPY_FROM + 101
    written = processing_log.record(
        user=world.regisseur,
        action="raadplegen",
        operation="test.batch",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", i, f"{i:09d}", world.gemeente.pk) for i in range(n)],
        data_categories=["naam", "adres"],
    )
    entries = ProcessingLogEntry.objects.filter(operation="test.batch")
    assert written == entries.count() == n
    assert entries.values("action_id").distinct().count() == n
    sample = entries.get(object_id=str(n - 1))
    assert sample.subject_hash == pseudonymise(f"{n - 1:09d}") and sample.data_categories == ["naam", "adres"]
    assert sample.username == "regisseur" and sample.gemeente_id == world.gemeente.pk and sample.timestamp
