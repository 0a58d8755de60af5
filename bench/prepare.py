"""Prepare a benchmark run inside the target database: a verified session for the demo regisseur and the
URLs to request. Prints JSON. Run with the benchmark's environment (``python -m bench.prepare``)."""

from __future__ import annotations

import json
import os
import random
import sys
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "schakel.conf.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from schakel.core.models import User
    from schakel.people.models import Household

    username = sys.argv[1] if len(sys.argv) > 1 else "regisseur"
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "schakel.core.backends.RolePermissionBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session["last_seen"] = int(time.time()) + 24 * 3600  # no idle logout during the run
    session.create()
    households = list(Household.objects.visible_to(user).values_list("pk", flat=True)[:5000])
    rng = random.Random(7)
    sample = rng.sample(households, min(200, len(households)))
    print(
        json.dumps(
            {
                "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "household_urls": [reverse("cases:household", kwargs={"pk": pk}) for pk in sample],
                "visible_households": len(households),
                "workqueue_url": reverse("cases:workqueue"),
                "api_cases_url": "/api/v1/casussen/",
                "health_url": reverse("health"),
            }
        )
    )


if __name__ == "__main__":
    main()
