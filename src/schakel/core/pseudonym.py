"""Keyed hashes of identifiers (HMAC-SHA256 with a secret per installation).

Used for ``dpl.core.data_subject_id`` in the processing log and for persons in analytics extracts:
the same BSN always gives the same pseudonym within one installation, and it cannot be reversed
without the key.
"""

import hashlib
import hmac

from django.conf import settings


def pseudonymise(identifier: str, *, purpose: str = "log") -> str:
    key = f"{settings.PSEUDONYM_KEY}:{purpose}".encode()
    return hmac.new(key, identifier.encode(), hashlib.sha256).hexdigest()
