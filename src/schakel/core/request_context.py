"""Per-request context (trace id, channel, origin) for the logs, kept in a context variable."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    trace_id: str
    channel: str = "systeem"
    origin: str = ""


_context: ContextVar[RequestContext | None] = ContextVar("schakel_request_context", default=None)


def current_context() -> RequestContext:
    context = _context.get()
    return context if context is not None else RequestContext(trace_id=uuid.uuid4().hex)


def set_context(context: RequestContext):
    return _context.set(context)


def reset_context(token) -> None:
    _context.reset(token)
