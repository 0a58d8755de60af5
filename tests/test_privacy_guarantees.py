"""Cross-cutting guarantees (issue 2 §8): every page or endpoint that shows personal data writes the
processing log; no BSN reaches a log line; CSRF, CSP and cookie settings hold."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from schakel.core.models import ProcessingLogEntry
from schakel.testing.fixtures import verified_login

from .test_access_matrix import EXPECTED, _request, _url

SKIP = {
    "web:logout",
    "set_language",
    "web:login",
    "web:verify",
    "web:otp_setup",
    "health",
    "api:schema",
    "api:docs",
}


def _members(objects):
    return [m.person for m in objects["household"].memberships.select_related("person")]


def test_every_page_showing_personal_data_writes_the_processing_log(world, objects, client):
    verified_login(client, world.regisseur)
    names = [p.geslachtsnaam for p in _members(objects)] + [objects["household"].name]
    checked = []
    for name, (target, _allowed) in EXPECTED.items():
        if name in SKIP:
            continue
        before = ProcessingLogEntry.objects.count()
        response = _request(client, _url(name, target, objects), api=name.startswith("api:"))
        body = response.content.decode(errors="replace")
        if response.status_code != 200 or not any(n in body for n in names):
            continue
        new = ProcessingLogEntry.objects.order_by("-id")[: ProcessingLogEntry.objects.count() - before]
        assert new, f"{name} shows personal data but wrote no processing-log entry"
        assert all(entry.processing_activity_id for entry in new)
        checked.append(name)
    # The sweep must really have looked at the main screens and endpoints.
    for expected in (
        "cases:household",
        "cases:workqueue",
        "api:huishouden-detail",
        "api:casus-list",
        "api:persoon-detail",
    ):
        assert expected in checked, f"{expected} was not checked"


def test_no_bsn_in_any_log_line(world, objects, client, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    bsns = [p.bsn for p in _members(objects)]
    verified_login(client, world.regisseur)
    for name, (target, _allowed) in EXPECTED.items():
        if name in SKIP:
            continue
        _request(client, _url(name, target, objects), api=name.startswith("api:"))
    # BSN searches by POST, in the UI and the API, and a bad one.
    client.post(reverse("people:search"), {"bsn": bsns[0]})
    client.post(
        reverse("api:persoon-zoeken", kwargs={"version": "v1"}),
        {"bsn": bsns[0]},
        content_type="application/json",
    )
    client.post(
        reverse("api:persoon-zoeken", kwargs={"version": "v1"}),
        {"bsn": bsns[0][:-1] + "0"},
        content_type="application/json",
    )
    client.get("/bestaat-niet/" + bsns[0])  # a mistyped URL with a BSN: the log filter masks it
    captured = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    out = capsys.readouterr()
    for bsn in bsns:
        assert bsn not in captured
        assert bsn not in out.out and bsn not in out.err


def test_log_filter_masks_nine_digit_numbers():
    from schakel.core.logging import MaskBsnFilter

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "gevonden %s", ("999993847",), None)
    MaskBsnFilter().filter(record)
    assert "999993847" not in record.getMessage()


def test_csrf_is_enforced(world, objects):
    client = Client(enforce_csrf_checks=True)
    verified_login(client, world.regisseur)
    url = reverse("cases:start_onderzoek", kwargs={"pk": objects["case"].pk})
    assert client.post(url, {}).status_code == 403


def test_security_headers(world, client):
    verified_login(client, world.regisseur)
    response = client.get(reverse("cases:workqueue"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert re.fullmatch(r"app;dur=\d+\.\d", response["Server-Timing"])


@pytest.mark.parametrize("path", ["/casussen/werkvoorraad/", "/api/v1/casussen/"])
def test_anonymous_requests_are_refused(client, db, path):
    response = client.get(path, HTTP_ACCEPT="application/json")
    assert response.status_code in (302, 401, 403)
