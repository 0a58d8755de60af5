"""Language switch (Dutch default, English available) and the Dutch error pages."""

from django.test import RequestFactory
from django.urls import reverse

from schakel.web import errors


def test_dutch_by_default_and_english_on_request(client, db):
    assert "Gebruikersnaam" in client.get(reverse("web:login")).content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("web:login")})
    assert response.status_code == 302 and response.url == reverse("web:login")
    html = client.get(reverse("web:login")).content.decode()
    assert '<html lang="en"' in html
    assert "Username" in html and "Log in" in html
    assert "Gebruikersnaam" not in html


def test_language_switch_is_on_every_page(client, db):
    html = client.get(reverse("web:login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'lang="en"' in html  # the English option is marked up in its own language


def test_404_is_dutch_without_details(client, db):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_500_page_survives_a_broken_template_context(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(errors, "render", broken)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_dutch_by_default_even_for_an_english_browser(client, db):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Inloggen" in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response["Content-Language"] == "en"
