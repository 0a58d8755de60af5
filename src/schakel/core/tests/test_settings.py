import os
import subprocess
import sys


def _settings_load(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="schakel.conf.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_requires_a_secret_key(tmp_path):
    result = _settings_load({"SCHAKEL_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and "SCHAKEL_SECRET_KEY is required" in result.stderr


def test_totp_can_only_be_switched_off_by_the_demo(tmp_path):
    result = _settings_load(
        {"SCHAKEL_VAR_DIR": str(tmp_path), "SCHAKEL_SECRET_KEY": "k" * 50, "SCHAKEL_DEMO_WITHOUT_2FA": "true"}
    )
    assert result.returncode != 0 and "SCHAKEL_DEMO_WITHOUT_2FA" in result.stderr
    ok = _settings_load(
        {"SCHAKEL_VAR_DIR": str(tmp_path), "SCHAKEL_DEMO": "true", "SCHAKEL_DEMO_WITHOUT_2FA": "true"}
    )
    assert ok.returncode == 0, ok.stderr


def test_production_cookies_are_secure(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEMO_WITHOUT_2FA)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SCHAKEL_")}
    clean.update(
        SCHAKEL_VAR_DIR=str(tmp_path),
        SCHAKEL_SECRET_KEY="k" * 50,
        DJANGO_SETTINGS_MODULE="schakel.conf.settings",
    )
    out = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["True", "True", "False"], out.stderr
