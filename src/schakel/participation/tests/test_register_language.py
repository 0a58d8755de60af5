"""The register's export headers and the deadline badges follow the active language (lazy labels)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from schakel.participation.views import common, register

pytestmark = pytest.mark.django_db


def test_labels_are_lazy():
    assert all(isinstance(label, Promise) for _key, label in register.COLUMNS)
    assert all(isinstance(label, Promise) for _badge, label in common.FLAG_VIEW.values())


def test_export_headers_in_english(client, settings):
    with translation.override("en"):
        expected = translation.gettext("Raad")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    header = client.get(reverse("participation:register_export"))
    first = header.content.decode().splitlines()[0].split(";")
    assert expected == "Council"
    assert expected in first


def test_export_headers_in_dutch(client):
    header = client.get(reverse("participation:register_export"))
    assert "Raad" in header.content.decode().splitlines()[0].split(";")
