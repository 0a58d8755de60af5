"""Authentication and security: passwords, TOTP (BIO 5.17.01), lock-out, sessions, CSP, cookies."""

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from schakel.conf.env import config

from .base import DEBUG, DEMO

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "schakel.core.backends.RolePermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

#: The one switch that turns off the second factor. Only `schakel demo` may set it; it announces it.
DEMO_WITHOUT_2FA = config(
    "SCHAKEL_DEMO_WITHOUT_2FA",
    False,
    cast=bool,
    help="Demo only: log in without TOTP. Refused unless SCHAKEL_DEMO is set; the demo prints a warning.",
)
if DEMO_WITHOUT_2FA and not DEMO:
    raise ImproperlyConfigured(
        "SCHAKEL_DEMO_WITHOUT_2FA may only be used together with SCHAKEL_DEMO (the demo)."
    )

OTP_TOTP_ISSUER = "Schakel"

AXES_FAILURE_LIMIT = config("SCHAKEL_LOGIN_FAILURE_LIMIT", 5, cast=int, help="Failed logins before lock-out.")
AXES_COOLOFF_TIME = timedelta(
    minutes=config("SCHAKEL_LOCKOUT_MINUTES", 30, cast=int, help="Lock-out duration in minutes.")
)
#: Lock the account, not the address: a whole town hall shares one NAT address (hence axes.W006 silenced).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = config(
    "SCHAKEL_SESSION_SECONDS", 8 * 3600, cast=int, help="Maximum session age in seconds."
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_SECONDS = config(
    "SCHAKEL_SESSION_IDLE_SECONDS", 30 * 60, cast=int, help="Log out after this many idle seconds."
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
_SECURE_SETTING = config(
    "SCHAKEL_SECURE_COOKIES", True, cast=bool, help="Send cookies only over HTTPS (never in the demo)."
)
_SECURE = _SECURE_SETTING and not (DEMO or DEBUG)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = config(
    "SCHAKEL_CSRF_TRUSTED_ORIGINS", [], cast=list, help="Origins allowed for CSRF (https://...)."
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
