"""The privacy officer's processing-log viewer: scope, person filter by POST, filters, CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from schakel.core import activities, processing_log
from schakel.core.models import ProcessingLogEntry, Role, SecurityLogEntry
from schakel.core.pseudonym import pseudonymise
from schakel.testing.factories import make_user, synthetic_bsn
from schakel.web import log_views

Act = ProcessingLogEntry.Action


def write(user, gemeente, bsn, *, action=Act.READ, reason="", result=ProcessingLogEntry.Result.SUCCESS):
    processing_log.record(
        user=user,
        action=action,
        operation="huishouden.inzien",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[processing_log.Subject("persoon", 1, bsn, gemeente.pk)],
        data_categories=["naam"],
        break_glass_reason=reason,
        result=result,
    )
    return ProcessingLogEntry.objects.latest("id")


@pytest.fixture
def entries(world):
    """Two persons in the officer's municipality and one in the neighbouring one."""
    bsn_a, bsn_b, bsn_foreign = synthetic_bsn(), synthetic_bsn(), synthetic_bsn()
    write(world.regisseur, world.gemeente, bsn_a)
    write(world.colleague, world.gemeente, bsn_a, action=Act.UPDATE)
    write(world.regisseur, world.gemeente, bsn_b, reason="Crisismelding in het weekend, collega afwezig")
    write(world.foreign_regisseur, world.other_gemeente, bsn_foreign)
    return {"a": bsn_a, "b": bsn_b, "foreign": bsn_foreign}


def shown(response):
    return list(response.context["page"].object_list)


def test_officer_sees_only_own_municipality(client, world, login, entries):
    login(client, world.privacy_officer)
    response = client.get(reverse("web:processing_log"))
    assert response.status_code == 200
    rows = shown(response)
    assert {e.username for e in rows} == {"regisseur", "collega"}
    assert all(e.gemeente_id == world.gemeente.pk for e in rows)
    assert "buurdorp" not in response.content.decode()


def test_other_municipalitys_officer_sees_only_theirs(client, world, login, entries):
    officer = make_user("privacy_officer", world.other_gemeente, username="fg-buurdorp")
    login(client, officer)
    rows = shown(client.get(reverse("web:processing_log")))
    assert [e.username for e in rows] == ["buurdorp"]


@pytest.mark.parametrize("who", ["regisseur", "teamleider", "contractmanager", "beheerder"])
def test_other_roles_are_refused(client, world, login, entries, who):
    login(client, getattr(world, who))
    assert client.get(reverse("web:processing_log")).status_code == 403
    assert client.get(reverse("web:processing_log_export")).status_code == 403
    assert client.get(reverse("web:security_log")).status_code == 403


def test_entry_without_municipality_is_shown_to_the_authors_officer(client, world, login):
    processing_log.record(
        user=world.regisseur,
        action=Act.SEARCH,
        operation="brp.naam",
        activity_code=activities.INTAKE_PERSON_SEARCH,
        subjects=[processing_log.Subject("brp-persoon", "-", synthetic_bsn(), None)],
    )
    login(client, world.privacy_officer)
    assert [e.operation for e in shown(client.get(reverse("web:processing_log")))] == ["brp.naam"]
    foreign_officer = make_user("privacy_officer", world.other_gemeente, username="fg-buurdorp")
    login(client, foreign_officer)
    assert shown(client.get(reverse("web:processing_log"))) == []


def test_person_filter_by_post_never_puts_the_bsn_in_a_url(client, world, login, entries):
    login(client, world.privacy_officer)
    bsn = entries["a"]
    response = client.post(reverse("web:processing_log"), {"bsn": bsn})
    assert response.status_code == 302
    assert bsn not in response.url
    assert all(bsn not in str(value) for value in response.headers.values())
    assert client.session[log_views.PERSON_FILTER_KEY] == pseudonymise(bsn)
    assert bsn not in str(dict(client.session.items()))

    page = client.get(response.url)
    assert bsn not in page.content.decode()
    assert all(bsn not in str(value) for value in page.headers.values())
    rows = shown(page)
    assert {e.username for e in rows} == {"regisseur", "collega"}
    assert {e.subject_hash for e in rows} == {pseudonymise(bsn)}

    # Looking at one person's log is itself logged, under the supervision activity.
    own = ProcessingLogEntry.objects.filter(user=world.privacy_officer)
    assert own.count() == 1
    entry = own.get()
    assert entry.processing_activity.code == activities.PRIVACY_SUPERVISION
    assert entry.subject_hash == pseudonymise(bsn) and entry.action == Act.SEARCH

    cleared = client.post(reverse("web:processing_log"), {"clear_person": "1"})
    assert log_views.PERSON_FILTER_KEY not in client.session
    assert len(shown(client.get(cleared.url))) > 2


def test_bsn_in_query_string_is_ignored(client, world, login, entries):
    login(client, world.privacy_officer)
    rows = shown(client.get(reverse("web:processing_log"), {"bsn": entries["a"]}))
    assert len(rows) == 3
    assert not ProcessingLogEntry.objects.filter(user=world.privacy_officer).exists()


