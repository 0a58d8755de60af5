"""Request middleware: the second factor (BIO 5.17.01), idle-session expiry and the log context."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from .request_context import RequestContext, reset_context, set_context

#: Paths a logged-in user may reach before the second factor is verified.
#: Paths a logged-in user reaches before the second factor: login, static files, the API (own auth), the
#: language switch, the health check and public pages (the advisory councils' register).
_OPEN_PREFIXES = (
    "/inloggen",
    "/static/",
    "/api/",
    "/uitloggen",
    "/i18n/",
    "/gezond",
    "/adviesraden/register",
)


def second_factor_required() -> bool:
    return not getattr(settings, "DEMO_WITHOUT_2FA", False)


class RequireSecondFactorMiddleware:
    """Sends a logged-in user without a verified TOTP device to the verification page.

    The API enforces the same rule in :class:`schakel.api.permissions.IsVerifiedStaff`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and second_factor_required()
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect("web:verify")
        return self.get_response(request)


class RequestContextMiddleware:
    """Gives each request a trace id (also returned as ``X-Trace-Id``) and expires idle sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get("last_seen", now)
            if now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - last > 60:
                request.session["last_seen"] = now
            request.session.setdefault("last_seen", now)
        trace_id = uuid.uuid4().hex
        channel = "api" if request.path.startswith("/api/") else "web"
        token = set_context(RequestContext(trace_id=trace_id, channel=channel, origin=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            reset_context(token)
        response["X-Trace-Id"] = trace_id
        return response


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")[:64]


class ServerTimingMiddleware:
    """Outermost middleware: reports the server time of the whole request (``Server-Timing: app;dur=…``),
    which the benchmarks read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response


class DutchByDefaultLocaleMiddleware:
    """Dutch unless the user chose another language with the language switch (cookie).

    The browser's Accept-Language is deliberately ignored: the UI is Dutch by default for every member
    of staff (DESIGN.md §3), English only on request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(
            language
        ):  # restored afterwards: no language leaks to the thread's next use
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
