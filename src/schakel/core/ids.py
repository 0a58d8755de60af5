"""Identifiers."""

from __future__ import annotations

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    """A time-ordered UUID (version 7, RFC 9562 §5.7): 48 bits of Unix time in milliseconds, then random bits.

    Used for processing-log action ids: new ids land at the end of the unique index instead of on a random
    page, which keeps the log cheap to write on every request.
    """
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # variant (RFC 4122/9562)
    return uuid.UUID(int=value)
