"""Structured logging (structlog); JSON in production. A filter masks anything that looks like a BSN."""

from schakel.conf.env import config

from .base import DEBUG, DEMO

LOG_FORMAT = config("SCHAKEL_LOG_FORMAT", "console" if (DEBUG or DEMO) else "json", help="console or json")
LOG_LEVEL = config("SCHAKEL_LOG_LEVEL", "INFO", help="Root log level.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_bsn": {"()": "schakel.core.logging.MaskBsnFilter"}},
    "formatters": {
        "json": {"()": "schakel.core.logging.json_formatter"},
        "console": {"()": "schakel.core.logging.console_formatter"},
    },
    "handlers": {
        "default": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["mask_bsn"]},
    },
    "root": {"handlers": ["default"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
