"""Logging in: password (step 1), then the six-digit TOTP code (step 2), BIO 5.17.01 (MFA).

* ``/inloggen/`` — username and password (Django's ``AuthenticationForm``; django-axes locks the account after
  ``AXES_FAILURE_LIMIT`` failures and renders ``web/locked_out.html``).
* ``/inloggen/verificatie/`` — the TOTP code of the user's confirmed device (RFC 6238, django-otp). A wrong
  code writes a security-log event ``otp_failed`` (BIO 8.15.01).
* ``/inloggen/authenticator/`` — first-time set-up of the authenticator app: QR code and secret, confirmed
  with a first code. Only for users without a confirmed device (a second device needs the functioneel
  beheerder, so a stolen password alone cannot enrol a new one).
* ``/uitloggen/`` — POST only.

Only the demo may switch the second factor off (``DEMO_WITHOUT_2FA``, see ``conf/includes/security.py``).
"""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from schakel.core import security_log
from schakel.core.middleware import second_factor_required
from schakel.core.models import SecurityLogEntry

from .forms import LoginForm, TokenForm

NEXT_SESSION_KEY = "schakel_login_next"


def _safe_next(request, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _finish(request):
    """Where to go once fully logged in: the remembered ``next`` or the work queue."""
    target = _safe_next(request, request.session.pop(NEXT_SESSION_KEY, None))
    return redirect(target or resolve_url(settings.LOGIN_REDIRECT_URL))


def _is_fully_logged_in(user) -> bool:
    return user.is_authenticated and (not second_factor_required() or user.is_verified())


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    """Step 1: username and password."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if _is_fully_logged_in(request.user):
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        if next_url:
            request.session[NEXT_SESSION_KEY] = next_url
        if not second_factor_required():
            return _finish(request)
        has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
        return redirect("web:verify" if has_device else "web:otp_setup")
    context = {"form": form, "next": next_url or "", "second_factor": second_factor_required()}
    return render(request, "web/auth/login.html", context)


def _check_token(request, device: TOTPDevice, form: TokenForm) -> bool:
    """Verify the code (throttled by django-otp, replay-protected); log a failure in the security log."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, info = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token", _("Te veel onjuiste codes achter elkaar. Wacht even en probeer het opnieuw.")
            )
            ok = False
        else:
            ok = device.verify_token(form.cleaned_data["token"])
            if not ok:
                form.add_error("token", _("Deze code is onjuist of verlopen. Probeer de volgende code."))
    if not ok:
        security_log.record(
            SecurityLogEntry.Event.SECOND_FACTOR_FAILED,
            user=request.user,
            object_description=f"authenticator {device.pk}",
            result="mislukt" if allowed else "vertraagd",
        )
    return ok


def _complete_second_factor(request, device: TOTPDevice):
    request.session.cycle_key()  # a new session id once the second factor is proven
    otp_login(request, device)
    security_log.record(
        SecurityLogEntry.Event.LOGIN,
        user=request.user,
        object_description=f"authenticator {device.pk}",
        result="tweede factor juist",
    )
    return _finish(request)


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    """Step 2: the TOTP code."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if _is_fully_logged_in(request.user):
        return _finish(request)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect("web:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(request, device, form):
        return _complete_second_factor(request, device)
    return render(request, "web/auth/verify.html", {"form": form})


def qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG markup (no script, no inline style: fits the CSP)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    markup = image.to_string(encoding="unicode")
    return markup[markup.index("<svg") :]


def _grouped_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup(request):
    """First-time set-up of the authenticator app (only without a confirmed device)."""
    if not request.user.is_authenticated:
        return redirect("web:login")
    if _is_fully_logged_in(request.user):
        return _finish(request)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("web:verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _check_token(request, device, form):
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(
            request, _("De authenticator-app is gekoppeld. Gebruik voortaan de code uit deze app.")
        )
        return _complete_second_factor(request, device)
    svg = qr_svg(device.config_url).replace(
        "<svg ", '<svg role="img" aria-labelledby="qr-title" class="schakel-qr__image" ', 1
    )
    svg = svg.replace(">", '><title id="qr-title">' + _("QR-code voor de authenticator-app") + "</title>", 1)
    context = {"form": form, "qr_svg": mark_safe(svg), "secret": _grouped_secret(device)}  # noqa: S308 - own SVG
    return render(request, "web/auth/otp_setup.html", context)


@require_POST
def logout(request):
    """Log out (POST only, so a link or image on another site cannot log a user out)."""
    auth_logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("web:login")
