"""Logging set-up: structlog formatters and a filter that masks anything shaped like a BSN.

No BSN may ever reach a log line (DESIGN.md §4); the filter is the last line of defence, the first
is never to put one there.
"""

from __future__ import annotations

import logging
import re

import structlog

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _mask(text: str) -> str:
    return _NINE_DIGITS.sub("*********", text)


class MaskBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = _mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


_shared = [
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso"),
]


def json_formatter():
    return structlog.stdlib.ProcessorFormatter(
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.JSONRenderer(),
        ],
        foreign_pre_chain=_shared,
    )


def console_formatter():
    return structlog.stdlib.ProcessorFormatter(
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.dev.ConsoleRenderer(colors=False),
        ],
        foreign_pre_chain=_shared,
    )


structlog.configure(
    processors=[*_shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)