def test_invalid_bsn_gets_dutch_field_error(client, world, login, entries):
    login(client, world.privacy_officer)
    response = client.post(reverse("web:processing_log"), {"bsn": "123456789"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "elfproef" in html
    assert 'aria-describedby="id_bsn-fout id_bsn-hint"' in html
    assert log_views.PERSON_FILTER_KEY not in client.session


def test_filters_user_action_break_glass_and_period(client, world, login, entries):
    login(client, world.privacy_officer)
    url = reverse("web:processing_log")
    assert {e.username for e in shown(client.get(url, {"user": world.colleague.pk}))} == {"collega"}
    assert [e.action for e in shown(client.get(url, {"action": Act.UPDATE}))] == [Act.UPDATE]
    glass = shown(client.get(url, {"break_glass": "on"}))
    assert len(glass) == 1 and glass[0].break_glass_reason.startswith("Crisismelding")
    today = timezone.localdate()
    assert len(shown(client.get(url, {"date_from": today.isoformat(), "date_to": today.isoformat()}))) == 3
    assert shown(client.get(url, {"date_to": (today - timedelta(days=1)).isoformat()})) == []
    response = client.get(
        url, {"date_from": today.isoformat(), "date_to": (today - timedelta(days=3)).isoformat()}
    )
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert shown(response) == []
    # A user of another municipality is not a valid choice.
    assert shown(client.get(url, {"user": world.foreign_regisseur.pk})) == []


def test_break_glass_entries_are_highlighted(client, world, login, entries):
    login(client, world.privacy_officer)
    html = client.get(reverse("web:processing_log")).content.decode()
    assert html.count("schakel-row--break-glass") == 1
    assert "Crisismelding in het weekend" in html


def test_pagination(client, world, login):
    bsn = synthetic_bsn()
    processing_log.record(
        user=world.regisseur,
        action=Act.READ,
        operation="huishouden.inzien",
        activity_code=activities.CASE_MANAGEMENT,
        subjects=[
            processing_log.Subject("persoon", i, bsn, world.gemeente.pk)
            for i in range(log_views.PAGE_SIZE + 5)
        ],
    )
    login(client, world.privacy_officer)
    first = client.get(reverse("web:processing_log"), {"action": Act.READ})
    assert len(shown(first)) == log_views.PAGE_SIZE
    assert "pagina=2" in first.content.decode() and "action=raadplegen" in first.content.decode()
    second = client.get(reverse("web:processing_log"), {"action": Act.READ, "pagina": 2})
    assert len(shown(second)) == 5


def test_log_cannot_be_changed_through_the_viewer(client, world, login, entries):
    login(client, world.privacy_officer)
    before = ProcessingLogEntry.objects.count()
    assert client.delete(reverse("web:processing_log")).status_code == 405
    assert client.put(reverse("web:processing_log")).status_code == 405
    assert client.post(reverse("web:processing_log_export")).status_code == 405
    assert client.post(reverse("web:security_log")).status_code == 405
    assert ProcessingLogEntry.objects.count() == before


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_content_and_logging(client, world, login, entries):
    login(client, world.privacy_officer)
    response = client.get(reverse("web:processing_log_export"), {"action": Act.READ})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == log_views.CSV_HEADER
    body = rows[1:]
    assert len(body) == 2
    user_col, hash_col = rows[0].index("gebruiker"), rows[0].index("betrokkene_hash")
    assert {r[user_col] for r in body} == {"regisseur"}
    assert {r[hash_col] for r in body} == {pseudonymise(entries["a"]), pseudonymise(entries["b"])}
    flat = "".join("".join(r) for r in rows)
    assert all(bsn not in flat for bsn in entries.values())

    event = SecurityLogEntry.objects.get(event=SecurityLogEntry.Event.EXPORT)
    assert event.user == world.privacy_officer
    assert event.detail["rows"] == 2 and event.detail["filters"] == {"action": Act.READ}
    own = ProcessingLogEntry.objects.get(user=world.privacy_officer)
    assert own.action == Act.EXPORT and own.processing_activity.code == activities.PRIVACY_SUPERVISION


def test_csv_export_respects_person_filter(client, world, login, entries):
    login(client, world.privacy_officer)
    client.post(reverse("web:processing_log"), {"bsn": entries["b"]})
    rows = read_csv(client.get(reverse("web:processing_log_export")))
    assert len(rows) == 2
    assert SecurityLogEntry.objects.get(event=SecurityLogEntry.Event.EXPORT).detail["person_filter"] is True
    export = ProcessingLogEntry.objects.get(user=world.privacy_officer, action=Act.EXPORT)
    assert export.subject_hash == pseudonymise(entries["b"])


def test_csv_cells_cannot_start_a_formula(client, world, login):
    write(world.regisseur, world.gemeente, synthetic_bsn(), reason='=HYPERLINK("http://x") doorbreking test')
    login(client, world.privacy_officer)
    rows = read_csv(client.get(reverse("web:processing_log_export")))
    reason = rows[1][rows[0].index("reden_doorbreking")]
    assert reason.startswith("'=")


def test_export_needs_the_export_permission(client, world, login, entries):
    from django.contrib.auth.models import Permission

    reader = Role.objects.create(code="meelezer", name="Meelezer")
    reader.permissions.add(Permission.objects.get(codename="view_processinglogentry"))
    user = make_user("meelezer", world.gemeente, username="meelezer")
    login(client, user)
    page = client.get(reverse("web:processing_log"))
    assert page.status_code == 200 and not page.context["can_export"]
    assert client.get(reverse("web:processing_log_export")).status_code == 403
    assert not SecurityLogEntry.objects.filter(event=SecurityLogEntry.Event.EXPORT).exists()
