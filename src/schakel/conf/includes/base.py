"""Core Django settings: apps, middleware, database, templates, i18n."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from schakel.conf.env import config

PACKAGE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(
    config(
        "SCHAKEL_VAR_DIR",
        str(Path.cwd() / "var"),
        help="Directory for the SQLite database, extracts and other local state.",
    )
)

DEMO = config(
    "SCHAKEL_DEMO",
    False,
    cast=bool,
    help="Run as the local demo (set by `schakel demo`). Never in production.",
)
DEBUG = config("SCHAKEL_DEBUG", False, cast=bool, help="Django debug mode. Development only.")

SECRET_KEY = config(
    "SCHAKEL_SECRET_KEY", None, help="Django secret key. Required outside the demo and the tests."
)
if not SECRET_KEY:
    if DEMO or DEBUG or config("SCHAKEL_TESTING", False, cast=bool, help="Set by the test runner."):
        SECRET_KEY = "insecure-demo-key-" + "x" * 40  # noqa: S105 - demo/test only, refused otherwise
    else:
        raise ImproperlyConfigured(
            "SCHAKEL_SECRET_KEY is required (only the demo and the tests run without one)."
        )

PSEUDONYM_KEY = config(
    "SCHAKEL_PSEUDONYM_KEY",
    SECRET_KEY,
    help="Secret for the keyed hash (HMAC-SHA256) of a person's BSN in the processing log and in extracts.",
)

ALLOWED_HOSTS = config(
    "SCHAKEL_ALLOWED_HOSTS",
    ["localhost", "127.0.0.1", "[::1]", "testserver"],
    cast=list,
    help="Host names this installation answers to.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "template_partials",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "schakel.core",
    "schakel.people",
    "schakel.cases",
    "schakel.outcomes",
    "schakel.contracts",
    "schakel.exchange",
    "schakel.participation",
    "schakel.finance",
    "schakel.partners",
    "schakel.monitoring",
    "schakel.synth",
    "schakel.web",
]

MIDDLEWARE = [
    "schakel.core.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "schakel.core.middleware.DutchByDefaultLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "schakel.core.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "schakel.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "schakel.urls"
WSGI_APPLICATION = "schakel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "schakel.web.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASE_URL = config(
    "DATABASE_URL",
    None,
    help="Database URL, e.g. postgres://user@host:5432/schakel. Default: SQLite in SCHAKEL_VAR_DIR.",
)
if DATABASE_URL:
    # Persistent connections (no connect/auth per request), checked before reuse after a restart of the server.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "schakel.sqlite3"),
            # Keep connections open between requests: no reconnect and PRAGMAs per request.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:workqueue"
LOGOUT_REDIRECT_URL = "web:login"
