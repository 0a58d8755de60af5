"""Login with password and TOTP (BIO 5.17.01), lock-out (django-axes), logout and idle expiry."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.core.models import SecurityLogEntry
from schakel.testing.factories import add_totp

PASSWORD = "Wachtwoord-voor-test-1"
Event = SecurityLogEntry.Event


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    valid = {code_for(device, d) for d in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def post_password(client, username, password=PASSWORD, next_url=None):
    url = reverse("web:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


def is_verified(client) -> bool:
    """Whether the session counts as fully logged in: the work queue does not bounce to a login step."""
    response = client.get(reverse("web:workqueue"))
    return response.status_code == 302 and not response.url.startswith("/inloggen")


def test_login_page_is_dutch_and_labelled(client, db):
    response = client.get(reverse("web:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert 'for="id_username"' in html and "Gebruikersnaam" in html
    assert 'for="id_password"' in html and "Wachtwoord" in html
    assert "'self'" in response["Content-Security-Policy"]


def test_anonymous_user_is_sent_to_login(client, db):
    response = client.get(reverse("web:processing_log"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:login") + "?next=")


def test_password_then_totp_logs_in(client, world):
    device = add_totp(world.regisseur)
    response = post_password(client, "regisseur")
    assert response.status_code == 302 and response.url == reverse("web:verify")
    # Between the two steps every page leads back to the code.
    assert client.get(reverse("web:workqueue")).url == reverse("web:verify")
    response = client.post(reverse("web:verify"), {"token": code_for(device)})
    assert response.status_code == 302
    assert response.url == reverse("web:workqueue")
    assert is_verified(client)
    results = list(
        SecurityLogEntry.objects.filter(event=Event.LOGIN, user=world.regisseur)
        .order_by("id")
        .values_list("result", flat=True)
    )
    assert results == ["wachtwoord juist, tweede factor volgt", "tweede factor juist"]


def test_wrong_password_shows_dutch_error_and_is_logged(client, world):
    response = post_password(client, "regisseur", "fout-wachtwoord")
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist" in response.content.decode()
    assert SecurityLogEntry.objects.filter(event=Event.LOGIN_FAILED, username="regisseur").count() == 1
    assert "_auth_user_id" not in client.session


def test_next_is_kept_across_both_steps_and_unsafe_next_ignored(client, world):
    device = add_totp(world.privacy_officer)
    target = reverse("web:processing_log")
    post_password(client, "fg", next_url=target)
    response = client.post(reverse("web:verify"), {"token": code_for(device)})
    assert response.url == target

    client.post(reverse("web:logout"))
    post_password(client, "fg", next_url="https://evil.example/")
    response = client.post(reverse("web:verify"), {"token": code_for(device, 1)})
    assert response.url == reverse("web:workqueue")


def test_wrong_totp_is_refused_and_written_to_security_log(client, world):
    device = add_totp(world.regisseur)
    post_password(client, "regisseur")
    response = client.post(reverse("web:verify"), {"token": wrong_code_for(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code is onjuist of verlopen" in html
    assert 'aria-describedby="id_token-fout id_token-hint"' in html
    event = SecurityLogEntry.objects.get(event=Event.SECOND_FACTOR_FAILED)
    assert event.user == world.regisseur and event.result == "mislukt"
    assert not is_verified(client)


def test_malformed_code_gets_field_error(client, world):
    add_totp(world.regisseur)
    post_password(client, "regisseur")
    response = client.post(reverse("web:verify"), {"token": "12ab"})
    assert "De code bestaat uit zes cijfers." in response.content.decode()


def test_used_code_cannot_be_replayed(client, world):
    device = add_totp(world.regisseur)
    post_password(client, "regisseur")
    code = code_for(device)
    client.post(reverse("web:verify"), {"token": code})
    client.post(reverse("web:logout"))
    post_password(client, "regisseur")
    response = client.post(reverse("web:verify"), {"token": code})
    assert response.status_code == 200
    assert SecurityLogEntry.objects.filter(event=Event.SECOND_FACTOR_FAILED).count() == 1


def test_user_without_device_sets_up_authenticator(client, world):
    response = post_password(client, "teamleider")
    assert response.url == reverse("web:otp_setup")
    page = client.get(reverse("web:otp_setup"))
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=world.teamleider)
    assert not device.confirmed
    assert "<svg" in html and 'role="img"' in html
    assert "<script" not in html.split("</head>")[1] and 'style="' not in html
    secret_group = html.split('schakel-secret">')[1].split("<")[0].replace(" ", "")
    assert len(secret_group) == 32  # 20-byte key in base32
    # Visiting again reuses the same, unconfirmed device.
    client.get(reverse("web:otp_setup"))
    assert TOTPDevice.objects.filter(user=world.teamleider).count() == 1

    response = client.post(reverse("web:otp_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert is_verified(client)


def test_setup_is_refused_when_a_device_is_already_confirmed(client, world):
    add_totp(world.regisseur)
    post_password(client, "regisseur")
    response = client.get(reverse("web:otp_setup"))
    assert response.url == reverse("web:verify")
    assert TOTPDevice.objects.filter(user=world.regisseur).count() == 1


def test_lockout_after_five_failures(client, world):
    for _ in range(4):
        assert post_password(client, "regisseur", "fout").status_code == 200
    response = post_password(client, "regisseur", "fout")
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert SecurityLogEntry.objects.filter(event=Event.LOCKOUT, username="regisseur").exists()
    # Even the right password is refused while the account is locked.
    response = post_password(client, "regisseur")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, world, login):
    login(client, world.regisseur)
    assert client.get(reverse("web:logout")).status_code == 405
    assert is_verified(client)
    response = client.post(reverse("web:logout"))
    assert response.url == reverse("web:login")
    assert client.get(reverse("web:workqueue")).url.startswith(reverse("web:login"))
    assert SecurityLogEntry.objects.filter(event=Event.LOGOUT, user=world.regisseur).exists()


def test_idle_session_expires(client, world, login, settings):
    login(client, world.regisseur)
    with time_machine.travel(timedelta(0), tick=False) as traveller:
        assert is_verified(client)
        traveller.shift(timedelta(seconds=settings.SESSION_IDLE_SECONDS - 120))
        assert is_verified(client)  # activity refreshes the idle timer
        traveller.shift(timedelta(seconds=settings.SESSION_IDLE_SECONDS + 60))
        response = client.get(reverse("web:workqueue"))
    assert response.status_code == 302 and response.url == reverse("web:login")
    assert "_auth_user_id" not in client.session


@override_settings(DEMO_WITHOUT_2FA=True)
def test_demo_without_2fa_skips_the_code(client, world):
    response = post_password(client, "regisseur")
    assert response.url == reverse("web:workqueue")
    assert is_verified(client)
    assert client.get(reverse("web:verify")).url == reverse("web:workqueue")
    assert not TOTPDevice.objects.filter(user=world.regisseur).exists()


@pytest.mark.parametrize("page", ["web:verify", "web:otp_setup"])
def test_second_factor_pages_need_the_password_first(client, db, page):
    assert client.get(reverse(page)).url == reverse("web:login")
